//! Transformations of structured ops (the linalg dialect): generalization,
//! and the rewrites of loop nests that ML compilers rely on. One pass per
//! file, each also a library function.

pub mod generalize;
pub use index_math;
pub mod pad_tiling;
pub mod structured_tiling;
pub mod tile;
pub mod tile_and_fuse;
pub mod tiling_interface;

use ir::pass::PassRegistry;

/// Registers every pass of this crate.
pub fn register(registry: &mut PassRegistry) {
    registry.register(generalize::INFO);
    registry.register(tile::INFO);
    registry.register(tile_and_fuse::INFO);
}
