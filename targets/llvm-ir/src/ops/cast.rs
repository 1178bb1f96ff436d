//! Casts, with `nneg` on zext/uitofp and `nsw`/`nuw` on trunc.

use dialect_llvm as llvm;
use inkwell::values::InstructionOpcode;
use ir::{Attribute, Context, Diagnostic, Ir, OpId};

use super::attach;
use crate::{ffi, LlvmTranslation, Translator};

enum CastFlags {
    None,
    NonNeg(fn(&Ir, OpId) -> Option<Attribute>),
    Overflow(fn(&Ir, OpId) -> Option<Attribute>),
}

struct Cast {
    opcode: InstructionOpcode,
    flags: CastFlags,
}

impl LlvmTranslation for Cast {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let ir = t.ir;
        let arg = t.operand(op, 0)?;
        let to = t.basic_type(ir.value_type(ir.result(op, 0)), op)?;
        let result = t.built(op, t.builder.build_cast(self.opcode, arg, to, ""))?;
        match self.flags {
            CastFlags::None => {}
            CastFlags::NonNeg(nneg) => {
                if nneg(ir, op).is_some() {
                    ffi::set_nneg(result);
                }
            }
            CastFlags::Overflow(flags) => {
                let bits = flags(ir, op).and_then(|a| a.as_integer(ir.ctx())).unwrap_or(0);
                ffi::set_overflow_flags(result, bits & 1 != 0, bits & 2 != 0);
            }
        }
        t.map_result(op, result);
        Ok(())
    }
}

pub(super) fn register(ctx: &Context) {
    use InstructionOpcode as I;
    attach! { ctx,
        llvm::SExtOp => Cast = Cast { opcode: I::SExt, flags: CastFlags::None };
        llvm::ZExtOp => Cast = Cast { opcode: I::ZExt, flags: CastFlags::NonNeg(|ir, op| llvm::ZExtOp(op).nonNeg(ir)) };
        llvm::TruncOp => Cast = Cast { opcode: I::Trunc, flags: CastFlags::Overflow(|ir, op| llvm::TruncOp(op).overflowFlags(ir)) };
        llvm::SIToFPOp => Cast = Cast { opcode: I::SIToFP, flags: CastFlags::None };
        llvm::UIToFPOp => Cast = Cast { opcode: I::UIToFP, flags: CastFlags::NonNeg(|ir, op| llvm::UIToFPOp(op).nonNeg(ir)) };
        llvm::FPToSIOp => Cast = Cast { opcode: I::FPToSI, flags: CastFlags::None };
        llvm::FPToUIOp => Cast = Cast { opcode: I::FPToUI, flags: CastFlags::None };
        llvm::FPExtOp => Cast = Cast { opcode: I::FPExt, flags: CastFlags::None };
        llvm::FPTruncOp => Cast = Cast { opcode: I::FPTrunc, flags: CastFlags::None };
        llvm::BitcastOp => Cast = Cast { opcode: I::BitCast, flags: CastFlags::None };
        llvm::PtrToIntOp => Cast = Cast { opcode: I::PtrToInt, flags: CastFlags::None };
        llvm::IntToPtrOp => Cast = Cast { opcode: I::IntToPtr, flags: CastFlags::None };
        llvm::AddrSpaceCastOp => Cast = Cast { opcode: I::AddrSpaceCast, flags: CastFlags::None };
    }
}
