//! Runs the lit suite under `cargo test`: one trial per `.mlir` file in
//! `lit-tests/`, each handed to LLVM's `lit` with this build's tools.
//! Files whose RUN lines use `ml-translate` or `ml-run` are run by those
//! tools' own suites, which build them.

use std::path::Path;

use libtest_mimic::{Arguments, Trial};

fn main() {
    let args = Arguments::from_args();
    let tools_dir = Path::new(env!("CARGO_BIN_EXE_ml-opt")).parent().expect("binary has a directory").to_path_buf();
    let trials = test_support::lit_inputs()
        .into_iter()
        .filter(|path| !test_support::runs_tool(path, "ml-translate") && !test_support::runs_tool(path, "ml-run"))
        .map(|path| {
            let tools_dir = tools_dir.clone();
            Trial::test(test_support::test_name(&path), move || test_support::run_lit(&path, &tools_dir).map_err(Into::into))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
