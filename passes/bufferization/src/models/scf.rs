//! Bufferization of the scf ops that carry tensors: loops (`scf.for`,
//! `scf.while`, `scf.forall`) and branches (`scf.if`, `scf.index_switch`).
//!
//! A loop-carried tensor lives in one buffer for the whole loop: the
//! init's (in place) or a copy of it made before the loop. The body works
//! on that buffer through the iteration argument, now a memref, and each
//! `scf.yield` of a value in another buffer copies it back:
//!
//! ```mlir
//! %r = scf.for %i = %lb to %ub step %s iter_args(%acc = %t) -> (tensor<8xf32>) {
//!   %u = tensor.insert %x into %acc[%i] : tensor<8xf32>
//!   scf.yield %u : tensor<8xf32>
//! }
//! // becomes (in place)
//! %r = scf.for %i = %lb to %ub step %s iter_args(%acc = %T) -> (memref<8xf32>) {
//!   memref.store %x, %acc[%i] : memref<8xf32>
//!   scf.yield %acc : memref<8xf32>
//! }
//! ```
//!
//! A branch yields whichever buffer holds the value in that branch; its
//! results take the buffers' type, or one fully dynamic layout every
//! branch casts to when their layouts differ. `scf.forall` writes its
//! shared outputs' buffers directly (it has no results on buffers).

use dialect_scf::{ConditionOp, ForOp, ForallOp, WhileOp};
use ir::rewrite::InsertPoint;
use ir::verifier::op_error;
use ir::{mixed_list, Diagnostic, Ir, OpId, Type, Value};

use crate::analysis::AnalysisState;
use crate::bufferizable::{Access, Bufferizable, RegionKind};
use crate::bufferizer::{fully_dynamic, Bufferizer};

fn body_arguments(ir: &Ir, op: OpId, region: usize) -> Vec<Value> {
    ir.regions(op).get(region).and_then(|&r| ir.entry_block(r)).map(|b| ir.block_arguments(b).to_vec()).unwrap_or_default()
}

/// Gives each tensor operand `first + k` of loop `op` its buffer (in place
/// or a copy), and the values that carry it (`carriers(k)`: block
/// arguments, results) that buffer's type; they are their own buffers.
fn carry_buffers(
    b: &mut Bufferizer<'_, '_>,
    op: OpId,
    first: usize,
    carriers: &dyn Fn(&Ir, usize) -> Vec<Value>,
) -> Result<(), Diagnostic> {
    let count = b.ir().operands(op).len() - first;
    for k in 0..count {
        let operand = first + k;
        if !b.is_tensor(b.ir().operands(op)[operand]) {
            continue;
        }
        let buffer = b.operand_buffer(op, operand)?;
        b.rewriter.modify_in_place(op, |ir| ir.set_operand(op, operand, buffer));
        let ty = b.ir().value_type(buffer);
        for carrier in carriers(b.ir(), k) {
            b.rewriter.set_value_type(carrier, ty);
            b.set_buffer(carrier, carrier);
        }
    }
    Ok(())
}

pub struct ForModel;

const FOR_FIXED_OPERANDS: usize = 3;

impl Bufferizable for ForModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::READ_WRITE
    }

    fn aliases(&self, state: &AnalysisState<'_>, op: OpId, operand: usize) -> Vec<Value> {
        let ir = state.ir;
        let Some(k) = operand.checked_sub(FOR_FIXED_OPERANDS) else { return Vec::new() };
        body_arguments(ir, op, 0).get(1 + k).into_iter().chain(ir.results(op).get(k)).copied().collect()
    }

    fn region_kind(&self) -> RegionKind {
        RegionKind::Repeated
    }

    fn bufferize_region_arguments(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        carry_buffers(b, op, FOR_FIXED_OPERANDS, &|ir, k| {
            body_arguments(ir, op, 0).get(1 + k).into_iter().chain(ir.results(op).get(k)).copied().collect()
        })
    }

    fn bufferize(&self, _: &mut Bufferizer<'_, '_>, _: OpId) -> Result<(), Diagnostic> {
        Ok(())
    }
}

pub struct WhileModel;

impl Bufferizable for WhileModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::READ_WRITE
    }

    fn aliases(&self, state: &AnalysisState<'_>, op: OpId, operand: usize) -> Vec<Value> {
        body_arguments(state.ir, op, 0).get(operand).copied().into_iter().collect()
    }

    fn region_kind(&self) -> RegionKind {
        RegionKind::Repeated
    }

    fn bufferize_region_arguments(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        carry_buffers(b, op, 0, &|ir, k| body_arguments(ir, op, 0).get(k).copied().into_iter().collect())
    }

    fn bufferize(&self, _: &mut Bufferizer<'_, '_>, _: OpId) -> Result<(), Diagnostic> {
        Ok(())
    }
}

/// `scf.condition` forwards its buffers to the `scf.while`'s results and
/// after-region arguments, which take their types.
pub struct ConditionModel;

impl Bufferizable for ConditionModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::READ
    }

    fn aliases(&self, state: &AnalysisState<'_>, op: OpId, operand: usize) -> Vec<Value> {
        let ir = state.ir;
        let (Some(k), Some(parent)) = (operand.checked_sub(1), ir.parent_op(op)) else { return Vec::new() };
        ir.results(parent).get(k).into_iter().chain(body_arguments(ir, parent, 1).get(k)).copied().collect()
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let Some(parent) = ir.parent_op(op).filter(|&p| ir.isa::<WhileOp>(p)) else {
            return Err(op_error(ir, op, "expects parent op 'scf.while'"));
        };
        let args = ConditionOp(op).args(ir).to_vec();
        for (k, v) in args.into_iter().enumerate() {
            if !b.is_tensor(v) {
                continue;
            }
            let buffer = b.buffer(v)?;
            b.rewriter.modify_in_place(op, |ir| ir.set_operand(op, 1 + k, buffer));
            let ty = b.ir().value_type(buffer);
            let carriers: Vec<Value> =
                b.ir().results(parent).get(k).into_iter().chain(body_arguments(b.ir(), parent, 1).get(k)).copied().collect();
            for carrier in carriers {
                b.rewriter.set_value_type(carrier, ty);
                b.set_buffer(carrier, carrier);
            }
        }
        Ok(())
    }
}

pub struct ForallModel;

impl ForallModel {
    fn rank(ir: &Ir, op: OpId) -> usize {
        mixed_list::statics(ir, op, "staticUpperBound").len()
    }
}

impl Bufferizable for ForallModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::READ_WRITE
    }

    fn aliases(&self, state: &AnalysisState<'_>, op: OpId, operand: usize) -> Vec<Value> {
        let ir = state.ir;
        let outputs = ForallOp(op).outputs(ir).len();
        let Some(k) = operand.checked_sub(ir.operands(op).len() - outputs) else { return Vec::new() };
        body_arguments(ir, op, 0).get(Self::rank(ir, op) + k).into_iter().chain(ir.results(op).get(k)).copied().collect()
    }

    fn region_kind(&self) -> RegionKind {
        RegionKind::Repeated
    }

    /// The shared outputs' block arguments stand for the outputs' buffers.
    fn bufferize_region_arguments(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let outputs = ForallOp(op).outputs(ir).len();
        let first = ir.operands(op).len() - outputs;
        let rank = Self::rank(ir, op);
        for k in 0..outputs {
            let buffer = b.operand_buffer(op, first + k)?;
            let argument = body_arguments(b.ir(), op, 0).get(rank + k).copied();
            let result = b.ir().results(op).get(k).copied();
            for v in argument.into_iter().chain(result) {
                b.set_buffer(v, buffer);
            }
        }
        Ok(())
    }

    /// The same loop without shared outputs, on the bufferized body.
    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let ctx = ir.ctx_arc().clone();
        let forall = ForallOp(op);
        let location = ir.op(op).location;
        let bounds =
            [forall.dynamicLowerBound(ir).to_vec(), forall.dynamicUpperBound(ir).to_vec(), forall.dynamicStep(ir).to_vec()];
        let attrs: Vec<(&str, ir::Attribute)> = ["staticLowerBound", "staticUpperBound", "staticStep", "mapping"]
            .into_iter()
            .filter_map(|n| ir.attr(op, n).map(|a| (n, a)))
            .collect();
        let Some(body) = ir.regions(op).first().and_then(|&r| ir.entry_block(r)) else {
            return Err(op_error(ir, op, "has no body"));
        };
        let rank = Self::rank(ir, op);
        let old_arguments = ir.block_arguments(body).to_vec();
        let mut replacements = old_arguments[..rank.min(old_arguments.len())].to_vec();
        for &shared in &old_arguments[rank.min(old_arguments.len())..] {
            replacements.push(b.buffer(shared)?);
        }
        let new = b
            .rewriter
            .build::<ForallOp>(InsertPoint::Before(op), location, &[&bounds[0], &bounds[1], &bounds[2], &[]], &[], &attrs)
            .map_err(|e| Diagnostic::error(location, e.0))?;
        let region = b.ir().regions(new.0)[0];
        let index = Type::index(&ctx);
        let block = b.rewriter.create_block_at_start(region, &vec![index; rank], location);
        let ivs = b.ir().block_arguments(block).to_vec();
        replacements[..rank].copy_from_slice(&ivs);
        b.rewriter.merge_block_into(body, block, &replacements);
        b.erase(op);
        Ok(())
    }
}

/// `scf.if` and `scf.index_switch`: results from the branches' yields.
pub struct BranchModel;

impl Bufferizable for BranchModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::NONE
    }

    fn region_kind(&self) -> RegionKind {
        RegionKind::Exclusive
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let ctx = ir.ctx_arc().clone();
        let yields: Vec<OpId> =
            ir.regions(op).iter().filter_map(|&r| ir.entry_block(r)).filter_map(|blk| ir.terminator(blk)).collect();
        let results = ir.results(op).to_vec();
        for (k, result) in results.into_iter().enumerate() {
            if !b.is_tensor(result) {
                continue;
            }
            let types: Vec<Type> =
                yields.iter().filter_map(|&y| b.ir().operands(y).get(k)).map(|&v| b.ir().value_type(v)).collect();
            let Some(&first) = types.first() else {
                return Err(op_error(b.ir(), op, "has a tensor result but no region yields it"));
            };
            let ty = if types.iter().all(|&t| t == first) { first } else { fully_dynamic(&ctx, first) };
            for &y in &yields {
                let Some(&v) = b.ir().operands(y).get(k) else { continue };
                let location = b.ir().op(y).location;
                let cast = b.cast(InsertPoint::Before(y), location, v, ty)?;
                b.rewriter.modify_in_place(y, |ir| ir.set_operand(y, k, cast));
            }
            b.rewriter.set_value_type(result, ty);
            b.set_buffer(result, result);
        }
        Ok(())
    }
}

/// The value that names the same memory as buffer `v` for sure, seen
/// through casts and loops that carry one buffer (an iteration argument is
/// its init's buffer; so is the result of a loop whose body yields the
/// iteration argument back).
fn canonical_buffer(ir: &Ir, mut v: Value) -> Value {
    loop {
        let next = match ir.value_def(v) {
            ir::body::ValueDef::BlockArgument { block, index } => ir
                .block_parent_op(block)
                .filter(|&p| ir.isa::<ForOp>(p) && index >= 1)
                .and_then(|p| ir.operands(p).get(FOR_FIXED_OPERANDS + index as usize - 1).copied()),
            ir::body::ValueDef::Result { op, index } if ir.isa::<ForOp>(op) => {
                let k = index as usize;
                let body = ir.regions(op).first().and_then(|&r| ir.entry_block(r));
                let carried = body.and_then(|b| ir.block_arguments(b).get(1 + k).copied());
                let yielded = body.and_then(|b| ir.terminator(b)).and_then(|t| ir.operands(t).get(k).copied());
                (carried.is_some() && carried == yielded).then(|| ir.operands(op).get(FOR_FIXED_OPERANDS + k).copied()).flatten()
            }
            ir::body::ValueDef::Result { op, .. } if ir.isa::<dialect_memref::CastOp>(op) => ir.operands(op).first().copied(),
            _ => None,
        };
        match next {
            Some(n) => v = n,
            None => return v,
        }
    }
}

/// The after-region argument of `scf.while` `op` that its `scf.condition`
/// passes `before` (an argument of the before region) to, if any: the same
/// buffer, seen from the after region.
fn forwarded_argument(ir: &Ir, op: OpId, before: Value) -> Option<Value> {
    let condition = ir.regions(op).first().and_then(|&r| ir.entry_block(r)).and_then(|b| ir.terminator(b))?;
    let j = ConditionOp(condition).args(ir).iter().position(|&v| v == before)?;
    body_arguments(ir, op, 1).get(j).copied().filter(|&a| ir.value_type(a) == ir.value_type(before))
}

/// `scf.yield`: in a loop, a value in another buffer than the iteration
/// argument's is copied into it (`scf.for`, and `scf.while` when its
/// condition passes the iteration's buffer on to the after region) or else
/// passed as the next iteration's buffer (`scf.while`); in a branch the
/// buffer is yielded.
pub struct YieldModel;

impl Bufferizable for YieldModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::READ
    }

    fn aliases(&self, state: &AnalysisState<'_>, op: OpId, operand: usize) -> Vec<Value> {
        let ir = state.ir;
        let Some(parent) = ir.parent_op(op) else { return Vec::new() };
        if ir.isa::<WhileOp>(parent) {
            return body_arguments(ir, parent, 0).get(operand).copied().into_iter().collect();
        }
        let mut aliases: Vec<Value> = ir.results(parent).get(operand).copied().into_iter().collect();
        if ir.isa::<ForOp>(parent) {
            aliases.extend(body_arguments(ir, parent, 0).get(1 + operand));
        }
        aliases
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let location = ir.op(op).location;
        let parent = ir.parent_op(op);
        let is_for = parent.is_some_and(|p| ir.isa::<ForOp>(p));
        let is_while = parent.is_some_and(|p| ir.isa::<WhileOp>(p));
        let operands = ir.operands(op).to_vec();
        let at = InsertPoint::Before(op);
        for (k, v) in operands.into_iter().enumerate() {
            if !b.is_tensor(v) {
                continue;
            }
            let buffer = b.buffer(v)?;
            let yielded = match parent {
                Some(p) if is_for => {
                    let Some(&carried) = body_arguments(b.ir(), p, 0).get(1 + k) else {
                        return Err(op_error(b.ir(), op, "yields more values than the loop carries"));
                    };
                    if canonical_buffer(b.ir(), buffer) != canonical_buffer(b.ir(), carried) {
                        b.copy(at, location, buffer, carried)?;
                    }
                    carried
                }
                Some(p) if is_while => {
                    let Some(&before) = body_arguments(b.ir(), p, 0).get(k) else {
                        return Err(op_error(b.ir(), op, "yields more values than the loop carries"));
                    };
                    let ty = b.ir().value_type(before);
                    match forwarded_argument(b.ir(), p, before) {
                        // The after region holds the iteration's buffer: the
                        // new value goes back into it, as in `scf.for`.
                        Some(carried) if canonical_buffer(b.ir(), buffer) != canonical_buffer(b.ir(), carried) => {
                            b.copy(at, location, buffer, carried)?;
                            b.cast_or_copy(at, location, carried, ty)?
                        }
                        _ => b.cast_or_copy(at, location, buffer, ty)?,
                    }
                }
                _ => buffer,
            };
            b.rewriter.modify_in_place(op, |ir| ir.set_operand(op, k, yielded));
        }
        Ok(())
    }
}
