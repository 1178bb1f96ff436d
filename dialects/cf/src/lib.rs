//! The cf dialect: branches between the blocks of a region (`br`,
//! `cond_br`, `switch`) and runtime assertions.

mod branch;
mod switch;

pub use branch::{AssertOp, BranchOp, CondBranchOp};
pub use switch::SwitchOp;

use ir::Dialect;

/// The cf dialect; `br` and `cond_br` (the papers' spellings) are accepted on input.
pub fn dialect() -> Dialect {
    Dialect::new("cf", "Unstructured control flow.")
        .with_op::<BranchOp>()
        .with_op::<CondBranchOp>()
        .with_op::<SwitchOp>()
        .with_op::<AssertOp>()
        .with_aliases(&[("br", "cf.br"), ("cond_br", "cf.cond_br")])
}
