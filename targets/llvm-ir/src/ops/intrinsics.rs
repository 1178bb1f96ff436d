//! `llvm.intr.*` ops as calls to LLVM intrinsics, found by name and
//! instantiated for the op's overloaded types; immediate flags
//! (`is_zero_poison`, `isVolatile`) become trailing `i1` arguments. The
//! masked loads and stores carry their alignment as the pointer
//! argument's `align` attribute, as LLVM 22's intrinsics take it.

use dialect_llvm as llvm;
use inkwell::attributes::{Attribute as LlvmAttribute, AttributeLoc};
use inkwell::intrinsics::Intrinsic as LlvmIntrinsic;
use inkwell::types::BasicTypeEnum;
use inkwell::values::{BasicMetadataValueEnum, BasicValueEnum, ValueKind};
use ir::{Attribute, Context, Diagnostic, Ir, OpId};

use super::{attach, fastmath_bits};
use crate::{ffi, LlvmTranslation, Translator};

/// Where one overloaded type of an intrinsic comes from.
enum Overload {
    Result,
    Operand(usize),
}

type Read = fn(&Ir, OpId) -> Option<Attribute>;

struct Intrinsic {
    /// LLVM's name, without the type suffixes.
    name: &'static str,
    overloads: &'static [Overload],
    /// Boolean attributes passed as trailing `i1` arguments.
    immediates: &'static [Read],
    fastmath: Option<Read>,
}

impl LlvmTranslation for Intrinsic {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let ir = t.ir;
        let intrinsic =
            LlvmIntrinsic::find(self.name).ok_or_else(|| t.error(op, format!("LLVM has no intrinsic '{}'", self.name)))?;
        let mut types: Vec<BasicTypeEnum<'ctx>> = Vec::with_capacity(self.overloads.len());
        for overload in self.overloads {
            let ty = match overload {
                Overload::Result => ir.value_type(ir.result(op, 0)),
                Overload::Operand(i) => {
                    ir.value_type(*ir.operands(op).get(*i).ok_or_else(|| t.error(op, format!("missing operand #{i}")))?)
                }
            };
            types.push(t.basic_type(ty, op)?);
        }
        let function = intrinsic
            .get_declaration(&t.module, &types)
            .ok_or_else(|| t.error(op, format!("intrinsic '{}' does not take these types", self.name)))?;
        let mut args: Vec<BasicMetadataValueEnum<'ctx>> = t.operands(op)?.into_iter().map(Into::into).collect();
        for read in self.immediates {
            let flag = read(ir, op).and_then(|a| a.as_integer(ir.ctx())).unwrap_or(0);
            args.push(t.llvm.bool_type().const_int(flag as u64 & 1, false).into());
        }
        let call = t.built(op, t.builder.build_direct_call(function, &args, ""))?;
        if let Some(read) = self.fastmath {
            ffi::set_call_fast_math(call, fastmath_bits(ir.ctx(), read(ir, op)));
        }
        if let ValueKind::Basic(value) = call.try_as_basic_value() {
            t.map_result(op, value);
        }
        Ok(())
    }
}

/// `llvm.masked.load` / `llvm.masked.store`: overloaded on the vector and
/// the pointer type; a load without pass-through vector passes poison.
struct Masked {
    store: bool,
}

impl LlvmTranslation for Masked {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let ir = t.ir;
        let (name, vector, pointer_index) = if self.store {
            ("llvm.masked.store", ir.value_type(llvm::MaskedStoreOp(op).value(ir)), 1)
        } else {
            ("llvm.masked.load", ir.value_type(llvm::MaskedLoadOp(op).res(ir)), 0)
        };
        let intrinsic = LlvmIntrinsic::find(name).ok_or_else(|| t.error(op, format!("LLVM has no intrinsic '{name}'")))?;
        let vector = t.basic_type(vector, op)?;
        let pointer = t.basic_type(ir.value_type(ir.operands(op)[pointer_index]), op)?;
        let function = intrinsic
            .get_declaration(&t.module, &[vector, pointer])
            .ok_or_else(|| t.error(op, format!("intrinsic '{name}' does not take these types")))?;
        let mut args: Vec<BasicMetadataValueEnum<'ctx>> = t.operands(op)?.into_iter().map(Into::into).collect();
        if !self.store && args.len() == 2 {
            let poison = match vector {
                BasicTypeEnum::VectorType(v) => BasicValueEnum::from(v.get_poison()),
                _ => return Err(t.error(op, "the result of 'llvm.intr.masked.load' must be a vector")),
            };
            args.push(poison.into());
        }
        let call = t.built(op, t.builder.build_direct_call(function, &args, ""))?;
        let alignment = ir.attr(op, "alignment").and_then(|a| a.as_integer(ir.ctx())).unwrap_or(1);
        let align = t.llvm.create_enum_attribute(LlvmAttribute::get_named_enum_kind_id("align"), alignment as u64);
        call.add_attribute(AttributeLoc::Param(pointer_index as u32), align);
        if let ValueKind::Basic(value) = call.try_as_basic_value() {
            t.map_result(op, value);
        }
        Ok(())
    }
}

const RESULT: &[Overload] = &[Overload::Result];
const FIRST: &[Overload] = &[Overload::Operand(0)];
const SECOND: &[Overload] = &[Overload::Operand(1)];

/// A float intrinsic overloaded on its result, with fast-math flags.
macro_rules! float {
    ($op:ident, $name:literal) => {
        Intrinsic { name: $name, overloads: RESULT, immediates: &[], fastmath: Some(|ir, op| llvm::$op(op).fastmathFlags(ir)) }
    };
}

/// An integer intrinsic overloaded on its result.
macro_rules! plain {
    ($name:literal) => {
        Intrinsic { name: $name, overloads: RESULT, immediates: &[], fastmath: None }
    };
}

pub(super) fn register(ctx: &Context) {
    attach! { ctx,
        llvm::FAbsOp => Intrinsic = float!(FAbsOp, "llvm.fabs");
        llvm::CeilOp => Intrinsic = float!(CeilOp, "llvm.ceil");
        llvm::FloorOp => Intrinsic = float!(FloorOp, "llvm.floor");
        llvm::SqrtOp => Intrinsic = float!(SqrtOp, "llvm.sqrt");
        llvm::ExpOp => Intrinsic = float!(ExpOp, "llvm.exp");
        llvm::Exp2Op => Intrinsic = float!(Exp2Op, "llvm.exp2");
        llvm::LogOp => Intrinsic = float!(LogOp, "llvm.log");
        llvm::Log2Op => Intrinsic = float!(Log2Op, "llvm.log2");
        llvm::Log10Op => Intrinsic = float!(Log10Op, "llvm.log10");
        llvm::SinOp => Intrinsic = float!(SinOp, "llvm.sin");
        llvm::CosOp => Intrinsic = float!(CosOp, "llvm.cos");
        llvm::TanOp => Intrinsic = float!(TanOp, "llvm.tan");
        llvm::TanhOp => Intrinsic = float!(TanhOp, "llvm.tanh");
        llvm::RoundOp => Intrinsic = float!(RoundOp, "llvm.round");
        llvm::RoundEvenOp => Intrinsic = float!(RoundEvenOp, "llvm.roundeven");
        llvm::FTruncOp => Intrinsic = float!(FTruncOp, "llvm.trunc");
        llvm::RintOp => Intrinsic = float!(RintOp, "llvm.rint");
        llvm::NearbyintOp => Intrinsic = float!(NearbyintOp, "llvm.nearbyint");
        llvm::PowOp => Intrinsic = float!(PowOp, "llvm.pow");
        llvm::PowIOp => Intrinsic = Intrinsic {
            name: "llvm.powi",
            overloads: &[Overload::Result, Overload::Operand(1)],
            immediates: &[],
            fastmath: Some(|ir, op| llvm::PowIOp(op).fastmathFlags(ir)),
        };
        llvm::MaxNumOp => Intrinsic = float!(MaxNumOp, "llvm.maxnum");
        llvm::MinNumOp => Intrinsic = float!(MinNumOp, "llvm.minnum");
        llvm::MaximumOp => Intrinsic = float!(MaximumOp, "llvm.maximum");
        llvm::MinimumOp => Intrinsic = float!(MinimumOp, "llvm.minimum");
        llvm::CopySignOp => Intrinsic = float!(CopySignOp, "llvm.copysign");
        llvm::FmaOp => Intrinsic = float!(FmaOp, "llvm.fma");
        llvm::FMulAddOp => Intrinsic = float!(FMulAddOp, "llvm.fmuladd");
        llvm::CtPopOp => Intrinsic = plain!("llvm.ctpop");
        llvm::BitReverseOp => Intrinsic = plain!("llvm.bitreverse");
        llvm::ByteSwapOp => Intrinsic = plain!("llvm.bswap");
        llvm::SMaxOp => Intrinsic = plain!("llvm.smax");
        llvm::SMinOp => Intrinsic = plain!("llvm.smin");
        llvm::UMaxOp => Intrinsic = plain!("llvm.umax");
        llvm::UMinOp => Intrinsic = plain!("llvm.umin");
        llvm::CountLeadingZerosOp => Intrinsic = Intrinsic {
            name: "llvm.ctlz", overloads: RESULT, immediates: &[|ir, op| llvm::CountLeadingZerosOp(op).is_zero_poison(ir)], fastmath: None,
        };
        llvm::CountTrailingZerosOp => Intrinsic = Intrinsic {
            name: "llvm.cttz", overloads: RESULT, immediates: &[|ir, op| llvm::CountTrailingZerosOp(op).is_zero_poison(ir)], fastmath: None,
        };
        llvm::AbsOp => Intrinsic = Intrinsic {
            name: "llvm.abs", overloads: RESULT, immediates: &[|ir, op| llvm::AbsOp(op).is_int_min_poison(ir)], fastmath: None,
        };
        llvm::VectorReduceFAddOp => Intrinsic = Intrinsic {
            name: "llvm.vector.reduce.fadd", overloads: SECOND, immediates: &[], fastmath: Some(|ir, op| llvm::VectorReduceFAddOp(op).fastmathFlags(ir)),
        };
        llvm::VectorReduceFMulOp => Intrinsic = Intrinsic {
            name: "llvm.vector.reduce.fmul", overloads: SECOND, immediates: &[], fastmath: Some(|ir, op| llvm::VectorReduceFMulOp(op).fastmathFlags(ir)),
        };
        llvm::VectorReduceFMaxOp => Intrinsic = Intrinsic {
            name: "llvm.vector.reduce.fmax", overloads: FIRST, immediates: &[], fastmath: Some(|ir, op| llvm::VectorReduceFMaxOp(op).fastmathFlags(ir)),
        };
        llvm::VectorReduceFMinOp => Intrinsic = Intrinsic {
            name: "llvm.vector.reduce.fmin", overloads: FIRST, immediates: &[], fastmath: Some(|ir, op| llvm::VectorReduceFMinOp(op).fastmathFlags(ir)),
        };
        llvm::VectorReduceFMaximumOp => Intrinsic = Intrinsic {
            name: "llvm.vector.reduce.fmaximum", overloads: FIRST, immediates: &[], fastmath: Some(|ir, op| llvm::VectorReduceFMaximumOp(op).fastmathFlags(ir)),
        };
        llvm::VectorReduceFMinimumOp => Intrinsic = Intrinsic {
            name: "llvm.vector.reduce.fminimum", overloads: FIRST, immediates: &[], fastmath: Some(|ir, op| llvm::VectorReduceFMinimumOp(op).fastmathFlags(ir)),
        };
        llvm::VectorReduceAddOp => Intrinsic = Intrinsic { name: "llvm.vector.reduce.add", overloads: FIRST, immediates: &[], fastmath: None };
        llvm::VectorReduceMulOp => Intrinsic = Intrinsic { name: "llvm.vector.reduce.mul", overloads: FIRST, immediates: &[], fastmath: None };
        llvm::VectorReduceAndOp => Intrinsic = Intrinsic { name: "llvm.vector.reduce.and", overloads: FIRST, immediates: &[], fastmath: None };
        llvm::VectorReduceOrOp => Intrinsic = Intrinsic { name: "llvm.vector.reduce.or", overloads: FIRST, immediates: &[], fastmath: None };
        llvm::VectorReduceXorOp => Intrinsic = Intrinsic { name: "llvm.vector.reduce.xor", overloads: FIRST, immediates: &[], fastmath: None };
        llvm::VectorReduceSMaxOp => Intrinsic = Intrinsic { name: "llvm.vector.reduce.smax", overloads: FIRST, immediates: &[], fastmath: None };
        llvm::VectorReduceSMinOp => Intrinsic = Intrinsic { name: "llvm.vector.reduce.smin", overloads: FIRST, immediates: &[], fastmath: None };
        llvm::VectorReduceUMaxOp => Intrinsic = Intrinsic { name: "llvm.vector.reduce.umax", overloads: FIRST, immediates: &[], fastmath: None };
        llvm::VectorReduceUMinOp => Intrinsic = Intrinsic { name: "llvm.vector.reduce.umin", overloads: FIRST, immediates: &[], fastmath: None };
        llvm::MemcpyOp => Intrinsic = Intrinsic {
            name: "llvm.memcpy",
            overloads: &[Overload::Operand(0), Overload::Operand(1), Overload::Operand(2)],
            immediates: &[|ir, op| llvm::MemcpyOp(op).isVolatile(ir)],
            fastmath: None,
        };
        llvm::MemmoveOp => Intrinsic = Intrinsic {
            name: "llvm.memmove",
            overloads: &[Overload::Operand(0), Overload::Operand(1), Overload::Operand(2)],
            immediates: &[|ir, op| llvm::MemmoveOp(op).isVolatile(ir)],
            fastmath: None,
        };
        llvm::MemsetOp => Intrinsic = Intrinsic {
            name: "llvm.memset",
            overloads: &[Overload::Operand(0), Overload::Operand(2)],
            immediates: &[|ir, op| llvm::MemsetOp(op).isVolatile(ir)],
            fastmath: None,
        };
        llvm::MaskedLoadOp => Masked = Masked { store: false };
        llvm::MaskedStoreOp => Masked = Masked { store: true };
        llvm::StackSaveOp => Intrinsic = Intrinsic { name: "llvm.stacksave", overloads: RESULT, immediates: &[], fastmath: None };
        llvm::StackRestoreOp => Intrinsic = Intrinsic { name: "llvm.stackrestore", overloads: FIRST, immediates: &[], fastmath: None };
    }
}
