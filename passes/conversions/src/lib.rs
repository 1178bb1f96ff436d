//! Conversions between dialects, one pass per file, built on the
//! dialect-conversion driver of `ir::rewrite` (or, for lowerings that
//! upstream drives greedily, on the greedy driver).
//!
//! The lowering of linalg to loops lives here rather than with linalg's
//! own transforms: it is the first step of lowering to LLVM, named and
//! used like the other `convert-*` passes.

pub mod arith_to_llvm;
pub mod cf_to_llvm;
pub mod direct_lowering;
pub mod expand_strided_metadata;
pub mod finalize_memref_to_llvm;
pub mod func_to_llvm;
pub mod gpu_to_llvm;
pub mod gpu_to_nvvm;
pub mod linalg_to_loops;
pub mod linalg_to_parallel_loops;
pub mod llvm_function;
pub mod llvm_type_converter;
pub mod lower_to_llvm;
pub mod math_to_llvm;
pub mod memref_descriptor;
pub mod parallel_loops_to_gpu;
pub mod reconcile_unrealized_casts;
pub mod scf_to_cf;
pub mod strided_metadata_to_llvm;
pub mod vector_to_llvm;

use ir::pass::PassRegistry;

/// Registers every pass and named pipeline of this crate.
pub fn register(registry: &mut PassRegistry) {
    registry.register(linalg_to_loops::INFO);
    registry.register(linalg_to_parallel_loops::INFO);
    registry.register(reconcile_unrealized_casts::INFO);
    registry.register(arith_to_llvm::INFO);
    registry.register(cf_to_llvm::INFO);
    registry.register(func_to_llvm::INFO);
    registry.register(finalize_memref_to_llvm::INFO);
    registry.register(math_to_llvm::INFO);
    registry.register(scf_to_cf::INFO);
    registry.register(expand_strided_metadata::INFO);
    registry.register(parallel_loops_to_gpu::INFO);
    registry.register(gpu_to_nvvm::INFO);
    registry.register(gpu_to_llvm::INFO);
    registry.register(vector_to_llvm::INFO);
    registry.register_pipeline(lower_to_llvm::PIPELINE);
}
