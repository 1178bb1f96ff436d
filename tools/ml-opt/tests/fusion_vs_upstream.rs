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

/// The temporary directory of this run.
fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fusion-vs-upstream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// `input` generalized by ml-opt (both tools then read the same
/// generic-only text), written to a temporary file.
fn generalized(input: &Path) -> PathBuf {
    let generic = run(env!("CARGO_BIN_EXE_ml-opt"), &["--split-input-file", "--generalize"], input);
    let name = input.file_name().expect("a file").to_string_lossy().into_owned();
    let path = temp_dir().join(format!("{name}.generic.mlir"));
    std::fs::write(&path, generic).expect("written");
    path
}

/// Structured ops per chunk after our `--fuse` with `flags`.
fn ours(generic: &Path, flags: &str) -> Vec<usize> {
    count_structured_ops(&run(env!("CARGO_BIN_EXE_ml-opt"), &["--split-input-file", flags], generic))
}

/// Structured ops per chunk after upstream's elementwise fusion.
fn upstreams(generic: &Path) -> Vec<usize> {
    count_structured_ops(&run(upstream(), &["--split-input-file", "--linalg-fuse-elementwise-ops"], generic))
}

/// Our default fuse remarks on chunk `chunk` of the generalized input.
fn remarks(generic: &Path, chunk: usize) -> String {
    let text = std::fs::read_to_string(generic).expect("read");
    let chunk_text = text.split("// -----").nth(chunk).expect("the chunk exists");
    let name = generic.file_name().expect("a file").to_string_lossy().into_owned();
    let path = temp_dir().join(format!("{name}.{chunk}.mlir"));
    std::fs::write(&path, chunk_text).expect("written");
    let output =
        Command::new(env!("CARGO_BIN_EXE_ml-opt")).args(["--fuse", "--remarks=fuse"]).arg(&path).output().expect("ml-opt runs");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn check(inputs: &[PathBuf]) {
    let mut worse = Vec::new();
    let (mut total_ours, mut total_theirs) = (0, 0);
    for input in inputs {
        let generic = generalized(input);
        let theirs = upstreams(&generic);
        let ours_all = ours(&generic, "--fuse=fuse-into-contractions=true");
        assert_eq!(ours_all.len(), theirs.len(), "{}: the tools disagree on chunks", input.display());
        for (chunk, (&o, &t)) in ours_all.iter().zip(&theirs).enumerate() {
            println!("{} #{chunk}: ours {o}, upstream {t}", input.display());
            if o > t {
                worse.push(format!("{} chunk {chunk}: {o} structured ops, upstream {t}", input.display()));
            }
        }
        total_ours += ours_all.iter().sum::<usize>();
        total_theirs += theirs.iter().sum::<usize>();
        // The default policy leaves more only to avoid recomputation.
        for (chunk, (&d, &t)) in ours(&generic, "--fuse").iter().zip(&theirs).enumerate() {
            if d > t {
                let said = remarks(&generic, chunk);
                assert!(
                    said.contains("would compute the producer again"),
                    "{} chunk {chunk}: the default leaves {d} ops, upstream {t}, and the remarks do not say why:\n{said}",
                    input.display()
                );
                println!("{} #{chunk}: default {d} (not fused into a contraction), upstream {t}", input.display());
            }
        }
        // Duplicating cheap multi-use producers never leaves more ops.
        let lenient = ours(&generic, "--fuse=allow-multi-use fuse-into-contractions=true");
        for (chunk, (&l, &o)) in lenient.iter().zip(&ours_all).enumerate() {
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
