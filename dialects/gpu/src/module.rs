//! `gpu.module`: the unit of device code, a symbol table of kernels and
//! their helpers, with the targets it is compiled for and an optional
//! offloading handler that decides how the host embeds the result.
//!
//! ```mlir
//! gpu.module @kernels [#nvvm.target<chip = "sm_80">] {
//!   gpu.func @kernel() kernel {
//!     gpu.return
//!   }
//! }
//! ```

use ir::constraints::SYMBOL_NAME_ATTR;
use ir::dialect::AttrConstraint;
use ir::{define_op, AttrData, Attribute, Context};

/// A dialect attribute (`#nvvm.target<...>`, `#gpu.select_object<0>`):
/// targets and handlers are attributes of their own dialects.
fn is_dialect_attr(ctx: &Context, a: Attribute) -> bool {
    matches!(a.data(ctx), AttrData::Dialect { .. })
}

/// `[#nvvm.target, ...]`: a non-empty list of target attributes.
const TARGETS_ATTR: AttrConstraint = AttrConstraint {
    description: "array of GPU target attributes with at least 1 elements",
    check: |ctx, a| {
        a.as_array(ctx).is_some_and(|targets| !targets.is_empty() && targets.iter().all(|&t| is_dialect_attr(ctx, t)))
    },
    // Only a list, so that the body's `{` is not read as a dictionary.
    parse: Some(|p| if p.peek("[") { p.parse_attribute() } else { Err(p.error("expected '['")) }),
    print: None,
    default: None,
};

/// How the host embeds the compiled module (`#gpu.select_object<...>`).
const OFFLOADING_HANDLER_ATTR: AttrConstraint = AttrConstraint {
    description: "any attribute with the `OffloadingTranslationAttrTrait` trait.",
    check: is_dialect_attr,
    parse: None,
    print: None,
    default: None,
};

define_op! {
    /// A module of device code: kernels and the functions they call, compiled for its targets.
    pub struct GpuModuleOp = "gpu.module" {
        attributes: [
            sym_name: Required(SYMBOL_NAME_ATTR),
            targets: Optional(TARGETS_ATTR),
            offloadingHandler: Optional(OFFLOADING_HANDLER_ATTR),
        ],
        regions: [bodyRegion: Single],
        traits: [ISOLATED_FROM_ABOVE, SYMBOL_TABLE, SYMBOL, NO_TERMINATOR, GRAPH_REGION, SINGLE_BLOCK],
        format: "$sym_name (`<` $offloadingHandler^ `>`)? ($targets^)? attr-dict-with-keyword $bodyRegion",
    }
}
