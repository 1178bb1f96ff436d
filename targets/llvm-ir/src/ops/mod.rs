//! One translation per llvm dialect op, attached as its
//! [`LlvmTranslation`](crate::LlvmTranslation) interface; grouped like the
//! dialect's files.

mod aggregate;
mod arithmetic;
mod atomic;
mod cast;
mod control;
mod function;
mod intrinsics;
mod memory;

use ir::{Attribute, Context};

/// Attaches `$value` (a constant expression of a translation type) as the
/// translation of each op type, one `static` per op.
macro_rules! attach {
    ($ctx:expr, $($op:ty => $ty:ty = $value:expr;)*) => {$({
        static TRANSLATION: $ty = $value;
        $ctx.attach_interface::<dyn $crate::LlvmTranslation>(<$op as ir::OpType>::NAME, &TRANSLATION);
    })*};
}
pub(crate) use attach;

/// Attaches the translations of every op of the llvm dialect.
pub fn register(ctx: &Context) {
    function::register(ctx);
    arithmetic::register(ctx);
    cast::register(ctx);
    memory::register(ctx);
    atomic::register(ctx);
    aggregate::register(ctx);
    control::register(ctx);
    intrinsics::register(ctx);
}

/// LLVM-C fast-math bits of a `#llvm.fastmath<...>` attribute.
pub(crate) fn fastmath_bits(ctx: &Context, attr: Option<Attribute>) -> u32 {
    use inkwell::llvm_sys as sys;
    let Some(flags) = attr.and_then(|a| dialect_llvm::attrs::llvm_attr_inner(ctx, a, "fastmath")) else { return 0 };
    flags
        .split(',')
        .map(|f| match f.trim() {
            "reassoc" => sys::LLVMFastMathAllowReassoc,
            "nnan" => sys::LLVMFastMathNoNaNs,
            "ninf" => sys::LLVMFastMathNoInfs,
            "nsz" => sys::LLVMFastMathNoSignedZeros,
            "arcp" => sys::LLVMFastMathAllowReciprocal,
            "contract" => sys::LLVMFastMathAllowContract,
            "afn" => sys::LLVMFastMathApproxFunc,
            "fast" => sys::LLVMFastMathAll,
            _ => 0,
        })
        .fold(0, |a, b| a | b)
}
