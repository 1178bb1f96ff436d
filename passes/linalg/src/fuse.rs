//! `fuse` (upstream: `linalg-fuse-elementwise-ops`, and more): producer-
//! consumer fusion of structured ops on tensors, block by block.
//!
//! For each block, a producer-consumer graph of its structured ops
//! ([`FusionGraph`]) is walked consumers in order; each consumer takes in,
//! operand by operand, every producer that [`check_fusion`] accepts and the
//! policy allows, and the fused op goes on taking producers (so chains
//! fuse into one op). What fuses (see `elementwise_fusion`): an
//! all-parallel producer with a permutation result map, into any consumer
//! input, reductions included; `linalg.fill` results and splat constants
//! read as inputs become their scalar. Named ops are generalized when they
//! take part. Before that, reshapes between identity elementwise ops are
//! moved out of the way (`reshape_propagation`).
//!
//! The policy, from the options:
//! - a producer whose results have other uses is duplicated only with
//!   `allow-multi-use`, and only when cheap: at most `max-duplicated-ops`
//!   ops in its body (nested ops counted, the yield not); fills and
//!   splats are free to duplicate and always fold;
//! - `max-depth=N` stops a fused op from chaining more than `N` producers
//!   (an op's depth is the longest chain of producers fused into it);
//! - a producer is not fused into an op with reductions (a contraction:
//!   matmul, convolution) that would compute it again for each iteration
//!   of a loop its operand does not use, unless `fuse-into-contractions`;
//! - researchers add their own veto through [`FusionControl`]
//!   ([`fuse_elementwise_ops`]); the pass accepts every pair.
//!
//! With `--remarks=fuse`, each consumer gets a remark per producer fused
//! into it and per producer edge left, saying why
//! (`remark: not fused: producer has 2 uses (...)`).

use dialect_linalg::Structured;
use dialect_tensor as tensor;
use ir::body::WalkOrder;
use ir::pass::{OptionInfo, Pass, PassContext, PassInfo, PassOptions};
use ir::rewrite::PatternRewriter;
use ir::{BlockId, Diagnostic, Ir, Location, OpId};
use rustc_hash::FxHashMap;

use crate::elementwise_fusion::{
    body_size, check_fusion, constant_input, fold_constant_input, fuse, ConstantInput, FusionKind, NotFused,
};
use crate::fusion_graph::FusionGraph;
use crate::reshape_propagation::{fold_reshape_pair, hoist_expand_above, is_identity_elementwise, sink_collapse_below};

pub const INFO: PassInfo = PassInfo {
    name: "fuse",
    summary: "Fuse producers into consumers on tensors (upstream: linalg-fuse-elementwise-ops, extended)",
    anchor: None,
    options: &[
        OptionInfo {
            name: "allow-multi-use",
            description: "Duplicate cheap producers whose results have other uses into each consumer",
            default: "false",
        },
        OptionInfo {
            name: "max-duplicated-ops",
            description: "What cheap means for allow-multi-use: at most this many ops in the producer's body",
            default: "4",
        },
        OptionInfo {
            name: "max-depth",
            description: "Chain at most this many producers into one op (0: no limit)",
            default: "0",
        },
        OptionInfo {
            name: "fuse-into-contractions",
            description: "Also fuse producers into ops with reductions (matmul, conv) that would compute them again for each iteration of a loop the operand does not use",
            default: "false",
        },
        OptionInfo {
            name: "propagate-reshapes",
            description: "Move collapse_shape/expand_shape past identity elementwise ops so that the ops around them fuse",
            default: "true",
        },
    ],
    dependent_dialects: &["linalg", "tensor", "arith"],
    create: |options| Ok(Box::new(Fuse { options: FuseOptions::from_pass_options(options)? })),
};

/// Decides, for a pair that could fuse, whether it does: `producer`,
/// `consumer` and the consumer's operand that reads the producer.
pub type FusionControl = dyn Fn(&Ir, OpId, OpId, usize) -> bool;

/// The fusion policy; `Default` is what the pass does without options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FuseOptions {
    /// Duplicate cheap producers that have other uses.
    pub allow_multi_use: bool,
    /// The largest body (in ops) duplicated under `allow_multi_use`.
    pub max_duplicated_ops: usize,
    /// The longest chain of producers fused into one op; `None`: no limit.
    pub max_depth: Option<usize>,
    /// Move reshapes between identity elementwise ops.
    pub propagate_reshapes: bool,
    /// Fuse producers into contractions even where they would be computed
    /// again and again (see [`FuseOptions::recomputation_allowed`]).
    pub fuse_into_contractions: bool,
}

impl Default for FuseOptions {
    fn default() -> Self {
        FuseOptions {
            allow_multi_use: false,
            max_duplicated_ops: 4,
            max_depth: None,
            propagate_reshapes: true,
            fuse_into_contractions: false,
        }
    }
}

impl FuseOptions {
    /// The options as the pass reads them (`--fuse="allow-multi-use max-depth=2"`).
    pub fn from_pass_options(options: &PassOptions) -> Result<FuseOptions, String> {
        let count = |key: &str| -> Result<usize, String> {
            let v = options.get_int(key)?;
            usize::try_from(v).map_err(|_| format!("option '{key}' expects a non-negative integer, got '{v}'"))
        };
        let max_depth = count("max-depth")?;
        Ok(FuseOptions {
            allow_multi_use: options.get_bool("allow-multi-use")?,
            max_duplicated_ops: count("max-duplicated-ops")?,
            max_depth: (max_depth > 0).then_some(max_depth),
            propagate_reshapes: options.get_bool("propagate-reshapes")?,
            fuse_into_contractions: options.get_bool("fuse-into-contractions")?,
        })
    }

    /// The multi-use and size part of the policy as a [`FusionControl`],
    /// for drivers of their own that call [`check_fusion`] and [`fuse`].
    pub fn control(&self) -> impl Fn(&Ir, OpId, OpId, usize) -> bool + '_ {
        move |ir, producer, consumer, operand| {
            check_fusion(ir, producer, consumer, operand)
                .is_ok_and(|c| self.duplication_allowed(ir, &c).is_ok() && self.recomputation_allowed(ir, &c).is_ok())
        }
    }

    /// Whether the policy lets `candidate` put its producer into a consumer
    /// with reduction loops (a matmul, a convolution) whose map for the
    /// operand leaves out one of its loops: each element of the producer
    /// would then be computed once per iteration of that loop (`relu(h + b)`
    /// fused into the next matmul is computed once per output column).
    /// Fills always fold (they become a scalar), producers that only move
    /// data (transposes, broadcasts) fold into the indexing map, and
    /// reductions whose operand map uses every loop are fine.
    pub fn recomputation_allowed(&self, ir: &Ir, candidate: &crate::elementwise_fusion::FusionCandidate) -> Result<(), NotFused> {
        if self.fuse_into_contractions || candidate.kind == FusionKind::Fill || body_size(ir, candidate.producer) == 0 {
            return Ok(());
        }
        let Some(consumer) = Structured::of(ir, candidate.consumer) else { return Ok(()) };
        let iterators = consumer.iterator_types();
        if iterators.iter().all(|&t| t == dialect_linalg::IteratorType::Parallel) {
            return Ok(());
        }
        let maps = consumer.indexing_maps();
        let Some(map) = candidate.operands.first().and_then(|&i| maps.get(i)) else { return Ok(()) };
        match (0..iterators.len() as u32).find(|&d| !map.results.iter().any(|e| e.uses_dim(d))) {
            Some(loop_index) => Err(NotFused::WouldRecompute { loop_index }),
            None => Ok(()),
        }
    }

    /// Whether the policy lets `candidate` duplicate its producer.
    fn duplication_allowed(&self, ir: &Ir, candidate: &crate::elementwise_fusion::FusionCandidate) -> Result<(), NotFused> {
        let uses = candidate.other_uses(ir);
        if uses == 0 || candidate.kind == FusionKind::Fill {
            return Ok(());
        }
        if !self.allow_multi_use {
            return Err(NotFused::MultiUse { uses: uses + candidate.operands.len() });
        }
        let ops = body_size(ir, candidate.producer);
        if ops > self.max_duplicated_ops {
            return Err(NotFused::TooCostlyToDuplicate { ops, limit: self.max_duplicated_ops });
        }
        Ok(())
    }
}

/// What a run did, and (when asked) what it has to say about each op.
#[derive(Debug, Default)]
pub struct FusionReport {
    /// Producers fused (inlined or folded as scalars).
    pub fused: usize,
    /// Reshapes moved or folded.
    pub reshapes: usize,
    /// `(location, message)` for each fusion made and each edge left.
    pub remarks: Vec<(Location, String)>,
}

struct Fuse {
    options: FuseOptions,
}

impl Pass for Fuse {
    fn run(&self, ir: &mut Ir, op: OpId, cx: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        let explain = cx.remarks_enabled();
        let mut rewriter = PatternRewriter::new(ir);
        let report = fuse_elementwise_ops(&mut rewriter, op, &self.options, &|_, _, _, _| true, explain);
        for (location, message) in report.remarks {
            cx.remark(location, message);
        }
        cx.count("num-fused", "Number of producers fused into consumers", report.fused as u64);
        cx.count("num-reshapes-moved", "Number of reshapes moved or folded", report.reshapes as u64);
        Ok(())
    }
}

/// Fuses producers into consumers in every block under `root` (not inside
/// structured ops' bodies), under `options` and `control`; with `explain`,
/// the report says what fused and why the remaining edges did not.
pub fn fuse_elementwise_ops(
    rewriter: &mut PatternRewriter<'_>,
    root: OpId,
    options: &FuseOptions,
    control: &FusionControl,
    explain: bool,
) -> FusionReport {
    let mut report = FusionReport::default();
    for block in blocks_under(rewriter.ir(), root) {
        if options.propagate_reshapes {
            report.reshapes += propagate_reshapes(rewriter, block, control);
        }
        fuse_in_block(rewriter, block, options, control, explain, &mut report);
    }
    report
}

/// The blocks of every region under `root`, structured ops' bodies left out.
fn blocks_under(ir: &Ir, root: OpId) -> Vec<BlockId> {
    let mut blocks = Vec::new();
    for op in ir.walk_collect(root, WalkOrder::PreOrder) {
        if Structured::of(ir, op).is_some() || inside_structured(ir, op) {
            continue;
        }
        for &region in ir.regions(op) {
            blocks.extend(ir.region_blocks(region).iter().copied());
        }
    }
    blocks
}

fn inside_structured(ir: &Ir, mut op: OpId) -> bool {
    while let Some(parent) = ir.parent_op(op) {
        if Structured::of(ir, parent).is_some() {
            return true;
        }
        op = parent;
    }
    false
}

/// Fusion depths: the longest chain of producers fused into each op.
type Depths = FxHashMap<OpId, usize>;

fn fuse_in_block(
    rewriter: &mut PatternRewriter<'_>,
    block: BlockId,
    options: &FuseOptions,
    control: &FusionControl,
    explain: bool,
    report: &mut FusionReport,
) {
    let mut graph = FusionGraph::build(rewriter.ir(), block);
    let mut depths = Depths::default();
    for start in graph.topological_order() {
        let mut consumer = start;
        'next_producer: loop {
            if rewriter.ir().is_erased(consumer) {
                break;
            }
            // Constants first: they become scalars whatever else happens.
            let inputs = Structured::of(rewriter.ir(), consumer).map_or(0, |s| s.inputs().len());
            for operand in 0..inputs {
                let Some(constant) = constant_input(rewriter.ir(), consumer, operand) else { continue };
                let location = rewriter.ir().op(consumer).location;
                if let Some(new) = fold_constant_input(rewriter, consumer, operand) {
                    replace_node(rewriter.ir(), &mut graph, &mut depths, consumer, new, None);
                    report.fused += 1;
                    if explain {
                        let what = match constant {
                            ConstantInput::Splat { .. } => "a splat constant",
                            ConstantInput::Scalar(_) => "a scalar constant",
                        };
                        report.remarks.push((location, format!("folded {what} into operand #{operand}")));
                    }
                    consumer = new;
                    continue 'next_producer;
                }
            }
            for (producer, edge) in graph.producers(consumer) {
                let Ok(candidate) = decide(rewriter.ir(), producer, consumer, edge.operand, options, control, &depths) else {
                    continue;
                };
                let location = rewriter.ir().op(consumer).location;
                let what = describe(rewriter.ir(), producer);
                let consumer_name = rewriter.ir().op_name_str(consumer).to_string();
                let fused = fuse(rewriter, &candidate);
                let depth = depths.get(&producer).copied().unwrap_or(0) + 1;
                replace_node(rewriter.ir(), &mut graph, &mut depths, consumer, fused.op, Some(depth));
                if fused.producer_erased {
                    graph.remove(producer);
                }
                report.fused += 1;
                if explain {
                    let how = if candidate.kind == FusionKind::Fill { "folded" } else { "fused" };
                    let copy = if fused.producer_erased { "" } else { " (duplicated: it has other uses)" };
                    report
                        .remarks
                        .push((location, format!("{how} {what} into '{consumer_name}' through operand #{}{copy}", edge.operand)));
                }
                consumer = fused.op;
                continue 'next_producer;
            }
            break;
        }
    }
    if explain {
        for (producer, consumer, edge) in graph.edges() {
            if let Err(why) = decide(rewriter.ir(), producer, consumer, edge.operand, options, control, &depths) {
                let location = rewriter.ir().op(consumer).location;
                let what = describe(rewriter.ir(), producer);
                report.remarks.push((location, format!("not fused: {why} ({what}, operand #{})", edge.operand)));
            }
        }
    }
}

/// `new` replaces `old` in the graph, deeper by a fused chain of `depth`.
fn replace_node(ir: &Ir, graph: &mut FusionGraph, depths: &mut Depths, old: OpId, new: OpId, depth: Option<usize>) {
    let mut d = depths.remove(&old).unwrap_or(0);
    if let Some(chain) = depth {
        d = d.max(chain);
    }
    depths.insert(new, d);
    graph.replace(ir, old, new);
}

/// Legality, then the policy, then the depth limit, then `control`.
fn decide(
    ir: &Ir,
    producer: OpId,
    consumer: OpId,
    operand: usize,
    options: &FuseOptions,
    control: &FusionControl,
    depths: &Depths,
) -> Result<crate::elementwise_fusion::FusionCandidate, NotFused> {
    let candidate = check_fusion(ir, producer, consumer, operand)?;
    options.duplication_allowed(ir, &candidate)?;
    options.recomputation_allowed(ir, &candidate)?;
    if let Some(limit) = options.max_depth {
        let depth = depths.get(&producer).copied().unwrap_or(0) + 1;
        if depth > limit {
            return Err(NotFused::TooDeep { depth, limit });
        }
    }
    if !control(ir, producer, consumer, operand) {
        return Err(NotFused::RejectedByControl);
    }
    Ok(candidate)
}

/// `'linalg.exp' at line 4`, to name a producer in remarks.
fn describe(ir: &Ir, op: OpId) -> String {
    let name = ir.op_name_str(op);
    match ir.op(op).location.file_line_col(ir.ctx()) {
        Some((_, line, col)) => format!("'{name}' at {line}:{col}"),
        None => format!("'{name}'"),
    }
}

/// Moves the reshapes of `block` that sit between structured ops (see
/// `reshape_propagation`) until none moves; returns how many moves.
fn propagate_reshapes(rewriter: &mut PatternRewriter<'_>, block: BlockId, control: &FusionControl) -> usize {
    let mut moves = 0;
    // Every move sinks a collapse or raises an expand, so this ends; the
    // bound only guards against surprises.
    let limit = 4 * rewriter.ir().block_ops(block).count() + 16;
    for _ in 0..limit {
        let Some(step) = next_reshape_move(rewriter.ir(), block, control) else { break };
        let done = match step {
            Move::Fold(op) => fold_reshape_pair(rewriter, op),
            Move::Sink { collapse, consumer, operand } => sink_collapse_below(rewriter, collapse, consumer, operand).is_some(),
            Move::Hoist { expand, producer } => hoist_expand_above(rewriter, expand, producer).is_some(),
        };
        if !done {
            break;
        }
        moves += 1;
    }
    moves
}

enum Move {
    Fold(OpId),
    Sink { collapse: tensor::CollapseShapeOp, consumer: OpId, operand: usize },
    Hoist { expand: tensor::ExpandShapeOp, producer: OpId },
}

/// The first reshape of `block` worth moving: one between a structured
/// producer with no other use and a structured consumer that would fuse
/// (as far as `control` says), or a pair that cancels.
fn next_reshape_move(ir: &Ir, block: BlockId, control: &FusionControl) -> Option<Move> {
    for op in ir.block_ops(block) {
        let is_reshape = ir.isa::<tensor::CollapseShapeOp>(op) || ir.isa::<tensor::ExpandShapeOp>(op);
        if !is_reshape {
            continue;
        }
        let source = ir.operands(op)[0];
        if ir.defining_op(source).is_some_and(|d| ir.isa::<tensor::CollapseShapeOp>(d) || ir.isa::<tensor::ExpandShapeOp>(d)) {
            let folds = ir.attr(op, "reassociation") == ir.defining_op(source).and_then(|d| ir.attr(d, "reassociation"))
                && ir.defining_op(source).is_some_and(|d| ir.value_type(ir.operands(d)[0]) == ir.value_type(ir.result(op, 0)))
                && ir.isa::<tensor::CollapseShapeOp>(op)
                    != ir.defining_op(source).is_some_and(|d| ir.isa::<tensor::CollapseShapeOp>(d));
            if folds {
                return Some(Move::Fold(op));
            }
        }
        let Some(producer) = ir.defining_op(source).filter(|&p| Structured::of(ir, p).is_some()) else { continue };
        let producer_uses: usize = ir.results(producer).iter().map(|&r| ir.uses(r).len()).sum();
        let result = ir.result(op, 0);
        let [only] = ir.uses(result) else { continue };
        let (consumer, operand) = (only.op, only.index as usize);
        let consumer_reads = Structured::of(ir, consumer).is_some_and(|s| operand < s.inputs().len());
        if producer_uses != 1 || !consumer_reads || !control(ir, producer, consumer, operand) {
            continue;
        }
        if let Some(collapse) = ir.dyn_cast::<tensor::CollapseShapeOp>(op) {
            if is_identity_elementwise(ir, consumer) && Structured::of(ir, producer).is_some_and(|s| s.is_all_parallel()) {
                return Some(Move::Sink { collapse, consumer, operand });
            }
        } else if let Some(expand) = ir.dyn_cast::<tensor::ExpandShapeOp>(op) {
            if is_identity_elementwise(ir, producer) {
                return Some(Move::Hoist { expand, producer });
            }
        }
    }
    None
}
