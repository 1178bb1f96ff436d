//! `cf.switch`: a multi-way branch on an integer.
//!
//! ```mlir
//! cf.switch %flag : i32, [
//!   default: ^bb1(%a : i32),
//!   42: ^bb2,
//!   43: ^bb3(%b : i32)
//! ]
//! ```

use ir::attributes::{AttrData, DenseElements};
use ir::constraints::{ANY_ATTR, ANY_TYPE, SIGNLESS_INTEGER_LIKE};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::types::TypeData;
use ir::{define_op, Attribute, Diagnostic, Ir, OpId, Type};

use crate::verify_successor_operands;

define_op! {
    /// Jumps to the block of the matching case value, or to the default block.
    pub struct SwitchOp = "cf.switch" {
        operands: [flag: Single(SIGNLESS_INTEGER_LIKE), defaultOperands: Variadic(ANY_TYPE), caseOperands: Variadic(ANY_TYPE)],
        attributes: [case_values: Optional(ANY_ATTR), case_operand_segments: Required(ANY_ATTR)],
        successors: [defaultDestination: Single, caseDestinations: Variadic],
        traits: [TERMINATOR, PURE],
        extra: {
            parse: Some(parse_switch),
            print: Some(print_switch),
            verify: Some(verify_switch),
        },
    }
}

impl SwitchOp {
    /// The `case_values` attribute for cases `values` on a flag of type
    /// `flag_type` (a `vector<N x flag_type>` of dense elements, as parsed);
    /// `None` when a value does not fit the type.
    pub fn case_values_attr(ctx: &ir::Context, flag_type: Type, values: &[i128]) -> Option<Attribute> {
        let values = values.iter().map(|&v| ir::syntax::integer_of_type(ctx, v, flag_type)).collect::<Option<Vec<_>>>()?;
        let vector =
            ctx.intern_type(TypeData::Vector { shape: vec![values.len() as i64], scalable: vec![false], element: flag_type });
        let elements = match values.first() {
            Some(&first) if values.iter().all(|&v| v == first) => DenseElements::Splat(first),
            _ => DenseElements::Elements(values),
        };
        Some(ctx.intern_attr(AttrData::DenseElements { ty: vector, elements }))
    }

    /// The case values, in order.
    pub fn case_value_list(self, ir: &Ir) -> Vec<i128> {
        let ctx = ir.ctx();
        match self.case_values(ir).map(|a| a.data(ctx)) {
            Some(AttrData::DenseElements { elements: DenseElements::Elements(items), .. }) => {
                items.iter().filter_map(|a| a.as_integer(ctx)).collect()
            }
            Some(AttrData::DenseElements { elements: DenseElements::Splat(v), ty }) => {
                let n = ty.shape(ctx).and_then(|s| s.first().copied()).unwrap_or(0).max(0) as usize;
                vec![v.as_integer(ctx).unwrap_or(0); n]
            }
            _ => Vec::new(),
        }
    }

    /// The operands passed to each case's block.
    pub fn case_operand_groups(self, ir: &Ir) -> Vec<&[ir::Value]> {
        let ctx = ir.ctx();
        let sizes = self.case_operand_segments(ir).and_then(|a| a.as_dense_int_array(ctx)).unwrap_or_default();
        let mut rest = self.caseOperands(ir);
        sizes
            .into_iter()
            .map(|n| {
                let (head, tail) = rest.split_at((n.max(0) as usize).min(rest.len()));
                rest = tail;
                head
            })
            .collect()
    }
}

/// `^bb1` or `^bb1(%a : i32)`.
fn parse_destination(p: &mut OpParser<'_, '_>) -> ParseResult<(ir::BlockId, Vec<ir::Value>)> {
    let block = p.parse_successor()?;
    let operands = p.parse_successor_operands()?;
    Ok((block, operands))
}

fn parse_switch(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    let flag = p.parse_operand()?;
    p.expect_punct(":")?;
    let flag_type = p.parse_type()?;
    let flag = p.resolve_operand(&flag, flag_type)?;
    p.expect_punct(",")?;
    p.expect_punct("[")?;
    p.expect_keyword("default")?;
    p.expect_punct(":")?;
    let (default_block, default_operands) = parse_destination(p)?;
    let mut values = Vec::new();
    let mut blocks = Vec::new();
    let mut case_operands: Vec<ir::Value> = Vec::new();
    let mut segments = Vec::new();
    while p.parse_optional_punct(",") {
        let location = p.current_location();
        let value = p.parse_integer()?;
        if ir::syntax::integer_of_type(&ctx, value, flag_type).is_none() {
            return Err(Diagnostic::error(location, "case value is out of range for the flag type"));
        }
        p.expect_punct(":")?;
        let (block, operands) = parse_destination(p)?;
        values.push(value);
        blocks.push(block);
        segments.push(operands.len() as i32);
        case_operands.extend(operands);
    }
    p.expect_punct("]")?;
    p.parse_optional_attr_dict()?;

    let sizes = [1, default_operands.len() as i32, case_operands.len() as i32];
    p.state.operands.push(flag);
    p.state.operands.extend(default_operands);
    p.state.operands.extend(case_operands);
    p.state.successors.push(default_block);
    p.state.successors.extend(blocks);
    if let Some(attr) = SwitchOp::case_values_attr(&ctx, flag_type, &values).filter(|_| !values.is_empty()) {
        p.add_attribute("case_values", attr);
    }
    p.add_attribute("case_operand_segments", Attribute::dense_i32_array(&ctx, &segments));
    p.add_attribute("operandSegmentSizes", Attribute::dense_i32_array(&ctx, &sizes));
    Ok(())
}

fn print_switch(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let switch = SwitchOp(op);
    let flag = switch.flag(ir);
    p.write(" ");
    p.print_operand(flag);
    p.write(" : ");
    p.print_type(ir.value_type(flag));
    p.write(", [");
    p.increase_indent();
    p.newline();
    p.write("default: ");
    p.print_successor_and_operands(ir.successors(op)[0], switch.defaultOperands(ir));
    let values = switch.case_value_list(ir);
    let groups = switch.case_operand_groups(ir);
    for (i, (&block, value)) in ir.successors(op)[1..].iter().zip(&values).enumerate() {
        p.write(",");
        p.newline();
        p.write(&value.to_string());
        p.write(": ");
        p.print_successor_and_operands(block, groups.get(i).copied().unwrap_or(&[]));
    }
    p.decrease_indent();
    if !values.is_empty() {
        p.newline();
    }
    p.write("]");
    p.print_optional_attr_dict(op, &["case_values", "case_operand_segments", "operandSegmentSizes"]);
}

fn verify_switch(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let switch = SwitchOp(op);
    let values = switch.case_value_list(ir);
    let cases = ir.successors(op).len() - 1;
    if values.len() != cases {
        return Err(ir::verifier::op_error(
            ir,
            op,
            format!("number of case values ({}) should match number of case destinations ({cases})", values.len()),
        ));
    }
    let flag_type: Type = ir.value_type(switch.flag(ir));
    if let Some(ty) = switch.case_values(ir).and_then(|a| a.typed_attr_type(ir.ctx())) {
        if ty.shaped_element(ir.ctx()) != Some(flag_type) {
            return Err(ir::verifier::op_error(ir, op, "'flag' and 'case_values' must have the same element type"));
        }
    }
    let groups = switch.case_operand_groups(ir);
    if groups.len() != cases {
        return Err(ir::verifier::op_error(ir, op, "number of case operand segments should match number of case destinations"));
    }
    verify_successor_operands(ir, op, 0, switch.defaultOperands(ir))?;
    for (i, operands) in groups.iter().enumerate() {
        verify_successor_operands(ir, op, i + 1, operands)?;
    }
    Ok(())
}
