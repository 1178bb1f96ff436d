//! The scf dialect ("structured control flow", the loop dialect of the
//! MLIR papers): loops and conditionals whose bodies are regions, with
//! values carried through `scf.yield`.

mod canonicalize;
mod condition;
mod for_op;
mod forall;
mod if_op;
mod index_switch;
mod parallel;
mod while_op;
mod yield_op;

pub use condition::ConditionOp;
pub use for_op::ForOp;
pub use forall::{ForallOp, InParallelOp};
pub use if_op::{ExecuteRegionOp, IfOp};
pub use index_switch::IndexSwitchOp;
pub use parallel::{ParallelOp, ReduceOp, ReduceReturnOp};
pub use while_op::WhileOp;
pub use yield_op::YieldOp;

use ir::Dialect;

/// The scf dialect; the old `loop.` prefix is accepted on input.
pub fn dialect() -> Dialect {
    Dialect::new("scf", "Structured control flow: loops and conditionals with regions.")
        .with_op::<ForOp>()
        .with_op::<ForallOp>()
        .with_op::<InParallelOp>()
        .with_op::<IfOp>()
        .with_op::<WhileOp>()
        .with_op::<ConditionOp>()
        .with_op::<ExecuteRegionOp>()
        .with_op::<IndexSwitchOp>()
        .with_op::<ParallelOp>()
        .with_op::<ReduceOp>()
        .with_op::<ReduceReturnOp>()
        .with_op::<YieldOp>()
        .with_aliases(&[
            ("loop.for", "scf.for"),
            ("loop.if", "scf.if"),
            ("loop.yield", "scf.yield"),
            ("loop.while", "scf.while"),
            ("loop.condition", "scf.condition"),
            ("loop.parallel", "scf.parallel"),
            ("loop.reduce", "scf.reduce"),
            ("loop.reduce.return", "scf.reduce.return"),
        ])
}

/// The types a region's terminator yields, if it is an `scf.yield` or `scf.condition`.
pub(crate) fn yielded_types(ir: &ir::Ir, region: ir::RegionId) -> Option<Vec<ir::Type>> {
    let block = ir.entry_block(region)?;
    let terminator = ir.last_op(block)?;
    let operands = ir.operands(terminator);
    // scf.condition's first operand is the condition, not a yielded value.
    let skip = usize::from(ir.isa::<ConditionOp>(terminator));
    Some(operands.iter().skip(skip).map(|&v| ir.value_type(v)).collect())
}

/// Checks that `region` yields values of `expected` types.
pub(crate) fn verify_yield(
    ir: &ir::Ir,
    op: ir::OpId,
    region: ir::RegionId,
    expected: &[ir::Type],
    what: &str,
) -> Result<(), ir::Diagnostic> {
    let ctx = ir.ctx();
    let Some(actual) = yielded_types(ir, region) else { return Ok(()) };
    if actual != expected {
        let show = |types: &[ir::Type]| types.iter().map(|&t| ctx.print_type(t)).collect::<Vec<_>>().join(", ");
        return Err(ir::verifier::op_error(
            ir,
            op,
            format!("{what} yields ({}) but the op expects ({})", show(&actual), show(expected)),
        ));
    }
    Ok(())
}
