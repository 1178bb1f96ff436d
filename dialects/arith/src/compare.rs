//! Comparisons: `arith.cmpi slt, %a, %b : i32` yields `i1` (or a vector or
//! tensor of `i1` shaped like the operands).

use ir::constraints::{BOOL_LIKE, FLOAT_LIKE, SIGNLESS_INTEGER_LIKE};
use ir::dialect::AttrConstraint;
use ir::{define_op, Context, NamedAttribute, Type};

use crate::attrs::{is_predicate, parse_predicate, print_predicate, FASTMATH};

/// Integer predicates, in the order of their stored values.
pub const CMPI_PREDICATES: &[&str] = &["eq", "ne", "slt", "sle", "sgt", "sge", "ult", "ule", "ugt", "uge"];

/// Float predicates, in the order of their stored values.
pub const CMPF_PREDICATES: &[&str] =
    &["false", "oeq", "ogt", "oge", "olt", "ole", "one", "ord", "ueq", "ugt", "uge", "ult", "ule", "une", "uno", "true"];

const CMPI_PREDICATE: AttrConstraint = AttrConstraint {
    description: "allowed 64-bit signless integer cases: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9",
    check: |ctx, a| is_predicate(ctx, a, CMPI_PREDICATES),
    parse: Some(|p| parse_predicate(p, CMPI_PREDICATES, "integer comparison predicate")),
    print: Some(|p, a| print_predicate(p, a, CMPI_PREDICATES)),
    default: None,
};

const CMPF_PREDICATE: AttrConstraint = AttrConstraint {
    description: "allowed 64-bit signless integer cases: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15",
    check: |ctx, a| is_predicate(ctx, a, CMPF_PREDICATES),
    parse: Some(|p| parse_predicate(p, CMPF_PREDICATES, "floating point comparison predicate")),
    print: Some(|p, a| print_predicate(p, a, CMPF_PREDICATES)),
    default: None,
};

/// `i1`, shaped like the first operand.
fn bool_like(ctx: &Context, operands: &[Type], _: &[NamedAttribute]) -> Option<Vec<Type>> {
    let i1 = Type::integer(ctx, 1);
    Some(vec![operands.first()?.with_element(ctx, i1)])
}

define_op! {
    /// Compares integers by a predicate.
    pub struct CmpIOp = "arith.cmpi" {
        operands: [lhs: Single(SIGNLESS_INTEGER_LIKE), rhs: Single(SIGNLESS_INTEGER_LIKE)],
        results: [result: Single(BOOL_LIKE)],
        attributes: [predicate: Required(CMPI_PREDICATE)],
        traits: [PURE, SAME_TYPE_OPERANDS, ELEMENTWISE],
        format: "$predicate `,` $lhs `,` $rhs attr-dict `:` type($lhs)",
        extra: {
            infer_result_types: Some(bool_like),
            verify: Some(verify_shapes),
            fold: Some(crate::fold::fold_cmpi),
        },
    }
}

define_op! {
    /// Compares floats by a predicate (ordered or unordered).
    pub struct CmpFOp = "arith.cmpf" {
        operands: [lhs: Single(FLOAT_LIKE), rhs: Single(FLOAT_LIKE)],
        results: [result: Single(BOOL_LIKE)],
        attributes: [predicate: Required(CMPF_PREDICATE), fastmath: Optional(FASTMATH)],
        traits: [PURE, SAME_TYPE_OPERANDS, ELEMENTWISE],
        format: "$predicate `,` $lhs `,` $rhs (`fastmath` `` $fastmath^)? attr-dict `:` type($lhs)",
        extra: {
            infer_result_types: Some(bool_like),
            verify: Some(verify_shapes),
        },
    }
}

impl CmpIOp {
    /// The `predicate` attribute for a keyword (`slt`, `ult`, ...); `None`
    /// for a word that is not an integer predicate.
    pub fn predicate_attr(ctx: &Context, keyword: &str) -> Option<ir::Attribute> {
        let index = CMPI_PREDICATES.iter().position(|&p| p == keyword)?;
        Some(ir::Attribute::integer(ctx, index as i128, Type::integer(ctx, 64)))
    }
}

/// The `i1` result has the operands' shape.
fn verify_shapes(ir: &ir::Ir, op: ir::OpId) -> Result<(), ir::Diagnostic> {
    let ctx = ir.ctx();
    let operand = ir.value_type(ir.operands(op)[0]);
    let expected = operand.with_element(ctx, Type::integer(ctx, 1));
    let result = ir.value_type(ir.result(op, 0));
    if result != expected {
        return Err(ir::verifier::op_error(
            ir,
            op,
            format!(
                "result type '{}' must be i1 shaped like the operands ('{}')",
                ctx.print_type(result),
                ctx.print_type(expected)
            ),
        ));
    }
    Ok(())
}
