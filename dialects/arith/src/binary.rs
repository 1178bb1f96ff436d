//! Binary and unary elementwise arithmetic: one line per op. Integer ops
//! work on signless integers and index (and vectors/tensors of them), float
//! ops on floats; operands and result share one type.
//!
//! ```mlir
//! %0 = arith.addi %a, %b overflow<nsw> : i32
//! %1 = arith.mulf %x, %y fastmath<fast> : vector<4xf32>
//! ```

use ir::constraints::{FLOAT_LIKE, SIGNLESS_INTEGER_LIKE};
use ir::{define_op, Dialect};

use crate::attrs::{FASTMATH, OVERFLOW};
use crate::fold::{fold_float, fold_int, FloatOp, IntOp};

/// Declares one binary op; `plain`, `overflow` or `fastmath` picks the
/// optional flags attribute and its place in the syntax.
macro_rules! binary_op {
    (plain, $doc:literal, $ty:ident, $name:literal, $c:ident, [$($t:ident),*], $fold:expr) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [lhs: Single($c), rhs: Single($c)],
                results: [result: Single($c)],
                traits: [PURE, SAME_OPERANDS_AND_RESULT_TYPE, ELEMENTWISE $(, $t)*],
                format: "$lhs `,` $rhs attr-dict `:` type($result)",
                extra: { fold: $fold },
            }
        }
    };
    (overflow, $doc:literal, $ty:ident, $name:literal, $c:ident, [$($t:ident),*], $fold:expr) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [lhs: Single($c), rhs: Single($c)],
                results: [result: Single($c)],
                attributes: [overflowFlags: Optional(OVERFLOW)],
                traits: [PURE, SAME_OPERANDS_AND_RESULT_TYPE, ELEMENTWISE $(, $t)*],
                format: "$lhs `,` $rhs (`overflow` `` $overflowFlags^)? attr-dict `:` type($result)",
                extra: { fold: $fold },
            }
        }
    };
    (fastmath, $doc:literal, $ty:ident, $name:literal, $c:ident, [$($t:ident),*], $fold:expr) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [lhs: Single($c), rhs: Single($c)],
                results: [result: Single($c)],
                attributes: [fastmath: Optional(FASTMATH)],
                traits: [PURE, SAME_OPERANDS_AND_RESULT_TYPE, ELEMENTWISE $(, $t)*],
                format: "$lhs `,` $rhs (`fastmath` `` $fastmath^)? attr-dict `:` type($result)",
                extra: { fold: $fold },
            }
        }
    };
}

/// Declares every binary op and `register`, which adds them to the dialect.
macro_rules! binary_ops {
    ($($kind:ident $ty:ident = $name:literal, $c:ident, [$($t:ident),*], $fold:expr, $doc:literal;)*) => {
        $(binary_op!($kind, $doc, $ty, $name, $c, [$($t),*], $fold);)*

        pub(crate) fn register(dialect: Dialect) -> Dialect {
            dialect $(.with_op::<$ty>())* .with_op::<NegFOp>()
        }
    };
}

binary_ops! {
    overflow AddIOp = "arith.addi", SIGNLESS_INTEGER_LIKE, [COMMUTATIVE], Some(|ir, op, c| fold_int(ir, op, c, IntOp::Add)), "Integer addition, wrapping around.";
    overflow SubIOp = "arith.subi", SIGNLESS_INTEGER_LIKE, [], Some(|ir, op, c| fold_int(ir, op, c, IntOp::Sub)), "Integer subtraction, wrapping around.";
    overflow MulIOp = "arith.muli", SIGNLESS_INTEGER_LIKE, [COMMUTATIVE], Some(|ir, op, c| fold_int(ir, op, c, IntOp::Mul)), "Integer multiplication, wrapping around.";
    plain DivSIOp = "arith.divsi", SIGNLESS_INTEGER_LIKE, [], Some(|ir, op, c| fold_int(ir, op, c, IntOp::DivS)), "Signed integer division, rounding toward zero.";
    plain DivUIOp = "arith.divui", SIGNLESS_INTEGER_LIKE, [], Some(|ir, op, c| fold_int(ir, op, c, IntOp::DivU)), "Unsigned integer division.";
    plain CeilDivSIOp = "arith.ceildivsi", SIGNLESS_INTEGER_LIKE, [], None, "Signed integer division, rounding toward positive infinity.";
    plain CeilDivUIOp = "arith.ceildivui", SIGNLESS_INTEGER_LIKE, [], None, "Unsigned integer division, rounding up.";
    plain FloorDivSIOp = "arith.floordivsi", SIGNLESS_INTEGER_LIKE, [], None, "Signed integer division, rounding toward negative infinity.";
    plain RemSIOp = "arith.remsi", SIGNLESS_INTEGER_LIKE, [], Some(|ir, op, c| fold_int(ir, op, c, IntOp::RemS)), "Signed integer remainder, with the sign of the dividend.";
    plain RemUIOp = "arith.remui", SIGNLESS_INTEGER_LIKE, [], Some(|ir, op, c| fold_int(ir, op, c, IntOp::RemU)), "Unsigned integer remainder.";
    plain AndIOp = "arith.andi", SIGNLESS_INTEGER_LIKE, [COMMUTATIVE], Some(|ir, op, c| fold_int(ir, op, c, IntOp::And)), "Bitwise and.";
    plain OrIOp = "arith.ori", SIGNLESS_INTEGER_LIKE, [COMMUTATIVE], Some(|ir, op, c| fold_int(ir, op, c, IntOp::Or)), "Bitwise or.";
    plain XOrIOp = "arith.xori", SIGNLESS_INTEGER_LIKE, [COMMUTATIVE], Some(|ir, op, c| fold_int(ir, op, c, IntOp::Xor)), "Bitwise exclusive or.";
    overflow ShLIOp = "arith.shli", SIGNLESS_INTEGER_LIKE, [], Some(|ir, op, c| fold_int(ir, op, c, IntOp::Shl)), "Shift left.";
    plain ShRSIOp = "arith.shrsi", SIGNLESS_INTEGER_LIKE, [], Some(|ir, op, c| fold_int(ir, op, c, IntOp::ShrS)), "Arithmetic (sign-filling) shift right.";
    plain ShRUIOp = "arith.shrui", SIGNLESS_INTEGER_LIKE, [], Some(|ir, op, c| fold_int(ir, op, c, IntOp::ShrU)), "Logical (zero-filling) shift right.";
    plain MaxSIOp = "arith.maxsi", SIGNLESS_INTEGER_LIKE, [COMMUTATIVE], Some(|ir, op, c| fold_int(ir, op, c, IntOp::MaxS)), "Signed integer maximum.";
    plain MaxUIOp = "arith.maxui", SIGNLESS_INTEGER_LIKE, [COMMUTATIVE], Some(|ir, op, c| fold_int(ir, op, c, IntOp::MaxU)), "Unsigned integer maximum.";
    plain MinSIOp = "arith.minsi", SIGNLESS_INTEGER_LIKE, [COMMUTATIVE], Some(|ir, op, c| fold_int(ir, op, c, IntOp::MinS)), "Signed integer minimum.";
    plain MinUIOp = "arith.minui", SIGNLESS_INTEGER_LIKE, [COMMUTATIVE], Some(|ir, op, c| fold_int(ir, op, c, IntOp::MinU)), "Unsigned integer minimum.";
    fastmath AddFOp = "arith.addf", FLOAT_LIKE, [COMMUTATIVE], Some(|ir, op, c| fold_float(ir, op, c, FloatOp::Add)), "Floating-point addition.";
    fastmath SubFOp = "arith.subf", FLOAT_LIKE, [], Some(|ir, op, c| fold_float(ir, op, c, FloatOp::Sub)), "Floating-point subtraction.";
    fastmath MulFOp = "arith.mulf", FLOAT_LIKE, [COMMUTATIVE], Some(|ir, op, c| fold_float(ir, op, c, FloatOp::Mul)), "Floating-point multiplication.";
    fastmath DivFOp = "arith.divf", FLOAT_LIKE, [], Some(|ir, op, c| fold_float(ir, op, c, FloatOp::Div)), "Floating-point division.";
    fastmath RemFOp = "arith.remf", FLOAT_LIKE, [], None, "Floating-point remainder, with the sign of the dividend.";
    fastmath MaximumFOp = "arith.maximumf", FLOAT_LIKE, [COMMUTATIVE], None, "Floating-point maximum, propagating NaN.";
    fastmath MinimumFOp = "arith.minimumf", FLOAT_LIKE, [COMMUTATIVE], None, "Floating-point minimum, propagating NaN.";
    fastmath MaxNumFOp = "arith.maxnumf", FLOAT_LIKE, [COMMUTATIVE], None, "Floating-point maximum, preferring numbers over NaN.";
    fastmath MinNumFOp = "arith.minnumf", FLOAT_LIKE, [COMMUTATIVE], None, "Floating-point minimum, preferring numbers over NaN.";
}

define_op! {
    /// Floating-point negation.
    pub struct NegFOp = "arith.negf" {
        operands: [operand: Single(FLOAT_LIKE)],
        results: [result: Single(FLOAT_LIKE)],
        attributes: [fastmath: Optional(FASTMATH)],
        traits: [PURE, SAME_OPERANDS_AND_RESULT_TYPE, ELEMENTWISE],
        format: "$operand (`fastmath` `` $fastmath^)? attr-dict `:` type($result)",
    }
}
