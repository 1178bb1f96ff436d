//! Arithmetic with two results: the full product of two integers
//! (`mulsi_extended`, `mului_extended`: low and high halves) and addition
//! with a carry (`addui_extended`).
//!
//! ```mlir
//! %low, %high = arith.mulsi_extended %a, %b : i32
//! %sum, %carry = arith.addui_extended %a, %b : i32, i1
//! ```

use ir::constraints::{BOOL_LIKE, SIGNLESS_INTEGER_LIKE};
use ir::syntax::{OpParser, ParseResult};
use ir::{define_op, Context, NamedAttribute, Type};

/// Upstream's result names.
fn name_halves(_: &ir::Ir, _: ir::OpId) -> Vec<Option<String>> {
    vec![Some("low".into()), Some("high".into())]
}

fn name_sum_and_overflow(_: &ir::Ir, _: ir::OpId) -> Vec<Option<String>> {
    vec![Some("sum".into()), Some("overflow".into())]
}

/// Both halves have the operands' type.
fn two_halves(_: &Context, operands: &[Type], _: &[NamedAttribute]) -> Option<Vec<Type>> {
    let t = *operands.first()?;
    Some(vec![t, t])
}

/// The two multiplications differ only in how they read their operands.
macro_rules! extended_multiplication {
    ($(#[doc = $doc:literal] $ty:ident = $name:literal;)*) => {$(
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [lhs: Single(SIGNLESS_INTEGER_LIKE), rhs: Single(SIGNLESS_INTEGER_LIKE)],
                results: [low: Single(SIGNLESS_INTEGER_LIKE), high: Single(SIGNLESS_INTEGER_LIKE)],
                traits: [PURE, COMMUTATIVE, SAME_TYPE_OPERANDS, ELEMENTWISE],
                format: "$lhs `,` $rhs attr-dict `:` type($lhs)",
                extra: {
                    infer_result_types: Some(two_halves),
                    name_results: Some(name_halves),
                },
            }
        }
    )*};
}

extended_multiplication! {
    /// Signed multiplication giving the low and high halves of the full product.
    MulSIExtendedOp = "arith.mulsi_extended";
    /// Unsigned multiplication giving the low and high halves of the full product.
    MulUIExtendedOp = "arith.mului_extended";
}

define_op! {
    /// Unsigned addition with an overflow (carry) flag.
    pub struct AddUIExtendedOp = "arith.addui_extended" {
        operands: [lhs: Single(SIGNLESS_INTEGER_LIKE), rhs: Single(SIGNLESS_INTEGER_LIKE)],
        results: [sum: Single(SIGNLESS_INTEGER_LIKE), overflow: Single(BOOL_LIKE)],
        traits: [PURE, COMMUTATIVE, SAME_TYPE_OPERANDS, ELEMENTWISE],
        format: "$lhs `,` $rhs attr-dict `:` type($sum) `,` type($overflow)",
        extra: {
            parse: Some(parse_add_extended),
            verify: Some(verify_add_extended),
            name_results: Some(name_sum_and_overflow),
        },
    }
}

/// The operands have the type of `sum`, which the format only names as a result.
fn parse_add_extended(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let lhs = p.parse_operand()?;
    p.expect_punct(",")?;
    let rhs = p.parse_operand()?;
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let sum = p.parse_type()?;
    p.expect_punct(",")?;
    let overflow = p.parse_type()?;
    let operands = [p.resolve_operand(&lhs, sum)?, p.resolve_operand(&rhs, sum)?];
    p.state.operands.extend(operands);
    p.state.result_types.extend([sum, overflow]);
    Ok(())
}

fn verify_add_extended(ir: &ir::Ir, op: ir::OpId) -> Result<(), ir::Diagnostic> {
    let ctx = ir.ctx();
    let sum = ir.value_type(ir.result(op, 0));
    if ir.value_type(ir.operands(op)[0]) != sum {
        return Err(ir::verifier::op_error(ir, op, "operands and 'sum' must have the same type"));
    }
    let overflow = ir.value_type(ir.result(op, 1));
    if overflow != sum.with_element(ctx, Type::integer(ctx, 1)) {
        return Err(ir::verifier::op_error(ir, op, "'overflow' must be i1 shaped like 'sum'"));
    }
    Ok(())
}
