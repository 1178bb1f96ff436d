//! Changing how a vector's elements are laid out: `vector.shape_cast`
//! gives the same elements another shape, `vector.transpose` permutes
//! dimensions, `vector.bitcast` reinterprets the bits of the innermost
//! dimension as another element type.
//!
//! ```mlir
//! %f = vector.shape_cast %v : vector<4x8xf32> to vector<32xf32>
//! %t = vector.transpose %v, [1, 0] : vector<4x8xf32> to vector<8x4xf32>
//! %b = vector.bitcast %v : vector<4x8xf32> to vector<4x16xf16>
//! ```

use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Ir, OpId};

use crate::{bit_width, vector_of, ANY_VECTOR, DENSE_I64_ARRAY};

define_op! {
    /// The same elements, in row-major order, with another shape.
    pub struct ShapeCastOp = "vector.shape_cast" {
        operands: [source: Single(ANY_VECTOR)],
        results: [result: Single(ANY_VECTOR)],
        traits: [PURE],
        format: "$source attr-dict `:` type($source) `to` type($result)",
        extra: {
            verify: Some(verify_shape_cast),
        },
    }
}

define_op! {
    /// The vector with its dimensions permuted.
    pub struct TransposeOp = "vector.transpose" {
        operands: [vector: Single(ANY_VECTOR)],
        results: [result: Single(ANY_VECTOR)],
        attributes: [permutation: Required(DENSE_I64_ARRAY)],
        traits: [PURE],
        format: "$vector `,` $permutation attr-dict `:` type($vector) `to` type($result)",
        extra: {
            verify: Some(verify_transpose),
        },
    }
}

define_op! {
    /// The bits of the innermost dimension read as another element type.
    pub struct BitCastOp = "vector.bitcast" {
        operands: [source: Single(ANY_VECTOR)],
        results: [result: Single(ANY_VECTOR)],
        traits: [PURE],
        format: "$source attr-dict `:` type($source) `to` type($result)",
        extra: {
            verify: Some(verify_bitcast),
        },
    }
}

fn verify_shape_cast(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let (Some(source), Some(result)) =
        (vector_of(ctx, ir.value_type(ir.operands(op)[0])), vector_of(ctx, ir.value_type(ir.result(op, 0))))
    else {
        return Ok(());
    };
    if source.element != result.element {
        return Err(op_error(ir, op, "has different source and result element types"));
    }
    let (a, b): (i64, i64) = (source.shape.iter().product(), result.shape.iter().product());
    if a != b {
        return Err(op_error(ir, op, format!("has different number of elements at source ({a}) and result ({b})")));
    }
    let scalable = |v: &crate::VectorParts<'_>| v.scalable.iter().filter(|&&s| s).count();
    let (a, b) = (scalable(&source), scalable(&result));
    if a != b {
        return Err(op_error(ir, op, format!("has different number of scalable dims at source ({a}) and result ({b})")));
    }
    Ok(())
}

fn verify_transpose(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let (Some(source), Some(result)) =
        (vector_of(ctx, ir.value_type(ir.operands(op)[0])), vector_of(ctx, ir.value_type(ir.result(op, 0))))
    else {
        return Ok(());
    };
    if source.element != result.element {
        return Err(op_error(ir, op, "failed to verify that operand and result have same element type"));
    }
    let rank = result.rank();
    if source.rank() != rank {
        return Err(op_error(ir, op, format!("vector result rank mismatch: {rank}")));
    }
    let permutation = TransposeOp(op).permutation(ir).and_then(|a| a.as_dense_int_array(ctx)).unwrap_or_default();
    if permutation.len() != rank {
        return Err(op_error(ir, op, format!("transposition length mismatch: {}", permutation.len())));
    }
    let mut seen = vec![false; rank];
    for (i, &p) in permutation.iter().enumerate() {
        let Some(d) = usize::try_from(p).ok().filter(|&d| d < rank) else {
            return Err(op_error(ir, op, format!("transposition index out of range: {p}")));
        };
        if seen[d] {
            return Err(op_error(ir, op, format!("duplicate position index: {p}")));
        }
        seen[d] = true;
        if result.shape[i] != source.shape[d] {
            return Err(op_error(ir, op, format!("dimension size mismatch at: {p}")));
        }
    }
    Ok(())
}

fn verify_bitcast(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let (Some(source), Some(result)) =
        (vector_of(ctx, ir.value_type(ir.operands(op)[0])), vector_of(ctx, ir.value_type(ir.result(op, 0))))
    else {
        return Ok(());
    };
    if source.rank() != result.rank() {
        return Err(op_error(ir, op, "failed to verify that all of {source, result} have same rank"));
    }
    for d in 0..source.rank().saturating_sub(1) {
        if source.shape[d] != result.shape[d] {
            return Err(op_error(ir, op, format!("dimension size mismatch at: {d}")));
        }
    }
    let (Some(a), Some(b)) = (bit_width(ctx, source.element), bit_width(ctx, result.element)) else { return Ok(()) };
    match (source.shape.last(), result.shape.last()) {
        (Some(&m), Some(&n)) if a * m as u64 != b * n as u64 => {
            Err(op_error(ir, op, "source/result bitwidth of the minor 1-D vectors must be equal"))
        }
        (None, None) if a != b => Err(op_error(ir, op, "source/result bitwidth of the 0-D vector element types must be equal")),
        _ => Ok(()),
    }
}
