//! From the llvm dialect to LLVM IR, through inkwell.
//!
//! [`translate_module`] turns a `builtin.module` of llvm dialect ops into
//! an [`inkwell::module::Module`]: functions (declarations and
//! definitions, linkage, calling conventions, parameter attributes),
//! globals (constant values, strings, initializer regions), every op of
//! the dialect, intrinsics by LLVM intrinsic lookup, block arguments as
//! phi nodes, and, when asked, debug line info from op locations. LLVM's
//! verifier checks the result. [`target`] turns the module into assembly
//! or an object file.
//!
//! Each op's translation is its [`LlvmTranslation`] interface: call
//! [`register`] once per context for the llvm dialect's ops, and attach
//! your own for ops of your dialects. An op without one is reported as
//! "cannot be translated to LLVM IR: 'x.y'" at its location. A dialect's
//! discardable attributes on functions (`nvvm.kernel`) are translated by
//! its [`LlvmAttributeTranslation`], if it has one.
//!
//! ```ignore
//! ml_llvm_ir::register(&ctx);
//! let llvm = inkwell::context::Context::create();
//! let module = ml_llvm_ir::translate_module(&ir, module_op, &llvm, &Default::default())?;
//! print!("{}", module.print_to_string().to_string());
//! ```

mod constants;
mod debug_info;
mod ffi;
mod ops;
pub mod target;
mod translator;
mod types;

pub use inkwell;
pub use translator::{
    attach_attribute_translation, translate_module, LlvmAttributeTranslation, LlvmTranslation, TranslateOptions, Translator,
};

/// Attaches the translation of every llvm dialect op to `ctx`.
pub fn register(ctx: &ir::Context) {
    ops::register(ctx);
}
