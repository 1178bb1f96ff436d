//! Transformations of structured ops (the linalg dialect): generalization
//! and specialization, loop interchange, producer-consumer fusion (with the
//! producer-consumer graph and reshape propagation it uses), and the
//! rewrites of loop nests that ML compilers rely on. One pass per file,
//! each also a library function.

pub mod elementwise_fusion;
pub mod fuse;
pub mod fusion_graph;
pub mod generalize;
pub use index_math;
pub mod interchange;
pub mod pad_tiling;
pub mod reshape_propagation;
pub mod specialize;
pub mod structured_tiling;
pub mod tile;
pub mod tile_and_fuse;
pub mod tiling_interface;

use ir::pass::PassRegistry;

/// Registers every pass of this crate.
pub fn register(registry: &mut PassRegistry) {
    registry.register(fuse::INFO);
    registry.register(generalize::INFO);
    registry.register(interchange::INFO);
    registry.register(specialize::INFO);
    registry.register(tile::INFO);
    registry.register(tile_and_fuse::INFO);
}
