//! Differential round trip: for every lit input both tools accept, what
//! ml-opt prints and what upstream mlir-opt-22 prints for the same input
//! are the same text, up to whitespace. Known differences are listed in
//! `KNOWN_DIFFERENCES` with the reason. One trial per file.

use std::path::Path;
use std::process::Command;

use libtest_mimic::{Arguments, Failed, Trial};

/// Files whose printed form differs from upstream's, and why.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[];

fn upstream() -> &'static str {
    ["/usr/bin/mlir-opt-22", "/usr/lib/llvm-22/bin/mlir-opt"].into_iter().find(|p| Path::new(p).exists()).unwrap_or("mlir-opt-22")
}

/// The tool's output for `path`, or `None` if it rejects the input.
fn print(tool: &str, path: &Path, flags: &[&str]) -> Result<Option<String>, Failed> {
    let output = Command::new(tool).args(flags).arg(path).output().map_err(|e| format!("cannot run {tool}: {e}"))?;
    Ok(output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned()))
}

/// Whitespace runs become one space; blank lines go.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check(path: &Path) -> Result<(), Failed> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut flags = vec!["--split-input-file"];
    if text.contains("--allow-unregistered-dialect") {
        flags.push("--allow-unregistered-dialect");
    }
    let (Some(ours), Some(theirs)) = (print(env!("CARGO_BIN_EXE_ml-opt"), path, &flags)?, print(upstream(), path, &flags)?)
    else {
        return Ok(()); // one of the tools rejects the input: checked by its lit test
    };
    if normalise(&ours) != normalise(&theirs) {
        let diff: Vec<String> = ours
            .lines()
            .zip(theirs.lines())
            .filter(|(a, b)| normalise(a) != normalise(b))
            .take(5)
            .map(|(a, b)| format!("  ours:     {a}\n  upstream: {b}"))
            .collect();
        return Err(format!("output differs from mlir-opt-22's:\n{}", diff.join("\n")).into());
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let trials = test_support::lit_inputs()
        .into_iter()
        .map(|path| {
            let name = test_support::test_name(&path);
            let known = KNOWN_DIFFERENCES.iter().find(|(file, _)| *file == name).map(|(_, why)| *why);
            Trial::test(name, move || check(&path)).with_ignored_flag(known.is_some())
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
