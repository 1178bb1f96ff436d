//! What a tensor's type says, and views of it as another type: its rank and
//! dimensions, casts between more and less static shapes, and bitcasts
//! between element types of one width.
//!
//! ```mlir
//! %d = tensor.dim %t, %c0 : tensor<?x4xf32>
//! %c = tensor.cast %t : tensor<?x4xf32> to tensor<8x4xf32>
//! %b = tensor.bitcast %t : tensor<?x4xf32> to tensor<?x4xi32>
//! ```

use ir::constraints::INDEX;
use ir::verifier::op_error;
use ir::{define_op, shape, Diagnostic, Ir, OpId, Type};

use crate::{named, ANY_TENSOR};

define_op! {
    /// Views a tensor with a compatible type (more or less static shape).
    pub struct CastOp = "tensor.cast" {
        operands: [source: Single(ANY_TENSOR)],
        results: [dest: Single(ANY_TENSOR)],
        traits: [PURE],
        format: "$source attr-dict `:` type($source) `to` type($dest)",
        extra: {
            verify: Some(verify_cast),
            name_results: Some(|_, _| named("cast")),
        },
    }
}

define_op! {
    /// Reinterprets the elements of a tensor as another element type of the same width.
    pub struct BitcastOp = "tensor.bitcast" {
        operands: [source: Single(ANY_TENSOR)],
        results: [dest: Single(ANY_TENSOR)],
        traits: [PURE],
        format: "$source attr-dict `:` type($source) `to` type($dest)",
        extra: {
            verify: Some(verify_bitcast),
        },
    }
}

define_op! {
    /// The size of one dimension of a tensor.
    pub struct DimOp = "tensor.dim" {
        operands: [source: Single(ANY_TENSOR), index: Single(INDEX)],
        results: [result: Single(INDEX)],
        traits: [PURE],
        format: "attr-dict $source `,` $index `:` type($source)",
        extra: {
            infer_result_types: Some(|ctx, _, _| Some(vec![Type::index(ctx)])),
            name_results: Some(|_, _| named("dim")),
        },
    }
}

define_op! {
    /// The rank of a tensor.
    pub struct RankOp = "tensor.rank" {
        operands: [tensor: Single(ANY_TENSOR)],
        results: [result: Single(INDEX)],
        traits: [PURE],
        format: "$tensor attr-dict `:` type($tensor)",
        extra: {
            infer_result_types: Some(|ctx, _, _| Some(vec![Type::index(ctx)])),
            name_results: Some(|_, _| named("rank")),
        },
    }
}

/// Checks a cast from the operand's type to the result's: shapes that agree
/// wherever both are known, and elements that `elements_fit`.
fn verify_cast_with(ir: &Ir, op: OpId, elements_fit: fn(&ir::Context, Type, Type) -> bool) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let (a, b) = (ir.value_type(ir.operands(op)[0]), ir.value_type(ir.result(op, 0)));
    let shapes_agree = match (a.shape(ctx), b.shape(ctx)) {
        (Some(x), Some(y)) => shape::compatible(x, y),
        _ => true,
    };
    if !shapes_agree || !elements_fit(ctx, a.element_type_or_self(ctx), b.element_type_or_self(ctx)) {
        return Err(op_error(
            ir,
            op,
            format!("operand type '{}' and result type '{}' are cast incompatible", ctx.print_type(a), ctx.print_type(b)),
        ));
    }
    Ok(())
}

/// Same element type.
fn verify_cast(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    verify_cast_with(ir, op, |_, a, b| a == b)
}

/// Element types of the same bit width.
fn verify_bitcast(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    verify_cast_with(ir, op, |ctx, a, b| a.bit_width(ctx).is_some() && a.bit_width(ctx) == b.bit_width(ctx))
}
