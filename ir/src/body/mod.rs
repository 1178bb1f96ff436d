//! The IR arena: operations, blocks, regions and values of one module.
//!
//! Entities are small `Copy` handles into vectors owned by [`Ir`]; erasing an
//! entity leaves a tombstone. Every value keeps its use list, so
//! replace-all-uses is cheap, and the ops of a block form a doubly linked list,
//! so insertion and removal anywhere are O(1).

mod block;
mod clone;
mod operation;
mod value;
mod walk;

pub use clone::IrMapping;

use std::sync::Arc;

pub use block::{BlockData, RegionData};
pub use operation::{Operation, OperationState};
pub use value::{Use, ValueData, ValueDef};
pub use walk::WalkOrder;

use crate::context::Context;

/// Handle of an operation.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct OpId(pub(crate) u32);

/// Handle of a block.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct BlockId(pub(crate) u32);

/// Handle of a region.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct RegionId(pub(crate) u32);

/// Handle of an SSA value: an op result or a block argument.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Value(pub(crate) u32);

impl OpId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
impl BlockId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
impl Value {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Owner of all IR entities of a module, tied to the context that uniques
/// their types and attributes.
pub struct Ir {
    ctx: Arc<Context>,
    ops: Vec<Operation>,
    blocks: Vec<BlockData>,
    regions: Vec<RegionData>,
    values: Vec<ValueData>,
}

impl Ir {
    pub fn new(ctx: Arc<Context>) -> Self {
        Ir {
            ctx,
            ops: Vec::new(),
            blocks: Vec::new(),
            regions: Vec::new(),
            values: Vec::new(),
        }
    }

    pub fn ctx(&self) -> &Context {
        &self.ctx
    }

    pub fn ctx_arc(&self) -> &Arc<Context> {
        &self.ctx
    }

    /// Number of op slots ever created (live or erased): a bound for side tables.
    pub fn op_capacity(&self) -> usize {
        self.ops.len()
    }

    /// Number of value slots ever created: a bound for side tables.
    pub fn value_capacity(&self) -> usize {
        self.values.len()
    }

    /// Number of block slots ever created: a bound for side tables.
    pub fn block_capacity(&self) -> usize {
        self.blocks.len()
    }
}
