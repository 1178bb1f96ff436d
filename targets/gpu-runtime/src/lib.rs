//! The GPU runtime that host code lowered by `gpu-to-llvm` calls: the C
//! functions of upstream's CUDA runtime wrappers (`mgpuModuleLoad`,
//! `mgpuModuleGetFunction`, `mgpuLaunchKernel`, `mgpuMemAlloc`,
//! `mgpuMemcpy`, `mgpuStreamCreate`, ...) with their signatures, on the
//! CUDA driver API through cudarc (loaded at run time, so nothing here
//! needs CUDA to build).
//!
//! - [`symbols`]: the CUDA implementation, for a JIT to resolve calls with
//!   (`ml-run --gpu`). The first call makes the primary context of device
//!   0 current (as upstream's runtime does); a failing CUDA call prints
//!   `ml-gpu-runtime: error: <call> failed: <CUDA error>` and ends the
//!   process with status 1 rather than run on with a bad handle.
//! - [`probe`]: whether this machine can run kernels (a CUDA driver,
//!   `libcuda.so`, and a device), asked in a forked child so that this
//!   process never initialises CUDA (the driver does not survive a fork,
//!   and `ml-run` runs programs in a forked child).
//! - [`recording`]: stand-ins with the same names and signatures that
//!   record each call (the PTX loaded, the kernel looked up, launch sizes
//!   and argument values) and keep "device" buffers in host memory; what
//!   tests without a GPU check the lowering with.

mod cuda;
pub mod recording;

use std::os::raw::c_int;

/// A runtime function: its C name and address.
#[derive(Clone, Copy, Debug)]
pub struct Symbol {
    pub name: &'static str,
    address: *const (),
}

// SAFETY: a function's address, never dereferenced as data.
unsafe impl Sync for Symbol {}
// SAFETY: as above.
unsafe impl Send for Symbol {}

impl Symbol {
    pub(crate) const fn new(name: &'static str, address: *const ()) -> Self {
        Symbol { name, address }
    }

    pub fn address(&self) -> usize {
        self.address as usize
    }
}

/// The names every implementation defines, in one order.
pub const FUNCTIONS: &[&str] = &[
    "mgpuModuleLoad",
    "mgpuModuleUnload",
    "mgpuModuleGetFunction",
    "mgpuLaunchKernel",
    "mgpuStreamCreate",
    "mgpuStreamDestroy",
    "mgpuStreamSynchronize",
    "mgpuMemAlloc",
    "mgpuMemFree",
    "mgpuMemcpy",
    "mgpuMemset32",
    "mgpuMemset16",
];

/// The CUDA implementation of every runtime function.
pub fn symbols() -> &'static [Symbol] {
    cuda::SYMBOLS
}

/// What [`probe`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Device {
    pub name: String,
    /// `sm_XY`.
    pub chip: String,
}

/// Whether kernels can run here: `libcuda.so` loads and device 0 exists.
/// The `Err` says why not, in a few words (`libcuda.so not found`).
pub fn probe() -> Result<Device, String> {
    // SAFETY: only tries to load the library (no CUDA call).
    if !unsafe { cudarc::driver::sys::is_culib_present() } {
        return Err("libcuda.so not found".into());
    }
    probe_in_child()
}

/// Runs [`cuda::device`] in a forked child and reads its answer from a
/// pipe: `ok <chip> <name>` or `err <why>`.
fn probe_in_child() -> Result<Device, String> {
    let mut fds: [c_int; 2] = [0; 2];
    // SAFETY: a two-int array for pipe(2).
    if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
        return Err("cannot make a pipe to probe the CUDA device".into());
    }
    // SAFETY: the child only calls the driver, writes to the pipe and
    // leaves with _exit; the parent reads the pipe and reaps the child.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err("cannot fork to probe the CUDA device".into());
    }
    if pid == 0 {
        let answer = match cuda::device() {
            Ok(device) => format!("ok {} {}", device.chip, device.name),
            Err(why) => format!("err {why}"),
        };
        // SAFETY: writing our buffer to the pipe, then leaving without
        // running the parent's destructors.
        unsafe {
            libc::write(fds[1], answer.as_ptr().cast(), answer.len());
            libc::_exit(0);
        }
    }
    // SAFETY: closing our copy of the write end, reading, reaping.
    let answer = unsafe {
        libc::close(fds[1]);
        let mut bytes = Vec::new();
        let mut buffer = [0u8; 512];
        loop {
            let n = libc::read(fds[0], buffer.as_mut_ptr().cast(), buffer.len());
            if n <= 0 {
                break;
            }
            bytes.extend_from_slice(&buffer[..n as usize]);
        }
        libc::close(fds[0]);
        let mut status = 0;
        libc::waitpid(pid, &mut status, 0);
        String::from_utf8_lossy(&bytes).into_owned()
    };
    match answer.split_once(' ') {
        Some(("ok", rest)) => {
            let (chip, name) = rest.split_once(' ').unwrap_or((rest, ""));
            Ok(Device { name: name.to_string(), chip: chip.to_string() })
        }
        Some(("err", why)) => Err(why.to_string()),
        _ => Err("the CUDA driver crashed while probing the device".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_implementations_define_every_function() {
        for table in [symbols(), recording::symbols()] {
            let names: Vec<&str> = table.iter().map(|s| s.name).collect();
            assert_eq!(names, FUNCTIONS);
            assert!(table.iter().all(|s| s.address() != 0));
        }
    }

    #[test]
    fn probe_answers_without_initialising_cuda_here() {
        // On a machine without a GPU: a reason; with one: its chip.
        match probe() {
            Ok(device) => assert!(device.chip.starts_with("sm_"), "{device:?}"),
            Err(why) => assert!(!why.is_empty()),
        }
    }
}
