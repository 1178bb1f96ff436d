//! Dominance between blocks of a region and between ops: `a` dominates
//! `b` when every path from the region's entry to `b` goes through `a`.

use rustc_hash::FxHashMap;

use crate::body::{BlockId, Ir, OpId, RegionId, WalkOrder};

/// Immediate dominators of the blocks of every region under an op.
pub struct DominanceInfo {
    /// `None` for the entry block; unreachable blocks are absent.
    idom: FxHashMap<BlockId, Option<BlockId>>,
    /// Position of each op in its block.
    position: FxHashMap<OpId, usize>,
}

impl super::Analysis for DominanceInfo {
    fn compute(ir: &Ir, root: OpId) -> Self {
        let mut idom = FxHashMap::default();
        let mut position = FxHashMap::default();
        for op in ir.walk_collect(root, WalkOrder::PreOrder) {
            for &region in ir.regions(op) {
                idom.extend(dominators(ir, region));
                for &b in ir.region_blocks(region) {
                    position.extend(ir.block_ops(b).enumerate().map(|(i, o)| (o, i)));
                }
            }
        }
        DominanceInfo { idom, position }
    }
}

impl DominanceInfo {
    /// Whether block `a` dominates block `b` (both in one region).
    pub fn block_dominates(&self, a: BlockId, b: BlockId) -> bool {
        let mut current = Some(b);
        while let Some(block) = current {
            if block == a {
                return true;
            }
            current = self.idom.get(&block).copied().flatten();
        }
        false
    }

    /// The immediate dominator of `block`; `None` for an entry or unreachable block.
    pub fn immediate_dominator(&self, block: BlockId) -> Option<BlockId> {
        self.idom.get(&block).copied().flatten()
    }

    /// Whether `block` can be reached from its region's entry.
    pub fn is_reachable(&self, block: BlockId) -> bool {
        self.idom.contains_key(&block)
    }

    /// Whether op `a` runs before op `b` on every path to `b`, for ops in
    /// one region (`a` strictly before `b` in a block, or in a dominating block).
    pub fn properly_dominates(&self, ir: &Ir, a: OpId, b: OpId) -> bool {
        match (ir.op_parent_block(a), ir.op_parent_block(b)) {
            (Some(ba), Some(bb)) if ba == bb => self.position.get(&a) < self.position.get(&b),
            (Some(ba), Some(bb)) => ba != bb && self.block_dominates(ba, bb),
            _ => false,
        }
    }
}

impl DominanceInfo {
    /// Whether value `v` is defined where op `op` may use it: `v`'s
    /// definition (an op, or a block's start for an argument) dominates
    /// `op` or an op that contains it.
    pub fn value_dominates(&self, ir: &Ir, v: crate::Value, op: OpId) -> bool {
        let mut current = Some(op);
        while let Some(a) = current {
            let Some(block) = ir.op_parent_block(a) else { return false };
            match ir.value_def(v) {
                crate::body::ValueDef::BlockArgument { block: arg_block, .. } => {
                    if ir.block_parent(arg_block) == ir.block_parent(block) && self.block_dominates(arg_block, block) {
                        return true;
                    }
                }
                crate::body::ValueDef::Result { op: def, .. } => {
                    if ir.op_parent_block(def).and_then(|b| ir.block_parent(b)) == ir.block_parent(block)
                        && self.properly_dominates(ir, def, a)
                    {
                        return true;
                    }
                }
            }
            current = ir.parent_op(a);
        }
        false
    }
}

/// Immediate dominators of the reachable blocks of one region (the
/// algorithm of Cooper, Harvey and Kennedy, over reverse postorder).
pub(crate) fn dominators(ir: &Ir, region: RegionId) -> FxHashMap<BlockId, Option<BlockId>> {
    let Some(entry) = ir.entry_block(region) else { return FxHashMap::default() };
    let successors = |b: BlockId| -> Vec<BlockId> { ir.last_op(b).map(|t| ir.successors(t).to_vec()).unwrap_or_default() };
    let mut postorder = Vec::new();
    let mut visited = rustc_hash::FxHashSet::default();
    let mut stack = vec![(entry, 0usize)];
    visited.insert(entry);
    while let Some((b, i)) = stack.pop() {
        let succ = successors(b);
        if i < succ.len() {
            stack.push((b, i + 1));
            if visited.insert(succ[i]) {
                stack.push((succ[i], 0));
            }
        } else {
            postorder.push(b);
        }
    }
    let order: FxHashMap<BlockId, usize> = postorder.iter().enumerate().map(|(i, &b)| (b, i)).collect();
    let mut preds: FxHashMap<BlockId, Vec<BlockId>> = FxHashMap::default();
    for &b in &postorder {
        for s in successors(b) {
            preds.entry(s).or_default().push(b);
        }
    }
    let mut idom: FxHashMap<BlockId, BlockId> = FxHashMap::default();
    idom.insert(entry, entry);
    let mut changed = true;
    while changed {
        changed = false;
        for &b in postorder.iter().rev().skip(1) {
            let mut new_idom: Option<BlockId> = None;
            for &p in preds.get(&b).map(|v| v.as_slice()).unwrap_or(&[]) {
                if !idom.contains_key(&p) {
                    continue;
                }
                new_idom = Some(match new_idom {
                    None => p,
                    Some(current) => intersect(&idom, &order, p, current),
                });
            }
            if let Some(n) = new_idom {
                if idom.get(&b) != Some(&n) {
                    idom.insert(b, n);
                    changed = true;
                }
            }
        }
    }
    idom.into_iter().map(|(b, d)| (b, if b == entry { None } else { Some(d) })).collect()
}

fn intersect(idom: &FxHashMap<BlockId, BlockId>, order: &FxHashMap<BlockId, usize>, mut a: BlockId, mut b: BlockId) -> BlockId {
    while a != b {
        while order[&a] < order[&b] {
            a = idom[&a];
        }
        while order[&b] < order[&a] {
            b = idom[&b];
        }
    }
    a
}
