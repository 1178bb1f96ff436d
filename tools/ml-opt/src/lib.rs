//! The `ml-opt` driver as a library: reads MLIR text, verifies it and
//! prints it back (later issues add passes). Like `mlir-opt`, it can split
//! its input on `// -----` and check `expected-error` comments instead of
//! reporting diagnostics. A tool for an out-of-tree dialect is
//! `fn main() -> ExitCode { ml_opt::main(register_my_dialects) }`.

mod driver;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

/// Command-line options, named as mlir-opt names them.
#[derive(Parser, Debug, Clone)]
#[command(
    name = "ml-opt",
    about = "MLIR-style optimizer driver: parse, verify and print MLIR."
)]
pub struct Options {
    /// Input file (`-` for standard input).
    #[arg(default_value = "-")]
    pub input: String,
    /// Output file (`-` for standard output).
    #[arg(short = 'o', default_value = "-")]
    pub output: String,
    /// Split the input on `// -----` lines and process each chunk separately.
    #[arg(long = "split-input-file", num_args = 0..=1, default_missing_value = "// -----", value_name = "MARKER")]
    pub split_input_file: Option<String>,
    /// Check diagnostics against `expected-*` comments in the input.
    #[arg(long = "verify-diagnostics")]
    pub verify_diagnostics: bool,
    /// Print every op in generic form.
    #[arg(long = "mlir-print-op-generic")]
    pub print_generic: bool,
    /// Print locations.
    #[arg(long = "mlir-print-debuginfo")]
    pub print_debuginfo: bool,
    /// Accept ops of dialects that are not registered.
    #[arg(long = "allow-unregistered-dialect")]
    pub allow_unregistered: bool,
    /// Skip verification after parsing (upstream's flag of the same name):
    /// for looking at invalid IR.
    #[arg(long = "mlir-very-unsafe-disable-verifier-on-parsing")]
    pub no_verify: bool,
    /// List the registered dialects and exit.
    #[arg(long = "show-dialects")]
    pub show_dialects: bool,
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

/// Deep nesting is bounded by the parser, but recursion in the printer and
/// verifier still wants more than the default main-thread stack.
const STACK_SIZE: usize = 512 << 20;

/// Runs the driver with the dialects that `register` adds, on the process's
/// arguments.
pub fn main(register: fn(&ir::Context)) -> ExitCode {
    let ctx = ir::Context::new();
    register(&ctx);
    let names: Vec<&str> = ctx.dialects().iter().map(|d| d.name).collect();
    let after_help = format!("Registered dialects: {}", names.join(", "));
    let options = parse_options(after_help);
    let worker = std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(move || driver::run(&options, register));
    match worker.map(|w| w.join()) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("ml-opt: internal error");
            ExitCode::from(2)
        }
    }
}

/// Parses argv, with the registered dialects listed under `--help`.
fn parse_options(after_help: String) -> Options {
    use clap::{CommandFactory, FromArgMatches};
    let matches = Options::command().after_help(after_help).get_matches();
    Options::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}
