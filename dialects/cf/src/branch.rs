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
        traits: [TERMINATOR, PURE],
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
