//! LLVM intrinsics used as ops (`llvm.intr.*`): math functions, integer
//! bit operations, min/max, vector reductions, masked vector loads and
//! stores, and memory copies. Those with
//! custom syntax write `llvm.intr.exp(%x) : (f32) -> f32`; the others
//! (`llvm.intr.memcpy`, `llvm.intr.ctlz`, most vector reductions) print in
//! generic form, as upstream.

use ir::constraints::{ANY_ATTR, UNIT_ATTR};
use ir::dialect::AttrConstraint;
use ir::{define_op, AttrData, Dialect};

use crate::attrs::FASTMATH_FLAGS;
use crate::{LLVM_POINTER, LLVM_TYPE};

/// Declares one intrinsic. The shape says whether it takes fast-math
/// flags (`float`) and whether it has custom syntax (`generic_*` ops print
/// in generic form, as upstream).
macro_rules! intrinsic {
    (float, $($rest:tt)*) => {
        intrinsic!(@op [attributes: [fastmathFlags: Optional(FASTMATH_FLAGS)],] [format: "`(` operands `)` attr-dict `:` functional-type(operands, results)",] $($rest)*);
    };
    (plain, $($rest:tt)*) => {
        intrinsic!(@op [] [format: "`(` operands `)` attr-dict `:` functional-type(operands, results)",] $($rest)*);
    };
    (generic_float, $($rest:tt)*) => {
        intrinsic!(@op [attributes: [fastmathFlags: Optional(FASTMATH_FLAGS)],] [] $($rest)*);
    };
    (generic, $($rest:tt)*) => {
        intrinsic!(@op [] [] $($rest)*);
    };
    (@op [$($attributes:tt)*] [$($format:tt)*] $doc:literal, $ty:ident, $name:literal, [$($operand:ident),*]) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [$($operand: Single(LLVM_TYPE)),*],
                results: [res: Single(LLVM_TYPE)],
                $($attributes)*
                traits: [PURE],
                $($format)*
            }
        }
    };
}

macro_rules! intrinsics {
    ($($shape:ident $ty:ident = $name:literal ($($operand:ident),*), $doc:literal;)*) => {
        $(intrinsic!($shape, $doc, $ty, $name, [$($operand),*]);)*

        pub(crate) fn register(dialect: Dialect) -> Dialect {
            dialect $(.with_op::<$ty>())*
                .with_op::<CountLeadingZerosOp>()
                .with_op::<CountTrailingZerosOp>()
                .with_op::<AbsOp>()
                .with_op::<MemcpyOp>()
                .with_op::<MemmoveOp>()
                .with_op::<MemsetOp>()
                .with_op::<StackSaveOp>()
                .with_op::<StackRestoreOp>()
                .with_op::<MaskedLoadOp>()
                .with_op::<MaskedStoreOp>()
        }
    };
}

intrinsics! {
    float FAbsOp = "llvm.intr.fabs"(r#in), "The absolute value of a float.";
    float CeilOp = "llvm.intr.ceil"(r#in), "A float rounded up.";
    float FloorOp = "llvm.intr.floor"(r#in), "A float rounded down.";
    float SqrtOp = "llvm.intr.sqrt"(r#in), "The square root of a float.";
    float ExpOp = "llvm.intr.exp"(r#in), "e raised to a float.";
    float Exp2Op = "llvm.intr.exp2"(r#in), "2 raised to a float.";
    float LogOp = "llvm.intr.log"(r#in), "The natural logarithm of a float.";
    float Log2Op = "llvm.intr.log2"(r#in), "The base-2 logarithm of a float.";
    float Log10Op = "llvm.intr.log10"(r#in), "The base-10 logarithm of a float.";
    float SinOp = "llvm.intr.sin"(r#in), "The sine of a float.";
    float CosOp = "llvm.intr.cos"(r#in), "The cosine of a float.";
    float TanOp = "llvm.intr.tan"(r#in), "The tangent of a float.";
    float TanhOp = "llvm.intr.tanh"(r#in), "The hyperbolic tangent of a float.";
    float SinhOp = "llvm.intr.sinh"(r#in), "The hyperbolic sine of a float.";
    float CoshOp = "llvm.intr.cosh"(r#in), "The hyperbolic cosine of a float.";
    float AsinOp = "llvm.intr.asin"(r#in), "The arcsine of a float.";
    float AcosOp = "llvm.intr.acos"(r#in), "The arccosine of a float.";
    float AtanOp = "llvm.intr.atan"(r#in), "The arctangent of a float.";
    float Atan2Op = "llvm.intr.atan2"(a, b), "The arctangent of `a / b`, in the quadrant of the signs of both.";
    float RoundOp = "llvm.intr.round"(r#in), "A float rounded to the nearest integer, halves away from zero.";
    float RoundEvenOp = "llvm.intr.roundeven"(r#in), "A float rounded to the nearest integer, halves to even.";
    float FTruncOp = "llvm.intr.trunc"(r#in), "A float rounded toward zero.";
    float RintOp = "llvm.intr.rint"(r#in), "A float rounded in the current rounding mode.";
    float NearbyintOp = "llvm.intr.nearbyint"(r#in), "A float rounded in the current rounding mode, without raising inexact.";
    float PowOp = "llvm.intr.pow"(a, b), "A float raised to a float power.";
    float PowIOp = "llvm.intr.powi"(val, power), "A float raised to an integer power.";
    float MaxNumOp = "llvm.intr.maxnum"(a, b), "The larger of two floats, ignoring a NaN.";
    float MinNumOp = "llvm.intr.minnum"(a, b), "The smaller of two floats, ignoring a NaN.";
    float MaximumOp = "llvm.intr.maximum"(a, b), "The larger of two floats, propagating NaN.";
    float MinimumOp = "llvm.intr.minimum"(a, b), "The smaller of two floats, propagating NaN.";
    float CopySignOp = "llvm.intr.copysign"(a, b), "The magnitude of one float with the sign of another.";
    float FmaOp = "llvm.intr.fma"(a, b, c), "`a * b + c` rounded once.";
    float FMulAddOp = "llvm.intr.fmuladd"(a, b, c), "`a * b + c`, fused when faster.";
    plain CtPopOp = "llvm.intr.ctpop"(r#in), "The number of set bits of an integer.";
    plain BitReverseOp = "llvm.intr.bitreverse"(r#in), "An integer with its bits in reverse order.";
    plain ByteSwapOp = "llvm.intr.bswap"(r#in), "An integer with its bytes in reverse order.";
    plain SMaxOp = "llvm.intr.smax"(a, b), "The signed maximum of two integers.";
    plain SMinOp = "llvm.intr.smin"(a, b), "The signed minimum of two integers.";
    plain UMaxOp = "llvm.intr.umax"(a, b), "The unsigned maximum of two integers.";
    plain UMinOp = "llvm.intr.umin"(a, b), "The unsigned minimum of two integers.";
    generic_float VectorReduceFAddOp = "llvm.intr.vector.reduce.fadd"(start_value, input), "Adds the elements of a vector to a start value.";
    generic_float VectorReduceFMulOp = "llvm.intr.vector.reduce.fmul"(start_value, input), "Multiplies the elements of a vector into a start value.";
    float VectorReduceFMaxOp = "llvm.intr.vector.reduce.fmax"(r#in), "The largest element of a float vector, ignoring NaN.";
    float VectorReduceFMinOp = "llvm.intr.vector.reduce.fmin"(r#in), "The smallest element of a float vector, ignoring NaN.";
    float VectorReduceFMaximumOp = "llvm.intr.vector.reduce.fmaximum"(r#in), "The largest element of a float vector, propagating NaN.";
    float VectorReduceFMinimumOp = "llvm.intr.vector.reduce.fminimum"(r#in), "The smallest element of a float vector, propagating NaN.";
    generic VectorReduceAddOp = "llvm.intr.vector.reduce.add"(r#in), "The sum of the elements of an integer vector.";
    generic VectorReduceMulOp = "llvm.intr.vector.reduce.mul"(r#in), "The product of the elements of an integer vector.";
    generic VectorReduceAndOp = "llvm.intr.vector.reduce.and"(r#in), "The bitwise and of the elements of a vector.";
    generic VectorReduceOrOp = "llvm.intr.vector.reduce.or"(r#in), "The bitwise or of the elements of a vector.";
    generic VectorReduceXorOp = "llvm.intr.vector.reduce.xor"(r#in), "The bitwise exclusive or of the elements of a vector.";
    generic VectorReduceSMaxOp = "llvm.intr.vector.reduce.smax"(r#in), "The signed maximum of the elements of a vector.";
    generic VectorReduceSMinOp = "llvm.intr.vector.reduce.smin"(r#in), "The signed minimum of the elements of a vector.";
    generic VectorReduceUMaxOp = "llvm.intr.vector.reduce.umax"(r#in), "The unsigned maximum of the elements of a vector.";
    generic VectorReduceUMinOp = "llvm.intr.vector.reduce.umin"(r#in), "The unsigned minimum of the elements of a vector.";
}

/// Declares a bit-count intrinsic with its poison flag.
macro_rules! counting_intrinsic {
    ($(#[doc = $doc:literal])* $ty:ident = $name:literal, $flag:ident) => {
        define_op! {
            $(#[doc = $doc])*
            pub struct $ty = $name {
                operands: [r#in: Single(LLVM_TYPE)],
                results: [res: Single(LLVM_TYPE)],
                attributes: [$flag: Required(ANY_ATTR)],
                traits: [PURE],
            }
        }
    };
}

counting_intrinsic! {
    /// The number of leading zero bits of an integer.
    CountLeadingZerosOp = "llvm.intr.ctlz", is_zero_poison
}
counting_intrinsic! {
    /// The number of trailing zero bits of an integer.
    CountTrailingZerosOp = "llvm.intr.cttz", is_zero_poison
}
counting_intrinsic! {
    /// The absolute value of an integer.
    AbsOp = "llvm.intr.abs", is_int_min_poison
}

/// Declares a memory-transfer intrinsic.
macro_rules! transfer_intrinsic {
    ($(#[doc = $doc:literal])* $ty:ident = $name:literal, $source:ident, $effects:tt) => {
        define_op! {
            $(#[doc = $doc])*
            pub struct $ty = $name {
                operands: [dst: Single(LLVM_POINTER), $source: Single(LLVM_TYPE), len: Single(LLVM_TYPE)],
                attributes: [isVolatile: Required(ANY_ATTR)],
                effects: $effects,
            }
        }
    };
}

transfer_intrinsic! {
    /// Copies `len` bytes between buffers that do not overlap.
    MemcpyOp = "llvm.intr.memcpy", src, [Read(src), Write(dst)]
}
transfer_intrinsic! {
    /// Copies `len` bytes between buffers that may overlap.
    MemmoveOp = "llvm.intr.memmove", src, [Read(src), Write(dst)]
}
transfer_intrinsic! {
    /// Sets `len` bytes to one byte value.
    MemsetOp = "llvm.intr.memset", val, [Write(dst)]
}

define_op! {
    /// Saves the stack pointer.
    pub struct StackSaveOp = "llvm.intr.stacksave" {
        results: [res: Single(LLVM_POINTER)],
        effects: [Read],
        format: "attr-dict `:` type($res)",
    }
}

define_op! {
    /// Restores a saved stack pointer, freeing what was allocated since.
    pub struct StackRestoreOp = "llvm.intr.stackrestore" {
        operands: [ptr: Single(LLVM_POINTER)],
        effects: [Write],
        format: "$ptr attr-dict `:` type($ptr)",
    }
}

/// A 32-bit integer (an alignment in bytes).
const I32_ATTR: AttrConstraint = AttrConstraint {
    description: "32-bit signless integer attribute",
    check: |ctx, a| matches!(a.data(ctx), AttrData::Integer { ty, .. } if ty.is_signless_int_of_width(ctx, 32)),
    parse: None,
    print: None,
    default: None,
};

define_op! {
    /// Loads the vector lanes a mask sets from memory; the other lanes come
    /// from the pass-through vector (poison without one).
    pub struct MaskedLoadOp = "llvm.intr.masked.load" {
        operands: [data: Single(LLVM_POINTER), mask: Single(LLVM_TYPE), pass_thru: Variadic(LLVM_TYPE)],
        results: [res: Single(LLVM_TYPE)],
        attributes: [alignment: Required(I32_ATTR), nontemporal: Optional(UNIT_ATTR)],
        effects: [Read(data)],
        format: "operands attr-dict `:` functional-type(operands, results)",
    }
}

define_op! {
    /// Stores the vector lanes a mask sets to memory.
    pub struct MaskedStoreOp = "llvm.intr.masked.store" {
        operands: [value: Single(LLVM_TYPE), data: Single(LLVM_POINTER), mask: Single(LLVM_TYPE)],
        attributes: [alignment: Required(I32_ATTR)],
        effects: [Write(data)],
        format: "$value `,` $data `,` $mask attr-dict `:` type($value) `,` type($mask) `into` type($data)",
    }
}
