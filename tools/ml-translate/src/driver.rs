//! One run of ml-translate: read, split, parse, verify, translate, then
//! print LLVM IR or generate code; report (or check) diagnostics.

use std::io::{Read, Write};
use std::process::ExitCode;
use std::sync::Arc;

use ir::diagnostics::expected::ExpectedDiagnostics;
use ir::diagnostics::render;
use ir::split_input::split_input;
use ir::syntax::parse_source;
use ir::{Context, Diagnostic, FileId, Location, SourceFile};
use ml_llvm_ir::target::{self, OutputKind, TargetOptions};
use ml_llvm_ir::TranslateOptions;

use crate::{Options, Registrations};

pub fn run(options: &Options, registrations: Registrations) -> ExitCode {
    if !options.mlir_to_llvmir && !options.to_ptx {
        eprintln!("ml-translate: no translation given (use --mlir-to-llvmir or --to-ptx)");
        return ExitCode::FAILURE;
    }
    if options.mlir_to_llvmir && options.to_ptx {
        eprintln!("ml-translate: give one translation: --mlir-to-llvmir or --to-ptx");
        return ExitCode::FAILURE;
    }
    let (name, bytes) = match read_input(&options.input) {
        Ok(input) => input,
        Err(message) => {
            eprintln!("ml-translate: {message}");
            return ExitCode::FAILURE;
        }
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
            report(&ctx, options, &[Diagnostic::error(location, "input is not valid UTF-8")]);
            return ExitCode::FAILURE;
        }
    };

    let chunks = match &options.split_input_file {
        Some(marker) => split_input(&text, marker),
        None => split_input(&text, "\u{0}never a marker\u{0}"),
    };
    let mut outputs: Vec<Vec<u8>> = Vec::new();
    let mut failed = false;
    for chunk in chunks {
        let file = ctx.add_source_file(SourceFile::new(name.clone(), chunk.text.into(), chunk.first_line));
        let (output, diagnostics) = match process(&ctx, file, options) {
            Ok((output, warnings)) => (Some(output), warnings),
            Err(Failure::Located(d)) => (None, vec![d]),
            Err(Failure::Tool(message)) => {
                eprintln!("ml-translate: {message}");
                failed = true;
                (None, Vec::new())
            }
        };
        if options.verify_diagnostics {
            match ExpectedDiagnostics::parse(&ctx, file) {
                Ok(expected) => {
                    let failures = expected.check(&ctx, &diagnostics);
                    failed |= !failures.is_empty();
                    report(&ctx, options, &failures);
                }
                Err(errors) => {
                    failed = true;
                    report(&ctx, options, &errors);
                }
            }
        } else {
            failed |= diagnostics.iter().any(|d| d.severity == ir::Severity::Error);
            report(&ctx, options, &diagnostics);
        }
        outputs.extend(output);
    }
    // Text outputs of split chunks are separated by the marker, as mlir-translate does.
    let separator = format!("{}\n", options.split_input_file.as_deref().unwrap_or("// -----"));
    let output = if options.emit() == "obj" { outputs.concat() } else { outputs.join(separator.as_bytes()) };
    if let Err(message) = write_output(&options.output, &output) {
        eprintln!("ml-translate: {message}");
        return ExitCode::FAILURE;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

enum Failure {
    /// A diagnostic at a place in the input.
    Located(Diagnostic),
    /// A problem with the options or the target, not with the input.
    Tool(String),
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure::Located(d)
    }
}

/// Parses, verifies and translates one chunk; the bytes to write.
fn process(ctx: &Arc<Context>, file: FileId, options: &Options) -> Result<(Vec<u8>, Vec<Diagnostic>), Failure> {
    let (ir, module) = parse_source(ctx, file)?;
    ir::verifier::verify(&ir, module)?;
    if options.to_ptx {
        return to_ptx(&ir, module, options);
    }
    let opt_level = options.opt_level.unwrap_or(0);
    let llvm = ml_llvm_ir::inkwell::context::Context::create();
    let translated = ml_llvm_ir::translate_module(&ir, module, &llvm, &TranslateOptions { debug_info: options.debug_info })?;
    let wants_machine = options.emit() != "llvm"
        || opt_level > 0
        || options.target_triple.is_some()
        || options.mcpu.is_some()
        || options.mattr.is_some();
    if wants_machine {
        let module_triple = translated.get_triple().as_str().to_string_lossy().into_owned();
        let triple = options.target_triple.clone().or_else(|| (!module_triple.is_empty()).then_some(module_triple));
        let target_options = TargetOptions { triple, cpu: options.mcpu.clone(), features: options.mattr.clone(), opt_level };
        let machine = target::target_machine(&target_options).map_err(Failure::Tool)?;
        target::prepare(&translated, &machine, opt_level).map_err(Failure::Tool)?;
        match options.emit() {
            "asm" => return Ok((target::emit(&translated, &machine, OutputKind::Assembly).map_err(Failure::Tool)?, Vec::new())),
            "obj" => return Ok((target::emit(&translated, &machine, OutputKind::Object).map_err(Failure::Tool)?, Vec::new())),
            _ => {}
        }
    }
    Ok((translated.print_to_string().to_bytes().to_vec(), Vec::new()))
}

/// `--to-ptx`: each `gpu.module` of the input, compiled for its target (or
/// `--sm`, `--ptx-version`, `-O`); several are separated by a comment
/// naming each. A warning for each call left unresolved.
fn to_ptx(ir: &ir::Ir, module: ir::OpId, options: &Options) -> Result<(Vec<u8>, Vec<Diagnostic>), Failure> {
    let devices: Vec<ir::OpId> = ir
        .walk_collect(module, ir::body::WalkOrder::PreOrder)
        .into_iter()
        .filter(|&op| ir.isa::<dialect_gpu::GpuModuleOp>(op))
        .collect();
    if devices.is_empty() {
        return Err(Diagnostic::error(ir.op(module).location, "no 'gpu.module' to compile to PTX").into());
    }
    let mut outputs = Vec::new();
    let mut warnings = Vec::new();
    for &device in &devices {
        let mut ptx_options = ml_nvptx::compile::PtxOptions::for_module(ir, device);
        if let Some(chip) = &options.sm {
            ptx_options.chip = chip.clone();
        }
        if let Some(version) = options.ptx_version {
            ptx_options.set_ptx_version(version);
        }
        if let Some(level) = options.opt_level {
            ptx_options.opt_level = level;
        }
        let llvm = ml_llvm_ir::inkwell::context::Context::create();
        let code = ml_nvptx::compile::translate_gpu_module(ir, device, &llvm, &ptx_options)?;
        let location = ir.op(device).location;
        for name in &code.unresolved {
            warnings.push(Diagnostic::warning(
                location,
                format!("'{name}' is called but not defined (libdevice.10.bc was not found): ptxas will reject the PTX"),
            ));
        }
        let text = match options.emit() {
            "llvm" => code.llvm_ir().into_bytes(),
            "asm" => code.ptx().map_err(Failure::Tool)?.into_bytes(),
            _ => {
                let ptx = code.ptx().map_err(Failure::Tool)?;
                let ptxas = ml_nvptx::toolkit::find_ptxas().ok_or_else(|| {
                    Failure::Tool(
                        "--emit=obj needs NVIDIA's ptxas (set PTXAS, or install the PyPI package nvidia-cuda-nvcc-cu12)".into(),
                    )
                })?;
                ml_nvptx::toolkit::assemble(&ptxas, &ptx, &ptx_options.chip, "").map_err(Failure::Tool)?
            }
        };
        let name = ir.symbol_name(device).unwrap_or_default().to_string();
        outputs.push((name, text));
    }
    if outputs.len() == 1 {
        return Ok((outputs.remove(0).1, warnings));
    }
    let mut joined = Vec::new();
    for (name, text) in outputs {
        let comment = if options.emit() == "llvm" { ";" } else { "//" };
        joined.extend(format!("{comment} gpu.module @{name}\n").into_bytes());
        joined.extend(text);
    }
    Ok((joined, warnings))
}

fn report(ctx: &Context, options: &Options, diagnostics: &[Diagnostic]) {
    let choice = if options.use_color() {
        codespan_reporting::term::termcolor::ColorChoice::Always
    } else {
        codespan_reporting::term::termcolor::ColorChoice::Never
    };
    let mut stderr = codespan_reporting::term::termcolor::StandardStream::stderr(choice);
    for d in diagnostics {
        let _ = render::render(ctx, d, &mut stderr);
    }
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

fn write_output(path: &str, bytes: &[u8]) -> Result<(), String> {
    if path == "-" {
        let mut out = std::io::stdout().lock();
        // A closed pipe (`| head`) is not an error worth reporting.
        let _ = out.write_all(bytes).and_then(|_| out.flush());
        return Ok(());
    }
    std::fs::write(path, bytes).map_err(|e| format!("cannot write output file '{path}': {e}"))
}
