//! Constants (`llvm.mlir.constant`, `undef`, `poison`, `zero`) and
//! element access of structs, arrays and vectors.

use dialect_llvm as llvm;
use ir::{Context, Diagnostic, OpId};

use super::attach;
use crate::{ffi, LlvmTranslation, Translator};

struct Constant;

impl LlvmTranslation for Constant {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let ir = t.ir;
        let value = llvm::ConstantOp(op).value(ir).ok_or_else(|| t.error(op, "missing 'value'"))?;
        let constant = t.constant(value, ir.value_type(ir.result(op, 0)), op)?;
        t.map_result(op, constant);
        Ok(())
    }
}

/// `undef`, `poison` and `zero` of the result type.
struct Filler(for<'ctx> fn(inkwell::types::BasicTypeEnum<'ctx>) -> inkwell::values::BasicValueEnum<'ctx>);

impl LlvmTranslation for Filler {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let ty = t.basic_type(t.ir.value_type(t.ir.result(op, 0)), op)?;
        t.map_result(op, (self.0)(ty));
        Ok(())
    }
}

/// The `position` of an insertvalue/extractvalue as LLVM indices.
fn position(t: &Translator<'_, '_>, op: OpId, attr: Option<ir::Attribute>) -> Result<Vec<u32>, Diagnostic> {
    attr.and_then(|a| a.as_dense_int_array(t.ir.ctx()))
        .and_then(|p| p.into_iter().map(|i| u32::try_from(i).ok()).collect())
        .ok_or_else(|| t.error(op, "invalid 'position'"))
}

struct InsertValue;

impl LlvmTranslation for InsertValue {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let insert = llvm::InsertValueOp(op);
        let path = position(t, op, insert.position(t.ir))?;
        let (container, value) = (t.value(insert.container(t.ir), op)?, t.value(insert.value(t.ir), op)?);
        let result =
            ffi::insert_value(&t.builder, container, value, &path).ok_or_else(|| t.error(op, "cannot build insertvalue"))?;
        t.map_result(op, result);
        Ok(())
    }
}

struct ExtractValue;

impl LlvmTranslation for ExtractValue {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let extract = llvm::ExtractValueOp(op);
        let path = position(t, op, extract.position(t.ir))?;
        let container = t.value(extract.container(t.ir), op)?;
        let result = ffi::extract_value(&t.builder, container, &path).ok_or_else(|| t.error(op, "cannot build extractvalue"))?;
        t.map_result(op, result);
        Ok(())
    }
}

struct InsertElement;

impl LlvmTranslation for InsertElement {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let insert = llvm::InsertElementOp(op);
        let ir = t.ir;
        let (vector, value, index) =
            (t.value(insert.vector(ir), op)?, t.value(insert.value(ir), op)?, t.value(insert.position(ir), op)?);
        let result =
            ffi::insert_element(&t.builder, vector, value, index).ok_or_else(|| t.error(op, "cannot build insertelement"))?;
        t.map_result(op, result);
        Ok(())
    }
}

struct ExtractElement;

impl LlvmTranslation for ExtractElement {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let extract = llvm::ExtractElementOp(op);
        let ir = t.ir;
        let (vector, index) = (t.value(extract.vector(ir), op)?, t.value(extract.position(ir), op)?);
        let result = ffi::extract_element(&t.builder, vector, index).ok_or_else(|| t.error(op, "cannot build extractelement"))?;
        t.map_result(op, result);
        Ok(())
    }
}

struct ShuffleVector;

impl LlvmTranslation for ShuffleVector {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let shuffle = llvm::ShuffleVectorOp(op);
        let ir = t.ir;
        let mask = shuffle.mask(ir).and_then(|a| a.as_dense_int_array(ir.ctx())).ok_or_else(|| t.error(op, "invalid 'mask'"))?;
        let i32t = t.llvm.i32_type();
        // -1 picks no element: poison.
        let mask: Vec<_> =
            mask.iter().map(|&m| if m < 0 { ffi::poison(i32t.into()) } else { i32t.const_int(m as u64, false).into() }).collect();
        let mask = ffi::const_vector(&mask);
        let (v1, v2) = (t.value(shuffle.v1(ir), op)?, t.value(shuffle.v2(ir), op)?);
        let result = ffi::shuffle_vector(&t.builder, v1, v2, mask).ok_or_else(|| t.error(op, "cannot build shufflevector"))?;
        t.map_result(op, result);
        Ok(())
    }
}

pub(super) fn register(ctx: &Context) {
    attach! { ctx,
        llvm::ConstantOp => Constant = Constant;
        llvm::UndefOp => Filler = Filler(ffi::undef);
        llvm::PoisonOp => Filler = Filler(ffi::poison);
        llvm::ZeroOp => Filler = Filler(ffi::zero);
        llvm::InsertValueOp => InsertValue = InsertValue;
        llvm::ExtractValueOp => ExtractValue = ExtractValue;
        llvm::InsertElementOp => InsertElement = InsertElement;
        llvm::ExtractElementOp => ExtractElement = ExtractElement;
        llvm::ShuffleVectorOp => ShuffleVector = ShuffleVector;
    }
}
