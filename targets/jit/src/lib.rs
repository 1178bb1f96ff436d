//! JIT execution of LLVM modules on the host, as upstream's `mlir-runner`
//! does after translation: compile an inkwell [`Module`](inkwell::module::Module)
//! with MCJIT, resolve its calls to the runtime, call an entry function.
//!
//! ```no_run
//! use inkwell::context::Context;
//! use ml_jit::{parse_ir, Jit, JitOptions, ResultKind, RunMode};
//!
//! let context = Context::create();
//! let module = parse_ir(&context, "m.ll", "define i32 @main() { ret i32 42 }")?;
//! let jit = Jit::new(module, &JitOptions::default())?;
//! let outcome = jit.run("main", ResultKind::I32, RunMode::InProcess)?;
//! print!("{}", outcome.value.runner_output()); // "42\n", as mlir-runner
//! # Ok::<(), ml_jit::JitError>(())
//! ```
//!
//! - Options ([`JitOptions`]): `-O0`..`-O3` (LLVM's `default<On>` pipeline
//!   and the code generator's level; none by default, as mlir-runner),
//!   the host CPU with its features (default), the generic one or a named
//!   one, and whether to count the program's allocations.
//! - Symbols: every used external function resolves to one of
//!   [`JitOptions::extra_symbols`] (another runtime), else to ml-runtime's
//!   function of that name (`printMemrefF32`, `rtclock`, ...), else, when
//!   allocations are counted, to ml-runtime's counted `malloc`/`free`/...,
//!   else to the process's own (libc's `printf`). Nothing is `dlopen`ed.
//!   A name nothing defines is an error before compilation (MCJIT would
//!   abort the process).
//! - Entry ([`Jit::run`]): checked as mlir-runner checks it (exists with a
//!   body, no arguments, the declared result `void|i32|i64|f32`, plus
//!   `f64`), called with the C convention. [`EntryValue::runner_output`]
//!   prints the result as mlir-runner does.
//! - Crashes: [`RunMode::Child`] runs the entry in a forked child, so a
//!   crash becomes [`JitError::Crashed`] (see the `isolate` module for why a
//!   child rather than a signal handler), and what the program printed
//!   before it crashed is flushed to stdout first; [`RunMode::InProcess`]
//!   is mlir-runner's behaviour. Unix only.
//! - Output: the program and the runtime write to C `stdout`, flushed
//!   before and after the call (see `ml_runtime::stdout`).
//!
//! Known limits: a libcall that the code generator introduces (not in the
//! IR) and that the process lacks still makes MCJIT abort; an entry with
//! internal linkage can be inlined and removed by the `-On` pipeline (it is
//! then "not found").

mod error;
mod isolate;
mod jit;
mod options;

pub use error::{signal_name, JitError};
pub use jit::{parse_ir, Jit, Outcome, RunMode};
pub use ml_runtime::alloc::AllocStats;
pub use options::{Cpu, EntryValue, JitOptions, OptLevel, ResultKind};
