//! The gpu dialect's enum attributes, spelled `#gpu<dim x>`,
//! `#gpu<shuffle_mode xor>` and `#gpu<all_reduce_op add>` and written as
//! the bare keyword in custom syntax (`gpu.thread_id x`), and the
//! address spaces of attributions (`#gpu.address_space<workgroup>`).
//!
//! ```mlir
//! %tid = "gpu.thread_id"() <{dimension = #gpu<dim x>}> : () -> index
//! %tid = gpu.thread_id x
//! ```

use ir::dialect::AttrConstraint;
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::{AttrData, Attribute, Context, Diagnostic};

/// An enum of the dialect: its mnemonic, what diagnostics call it, and its
/// cases, in upstream's order.
pub struct GpuEnum {
    pub mnemonic: &'static str,
    pub what: &'static str,
    pub cases: &'static [&'static str],
}

/// `x`, `y` or `z`: which dimension an id or size op asks for.
pub const DIMENSION: GpuEnum = GpuEnum { mnemonic: "dim", what: "dimension", cases: &["x", "y", "z"] };

/// How `gpu.shuffle` picks the lane to read from.
pub const SHUFFLE_MODE: GpuEnum =
    GpuEnum { mnemonic: "shuffle_mode", what: "shuffle mode", cases: &["xor", "up", "down", "idx"] };

/// The built-in reductions of `gpu.all_reduce` and `gpu.subgroup_reduce`.
pub const ALL_REDUCE_OPERATION: GpuEnum = GpuEnum {
    mnemonic: "all_reduce_op",
    what: "reduction operation",
    cases: &["add", "mul", "minui", "minsi", "minnumf", "maxui", "maxsi", "maxnumf", "and", "or", "xor", "minimumf", "maximumf"],
};

impl GpuEnum {
    /// `#gpu<mnemonic case>`.
    pub fn attr(&self, ctx: &Context, case: &str) -> Attribute {
        ctx.intern_attr(AttrData::Dialect { dialect: ctx.symbol("gpu"), body: format!("<{} {case}>", self.mnemonic).into() })
    }

    /// The case an attribute of this enum holds.
    pub fn case(&self, ctx: &Context, attr: Attribute) -> Option<&'static str> {
        let AttrData::Dialect { dialect, body } = attr.data(ctx) else { return None };
        let inner = body.strip_prefix('<')?.strip_suffix('>')?;
        let mut words = inner.split_whitespace();
        let (Some(mnemonic), Some(case), None) = (words.next(), words.next(), words.next()) else { return None };
        if ctx.str(*dialect) != "gpu" || mnemonic != self.mnemonic {
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

/// Declares the attribute constraint of an enum: checked against its cases,
/// spelled as the bare keyword in custom syntax.
macro_rules! enum_constraint {
    ($(#[doc = $doc:literal] $name:ident = $enum:ident, $description:literal;)*) => {$(
        #[doc = $doc]
        pub const $name: AttrConstraint = AttrConstraint {
            description: $description,
            check: |ctx, a| $enum.case(ctx, a).is_some(),
            parse: Some(|p| $enum.parse(p)),
            print: Some(|p, a| $enum.print(p, a)),
            default: None,
        };
    )*};
}

enum_constraint! {
    /// A `#gpu<dim ...>`.
    DIMENSION_ATTR = DIMENSION, "a dimension, either 'x', 'y', or 'z'";
    /// A `#gpu<shuffle_mode ...>`.
    SHUFFLE_MODE_ATTR = SHUFFLE_MODE, "Indexing modes supported by gpu.shuffle.";
    /// A `#gpu<all_reduce_op ...>`.
    ALL_REDUCE_OPERATION_ATTR = ALL_REDUCE_OPERATION, "built-in reduction operations supported by gpu.allreduce.";
}

/// The memory an attribution or a memref lives in, from its
/// `#gpu.address_space<...>` memory space; `None` for any other memory
/// space (numeric ones after lowering) or none.
pub fn address_space(ctx: &Context, memory_space: Attribute) -> Option<&str> {
    let AttrData::Dialect { dialect, body } = memory_space.data(ctx) else { return None };
    if ctx.str(*dialect) != "gpu" {
        return None;
    }
    Some(body.strip_prefix("address_space<")?.strip_suffix('>')?.trim())
}
