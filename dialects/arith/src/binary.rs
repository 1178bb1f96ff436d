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

/// Declares one binary op; `plain`, `overflow` or `fastmath` picks the
/// optional flags attribute and its place in the syntax.
macro_rules! binary_op {
    (plain, $doc:literal, $ty:ident, $name:literal, $c:ident, [$($t:ident),*]) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [lhs: Single($c), rhs: Single($c)],
                results: [result: Single($c)],
                traits: [PURE, SAME_OPERANDS_AND_RESULT_TYPE, ELEMENTWISE $(, $t)*],
                format: "$lhs `,` $rhs attr-dict `:` type($result)",
            }
        }
    };
    (overflow, $doc:literal, $ty:ident, $name:literal, $c:ident, [$($t:ident),*]) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [lhs: Single($c), rhs: Single($c)],
                results: [result: Single($c)],
                attributes: [overflowFlags: Optional(OVERFLOW)],
                traits: [PURE, SAME_OPERANDS_AND_RESULT_TYPE, ELEMENTWISE $(, $t)*],
                format: "$lhs `,` $rhs (`overflow` `` $overflowFlags^)? attr-dict `:` type($result)",
            }
        }
    };
    (fastmath, $doc:literal, $ty:ident, $name:literal, $c:ident, [$($t:ident),*]) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [lhs: Single($c), rhs: Single($c)],
                results: [result: Single($c)],
                attributes: [fastmath: Optional(FASTMATH)],
                traits: [PURE, SAME_OPERANDS_AND_RESULT_TYPE, ELEMENTWISE $(, $t)*],
                format: "$lhs `,` $rhs (`fastmath` `` $fastmath^)? attr-dict `:` type($result)",
            }
        }
    };
}

/// Declares every binary op and `register`, which adds them to the dialect.
macro_rules! binary_ops {
    ($($kind:ident $ty:ident = $name:literal, $c:ident, [$($t:ident),*], $doc:literal;)*) => {
        $(binary_op!($kind, $doc, $ty, $name, $c, [$($t),*]);)*

        pub(crate) fn register(dialect: Dialect) -> Dialect {
            dialect $(.with_op::<$ty>())* .with_op::<NegFOp>()
        }
    };
}

binary_ops! {
    overflow AddIOp = "arith.addi", SIGNLESS_INTEGER_LIKE, [COMMUTATIVE], "Integer addition, wrapping around.";
    overflow SubIOp = "arith.subi", SIGNLESS_INTEGER_LIKE, [], "Integer subtraction, wrapping around.";
    overflow MulIOp = "arith.muli", SIGNLESS_INTEGER_LIKE, [COMMUTATIVE], "Integer multiplication, wrapping around.";
    plain DivSIOp = "arith.divsi", SIGNLESS_INTEGER_LIKE, [], "Signed integer division, rounding toward zero.";
    plain DivUIOp = "arith.divui", SIGNLESS_INTEGER_LIKE, [], "Unsigned integer division.";
    plain CeilDivSIOp = "arith.ceildivsi", SIGNLESS_INTEGER_LIKE, [], "Signed integer division, rounding toward positive infinity.";
    plain CeilDivUIOp = "arith.ceildivui", SIGNLESS_INTEGER_LIKE, [], "Unsigned integer division, rounding up.";
    plain FloorDivSIOp = "arith.floordivsi", SIGNLESS_INTEGER_LIKE, [], "Signed integer division, rounding toward negative infinity.";
    plain RemSIOp = "arith.remsi", SIGNLESS_INTEGER_LIKE, [], "Signed integer remainder, with the sign of the dividend.";
    plain RemUIOp = "arith.remui", SIGNLESS_INTEGER_LIKE, [], "Unsigned integer remainder.";
    plain AndIOp = "arith.andi", SIGNLESS_INTEGER_LIKE, [COMMUTATIVE], "Bitwise and.";
    plain OrIOp = "arith.ori", SIGNLESS_INTEGER_LIKE, [COMMUTATIVE], "Bitwise or.";
    plain XOrIOp = "arith.xori", SIGNLESS_INTEGER_LIKE, [COMMUTATIVE], "Bitwise exclusive or.";
    overflow ShLIOp = "arith.shli", SIGNLESS_INTEGER_LIKE, [], "Shift left.";
    plain ShRSIOp = "arith.shrsi", SIGNLESS_INTEGER_LIKE, [], "Arithmetic (sign-filling) shift right.";
    plain ShRUIOp = "arith.shrui", SIGNLESS_INTEGER_LIKE, [], "Logical (zero-filling) shift right.";
    plain MaxSIOp = "arith.maxsi", SIGNLESS_INTEGER_LIKE, [COMMUTATIVE], "Signed integer maximum.";
    plain MaxUIOp = "arith.maxui", SIGNLESS_INTEGER_LIKE, [COMMUTATIVE], "Unsigned integer maximum.";
    plain MinSIOp = "arith.minsi", SIGNLESS_INTEGER_LIKE, [COMMUTATIVE], "Signed integer minimum.";
    plain MinUIOp = "arith.minui", SIGNLESS_INTEGER_LIKE, [COMMUTATIVE], "Unsigned integer minimum.";
    fastmath AddFOp = "arith.addf", FLOAT_LIKE, [COMMUTATIVE], "Floating-point addition.";
    fastmath SubFOp = "arith.subf", FLOAT_LIKE, [], "Floating-point subtraction.";
    fastmath MulFOp = "arith.mulf", FLOAT_LIKE, [COMMUTATIVE], "Floating-point multiplication.";
    fastmath DivFOp = "arith.divf", FLOAT_LIKE, [], "Floating-point division.";
    fastmath RemFOp = "arith.remf", FLOAT_LIKE, [], "Floating-point remainder, with the sign of the dividend.";
    fastmath MaximumFOp = "arith.maximumf", FLOAT_LIKE, [COMMUTATIVE], "Floating-point maximum, propagating NaN.";
    fastmath MinimumFOp = "arith.minimumf", FLOAT_LIKE, [COMMUTATIVE], "Floating-point minimum, propagating NaN.";
    fastmath MaxNumFOp = "arith.maxnumf", FLOAT_LIKE, [COMMUTATIVE], "Floating-point maximum, preferring numbers over NaN.";
    fastmath MinNumFOp = "arith.minnumf", FLOAT_LIKE, [COMMUTATIVE], "Floating-point minimum, preferring numbers over NaN.";
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
