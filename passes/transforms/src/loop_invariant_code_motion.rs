//! `loop-invariant-code-motion`: moves pure ops out of loop bodies when
//! everything they use is defined outside the loop, innermost loops
//! first, so that ops made invariant by a hoisted op follow it out.

use ir::body::WalkOrder;
use ir::pass::{Pass, PassContext, PassInfo};
use ir::{Diagnostic, Ir, OpId, Traits};

pub const INFO: PassInfo = PassInfo {
    name: "loop-invariant-code-motion",
    summary: "Hoist loop invariant instructions outside of the loop",
    anchor: None,
    options: &[],
    dependent_dialects: &[],
    create: |_| Ok(Box::new(LoopInvariantCodeMotion)),
};

struct LoopInvariantCodeMotion;

impl Pass for LoopInvariantCodeMotion {
    fn run(&self, ir: &mut Ir, op: OpId, cx: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        let hoisted = hoist_loop_invariants(ir, op);
        cx.count("num-hoisted", "Number of ops moved out of loops", hoisted as u64);
        Ok(())
    }
}

/// Whether `v` is defined outside `loop_op`.
fn defined_outside(ir: &Ir, v: ir::Value, loop_op: OpId) -> bool {
    let defined_in = ir.value_parent_block(v).and_then(|b| ir.block_parent_op(b));
    !defined_in.is_some_and(|p| ir.is_ancestor(loop_op, p))
}

/// Hoists invariant pure ops out of every loop under `root`; returns how many moved.
pub fn hoist_loop_invariants(ir: &mut Ir, root: OpId) -> usize {
    let mut moved = 0;
    // Post-order: inner loops first, then their parents see what came out.
    let loops: Vec<OpId> =
        ir.walk_collect(root, WalkOrder::PostOrder).into_iter().filter(|&o| ir.has_trait(o, Traits::LOOP_LIKE)).collect();
    for loop_op in loops {
        for region in ir.regions(loop_op).to_vec() {
            for block in ir.region_blocks(region).to_vec() {
                // In order, so an op made invariant by an earlier one moves too.
                for op in ir.block_ops(block).collect::<Vec<_>>() {
                    let movable = ir.has_trait(op, Traits::PURE)
                        && ir.regions(op).is_empty()
                        && !ir.is_terminator(op)
                        && ir.operands(op).iter().all(|&v| defined_outside(ir, v, loop_op));
                    if movable {
                        ir.detach_op(op);
                        ir.insert_op_before(loop_op, op);
                        moved += 1;
                    }
                }
            }
        }
    }
    moved
}
