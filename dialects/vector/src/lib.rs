//! The vector dialect: n-D SIMD values.

use ir::Dialect;

/// The vector dialect.
pub fn dialect() -> Dialect {
    Dialect::new("vector", "n-D SIMD values: transfers, contractions, reductions, masks.")
}
