//! The [`Bufferizable`](crate::Bufferizable) implementations of this
//! repository's dialects, attached to their ops from here (as upstream's
//! external models are), one file per group of ops.

pub mod bufferization;
pub mod constant;
pub mod func;
pub mod linalg;
pub mod scf;
pub mod tensor_elements;
pub mod tensor_slices;
pub mod tensor_views;
pub mod vector;

use dialect_linalg::StructuredOp;
use ir::Context;

use crate::bufferizable::Bufferizable;

/// Attaches every model to its op in `ctx` (once; later calls do nothing).
pub fn register_bufferizable_ops(ctx: &Context) {
    if ctx.interface::<dyn Bufferizable>(ctx.op_name("tensor.empty")).is_some() {
        return;
    }
    let models: [(&'static str, &'static dyn Bufferizable); 34] = [
        ("arith.constant", &constant::ConstantModel),
        ("bufferization.to_tensor", &bufferization::ToTensorModel),
        ("bufferization.to_buffer", &bufferization::ToBufferModel),
        ("bufferization.alloc_tensor", &bufferization::AllocTensorModel),
        ("bufferization.materialize_in_destination", &bufferization::MaterializeModel),
        ("bufferization.dealloc_tensor", &bufferization::DeallocTensorModel),
        ("func.call", &func::CallModel),
        ("func.return", &func::ReturnModel),
        ("scf.for", &scf::ForModel),
        ("scf.while", &scf::WhileModel),
        ("scf.condition", &scf::ConditionModel),
        ("scf.forall", &scf::ForallModel),
        ("scf.if", &scf::BranchModel),
        ("scf.index_switch", &scf::BranchModel),
        ("scf.yield", &scf::YieldModel),
        ("tensor.empty", &tensor_elements::EmptyModel),
        ("tensor.extract", &tensor_elements::ExtractModel),
        ("tensor.insert", &tensor_elements::InsertModel),
        ("tensor.from_elements", &tensor_elements::FromElementsModel),
        ("tensor.splat", &tensor_elements::SplatModel),
        ("tensor.generate", &tensor_elements::GenerateModel),
        ("tensor.pad", &tensor_elements::PadModel),
        ("tensor.concat", &tensor_elements::ConcatModel),
        ("tensor.extract_slice", &tensor_slices::ExtractSliceModel),
        ("tensor.insert_slice", &tensor_slices::InsertSliceModel),
        ("tensor.parallel_insert_slice", &tensor_slices::ParallelInsertSliceModel),
        ("tensor.cast", &tensor_views::CAST),
        ("tensor.expand_shape", &tensor_views::EXPAND_SHAPE),
        ("tensor.collapse_shape", &tensor_views::COLLAPSE_SHAPE),
        ("tensor.reshape", &tensor_views::RESHAPE),
        ("tensor.dim", &tensor_views::ShapeQueryModel),
        ("tensor.rank", &tensor_views::ShapeQueryModel),
        ("vector.transfer_read", &vector::TransferReadModel),
        ("vector.transfer_write", &vector::TransferWriteModel),
    ];
    for (op, model) in models {
        ctx.attach_interface::<dyn Bufferizable>(op, model);
    }
    // Every structured op, named or generic, through its structured view.
    for dialect in ctx.dialects() {
        for op in &dialect.ops {
            if ctx.interface::<dyn StructuredOp>(ctx.op_name(op.name)).is_some() {
                ctx.attach_interface::<dyn Bufferizable>(op.name, &linalg::StructuredOpModel);
            }
        }
    }
}
