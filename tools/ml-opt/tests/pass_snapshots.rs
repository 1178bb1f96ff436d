//! Snapshots of what each lowering pass makes of a representative input:
//! the whole output, so that any change to a pass shows up as a reviewed
//! snapshot diff. The inputs are the passes' own lit tests.

use std::process::Command;

/// `(pass flag, lit input)`: one snapshot each, named after the pass.
const PASSES: &[(&str, &str)] = &[
    ("convert-arith-to-llvm", "Conversion/convert-arith-to-llvm.mlir"),
    ("convert-math-to-llvm", "Conversion/convert-math-to-llvm.mlir"),
    ("convert-cf-to-llvm", "Conversion/convert-cf-to-llvm.mlir"),
    ("convert-func-to-llvm", "Conversion/convert-func-to-llvm.mlir"),
    ("finalize-memref-to-llvm", "Conversion/finalize-memref-to-llvm.mlir"),
];

/// The GPU passes, and the pipeline with the passes before it: `(snapshot
/// name, flags, lit input)`.
const GPU_PASSES: &[(&str, &[&str], &str)] = &[
    (
        "scf-parallel-loop-tiling",
        &["scf-parallel-loop-tiling=parallel-loop-tile-sizes=32,8"],
        "Transforms/scf-parallel-loop-tiling.mlir",
    ),
    ("gpu-map-parallel-loops", &["gpu-map-parallel-loops"], "Transforms/gpu-map-parallel-loops.mlir"),
    ("convert-parallel-loops-to-gpu", &["convert-parallel-loops-to-gpu"], "Conversion/convert-parallel-loops-to-gpu.mlir"),
    (
        "gpu-launch-sink-index-computations",
        &["gpu-launch-sink-index-computations"],
        "Transforms/gpu-launch-sink-index-computations.mlir",
    ),
    ("gpu-kernel-outlining", &["gpu-kernel-outlining"], "Transforms/gpu-kernel-outlining.mlir"),
    ("convert-gpu-to-nvvm", &["convert-gpu-to-nvvm"], "Conversion/convert-gpu-to-nvvm.mlir"),
    ("gpu-lower", &["convert-linalg-to-parallel-loops", "gpu-lower=block-sizes=32,8"], "Conversion/gpu-lower.mlir"),
];

fn run_pass(pass: &str, input: &str) -> String {
    run_flags(&[pass], input)
}

fn run_flags(passes: &[&str], input: &str) -> String {
    let path = test_support::lit_root().join(input);
    let output = Command::new(env!("CARGO_BIN_EXE_ml-opt"))
        .arg(&path)
        .arg("--split-input-file")
        .args(passes.iter().map(|p| format!("--{p}")))
        .output()
        .expect("ml-opt runs");
    assert!(output.status.success(), "{passes:?} failed on {input}:\n{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn lowering_passes() {
    for (pass, input) in PASSES {
        insta::assert_snapshot!(*pass, run_pass(pass, input));
    }
}

#[test]
fn gpu_passes() {
    for (name, passes, input) in GPU_PASSES {
        insta::assert_snapshot!(*name, run_flags(passes, input));
    }
}
