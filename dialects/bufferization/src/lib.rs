//! The bufferization dialect: where tensors meet buffers.

use ir::Dialect;

/// The bufferization dialect.
pub fn dialect() -> Dialect {
    Dialect::new("bufferization", "Where tensors meet buffers: conversions, allocations, materialisation.")
}
