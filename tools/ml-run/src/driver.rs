//! One run of ml-run: read, parse, verify, translate, load libraries,
//! compile, run, print the result, check leaks; report what went wrong.

use std::io::Read;
use std::process::ExitCode;
use std::sync::Arc;

use ir::diagnostics::render;
use ir::syntax::parse_source;
use ir::{Context, Diagnostic, FileId, Location, OpId, SourceFile};
use ml_jit::{Cpu, Jit, JitError, JitOptions, OptLevel, ResultKind, RunMode};
use ml_llvm_ir::inkwell;
use ml_llvm_ir::TranslateOptions;

use crate::{Options, Registrations};

/// Upstream's runtime libraries, whose functions ml-runtime provides:
/// `--shared-libs` entries with these file names are not loaded.
const BUILT_IN_LIBRARIES: &[&str] = &["libmlir_runner_utils", "libmlir_c_runner_utils"];

pub fn run(options: &Options, registrations: Registrations) -> ExitCode {
    let (name, bytes) = match read_input(&options.input) {
        Ok(input) => input,
        Err(message) => return tool_error(&message),
    };
    let mut ctx = Context::new();
    ctx.allow_unregistered = options.allow_unregistered;
    (registrations.dialects)(&ctx);
    (registrations.translations)(&ctx);
    let ctx = Arc::new(ctx);
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to() as u32;
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = ctx.add_source_file(SourceFile::new(name, lossy.into(), 0));
            let location = Location::Source { file, start: offset, end: offset + 1 };
            report(&ctx, options, &Diagnostic::error(location, "input is not valid UTF-8"));
            return ExitCode::FAILURE;
        }
    };
    let file = ctx.add_source_file(SourceFile::new(name, text.into(), 0));
    match execute(&ctx, file, options) {
        Ok(code) => code,
        Err(Failure::Located(d)) => {
            report(&ctx, options, &d);
            ExitCode::FAILURE
        }
        Err(Failure::Tool(message)) => tool_error(&message),
    }
}

enum Failure {
    /// A diagnostic at a place in the input.
    Located(Diagnostic),
    /// A problem with the options, the host or the run, not with the input.
    Tool(String),
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure::Located(d)
    }
}

fn tool_error(message: &str) -> ExitCode {
    eprintln!("ml-run: error: {message}");
    ExitCode::FAILURE
}

/// Parses, verifies, translates, compiles and runs the program; the exit
/// code when it ran.
fn execute(ctx: &Arc<Context>, file: FileId, options: &Options) -> Result<ExitCode, Failure> {
    let kind: ResultKind = options.entry_point_result.parse().map_err(Failure::Tool)?;
    let (ir, module) = parse_source(ctx, file)?;
    ir::verifier::verify(&ir, module)?;
    let llvm = inkwell::context::Context::create();
    let translated = ml_llvm_ir::translate_module(&ir, module, &llvm, &TranslateOptions::default())?;
    load_shared_libraries(&options.shared_libs).map_err(Failure::Tool)?;
    let mut jit_options = JitOptions {
        opt_level: options.opt_level.and_then(OptLevel::from_number),
        cpu: cpu(options),
        count_allocations: true,
        extra_symbols: Vec::new(),
    };
    if options.gpu {
        ml_gpu_runtime::probe().map_err(|why| Failure::Tool(format!("--gpu needs a CUDA driver and device: {why}")))?;
        jit_options.extra_symbols = ml_gpu_runtime::symbols().iter().map(|s| (s.name.to_string(), s.address())).collect();
    }
    let jit = Jit::new(translated, &jit_options).map_err(|e| match e {
        JitError::UnresolvedSymbols(names) if !options.gpu && names.iter().any(|n| n.starts_with("mgpu")) => {
            Failure::Tool(format!("{} (the GPU runtime's functions need --gpu)", JitError::UnresolvedSymbols(names)))
        }
        e => Failure::Tool(e.to_string()),
    })?;
    let mode = if options.in_process { RunMode::InProcess } else { RunMode::Child };
    let outcome = match jit.run(&options.entry_point, kind, mode) {
        Ok(outcome) => outcome,
        Err(e) => return run_failure(&ir, module, &options.entry_point, e, options),
    };
    ml_runtime::stdout::write_stdout(outcome.value.runner_output().as_bytes());
    ml_runtime::stdout::flush();
    let stats = outcome.allocations;
    if options.check_leaks || ml_runtime::alloc::report_requested() {
        eprintln!("ml-run: {stats}");
    }
    if options.check_leaks && stats.leaked() {
        let blocks = if stats.live_allocations == 1 { "block" } else { "blocks" };
        eprintln!(
            "ml-run: error: {} allocated {blocks} ({} bytes) still live at the end of the program",
            stats.live_allocations, stats.live_bytes
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Entry errors at the entry function's definition; a crash or an early
/// exit as a message and the exit code a shell would show.
fn run_failure(ir: &ir::Ir, module: OpId, entry: &str, error: JitError, options: &Options) -> Result<ExitCode, Failure> {
    let at_entry = |message: String| {
        let location = ir.lookup_symbol_in(module, entry).map_or(Location::Unknown, |f| ir.op(f).location);
        Failure::Located(Diagnostic::error(location, message))
    };
    match error {
        JitError::EntryTakesArguments(_) | JitError::WrongResultType { .. } | JitError::WrongCallingConvention(_) => {
            Err(at_entry(error.to_string()))
        }
        JitError::Crashed { signal, .. } => {
            eprintln!("ml-run: error: {error} (in '{entry}')");
            Ok(ExitCode::from((128 + signal).clamp(1, 255) as u8))
        }
        JitError::Exited { code, .. } => {
            if code != 0 {
                eprintln!("ml-run: note: {error}");
                return Ok(ExitCode::from(code.clamp(1, 255) as u8));
            }
            if options.check_leaks {
                eprintln!("ml-run: error: {error}, so its allocations could not be checked");
                return Ok(ExitCode::FAILURE);
            }
            Ok(ExitCode::SUCCESS)
        }
        other => Err(Failure::Tool(other.to_string())),
    }
}

/// The CPU to generate code for: the host's unless `--mcpu` names another;
/// `--mattr` adds to the CPU's features.
fn cpu(options: &Options) -> Cpu {
    use inkwell::targets::TargetMachine;
    let host = || TargetMachine::get_host_cpu_name().to_string();
    let host_features = || TargetMachine::get_host_cpu_features().to_string();
    match (options.mcpu.as_deref(), options.mattr.as_deref()) {
        (None | Some("native"), None) => Cpu::Host,
        (Some("generic"), None) => Cpu::Generic,
        (None | Some("native"), Some(extra)) => Cpu::Named { cpu: host(), features: join_features(&host_features(), extra) },
        (Some(cpu), extra) => Cpu::Named { cpu: cpu.to_string(), features: extra.unwrap_or_default().to_string() },
    }
}

fn join_features(base: &str, extra: &str) -> String {
    match (base.is_empty(), extra.is_empty()) {
        (true, _) => extra.to_string(),
        (_, true) => base.to_string(),
        _ => format!("{base},{extra}"),
    }
}

/// Loads each library for the whole process, so that its functions resolve
/// the program's calls; upstream's runner libraries are skipped.
fn load_shared_libraries(libraries: &[String]) -> Result<(), String> {
    for library in libraries.iter().filter(|l| !l.is_empty()) {
        let file_name = std::path::Path::new(library).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if BUILT_IN_LIBRARIES.iter().any(|b| file_name.starts_with(&format!("{b}."))) {
            continue;
        }
        let c_name = std::ffi::CString::new(library.as_str()).map_err(|_| format!("cannot load shared library '{library}'"))?;
        // SAFETY: a NUL-terminated path; the library stays loaded for the
        // rest of the process (its symbols are global, for the JIT).
        let handle = unsafe { libc::dlopen(c_name.as_ptr(), libc::RTLD_NOW | libc::RTLD_GLOBAL) };
        if handle.is_null() {
            // SAFETY: dlerror returns null or a NUL-terminated message.
            let why = unsafe { libc::dlerror() };
            let why = if why.is_null() {
                String::new()
            } else {
                // SAFETY: checked for null above.
                format!(": {}", unsafe { std::ffi::CStr::from_ptr(why) }.to_string_lossy())
            };
            return Err(format!("cannot load shared library '{library}'{why}"));
        }
    }
    Ok(())
}

fn report(ctx: &Context, options: &Options, diagnostic: &Diagnostic) {
    let choice = if options.use_color() {
        codespan_reporting::term::termcolor::ColorChoice::Always
    } else {
        codespan_reporting::term::termcolor::ColorChoice::Never
    };
    let mut stderr = codespan_reporting::term::termcolor::StandardStream::stderr(choice);
    let _ = render::render(ctx, diagnostic, &mut stderr);
}

fn read_input(path: &str) -> Result<(String, Vec<u8>), String> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(("<stdin>".to_string(), bytes));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot open input file '{path}': {e}"))?;
    Ok((path.to_string(), bytes))
}
