//! Running a program through a transform and the lowering, in this
//! process (parse, pass manager, translation to LLVM IR, ml-jit at `-O0`,
//! the entry run in a forked child with its stdout captured), and checking
//! a case: every transform prints what the baseline prints and frees what
//! it allocates.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use ir::pass::{PassManager, PassRegistry};
use ml_jit::{AllocStats, Jit, JitOptions, OptLevel, ResultKind, RunMode};

use crate::graphs::{generate, Case};
use crate::transforms::{lowering_flags, transforms, Transform};

/// What a run printed and allocated.
#[derive(Clone, Debug)]
pub struct Execution {
    pub stdout: String,
    pub allocations: AllocStats,
}

/// Everything a run needs that does not change between runs.
pub struct Runner {
    registry: PassRegistry,
    /// The JIT's optimisation level (`-O0` for the tests: the fastest to
    /// compile).
    pub opt_level: OptLevel,
}

impl Default for Runner {
    fn default() -> Self {
        Self::new()
    }
}

impl Runner {
    pub fn new() -> Self {
        let mut registry = PassRegistry::new();
        passes_all::register_all(&mut registry);
        Runner { registry, opt_level: OptLevel::O0 }
    }

    /// Parses `text`, runs `transform` and the lowering.
    fn lower(&self, name: &str, text: &str, transform: &Transform) -> Result<(Arc<ir::Context>, ir::Ir, ir::OpId), String> {
        let ctx = ir::Context::new();
        dialects_all::register_all(&ctx);
        ml_llvm_ir::register(&ctx);
        let ctx = Arc::new(ctx);
        let file = ctx.add_source_file(ir::SourceFile::new(name, text.into(), 0));
        let rendered = |d: ir::Diagnostic| ir::diagnostics::render::render_to_string(&ctx, &d);
        let (mut ir, module) = ir::syntax::parse_source(&ctx, file).map_err(rendered)?;
        ir::verifier::verify(&ir, module).map_err(rendered)?;
        // The passes under test (the transform, bufferization and
        // deallocation) are verified after each; the conversions of
        // `lower-to-llvm` (the last entry) only at the end: verifying after
        // each of them would double the time of a run in a debug build.
        let pipeline = transform.pipeline();
        let (checked, converted) = pipeline.split_at(pipeline.len() - 1);
        for (passes, verify_each) in [(checked, true), (converted, false)] {
            let mut manager = PassManager::new();
            manager.threading = false;
            manager.verify_each = verify_each;
            for (pass, options) in passes {
                manager.add_pass(&self.registry, pass, options).map_err(|e| format!("cannot add pass '{pass}': {e}"))?;
            }
            manager.run(&mut ir, module).map_err(rendered)?;
        }
        ir::verifier::verify(&ir, module).map_err(rendered)?;
        Ok((ctx, ir, module))
    }

    /// Lowers, compiles and runs `@main` of `text` after `transform`.
    pub fn execute(&self, name: &str, text: &str, transform: &Transform) -> Result<Execution, String> {
        let (ctx, ir, module) = self.lower(name, text, transform)?;
        let llvm = ml_llvm_ir::inkwell::context::Context::create();
        let translated = ml_llvm_ir::translate_module(&ir, module, &llvm, &Default::default())
            .map_err(|d| format!("translation to LLVM IR failed: {}", ir::diagnostics::render::render_to_string(&ctx, &d)))?;
        drop(ir);
        let options = JitOptions { opt_level: Some(self.opt_level), count_allocations: true, ..Default::default() };
        let jit = Jit::new(translated, &options).map_err(|e| format!("JIT compilation failed: {e}"))?;
        let outcome = jit.run("main", ResultKind::Void, RunMode::ChildCapturingStdout).map_err(|e| match e {
            ml_jit::JitError::Crashed { ref stdout, .. } | ml_jit::JitError::Exited { ref stdout, .. } => {
                format!("{e}; it printed:\n{}", String::from_utf8_lossy(stdout))
            }
            e => e.to_string(),
        })?;
        Ok(Execution { stdout: String::from_utf8_lossy(&outcome.stdout).into_owned(), allocations: outcome.allocations })
    }
}

/// Replaces each `base@ = 0x...` address by `0x<addr>`.
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

/// One transform that went wrong on one case.
#[derive(Clone, Debug)]
pub struct Failure {
    pub seed: u64,
    pub kind: &'static str,
    pub transform: String,
    pub message: String,
    /// Where the program was written.
    pub program: PathBuf,
    /// A shell command that runs the failing transform.
    pub reproduce: String,
    /// The same for the baseline, to compare with.
    pub baseline: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "seed {} ({}), transform {}: {}", self.seed, self.kind, self.transform, self.message.trim_end())?;
        writeln!(f, "  program:   {}", self.program.display())?;
        writeln!(f, "  reproduce: {}", self.reproduce)?;
        write!(f, "  baseline:  {}", self.baseline)
    }
}

/// What checking one case found.
#[derive(Clone, Debug)]
pub struct CaseReport {
    pub case: Case,
    /// Transformed runs compared with the baseline (the baseline not counted).
    pub compared: usize,
    pub failures: Vec<Failure>,
    /// Whether the baseline was compared with upstream's.
    pub upstream_checked: bool,
}

/// The shell command that runs `transform` on the program at `path`.
pub fn command_line(path: &Path, transform: &Transform) -> String {
    let flags = transform.flags();
    let flags = if flags.is_empty() { String::new() } else { format!(" {flags}") };
    format!("ml-opt {}{flags} {} | ml-run -e main --entry-point-result=void --check-leaks", path.display(), lowering_flags())
}

/// How a run differs from the baseline, or how it leaked.
fn compare(baseline: &str, run: &Execution) -> Option<String> {
    let ours = mask_addresses(&run.stdout);
    if ours != baseline {
        let first = baseline.lines().zip(ours.lines()).position(|(a, b)| a != b);
        let detail = match first {
            Some(i) => format!(
                "line {}:\n    expected: {}\n    got:      {}",
                i + 1,
                baseline.lines().nth(i).unwrap_or_default(),
                ours.lines().nth(i).unwrap_or_default()
            ),
            None => format!("{} lines, expected {}", ours.lines().count(), baseline.lines().count()),
        };
        return Some(format!("output differs from the baseline at {detail}"));
    }
    leak(&run.allocations)
}

fn leak(stats: &AllocStats) -> Option<String> {
    if stats.leaked() {
        return Some(format!("{} blocks ({} bytes) leaked ({stats})", stats.live_allocations, stats.live_bytes));
    }
    if stats.foreign_frees != 0 {
        return Some(format!("{} frees of memory not allocated by the program", stats.foreign_frees));
    }
    None
}

/// Generates the case of `seed`, runs the baseline and every transform,
/// compares; with `upstream`, also compares the baseline's output with
/// upstream's tools'. A failing program is written to `out_dir`.
pub fn check_seed(runner: &Runner, seed: u64, out_dir: &Path, upstream: Option<&Upstream>) -> CaseReport {
    let case = generate(seed);
    let path = out_dir.join(format!("seed-{seed}.mlir"));
    let name = format!("seed-{seed}.mlir");
    let all = transforms(&case);
    let mut failures = Vec::new();
    let mut fail = |transform: &Transform, message: String| {
        failures.push(Failure {
            seed,
            kind: case.kind.name(),
            transform: transform.label(),
            message,
            program: path.clone(),
            reproduce: command_line(&path, transform),
            baseline: command_line(&path, &Transform::default()),
        })
    };
    let mut compared = 0;
    let mut upstream_checked = false;
    match runner.execute(&name, &case.text, &all[0]) {
        Err(e) => fail(&all[0], e),
        Ok(base) => {
            let expected = mask_addresses(&base.stdout);
            if expected.trim().is_empty() {
                fail(&all[0], "the baseline printed nothing".to_string());
            }
            if let Some(why) = leak(&base.allocations) {
                fail(&all[0], why);
            }
            if let Some(up) = upstream {
                upstream_checked = true;
                match up.run(&case.text, out_dir, seed) {
                    Err(e) => fail(&all[0], format!("upstream failed: {e}")),
                    Ok(theirs) if mask_addresses(&theirs) != expected => fail(
                        &all[0],
                        format!(
                            "the baseline differs from upstream's (mlir-opt-22, mlir-runner-22):\n--- ours\n{expected}--- upstream\n{}",
                            mask_addresses(&theirs)
                        ),
                    ),
                    Ok(_) => {}
                }
            }
            for transform in &all[1..] {
                compared += 1;
                match runner.execute(&name, &case.text, transform) {
                    Err(e) => fail(transform, e),
                    Ok(run) => {
                        if let Some(why) = compare(&expected, &run) {
                            fail(transform, why);
                        }
                    }
                }
            }
        }
    }
    if !failures.is_empty() {
        let _ = std::fs::create_dir_all(out_dir);
        if let Err(e) = std::fs::write(&path, &case.text) {
            for f in &mut failures {
                f.message.push_str(&format!("\n(could not write the program to {}: {e})", path.display()));
            }
        }
    }
    CaseReport { case, compared, failures, upstream_checked }
}

/// Upstream's pipeline for the baseline (ours is `lower-to-llvm`).
pub const UPSTREAM_PIPELINE: &[&str] = &[
    "--one-shot-bufferize=bufferize-function-boundaries",
    "--convert-linalg-to-loops",
    "--expand-strided-metadata",
    "--lower-affine",
    "--convert-scf-to-cf",
    "--finalize-memref-to-llvm",
    "--convert-math-to-llvm",
    "--convert-arith-to-llvm",
    "--convert-cf-to-llvm",
    "--convert-func-to-llvm",
    "--reconcile-unrealized-casts",
];

/// `mlir-opt-22` and `mlir-runner-22` with upstream's runtime libraries.
pub struct Upstream {
    opt: PathBuf,
    runner: PathBuf,
    shared_libs: String,
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).map(|dir| dir.join(name)).chain([Path::new("/usr/bin").join(name)]).find(|p| p.is_file())
}

impl Upstream {
    /// The tools, or why they are not there.
    pub fn find() -> Result<Upstream, String> {
        let [opt, runner] = ["mlir-opt-22", "mlir-runner-22"].map(find_on_path);
        let (Some(opt), Some(runner)) = (opt, runner) else {
            return Err("mlir-opt-22 or mlir-runner-22 not found (Debian package mlir-22-tools)".to_string());
        };
        let libdir = Path::new("/usr/lib/llvm-22/lib");
        let libs = ["libmlir_runner_utils.so", "libmlir_c_runner_utils.so"].map(|l| libdir.join(l));
        if let Some(missing) = libs.iter().find(|l| !l.is_file()) {
            return Err(format!("{} not found", missing.display()));
        }
        Ok(Upstream { opt, runner, shared_libs: libs.map(|l| l.display().to_string()).join(",") })
    }

    /// The stdout of upstream's pipeline and runner on `text`.
    pub fn run(&self, text: &str, scratch: &Path, seed: u64) -> Result<String, String> {
        std::fs::create_dir_all(scratch).map_err(|e| e.to_string())?;
        let input = scratch.join(format!("upstream-{seed}-{}.mlir", std::process::id()));
        std::fs::write(&input, text).map_err(|e| e.to_string())?;
        let lowered = Command::new(&self.opt).arg(&input).args(UPSTREAM_PIPELINE).output();
        let _ = std::fs::remove_file(&input);
        let lowered = lowered.map_err(|e| format!("cannot run {}: {e}", self.opt.display()))?;
        if !lowered.status.success() {
            return Err(format!("mlir-opt-22 failed:\n{}", String::from_utf8_lossy(&lowered.stderr)));
        }
        let mut child = Command::new(&self.runner)
            .args(["-e", "main", "--entry-point-result=void"])
            .arg(format!("--shared-libs={}", self.shared_libs))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", self.runner.display()))?;
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().ok_or("no stdin")?;
            stdin.write_all(&lowered.stdout).map_err(|e| e.to_string())?;
        }
        let output = child.wait_with_output().map_err(|e| e.to_string())?;
        if !output.status.success() {
            return Err(format!("mlir-runner-22 failed ({}):\n{}", output.status, String::from_utf8_lossy(&output.stderr)));
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }
}
