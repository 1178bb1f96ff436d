//! Bufferization of the bufferization dialect's own tensor ops, where
//! tensors and buffers meet: `to_tensor` and `to_buffer` connect to code
//! already on buffers, `alloc_tensor` asks for a new buffer,
//! `materialize_in_destination` for a copy into a given one, and
//! `dealloc_tensor` releases one.

use dialect_bufferization::{AllocTensorOp, MaterializeInDestinationOp, ToBufferOp, ToTensorOp};
use dialect_memref as memref;
use ir::rewrite::InsertPoint;
use ir::{Diagnostic, OpId, Value};

use crate::analysis::AnalysisState;
use crate::bufferizable::{Access, Bufferizable};
use crate::bufferizer::Bufferizer;

/// `to_tensor %m`: the tensor lives in `%m`, which may be written only when
/// the op says it is `restrict`ed (no other alias) and `writable`.
pub struct ToTensorModel;

impl Bufferizable for ToTensorModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::NONE
    }

    fn is_writable(&self, state: &AnalysisState<'_>, op: OpId, _: usize) -> bool {
        let ir = state.ir;
        ir.attr(op, "restrict").is_some() && ir.attr(op, "writable").is_some()
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let (buffer, result) = (ToTensorOp(op).buffer(ir), ir.result(op, 0));
        b.set_buffer(result, buffer);
        b.erase(op);
        Ok(())
    }
}

/// `to_buffer %t`: code on buffers gets `%t`'s buffer (a copy when the
/// analysis finds that writing it would be wrong), cast to the type asked.
pub struct ToBufferModel;

impl Bufferizable for ToBufferModel {
    fn access(&self, state: &AnalysisState<'_>, op: OpId, _: usize) -> Access {
        Access { read: true, write: state.ir.attr(op, "read_only").is_none() }
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let (result, location) = (ToBufferOp(op).buffer(ir), ir.op(op).location);
        let ty = ir.value_type(result);
        let buffer = b.operand_buffer(op, 0)?;
        let cast = b.cast_or_copy(InsertPoint::Before(op), location, buffer, ty)?;
        b.rewriter.replace_all_uses(result, cast);
        b.erase(op);
        Ok(())
    }
}

/// `alloc_tensor(sizes) [copy(%t)]`: a new buffer, with `%t` copied in.
pub struct AllocTensorModel;

impl Bufferizable for AllocTensorModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::READ
    }

    fn has_undefined_contents(&self, state: &AnalysisState<'_>, op: OpId, _: usize) -> bool {
        AllocTensorOp(op).copy(state.ir).is_none()
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let alloc = AllocTensorOp(op);
        let (sizes, copy, result, location) =
            (alloc.dynamic_sizes(ir).to_vec(), alloc.copy(ir), ir.result(op, 0), ir.op(op).location);
        let ty = ir.value_type(result);
        let at = InsertPoint::Before(op);
        let buffer = match copy {
            Some(source) => {
                let source = b.buffer(source)?;
                let fresh = b.alloc_like(at, location, source)?;
                b.copy(at, location, source, fresh)?;
                fresh
            }
            None => b.alloc(at, location, ty, &sizes)?,
        };
        b.set_buffer(result, buffer);
        b.erase(op);
        Ok(())
    }
}

/// `materialize_in_destination %src in %dest`: `%src` copied into the
/// destination's buffer (nothing when it already is that buffer).
pub struct MaterializeModel;

impl Bufferizable for MaterializeModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, operand: usize) -> Access {
        if operand == 0 {
            Access::READ
        } else {
            Access::WRITE
        }
    }

    fn aliases(&self, state: &AnalysisState<'_>, op: OpId, operand: usize) -> Vec<Value> {
        if operand == 1 {
            state.ir.results(op).to_vec()
        } else {
            Vec::new()
        }
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let materialize = MaterializeInDestinationOp(op);
        let (source, dest, location) = (materialize.source(ir), materialize.dest(ir), ir.op(op).location);
        let dest_is_buffer = ir.value_type(dest).is_memref(ir.ctx());
        let source_buffer = b.buffer(source)?;
        let dest_buffer = if dest_is_buffer { dest } else { b.operand_buffer(op, 1)? };
        if source_buffer != dest_buffer {
            b.copy(InsertPoint::Before(op), location, source_buffer, dest_buffer)?;
        }
        if let Some(&result) = b.ir().results(op).first() {
            b.set_buffer(result, dest_buffer);
        }
        b.erase(op);
        Ok(())
    }
}

/// `dealloc_tensor %t`: `memref.dealloc` of its buffer.
pub struct DeallocTensorModel;

impl Bufferizable for DeallocTensorModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::NONE
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let (tensor, location) = (ir.operands(op)[0], ir.op(op).location);
        let buffer = b.buffer(tensor)?;
        b.rewriter
            .build::<memref::DeallocOp>(InsertPoint::Before(op), location, &[&[buffer]], &[], &[])
            .map_err(|e| Diagnostic::error(location, e.0))?;
        b.erase(op);
        Ok(())
    }
}
