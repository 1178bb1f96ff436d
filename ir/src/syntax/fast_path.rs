//! Fast paths for the commonest tokens: SSA value uses, bare identifiers
//! and scalar type keywords. They skip the set-up of a pest parse, which
//! dominates the cost of such tiny tokens; anything they do not recognise
//! goes to the grammar, and a test checks that both agree on every token
//! they accept.

use crate::types::{FloatKind, Signedness, TypeData};

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'.')
}

fn is_suffix_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'.' | b'-')
}

/// End of a `bare_id` starting at `start`.
pub fn bare_id_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if !bytes.get(start).copied().is_some_and(is_ident_start) {
        return None;
    }
    Some(start + 1 + bytes[start + 1..].iter().take_while(|&&b| is_ident_char(b)).count())
}

/// End of a `suffix_id` (after `%` or `^`) starting at `start`.
fn suffix_id_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let first = *bytes.get(start)?;
    let rest = &bytes[start..];
    let len = if first.is_ascii_digit() {
        rest.iter().take_while(|b| b.is_ascii_digit()).count()
    } else if is_suffix_char(first) {
        rest.iter().take_while(|&&b| is_suffix_char(b)).count()
    } else {
        return None;
    };
    Some(start + len)
}

/// A value use `%name` or `%name#N` at `start`: (name end, result number, end).
pub fn value_use(text: &str, start: usize) -> Option<(usize, u32, usize)> {
    if text.as_bytes().get(start) != Some(&b'%') {
        return None;
    }
    let name_end = suffix_id_end(text, start + 1)?;
    let bytes = text.as_bytes();
    if bytes.get(name_end) == Some(&b'#') {
        let digits = bytes[name_end + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        let number = text[name_end + 1..name_end + 1 + digits].parse().ok()?;
        return Some((name_end, number, name_end + 1 + digits));
    }
    Some((name_end, 0, name_end))
}

/// One name of a result list: its start, end and result count.
pub type ResultName = (usize, usize, u32);

/// The result list `%a, %b:2 =` at `start`: each name with its span and
/// count, and the end after `=`. Whitespace between tokens is spaces and tabs only.
pub fn result_list(text: &str, start: usize) -> Option<(Vec<ResultName>, usize)> {
    let bytes = text.as_bytes();
    let skip = |mut i: usize| {
        while matches!(bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        i
    };
    let mut results = Vec::new();
    let mut i = start;
    loop {
        if bytes.get(i) != Some(&b'%') {
            return None;
        }
        let name_end = suffix_id_end(text, i + 1)?;
        let mut end = name_end;
        let mut count = 1;
        let after = skip(end);
        if bytes.get(after) == Some(&b':') {
            let digits_start = skip(after + 1);
            let digits = bytes[digits_start..].iter().take_while(|b| b.is_ascii_digit()).count();
            count = text.get(digits_start..digits_start + digits)?.parse().ok().filter(|c| *c > 0)?;
            end = digits_start + digits;
        }
        results.push((i, name_end, count));
        i = skip(end);
        match bytes.get(i) {
            Some(b',') => i = skip(i + 1),
            Some(b'=') => return Some((results, i + 1)),
            _ => return None,
        }
    }
}

/// A scalar type keyword (`i32`, `si8`, `index`, `f32`, ...) at `start`,
/// with the end of the word; `None` for anything else.
pub fn scalar_type(text: &str, start: usize) -> Option<(TypeData, usize)> {
    let end = bare_id_end(text, start)?;
    let word = &text[start..end];
    if word == "index" {
        return Some((TypeData::Index, end));
    }
    if let Some(kind) = FloatKind::from_keyword(word) {
        return Some((TypeData::Float(kind), end));
    }
    let (signedness, digits) = if let Some(d) = word.strip_prefix("si") {
        (Signedness::Signed, d)
    } else if let Some(d) = word.strip_prefix("ui") {
        (Signedness::Unsigned, d)
    } else {
        (Signedness::Signless, word.strip_prefix('i')?)
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let width: u32 = digits.parse().ok().filter(|w| *w <= 16_777_215)?;
    Some((TypeData::Integer { width, signedness }, end))
}

#[cfg(test)]
mod tests {
    use pest::Parser as _;

    use super::*;
    use crate::syntax::parser::{Grammar, Rule};

    /// The end of `rule` parsed by pest at the start of `text`.
    fn pest_end(rule: Rule, text: &str) -> Option<usize> {
        Grammar::parse(rule, text).ok().and_then(|mut p| p.next()).map(|p| p.as_span().end())
    }

    #[test]
    fn value_uses_agree_with_the_grammar() {
        for text in ["%0", "%arg0 ", "%x#1,", "%foo.bar$-1)", "%12#34 :", "%a#", "%", "%-x", "x"] {
            let fast = value_use(text, 0).map(|(_, _, end)| end);
            let grammar = pest_end(Rule::value_use, text);
            if let Some(end) = fast {
                assert_eq!(Some(end), grammar, "{text}");
            }
        }
    }

    #[test]
    fn result_lists_agree_with_the_grammar() {
        for text in ["%0 = x", "%a, %b:2 = x", "%x : 3 =", "%a,%b=", "%a = %b", "%a b =", "%a:0 ="] {
            let fast = result_list(text, 0).map(|(_, end)| end);
            let grammar = pest_end(Rule::op_result_list, text);
            if fast.is_some() {
                assert_eq!(fast, grammar, "{text}");
            }
        }
        let (results, _) = result_list("%a, %b:2 =", 0).expect("well formed");
        assert_eq!(results, vec![(0, 2, 1), (4, 6, 2)]);
    }

    #[test]
    fn identifiers_agree_with_the_grammar() {
        for text in ["arith.addi %a", "func.func@f", "_x1$y.z(", "return", "9x"] {
            assert_eq!(bare_id_end(text, 0), pest_end(Rule::bare_id, text), "{text}");
        }
    }

    #[test]
    fn scalar_types_agree_with_the_grammar() {
        for text in ["i32", "i1,", "si8>", "ui64 ", "index)", "f16", "bf16", "f8E4M3FN", "i32x", "indexx", "tensor<4xf32>", "i"] {
            if let Some((_, end)) = scalar_type(text, 0) {
                assert_eq!(Some(end), pest_end(Rule::r#type, text), "{text}");
            }
        }
        assert!(scalar_type("i32x", 0).is_none());
        assert!(scalar_type("tensor<4xf32>", 0).is_none());
    }
}
