//! Our `--fuse` leaves at most as many structured ops as upstream's
//! `--linalg-fuse-elementwise-ops` on the same inputs: small model graphs
//! (`fusion_inputs/`) and the inputs of the fuse lit tests. Upstream fuses
//! `linalg.generic` ops only, so every input is generalized by ml-opt
//! first and both tools get the same generic-only text. Counted per
//! `// -----` chunk: every `linalg.*` op but `linalg.yield` and
//! `linalg.index`. Upstream's default control fuses into contractions
//! even where that recomputes the producer (our default refuses, see
//! `fuse-into-contractions`), so the comparison turns that option on; where
//! our default leaves more ops than upstream, its remarks must say that
//! this is why.

use std::path::{Path, PathBuf};
use std::process::Command;

fn upstream() -> &'static str {
    ["/usr/bin/mlir-opt-22", "/usr/lib/llvm-22/bin/mlir-opt"].into_iter().find(|p| Path::new(p).exists()).unwrap_or("mlir-opt-22")
}

/// `tool flags file`'s standard output; panics with its error output on failure.
fn run(tool: &str, flags: &[&str], file: &Path) -> String {
    let output = Command::new(tool).args(flags).arg(file).output().unwrap_or_else(|e| panic!("cannot run {tool}: {e}"));
    assert!(output.status.success(), "{tool} {flags:?} {} failed:\n{}", file.display(), String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Structured ops per chunk of printed IR.
fn count_structured_ops(text: &str) -> Vec<usize> {
    let op = regex::Regex::new(r"^\s*(?:%[\w#:]+(?:, %[\w#:]+)* = )?linalg\.(\w+)").expect("valid regex");
    text.split("// -----")
        .map(|chunk| chunk.lines().filter_map(|line| op.captures(line)).filter(|c| !matches!(&c[1], "yield" | "index")).count())
        .collect()
}

/// `input` generalized by ml-opt, written to a temporary file `name`.
fn generalized(input: &Path, name: &str) -> PathBuf {
    let generic = run(env!("CARGO_BIN_EXE_ml-opt"), &["--split-input-file", "--generalize"], input);
    let dir = std::env::temp_dir().join(format!("fusion-vs-upstream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, generic).expect("written");
    path
}

/// Generalizes `input`, fuses it with both tools; returns (ours, upstream's) per chunk.
fn compare(input: &Path, our_flags: &str) -> (Vec<usize>, Vec<usize>) {
    let name = input.file_name().expect("a file").to_string_lossy().into_owned();
    let generic = generalized(input, &format!("{name}.generic.mlir"));
    let ours = run(env!("CARGO_BIN_EXE_ml-opt"), &["--split-input-file", our_flags], &generic);
    let theirs = run(upstream(), &["--split-input-file", "--linalg-fuse-elementwise-ops"], &generic);
    (count_structured_ops(&ours), count_structured_ops(&theirs))
}

/// The fuse remarks of chunk `chunk` of `input` (generalized).
fn remarks(input: &Path, chunk: usize) -> String {
    let name = input.file_name().expect("a file").to_string_lossy().into_owned();
    let generic = std::fs::read_to_string(generalized(input, &format!("{name}.generic.mlir"))).expect("read");
    let text = generic.split("// -----").nth(chunk).expect("the chunk exists");
    let path =
        std::env::temp_dir().join(format!("fusion-vs-upstream-{}", std::process::id())).join(format!("{name}.{chunk}.mlir"));
    std::fs::write(&path, text).expect("written");
    let output =
        Command::new(env!("CARGO_BIN_EXE_ml-opt")).args(["--fuse", "--remarks=fuse"]).arg(&path).output().expect("ml-opt runs");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn check(inputs: &[PathBuf]) {
    let mut worse = Vec::new();
    let (mut total_ours, mut total_theirs) = (0, 0);
    for input in inputs {
        let (ours, theirs) = compare(input, "--fuse=fuse-into-contractions=true");
        assert_eq!(ours.len(), theirs.len(), "{}: the tools disagree on chunks", input.display());
        for (chunk, (&o, &t)) in ours.iter().zip(&theirs).enumerate() {
            println!("{} #{chunk}: ours {o}, upstream {t}", input.display());
            if o > t {
                worse.push(format!("{} chunk {chunk}: {o} structured ops, upstream {t}", input.display()));
            }
        }
        total_ours += ours.iter().sum::<usize>();
        total_theirs += theirs.iter().sum::<usize>();
        // The default policy leaves more only to avoid recomputation.
        let (default, _) = compare(input, "--fuse");
        for (chunk, (&d, &t)) in default.iter().zip(&theirs).enumerate() {
            if d > t {
                let said = remarks(input, chunk);
                assert!(
                    said.contains("would compute the producer again"),
                    "{} chunk {chunk}: the default leaves {d} ops, upstream {t}, and the remarks do not say why:\n{said}",
                    input.display()
                );
                println!("{} #{chunk}: default {d} (not fused into a contraction), upstream {t}", input.display());
            }
        }
        // Duplicating cheap multi-use producers never leaves more ops.
        let (lenient, _) = compare(input, "--fuse=allow-multi-use fuse-into-contractions=true");
        for (chunk, (&l, &o)) in lenient.iter().zip(&ours).enumerate() {
            assert!(l <= o, "{} chunk {chunk}: allow-multi-use leaves {l} ops, the default {o}", input.display());
        }
    }
    println!("total: ours {total_ours}, upstream {total_theirs}");
    assert!(worse.is_empty(), "we fuse less than upstream:\n{}", worse.join("\n"));
}

#[test]
fn model_graphs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fusion_inputs");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fusion inputs")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "mlir"))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    check(&inputs);
}

#[test]
fn fuse_lit_inputs() {
    let inputs: Vec<PathBuf> = test_support::lit_inputs()
        .into_iter()
        .filter(|p| p.file_stem().is_some_and(|s| s.to_string_lossy().starts_with("fuse")))
        .collect();
    assert!(inputs.len() >= 3, "the fuse lit tests: {inputs:?}");
    check(&inputs);
}
