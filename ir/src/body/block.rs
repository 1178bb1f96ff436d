//! Blocks (argument lists plus a linked list of ops) and regions (lists of blocks).

use smallvec::SmallVec;

use crate::location::Location;
use crate::types::Type;

use super::{BlockId, Ir, OpId, RegionId, Value, ValueDef};

pub struct BlockData {
    pub(crate) arguments: SmallVec<[Value; 2]>,
    pub(crate) argument_locations: SmallVec<[Location; 2]>,
    pub(crate) first: Option<OpId>,
    pub(crate) last: Option<OpId>,
    pub(crate) parent: Option<RegionId>,
}

pub struct RegionData {
    pub(crate) blocks: Vec<BlockId>,
    pub(crate) parent: Option<OpId>,
}

impl Ir {
    /// A new block, not yet in any region.
    pub fn create_block(&mut self, argument_types: &[Type], location: Location) -> BlockId {
        let block = BlockId(self.blocks.len() as u32);
        self.blocks.push(BlockData {
            arguments: SmallVec::new(),
            argument_locations: SmallVec::new(),
            first: None,
            last: None,
            parent: None,
        });
        for &ty in argument_types {
            self.add_block_argument(block, ty, location);
        }
        block
    }

    pub fn add_block_argument(&mut self, block: BlockId, ty: Type, location: Location) -> Value {
        let index = self.blocks[block.index()].arguments.len() as u32;
        let v = self.new_value(ty, ValueDef::BlockArgument { block, index });
        let data = &mut self.blocks[block.index()];
        data.arguments.push(v);
        data.argument_locations.push(location);
        v
    }

    pub fn block_arguments(&self, block: BlockId) -> &[Value] {
        &self.blocks[block.index()].arguments
    }

    pub fn block_argument_location(&self, block: BlockId, index: usize) -> Location {
        self.blocks[block.index()].argument_locations[index]
    }

    pub fn block_parent(&self, block: BlockId) -> Option<RegionId> {
        self.blocks[block.index()].parent
    }

    /// The op whose region holds `block`.
    pub fn block_parent_op(&self, block: BlockId) -> Option<OpId> {
        self.block_parent(block).and_then(|r| self.region_parent(r))
    }

    pub fn first_op(&self, block: BlockId) -> Option<OpId> {
        self.blocks[block.index()].first
    }

    pub fn last_op(&self, block: BlockId) -> Option<OpId> {
        self.blocks[block.index()].last
    }

    /// The ops of a block in order.
    pub fn block_ops(&self, block: BlockId) -> impl Iterator<Item = OpId> + '_ {
        std::iter::successors(self.first_op(block), move |&op| self.op(op).next)
    }

    /// The block's terminator: its last op, if that op is registered as one.
    pub fn terminator(&self, block: BlockId) -> Option<OpId> {
        self.last_op(block).filter(|&op| self.is_terminator(op))
    }

    pub fn create_region(&mut self, parent: Option<OpId>) -> RegionId {
        self.regions.push(RegionData { blocks: Vec::new(), parent });
        RegionId(self.regions.len() as u32 - 1)
    }

    pub fn region_blocks(&self, region: RegionId) -> &[BlockId] {
        &self.regions[region.0 as usize].blocks
    }

    pub fn region_parent(&self, region: RegionId) -> Option<OpId> {
        self.regions[region.0 as usize].parent
    }

    /// Appends a detached block to a region.
    pub fn push_block(&mut self, region: RegionId, block: BlockId) {
        self.blocks[block.index()].parent = Some(region);
        self.regions[region.0 as usize].blocks.push(block);
    }

    /// Inserts a detached block into a region at position `index`.
    pub fn insert_block(&mut self, region: RegionId, index: usize, block: BlockId) {
        self.blocks[block.index()].parent = Some(region);
        self.regions[region.0 as usize].blocks.insert(index, block);
    }

    /// Splits `op`'s block before `op`: `op` and the ops after it move to a
    /// new block placed right after, which is returned. The old block is
    /// left without a terminator; the caller adds one.
    pub fn split_block(&mut self, op: OpId) -> BlockId {
        let block = self.op_parent_block(op).expect("op is in a block");
        let region = self.block_parent(block).expect("block is in a region");
        let tail = self.create_block(&[], Location::Unknown);
        let position = self.region_blocks(region).iter().position(|&b| b == block).expect("block in its region");
        self.insert_block(region, position + 1, tail);
        let moving: Vec<OpId> = std::iter::successors(Some(op), |&o| self.next_op(o)).collect();
        for o in moving {
            self.detach_op(o);
            self.append_op(tail, o);
        }
        tail
    }

    /// Takes a block out of its region (its ops stay in it).
    pub fn remove_block(&mut self, block: BlockId) {
        if let Some(region) = self.blocks[block.index()].parent.take() {
            self.regions[region.0 as usize].blocks.retain(|&b| b != block);
        }
    }

    /// Removes a block from its region and erases its ops.
    pub fn erase_block(&mut self, block: BlockId) {
        self.remove_block(block);
        let ops: Vec<OpId> = self.block_ops(block).collect();
        for op in ops.into_iter().rev() {
            self.erase_op(op);
        }
    }

    /// The blocks whose terminators branch to `block`, once per edge.
    pub fn predecessors(&self, block: BlockId) -> Vec<BlockId> {
        let Some(region) = self.block_parent(block) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for &b in self.region_blocks(region) {
            if let Some(t) = self.last_op(b) {
                out.extend(self.successors(t).iter().filter(|&&s| s == block).map(|_| b));
            }
        }
        out
    }

    /// The entry block of a region, if it has blocks.
    pub fn entry_block(&self, region: RegionId) -> Option<BlockId> {
        self.region_blocks(region).first().copied()
    }
}
