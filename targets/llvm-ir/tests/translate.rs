//! The translation as a library: a whole lowered module as an insta
//! snapshot of its LLVM IR, and a user's own op translated through the
//! interface, with the diagnostics for what cannot be translated.

use std::sync::Arc;

use ir::constraints::ANY_TYPE;
use ir::{define_op, Diagnostic, Dialect, Ir, OpId};
use ml_llvm_ir::{translate_module, LlvmTranslation, TranslateOptions, Translator};

define_op! {
    /// Doubles an integer: `x + x`.
    pub struct DoubleOp = "user.double" {
        operands: [input: Single(ANY_TYPE)],
        results: [output: Single(ANY_TYPE)],
        traits: [PURE],
    }
}

/// The user's translation of `user.double`.
struct TranslateDouble;

impl LlvmTranslation for TranslateDouble {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        // Asking for the result's LLVM type reports types LLVM lacks.
        t.basic_type(t.ir.value_type(t.ir.result(op, 0)), op)?;
        let x = t.value(DoubleOp(op).input(t.ir), op)?;
        let sum = t.built(op, t.builder.build_binop(ml_llvm_ir::inkwell::values::InstructionOpcode::Add, x, x, ""))?;
        t.map_result(op, sum);
        Ok(())
    }
}

fn context() -> Arc<ir::Context> {
    let ctx = ir::Context::new();
    dialects_all::register_all(&ctx);
    ctx.register_dialect(Dialect::new("user", "A user's dialect.").with_op::<DoubleOp>());
    ml_llvm_ir::register(&ctx);
    ctx.attach_interface::<dyn LlvmTranslation>("user.double", &TranslateDouble);
    Arc::new(ctx)
}

fn parse(ctx: &Arc<ir::Context>, name: &str, text: &str) -> (Ir, OpId) {
    let file = ctx.add_source_file(ir::SourceFile::new(name, text.into(), 0));
    let (ir, module) = ir::syntax::parse_source(ctx, file).unwrap_or_else(|d| panic!("{name} parses: {}", d.message));
    ir::verifier::verify(&ir, module).unwrap_or_else(|d| panic!("{name} verifies: {}", d.message));
    (ir, module)
}

/// The LLVM IR text of `text`, or the rendered diagnostic.
fn translate(text: &str) -> Result<String, String> {
    let ctx = context();
    let (ir, module) = parse(&ctx, "input.mlir", text);
    let llvm = ml_llvm_ir::inkwell::context::Context::create();
    let result = match translate_module(&ir, module, &llvm, &TranslateOptions::default()) {
        Ok(m) => Ok(m.print_to_string().to_string()),
        Err(d) => Err(ir::diagnostics::render::render_to_string(&ctx, &d)),
    };
    result
}

#[test]
fn lowered_matmul_snapshot() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../lit-tests/Dialect/llvm/lowered-matmul.mlir");
    let text = std::fs::read_to_string(path).expect("the lowered matmul is in the lit tests");
    insta::assert_snapshot!(translate(&text).expect("the lowered matmul translates"));
}

#[test]
fn a_user_op_translates_through_its_interface() {
    let out = translate("llvm.func @f(%a: i32) -> i32 {\n  %0 = \"user.double\"(%a) : (i32) -> i32\n  llvm.return %0 : i32\n}\n")
        .expect("translates");
    assert!(out.contains("%2 = add i32 %0, %0\n  ret i32 %2"), "{out}");
}

#[test]
fn a_type_without_llvm_counterpart_is_reported_at_the_op() {
    let err = translate(concat!(
        "llvm.func @f(%a: i64) {\n",
        "  %0 = \"user.double\"(%a) : (i64) -> index\n",
        "  llvm.return\n",
        "}\n"
    ))
    .expect_err("index has no LLVM type");
    assert!(err.contains("input.mlir:2:8: error: type 'index' cannot be translated to LLVM IR"), "{err}");
}

#[test]
fn an_op_without_translation_is_reported_at_the_op() {
    let err = translate("func.func @f() {\n  return\n}\n").expect_err("func.func is not translated");
    assert!(err.contains("input.mlir:1:1: error: cannot be translated to LLVM IR: 'func.func'"), "{err}");
}

#[test]
fn an_initializer_must_compute_a_constant() {
    // Upstream's verifier rejects side effects in initializers; ours leaves
    // it to the translation.
    let err = translate(concat!(
        "llvm.mlir.global internal @g() {addr_space = 0 : i32} : i64 {\n",
        "  %0 = llvm.mlir.addressof @g : !llvm.ptr\n",
        "  %1 = llvm.load %0 : !llvm.ptr -> i64\n",
        "  llvm.return %1 : i64\n",
        "}\n"
    ))
    .expect_err("a load is not a constant");
    assert!(err.contains("error: the initializer region does not compute a constant"), "{err}");
}
