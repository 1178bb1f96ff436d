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

/// Checks that the values passed to successor `index` match its block
/// arguments in number and type, in upstream's words.
pub(crate) fn verify_successor_operands(
    ir: &ir::Ir,
    op: ir::OpId,
    index: usize,
    operands: &[ir::Value],
) -> Result<(), ir::Diagnostic> {
    let ctx = ir.ctx();
    let Some(&block) = ir.successors(op).get(index) else {
        return Ok(());
    };
    let arguments = ir.block_arguments(block);
    if arguments.len() != operands.len() {
        return Err(ir::verifier::op_error(
            ir,
            op,
            format!("branch has {} operands for successor #{index}, but target block has {}", operands.len(), arguments.len()),
        ));
    }
    for (i, (&v, &a)) in operands.iter().zip(arguments).enumerate() {
        let (given, expected) = (ir.value_type(v), ir.value_type(a));
        if given != expected {
            return Err(ir::verifier::op_error(
                ir,
                op,
                format!(
                    "type mismatch for bb argument #{i} of successor #{index}: '{}' vs '{}'",
                    ctx.print_type(given),
                    ctx.print_type(expected)
                ),
            ));
        }
    }
    Ok(())
}
