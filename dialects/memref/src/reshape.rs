//! Reshapes of a buffer in place: `memref.expand_shape` splits each
//! dimension into a group of dimensions and `memref.collapse_shape` merges
//! groups of contiguous dimensions. The result's strided layout follows
//! from the source's and must be the one declared. `memref.reshape` reads
//! the new sizes of a contiguous buffer from a buffer of sizes.
//!
//! ```mlir
//! %e = memref.expand_shape %m [[0, 1], [2]] output_shape [%n, 4, 8] : memref<?x8xf32> into memref<?x4x8xf32>
//! %c = memref.collapse_shape %e [[0, 1], [2]] : memref<?x4x8xf32> into memref<?x8xf32>
//! %r = memref.reshape %c(%sizes) : (memref<?x8xf32>, memref<2xindex>) -> memref<?x?xf32>
//! ```

use ir::constraints::INDEX;
use ir::dialect::AttrConstraint;
use ir::shape::{self, Reassociation};
use ir::types::DYNAMIC;
use ir::verifier::op_error;
use ir::{define_op, mixed_list, Context, Diagnostic, Ir, OpId, Type};

use ir::dialect::TypeConstraint;

use crate::{is_1d_memref, layout, quoted, ANY_MEMREF, DENSE_I64_ARRAY, STRIDED_MEMREF};

/// The sizes operand of `memref.reshape`.
const SHAPE_MEMREF: TypeConstraint = TypeConstraint {
    description: "1D memref of signless integer or index values",
    check: |ctx, t| is_1d_memref(ctx, t, |ctx, e| e.is_signless_int_or_index(ctx)),
    buildable: None,
};

/// `[[0, 1], [2]]`: groups of dimension indices.
const REASSOCIATION: AttrConstraint = AttrConstraint {
    description: "Array of 64-bit integer array attributes",
    check: |ctx, a| shape::reassociation(ctx, a).is_some(),
    parse: None,
    print: None,
    default: None,
};

define_op! {
    /// Splits dimensions of a buffer into groups of dimensions.
    pub struct ExpandShapeOp = "memref.expand_shape" {
        operands: [src: Single(STRIDED_MEMREF), output_shape: Variadic(INDEX)],
        results: [result: Single(STRIDED_MEMREF)],
        attributes: [reassociation: Required(REASSOCIATION), static_output_shape: Required(DENSE_I64_ARRAY)],
        traits: [PURE],
        extra: {
            parse: Some(|p| shape::parse_reshape(p, true)),
            print: Some(|p, op| shape::print_reshape(p, op, true)),
            verify: Some(verify_expand_shape),
            name_results: Some(|_, _| vec![Some("expand_shape".to_string())]),
        },
    }
}

define_op! {
    /// Merges groups of contiguous dimensions of a buffer into single dimensions.
    pub struct CollapseShapeOp = "memref.collapse_shape" {
        operands: [src: Single(STRIDED_MEMREF)],
        results: [result: Single(STRIDED_MEMREF)],
        attributes: [reassociation: Required(REASSOCIATION)],
        traits: [PURE],
        extra: {
            parse: Some(|p| shape::parse_reshape(p, false)),
            print: Some(|p, op| shape::print_reshape(p, op, false)),
            verify: Some(verify_collapse_shape),
            name_results: Some(|_, _| vec![Some("collapse_shape".to_string())]),
        },
    }
}

define_op! {
    /// Gives a contiguous buffer the sizes read from a 1-D buffer of sizes, without copying it.
    pub struct ReshapeOp = "memref.reshape" {
        operands: [source: Single(ANY_MEMREF), shape: Single(SHAPE_MEMREF)],
        results: [result: Single(ANY_MEMREF)],
        traits: [PURE],
        format: "$source `(` $shape `)` attr-dict `:` functional-type(operands, results)",
        extra: {
            verify: Some(verify_memref_reshape),
            name_results: Some(|_, _| vec![Some("reshape".to_string())]),
        },
    }
}

/// Same element type; identity layouts; a shape operand as long as the
/// result's rank (static when the result is ranked).
fn verify_memref_reshape(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let reshape = ReshapeOp(op);
    let (source, shape, result) =
        (ir.value_type(reshape.source(ir)), ir.value_type(reshape.shape(ir)), ir.value_type(reshape.result(ir)));
    if source.shaped_element(ctx) != result.shaped_element(ctx) {
        return Err(op_error(ir, op, "element types of source and destination memref types should be the same"));
    }
    if source.shape(ctx).is_some() && !layout::has_identity_layout(ctx, source) {
        return Err(op_error(ir, op, "source memref type should have identity affine map"));
    }
    let length = shape.shape(ctx).and_then(|s| s.first().copied()).unwrap_or(DYNAMIC);
    if let Some(result_shape) = result.shape(ctx) {
        if !layout::has_identity_layout(ctx, result) {
            return Err(op_error(ir, op, "result memref type should have identity affine map"));
        }
        if length == DYNAMIC {
            return Err(op_error(
                ir,
                op,
                "cannot use shape operand with dynamic length to reshape to statically-ranked memref type",
            ));
        }
        if length != result_shape.len() as i64 {
            return Err(op_error(ir, op, "length of shape operand differs from the result's memref rank"));
        }
    }
    Ok(())
}

fn groups(ir: &Ir, op: OpId) -> Reassociation {
    ir.attr(op, "reassociation").and_then(|a| shape::reassociation(ir.ctx(), a)).unwrap_or_default()
}

/// One group per collapsed dimension, covering the expanded dimensions in
/// order; a collapsed size is dynamic exactly when its group has a dynamic
/// size, and otherwise the product of the group.
fn verify_collapsed_shape(collapsed: &[i64], expanded: &[i64], groups: &[Vec<i64>]) -> Result<(), String> {
    if collapsed.len() != groups.len() {
        return Err(format!("invalid number of reassociation groups: found {}, expected {}", groups.len(), collapsed.len()));
    }
    let mut next = 0;
    for (d, group) in groups.iter().enumerate() {
        let mut dynamic = false;
        let mut product = Some(1i64);
        for &e in group {
            if e != next {
                return Err("reassociation indices must be contiguous".to_string());
            }
            next += 1;
            let Some(&size) = usize::try_from(e).ok().and_then(|e| expanded.get(e)) else {
                return Err(format!("reassociation index {e} is out of bounds"));
            };
            dynamic |= size == DYNAMIC;
            product = product.and_then(|p| p.checked_mul(size));
        }
        if (collapsed[d] == DYNAMIC) != dynamic {
            return Err(format!("collapsed dim ({d}) must be dynamic if and only if reassociation group is dynamic"));
        }
        if !dynamic && product != Some(collapsed[d]) {
            let size = product.map_or("an overflowing value".to_string(), |p| p.to_string());
            return Err(format!("collapsed dim size ({}) must equal reassociation group size ({size})", collapsed[d]));
        }
    }
    if collapsed.is_empty() {
        if expanded.iter().any(|&d| d != 1) {
            return Err("rank 0 memrefs can only be extended/collapsed with/from ones".to_string());
        }
    } else if next as usize != expanded.len() {
        return Err(format!("expanded rank ({}) inconsistent with number of reassociation indices ({next})", expanded.len()));
    }
    Ok(())
}

/// The type `source` expands to with `shape`: contiguous if the source is;
/// otherwise each group's last dimension keeps the source stride and the
/// ones before it step over the sizes after them.
pub fn expanded_type(ctx: &Context, source: Type, shape: &[i64], groups: &[Vec<i64>]) -> Option<Type> {
    if layout::has_identity_layout(ctx, source) {
        return Some(layout::with_shape_and_layout(ctx, source, shape.to_vec(), None));
    }
    let (source_strides, offset) = layout::strides_and_offset(ctx, source)?;
    let mut strides = vec![1; shape.len()];
    for (group, &stride) in groups.iter().zip(&source_strides) {
        let mut running = stride;
        for &d in group.iter().rev() {
            let d = usize::try_from(d).ok().filter(|&d| d < shape.len())?;
            strides[d] = running;
            running = layout::mul(running, shape[d]);
        }
    }
    Some(layout::with_shape_and_layout(ctx, source, shape.to_vec(), Some(layout::strided_layout(ctx, &strides, offset))))
}

/// The type `source` collapses to with `shape`: contiguous if the source
/// is; otherwise each group takes the stride of its last dimension that is
/// not a static 1 (dynamic if that dimension is dynamic and not the group's
/// first, as it may be 1 at run time). `None` when a
/// group is visibly not contiguous or the source is not strided.
pub fn collapsed_type(ctx: &Context, source: Type, shape: &[i64], groups: &[Vec<i64>]) -> Option<Type> {
    if layout::has_identity_layout(ctx, source) {
        return Some(layout::with_shape_and_layout(ctx, source, shape.to_vec(), None));
    }
    let (source_strides, offset) = layout::strides_and_offset(ctx, source)?;
    let source_shape = source.shape(ctx)?;
    let index = |d: i64| usize::try_from(d).ok().filter(|&d| d < source_shape.len());
    let mut strides = Vec::with_capacity(groups.len());
    for group in groups {
        let dims: Vec<usize> = group.iter().map(|&d| index(d)).collect::<Option<_>>()?;
        let mut last = dims.len().checked_sub(1)?;
        while last > 0 && source_shape[dims[last]] == 1 {
            last -= 1;
        }
        let size = source_shape[dims[last]];
        strides.push(if size != DYNAMIC || last == 0 { source_strides[dims[last]] } else { DYNAMIC });
    }
    // Within a group, each dimension must step over the ones after it.
    for (group, &stride) in groups.iter().zip(&strides) {
        let mut running = stride;
        for pair in group.windows(2).rev() {
            let (outer, inner) = (index(pair[0])?, index(pair[1])?);
            running = layout::mul(running, source_shape[inner]);
            if source_shape[outer] == 1 {
                continue;
            }
            let outer_stride = source_strides[outer];
            if running != DYNAMIC && outer_stride != DYNAMIC && running != outer_stride {
                return None;
            }
        }
    }
    Some(layout::with_shape_and_layout(ctx, source, shape.to_vec(), Some(layout::strided_layout(ctx, &strides, offset))))
}

/// A real expansion whose result type is the expanded layout of the source,
/// with an output shape that lists the result's sizes.
fn verify_expand_shape(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let expand = ExpandShapeOp(op);
    let (source, result) = (ir.value_type(expand.src(ir)), ir.value_type(expand.result(ir)));
    let (source_shape, result_shape) = (source.shape(ctx).unwrap_or(&[]), result.shape(ctx).unwrap_or(&[]));
    if source_shape.len() > result_shape.len() {
        let (a, b) = (source_shape.len(), result_shape.len());
        return Err(op_error(ir, op, format!("has source rank {a} and result rank {b}. This is not an expansion ({a} > {b}).")));
    }
    let groups = groups(ir, op);
    verify_collapsed_shape(source_shape, result_shape, &groups).map_err(|m| op_error(ir, op, m))?;
    let Some(expected) = expanded_type(ctx, source, result_shape, &groups) else {
        return Err(op_error(ir, op, "invalid source layout map"));
    };
    if expected != result {
        return Err(op_error(
            ir,
            op,
            format!("expected expanded type to be {} but found {}", quoted(ctx, expected), quoted(ctx, result)),
        ));
    }
    let statics = mixed_list::statics(ir, op, "static_output_shape");
    if statics.len() != result_shape.len() {
        return Err(op_error(
            ir,
            op,
            format!(
                "expected number of static shape bounds to be equal to the output rank ({}) but found {} inputs instead",
                result_shape.len(),
                statics.len()
            ),
        ));
    }
    let (dynamic, given) = (shape::dynamic_count(&statics), expand.output_shape(ir).len());
    if dynamic != given {
        return Err(op_error(
            ir,
            op,
            format!(
                "mismatch in dynamic dims in output_shape and static_output_shape: static_output_shape has {dynamic} dynamic dims while output_shape has {given} values"
            ),
        ));
    }
    if let Some(d) = result_shape.iter().zip(&statics).position(|(&size, &given)| size != DYNAMIC && size != given) {
        return Err(op_error(ir, op, format!("invalid output shape provided at pos {d}")));
    }
    Ok(())
}

/// A real collapse of contiguous groups whose result type is the collapsed
/// layout of the source.
fn verify_collapse_shape(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let collapse = CollapseShapeOp(op);
    let (source, result) = (ir.value_type(collapse.src(ir)), ir.value_type(collapse.result(ir)));
    let (source_shape, result_shape) = (source.shape(ctx).unwrap_or(&[]), result.shape(ctx).unwrap_or(&[]));
    if source_shape.len() < result_shape.len() {
        let (a, b) = (source_shape.len(), result_shape.len());
        return Err(op_error(ir, op, format!("has source rank {a} and result rank {b}. This is not a collapse ({a} < {b}).")));
    }
    let groups = groups(ir, op);
    verify_collapsed_shape(result_shape, source_shape, &groups).map_err(|m| op_error(ir, op, m))?;
    let Some(expected) = collapsed_type(ctx, source, result_shape, &groups) else {
        return Err(op_error(ir, op, "invalid source layout map or collapsing non-contiguous dims"));
    };
    if expected != result {
        return Err(op_error(
            ir,
            op,
            format!("expected collapsed type to be {} but found {}", quoted(ctx, expected), quoted(ctx, result)),
        ));
    }
    Ok(())
}
