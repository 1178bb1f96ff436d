//! Deep copies of ops and regions, remapping values and blocks.

use rustc_hash::FxHashMap;

use super::{BlockId, Ir, OpId, OperationState, RegionId, Value};

/// Old-to-new correspondence of values and blocks built while cloning;
/// values not in it are used as they are (defined outside the clone).
#[derive(Default)]
pub struct IrMapping {
    values: FxHashMap<Value, Value>,
    blocks: FxHashMap<BlockId, BlockId>,
}

impl IrMapping {
    pub fn map_value(&mut self, from: Value, to: Value) {
        self.values.insert(from, to);
    }
    pub fn map_block(&mut self, from: BlockId, to: BlockId) {
        self.blocks.insert(from, to);
    }
    pub fn lookup_value(&self, v: Value) -> Value {
        self.values.get(&v).copied().unwrap_or(v)
    }
    pub fn lookup_block(&self, b: BlockId) -> BlockId {
        self.blocks.get(&b).copied().unwrap_or(b)
    }
}

impl Ir {
    /// A detached copy of `op` with all nested regions.
    pub fn clone_op(&mut self, op: OpId, mapping: &mut IrMapping) -> OpId {
        // Create every block first so that successors and forward uses of
        // block arguments resolve, then the ops.
        let mut regions = Vec::new();
        for &r in &self.regions(op).to_vec() {
            let nr = self.create_region(None);
            self.clone_region_blocks(r, nr, mapping);
            regions.push((r, nr));
        }
        for &(r, nr) in &regions {
            self.clone_region_ops(r, nr, mapping);
        }
        let data = self.op(op);
        let state = OperationState {
            name: data.name,
            location: data.location,
            operands: data.operands.iter().map(|&v| mapping.lookup_value(v)).collect(),
            result_types: data.results.iter().map(|&v| self.value_type(v)).collect(),
            attributes: data.attributes.clone(),
            properties: data.properties,
            successors: data.successors.iter().map(|&b| mapping.lookup_block(b)).collect(),
            regions: regions.iter().map(|&(_, nr)| nr).collect(),
        };
        let new_op = self.create_op(state);
        for (&old, &new) in self.results(op).to_vec().iter().zip(self.results(new_op).to_vec().iter()) {
            mapping.map_value(old, new);
        }
        new_op
    }

    fn clone_region_blocks(&mut self, from: RegionId, to: RegionId, mapping: &mut IrMapping) {
        for &b in &self.region_blocks(from).to_vec() {
            let nb = self.create_block(&[], crate::location::Location::Unknown);
            for (i, &arg) in self.block_arguments(b).to_vec().iter().enumerate() {
                let loc = self.block_argument_location(b, i);
                let na = self.add_block_argument(nb, self.value_type(arg), loc);
                mapping.map_value(arg, na);
            }
            mapping.blocks.insert(b, nb);
            self.push_block(to, nb);
        }
    }

    fn clone_region_ops(&mut self, from: RegionId, to: RegionId, mapping: &mut IrMapping) {
        let pairs: Vec<(BlockId, BlockId)> =
            self.region_blocks(from).iter().copied().zip(self.region_blocks(to).iter().copied()).collect();
        for (b, nb) in pairs {
            let ops: Vec<OpId> = self.block_ops(b).collect();
            for o in ops {
                let no = self.clone_op(o, mapping);
                self.append_op(nb, no);
            }
        }
    }
}
