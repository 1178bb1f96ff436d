//! Terminators. Successor operands go to the target's phis through
//! [`Translator::successor`]; branch weights become `!prof` metadata.

use dialect_llvm as llvm;
use inkwell::values::{BasicValueEnum, InstructionValue};
use ir::{Attribute, Context, Diagnostic, OpId};

use super::attach;
use crate::{LlvmTranslation, Translator};

/// `!prof !{!"branch_weights", i32 ...}` from an `array<i32: ...>`.
fn branch_weights(
    t: &Translator<'_, '_>,
    op: OpId,
    branch: InstructionValue<'_>,
    weights: Option<Attribute>,
) -> Result<(), Diagnostic> {
    let Some(weights) = weights.and_then(|w| w.as_dense_int_array(t.ir.ctx())) else { return Ok(()) };
    let mut node: Vec<inkwell::values::BasicMetadataValueEnum> = vec![t.llvm.metadata_string("branch_weights").into()];
    node.extend(
        weights
            .iter()
            .map(|&w| t.llvm.i32_type().const_int(w as u64, false).into())
            .collect::<Vec<inkwell::values::BasicMetadataValueEnum>>(),
    );
    let node = t.llvm.metadata_node(&node);
    branch.set_metadata(node, t.llvm.get_kind_id("prof")).map_err(|e| t.error(op, format!("cannot attach branch weights: {e}")))
}

struct Br;

impl LlvmTranslation for Br {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let dest = t.successor(op, 0, llvm::BrOp(op).destOperands(t.ir))?;
        t.built(op, t.builder.build_unconditional_branch(dest))?;
        Ok(())
    }
}

struct CondBr;

impl LlvmTranslation for CondBr {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let branch = llvm::CondBrOp(op);
        let ir = t.ir;
        let BasicValueEnum::IntValue(condition) = t.value(branch.condition(ir), op)? else {
            return Err(t.error(op, "the condition must be an i1"));
        };
        let on_true = t.successor(op, 0, branch.trueDestOperands(ir))?;
        let on_false = t.successor(op, 1, branch.falseDestOperands(ir))?;
        let inst = t.built(op, t.builder.build_conditional_branch(condition, on_true, on_false))?;
        branch_weights(t, op, inst, branch.branch_weights(ir))
    }
}

struct Switch;

impl LlvmTranslation for Switch {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let switch = llvm::SwitchOp(op);
        let ir = t.ir;
        let BasicValueEnum::IntValue(value) = t.value(switch.value(ir), op)? else {
            return Err(t.error(op, "the switch value must be an integer"));
        };
        let (default_operands, case_operands) = ir::switch_cases::destination_operands(ir, op);
        let default = t.successor(op, 0, default_operands)?;
        let values = ir::switch_cases::case_values(ir, op);
        let mut cases = Vec::with_capacity(values.len());
        for (i, (case, operands)) in values.iter().zip(case_operands).enumerate() {
            let dest = t.successor(op, i + 1, operands)?;
            let ty = value.get_type();
            let constant = if ty.get_bit_width() <= 64 {
                ty.const_int(*case as u64, false)
            } else {
                ty.const_int_arbitrary_precision(&[*case as u64, (*case >> 64) as u64])
            };
            cases.push((constant, dest));
        }
        let inst = t.built(op, t.builder.build_switch(value, default, &cases))?;
        branch_weights(t, op, inst, switch.branch_weights(ir))
    }
}

struct Return;

impl LlvmTranslation for Return {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        match llvm::ReturnOp(op).arg(t.ir) {
            Some(v) => {
                let value = t.value(v, op)?;
                t.built(op, t.builder.build_return(Some(&value)))?;
            }
            None => {
                t.built(op, t.builder.build_return(None))?;
            }
        }
        Ok(())
    }
}

struct Unreachable;

impl LlvmTranslation for Unreachable {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        t.built(op, t.builder.build_unreachable())?;
        Ok(())
    }
}

pub(super) fn register(ctx: &Context) {
    attach! { ctx,
        llvm::BrOp => Br = Br;
        llvm::CondBrOp => CondBr = CondBr;
        llvm::SwitchOp => Switch = Switch;
        llvm::ReturnOp => Return = Return;
        llvm::UnreachableOp => Unreachable = Unreachable;
    }
}
