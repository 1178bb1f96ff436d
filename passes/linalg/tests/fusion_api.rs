//! The fusion library as a tiling pass or a test generator would use it:
//! the producer-consumer graph, one checked pair at a time, the driver
//! with a control closure, and named ops built from Rust.

use std::sync::Arc;

use dialect_linalg::named::build_named;
use dialect_linalg::{AddOp, ExpOp, GenericOp, MatmulOp, Structured};
use ir::body::WalkOrder;
use ir::rewrite::PatternRewriter;
use ir::{Ir, OpId};
use passes_linalg::elementwise_fusion::{check_fusion, fuse, NotFused};
use passes_linalg::fuse::{fuse_elementwise_ops, FuseOptions};
use passes_linalg::fusion_graph::{FusionEdge, FusionGraph};

fn parse(text: &str) -> (Ir, OpId) {
    let ctx = ir::Context::new();
    dialects_all::register_all(&ctx);
    let ctx = Arc::new(ctx);
    let file = ctx.add_source_file(ir::SourceFile::new("input.mlir", text.into(), 0));
    let (ir, module) = ir::syntax::parse_source(&ctx, file).unwrap_or_else(|d| panic!("{}", d.message));
    ir::verifier::verify(&ir, module).unwrap_or_else(|d| panic!("{}", d.message));
    (ir, module)
}

fn structured_ops(ir: &Ir, root: OpId) -> Vec<OpId> {
    ir.walk_collect(root, WalkOrder::PreOrder).into_iter().filter(|&o| Structured::of(ir, o).is_some()).collect()
}

fn names(ir: &Ir, root: OpId) -> Vec<String> {
    structured_ops(ir, root).iter().map(|&o| ir.op_name_str(o).to_string()).collect()
}

/// exp -> add <- log, and the add's result read twice by a mul.
const DIAMOND: &str = r#"
func.func @f(%a: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8xf32>
  %0 = linalg.exp ins(%a : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %1 = linalg.log ins(%b : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %2 = linalg.add ins(%0, %1 : tensor<8xf32>, tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %3 = linalg.mul ins(%2, %2 : tensor<8xf32>, tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  return %3 : tensor<8xf32>
}
"#;

#[test]
fn the_graph_has_an_edge_per_operand_read_from_a_structured_op() {
    let (ir, module) = parse(DIAMOND);
    let ops = structured_ops(&ir, module);
    let block = ir.op_parent_block(ops[0]).expect("in a block");
    let graph = FusionGraph::build(&ir, block);
    assert_eq!(graph.topological_order(), ops);
    let (exp, log, add, mul) = (ops[0], ops[1], ops[2], ops[3]);
    assert_eq!(
        graph.producers(add),
        vec![(exp, FusionEdge { result: 0, operand: 0 }), (log, FusionEdge { result: 0, operand: 1 })]
    );
    assert_eq!(graph.consumers(add).len(), 2, "the mul reads the add twice");
    assert!(graph.producers(exp).is_empty());
    assert!(graph.consumers(mul).is_empty());
    assert_eq!(graph.edges().len(), 4);
    let dot = graph.to_dot(&ir);
    assert!(dot.contains("linalg.exp (line 4)") && dot.contains("#0 -> #1"), "{dot}");
}

#[test]
fn one_pair_at_a_time() {
    let (mut ir, module) = parse(DIAMOND);
    let ops = structured_ops(&ir, module);
    let (exp, add, mul) = (ops[0], ops[2], ops[3]);
    // The add is read by both operands of the mul, through the same map: one fusion.
    let candidate = check_fusion(&ir, add, mul, 1).expect("fusable");
    assert_eq!(candidate.operands, vec![0, 1]);
    assert_eq!(candidate.other_uses(&ir), 0);
    // An init is not fused.
    assert_eq!(check_fusion(&ir, exp, add, 2), Err(NotFused::NotStructured));
    let candidate = check_fusion(&ir, exp, add, 0).expect("fusable");
    let mut rewriter = PatternRewriter::new(&mut ir);
    let fused = fuse(&mut rewriter, &candidate);
    assert!(fused.producer_erased);
    assert!(rewriter.ir().isa::<GenericOp>(fused.op));
    ir::verifier::verify(&ir, module).unwrap_or_else(|d| panic!("{}", d.message));
    assert_eq!(names(&ir, module), ["linalg.log", "linalg.generic", "linalg.mul"]);
}

#[test]
fn the_control_closure_vetoes_pairs() {
    let (mut ir, module) = parse(DIAMOND);
    let mut rewriter = PatternRewriter::new(&mut ir);
    // Never fuse a log.
    let no_logs = |ir: &Ir, producer: OpId, _consumer: OpId, _operand: usize| ir.op_name_str(producer) != "linalg.log";
    let report = fuse_elementwise_ops(&mut rewriter, module, &FuseOptions::default(), &no_logs, true);
    ir::verifier::verify(&ir, module).unwrap_or_else(|d| panic!("{}", d.message));
    assert_eq!(names(&ir, module), ["linalg.log", "linalg.generic"], "exp, add and mul in one op");
    assert_eq!(report.fused, 2);
    let refusals: Vec<&str> = report.remarks.iter().map(|(_, m)| m.as_str()).filter(|m| m.starts_with("not fused")).collect();
    assert_eq!(refusals, ["not fused: rejected by the fusion control function ('linalg.log' at 5:8, operand #1)"]);
}

#[test]
fn options_map_onto_the_policy() {
    let text = r#"
func.func @f(%a: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %e = tensor.empty() : tensor<8xf32>
  %0 = linalg.exp ins(%a : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %1 = linalg.log ins(%0 : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  return %0, %1 : tensor<8xf32>, tensor<8xf32>
}
"#;
    let (ir, module) = parse(text);
    let ops = structured_ops(&ir, module);
    let strict = FuseOptions::default();
    let lenient = FuseOptions { allow_multi_use: true, ..FuseOptions::default() };
    let tight = FuseOptions { allow_multi_use: true, max_duplicated_ops: 0, ..FuseOptions::default() };
    assert!(!strict.control()(&ir, ops[0], ops[1], 0), "the exp is also returned");
    assert!(lenient.control()(&ir, ops[0], ops[1], 0));
    assert!(!tight.control()(&ir, ops[0], ops[1], 0), "one body op is too many");

    let (mut ir, module) = parse(text);
    let mut rewriter = PatternRewriter::new(&mut ir);
    fuse_elementwise_ops(&mut rewriter, module, &lenient, &|_, _, _, _| true, false);
    ir::verifier::verify(&ir, module).unwrap_or_else(|d| panic!("{}", d.message));
    assert_eq!(names(&ir, module), ["linalg.exp", "linalg.generic"], "the exp stays for the return, a copy is fused");
}

#[test]
fn named_ops_are_built_with_their_bodies() {
    let (mut ir, module) = parse(
        r#"
func.func @f(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<4x16xf32>, %x: tensor<4x8xf32>) {
  return
}
"#,
    );
    let func = ir.walk_collect(module, WalkOrder::PreOrder)[1];
    let entry = ir.entry_block(ir.regions(func)[0]).expect("a body");
    let args = ir.block_arguments(entry).to_vec();
    let ret = ir.first_op(entry).expect("the return");
    let location = ir.op(func).location;
    let mm = build_named::<MatmulOp>(&mut ir, location, &[args[0], args[1]], &[args[2]], &[]).expect("builds");
    ir.insert_op_before(ret, mm.0);
    let exp = build_named::<ExpOp>(&mut ir, location, &[args[3]], &[args[3]], &[]).expect("builds");
    ir.insert_op_before(ret, exp.0);
    let exp_result = ir.result(exp.0, 0);
    let add = build_named::<AddOp>(&mut ir, location, &[args[3], exp_result], &[args[3]], &[]).expect("builds");
    ir.insert_op_before(ret, add.0);
    ir::verifier::verify(&ir, module).unwrap_or_else(|d| panic!("{}", d.message));
    let text = ir::syntax::print_op(&ir, module, Default::default());
    assert!(
        text.contains("linalg.matmul ins(%arg0, %arg1 : tensor<4x8xf32>, tensor<8x16xf32>) outs(%arg2 : tensor<4x16xf32>)"),
        "{text}"
    );
    assert!(text.contains("%2 = linalg.add ins(%arg3, %1 : tensor<4x8xf32>, tensor<4x8xf32>)"), "{text}");
    let s = Structured::of(&ir, mm.0).expect("structured");
    assert_eq!(ir.block_ops(s.block().expect("a body")).count(), 3, "mulf, addf, yield");
    // Operands that do not fit the op are an error, not a panic.
    assert!(build_named::<MatmulOp>(&mut ir, location, &[args[0]], &[args[2]], &[]).is_err());
}
