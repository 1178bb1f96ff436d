//! Bufferization of the slice ops: `tensor.extract_slice` is a
//! `memref.subview` of its source's buffer (a view, no copy);
//! `tensor.insert_slice` and `tensor.parallel_insert_slice` copy their
//! source into a subview of the destination's buffer.
//!
//! ```mlir
//! %s = tensor.extract_slice %t[%i, 0] [2, 8] [1, 1] : tensor<?x8xf32> to tensor<2x8xf32>
//! %r = linalg.fill ins(%c : f32) outs(%s : tensor<2x8xf32>) -> tensor<2x8xf32>
//! %u = tensor.insert_slice %r into %t[%i, 0] [2, 8] [1, 1] : tensor<2x8xf32> into tensor<?x8xf32>
//! // becomes (in place)
//! %sv = memref.subview %T[%i, 0] [2, 8] [1, 1] : memref<?x8xf32> to memref<2x8xf32, strided<[8, 1], offset: ?>>
//! linalg.fill ins(%c : f32) outs(%sv : memref<2x8xf32, strided<[8, 1], offset: ?>>)
//! ```
//!
//! The insertion of a slice into the very part it was extracted from
//! (the pattern tiling produces) is recognized twice: by the analysis, so
//! that writing into the extracted slice in place does not count as
//! destroying what the insertion reads; and by the rewrite, which then
//! copies nothing.

use dialect_memref as memref;
use dialect_tensor::{ExtractSliceOp, InsertSliceOp, ParallelInsertSliceOp};
use ir::rewrite::InsertPoint;
use ir::{mixed_list, Diagnostic, Ir, OpId, Value};

use crate::analysis::AnalysisState;
use crate::bufferizable::{Access, Bufferizable};
use crate::bufferizer::Bufferizer;

/// Offsets, sizes and strides of a slice-like op, static parts and values.
#[derive(PartialEq, Eq)]
struct Subset {
    statics: [Vec<i64>; 3],
    dynamics: [Vec<Value>; 3],
}

impl Subset {
    /// The subset of `op`, whose first `fixed` operands are not part of it.
    fn of(ir: &Ir, op: OpId, fixed: usize) -> Subset {
        let statics = ["static_offsets", "static_sizes", "static_strides"].map(|name| mixed_list::statics(ir, op, name));
        let mut rest = &ir.operands(op)[fixed.min(ir.operands(op).len())..];
        let dynamics = statics.clone().map(|list| {
            let n = ir::shape::dynamic_count(&list).min(rest.len());
            let (taken, left) = rest.split_at(n);
            rest = left;
            taken.to_vec()
        });
        Subset { statics, dynamics }
    }

    fn statics(&self) -> [&[i64]; 3] {
        [&self.statics[0], &self.statics[1], &self.statics[2]]
    }

    fn dynamics(&self) -> [&[Value]; 3] {
        [&self.dynamics[0], &self.dynamics[1], &self.dynamics[2]]
    }
}

/// Whether tensor `v` is (equivalent to) the slice of `dest` that
/// `subset` describes.
fn is_slice_of(state: &AnalysisState<'_>, v: Value, dest: Value, subset: &Subset) -> bool {
    let ir = state.ir;
    let root = state.equivalent_root(v);
    let Some(extract) = ir.defining_op(root).and_then(|op| ir.dyn_cast::<ExtractSliceOp>(op)) else { return false };
    state.equivalent_root(extract.source(ir)) == state.equivalent_root(dest) && Subset::of(ir, extract.0, 1) == *subset
}

/// Whether buffer `source` is the subview of `dest` that `subset` describes.
fn is_subview_of(ir: &Ir, source: Value, dest: Value, subset: &Subset) -> bool {
    ir.defining_op(source)
        .and_then(|op| ir.dyn_cast::<memref::SubViewOp>(op))
        .is_some_and(|view| view.source(ir) == dest && Subset::of(ir, view.0, 1) == *subset)
}

pub struct ExtractSliceModel;

impl Bufferizable for ExtractSliceModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::NONE
    }

    fn aliases(&self, state: &AnalysisState<'_>, op: OpId, operand: usize) -> Vec<Value> {
        if operand == 0 {
            vec![state.ir.result(op, 0)]
        } else {
            Vec::new()
        }
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let ctx = ir.ctx();
        let slice = ExtractSliceOp(op);
        let (source, result, location) = (slice.source(ir), ir.result(op, 0), ir.op(op).location);
        let shape = ir.value_type(result).shape(ctx).unwrap_or(&[]).to_vec();
        let subset = Subset::of(ir, op, 1);
        let buffer = b.buffer(source)?;
        let view = b.subview(InsertPoint::Before(op), location, buffer, subset.statics(), subset.dynamics(), &shape)?;
        b.set_buffer(result, view);
        b.erase(op);
        Ok(())
    }
}

/// Copies `source`'s buffer into the part `subset` of buffer `dest`, before
/// `op`; nothing when it already is that part.
fn copy_into_subset(b: &mut Bufferizer<'_, '_>, op: OpId, source: Value, dest: Value, subset: &Subset) -> Result<(), Diagnostic> {
    let ir = b.ir();
    let location = ir.op(op).location;
    let source_buffer = b.buffer(source)?;
    if is_subview_of(b.ir(), source_buffer, dest, subset) {
        return Ok(());
    }
    let shape = b.ir().value_type(source).shape(b.ir().ctx()).unwrap_or(&[]).to_vec();
    let at = InsertPoint::Before(op);
    let view = b.subview(at, location, dest, subset.statics(), subset.dynamics(), &shape)?;
    b.copy(at, location, source_buffer, view)
}

pub struct InsertSliceModel;

impl Bufferizable for InsertSliceModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, operand: usize) -> Access {
        match operand {
            0 => Access::READ,
            _ => Access::READ_WRITE, // the destination outside the slice is kept
        }
    }

    fn aliases(&self, state: &AnalysisState<'_>, op: OpId, operand: usize) -> Vec<Value> {
        if operand == 1 {
            vec![state.ir.result(op, 0)]
        } else {
            Vec::new()
        }
    }

    fn reads_before_overwriting(&self, state: &AnalysisState<'_>, op: OpId, read: usize, written: usize) -> bool {
        let ir = state.ir;
        let insert = InsertSliceOp(op);
        read == 0 && written == 1 && is_slice_of(state, insert.source(ir), insert.dest(ir), &Subset::of(ir, op, 2))
    }

    fn not_conflicting(&self, state: &AnalysisState<'_>, op: OpId, read: usize, written: Value) -> bool {
        let ir = state.ir;
        read == 1 && is_slice_of(state, written, InsertSliceOp(op).dest(ir), &Subset::of(ir, op, 2))
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let insert = InsertSliceOp(op);
        let (source, result) = (insert.source(ir), ir.result(op, 0));
        let subset = Subset::of(ir, op, 2);
        let dest = b.operand_buffer(op, 1)?;
        copy_into_subset(b, op, source, dest, &subset)?;
        b.set_buffer(result, dest);
        b.erase(op);
        Ok(())
    }
}

/// `tensor.parallel_insert_slice` in an `scf.forall.in_parallel`: each
/// thread's copy goes right before the terminator, into the shared
/// output's buffer (shared outputs are decided by the `scf.forall`).
pub struct ParallelInsertSliceModel;

impl Bufferizable for ParallelInsertSliceModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, operand: usize) -> Access {
        match operand {
            0 => Access::READ,
            _ => Access::NONE,
        }
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let insert = ParallelInsertSliceOp(op);
        let (source, dest) = (insert.source(ir), insert.dest(ir));
        let subset = Subset::of(ir, op, 2);
        let Some(terminator) = ir.parent_op(op) else { return Err(ir::verifier::op_error(ir, op, "expects a parent op")) };
        let dest_buffer = b.buffer(dest)?;
        copy_into_subset(b, terminator, source, dest_buffer, &subset)?;
        b.erase(op);
        Ok(())
    }
}
