//! The runtime of executed programs: the C-ABI functions that upstream
//! MLIR's integration tests call, with upstream's exact output, and counted
//! allocation for leak checks.
//!
//! What it provides, under upstream's symbol names (see [`runtime_symbols`]):
//! - memrefs ([`memref`]): `printMemref{I8,I16,I32,I64,F32,F64,Ind}` in both
//!   ABIs (`(i64 rank, ptr)` and `_mlir_ciface_*(ptr)`), the ranked
//!   `_mlir_ciface_printMemref<N>d<T>`, `printMemrefShape*`,
//!   `verifyMemRef*`, `memrefCopy`;
//! - scalars ([`mod@print`]): `printI64`, `printU64`, `printF32`, `printF64`,
//!   `printF16`, `printBF16`, `printString`, `printCString`, `printOpen`,
//!   `printClose`, `printComma`, `printNewline`, `printFlops`, `rtclock`,
//!   `_mlir_ciface_nanoTime`;
//! - allocation ([`alloc`]): counted `_mlir_memref_to_llvm_{alloc,aligned_alloc,free}`,
//!   `mlir{Alloc,AlignedAlloc,Free,AlignedFree}`, and counted stand-ins for
//!   libc's `malloc`/`free`/... that a JIT maps a module's calls onto.
//!
//! Output goes to libc's `stdout` stream, shared with `printf` from
//! JIT-compiled code, so mixed output keeps its order: see [`stdout`].
//!
//! The functions are `extern "C"` and exported under their C names (except
//! the libc stand-ins, exported as `ml_runtime_malloc`, ...), so an object
//! file compiled ahead of time can also link against this crate.
//!
//! Not provided (yet): complex and f16/bf16 memrefs, `printMemrefVector4x4xf32`,
//! the `rtsrand` random generator, `stdSort`, the sparse-tensor runtime.

pub mod alloc;
mod format;
pub mod memref;
pub mod print;
pub mod stdout;
mod symbols;

pub use format::format_e;
pub use symbols::{lookup, runtime_symbols, Symbol};
