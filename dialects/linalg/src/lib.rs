//! The linalg dialect: structured ops on tensors and buffers. Each op is a
//! loop nest given by indexing maps, iterator types and a scalar body,
//! written out in full (`linalg.generic`) or named (`linalg.matmul`,
//! `linalg.conv_2d_nhwc_hwcf`, ...). Every op implements the
//! [`StructuredOp`] interface, so passes treat all of them alike
//! (see [`Structured`]).

mod contraction;
mod convolution;
mod elementwise;
mod generic;
mod map_reduce;
pub mod named;
pub mod payload;
pub mod structured;
mod syntax;
mod transpose_broadcast;

pub use contraction::{BatchMatmulOp, DotOp, MatmulOp, MatvecOp, VecmatOp};
pub use convolution::{
    Conv2DNchwFchwOp, Conv2DNhwcHwcfOp, DepthwiseConv2DNhwcHwcOp, PoolingNhwcMaxOp, PoolingNhwcMinOp, PoolingNhwcSumOp,
};
pub use elementwise::*;
pub use generic::{GenericOp, IndexOp, YieldOp};
pub use map_reduce::{MapOp, ReduceOp};
pub use structured::{IteratorType, Structured, StructuredOp};
pub use transpose_broadcast::{build_broadcast, build_transpose, BroadcastOp, TransposeOp};

use ir::dialect::TypeConstraint;
use ir::types::TypeData;
use ir::{Dialect, OpType};

/// A ranked tensor or memref: what structured ops read and write.
pub const SHAPED: TypeConstraint = TypeConstraint {
    description: "ranked tensor or memref of any type values",
    check: |ctx, t| matches!(t.data(ctx), TypeData::RankedTensor { .. } | TypeData::MemRef { .. }),
    buildable: None,
};

/// A ranked tensor: what structured ops on tensors return.
pub const RANKED_TENSOR: TypeConstraint = TypeConstraint {
    description: "ranked tensor of any type values",
    check: |ctx, t| matches!(t.data(ctx), TypeData::RankedTensor { .. }),
    buildable: None,
};

/// The linalg dialect.
pub fn dialect() -> Dialect {
    let dialect = Dialect::new("linalg", "Structured ops on tensors and buffers: generic and named, one interface for all.")
        .with_op::<GenericOp>()
        .with_interface::<dyn StructuredOp>(GenericOp::NAME, &generic::GenericStructured)
        .with_op::<YieldOp>()
        .with_op::<IndexOp>()
        .with_op::<MapOp>()
        .with_interface::<dyn StructuredOp>(MapOp::NAME, &map_reduce::MapStructured)
        .with_op::<ReduceOp>()
        .with_interface::<dyn StructuredOp>(ReduceOp::NAME, &map_reduce::ReduceStructured)
        .with_op::<TransposeOp>()
        .with_interface::<dyn StructuredOp>(TransposeOp::NAME, &transpose_broadcast::TransposeStructured)
        .with_op::<BroadcastOp>()
        .with_interface::<dyn StructuredOp>(BroadcastOp::NAME, &transpose_broadcast::BroadcastStructured);
    let dialect = elementwise::register(dialect);
    let dialect = contraction::register(dialect);
    convolution::register(dialect)
}
