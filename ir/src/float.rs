//! Float formats of the builtin float types: rounding a value to a type's
//! precision, reading it from raw bits, and printing it the way MLIR does.

use half::{bf16, f16};

use crate::types::FloatKind;

mod decimal;

use decimal::Style;

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
/// else APFloat's default form (`0.353553385`, `3.40282347E+38`) when it has
/// a decimal point, else (and for NaN and infinity) the hex bits.
pub fn format(kind: FloatKind, value: f64) -> String {
    if value.is_finite() {
        if value == 0.0 {
            return if value.is_sign_negative() { "-0.000000e+00" } else { "0.000000e+00" }.to_string();
        }
        let bits = significand_bits(kind);
        let short = decimal::to_string(value, bits, Style { precision: 6, max_padding: 0, truncate_zero: false });
        if reads_back(kind, &short, value) {
            return short;
        }
        let default = decimal::to_string(value, bits, Style { precision: 0, max_padding: 3, truncate_zero: true });
        if default.contains('.') {
            return default;
        }
    }
    match to_bits(kind, value) {
        Some(bits) => format!("0x{:0width$X}", bits, width = (kind.width() as usize).div_ceil(4)),
        None => format!("{value:e}"),
    }
}

/// Whether `text` parses to `value` in format `kind`.
fn reads_back(kind: FloatKind, text: &str, value: f64) -> bool {
    match kind {
        FloatKind::F32 => text.parse::<f32>().is_ok_and(|v| f64::from(v).to_bits() == value.to_bits()),
        _ => text.parse::<f64>().is_ok_and(|v| round_to(kind, v).to_bits() == value.to_bits()),
    }
}

/// The significand's bits (the hidden one included) of format `kind`.
fn significand_bits(kind: FloatKind) -> u32 {
    match kind {
        FloatKind::F16 | FloatKind::TF32 => 11,
        FloatKind::BF16 => 8,
        FloatKind::F32 => 24,
        FloatKind::F64 => 53,
        FloatKind::F80 => 64,
        FloatKind::F128 => 113,
        FloatKind::F4E2M1FN => 2,
        FloatKind::F6E3M2FN | FloatKind::F8E5M2 | FloatKind::F8E5M2FNUZ => 3,
        FloatKind::F6E2M3FN | FloatKind::F8E4M3 | FloatKind::F8E4M3FN | FloatKind::F8E4M3FNUZ | FloatKind::F8E4M3B11FNUZ => 4,
        FloatKind::F8E3M4 => 5,
        FloatKind::F8E8M0FNU => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_mlir() {
        assert_eq!(format(FloatKind::F32, 1.0), "1.000000e+00");
        assert_eq!(format(FloatKind::F64, -0.5), "-5.000000e-01");
        assert_eq!(format(FloatKind::F64, 0.1), "1.000000e-01");
        assert_eq!(format(FloatKind::F64, 1.23456789), "1.2345678899999999");
        assert_eq!(format(FloatKind::F32, round_to(FloatKind::F32, 0.353553385)), "0.353553385");
        assert_eq!(format(FloatKind::F32, f64::from(f32::MAX)), "3.40282347E+38");
        assert_eq!(format(FloatKind::F32, f64::from(f32::MIN_POSITIVE)), "1.17549435E-38");
        assert_eq!(format(FloatKind::F32, round_to(FloatKind::F32, 123456.789)), "123456.789");
        assert_eq!(format(FloatKind::BF16, round_to(FloatKind::BF16, 0.3333)), "3.339840e-01");
        assert_eq!(format(FloatKind::F64, 0.1234567890123), "0.12345678901230001");
        assert_eq!(format(FloatKind::F64, 16777217.0), "0x4170000010000000");
        assert_eq!(format(FloatKind::F32, f64::INFINITY), "0x7F800000");
        assert_eq!(format(FloatKind::F32, round_to(FloatKind::F32, 0.1)), "1.000000e-01");
    }
}
