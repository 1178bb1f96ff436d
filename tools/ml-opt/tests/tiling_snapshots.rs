//! Snapshots of what tiling makes of representative inputs: the whole
//! output of `--tile` and `--tile-and-fuse` on their lit tests, so that any
//! change to the loop nests shows up as a reviewed snapshot diff.

use std::process::Command;

/// `(snapshot name, lit input, pass flag with options)`.
const RUNS: &[(&str, &str, &str)] = &[
    ("tile", "Transforms/tile.mlir", "--tile=sizes=32,40,16"),
    ("tile-elementwise", "Transforms/tile-elementwise.mlir", "--tile=sizes=4,5"),
    ("tile-forall", "Transforms/tile-forall.mlir", "--tile=sizes=32,40,16 loop=forall"),
    ("tile-and-fuse", "Transforms/tile-and-fuse.mlir", "--tile-and-fuse=sizes=32,40"),
    ("tile-and-fuse-forall", "Transforms/tile-and-fuse.mlir", "--tile-and-fuse=sizes=32,40 loop=forall"),
];

fn run(input: &str, flag: &str) -> String {
    let path = test_support::lit_root().join(input);
    let output =
        Command::new(env!("CARGO_BIN_EXE_ml-opt")).arg(&path).arg("--split-input-file").arg(flag).output().expect("ml-opt runs");
    assert!(output.status.success(), "{flag} failed on {input}:\n{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn tiling_passes() {
    for (name, input, flag) in RUNS {
        insta::assert_snapshot!(*name, run(input, flag));
    }
}
