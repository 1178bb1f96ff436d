//! Number formatting identical to upstream's C and C++ runtime.
//!
//! Floats go through libc's `snprintf`, so `%g` and `%e` print exactly what
//! upstream's `fprintf` and `std::ostream` print (libstdc++ formats a double
//! with `%.*g` and precision 6), including `nan`, `-nan`, `inf` and `-0`.

use std::ffi::{c_char, CStr};

/// Appends `value` formatted by the printf conversion `spec` (one
/// conversion of a double, e.g. `c"%g"`).
pub(crate) fn push_printf_f64(out: &mut Vec<u8>, spec: &CStr, value: f64) {
    // Long enough for any %g or %e of a double; %f of a huge one is cut.
    let mut buf = [0u8; 400];
    // SAFETY: `buf` is writable for its length, `spec` holds one double
    // conversion and we pass one double.
    let n = unsafe { libc::snprintf(buf.as_mut_ptr().cast::<c_char>(), buf.len(), spec.as_ptr(), value) };
    let n = usize::try_from(n).unwrap_or(0).min(buf.len() - 1);
    out.extend_from_slice(&buf[..n]);
}

/// `%g`: what `printF32`, `printF64` and `std::cout << x` print.
pub(crate) fn push_g(out: &mut Vec<u8>, value: f64) {
    push_printf_f64(out, c"%g", value);
}

/// `%e`: what `llvm::raw_ostream << double` prints, i.e. how mlir-runner
/// prints a floating-point entry result (`3.500000e+00`).
pub fn format_e(value: f64) -> String {
    let mut out = Vec::new();
    push_printf_f64(&mut out, c"%e", value);
    String::from_utf8_lossy(&out).into_owned()
}

pub(crate) fn push_i64(out: &mut Vec<u8>, value: i64) {
    out.extend_from_slice(value.to_string().as_bytes());
}

pub(crate) fn push_u64(out: &mut Vec<u8>, value: u64) {
    out.extend_from_slice(value.to_string().as_bytes());
}

/// A pointer as libstdc++ prints `void *`: `0x` and lowercase hex, `0` for
/// null.
pub(crate) fn push_ptr(out: &mut Vec<u8>, ptr: *const u8) {
    let addr = ptr as usize;
    if addr == 0 {
        out.push(b'0');
    } else {
        out.extend_from_slice(format!("{addr:#x}").as_bytes());
    }
}

/// An IEEE binary16 bit pattern as an `f32` (exact).
pub(crate) fn f16_to_f32(bits: u16) -> f32 {
    let sign = u32::from(bits >> 15) << 31;
    let exp = u32::from((bits >> 10) & 0x1f);
    let mant = u32::from(bits & 0x3ff);
    let magnitude = match (exp, mant) {
        (0, 0) => 0,
        // Subnormal: mant * 2^-24, exact in f32.
        (0, _) => (mant as f32 * (-24f32).exp2()).to_bits(),
        (0x1f, 0) => 0x7f80_0000,
        (0x1f, _) => 0x7f80_0000 | (mant << 13),
        _ => ((exp + 127 - 15) << 23) | (mant << 13),
    };
    f32::from_bits(sign | magnitude)
}

/// A bfloat16 bit pattern as an `f32` (exact: the high half of an f32).
pub(crate) fn bf16_to_f32(bits: u16) -> f32 {
    f32::from_bits(u32::from(bits) << 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(v: f64) -> String {
        let mut out = Vec::new();
        push_g(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn g_matches_printf() {
        assert_eq!(g(1.5), "1.5");
        assert_eq!(g(123456789.0), "1.23457e+08");
        assert_eq!(g(1e-5), "1e-05");
        assert_eq!(g(-0.0), "-0");
        assert_eq!(g(f64::INFINITY), "inf");
        assert_eq!(g(-f64::NAN), "-nan");
        assert_eq!(format_e(3.5), "3.500000e+00");
    }

    #[test]
    fn half_precision_conversions() {
        assert_eq!(f16_to_f32(0x3e00), 1.5);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0x0001), 5.960_464_5e-8);
        assert_eq!(f16_to_f32(0x7bff), 65504.0);
        assert!(f16_to_f32(0x7c00).is_infinite());
        assert!(f16_to_f32(0x7e00).is_nan());
        assert_eq!(bf16_to_f32(0x3fc0), 1.5);
    }
}
