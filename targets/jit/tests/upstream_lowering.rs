//! Programs lowered by upstream's own pipeline (mlir-opt-22 from linalg,
//! memref and vector down to the llvm dialect, mlir-translate-22 to LLVM
//! IR) run under ml-jit exactly as under mlir-runner-22: the runtime
//! matches the ABI upstream's lowering calls (`printMemrefF32(i64, ptr)`,
//! `_mlir_ciface_printMemrefF32(ptr)` behind `llvm.emit_c_interface`,
//! `memrefCopy`, `malloc`/`free`, the generic `_mlir_memref_to_llvm_*`
//! allocation functions). Skipped, with a message, without upstream's tools.

mod support;

use ml_jit::{JitOptions, ResultKind};
use support::{mask_addresses, run_ours_with, upstream, Upstream};

fn pipeline(memref_options: &str) -> Vec<String> {
    [
        "--convert-linalg-to-loops",
        "--expand-strided-metadata",
        "--convert-vector-to-scf",
        "--lower-affine",
        "--convert-scf-to-cf",
        "--convert-vector-to-llvm",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([format!("--finalize-memref-to-llvm={memref_options}")])
    .chain(
        ["--convert-arith-to-llvm", "--convert-func-to-llvm", "--convert-cf-to-llvm", "--reconcile-unrealized-casts"]
            .iter()
            .map(|s| s.to_string()),
    )
    .collect()
}

/// Lowers `mlir`, runs it under both, asserts the same stdout and returns
/// ml-jit's run.
fn compare(up: &Upstream, mlir: &str) -> ml_jit::Outcome {
    let passes = pipeline("");
    let passes: Vec<&str> = passes.iter().map(String::as_str).collect();
    let llvm_dialect = up.opt(mlir, &passes);
    let theirs = up.run_mlir(&llvm_dialect, "main", ResultKind::Void);
    let outcome = run_ours_with(&up.to_llvm_ir(&llvm_dialect), "main", ResultKind::Void, &JitOptions::default())
        .unwrap_or_else(|e| panic!("ml-jit failed: {e}"));
    assert_eq!(
        mask_addresses(&String::from_utf8_lossy(&outcome.stdout)),
        mask_addresses(&theirs),
        "ml-jit (left) and mlir-runner-22 (right) differ"
    );
    outcome
}

const MATMUL: &str = r#"
func.func private @printMemrefF32(memref<*xf32>)
func.func @main() {
  %a = memref.alloc() : memref<2x3xf32>
  %b = memref.alloc() : memref<3x2xf32>
  %c = memref.alloc() : memref<2x2xf32>
  %one = arith.constant 1.5 : f32
  %two = arith.constant 2.0 : f32
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%one : f32) outs(%a : memref<2x3xf32>)
  linalg.fill ins(%two : f32) outs(%b : memref<3x2xf32>)
  linalg.fill ins(%zero : f32) outs(%c : memref<2x2xf32>)
  linalg.matmul ins(%a, %b : memref<2x3xf32>, memref<3x2xf32>) outs(%c : memref<2x2xf32>)
  %u = memref.cast %c : memref<2x2xf32> to memref<*xf32>
  call @printMemrefF32(%u) : (memref<*xf32>) -> ()
  %c0 = arith.constant 0 : index
  %x = memref.load %c[%c0, %c0] : memref<2x2xf32>
  vector.print %x : f32
  %v = arith.constant dense<[1.0, 2.5]> : vector<2xf32>
  vector.print %v : vector<2xf32>
  memref.dealloc %a : memref<2x3xf32>
  memref.dealloc %b : memref<3x2xf32>
  memref.dealloc %c : memref<2x2xf32>
  return
}
"#;

#[test]
fn linalg_matmul_printed_like_upstream() {
    let Some(up) = upstream() else { return };
    let outcome = compare(&up, MATMUL);
    assert!(String::from_utf8_lossy(&outcome.stdout).contains("[[9,   9], \n [9,   9]]"));
    // malloc and free were the counted ones.
    assert_eq!(outcome.allocations.total_allocations, 3, "{}", outcome.allocations);
    assert!(!outcome.allocations.leaked(), "{}", outcome.allocations);
}

#[test]
fn copy_of_a_strided_subview_goes_through_memref_copy() {
    let Some(up) = upstream() else { return };
    let mlir = r#"
func.func private @printMemrefF32(memref<*xf32>)
func.func @main() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %a = memref.alloc() : memref<4x4xf32>
  scf.for %i = %c0 to %c4 step %c1 {
    scf.for %j = %c0 to %c4 step %c1 {
      %k = arith.muli %i, %c4 : index
      %l = arith.addi %k, %j : index
      %li = arith.index_cast %l : index to i32
      %f = arith.sitofp %li : i32 to f32
      memref.store %f, %a[%i, %j] : memref<4x4xf32>
    }
  }
  %s = memref.subview %a[1, 1] [2, 3] [1, 1] : memref<4x4xf32> to memref<2x3xf32, strided<[4, 1], offset: 5>>
  %b = memref.alloc() : memref<2x3xf32>
  memref.copy %s, %b : memref<2x3xf32, strided<[4, 1], offset: 5>> to memref<2x3xf32>
  %u = memref.cast %b : memref<2x3xf32> to memref<*xf32>
  call @printMemrefF32(%u) : (memref<*xf32>) -> ()
  %us = memref.cast %s : memref<2x3xf32, strided<[4, 1], offset: 5>> to memref<*xf32>
  call @printMemrefF32(%us) : (memref<*xf32>) -> ()
  memref.dealloc %a : memref<4x4xf32>
  memref.dealloc %b : memref<2x3xf32>
  return
}
"#;
    let passes = pipeline("");
    let passes: Vec<&str> = passes.iter().map(String::as_str).collect();
    assert!(up.opt(mlir, &passes).contains("llvm.call @memrefCopy"), "the lowering no longer calls memrefCopy");
    let outcome = compare(&up, mlir);
    let out = String::from_utf8_lossy(&outcome.stdout).into_owned();
    insta::assert_snapshot!(mask_addresses(&out));
}

#[test]
fn c_interface_and_generic_allocation_functions() {
    let Some(up) = upstream() else { return };
    // Upstream's runner libraries define no `_mlir_memref_to_llvm_alloc`, so
    // mlir-runner-22 runs the plain lowering and ml-jit the one with the C
    // interface wrapper and the generic allocation functions.
    let theirs = {
        let passes = pipeline("");
        let passes: Vec<&str> = passes.iter().map(String::as_str).collect();
        up.run_mlir(&up.opt(MATMUL, &passes), "main", ResultKind::Void)
    };
    let with_interface = MATMUL.replace(
        "func.func private @printMemrefF32(memref<*xf32>)",
        "func.func private @printMemrefF32(memref<*xf32>) attributes { llvm.emit_c_interface }",
    );
    let passes = pipeline("use-generic-functions=1 use-aligned-alloc=1");
    let passes: Vec<&str> = passes.iter().map(String::as_str).collect();
    let llvm_dialect = up.opt(&with_interface, &passes);
    assert!(llvm_dialect.contains("@_mlir_ciface_printMemrefF32"));
    assert!(llvm_dialect.contains("@_mlir_memref_to_llvm_aligned_alloc"));
    // Counted even without the libc interposers.
    let options = JitOptions { count_allocations: false, ..JitOptions::default() };
    let outcome = run_ours_with(&up.to_llvm_ir(&llvm_dialect), "main", ResultKind::Void, &options)
        .unwrap_or_else(|e| panic!("ml-jit failed: {e}"));
    assert_eq!(mask_addresses(&String::from_utf8_lossy(&outcome.stdout)), mask_addresses(&theirs));
    assert_eq!(outcome.allocations.total_allocations, 3, "{}", outcome.allocations);
    assert!(!outcome.allocations.leaked(), "{}", outcome.allocations);
}

#[test]
fn a_missing_dealloc_is_a_reported_leak() {
    let Some(up) = upstream() else { return };
    let leaky = MATMUL.replace("  memref.dealloc %b : memref<3x2xf32>\n", "");
    let outcome = compare(&up, &leaky);
    let allocs = outcome.allocations;
    assert!(allocs.leaked());
    assert_eq!((allocs.live_allocations, allocs.live_bytes), (1, 24), "{allocs}");
}
