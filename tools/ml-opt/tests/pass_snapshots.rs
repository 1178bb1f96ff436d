//! Snapshots of what each lowering pass makes of a representative input:
//! the whole output, so that any change to a pass shows up as a reviewed
//! snapshot diff. The inputs are the passes' own lit tests, and for the
//! linalg transformations small model graphs (`fusion_inputs/`).

use std::process::Command;

/// `(pass flag with its options, lit input)`: one snapshot each, named
/// after the pass.
const PASSES: &[(&str, &str)] = &[
    ("convert-arith-to-llvm", "Conversion/convert-arith-to-llvm.mlir"),
    ("convert-math-to-llvm", "Conversion/convert-math-to-llvm.mlir"),
    ("convert-cf-to-llvm", "Conversion/convert-cf-to-llvm.mlir"),
    ("convert-func-to-llvm", "Conversion/convert-func-to-llvm.mlir"),
    ("finalize-memref-to-llvm", "Conversion/finalize-memref-to-llvm.mlir"),
    ("one-shot-bufferize=bufferize-function-boundaries", "Transforms/one-shot-bufferize.mlir"),
    ("buffer-deallocation", "Transforms/buffer-deallocation.mlir"),
    ("eliminate-empty-tensors", "Transforms/eliminate-empty-tensors.mlir"),
    ("expand-strided-metadata", "Conversion/expand-strided-metadata.mlir"),
    ("convert-vector-to-llvm", "Conversion/convert-vector-to-llvm.mlir"),
    // A named pipeline: the whole lowering of a small program.
    ("lower-to-llvm", "Conversion/lower-to-llvm.mlir"),
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
    ("gpu-host-shared-buffers", &["gpu-host-shared-buffers"], "Transforms/gpu-host-shared-buffers.mlir"),
    ("convert-gpu-to-nvvm", &["convert-gpu-to-nvvm"], "Conversion/convert-gpu-to-nvvm.mlir"),
    ("gpu-lower", &["convert-linalg-to-parallel-loops", "gpu-lower=block-sizes=32,8"], "Conversion/gpu-lower.mlir"),
    (
        "gpu-lower-from-tensors",
        &["tile=sizes=32,32 loop=forall", "one-shot-bufferize=bufferize-function-boundaries", "gpu-lower"],
        "GPU/linalg-to-ptx.mlir",
    ),
    ("scf-forall-to-parallel", &["scf-forall-to-parallel"], "Transforms/scf-forall-to-parallel.mlir"),
    ("gpu-module-to-binary", &["gpu-module-to-binary"], "Transforms/gpu-module-to-binary.mlir"),
    ("gpu-to-llvm", &["gpu-module-to-binary", "gpu-to-llvm"], "Conversion/gpu-to-llvm.mlir"),
];

fn run_pass(pass: &str, input: &str) -> String {
    run_flags(&[&format!("--{pass}")], &test_support::lit_root().join(input))
}

/// Runs ml-opt on `path` from its directory, so that file names that end
/// up in the output (`cf.assert` messages) do not depend on the checkout.
fn run_flags(flags: &[&str], path: &std::path::Path) -> String {
    let (directory, file) = (path.parent().expect("a file in a directory"), path.file_name().expect("a file name"));
    let output = Command::new(env!("CARGO_BIN_EXE_ml-opt"))
        .current_dir(directory)
        .arg(file)
        .arg("--split-input-file")
        .args(flags)
        .output()
        .expect("ml-opt runs");
    assert!(output.status.success(), "{flags:?} failed on {}:\n{}", path.display(), String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `(snapshot, flags, input)` for the linalg transformations; inputs under
/// `tests/` or, starting with `lit:`, under `lit-tests/`.
const LINALG: &[(&str, &[&str], &str)] = &[
    ("fuse", &["--fuse"], "fusion_inputs/models.mlir"),
    ("fuse-allow-multi-use", &["--fuse=allow-multi-use"], "fusion_inputs/models.mlir"),
    ("fuse-into-contractions", &["--fuse=fuse-into-contractions=true"], "fusion_inputs/models.mlir"),
    ("generalize-then-specialize", &["--generalize", "--specialize"], "fusion_inputs/models.mlir"),
    ("interchange", &["--interchange=permutation=2,0,1"], "lit:Transforms/interchange.mlir"),
];

#[test]
fn linalg_passes() {
    for (name, flags, input) in LINALG {
        let path = match input.strip_prefix("lit:") {
            Some(lit) => test_support::lit_root().join(lit),
            None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(input),
        };
        insta::assert_snapshot!(*name, run_flags(flags, &path));
    }
}

#[test]
fn lowering_passes() {
    for (pass, input) in PASSES {
        let name = pass.split('=').next().unwrap_or(pass);
        insta::assert_snapshot!(name, run_pass(pass, input));
    }
}

#[test]
fn gpu_passes() {
    for (name, passes, input) in GPU_PASSES {
        let flags: Vec<String> = passes.iter().map(|p| format!("--{p}")).collect();
        let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
        insta::assert_snapshot!(*name, run_flags(&flags, &test_support::lit_root().join(input)));
    }
}
