//! Scalar printing, as upstream's `CRunnerUtils.cpp` and `Float16bits.cpp`:
//! the functions `vector.print` lowers to, plus `printCString`, `printFlops`,
//! `rtclock` and `nanoTime`.
//!
//! Nothing here flushes (upstream's `fprintf(stdout, ...)` does not either).

use std::ffi::c_char;

use crate::format::{bf16_to_f32, f16_to_f32, push_g, push_i64, push_printf_f64, push_u64};
use crate::stdout::{write_c_str, write_stderr, write_stdout};

fn print_g(value: f64) {
    let mut out = Vec::with_capacity(16);
    push_g(&mut out, value);
    write_stdout(&out);
}

/// `printI64(i64)`: `%ld`.
#[export_name = "printI64"]
pub extern "C" fn print_i64(value: i64) {
    let mut out = Vec::with_capacity(20);
    push_i64(&mut out, value);
    write_stdout(&out);
}

/// `printU64(u64)`: `%lu`.
#[export_name = "printU64"]
pub extern "C" fn print_u64(value: u64) {
    let mut out = Vec::with_capacity(20);
    push_u64(&mut out, value);
    write_stdout(&out);
}

/// `printF32(float)`: `%g`.
#[export_name = "printF32"]
pub extern "C" fn print_f32(value: f32) {
    print_g(f64::from(value));
}

/// `printF64(double)`: `%lg`.
#[export_name = "printF64"]
pub extern "C" fn print_f64(value: f64) {
    print_g(value);
}

/// `printF16(uint16_t bits)`: the value as a float, `%g`.
#[export_name = "printF16"]
pub extern "C" fn print_f16(bits: u16) {
    print_g(f64::from(f16_to_f32(bits)));
}

/// `printBF16(uint16_t bits)`: the value as a float, `%g`.
#[export_name = "printBF16"]
pub extern "C" fn print_bf16(bits: u16) {
    print_g(f64::from(bf16_to_f32(bits)));
}

/// `printString(const char *)`: the string, no newline.
///
/// # Safety
/// `s` is null or a NUL-terminated string.
#[export_name = "printString"]
pub unsafe extern "C" fn print_string(s: *const c_char) {
    // SAFETY: forwarded from the caller.
    unsafe { write_c_str(s) }
}

/// `printCString(char *)`: as `printString` (upstream uses `printf("%s")`).
///
/// # Safety
/// `s` is null or a NUL-terminated string.
#[export_name = "printCString"]
pub unsafe extern "C" fn print_c_string(s: *const c_char) {
    // SAFETY: forwarded from the caller.
    unsafe { write_c_str(s) }
}

/// `printOpen()`: `"( "`.
#[export_name = "printOpen"]
pub extern "C" fn print_open() {
    write_stdout(b"( ");
}

/// `printClose()`: `" )"`.
#[export_name = "printClose"]
pub extern "C" fn print_close() {
    write_stdout(b" )");
}

/// `printComma()`: `", "`.
#[export_name = "printComma"]
pub extern "C" fn print_comma() {
    write_stdout(b", ");
}

/// `printNewline()`: `'\n'`.
#[export_name = "printNewline"]
pub extern "C" fn print_newline() {
    write_stdout(b"\n");
}

/// `printFlops(double)`: `"%lf GFLOPS\n"` of `flops / 1e9`, on stderr.
#[export_name = "printFlops"]
pub extern "C" fn print_flops(flops: f64) {
    let mut out = Vec::new();
    push_printf_f64(&mut out, c"%lf GFLOPS\n", flops / 1.0e9);
    write_stderr(&out);
}

/// `rtclock()`: seconds since the epoch, from `gettimeofday`, as upstream.
#[export_name = "rtclock"]
pub extern "C" fn rtclock() -> f64 {
    let mut tv = libc::timeval { tv_sec: 0, tv_usec: 0 };
    // SAFETY: a valid out-pointer; a null timezone.
    let stat = unsafe { libc::gettimeofday(&mut tv, std::ptr::null_mut()) };
    if stat != 0 {
        write_stderr(format!("Error returning time from gettimeofday: {stat}\n").as_bytes());
    }
    tv.tv_sec as f64 + tv.tv_usec as f64 * 1.0e-6
}

/// `_mlir_ciface_nanoTime()`: nanoseconds since the epoch (upstream uses
/// `std::chrono::high_resolution_clock`, the realtime clock in libstdc++).
#[export_name = "_mlir_ciface_nanoTime"]
pub extern "C" fn nano_time() -> i64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: a valid out-pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut ts) };
    ts.tv_sec.wrapping_mul(1_000_000_000).wrapping_add(ts.tv_nsec)
}
