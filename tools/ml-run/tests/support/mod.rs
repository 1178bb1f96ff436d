//! What the ml-run test suites share: a tools directory for RUN lines.
//!
//! RUN lines call `ml-opt` (`ml-opt %s --lower-to-llvm | ml-run ...`), a
//! binary of another package that this package's build does not make. So
//! each test binary is also ml-opt: the tools directory holds `ml-run` and
//! a link named `ml-opt` to the test binary, which acts as ml-opt (built
//! from the same sources, with every dialect and pass) when called by that
//! name.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Every dialect, and the NVPTX backend behind `#nvvm.target`, as the
/// ml-opt binary registers them.
fn dialects(ctx: &ir::Context) {
    dialects_all::register_all(ctx);
    ml_nvptx::register(ctx);
}

/// Runs ml-opt when this process was called as `ml-opt`.
pub fn act_as_ml_opt() -> Option<ExitCode> {
    let argv0 = std::env::args_os().next()?;
    (Path::new(&argv0).file_name()? == "ml-opt")
        .then(|| ml_opt::main(ml_opt::Registrations { dialects, passes: passes_all::register_all }))
}

/// A fresh directory with `ml-run` and `ml-opt` (this binary); remove it
/// when done.
pub fn tools_dir(suite: &str) -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("ml-run-{suite}-tools-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    for (name, target) in [("ml-run", PathBuf::from(env!("CARGO_BIN_EXE_ml-run"))), ("ml-opt", std::env::current_exe()?)] {
        let link = dir.join(name);
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(target, &link)?;
    }
    Ok(dir)
}
