//! For every lit test input that ml-opt accepts, printing is a fixed point:
//! print -> parse -> print gives the same text, in custom and in generic
//! form. (That upstream accepts the text is checked in `interop/`.) One
//! trial per file.

use std::path::Path;
use std::process::{Command, Stdio};

use libtest_mimic::{Arguments, Failed, Trial};

/// Runs `program args` with `input` on stdin; its stdout, or the failure.
fn run(program: &str, args: &[&str], input: &[u8]) -> Result<String, Failed> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    std::io::Write::write_all(&mut child.stdin.take().expect("piped"), input).map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("{program} {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn check(path: &Path) -> Result<(), Failed> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let ml_opt = env!("CARGO_BIN_EXE_ml-opt");
    let mut flags = vec!["--split-input-file"];
    if text.contains("--allow-unregistered-dialect") {
        flags.push("--allow-unregistered-dialect");
    }
    for generic in [false, true] {
        let mut args = flags.clone();
        if generic {
            args.push("--mlir-print-op-generic");
        }
        args.push("-");
        let first = run(ml_opt, &args, text.as_bytes())?;
        let second = run(ml_opt, &args, first.as_bytes())?;
        if first != second {
            return Err(
                format!("printing is not a fixed point (generic: {generic}):\n--- first\n{first}\n--- second\n{second}").into()
            );
        }
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let trials = test_support::lit_inputs()
        .into_iter()
        .filter(|p| {
            // Inputs meant to fail are checked by lit, not here.
            let text = std::fs::read_to_string(p).unwrap_or_default();
            !text.contains("--verify-diagnostics") && !text.contains("RUN: not ")
        })
        .map(|p| Trial::test(test_support::test_name(&p), move || check(&p)))
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
