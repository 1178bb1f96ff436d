//! Conversions between dialects, one pass per file, built on the
//! dialect-conversion driver of `ir::rewrite`.

pub mod arith_to_llvm;
pub mod cf_to_llvm;
pub mod direct_lowering;
pub mod finalize_memref_to_llvm;
pub mod func_to_llvm;
pub mod llvm_function;
pub mod llvm_type_converter;
pub mod math_to_llvm;
pub mod memref_descriptor;
pub mod reconcile_unrealized_casts;

use ir::pass::PassRegistry;

/// Registers every pass of this crate.
pub fn register(registry: &mut PassRegistry) {
    registry.register(reconcile_unrealized_casts::INFO);
    registry.register(arith_to_llvm::INFO);
    registry.register(cf_to_llvm::INFO);
    registry.register(func_to_llvm::INFO);
    registry.register(finalize_memref_to_llvm::INFO);
    registry.register(math_to_llvm::INFO);
}
