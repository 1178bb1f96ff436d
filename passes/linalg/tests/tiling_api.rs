//! The tiling library used without the passes: `tile_op` on one op,
//! `tile_and_fuse` on a module, and a sweep over shapes and tile sizes of
//! matmul + bias + relu chains (static and dynamic, for and forall) whose
//! results must verify, keep every structured op inside the loop nest and
//! leave none of the original ops behind. Until programs can be executed,
//! the verifier and these structural checks say the nests are well formed.

use std::sync::Arc;

use dialect_linalg::Structured;
use dialect_scf as scf;
use ir::body::WalkOrder;
use ir::rewrite::PatternRewriter;
use ir::{Ir, OpId};
use passes_linalg::tile::{tile_op, LoopKind, TileOptions};
use passes_linalg::tile_and_fuse::tile_and_fuse;

fn parse(text: &str) -> (Ir, OpId) {
    let ctx = ir::Context::new();
    dialects_all::register_all(&ctx);
    let ctx = Arc::new(ctx);
    let file = ctx.add_source_file(ir::SourceFile::new("input.mlir", text.into(), 0));
    let (ir, module) = ir::syntax::parse_source(&ctx, file).unwrap_or_else(|d| panic!("{}\n{text}", d.message));
    ir::verifier::verify(&ir, module).unwrap_or_else(|d| panic!("{}\n{text}", d.message));
    (ir, module)
}

fn structured_ops(ir: &Ir, root: OpId) -> Vec<OpId> {
    ir.walk_collect(root, WalkOrder::PreOrder).into_iter().filter(|&o| Structured::of(ir, o).is_some()).collect()
}

fn inside_loop(ir: &Ir, op: OpId) -> bool {
    let mut parent = ir.parent_op(op);
    while let Some(p) = parent {
        if ir.isa::<scf::ForOp>(p) || ir.isa::<scf::ForallOp>(p) {
            return true;
        }
        parent = ir.parent_op(p);
    }
    false
}

#[test]
fn tile_op_reports_the_nest() {
    let (mut ir, module) = parse(
        "func.func @f(%a: tensor<128x64xf32>, %b: tensor<64x96xf32>, %c: tensor<128x96xf32>) -> tensor<128x96xf32> {
           %0 = linalg.matmul ins(%a, %b : tensor<128x64xf32>, tensor<64x96xf32>) outs(%c : tensor<128x96xf32>) -> tensor<128x96xf32>
           return %0 : tensor<128x96xf32>
         }",
    );
    let matmul = structured_ops(&ir, module)[0];
    let options = TileOptions { sizes: vec![32, 40, 16], ..TileOptions::default() };
    let nest = tile_op(&mut PatternRewriter::new(&mut ir), matmul, &options).expect("tiles");
    ir::verifier::verify(&ir, module).unwrap_or_else(|d| panic!("{}", d.message));
    assert_eq!(nest.loops.len(), 3);
    assert!(nest.tiles_reduction);
    assert_eq!(nest.sizes, vec![32, 40, 16]);
    assert_eq!(nest.tiled.slices.len(), 3, "one slice per operand");
    assert!(ir.is_erased(matmul));
    assert!(inside_loop(&ir, nest.tiled.ops[0]));

    // Too many sizes: nothing changes, the reason comes back.
    let (mut ir, module) = parse(
        "func.func @g(%x: tensor<8xf32>, %o: tensor<8xf32>) -> tensor<8xf32> {
           %0 = linalg.exp ins(%x : tensor<8xf32>) outs(%o : tensor<8xf32>) -> tensor<8xf32>
           return %0 : tensor<8xf32>
         }",
    );
    let exp = structured_ops(&ir, module)[0];
    let error = tile_op(&mut PatternRewriter::new(&mut ir), exp, &options).expect_err("not tiled");
    assert!(error.0.contains("3 tile sizes given for 1 loop"), "{}", error.0);
    assert!(!ir.is_erased(exp));
}

/// matmul (with a fill of its accumulator) + bias + relu, `m x k` times `k x n`,
/// written with `?` where `dynamic` says.
fn mlp(m: i64, n: i64, k: i64, dynamic: bool) -> String {
    let d = |v: i64| if dynamic { "?".to_string() } else { v.to_string() };
    let (mm, nn, kk) = (d(m), d(n), d(k));
    let empty = if dynamic {
        format!(
            "%c0 = arith.constant 0 : index\n %c1 = arith.constant 1 : index\n %dm = tensor.dim %a, %c0 : tensor<{mm}x{kk}xf32>\n %dn = tensor.dim %b, %c1 : tensor<{kk}x{nn}xf32>\n %e = tensor.empty(%dm, %dn) : tensor<{mm}x{nn}xf32>"
        )
    } else {
        format!("%e = tensor.empty() : tensor<{mm}x{nn}xf32>")
    };
    format!(
        "func.func @mlp(%a: tensor<{mm}x{kk}xf32>, %b: tensor<{kk}x{nn}xf32>, %bias: tensor<{nn}xf32>) -> tensor<{mm}x{nn}xf32> {{
  %zero = arith.constant 0.0 : f32
  {empty}
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<{mm}x{nn}xf32>) -> tensor<{mm}x{nn}xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<{mm}x{kk}xf32>, tensor<{kk}x{nn}xf32>) outs(%f : tensor<{mm}x{nn}xf32>) -> tensor<{mm}x{nn}xf32>
  %ba = linalg.generic {{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = [\"parallel\", \"parallel\"]}} ins(%mm, %bias : tensor<{mm}x{nn}xf32>, tensor<{nn}xf32>) outs(%e : tensor<{mm}x{nn}xf32>) {{
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }} -> tensor<{mm}x{nn}xf32>
  %r = linalg.max ins(%ba, %f : tensor<{mm}x{nn}xf32>, tensor<{mm}x{nn}xf32>) outs(%e : tensor<{mm}x{nn}xf32>) -> tensor<{mm}x{nn}xf32>
  return %r : tensor<{mm}x{nn}xf32>
}}"
    )
}

#[test]
fn mlp_chains_fuse_into_one_nest() {
    let shapes = [(128, 96, 64), (7, 5, 3), (1, 33, 2), (64, 64, 64)];
    let sizes = [vec![32, 40], vec![4, 0], vec![0, 8], vec![1, 1], vec![100, 100], vec![3]];
    for &(m, n, k) in &shapes {
        for dynamic in [false, true] {
            for tile in &sizes {
                for loop_kind in [LoopKind::For, LoopKind::Forall] {
                    let text = mlp(m, n, k, dynamic);
                    let (mut ir, module) = parse(&text);
                    let options = TileOptions { sizes: tile.clone(), interchange: Vec::new(), loop_kind };
                    let reports = tile_and_fuse(&mut ir, module, &options);
                    let context = format!("{m}x{n}x{k} dynamic={dynamic} sizes={tile:?} {loop_kind:?}");
                    ir::verifier::verify(&ir, module).unwrap_or_else(|d| panic!("{context}: invalid: {}", d.message));
                    assert_eq!(reports.len(), 1, "{context}: one root");
                    let fused = reports[0].outcome.as_ref().unwrap_or_else(|e| panic!("{context}: {}", e.0));
                    // relu root; bias, matmul and the fill (twice: for the
                    // matmul's init and for the max's second input).
                    assert_eq!(fused.fused.len(), 4, "{context}: {:?}", fused.fused);
                    let left = structured_ops(&ir, module);
                    assert_eq!(left.len(), 5, "{context}: the tiled ops only");
                    assert!(left.iter().all(|&o| inside_loop(&ir, o)), "{context}: every op is in the nest");
                }
            }
        }
    }
}
