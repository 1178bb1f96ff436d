//! The decimal spelling of a binary float the way LLVM's `APFloat::toString`
//! writes it: the exact decimal expansion of `significand * 2^exponent`,
//! cut to a number of significant digits (with APFloat's truncating first
//! step and its round-half-up last step, so that the digits are the same
//! as upstream's), then written in plain or scientific notation.

/// How to write the number (the parameters of `APFloat::toString`).
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// Significant digits; 0 for enough to read the type's value back.
    pub precision: u32,
    /// Zeros allowed in plain notation before switching to scientific
    /// (0: always scientific).
    pub max_padding: u32,
    /// Scientific notation as `1.5E+2` (else `1.500000e+02`, padded to
    /// `precision` digits).
    pub truncate_zero: bool,
}

/// `value`, a finite nonzero number of a type with `type_precision`
/// significand bits (exactly representable in an `f64`), in `style`.
pub fn to_string(value: f64, type_precision: u32, style: Style) -> String {
    let mut out = String::new();
    if value.is_sign_negative() {
        out.push('-');
    }
    let (mut significand, mut exp) = integer_and_exponent(value.abs());
    let precision = if style.precision == 0 { 2 + type_precision * 59 / 196 } else { style.precision };
    let trailing = significand.trailing_zeros() as i32;
    significand >>= trailing;
    exp += trailing;
    let mut n = Natural::from(significand);
    if exp > 0 {
        n.shift_left(exp as u32);
        exp = 0;
    } else {
        for _ in 0..-exp {
            n.mul_small(5);
        }
    }
    // APFloat first drops whole digits it surely does not need, truncating.
    let bits = n.bit_len();
    let bits_required = (precision * 196).div_ceil(59);
    if bits > bits_required {
        let removable = (bits - bits_required) * 59 / 196;
        for _ in 0..removable {
            n.divrem_small(10);
        }
        exp += removable as i32;
    }
    // Digits, least significant first, without trailing zeros.
    let mut digits = Vec::new();
    while !n.is_zero() {
        let d = n.divrem_small(10) as u8;
        if digits.is_empty() && d == 0 {
            exp += 1;
        } else {
            digits.push(b'0' + d);
        }
    }
    round_to_precision(&mut digits, &mut exp, precision as usize);
    write(&mut out, &digits, exp, precision, style);
    out
}

/// `value` as `m * 2^e` with an integer `m`.
fn integer_and_exponent(value: f64) -> (u64, i32) {
    let bits = value.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    }
}

/// Keeps the `precision` most significant digits (the last ones), rounding
/// half up and dropping the zeros that leaves at the end.
fn round_to_precision(digits: &mut Vec<u8>, exp: &mut i32, precision: usize) {
    let n = digits.len();
    if n <= precision {
        return;
    }
    let mut first = n - precision;
    if digits[first - 1] < b'5' {
        while first < n && digits[first] == b'0' {
            first += 1;
        }
    } else {
        while first < n && digits[first] == b'9' {
            first += 1;
        }
        if first == n {
            *exp += first as i32;
            *digits = vec![b'1'];
            return;
        }
        digits[first] += 1;
    }
    *exp += first as i32;
    digits.drain(..first);
}

/// The digits (least significant first) times `10^exp`, in `style`.
fn write(out: &mut String, digits: &[u8], mut exp: i32, precision: u32, style: Style) {
    let count = digits.len() as i32;
    let most_significant: String = digits.iter().rev().map(|&d| d as char).collect();
    let scientific = if style.max_padding == 0 {
        true
    } else if exp >= 0 {
        exp as u32 > style.max_padding || (count + exp) as u32 > precision
    } else {
        let msd = exp + count - 1;
        msd < 0 && (-msd) as u32 > style.max_padding
    };
    if scientific {
        exp += count - 1;
        out.push_str(&most_significant[..1]);
        out.push('.');
        if count == 1 && style.truncate_zero {
            out.push('0');
        } else {
            out.push_str(&most_significant[1..]);
        }
        if !style.truncate_zero && precision as i32 > count - 1 {
            out.extend(std::iter::repeat_n('0', (precision as i32 - count + 1) as usize));
        }
        out.push(if style.truncate_zero { 'E' } else { 'e' });
        out.push(if exp >= 0 { '+' } else { '-' });
        let magnitude = exp.unsigned_abs();
        if style.truncate_zero {
            out.push_str(&magnitude.to_string());
        } else {
            out.push_str(&format!("{magnitude:02}"));
        }
    } else if exp >= 0 {
        out.push_str(&most_significant);
        out.extend(std::iter::repeat_n('0', exp as usize));
    } else {
        let whole = exp + count;
        if whole > 0 {
            out.push_str(&most_significant[..whole as usize]);
            out.push('.');
            out.push_str(&most_significant[whole as usize..]);
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-whole) as usize));
            out.push_str(&most_significant);
        }
    }
}

/// A natural number in 32-bit limbs, least significant first: just what
/// the exact expansion needs.
struct Natural(Vec<u32>);

impl From<u64> for Natural {
    fn from(v: u64) -> Self {
        Natural(vec![v as u32, (v >> 32) as u32])
    }
}

impl Natural {
    fn mul_small(&mut self, factor: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    fn shift_left(&mut self, bits: u32) {
        for _ in 0..bits / 32 {
            self.0.insert(0, 0);
        }
        let shift = bits % 32;
        if shift != 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let next = *limb >> (32 - shift);
                *limb = (*limb << shift) | carry;
                carry = next;
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
    }

    /// Divides in place; returns the remainder.
    fn divrem_small(&mut self, divisor: u32) -> u32 {
        let mut remainder = 0u64;
        for limb in self.0.iter_mut().rev() {
            let current = (remainder << 32) | u64::from(*limb);
            *limb = (current / u64::from(divisor)) as u32;
            remainder = current % u64::from(divisor);
        }
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        remainder as u32
    }

    fn bit_len(&self) -> u32 {
        match self.0.iter().rposition(|&l| l != 0) {
            Some(i) => i as u32 * 32 + (32 - self.0[i].leading_zeros()),
            None => 0,
        }
    }

    fn is_zero(&self) -> bool {
        self.0.iter().all(|&l| l == 0)
    }
}
