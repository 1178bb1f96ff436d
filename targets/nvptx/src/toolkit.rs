//! Where NVIDIA's tools are on this machine: `libdevice.10.bc` (the math
//! library kernels call as `__nv_expf`) and `ptxas` (the PTX assembler).
//! Neither is needed to make PTX; libdevice is linked when found, ptxas
//! only assembles (tests, `format=bin`).
//!
//! Searched, in order: the variable (`ML_LIBDEVICE`, `PTXAS`), a CUDA
//! toolkit (`CUDA_HOME`, `CUDA_PATH`, `/usr/local/cuda`, Debian's
//! `/usr/lib/cuda` and `/usr/lib/nvidia-cuda-toolkit`), `PATH` (ptxas),
//! then the PyPI wheel `nvidia-cuda-nvcc-cu12`: in the virtual environment
//! `scripts/setup.sh` makes (`target/nvidia-venv`), or wherever `python3`
//! imports `nvidia.cuda_nvcc` from (a namespace package: its `__path__`,
//! not its `__file__`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The environment `scripts/setup.sh` installs the wheel into.
pub fn setup_venv() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/nvidia-venv")
}

/// Toolkit roots named by the environment, then the usual places.
fn toolkit_roots() -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = ["CUDA_HOME", "CUDA_PATH"].iter().filter_map(std::env::var_os).map(PathBuf::from).collect();
    roots.extend(["/usr/local/cuda", "/usr/lib/cuda", "/usr/lib/nvidia-cuda-toolkit"].map(PathBuf::from));
    roots
}

/// `nvidia/cuda_nvcc` of the wheel, in the setup venv or for `python3`.
fn wheel_root() -> Option<PathBuf> {
    static ROOT: OnceLock<Option<PathBuf>> = OnceLock::new();
    ROOT.get_or_init(|| {
        let venv_lib = setup_venv().join("lib");
        let in_venv = std::fs::read_dir(&venv_lib).into_iter().flatten().flatten().find_map(|entry| {
            let root = entry.path().join("site-packages/nvidia/cuda_nvcc");
            root.is_dir().then_some(root)
        });
        in_venv.or_else(|| {
            let script = "import nvidia.cuda_nvcc as m; print(list(m.__path__)[0])";
            let output = Command::new("python3").args(["-c", script]).output().ok().filter(|o| o.status.success())?;
            let root = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
            root.is_dir().then_some(root)
        })
    })
    .clone()
}

/// `libdevice.10.bc`, if it is anywhere this looks.
pub fn find_libdevice() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("ML_LIBDEVICE").map(PathBuf::from) {
        return path.is_file().then_some(path);
    }
    let mut candidates: Vec<PathBuf> = toolkit_roots().into_iter().map(|r| r.join("nvvm/libdevice/libdevice.10.bc")).collect();
    candidates.push(PathBuf::from("/usr/lib/nvidia-cuda-toolkit/libdevice/libdevice.10.bc"));
    candidates.into_iter().find(|p| p.is_file()).or_else(|| {
        let path = wheel_root()?.join("nvvm/libdevice/libdevice.10.bc");
        path.is_file().then_some(path)
    })
}

/// NVIDIA's `ptxas`, if it is anywhere this looks.
pub fn find_ptxas() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PTXAS").map(PathBuf::from) {
        return path.is_file().then_some(path);
    }
    let on_path = std::env::var_os("PATH").map(|p| std::env::split_paths(&p).map(|d| d.join("ptxas")).collect::<Vec<_>>());
    let mut candidates: Vec<PathBuf> = toolkit_roots().into_iter().map(|r| r.join("bin/ptxas")).collect();
    candidates.extend(on_path.unwrap_or_default());
    candidates.into_iter().find(|p| p.is_file()).or_else(|| {
        let path = wheel_root()?.join("bin/ptxas");
        path.is_file().then_some(path)
    })
}

/// Assembles `ptx` for `chip` with `ptxas`, into a cubin; the assembler's
/// messages when it refuses.
pub fn assemble(ptxas: &Path, ptx: &str, chip: &str, options: &str) -> Result<Vec<u8>, String> {
    let dir = std::env::temp_dir().join(format!("ml-ptxas-{}-{:?}", std::process::id(), std::thread::current().id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot make a directory for ptxas: {e}"))?;
    let (input, output) = (dir.join("kernel.ptx"), dir.join("kernel.cubin"));
    let result = (|| {
        std::fs::write(&input, ptx).map_err(|e| format!("cannot write the PTX for ptxas: {e}"))?;
        let run = Command::new(ptxas)
            .arg(format!("-arch={chip}"))
            .args(options.split_whitespace())
            .arg(&input)
            .arg("-o")
            .arg(&output)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", ptxas.display()))?;
        if !run.status.success() {
            let text = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
            return Err(format!("ptxas rejected the PTX: {}", text.trim_end()));
        }
        std::fs::read(&output).map_err(|e| format!("cannot read what ptxas wrote: {e}"))
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}
