//! The dialect-conversion driver on a small lowering: integer adds on
//! `index` become adds on `i64`, with casts bridging converted and
//! unconverted values, and a precise error for an op with no lowering.

use std::sync::Arc;

use ir::rewrite::{apply_conversion, ConversionMode, ConversionPattern, ConversionTarget, PatternRewriter, TypeConverter};
use ir::types::TypeData;
use ir::{Ir, OpId, Type, Value};

/// `arith.addi` on index becomes `arith.addi` on i64.
struct AddOnI64;

impl ConversionPattern for AddOnI64 {
    fn root(&self) -> &'static str {
        "arith.addi"
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        converter: &TypeConverter,
        rewriter: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = rewriter.ir();
        let ty = converter.convert(ir.ctx(), ir.value_type(ir.result(op, 0)));
        let location = ir.op(op).location;
        let add = rewriter.create_op(op, "arith.addi", location, operands, &[ty], &[]);
        Some(vec![rewriter.ir().result(add, 0)])
    }
}

fn setup(text: &str) -> (Ir, OpId) {
    let ctx = ir::Context::new();
    dialects_all::register_all(&ctx);
    let ctx = Arc::new(ctx);
    let file = ctx.add_source_file(ir::SourceFile::new("t.mlir", text.into(), 0));
    ir::syntax::parse_source(&ctx, file).unwrap_or_else(|d| panic!("{}", d.message))
}

fn index_to_i64() -> TypeConverter {
    let mut converter = TypeConverter::default();
    converter.add_rule(|ctx, ty| matches!(ty.data(ctx), TypeData::Index).then(|| Type::integer(ctx, 64)));
    converter
}

fn target() -> ConversionTarget {
    ConversionTarget::default()
        .legal_dialect("func")
        .legal_dialect("builtin")
        .legal_op("arith.constant")
        .dynamically_legal_op("arith.addi", |ir, op| !ir.value_type(ir.result(op, 0)).is_index(ir.ctx()))
}

#[test]
fn converts_and_bridges_types() {
    let (mut ir, module) = setup(
        "func.func @f(%a: index, %b: index) -> index {\n  %0 = arith.addi %a, %b : index\n  %1 = arith.addi %0, %a : index\n  return %1 : index\n}\n",
    );
    let patterns: Vec<Box<dyn ConversionPattern>> = vec![Box::new(AddOnI64)];
    apply_conversion(&mut ir, module, &target(), &index_to_i64(), &patterns, ConversionMode::Full).expect("converts");
    ir::verifier::verify(&ir, module).expect("valid after conversion");
    let text = ir::syntax::print_op(&ir, module, Default::default());
    // The second add uses the first's i64 result directly and reuses the
    // cast of %arg0; only the function boundary needs casts.
    let expected = "module {\n  func.func @f(%arg0: index, %arg1: index) -> index {\n    %0 = builtin.unrealized_conversion_cast %arg0 : index to i64\n    %1 = builtin.unrealized_conversion_cast %arg1 : index to i64\n    %2 = arith.addi %0, %1 : i64\n    %3 = arith.addi %2, %0 : i64\n    %4 = builtin.unrealized_conversion_cast %3 : i64 to index\n    return %4 : index\n  }\n}\n";
    assert_eq!(text, expected);
}

#[test]
fn an_op_without_a_lowering_is_reported_at_its_location() {
    let (mut ir, module) =
        setup("func.func @f(%a: index) -> index {\n  %0 = arith.muli %a, %a : index\n  return %0 : index\n}\n");
    let patterns: Vec<Box<dyn ConversionPattern>> = vec![Box::new(AddOnI64)];
    let err = apply_conversion(&mut ir, module, &target(), &index_to_i64(), &patterns, ConversionMode::Full)
        .expect_err("muli has no lowering");
    assert_eq!(err.message, "failed to legalize operation 'arith.muli'");
    // At the op's name, as upstream locates ops.
    assert_eq!(err.location.file_line_col(ir.ctx()).map(|(_, l, c)| (l, c)), Some((2, 8)));
    // A partial conversion leaves ops of unknown legality alone.
    let (mut ir, module) =
        setup("func.func @f(%a: index) -> index {\n  %0 = arith.muli %a, %a : index\n  return %0 : index\n}\n");
    apply_conversion(&mut ir, module, &target(), &index_to_i64(), &patterns, ConversionMode::Partial).expect("nothing illegal");
}
