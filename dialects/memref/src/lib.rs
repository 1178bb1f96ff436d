//! The memref dialect: multi-dimensional buffers in memory (`memref<4x?xf32>`):
//! allocation on the heap or stack, loads and stores, copies, casts,
//! dimensions, global buffers, and views that reinterpret a buffer without
//! copying it (subviews, reshapes, transposes, raw reinterpretation).
//! [`layout`] computes the strided form of memref layouts for all of them.

mod access;
mod alloc;
mod global;
pub mod layout;
mod metadata;
mod reshape;
mod view;

pub use access::{cast_compatible, AtomicRmwOp, CastOp, CopyOp, DimOp, LoadOp, StoreOp, ATOMIC_RMW_KINDS};
pub use alloc::{AllocOp, AllocaOp, AllocaScopeOp, AllocaScopeReturnOp, DeallocOp, ReallocOp};
pub use global::{GetGlobalOp, GlobalOp};
pub use metadata::{AssumeAlignmentOp, ExtractAlignedPointerAsIndexOp, ExtractStridedMetadataOp, RankOp};
pub use reshape::{collapsed_type, expanded_type, CollapseShapeOp, ExpandShapeOp, ReshapeOp};
pub use view::{rank_reduced_subview_type, subview_type, ReinterpretCastOp, SubViewOp, TransposeOp, ViewOp};

use ir::dialect::{AttrConstraint, TypeConstraint};
use ir::types::TypeData;
use ir::{AttrData, Context, Diagnostic, Dialect, Ir, OpId, Type};

/// Any memref, ranked or not.
pub const ANY_MEMREF: TypeConstraint = TypeConstraint {
    description: "ranked or unranked memref of any type values",
    check: |ctx, t| t.is_memref(ctx),
    buildable: None,
};

/// A ranked memref.
pub const RANKED_MEMREF: TypeConstraint = TypeConstraint {
    description: "memref of any type values",
    check: |ctx, t| matches!(t.data(ctx), TypeData::MemRef { .. }),
    buildable: None,
};

/// A ranked memref whose layout is strided.
pub const STRIDED_MEMREF: TypeConstraint =
    TypeConstraint { description: "strided memref of any type values", check: layout::is_strided, buildable: None };

/// A ranked memref of rank 1, with the element types `element` admits.
fn is_1d_memref(ctx: &Context, t: Type, element: fn(&Context, Type) -> bool) -> bool {
    matches!(t.data(ctx), TypeData::MemRef { shape, element: e, .. } if shape.len() == 1 && element(ctx, *e))
}

/// A signless integer or a float: what atomic updates work on.
fn is_integer_or_float(ctx: &Context, t: Type) -> bool {
    t.is_signless_integer(ctx) || t.is_float(ctx)
}

/// `array<i64: ...>`, the static parts of offsets, sizes and strides.
pub(crate) const DENSE_I64_ARRAY: AttrConstraint = AttrConstraint {
    description: "i64 dense array attribute",
    check: |ctx, a| matches!(a.data(ctx), AttrData::DenseArray { element, .. } if element.is_signless_int_of_width(ctx, 64)),
    parse: None,
    print: None,
    default: None,
};

/// An error at `op` without the `'name' op` prefix: upstream words some
/// checks (those of views and their offsets, sizes and strides) this way.
pub(crate) fn bare_error(ir: &Ir, op: OpId, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(ir.op(op).location, message)
}

/// A type in a diagnostic: quoted, as upstream writes it.
pub(crate) fn quoted(ctx: &Context, ty: Type) -> String {
    format!("'{}'", ctx.print_type(ty))
}

/// The buffer `op` gives another view of, if it only does that (a subview,
/// a cast, a reshape...: no allocation, no region): its first memref
/// operand, which its memref results may alias. Other memref operands (a
/// reshape's sizes) are only read.
pub fn view_source(ir: &Ir, op: OpId) -> Option<ir::Value> {
    let ctx = ir.ctx();
    let source = ir.operands(op).iter().copied().find(|&v| ir.value_type(v).is_memref(ctx))?;
    let has_memref_result = ir.results(op).iter().any(|&v| ir.value_type(v).is_memref(ctx));
    let allocates = ir.memory_effects(op).unwrap_or_default().iter().any(|e| e.kind == ir::effects::EffectKind::Allocate);
    (has_memref_result && !allocates && ir.regions(op).is_empty()).then_some(source)
}

/// The memref dialect.
pub fn dialect() -> Dialect {
    Dialect::new("memref", "Buffers in memory: allocation, access, copies, globals and views.")
        .with_op::<AllocOp>()
        .with_op::<AllocaOp>()
        .with_op::<AllocaScopeOp>()
        .with_op::<AllocaScopeReturnOp>()
        .with_op::<ReallocOp>()
        .with_op::<DeallocOp>()
        .with_op::<LoadOp>()
        .with_op::<StoreOp>()
        .with_op::<AtomicRmwOp>()
        .with_op::<DimOp>()
        .with_op::<RankOp>()
        .with_op::<CopyOp>()
        .with_op::<CastOp>()
        .with_op::<GlobalOp>()
        .with_op::<GetGlobalOp>()
        .with_op::<SubViewOp>()
        .with_op::<ViewOp>()
        .with_op::<ReinterpretCastOp>()
        .with_op::<TransposeOp>()
        .with_op::<ExpandShapeOp>()
        .with_op::<ReshapeOp>()
        .with_op::<CollapseShapeOp>()
        .with_op::<ExtractStridedMetadataOp>()
        .with_op::<ExtractAlignedPointerAsIndexOp>()
        .with_op::<AssumeAlignmentOp>()
}
