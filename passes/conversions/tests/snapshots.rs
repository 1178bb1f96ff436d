//! Snapshots of whole pass outputs on representative inputs, run through
//! the pass manager as a tool would: a change in what a lowering produces
//! shows up as a reviewed snapshot diff.

use std::sync::Arc;

use ir::pass::{PassManager, PassRegistry};

/// `text` after the passes `names`, in order, printed.
fn run(text: &str, names: &[&str]) -> String {
    let mut ctx = ir::Context::new();
    ctx.allow_unregistered = true;
    dialects_all::register_all(&ctx);
    let ctx = Arc::new(ctx);
    let file = ctx.add_source_file(ir::SourceFile::new("input.mlir", text.into(), 0));
    let (mut ir, module) = ir::syntax::parse_source(&ctx, file).unwrap_or_else(|d| panic!("{}", d.message));
    ir::verifier::verify(&ir, module).unwrap_or_else(|d| panic!("{}", d.message));
    let mut registry = PassRegistry::new();
    passes_conversions::register(&mut registry);
    let mut pm = PassManager::new();
    for name in names {
        pm.add_pass(&registry, name, "").unwrap_or_else(|e| panic!("{e}"));
    }
    pm.run(&mut ir, module).unwrap_or_else(|d| panic!("{}", d.message));
    ir::syntax::print_op(&ir, module, Default::default())
}

const LINALG: &str = r#"
func.func @matmul(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %c: memref<?x?xf32>) {
  linalg.matmul ins(%a, %b : memref<?x?xf32>, memref<?x?xf32>) outs(%c : memref<?x?xf32>)
  return
}
func.func @conv(%in: memref<1x10x10x3xf32>, %f: memref<3x3x3x8xf32>, %out: memref<1x4x4x8xf32>) {
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%in, %f : memref<1x10x10x3xf32>, memref<3x3x3x8xf32>) outs(%out : memref<1x4x4x8xf32>)
  return
}
func.func @weighted_row_sums(%in: memref<?x8xf32>, %w: memref<8xf32>, %out: memref<?xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>],
                  iterator_types = ["parallel", "reduction"]}
    ins(%in, %w : memref<?x8xf32>, memref<8xf32>) outs(%out : memref<?xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %j = linalg.index 1 : index
    %jf = arith.index_cast %j : index to i32
    %k = arith.sitofp %jf : i32 to f32
    %p = arith.mulf %x, %y : f32
    %q = arith.mulf %p, %k : f32
    %s = arith.addf %acc, %q : f32
    linalg.yield %s : f32
  }
  return
}
func.func @on_tensors(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = linalg.add ins(%a, %a : tensor<4xf32>, tensor<4xf32>) outs(%b : tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
"#;

const SCF: &str = r#"
func.func @mix(%lb: index, %ub: index, %step: index, %c: i1, %x: i32) -> i32 {
  %zero = arith.constant 0.0 : f32
  %r = scf.for %i = %lb to %ub step %step iter_args(%acc = %x) -> (i32) {
    %v = scf.if %c -> i32 {
      %w = scf.while (%a = %acc) : (i32) -> i32 {
        %t = "test.cond"(%a) : (i32) -> i1
        scf.condition(%t) %a : i32
      } do {
      ^bb0(%b: i32):
        %n = "test.next"(%b) : (i32) -> i32
        scf.yield %n : i32
      }
      scf.yield %w : i32
    } else {
      %s = scf.index_switch %i -> i32
      case 1 {
        %one = arith.constant 1 : i32
        scf.yield %one : i32
      }
      default {
        scf.yield %acc : i32
      }
      scf.yield %s : i32
    }
    %sum = scf.parallel (%j) = (%lb) to (%ub) step (%step) init (%zero) -> f32 {
      %e = scf.execute_region -> f32 {
        %y = "test.val"(%i, %j) : (index, index) -> f32
        scf.yield %y : f32
      }
      scf.reduce(%e : f32) {
      ^bb0(%p: f32, %q: f32):
        %m = arith.maximumf %p, %q : f32
        scf.reduce.return %m : f32
      }
    }
    "test.use"(%sum) : (f32) -> ()
    scf.yield %v : i32
  }
  scf.forall (%k) in (4) {
    "test.thread"(%k) : (index) -> ()
  }
  return %r : i32
}
"#;

#[test]
fn convert_linalg_to_loops() {
    insta::assert_snapshot!(run(LINALG, &["convert-linalg-to-loops"]));
}

#[test]
fn convert_linalg_to_parallel_loops() {
    insta::assert_snapshot!(run(LINALG, &["convert-linalg-to-parallel-loops"]));
}

#[test]
fn convert_scf_to_cf() {
    insta::assert_snapshot!(run(SCF, &["convert-scf-to-cf"]));
}

/// The two lowerings together: linalg on buffers down to blocks and branches.
#[test]
fn linalg_to_loops_then_scf_to_cf() {
    insta::assert_snapshot!(run(LINALG, &["convert-linalg-to-parallel-loops", "convert-scf-to-cf"]));
}
