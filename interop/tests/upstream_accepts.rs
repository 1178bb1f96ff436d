//! Upstream MLIR 22 parses and verifies everything we print for the lit
//! test inputs that we accept: each file (each `// -----` chunk) is parsed,
//! verified and printed by us, in custom and in generic form, and the text is
//! handed to upstream through melior. One trial per file.

use std::path::Path;
use std::sync::Arc;

use libtest_mimic::{Arguments, Failed, Trial};

/// Our printed text of one chunk, or `None` when we reject the chunk.
fn print_ours(text: &str, allow_unregistered: bool, generic: bool) -> Option<String> {
    let mut ctx = ir::Context::new();
    ctx.allow_unregistered = allow_unregistered;
    dialects_all::register_all(&ctx);
    let ctx = Arc::new(ctx);
    let file = ctx.add_source_file(ir::SourceFile::new("input.mlir", text.into(), 0));
    let (ir, module) = ir::syntax::parse_source(&ctx, file).ok()?;
    ir::verifier::verify(&ir, module).ok()?;
    Some(ir::syntax::print_op(&ir, module, ir::syntax::PrintOptions { generic, debug_info: false }))
}

fn check(path: &Path) -> Result<(), Failed> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let allow_unregistered = text.contains("--allow-unregistered-dialect");
    let upstream = interop::Upstream::new(allow_unregistered);
    let mut checked = 0;
    for chunk in ir::split_input::split_input(&text, "// -----") {
        for generic in [false, true] {
            let Some(printed) = print_ours(&chunk.text, allow_unregistered, generic) else {
                continue;
            };
            upstream.check(&printed).map_err(|e| format!("upstream rejected our output:\n{printed}\n{e}"))?;
            checked += 1;
        }
    }
    // A file with a RUN line that expects success must have produced output.
    let expects_success = !text.contains("--verify-diagnostics") && !text.contains("RUN: not ");
    if expects_success && checked == 0 {
        return Err("we rejected an input that our lit test expects to succeed".into());
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let trials =
        test_support::lit_inputs().into_iter().map(|p| Trial::test(test_support::test_name(&p), move || check(&p))).collect();
    libtest_mimic::run(&args, trials).exit();
}
