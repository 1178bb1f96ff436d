//! Every integration program (`lit-tests/integration/*.mlir`) prints the
//! same through us and through upstream: its RUN line's `ml-opt ... |
//! ml-run ...` is run as written, and again with upstream's tools —
//! `mlir-opt-22` with the same flags, `--lower-to-llvm` spelled as the
//! upstream passes it stands for, then `mlir-runner-22` with the two
//! runtime libraries upstream's integration tests load. The outputs must be
//! identical but for the addresses `printMemref*` prints. One trial per
//! program; skipped, with a message on stderr, without upstream's tools.
//!
//! A program whose upstream pipeline is not the translation of its flags
//! (a tensor program that upstream bufferizes with other options, say)
//! gives it on a line of its own: `// UPSTREAM-OPT: --one-shot-bufferize=...`
//! (words as a shell splits them), used instead of the RUN line's ml-opt
//! flags.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use libtest_mimic::{Arguments, Failed, Trial};

/// The upstream passes `--lower-to-llvm` stands for: ours, plus what
/// upstream needs around them (`linalg` loops index through `affine.apply`,
/// `vector.print` of a vector needs `convert-vector-to-scf`).
const UPSTREAM_LOWER_TO_LLVM: &[&str] = &[
    "--convert-linalg-to-loops",
    "--expand-strided-metadata",
    "--convert-vector-to-scf",
    "--lower-affine",
    "--convert-scf-to-cf",
    "--convert-vector-to-llvm",
    "--finalize-memref-to-llvm",
    "--convert-math-to-llvm",
    "--convert-arith-to-llvm",
    "--convert-cf-to-llvm",
    "--convert-func-to-llvm",
    "--reconcile-unrealized-casts",
];

/// Upstream's tools and runtime libraries.
struct Upstream {
    opt: PathBuf,
    runner: PathBuf,
    shared_libs: String,
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).map(|dir| dir.join(name)).chain([Path::new("/usr/bin").join(name)]).find(|p| p.is_file())
}

/// The tools, or `None` after saying on stderr why the comparison is skipped.
fn upstream() -> Option<Upstream> {
    let [opt, runner] = ["mlir-opt-22", "mlir-runner-22"].map(find_on_path);
    let (Some(opt), Some(runner)) = (opt, runner) else {
        eprintln!(
            "skipping the comparison with upstream: mlir-opt-22 or mlir-runner-22 not found (Debian package mlir-22-tools)"
        );
        return None;
    };
    let libdir = Path::new("/usr/lib/llvm-22/lib");
    let libs = ["libmlir_runner_utils.so", "libmlir_c_runner_utils.so"].map(|l| libdir.join(l));
    if let Some(missing) = libs.iter().find(|l| !l.is_file()) {
        eprintln!("skipping the comparison with upstream: {} not found", missing.display());
        return None;
    }
    Some(Upstream { opt, runner, shared_libs: libs.map(|l| l.display().to_string()).join(",") })
}

/// The program's RUN line, its commands split at the pipes and into words
/// as a shell would (`--pass="a b"` is one word).
fn run_commands(text: &str) -> Result<Vec<Vec<String>>, Failed> {
    let line = text.lines().find_map(|l| l.trim_start().strip_prefix("// RUN:")).ok_or("the program has no RUN line")?;
    line.split('|').map(shell_words).collect()
}

fn shell_words(command: &str) -> Result<Vec<String>, Failed> {
    shlex::split(command).ok_or_else(|| Failed::from(format!("unbalanced quotes in `{command}`")))
}

/// Runs `first | second` (each a program and its arguments); stdout.
fn pipe(first: &[String], second: &[String], path_dir: Option<&Path>) -> Result<String, Failed> {
    let command = |words: &[String]| {
        let mut c = Command::new(&words[0]);
        c.args(&words[1..]);
        if let Some(dir) = path_dir {
            let path = std::env::var_os("PATH").unwrap_or_default();
            let joined = std::env::join_paths(std::iter::once(dir.to_path_buf()).chain(std::env::split_paths(&path)))
                .expect("a joinable PATH");
            c.env("PATH", joined);
        }
        c
    };
    let lowered = command(first).output().map_err(|e| format!("cannot run {}: {e}", first[0]))?;
    if !lowered.status.success() {
        return Err(format!("{} failed:\n{}", first.join(" "), String::from_utf8_lossy(&lowered.stderr)).into());
    }
    let mut run = command(second);
    run.stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = run.spawn().map_err(|e| format!("cannot run {}: {e}", second[0]))?;
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().ok_or("no stdin")?;
        stdin.write_all(&lowered.stdout).map_err(|e| e.to_string())?;
    }
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(
            format!("{} failed ({}):\n{}", second.join(" "), output.status, String::from_utf8_lossy(&output.stderr)).into()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Replaces each `base@ = 0x...` address by `0x<addr>`.
fn mask_addresses(text: &str) -> String {
    const KEY: &str = "base@ = ";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(KEY) {
        let after = &rest[i + KEY.len()..];
        out.push_str(&rest[..i + KEY.len()]);
        let len = after.strip_prefix("0x").map_or(0, |hex| 2 + hex.chars().take_while(char::is_ascii_hexdigit).count());
        if len > 0 {
            out.push_str("0x<addr>");
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    out
}

fn check(path: &Path, tools_dir: &Path) -> Result<(), Failed> {
    let Some(up) = upstream() else { return Ok(()) };
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let file = path.display().to_string();
    let substitute = |words: &[String]| -> Vec<String> { words.iter().map(|w| w.replace("%s", &file)).collect() };
    let commands = run_commands(&text)?;
    let (Some(opt), Some(run)) = (commands.first().map(|c| substitute(c)), commands.get(1).map(|c| substitute(c))) else {
        return Err("the RUN line is not `ml-opt ... | ml-run ... | FileCheck`".into());
    };
    if opt.first().map(String::as_str) != Some("ml-opt") || run.first().map(String::as_str) != Some("ml-run") {
        return Err("the RUN line is not `ml-opt ... | ml-run ... | FileCheck`".into());
    }
    let ours = pipe(&opt, &run, Some(tools_dir))?;

    let override_flags = text.lines().find_map(|l| l.trim_start().strip_prefix("// UPSTREAM-OPT:"));
    let mut their_opt = vec![up.opt.display().to_string()];
    match override_flags {
        Some(flags) => {
            their_opt.push(file.clone());
            their_opt.extend(shell_words(flags)?);
        }
        None => {
            for word in &opt[1..] {
                if word == "--lower-to-llvm" {
                    their_opt.extend(UPSTREAM_LOWER_TO_LLVM.iter().map(|s| s.to_string()));
                } else {
                    their_opt.push(word.clone());
                }
            }
        }
    }
    let mut their_run = vec![up.runner.display().to_string(), format!("--shared-libs={}", up.shared_libs)];
    their_run.extend(run[1..].iter().filter(|w| *w != "--check-leaks").cloned());
    let theirs = pipe(&their_opt, &their_run, None)?;

    let (ours, theirs) = (mask_addresses(&ours), mask_addresses(&theirs));
    if ours != theirs {
        return Err(format!("ml-run's output differs from mlir-runner-22's:\n--- ours\n{ours}\n--- upstream\n{theirs}").into());
    }
    if ours.trim().is_empty() {
        return Err("the program printed nothing".into());
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    if let Some(code) = support::act_as_ml_opt() {
        return code;
    }
    let args = Arguments::from_args();
    let tools_dir = match support::tools_dir("differential") {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("cannot set up the tools directory: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let integration = test_support::lit_root().join("integration");
    let trials = test_support::lit_inputs()
        .into_iter()
        .filter(|path| path.starts_with(&integration))
        .map(|path| {
            let tools_dir = tools_dir.clone();
            Trial::test(test_support::test_name(&path), move || check(&path, &tools_dir))
        })
        .collect();
    let conclusion = libtest_mimic::run(&args, trials);
    let _ = std::fs::remove_dir_all(&tools_dir);
    conclusion.exit();
}
