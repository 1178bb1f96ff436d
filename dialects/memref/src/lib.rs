//! The memref dialect: multi-dimensional buffers in memory (`memref<4x?xf32>`):
//! allocation on the heap or stack, loads and stores, copies, casts,
//! dimensions, and global buffers.

mod access;
mod alloc;
mod global;

pub use access::{CastOp, CopyOp, DimOp, LoadOp, StoreOp};
pub use alloc::{AllocOp, AllocaOp, DeallocOp};
pub use global::{GetGlobalOp, GlobalOp};

use ir::dialect::TypeConstraint;
use ir::types::TypeData;
use ir::Dialect;

/// Any memref, ranked or not.
pub(crate) const ANY_MEMREF: TypeConstraint =
    TypeConstraint { description: "memref of any type values", check: |ctx, t| t.is_memref(ctx), buildable: None };

/// A ranked memref.
pub(crate) const RANKED_MEMREF: TypeConstraint = TypeConstraint {
    description: "ranked memref of any type values",
    check: |ctx, t| matches!(t.data(ctx), TypeData::MemRef { .. }),
    buildable: None,
};

/// The memref dialect.
pub fn dialect() -> Dialect {
    Dialect::new("memref", "Buffers in memory: allocation, access, copies, globals.")
        .with_op::<AllocOp>()
        .with_op::<AllocaOp>()
        .with_op::<DeallocOp>()
        .with_op::<LoadOp>()
        .with_op::<StoreOp>()
        .with_op::<DimOp>()
        .with_op::<CopyOp>()
        .with_op::<CastOp>()
        .with_op::<GlobalOp>()
        .with_op::<GetGlobalOp>()
}
