//! `tensor.concat`: tensors of one rank joined along one dimension.
//!
//! ```mlir
//! %c = tensor.concat dim(0) %a, %b : (tensor<2x?xf32>, tensor<3x?xf32>) -> tensor<5x?xf32>
//! ```

use ir::constraints::I64_ATTR;
use ir::types::DYNAMIC;
use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Ir, OpId, Type};

use crate::{named, RANKED_TENSOR};

define_op! {
    /// Joins tensors of one rank along dimension `dim`.
    pub struct ConcatOp = "tensor.concat" {
        operands: [inputs: Variadic(RANKED_TENSOR)],
        results: [result: Single(RANKED_TENSOR)],
        attributes: [dim: Required(I64_ATTR)],
        traits: [PURE],
        format: "`dim` `(` $dim `)` $inputs attr-dict `:` functional-type(operands, results)",
        extra: {
            verify: Some(verify_concat),
            name_results: Some(|_, _| named("concat")),
        },
    }
}

/// At least one input, all of the result's rank and element type; sizes
/// along `dim` add up, the others agree.
fn verify_concat(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let concat = ConcatOp(op);
    let inputs: Vec<Type> = concat.inputs(ir).iter().map(|&v| ir.value_type(v)).collect();
    let result = ir.value_type(concat.result(ir));
    let Some(first) = inputs.first() else { return Err(op_error(ir, op, "requires at least one input")) };
    let rank = first.shape(ctx).map_or(0, |s| s.len());
    let dim = concat.dim(ir).and_then(|d| d.as_integer(ctx)).unwrap_or(0);
    if dim < 0 || dim as usize >= rank {
        return Err(op_error(ir, op, "concatenation dim must be less than the tensor rank"));
    }
    let dim = dim as usize;
    let result_shape = result.shape(ctx).unwrap_or(&[]);
    if inputs.iter().any(|t| t.shape(ctx).map_or(0, |s| s.len()) != result_shape.len()) {
        return Err(op_error(ir, op, "rank of concatenated inputs must match result rank"));
    }
    if inputs.iter().any(|t| t.shaped_element(ctx) != result.shaped_element(ctx)) {
        return Err(op_error(ir, op, "inputs and result element type must match"));
    }
    // Along `dim` the sizes add up; elsewhere any static size decides.
    let mut inferred = vec![DYNAMIC; rank];
    for (d, size) in inferred.iter_mut().enumerate() {
        let sizes = inputs.iter().map(|t| t.shape(ctx).map_or(DYNAMIC, |s| s[d]));
        if d == dim {
            *size = sizes.map(|s| (s != DYNAMIC).then_some(s)).sum::<Option<i64>>().unwrap_or(DYNAMIC);
            continue;
        }
        for s in sizes.filter(|&s| s != DYNAMIC) {
            if *size != DYNAMIC && *size != s {
                return Err(op_error(ir, op, format!("static concatenation size mismatch along non-concatenated dimension {d}")));
            }
            *size = s;
        }
    }
    if result_shape.iter().zip(&inferred).any(|(&r, &i)| r != DYNAMIC && i != DYNAMIC && r != i) {
        let inferred_type = Type::ranked_tensor(ctx, inferred, first.element_type_or_self(ctx));
        return Err(op_error(
            ir,
            op,
            format!(
                "result type '{}' does not match inferred shape '{}' static sizes",
                ctx.print_type(result),
                ctx.print_type(inferred_type)
            ),
        ));
    }
    Ok(())
}
