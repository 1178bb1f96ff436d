//! What the JIT tests share: running a program through ml-jit with its
//! output captured, and through upstream's mlir-runner-22 when installed.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use inkwell::context::Context;
use ml_jit::{parse_ir, Jit, JitError, JitOptions, Outcome, ResultKind, RunMode};

/// Runs LLVM IR `ir` through ml-jit in a child with stdout captured.
pub fn run_ours_with(ir: &str, entry: &str, kind: ResultKind, options: &JitOptions) -> Result<Outcome, JitError> {
    let context = Context::create();
    let module = parse_ir(&context, "test.ll", ir)?;
    let jit = Jit::new(module, options)?;
    jit.run(entry, kind, RunMode::ChildCapturingStdout)
}

/// What mlir-runner would print for the program: its stdout, then the
/// result line.
pub fn ours(ir: &str, entry: &str, kind: ResultKind) -> String {
    let outcome = run_ours_with(ir, entry, kind, &JitOptions::default()).unwrap_or_else(|e| panic!("ml-jit failed: {e}"));
    let mut out = String::from_utf8_lossy(&outcome.stdout).into_owned();
    out.push_str(&outcome.value.runner_output());
    out
}

/// Replaces each `base@ = 0x...` address by `0x<addr>`: addresses are all
/// that may differ between two runs.
pub fn mask_addresses(text: &str) -> String {
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

/// Upstream's tools: mlir-opt-22, mlir-translate-22, mlir-runner-22 and the
/// two runtime libraries its integration tests load.
pub struct Upstream {
    opt: PathBuf,
    translate: PathBuf,
    runner: PathBuf,
    shared_libs: String,
}

fn find_tool(name: &str, llvm_bindir: Option<&Path>) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .chain(llvm_bindir.map(|d| d.join(name.trim_end_matches("-22"))))
        .find(|p| p.is_file())
}

fn llvm_config(flag: &str) -> Option<PathBuf> {
    let out = Command::new("llvm-config-22").arg(flag).output().ok()?;
    out.status.success().then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

/// The tools, or `None` after saying on stderr why the comparison is
/// skipped.
pub fn upstream() -> Option<Upstream> {
    let bindir = llvm_config("--bindir");
    let libdir = llvm_config("--libdir").unwrap_or_else(|| PathBuf::from("/usr/lib/llvm-22/lib"));
    let tools = ["mlir-opt-22", "mlir-translate-22", "mlir-runner-22"].map(|t| (t, find_tool(t, bindir.as_deref())));
    if let Some((name, _)) = tools.iter().find(|(_, p)| p.is_none()) {
        eprintln!("skipping the comparison with upstream: {name} not found (Debian package mlir-22-tools)");
        return None;
    }
    let libs = ["libmlir_runner_utils.so", "libmlir_c_runner_utils.so"].map(|l| libdir.join(l));
    if let Some(missing) = libs.iter().find(|l| !l.is_file()) {
        eprintln!("skipping the comparison with upstream: {} not found", missing.display());
        return None;
    }
    let [opt, translate, runner] = tools.map(|(_, p)| p.unwrap_or_default());
    Some(Upstream { opt, translate, runner, shared_libs: libs.map(|l| l.display().to_string()).join(",") })
}

/// A fresh path in the temporary directory.
fn temp_path(ext: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("ml-jit-test-{}-{n}.{ext}", std::process::id()))
}

fn run_tool(tool: &Path, args: &[&str], input: &str, ext: &str) -> String {
    let path = temp_path(ext);
    std::fs::write(&path, input).expect("write a temporary file");
    let out = Command::new(tool).args(args).arg(&path).output().unwrap_or_else(|e| panic!("cannot run {}: {e}", tool.display()));
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "{} {args:?} failed:\n{}", tool.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

impl Upstream {
    /// `mlir-opt-22 <passes>` on `mlir`.
    pub fn opt(&self, mlir: &str, passes: &[&str]) -> String {
        run_tool(&self.opt, passes, mlir, "mlir")
    }

    /// llvm-dialect MLIR to LLVM IR.
    pub fn to_llvm_ir(&self, mlir: &str) -> String {
        run_tool(&self.translate, &["--mlir-to-llvmir"], mlir, "mlir")
    }

    /// LLVM IR to llvm-dialect MLIR, without the module's data layout
    /// attribute (mlir-runner does not load the dlti dialect).
    pub fn import_llvm_ir(&self, ir: &str) -> String {
        let mlir = run_tool(&self.translate, &["--import-llvm"], ir, "ll");
        match mlir.split_once('\n') {
            Some((first, rest)) if first.starts_with("module attributes") => format!("module {{\n{rest}"),
            _ => mlir,
        }
    }

    /// What mlir-runner-22 prints (stdout) for llvm-dialect `mlir`.
    pub fn run_mlir(&self, mlir: &str, entry: &str, kind: ResultKind) -> String {
        let entry_arg = format!("-e={entry}");
        let kind_arg = format!("--entry-point-result={kind}");
        let libs_arg = format!("--shared-libs={}", self.shared_libs);
        run_tool(&self.runner, &[&entry_arg, &kind_arg, &libs_arg], mlir, "mlir")
    }

    /// What mlir-runner-22 prints for LLVM IR `ir` (imported first).
    pub fn run_llvm_ir(&self, ir: &str, entry: &str, kind: ResultKind) -> String {
        self.run_mlir(&self.import_llvm_ir(ir), entry, kind)
    }
}

/// Asserts that ml-jit prints what mlir-runner-22 prints for `ir`
/// (addresses masked), when upstream's tools are installed, and returns
/// ml-jit's output (masked) for a snapshot.
pub fn same_as_upstream(ir: &str, entry: &str, kind: ResultKind) -> String {
    let ours = mask_addresses(&ours(ir, entry, kind));
    if let Some(upstream) = upstream() {
        let theirs = mask_addresses(&upstream.run_llvm_ir(ir, entry, kind));
        assert_eq!(ours, theirs, "ml-jit (left) and mlir-runner-22 (right) differ");
    }
    ours
}
