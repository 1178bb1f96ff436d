//! Liveness: which values are live on entry to and exit from each block,
//! by the usual backward dataflow over each region's control flow. A use
//! inside a nested region counts as a use by the op that holds the region.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::body::{BlockId, Ir, OpId, Value, WalkOrder};

pub struct Liveness {
    live_in: FxHashMap<BlockId, FxHashSet<Value>>,
    live_out: FxHashMap<BlockId, FxHashSet<Value>>,
}

impl super::Analysis for Liveness {
    fn compute(ir: &Ir, root: OpId) -> Self {
        let mut live = Liveness { live_in: FxHashMap::default(), live_out: FxHashMap::default() };
        for op in ir.walk_collect(root, WalkOrder::PreOrder) {
            for &region in ir.regions(op) {
                live.solve_region(ir, region);
            }
        }
        live
    }
}

impl Liveness {
    pub fn live_in(&self, block: BlockId) -> &FxHashSet<Value> {
        static EMPTY: std::sync::OnceLock<FxHashSet<Value>> = std::sync::OnceLock::new();
        self.live_in.get(&block).unwrap_or_else(|| EMPTY.get_or_init(FxHashSet::default))
    }

    pub fn live_out(&self, block: BlockId) -> &FxHashSet<Value> {
        static EMPTY: std::sync::OnceLock<FxHashSet<Value>> = std::sync::OnceLock::new();
        self.live_out.get(&block).unwrap_or_else(|| EMPTY.get_or_init(FxHashSet::default))
    }

    fn solve_region(&mut self, ir: &Ir, region: crate::body::RegionId) {
        let blocks = ir.region_blocks(region).to_vec();
        // Per block: values used before being defined in it, and values defined in it.
        let mut uses: FxHashMap<BlockId, FxHashSet<Value>> = FxHashMap::default();
        let mut defs: FxHashMap<BlockId, FxHashSet<Value>> = FxHashMap::default();
        for &b in &blocks {
            let mut defined: FxHashSet<Value> = ir.block_arguments(b).iter().copied().collect();
            let mut used = FxHashSet::default();
            for op in ir.block_ops(b) {
                for v in used_by(ir, op) {
                    if !defined.contains(&v) {
                        used.insert(v);
                    }
                }
                defined.extend(ir.results(op).iter().copied());
            }
            uses.insert(b, used);
            defs.insert(b, defined);
        }
        let successors = |b: BlockId| ir.last_op(b).map(|t| ir.successors(t).to_vec()).unwrap_or_default();
        let mut changed = true;
        while changed {
            changed = false;
            for &b in blocks.iter().rev() {
                let out: FxHashSet<Value> = successors(b).iter().flat_map(|s| self.live_in(*s).iter().copied()).collect();
                let mut input: FxHashSet<Value> = out.iter().filter(|v| !defs[&b].contains(v)).copied().collect();
                input.extend(uses[&b].iter().copied());
                if self.live_in.get(&b) != Some(&input) {
                    self.live_in.insert(b, input);
                    changed = true;
                }
                self.live_out.insert(b, out);
            }
        }
    }
}

/// Values `op` uses: its operands, and what ops nested in it use from outside it.
fn used_by(ir: &Ir, op: OpId) -> Vec<Value> {
    let mut out = Vec::new();
    for nested in ir.walk_collect(op, WalkOrder::PreOrder) {
        for &v in ir.operands(nested) {
            let defined_inside =
                ir.value_parent_block(v).and_then(|b| ir.block_parent_op(b)).is_some_and(|p| ir.is_ancestor(op, p));
            if !defined_inside || nested == op {
                out.push(v);
            }
        }
    }
    out
}
