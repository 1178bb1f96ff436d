//! The gpu dialect: kernels and their launches.

use ir::Dialect;

/// The gpu dialect.
pub fn dialect() -> Dialect {
    Dialect::new("gpu", "Kernels and launches: thread and block ids, barriers, device memory, async tokens.")
}
