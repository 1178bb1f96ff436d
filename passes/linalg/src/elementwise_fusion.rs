//! Producer-consumer fusion of structured ops on tensors, one pair at a
//! time (upstream: `linalg::fuseElementwiseOps` and its preconditions,
//! `FoldFillWithGenericOp`, `FoldScalarOrSplatConstant`). The `fuse` pass
//! drives it over whole blocks; tiling passes can call it on the pairs
//! they choose.
//!
//! An all-parallel producer whose result map is a permutation fuses into
//! any consumer (reductions included) that reads the result as an input:
//! the fused `linalg.generic` runs the consumer's loops; each producer
//! input is read through `producer map ∘ inverse(result map) ∘ consumer
//! map` (so transposes and broadcasts fold into the maps); the producer's
//! body runs first and its yielded value takes the place of the consumer's
//! argument; the producer's init becomes an input when the producer's body
//! reads it. Operands are ordered as upstream orders them (consumer inputs
//! before the fused one, the producer's inputs, the remaining consumer
//! inputs), then identical `(value, map)` inputs are merged and inputs the
//! body no longer reads are dropped while loop sizes stay computable.
//!
//! The producer's `linalg.index` ops (at any depth of its body) read the
//! producer's loops, which are `inverse(result map) ∘ consumer map` of the
//! fused loops: a fused `linalg.index` when that is a plain loop, `arith`
//! index ops otherwise (upstream builds `affine.apply`; there is no affine
//! dialect here).
//!
//! A `linalg.fill` result (or a splat `arith.constant` tensor, or a scalar
//! `arith.constant` read by a `linalg.generic`) read as an input is
//! replaced by its scalar, converted to the element type when it differs.

use std::fmt;

use dialect_arith as arith;
use dialect_linalg::payload::{BodyBuilder, TypeFn};
use dialect_linalg::structured::{indexing_maps_attr, iterator_types_attr, loop_sizes_computable};
use dialect_linalg::{FillOp, GenericOp, IndexOp, Structured, YieldOp};
use ir::affine::{AffineExpr, AffineMap};
use ir::attributes::DenseElements;
use ir::body::WalkOrder;
use ir::rewrite::{InsertPoint, PatternRewriter};
use ir::{AttrData, Attribute, BlockId, Ir, IrMapping, OpId, Type, Value};

use crate::generalize::generalize;

/// Why a producer is not fused into a consumer's operand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotFused {
    /// The consumer is not a structured op, or the operand is not produced by one.
    NotStructured,
    /// Producer and consumer are in different blocks.
    DifferentBlocks,
    /// The operand is one of the consumer's inits; only inputs are fused.
    OperandIsInit(usize),
    /// The operand is not a tensor.
    NotATensor,
    /// The producer reads or writes buffers.
    ProducerOnBuffers,
    /// The producer has reduction loops.
    ProducerHasReductions,
    /// The producer's map for this result is not a permutation.
    ResultMapNotInvertible(AffineMap),
    /// The producer reads loop indices the fused op cannot name.
    IndexNotExpressible,
    /// Without the fused operand, some loop's size could not be read from the operands.
    LoopSizesLost,
    /// The producer's results have uses besides this fusion.
    MultiUse { uses: usize },
    /// A multi-use producer whose body is too large to duplicate.
    TooCostlyToDuplicate { ops: usize, limit: usize },
    /// Fusing would chain more producers into one op than allowed.
    TooDeep { depth: usize, limit: usize },
    /// The consumer has reductions and would compute the producer once per
    /// iteration of this loop, which its operand does not use.
    WouldRecompute { loop_index: u32 },
    /// The fusion control function said no.
    RejectedByControl,
}

impl fmt::Display for NotFused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotFused::NotStructured => write!(f, "the producer is not a structured op"),
            NotFused::DifferentBlocks => write!(f, "producer and consumer are in different blocks"),
            NotFused::OperandIsInit(i) => write!(f, "operand #{i} is an init of the consumer (only inputs are fused)"),
            NotFused::NotATensor => write!(f, "the operand is not a tensor"),
            NotFused::ProducerOnBuffers => write!(f, "the producer works on buffers"),
            NotFused::ProducerHasReductions => write!(f, "the producer has reduction loops"),
            NotFused::ResultMapNotInvertible(map) => write!(f, "the producer's result map {map} is not a permutation"),
            NotFused::IndexNotExpressible => write!(f, "the producer reads loop indices the fused op cannot name"),
            NotFused::LoopSizesLost => write!(f, "the fused op could not compute its loop sizes"),
            NotFused::WouldRecompute { loop_index } => write!(
                f,
                "the consumer has reductions and would compute the producer again for each iteration of its loop d{loop_index} (fuse-into-contractions allows it)"
            ),
            NotFused::MultiUse { uses } => write!(f, "producer has {uses} uses"),
            NotFused::TooCostlyToDuplicate { ops, limit } => {
                write!(f, "producer has several uses and {ops} body ops (duplicating allows at most {limit})")
            }
            NotFused::TooDeep { depth, limit } => write!(f, "it would chain {depth} producers into one op (max-depth={limit})"),
            NotFused::RejectedByControl => write!(f, "rejected by the fusion control function"),
        }
    }
}

/// How the producer's values reach the consumer's body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FusionKind {
    /// The producer's body is inlined.
    Inline,
    /// A `linalg.fill`: its scalar replaces the element.
    Fill,
}

/// A checked fusion: `producer`'s result `result` into the consumer inputs
/// `operands` (every input that reads that result through the same map,
/// or through any map for a fill).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FusionCandidate {
    pub producer: OpId,
    pub consumer: OpId,
    pub result: usize,
    pub operands: Vec<usize>,
    pub kind: FusionKind,
}

impl FusionCandidate {
    /// Uses of the producer's results other than the operands this fusion
    /// replaces: what stays alive (and so is duplicated) after fusing.
    pub fn other_uses(&self, ir: &Ir) -> usize {
        let total: usize = ir.results(self.producer).iter().map(|&r| ir.uses(r).len()).sum();
        total - self.operands.len()
    }
}

/// The number of ops in `op`'s body (nested ones included), its terminator
/// left out: what duplicating the producer costs per element.
pub fn body_size(ir: &Ir, op: OpId) -> usize {
    let Some(block) = Structured::of(ir, op).and_then(|s| s.block()) else { return 0 };
    let ops: Vec<OpId> = ir.block_ops(block).collect();
    ops.iter().map(|&o| ir.walk_collect(o, WalkOrder::PreOrder).len()).sum::<usize>() - usize::from(!ops.is_empty())
}

/// Checks that `producer` can be fused into operand `operand` of
/// `consumer`, changing nothing.
pub fn check_fusion(ir: &Ir, producer: OpId, consumer: OpId, operand: usize) -> Result<FusionCandidate, NotFused> {
    let cs = Structured::of(ir, consumer).ok_or(NotFused::NotStructured)?;
    let &value = cs.operands().get(operand).ok_or(NotFused::NotStructured)?;
    if ir.defining_op(value) != Some(producer) {
        return Err(NotFused::NotStructured);
    }
    let ps = Structured::of(ir, producer).ok_or(NotFused::NotStructured)?;
    if ir.op_parent_block(producer) != ir.op_parent_block(consumer) {
        return Err(NotFused::DifferentBlocks);
    }
    if operand >= cs.inputs().len() {
        return Err(NotFused::OperandIsInit(operand));
    }
    if !ir.value_type(value).is_tensor(ir.ctx()) {
        return Err(NotFused::NotATensor);
    }
    let result = ir.results(producer).iter().position(|&r| r == value).ok_or(NotFused::NotStructured)?;
    let consumer_maps = cs.indexing_maps();
    let inputs = cs.inputs().len();
    if ir.isa::<FillOp>(producer) {
        let operands: Vec<usize> = (0..inputs).filter(|&i| cs.operands()[i] == value).collect();
        let kept: Vec<AffineMap> =
            consumer_maps.iter().enumerate().filter(|(i, _)| !operands.contains(i)).map(|(_, m)| m.clone()).collect();
        if !loop_sizes_computable(&kept) {
            return Err(NotFused::LoopSizesLost);
        }
        return Ok(FusionCandidate { producer, consumer, result, operands, kind: FusionKind::Fill });
    }
    if !ps.has_pure_tensor_semantics() {
        return Err(NotFused::ProducerOnBuffers);
    }
    if !ps.is_all_parallel() {
        return Err(NotFused::ProducerHasReductions);
    }
    let result_operand = ps.result_operand(result).ok_or(NotFused::NotStructured)?;
    let producer_maps = ps.indexing_maps();
    let result_map = &producer_maps[result_operand];
    let inverse = result_map
        .inverse_permutation()
        .filter(|_| result_map.is_permutation())
        .ok_or_else(|| NotFused::ResultMapNotInvertible(result_map.clone()))?;
    let consumer_map = &consumer_maps[operand];
    if consumer_map.results.len() != ps.num_loops() {
        return Err(NotFused::ResultMapNotInvertible(result_map.clone()));
    }
    let loops = inverse.compose(consumer_map);
    if ps.has_index_semantics() && !index_ops_expressible(ir, &ps, &loops) {
        return Err(NotFused::IndexNotExpressible);
    }
    let operands: Vec<usize> = (0..inputs).filter(|&i| cs.operands()[i] == value && consumer_maps[i] == *consumer_map).collect();
    let plan = plan_inputs(ir, consumer, &operands, Some((producer, result)));
    let candidate = FusionCandidate { producer, consumer, result, operands, kind: FusionKind::Inline };
    let mut maps: Vec<AffineMap> = plan.iter().map(|i| i.map.clone()).collect();
    maps.extend(consumer_maps[inputs..].iter().cloned());
    if !loop_sizes_computable(&maps) {
        return Err(NotFused::LoopSizesLost);
    }
    Ok(candidate)
}

/// Whether every `linalg.index` of the producer sits directly in its body
/// and reads a loop that is a plain loop of the consumer under `loops`.
fn index_ops_expressible(ir: &Ir, ps: &Structured<'_>, loops: &AffineMap) -> bool {
    let Some(block) = ps.block() else { return false };
    let all: Vec<OpId> = ir.block_ops(block).flat_map(|o| ir.walk_collect(o, WalkOrder::PreOrder)).collect();
    all.into_iter()
        .filter(|&o| ir.isa::<IndexOp>(o) && nearest_structured(ir, o) == Some(ps.op))
        .all(|o| producer_loop(ir, o, loops).is_some_and(|e| !has_symbols(e)))
}

/// The structured op that `op` is (most closely) nested in.
fn nearest_structured(ir: &Ir, op: OpId) -> Option<OpId> {
    let mut current = ir.parent_op(op);
    while let Some(p) = current {
        if Structured::of(ir, p).is_some() {
            return Some(p);
        }
        current = ir.parent_op(p);
    }
    None
}

/// The producer loop that `linalg.index` op `index` reads, as an
/// expression of the fused (consumer) loops.
fn producer_loop<'m>(ir: &Ir, index: OpId, loops: &'m AffineMap) -> Option<&'m AffineExpr> {
    let dim = IndexOp(index).dim(ir)?.as_integer(ir.ctx())?;
    loops.results.get(usize::try_from(dim).ok()?)
}

fn has_symbols(expr: &AffineExpr) -> bool {
    match expr {
        AffineExpr::Symbol(_) => true,
        AffineExpr::Binary { lhs, rhs, .. } => has_symbols(lhs) || has_symbols(rhs),
        _ => false,
    }
}

/// Builds at `at` the `index` value of `expr` over the fused loops: a
/// `linalg.index` per loop, `arith` ops for the rest (upstream uses
/// `affine.apply`); `mod` is `a - (a floordiv b) * b`, as affine defines it.
fn emit_index(rewriter: &mut PatternRewriter<'_>, at: InsertPoint, location: ir::Location, expr: &AffineExpr) -> Option<Value> {
    use ir::affine::AffineBinaryKind::{Add, CeilDiv, FloorDiv, Mod, Mul};
    let ctx = rewriter.ir().ctx_arc().clone();
    let index = Type::index(&ctx);
    let binary = |rewriter: &mut PatternRewriter<'_>, kind, lhs: Value, rhs: Value| -> Option<Value> {
        let groups: &[&[Value]] = &[&[lhs], &[rhs]];
        let op = match kind {
            Add => rewriter.build::<arith::AddIOp>(at, location, groups, &[index], &[]).ok()?.0,
            Mul => rewriter.build::<arith::MulIOp>(at, location, groups, &[index], &[]).ok()?.0,
            FloorDiv => rewriter.build::<arith::FloorDivSIOp>(at, location, groups, &[index], &[]).ok()?.0,
            CeilDiv => rewriter.build::<arith::CeilDivSIOp>(at, location, groups, &[index], &[]).ok()?.0,
            Mod => rewriter.build::<arith::SubIOp>(at, location, groups, &[index], &[]).ok()?.0,
        };
        Some(rewriter.ir().result(op, 0))
    };
    let op = match expr {
        AffineExpr::Dim(d) => {
            let dim = Attribute::integer(&ctx, i128::from(*d), Type::integer(&ctx, 64));
            rewriter.build::<IndexOp>(at, location, &[], &[index], &[("dim", dim)]).ok()?.0
        }
        AffineExpr::Constant(c) => {
            let value = Attribute::integer(&ctx, i128::from(*c), index);
            rewriter.build::<arith::ConstantOp>(at, location, &[], &[index], &[("value", value)]).ok()?.0
        }
        AffineExpr::Binary { kind, lhs, rhs } => {
            let a = emit_index(rewriter, at, location, lhs)?;
            let b = emit_index(rewriter, at, location, rhs)?;
            return match kind {
                Mod => {
                    let quotient = binary(rewriter, FloorDiv, a, b)?;
                    let product = binary(rewriter, Mul, quotient, b)?;
                    binary(rewriter, Mod, a, product)
                }
                _ => binary(rewriter, *kind, a, b),
            };
        }
        AffineExpr::Symbol(_) => return None,
    };
    Some(rewriter.ir().result(op, 0))
}

/// Where a fused op's block argument comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// Block argument `i` of the consumer.
    Consumer(usize),
    /// Block argument `i` of the producer.
    Producer(usize),
}

/// One input of the fused op.
#[derive(Clone, Debug)]
struct FusedInput {
    value: Value,
    map: AffineMap,
    /// The block arguments it replaces (several after merging duplicates).
    sources: Vec<Source>,
}

/// The fused op's inputs, in upstream's order, merged and pruned: the
/// consumer inputs but `operands`, with the inputs of the inlined producer
/// (and the inits its body reads) where the first fused operand was.
fn plan_inputs(ir: &Ir, consumer: OpId, operands: &[usize], inlined: Option<(OpId, usize)>) -> Vec<FusedInput> {
    let Some(cs) = Structured::of(ir, consumer) else { return Vec::new() };
    let consumer_maps = cs.indexing_maps();
    let first = operands.first().copied().unwrap_or(0);
    let consumer_input =
        |i: usize| FusedInput { value: cs.operands()[i], map: consumer_maps[i].clone(), sources: vec![Source::Consumer(i)] };
    let mut inputs: Vec<FusedInput> = (0..first).filter(|i| !operands.contains(i)).map(consumer_input).collect();
    let producer = inlined.and_then(|(p, _)| Structured::of(ir, p));
    if let (Some(ps), Some((_, result))) = (producer, inlined) {
        if let Some(to_producer) = consumer_to_producer_loops(&ps, result, &consumer_maps[first]) {
            let producer_maps = ps.indexing_maps();
            // Producer inputs, then the inits its body reads.
            let read_inits = (ps.inputs().len()..ps.operands().len()).filter(|&i| ps.payload_uses(i));
            for i in (0..ps.inputs().len()).chain(read_inits) {
                inputs.push(FusedInput {
                    value: ps.operands()[i],
                    map: producer_maps[i].compose(&to_producer),
                    sources: vec![Source::Producer(i)],
                });
            }
        }
    }
    inputs.extend((first..cs.inputs().len()).filter(|i| !operands.contains(i)).map(consumer_input));

    // The same value through the same map is one input.
    let mut merged: Vec<FusedInput> = Vec::new();
    for input in inputs {
        match merged.iter_mut().find(|m| m.value == input.value && m.map == input.map) {
            Some(m) => m.sources.extend(input.sources),
            None => merged.push(input),
        }
    }
    // Inputs no body reads go, while the loop sizes can still be read.
    let used = |source: &Source| match source {
        Source::Consumer(i) => cs.payload_uses(*i),
        Source::Producer(i) => producer.is_some_and(|p| p.payload_uses(*i)),
    };
    let outputs: Vec<AffineMap> = consumer_maps[cs.inputs().len()..].to_vec();
    let mut i = 0;
    while i < merged.len() {
        if !merged[i].sources.iter().any(used) {
            let mut maps: Vec<AffineMap> =
                merged.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, m)| m.map.clone()).collect();
            maps.extend(outputs.iter().cloned());
            if loop_sizes_computable(&maps) {
                merged.remove(i);
                continue;
            }
        }
        i += 1;
    }
    merged
}

/// The map from consumer loops to the loops of the producer of `result`,
/// read through `consumer_map`: `inverse(result map) ∘ consumer_map`.
fn consumer_to_producer_loops(ps: &Structured<'_>, result: usize, consumer_map: &AffineMap) -> Option<AffineMap> {
    let result_map = &ps.indexing_maps()[ps.result_operand(result)?];
    Some(result_map.inverse_permutation().filter(|_| result_map.is_permutation())?.compose(consumer_map))
}

/// The result of [`fuse`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fused {
    /// The `linalg.generic` that replaced the consumer.
    pub op: OpId,
    /// Whether the producer was erased (it had no other uses).
    pub producer_erased: bool,
}

/// Fuses a checked candidate (see [`check_fusion`]): the consumer is
/// replaced by a `linalg.generic` placed where it was; the producer is
/// erased when nothing else uses it (named ops are generalized first; a
/// named producer that stays for other users stays as it was), and so are
/// the ops that only fed it.
pub fn fuse(rewriter: &mut PatternRewriter<'_>, candidate: &FusionCandidate) -> Fused {
    let consumer = match rewriter.ir().dyn_cast::<GenericOp>(candidate.consumer) {
        Some(g) => g.0,
        None => generalize(rewriter, candidate.consumer).map_or(candidate.consumer, |g| g.0),
    };
    let keeps_producer = candidate.other_uses(rewriter.ir()) > 0;
    let mut producer = candidate.producer;
    if candidate.kind == FusionKind::Inline && !keeps_producer && !rewriter.ir().isa::<GenericOp>(producer) {
        producer = generalize(rewriter, producer).map_or(producer, |g| g.0);
    }
    let fused = match candidate.kind {
        FusionKind::Inline => {
            let plan = plan_inputs(rewriter.ir(), consumer, &candidate.operands, Some((producer, candidate.result)));
            build_fused(
                rewriter,
                consumer,
                &candidate.operands,
                &plan,
                Element::Producer { op: producer, result: candidate.result },
            )
        }
        FusionKind::Fill => {
            let plan = plan_inputs(rewriter.ir(), consumer, &candidate.operands, None);
            let scalar = rewriter.ir().operands(producer)[0];
            build_fused(rewriter, consumer, &candidate.operands, &plan, Element::Scalar(scalar))
        }
    };
    let ir = rewriter.ir();
    let producer_erased = ir.is_erased(producer) || !ir.results(producer).iter().any(|&r| ir.has_uses(r));
    if !rewriter.ir().is_erased(producer) && producer_erased {
        erase_with_dead_operands(rewriter, producer);
    }
    Fused { op: fused, producer_erased }
}

/// Checks and fuses in one step.
pub fn fuse_producer_into_consumer(
    rewriter: &mut PatternRewriter<'_>,
    producer: OpId,
    consumer: OpId,
    operand: usize,
) -> Result<Fused, NotFused> {
    let candidate = check_fusion(rewriter.ir(), producer, consumer, operand)?;
    Ok(fuse(rewriter, &candidate))
}

/// What the fused operands' elements become.
#[derive(Clone, Copy)]
enum Element {
    /// The value result `result` of `op`'s body yields, its body inlined.
    Producer { op: OpId, result: usize },
    /// A scalar defined outside (converted to the element type).
    Scalar(Value),
}

/// Builds the generic that replaces `consumer`, before it: inputs `plan`,
/// the consumer's outputs, maps and iterators; a body whose fused operands
/// `operands` read `element`.
fn build_fused(
    rewriter: &mut PatternRewriter<'_>,
    consumer: OpId,
    operands: &[usize],
    plan: &[FusedInput],
    element: Element,
) -> OpId {
    let ir = rewriter.ir();
    let ctx = ir.ctx_arc().clone();
    let Some(cs) = Structured::of(ir, consumer) else { return consumer };
    let location = ir.op(consumer).location;
    let consumer_maps = cs.indexing_maps();
    let num_inputs = cs.inputs().len();
    let outputs: Vec<Value> = cs.outputs().to_vec();
    let iterators = cs.iterator_types();
    let Some(consumer_block) = cs.block() else { return consumer };
    let producer = match element {
        Element::Producer { op, result } => Structured::of(ir, op).and_then(|ps| {
            let to_producer = consumer_to_producer_loops(&ps, result, &consumer_maps[operands[0]])?;
            Some((ps.block()?, to_producer, result))
        }),
        Element::Scalar(_) => None,
    };
    let producer_block = producer.as_ref().map(|p| p.0);
    let consumer_args: Vec<Value> = ir.block_arguments(consumer_block).to_vec();
    let producer_args: Vec<Value> = producer_block.map(|b| ir.block_arguments(b).to_vec()).unwrap_or_default();
    let source_arg = |source: Source| match source {
        Source::Consumer(i) => consumer_args[i],
        Source::Producer(i) => producer_args[i],
    };
    let inputs: Vec<Value> = plan.iter().map(|i| i.value).collect();
    let mut maps: Vec<AffineMap> = plan.iter().map(|i| i.map.clone()).collect();
    maps.extend(consumer_maps[num_inputs..].iter().cloned());
    let result_types: Vec<Type> = ir.results(consumer).iter().map(|&r| ir.value_type(r)).collect();
    let mut argument_types: Vec<Type> = plan.iter().map(|input| ir.value_type(source_arg(input.sources[0]))).collect();
    argument_types.extend(consumer_args[num_inputs..].iter().map(|&a| ir.value_type(a)));

    let Ok(generic) = rewriter.build::<GenericOp>(
        InsertPoint::Before(consumer),
        location,
        &[&inputs, &outputs],
        &result_types,
        &[("indexing_maps", indexing_maps_attr(&ctx, &maps)), ("iterator_types", iterator_types_attr(&ctx, &iterators))],
    ) else {
        return consumer;
    };
    let region = rewriter.ir().regions(generic.0)[0];
    let block = rewriter.create_block_at_end(region, &argument_types, location);
    let new_args = rewriter.ir().block_arguments(block).to_vec();

    // Consumer and producer arguments each map to their fused argument.
    let mut consumer_mapping = IrMapping::default();
    let mut producer_mapping = IrMapping::default();
    for (input, &arg) in plan.iter().zip(&new_args) {
        for &source in &input.sources {
            match source {
                Source::Consumer(_) => consumer_mapping.map_value(source_arg(source), arg),
                Source::Producer(_) => producer_mapping.map_value(source_arg(source), arg),
            }
        }
    }
    for (&old, &arg) in consumer_args[num_inputs..].iter().zip(&new_args[plan.len()..]) {
        consumer_mapping.map_value(old, arg);
    }

    // The producer's body (or the scalar) first: it computes the element.
    let value = match (element, producer) {
        (Element::Scalar(scalar), _) => {
            let element_type = rewriter.ir().value_type(consumer_args[operands[0]]);
            let mut builder = BodyBuilder::new(rewriter.ir_mut(), block, location);
            builder.cast(TypeFn::CastSigned, scalar, element_type).unwrap_or(scalar)
        }
        (Element::Producer { .. }, Some((producer_block, to_producer, result))) => {
            inline_producer_body(rewriter, producer_block, block, &mut producer_mapping, &to_producer, result)
        }
        (Element::Producer { .. }, None) => return generic.0,
    };
    for &i in operands {
        consumer_mapping.map_value(consumer_args[i], value);
    }
    let consumer_ops: Vec<OpId> = rewriter.ir().block_ops(consumer_block).collect();
    let mut yielded = Vec::new();
    for op in consumer_ops {
        if rewriter.ir().isa::<YieldOp>(op) {
            yielded = rewriter.ir().operands(op).iter().map(|&v| consumer_mapping.lookup_value(v)).collect();
        } else {
            rewriter.clone_op(op, &mut consumer_mapping, InsertPoint::End(block));
        }
    }
    let _ = rewriter.build_at_end::<YieldOp>(block, location, &[&yielded], &[], &[]);
    erase_dead_body_ops(rewriter, block);
    replace_and_erase(rewriter, consumer, generic.0);
    generic.0
}

/// Erases the ops of `block` whose values nothing reads and that have no
/// effects (what the producer computed for its other results).
fn erase_dead_body_ops(rewriter: &mut PatternRewriter<'_>, block: BlockId) {
    let ops: Vec<OpId> = rewriter.ir().block_ops(block).collect();
    for &op in ops.iter().rev() {
        if rewriter.ir().is_trivially_dead(op) {
            rewriter.erase_op(op);
        }
    }
}

/// Replaces the results of `old` by those of `new`, then erases `old` and
/// what only fed it.
pub(crate) fn replace_and_erase(rewriter: &mut PatternRewriter<'_>, old: OpId, new: OpId) {
    let pairs: Vec<(Value, Value)> =
        rewriter.ir().results(old).iter().copied().zip(rewriter.ir().results(new).iter().copied()).collect();
    for (from, to) in pairs {
        rewriter.replace_all_uses(from, to);
    }
    erase_with_dead_operands(rewriter, old);
}

/// Copies the producer's body (but its yield) to the end of `block`, its
/// `linalg.index` ops renamed to the fused loops; returns the value the
/// producer yields for result `result`.
fn inline_producer_body(
    rewriter: &mut PatternRewriter<'_>,
    producer_block: BlockId,
    block: BlockId,
    mapping: &mut IrMapping,
    to_producer: &AffineMap,
    result: usize,
) -> Value {
    let ops: Vec<OpId> = rewriter.ir().block_ops(producer_block).collect();
    let mut yielded = None;
    for op in ops {
        if rewriter.ir().isa::<YieldOp>(op) {
            yielded = rewriter.ir().operands(op).get(result).map(|&v| mapping.lookup_value(v));
            continue;
        }
        let copy = rewriter.clone_op(op, mapping, InsertPoint::End(block));
        // The producer's loop indices, at any depth, from the fused loops.
        let fused = rewriter.ir().block_parent_op(block);
        let indices: Vec<OpId> = rewriter
            .ir()
            .walk_collect(copy, WalkOrder::PreOrder)
            .into_iter()
            .filter(|&o| rewriter.ir().isa::<IndexOp>(o) && nearest_structured(rewriter.ir(), o) == fused)
            .collect();
        for index in indices {
            let ir = rewriter.ir();
            let Some(expr) = producer_loop(ir, index, to_producer).cloned() else { continue };
            let (location, old) = (ir.op(index).location, ir.result(index, 0));
            if let Some(new) = emit_index(rewriter, InsertPoint::Before(index), location, &expr) {
                rewriter.replace_all_uses(old, new);
                rewriter.erase_op(index);
                if index == copy {
                    // Later copies look the producer's index up in the mapping.
                    mapping.map_value(rewriter.ir().result(op, 0), new);
                }
            }
        }
    }
    yielded.unwrap_or_else(|| rewriter.ir().block_arguments(block)[0])
}

/// Erases `op`, then the ops that only fed it and have no effects.
pub fn erase_with_dead_operands(rewriter: &mut PatternRewriter<'_>, op: OpId) {
    let mut work: Vec<OpId> = rewriter.ir().operands(op).iter().filter_map(|&v| rewriter.ir().defining_op(v)).collect();
    rewriter.erase_op(op);
    while let Some(candidate) = work.pop() {
        let ir = rewriter.ir();
        if ir.is_erased(candidate) || !ir.is_trivially_dead(candidate) {
            continue;
        }
        work.extend(ir.operands(candidate).iter().filter_map(|&v| ir.defining_op(v)));
        rewriter.erase_op(candidate);
    }
}

/// A constant read as input `operand` of structured op `consumer`: a
/// splat `arith.constant` tensor, or (for a `linalg.generic`, as upstream)
/// a scalar `arith.constant`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConstantInput {
    /// The splat's element: a scalar constant is to be made of it.
    Splat { value: Attribute, element: Type },
    /// A scalar constant, read directly.
    Scalar(Value),
}

/// The constant read as input `operand` of `consumer`, if it is one that
/// [`fold_constant_input`] folds.
pub fn constant_input(ir: &Ir, consumer: OpId, operand: usize) -> Option<ConstantInput> {
    let s = Structured::of(ir, consumer)?;
    if operand >= s.inputs().len() {
        return None;
    }
    let value = s.operands()[operand];
    let constant = ir.dyn_cast::<arith::ConstantOp>(ir.defining_op(value)?)?;
    let ctx = ir.ctx();
    let scalar = |ty: Type| ty.is_float(ctx) || ty.is_signless_int_or_index(ctx);
    match ir.attr(constant.0, "value")?.data(ctx) {
        AttrData::DenseElements { ty, elements: DenseElements::Splat(splat) } if ty.is_tensor(ctx) => {
            let element = ty.shaped_element(ctx)?;
            scalar(element).then_some(ConstantInput::Splat { value: *splat, element })
        }
        AttrData::Integer { ty, .. } | AttrData::Float { ty, .. } if ir.isa::<GenericOp>(consumer) && scalar(*ty) => {
            Some(ConstantInput::Scalar(value))
        }
        _ => None,
    }
}

/// Replaces constant input `operand` of `consumer` (and every input
/// reading the same constant) by a scalar read by the body directly: the
/// constant itself when it is a scalar, else a scalar `arith.constant`
/// (an equal one already in the block is reused). Returns the new
/// `linalg.generic`, or `None` (nothing changed) when the input is not
/// such a constant or loop sizes would be lost.
pub fn fold_constant_input(rewriter: &mut PatternRewriter<'_>, consumer: OpId, operand: usize) -> Option<OpId> {
    let ir = rewriter.ir();
    let constant = constant_input(ir, consumer, operand)?;
    let s = Structured::of(ir, consumer)?;
    let folded = s.operands()[operand];
    let operands: Vec<usize> = (0..s.inputs().len()).filter(|&i| s.operands()[i] == folded).collect();
    let kept: Vec<AffineMap> =
        s.indexing_maps().into_iter().enumerate().filter(|(i, _)| !operands.contains(i)).map(|(_, m)| m).collect();
    if !loop_sizes_computable(&kept) {
        return None;
    }
    let scalar = match constant {
        ConstantInput::Scalar(value) => value,
        ConstantInput::Splat { value, element } => {
            let tensor = ir.defining_op(folded)?;
            match equal_constant_before(ir, tensor, value, element) {
                Some(existing) => existing,
                None => {
                    // Where the tensor constant was, as upstream's folder puts constants first.
                    let location = ir.op(tensor).location;
                    let op = rewriter
                        .build::<arith::ConstantOp>(InsertPoint::Before(tensor), location, &[], &[element], &[("value", value)])
                        .ok()?;
                    rewriter.ir().result(op.0, 0)
                }
            }
        }
    };
    let consumer = match rewriter.ir().dyn_cast::<GenericOp>(consumer) {
        Some(g) => g.0,
        None => generalize(rewriter, consumer)?.0,
    };
    let plan = plan_inputs(rewriter.ir(), consumer, &operands, None);
    Some(build_fused(rewriter, consumer, &operands, &plan, Element::Scalar(scalar)))
}

/// An `arith.constant` of `value` and type `ty` before `op` in its block.
fn equal_constant_before(ir: &Ir, op: OpId, value: Attribute, ty: Type) -> Option<Value> {
    let block = ir.op_parent_block(op)?;
    ir.block_ops(block)
        .take_while(|&o| o != op)
        .filter(|&o| ir.isa::<arith::ConstantOp>(o) && ir.attr(o, "value") == Some(value))
        .map(|o| ir.result(o, 0))
        .find(|&r| ir.value_type(r) == ty)
}
