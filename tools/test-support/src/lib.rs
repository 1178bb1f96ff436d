//! Shared by the test suites: where the lit tests are, and every `.mlir`
//! input under them (sorted, `Inputs/` folders left out).

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
