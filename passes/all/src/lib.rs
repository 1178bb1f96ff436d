//! One place that knows every pass of the workspace, so that tools and
//! tests register the same set.

use ir::pass::PassRegistry;

/// Registers every pass of the workspace into `registry`.
pub fn register_all(registry: &mut PassRegistry) {
    passes_transforms::register(registry);
    passes_conversions::register(registry);
    passes_linalg::register(registry);
    passes_bufferization::register(registry);
    passes_gpu::register(registry);
    passes_scf::register(registry);
}
