//! The gpu dialect: kernels and their launches. Device code lives in a
//! `gpu.module` of `gpu.func` kernels that ask for their thread and block
//! ids, synchronise, shuffle and reduce across lanes; host code starts them
//! with `gpu.launch_func` (or writes the kernel inline in a `gpu.launch`),
//! manages device memory and orders the work with `!gpu.async.token`s.
//! Compiled, a `gpu.module` becomes a `gpu.binary` of objects ([`binary`]).
//!
//! ```mlir
//! module attributes {gpu.container_module} {
//!   gpu.module @kernels {
//!     gpu.func @scale(%x: memref<?xf32>) kernel {
//!       %tid = gpu.thread_id x
//!       gpu.return
//!     }
//!   }
//!   func.func @host(%x: memref<?xf32>, %n: index) {
//!     %t = gpu.wait async
//!     %done = gpu.launch_func async [%t] @kernels::@scale blocks in (%n, %n, %n) threads in (%n, %n, %n) args(%x : memref<?xf32>)
//!     gpu.wait [%done]
//!     return
//!   }
//! }
//! ```

mod async_token;
mod attributions;
pub mod binary;
mod collective;
mod enums;
mod function;
mod ids;
mod launch;
mod launch_func;
pub mod mapping;
mod memory;
mod module;
mod printf;

pub use async_token::{async_token_type, WaitOp, ASYNC_TOKEN};
pub use binary::BinaryOp;
pub use collective::{AllReduceOp, BarrierOp, ShuffleOp, SubgroupReduceOp, YieldOp};
pub use enums::{address_space, ALL_REDUCE_OPERATION, DIMENSION, SHUFFLE_MODE};
pub use function::{GpuFuncOp, ReturnOp, KERNEL_ATTR};
pub use ids::{
    BlockDimOp, BlockIdOp, ClusterBlockIdOp, ClusterDimBlocksOp, ClusterDimOp, ClusterIdOp, GlobalIdOp, GridDimOp, LaneIdOp,
    NumSubgroupsOp, SubgroupIdOp, SubgroupSizeOp, ThreadIdOp,
};
pub use launch::{LaunchOp, TerminatorOp};
pub use launch_func::{LaunchFuncOp, CONTAINER_MODULE_ATTR};
pub use memory::{AllocOp, DeallocOp, MemcpyOp, MemsetOp};
pub use module::GpuModuleOp;
pub use printf::PrintfOp;

use ir::dialect::{AttrConstraint, TypeConstraint};
use ir::syntax::{OpParser, ParseResult};
use ir::types::TypeData;
use ir::{AttrData, Attribute, Context, Diagnostic, Dialect, Type};

/// A signless integer or a float: what reductions work on.
fn is_integer_or_float(ctx: &Context, t: Type) -> bool {
    t.is_signless_integer(ctx) || t.is_float(ctx)
}

/// A signless integer or float.
pub(crate) const INTEGER_OR_FLOAT: TypeConstraint =
    TypeConstraint { description: "Integer or Float", check: is_integer_or_float, buildable: None };

/// A signless integer or float, or a fixed-length 1-D vector of them.
pub(crate) const INTEGER_OR_FLOAT_OR_1D_VECTOR: TypeConstraint = TypeConstraint {
    description: "Integer or Float or fixed-length vector of Integer or Float values of ranks 1",
    check: |ctx, t| match t.data(ctx) {
        TypeData::Vector { shape, scalable, element } => {
            shape.len() == 1 && !scalable.iter().any(|&s| s) && is_integer_or_float(ctx, *element)
        }
        _ => is_integer_or_float(ctx, t),
    },
    buildable: None,
};

/// `i32`, which custom syntax may leave out.
pub(crate) const I32: TypeConstraint = TypeConstraint {
    description: "32-bit signless integer",
    check: |ctx, t| t.is_signless_int_of_width(ctx, 32),
    buildable: Some(|ctx| Type::integer(ctx, 32)),
};

/// A ranked memref.
pub(crate) const ANY_MEMREF: TypeConstraint = TypeConstraint {
    description: "memref of any type values",
    check: |ctx, t| matches!(t.data(ctx), TypeData::MemRef { .. }),
    buildable: None,
};

/// An `index` attribute, written as a bare integer in custom syntax.
pub(crate) const INDEX_ATTR: AttrConstraint = AttrConstraint {
    description: "index attribute",
    check: |ctx, a| matches!(a.data(ctx), AttrData::Integer { ty, .. } if ty.is_index(ctx)),
    parse: Some(|p| parse_integer_attr(p, Type::index(p.ctx()))),
    print: Some(|p, a| p.print_attribute_without_type(a)),
    default: None,
};

/// A 32-bit integer attribute, written as a bare integer in custom syntax.
pub(crate) const I32_ATTR: AttrConstraint = AttrConstraint {
    description: "32-bit signless integer attribute",
    check: |ctx, a| matches!(a.data(ctx), AttrData::Integer { ty, .. } if ty.is_signless_int_of_width(ctx, 32)),
    parse: Some(|p| parse_integer_attr(p, Type::integer(p.ctx(), 32))),
    print: Some(|p, a| p.print_attribute_without_type(a)),
    default: None,
};

/// A unit attribute that custom syntax spells as a keyword of its own
/// (`uniform`, `host_shared`): reading or printing it takes no text.
pub(crate) const UNIT_FLAG: AttrConstraint = AttrConstraint {
    description: "unit attribute",
    check: |ctx, a| matches!(a.data(ctx), AttrData::Unit),
    parse: Some(|p| Ok(Attribute::unit(p.ctx()))),
    print: Some(|_, _| {}),
    default: None,
};

/// A symbol reference, flat or nested (`@module::@kernel`).
pub(crate) const SYMBOL_REF_ATTR: AttrConstraint = AttrConstraint {
    description: "symbol reference attribute",
    check: |ctx, a| matches!(a.data(ctx), AttrData::SymbolRef { .. }),
    parse: None,
    print: None,
    default: None,
};

/// An integer literal as an attribute of type `ty` (`index` or `i32`), checked to fit it.
fn parse_integer_attr(p: &mut OpParser<'_, '_>, ty: Type) -> ParseResult<Attribute> {
    let location = p.current_location();
    let value = p.parse_integer()?;
    let fits = if ty.is_index(p.ctx()) { i64::try_from(value).is_ok() } else { i32::try_from(value).is_ok() };
    if !fits {
        return Err(Diagnostic::error(location, "integer constant out of range for attribute"));
    }
    Ok(Attribute::integer(p.ctx(), value, ty))
}

/// The gpu dialect.
pub fn dialect() -> Dialect {
    Dialect::new("gpu", "Kernels and launches: thread and block ids, barriers, device memory, async tokens.")
        .with_op::<GpuModuleOp>()
        .with_op::<BinaryOp>()
        .with_op::<GpuFuncOp>()
        .with_op::<ReturnOp>()
        .with_op::<LaunchOp>()
        .with_op::<TerminatorOp>()
        .with_op::<LaunchFuncOp>()
        .with_op::<ThreadIdOp>()
        .with_op::<BlockIdOp>()
        .with_op::<BlockDimOp>()
        .with_op::<GridDimOp>()
        .with_op::<GlobalIdOp>()
        .with_op::<ClusterIdOp>()
        .with_op::<ClusterBlockIdOp>()
        .with_op::<ClusterDimOp>()
        .with_op::<ClusterDimBlocksOp>()
        .with_op::<LaneIdOp>()
        .with_op::<SubgroupIdOp>()
        .with_op::<NumSubgroupsOp>()
        .with_op::<SubgroupSizeOp>()
        .with_op::<BarrierOp>()
        .with_op::<ShuffleOp>()
        .with_op::<AllReduceOp>()
        .with_op::<SubgroupReduceOp>()
        .with_op::<YieldOp>()
        .with_op::<PrintfOp>()
        .with_op::<WaitOp>()
        .with_op::<AllocOp>()
        .with_op::<DeallocOp>()
        .with_op::<MemcpyOp>()
        .with_op::<MemsetOp>()
}
