//! Enum attributes of dialects: `#gpu<dim x>`, `#nvvm<shfl_kind bfly>`,
//! stored as the dialect's opaque attribute `<mnemonic case>` and written as
//! the bare keyword in custom syntax (`gpu.thread_id x`).
//!
//! ```ignore
//! pub const DIMENSION: EnumAttr = EnumAttr { dialect: "gpu", mnemonic: "dim", what: "dimension", cases: &["x", "y", "z"] };
//! enum_attr_constraint! { /// A `#gpu<dim ...>`.
//!     DIMENSION_ATTR = DIMENSION, "a dimension, either 'x', 'y', or 'z'"; }
//! ```

use crate::attributes::{AttrData, Attribute};
use crate::context::Context;
use crate::diagnostics::Diagnostic;
use crate::syntax::{OpParser, OpPrinter, ParseResult};

/// An enum of a dialect: its dialect and mnemonic, what diagnostics call
/// it, and its cases, in upstream's order.
pub struct EnumAttr {
    pub dialect: &'static str,
    pub mnemonic: &'static str,
    pub what: &'static str,
    pub cases: &'static [&'static str],
}

impl EnumAttr {
    /// `#dialect<mnemonic case>`.
    pub fn attr(&self, ctx: &Context, case: &str) -> Attribute {
        ctx.intern_attr(AttrData::Dialect {
            dialect: ctx.symbol(self.dialect),
            body: format!("<{} {case}>", self.mnemonic).into(),
        })
    }

    /// The case an attribute of this enum holds.
    pub fn case(&self, ctx: &Context, attr: Attribute) -> Option<&'static str> {
        let AttrData::Dialect { dialect, body } = attr.data(ctx) else { return None };
        let inner = body.strip_prefix('<')?.strip_suffix('>')?;
        let mut words = inner.split_whitespace();
        let (Some(mnemonic), Some(case), None) = (words.next(), words.next(), words.next()) else { return None };
        if ctx.str(*dialect) != self.dialect || mnemonic != self.mnemonic {
            return None;
        }
        self.cases.iter().copied().find(|c| *c == case)
    }

    /// One of the cases as a bare keyword.
    pub fn parse(&self, p: &mut OpParser<'_, '_>) -> ParseResult<Attribute> {
        let location = p.current_location();
        let word = p.parse_optional_identifier();
        match word.filter(|w| self.cases.contains(w)) {
            Some(case) => Ok(self.attr(p.ctx(), case)),
            None => Err(Diagnostic::error(location, format!("expected {} to be one of: {}", self.what, self.cases.join(", ")))),
        }
    }

    /// The case as a bare keyword.
    pub fn print(&self, p: &mut OpPrinter<'_>, attr: Attribute) {
        match self.case(p.ctx(), attr) {
            Some(case) => p.write(case),
            None => p.print_attribute(attr),
        }
    }
}

/// Declares the attribute constraint of an [`EnumAttr`]: checked against
/// its cases, spelled as the bare keyword in custom syntax.
#[macro_export]
macro_rules! enum_attr_constraint {
    ($(#[doc = $doc:literal] $name:ident = $enum:ident, $description:literal;)*) => {$(
        #[doc = $doc]
        pub const $name: $crate::dialect::AttrConstraint = $crate::dialect::AttrConstraint {
            description: $description,
            check: |ctx, a| $enum.case(ctx, a).is_some(),
            parse: Some(|p| $enum.parse(p)),
            print: Some(|p, a| $enum.print(p, a)),
            default: None,
        };
    )*};
}
