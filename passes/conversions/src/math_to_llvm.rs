//! `convert-math-to-llvm`: math ops become LLVM intrinsics where LLVM has
//! one (`math.exp` to `llvm.intr.exp`), short expansions where upstream
//! expands them (`expm1`, `log1p`, `rsqrt`), and calls to the C math
//! library for the rest (`math.erf` on `f32` calls `erff`, on `f64`
//! `erf`), declared in the module when first needed.

use dialect_llvm as llvm;
use dialect_math as math;
use ir::pass::{FunctionPass, PassInfo};
use ir::rewrite::{ConversionPattern, PatternRewriter, TypeConverter};
use ir::types::FloatKind;
use ir::{Attribute, Diagnostic, Ir, Location, OpId, OpType, Type, TypeData, Value};

use crate::direct_lowering::{direct, llvm_flags};
use crate::llvm_type_converter::lower_dialect_to_llvm;

pub const INFO: PassInfo = PassInfo {
    name: "convert-math-to-llvm",
    summary: "Convert Math dialect to LLVM dialect, calling libm where LLVM has no intrinsic",
    anchor: None,
    options: &[],
    dependent_dialects: &["llvm"],
    create: |_| Ok(Box::new(FunctionPass(convert_math_to_llvm))),
};

/// Lowers every math op under `root`.
pub fn convert_math_to_llvm(ir: &mut Ir, root: OpId) -> Result<(), Diagnostic> {
    lower_dialect_to_llvm(ir, root, "math", populate_math_to_llvm_patterns)
}

/// The patterns that lower math ops.
pub fn populate_math_to_llvm_patterns(patterns: &mut Vec<Box<dyn ConversionPattern>>) {
    direct! { patterns, math:
        AbsFOp => llvm::FAbsOp, CeilOp => llvm::CeilOp, FloorOp => llvm::FloorOp, SqrtOp => llvm::SqrtOp,
        ExpOp => llvm::ExpOp, Exp2Op => llvm::Exp2Op, LogOp => llvm::LogOp, Log2Op => llvm::Log2Op, Log10Op => llvm::Log10Op,
        SinOp => llvm::SinOp, CosOp => llvm::CosOp, TanOp => llvm::TanOp, TanhOp => llvm::TanhOp,
        SinhOp => llvm::SinhOp, CoshOp => llvm::CoshOp, AsinOp => llvm::AsinOp, AcosOp => llvm::AcosOp, AtanOp => llvm::AtanOp,
        Atan2Op => llvm::Atan2Op, PowFOp => llvm::PowOp, CopySignOp => llvm::CopySignOp,
        RoundOp => llvm::RoundOp, RoundEvenOp => llvm::RoundEvenOp, TruncOp => llvm::FTruncOp,
        FmaOp => llvm::FmaOp, FPowIOp => llvm::PowIOp, CtPopOp => llvm::CtPopOp,
    }
    patterns.push(Box::new(LowerWithPoisonFlag::<math::CountLeadingZerosOp, llvm::CountLeadingZerosOp>::new("is_zero_poison")));
    patterns.push(Box::new(LowerWithPoisonFlag::<math::CountTrailingZerosOp, llvm::CountTrailingZerosOp>::new("is_zero_poison")));
    patterns.push(Box::new(LowerWithPoisonFlag::<math::AbsIOp, llvm::AbsOp>::new("is_int_min_poison")));
    patterns.push(Box::new(LowerOneOff { root: math::ExpM1Op::NAME, expansion: Expansion::ExpMinusOne }));
    patterns.push(Box::new(LowerOneOff { root: math::Log1pOp::NAME, expansion: Expansion::LogOfOnePlus }));
    patterns.push(Box::new(LowerOneOff { root: math::RsqrtOp::NAME, expansion: Expansion::ReciprocalSqrt }));
    for (root, function) in [(math::ErfOp::NAME, "erf"), (math::ErfcOp::NAME, "erfc"), (math::CbrtOp::NAME, "cbrt")] {
        patterns.push(Box::new(CallLibm { root, function }));
    }
}

/// An integer intrinsic with its poison flag set to false.
struct LowerWithPoisonFlag<S, D> {
    flag: &'static str,
    types: std::marker::PhantomData<fn() -> (S, D)>,
}

impl<S, D> LowerWithPoisonFlag<S, D> {
    fn new(flag: &'static str) -> Self {
        LowerWithPoisonFlag { flag, types: std::marker::PhantomData }
    }
}

impl<S: OpType, D: OpType> ConversionPattern for LowerWithPoisonFlag<S, D> {
    fn root(&self) -> &'static str {
        S::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        converter: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let location = r.ir().op(op).location;
        let ty = converter.convert(r.ctx(), r.ir().value_type(r.ir().result(op, 0)));
        let flag = Attribute::bool(r.ctx(), false);
        let new = r.build_before::<D>(op, location, &[&[operands[0]]], &[ty], &[(self.flag, flag)])?;
        Some(vec![r.ir().result(new.op(), 0)])
    }
}

/// The math functions upstream writes with other LLVM ops.
#[derive(Clone, Copy)]
enum Expansion {
    /// `exp(x) - 1`.
    ExpMinusOne,
    /// `log(1 + x)`.
    LogOfOnePlus,
    /// `1 / sqrt(x)`.
    ReciprocalSqrt,
}

struct LowerOneOff {
    root: &'static str,
    expansion: Expansion,
}

impl ConversionPattern for LowerOneOff {
    fn root(&self) -> &'static str {
        self.root
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        _: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ctx = r.ctx();
        let location = r.ir().op(op).location;
        let x = operands[0];
        let ty = r.ir().value_type(x);
        let flags = llvm_flags(ctx, &r.ir().op(op).attributes);
        let one = one_like(r, op, location, ty)?;
        let value = match self.expansion {
            Expansion::ExpMinusOne => {
                let e = build_unary::<llvm::ExpOp>(r, op, location, x, &flags)?;
                build_binary::<llvm::FSubOp>(r, op, location, e, one, &flags)?
            }
            Expansion::LogOfOnePlus => {
                let sum = build_binary::<llvm::FAddOp>(r, op, location, one, x, &flags)?;
                build_unary::<llvm::LogOp>(r, op, location, sum, &flags)?
            }
            Expansion::ReciprocalSqrt => {
                let root = build_unary::<llvm::SqrtOp>(r, op, location, x, &flags)?;
                build_binary::<llvm::FDivOp>(r, op, location, one, root, &flags)?
            }
        };
        Some(vec![value])
    }
}

fn build_unary<T: OpType>(
    r: &mut PatternRewriter<'_>,
    anchor: OpId,
    loc: Location,
    v: Value,
    flags: &[(&str, Attribute)],
) -> Option<Value> {
    let ty = r.ir().value_type(v);
    let op = r.build_before::<T>(anchor, loc, &[&[v]], &[ty], flags)?;
    Some(r.ir().result(op.op(), 0))
}

fn build_binary<T: OpType>(
    r: &mut PatternRewriter<'_>,
    anchor: OpId,
    loc: Location,
    a: Value,
    b: Value,
    flags: &[(&str, Attribute)],
) -> Option<Value> {
    let ty = r.ir().value_type(a);
    let op = r.build_before::<T>(anchor, loc, &[&[a], &[b]], &[ty], flags)?;
    Some(r.ir().result(op.op(), 0))
}

/// The constant 1.0 of a float type, or a splat of it for a vector.
fn one_like(r: &mut PatternRewriter<'_>, anchor: OpId, loc: Location, ty: Type) -> Option<Value> {
    let ctx = r.ctx();
    let element = ty.element_type_or_self(ctx);
    let scalar = Attribute::float(ctx, 1.0, element);
    let value = if ty.is_vector(ctx) {
        ctx.intern_attr(ir::AttrData::DenseElements { ty, elements: ir::attributes::DenseElements::Splat(scalar) })
    } else {
        scalar
    };
    let op = r.build_before::<llvm::ConstantOp>(anchor, loc, &[], &[ty], &[("value", value)])?;
    Some(r.ir().result(op.0, 0))
}

/// A math function LLVM has no intrinsic for: a call to libm's version
/// (`erff` for `f32`, `erf` for `f64`), declared once per module.
struct CallLibm {
    root: &'static str,
    function: &'static str,
}

impl ConversionPattern for CallLibm {
    fn root(&self) -> &'static str {
        self.root
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        _: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ctx = r.ctx();
        let ty = r.ir().value_type(operands[0]);
        let name = match ty.data(ctx) {
            TypeData::Float(FloatKind::F32) => format!("{}f", self.function),
            TypeData::Float(FloatKind::F64) => self.function.to_string(),
            _ => return None,
        };
        let location = r.ir().op(op).location;
        crate::llvm_function::declare(r, op, &name, &vec![ty; operands.len()], ty)?;
        let callee = Attribute::symbol_ref(r.ctx(), &name);
        let call = r.build_before::<llvm::CallOp>(op, location, &[operands, &[]], &[ty], &[("callee", callee)])?;
        Some(vec![r.ir().result(call.0, 0)])
    }
}
