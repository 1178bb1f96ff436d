//! The `ml-opt` driver as a library: reads MLIR text, verifies it and
//! prints it back (later issues add passes). Like `mlir-opt`, it can split
//! its input on `// -----` and check `expected-error` comments instead of
//! reporting diagnostics. Every registered pass is a flag (`--cse`), run in
//! command-line order, or the pipeline is given as `--pass-pipeline=...`.
//! A tool for an out-of-tree dialect or pass is a `main` that calls
//! [`main`] with its own registration functions.

mod driver;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use ir::pass::PassRegistry;

/// Command-line options, named as mlir-opt names them.
#[derive(Parser, Debug, Clone)]
#[command(name = "ml-opt", about = "MLIR-style optimizer driver: parse, verify and print MLIR.")]
pub struct Options {
    /// Input file (`-` for standard input).
    #[arg(default_value = "-")]
    pub input: String,
    /// Output file (`-` for standard output).
    #[arg(short = 'o', default_value = "-")]
    pub output: String,
    /// Split the input on `// -----` lines and process each chunk separately.
    #[arg(long = "split-input-file", num_args = 0..=1, require_equals = true, default_missing_value = "// -----", value_name = "MARKER")]
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
    /// A textual pass pipeline: `builtin.module(func.func(cse))`.
    #[arg(long = "pass-pipeline", value_name = "PIPELINE")]
    pub pass_pipeline: Option<String>,
    /// Run the verifier after every pass.
    #[arg(long = "verify-each", default_value = "true", action = clap::ArgAction::Set, value_parser = clap::value_parser!(bool))]
    pub verify_each: bool,
    /// Run everything on one thread (passes on functions run in parallel otherwise).
    #[arg(long = "mlir-disable-threading")]
    pub disable_threading: bool,
    /// Print the IR before these passes (comma-separated names).
    #[arg(long = "mlir-print-ir-before", value_delimiter = ',', value_name = "PASSES")]
    pub print_ir_before: Vec<String>,
    /// Print the IR after these passes (comma-separated names).
    #[arg(long = "mlir-print-ir-after", value_delimiter = ',', value_name = "PASSES")]
    pub print_ir_after: Vec<String>,
    /// Print the IR before every pass.
    #[arg(long = "mlir-print-ir-before-all")]
    pub print_ir_before_all: bool,
    /// Print the IR after every pass.
    #[arg(long = "mlir-print-ir-after-all")]
    pub print_ir_after_all: bool,
    /// Print the IR after a pass only if it changed it.
    #[arg(long = "mlir-print-ir-after-change")]
    pub print_ir_after_change: bool,
    /// Print the IR after a pass fails.
    #[arg(long = "mlir-print-ir-after-failure")]
    pub print_ir_after_failure: bool,
    /// Report the wall time of parsing, each pass and printing.
    #[arg(long = "mlir-timing")]
    pub timing: bool,
    /// Print the counters passes report.
    #[arg(long = "mlir-pass-statistics")]
    pub pass_statistics: bool,
    /// Show the remarks of these passes (comma-separated pass names, or
    /// `all`): what they did, or why not, at each op's location.
    #[arg(long = "remarks", value_delimiter = ',', value_name = "PASSES")]
    pub remarks: Vec<String>,
    /// When the pipeline fails, write the input IR and the pipeline to FILE
    /// (replay with --run-reproducer FILE).
    #[arg(long = "mlir-pass-pipeline-crash-reproducer", value_name = "FILE")]
    pub reproducer: Option<String>,
    /// Run the pipeline named in the input's reproducer header.
    #[arg(long = "run-reproducer")]
    pub run_reproducer: bool,
    /// List the registered passes with their options and exit.
    #[arg(long = "list-passes")]
    pub list_passes: bool,
    /// Passes given as flags, in command-line order, with their options.
    #[arg(skip)]
    pub pass_flags: Vec<(String, String)>,
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

/// What a tool built on this driver registers.
#[derive(Clone, Copy)]
pub struct Registrations {
    pub dialects: fn(&ir::Context),
    pub passes: fn(&mut PassRegistry),
}

/// Runs the driver with the given dialects and passes, on the process's
/// arguments.
pub fn main(registrations: Registrations) -> ExitCode {
    let ctx = ir::Context::new();
    (registrations.dialects)(&ctx);
    let mut passes = PassRegistry::new();
    (registrations.passes)(&mut passes);
    let names: Vec<&str> = ctx.dialects().iter().map(|d| d.name).collect();
    let after_help = format!("Registered dialects: {}\nPasses: see --list-passes", names.join(", "));
    let options = parse_options(after_help, &passes);
    let worker = std::thread::Builder::new().stack_size(STACK_SIZE).spawn(move || driver::run(&options, registrations, &passes));
    match worker.map(|w| w.join()) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("ml-opt: internal error");
            ExitCode::from(2)
        }
    }
}

/// Parses argv: the fixed options, plus one flag per registered pass or
/// named pipeline whose optional value holds its options
/// (`--tile="sizes=4,4"`). Pass flags keep their command-line order.
fn parse_options(after_help: String, passes: &PassRegistry) -> Options {
    use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};
    let mut command = Options::command().after_help(after_help);
    let flag = |name: &'static str, summary: &'static str, heading: &'static str| {
        Arg::new(name)
            .long(name)
            .help(summary)
            .action(ArgAction::Append)
            .num_args(0..=1)
            .default_missing_value("")
            .require_equals(true)
            .value_name("OPTIONS")
            .help_heading(heading)
    };
    for info in passes.passes() {
        command = command.arg(flag(info.name, info.summary, "Passes"));
    }
    for info in passes.pipelines() {
        command = command.arg(flag(info.name, info.summary, "Pass pipelines"));
    }
    let matches = command.get_matches();
    let mut options = Options::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let mut flags: Vec<(usize, String, String)> = Vec::new();
    let names = passes.passes().map(|p| p.name).chain(passes.pipelines().map(|p| p.name));
    for name in names {
        if let (Some(indices), Some(values)) = (matches.indices_of(name), matches.get_many::<String>(name)) {
            flags.extend(indices.zip(values).map(|(i, v)| (i, name.to_string(), v.clone())));
        }
    }
    flags.sort_by_key(|f| f.0);
    options.pass_flags = flags.into_iter().map(|(_, name, value)| (name, value)).collect();
    options
}
