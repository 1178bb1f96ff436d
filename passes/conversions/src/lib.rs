//! Conversions between dialects, one pass per file, built on the
//! dialect-conversion driver of `ir::rewrite`.

pub mod reconcile_unrealized_casts;

use ir::pass::PassRegistry;

/// Registers every pass of this crate.
pub fn register(registry: &mut PassRegistry) {
    registry.register(reconcile_unrealized_casts::INFO);
}
