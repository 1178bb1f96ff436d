//! The C `stdout` and `stderr` streams, shared with JIT-compiled code.
//!
//! Everything the runtime prints goes through libc's `FILE *stdout` (and
//! `stderr` for diagnostics), never through Rust's `std::io::stdout()`:
//! JIT-compiled code that calls `printf` or `puts` writes into the same
//! buffer, so the order of the output is the order of the calls, however the
//! two are mixed. This is also what upstream's runtime does (`fprintf(stdout,
//! ...)`, and `std::cout`, which is synchronised with stdio).
//!
//! The stream is buffered by libc (fully when piped, by line on a terminal).
//! It is flushed where upstream flushes (`printMemref*` ends with
//! `std::endl`), by the JIT after an entry function returns, before a fork,
//! and by libc at process exit. Rust code that prints to `std::io::stdout()`
//! after JIT-compiled code ran must call [`flush`] first.

use std::ffi::{c_char, CStr};

extern "C" {
    #[cfg_attr(target_os = "macos", link_name = "__stdoutp")]
    static mut stdout: *mut libc::FILE;
    #[cfg_attr(target_os = "macos", link_name = "__stderrp")]
    static mut stderr: *mut libc::FILE;
}

/// The process's C `stdout` stream.
pub(crate) fn c_stdout() -> *mut libc::FILE {
    // SAFETY: reading the pointer libc initialised before `main`.
    unsafe { stdout }
}

fn c_stderr() -> *mut libc::FILE {
    // SAFETY: as for `c_stdout`.
    unsafe { stderr }
}

/// Writes `bytes` to C `stdout` (buffered; see the module doc).
pub fn write_stdout(bytes: &[u8]) {
    if bytes.is_empty() {
        return;
    }
    // SAFETY: a valid buffer of `bytes.len()` bytes and libc's own stream.
    unsafe {
        libc::fwrite(bytes.as_ptr().cast(), 1, bytes.len(), c_stdout());
    }
}

/// Writes `bytes` to C `stderr` (unbuffered, as C++'s `std::cerr`).
pub fn write_stderr(bytes: &[u8]) {
    if bytes.is_empty() {
        return;
    }
    // SAFETY: as for `write_stdout`.
    unsafe {
        libc::fwrite(bytes.as_ptr().cast(), 1, bytes.len(), c_stderr());
    }
}

/// Writes a NUL-terminated C string to C `stdout`; a null pointer writes
/// nothing (upstream would crash).
///
/// # Safety
/// `s` is null or points to a NUL-terminated string.
pub(crate) unsafe fn write_c_str(s: *const c_char) {
    if s.is_null() {
        return;
    }
    // SAFETY: the caller promises a NUL-terminated string.
    write_stdout(unsafe { CStr::from_ptr(s) }.to_bytes());
}

/// Flushes C `stdout` only: what a forked child may call (Rust's stdout
/// sits behind a lock another thread of the parent may have held).
pub fn flush_c() {
    // SAFETY: libc's own stream.
    unsafe {
        libc::fflush(c_stdout());
    }
}

/// Flushes C `stdout` and Rust's `std::io::stdout()`, in that order.
pub fn flush() {
    flush_c();
    use std::io::Write;
    let _ = std::io::stdout().flush();
}
