//! Running JIT-compiled code in a forked child, so that its crash is a
//! report rather than the end of the caller.
//!
//! Why a child and not a signal handler: after a SIGSEGV in JIT-compiled
//! code the process's state (libc's heap and stdio, the runtime's counters,
//! LLVM) may be half-updated, and jumping out of the handler past JIT frames
//! skips every cleanup; nothing could be trusted afterwards. A child's crash
//! leaves the parent untouched, and the child also gives exact per-run
//! allocation figures and a clean way to capture stdout.
//!
//! The child only calls the compiled function and the runtime (libc stdio,
//! malloc, atomics), never LLVM or Rust's stdout, so the locks other
//! threads of the parent may have held at the fork do not matter. The
//! compiled code is inherited with the address space.

use std::ffi::c_int;

use ml_runtime::alloc::{self, AllocStats};

use crate::jit::{invoke, Structors};
use crate::{EntryValue, JitError, Outcome, ResultKind};

/// The message the child sends back: the result's bits and six counters.
const MESSAGE_WORDS: usize = 7;
const MESSAGE_LEN: usize = MESSAGE_WORDS * 8;

fn os_error(what: &str) -> JitError {
    JitError::Os(format!("{what}: {}", std::io::Error::last_os_error()))
}

fn pipe() -> Result<(c_int, c_int), JitError> {
    let mut fds = [0 as c_int; 2];
    // SAFETY: a valid out-array of two descriptors.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(os_error("cannot create a pipe"));
    }
    Ok((fds[0], fds[1]))
}

fn close(fd: c_int) {
    // SAFETY: a descriptor this module opened.
    unsafe { libc::close(fd) };
}

/// Reads `fd` to its end.
fn read_all(fd: c_int) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        // SAFETY: a valid buffer of its length.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        match n {
            0 => break,
            n if n > 0 => out.extend_from_slice(&buf[..n as usize]),
            _ if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted => {}
            _ => break,
        }
    }
    out
}

fn write_all(fd: c_int, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        // SAFETY: a valid buffer of its length.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        if n > 0 {
            bytes = &bytes[n as usize..];
        } else if std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            return;
        }
    }
}

fn encode(value: EntryValue, stats: &AllocStats) -> [u8; MESSAGE_LEN] {
    let bits = match value {
        EntryValue::Void => 0,
        EntryValue::I32(v) => v as u32 as u64,
        EntryValue::I64(v) => v as u64,
        EntryValue::F32(v) => u64::from(v.to_bits()),
        EntryValue::F64(v) => v.to_bits(),
    };
    let words = [
        bits,
        stats.live_allocations as u64,
        stats.live_bytes as u64,
        stats.peak_bytes as u64,
        stats.total_allocations,
        stats.total_bytes,
        stats.foreign_frees,
    ];
    let mut out = [0u8; MESSAGE_LEN];
    for (chunk, word) in out.chunks_exact_mut(8).zip(words) {
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    out
}

fn decode(kind: ResultKind, message: &[u8]) -> Option<(EntryValue, AllocStats)> {
    if message.len() != MESSAGE_LEN {
        return None;
    }
    let word = |i: usize| {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&message[i * 8..i * 8 + 8]);
        u64::from_le_bytes(bytes)
    };
    let bits = word(0);
    let value = match kind {
        ResultKind::Void => EntryValue::Void,
        ResultKind::I32 => EntryValue::I32(bits as u32 as i32),
        ResultKind::I64 => EntryValue::I64(bits as i64),
        ResultKind::F32 => EntryValue::F32(f32::from_bits(bits as u32)),
        ResultKind::F64 => EntryValue::F64(f64::from_bits(bits)),
    };
    let stats = AllocStats {
        live_allocations: word(1) as i64,
        live_bytes: word(2) as i64,
        peak_bytes: word(3) as i64,
        total_allocations: word(4),
        total_bytes: word(5),
        foreign_frees: word(6),
    };
    Some((value, stats))
}

/// The signals a crashing program dies of.
const CRASH_SIGNALS: [c_int; 6] = [libc::SIGSEGV, libc::SIGBUS, libc::SIGFPE, libc::SIGILL, libc::SIGABRT, libc::SIGTRAP];

/// In the child: on a crash, write out what the program printed and is
/// still in C stdout's buffer, then die of the same signal. The handler
/// runs on the alternate signal stack Rust set up for this thread, so a
/// stack overflow is handled too.
fn flush_stdout_on_crash() {
    extern "C" fn flush_and_die(signal: c_int) {
        // Not async-signal-safe in general, but the child is single-threaded
        // and about to die; at worst the last partial buffer is lost.
        ml_runtime::stdout::flush_c();
        // SA_RESETHAND restored the default action: the signal, pending
        // until this returns (or raised again by the faulting instruction),
        // ends the child.
        // SAFETY: raising a signal in this process.
        unsafe { libc::raise(signal) };
    }
    for signal in CRASH_SIGNALS {
        // SAFETY: a zeroed sigaction is valid; the handler is a plain
        // `extern "C" fn(c_int)`.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = flush_and_die as extern "C" fn(c_int) as usize;
            action.sa_flags = libc::SA_ONSTACK | libc::SA_RESETHAND;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(signal, &action, std::ptr::null_mut());
        }
    }
}

/// Forks, calls the constructors, `address` as `extern "C" fn() -> kind`
/// and the destructors in the child
/// (stdout redirected into a pipe when `capture`), and reports what
/// happened.
pub(crate) fn run_in_child(address: usize, kind: ResultKind, structors: &Structors, capture: bool) -> Result<Outcome, JitError> {
    // Output buffered in this process must not be written twice.
    ml_runtime::stdout::flush();
    let (result_read, result_write) = pipe()?;
    let output = if capture {
        match pipe() {
            Ok(p) => Some(p),
            Err(e) => {
                close(result_read);
                close(result_write);
                return Err(e);
            }
        }
    } else {
        None
    };
    // SAFETY: the child only runs the code below, which touches no lock
    // another thread may hold (see the module doc), and ends with `_exit`.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        close(result_read);
        if let Some((read, write)) = output {
            close(read);
            // SAFETY: descriptors of this process.
            unsafe { libc::dup2(write, libc::STDOUT_FILENO) };
            close(write);
        }
        flush_stdout_on_crash();
        let start = alloc::begin_run();
        // SAFETY: the caller checked the signature of `address`; the
        // structors are `void ()`.
        let value = unsafe {
            Structors::run(&structors.constructors);
            let value = invoke(address, kind);
            Structors::run(&structors.destructors);
            value
        };
        ml_runtime::stdout::flush_c();
        let stats = alloc::stats().since(&start);
        write_all(result_write, &encode(value, &stats));
        // SAFETY: ends the child without running the parent's destructors.
        unsafe { libc::_exit(0) };
    }
    close(result_write);
    if let Some((_, write)) = output {
        close(write);
    }
    if pid < 0 {
        close(result_read);
        if let Some((read, _)) = output {
            close(read);
        }
        return Err(os_error("cannot fork"));
    }
    // The child's stdout first (to its end, which comes when the child
    // ends), then the small result message, which the pipe buffers.
    let stdout = output.map_or_else(Vec::new, |(read, _)| {
        let bytes = read_all(read);
        close(read);
        bytes
    });
    let message = read_all(result_read);
    close(result_read);
    let mut status: c_int = 0;
    loop {
        // SAFETY: our own child, a valid out-pointer.
        let r = unsafe { libc::waitpid(pid, &mut status, 0) };
        if r == pid {
            break;
        }
        if std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            return Err(os_error("cannot wait for the child"));
        }
    }
    if libc::WIFSIGNALED(status) {
        return Err(JitError::Crashed { signal: libc::WTERMSIG(status), stdout });
    }
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -1 };
    match decode(kind, &message) {
        Some((value, allocations)) if code == 0 => Ok(Outcome { value, allocations, stdout }),
        _ => Err(JitError::Exited { code, stdout }),
    }
}
