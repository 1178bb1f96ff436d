//! Plain vector loads and stores on memrefs: `vector.load` and
//! `vector.store` move contiguous elements starting at some indices;
//! `vector.maskedload` and `vector.maskedstore` touch only the lanes a mask
//! sets (a masked load takes the other lanes from its pass-through vector).
//!
//! ```mlir
//! %v = vector.load %m[%i, %j] : memref<?x?xf32>, vector<8xf32>
//! vector.store %v, %m[%i, %j] {nontemporal = true} : memref<?x?xf32>, vector<8xf32>
//! %w = vector.maskedload %m[%i, %j], %mask, %pass : memref<?x?xf32>, vector<8xi1>, vector<8xf32> into vector<8xf32>
//! ```

use ir::affine::{AffineBinaryKind, AffineExpr};
use ir::attributes::AttrData;
use ir::constraints::INDEX;
use ir::dialect::AttrConstraint;
use ir::syntax::OpPrinter;
use ir::types::TypeData;
use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Ir, OpId, Type, Value};

use crate::{vector_of, ANY_MEMREF, ANY_VECTOR, BOOL_ATTR, MASK_VECTOR, NON_ZERO_RANK_VECTOR};

/// A positive power of two, as upstream constrains alignments.
const ALIGNMENT: AttrConstraint = AttrConstraint {
    description: "64-bit signless integer attribute whose value is positive and whose value is a power of two > 0",
    check: |ctx, a| matches!(a.data(ctx), AttrData::Integer { ty, value } if ty.is_signless_int_of_width(ctx, 64) && *value > 0 && (*value & (*value - 1)) == 0),
    parse: None,
    print: None,
    default: None,
};

define_op! {
    /// Reads contiguous elements of a memref into a vector.
    pub struct LoadOp = "vector.load" {
        operands: [base: Single(ANY_MEMREF), indices: Variadic(INDEX)],
        results: [result: Single(ANY_VECTOR)],
        attributes: [nontemporal: Optional(BOOL_ATTR), alignment: Optional(ALIGNMENT)],
        effects: [Read(base)],
        format: "$base `[` $indices `]` attr-dict `:` type($base) `,` type($result)",
        extra: {
            print: Some(print_memory_op),
            verify: Some(verify_load_store),
        },
    }
}

define_op! {
    /// Writes a vector into contiguous elements of a memref.
    pub struct StoreOp = "vector.store" {
        operands: [valueToStore: Single(ANY_VECTOR), base: Single(ANY_MEMREF), indices: Variadic(INDEX)],
        attributes: [nontemporal: Optional(BOOL_ATTR), alignment: Optional(ALIGNMENT)],
        effects: [Write(base)],
        format: "$valueToStore `,` $base `[` $indices `]` attr-dict `:` type($base) `,` type($valueToStore)",
        extra: {
            print: Some(print_memory_op),
            verify: Some(verify_load_store),
        },
    }
}

define_op! {
    /// Reads the lanes a mask sets from a memref, the others from a pass-through vector.
    pub struct MaskedLoadOp = "vector.maskedload" {
        operands: [base: Single(ANY_MEMREF), indices: Variadic(INDEX), mask: Single(MASK_VECTOR), pass_thru: Single(NON_ZERO_RANK_VECTOR)],
        results: [result: Single(NON_ZERO_RANK_VECTOR)],
        attributes: [alignment: Optional(ALIGNMENT)],
        effects: [Read(base)],
        format: "$base `[` $indices `]` `,` $mask `,` $pass_thru attr-dict `:` type($base) `,` type($mask) `,` type($pass_thru) `into` type($result)",
        extra: {
            print: Some(print_memory_op),
            verify: Some(verify_masked),
        },
    }
}

define_op! {
    /// Writes the lanes a mask sets into a memref.
    pub struct MaskedStoreOp = "vector.maskedstore" {
        operands: [base: Single(ANY_MEMREF), indices: Variadic(INDEX), mask: Single(MASK_VECTOR), valueToStore: Single(NON_ZERO_RANK_VECTOR)],
        attributes: [alignment: Optional(ALIGNMENT)],
        effects: [Write(base)],
        format: "$base `[` $indices `]` `,` $mask `,` $valueToStore attr-dict `:` type($base) `,` type($mask) `,` type($valueToStore)",
        extra: {
            print: Some(print_memory_op),
            verify: Some(verify_masked),
        },
    }
}

/// The parts of a load or store: the memref, its indices, the vector read
/// or written, and a mask with its companion vector for the masked forms.
struct Access<'a> {
    store: bool,
    base: Value,
    indices: &'a [Value],
    vector: Value,
    mask: Option<(Value, Value)>,
}

fn access(ir: &Ir, op: OpId) -> Access<'_> {
    if let Some(load) = ir.dyn_cast::<LoadOp>(op) {
        return Access { store: false, base: load.base(ir), indices: load.indices(ir), vector: load.result(ir), mask: None };
    }
    if let Some(store) = ir.dyn_cast::<StoreOp>(op) {
        return Access {
            store: true,
            base: store.base(ir),
            indices: store.indices(ir),
            vector: store.valueToStore(ir),
            mask: None,
        };
    }
    if let Some(load) = ir.dyn_cast::<MaskedLoadOp>(op) {
        return Access {
            store: false,
            base: load.base(ir),
            indices: load.indices(ir),
            vector: load.result(ir),
            mask: Some((load.mask(ir), load.pass_thru(ir))),
        };
    }
    let store = MaskedStoreOp(op);
    Access {
        store: true,
        base: store.base(ir),
        indices: store.indices(ir),
        vector: store.valueToStore(ir),
        mask: Some((store.mask(ir), store.valueToStore(ir))),
    }
}

/// Prints the declared form, leaving out `nontemporal = false` as upstream
/// leaves out default values.
fn print_memory_op(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let a = access(ir, op);
    p.write(" ");
    if a.store && a.mask.is_none() {
        p.print_operand(a.vector);
        p.write(", ");
    }
    p.print_operand(a.base);
    p.write("[");
    p.print_operands(a.indices);
    p.write("]");
    if let Some((mask, other)) = a.mask {
        p.write(", ");
        p.print_operands(&[mask, other]);
    }
    let nontemporal_default = ir.attr(op, "nontemporal").is_some_and(|n| n.as_integer(ir.ctx()) == Some(0));
    p.print_optional_attr_dict(op, if nontemporal_default { &["nontemporal"] } else { &[] });
    p.write(" : ");
    p.print_type(ir.value_type(a.base));
    if let Some((mask, other)) = a.mask {
        p.write(", ");
        p.print_types(&[ir.value_type(mask), ir.value_type(other)]);
        if !a.store {
            p.write(" into ");
            p.print_type(ir.value_type(a.vector));
        }
    } else {
        p.write(", ");
        p.print_type(ir.value_type(a.vector));
    }
}

/// The stride of the innermost dimension of a memref, when its layout says.
fn innermost_stride(ir: &Ir, memref: Type) -> Option<i64> {
    let ctx = ir.ctx();
    let TypeData::MemRef { shape, layout, .. } = memref.data(ctx) else { return None };
    let Some(layout) = layout else { return Some(1) };
    match layout.data(ctx) {
        AttrData::StridedLayout { strides, .. } => strides.last().copied().or(Some(1)),
        AttrData::AffineMap(map) if map.results.len() == 1 && !shape.is_empty() => {
            coefficient(&map.results[0], shape.len() as u32 - 1)
        }
        AttrData::AffineMap(map) => (map.results.len() == shape.len()
            && map.results.last() == Some(&AffineExpr::Dim(shape.len() as u32 - 1)))
        .then_some(1),
        _ => None,
    }
}

/// The constant factor of `d{dim}` in a linear expression; `None` when the
/// expression is not linear in it.
fn coefficient(e: &AffineExpr, dim: u32) -> Option<i64> {
    match e {
        AffineExpr::Dim(d) => Some(i64::from(*d == dim)),
        AffineExpr::Symbol(_) | AffineExpr::Constant(_) => Some(0),
        AffineExpr::Binary { kind: AffineBinaryKind::Add, lhs, rhs } => {
            coefficient(lhs, dim)?.checked_add(coefficient(rhs, dim)?)
        }
        AffineExpr::Binary { kind: AffineBinaryKind::Mul, lhs, rhs } => match (&**lhs, &**rhs) {
            (x, AffineExpr::Constant(c)) | (AffineExpr::Constant(c), x) => coefficient(x, dim)?.checked_mul(*c),
            (x, y) if coefficient(x, dim) == Some(0) && coefficient(y, dim) == Some(0) => Some(0),
            _ => None,
        },
        AffineExpr::Binary { .. } => None,
    }
}

fn verify_load_store(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let a = access(ir, op);
    let memref = ir.value_type(a.base);
    let Some(vector) = vector_of(ctx, ir.value_type(a.vector)) else { return Ok(()) };
    let rank = memref.shape(ctx).map_or(0, |s| s.len());
    let (what, direction) = if a.store { ("valueToStore", "source") } else { ("result", "destination") };
    let single_element = !vector.is_scalable() && vector.shape.iter().product::<i64>() == 1;
    if !single_element && innermost_stride(ir, memref).is_some_and(|s| s != 1) {
        return Err(op_error(ir, op, "most minor memref dim must have unit stride"));
    }
    if rank < vector.rank() {
        let message = if a.store {
            "source memref has lower rank than the vector to store".to_string()
        } else {
            format!("{direction} memref has lower rank than the result vector")
        };
        return Err(op_error(ir, op, message));
    }
    let mut element = memref.shaped_element(ctx).unwrap_or(memref);
    if let Some(element_vector) = vector_of(ctx, element) {
        if element != ir.value_type(a.vector) {
            return Err(op_error(ir, op, format!("base memref and {what} vector types should match")));
        }
        element = element_vector.element;
    }
    if vector.element != element {
        let types = if a.store { "type" } else { "types" };
        return Err(op_error(ir, op, format!("base and {what} element {types} should match")));
    }
    if a.indices.len() != rank {
        return Err(op_error(ir, op, format!("requires {rank} indices")));
    }
    Ok(())
}

fn verify_masked(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let a = access(ir, op);
    let Some((mask, other)) = a.mask else { return Ok(()) };
    let memref = ir.value_type(a.base);
    let what = if a.store { "valueToStore" } else { "result" };
    let vector = ir.value_type(a.vector);
    if vector.shaped_element(ctx) != memref.shaped_element(ctx) {
        return Err(op_error(ir, op, format!("base and {what} element type should match")));
    }
    let rank = memref.shape(ctx).map_or(0, |s| s.len());
    if a.indices.len() != rank {
        return Err(op_error(ir, op, format!("requires {rank} indices")));
    }
    if vector.shape(ctx) != ir.value_type(mask).shape(ctx) {
        return Err(op_error(ir, op, format!("expected {what} shape to match mask shape")));
    }
    if !a.store && ir.value_type(other) != vector {
        return Err(op_error(ir, op, "expected pass_thru of same type as result type"));
    }
    Ok(())
}
