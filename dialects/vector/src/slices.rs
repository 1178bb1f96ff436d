//! Strided slices: `vector.extract_strided_slice` takes a rectangular part
//! of the leading dimensions of a vector, `vector.insert_strided_slice`
//! puts a smaller vector back at some offsets. Offsets, sizes and strides
//! are constant arrays (strides are always 1).
//!
//! ```mlir
//! %s = vector.extract_strided_slice %v {offsets = [0, 2], sizes = [2, 4], strides = [1, 1]} : vector<4x8xf32> to vector<2x4xf32>
//! %w = vector.insert_strided_slice %s, %v {offsets = [2, 0], strides = [1, 1]} : vector<2x4xf32> into vector<4x8xf32>
//! ```

use ir::verifier::op_error;
use ir::{define_op, Context, Diagnostic, Ir, NamedAttribute, OpId, Type};

use crate::{i64_array, vector_of, vector_type, ANY_VECTOR, I64_ARRAY_ATTR, NON_ZERO_RANK_VECTOR};

define_op! {
    /// A rectangular part of a vector, taken from its leading dimensions.
    pub struct ExtractStridedSliceOp = "vector.extract_strided_slice" {
        operands: [source: Single(NON_ZERO_RANK_VECTOR)],
        results: [result: Single(ANY_VECTOR)],
        attributes: [offsets: Required(I64_ARRAY_ATTR), sizes: Required(I64_ARRAY_ATTR), strides: Required(I64_ARRAY_ATTR)],
        traits: [PURE],
        format: "$source attr-dict `:` type($source) `to` type(results)",
        extra: {
            verify: Some(verify_extract_slice),
        },
    }
}

define_op! {
    /// A copy of a vector with a smaller vector written in at some offsets.
    pub struct InsertStridedSliceOp = "vector.insert_strided_slice" {
        operands: [valueToStore: Single(NON_ZERO_RANK_VECTOR), dest: Single(NON_ZERO_RANK_VECTOR)],
        results: [result: Single(NON_ZERO_RANK_VECTOR)],
        attributes: [offsets: Required(I64_ARRAY_ATTR), strides: Required(I64_ARRAY_ATTR)],
        traits: [PURE],
        format: "$valueToStore `,` $dest attr-dict `:` type($valueToStore) `into` type($dest)",
        extra: {
            infer_result_types: Some(same_as_dest),
            verify: Some(verify_insert_slice),
        },
    }
}

fn same_as_dest(_: &Context, operands: &[Type], _: &[NamedAttribute]) -> Option<Vec<Type>> {
    Some(vec![*operands.get(1)?])
}

/// Each entry of `values` (paired with a dimension of `dims`) in `[min, dim + extra)`.
fn confined_to_shape(values: &[i64], dims: &[i64], name: &str, min: i64, extra: i64) -> Result<(), String> {
    for (d, (&v, &dim)) in values.iter().zip(dims).enumerate() {
        let max = dim + extra;
        if v < min || v >= max {
            return Err(format!("expected {name} dimension {d} to be confined to [{min}, {max})"));
        }
    }
    Ok(())
}

/// Strides must all be 1.
fn unit_strides(strides: &[i64]) -> Result<(), String> {
    if strides.iter().any(|&s| s != 1) {
        return Err("expected strides to be confined to [1, 2)".into());
    }
    Ok(())
}

/// `a[d] + b[d]` in `[0, dims[d] + 1)`, reported with `[1, ...)` as upstream words it.
fn sum_confined_to_shape(a: &[i64], b: &[i64], dims: &[i64], what: &str) -> Result<(), String> {
    for (d, ((&x, &y), &dim)) in a.iter().zip(b).zip(dims).enumerate() {
        let sum = x.saturating_add(y);
        if sum < 0 || sum > dim {
            return Err(format!("expected sum({what}) dimension {d} to be confined to [1, {})", dim + 1));
        }
    }
    Ok(())
}

fn verify_extract_slice(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let slice = ExtractStridedSliceOp(op);
    let Some(source) = vector_of(ctx, ir.value_type(slice.source(ir))) else { return Ok(()) };
    let result = ir.value_type(slice.result(ir));
    if result.shaped_element(ctx) != Some(source.element) {
        return Err(op_error(ir, op, "failed to verify that operand and result have same element type"));
    }
    let (Some(offsets), Some(sizes), Some(strides)) =
        (i64_array(ctx, slice.offsets(ir)), i64_array(ctx, slice.sizes(ir)), i64_array(ctx, slice.strides(ir)))
    else {
        return Ok(());
    };
    if offsets.len() != sizes.len() || offsets.len() != strides.len() {
        return Err(op_error(ir, op, "expected offsets, sizes and strides attributes of same size"));
    }
    for (name, list) in [("offsets", &offsets), ("sizes", &sizes), ("strides", &strides)] {
        if list.len() > source.rank() {
            return Err(op_error(ir, op, format!("expected {name} attribute of rank no greater than vector rank")));
        }
    }
    confined_to_shape(&offsets, source.shape, "offsets", 0, 0)
        .and_then(|_| confined_to_shape(&sizes, source.shape, "sizes", 1, 1))
        .and_then(|_| unit_strides(&strides))
        .and_then(|_| sum_confined_to_shape(&offsets, &sizes, source.shape, "offsets, sizes"))
        .map_err(|m| op_error(ir, op, m))?;
    let mut shape = sizes.clone();
    shape.extend_from_slice(&source.shape[sizes.len()..]);
    let expected = vector_type(ctx, shape, source.scalable.to_vec(), source.element);
    if result != expected {
        return Err(op_error(ir, op, format!("expected result type to be '{}'", ctx.print_type(expected))));
    }
    for (d, &size) in sizes.iter().enumerate() {
        if source.scalable[d] && size != source.shape[d] {
            return Err(op_error(
                ir,
                op,
                format!(
                    "expected size at idx={d} to match the corresponding base size from the input vector ({size} vs {})",
                    source.shape[d]
                ),
            ));
        }
    }
    Ok(())
}

fn verify_insert_slice(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let slice = InsertStridedSliceOp(op);
    let dest_type = ir.value_type(slice.dest(ir));
    let (Some(source), Some(dest)) = (vector_of(ctx, ir.value_type(slice.valueToStore(ir))), vector_of(ctx, dest_type)) else {
        return Ok(());
    };
    if source.element != dest.element {
        return Err(op_error(ir, op, "failed to verify that operand #0 and result have same element type"));
    }
    if ir.value_type(slice.result(ir)) != dest_type {
        return Err(op_error(ir, op, "failed to verify that all of {dest, res} have same type"));
    }
    let (Some(offsets), Some(strides)) = (i64_array(ctx, slice.offsets(ir)), i64_array(ctx, slice.strides(ir))) else {
        return Ok(());
    };
    if offsets.len() != dest.rank() {
        return Err(op_error(ir, op, "expected offsets of same size as destination vector rank"));
    }
    if strides.len() != source.rank() {
        return Err(op_error(ir, op, "expected strides of same size as source vector rank"));
    }
    if source.rank() > dest.rank() {
        return Err(op_error(ir, op, "expected source rank to be no greater than destination rank"));
    }
    let lead = dest.rank() - source.rank();
    let mut source_as_dest = vec![0; lead];
    source_as_dest.extend_from_slice(source.shape);
    confined_to_shape(&offsets, dest.shape, "offsets", 0, 0)
        .and_then(|_| unit_strides(&strides))
        .and_then(|_| sum_confined_to_shape(&offsets, &source_as_dest, dest.shape, "offsets, source vector shape"))
        .map_err(|m| op_error(ir, op, m))?;
    for d in 0..source.rank() {
        if source.scalable[d] != dest.scalable[lead + d] {
            return Err(op_error(ir, op, format!("mismatching scalable flags (at source vector idx={d})")));
        }
        if source.scalable[d] && source.shape[d] != dest.shape[lead + d] {
            return Err(op_error(
                ir,
                op,
                format!(
                    "expected size at idx={d} to match the corresponding base size from the input vector ({} vs {})",
                    source.shape[d],
                    dest.shape[lead + d]
                ),
            ));
        }
    }
    Ok(())
}
