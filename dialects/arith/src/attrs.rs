//! The arith dialect's attributes as custom syntax spells them: the
//! `fastmath<...>` and `overflow<...>` flags, and comparison predicates
//! written as keywords but stored as `i64` integers.

use ir::attributes::AttrData;
use ir::dialect::AttrConstraint;
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::{Attribute, Diagnostic, Type};

/// The dialect attribute `#arith.<mnemonic><flags>`.
fn flags_attr(ctx: &ir::Context, mnemonic: &str, flags: &str) -> Attribute {
    let dialect = ctx.symbol("arith");
    ctx.intern_attr(AttrData::Dialect { dialect, body: format!("{mnemonic}<{flags}>").into() })
}

/// The canonical spelling of a set of flags: `allowed[0]` (`none`) for no
/// flag, the last of `allowed` when it names them all (`fast`), else the
/// flags set in `allowed`'s order, once each.
fn canonical_flags<'a>(flags: &[&str], allowed: &[&'a str], all: Option<&'a str>) -> Vec<&'a str> {
    let singles = &allowed[1..allowed.len() - usize::from(all.is_some())];
    let everything = all.is_some_and(|a| flags.contains(&a));
    let set: Vec<&str> = singles.iter().copied().filter(|s| everything || flags.contains(s)).collect();
    match (set.len(), all) {
        (0, _) => vec![allowed[0]],
        (n, Some(a)) if n == singles.len() => vec![a],
        _ => set,
    }
}

/// `<flag, flag>` after a keyword, kept as `#arith.<mnemonic><...>` in the
/// canonical order, joined by `separator`, as upstream prints them.
fn parse_flags(p: &mut OpParser<'_, '_>, mnemonic: &str, allowed: &[&str], separator: &str) -> ParseResult<Attribute> {
    p.expect_punct("<")?;
    let mut flags = Vec::new();
    loop {
        let location = p.current_location();
        let flag = p.parse_identifier()?;
        if !allowed.contains(&flag) {
            return Err(Diagnostic::error(
                location,
                format!("expected one of [{}] for {mnemonic} flags, found '{flag}'", allowed.join(", ")),
            ));
        }
        flags.push(flag);
        if !p.parse_optional_punct(",") {
            break;
        }
    }
    p.expect_punct(">")?;
    let all = (mnemonic == "fastmath").then_some("fast");
    Ok(flags_attr(p.ctx(), mnemonic, &canonical_flags(&flags, allowed, all).join(separator)))
}

/// Prints the `<...>` part of an arith flags attribute.
fn print_flags(p: &mut OpPrinter<'_>, attr: Attribute, mnemonic: &str) {
    let text = match attr.data(p.ctx()) {
        AttrData::Dialect { body, .. } => body.strip_prefix(mnemonic).unwrap_or(body).to_string(),
        _ => p.ctx().print_attr(attr),
    };
    p.write(&text);
}

fn is_arith_attr(ctx: &ir::Context, attr: Attribute, mnemonic: &str) -> bool {
    matches!(attr.data(ctx), AttrData::Dialect { dialect, body } if ctx.str(*dialect) == "arith" && body.starts_with(mnemonic))
}

const FASTMATH_FLAGS: &[&str] = &["none", "reassoc", "nnan", "ninf", "nsz", "arcp", "contract", "afn", "fast"];
const OVERFLOW_FLAGS: &[&str] = &["none", "nsw", "nuw"];

/// `fastmath<fast>` on float ops.
pub const FASTMATH: AttrConstraint = AttrConstraint {
    description: "Floating point fast math flags",
    check: |ctx, a| is_arith_attr(ctx, a, "fastmath<"),
    parse: Some(|p| parse_flags(p, "fastmath", FASTMATH_FLAGS, ",")),
    print: Some(|p, a| print_flags(p, a, "fastmath")),
    default: Some(|ctx| flags_attr(ctx, "fastmath", "none")),
};

/// `overflow<nsw, nuw>` on integer ops.
pub const OVERFLOW: AttrConstraint = AttrConstraint {
    description: "Integer overflow arith flags",
    check: |ctx, a| is_arith_attr(ctx, a, "overflow<"),
    parse: Some(|p| parse_flags(p, "overflow", OVERFLOW_FLAGS, ", ")),
    print: Some(|p, a| print_flags(p, a, "overflow")),
    default: Some(|ctx| flags_attr(ctx, "overflow", "none")),
};

/// A predicate keyword stored as its index, an `i64` integer attribute.
pub fn parse_predicate(p: &mut OpParser<'_, '_>, keywords: &[&str], what: &str) -> ParseResult<Attribute> {
    let index = p.parse_keyword_of(keywords, what)?;
    let i64t = Type::integer(p.ctx(), 64);
    Ok(Attribute::integer(p.ctx(), index as i128, i64t))
}

pub fn print_predicate(p: &mut OpPrinter<'_>, attr: Attribute, keywords: &[&str]) {
    let word = attr.as_integer(p.ctx()).and_then(|i| usize::try_from(i).ok()).and_then(|i| keywords.get(i)).copied();
    p.write(word.unwrap_or("<<invalid predicate>>"));
}

/// Whether `attr` is an `i64` integer indexing into `keywords`.
pub fn is_predicate(ctx: &ir::Context, attr: Attribute, keywords: &[&str]) -> bool {
    matches!(attr.data(ctx), AttrData::Integer { value, ty } if ty.is_signless_int_of_width(ctx, 64) && (0..keywords.len() as i128).contains(value))
}
