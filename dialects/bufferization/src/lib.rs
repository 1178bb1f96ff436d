//! The bufferization dialect: where tensors meet buffers. Conversions
//! between a tensor and the memref that holds it, tensor allocation and
//! deallocation, writing a tensor into a destination, and the
//! ownership-based deallocation of buffers.

mod alloc;
mod convert;
mod dealloc;
mod materialize;

pub use alloc::{AllocTensorOp, CloneOp, DeallocTensorOp};
pub use convert::{ToBufferOp, ToTensorOp};
pub use dealloc::DeallocOp;
pub use materialize::MaterializeInDestinationOp;

use ir::dialect::TypeConstraint;
use ir::syntax::{OpParser, OpPrinter};
use ir::{Attribute, Dialect, OpId};

/// A tensor, ranked or not.
pub(crate) const ANY_TENSOR: TypeConstraint =
    TypeConstraint { description: "tensor of any type values", check: |ctx, t| t.is_tensor(ctx), buildable: None };

/// What a buffer may be: a memref, ranked or not.
pub(crate) const BUFFER_LIKE: TypeConstraint =
    TypeConstraint { description: "BufferLikeType instance", check: |ctx, t| t.is_memref(ctx), buildable: None };

/// What a tensor may be: a tensor, ranked or not.
pub(crate) const TENSOR_LIKE: TypeConstraint =
    TypeConstraint { description: "TensorLikeType instance", check: |ctx, t| t.is_tensor(ctx), buildable: None };

/// Reads `keyword` if it comes next, recording it as the unit attribute of
/// the same name (`restrict`, `writable`, `read_only`).
pub(crate) fn parse_flag(p: &mut OpParser<'_, '_>, keyword: &str) {
    if p.parse_optional_keyword(keyword) {
        let unit = Attribute::unit(p.ctx());
        p.add_attribute(keyword, unit);
    }
}

/// Writes ` keyword` if `op` has the unit attribute of that name.
pub(crate) fn print_flag(p: &mut OpPrinter<'_>, op: OpId, keyword: &str) {
    if p.ir.attr(op, keyword).is_some() {
        p.write(" ");
        p.write(keyword);
    }
}

/// The bufferization dialect; `bufferization.to_memref`, the name of
/// `to_buffer` before MLIR 21, is read as `to_buffer`.
pub fn dialect() -> Dialect {
    Dialect::new("bufferization", "Where tensors meet buffers: conversions, allocations, materialisation.")
        .with_op::<ToTensorOp>()
        .with_op::<ToBufferOp>()
        .with_op::<AllocTensorOp>()
        .with_op::<DeallocTensorOp>()
        .with_op::<CloneOp>()
        .with_op::<MaterializeInDestinationOp>()
        .with_op::<DeallocOp>()
        .with_aliases(&[("bufferization.to_memref", "bufferization.to_buffer")])
}
