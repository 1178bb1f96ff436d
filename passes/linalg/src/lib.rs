//! Transformations of structured ops (the linalg dialect): generalization
//! and specialization, loop interchange, producer-consumer fusion (with the
//! producer-consumer graph and reshape propagation it uses), and the
//! rewrites of loop nests that ML compilers rely on. One pass per file,
//! each also a library function.

pub mod elementwise_fusion;
pub mod fuse;
pub mod fusion_graph;
pub mod generalize;
pub mod interchange;
pub mod reshape_propagation;
pub mod specialize;

use ir::pass::PassRegistry;

/// Registers every pass of this crate.
pub fn register(registry: &mut PassRegistry) {
    registry.register(fuse::INFO);
    registry.register(generalize::INFO);
    registry.register(interchange::INFO);
    registry.register(specialize::INFO);
}
