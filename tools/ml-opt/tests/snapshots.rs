//! Snapshots of whole outputs: the printer's custom and generic forms of a
//! module that uses every dialect, and rendered diagnostics. A change in
//! what we print shows up as a reviewed snapshot diff.

use std::sync::Arc;

fn context() -> Arc<ir::Context> {
    let mut ctx = ir::Context::new();
    ctx.allow_unregistered = true;
    dialects_all::register_all(&ctx);
    Arc::new(ctx)
}

const MODULE: &str = r#"
#map = affine_map<(d0, d1) -> (d1, d0)>
module @demo attributes {test.flag} {
  func.func private @ext(memref<4x?xf32, strided<[?, 1], offset: ?>>) -> i1
  func.func @main(%n: index, %x: f32, %m: memref<2x3xf32, #map>) -> (f32, i32) {
    %c0 = arith.constant 0 : index
    %c7 = arith.constant 7 : i32
    %cst = arith.constant dense<[1.5, 2.5]> : vector<2xf32>
    %cond = arith.cmpi slt, %c0, %n : index
    cf.cond_br %cond, ^body(%x : f32), ^exit(%x, %c7 : f32, i32)
  ^body(%acc: f32):
    %y = arith.mulf %acc, %acc fastmath<fast> : f32
    %r:2 = "test.pair"(%y) ({
    ^bb0(%inner: f32):
      "test.yield"(%inner) : (f32) -> ()
    }) : (f32) -> (f32, i32)
    cf.br ^exit(%r#0, %r#1 : f32, i32)
  ^exit(%out: f32, %k: i32):
    return %out, %k : f32, i32
  }
}
"#;

fn print(text: &str, generic: bool) -> String {
    let ctx = context();
    let file = ctx.add_source_file(ir::SourceFile::new("demo.mlir", text.into(), 0));
    let (ir, module) = ir::syntax::parse_source(&ctx, file).expect("the demo module parses");
    ir::verifier::verify(&ir, module).expect("the demo module verifies");
    ir::syntax::print_op(&ir, module, ir::syntax::PrintOptions { generic, debug_info: false })
}

#[test]
fn custom_form() {
    insta::assert_snapshot!(print(MODULE, false));
}

#[test]
fn generic_form() {
    insta::assert_snapshot!(print(MODULE, true));
}

#[test]
fn locations_with_debuginfo() {
    let ctx = context();
    let text = "func.func @f(%a: i32 loc(\"in.py\":3:7)) -> i32 {\n  return %a : i32 loc(fused[\"a.c\":1:2, \"b.c\":3:4])\n}\n";
    let file = ctx.add_source_file(ir::SourceFile::new("loc.mlir", text.into(), 0));
    let (ir, module) = ir::syntax::parse_source(&ctx, file).expect("parses");
    insta::assert_snapshot!(ir::syntax::print_op(&ir, module, ir::syntax::PrintOptions { generic: false, debug_info: true }));
}

#[test]
fn rendered_diagnostics() {
    let ctx = context();
    let text = "func.func @f(%a: i32) -> i64 {\n  %b = arith.addi %a, %a : i32\n  return %b : i32\n}\n";
    let file = ctx.add_source_file(ir::SourceFile::new("bad.mlir", text.into(), 0));
    let (ir, module) = ir::syntax::parse_source(&ctx, file).expect("parses");
    let diag = ir::verifier::verify(&ir, module).expect_err("the return type is wrong");
    insta::assert_snapshot!(ir::diagnostics::render::render_to_string(&ctx, &diag));
}

/// Runs the ml-opt binary on `input` with `args`; its standard error.
fn ml_opt_stderr(input: &str, args: &[&str]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ml-opt"))
        .args(args)
        .args(["-", "-o", "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("ml-opt runs");
    child.stdin.take().expect("piped").write_all(input.as_bytes()).expect("input written");
    let output = child.wait_with_output().expect("ml-opt finishes");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const PIPELINE_INPUT: &str = "func.func @a() -> i32 {\n  %c2 = arith.constant 2 : i32\n  %c3 = arith.constant 3 : i32\n  %s = arith.addi %c2, %c3 : i32\n  %t = arith.addi %c2, %c3 : i32\n  return %s : i32\n}\n";

#[test]
fn timing_report_structure() {
    let report = ml_opt_stderr(
        PIPELINE_INPUT,
        &["--pass-pipeline=builtin.module(func.func(cse,canonicalize),symbol-dce)", "--mlir-timing"],
    );
    // Numbers vary from run to run; the tree does not.
    let numbers = regex::Regex::new(r" *[0-9]+\.[0-9]+").expect("valid regex");
    insta::assert_snapshot!(numbers.replace_all(&report, " N"));
}

#[test]
fn print_ir_after_change() {
    insta::assert_snapshot!(ml_opt_stderr(
        PIPELINE_INPUT,
        &["--cse", "--symbol-dce", "--canonicalize", "--mlir-print-ir-after-change"]
    ));
}
