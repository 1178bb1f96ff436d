//! `tile-and-fuse` (upstream: `transform.structured.fuse`,
//! `tileConsumerAndFuseProducersUsingSCF`): tiles the last op of each chain
//! of tileable ops, then computes its producers tile by tile inside the
//! same loop nest. Each `tensor.extract_slice` of a producer's result in the
//! loop body is replaced by the producer tiled to that slice (recomputed per
//! tile), and the slices that the fused producer takes of its own operands
//! are fused in turn, greedily and breadth first:
//!
//! ```mlir
//! %f = linalg.fill ins(%zero : f32) outs(%e : tensor<128x96xf32>) -> tensor<128x96xf32>
//! %m = linalg.matmul ins(%a, %b : ...) outs(%f : tensor<128x96xf32>) -> tensor<128x96xf32>
//! %r = linalg.generic {... relu ...} ins(%m : tensor<128x96xf32>) outs(%e : tensor<128x96xf32>) -> tensor<128x96xf32>
//! // --tile-and-fuse="sizes=32,32" becomes one loop nest over (i, j) whose body is
//! %t = tensor.empty() : tensor<32x32xf32>
//! %ft = linalg.fill ins(%zero : f32) outs(%t : tensor<32x32xf32>) -> tensor<32x32xf32>
//! %mt = linalg.matmul ins(%sa, %sb : tensor<32x64xf32>, tensor<64x32xf32>) outs(%ft : ...)  // all of k
//! %rt = linalg.generic {... relu ...} ins(%mt : ...) outs(%so : tensor<32x32xf32>)
//! %u = tensor.insert_slice %rt into %o[%i, %j] [32, 32] [1, 1] ...
//! ```
//!
//! Roots: every op with a tiling interface (structured ops, `tensor.pad`),
//! not nested in a structured op, none of whose results is used by another
//! such op in the same block. A producer is fused when it has a tiling
//! interface, works on tensors and is defined outside the loop nest; its
//! loops that the sliced result does not index (a matmul's k) run whole in
//! each tile. A slice of `tensor.empty` becomes a `tensor.empty` of the
//! slice's shape. The destination of the root comes into the loop as an
//! iteration argument: when it is the result of a structured op (the
//! `linalg.fill` of a matmul's accumulator), that op is fused on the
//! iteration argument's slice and the loop starts from the fill's own
//! destination instead, as upstream does, unless a reduction loop is tiled
//! (the fill would run once per reduction step). Producers that no longer
//! have uses are erased. `--remarks=tile-and-fuse` reports the tiling at
//! the root and each fusion (or why not) at the producer.
//!
//! Differences from upstream: the same loops and tiled ops; index
//! arithmetic in `arith` as for `tile`; `tensor.empty` slices fold to new
//! `tensor.empty` ops at once and dead producers are erased (upstream
//! leaves both to canonicalization); producers fused through a rank-reducing
//! or strided slice are not fused (upstream does not either).

use std::collections::VecDeque;

use dialect_linalg::Structured;
use dialect_tensor as tensor;
use ir::pass::{Pass, PassContext, PassInfo};
use ir::rewrite::{InsertPoint, PatternRewriter};
use ir::{Diagnostic, Ir, Location, OpId, Value};

use crate::index_math::{split_mixed, BuildFailure, IndexBuilder};
use crate::tile::{replace_tiled_op, tile_with, tileable_ops, NotTiled, TileOptions, TiledNest};
use crate::tiling_interface::{slice_tile, tiling_interface, Tile};

pub const INFO: PassInfo = PassInfo {
    name: "tile-and-fuse",
    summary: "Tile the last op of each chain of structured ops and fuse its producers into the loop nest (upstream: transform.structured.fuse)",
    anchor: None,
    options: crate::tile::INFO.options,
    dependent_dialects: &["arith", "memref", "scf", "tensor"],
    create: |options| Ok(Box::new(TileAndFusePass { options: TileOptions::from_pass_options(options)? })),
};

struct TileAndFusePass {
    options: TileOptions,
}

impl Pass for TileAndFusePass {
    fn run(&self, ir: &mut Ir, op: OpId, cx: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        let (mut roots, mut fused) = (0, 0);
        for report in tile_and_fuse(ir, op, &self.options) {
            match &report.outcome {
                Ok(result) => {
                    roots += 1;
                    fused += result.fused.len() as u64;
                    let mut text = result.nest.describe(&report.name);
                    if !result.fused.is_empty() {
                        let names: Vec<String> = result.fused.iter().map(|f| format!("'{}'", f.name)).collect();
                        text.push_str(&format!(", and fused {}", names.join(", ")));
                    }
                    cx.remark(report.location, text);
                    for f in &result.fused {
                        cx.remark(f.location, format!("fused '{}' into the loop nest of '{}'", f.name, report.name));
                    }
                    for n in &result.not_fused {
                        cx.remark(
                            n.location,
                            format!("'{}' not fused into the loop nest of '{}': {}", n.name, report.name, n.reason),
                        );
                    }
                }
                Err(NotTiled(why)) => cx.remark(report.location, format!("'{}' not tiled: {why}", report.name)),
            }
        }
        cx.count("num-roots-tiled", "Number of root ops tiled", roots);
        cx.count("num-fused", "Number of producer tiles fused", fused);
        Ok(())
    }
}

/// A producer computed inside a loop nest.
#[derive(Clone, Debug)]
pub struct Fused {
    pub name: String,
    pub location: Location,
    /// The ops that compute its tile.
    pub tiled_ops: Vec<OpId>,
}

/// A producer that could have been fused, and why it was not.
#[derive(Clone, Debug)]
pub struct NotFused {
    pub name: String,
    pub location: Location,
    pub reason: String,
}

/// The loop nest of a root and what was fused into it.
#[derive(Clone, Debug)]
pub struct FusedNest {
    pub nest: TiledNest,
    /// Producers fused, in the order they were (one entry per fused slice).
    pub fused: Vec<Fused>,
    pub not_fused: Vec<NotFused>,
}

/// What happened to one root.
#[derive(Clone, Debug)]
pub struct FuseReport {
    pub name: String,
    pub location: Location,
    pub outcome: Result<FusedNest, NotTiled>,
}

/// The roots of `root`'s chains of tileable ops (see the module doc), in program order.
pub fn fusion_roots(ir: &Ir, root: OpId) -> Vec<OpId> {
    tileable_ops(ir, root)
        .into_iter()
        .filter(|&op| {
            let block = ir.op_parent_block(op);
            !ir.results(op)
                .iter()
                .any(|&r| ir.uses(r).iter().any(|u| ir.op_parent_block(u.op) == block && tiling_interface(ir, u.op).is_some()))
        })
        .collect()
}

/// Tiles and fuses every chain under `root` with `options`.
pub fn tile_and_fuse(ir: &mut Ir, root: OpId, options: &TileOptions) -> Vec<FuseReport> {
    let roots = fusion_roots(ir, root);
    let mut rewriter = PatternRewriter::new(ir);
    let mut reports = Vec::new();
    for op in roots {
        // A root fused into an earlier root's nest is gone.
        if rewriter.ir().is_erased(op) {
            continue;
        }
        let name = rewriter.ir().op_name_str(op).to_string();
        let location = rewriter.ir().op(op).location;
        reports.push(FuseReport { name, location, outcome: tile_and_fuse_op(&mut rewriter, op, options) });
    }
    reports
}

/// Tiles `op` with `options` and fuses its producers into the loop nest
/// (see the module doc), through `rewriter`. When `op` cannot be tiled
/// nothing changes and the reason is returned; producers that cannot be
/// fused stay outside, listed in [`FusedNest::not_fused`].
pub fn tile_and_fuse_op(rewriter: &mut PatternRewriter<'_>, op: OpId, options: &TileOptions) -> Result<FusedNest, NotTiled> {
    let mut b = IndexBuilder::before(rewriter, op);
    let nest = tile_with(&mut b, op, options)?;
    replace_tiled_op(b.rewriter, op, &nest);
    let mut result = FusedNest { nest, fused: Vec::new(), not_fused: Vec::new() };
    let Some(&outermost) = result.nest.loops.first() else { return Ok(result) };

    let mut producers: Vec<OpId> = Vec::new();
    let mut worklist: VecDeque<OpId> = result.nest.tiled.slices.iter().copied().collect();
    while let Some(slice) = worklist.pop_front() {
        let ir = b.rewriter.ir();
        if ir.is_erased(slice) {
            continue;
        }
        let Some(tile) = slice_tile(ir, slice) else { continue };
        let source = ir.operands(slice)[0];
        b.at = InsertPoint::Before(slice);
        b.location = ir.op(slice).location;
        let outcome = match ir.defining_op(source) {
            Some(producer) if !ir.is_ancestor(outermost, producer) => fuse_producer(&mut b, slice, producer, source, &tile),
            Some(_) => continue,
            None => match result.nest.carried.iter().position(|&c| c == source) {
                Some(r) => fuse_destination(&mut b, slice, outermost, &result.nest, r, &tile),
                None => continue,
            },
        };
        match outcome {
            Fusion::Fused { producer, tiled_ops, slices } => {
                let ir = b.rewriter.ir();
                producers.push(producer);
                if !ir.isa::<tensor::EmptyOp>(producer) {
                    let (name, location) = (ir.op_name_str(producer).to_string(), ir.op(producer).location);
                    result.fused.push(Fused { name, location, tiled_ops });
                }
                worklist.extend(slices);
            }
            Fusion::NotFused { producer, reason } => {
                let ir = b.rewriter.ir();
                let (name, location) = (ir.op_name_str(producer).to_string(), ir.op(producer).location);
                if !result.not_fused.iter().any(|n| n.location == location && n.reason == reason) {
                    result.not_fused.push(NotFused { name, location, reason });
                }
            }
            Fusion::Skipped => {}
        }
    }
    erase_dead(b.rewriter, producers);
    Ok(result)
}

/// What fusing one slice did.
enum Fusion {
    Fused {
        producer: OpId,
        tiled_ops: Vec<OpId>,
        slices: Vec<OpId>,
    },
    NotFused {
        producer: OpId,
        reason: String,
    },
    /// Not a producer fusion applies to (no tiling interface).
    Skipped,
}

/// Replaces `slice` (of `source`, a result of `producer` outside the loop
/// nest) by the producer computed on that tile.
fn fuse_producer(b: &mut IndexBuilder<'_, '_>, slice: OpId, producer: OpId, source: Value, tile: &Tile) -> Fusion {
    let ir = b.rewriter.ir();
    if ir.isa::<tensor::EmptyOp>(producer) {
        return match empty_tile(b, slice, tile) {
            Ok(()) => Fusion::Fused { producer, tiled_ops: Vec::new(), slices: Vec::new() },
            Err(e) => Fusion::NotFused { producer, reason: e.0 },
        };
    }
    let Some(interface) = tiling_interface(ir, producer) else { return Fusion::Skipped };
    if let Err(why) = fusable(ir, producer).and_then(|_| interface.check(ir, producer)) {
        return Fusion::NotFused { producer, reason: why };
    }
    let Some(r) = ir.results(producer).iter().position(|&v| v == source) else { return Fusion::Skipped };
    let fused = (|| {
        let iteration = interface.iteration_tile_of_result_tile(b, producer, r, tile)?;
        let tiled = interface.tiled_implementation(b, producer, &iteration, None)?;
        replace_slice(b, slice, tiled.results[r])?;
        Ok::<_, BuildFailure>(tiled)
    })();
    match fused {
        Ok(tiled) => Fusion::Fused { producer, tiled_ops: tiled.ops, slices: tiled.slices },
        Err(e) => Fusion::NotFused { producer, reason: e.0 },
    }
}

/// Replaces `slice`, a slice of the loop-carried value of result `r`, by
/// the producer of the loop's initial value computed on the slice of the
/// carried value; the loop then starts from the producer's destination.
fn fuse_destination(
    b: &mut IndexBuilder<'_, '_>,
    slice: OpId,
    outermost: OpId,
    nest: &TiledNest,
    r: usize,
    tile: &Tile,
) -> Fusion {
    let ir = b.rewriter.ir();
    let Some(&init_operand) = nest.init_operands.get(r) else { return Fusion::Skipped };
    let Some(&init) = ir.operands(outermost).get(init_operand) else { return Fusion::Skipped };
    let Some(producer) = ir.defining_op(init) else { return Fusion::Skipped };
    let Some(s) = Structured::of(ir, producer) else { return Fusion::Skipped };
    if let Err(why) = fusable(ir, producer) {
        return Fusion::NotFused { producer, reason: why };
    }
    if s.outputs().len() != 1 || ir.results(producer).len() != 1 {
        return Fusion::NotFused { producer, reason: "fusing into a destination needs an op with one result".into() };
    }
    if nest.tiles_reduction {
        return Fusion::NotFused {
            producer,
            reason: "it computes the destination, which a tiled reduction loop updates tile by tile".into(),
        };
    }
    let Some(interface) = tiling_interface(ir, producer) else { return Fusion::Skipped };
    if let Err(why) = interface.check(ir, producer) {
        return Fusion::NotFused { producer, reason: why };
    }
    let dest = s.outputs()[0];
    let carried = ir.operands(slice)[0];
    let fused = (|| {
        let iteration = interface.iteration_tile_of_result_tile(b, producer, 0, tile)?;
        let tiled = interface.tiled_implementation(b, producer, &iteration, Some(&[carried]))?;
        replace_slice(b, slice, tiled.results[0])?;
        Ok::<_, BuildFailure>(tiled)
    })();
    match fused {
        Ok(tiled) => {
            // The loop now carries the producer's destination.
            b.rewriter.modify_in_place(outermost, |ir| ir.set_operand(outermost, init_operand, dest));
            Fusion::Fused { producer, tiled_ops: tiled.ops, slices: tiled.slices }
        }
        Err(e) => Fusion::NotFused { producer, reason: e.0 },
    }
}

/// Why `producer` is not fused whatever the slice, if it is not.
fn fusable(ir: &Ir, producer: OpId) -> Result<(), String> {
    if let Some(s) = Structured::of(ir, producer) {
        if !s.has_pure_tensor_semantics() {
            return Err("it works on buffers".into());
        }
    }
    if ir.results(producer).is_empty() {
        return Err("it has no results".into());
    }
    Ok(())
}

/// Replaces `slice` by `value`, through a `tensor.cast` when their static
/// shapes differ.
fn replace_slice(b: &mut IndexBuilder<'_, '_>, slice: OpId, value: Value) -> Result<(), BuildFailure> {
    let ir = b.rewriter.ir();
    let wanted = ir.value_type(ir.result(slice, 0));
    let value = if ir.value_type(value) == wanted {
        value
    } else {
        let cast = b.op::<tensor::CastOp>(&[&[value]], &[wanted], &[])?;
        b.rewriter.ir().result(cast, 0)
    };
    b.rewriter.replace_op(slice, &[value]);
    Ok(())
}

/// A slice of `tensor.empty` is a `tensor.empty` of the slice's shape.
fn empty_tile(b: &mut IndexBuilder<'_, '_>, slice: OpId, tile: &Tile) -> Result<(), BuildFailure> {
    let ty = b.rewriter.ir().value_type(b.rewriter.ir().result(slice, 0));
    let (_, dynamic) = split_mixed(&tile.sizes);
    let empty = b.op::<tensor::EmptyOp>(&[&dynamic], &[ty], &[])?;
    let value = b.rewriter.ir().result(empty, 0);
    b.rewriter.replace_op(slice, &[value]);
    Ok(())
}

/// Erases the fused producers whose results are no longer used, consumers
/// first, so that chains go entirely.
fn erase_dead(rewriter: &mut PatternRewriter<'_>, producers: Vec<OpId>) {
    let mut pending = producers;
    loop {
        let before = pending.len();
        pending.retain(|&op| {
            let ir = rewriter.ir();
            if ir.is_erased(op) {
                return false;
            }
            if ir.results(op).iter().any(|&r| ir.has_uses(r)) {
                return true;
            }
            rewriter.erase_op(op);
            false
        });
        if pending.len() == before {
            break;
        }
    }
}
