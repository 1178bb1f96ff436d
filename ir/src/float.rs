//! Float formats of the builtin float types: rounding a value to a type's
//! precision, reading it from raw bits, and printing it the way MLIR does.

use half::{bf16, f16};

use crate::types::FloatKind;

/// `value` rounded to the precision of `kind` (kept as an `f64`).
pub fn round_to(kind: FloatKind, value: f64) -> f64 {
    match kind {
        FloatKind::F16 => f16::from_f64(value).to_f64(),
        FloatKind::BF16 => bf16::from_f64(value).to_f64(),
        FloatKind::F32 | FloatKind::TF32 => value as f32 as f64,
        _ => value,
    }
}

/// The value whose IEEE bits in format `kind` are `bits`, for the formats we
/// compute with (f16, bf16, f32, f64).
pub fn from_bits(kind: FloatKind, bits: u128) -> Option<f64> {
    Some(match kind {
        FloatKind::F16 => f16::from_bits(bits as u16).to_f64(),
        FloatKind::BF16 => bf16::from_bits(bits as u16).to_f64(),
        FloatKind::F32 => f32::from_bits(bits as u32) as f64,
        FloatKind::F64 => f64::from_bits(bits as u64),
        _ => return None,
    })
}

/// The IEEE bits of `value` in format `kind`.
pub fn to_bits(kind: FloatKind, value: f64) -> Option<u128> {
    Some(match kind {
        FloatKind::F16 => f16::from_f64(value).to_bits() as u128,
        FloatKind::BF16 => bf16::from_f64(value).to_bits() as u128,
        FloatKind::F32 => (value as f32).to_bits() as u128,
        FloatKind::F64 => value.to_bits() as u128,
        _ => return None,
    })
}

/// MLIR's spelling of a float constant: scientific notation with six
/// fraction digits when that reads back to the same value (`1.000000e+00`),
/// the shortest exact decimal otherwise, and hex bits for NaN and infinity.
pub fn format(kind: FloatKind, value: f64) -> String {
    if !value.is_finite() {
        return match to_bits(kind, value) {
            Some(bits) => format!("0x{:0width$X}", bits, width = (kind.width() as usize).div_ceil(4)),
            None => format!("{value}"),
        };
    }
    let short = format_scientific(value, 6);
    if short.parse::<f64>().ok().map(|v| round_to(kind, v)) == Some(value) {
        return short;
    }
    // Otherwise the shortest decimal that reads back exactly, as APFloat's
    // default form.
    let plain = format!("{value}");
    if plain.contains('.') {
        return plain;
    }
    format!("{value:e}")
}

/// `d.dddddde+XX` with `digits` fraction digits, as C's `%e`.
fn format_scientific(value: f64, digits: usize) -> String {
    let s = format!("{value:.digits$e}");
    let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    format!("{mantissa}e{}{:02}", if exponent < 0 { '-' } else { '+' }, exponent.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_mlir() {
        assert_eq!(format(FloatKind::F32, 1.0), "1.000000e+00");
        assert_eq!(format(FloatKind::F64, -0.5), "-5.000000e-01");
        assert_eq!(format(FloatKind::F64, 0.1), "1.000000e-01");
        assert_eq!(format(FloatKind::F64, 1.23456789), "1.23456789");
        assert_eq!(format(FloatKind::F32, f64::INFINITY), "0x7F800000");
        assert_eq!(format(FloatKind::F32, round_to(FloatKind::F32, 0.1)), "1.000000e-01");
    }
}
