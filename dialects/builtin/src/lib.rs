//! The builtin dialect: `builtin.module`, the top-level container that holds
//! a symbol table, and `builtin.unrealized_conversion_cast`, the placeholder
//! conversion that partial lowerings leave between type systems.

use ir::constraints::{ANY_TYPE, STRING_ATTR, SYMBOL_NAME_ATTR};
use ir::{define_op, Dialect};

define_op! {
    /// A top-level container of ops with a symbol table and no terminator.
    pub struct ModuleOp = "builtin.module" {
        attributes: [sym_name: Optional(SYMBOL_NAME_ATTR), sym_visibility: Optional(STRING_ATTR)],
        regions: [bodyRegion: Single],
        traits: [ISOLATED_FROM_ABOVE, SYMBOL_TABLE, NO_TERMINATOR, GRAPH_REGION, SINGLE_BLOCK],
        format: "($sym_name^)? attr-dict-with-keyword $bodyRegion",
        extra: {
            default_dialect: Some("builtin"),
        },
    }
}

define_op! {
    /// A cast between types of different type systems, resolved by later conversions.
    pub struct UnrealizedConversionCastOp = "builtin.unrealized_conversion_cast" {
        operands: [inputs: Variadic(ANY_TYPE)],
        results: [outputs: Variadic(ANY_TYPE)],
        traits: [PURE],
        format: "($inputs^ `:` type($inputs))? `to` type($outputs) attr-dict",
    }
}

/// The builtin dialect, with the ops above.
pub fn dialect() -> Dialect {
    Dialect::new("builtin", "Top-level module and type-system casts.")
        .with_op::<ModuleOp>()
        .with_op::<UnrealizedConversionCastOp>()
}
