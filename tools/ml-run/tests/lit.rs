//! Runs the lit tests whose RUN lines use `ml-run` (`lit-tests/Run/`,
//! `lit-tests/integration/`), one trial per file, with the binary this
//! build made.
//!
//! Their RUN lines also call `ml-opt` (`ml-opt %s --lower-to-llvm | ml-run
//! ...`), a binary of another package that this build does not make. So
//! this test binary is also ml-opt: the tools directory handed to lit
//! holds `ml-run` and a link named `ml-opt` to this binary, which acts as
//! ml-opt (built from the same sources) when called by that name.

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Trial};

fn main() -> std::process::ExitCode {
    if std::env::args_os().next().is_some_and(|a| Path::new(&a).file_name().is_some_and(|n| n == "ml-opt")) {
        return ml_opt::main(ml_opt::Registrations { dialects: dialects_all::register_all, passes: passes_all::register_all });
    }
    let args = Arguments::from_args();
    let tools_dir = match tools_dir() {
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

/// A directory of this process's own with `ml-run` and `ml-opt` (this binary).
fn tools_dir() -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("ml-run-lit-tools-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    for (name, target) in [("ml-run", PathBuf::from(env!("CARGO_BIN_EXE_ml-run"))), ("ml-opt", std::env::current_exe()?)] {
        let link = dir.join(name);
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(target, &link)?;
    }
    Ok(dir)
}
