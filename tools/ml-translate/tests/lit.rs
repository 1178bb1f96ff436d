//! Runs the lit tests whose RUN lines use `ml-translate` (those under
//! `lit-tests/Translate/`, and any other), one trial per file, with the
//! binary this build made.

use std::path::Path;

use libtest_mimic::{Arguments, Trial};

fn main() {
    let args = Arguments::from_args();
    let tools_dir = Path::new(env!("CARGO_BIN_EXE_ml-translate")).parent().expect("binary has a directory").to_path_buf();
    let trials = test_support::lit_inputs()
        .into_iter()
        .filter(|path| test_support::runs_tool(path, "ml-translate"))
        .map(|path| {
            let tools_dir = tools_dir.clone();
            Trial::test(test_support::test_name(&path), move || test_support::run_lit(&path, &tools_dir).map_err(Into::into))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
