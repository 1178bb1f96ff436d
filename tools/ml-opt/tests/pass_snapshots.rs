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
    ("convert-vector-to-llvm", "Conversion/convert-vector-to-llvm.mlir"),
    // A named pipeline: the whole lowering of a small program.
    ("lower-to-llvm", "Conversion/lower-to-llvm.mlir"),
];

fn run_pass(pass: &str, input: &str) -> String {
    let path = test_support::lit_root().join(input);
    let output = Command::new(env!("CARGO_BIN_EXE_ml-opt"))
        .arg(&path)
        .arg("--split-input-file")
        .arg(format!("--{pass}"))
        .output()
        .expect("ml-opt runs");
    assert!(output.status.success(), "--{pass} failed on {input}:\n{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn lowering_passes() {
    for (pass, input) in PASSES {
        insta::assert_snapshot!(*pass, run_pass(pass, input));
    }
}
