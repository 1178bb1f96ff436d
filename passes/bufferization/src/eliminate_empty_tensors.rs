//! `eliminate-empty-tensors`: a `tensor.empty` whose only purpose is to be
//! computed into and then inserted into a slice of another tensor becomes
//! that slice, so that bufferization computes straight into the
//! destination's buffer instead of into a new one copied over afterwards.
//!
//! ```mlir
//! %e = tensor.empty() : tensor<4x8xf32>
//! %f = linalg.fill ins(%x : f32) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
//! %r = tensor.insert_slice %f into %dest[%i, 0] [4, 8] [1, 1] : tensor<4x8xf32> into tensor<?x8xf32>
//! // becomes
//! %e = tensor.extract_slice %dest[%i, 0] [4, 8] [1, 1] : tensor<?x8xf32> to tensor<4x8xf32>
//! %f = linalg.fill ins(%x : f32) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
//! %r = tensor.insert_slice %f into %dest[%i, 0] [4, 8] [1, 1] : tensor<4x8xf32> into tensor<?x8xf32>
//! ```
//!
//! The chain from the `tensor.empty` to the insertion goes through
//! destination operands of structured ops, and the destination and slice positions must be defined where the
//! `tensor.empty`'s user is. Upstream's pass of the same name also follows
//! other destination-style ops; it is otherwise the same rewrite. Whether
//! writing into the destination is then in place is one-shot
//! bufferization's decision, as always.

use dialect_linalg::Structured;
use dialect_tensor::{EmptyOp, ExtractSliceOp, InsertSliceOp, ParallelInsertSliceOp};
use ir::analysis::{Analysis, DominanceInfo};
use ir::body::WalkOrder;
use ir::pass::{FunctionPass, PassInfo};
use ir::rewrite::PatternRewriter;
use ir::{Diagnostic, Ir, OpId, Value};

pub const INFO: PassInfo = PassInfo {
    name: "eliminate-empty-tensors",
    summary: "Replace tensor.empty ops that are inserted into a destination by slices of that destination",
    anchor: None,
    options: &[],
    dependent_dialects: &["tensor"],
    create: |_| Ok(Box::new(FunctionPass(|ir, op| eliminate_empty_tensors(ir, op).map(|_| ())))),
};

/// Rewrites every eligible `tensor.empty` under `root`; returns how many.
pub fn eliminate_empty_tensors(ir: &mut Ir, root: OpId) -> Result<usize, Diagnostic> {
    let inserts: Vec<OpId> = ir
        .walk_collect(root, WalkOrder::PreOrder)
        .into_iter()
        .filter(|&op| ir.isa::<InsertSliceOp>(op) || ir.isa::<ParallelInsertSliceOp>(op))
        .collect();
    let mut eliminated = 0;
    for insert in inserts {
        let dominance = DominanceInfo::compute(ir, root);
        let Some((empty, user)) = empty_feeding(ir, insert) else { continue };
        let dest = ir.operands(insert)[1];
        let subset = &ir.operands(insert)[2..];
        if !std::iter::once(dest).chain(subset.iter().copied()).all(|v| dominance.value_dominates(ir, v, user)) {
            continue;
        }
        let location = ir.op(empty).location;
        let ty = ir.value_type(ir.result(empty, 0));
        let subset = subset.to_vec();
        let attrs: Vec<(&str, ir::Attribute)> = ["static_offsets", "static_sizes", "static_strides"]
            .into_iter()
            .filter_map(|n| ir.attr(insert, n).map(|a| (n, a)))
            .collect();
        let counts = subset_counts(ir, insert);
        let (offsets, rest) = subset.split_at(counts[0]);
        let (sizes, strides) = rest.split_at(counts[1]);
        let mut rewriter = PatternRewriter::new(ir);
        let Some(slice) =
            rewriter.build_before::<ExtractSliceOp>(user, location, &[&[dest], offsets, sizes, strides], &[ty], &attrs)
        else {
            continue;
        };
        let value = rewriter.ir().result(slice.0, 0);
        rewriter.replace_op(empty, &[value]);
        eliminated += 1;
    }
    Ok(eliminated)
}

/// How many dynamic offsets, sizes and strides the slice op has.
fn subset_counts(ir: &Ir, op: OpId) -> [usize; 3] {
    ["static_offsets", "static_sizes", "static_strides"].map(|n| ir::shape::dynamic_count(&ir::mixed_list::statics(ir, op, n)))
}

/// The `tensor.empty` that `insert`'s source is computed into, through
/// destination operands of structured ops, and its user in that chain.
/// (Its contents are unspecified, so any tensor of its type may stand for
/// it: the rewrite is always correct; it pays when it saves a copy.)
fn empty_feeding(ir: &Ir, insert: OpId) -> Option<(OpId, OpId)> {
    let mut v: Value = ir.operands(insert)[0];
    let mut user = insert;
    loop {
        let def = ir.defining_op(v)?;
        if ir.isa::<EmptyOp>(def) {
            return Some((def, user));
        }
        let s = Structured::of(ir, def)?;
        let k = ir.results(def).iter().position(|&r| r == v)?;
        v = *s.outputs().get(k)?;
        user = def;
    }
}
