//! What one run of ml-opt does: read the input, split it, parse, verify and
//! print each chunk, and report (or check) diagnostics.

use std::io::{Read, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use ir::diagnostics::expected::ExpectedDiagnostics;
use ir::diagnostics::render;
use ir::pass::{parse_pipeline, IrPrinting, PassManager, PassRegistry, PipelineError};
use ir::split_input::split_input;
use ir::syntax::{parse_source, print_op, PrintOptions};
use ir::{Context, Diagnostic, FileId, Location, SourceFile};

use crate::Options;

pub fn run(options: &Options, registrations: crate::Registrations, passes: &PassRegistry) -> ExitCode {
    let run_start = Instant::now();
    let (name, bytes) = match read_input(&options.input) {
        Ok(input) => input,
        Err(message) => {
            eprintln!("ml-opt: {message}");
            return ExitCode::FAILURE;
        }
    };
    let mut ctx = Context::new();
    ctx.allow_unregistered = options.allow_unregistered;
    (registrations.dialects)(&ctx);
    let ctx = Arc::new(ctx);

    if options.list_passes {
        print!("{}", passes.describe());
        return ExitCode::SUCCESS;
    }
    if options.show_dialects {
        println!("Available Dialects: {}", ctx.dialects().iter().map(|d| d.name).collect::<Vec<_>>().join(", "));
        return ExitCode::SUCCESS;
    }

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

    // A reproducer names its own pipeline in its header.
    let replayed = if options.run_reproducer {
        match reproducer_pipeline(&text) {
            Some(p) => Some(p),
            None => {
                eprintln!("ml-opt: the input is not a reproducer (no '{REPRODUCER_PIPELINE}' line)");
                return ExitCode::FAILURE;
            }
        }
    } else {
        None
    };
    let pipeline = match build_pipeline(options, passes, replayed.as_deref()) {
        Ok(pipeline) => pipeline,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };

    let chunks = match &options.split_input_file {
        Some(marker) => split_input(&text, marker),
        None => split_input(&text, "\u{0}never a marker\u{0}"),
    };
    let mut outputs = Vec::new();
    let mut failed = false;
    for chunk in chunks {
        let file = ctx.add_source_file(SourceFile::new(name.clone(), chunk.text.into(), chunk.first_line));
        let (output, diagnostics) = process(&ctx, file, options, &pipeline);
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
    // Like mlir-opt: a blank line after each module, the marker between chunks.
    let outputs: Vec<String> = outputs.into_iter().map(|o| o + "\n").collect();
    let separator = format!("{}\n", options.split_input_file.as_deref().unwrap_or("// -----"));
    if options.timing {
        eprint!("{}", pipeline.timing_report(run_start.elapsed()));
    }
    if options.pass_statistics {
        eprint!("{}", pipeline.statistics_report());
    }
    if let Err(message) = write_output(&options.output, &outputs.join(&separator)) {
        eprintln!("ml-opt: {message}");
        return ExitCode::FAILURE;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The passes given as flags, or the `--pass-pipeline`; errors are
/// rendered like upstream's, with the pipeline text and a caret.
fn build_pipeline(options: &Options, passes: &PassRegistry, replayed: Option<&str>) -> Result<PassManager, String> {
    let mut manager = PassManager::new();
    manager.verify_each = options.verify_each;
    manager.threading = !options.disable_threading;
    manager.timing = options.timing;
    manager.printing = IrPrinting {
        before: options.print_ir_before.clone(),
        after: options.print_ir_after.clone(),
        before_all: options.print_ir_before_all,
        after_all: options.print_ir_after_all,
        after_change: options.print_ir_after_change,
        after_failure: options.print_ir_after_failure,
    };
    manager.statistics = options.pass_statistics;
    if let Some(unknown) = options.remarks.iter().find(|name| *name != "all" && passes.get(name).is_none()) {
        return Err(format!("ml-opt: '--remarks={unknown}' does not refer to a registered pass"));
    }
    manager.remarks = options.remarks.clone();
    if let Some(text) = replayed.or(options.pass_pipeline.as_deref()) {
        if !options.pass_flags.is_empty() {
            return Err("ml-opt: '--pass-pipeline' cannot be combined with pass flags".to_string());
        }
        let elements = parse_pipeline(text).map_err(|e| pipeline_error(text, &e))?;
        manager.add_pipeline(passes, &elements).map_err(|e| pipeline_error(text, &e))?;
    }
    for (name, pass_options) in &options.pass_flags {
        manager.add_pass(passes, name, pass_options).map_err(|e| format!("ml-opt: {e}"))?;
    }
    Ok(manager)
}

/// The header line of a reproducer that holds its pipeline.
const REPRODUCER_PIPELINE: &str = "// pipeline: ";

/// The pipeline a reproducer names.
fn reproducer_pipeline(text: &str) -> Option<String> {
    text.lines().take(5).find_map(|l| l.strip_prefix(REPRODUCER_PIPELINE)).map(|p| p.trim().to_string())
}

fn pipeline_error(text: &str, error: &PipelineError) -> String {
    let column = text[..error.offset.min(text.len())].chars().count();
    format!("MLIR Textual PassPipeline Parser:1:{}: error: {}\n{text}\n{}^", column + 1, error.message, " ".repeat(column))
}

/// Parses, verifies, runs the passes on and prints one chunk; the text is
/// `None` on error.
fn process(ctx: &Arc<Context>, file: FileId, options: &Options, pipeline: &PassManager) -> (Option<String>, Vec<Diagnostic>) {
    let start = Instant::now();
    let parsed = parse_source(ctx, file).and_then(|(ir, module)| {
        if !options.no_verify {
            ir::verifier::verify(&ir, module)?;
        }
        Ok((ir, module))
    });
    pipeline.record_time("Parser", start.elapsed());
    let (mut ir, module) = match parsed {
        Ok(parsed) => parsed,
        Err(diag) => return (None, vec![diag]),
    };
    // The reproducer holds the IR as the pipeline found it.
    let before = options.reproducer.as_ref().map(|_| print_op(&ir, module, PrintOptions::default()));
    let result = pipeline.run(&mut ir, module);
    eprint!("{}", pipeline.take_ir_dumps());
    // Remarks come first, as the passes made them before any failure.
    let mut diagnostics = pipeline.take_remarks();
    if let Err(diag) = result {
        if let (Some(path), Some(before)) = (&options.reproducer, before) {
            let text = format!(
                "// ml-opt reproducer: replay with `ml-opt --run-reproducer {path}`\n{REPRODUCER_PIPELINE}{}\n{before}",
                pipeline.pipeline_text()
            );
            let note = match std::fs::write(path, text) {
                Ok(()) => format!("pipeline failed; reproducer written to '{path}'"),
                Err(e) => format!("pipeline failed; cannot write reproducer '{path}': {e}"),
            };
            let location = ir.op(module).location;
            diagnostics.push(diag.with_note(location, note));
            return (None, diagnostics);
        }
        diagnostics.push(diag);
        return (None, diagnostics);
    }
    let start = Instant::now();
    let print_options = PrintOptions { generic: options.print_generic, debug_info: options.print_debuginfo };
    let text = print_op(&ir, module, print_options);
    pipeline.record_time("Output", start.elapsed());
    (Some(text), diagnostics)
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

fn write_output(path: &str, text: &str) -> Result<(), String> {
    if path == "-" {
        let mut out = std::io::stdout().lock();
        // A closed pipe (`| head`) is not an error worth reporting.
        let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write output file '{path}': {e}"))
}
