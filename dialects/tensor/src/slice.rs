//! Slices: `tensor.extract_slice` takes a rectangular part of a tensor,
//! `tensor.insert_slice` puts one back, and `tensor.parallel_insert_slice`
//! does the same from the threads of an `scf.forall`. Offsets, sizes and
//! strides are each a constant or a value. A slice may drop unit dimensions
//! (rank-reducing).
//!
//! ```mlir
//! %s = tensor.extract_slice %t[0, %i] [4, %n] [1, 1] : tensor<8x?xf32> to tensor<4x?xf32>
//! %u = tensor.insert_slice %s into %t[0, %i] [4, %n] [1, 1] : tensor<4x?xf32> into tensor<8x?xf32>
//! ```

use ir::constraints::{ANY_ATTR, INDEX};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::types::DYNAMIC;
use ir::verifier::op_error;
use ir::{define_op, mixed_list, shape, Diagnostic, Ir, OpId, Traits, Type};

use crate::RANKED_TENSOR;

define_op! {
    /// A rectangular part of a tensor.
    pub struct ExtractSliceOp = "tensor.extract_slice" {
        operands: [source: Single(RANKED_TENSOR), offsets: Variadic(INDEX), sizes: Variadic(INDEX), strides: Variadic(INDEX)],
        results: [result: Single(RANKED_TENSOR)],
        attributes: [static_offsets: Required(ANY_ATTR), static_sizes: Required(ANY_ATTR), static_strides: Required(ANY_ATTR)],
        traits: [PURE],
        extra: {
            parse: Some(parse_slice),
            print: Some(print_slice),
            verify: Some(verify_slice),
            name_results: Some(|_, _| vec![Some("extracted_slice".to_string())]),
        },
    }
}

define_op! {
    /// A copy of a tensor with a rectangular part replaced by another tensor.
    pub struct InsertSliceOp = "tensor.insert_slice" {
        operands: [source: Single(RANKED_TENSOR), dest: Single(RANKED_TENSOR), offsets: Variadic(INDEX), sizes: Variadic(INDEX), strides: Variadic(INDEX)],
        results: [result: Single(RANKED_TENSOR)],
        attributes: [static_offsets: Required(ANY_ATTR), static_sizes: Required(ANY_ATTR), static_strides: Required(ANY_ATTR)],
        traits: [PURE],
        extra: {
            parse: Some(parse_slice),
            print: Some(print_slice),
            verify: Some(verify_slice),
            name_results: Some(|_, _| vec![Some("inserted_slice".to_string())]),
        },
    }
}

define_op! {
    /// Inserts one thread's slice into a shared output of the enclosing `scf.forall`.
    pub struct ParallelInsertSliceOp = "tensor.parallel_insert_slice" {
        operands: [source: Single(RANKED_TENSOR), dest: Single(RANKED_TENSOR), offsets: Variadic(INDEX), sizes: Variadic(INDEX), strides: Variadic(INDEX)],
        attributes: [static_offsets: Required(ANY_ATTR), static_sizes: Required(ANY_ATTR), static_strides: Required(ANY_ATTR)],
        extra: {
            parse: Some(parse_slice),
            print: Some(print_slice),
            verify: Some(verify_slice),
        },
    }
}

/// Which of the three slice ops, from its name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SliceKind {
    Extract,
    Insert,
    ParallelInsert,
}

impl SliceKind {
    fn of_spelling(name: &str) -> SliceKind {
        if name.ends_with("parallel_insert_slice") {
            SliceKind::ParallelInsert
        } else if name.ends_with("insert_slice") {
            SliceKind::Insert
        } else {
            SliceKind::Extract
        }
    }

    fn of(ir: &Ir, op: OpId) -> SliceKind {
        SliceKind::of_spelling(ir.op_name_str(op))
    }

    /// Whether it writes into a destination operand.
    fn inserts(self) -> bool {
        self != SliceKind::Extract
    }
}

const LISTS: [&str; 3] = ["static_offsets", "static_sizes", "static_strides"];

/// `%src [into %dest] [o] [s] [t] attr-dict : type (to|into) type`.
fn parse_slice(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    let kind = SliceKind::of_spelling(p.spelling());
    let source = p.parse_operand()?;
    let dest = if kind.inserts() {
        p.expect_keyword("into")?;
        Some(p.parse_operand()?)
    } else {
        None
    };
    let location = p.current_location();
    let mut groups = Vec::new();
    for name in LISTS {
        let (operands, statics) = mixed_list::parse(p)?;
        p.add_attribute(name, mixed_list::attribute(&ctx, &statics));
        groups.push(operands);
    }
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let source_type = p.parse_type()?;
    p.expect_keyword(if kind.inserts() { "into" } else { "to" })?;
    let other_type = p.parse_type()?;
    let index = Type::index(&ctx);
    let mut sizes = vec![1];
    let source = p.resolve_operand(&source, source_type)?;
    p.state.operands.push(source);
    if let Some(dest) = dest {
        let dest = p.resolve_operand(&dest, other_type)?;
        p.state.operands.push(dest);
        sizes.push(1);
    }
    for group in &groups {
        let values = p.resolve_operands(group, &vec![index; group.len()], location)?;
        sizes.push(values.len() as i32);
        p.state.operands.extend(values);
    }
    p.add_attribute("operandSegmentSizes", ir::Attribute::dense_i32_array(&ctx, &sizes));
    if kind != SliceKind::ParallelInsert {
        p.state.result_types.push(other_type);
    }
    Ok(())
}

fn print_slice(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let kind = SliceKind::of(ir, op);
    let operands = ir.operands(op).to_vec();
    p.write(" ");
    p.print_operand(operands[0]);
    let mut rest = &operands[1..];
    if kind.inserts() {
        p.write(" into ");
        p.print_operand(rest[0]);
        rest = &rest[1..];
    }
    for (i, name) in LISTS.iter().enumerate() {
        let statics = mixed_list::statics(ir, op, name);
        let dynamic = shape::dynamic_count(&statics).min(rest.len());
        p.write(if i == 0 { "" } else { " " });
        mixed_list::print(p, &statics, &rest[..dynamic]);
        rest = &rest[dynamic..];
    }
    p.print_optional_attr_dict(op, &["static_offsets", "static_sizes", "static_strides", "operandSegmentSizes"]);
    p.write(" : ");
    p.print_type(ir.value_type(operands[0]));
    if kind.inserts() {
        p.write(" into ");
        p.print_type(ir.value_type(operands[1]));
    } else {
        p.write(" to ");
        p.print_type(ir.value_type(ir.result(op, 0)));
    }
}

/// One entry per dimension of the sliced tensor, a value per dynamic entry,
/// static parts inside static bounds, and a slice type of the static sizes
/// (with unit dimensions possibly dropped).
fn verify_slice(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let kind = SliceKind::of(ir, op);
    let operands = ir.operands(op);
    // The tensor sliced: the source of an extract, the destination of an insert.
    let (whole, part) = if kind.inserts() {
        (ir.value_type(operands[1]), ir.value_type(operands[0]))
    } else {
        (ir.value_type(operands[0]), ir.value_type(ir.result(op, 0)))
    };
    let whole_shape = whole.shape(ctx).unwrap_or(&[]);
    let lists: Vec<Vec<i64>> = LISTS.iter().map(|n| mixed_list::statics(ir, op, n)).collect();
    for (name, list) in ["offsets", "sizes", "strides"].iter().zip(&lists) {
        if list.len() != whole_shape.len() {
            return Err(op_error(
                ir,
                op,
                format!("expected {} {name} values, one per dimension of the sliced tensor", whole_shape.len()),
            ));
        }
    }
    let dynamic: usize = lists.iter().map(|l| shape::dynamic_count(l)).sum();
    let fixed = if kind.inserts() { 2 } else { 1 };
    if operands.len() != fixed + dynamic {
        return Err(op_error(ir, op, "expected one index operand per dynamic offset, size and stride"));
    }
    let (offsets, sizes, strides) = (&lists[0], &lists[1], &lists[2]);
    for (d, &dim) in whole_shape.iter().enumerate() {
        let (offset, size, stride) = (offsets[d], sizes[d], strides[d]);
        if [offset, size, stride, dim].contains(&DYNAMIC) {
            continue;
        }
        // The last index the slice touches, as upstream computes it.
        let last = if size == 0 { offset } else { offset.saturating_add((size - 1).saturating_mul(stride)) };
        if offset < 0 || last >= dim && size > 0 || last > dim {
            return Err(op_error(ir, op, format!("slice along dimension {d} runs out-of-bounds: {last} >= {dim}")));
        }
    }
    let part_shape = part.shape(ctx).unwrap_or(&[]);
    if shape::rank_reduction_mask(sizes, part_shape).is_none() || part.shaped_element(ctx) != whole.shaped_element(ctx) {
        let expected = Type::ranked_tensor(ctx, sizes.clone(), whole.element_type_or_self(ctx));
        let why = if part.shaped_element(ctx) != whole.shaped_element(ctx) { "element type mismatch" } else { "size mismatch" };
        return Err(op_error(
            ir,
            op,
            format!("expected type to be '{}' or a rank-reduced version. ({why})", ctx.print_type(expected)),
        ));
    }
    if kind == SliceKind::ParallelInsert && !ir.parent_op(op).is_some_and(|p| ir.has_trait(p, Traits::PARALLEL_COMBINING)) {
        return Err(op_error(
            ir,
            op,
            "expected to be inside an op that combines parallel results, such as `scf.forall.in_parallel`",
        ));
    }
    if kind == SliceKind::Insert && ir.value_type(ir.result(op, 0)) != whole {
        return Err(op_error(ir, op, "result type must match the destination type"));
    }
    Ok(())
}
