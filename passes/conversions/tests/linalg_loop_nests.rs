//! The loop nests `lower_to_loops` builds, read back from the IR: how many
//! loops, of which kind, over which bounds, and which element each load
//! and store touches (as an expression of the loop indices `d0, d1, ...`).
//! Until a JIT can run them, this is what says the nests compute the op.

use std::sync::Arc;

use dialect_arith as arith;
use dialect_linalg::Structured;
use dialect_memref as memref;
use dialect_scf as scf;
use ir::body::WalkOrder;
use ir::rewrite::PatternRewriter;
use ir::{Ir, OpId, Value};
use passes_conversions::linalg_to_loops::{lower_to_loops, LoopKind, LoweredLoops};

/// Parses `text` and returns it with its only structured op.
fn parse(text: &str) -> (Ir, OpId, OpId) {
    let ctx = ir::Context::new();
    dialects_all::register_all(&ctx);
    let ctx = Arc::new(ctx);
    let file = ctx.add_source_file(ir::SourceFile::new("nest.mlir", text.into(), 0));
    let (ir, module) = ir::syntax::parse_source(&ctx, file).unwrap_or_else(|d| panic!("{}", d.message));
    ir::verifier::verify(&ir, module).unwrap_or_else(|d| panic!("{}", d.message));
    let op = ir.walk_collect(module, WalkOrder::PreOrder).into_iter().find(|&o| Structured::of(&ir, o).is_some());
    (ir, module, op.expect("a structured op"))
}

/// Lowers the structured op of `text` and checks that the result verifies.
fn lower(text: &str, kind: LoopKind) -> (Ir, LoweredLoops) {
    let (mut ir, module, op) = parse(text);
    let lowered = lower_to_loops(&mut PatternRewriter::new(&mut ir), op, kind).expect("lowers");
    ir::verifier::verify(&ir, module).unwrap_or_else(|d| panic!("invalid after lowering: {}", d.message));
    assert!(ir.is_erased(op), "the structured op is replaced");
    (ir, lowered)
}

/// `v` in terms of loop indices, function arguments and constants.
fn show(ir: &Ir, v: Value, ivs: &[Value]) -> String {
    if let Some(i) = ivs.iter().position(|&iv| iv == v) {
        return format!("d{i}");
    }
    let Some(def) = ir.defining_op(v) else {
        return format!(
            "%arg{}",
            ir.block_arguments(ir.value_parent_block(v).expect("in a block")).iter().position(|&a| a == v).unwrap_or(99)
        );
    };
    let operands = ir.operands(def);
    if ir.isa::<arith::ConstantOp>(def) {
        let value = ir.attr(def, "value").and_then(|a| a.as_integer(ir.ctx())).expect("integer constant");
        return value.to_string();
    }
    if ir.isa::<arith::AddIOp>(def) {
        return format!("({} + {})", show(ir, operands[0], ivs), show(ir, operands[1], ivs));
    }
    if ir.isa::<arith::MulIOp>(def) {
        return format!("{} * {}", show(ir, operands[0], ivs), show(ir, operands[1], ivs));
    }
    if ir.isa::<memref::DimOp>(def) {
        return format!("dim({}, {})", show(ir, operands[0], ivs), show(ir, operands[1], ivs));
    }
    ir.op_name_str(def).to_string()
}

/// Every load and store under the loop nest, in order: `load %arg0[d0, d2]`.
fn accesses(ir: &Ir, lowered: &LoweredLoops) -> Vec<String> {
    let ivs = &lowered.induction_variables;
    let outer = lowered.loops[0];
    let list = |values: &[Value]| values.iter().map(|&v| show(ir, v, ivs)).collect::<Vec<_>>().join(", ");
    ir.walk_collect(outer, WalkOrder::PreOrder)
        .into_iter()
        .filter_map(|op| {
            if let Some(load) = ir.dyn_cast::<memref::LoadOp>(op) {
                return Some(format!("load {}[{}]", show(ir, load.memref(ir), ivs), list(load.indices(ir))));
            }
            let store = ir.dyn_cast::<memref::StoreOp>(op)?;
            let stored = ir.defining_op(store.value(ir)).map_or("?", |d| ir.op_name_str(d));
            Some(format!("store {stored} -> {}[{}]", show(ir, store.memref(ir), ivs), list(store.indices(ir))))
        })
        .collect()
}

/// Each loop op: its kind and, per loop it holds, `lower..upper step s`.
fn loops(ir: &Ir, lowered: &LoweredLoops) -> Vec<String> {
    let ivs = &lowered.induction_variables;
    lowered
        .loops
        .iter()
        .map(|&op| {
            let (kind, lower, upper, step) = if let Some(f) = ir.dyn_cast::<scf::ForOp>(op) {
                ("for", vec![f.lowerBound(ir)], vec![f.upperBound(ir)], vec![f.step(ir)])
            } else {
                let p = ir.dyn_cast::<scf::ParallelOp>(op).expect("scf.for or scf.parallel");
                ("parallel", p.lowerBound(ir).to_vec(), p.upperBound(ir).to_vec(), p.step(ir).to_vec())
            };
            let ranges: Vec<String> = (0..lower.len())
                .map(|i| format!("{}..{} step {}", show(ir, lower[i], ivs), show(ir, upper[i], ivs), show(ir, step[i], ivs)))
                .collect();
            format!("{kind} {}", ranges.join(", "))
        })
        .collect()
}

/// Each loop is nested in the one before it.
fn assert_perfectly_nested(ir: &Ir, lowered: &LoweredLoops) {
    for pair in lowered.loops.windows(2) {
        assert_eq!(ir.parent_op(pair[1]), Some(pair[0]), "loops are nested in order");
    }
}

const MATMUL: &str = r#"
func.func @matmul(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %c: memref<?x?xf32>) {
  linalg.matmul ins(%a, %b : memref<?x?xf32>, memref<?x?xf32>) outs(%c : memref<?x?xf32>)
  return
}
"#;

#[test]
fn matmul_is_three_loops_over_the_operand_sizes() {
    let (ir, lowered) = lower(MATMUL, LoopKind::Sequential);
    assert_perfectly_nested(&ir, &lowered);
    assert_eq!(
        loops(&ir, &lowered),
        ["for 0..dim(%arg0, 0) step 1", "for 0..dim(%arg1, 1) step 1", "for 0..dim(%arg0, 1) step 1"]
    );
    assert_eq!(
        accesses(&ir, &lowered),
        ["load %arg0[d0, d2]", "load %arg1[d2, d1]", "load %arg2[d0, d1]", "store arith.addf -> %arg2[d0, d1]"]
    );
}

#[test]
fn matmul_in_parallel_loops_keeps_the_reduction_sequential() {
    let (ir, lowered) = lower(MATMUL, LoopKind::Parallel);
    assert_perfectly_nested(&ir, &lowered);
    assert_eq!(
        loops(&ir, &lowered),
        ["parallel 0..dim(%arg0, 0) step 1, 0..dim(%arg1, 1) step 1", "for 0..dim(%arg0, 1) step 1"]
    );
    assert_eq!(lowered.induction_variables.len(), 3);
    assert_eq!(accesses(&ir, &lowered)[3], "store arith.addf -> %arg2[d0, d1]");
}

#[test]
fn strided_convolution_reads_its_input_through_a_window() {
    let (ir, lowered) = lower(
        r#"
func.func @conv(%in: memref<1x10x10x3xf32>, %f: memref<3x3x3x8xf32>, %out: memref<1x4x4x8xf32>) {
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%in, %f : memref<1x10x10x3xf32>, memref<3x3x3x8xf32>) outs(%out : memref<1x4x4x8xf32>)
  return
}
"#,
        LoopKind::Sequential,
    );
    assert_perfectly_nested(&ir, &lowered);
    // (n, oh, ow, f, kh, kw, c), sized by the output, then the filter.
    assert_eq!(
        loops(&ir, &lowered),
        [
            "for 0..1 step 1",
            "for 0..4 step 1",
            "for 0..4 step 1",
            "for 0..8 step 1",
            "for 0..3 step 1",
            "for 0..3 step 1",
            "for 0..3 step 1"
        ]
    );
    assert_eq!(
        accesses(&ir, &lowered),
        [
            "load %arg0[d0, (d1 * 2 + d4), (d2 * 2 + d5), d6]",
            "load %arg1[d4, d5, d6, d3]",
            "load %arg2[d0, d1, d2, d3]",
            "store arith.addf -> %arg2[d0, d1, d2, d3]"
        ]
    );
}

#[test]
fn linalg_index_becomes_the_induction_variable() {
    let (ir, lowered) = lower(
        r#"
func.func @reduce(%in: memref<?x8xi32>, %out: memref<?xi32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
                  iterator_types = ["parallel", "reduction"]}
    ins(%in : memref<?x8xi32>) outs(%out : memref<?xi32>) {
  ^bb0(%x: i32, %acc: i32):
    %j = linalg.index 1 : index
    %ji = arith.index_cast %j : index to i32
    %m = arith.muli %x, %ji : i32
    %s = arith.addi %acc, %m : i32
    linalg.yield %s : i32
  }
  return
}
"#,
        LoopKind::Parallel,
    );
    assert_perfectly_nested(&ir, &lowered);
    assert_eq!(loops(&ir, &lowered), ["parallel 0..dim(%arg0, 0) step 1", "for 0..8 step 1"]);
    assert_eq!(accesses(&ir, &lowered), ["load %arg0[d0, d1]", "load %arg1[d0]", "store arith.addi -> %arg1[d0]"]);
    let ops = ir.walk_collect(lowered.loops[0], WalkOrder::PreOrder);
    assert!(ops.iter().all(|&o| !ir.isa::<dialect_linalg::IndexOp>(o)), "no linalg.index is left");
    let cast = ops.iter().copied().find(|&o| ir.isa::<arith::IndexCastOp>(o)).expect("the cast of the index");
    assert_eq!(ir.operands(cast)[0], lowered.induction_variables[1], "the reduction loop's index");
}

#[test]
fn a_broadcast_operand_is_read_at_fewer_indices() {
    let (ir, lowered) = lower(
        r#"
func.func @bias(%row: memref<8xf32>, %col: memref<4xf32>, %s: f32, %out: memref<4x8xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> ()>,
                                   affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
    ins(%row, %col, %s : memref<8xf32>, memref<4xf32>, f32) outs(%out : memref<4x8xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32, %o: f32):
    %a = arith.addf %x, %y : f32
    %b = arith.mulf %a, %z : f32
    linalg.yield %b : f32
  }
  return
}
"#,
        LoopKind::Sequential,
    );
    assert_perfectly_nested(&ir, &lowered);
    // The output's rows come from %col (d0), its columns from %row (d1).
    assert_eq!(loops(&ir, &lowered), ["for 0..4 step 1", "for 0..8 step 1"]);
    // The scalar is used as it is, and the output, never read, is not loaded.
    assert_eq!(accesses(&ir, &lowered), ["load %arg0[d1]", "load %arg1[d0]", "store arith.mulf -> %arg3[d0, d1]"]);
    let mul = ir.walk_collect(lowered.loops[0], WalkOrder::PreOrder).into_iter().find(|&o| ir.isa::<arith::MulFOp>(o));
    assert_eq!(show(&ir, ir.operands(mul.expect("the multiplication"))[1], &[]), "%arg2");
}

#[test]
fn ops_on_tensors_are_not_lowered() {
    let (mut ir, _, op) = parse(
        "func.func @t(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {\n  %0 = linalg.add ins(%a, %a : tensor<4xf32>, tensor<4xf32>) outs(%b : tensor<4xf32>) -> tensor<4xf32>\n  return %0 : tensor<4xf32>\n}\n",
    );
    let why = lower_to_loops(&mut PatternRewriter::new(&mut ir), op, LoopKind::Sequential).expect_err("on tensors");
    assert!(why.0.contains("buffer semantics"), "{}", why.0);
    assert!(!ir.is_erased(op));
}
