//! The math dialect: elementwise mathematical functions (exponentials,
//! logarithms, roots, trigonometry, rounding, bit counts) on scalars,
//! vectors and tensors. Float ops take arith's `fastmath` flags.

use dialect_arith::FASTMATH;
use ir::constraints::{BOOL_LIKE, FLOAT_LIKE, SIGNLESS_INTEGER_LIKE};
use ir::{define_op, Context, Dialect, NamedAttribute, Type};

/// Declares one op per line; the shape (unary or binary, float or integer)
/// fixes operands, traits and syntax.
macro_rules! math_ops {
    ($($shape:ident $ty:ident = $name:literal, $doc:literal;)*) => {
        $(math_op!($shape, $doc, $ty, $name);)*

        /// The math dialect.
        pub fn dialect() -> Dialect {
            Dialect::new("math", "Elementwise mathematical functions.")
                $(.with_op::<$ty>())*
                .with_op::<FmaOp>()
                .with_op::<FPowIOp>()
        }
    };
}

macro_rules! math_op {
    (float_unary, $doc:literal, $ty:ident, $name:literal) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [operand: Single(FLOAT_LIKE)],
                results: [result: Single(FLOAT_LIKE)],
                attributes: [fastmath: Optional(FASTMATH)],
                traits: [PURE, SAME_OPERANDS_AND_RESULT_TYPE, ELEMENTWISE],
                format: "$operand (`fastmath` `` $fastmath^)? attr-dict `:` type($result)",
            }
        }
    };
    (float_binary, $doc:literal, $ty:ident, $name:literal) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [lhs: Single(FLOAT_LIKE), rhs: Single(FLOAT_LIKE)],
                results: [result: Single(FLOAT_LIKE)],
                attributes: [fastmath: Optional(FASTMATH)],
                traits: [PURE, SAME_OPERANDS_AND_RESULT_TYPE, ELEMENTWISE],
                format: "$lhs `,` $rhs (`fastmath` `` $fastmath^)? attr-dict `:` type($result)",
            }
        }
    };
    (float_class, $doc:literal, $ty:ident, $name:literal) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [operand: Single(FLOAT_LIKE)],
                results: [result: Single(BOOL_LIKE)],
                attributes: [fastmath: Optional(FASTMATH)],
                traits: [PURE, ELEMENTWISE],
                format: "$operand (`fastmath` `` $fastmath^)? attr-dict `:` type($operand)",
                extra: { infer_result_types: Some(bool_like) },
            }
        }
    };
    (int_unary, $doc:literal, $ty:ident, $name:literal) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [operand: Single(SIGNLESS_INTEGER_LIKE)],
                results: [result: Single(SIGNLESS_INTEGER_LIKE)],
                traits: [PURE, SAME_OPERANDS_AND_RESULT_TYPE, ELEMENTWISE],
                format: "$operand attr-dict `:` type($result)",
            }
        }
    };
    (int_binary, $doc:literal, $ty:ident, $name:literal) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [lhs: Single(SIGNLESS_INTEGER_LIKE), rhs: Single(SIGNLESS_INTEGER_LIKE)],
                results: [result: Single(SIGNLESS_INTEGER_LIKE)],
                traits: [PURE, SAME_OPERANDS_AND_RESULT_TYPE, ELEMENTWISE],
                format: "$lhs `,` $rhs attr-dict `:` type($result)",
            }
        }
    };
}

/// `i1` shaped like the operand.
fn bool_like(ctx: &Context, operands: &[Type], _: &[NamedAttribute]) -> Option<Vec<Type>> {
    Some(vec![operands.first()?.with_element(ctx, Type::integer(ctx, 1))])
}

math_ops! {
    float_unary AbsFOp = "math.absf", "Absolute value of a float.";
    float_unary AcosOp = "math.acos", "Arc cosine.";
    float_unary AsinOp = "math.asin", "Arc sine.";
    float_unary AtanOp = "math.atan", "Arc tangent.";
    float_binary Atan2Op = "math.atan2", "Arc tangent of lhs / rhs, using both signs for the quadrant.";
    float_unary CbrtOp = "math.cbrt", "Cube root.";
    float_unary CeilOp = "math.ceil", "Rounds up to an integer value.";
    float_binary CopySignOp = "math.copysign", "The magnitude of lhs with the sign of rhs.";
    float_unary CosOp = "math.cos", "Cosine.";
    float_unary CoshOp = "math.cosh", "Hyperbolic cosine.";
    float_unary ErfOp = "math.erf", "Error function.";
    float_unary ErfcOp = "math.erfc", "Complementary error function.";
    float_unary ExpOp = "math.exp", "Base-e exponential.";
    float_unary Exp2Op = "math.exp2", "Base-2 exponential.";
    float_unary ExpM1Op = "math.expm1", "e^x - 1, accurate near zero.";
    float_unary FloorOp = "math.floor", "Rounds down to an integer value.";
    float_unary LogOp = "math.log", "Natural logarithm.";
    float_unary Log10Op = "math.log10", "Base-10 logarithm.";
    float_unary Log1pOp = "math.log1p", "log(1 + x), accurate near zero.";
    float_unary Log2Op = "math.log2", "Base-2 logarithm.";
    float_binary PowFOp = "math.powf", "lhs raised to the power rhs.";
    float_unary RoundOp = "math.round", "Rounds to the nearest integer value, halves away from zero.";
    float_unary RoundEvenOp = "math.roundeven", "Rounds to the nearest integer value, halves to even.";
    float_unary RsqrtOp = "math.rsqrt", "Reciprocal square root.";
    float_unary SinOp = "math.sin", "Sine.";
    float_unary SinhOp = "math.sinh", "Hyperbolic sine.";
    float_unary SqrtOp = "math.sqrt", "Square root.";
    float_unary TanOp = "math.tan", "Tangent.";
    float_unary TanhOp = "math.tanh", "Hyperbolic tangent.";
    float_unary TruncOp = "math.trunc", "Rounds toward zero to an integer value.";
    float_class IsFiniteOp = "math.isfinite", "Whether a float is finite.";
    float_class IsInfOp = "math.isinf", "Whether a float is infinite.";
    float_class IsNaNOp = "math.isnan", "Whether a float is NaN.";
    float_class IsNormalOp = "math.isnormal", "Whether a float is normal.";
    int_unary AbsIOp = "math.absi", "Absolute value of an integer.";
    int_unary CountLeadingZerosOp = "math.ctlz", "Number of leading zero bits.";
    int_unary CountTrailingZerosOp = "math.cttz", "Number of trailing zero bits.";
    int_unary CtPopOp = "math.ctpop", "Number of set bits.";
    int_binary IPowIOp = "math.ipowi", "Integer power of an integer.";
}

define_op! {
    /// Fused multiply-add: a * b + c with one rounding.
    pub struct FmaOp = "math.fma" {
        operands: [a: Single(FLOAT_LIKE), b: Single(FLOAT_LIKE), c: Single(FLOAT_LIKE)],
        results: [result: Single(FLOAT_LIKE)],
        attributes: [fastmath: Optional(FASTMATH)],
        traits: [PURE, SAME_OPERANDS_AND_RESULT_TYPE, ELEMENTWISE],
        format: "$a `,` $b `,` $c (`fastmath` `` $fastmath^)? attr-dict `:` type($result)",
    }
}

define_op! {
    /// A float raised to an integer power.
    pub struct FPowIOp = "math.fpowi" {
        operands: [lhs: Single(FLOAT_LIKE), rhs: Single(SIGNLESS_INTEGER_LIKE)],
        results: [result: Single(FLOAT_LIKE)],
        attributes: [fastmath: Optional(FASTMATH)],
        traits: [PURE, ELEMENTWISE],
        format: "$lhs `,` $rhs (`fastmath` `` $fastmath^)? attr-dict `:` type($lhs) `,` type($rhs)",
        extra: { infer_result_types: Some(|_, operands, _| Some(vec![*operands.first()?])) },
    }
}
