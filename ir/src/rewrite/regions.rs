//! Region simplification, as upstream's canonicalizer does it after
//! folding: blocks that cannot be reached are erased, and a block whose
//! only predecessor ends with an unconditional branch to it is merged into
//! that predecessor.

use rustc_hash::FxHashSet;

use crate::body::{BlockId, Ir, OpId, RegionId, WalkOrder};
use crate::dialect::Traits;

/// Simplifies every multi-block region under `root`; returns whether anything changed.
pub fn simplify_regions(ir: &mut Ir, root: OpId) -> bool {
    let mut changed = false;
    let regions: Vec<RegionId> =
        ir.walk_collect(root, WalkOrder::PreOrder).iter().flat_map(|&op| ir.regions(op).to_vec()).collect();
    for region in regions {
        if ir.region_blocks(region).len() < 2 {
            continue;
        }
        changed |= erase_unreachable_blocks(ir, region);
        changed |= merge_blocks(ir, region);
    }
    changed
}

fn erase_unreachable_blocks(ir: &mut Ir, region: RegionId) -> bool {
    let Some(entry) = ir.entry_block(region) else {
        return false;
    };
    let mut reachable = FxHashSet::default();
    let mut stack = vec![entry];
    while let Some(b) = stack.pop() {
        if reachable.insert(b) {
            if let Some(t) = ir.last_op(b) {
                stack.extend(ir.successors(t).iter().copied());
            }
        }
    }
    let dead: Vec<BlockId> = ir.region_blocks(region).iter().copied().filter(|b| !reachable.contains(b)).collect();
    for &b in &dead {
        ir.erase_block(b);
    }
    !dead.is_empty()
}

/// Merges `b` into its predecessor while that predecessor is unique and
/// ends with an unconditional branch to `b`.
fn merge_blocks(ir: &mut Ir, region: RegionId) -> bool {
    let mut changed = false;
    let blocks: Vec<BlockId> = ir.region_blocks(region).iter().skip(1).copied().collect();
    for block in blocks {
        let preds = ir.predecessors(block);
        let [pred] = preds[..] else { continue };
        if pred == block {
            continue;
        }
        let Some(branch) = ir.last_op(pred) else {
            continue;
        };
        if !ir.has_trait(branch, Traits::UNCONDITIONAL_BRANCH) || ir.operands(branch).len() != ir.block_arguments(block).len() {
            continue;
        }
        // The branch's operands take the place of the block's arguments.
        for (arg, value) in ir.block_arguments(block).to_vec().into_iter().zip(ir.operands(branch).to_vec()) {
            ir.replace_all_uses(arg, value);
        }
        ir.erase_op(branch);
        let ops: Vec<OpId> = ir.block_ops(block).collect();
        for op in ops {
            ir.detach_op(op);
            ir.append_op(pred, op);
        }
        ir.remove_block(block);
        changed = true;
    }
    changed
}
