//! Runs the lit tests whose RUN lines use `ml-run` (`lit-tests/Run/`,
//! `lit-tests/integration/`), one trial per file, with the binaries this
//! build made (see `support` for how `ml-opt` is provided).

mod support;

use libtest_mimic::{Arguments, Trial};

fn main() -> std::process::ExitCode {
    if let Some(code) = support::act_as_ml_opt() {
        return code;
    }
    let args = Arguments::from_args();
    let tools_dir = match support::tools_dir("lit") {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("cannot set up the tools directory: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let trials = test_support::lit_inputs()
        .into_iter()
        .filter(|path| test_support::runs_tool(path, "ml-run"))
        .map(|path| {
            let tools_dir = tools_dir.clone();
            Trial::test(test_support::test_name(&path), move || test_support::run_lit(&path, &tools_dir).map_err(Into::into))
        })
        .collect();
    let conclusion = libtest_mimic::run(&args, trials);
    let _ = std::fs::remove_dir_all(&tools_dir);
    conclusion.exit();
}
