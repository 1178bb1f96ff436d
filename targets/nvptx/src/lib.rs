//! From the nvvm and llvm dialects to PTX, through LLVM's NVPTX backend.
//!
//! - [`register`] attaches the LLVM translations of the nvvm dialect's ops
//!   (special registers, barriers, shuffles, votes, reductions) and
//!   attributes (`nvvm.kernel` as the PTX kernel calling convention, launch
//!   bounds), the [`TargetSerializer`](dialect_gpu::binary::TargetSerializer)
//!   of `#nvvm.target` that `gpu-module-to-binary` uses, and the
//!   translation of `gpu.module` / `gpu.binary` ops left in a host module
//!   (their code embedded as `@<name>_binary`).
//! - [`compile`]: one `gpu.module` to an LLVM module for
//!   `nvptx64-nvidia-cuda` (libdevice linked when the code calls it and it
//!   is found), optimised, then PTX.
//! - [`toolkit`]: where libdevice and `ptxas` are.
//!
//! ```ignore
//! ml_nvptx::register(&ctx); // and ml_llvm_ir::register

//! let options = ml_nvptx::compile::PtxOptions::for_module(&ir, gpu_module);
//! let (ptx, unresolved) = ml_nvptx::compile::gpu_module_to_ptx(&ir, gpu_module, &options)?;
//! ```

mod attributes;
pub mod compile;
mod ops;
pub mod serializer;
pub mod toolkit;

pub use attributes::PTX_KERNEL_CALLING_CONVENTION;

/// Attaches everything this crate translates or compiles to `ctx`, and the
/// llvm dialect's translations it builds on.
pub fn register(ctx: &ir::Context) {
    use ir::OpType;
    if ctx.interface::<dyn ml_llvm_ir::LlvmTranslation>(ctx.op_name(dialect_llvm::FuncOp::NAME)).is_none() {
        ml_llvm_ir::register(ctx);
    }
    ops::register(ctx);
    static NVVM_ATTRIBUTES: attributes::NvvmAttributes = attributes::NvvmAttributes;
    ml_llvm_ir::attach_attribute_translation(ctx, "nvvm", &NVVM_ATTRIBUTES);
    static SERIALIZER: serializer::NvptxSerializer = serializer::NvptxSerializer;
    dialect_gpu::binary::attach_target_serializer(ctx, "nvvm", &SERIALIZER);
    static EMBED_BINARY: serializer::EmbedBinary = serializer::EmbedBinary;
    static EMBED_MODULE: serializer::EmbedModule = serializer::EmbedModule;
    ctx.attach_interface::<dyn ml_llvm_ir::LlvmTranslation>(dialect_gpu::BinaryOp::NAME, &EMBED_BINARY);
    ctx.attach_interface::<dyn ml_llvm_ir::LlvmTranslation>(dialect_gpu::GpuModuleOp::NAME, &EMBED_MODULE);
}
