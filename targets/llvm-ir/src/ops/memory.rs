//! `alloca`, `load` and `store` (alignment, volatile, atomic ordering and
//! sync scope, `!invariant.group`,
//! `!nontemporal`, `!invariant.load`) and `getelementptr` with its
//! no-wrap flags and mixed constant/dynamic indices.

use dialect_llvm as llvm;
use inkwell::values::{BasicValueEnum, InstructionValue};
use ir::{Attribute, Context, Diagnostic, OpId};

use super::attach;
use crate::{ffi, LlvmTranslation, Translator};

pub(super) fn alignment(t: &Translator<'_, '_>, op: OpId, attr: Option<Attribute>) -> Result<Option<u32>, Diagnostic> {
    match attr.and_then(|a| a.as_integer(t.ir.ctx())) {
        None | Some(0) => Ok(None),
        Some(a) => u32::try_from(a).map(Some).map_err(|_| t.error(op, "alignment does not fit in 32 bits")),
    }
}

fn instruction<'ctx>(
    t: &Translator<'_, 'ctx>,
    op: OpId,
    value: BasicValueEnum<'ctx>,
) -> Result<InstructionValue<'ctx>, Diagnostic> {
    use inkwell::values::BasicValue;
    value.as_instruction_value().ok_or_else(|| t.error(op, "expected an instruction"))
}

fn set_alignment(
    t: &Translator<'_, '_>,
    op: OpId,
    instruction: InstructionValue<'_>,
    align: Option<u32>,
) -> Result<(), Diagnostic> {
    if let Some(align) = align {
        instruction.set_alignment(align).map_err(|e| t.error(op, format!("invalid alignment: {e}")))?;
    }
    Ok(())
}

/// `!name !{...}` on a memory access.
/// The sync scope an atomic access names ("" for the whole system).
fn scope(ir: &ir::Ir, attr: Option<Attribute>) -> String {
    attr.and_then(|a| a.as_string(ir.ctx()).map(str::to_string)).unwrap_or_default()
}

fn set_marker(
    t: &Translator<'_, '_>,
    op: OpId,
    instruction: InstructionValue<'_>,
    name: &str,
    with_one: bool,
) -> Result<(), Diagnostic> {
    let values = if with_one { vec![t.llvm.i32_type().const_int(1, false).into()] } else { Vec::new() };
    let node = t.llvm.metadata_node(&values);
    instruction.set_metadata(node, t.llvm.get_kind_id(name)).map_err(|e| t.error(op, format!("cannot attach !{name}: {e}")))
}

struct Alloca;

impl LlvmTranslation for Alloca {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let alloca = llvm::AllocaOp(op);
        let ir = t.ir;
        let element = alloca.elem_type(ir).and_then(|a| a.as_type(ir.ctx())).ok_or_else(|| t.error(op, "missing 'elem_type'"))?;
        let element = t.basic_type(element, op)?;
        let size = match t.value(alloca.arraySize(ir), op)? {
            BasicValueEnum::IntValue(i) => i,
            _ => return Err(t.error(op, "the array size must be an integer")),
        };
        let result = t.built(op, t.builder.build_array_alloca(element, size, ""))?;
        let align = alignment(t, op, alloca.alignment(ir))?;
        set_alignment(t, op, instruction(t, op, result.into())?, align)?;
        t.map_result(op, result);
        Ok(())
    }
}

struct Load;

impl LlvmTranslation for Load {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let load = llvm::LoadOp(op);
        let ir = t.ir;
        let ty = t.basic_type(ir.value_type(load.res(ir)), op)?;
        let addr = match t.value(load.addr(ir), op)? {
            BasicValueEnum::PointerValue(p) => p,
            _ => return Err(t.error(op, "the address must be a pointer")),
        };
        let result = t.built(op, t.builder.build_load(ty, addr, ""))?;
        let inst = instruction(t, op, result)?;
        set_alignment(t, op, inst, alignment(t, op, load.alignment(ir))?)?;
        if load.volatile_(ir).is_some() {
            inst.set_volatile(true).map_err(|e| t.error(op, e.to_string()))?;
        }
        if let Some(ordering) = load.ordering(ir).and_then(|a| a.as_integer(ir.ctx())) {
            ffi::set_ordering(t.llvm, inst, ordering, &scope(ir, load.syncscope(ir)));
        }
        if load.invariantGroup(ir).is_some() {
            set_marker(t, op, inst, "invariant.group", false)?;
        }
        if load.nontemporal(ir).is_some() {
            set_marker(t, op, inst, "nontemporal", true)?;
        }
        if load.invariant(ir).is_some() {
            set_marker(t, op, inst, "invariant.load", false)?;
        }
        t.map_result(op, result);
        Ok(())
    }
}

struct Store;

impl LlvmTranslation for Store {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let store = llvm::StoreOp(op);
        let ir = t.ir;
        let value = t.value(store.value(ir), op)?;
        let addr = match t.value(store.addr(ir), op)? {
            BasicValueEnum::PointerValue(p) => p,
            _ => return Err(t.error(op, "the address must be a pointer")),
        };
        let inst = t.built(op, t.builder.build_store(addr, value))?;
        set_alignment(t, op, inst, alignment(t, op, store.alignment(ir))?)?;
        if store.volatile_(ir).is_some() {
            inst.set_volatile(true).map_err(|e| t.error(op, e.to_string()))?;
        }
        if let Some(ordering) = store.ordering(ir).and_then(|a| a.as_integer(ir.ctx())) {
            ffi::set_ordering(t.llvm, inst, ordering, &scope(ir, store.syncscope(ir)));
        }
        if store.invariantGroup(ir).is_some() {
            set_marker(t, op, inst, "invariant.group", false)?;
        }
        if store.nontemporal(ir).is_some() {
            set_marker(t, op, inst, "nontemporal", true)?;
        }
        Ok(())
    }
}

struct Gep;

impl LlvmTranslation for Gep {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let gep = llvm::GEPOp(op);
        let ir = t.ir;
        let ctx = ir.ctx();
        let element = gep.elem_type(ir).and_then(|a| a.as_type(ctx)).ok_or_else(|| t.error(op, "missing 'elem_type'"))?;
        let element = t.basic_type(element, op)?;
        let raw = gep
            .rawConstantIndices(ir)
            .and_then(|a| a.as_dense_int_array(ctx))
            .ok_or_else(|| t.error(op, "missing 'rawConstantIndices'"))?;
        let mut dynamic = gep.dynamicIndices(ir).iter();
        let mut indices = Vec::with_capacity(raw.len());
        for index in raw {
            if index == llvm::DYNAMIC_INDEX as i128 {
                let &v = dynamic.next().ok_or_else(|| t.error(op, "fewer dynamic indices than 'rawConstantIndices' names"))?;
                indices.push(t.value(v, op)?);
            } else {
                // Constant indices are i32, as upstream writes them.
                indices.push(t.llvm.i32_type().const_int(index as i64 as u64, true).into());
            }
        }
        let flags = gep.noWrapFlags(ir).and_then(|a| a.as_integer(ctx)).unwrap_or(0) as u32;
        let base = t.value(gep.base(ir), op)?;
        let result =
            ffi::gep(&t.builder, element, base, &indices, flags).ok_or_else(|| t.error(op, "cannot build getelementptr"))?;
        t.map_result(op, result);
        Ok(())
    }
}

pub(super) fn register(ctx: &Context) {
    attach! { ctx,
        llvm::AllocaOp => Alloca = Alloca;
        llvm::LoadOp => Load = Load;
        llvm::StoreOp => Store = Store;
        llvm::GEPOp => Gep = Gep;
    }
}
