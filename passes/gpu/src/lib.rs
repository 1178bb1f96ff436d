//! Transformations of GPU code: mapping `scf.parallel` nests onto the grid,
//! sinking cheap values into `gpu.launch` bodies, outlining them into
//! kernels of a `gpu.module`, placing the host's buffers in memory the
//! device shares, `gpu-lower`, the pipeline from parallel loops to NVVM
//! kernels, and `gpu-module-to-binary`, which compiles the
//! modules through their targets' serializers. One pass per file, each also a library function.
//! (The conversions they rely on live in `passes-conversions`.)

pub mod gpu_lower;
pub mod host_shared_buffers;
pub mod kernel_outlining;
pub mod launch_sink_index_computations;
pub mod map_parallel_loops;
pub mod module_to_binary;

use ir::pass::PassRegistry;

/// Registers every pass of this crate.
pub fn register(registry: &mut PassRegistry) {
    registry.register(map_parallel_loops::INFO);
    registry.register(launch_sink_index_computations::INFO);
    registry.register(kernel_outlining::INFO);
    registry.register(host_shared_buffers::INFO);
    registry.register(gpu_lower::INFO);
    registry.register(module_to_binary::INFO);
}
