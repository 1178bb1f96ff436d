//! The `ml-run` driver as a library, after upstream's `mlir-runner`: reads
//! MLIR in the llvm dialect, translates it to LLVM IR (ml-llvm-ir),
//! JIT-compiles it for the host (ml-jit) with the runtime built in
//! (ml-runtime: `printMemrefF32`, `printF32`, `rtclock`, ...), runs the
//! module's global constructors, the entry function and the destructors,
//! and prints the entry's result as mlir-runner does.
//!
//! Beyond mlir-runner: `--check-leaks` reports the program's allocations on
//! stderr and fails when some block is still live at the end; the program
//! runs in a forked child, so a crash is an error message and a non-zero
//! exit code (128 + the signal) rather than the end of the tool, and what
//! it printed before is kept. `--shared-libs` loads the libraries it names
//! (their functions resolve the program's calls), except upstream's runner
//! libraries, whose functions ml-runtime provides: those are skipped.
//! `--gpu` runs host code that calls the GPU runtime (after `ml-opt
//! --gpu-module-to-binary --gpu-to-llvm --lower-to-llvm`) on a CUDA device
//! through ml-gpu-runtime.
//!
//! A tool for out-of-tree dialects is a `main` that calls [`main`] with its
//! own registration functions.

mod driver;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

/// Command-line options, named as mlir-runner names them.
#[derive(Parser, Debug, Clone)]
#[command(name = "ml-run", about = "Runs MLIR in the llvm dialect: JIT-compiles it and calls an entry function.")]
pub struct Options {
    /// Input file (`-` for standard input).
    #[arg(default_value = "-")]
    pub input: String,
    /// The function to call.
    #[arg(short = 'e', long = "entry-point", default_value = "main", value_name = "FUNCTION")]
    pub entry_point: String,
    /// What the entry function returns; its value is printed after the
    /// program's output (nothing for `void`). The default is mlir-runner's.
    #[arg(long = "entry-point-result", default_value = "f32", value_parser = ["void", "i32", "i64", "f32", "f64"])]
    pub entry_point_result: String,
    /// Run LLVM's `default<On>` pipeline and generate code at that level
    /// (`-O0` .. `-O3`); without it, no IR pipeline and LLVM's default
    /// code generation level, as mlir-runner.
    #[arg(short = 'O', value_parser = clap::value_parser!(u8).range(0..=3))]
    pub opt_level: Option<u8>,
    /// Target CPU (the host's by default; `generic` for the architecture's
    /// baseline, `native` for the host's).
    #[arg(long = "mcpu", value_name = "CPU")]
    pub mcpu: Option<String>,
    /// Target features, `+avx2,-fma` (added to the CPU's).
    #[arg(long = "mattr", value_name = "FEATURES")]
    pub mattr: Option<String>,
    /// Shared libraries to load before running (comma-separated or
    /// repeated); their functions resolve the program's calls. Upstream's
    /// runner libraries (`libmlir_runner_utils.so`,
    /// `libmlir_c_runner_utils.so`) are skipped: the runtime is built in.
    #[arg(long = "shared-libs", value_delimiter = ',', value_name = "LIBS")]
    pub shared_libs: Vec<String>,
    /// Report the program's allocations on stderr when it ends, and fail if
    /// some block is still live.
    #[arg(long = "check-leaks")]
    pub check_leaks: bool,
    /// Resolve the GPU runtime's functions (`mgpuLaunchKernel`, ... that
    /// `gpu-to-llvm` calls) with ml-gpu-runtime on the CUDA driver; fails
    /// at once, in one line, where there is no CUDA driver or device.
    #[arg(long = "gpu")]
    pub gpu: bool,
    /// Run the program in this process rather than in a forked child (for a
    /// debugger): a crash then ends ml-run itself.
    #[arg(long = "in-process")]
    pub in_process: bool,
    /// Accept ops of dialects that are not registered.
    #[arg(long = "allow-unregistered-dialect")]
    pub allow_unregistered: bool,
    /// Colour diagnostics: auto (when stderr is a terminal and NO_COLOR is unset), always, never.
    #[arg(long = "color", default_value = "auto", value_parser = ["auto", "always", "never"])]
    pub color: String,
}

impl Options {
    pub fn use_color(&self) -> bool {
        match self.color.as_str() {
            "always" => true,
            "never" => false,
            _ => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }
}

/// What a tool built on this driver registers: dialects, and the LLVM
/// translations of their ops.
#[derive(Clone, Copy)]
pub struct Registrations {
    pub dialects: fn(&ir::Context),
    pub translations: fn(&ir::Context),
}

/// The verifier and the translation recurse; give them more than the
/// default stack. JIT-compiled code runs on this thread too.
const STACK_SIZE: usize = 512 << 20;

/// Runs the driver on the process's arguments.
pub fn main(registrations: Registrations) -> ExitCode {
    let options = Options::parse();
    let worker = std::thread::Builder::new().stack_size(STACK_SIZE).spawn(move || driver::run(&options, registrations));
    match worker.map(|w| w.join()) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("ml-run: internal error");
            ExitCode::from(2)
        }
    }
}
