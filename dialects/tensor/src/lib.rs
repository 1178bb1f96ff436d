//! The tensor dialect: immutable multi-dimensional values (`tensor<4x?xf32>`):
//! creating them, reading and writing elements (which makes new tensors),
//! slices, casts, dimensions and reshapes.

mod elements;
mod reshape;
mod slice;

pub use elements::{CastOp, DimOp, EmptyOp, ExtractOp, FromElementsOp, GenerateOp, InsertOp, SplatOp, YieldOp};
pub use reshape::{CollapseShapeOp, ExpandShapeOp, ReshapeOp};
pub use slice::{ExtractSliceOp, InsertSliceOp};

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

/// The tensor dialect.
pub fn dialect() -> Dialect {
    Dialect::new("tensor", "Immutable multi-dimensional values: creation, access, slices, reshapes.")
        .with_op::<EmptyOp>()
        .with_op::<ExtractOp>()
        .with_op::<InsertOp>()
        .with_op::<CastOp>()
        .with_op::<DimOp>()
        .with_op::<SplatOp>()
        .with_op::<FromElementsOp>()
        .with_op::<GenerateOp>()
        .with_op::<YieldOp>()
        .with_op::<ExtractSliceOp>()
        .with_op::<InsertSliceOp>()
        .with_op::<CollapseShapeOp>()
        .with_op::<ExpandShapeOp>()
        .with_op::<ReshapeOp>()
}
