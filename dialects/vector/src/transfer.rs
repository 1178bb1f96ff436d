//! Transfers: `vector.transfer_read` reads a vector from a memref or tensor
//! at some indices, `vector.transfer_write` writes one back (making a new
//! tensor when it writes to a tensor). The permutation map says which
//! dimension of the source each vector dimension walks (`0` broadcasts);
//! out-of-bounds lanes read the padding value unless `in_bounds` promises
//! they stay inside; an optional mask switches lanes off.
//!
//! ```mlir
//! %v = vector.transfer_read %m[%i, %j], %pad {in_bounds = [true]} : memref<?x?xf32>, vector<4xf32>
//! %t2 = vector.transfer_write %v, %t[%i, %j] {permutation_map = affine_map<(d0, d1) -> (d0)>} : vector<4xf32>, tensor<?x?xf32>
//! ```

use ir::affine::{AffineExpr, AffineMap};
use ir::attributes::AttrData;
use ir::constraints::{ANY_TYPE, INDEX};
use ir::effects::{EffectKind, MemoryEffect};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::types::TypeData;
use ir::verifier::op_error;
use ir::{define_op, Attribute, Context, Diagnostic, Ir, OpId, Type};

use crate::mask::Maskable;
use crate::{bit_width, is_scalar, vector_of, vector_type, VectorParts, ANY_SHAPED, ANY_VECTOR, BOOL_ARRAY_ATTR, RANKED_TENSOR};

define_op! {
    /// Reads a vector from a memref or tensor, with padding for lanes out of bounds.
    pub struct TransferReadOp = "vector.transfer_read" {
        operands: [base: Single(ANY_SHAPED), indices: Variadic(INDEX), padding: Single(ANY_TYPE), mask: Optional(crate::mask::MASK_OF_NON_ZERO_RANK)],
        results: [vector: Single(ANY_VECTOR)],
        attributes: [permutation_map: Required(crate::AFFINE_MAP_ATTR), in_bounds: Required(BOOL_ARRAY_ATTR)],
        extra: {
            parse: Some(parse_transfer),
            print: Some(print_transfer),
            verify: Some(verify_transfer),
            effects_of: Some(transfer_effects),
        },
    }
}

define_op! {
    /// Writes a vector into a memref, or into a copy of a tensor that it returns.
    pub struct TransferWriteOp = "vector.transfer_write" {
        operands: [valueToStore: Single(ANY_VECTOR), base: Single(ANY_SHAPED), indices: Variadic(INDEX), mask: Optional(crate::mask::MASK_OF_NON_ZERO_RANK)],
        results: [result: Optional(RANKED_TENSOR)],
        attributes: [permutation_map: Required(crate::AFFINE_MAP_ATTR), in_bounds: Required(BOOL_ARRAY_ATTR)],
        extra: {
            parse: Some(parse_transfer),
            print: Some(print_transfer),
            verify: Some(verify_transfer),
            effects_of: Some(transfer_effects),
        },
    }
}

/// Transfers wrapped in `vector.mask` take a mask over the source dimensions they walk.
pub(crate) struct MaskableTransfer;

impl Maskable for MaskableTransfer {
    fn expected_mask_type(&self, ir: &Ir, op: OpId) -> Option<Type> {
        let ctx = ir.ctx();
        let parts = Transfer::of(ir, op)?;
        Some(transfer_mask_type(ctx, vector_of(ctx, parts.vector)?, &parts.map))
    }

    fn supports_passthru(&self, ir: &Ir, op: OpId) -> bool {
        ir.isa::<TransferReadOp>(op)
    }
}

/// The parts both transfers share.
struct Transfer {
    write: bool,
    shaped: Type,
    vector: Type,
    indices: usize,
    mask: Option<Type>,
    map: AffineMap,
}

impl Transfer {
    fn of(ir: &Ir, op: OpId) -> Option<Transfer> {
        let ctx = ir.ctx();
        let map = match ir.attr(op, "permutation_map")?.data(ctx) {
            AttrData::AffineMap(m) => m.clone(),
            _ => return None,
        };
        let (write, shaped, vector, indices, mask) = if let Some(read) = ir.dyn_cast::<TransferReadOp>(op) {
            (false, read.base(ir), read.vector(ir), read.indices(ir).len(), read.mask(ir))
        } else {
            let write = ir.dyn_cast::<TransferWriteOp>(op)?;
            (true, write.base(ir), write.valueToStore(ir), write.indices(ir).len(), write.mask(ir))
        };
        Some(Transfer {
            write,
            shaped: ir.value_type(shaped),
            vector: ir.value_type(vector),
            indices,
            mask: mask.map(|m| ir.value_type(m)),
            map,
        })
    }
}

/// The map a transfer has when the text gives none: the innermost source
/// dimensions, one per vector dimension (`() -> (0)` for a 0-D source read
/// as `vector<1xT>`); `None` when the vector has more dimensions than the source.
fn default_permutation_map(ctx: &Context, shaped: Type, vector: VectorParts<'_>) -> Option<AffineMap> {
    let rank = shaped.shape(ctx).map_or(0, |s| s.len());
    let element_rank = shaped.shaped_element(ctx).and_then(|e| vector_of(ctx, e)).map_or(0, |v| v.rank());
    if rank == 0 && vector.shape == [1] {
        return Some(AffineMap { num_dims: 0, num_symbols: 0, results: vec![AffineExpr::Constant(0)] });
    }
    let results = vector.rank().checked_sub(element_rank)?;
    minor_identity(rank, results)
}

/// `(d0, ..., d{dims-1}) -> (d{dims-results}, ..., d{dims-1})`.
fn minor_identity(dims: usize, results: usize) -> Option<AffineMap> {
    let first = dims.checked_sub(results)?;
    Some(AffineMap { num_dims: dims as u32, num_symbols: 0, results: (first..dims).map(|d| AffineExpr::Dim(d as u32)).collect() })
}

fn is_minor_identity(map: &AffineMap) -> bool {
    map.num_symbols == 0 && minor_identity(map.num_dims as usize, map.results.len()).is_some_and(|m| m == *map)
}

/// The mask a transfer takes: one dimension per source dimension the
/// vector walks, in source order, sized like the vector dimension that
/// walks it (a 0-D mask becomes `vector<1xi1>`).
pub(crate) fn transfer_mask_type(ctx: &Context, vector: VectorParts<'_>, map: &AffineMap) -> Type {
    let mut walked: Vec<(u32, usize)> = map
        .results
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match e {
            AffineExpr::Dim(d) if i < vector.rank() => Some((*d, i)),
            _ => None,
        })
        .collect();
    walked.sort();
    let mut shape: Vec<i64> = walked.iter().map(|&(_, i)| vector.shape[i]).collect();
    let mut scalable: Vec<bool> = walked.iter().map(|&(_, i)| vector.scalable[i]).collect();
    if shape.is_empty() {
        shape.push(1);
        scalable.push(false);
    }
    vector_type(ctx, shape, scalable, Type::integer(ctx, 1))
}

/// `[%v,] %base[%i, ...][, %padding][, %mask] attr-dict : types`.
fn parse_transfer(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    let write = p.spelling().ends_with("transfer_write");
    let value = if write {
        let v = p.parse_operand()?;
        p.expect_punct(",")?;
        Some(v)
    } else {
        None
    };
    let base = p.parse_operand()?;
    p.expect_punct("[")?;
    let indices_location = p.current_location();
    let indices = p.parse_operand_list()?;
    p.expect_punct("]")?;
    let padding = if write {
        None
    } else {
        p.expect_punct(",")?;
        Some(p.parse_operand()?)
    };
    let mask = if p.parse_optional_punct(",") { Some(p.parse_operand()?) } else { None };
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let types_location = p.current_location();
    let types = p.parse_type_list()?;
    let [first, second] = types[..] else {
        return Err(Diagnostic::error(types_location, "requires two types"));
    };
    let (shaped, vector) = if write { (second, first) } else { (first, second) };
    let is_memref_or_tensor = matches!(shaped.data(&ctx), TypeData::MemRef { .. } | TypeData::RankedTensor { .. });
    let vector_parts = vector_of(&ctx, vector);
    // Each form complains about its first type first.
    let checks =
        [(is_memref_or_tensor, "requires memref or ranked tensor type"), (vector_parts.is_some(), "requires vector type")];
    for (ok, message) in if write { [checks[1], checks[0]] } else { checks } {
        if !ok {
            return Err(Diagnostic::error(types_location, message));
        }
    }
    let Some(vector_parts) = vector_parts else { return Err(Diagnostic::error(types_location, "requires vector type")) };
    let map = match p.state.attributes.iter().find(|a| ctx.str(a.name) == "permutation_map").map(|a| a.value.data(&ctx)) {
        Some(AttrData::AffineMap(m)) => m.clone(),
        Some(_) => return Err(Diagnostic::error(types_location, "expected permutation_map to be an affine map")),
        None => {
            let map = default_permutation_map(&ctx, shaped, vector_parts).ok_or_else(|| {
                Diagnostic::error(types_location, "expected a custom permutation_map when rank(source) != rank(destination)")
            })?;
            p.add_attribute("permutation_map", ctx.intern_attr(AttrData::AffineMap(map.clone())));
            map
        }
    };
    if !p.state.attributes.iter().any(|a| ctx.str(a.name) == "in_bounds") {
        let all_false = vec![Attribute::bool(&ctx, false); map.results.len()];
        p.add_attribute("in_bounds", Attribute::array(&ctx, all_false));
    }
    let element = shaped.shaped_element(&ctx).unwrap_or(shaped);
    let index = Type::index(&ctx);
    let mut operands = Vec::new();
    if let Some(value) = value {
        operands.push(p.resolve_operand(&value, vector)?);
    }
    operands.push(p.resolve_operand(&base, shaped)?);
    operands.extend(p.resolve_operands(&indices, &vec![index; indices.len()], indices_location)?);
    if let Some(padding) = padding {
        operands.push(p.resolve_operand(&padding, element)?);
    }
    if let Some(mask) = &mask {
        if element.is_vector(&ctx) {
            return Err(Diagnostic::error(mask.location, "does not support masks with vector element type"));
        }
        operands.push(p.resolve_operand(mask, transfer_mask_type(&ctx, vector_parts, &map))?);
    }
    let groups = if write {
        vec![1, 1, indices.len() as i32, mask.is_some() as i32]
    } else {
        vec![1, indices.len() as i32, 1, mask.is_some() as i32]
    };
    p.state.operands.extend(operands);
    p.add_attribute("operandSegmentSizes", Attribute::dense_i32_array(&ctx, &groups));
    if !write {
        p.state.result_types.push(vector);
    } else if shaped.is_tensor(&ctx) {
        p.state.result_types.push(shaped);
    }
    Ok(())
}

fn print_transfer(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let ctx = ir.ctx();
    let (write, base, indices, padding, mask, value) = match ir.dyn_cast::<TransferReadOp>(op) {
        Some(read) => (false, read.base(ir), read.indices(ir), Some(read.padding(ir)), read.mask(ir), None),
        None => {
            let w = TransferWriteOp(op);
            (true, w.base(ir), w.indices(ir), None, w.mask(ir), Some(w.valueToStore(ir)))
        }
    };
    p.write(" ");
    if let Some(value) = value {
        p.print_operand(value);
        p.write(", ");
    }
    p.print_operand(base);
    p.write("[");
    p.print_operands(indices);
    p.write("]");
    for v in padding.into_iter().chain(mask) {
        p.write(", ");
        p.print_operand(v);
    }
    let mut elided = vec!["operandSegmentSizes"];
    if ir.attr(op, "permutation_map").is_some_and(|a| matches!(a.data(ctx), AttrData::AffineMap(m) if is_minor_identity(m))) {
        elided.push("permutation_map");
    }
    let in_bounds = ir.attr(op, "in_bounds").and_then(|a| a.as_array(ctx));
    if in_bounds.is_some_and(|items| items.iter().all(|i| i.as_integer(ctx) == Some(0))) {
        elided.push("in_bounds");
    }
    p.print_optional_attr_dict(op, &elided);
    p.write(" : ");
    let (shaped, vector) = (ir.value_type(base), ir.value_type(value.unwrap_or_else(|| ir.result(op, 0))));
    if write {
        p.print_type(vector);
        p.write(", ");
        p.print_type(shaped);
    } else {
        p.print_type(shaped);
        p.write(", ");
        p.print_type(vector);
    }
}

fn verify_transfer(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let Some(t) = Transfer::of(ir, op) else { return Ok(()) };
    let error = |m: String| Err(op_error(ir, op, m));
    let rank = t.shaped.shape(ctx).map_or(0, |s| s.len());
    if t.indices != rank {
        return error(format!("requires {rank} indices"));
    }
    if t.write && t.map.results.iter().any(|e| matches!(e, AffineExpr::Constant(_))) {
        return error("should not have broadcast dimensions".into());
    }
    if !matches!(t.shaped.data(ctx), TypeData::MemRef { .. } | TypeData::RankedTensor { .. }) {
        return error("requires source to be a memref or ranked tensor type".into());
    }
    let Some(vector) = vector_of(ctx, t.vector) else { return Ok(()) };
    let element = t.shaped.shaped_element(ctx).unwrap_or(t.shaped);
    let minor = |v: &VectorParts<'_>| v.shape.last().copied().unwrap_or(1) as u64;
    if let Some(element_vector) = vector_of(ctx, element) {
        let source_bits = bit_width(ctx, element_vector.element).map(|b| b * minor(&element_vector));
        let result_bits = bit_width(ctx, vector.element).map(|b| b * minor(&vector));
        if let (Some(s), Some(r)) = (source_bits, result_bits) {
            if s == 0 || r % s != 0 {
                return error("requires the bitwidth of the minor 1-D vector to be an integral multiple of the bitwidth of the minor 1-D vector of the source".into());
            }
        }
        if element_vector.rank() > vector.rank() {
            return error("requires source vector element and vector result ranks to match.".into());
        }
        if t.map.results.len() != vector.rank() - element_vector.rank() {
            return error("requires a permutation_map with result dims of the same rank as the vector type".into());
        }
        if t.mask.is_some() {
            return error("does not support masks with vector element type".into());
        }
    } else {
        let result_bits = bit_width(ctx, vector.element).map(|b| b * minor(&vector));
        if let (Some(r), Some(s)) = (result_bits, bit_width(ctx, element)) {
            if s == 0 || r % s != 0 {
                return error("requires the bitwidth of the minor 1-D vector to be an integral multiple of the bitwidth of the source element type".into());
            }
        }
        if t.map.results.len() != vector.rank() {
            return error("requires a permutation_map with result dims of the same rank as the vector type".into());
        }
    }
    if t.map.num_symbols != 0 {
        return error("requires permutation_map without symbols".into());
    }
    if t.map.num_dims as usize != rank {
        return error("requires a permutation_map with input dims of the same rank as the source type".into());
    }
    if let Some(mask) = t.mask {
        let inferred = transfer_mask_type(ctx, vector, &t.map);
        if mask != inferred {
            return error(format!(
                "inferred mask type ('{}') and mask operand type ('{}') don't match",
                ctx.print_type(inferred),
                ctx.print_type(mask)
            ));
        }
    }
    let in_bounds = ir.attr(op, "in_bounds").and_then(|a| a.as_array(ctx)).map_or(0, |a| a.len());
    if t.map.results.len() != in_bounds {
        let map = ctx.print_attr(ctx.intern_attr(AttrData::AffineMap(t.map.clone())));
        return error(format!(
            "expects the in_bounds attr of same rank as permutation_map results: {map} vs inBounds of size: {in_bounds}"
        ));
    }
    if let Some(read) = ir.dyn_cast::<TransferReadOp>(op) {
        let padding = ir.value_type(read.padding(ir));
        if element.is_vector(ctx) {
            if element != padding {
                return error("requires source element type and padding type to match.".into());
            }
        } else if !is_scalar(ctx, padding) {
            return error("requires valid padding vector elemental type".into());
        } else if padding != element {
            return error("requires formal padding and source of the same elemental type".into());
        }
    }
    verify_permutation_map(&t.map).map_err(|m| op_error(ir, op, m))?;
    if let Some(write) = ir.dyn_cast::<TransferWriteOp>(op) {
        // Writing into a tensor makes the result, as for destination-style ops.
        let result = write.result(ir).map(|r| ir.value_type(r));
        let outputs = usize::from(t.shaped.is_tensor(ctx));
        let results = usize::from(result.is_some_and(|r| r.is_tensor(ctx)));
        if results != outputs {
            return error(format!(
                "expected the number of tensor results ({results}) to be equal to the number of output tensors ({outputs})"
            ));
        }
        if let Some(result) = result.filter(|&r| r != t.shaped) {
            return error(format!(
                "expected type of operand #1 ('{}') to match type of corresponding result ('{}')",
                ctx.print_type(t.shaped),
                ctx.print_type(result)
            ));
        }
    }
    Ok(())
}

/// Each result is a dimension, used once, or the constant 0 (a broadcast).
fn verify_permutation_map(map: &AffineMap) -> Result<(), String> {
    let mut seen = vec![false; map.num_dims as usize];
    for e in &map.results {
        match e {
            AffineExpr::Constant(0) => {}
            AffineExpr::Dim(d) => {
                let slot = seen.get_mut(*d as usize).ok_or("requires a permutation_map whose dims are inputs")?;
                if *slot {
                    return Err("requires a permutation_map that is a permutation (found one dim used more than once)".into());
                }
                *slot = true;
            }
            _ => {
                return Err(
                    "requires a projected permutation_map (at most one dim or the zero constant can appear in each result)"
                        .into(),
                )
            }
        }
    }
    Ok(())
}

/// Reading or writing a memref touches it; on tensors transfers are pure.
fn transfer_effects(ir: &Ir, op: OpId) -> Vec<MemoryEffect> {
    let (kind, base) = match ir.dyn_cast::<TransferReadOp>(op) {
        Some(read) => (EffectKind::Read, read.base(ir)),
        None => (EffectKind::Write, TransferWriteOp(op).base(ir)),
    };
    if ir.value_type(base).is_memref(ir.ctx()) {
        vec![MemoryEffect { kind, value: Some(base) }]
    } else {
        Vec::new()
    }
}
