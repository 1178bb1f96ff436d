//! Moving reshapes past elementwise ops so that the structured ops on both
//! sides meet and can fuse (upstream: `FoldWithProducerReshapeOpByExpansion`
//! and `FoldReshapeWithGenericOpByExpansion`, which also handle projected
//! permutations and reductions; here only the all-identity case):
//!
//! - a `tensor.collapse_shape` read by an *identity elementwise* op (all
//!   loops parallel, every tensor operand indexed by the identity, no
//!   `linalg.index`) sinks below it: the op runs in the expanded space,
//!   reads the collapse's source directly, its other tensor operands are
//!   expanded (a `tensor.empty` init is recreated expanded) and its result
//!   is collapsed back;
//! - a `tensor.expand_shape` of such an op's result (its only use) rises
//!   above it: the op runs in the expanded space;
//! - an expand of a collapse (or a collapse of an expand) with the same
//!   groups, back to the original type, is the original value.
//!
//! Collapses only move down and expands only up, so repeated application
//! ends. Dynamic sizes come from `tensor.dim` of the collapse's source or
//! from the expand's `output_shape`.

use dialect_arith as arith;
use dialect_linalg::structured::{indexing_maps_attr, iterator_types_attr};
use dialect_linalg::{GenericOp, IteratorType, Structured};
use dialect_tensor as tensor;
use ir::affine::AffineMap;
use ir::rewrite::{InsertPoint, PatternRewriter};
use ir::shape::{reassociation, reassociation_attr, Reassociation};
use ir::types::DYNAMIC;
use ir::{Attribute, Ir, IrMapping, OpId, OpType, Type, Value};

use crate::elementwise_fusion::{erase_with_dead_operands, replace_and_erase};

/// Whether `op` is structured, all-parallel on tensors, indexes every
/// tensor operand by the identity (scalars by nothing) and does not read
/// loop indices: reshaping its operands reshapes its iteration space.
pub fn is_identity_elementwise(ir: &Ir, op: OpId) -> bool {
    let Some(s) = Structured::of(ir, op) else { return false };
    let ctx = ir.ctx();
    let loops = s.num_loops() as u32;
    s.is_all_parallel()
        && s.has_pure_tensor_semantics()
        && !s.has_index_semantics()
        && s.block().is_some()
        && s.operands().iter().zip(s.indexing_maps()).all(|(&v, map)| match ir.value_type(v).shape(ctx) {
            Some(_) => map == AffineMap::identity(loops),
            None => map.results.is_empty(),
        })
}

/// The sizes of an expanded space: static sizes (`DYNAMIC` where unknown)
/// and one value per dynamic size.
struct ExpandedShape {
    statics: Vec<i64>,
    dynamic: Vec<Value>,
}

impl ExpandedShape {
    fn tensor_type(&self, ir: &Ir, like: Type) -> Option<Type> {
        Some(Type::ranked_tensor(ir.ctx(), self.statics.clone(), like.shaped_element(ir.ctx())?))
    }
}

/// Sinks `collapse`, read as input `operand` of identity elementwise op
/// `consumer`, below it; returns the new consumer (a `linalg.generic`).
/// Nothing changes when the consumer is not identity elementwise or the
/// collapse is not what that operand reads.
pub fn sink_collapse_below(
    rewriter: &mut PatternRewriter<'_>,
    collapse: tensor::CollapseShapeOp,
    consumer: OpId,
    operand: usize,
) -> Option<OpId> {
    let ir = rewriter.ir();
    let ctx = ir.ctx_arc().clone();
    let collapsed = ir.result(collapse.0, 0);
    let s = Structured::of(ir, consumer)?;
    if !is_identity_elementwise(ir, consumer) || s.operands().get(operand) != Some(&collapsed) || operand >= s.inputs().len() {
        return None;
    }
    let source = ir.operands(collapse.0)[0];
    let groups = reassociation(&ctx, ir.attr(collapse.0, "reassociation")?)?;
    let statics = ir.value_type(source).shape(&ctx)?.to_vec();
    let location = ir.op(consumer).location;
    // Dynamic sizes of the expanded space are those of the collapse's source.
    let mut dynamic = Vec::new();
    for (d, &size) in statics.iter().enumerate() {
        if size == DYNAMIC {
            dynamic.push(dimension_size(rewriter, source, d, consumer)?);
        }
    }
    let shape = ExpandedShape { statics, dynamic };
    let new = rebuild_expanded(rewriter, consumer, consumer, &groups, &shape, Some((operand, source)))?;
    // The results go back to the collapsed space for the old users.
    let old_results = rewriter.ir().results(consumer).to_vec();
    let new_results = rewriter.ir().results(new).to_vec();
    for (&old, &value) in old_results.iter().zip(&new_results) {
        let ty = rewriter.ir().value_type(old);
        let back = rewriter
            .build::<tensor::CollapseShapeOp>(
                InsertPoint::Before(consumer),
                location,
                &[&[value]],
                &[ty],
                &[("reassociation", reassociation_attr(&ctx, &groups))],
            )
            .ok()?;
        let back = rewriter.ir().result(back.0, 0);
        rewriter.replace_all_uses(old, back);
    }
    erase_with_dead_operands(rewriter, consumer);
    Some(new)
}

/// The size of dimension `d` of tensor `value`, as an `index` value that
/// does not use `value` itself when it can be found elsewhere (a structured
/// op's result has its init's sizes, a `tensor.empty` lists its dynamic
/// sizes), so that reading a size does not give a producer another use;
/// otherwise a `tensor.dim` built before `at`.
fn dimension_size(rewriter: &mut PatternRewriter<'_>, value: Value, d: usize, at: OpId) -> Option<Value> {
    let ir = rewriter.ir();
    let ctx = ir.ctx_arc().clone();
    let mut current = value;
    // A chain of structured ops, each result taking its init's shape.
    for _ in 0..64 {
        let Some(def) = ir.defining_op(current) else { break };
        if let Some(s) = Structured::of(ir, def) {
            let result = ir.results(def).iter().position(|&r| r == current)?;
            current = s.operands()[s.result_operand(result)?];
            continue;
        }
        if ir.isa::<tensor::EmptyOp>(def) {
            let shape = ir.value_type(current).shape(&ctx)?;
            let position = shape[..d].iter().filter(|&&s| s == DYNAMIC).count();
            return ir.operands(def).get(position).copied();
        }
        break;
    }
    let location = ir.op(at).location;
    let index = Type::index(&ctx);
    let position = Attribute::integer(&ctx, d as i128, index);
    let c = rewriter.build::<arith::ConstantOp>(InsertPoint::Before(at), location, &[], &[index], &[("value", position)]).ok()?;
    let c = rewriter.ir().result(c.0, 0);
    let dim = rewriter.build::<tensor::DimOp>(InsertPoint::Before(at), location, &[&[current], &[c]], &[index], &[]).ok()?;
    Some(rewriter.ir().result(dim.0, 0))
}

/// Raises `expand`, whose source is the only result of identity
/// elementwise op `producer` and its only use, above it; returns the new
/// producer (a `linalg.generic`) whose result replaces the expand's.
pub fn hoist_expand_above(rewriter: &mut PatternRewriter<'_>, expand: tensor::ExpandShapeOp, producer: OpId) -> Option<OpId> {
    let ir = rewriter.ir();
    let ctx = ir.ctx_arc().clone();
    let source = ir.operands(expand.0)[0];
    if ir.defining_op(source) != Some(producer)
        || ir.results(producer).len() != 1
        || ir.uses(source).len() != 1
        || !is_identity_elementwise(ir, producer)
    {
        return None;
    }
    let groups = reassociation(&ctx, ir.attr(expand.0, "reassociation")?)?;
    let statics = ir::mixed_list::statics(ir, expand.0, "static_output_shape");
    let shape = ExpandedShape { statics, dynamic: ir.operands(expand.0)[1..].to_vec() };
    let new = rebuild_expanded(rewriter, producer, expand.0, &groups, &shape, None)?;
    replace_and_erase(rewriter, expand.0, new);
    Some(new)
}

/// A copy of identity elementwise `op` over the expanded space `shape`
/// (groups `groups` of it make `op`'s dimensions), built before `at`, with
/// operand `replaced.0` read as `replaced.1` and the others expanded.
fn rebuild_expanded(
    rewriter: &mut PatternRewriter<'_>,
    op: OpId,
    at: OpId,
    groups: &Reassociation,
    shape: &ExpandedShape,
    replaced: Option<(usize, Value)>,
) -> Option<OpId> {
    let ir = rewriter.ir();
    let ctx = ir.ctx_arc().clone();
    let s = Structured::of(ir, op)?;
    let location = ir.op(op).location;
    let inputs = s.inputs().len();
    let operands = s.operands().to_vec();
    let block = s.block()?;
    let rank = shape.statics.len() as u32;
    let mut new_operands = Vec::new();
    let mut maps = Vec::new();
    let types: Vec<Type> = operands.iter().map(|&v| ir.value_type(v)).collect();
    // An operand read twice is expanded once.
    let mut expanded: Vec<(Value, Value)> = Vec::new();
    for (i, (&v, &ty)) in operands.iter().zip(&types).enumerate() {
        if let Some((_, with)) = replaced.filter(|&(k, _)| k == i) {
            new_operands.push(with);
            maps.push(AffineMap::identity(rank));
            continue;
        }
        if ty.shape(&ctx).is_none() {
            new_operands.push(v);
            maps.push(AffineMap { num_dims: rank, num_symbols: 0, results: Vec::new() });
            continue;
        }
        if let Some(&(_, done)) = expanded.iter().find(|(from, _)| *from == v) {
            new_operands.push(done);
            maps.push(AffineMap::identity(rank));
            continue;
        }
        let expanded_type = shape.tensor_type(rewriter.ir(), ty)?;
        let is_empty_init = i >= inputs && rewriter.ir().defining_op(v).is_some_and(|d| rewriter.ir().isa::<tensor::EmptyOp>(d));
        let value = if is_empty_init {
            let empty = rewriter
                .build::<tensor::EmptyOp>(InsertPoint::Before(at), location, &[&shape.dynamic], &[expanded_type], &[])
                .ok()?;
            rewriter.ir().result(empty.0, 0)
        } else {
            let static_shape = ir::mixed_list::attribute(&ctx, &shape.statics);
            let expand = rewriter
                .build::<tensor::ExpandShapeOp>(
                    InsertPoint::Before(at),
                    location,
                    &[&[v], &shape.dynamic],
                    &[expanded_type],
                    &[("reassociation", reassociation_attr(&ctx, groups)), ("static_output_shape", static_shape)],
                )
                .ok()?;
            rewriter.ir().result(expand.0, 0)
        };
        expanded.push((v, value));
        new_operands.push(value);
        maps.push(AffineMap::identity(rank));
    }
    let result_types: Vec<Type> =
        new_operands[inputs..].iter().map(|&v| rewriter.ir().value_type(v)).filter(|t| t.is_tensor(&ctx)).collect();
    let iterators = vec![IteratorType::Parallel; rank as usize];
    let generic = rewriter
        .build::<GenericOp>(
            InsertPoint::Before(at),
            location,
            &[&new_operands[..inputs], &new_operands[inputs..]],
            &result_types,
            &[("indexing_maps", indexing_maps_attr(&ctx, &maps)), ("iterator_types", iterator_types_attr(&ctx, &iterators))],
        )
        .ok()?;
    // The body is the same: it sees one element of each operand either way.
    let region = rewriter.ir().regions(generic.0)[0];
    let types: Vec<Type> = rewriter.ir().block_arguments(block).iter().map(|&a| rewriter.ir().value_type(a)).collect();
    let new_block = rewriter.create_block_at_end(region, &types, location);
    let mut mapping = IrMapping::default();
    for (&old, &new) in
        rewriter.ir().block_arguments(block).to_vec().iter().zip(rewriter.ir().block_arguments(new_block).to_vec().iter())
    {
        mapping.map_value(old, new);
    }
    for body_op in rewriter.ir().block_ops(block).collect::<Vec<_>>() {
        rewriter.clone_op(body_op, &mut mapping, InsertPoint::End(new_block));
    }
    Some(generic.op())
}

/// Folds `expand(collapse(x))` and `collapse(expand(x))` with the same
/// groups back to `x` when the types agree; returns whether it did.
pub fn fold_reshape_pair(rewriter: &mut PatternRewriter<'_>, op: OpId) -> bool {
    let ir = rewriter.ir();
    let ctx = ir.ctx();
    let pair = ir.isa::<tensor::ExpandShapeOp>(op) || ir.isa::<tensor::CollapseShapeOp>(op);
    let Some(inner) = ir.operands(op).first().and_then(|&v| ir.defining_op(v)) else { return false };
    let inverse = if ir.isa::<tensor::ExpandShapeOp>(op) {
        ir.isa::<tensor::CollapseShapeOp>(inner)
    } else {
        ir.isa::<tensor::ExpandShapeOp>(inner)
    };
    if !pair || !inverse || ir.attr(op, "reassociation") != ir.attr(inner, "reassociation") {
        return false;
    }
    let original = ir.operands(inner)[0];
    let result = ir.result(op, 0);
    if ir.value_type(original) != ir.value_type(result) || ctx.op_definition(ir.op(op).name).is_none() {
        return false;
    }
    rewriter.replace_op(op, &[original]);
    if !rewriter.ir().has_uses(rewriter.ir().result(inner, 0)) {
        erase_with_dead_operands(rewriter, inner);
    }
    true
}
