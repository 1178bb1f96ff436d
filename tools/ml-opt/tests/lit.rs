//! Runs the lit suite under `cargo test`: one trial per `.mlir` file in
//! `lit-tests/`, each handed to LLVM's `lit` with this build's tools.

use std::path::Path;
use std::process::Command;

use libtest_mimic::{Arguments, Failed, Trial};

const LLVM_BIN: &str = "/usr/lib/llvm-22/bin";

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
    let trials = test_support::lit_inputs()
        .into_iter()
        .map(|path| Trial::test(test_support::test_name(&path), move || run_lit(&path)))
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
