//! Transformations of structured ops (the linalg dialect): generalization,
//! and the rewrites of loop nests that ML compilers rely on. One pass per
//! file, each also a library function.

pub mod generalize;

use ir::pass::PassRegistry;

/// Registers every pass of this crate.
pub fn register(registry: &mut PassRegistry) {
    registry.register(generalize::INFO);
}
