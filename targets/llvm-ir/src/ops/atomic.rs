//! `atomicrmw` and `cmpxchg`, with their orderings, sync scope, alignment,
//! and volatile and weak flags.

use dialect_llvm as llvm;
use ir::{Context, Diagnostic, OpId};

use super::attach;
use super::memory::alignment;
use crate::{ffi, LlvmTranslation, Translator};

fn integer(t: &Translator<'_, '_>, attr: Option<ir::Attribute>) -> i128 {
    attr.and_then(|a| a.as_integer(t.ir.ctx())).unwrap_or(0)
}

fn scope(t: &Translator<'_, '_>, attr: Option<ir::Attribute>) -> String {
    attr.and_then(|a| a.as_string(t.ir.ctx()).map(str::to_string)).unwrap_or_default()
}

/// Alignment and volatility on the atomic instruction `value`.
fn set_flags(
    t: &Translator<'_, '_>,
    op: OpId,
    value: inkwell::values::BasicValueEnum<'_>,
    align: Option<ir::Attribute>,
    volatile: bool,
) -> Result<(), Diagnostic> {
    ffi::set_atomic_flags(value, alignment(t, op, align)?, volatile);
    Ok(())
}

struct AtomicRmw;

impl LlvmTranslation for AtomicRmw {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let rmw = llvm::AtomicRMWOp(op);
        let ir = t.ir;
        let (pointer, value) = (t.value(rmw.ptr(ir), op)?, t.value(rmw.val(ir), op)?);
        let (bin_op, ordering) = (integer(t, rmw.bin_op(ir)), integer(t, rmw.ordering(ir)));
        let result = ffi::atomic_rmw(&t.builder, t.llvm, bin_op, pointer, value, ordering, &scope(t, rmw.syncscope(ir)))
            .ok_or_else(|| t.error(op, "cannot build atomicrmw"))?;
        set_flags(t, op, result, rmw.alignment(ir), rmw.volatile_(ir).is_some())?;
        t.map_result(op, result);
        Ok(())
    }
}

struct CmpXchg;

impl LlvmTranslation for CmpXchg {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let cmpxchg = llvm::AtomicCmpXchgOp(op);
        let ir = t.ir;
        let (pointer, expected, new) =
            (t.value(cmpxchg.ptr(ir), op)?, t.value(cmpxchg.cmp(ir), op)?, t.value(cmpxchg.val(ir), op)?);
        let orderings = (integer(t, cmpxchg.success_ordering(ir)), integer(t, cmpxchg.failure_ordering(ir)));
        let weak = cmpxchg.weak(ir).is_some();
        let result = ffi::cmpxchg(&t.builder, t.llvm, pointer, expected, new, orderings, weak, &scope(t, cmpxchg.syncscope(ir)))
            .ok_or_else(|| t.error(op, "cannot build cmpxchg"))?;
        set_flags(t, op, result, cmpxchg.alignment(ir), cmpxchg.volatile_(ir).is_some())?;
        t.map_result(op, result);
        Ok(())
    }
}

pub(super) fn register(ctx: &Context) {
    attach! { ctx,
        llvm::AtomicRMWOp => AtomicRmw = AtomicRmw;
        llvm::AtomicCmpXchgOp => CmpXchg = CmpXchg;
    }
}
