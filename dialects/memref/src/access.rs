//! Reading and writing buffers (`memref.load`, `memref.store`, atomic
//! read-modify-write), copying them, asking their dimensions, and casting
//! between compatible types (more or less static sizes, strides, offsets).
//!
//! ```mlir
//! %x = memref.load %m[%i, %j] : memref<?x4xf32>
//! memref.store %x, %m[%i, %j] : memref<?x4xf32>
//! %old = memref.atomic_rmw addf %x, %m[%i, %j] : (f32, memref<?x4xf32>) -> f32
//! %d = memref.dim %m, %c0 : memref<?x4xf32>
//! ```

use ir::constraints::{ANY_ATTR, ANY_TYPE, INDEX};
use ir::dialect::{AttrConstraint, TypeConstraint};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::types::{TypeData, DYNAMIC};
use ir::verifier::op_error;
use ir::{define_op, AttrData, Attribute, Context, Diagnostic, Ir, NamedAttribute, OpId, Type};

use crate::{is_integer_or_float, layout, ANY_MEMREF, RANKED_MEMREF};

define_op! {
    /// Reads one element of a buffer.
    pub struct LoadOp = "memref.load" {
        operands: [memref: Single(RANKED_MEMREF), indices: Variadic(INDEX)],
        results: [result: Single(ANY_TYPE)],
        attributes: [nontemporal: Optional(ANY_ATTR)],
        effects: [Read(memref)],
        format: "$memref `[` $indices `]` attr-dict `:` type($memref)",
        extra: {
            infer_result_types: Some(element_of_first),
            verify: Some(verify_access),
        },
    }
}

define_op! {
    /// Writes one element of a buffer.
    pub struct StoreOp = "memref.store" {
        operands: [value: Single(ANY_TYPE), memref: Single(RANKED_MEMREF), indices: Variadic(INDEX)],
        attributes: [nontemporal: Optional(ANY_ATTR)],
        effects: [Write(memref)],
        format: "$value `,` $memref `[` $indices `]` attr-dict `:` type($memref)",
        extra: {
            parse: Some(parse_store),
            verify: Some(verify_access),
        },
    }
}

/// The update kinds of `memref.atomic_rmw`, in the order of their stored values.
pub const ATOMIC_RMW_KINDS: [&str; 16] = [
    "addf", "addi", "andi", "assign", "maximumf", "maxnumf", "maxs", "maxu", "minimumf", "minnumf", "mins", "minu", "mulf",
    "muli", "ori", "xori",
];

/// A signless integer or float value.
const INTEGER_OR_FLOAT: TypeConstraint =
    TypeConstraint { description: "signless integer or floating-point", check: is_integer_or_float, buildable: None };

/// A ranked memref of signless integers or floats.
const INTEGER_OR_FLOAT_MEMREF: TypeConstraint = TypeConstraint {
    description: "memref of signless integer or floating-point values",
    check: |ctx, t| matches!(t.data(ctx), TypeData::MemRef { element, .. } if is_integer_or_float(ctx, *element)),
    buildable: None,
};

/// The update kind, an `i64` enum written as its keyword (`addf`).
const ATOMIC_RMW_KIND: AttrConstraint = AttrConstraint {
    description: "allowed 64-bit signless integer cases: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15",
    check: |ctx, a| matches!(a.data(ctx), AttrData::Integer { value, ty } if ty.is_signless_int_of_width(ctx, 64) && (0..16).contains(value)),
    parse: Some(parse_kind),
    print: Some(print_kind),
    default: None,
};

define_op! {
    /// Atomically updates one element of a buffer and yields its previous value.
    pub struct AtomicRmwOp = "memref.atomic_rmw" {
        operands: [value: Single(INTEGER_OR_FLOAT), memref: Single(INTEGER_OR_FLOAT_MEMREF), indices: Variadic(INDEX)],
        results: [result: Single(INTEGER_OR_FLOAT)],
        attributes: [kind: Required(ATOMIC_RMW_KIND)],
        effects: [Read(memref), Write(memref)],
        format: "$kind $value `,` $memref `[` $indices `]` attr-dict `:` `(` type($value) `,` type($memref) `)` `->` type($result)",
        extra: {
            verify: Some(verify_atomic_rmw),
        },
    }
}

define_op! {
    /// The size of one dimension of a buffer.
    pub struct DimOp = "memref.dim" {
        operands: [source: Single(ANY_MEMREF), index: Single(INDEX)],
        results: [result: Single(INDEX)],
        traits: [PURE],
        format: "attr-dict $source `,` $index `:` type($source)",
        extra: {
            infer_result_types: Some(|ctx, _, _| Some(vec![Type::index(ctx)])),
            name_results: Some(|_, _| vec![Some("dim".to_string())]),
        },
    }
}

define_op! {
    /// Copies every element of one buffer into another of the same shape.
    pub struct CopyOp = "memref.copy" {
        operands: [source: Single(ANY_MEMREF), target: Single(ANY_MEMREF)],
        effects: [Read(source), Write(target)],
        format: "$source `,` $target attr-dict `:` type($source) `to` type($target)",
        extra: {
            verify: Some(verify_copy),
        },
    }
}

define_op! {
    /// Views a buffer with a compatible type (more or less static shape or layout).
    pub struct CastOp = "memref.cast" {
        operands: [source: Single(ANY_MEMREF)],
        results: [dest: Single(ANY_MEMREF)],
        traits: [PURE],
        format: "$source attr-dict `:` type($source) `to` type($dest)",
        extra: {
            verify: Some(verify_cast),
            name_results: Some(|_, _| vec![Some("cast".to_string())]),
        },
    }
}

fn element_of_first(ctx: &Context, operands: &[Type], _: &[NamedAttribute]) -> Option<Vec<Type>> {
    Some(vec![operands.first()?.shaped_element(ctx)?])
}

/// `%value, %memref[%i] : type`: the value has the memref's element type.
fn parse_store(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let value = p.parse_operand()?;
    p.expect_punct(",")?;
    let memref = p.parse_operand()?;
    p.expect_punct("[")?;
    let location = p.current_location();
    let indices = p.parse_operand_list()?;
    p.expect_punct("]")?;
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let type_location = p.current_location();
    let memref_type = p.parse_type()?;
    let Some(element) = memref_type.shaped_element(p.ctx()) else {
        return Err(Diagnostic::error(type_location, "expected a memref type"));
    };
    let index = Type::index(p.ctx());
    let operands = [p.resolve_operand(&value, element)?, p.resolve_operand(&memref, memref_type)?];
    let indices = p.resolve_operands(&indices, &vec![index; indices.len()], location)?;
    p.state.operands.extend(operands);
    p.state.operands.extend(indices);
    Ok(())
}

/// As many indices as the rank; the value has the element type.
fn verify_access(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let is_store = ir.results(op).is_empty();
    let operands = ir.operands(op);
    let (memref, indices, value) =
        if is_store { (operands[1], &operands[2..], operands[0]) } else { (operands[0], &operands[1..], ir.result(op, 0)) };
    let ty = ir.value_type(memref);
    let rank = ty.shape(ctx).map_or(0, |s| s.len());
    if indices.len() != rank {
        return Err(op_error(
            ir,
            op,
            format!(
                "incorrect number of indices for {}, expected {rank} but got {}",
                if is_store { "store" } else { "load" },
                indices.len()
            ),
        ));
    }
    if ty.shaped_element(ctx) != Some(ir.value_type(value)) {
        return Err(op_error(ir, op, "value type must match the memref element type"));
    }
    Ok(())
}

fn verify_copy(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let (source, target) = (ir.value_type(ir.operands(op)[0]), ir.value_type(ir.operands(op)[1]));
    if source.shaped_element(ctx) != target.shaped_element(ctx) {
        return Err(op_error(ir, op, "failed to verify that source and target have the same element type"));
    }
    if let (Some(a), Some(b)) = (source.shape(ctx), target.shape(ctx)) {
        let compatible =
            a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| x == y || x == ir::types::DYNAMIC || y == ir::types::DYNAMIC);
        if !compatible {
            return Err(op_error(ir, op, "failed to verify that source and target have compatible shapes"));
        }
    }
    Ok(())
}

/// Whether a buffer of type `a` may be viewed as type `b`: same element
/// type and memory space; between ranked types the same rank, static sizes
/// that agree, and layouts that are equal or strided with strides and
/// offsets that agree where both are static; ranked to unranked or back.
pub fn cast_compatible(ctx: &Context, a: Type, b: Type) -> bool {
    if a.shaped_element(ctx) != b.shaped_element(ctx) || layout::memory_space(ctx, a) != layout::memory_space(ctx, b) {
        return false;
    }
    let agree = |x: i64, y: i64| x == y || x == DYNAMIC || y == DYNAMIC;
    match (a.data(ctx), b.data(ctx)) {
        (TypeData::MemRef { shape: sa, layout: la, .. }, TypeData::MemRef { shape: sb, layout: lb, .. }) => {
            if la != lb {
                let (Some((strides_a, offset_a)), Some((strides_b, offset_b))) =
                    (layout::strides_and_offset(ctx, a), layout::strides_and_offset(ctx, b))
                else {
                    return false;
                };
                if strides_a.len() != strides_b.len()
                    || !agree(offset_a, offset_b)
                    || strides_a.iter().zip(&strides_b).any(|(&x, &y)| !agree(x, y))
                {
                    return false;
                }
            }
            sa.len() == sb.len() && sa.iter().zip(sb).all(|(&x, &y)| agree(x, y))
        }
        (TypeData::UnrankedMemRef { .. }, TypeData::UnrankedMemRef { .. }) => false,
        _ => a.is_memref(ctx) && b.is_memref(ctx),
    }
}

fn verify_cast(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let (a, b) = (ir.value_type(ir.operands(op)[0]), ir.value_type(ir.result(op, 0)));
    if !cast_compatible(ctx, a, b) {
        return Err(op_error(
            ir,
            op,
            format!("operand type '{}' and result type '{}' are cast incompatible", ctx.print_type(a), ctx.print_type(b)),
        ));
    }
    Ok(())
}

/// `addf` (or `"addf"`): the index of the keyword, as an `i64`.
fn parse_kind(p: &mut OpParser<'_, '_>) -> ParseResult<Attribute> {
    let location = p.current_location();
    let word = if p.peek("\"") { Some(p.parse_string()?) } else { p.parse_optional_identifier().map(str::to_string) };
    let Some(index) = word.and_then(|w| ATOMIC_RMW_KINDS.iter().position(|k| *k == w)) else {
        return Err(Diagnostic::error(
            location,
            format!(
                "expected string or keyword containing one of the following enum values for attribute 'kind' [{}]",
                ATOMIC_RMW_KINDS.join(", ")
            ),
        ));
    };
    let i64t = Type::integer(p.ctx(), 64);
    Ok(Attribute::integer(p.ctx(), index as i128, i64t))
}

fn print_kind(p: &mut OpPrinter<'_>, attr: Attribute) {
    let kind = attr.as_integer(p.ctx()).and_then(|i| usize::try_from(i).ok()).and_then(|i| ATOMIC_RMW_KINDS.get(i));
    p.write(kind.copied().unwrap_or("<<invalid kind>>"));
}

/// The value, result and element types agree; one index per dimension; the
/// kind suits the element type (float kinds on floats, integer kinds on
/// integers).
fn verify_atomic_rmw(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let rmw = AtomicRmwOp(op);
    let value = ir.value_type(rmw.value(ir));
    let memref = ir.value_type(rmw.memref(ir));
    if value != ir.value_type(rmw.result(ir)) {
        return Err(op_error(ir, op, "failed to verify that all of {value, result} have same type"));
    }
    if memref.shaped_element(ctx) != Some(value) {
        return Err(op_error(ir, op, "failed to verify that value type matches element type of memref"));
    }
    if memref.shape(ctx).map_or(0, |s| s.len()) != rmw.indices(ir).len() {
        return Err(op_error(ir, op, "expects the number of subscripts to be equal to memref rank"));
    }
    let kind = rmw.kind(ir).and_then(|k| k.as_integer(ctx)).and_then(|i| usize::try_from(i).ok());
    let Some(&kind) = kind.and_then(|i| ATOMIC_RMW_KINDS.get(i)) else { return Ok(()) };
    let (wanted, is_float) = match kind {
        "addf" | "maximumf" | "minimumf" | "mulf" => ("a floating-point", true),
        "addi" | "maxs" | "maxu" | "mins" | "minu" | "muli" | "ori" | "xori" | "andi" => ("an integer", false),
        _ => return Ok(()),
    };
    if value.is_float(ctx) != is_float {
        return Err(op_error(ir, op, format!("with kind '{kind}' expects {wanted} type")));
    }
    Ok(())
}
