//! Runs the lit suite under `cargo test`: one trial per `.mlir` file in
//! `lit-tests/`, each handed to LLVM's `lit` with this build's tools.

use std::path::{Path, PathBuf};
use std::process::Command;

use libtest_mimic::{Arguments, Failed, Trial};

const LLVM_BIN: &str = "/usr/lib/llvm-22/bin";

fn lit_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lit-tests")
}

fn lit_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
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

fn run_lit(file: &Path) -> Result<(), Failed> {
    let tools_dir = Path::new(env!("CARGO_BIN_EXE_ml-opt")).parent().expect("binary has a directory");
    let output = Command::new(Path::new(LLVM_BIN).join("lit"))
        .arg("-v")
        .arg(format!("--param=tools_dir={}", tools_dir.display()))
        .arg(format!("--param=llvm_bin_dir={LLVM_BIN}"))
        .arg(file)
        .output()
        .map_err(|e| format!("cannot run lit from {LLVM_BIN}: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr)).into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let root = lit_root();
    let trials = lit_files(&root)
        .into_iter()
        .map(|path| {
            let name = path.strip_prefix(&root).unwrap_or(&path).to_string_lossy().into_owned();
            Trial::test(name, move || run_lit(&path))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
