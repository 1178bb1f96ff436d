//! Views: new memrefs on the memory of an existing one, without copying.
//! `memref.subview` takes a strided part (offsets, sizes and strides
//! relative to the source's own layout, possibly dropping unit dimensions);
//! `memref.reinterpret_cast` sets offset, sizes and strides on the source's
//! underlying buffer; `memref.view` types a flat byte buffer; and
//! `memref.transpose` permutes dimensions. Their result types must be the
//! strided layouts that these operations produce.
//!
//! ```mlir
//! %s = memref.subview %m[1, %i] [4, 4] [1, 2] : memref<8x16xf32> to memref<4x4xf32, strided<[16, 2], offset: ?>>
//! %r = memref.reinterpret_cast %m to offset: [0], sizes: [128], strides: [1] : memref<8x16xf32> to memref<128xf32>
//! %v = memref.view %bytes[%shift][%n] : memref<2048xi8> to memref<?x4xf32>
//! %t = memref.transpose %m (d0, d1) -> (d1, d0) : memref<8x16xf32> to memref<16x8xf32, strided<[1, 16]>>
//! ```

use std::collections::BTreeMap;

use ir::affine::AffineMap;
use ir::constraints::INDEX;
use ir::dialect::{AttrConstraint, TypeConstraint};
use ir::syntax::{OpParser, OpPrinter, ParseResult, UnresolvedOperand};
use ir::types::DYNAMIC;
use ir::verifier::op_error;
use ir::{define_op, mixed_list, shape, AttrData, Attribute, Context, Diagnostic, Ir, OpId, Type};

use crate::{bare_error, is_1d_memref, layout, quoted, DENSE_I64_ARRAY, RANKED_MEMREF, STRIDED_MEMREF};

/// The byte buffer under a `memref.view`.
const MEMREF_1D_I8: TypeConstraint = TypeConstraint {
    description: "1D memref of 8-bit signless integer values",
    check: |ctx, t| is_1d_memref(ctx, t, |ctx, e| e.is_signless_int_of_width(ctx, 8)),
    buildable: None,
};

const AFFINE_MAP_ATTR: AttrConstraint = AttrConstraint {
    description: "AffineMap attribute",
    check: |ctx, a| matches!(a.data(ctx), AttrData::AffineMap(_)),
    parse: None,
    print: None,
    default: None,
};

define_op! {
    /// A strided part of a buffer: offsets, sizes and strides per dimension.
    pub struct SubViewOp = "memref.subview" {
        operands: [source: Single(RANKED_MEMREF), offsets: Variadic(INDEX), sizes: Variadic(INDEX), strides: Variadic(INDEX)],
        results: [result: Single(RANKED_MEMREF)],
        attributes: [
            static_offsets: Required(DENSE_I64_ARRAY),
            static_sizes: Required(DENSE_I64_ARRAY),
            static_strides: Required(DENSE_I64_ARRAY),
        ],
        traits: [PURE],
        extra: {
            parse: Some(parse_subview),
            print: Some(|p, op| print_view_like(p, op, ["", " ", " "])),
            verify: Some(verify_subview),
            name_results: Some(|_, _| vec![Some("subview".to_string())]),
        },
    }
}

define_op! {
    /// The underlying buffer of a memref with a new offset, sizes and strides.
    pub struct ReinterpretCastOp = "memref.reinterpret_cast" {
        operands: [source: Single(crate::ANY_MEMREF), offsets: Variadic(INDEX), sizes: Variadic(INDEX), strides: Variadic(INDEX)],
        results: [result: Single(STRIDED_MEMREF)],
        attributes: [
            static_offsets: Required(DENSE_I64_ARRAY),
            static_sizes: Required(DENSE_I64_ARRAY),
            static_strides: Required(DENSE_I64_ARRAY),
        ],
        traits: [PURE],
        extra: {
            parse: Some(parse_reinterpret_cast),
            print: Some(|p, op| print_view_like(p, op, [" to offset: ", ", sizes: ", ", strides: "])),
            verify: Some(verify_reinterpret_cast),
            name_results: Some(|_, _| vec![Some("reinterpret_cast".to_string())]),
        },
    }
}

define_op! {
    /// A contiguous buffer of any element type over a flat byte buffer, from a byte shift.
    pub struct ViewOp = "memref.view" {
        operands: [source: Single(MEMREF_1D_I8), byte_shift: Single(INDEX), sizes: Variadic(INDEX)],
        results: [result: Single(RANKED_MEMREF)],
        traits: [PURE],
        format: "$source `[` $byte_shift `]` `` `[` $sizes `]` attr-dict `:` type($source) `to` type($result)",
        extra: {
            verify: Some(verify_view),
            name_results: Some(|_, _| vec![Some("view".to_string())]),
        },
    }
}

define_op! {
    /// The same buffer with its dimensions (sizes and strides) permuted.
    pub struct TransposeOp = "memref.transpose" {
        operands: [r#in: Single(STRIDED_MEMREF)],
        results: [result: Single(STRIDED_MEMREF)],
        attributes: [permutation: Required(AFFINE_MAP_ATTR)],
        traits: [PURE],
        extra: {
            parse: Some(parse_transpose),
            print: Some(print_transpose),
            verify: Some(verify_transpose),
            name_results: Some(|_, _| vec![Some("transpose".to_string())]),
        },
    }
}

const LISTS: [&str; 3] = ["static_offsets", "static_sizes", "static_strides"];

/// Reads the three lists, each after its keyword (`offset: [..], sizes: ...`)
/// when `keywords` are given, and records their static parts.
fn parse_lists<'s>(p: &mut OpParser<'_, 's>, keywords: Option<[&str; 3]>) -> ParseResult<Vec<Vec<UnresolvedOperand<'s>>>> {
    let ctx = p.context();
    let mut groups = Vec::new();
    for (i, name) in LISTS.iter().enumerate() {
        if let Some(keywords) = keywords {
            if i > 0 {
                p.expect_punct(",")?;
            }
            p.expect_keyword(keywords[i])?;
            p.expect_punct(":")?;
        }
        let (values, statics) = mixed_list::parse(p)?;
        p.add_attribute(name, mixed_list::attribute(&ctx, &statics));
        groups.push(values);
    }
    Ok(groups)
}

/// `[attr-dict] : source-type to result-type`, then the operands in order.
fn finish_view_like<'s>(
    p: &mut OpParser<'_, 's>,
    source: UnresolvedOperand<'s>,
    groups: &[Vec<UnresolvedOperand<'s>>],
) -> ParseResult<()> {
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let source_type = p.parse_type()?;
    p.expect_keyword("to")?;
    let result_type = p.parse_type()?;
    let index = Type::index(p.ctx());
    let source = p.resolve_operand(&source, source_type)?;
    p.state.operands.push(source);
    let mut sizes = vec![1];
    for group in groups {
        let location = group.first().map_or(p.op_location(), |o| o.location);
        let values = p.resolve_operands(group, &vec![index; group.len()], location)?;
        sizes.push(values.len() as i32);
        p.state.operands.extend(values);
    }
    let segments = Attribute::dense_i32_array(p.ctx(), &sizes);
    p.add_attribute("operandSegmentSizes", segments);
    p.state.result_types.push(result_type);
    Ok(())
}

/// `%src[offsets] [sizes] [strides] attr-dict : type to type`.
fn parse_subview(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let source = p.parse_operand()?;
    let groups = parse_lists(p, None)?;
    finish_view_like(p, source, &groups)
}

/// `%src to offset: [o], sizes: [..], strides: [..] attr-dict : type to type`.
fn parse_reinterpret_cast(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let source = p.parse_operand()?;
    p.expect_keyword("to")?;
    let groups = parse_lists(p, Some(["offset", "sizes", "strides"]))?;
    finish_view_like(p, source, &groups)
}

/// Prints the source, the lists (each after its prefix), the attributes and the types.
fn print_view_like(p: &mut OpPrinter<'_>, op: OpId, prefixes: [&str; 3]) {
    let ir = p.ir;
    let operands = ir.operands(op).to_vec();
    let Some((&source, mut rest)) = operands.split_first() else { return };
    p.write(" ");
    p.print_operand(source);
    for (name, prefix) in LISTS.iter().zip(prefixes) {
        let statics = mixed_list::statics(ir, op, name);
        let dynamic = shape::dynamic_count(&statics).min(rest.len());
        p.write(prefix);
        mixed_list::print(p, &statics, &rest[..dynamic]);
        rest = &rest[dynamic..];
    }
    p.print_optional_attr_dict(op, &["static_offsets", "static_sizes", "static_strides", "operandSegmentSizes"]);
    print_source_to_result(p, op);
}

/// ` : source-type to result-type`.
fn print_source_to_result(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let types = |values: &[ir::Value]| values.first().map(|&v| ir.value_type(v));
    if let (Some(source), Some(result)) = (types(ir.operands(op)), types(ir.results(op))) {
        p.write(" : ");
        p.print_type(source);
        p.write(" to ");
        p.print_type(result);
    }
}

/// The static offsets, sizes and strides of `op`.
fn lists(ir: &Ir, op: OpId) -> [Vec<i64>; 3] {
    LISTS.map(|name| mixed_list::statics(ir, op, name))
}

/// What every op with offsets, sizes and strides checks: list lengths
/// (`ranks` each, a single offset allowed where `ranks[0]` is 1), one value
/// per dynamic entry, and no negative static offset or size.
fn verify_lists(ir: &Ir, op: OpId, ranks: [usize; 3]) -> Result<(), Diagnostic> {
    let [offsets, sizes, strides] = lists(ir, op);
    if !(offsets.len() == 1 && ranks[0] == 1) && offsets.len() != sizes.len() {
        return Err(bare_error(
            ir,
            op,
            format!(
                "expected mixed offsets rank to match mixed sizes rank ({} vs {}) so the rank of the result type is well-formed.",
                offsets.len(),
                sizes.len()
            ),
        ));
    }
    if sizes.len() != strides.len() {
        return Err(bare_error(
            ir,
            op,
            format!(
                "expected mixed sizes rank to match mixed strides rank ({} vs {}) so the rank of the result type is well-formed.",
                sizes.len(),
                strides.len()
            ),
        ));
    }
    let def = ir.ctx().op_definition(ir.op(op).name);
    let groups = def.map(|d| d.operands).unwrap_or(&[]);
    for (i, (list, name)) in [&offsets, &sizes, &strides].into_iter().zip(["offset", "size", "stride"]).enumerate() {
        if list.len() != ranks[i] {
            return Err(bare_error(ir, op, format!("expected {} {name} values, got {}", ranks[i], list.len())));
        }
        let values = ir::op::segment(ir, op, ir::op::SegmentKind::Operands, groups, i + 1).len();
        let dynamic = shape::dynamic_count(list);
        if values != dynamic {
            return Err(bare_error(ir, op, format!("expected {dynamic} dynamic {name} values")));
        }
    }
    for (list, name) in [(&offsets, "offsets"), (&sizes, "sizes")] {
        if let Some(&v) = list.iter().find(|&&v| v < 0 && v != DYNAMIC) {
            return Err(bare_error(ir, op, format!("expected {name} to be non-negative, but got {v}")));
        }
    }
    Ok(())
}

fn rank(ctx: &Context, ty: Type) -> usize {
    ty.shape(ctx).map_or(0, |s| s.len())
}

/// The type a subview has before dropping dimensions: the static sizes,
/// offset `source offset + sum(offset[i] * source stride[i])` and strides
/// `source stride[i] * stride[i]`, dynamic wherever a part is.
pub fn subview_type(ctx: &Context, source: Type, offsets: &[i64], sizes: &[i64], strides: &[i64]) -> Option<Type> {
    let (source_strides, source_offset) = layout::strides_and_offset(ctx, source)?;
    let offset = offsets.iter().zip(&source_strides).fold(source_offset, |acc, (&o, &s)| layout::add(acc, layout::mul(o, s)));
    let strides: Vec<i64> = source_strides.iter().zip(strides).map(|(&s, &t)| layout::mul(s, t)).collect();
    let strided = layout::strided_layout(ctx, &strides, offset);
    Some(layout::with_shape_and_layout(ctx, source, sizes.to_vec(), Some(strided)))
}

/// The type of a subview that keeps only the dimensions of `result_shape`:
/// [`subview_type`] without the unit dimensions that `result_shape` drops
/// (matched from the left) and their strides, as upstream infers the
/// rank-reduced type.
pub fn rank_reduced_subview_type(
    ctx: &Context,
    source: Type,
    offsets: &[i64],
    sizes: &[i64],
    strides: &[i64],
    result_shape: &[i64],
) -> Option<Type> {
    let full = subview_type(ctx, source, offsets, sizes, strides)?;
    if result_shape.len() == sizes.len() {
        return Some(full);
    }
    let dropped = ir::shape::rank_reduction_mask(sizes, result_shape)?;
    let (full_strides, offset) = layout::strides_and_offset(ctx, full)?;
    let kept: Vec<i64> = full_strides.iter().enumerate().filter(|(d, _)| !dropped.contains(d)).map(|(_, &s)| s).collect();
    let strided = layout::strided_layout(ctx, &kept, offset);
    Some(layout::with_shape_and_layout(ctx, source, result_shape.to_vec(), Some(strided)))
}

/// Which dimensions of `expected` (all of static size 1) a rank-reduced
/// `result` drops. Where several unit dimensions could go, the strides
/// decide: a dimension is dropped when its stride occurs fewer times in the
/// result than in `expected`.
fn dropped_dimensions(ctx: &Context, expected: Type, result: Type, sizes: &[i64]) -> Option<Vec<bool>> {
    let (expected_rank, result_rank) = (rank(ctx, expected), rank(ctx, result));
    let mut dropped: Vec<bool> = sizes.iter().map(|&s| s == 1).collect();
    if expected_rank == result_rank {
        return Some(vec![false; expected_rank]);
    }
    let count = |d: &[bool]| d.iter().filter(|&&x| x).count();
    if count(&dropped) + result_rank == expected_rank {
        return Some(dropped);
    }
    let (expected_strides, _) = layout::strides_and_offset(ctx, expected)?;
    let (result_strides, _) = layout::strides_and_offset(ctx, result)?;
    let occurrences = |strides: &[i64]| {
        let mut map = BTreeMap::new();
        for &s in strides {
            *map.entry(s).or_insert(0usize) += 1;
        }
        map
    };
    let mut unaccounted = occurrences(&expected_strides);
    let kept = occurrences(&result_strides);
    for (d, is_dropped) in dropped.iter_mut().enumerate() {
        if !*is_dropped {
            continue;
        }
        let stride = expected_strides[d];
        let (left, wanted) = (unaccounted.get(&stride).copied().unwrap_or(0), kept.get(&stride).copied().unwrap_or(0));
        match left.cmp(&wanted) {
            std::cmp::Ordering::Greater => *unaccounted.entry(stride).or_insert(0) -= 1,
            std::cmp::Ordering::Equal => *is_dropped = false,
            std::cmp::Ordering::Less => return None,
        }
    }
    (count(&dropped) + result_rank == expected_rank).then_some(dropped)
}

/// The slice stays inside every static dimension of the source.
fn verify_in_bounds(
    ir: &Ir,
    op: OpId,
    source_shape: &[i64],
    [offsets, sizes, strides]: &[Vec<i64>; 3],
) -> Result<(), Diagnostic> {
    for (d, &dim) in source_shape.iter().enumerate() {
        let (offset, size, stride) = (offsets[d], sizes[d], strides[d]);
        if dim == DYNAMIC || offset == DYNAMIC {
            continue;
        }
        if offset >= dim {
            return Err(bare_error(ir, op, format!("offset {d} is out-of-bounds: {offset} >= {dim}")));
        }
        if size == DYNAMIC || stride == DYNAMIC {
            continue;
        }
        let last = offset as i128 + (size as i128 - 1) * stride as i128;
        if last >= dim as i128 {
            return Err(bare_error(ir, op, format!("slice along dimension {d} runs out-of-bounds: {last} >= {dim}")));
        }
    }
    Ok(())
}

/// The result is the inferred strided type of the slice, or a version of it
/// without some unit dimensions (and their strides); the slice is in bounds.
fn verify_subview(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let subview = SubViewOp(op);
    let (source, result) = (ir.value_type(subview.source(ir)), ir.value_type(subview.result(ir)));
    let source_rank = rank(ctx, source);
    verify_lists(ir, op, [source_rank; 3])?;
    if layout::memory_space(ctx, source) != layout::memory_space(ctx, result) {
        return Err(bare_error(
            ir,
            op,
            format!(
                "different memory spaces specified for base memref type {} and subview memref type {}",
                quoted(ctx, source),
                quoted(ctx, result)
            ),
        ));
    }
    let lists = lists(ir, op);
    let Some(expected) = subview_type(ctx, source, &lists[0], &lists[1], &lists[2]) else {
        return Err(bare_error(ir, op, format!("base type {} is not strided", quoted(ctx, source))));
    };
    let result_shape = result.shape(ctx).unwrap_or(&[]);
    let mismatch = |what: &str| {
        bare_error(
            ir,
            op,
            format!(
                "expected result type to be {} or a rank-reduced version. (mismatch of result {what}), but got {}",
                quoted(ctx, expected),
                quoted(ctx, result)
            ),
        )
    };
    if expected != result {
        if result_shape.len() > source_rank {
            return Err(bare_error(
                ir,
                op,
                format!("expected result rank to be smaller or equal to the source rank, but got {}", quoted(ctx, result)),
            ));
        }
        if shape::rank_reduction_mask(&lists[1], result_shape).is_none() {
            return Err(mismatch("sizes"));
        }
        if source.shaped_element(ctx) != result.shaped_element(ctx) {
            let element = source.element_type_or_self(ctx);
            return Err(bare_error(
                ir,
                op,
                format!("expected result element type to be {}, but got {}", quoted(ctx, element), quoted(ctx, result)),
            ));
        }
    }
    let (expected_strides, expected_offset) = layout::strides_and_offset(ctx, expected).unwrap_or_default();
    let Some((result_strides, result_offset)) = layout::strides_and_offset(ctx, result) else {
        return Err(mismatch("layout"));
    };
    if expected_offset != result_offset {
        return Err(mismatch("layout"));
    }
    let Some(dropped) = dropped_dimensions(ctx, expected, result, &lists[1]) else {
        return Err(mismatch("layout"));
    };
    let kept: Vec<i64> = expected_strides.iter().zip(&dropped).filter(|(_, &d)| !d).map(|(&s, _)| s).collect();
    if kept != result_strides {
        return Err(mismatch("layout"));
    }
    verify_in_bounds(ir, op, source.shape(ctx).unwrap_or(&[]), &lists)
}

/// The result keeps the source's element type and memory space, and its
/// sizes, offset and strides are the given ones wherever it states them.
fn verify_reinterpret_cast(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let cast = ReinterpretCastOp(op);
    let (source, result) = (ir.value_type(cast.source(ir)), ir.value_type(cast.result(ir)));
    let result_rank = rank(ctx, result);
    verify_lists(ir, op, [1, result_rank, result_rank])?;
    let pair = format!("{} and result memref type {}", quoted(ctx, source), quoted(ctx, result));
    if layout::memory_space(ctx, source) != layout::memory_space(ctx, result) {
        return Err(bare_error(ir, op, format!("different memory spaces specified for source type {pair}")));
    }
    if source.shaped_element(ctx) != result.shaped_element(ctx) {
        return Err(bare_error(ir, op, format!("different element types specified for source type {pair}")));
    }
    let [offsets, sizes, strides] = lists(ir, op);
    let expected = |v: i64| if v == DYNAMIC { "dynamic".to_string() } else { v.to_string() };
    for (d, (&actual, &given)) in result.shape(ctx).unwrap_or(&[]).iter().zip(&sizes).enumerate() {
        if actual != DYNAMIC && actual != given {
            return Err(bare_error(
                ir,
                op,
                format!("expected result type with size = {} instead of {actual} in dim = {d}", expected(given)),
            ));
        }
    }
    let Some((result_strides, result_offset)) = layout::strides_and_offset(ctx, result) else {
        return Err(bare_error(ir, op, format!("expected result type to have strided layout but found {}", quoted(ctx, result))));
    };
    if result_offset != DYNAMIC && result_offset != offsets[0] {
        return Err(bare_error(
            ir,
            op,
            format!("expected result type with offset = {} instead of {result_offset}", expected(offsets[0])),
        ));
    }
    for (d, (&actual, &given)) in result_strides.iter().zip(&strides).enumerate() {
        if actual != DYNAMIC && actual != given {
            return Err(bare_error(
                ir,
                op,
                format!("expected result type with stride = {} instead of {actual} in dim = {d}", expected(given)),
            ));
        }
    }
    Ok(())
}

/// Identity layouts on both sides, one memory space, a size per dynamic
/// dimension of the result.
fn verify_view(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let view = ViewOp(op);
    let (source, result) = (ir.value_type(view.source(ir)), ir.value_type(view.result(ir)));
    if !layout::has_identity_layout(ctx, source) {
        return Err(bare_error(ir, op, format!("unsupported map for base memref type {}", quoted(ctx, source))));
    }
    if !layout::has_identity_layout(ctx, result) {
        return Err(bare_error(ir, op, format!("unsupported map for result memref type {}", quoted(ctx, result))));
    }
    if layout::memory_space(ctx, source) != layout::memory_space(ctx, result) {
        return Err(bare_error(
            ir,
            op,
            format!(
                "different memory spaces specified for base memref type {} and view memref type {}",
                quoted(ctx, source),
                quoted(ctx, result)
            ),
        ));
    }
    let dynamic = shape::dynamic_count(result.shape(ctx).unwrap_or(&[]));
    let given = view.sizes(ir).len();
    if given != dynamic {
        return Err(op_error(ir, op, format!("incorrect number of dynamic sizes, has {given}, expected {dynamic}")));
    }
    Ok(())
}

/// `%in (d0, d1) -> (d1, d0) attr-dict : type to type`.
fn parse_transpose(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let source = p.parse_operand()?;
    let map = p.parse_affine_map()?;
    let permutation = p.ctx().intern_attr(AttrData::AffineMap(map));
    p.add_attribute("permutation", permutation);
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let source_type = p.parse_type()?;
    p.expect_keyword("to")?;
    let result_type = p.parse_type()?;
    let source = p.resolve_operand(&source, source_type)?;
    p.state.operands.push(source);
    p.state.result_types.push(result_type);
    Ok(())
}

/// The permutation is written as a bare map, not through an alias.
fn print_transpose(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    if let Some(&source) = ir.operands(op).first() {
        p.write(" ");
        p.print_operand(source);
    }
    if let Some(AttrData::AffineMap(map)) = ir.attr(op, "permutation").map(|a| a.data(ir.ctx())) {
        p.write(&format!(" {map}"));
    }
    p.print_optional_attr_dict(op, &["permutation"]);
    print_source_to_result(p, op);
}

/// The dimension each result of a permutation map takes, if it is one.
fn permutation_of(map: &AffineMap) -> Option<Vec<usize>> {
    let dims: Vec<usize> = map.result_dims()?.into_iter().map(|d| d as usize).collect();
    let mut seen = vec![false; map.num_dims as usize];
    for &d in &dims {
        if std::mem::replace(seen.get_mut(d)?, true) {
            return None;
        }
    }
    (map.num_symbols == 0 && dims.len() == map.num_dims as usize).then_some(dims)
}

/// A permutation of the input's dimensions, and a result type equivalent
/// to the input with its sizes and strides permuted.
fn verify_transpose(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let transpose = TransposeOp(op);
    let (source, result) = (ir.value_type(transpose.r#in(ir)), ir.value_type(transpose.result(ir)));
    let Some(AttrData::AffineMap(map)) = transpose.permutation(ir).map(|a| a.data(ctx)) else { return Ok(()) };
    let Some(permutation) = permutation_of(map) else { return Err(op_error(ir, op, "expected a permutation map")) };
    let source_shape = source.shape(ctx).unwrap_or(&[]);
    if permutation.len() != source_shape.len() {
        return Err(op_error(ir, op, "expected a permutation map of same rank as the input"));
    }
    let Some((strides, offset)) = layout::strides_and_offset(ctx, source) else { return Ok(()) };
    let sizes = permutation.iter().map(|&d| source_shape[d]).collect();
    let strides: Vec<i64> = permutation.iter().map(|&d| strides[d]).collect();
    let strided = layout::strided_layout(ctx, &strides, offset);
    let expected = layout::canonicalize_strided_layout(ctx, layout::with_shape_and_layout(ctx, source, sizes, Some(strided)));
    if layout::canonicalize_strided_layout(ctx, result) != expected {
        return Err(op_error(
            ir,
            op,
            format!(
                "result type {} is not equivalent to the canonical transposed input type {}",
                quoted(ctx, result),
                quoted(ctx, expected)
            ),
        ));
    }
    Ok(())
}
