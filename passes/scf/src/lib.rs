//! Transformations of structured control flow (the scf dialect). One pass
//! per file, each also a library function.

pub mod forall_to_parallel;
pub mod parallel_loop_tiling;

use ir::pass::PassRegistry;

/// Registers every pass of this crate.
pub fn register(registry: &mut PassRegistry) {
    registry.register(parallel_loop_tiling::INFO);
    registry.register(forall_to_parallel::INFO);
}
