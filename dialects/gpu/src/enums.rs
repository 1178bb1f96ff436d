//! The gpu dialect's enum attributes, spelled `#gpu<dim x>`,
//! `#gpu<shuffle_mode xor>` and `#gpu<all_reduce_op add>` and written as
//! the bare keyword in custom syntax (`gpu.thread_id x`), and the
//! address spaces of attributions (`#gpu.address_space<workgroup>`).
//!
//! ```mlir
//! %tid = "gpu.thread_id"() <{dimension = #gpu<dim x>}> : () -> index
//! %tid = gpu.thread_id x
//! ```

use ir::{enum_attr_constraint, AttrData, Attribute, Context, EnumAttr};

/// `x`, `y` or `z`: which dimension an id or size op asks for.
pub const DIMENSION: EnumAttr = EnumAttr { dialect: "gpu", mnemonic: "dim", what: "dimension", cases: &["x", "y", "z"] };

/// How `gpu.shuffle` picks the lane to read from.
pub const SHUFFLE_MODE: EnumAttr =
    EnumAttr { dialect: "gpu", mnemonic: "shuffle_mode", what: "shuffle mode", cases: &["xor", "up", "down", "idx"] };

/// The built-in reductions of `gpu.all_reduce` and `gpu.subgroup_reduce`.
pub const ALL_REDUCE_OPERATION: EnumAttr = EnumAttr {
    dialect: "gpu",
    mnemonic: "all_reduce_op",
    what: "reduction operation",
    cases: &["add", "mul", "minui", "minsi", "minnumf", "maxui", "maxsi", "maxnumf", "and", "or", "xor", "minimumf", "maximumf"],
};

enum_attr_constraint! {
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
