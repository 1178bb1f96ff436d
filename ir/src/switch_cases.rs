//! The case table of a multi-way branch (`cf.switch`, `llvm.switch`): case
//! values in a `case_values` dense vector of the flag's type, one successor
//! per case after the default one, and each case's block operands in
//! `caseOperands`, split by `case_operand_segments`. Parsing and printing of
//! the `value: ^bb(%a : i32)` entries and the checks live here so that every
//! switch op stores and checks its cases the same way.

use crate::attributes::{AttrData, DenseElements};
use crate::body::{BlockId, Ir, OpId, Value};
use crate::diagnostics::Diagnostic;
use crate::syntax::{OpParser, OpPrinter, ParseResult};
use crate::types::{Type, TypeData};
use crate::verifier::{op_error, verify_successor_operands};
use crate::Attribute;

/// `^bb1` or `^bb1(%a : i32)`.
pub fn parse_destination(p: &mut OpParser<'_, '_>) -> ParseResult<(BlockId, Vec<Value>)> {
    let block = p.parse_successor()?;
    let operands = p.parse_successor_operands()?;
    Ok((block, operands))
}

/// The `case_values` attribute for `values` on a flag of type `flag_type`:
/// a `vector<N x flag_type>` of dense elements (a splat when all are
/// equal); `None` when a value does not fit the type.
pub fn case_values_attr(ctx: &crate::Context, flag_type: Type, values: &[i128]) -> Option<Attribute> {
    let values: Vec<Attribute> =
        values.iter().map(|&v| crate::syntax::integer_of_type(ctx, v, flag_type)).collect::<Option<_>>()?;
    let vector =
        ctx.intern_type(TypeData::Vector { shape: vec![values.len() as i64], scalable: vec![false], element: flag_type });
    let elements = match values.first() {
        Some(&first) if values.iter().all(|&v| v == first) => DenseElements::Splat(first),
        _ => DenseElements::Elements(values),
    };
    Some(ctx.intern_attr(AttrData::DenseElements { ty: vector, elements }))
}

/// The cases as parsed, before they become the op's successors and attributes.
#[derive(Default)]
pub struct CaseTable {
    values: Vec<i128>,
    blocks: Vec<BlockId>,
    operands: Vec<Value>,
    segments: Vec<i32>,
}

impl CaseTable {
    /// Reads one `value: ^bb(...)` entry for a flag of type `flag_type`.
    pub fn parse_case(&mut self, p: &mut OpParser<'_, '_>, flag_type: Type) -> ParseResult<()> {
        let location = p.current_location();
        let value = p.parse_integer()?;
        if crate::syntax::integer_of_type(p.ctx(), value, flag_type).is_none() {
            return Err(Diagnostic::error(location, "case value is out of range for the flag type"));
        }
        p.expect_punct(":")?;
        let (block, operands) = parse_destination(p)?;
        self.values.push(value);
        self.blocks.push(block);
        self.segments.push(operands.len() as i32);
        self.operands.extend(operands);
        Ok(())
    }

    /// Adds the flag, the default destination and the cases to the op:
    /// operands, successors, `case_values`, `case_operand_segments` and
    /// `operandSegmentSizes`.
    pub fn add_to(self, p: &mut OpParser<'_, '_>, flag: Value, default: (BlockId, Vec<Value>)) {
        let ctx = p.context();
        let flag_type = p.value_type(flag);
        let sizes = [1, default.1.len() as i32, self.operands.len() as i32];
        p.state.operands.push(flag);
        p.state.operands.extend(default.1);
        p.state.operands.extend(self.operands);
        p.state.successors.push(default.0);
        p.state.successors.extend(self.blocks);
        if let Some(values) = case_values_attr(&ctx, flag_type, &self.values).filter(|_| !self.values.is_empty()) {
            p.add_attribute("case_values", values);
        }
        p.add_attribute("case_operand_segments", Attribute::dense_i32_array(&ctx, &self.segments));
        p.add_attribute("operandSegmentSizes", Attribute::dense_i32_array(&ctx, &sizes));
    }
}

/// The attributes a switch keeps its cases in, left out of its attribute dictionary.
pub const CASE_ATTRIBUTES: [&str; 3] = ["case_values", "case_operand_segments", "operandSegmentSizes"];

/// The case values of switch `op`, in order.
pub fn case_values(ir: &Ir, op: OpId) -> Vec<i128> {
    let ctx = ir.ctx();
    match ir.attr(op, "case_values").map(|a| a.data(ctx)) {
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

/// The operands of switch `op` passed to its default block and to each case's block.
pub fn destination_operands(ir: &Ir, op: OpId) -> (&[Value], Vec<&[Value]>) {
    let ctx = ir.ctx();
    let operands = ir.operands(op);
    let sizes = ir.attr(op, "operandSegmentSizes").and_then(|a| a.as_dense_int_array(ctx)).unwrap_or_default();
    let default_count = sizes.get(1).map_or(0, |&n| n.max(0) as usize).min(operands.len().saturating_sub(1));
    let default = &operands[1.min(operands.len())..1 + default_count];
    let mut rest = &operands[(1 + default_count).min(operands.len())..];
    let segments = ir.attr(op, "case_operand_segments").and_then(|a| a.as_dense_int_array(ctx)).unwrap_or_default();
    let cases = segments
        .into_iter()
        .map(|n| {
            let (head, tail) = rest.split_at((n.max(0) as usize).min(rest.len()));
            rest = tail;
            head
        })
        .collect();
    (default, cases)
}

/// Writes `value: ^bb(args)` entries, one per line, separated by commas.
pub fn print_cases(p: &mut OpPrinter<'_>, op: OpId, first_separator: &str) {
    let ir = p.ir;
    let values = case_values(ir, op);
    let (_, groups) = destination_operands(ir, op);
    for (i, (&block, value)) in ir.successors(op)[1..].iter().zip(&values).enumerate() {
        p.write(if i == 0 { first_separator } else { "," });
        p.newline();
        p.write(&value.to_string());
        p.write(": ");
        p.print_successor_and_operands(block, groups.get(i).copied().unwrap_or(&[]));
    }
}

/// One value and one operand segment per case, values of the flag's type,
/// and operands that fit each destination block.
pub fn verify_cases(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let values = case_values(ir, op);
    let cases = ir.successors(op).len().saturating_sub(1);
    if values.len() != cases {
        return Err(op_error(
            ir,
            op,
            format!("number of case values ({}) should match number of case destinations ({cases})", values.len()),
        ));
    }
    let flag_type = ir.value_type(ir.operands(op)[0]);
    if let Some(ty) = ir.attr(op, "case_values").and_then(|a| a.typed_attr_type(ctx)) {
        if ty.shaped_element(ctx) != Some(flag_type) {
            return Err(op_error(ir, op, "'flag' and 'case_values' must have the same element type"));
        }
    }
    let (default, groups) = destination_operands(ir, op);
    if groups.len() != cases {
        return Err(op_error(ir, op, "number of case operand segments should match number of case destinations"));
    }
    verify_successor_operands(ir, op, 0, default)?;
    for (i, operands) in groups.iter().enumerate() {
        verify_successor_operands(ir, op, i + 1, operands)?;
    }
    Ok(())
}
