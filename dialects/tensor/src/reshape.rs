//! Reshapes: `tensor.expand_shape` splits dimensions into groups,
//! `tensor.collapse_shape` merges groups of dimensions, and `tensor.reshape`
//! takes any shape of the same element count from a shape tensor.
//!
//! ```mlir
//! %e = tensor.expand_shape %t [[0, 1], [2]] output_shape [2, 3, %n] : tensor<6x?xf32> into tensor<2x3x?xf32>
//! %c = tensor.collapse_shape %e [[0, 1], [2]] : tensor<2x3x?xf32> into tensor<6x?xf32>
//! %r = tensor.reshape %u(%shape) : (tensor<?xf32>, tensor<2xindex>) -> tensor<?x?xf32>
//! ```

use ir::constraints::{ANY_ATTR, INDEX};
use ir::shape;
use ir::types::DYNAMIC;
use ir::verifier::op_error;
use ir::{define_op, mixed_list, Diagnostic, Ir, OpId};

use crate::{ANY_TENSOR, RANKED_TENSOR};

define_op! {
    /// Splits dimensions of a tensor into groups of dimensions.
    pub struct ExpandShapeOp = "tensor.expand_shape" {
        operands: [src: Single(RANKED_TENSOR), output_shape: Variadic(INDEX)],
        results: [result: Single(RANKED_TENSOR)],
        attributes: [reassociation: Required(ANY_ATTR), static_output_shape: Required(ANY_ATTR)],
        traits: [PURE],
        extra: {
            parse: Some(|p| shape::parse_reshape(p, true)),
            print: Some(|p, op| shape::print_reshape(p, op, true)),
            verify: Some(verify_reshape),
            name_results: Some(|_, _| vec![Some("expanded".to_string())]),
        },
    }
}

define_op! {
    /// Merges groups of dimensions of a tensor into single dimensions.
    pub struct CollapseShapeOp = "tensor.collapse_shape" {
        operands: [src: Single(RANKED_TENSOR)],
        results: [result: Single(RANKED_TENSOR)],
        attributes: [reassociation: Required(ANY_ATTR)],
        traits: [PURE],
        extra: {
            parse: Some(|p| shape::parse_reshape(p, false)),
            print: Some(|p, op| shape::print_reshape(p, op, false)),
            verify: Some(verify_reshape),
            name_results: Some(|_, _| vec![Some("collapsed".to_string())]),
        },
    }
}

define_op! {
    /// The elements of a tensor in a shape given by a 1-D tensor of sizes.
    pub struct ReshapeOp = "tensor.reshape" {
        operands: [source: Single(ANY_TENSOR), shape: Single(RANKED_TENSOR)],
        results: [result: Single(ANY_TENSOR)],
        traits: [PURE],
        format: "$source `(` $shape `)` attr-dict `:` functional-type(operands, results)",
        extra: {
            verify: Some(verify_tensor_reshape),
            name_results: Some(|_, _| vec![Some("reshape".to_string())]),
        },
    }
}

/// The groups cover the larger shape in order, the smaller shape is their
/// product, and (for expand) the output shape lists the result's sizes.
fn verify_reshape(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let expand = ir.isa::<ExpandShapeOp>(op);
    let source = ir.value_type(ir.operands(op)[0]);
    let result = ir.value_type(ir.result(op, 0));
    if source.shaped_element(ctx) != result.shaped_element(ctx) {
        return Err(op_error(ir, op, "expected source and result to have the same element type"));
    }
    let (expanded, collapsed) = if expand { (result, source) } else { (source, result) };
    let (expanded, collapsed) = (expanded.shape(ctx).unwrap_or(&[]), collapsed.shape(ctx).unwrap_or(&[]));
    if collapsed.len() > expanded.len() {
        let which = if expand { "expand_shape" } else { "collapse_shape" };
        return Err(op_error(ir, op, format!("{which} cannot have a collapsed type of greater rank than the expanded type")));
    }
    let Some(groups) = ir.attr(op, "reassociation").and_then(|a| shape::reassociation(ctx, a)) else {
        return Err(op_error(ir, op, "expected 'reassociation' to be an array of arrays of integers"));
    };
    shape::check_reassociation(&groups, expanded.len(), collapsed.len()).map_err(|m| op_error(ir, op, m))?;
    shape::collapses_to(expanded, collapsed, &groups).map_err(|m| op_error(ir, op, m))?;
    if expand {
        let statics = mixed_list::statics(ir, op, "static_output_shape");
        if statics.len() != expanded.len() {
            return Err(op_error(
                ir,
                op,
                format!(
                    "expected number of static shape dims to be equal to the output rank ({}) but found {} inputs instead",
                    expanded.len(),
                    statics.len()
                ),
            ));
        }
        if ir.operands(op).len() - 1 != shape::dynamic_count(&statics) {
            return Err(op_error(ir, op, "expected one output_shape value per dynamic entry"));
        }
        for (d, (&given, &size)) in statics.iter().zip(expanded).enumerate() {
            if given != DYNAMIC && size != DYNAMIC && given != size {
                return Err(op_error(ir, op, format!("invalid output shape provided at pos {d}")));
            }
        }
    }
    Ok(())
}

/// The shape operand is a static 1-D tensor of integers or indices with one
/// size per result dimension; static element counts must agree.
fn verify_tensor_reshape(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let (source, shape_type) = (ir.value_type(ir.operands(op)[0]), ir.value_type(ir.operands(op)[1]));
    let result = ir.value_type(ir.result(op, 0));
    if source.shaped_element(ctx) != result.shaped_element(ctx) {
        return Err(op_error(ir, op, "element types of source and destination tensor types should be the same"));
    }
    let shape_shape = shape_type.shape(ctx).unwrap_or(&[]);
    let shape_element = shape_type.shaped_element(ctx);
    if shape_shape.len() != 1 || !shape_element.is_some_and(|e| e.is_signless_int_or_index(ctx)) {
        return Err(op_error(ir, op, "shape must be a 1-D tensor of signless integers or indices"));
    }
    if let Some(result_shape) = result.shape(ctx) {
        if shape_shape[0] == DYNAMIC {
            return Err(op_error(
                ir,
                op,
                "cannot use shape operand with dynamic length to reshape to statically-ranked tensor type",
            ));
        }
        if shape_shape[0] != result_shape.len() as i64 {
            return Err(op_error(ir, op, "length of shape operand differs from the result's tensor rank"));
        }
        if let Some(source_shape) = source.shape(ctx) {
            let count = |s: &[i64]| (!s.contains(&DYNAMIC)).then(|| s.iter().product::<i64>());
            if let (Some(a), Some(b)) = (count(source_shape), count(result_shape)) {
                if a != b {
                    return Err(op_error(ir, op, "source and destination tensor should have the same number of elements"));
                }
            }
        }
    }
    Ok(())
}
