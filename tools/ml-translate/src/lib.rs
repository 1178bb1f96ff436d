//! The `ml-translate` driver as a library: reads MLIR text, verifies it,
//! translates the llvm dialect to LLVM IR and prints it, or compiles it to
//! assembly or an object file for a target machine; with `--to-ptx`, it
//! compiles each `gpu.module` (llvm and nvvm ops) to PTX instead. Like `mlir-translate`,
//! it can split its input on `// -----` and check `expected-error`
//! comments. A tool for out-of-tree dialects is a `main` that calls
//! [`main`] with its own registration functions.

mod driver;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

/// Command-line options, named as mlir-translate and llc name them.
#[derive(Parser, Debug, Clone)]
#[command(name = "ml-translate", about = "Translates MLIR in the llvm dialect to LLVM IR, assembly or object code.")]
pub struct Options {
    /// Input file (`-` for standard input).
    #[arg(default_value = "-")]
    pub input: String,
    /// Output file (`-` for standard output).
    #[arg(short = 'o', default_value = "-")]
    pub output: String,
    /// Translate the llvm dialect to LLVM IR (host code; `gpu.module`s and
    /// `gpu.binary`s in it are embedded as `@<name>_binary`).
    #[arg(long = "mlir-to-llvmir")]
    pub mlir_to_llvmir: bool,
    /// Compile each `gpu.module` (llvm and nvvm ops) to PTX with LLVM's
    /// NVPTX backend; `--emit=llvm` prints its LLVM IR instead, `--emit=obj`
    /// a cubin assembled by ptxas.
    #[arg(long = "to-ptx")]
    pub to_ptx: bool,
    /// The chip of `--to-ptx` (`sm_80`, `sm_90`; the module's `#nvvm.target` by default).
    #[arg(long = "sm", value_name = "CHIP")]
    pub sm: Option<String>,
    /// The PTX version of `--to-ptx` (`80` for 8.0; LLVM's lowest for the chip by default).
    #[arg(long = "ptx-version", value_name = "N", value_parser = clap::value_parser!(u32).range(32..=99))]
    pub ptx_version: Option<u32>,
    /// What to write: LLVM IR text, target assembly or an object file
    /// (`llvm` by default; PTX, which is assembly, with `--to-ptx`).
    #[arg(long = "emit", value_parser = ["llvm", "asm", "obj"])]
    pub emit: Option<String>,
    /// Optimisation level of LLVM's pipeline and code generator (`-O0` ..
    /// `-O3`; 0 by default, the target's `O` with `--to-ptx`).
    #[arg(short = 'O', value_parser = clap::value_parser!(u8).range(0..=3))]
    pub opt_level: Option<u8>,
    /// Target triple (the host's by default, or the module's `llvm.target_triple`).
    #[arg(long = "target-triple", value_name = "TRIPLE")]
    pub target_triple: Option<String>,
    /// Target CPU; `native` for the host's CPU and features.
    #[arg(long = "mcpu", value_name = "CPU")]
    pub mcpu: Option<String>,
    /// Target features, `+avx2,-fma`.
    #[arg(long = "mattr", value_name = "FEATURES")]
    pub mattr: Option<String>,
    /// Emit op locations as LLVM debug info (line tables).
    #[arg(short = 'g', long = "debug-info")]
    pub debug_info: bool,
    /// Split the input on `// -----` lines and translate each chunk separately.
    #[arg(long = "split-input-file", num_args = 0..=1, require_equals = true, default_missing_value = "// -----", value_name = "MARKER")]
    pub split_input_file: Option<String>,
    /// Check diagnostics against `expected-*` comments in the input.
    #[arg(long = "verify-diagnostics")]
    pub verify_diagnostics: bool,
    /// Accept ops of dialects that are not registered.
    #[arg(long = "allow-unregistered-dialect")]
    pub allow_unregistered: bool,
    /// Colour diagnostics: auto (when stderr is a terminal and NO_COLOR is unset), always, never.
    #[arg(long = "color", default_value = "auto", value_parser = ["auto", "always", "never"])]
    pub color: String,
}

impl Options {
    /// What to write: `llvm`, `asm` or `obj`.
    pub fn emit(&self) -> &str {
        self.emit.as_deref().unwrap_or(if self.to_ptx { "asm" } else { "llvm" })
    }

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

/// The printer and verifier recurse; give them more than the default stack.
const STACK_SIZE: usize = 512 << 20;

/// Runs the driver on the process's arguments.
pub fn main(registrations: Registrations) -> ExitCode {
    let options = Options::parse();
    let worker = std::thread::Builder::new().stack_size(STACK_SIZE).spawn(move || driver::run(&options, registrations));
    match worker.map(|w| w.join()) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("ml-translate: internal error");
            ExitCode::from(2)
        }
    }
}
