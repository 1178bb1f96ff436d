//! The llvm dialect's attributes as its ops store and spell them: integer
//! overflow flags (`overflow<nsw, nuw>`, stored as an `i32` bit set),
//! fast-math flags (`#llvm.fastmath<fast>`), comparison predicates (`"slt"`,
//! stored as `i64`), GEP no-wrap flags (`inbounds|nuw`), linkage
//! (`internal`, stored as `#llvm.linkage<internal>`) and the other
//! default-valued properties upstream materialises.

use ir::dialect::AttrConstraint;
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::{AttrData, Attribute, Context, Diagnostic, Type};

/// `#llvm.<body>`.
pub fn llvm_attr(ctx: &Context, body: &str) -> Attribute {
    ctx.intern_attr(AttrData::Dialect { dialect: ctx.symbol("llvm"), body: body.into() })
}

/// The body of an `#llvm.<mnemonic><...>` attribute, inside the brackets.
pub fn llvm_attr_inner<'a>(ctx: &'a Context, attr: Attribute, mnemonic: &str) -> Option<&'a str> {
    match attr.data(ctx) {
        AttrData::Dialect { dialect, body } if ctx.str(*dialect) == "llvm" => {
            body.strip_prefix(mnemonic)?.strip_prefix('<')?.strip_suffix('>')
        }
        _ => None,
    }
}

fn integer(ctx: &Context, value: i128, width: u32) -> Attribute {
    Attribute::integer(ctx, value, Type::integer(ctx, width))
}

fn is_integer_of_width(ctx: &Context, attr: Attribute, width: u32) -> bool {
    matches!(attr.data(ctx), AttrData::Integer { ty, .. } if ty.is_signless_int_of_width(ctx, width))
}

/// Names of bits, for flag sets written `a, b` or `a|b`.
struct BitNames(&'static [(&'static str, i128)]);

impl BitNames {
    fn parse(&self, p: &mut OpParser<'_, '_>, separator: &str, what: &str) -> ParseResult<i128> {
        let mut bits = 0;
        loop {
            let location = p.current_location();
            let word = p.parse_identifier()?;
            let Some((_, bit)) = self.0.iter().find(|(name, _)| *name == word) else {
                let names: Vec<&str> = self.0.iter().map(|(n, _)| *n).collect();
                return Err(Diagnostic::error(
                    location,
                    format!("expected one of [{}] for {what}, found '{word}'", names.join(", ")),
                ));
            };
            bits |= bit;
            if !p.parse_optional_punct(separator) {
                return Ok(bits);
            }
        }
    }

    /// The names of `bits`, greedily taking combined names first.
    fn names(&self, mut bits: i128) -> Vec<&'static str> {
        let mut names = Vec::new();
        for &(name, bit) in self.0 {
            if bit != 0 && bits & bit == bit {
                names.push(name);
                bits &= !bit;
            }
        }
        names
    }
}

const OVERFLOW_BITS: BitNames = BitNames(&[("nsw", 1), ("nuw", 2)]);

/// `overflow<nsw, nuw>` on integer ops, stored as an `i32` bit set.
pub const OVERFLOW_FLAGS: AttrConstraint = AttrConstraint {
    description: "LLVM integer overflow flags",
    check: |ctx, a| is_integer_of_width(ctx, a, 32),
    parse: Some(|p| {
        p.expect_punct("<")?;
        let bits = if p.parse_optional_keyword("none") { 0 } else { OVERFLOW_BITS.parse(p, ",", "overflow flags")? };
        p.expect_punct(">")?;
        Ok(integer(p.ctx(), bits, 32))
    }),
    print: Some(|p, a| {
        let names = OVERFLOW_BITS.names(a.as_integer(p.ctx()).unwrap_or(0));
        p.write(&format!("<{}>", names.join(", ")));
    }),
    default: Some(|ctx| integer(ctx, 0, 32)),
};

/// `#llvm.fastmath<...>` on float ops, in the attribute dictionary.
pub const FASTMATH_FLAGS: AttrConstraint = AttrConstraint {
    description: "LLVM fastmath flags",
    check: |ctx, a| llvm_attr_inner(ctx, a, "fastmath").is_some(),
    parse: None,
    print: None,
    default: Some(|ctx| llvm_attr(ctx, "fastmath<none>")),
};

/// `icmp` predicates in the order of their stored values.
pub const ICMP_PREDICATES: &[&str] = &["eq", "ne", "slt", "sle", "sgt", "sge", "ult", "ule", "ugt", "uge"];

/// `fcmp` predicates in the order of their stored values.
pub const FCMP_PREDICATES: &[&str] =
    &["_false", "oeq", "ogt", "oge", "olt", "ole", "one", "ord", "ueq", "ugt", "uge", "ult", "ule", "une", "uno", "_true"];

/// A quoted predicate (`"slt"`) stored as its index, an `i64`.
fn parse_predicate(p: &mut OpParser<'_, '_>, predicates: &[&str]) -> ParseResult<Attribute> {
    let location = p.current_location();
    let word = p.parse_string()?;
    let index = predicates
        .iter()
        .position(|&k| k == word)
        .ok_or_else(|| Diagnostic::error(location, format!("expected one of [{}], found \"{word}\"", predicates.join(", "))))?;
    Ok(integer(p.ctx(), index as i128, 64))
}

fn print_predicate(p: &mut OpPrinter<'_>, attr: Attribute, predicates: &[&str]) {
    let word = attr.as_integer(p.ctx()).and_then(|i| usize::try_from(i).ok()).and_then(|i| predicates.get(i)).copied();
    p.print_string(word.unwrap_or("<invalid>"));
}

fn is_predicate(ctx: &Context, attr: Attribute, predicates: &[&str]) -> bool {
    is_integer_of_width(ctx, attr, 64) && attr.as_integer(ctx).is_some_and(|v| (0..predicates.len() as i128).contains(&v))
}

pub const ICMP_PREDICATE: AttrConstraint = AttrConstraint {
    description: "llvm.icmp comparison predicate",
    check: |ctx, a| is_predicate(ctx, a, ICMP_PREDICATES),
    parse: Some(|p| parse_predicate(p, ICMP_PREDICATES)),
    print: Some(|p, a| print_predicate(p, a, ICMP_PREDICATES)),
    default: None,
};

pub const FCMP_PREDICATE: AttrConstraint = AttrConstraint {
    description: "llvm.fcmp comparison predicate",
    check: |ctx, a| is_predicate(ctx, a, FCMP_PREDICATES),
    parse: Some(|p| parse_predicate(p, FCMP_PREDICATES)),
    print: Some(|p, a| print_predicate(p, a, FCMP_PREDICATES)),
    default: None,
};

/// GEP no-wrap bits; `inbounds` is `inbounds_flag|nusw`.
const GEP_BITS: BitNames = BitNames(&[("inbounds", 3), ("nusw", 2), ("nuw", 4)]);
pub const GEP_INBOUNDS: i128 = 3;
pub const GEP_NUW: i128 = 4;

/// `inbounds|nuw` before a GEP's base, stored as an `i32` bit set.
pub const GEP_NO_WRAP_FLAGS: AttrConstraint = AttrConstraint {
    description: "LLVM GEP no-wrap flags",
    check: |ctx, a| is_integer_of_width(ctx, a, 32),
    parse: Some(|p| {
        let bits = GEP_BITS.parse(p, "|", "GEP flags")?;
        Ok(integer(p.ctx(), bits, 32))
    }),
    print: Some(|p, a| p.write(&GEP_BITS.names(a.as_integer(p.ctx()).unwrap_or(0)).join("|"))),
    default: Some(|ctx| integer(ctx, 0, 32)),
};

/// Whether `p` starts a GEP flag word.
pub fn peek_gep_flags(p: &mut OpParser<'_, '_>) -> bool {
    ["inbounds", "nusw", "nuw"].iter().any(|w| p.peek_keyword(w))
}

/// Linkage kinds, written as a keyword before a function or global's name.
pub const LINKAGES: &[&str] = &[
    "private",
    "internal",
    "available_externally",
    "linkonce",
    "weak",
    "common",
    "appending",
    "extern_weak",
    "linkonce_odr",
    "weak_odr",
    "external",
];

/// `#llvm.linkage<kind>`.
pub fn linkage_attr(ctx: &Context, kind: &str) -> Attribute {
    llvm_attr(ctx, &format!("linkage<{kind}>"))
}

pub const LINKAGE: AttrConstraint = AttrConstraint {
    description: "LLVM linkage",
    check: |ctx, a| llvm_attr_inner(ctx, a, "linkage").is_some_and(|k| LINKAGES.contains(&k)),
    parse: None,
    print: None,
    default: Some(|ctx| linkage_attr(ctx, "external")),
};

/// The linkage keyword of a function or global, if one comes next.
pub fn parse_optional_linkage(p: &mut OpParser<'_, '_>) -> Option<Attribute> {
    let kind = LINKAGES.iter().find(|k| p.peek_keyword(k))?;
    p.parse_optional_keyword(kind);
    Some(linkage_attr(p.ctx(), kind))
}

/// Prints ` kind` unless the linkage is `external`.
pub fn print_linkage(p: &mut OpPrinter<'_>, attr: Option<Attribute>) {
    if let Some(kind) = attr.and_then(|a| llvm_attr_inner(p.ctx(), a, "linkage")).filter(|&k| k != "external") {
        p.write(" ");
        p.write(kind);
    }
}

/// Calling conventions, written as a keyword before a function's name or
/// a call's callee (`ccc`, the default, is left out when printing).
pub const CCONVS: &[&str] = &[
    "ccc",
    "fastcc",
    "coldcc",
    "cc_10",
    "ghccc",
    "cc_11",
    "webkit_jscc",
    "anyregcc",
    "preserve_mostcc",
    "preserve_allcc",
    "swiftcc",
    "cxx_fast_tlscc",
    "tailcc",
    "x86_stdcallcc",
    "x86_fastcallcc",
    "arm_apcscc",
    "arm_aapcscc",
    "arm_aapcs_vfpcc",
    "x86_thiscallcc",
    "ptx_kernel",
    "ptx_device",
    "x86_vectorcallcc",
    "amdgpu_kernel",
];

/// Tail call kinds of `llvm.call`, written after its calling convention.
pub const TAIL_CALL_KINDS: &[&str] = &["none", "tail", "musttail", "notail"];

/// `#llvm.<mnemonic><keyword>` for the first of `keywords` that comes next.
pub fn parse_optional_enum_keyword(p: &mut OpParser<'_, '_>, keywords: &[&str], mnemonic: &str) -> Option<Attribute> {
    let keyword = keywords.iter().find(|k| p.peek_keyword(k))?;
    p.parse_optional_keyword(keyword);
    Some(llvm_attr(p.ctx(), &format!("{mnemonic}<{keyword}>")))
}

/// Prints `keyword ` of an `#llvm.<mnemonic><keyword>` attribute unless it
/// is the default.
pub fn print_enum_keyword(p: &mut OpPrinter<'_>, attr: Option<Attribute>, mnemonic: &str, default: &str) {
    if let Some(keyword) = attr.and_then(|a| llvm_attr_inner(p.ctx(), a, mnemonic)).filter(|&k| k != default) {
        p.write(keyword);
        p.write(" ");
    }
}

/// `#llvm.cconv<ccc>` by default.
pub const CCONV: AttrConstraint = AttrConstraint {
    description: "LLVM calling convention",
    check: |ctx, a| llvm_attr_inner(ctx, a, "cconv").is_some(),
    parse: None,
    print: None,
    default: Some(|ctx| llvm_attr(ctx, "cconv<ccc>")),
};

/// `#llvm.tailcallkind<none>` by default.
pub const TAIL_CALL_KIND: AttrConstraint = AttrConstraint {
    description: "LLVM tail call kind",
    check: |ctx, a| llvm_attr_inner(ctx, a, "tailcallkind").is_some(),
    parse: None,
    print: None,
    default: Some(|ctx| llvm_attr(ctx, "tailcallkind<none>")),
};

/// An `i64` enum property that is 0 unless set (`unnamed_addr`, `visibility_`, `ordering`).
pub const I64_ENUM_ZERO: AttrConstraint = AttrConstraint {
    description: "64-bit signless integer enum",
    check: |ctx, a| is_integer_of_width(ctx, a, 64),
    parse: None,
    print: None,
    default: Some(|ctx| integer(ctx, 0, 64)),
};

/// `addr_space = 0 : i32` on globals; upstream always prints it, so it
/// has no declared default (the parser adds it when it is left out).
pub const ADDRESS_SPACE: AttrConstraint = AttrConstraint {
    description: "32-bit signless integer attribute",
    check: |ctx, a| is_integer_of_width(ctx, a, 32),
    parse: None,
    print: None,
    default: None,
};

/// `array<i32: ...>`.
pub const DENSE_I32_ARRAY: AttrConstraint = AttrConstraint {
    description: "i32 dense array attribute",
    check: |ctx, a| matches!(a.data(ctx), AttrData::DenseArray { element, .. } if element.is_signless_int_of_width(ctx, 32)),
    parse: None,
    print: None,
    default: None,
};

/// The branch weights of `llvm.cond_br`: `array<i32: ...>`, written `[3, 7]`
/// after `weights`.
pub const BRANCH_WEIGHTS: AttrConstraint = AttrConstraint {
    description: "i32 dense array attribute",
    check: DENSE_I32_ARRAY.check,
    parse: Some(|p| {
        let (values, weights) = ir::mixed_list::parse(p)?;
        if !values.is_empty() {
            return Err(p.error("expected constant branch weights"));
        }
        let weights: Vec<i32> = weights.iter().map(|&w| w as i32).collect();
        Ok(Attribute::dense_i32_array(p.ctx(), &weights))
    }),
    print: Some(|p, a| {
        let weights = a.as_dense_int_array(p.ctx()).unwrap_or_default();
        p.write(&format!("[{}]", weights.iter().map(|w| w.to_string()).collect::<Vec<_>>().join(", ")));
    }),
    default: None,
};

/// `array<i64: ...>`.
pub const DENSE_I64_ARRAY: AttrConstraint = AttrConstraint {
    description: "i64 dense array attribute",
    check: |ctx, a| matches!(a.data(ctx), AttrData::DenseArray { element, .. } if element.is_signless_int_of_width(ctx, 64)),
    parse: None,
    print: None,
    default: None,
};

/// The empty `op_bundle_sizes` of a call.
pub const OP_BUNDLE_SIZES: AttrConstraint = AttrConstraint {
    description: "i32 dense array attribute",
    check: DENSE_I32_ARRAY.check,
    parse: None,
    print: None,
    default: Some(|ctx| Attribute::dense_i32_array(ctx, &[])),
};

/// A range of integers `[lower, upper)` of a width (`#llvm.constant_range<i32, 0, 64>`),
/// what a value is known to lie in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ConstantRange {
    pub width: u32,
    pub lower: i128,
    pub upper: i128,
}

impl ConstantRange {
    /// `#llvm.constant_range<iW, lower, upper>`.
    pub fn attr(self, ctx: &Context) -> Attribute {
        llvm_attr(ctx, &format!("constant_range<i{}, {}, {}>", self.width, self.lower, self.upper))
    }

    /// The range an attribute holds.
    pub fn of(ctx: &Context, attr: Attribute) -> Option<ConstantRange> {
        let inner = llvm_attr_inner(ctx, attr, "constant_range")?;
        let mut parts = inner.split(',').map(str::trim);
        let width = parts.next()?.strip_prefix('i')?.parse().ok()?;
        let lower = parts.next()?.parse().ok()?;
        let upper = parts.next()?.parse().ok()?;
        parts.next().is_none().then_some(ConstantRange { width, lower, upper })
    }

    /// Why the range is not one LLVM accepts (empty or full ranges are
    /// written with equal bounds, at the minimum or maximum).
    pub fn check(self) -> Result<(), String> {
        let max = if self.width >= 128 { i128::MAX } else { (1i128 << self.width) - 1 };
        if self.lower == self.upper && self.lower != 0 && self.lower != max {
            return Err(format!(
                "invalid range attribute: Lower == Upper, but they aren't min (0) or max ({max}) value! This is an invalid constant range."
            ));
        }
        Ok(())
    }

    /// `<iW, lower, upper>`, as ops with a `range` spell it.
    pub fn parse(p: &mut OpParser<'_, '_>) -> ParseResult<Attribute> {
        p.expect_punct("<")?;
        let location = p.current_location();
        let ty = p.parse_type()?;
        if !ty.is_signless_integer(p.ctx()) {
            return Err(Diagnostic::error(location, "expected integer type"));
        }
        let width = ty.bit_width(p.ctx()).unwrap_or(0);
        p.expect_punct(",")?;
        let lower = p.parse_integer()?;
        p.expect_punct(",")?;
        let upper = p.parse_integer()?;
        p.expect_punct(">")?;
        Ok(ConstantRange { width, lower, upper }.attr(p.ctx()))
    }
}

/// `range <i32, 0, 64>` on ops that know the range of their result.
pub const CONSTANT_RANGE: AttrConstraint = AttrConstraint {
    description: "A range of two integers, corresponding to LLVM's ConstantRange",
    check: |ctx, a| ConstantRange::of(ctx, a).is_some(),
    parse: Some(ConstantRange::parse),
    print: Some(|p, a| match ConstantRange::of(p.ctx(), a) {
        Some(r) => p.write(&format!("<i{}, {}, {}>", r.width, r.lower, r.upper)),
        None => p.print_attribute(a),
    }),
    default: None,
};
