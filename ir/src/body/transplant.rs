//! Copying an op with everything nested in it from one arena into another:
//! how a function is handed to a worker thread and its result taken back.

use rustc_hash::FxHashMap;

use super::{BlockId, Ir, OpId, OperationState, RegionId, Value};

impl Ir {
    /// A detached copy of `op` (and its regions) in `dest`. Values used
    /// inside but defined outside `op` have no counterpart in `dest`: the
    /// op should be isolated from above.
    pub fn copy_op_to(&self, op: OpId, dest: &mut Ir) -> OpId {
        let mut copy = Transplant { values: FxHashMap::default(), blocks: FxHashMap::default(), pending: Vec::new() };
        // First every op, block and value; then operands, once all exist,
        // since a use may come before its definition in block order.
        let new_op = copy.op_without_operands(self, op, dest);
        for (old, new) in std::mem::take(&mut copy.pending) {
            let operands: Vec<Value> = self.operands(old).iter().map(|v| copy.values.get(v).copied().unwrap_or(*v)).collect();
            dest.set_operands(new, operands);
        }
        new_op
    }
}

struct Transplant {
    values: FxHashMap<Value, Value>,
    blocks: FxHashMap<BlockId, BlockId>,
    /// Ops whose operands are still to be set: (source, copy).
    pending: Vec<(OpId, OpId)>,
}

impl Transplant {
    fn op_without_operands(&mut self, src: &Ir, op: OpId, dest: &mut Ir) -> OpId {
        let regions: Vec<RegionId> = src.regions(op).iter().map(|&r| self.region(src, r, dest)).collect();
        let data = src.op(op);
        let state = OperationState {
            name: data.name,
            location: data.location,
            operands: Vec::new(),
            result_types: data.results.iter().map(|&v| src.value_type(v)).collect(),
            attributes: data.attributes.clone(),
            properties: data.properties,
            successors: data.successors.iter().map(|b| self.blocks[b]).collect(),
            regions,
        };
        let new_op = dest.create_op(state);
        for (&old, &new) in src.results(op).iter().zip(dest.results(new_op)) {
            self.values.insert(old, new);
        }
        self.pending.push((op, new_op));
        new_op
    }

    fn region(&mut self, src: &Ir, region: RegionId, dest: &mut Ir) -> RegionId {
        let new_region = dest.create_region(None);
        let blocks = src.region_blocks(region).to_vec();
        for &b in &blocks {
            let nb = dest.create_block(&[], crate::location::Location::Unknown);
            for (i, &arg) in src.block_arguments(b).iter().enumerate() {
                let na = dest.add_block_argument(nb, src.value_type(arg), src.block_argument_location(b, i));
                self.values.insert(arg, na);
            }
            self.blocks.insert(b, nb);
            dest.push_block(new_region, nb);
        }
        for &b in &blocks {
            for op in src.block_ops(b).collect::<Vec<_>>() {
                let new_op = self.op_without_operands(src, op, dest);
                dest.append_op(self.blocks[&b], new_op);
            }
        }
        new_region
    }
}
