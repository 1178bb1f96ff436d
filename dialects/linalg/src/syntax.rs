//! The pieces of custom syntax that linalg ops share:
//! `ins(%a, %b : tensor<4xf32>, f32) outs(%c : tensor<4xf32>)`, the
//! `-> types` of tensor results, and the `%in`/`%out` names of body
//! arguments.

use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::{Attribute, Ir, OpId, Type, Value};

use crate::structured::Structured;

/// `keyword(%a, %b : t1, t2)` if `keyword` comes next; the operands resolved.
pub fn parse_operands_with_types(p: &mut OpParser<'_, '_>, keyword: &str) -> ParseResult<Vec<Value>> {
    if !p.parse_optional_keyword(keyword) {
        return Ok(Vec::new());
    }
    p.expect_punct("(")?;
    let location = p.current_location();
    let operands = p.parse_operand_list()?;
    let types = if operands.is_empty() {
        Vec::new()
    } else {
        p.expect_punct(":")?;
        p.parse_type_list()?
    };
    p.expect_punct(")")?;
    p.resolve_operands(&operands, &types, location)
}

/// ` keyword(%a, %b : t1, t2)`, nothing when `values` is empty.
pub fn print_operands_with_types(p: &mut OpPrinter<'_>, keyword: &str, values: &[Value]) {
    if values.is_empty() {
        return;
    }
    let types: Vec<Type> = values.iter().map(|&v| p.ir.value_type(v)).collect();
    p.write(" ");
    p.write(keyword);
    p.write("(");
    p.print_operands(values);
    p.write(" : ");
    p.print_types(&types);
    p.write(")");
}

/// `ins(...) outs(...)`: adds the operands and their `operandSegmentSizes`.
pub fn parse_ins_outs(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let inputs = parse_operands_with_types(p, "ins")?;
    let outputs = parse_operands_with_types(p, "outs")?;
    let sizes = [inputs.len() as i32, outputs.len() as i32];
    p.state.operands.extend(inputs);
    p.state.operands.extend(outputs);
    let sizes = Attribute::dense_i32_array(p.ctx(), &sizes);
    p.add_attribute("operandSegmentSizes", sizes);
    Ok(())
}

/// ` ins(...) outs(...)` of a structured op.
pub fn print_ins_outs(p: &mut OpPrinter<'_>, op: OpId) {
    let Some(s) = Structured::of(p.ir, op) else { return };
    print_operands_with_types(p, "ins", s.inputs());
    print_operands_with_types(p, "outs", s.outputs());
}

/// `-> t1, t2` if present, into the op's result types.
pub fn parse_optional_results(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    if p.parse_optional_punct("->") {
        let types = if p.peek("(") { p.parse_paren_type_list()? } else { p.parse_type_list()? };
        p.state.result_types.extend(types);
    }
    Ok(())
}

/// ` -> t` or ` -> (t1, t2)` when the op has results (upstream's
/// `printOptionalArrowTypeList`).
pub fn print_optional_results(p: &mut OpPrinter<'_>, op: OpId) {
    let types: Vec<Type> = p.ir.results(op).iter().map(|&r| p.ir.value_type(r)).collect();
    match types.len() {
        0 => {}
        1 => {
            p.write(" -> ");
            p.print_types(&types);
        }
        _ => {
            p.write(" -> (");
            p.print_types(&types);
            p.write(")");
        }
    }
}

/// The result types that tensor outputs give (ops whose syntax leaves them out).
pub fn tensor_output_types(p: &OpParser<'_, '_>, outputs: &[Value]) -> Vec<Type> {
    outputs.iter().map(|&v| p.value_type(v)).filter(|t| t.is_tensor(p.ctx())).collect()
}

/// `%in` for each input and `%out` for each output, as upstream names them.
pub fn name_in_out(ir: &Ir, op: OpId, _region: usize) -> Vec<Option<String>> {
    body_argument_names(ir, op, "in", "out")
}

/// `%in` for each input and `%init` for each init (`linalg.map`, `linalg.reduce`).
pub fn name_in_init(ir: &Ir, op: OpId, _region: usize) -> Vec<Option<String>> {
    body_argument_names(ir, op, "in", "init")
}

fn body_argument_names(ir: &Ir, op: OpId, input: &str, output: &str) -> Vec<Option<String>> {
    let Some(s) = Structured::of(ir, op) else { return Vec::new() };
    let inputs = s.inputs().len();
    (0..s.operands().len()).map(|i| Some(if i < inputs { input } else { output }.to_string())).collect()
}
