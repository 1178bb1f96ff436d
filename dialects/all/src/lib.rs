//! One place that knows every dialect of the workspace, so that tools and
//! tests register the same set.

use ir::Context;

/// Registers every dialect of the workspace into `ctx`.
pub fn register_all(ctx: &Context) {
    ctx.register_dialect(dialect_builtin::dialect());
    ctx.register_dialect(dialect_func::dialect());
    ctx.register_dialect(dialect_cf::dialect());
    ctx.register_dialect(dialect_arith::dialect());
    ctx.register_dialect(dialect_scf::dialect());
    ctx.register_dialect(dialect_math::dialect());
    ctx.register_dialect(dialect_memref::dialect());
    ctx.register_dialect(dialect_tensor::dialect());
    ctx.register_dialect(dialect_linalg::dialect());
    ctx.register_dialect(dialect_bufferization::dialect());
    ctx.register_dialect(dialect_vector::dialect());
    ctx.register_dialect(dialect_gpu::dialect());
    ctx.register_dialect(dialect_llvm::dialect());
    ctx.register_dialect(dialect_nvvm::dialect());
}
