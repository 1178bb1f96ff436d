//! `expand-strided-metadata`: views of buffers (`memref.subview`,
//! `memref.expand_shape`, `memref.collapse_shape`, `memref.transpose`)
//! become explicit arithmetic on the buffer's metadata: the source's base
//! buffer, offset, sizes and strides (`memref.extract_strided_metadata`),
//! combined with `arith` ops on `index`, and a `memref.reinterpret_cast`
//! of the base buffer with the view's metadata. Only those two ops then
//! need a lowering to the llvm dialect.
//!
//! ```mlir
//! %s = memref.subview %m[%i, 0] [%n, 4] [1, 1] : memref<8x4xf32, strided<[?, ?], offset: ?>> to memref<?x4xf32, strided<[?, ?], offset: ?>>
//! // becomes
//! %base, %offset, %sizes:2, %strides:2 = memref.extract_strided_metadata %m : ... -> memref<f32>, index, index, index, index, index
//! %0 = arith.muli %i, %strides#0 : index
//! %1 = arith.addi %offset, %0 : index
//! %s = memref.reinterpret_cast %base to offset: [%1], sizes: [%n, 4], strides: [%strides#0, %strides#1] : memref<f32> to memref<?x4xf32, strided<[?, ?], offset: ?>>
//! ```
//!
//! Whatever the types say statically is used as constants, so views of
//! buffers with static layouts need no arithmetic at all. Upstream writes
//! the arithmetic as `affine.apply`; there is no affine dialect here.

use dialect_memref as memref;
use index_math::{join_mixed, split_mixed, BuildFailure, IndexBuilder, Ofr};
use ir::pass::{FunctionPass, PassInfo};
use ir::rewrite::{apply_patterns_greedily, GreedyConfig, PatternRewriter, RewritePattern};
use ir::types::DYNAMIC;
use ir::{mixed_list, shape, OpId, OpType, Type, Value};

pub const INFO: PassInfo = PassInfo {
    name: "expand-strided-metadata",
    summary: "Expand memref views into explicit operations on their strided metadata",
    anchor: None,
    options: &[],
    dependent_dialects: &["memref", "arith"],
    create: |_| {
        Ok(Box::new(FunctionPass(|ir, op| {
            expand_strided_metadata(ir, op);
            Ok(())
        })))
    },
};

/// Expands every view under `root`; returns how many.
pub fn expand_strided_metadata(ir: &mut ir::Ir, root: OpId) -> usize {
    let mut patterns: Vec<Box<dyn RewritePattern>> = Vec::new();
    populate_expand_strided_metadata_patterns(&mut patterns);
    apply_patterns_greedily(ir, root, &patterns, GreedyConfig { max_iterations: 2, fold: false }).rewritten
}

/// The patterns that expand views.
pub fn populate_expand_strided_metadata_patterns(patterns: &mut Vec<Box<dyn RewritePattern>>) {
    patterns.push(Box::new(ExpandView { root: memref::SubViewOp::NAME, metadata: subview_metadata }));
    patterns.push(Box::new(ExpandView { root: memref::ExpandShapeOp::NAME, metadata: expand_shape_metadata }));
    patterns.push(Box::new(ExpandView { root: memref::CollapseShapeOp::NAME, metadata: collapse_shape_metadata }));
    patterns.push(Box::new(ExpandView { root: memref::TransposeOp::NAME, metadata: transpose_metadata }));
}

/// A buffer's strided metadata, each part known or a value.
struct Metadata {
    offset: Ofr,
    sizes: Vec<Ofr>,
    strides: Vec<Ofr>,
}

/// Computes a view's metadata from its source's, building what it must.
type MetadataFn = fn(&mut IndexBuilder<'_, '_>, OpId, Metadata) -> Result<Metadata, BuildFailure>;

/// Rewrites one kind of view, whose metadata `metadata` computes.
struct ExpandView {
    root: &'static str,
    metadata: MetadataFn,
}

impl RewritePattern for ExpandView {
    fn root(&self) -> Option<&'static str> {
        Some(self.root)
    }

    fn match_and_rewrite(&self, op: OpId, rewriter: &mut PatternRewriter<'_>) -> bool {
        expand(rewriter, op, self.metadata).is_ok()
    }
}

/// The metadata of `source` (a strided memref): the static parts of its
/// type, the others read through `memref.extract_strided_metadata` built
/// before `op`; returns the base buffer too.
fn source_metadata(rewriter: &mut PatternRewriter<'_>, op: OpId, source: Value) -> Result<(Value, Metadata), BuildFailure> {
    let ir = rewriter.ir();
    let ctx = ir.ctx_arc().clone();
    let location = ir.op(op).location;
    let ty = ir.value_type(source);
    let shape = ty.shape(&ctx).ok_or_else(|| BuildFailure("not a ranked memref".into()))?.to_vec();
    let (strides, offset) =
        memref::layout::strides_and_offset(&ctx, ty).ok_or_else(|| BuildFailure("not a strided memref".into()))?;
    let rank = shape.len();
    let index = Type::index(&ctx);
    let base_type = memref::layout::with_shape_and_layout(&ctx, ty, Vec::new(), None);
    let mut results = vec![base_type, index];
    results.extend(std::iter::repeat_n(index, 2 * rank));
    let extract = rewriter
        .build_before::<memref::ExtractStridedMetadataOp>(op, location, &[&[source]], &results, &[])
        .ok_or_else(|| BuildFailure("cannot build the metadata".into()))?;
    let values = rewriter.ir().results(extract.0).to_vec();
    let known = |statik: i64, value: Value| if statik == DYNAMIC { Ofr::Value(value) } else { Ofr::Const(statik) };
    let metadata = Metadata {
        offset: known(offset, values[1]),
        sizes: (0..rank).map(|d| known(shape[d], values[2 + d])).collect(),
        strides: (0..rank).map(|d| known(strides[d], values[2 + rank + d])).collect(),
    };
    Ok((values[0], metadata))
}

/// Replaces view `op` by a `memref.reinterpret_cast` of its source's base
/// buffer with the metadata `metadata` computes.
fn expand(rewriter: &mut PatternRewriter<'_>, op: OpId, metadata: MetadataFn) -> Result<(), BuildFailure> {
    let ir = rewriter.ir();
    let ctx = ir.ctx_arc().clone();
    let (source, result) = (ir.operands(op)[0], ir.result(op, 0));
    let result_type = ir.value_type(result);
    let location = ir.op(op).location;
    let (result_strides, result_offset) =
        memref::layout::strides_and_offset(&ctx, result_type).ok_or_else(|| BuildFailure("the view is not strided".into()))?;
    let (base, source) = source_metadata(rewriter, op, source)?;
    let view = {
        let mut ib = IndexBuilder::before(rewriter, op);
        let view = metadata(&mut ib, op, source)?;
        // What the result type knows statically wins (and must agree).
        let prefer = |known: i64, computed: Ofr| if known == DYNAMIC { computed } else { Ofr::Const(known) };
        let result_shape = result_type.shape(&ctx).unwrap_or(&[]).to_vec();
        Metadata {
            offset: prefer(result_offset, view.offset),
            sizes: view.sizes.iter().zip(&result_shape).map(|(&c, &k)| prefer(k, c)).collect(),
            strides: view.strides.iter().zip(&result_strides).map(|(&c, &k)| prefer(k, c)).collect(),
        }
    };
    let (static_offset, offset_values) = split_mixed(&[view.offset]);
    let (static_sizes, size_values) = split_mixed(&view.sizes);
    let (static_strides, stride_values) = split_mixed(&view.strides);
    let attrs = [
        ("static_offsets", mixed_list::attribute(&ctx, &static_offset)),
        ("static_sizes", mixed_list::attribute(&ctx, &static_sizes)),
        ("static_strides", mixed_list::attribute(&ctx, &static_strides)),
    ];
    let cast = rewriter
        .build_before::<memref::ReinterpretCastOp>(
            op,
            location,
            &[&[base], &offset_values, &size_values, &stride_values],
            &[result_type],
            &attrs,
        )
        .ok_or_else(|| BuildFailure("cannot build the reinterpret_cast".into()))?;
    let value = rewriter.ir().result(cast.0, 0);
    rewriter.replace_op(op, &[value]);
    Ok(())
}

/// `subview[o][s][t]`: offset `offset + sum(o[i] * stride[i])`, strides
/// `stride[i] * t[i]`, sizes `s`; dropped unit dimensions leave.
fn subview_metadata(ib: &mut IndexBuilder<'_, '_>, op: OpId, source: Metadata) -> Result<Metadata, BuildFailure> {
    let ir = ib.rewriter.ir();
    let view = memref::SubViewOp(op);
    let list = |name: &str, values: &[Value]| {
        join_mixed(&mixed_list::statics(ir, op, name), values).ok_or_else(|| BuildFailure(format!("malformed {name}")))
    };
    let offsets = list("static_offsets", view.offsets(ir))?;
    let sizes = list("static_sizes", view.sizes(ir))?;
    let steps = list("static_strides", view.strides(ir))?;
    let result_shape = ir.value_type(ir.result(op, 0)).shape(ir.ctx()).unwrap_or(&[]).to_vec();
    let static_sizes = mixed_list::statics(ir, op, "static_sizes");
    let dropped = if result_shape.len() == sizes.len() {
        Vec::new()
    } else {
        shape::rank_reduction_mask(&static_sizes, &result_shape)
            .ok_or_else(|| BuildFailure("cannot tell the dropped dimensions".into()))?
    };
    let mut offset = source.offset;
    let mut strides = Vec::new();
    let mut kept_sizes = Vec::new();
    for d in 0..sizes.len() {
        let (stride, o, t) = (*source.strides.get(d).ok_or_else(|| BuildFailure("rank mismatch".into()))?, offsets[d], steps[d]);
        let moved = ib.mul(o, stride)?;
        offset = ib.add(offset, moved)?;
        if !dropped.contains(&d) {
            strides.push(ib.mul(stride, t)?);
            kept_sizes.push(sizes[d]);
        }
    }
    Ok(Metadata { offset, sizes: kept_sizes, strides })
}

/// `expand_shape`: each source dimension's stride goes to the innermost
/// dimension of its group; the ones outside it step over the sizes inside.
fn expand_shape_metadata(ib: &mut IndexBuilder<'_, '_>, op: OpId, source: Metadata) -> Result<Metadata, BuildFailure> {
    let ir = ib.rewriter.ir();
    let ctx = ir.ctx_arc().clone();
    let groups = ir
        .attr(op, "reassociation")
        .and_then(|a| shape::reassociation(&ctx, a))
        .ok_or_else(|| BuildFailure("no reassociation".into()))?;
    let output = join_mixed(&mixed_list::statics(ir, op, "static_output_shape"), memref::ExpandShapeOp(op).output_shape(ir))
        .ok_or_else(|| BuildFailure("malformed output shape".into()))?;
    let mut strides = vec![Ofr::Const(1); output.len()];
    for (group, &stride) in groups.iter().zip(&source.strides) {
        let mut running = stride;
        for &d in group.iter().rev() {
            let d = d as usize;
            *strides.get_mut(d).ok_or_else(|| BuildFailure("bad reassociation".into()))? = running;
            running = ib.mul(running, output[d])?;
        }
    }
    Ok(Metadata { offset: source.offset, sizes: output, strides })
}

/// `collapse_shape`: each group's size is the product of its sizes, its
/// stride that of its innermost dimension (the group is contiguous).
fn collapse_shape_metadata(ib: &mut IndexBuilder<'_, '_>, op: OpId, source: Metadata) -> Result<Metadata, BuildFailure> {
    let ir = ib.rewriter.ir();
    let ctx = ir.ctx_arc().clone();
    let groups = ir
        .attr(op, "reassociation")
        .and_then(|a| shape::reassociation(&ctx, a))
        .ok_or_else(|| BuildFailure("no reassociation".into()))?;
    let (mut sizes, mut strides) = (Vec::new(), Vec::new());
    for group in &groups {
        let mut size = Ofr::Const(1);
        for &d in group {
            size = ib.mul(size, *source.sizes.get(d as usize).ok_or_else(|| BuildFailure("bad reassociation".into()))?)?;
        }
        sizes.push(size);
        let inner = group.last().map_or(Ofr::Const(1), |&d| source.strides[d as usize]);
        strides.push(inner);
    }
    Ok(Metadata { offset: source.offset, sizes, strides })
}

/// `transpose`: sizes and strides permuted.
fn transpose_metadata(ib: &mut IndexBuilder<'_, '_>, op: OpId, source: Metadata) -> Result<Metadata, BuildFailure> {
    let ir = ib.rewriter.ir();
    let permutation = ir
        .attr(op, "permutation")
        .and_then(|a| match a.data(ir.ctx()) {
            ir::AttrData::AffineMap(map) => map.result_dims(),
            _ => None,
        })
        .ok_or_else(|| BuildFailure("not a permutation".into()))?;
    let pick = |list: &[Ofr]| permutation.iter().map(|&d| list.get(d as usize).copied()).collect::<Option<Vec<_>>>();
    let sizes = pick(&source.sizes).ok_or_else(|| BuildFailure("bad permutation".into()))?;
    let strides = pick(&source.strides).ok_or_else(|| BuildFailure("bad permutation".into()))?;
    Ok(Metadata { offset: source.offset, sizes, strides })
}
