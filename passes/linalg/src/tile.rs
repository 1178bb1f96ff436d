//! `tile`: every op with a tiling interface (every linalg structured op and
//! `tensor.pad`) becomes a loop nest over tiles of its iteration domain,
//! computing the op on one slice of its operands per iteration.
//!
//! ```mlir
//! %0 = linalg.matmul ins(%a, %b : tensor<128x64xf32>, tensor<64x96xf32>) outs(%c : tensor<128x96xf32>) -> tensor<128x96xf32>
//! // --tile="sizes=32,40,16" becomes
//! %0 = scf.for %i = %c0 to %c128 step %c32 iter_args(%o0 = %c) -> (tensor<128x96xf32>) {
//!   %1 = scf.for %j = %c0 to %c96 step %c40 iter_args(%o1 = %o0) -> (tensor<128x96xf32>) {
//!     %2 = scf.for %k = %c0 to %c64 step %c16 iter_args(%o2 = %o1) -> (tensor<128x96xf32>) {
//!       %3 = arith.subi %c96, %j : index
//!       %4 = arith.minsi %c40, %3 : index          // 96 is not a multiple of 40
//!       %sa = tensor.extract_slice %a[%i, %k] [32, 16] [1, 1] : tensor<128x64xf32> to tensor<32x16xf32>
//!       %sb = tensor.extract_slice %b[%k, %j] [16, %4] [1, 1] : tensor<64x96xf32> to tensor<16x?xf32>
//!       %sc = tensor.extract_slice %o2[%i, %j] [32, %4] [1, 1] : tensor<128x96xf32> to tensor<32x?xf32>
//!       %5 = linalg.matmul ins(%sa, %sb : ...) outs(%sc : tensor<32x?xf32>) -> tensor<32x?xf32>
//!       %6 = tensor.insert_slice %5 into %o2[%i, %j] [32, %4] [1, 1] : tensor<32x?xf32> into tensor<128x96xf32>
//!       scf.yield %6 : tensor<128x96xf32>
//! ```
//!
//! Options: `sizes=32,40,16` (one per loop; 0 leaves a loop untiled; fewer
//! sizes than loops leave the remaining loops untiled), `interchange=1,0,2`
//! (the order of the generated loops, outermost first, as loop indices;
//! loops not named follow in order) and `loop=for|forall`.
//!
//! Which ops: every op under the pass's root that has a tiling interface
//! and is not nested in a structured op, as found before the pass starts
//! (the tiled copies it makes are not tiled again). Ops with more loops
//! than tile sizes are tiled on their leading loops; ops with fewer loops
//! than sizes are left alone. `--remarks=tile` reports at each op what was
//! tiled with which sizes, or why not.
//!
//! Tiles: a loop runs from 0 to its size (a constant, or `tensor.dim` /
//! `memref.dim` of the first operand dimension it indexes alone) by the
//! tile size. When the tile size divides a static size the tiles are
//! static; otherwise the tile is `min(size, ub - iv)` (`arith.minsi`,
//! `arith.subi`) and the sliced op gets dynamic shapes. A tile size at
//! least the loop's static size gives one whole tile. On tensors the
//! results thread through `iter_args` (`scf.for`) or `shared_outs`
//! (`scf.forall`, written with `tensor.parallel_insert_slice` in
//! `scf.forall.in_parallel`); on buffers the op works on `memref.subview`s
//! and the loops carry nothing. Reduction loops tiled with `scf.for` carry
//! the partial result in the iteration arguments.
//!
//! Differences from upstream (`transform.structured.tile_using_for` and
//! `tile_using_forall`, compared with `mlir-opt-22 --transform-interpreter`):
//! the same loops, slices and sliced ops, with index arithmetic in `arith`
//! (`arith.minsi`/`arith.subi` for `affine.min`, `arith.muli` for the
//! `affine.apply` of `scf.forall` offsets, `arith.ceildivsi` for dynamic
//! tile counts) and without upstream's dead `affine.apply` ops; constants
//! are made once, before the loop nest. With `loop=forall`, reduction loops
//! are not tiled (upstream tiles them with a "not thread safe" warning and
//! makes a racy loop); a remark names them. A tile size larger than a
//! static loop gives the whole loop as one static tile (upstream leaves an
//! `affine.min` that canonicalization folds).

use dialect_linalg::IteratorType;
use dialect_scf as scf;
use ir::pass::{OptionInfo, Pass, PassContext, PassInfo, PassOptions};
use ir::rewrite::{InsertPoint, PatternRewriter};
use ir::{Diagnostic, Ir, Location, OpId, Type, Value};

use crate::index_math::{split_mixed, BuildFailure, IndexBuilder, Ofr};
use crate::tiling_interface::{insert_slice, tiling_interface, Tile, TiledOp};

pub const INFO: PassInfo = PassInfo {
    name: "tile",
    summary: "Tile structured ops and tensor.pad into scf.for or scf.forall loop nests (upstream: transform.structured.tile_using_for / tile_using_forall)",
    anchor: None,
    options: &[
        OptionInfo { name: "sizes", description: "Tile sizes, one per loop (0: leave the loop untiled)", default: "" },
        OptionInfo {
            name: "interchange",
            description: "Order of the generated loops, outermost first, as loop indices",
            default: "",
        },
        OptionInfo { name: "loop", description: "Loops to generate: for (scf.for) or forall (scf.forall)", default: "for" },
    ],
    dependent_dialects: &["arith", "memref", "scf", "tensor"],
    create: |options| Ok(Box::new(TilePass { options: TileOptions::from_pass_options(options)? })),
};

/// Which loops tiling makes.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum LoopKind {
    /// One `scf.for` per tiled loop.
    #[default]
    For,
    /// One `scf.forall` over the tiled parallel loops.
    Forall,
}

/// How to tile.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TileOptions {
    /// One size per loop, 0 for untiled; missing trailing sizes are 0.
    pub sizes: Vec<i64>,
    /// The loops in the order of the generated loops, outermost first;
    /// loops not named follow in their order.
    pub interchange: Vec<usize>,
    pub loop_kind: LoopKind,
}

impl TileOptions {
    /// Reads `sizes`, `interchange` and `loop`, with the checks that need no IR.
    pub fn from_pass_options(options: &PassOptions) -> Result<TileOptions, String> {
        let sizes = options.get_int_list("sizes")?;
        if sizes.is_empty() {
            return Err("option 'sizes' is required (one tile size per loop, 0 to leave a loop untiled)".into());
        }
        if let Some(s) = sizes.iter().find(|&&s| s < 0) {
            return Err(format!("option 'sizes' expects non-negative tile sizes, got {s}"));
        }
        let interchange = options.get_int_list("interchange")?;
        if let Some(i) = interchange.iter().find(|&&i| i < 0) {
            return Err(format!("option 'interchange' expects loop indices, got {i}"));
        }
        let interchange: Vec<usize> = interchange.into_iter().map(|i| i as usize).collect();
        let mut seen = interchange.clone();
        seen.sort_unstable();
        if seen.windows(2).any(|w| w[0] == w[1]) {
            return Err(format!("option 'interchange' names a loop twice: {}", list(&interchange)));
        }
        let loop_kind = match options.get("loop") {
            "for" => LoopKind::For,
            "forall" => LoopKind::Forall,
            other => return Err(format!("option 'loop' expects 'for' or 'forall', got '{other}'")),
        };
        Ok(TileOptions { sizes, interchange, loop_kind })
    }
}

/// `[1, 2, 3]`.
pub(crate) fn list<T: std::fmt::Display>(items: &[T]) -> String {
    format!("[{}]", items.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", "))
}

/// Why an op was not tiled; nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotTiled(pub String);

impl From<BuildFailure> for NotTiled {
    fn from(e: BuildFailure) -> Self {
        NotTiled(e.0)
    }
}

/// The loop nest that replaced a tiled op.
#[derive(Clone, Debug)]
pub struct TiledNest {
    /// The loops, outermost first (one `scf.forall` counts once).
    pub loops: Vec<OpId>,
    /// The op computed on the tile, its results and its operand slices.
    pub tiled: TiledOp,
    /// The tile size used for each loop of the op (0: not tiled).
    pub sizes: Vec<i64>,
    /// The loops in the order generated, outermost first.
    pub order: Vec<usize>,
    /// Reduction loops that `loop=forall` left untiled.
    pub untiled_reductions: Vec<usize>,
    /// Whether a reduction loop was tiled (its iterations update the same results).
    pub tiles_reduction: bool,
    /// The values that replaced the op's results (the outermost loop's results).
    pub replacements: Vec<Value>,
    /// In the innermost loop body: the values carrying each result (iteration
    /// arguments or shared outputs), one per result.
    pub carried: Vec<Value>,
    /// The operand of the outermost loop holding each result's initial value.
    pub init_operands: Vec<usize>,
    pub loop_kind: LoopKind,
}

impl TiledNest {
    /// `tiled 'x' with sizes [..] into ...`, for remarks.
    pub fn describe(&self, name: &str) -> String {
        let loops = match self.loop_kind {
            LoopKind::For => format!("{} scf.for loop{}", self.loops.len(), if self.loops.len() == 1 { "" } else { "s" }),
            LoopKind::Forall => {
                let n = self.sizes.iter().filter(|&&s| s != 0).count();
                format!("one scf.forall over {n} loop{}", if n == 1 { "" } else { "s" })
            }
        };
        let identity: Vec<usize> = (0..self.order.len()).collect();
        let order = if self.order != identity { format!(" in loop order {}", list(&self.order)) } else { String::new() };
        let mut text = format!("tiled '{name}' with sizes {} into {loops}{order}", list(&self.sizes));
        for d in &self.untiled_reductions {
            text.push_str(&format!("; reduction loop #{d} not tiled: scf.forall tiles parallel loops only"));
        }
        text
    }
}

struct TilePass {
    options: TileOptions,
}

impl Pass for TilePass {
    fn run(&self, ir: &mut Ir, op: OpId, cx: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        let mut tiled = 0;
        for report in tile(ir, op, &self.options) {
            match &report.outcome {
                Ok(nest) => {
                    tiled += 1;
                    cx.remark(report.location, nest.describe(&report.name));
                }
                Err(NotTiled(why)) => cx.remark(report.location, format!("'{}' not tiled: {why}", report.name)),
            }
        }
        cx.count("num-tiled", "Number of ops tiled", tiled);
        Ok(())
    }
}

/// What happened to one op.
#[derive(Clone, Debug)]
pub struct TileReport {
    pub name: String,
    pub location: Location,
    pub outcome: Result<TiledNest, NotTiled>,
}

/// The ops under `root` (not `root` itself) with a tiling interface, not
/// nested in a structured op, in program order.
pub fn tileable_ops(ir: &Ir, root: OpId) -> Vec<OpId> {
    ir.walk_collect(root, ir::body::WalkOrder::PreOrder)
        .into_iter()
        .filter(|&op| op != root && tiling_interface(ir, op).is_some())
        .filter(|&op| {
            let mut parent = ir.parent_op(op);
            while let Some(p) = parent {
                if dialect_linalg::Structured::of(ir, p).is_some() {
                    return false;
                }
                parent = ir.parent_op(p);
            }
            true
        })
        .collect()
}

/// Tiles every tileable op under `root` (see the module doc) with `options`.
pub fn tile(ir: &mut Ir, root: OpId, options: &TileOptions) -> Vec<TileReport> {
    let ops = tileable_ops(ir, root);
    let mut rewriter = PatternRewriter::new(ir);
    ops.into_iter()
        .map(|op| {
            let name = rewriter.ir().op_name_str(op).to_string();
            let location = rewriter.ir().op(op).location;
            TileReport { name, location, outcome: tile_op(&mut rewriter, op, options) }
        })
        .collect()
}

/// Replaces `op` by a loop nest over its tiles (see the module doc), through
/// `rewriter`. Decides before changing anything: an op that cannot be
/// tiled is left as it is and the reason returned.
pub fn tile_op(rewriter: &mut PatternRewriter<'_>, op: OpId, options: &TileOptions) -> Result<TiledNest, NotTiled> {
    let mut b = IndexBuilder::before(rewriter, op);
    let nest = tile_with(&mut b, op, options)?;
    replace_tiled_op(b.rewriter, op, &nest);
    Ok(nest)
}

/// Replaces `op`'s results by the nest's and erases it.
pub(crate) fn replace_tiled_op(rewriter: &mut PatternRewriter<'_>, op: OpId, nest: &TiledNest) {
    let results = rewriter.ir().results(op).to_vec();
    for (&old, &new) in results.iter().zip(&nest.replacements) {
        rewriter.replace_all_uses(old, new);
    }
    rewriter.erase_op(op);
}

/// The decisions of tiling one op, made before anything is built.
struct Plan {
    /// Tile size per loop (0: untiled).
    sizes: Vec<i64>,
    /// Loop order, outermost first.
    order: Vec<usize>,
    untiled_reductions: Vec<usize>,
    iterators: Vec<IteratorType>,
}

fn plan(ir: &Ir, op: OpId, options: &TileOptions) -> Result<Plan, NotTiled> {
    let Some(interface) = tiling_interface(ir, op) else { return Err(NotTiled("the op has no tiling interface".into())) };
    interface.check(ir, op).map_err(NotTiled)?;
    let iterators = interface.loop_iterator_types(ir, op);
    let n = iterators.len();
    if n == 0 {
        return Err(NotTiled("the op has no loops to tile".into()));
    }
    if options.sizes.len() > n {
        return Err(NotTiled(format!(
            "{} tile sizes given for {n} loop{}: expected at most one per loop",
            options.sizes.len(),
            if n == 1 { "" } else { "s" }
        )));
    }
    if let Some(&bad) = options.sizes.iter().find(|&&s| s < 0) {
        return Err(NotTiled(format!("tile size {bad} is negative")));
    }
    let mut sizes = options.sizes.clone();
    sizes.resize(n, 0);
    if let Some(&bad) = options.interchange.iter().find(|&&i| i >= n) {
        return Err(NotTiled(format!("interchange {} names loop {bad}, the op has {n} loops", list(&options.interchange))));
    }
    let mut order = options.interchange.clone();
    order.extend((0..n).filter(|d| !options.interchange.contains(d)));
    let mut untiled_reductions = Vec::new();
    if options.loop_kind == LoopKind::Forall {
        for d in 0..n {
            if sizes[d] != 0 && iterators[d] == IteratorType::Reduction {
                sizes[d] = 0;
                untiled_reductions.push(d);
            }
        }
    }
    if sizes.iter().all(|&s| s == 0) {
        let why = if untiled_reductions.is_empty() {
            "every tile size is 0".to_string()
        } else {
            "only reduction loops have non-zero sizes, and scf.forall tiles parallel loops only".to_string()
        };
        return Err(NotTiled(format!("nothing to tile: {why}")));
    }
    Ok(Plan { sizes, order, untiled_reductions, iterators })
}

/// Builds the loop nest for `op` at `b` (before `op`), leaving `op` in
/// place; constants end up before the nest.
pub(crate) fn tile_with(b: &mut IndexBuilder<'_, '_>, op: OpId, options: &TileOptions) -> Result<TiledNest, NotTiled> {
    let plan = plan(b.rewriter.ir(), op, options)?;
    let interface = tiling_interface(b.rewriter.ir(), op).ok_or_else(|| NotTiled("the op has no tiling interface".into()))?;
    let destinations = interface.destinations(b, op)?;
    let domain = interface.iteration_domain(b, op)?;
    let tiled_loops: Vec<usize> = plan.order.iter().copied().filter(|&d| plan.sizes[d] != 0).collect();
    let result_types: Vec<Type> = destinations.iter().map(|&v| b.rewriter.ir().value_type(v)).collect();
    let location = b.location;
    let index = b.index_type();

    let mut offsets: Vec<Ofr> = vec![Ofr::Const(0); domain.len()];
    let mut sizes: Vec<Ofr> = domain.clone();
    let mut loops = Vec::new();
    let carried: Vec<Value>;
    let init_operands: Vec<usize>;
    let tiled;
    match options.loop_kind {
        LoopKind::For => {
            let mut current = destinations.clone();
            let mut blocks = Vec::new();
            // Bounds as upstream orders them: lower bounds, upper bounds, steps.
            let zero = b.constant(0)?;
            let lower = vec![zero; tiled_loops.len()];
            let upper: Vec<Value> = tiled_loops.iter().map(|&d| b.value(domain[d])).collect::<Result<_, _>>()?;
            let steps: Vec<Value> = tiled_loops.iter().map(|&d| b.constant(plan.sizes[d])).collect::<Result<_, _>>()?;
            for (k, &d) in tiled_loops.iter().enumerate() {
                let for_op = b.op::<scf::ForOp>(&[&[lower[k]], &[upper[k]], &[steps[k]], &current], &result_types, &[])?;
                let region = b.rewriter.ir().regions(for_op)[0];
                let mut types = vec![index];
                types.extend_from_slice(&result_types);
                let block = b.rewriter.create_block_at_end(region, &types, location);
                if loops.is_empty() {
                    b.constants_at = InsertPoint::Before(for_op);
                }
                let args = b.rewriter.ir().block_arguments(block).to_vec();
                offsets[d] = Ofr::Value(args[0]);
                current = args[1..].to_vec();
                loops.push(for_op);
                blocks.push(block);
                b.at = InsertPoint::End(block);
            }
            for &d in &tiled_loops {
                sizes[d] = tile_size(b, domain[d], offsets[d], plan.sizes[d])?;
            }
            let tile = Tile { offsets: offsets.clone(), sizes: sizes.clone() };
            tiled = interface.tiled_implementation(b, op, &tile, Some(&current))?;
            let mut yielded = Vec::new();
            for (r, (&value, &dest)) in tiled.results.iter().zip(&current).enumerate() {
                let position = interface.result_tile_position(b, op, r, &tile)?;
                let insert = insert_slice(b, value, dest, &position, false)?;
                yielded.push(b.rewriter.ir().result(insert, 0));
            }
            carried = current;
            // Each loop yields what the loop inside it computed.
            for (k, &block) in blocks.iter().enumerate().rev() {
                b.rewriter
                    .build::<scf::YieldOp>(InsertPoint::End(block), location, &[&yielded], &[], &[])
                    .map_err(BuildFailure::from)?;
                yielded = b.rewriter.ir().results(loops[k]).to_vec();
            }
            init_operands = (0..destinations.len()).map(|r| 3 + r).collect();
        }
        LoopKind::Forall => {
            let mut counts = Vec::new();
            for &d in &tiled_loops {
                counts.push(b.ceil_div(domain[d], Ofr::Const(plan.sizes[d]))?);
            }
            let (static_counts, dynamic_counts) = split_mixed(&counts);
            let ctx = b.rewriter.ctx();
            let rank = tiled_loops.len();
            let attributes = [
                ("staticLowerBound", ir::mixed_list::attribute(ctx, &vec![0; rank])),
                ("staticUpperBound", ir::mixed_list::attribute(ctx, &static_counts)),
                ("staticStep", ir::mixed_list::attribute(ctx, &vec![1; rank])),
            ];
            let forall = b.op::<scf::ForallOp>(&[&[], &dynamic_counts, &[], &destinations], &result_types, &attributes)?;
            let region = b.rewriter.ir().regions(forall)[0];
            let mut types = vec![index; rank];
            types.extend_from_slice(&result_types);
            let block = b.rewriter.create_block_at_end(region, &types, location);
            b.constants_at = InsertPoint::Before(forall);
            b.at = InsertPoint::End(block);
            loops.push(forall);
            let args = b.rewriter.ir().block_arguments(block).to_vec();
            for (k, &d) in tiled_loops.iter().enumerate() {
                offsets[d] = b.mul(Ofr::Value(args[k]), Ofr::Const(plan.sizes[d]))?;
            }
            for &d in &tiled_loops {
                sizes[d] = tile_size(b, domain[d], offsets[d], plan.sizes[d])?;
            }
            let shared = args[rank..].to_vec();
            let tile = Tile { offsets: offsets.clone(), sizes: sizes.clone() };
            tiled = interface.tiled_implementation(b, op, &tile, Some(&shared))?;
            let mut positions = Vec::new();
            for r in 0..tiled.results.len() {
                positions.push(interface.result_tile_position(b, op, r, &tile)?);
            }
            let in_parallel = b.op::<scf::InParallelOp>(&[], &[], &[])?;
            let region = b.rewriter.ir().regions(in_parallel)[0];
            let combining = b.rewriter.create_block_at_end(region, &[], location);
            let saved = b.at;
            b.at = InsertPoint::End(combining);
            for ((&value, &dest), position) in tiled.results.iter().zip(&shared).zip(&positions) {
                insert_slice(b, value, dest, position, true)?;
            }
            b.at = saved;
            carried = shared;
            let bounds = b.rewriter.ir().operands(forall).len() - destinations.len();
            init_operands = (0..destinations.len()).map(|r| bounds + r).collect();
        }
    }
    let replacements = loops.first().map(|&l| b.rewriter.ir().results(l).to_vec()).unwrap_or_default();
    let tiles_reduction = tiled_loops.iter().any(|&d| plan.iterators[d] == IteratorType::Reduction);
    Ok(TiledNest {
        loops,
        tiled,
        sizes: plan.sizes,
        order: plan.order,
        untiled_reductions: plan.untiled_reductions,
        tiles_reduction,
        replacements,
        carried,
        init_operands,
        loop_kind: options.loop_kind,
    })
}

/// The size of the tile at `offset` of a loop of size `extent` tiled by
/// `size`: static when `size` divides a static extent (or covers it),
/// `min(size, extent - offset)` otherwise.
fn tile_size(b: &mut IndexBuilder<'_, '_>, extent: Ofr, offset: Ofr, size: i64) -> Result<Ofr, BuildFailure> {
    match extent {
        Ofr::Const(n) if size >= n => Ok(Ofr::Const(n)),
        Ofr::Const(n) if n % size == 0 => Ok(Ofr::Const(size)),
        _ => {
            let left = b.sub(extent, offset)?;
            b.min(Ofr::Const(size), left)
        }
    }
}
