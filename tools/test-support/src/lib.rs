//! Shared by the test suites: where the lit tests are, every `.mlir`
//! input under them (sorted, `Inputs/` folders left out), and how one is
//! run through LLVM's `lit`.

use std::path::{Path, PathBuf};

/// The repository's `lit-tests/` folder.
pub fn lit_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lit-tests")
}

/// Every `.mlir` file under `lit-tests/`, sorted.
pub fn lit_inputs() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![lit_root()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() && path.file_name().is_some_and(|n| n != "Inputs") {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "mlir") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// A test's name: its path below `lit-tests/`.
pub fn test_name(path: &Path) -> String {
    path.strip_prefix(lit_root()).unwrap_or(path).to_string_lossy().into_owned()
}

/// LLVM 22's bin directory: `lit`, `FileCheck`, `not`, `llvm-nm`.
pub const LLVM_BIN: &str = "/usr/lib/llvm-22/bin";

/// Whether a RUN line of the lit test at `path` runs `tool`. Each tool's
/// lit suite runs the files that use it, so it is built fresh for them.
pub fn runs_tool(path: &Path, tool: &str) -> bool {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|l| l.trim_start().starts_with("// RUN:"))
        .any(|l| l.split(|c: char| c.is_whitespace() || c == '|').any(|word| word == tool))
}

/// Runs LLVM's `lit` on one file with the tools in `tools_dir`; the
/// output of a failure.
pub fn run_lit(file: &Path, tools_dir: &Path) -> Result<(), String> {
    // Each run has its own execution root: lit rewrites the suite's
    // `.lit_test_times.txt` there, and concurrent runs sharing one would read
    // each other's half-written files.
    let exec_root = lit_root().join("../target/lit").join(test_name(file).replace(['/', '\\'], "_"));
    let output = std::process::Command::new(Path::new(LLVM_BIN).join("lit"))
        .arg("-v")
        .arg(format!("--param=tools_dir={}", tools_dir.display()))
        .arg(format!("--param=llvm_bin_dir={LLVM_BIN}"))
        .arg(format!("--param=exec_root={}", exec_root.display()))
        .arg(file)
        .output()
        .map_err(|e| format!("cannot run lit from {LLVM_BIN}: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr)))
    }
}
