//! The analyses on real IR: dominance, the call graph and liveness, and
//! how the analysis manager caches and invalidates them.

use std::sync::Arc;

use ir::analysis::{Analysis, AnalysisManager, CallGraph, DominanceInfo, Liveness, Preserved};
use ir::{Ir, OpId};

fn parse(text: &str) -> (Ir, OpId) {
    let ctx = ir::Context::new();
    dialects_all::register_all(&ctx);
    let ctx = Arc::new(ctx);
    let file = ctx.add_source_file(ir::SourceFile::new("t.mlir", text.into(), 0));
    let (ir, module) = ir::syntax::parse_source(&ctx, file).unwrap_or_else(|d| panic!("{}", d.message));
    ir::verifier::verify(&ir, module).unwrap_or_else(|d| panic!("{}", d.message));
    (ir, module)
}

/// The function named `name` and its blocks.
fn function(ir: &Ir, module: OpId, name: &str) -> (OpId, Vec<ir::BlockId>) {
    let body = ir.entry_block(ir.regions(module)[0]).expect("module block");
    let func = ir.block_ops(body).find(|&o| ir.symbol_name(o) == Some(name)).expect("function exists");
    (func, ir.region_blocks(ir.regions(func)[0]).to_vec())
}

const CFG: &str = r#"
func.func @diamond(%c: i1, %x: i32) -> i32 {
  %one = arith.constant 1 : i32
  cf.cond_br %c, ^left, ^right
^left:
  %a = arith.addi %x, %one : i32
  cf.br ^join(%a : i32)
^right:
  cf.br ^join(%x : i32)
^join(%r: i32):
  %s = arith.addi %r, %one : i32
  return %s : i32
}
func.func @leaf() { return }
func.func @middle() { call @leaf() : () -> () return }
func.func @top() { call @middle() : () -> () call @leaf() : () -> () return }
func.func @ping() { call @pong() : () -> () return }
func.func @pong() { call @ping() : () -> () return }
"#;

#[test]
fn dominance_of_a_diamond() {
    let (ir, module) = parse(CFG);
    let (func, blocks) = function(&ir, module, "diamond");
    let dom = DominanceInfo::compute(&ir, func);
    let [entry, left, right, join] = blocks[..] else { panic!("four blocks") };
    assert!(dom.block_dominates(entry, join));
    assert!(!dom.block_dominates(left, join));
    assert!(!dom.block_dominates(right, join));
    assert_eq!(dom.immediate_dominator(join), Some(entry));
    assert_eq!(dom.immediate_dominator(entry), None);
    let first = ir.first_op(entry).expect("constant");
    let last = ir.first_op(join).expect("addi");
    assert!(dom.properly_dominates(&ir, first, last));
    assert!(!dom.properly_dominates(&ir, last, first));
}

#[test]
fn liveness_across_blocks() {
    let (ir, module) = parse(CFG);
    let (func, blocks) = function(&ir, module, "diamond");
    let live = Liveness::compute(&ir, func);
    let [entry, left, right, join] = blocks[..] else { panic!("four blocks") };
    let one = ir.result(ir.first_op(entry).expect("constant"), 0);
    let x = ir.block_arguments(entry)[1];
    // %one is used in ^left and ^join, so it is live out of every block before them.
    assert!(live.live_out(entry).contains(&one) && live.live_out(entry).contains(&x));
    assert!(live.live_in(left).contains(&one) && live.live_in(right).contains(&one));
    assert!(live.live_in(join).contains(&one));
    assert!(!live.live_in(join).contains(&x), "x flows into ^join only as a block argument");
    assert!(live.live_out(join).is_empty());
}

#[test]
fn call_graph_edges_and_recursion() {
    let (ir, module) = parse(CFG);
    let graph = CallGraph::compute(&ir, module);
    let f = |name| function(&ir, module, name).0;
    assert_eq!(graph.callees(f("top")), vec![f("middle"), f("leaf")]);
    assert_eq!(graph.callers(f("leaf")), vec![f("middle"), f("top")]);
    assert!(graph.is_recursive(f("ping")) && graph.is_recursive(f("pong")));
    assert!(!graph.is_recursive(f("top")));
    let dot = graph.to_dot(&ir);
    assert!(dot.contains("[label=\"@top\"]") && dot.matches("->").count() == 5, "{dot}");
}

#[test]
fn the_manager_caches_and_invalidates() {
    let (ir, module) = parse(CFG);
    let manager = AnalysisManager::default();
    let first = manager.get::<CallGraph>(&ir, module);
    assert!(Arc::ptr_eq(&first, &manager.get::<CallGraph>(&ir, module)), "served from the cache");
    let mut keep = Preserved::default();
    keep.preserve::<CallGraph>();
    manager.get::<DominanceInfo>(&ir, module);
    manager.invalidate(&keep);
    assert!(manager.is_cached::<CallGraph>(module));
    assert!(!manager.is_cached::<DominanceInfo>(module));
    manager.invalidate(&Preserved::default());
    assert!(!manager.is_cached::<CallGraph>(module));
}
