//! The PTX the test suite makes is PTX NVIDIA's tools take, and the same
//! as upstream makes:
//!
//! - every RUN line of a lit test that has `ml-translate --to-ptx` write
//!   PTX is run again for `sm_80` and for `sm_90`, and each module's PTX
//!   is assembled by `ptxas` (found as `ml_nvptx::toolkit::find_ptxas`
//!   says: `PTXAS`, a CUDA toolkit, `PATH`, the PyPI wheel that
//!   `scripts/setup.sh` installs). Without ptxas the test says so on
//!   stderr and does nothing, unless `ML_REQUIRE_PTXAS=1` (which
//!   `scripts/test.sh` sets), when it fails;
//! - each kernel module of `Translate/to-ptx.mlir` that does not call
//!   libdevice compiles to the PTX upstream's
//!   `mlir-opt-22 --gpu-module-to-binary=format=isa` writes, byte for
//!   byte (upstream leaves libdevice calls external where we link it).

use std::path::{Path, PathBuf};
use std::process::Command;

fn tools_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_ml-translate")).parent().expect("a directory").to_path_buf()
}

/// ptxas, or `None` after saying why the check is skipped.
fn ptxas() -> Option<PathBuf> {
    if let Some(path) = ml_nvptx::toolkit::find_ptxas() {
        return Some(path);
    }
    let why =
        "NVIDIA's ptxas not found (set PTXAS, or run scripts/setup.sh, which installs the PyPI package nvidia-cuda-nvcc-cu12)";
    assert!(std::env::var("ML_REQUIRE_PTXAS").as_deref() != Ok("1"), "ML_REQUIRE_PTXAS=1 but {why}");
    eprintln!("skipping the ptxas check: {why}");
    None
}

/// Runs `line` (a RUN line's commands before FileCheck) with `sh`.
fn run_shell(line: &str) -> Result<String, String> {
    let path = format!("{}:{}:{}", tools_dir().display(), test_support::LLVM_BIN, std::env::var("PATH").unwrap_or_default());
    let output = Command::new("sh").arg("-c").arg(line).env("PATH", path).output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!("`{line}` failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The PTX of each module in `text`: split at `// -----` and at the
/// `// gpu.module @name` lines between modules.
fn modules(text: &str) -> Vec<String> {
    let mut modules = vec![String::new()];
    for line in text.lines() {
        if line == "// -----" || line.starts_with("// gpu.module @") {
            modules.push(String::new());
            continue;
        }
        let last = modules.last_mut().expect("one at least");
        last.push_str(line);
        last.push('\n');
    }
    modules.retain(|m| m.contains(".version"));
    modules
}

/// The commands of each RUN line that writes PTX with `ml-translate --to-ptx`,
/// for `chip`, up to ml-translate.
fn ptx_commands(path: &Path, chip: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut commands = Vec::new();
    for line in text.lines().filter_map(|l| l.trim_start().strip_prefix("// RUN:")) {
        let stages: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(at) = stages.iter().position(|s| s.starts_with("ml-translate") && s.contains("--to-ptx")) else { continue };
        if stages[at].contains("--emit") || stages[..at].iter().any(|s| s.starts_with("not")) {
            continue;
        }
        let translate: Vec<&str> = stages[at].split_whitespace().filter(|w| !w.starts_with("--sm=")).collect();
        let mut pipeline: Vec<String> = stages[..at].iter().map(|s| s.to_string()).collect();
        pipeline.push(format!("{} --sm={chip}", translate.join(" ")));
        commands.push(pipeline.join(" | ").replace("%s", &path.display().to_string()));
    }
    commands
}

#[test]
fn every_ptx_of_the_lit_tests_assembles_for_sm_80_and_sm_90() {
    let Some(ptxas) = ptxas() else { return };
    let mut assembled = 0;
    let mut problems = Vec::new();
    for path in test_support::lit_inputs() {
        for chip in ["sm_80", "sm_90"] {
            for command in ptx_commands(&path, chip) {
                let output = match run_shell(&command) {
                    Ok(output) => output,
                    Err(e) => {
                        problems.push(e);
                        continue;
                    }
                };
                for (i, ptx) in modules(&output).iter().enumerate() {
                    match ml_nvptx::toolkit::assemble(&ptxas, ptx, chip, "") {
                        Ok(cubin) if !cubin.is_empty() => assembled += 1,
                        Ok(_) => problems.push(format!("{}: module {i} for {chip}: ptxas wrote nothing", path.display())),
                        Err(e) => problems.push(format!("{}: module {i} for {chip}: {e}\n{ptx}", path.display())),
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    assert!(assembled >= 10, "only {assembled} PTX modules were assembled: are the --to-ptx lit tests there?");
    eprintln!("ptxas assembled {assembled} PTX modules");
}

#[test]
fn kernels_compile_to_the_ptx_upstream_makes() {
    let Some(upstream) =
        ["/usr/bin/mlir-opt-22", "/usr/lib/llvm-22/bin/mlir-opt"].into_iter().map(PathBuf::from).find(|p| p.is_file())
    else {
        eprintln!("skipping the comparison with upstream: mlir-opt-22 not found");
        return;
    };
    let text = std::fs::read_to_string(test_support::lit_root().join("Translate/to-ptx.mlir")).expect("the lit test");
    let chunks: Vec<String> = text
        .split("// -----")
        .map(|c| c.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n"))
        .filter(|c| !c.contains("__nv_"))
        .collect();
    assert!(chunks.len() >= 2);
    let dir = std::env::temp_dir().join(format!("ml-ptx-upstream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    for (i, chunk) in chunks.iter().enumerate() {
        let input = dir.join(format!("kernel{i}.mlir"));
        std::fs::write(&input, chunk).expect("written");
        let ours =
            Command::new(env!("CARGO_BIN_EXE_ml-translate")).arg(&input).arg("--to-ptx").output().expect("ml-translate runs");
        assert!(ours.status.success(), "{}", String::from_utf8_lossy(&ours.stderr));
        let theirs =
            Command::new(&upstream).arg(&input).arg("--gpu-module-to-binary=format=isa").output().expect("mlir-opt runs");
        assert!(theirs.status.success(), "{}", String::from_utf8_lossy(&theirs.stderr));
        let theirs = String::from_utf8_lossy(&theirs.stdout);
        let start = theirs.find("assembly = \"").expect("an assembly object") + "assembly = \"".len();
        let end = start + theirs[start..].find("\">]").expect("the end of the object");
        let theirs = dialect_gpu::binary::unescape(&format!("\"{}\"", &theirs[start..end])).expect("an MLIR string");
        assert_eq!(String::from_utf8_lossy(&ours.stdout), String::from_utf8_lossy(&theirs), "kernel module {i}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
