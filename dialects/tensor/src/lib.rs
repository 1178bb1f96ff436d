//! The tensor dialect: immutable multi-dimensional values (`tensor<4x?xf32>`):
//! creating them, reading and writing elements (which makes new tensors),
//! slices, casts, dimensions, reshapes, padding and concatenation.

mod cast;
mod concat;
mod elements;
mod pad;
mod reshape;
mod slice;

pub use cast::{BitcastOp, CastOp, DimOp, RankOp};
pub use concat::ConcatOp;
pub use elements::{EmptyOp, ExtractOp, FromElementsOp, GenerateOp, InsertOp, SplatOp, YieldOp};
pub use pad::PadOp;
pub use reshape::{CollapseShapeOp, ExpandShapeOp, ReshapeOp};
pub use slice::{ExtractSliceOp, InsertSliceOp, ParallelInsertSliceOp};

use ir::dialect::TypeConstraint;
use ir::types::TypeData;
use ir::Dialect;

pub(crate) const ANY_TENSOR: TypeConstraint =
    TypeConstraint { description: "tensor of any type values", check: |ctx, t| t.is_tensor(ctx), buildable: None };

pub(crate) const RANKED_TENSOR: TypeConstraint = TypeConstraint {
    description: "ranked tensor of any type values",
    check: |ctx, t| matches!(t.data(ctx), TypeData::RankedTensor { .. }),
    buildable: None,
};

/// Results that upstream names after the op (`%padded`, `%extracted`).
pub(crate) fn named(hint: &'static str) -> Vec<Option<String>> {
    vec![Some(hint.to_string())]
}

/// The tensor dialect.
pub fn dialect() -> Dialect {
    Dialect::new("tensor", "Immutable multi-dimensional values: creation, access, slices, reshapes.")
        .with_op::<EmptyOp>()
        .with_op::<ExtractOp>()
        .with_op::<InsertOp>()
        .with_op::<CastOp>()
        .with_op::<BitcastOp>()
        .with_op::<DimOp>()
        .with_op::<RankOp>()
        .with_op::<SplatOp>()
        .with_op::<FromElementsOp>()
        .with_op::<GenerateOp>()
        .with_op::<YieldOp>()
        .with_op::<ExtractSliceOp>()
        .with_op::<InsertSliceOp>()
        .with_op::<ParallelInsertSliceOp>()
        .with_op::<PadOp>()
        .with_op::<ConcatOp>()
        .with_op::<CollapseShapeOp>()
        .with_op::<ExpandShapeOp>()
        .with_op::<ReshapeOp>()
}
