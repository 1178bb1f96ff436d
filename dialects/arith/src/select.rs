//! `arith.select`: picks one of two values by an `i1`, or elementwise by a
//! vector/tensor of `i1`.
//!
//! ```mlir
//! %0 = arith.select %cond, %a, %b : i32
//! %1 = arith.select %mask, %v, %w : vector<4xi1>, vector<4xf32>
//! ```

use ir::constraints::{ANY_TYPE, BOOL_LIKE};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Ir, OpId, Type};

define_op! {
    /// Chooses between two values by a condition.
    pub struct SelectOp = "arith.select" {
        operands: [condition: Single(BOOL_LIKE), true_value: Single(ANY_TYPE), false_value: Single(ANY_TYPE)],
        results: [result: Single(ANY_TYPE)],
        traits: [PURE, ELEMENTWISE],
        extra: {
            parse: Some(parse_select),
            print: Some(print_select),
            verify: Some(verify_select),
            fold: Some(crate::fold::fold_select),
        },
    }
}

/// `%c, %a, %b : T` or, with a shaped condition, `: C, T`.
fn parse_select(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let condition = p.parse_operand()?;
    p.expect_punct(",")?;
    let true_value = p.parse_operand()?;
    p.expect_punct(",")?;
    let false_value = p.parse_operand()?;
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let first = p.parse_type()?;
    let (condition_type, value_type) =
        if p.parse_optional_punct(",") { (first, p.parse_type()?) } else { (Type::integer(p.ctx(), 1), first) };
    let operands = [
        p.resolve_operand(&condition, condition_type)?,
        p.resolve_operand(&true_value, value_type)?,
        p.resolve_operand(&false_value, value_type)?,
    ];
    p.state.operands.extend(operands);
    p.state.result_types.push(value_type);
    Ok(())
}

fn print_select(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let select = SelectOp(op);
    p.write(" ");
    p.print_operands(ir.operands(op));
    p.print_optional_attr_dict(op, &[]);
    p.write(" : ");
    let condition_type = ir.value_type(select.condition(ir));
    if !condition_type.is_signless_int_of_width(ir.ctx(), 1) {
        p.print_type(condition_type);
        p.write(", ");
    }
    p.print_type(ir.value_type(select.result(ir)));
}

fn verify_select(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let select = SelectOp(op);
    let result = ir.value_type(select.result(ir));
    for v in [select.true_value(ir), select.false_value(ir)] {
        if ir.value_type(v) != result {
            return Err(op_error(ir, op, "failed to verify that all of {true_value, false_value, result} have same type"));
        }
    }
    let condition = ir.value_type(select.condition(ir));
    if !condition.is_signless_int_of_width(ctx, 1) && condition != result.with_element(ctx, Type::integer(ctx, 1)) {
        return Err(op_error(ir, op, "expected condition type to have the same shape as the result type"));
    }
    Ok(())
}
