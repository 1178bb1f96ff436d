//! Unconditional and conditional branches, and `cf.assert`.
//!
//! ```mlir
//! cf.br ^bb1(%x : i32)
//! cf.cond_br %cond, ^bb1, ^bb2(%y : i64)
//! cf.assert %cond, "must hold"
//! ```

use ir::constraints::{ANY_TYPE, I1, STRING_ATTR};
use ir::{define_op, Diagnostic, Ir, OpId};

use crate::verify_successor_operands;

define_op! {
    /// Jumps to a block, passing values to its arguments.
    pub struct BranchOp = "cf.br" {
        operands: [destOperands: Variadic(ANY_TYPE)],
        successors: [dest: Single],
        traits: [TERMINATOR, PURE, UNCONDITIONAL_BRANCH],
        format: "$dest (`(` $destOperands^ `:` type($destOperands) `)`)? attr-dict",
        extra: {
            verify: Some(verify_branch),
        },
    }
}

define_op! {
    /// Jumps to one of two blocks depending on an `i1`.
    pub struct CondBranchOp = "cf.cond_br" {
        operands: [condition: Single(I1), trueDestOperands: Variadic(ANY_TYPE), falseDestOperands: Variadic(ANY_TYPE)],
        successors: [trueDest: Single, falseDest: Single],
        traits: [TERMINATOR, PURE],
        format: "$condition `,` $trueDest (`(` $trueDestOperands^ `:` type($trueDestOperands) `)`)? `,` $falseDest (`(` $falseDestOperands^ `:` type($falseDestOperands) `)`)? attr-dict",
        extra: {
            verify: Some(verify_cond_branch),
            canonicalize: Some(cond_branch_patterns),
        },
    }
}

define_op! {
    /// Aborts with a message when the condition is false.
    pub struct AssertOp = "cf.assert" {
        operands: [arg: Single(I1)],
        attributes: [msg: Required(STRING_ATTR)],
        format: "$arg `,` $msg attr-dict",
    }
}

fn verify_branch(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    verify_successor_operands(ir, op, 0, BranchOp(op).destOperands(ir))
}

fn verify_cond_branch(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let branch = CondBranchOp(op);
    verify_successor_operands(ir, op, 0, branch.trueDestOperands(ir))?;
    verify_successor_operands(ir, op, 1, branch.falseDestOperands(ir))
}

/// `cf.cond_br` on a constant condition becomes `cf.br` to the taken block.
struct FoldConstantCondition;

impl ir::rewrite::RewritePattern for FoldConstantCondition {
    fn root(&self) -> Option<&'static str> {
        Some("cf.cond_br")
    }

    fn match_and_rewrite(&self, op: OpId, rewriter: &mut ir::rewrite::PatternRewriter<'_>) -> bool {
        let ir = rewriter.ir();
        let branch = CondBranchOp(op);
        let Some(condition) = ir::rewrite::constant_value(ir, branch.condition(ir)).and_then(|c| c.as_integer(ir.ctx())) else {
            return false;
        };
        let (dest, operands) = if condition != 0 {
            (ir.successors(op)[0], branch.trueDestOperands(ir).to_vec())
        } else {
            (ir.successors(op)[1], branch.falseDestOperands(ir).to_vec())
        };
        let location = ir.op(op).location;
        let mut state = ir::OperationState::new(ir.ctx().op_name("cf.br"), location);
        state.operands = operands;
        state.successors.push(dest);
        rewriter.create_before(op, state);
        rewriter.erase_op(op);
        true
    }
}

fn cond_branch_patterns(patterns: &mut Vec<Box<dyn ir::rewrite::RewritePattern>>) {
    patterns.push(Box::new(FoldConstantCondition));
}
