//! Bufferization at function boundaries: `func.call` and `func.return`.
//!
//! With `bufferize-function-boundaries`, a call passes buffers: the callee
//! (bufferized first) tells which arguments it writes and which results
//! share an argument's buffer, so the caller's analysis sees the call as
//! the reads and writes it really does. Without it, functions keep their
//! tensor signatures, and calls and returns see tensors made from buffers
//! (`bufferization.to_tensor`) and give buffers of theirs
//! (`bufferization.to_buffer`, never written in place).

use dialect_bufferization::{ToBufferOp, ToTensorOp};
use dialect_func::{CallOp, FuncOp};
use ir::rewrite::InsertPoint;
use ir::verifier::op_error;
use ir::{Diagnostic, OpId, Type, Value};

use crate::analysis::AnalysisState;
use crate::bufferizable::{Access, Bufferizable};
use crate::bufferizer::{fully_dynamic, Bufferizer};

fn callee<'a>(state: &AnalysisState<'a>, op: OpId) -> Option<&'a crate::analysis::FunctionSummary> {
    let ir = state.ir;
    let symbol = ir.attr(op, "callee")?.as_flat_symbol_ref(ir.ctx())?;
    state.functions.get(&symbol)
}

/// `bufferization.to_tensor %buffer` before `at`, for code that keeps tensors.
fn as_tensor(
    b: &mut Bufferizer<'_, '_>,
    at: InsertPoint,
    location: ir::Location,
    buffer: Value,
    tensor: Type,
) -> Result<Value, Diagnostic> {
    let op = b
        .rewriter
        .build::<ToTensorOp>(at, location, &[&[buffer]], &[tensor], &[])
        .map_err(|e| Diagnostic::error(location, e.0))?;
    Ok(b.ir().result(op.0, 0))
}

/// The signature of the function `call` calls, if it is in the module.
fn callee_signature(ir: &ir::Ir, call: OpId) -> Option<(Vec<Type>, Vec<Type>)> {
    let name = ir.attr(call, "callee")?.as_flat_symbol_ref(ir.ctx())?;
    let function = ir.lookup_symbol(call, ir.ctx().str(name))?;
    ir.dyn_cast::<FuncOp>(function).map(|f| f.signature(ir))
}

pub struct CallModel;

impl Bufferizable for CallModel {
    fn access(&self, state: &AnalysisState<'_>, op: OpId, operand: usize) -> Access {
        if !state.function_boundaries {
            return Access::READ;
        }
        match callee(state, op) {
            Some(summary) => Access { read: true, write: summary.writes_argument.get(operand).copied().unwrap_or(true) },
            None => Access::READ_WRITE,
        }
    }

    fn aliases(&self, state: &AnalysisState<'_>, op: OpId, operand: usize) -> Vec<Value> {
        let Some(summary) = callee(state, op).filter(|_| state.function_boundaries) else { return Vec::new() };
        let results = state.ir.results(op);
        summary.result_aliases.iter().zip(results).filter(|(alias, _)| **alias == Some(operand)).map(|(_, &r)| r).collect()
    }

    fn is_writable(&self, state: &AnalysisState<'_>, _: OpId, _: usize) -> bool {
        state.function_boundaries
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let ctx = ir.ctx_arc().clone();
        let location = ir.op(op).location;
        let operands = ir.operands(op).to_vec();
        let results = ir.results(op).to_vec();
        let at = InsertPoint::Before(op);
        if !b.function_boundaries {
            // The callee keeps its tensor signature (values retyped in
            // place, loop results, no longer show their tensor types).
            let callee_inputs = callee_signature(b.ir(), op).map(|(inputs, _)| inputs).unwrap_or_default();
            for (i, &v) in operands.iter().enumerate() {
                if b.is_tensor(v) {
                    let ty = callee_inputs.get(i).copied().unwrap_or_else(|| b.ir().value_type(v));
                    let buffer = b.buffer(v)?;
                    let tensor = as_tensor(b, at, location, buffer, ty)?;
                    b.rewriter.modify_in_place(op, |ir| ir.set_operand(op, i, tensor));
                }
            }
            let Some(next) = b.ir().next_op(op) else { return Err(op_error(b.ir(), op, "must not end a block")) };
            for &r in &results {
                let ty = b.ir().value_type(r);
                if ty.is_tensor(&ctx) {
                    let memref_ty = fully_dynamic(&ctx, b.memref_type(ty));
                    let to_buffer = b
                        .rewriter
                        .build::<ToBufferOp>(
                            InsertPoint::Before(next),
                            location,
                            &[&[r]],
                            &[memref_ty],
                            &[("read_only", ir::Attribute::unit(&ctx))],
                        )
                        .map_err(|e| Diagnostic::error(location, e.0))?;
                    let buffer = b.ir().result(to_buffer.0, 0);
                    b.set_buffer(r, buffer);
                }
            }
            return Ok(());
        }
        let Some(symbol) = ir.attr(op, "callee").and_then(|a| a.as_flat_symbol_ref(&ctx)) else {
            return Err(op_error(ir, op, "requires a 'callee' symbol"));
        };
        let Some(function) = b.function(symbol).cloned() else {
            return Err(op_error(
                ir,
                op,
                format!("cannot bufferize a call of '@{}': the callee is not a function of this module", ctx.str(symbol)),
            ));
        };
        let mut new_operands = Vec::with_capacity(operands.len());
        for (i, &v) in operands.iter().enumerate() {
            if !b.is_tensor(v) {
                new_operands.push(v);
                continue;
            }
            let buffer = b.operand_buffer(op, i)?;
            let Some(&ty) = function.argument_types.get(i) else {
                return Err(op_error(b.ir(), op, "passes more operands than the callee takes"));
            };
            new_operands.push(b.cast_or_copy(at, location, buffer, ty)?);
        }
        let callee = ir::Attribute::symbol_ref(&ctx, ctx.str(symbol));
        let call = b
            .rewriter
            .build::<CallOp>(at, location, &[&new_operands], &function.result_types, &[("callee", callee)])
            .map_err(|e| Diagnostic::error(location, e.0))?;
        let new_results = b.ir().results(call.0).to_vec();
        for (&old, &new) in results.iter().zip(&new_results) {
            if b.is_tensor(old) {
                b.set_buffer(old, new);
            } else {
                b.rewriter.replace_all_uses(old, new);
            }
        }
        b.erase(op);
        Ok(())
    }
}

pub struct ReturnModel;

impl Bufferizable for ReturnModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::READ
    }

    /// Returns buffers (the function's type follows them, see the driver),
    /// or tensors of them when function boundaries keep tensors.
    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let location = ir.op(op).location;
        let operands = ir.operands(op).to_vec();
        let results = ir
            .op_parent_block(op)
            .and_then(|blk| ir.block_parent_op(blk))
            .and_then(|f| ir.dyn_cast::<FuncOp>(f))
            .map(|f| f.signature(ir).1)
            .unwrap_or_default();
        for (i, v) in operands.into_iter().enumerate() {
            let ty = results.get(i).copied().unwrap_or_else(|| b.ir().value_type(v));
            if !b.is_tensor(v) {
                continue;
            }
            let buffer = b.buffer(v)?;
            let value = if b.function_boundaries { buffer } else { as_tensor(b, InsertPoint::Before(op), location, buffer, ty)? };
            b.rewriter.modify_in_place(op, |ir| ir.set_operand(op, i, value));
        }
        Ok(())
    }
}
