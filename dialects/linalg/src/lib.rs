//! The linalg dialect: structured ops on tensors and buffers.

use ir::Dialect;

/// The linalg dialect.
pub fn dialect() -> Dialect {
    Dialect::new("linalg", "Structured ops on tensors and buffers: generic and named, one interface for all.")
}
