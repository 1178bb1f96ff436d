//! Vector memory ops on memrefs: the vector is loaded or stored whole at
//! the address of its first element (`aligned + offset + sum(i * stride)`,
//! without the no-wrap flags of `memref.load`, as upstream), aligned as its
//! element type; masked forms use `llvm.intr.masked.load`/`store`.
//!
//! A 1-D transfer with a minor identity map over a memref with a unit
//! innermost stride is such a load or store. Its lanes past the end of the
//! innermost dimension, when `in_bounds` does not rule them out, are masked
//! off (`dim - index > [0, 1, ...]`, and-ed with the transfer's own mask),
//! and a read fills them with the padding.

use dialect_arith as arith;
use dialect_llvm as llvm;
use dialect_memref as memref;
use dialect_memref::layout::strides_and_offset;
use dialect_vector as vector;
use ir::affine::AffineExpr;
use ir::attributes::DenseElements;
use ir::rewrite::{constant_value, ConversionPattern, PatternRewriter, TypeConverter};
use ir::types::{TypeData, DYNAMIC};
use ir::{AttrData, Attribute, Context, Ir, OpId, OpType, Type, Value};

use super::{shape_note, vector_1d, Emit, VectorToLlvmOptions};
use crate::finalize_memref_to_llvm::element_address;

pub(super) fn populate_memory_patterns(patterns: &mut Vec<Box<dyn ConversionPattern>>, options: VectorToLlvmOptions) {
    patterns.push(Box::new(LowerLoad));
    patterns.push(Box::new(LowerStore));
    patterns.push(Box::new(LowerMaskedLoad));
    patterns.push(Box::new(LowerMaskedStore));
    patterns.push(Box::new(LowerTransfer { write: false, force_32bit: options.force_32bit_vector_indices }));
    patterns.push(Box::new(LowerTransfer { write: true, force_32bit: options.force_32bit_vector_indices }));
}

/// The ABI alignment of a scalar in bytes, as the default data layout has
/// it (`index` is 64 bits).
fn abi_alignment(ctx: &Context, element: Type) -> Option<i64> {
    let bits = match element.data(ctx) {
        TypeData::Index => 64,
        TypeData::Integer { width, .. } => *width,
        TypeData::Float(kind) => kind.width(),
        _ => return None,
    };
    Some(i64::from(bits.div_ceil(8).next_power_of_two().min(16)))
}

/// What a vector access needs of its memref: a strided layout and scalar
/// elements of the vector's element type.
fn accessible(ctx: &Context, memref: Type, vector: Type) -> bool {
    let Some((_, element)) = vector_1d(ctx, vector) else { return false };
    strides_and_offset(ctx, memref).is_some() && memref.shaped_element(ctx) == Some(element)
}

/// The alignment of an access: the op's `alignment`, else its element's.
fn alignment(ir: &Ir, op: OpId, vector: Type) -> Option<i64> {
    let ctx = ir.ctx();
    match ir.attr(op, "alignment").and_then(|a| a.as_integer(ctx)) {
        Some(a) => i64::try_from(a).ok(),
        None => abi_alignment(ctx, vector_1d(ctx, vector)?.1),
    }
}

fn i64_attr(ctx: &Context, value: i64) -> Attribute {
    Attribute::integer(ctx, i128::from(value), Type::integer(ctx, 64))
}

fn i32_attr(ctx: &Context, value: i64) -> Attribute {
    Attribute::integer(ctx, i128::from(value), Type::integer(ctx, 32))
}

/// The address of the first element a vector access touches.
fn address(e: &mut Emit<'_, '_>, c: &TypeConverter, memref: Type, descriptor: Value, indices: &[Value]) -> Option<Value> {
    element_address(e.r, c, memref, descriptor, indices, e.anchor, e.location, false)
}

/// `llvm.load` of the whole vector.
fn load(e: &mut Emit<'_, '_>, address: Value, ty: Type, alignment: i64, nontemporal: bool) -> Option<Value> {
    let ctx = e.ctx();
    let mut attributes = vec![("alignment", i64_attr(ctx, alignment))];
    if nontemporal {
        attributes.push(("nontemporal", Attribute::unit(ctx)));
    }
    e.value::<llvm::LoadOp>(&[&[address]], ty, &attributes)
}

/// `llvm.store` of the whole vector.
fn store(e: &mut Emit<'_, '_>, value: Value, address: Value, alignment: i64, nontemporal: bool) -> Option<()> {
    let ctx = e.ctx();
    let mut attributes = vec![("alignment", i64_attr(ctx, alignment))];
    if nontemporal {
        attributes.push(("nontemporal", Attribute::unit(ctx)));
    }
    e.effect::<llvm::StoreOp>(&[&[value], &[address]], &attributes)
}

fn nontemporal(ir: &Ir, op: OpId) -> bool {
    ir.attr(op, "nontemporal").and_then(|a| a.as_integer(ir.ctx())) == Some(1)
}

/// `vector.load`: `llvm.load` at the first element's address.
struct LowerLoad;

impl ConversionPattern for LowerLoad {
    fn root(&self) -> &'static str {
        vector::LoadOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        c: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let load_op = vector::LoadOp(op);
        let memref = ir.value_type(load_op.base(ir));
        let ty = c.convert(ctx, ir.value_type(load_op.result(ir)));
        if !accessible(ctx, memref, ir.value_type(load_op.result(ir))) {
            return None;
        }
        let (alignment, nontemporal) = (alignment(ir, op, ty)?, nontemporal(ir, op));
        let mut e = Emit::new(r, op);
        let address = address(&mut e, c, memref, operands[0], &operands[1..])?;
        Some(vec![load(&mut e, address, ty, alignment, nontemporal)?])
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        shape_note(ir, op)
    }
}

/// `vector.store`: `llvm.store` at the first element's address.
struct LowerStore;

impl ConversionPattern for LowerStore {
    fn root(&self) -> &'static str {
        vector::StoreOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        c: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let store_op = vector::StoreOp(op);
        let memref = ir.value_type(store_op.base(ir));
        let vector = ir.value_type(store_op.valueToStore(ir));
        if !accessible(ctx, memref, vector) {
            return None;
        }
        let (alignment, nontemporal) = (alignment(ir, op, vector)?, nontemporal(ir, op));
        let mut e = Emit::new(r, op);
        let address = address(&mut e, c, memref, operands[1], &operands[2..])?;
        store(&mut e, operands[0], address, alignment, nontemporal)?;
        Some(Vec::new())
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        shape_note(ir, op)
    }
}

fn masked_load(e: &mut Emit<'_, '_>, address: Value, mask: Value, pass_thru: Value, alignment: i64) -> Option<Value> {
    let ty = e.r.ir().value_type(pass_thru);
    let alignment = i32_attr(e.ctx(), alignment);
    e.value::<llvm::MaskedLoadOp>(&[&[address], &[mask], &[pass_thru]], ty, &[("alignment", alignment)])
}

fn masked_store(e: &mut Emit<'_, '_>, value: Value, address: Value, mask: Value, alignment: i64) -> Option<()> {
    let alignment = i32_attr(e.ctx(), alignment);
    e.effect::<llvm::MaskedStoreOp>(&[&[value], &[address], &[mask]], &[("alignment", alignment)])
}

/// `vector.maskedload`: `llvm.intr.masked.load` at the first element's address.
struct LowerMaskedLoad;

impl ConversionPattern for LowerMaskedLoad {
    fn root(&self) -> &'static str {
        vector::MaskedLoadOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        c: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let load_op = vector::MaskedLoadOp(op);
        let memref = ir.value_type(load_op.base(ir));
        let vector = ir.value_type(load_op.result(ir));
        if !accessible(ctx, memref, vector) {
            return None;
        }
        let alignment = alignment(ir, op, vector)?;
        let n = operands.len();
        let (indices, mask, pass_thru) = (&operands[1..n - 2], operands[n - 2], operands[n - 1]);
        let mut e = Emit::new(r, op);
        let address = address(&mut e, c, memref, operands[0], indices)?;
        Some(vec![masked_load(&mut e, address, mask, pass_thru, alignment)?])
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        shape_note(ir, op)
    }
}

/// `vector.maskedstore`: `llvm.intr.masked.store` at the first element's address.
struct LowerMaskedStore;

impl ConversionPattern for LowerMaskedStore {
    fn root(&self) -> &'static str {
        vector::MaskedStoreOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        c: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let store_op = vector::MaskedStoreOp(op);
        let memref = ir.value_type(store_op.base(ir));
        let vector = ir.value_type(store_op.valueToStore(ir));
        if !accessible(ctx, memref, vector) {
            return None;
        }
        let alignment = alignment(ir, op, vector)?;
        let n = operands.len();
        let (indices, mask, value) = (&operands[1..n - 2], operands[n - 2], operands[n - 1]);
        let mut e = Emit::new(r, op);
        let address = address(&mut e, c, memref, operands[0], indices)?;
        masked_store(&mut e, value, address, mask, alignment)?;
        Some(Vec::new())
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        shape_note(ir, op)
    }
}

/// The parts of a transfer the lowering uses, in the original types.
struct Transfer {
    memref: Value,
    indices: Vec<Value>,
    vector: Type,
    mask: Option<Value>,
    in_bounds: bool,
}

impl Transfer {
    /// The transfer if it lowers here; why not otherwise.
    fn of(ir: &Ir, op: OpId) -> Result<Transfer, String> {
        let ctx = ir.ctx();
        let (memref, indices, vector, mask) = if let Some(read) = ir.dyn_cast::<vector::TransferReadOp>(op) {
            (read.base(ir), read.indices(ir).to_vec(), read.vector(ir), read.mask(ir))
        } else {
            let write = vector::TransferWriteOp(op);
            (write.base(ir), write.indices(ir).to_vec(), write.valueToStore(ir), write.mask(ir))
        };
        let (memref_type, vector) = (ir.value_type(memref), ir.value_type(vector));
        if !memref_type.is_memref(ctx) {
            return Err("transfers of tensors lower after bufferization".into());
        }
        if vector_1d(ctx, vector).is_none() {
            return Err(format!("only fixed-size 1-D vectors lower to LLVM here, not '{}'", ctx.print_type(vector)));
        }
        let rank = indices.len() as u32;
        let minor_identity = match ir.attr(op, "permutation_map").map(|a| a.data(ctx)) {
            Some(AttrData::AffineMap(map)) => {
                rank > 0 && map.num_dims == rank && map.num_symbols == 0 && map.results == [AffineExpr::Dim(rank - 1)]
            }
            _ => false,
        };
        if !minor_identity {
            return Err("only transfers along the innermost dimension (a minor identity map) lower here".into());
        }
        let unit_stride = strides_and_offset(ctx, memref_type).is_some_and(|(strides, _)| strides.last() == Some(&1));
        if !unit_stride || !accessible(ctx, memref_type, vector) {
            return Err("the memref needs a unit innermost stride and elements of the vector's element type".into());
        }
        let in_bounds = ir
            .attr(op, "in_bounds")
            .and_then(|a| a.as_array(ctx).and_then(|items| items.first().and_then(|b| b.as_integer(ctx))))
            == Some(1);
        Ok(Transfer { memref, indices, vector, mask, in_bounds })
    }
}

/// `vector.transfer_read`/`transfer_write` (1-D, minor identity, unit
/// innermost stride): a load or store when in bounds and unmasked, a masked
/// one otherwise.
struct LowerTransfer {
    write: bool,
    force_32bit: bool,
}

impl LowerTransfer {
    /// The lanes inside the innermost dimension: `dim - index > lane`.
    fn bounds_mask(e: &mut Emit<'_, '_>, t: &Transfer, length: i64, force_32bit: bool) -> Option<Value> {
        let ctx = e.ctx();
        let index_type = Type::index(ctx);
        let last = t.indices.len() - 1;
        let size = e.r.ir().value_type(t.memref).shape(e.ctx())?[last];
        let dim = if size == DYNAMIC {
            let position = e.arith_constant(Attribute::integer(e.ctx(), last as i128, index_type), index_type)?;
            e.value::<memref::DimOp>(&[&[t.memref], &[position]], index_type, &[])?
        } else {
            e.arith_constant(Attribute::integer(e.ctx(), i128::from(size), index_type), index_type)?
        };
        let remaining = e.value::<arith::SubIOp>(&[&[dim], &[t.indices[last]]], index_type, &[])?;
        e.lanes_below(remaining, length, force_32bit)
    }

    /// The padding in every lane: a constant when the padding is one.
    fn pass_thru(e: &mut Emit<'_, '_>, padding: Value, converted: Value, vector: Type) -> Option<Value> {
        let ir = e.r.ir();
        let ctx = ir.ctx();
        if let Some(value) = constant_value(ir, padding).filter(|a| a.as_integer(ctx).is_some() || a.as_float(ctx).is_some()) {
            let splat = ctx.intern_attr(AttrData::DenseElements { ty: vector, elements: DenseElements::Splat(value) });
            return e.arith_constant(splat, vector);
        }
        e.splat(converted, vector)
    }
}

impl ConversionPattern for LowerTransfer {
    fn root(&self) -> &'static str {
        if self.write {
            vector::TransferWriteOp::NAME
        } else {
            vector::TransferReadOp::NAME
        }
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        c: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let t = Transfer::of(ir, op).ok()?;
        let memref_type = ir.value_type(t.memref);
        let vector = c.convert(ir.ctx(), t.vector);
        let (length, _) = vector_1d(ir.ctx(), vector)?;
        let alignment = abi_alignment(ir.ctx(), vector_1d(ir.ctx(), vector)?.1)?;
        // Operands: [value,] memref, indices, [padding,] [mask].
        let first = usize::from(self.write);
        let descriptor = operands[first];
        let indices = operands[first + 1..first + 1 + t.indices.len()].to_vec();
        let padding =
            (!self.write).then(|| (ir.operands(op)[first + 1 + t.indices.len()], operands[first + 1 + t.indices.len()]));
        let mut e = Emit::new(r, op);
        let mask = match (t.in_bounds, t.mask) {
            (true, None) => None,
            (true, Some(mask)) => Some(mask),
            (false, mask) => {
                let bounds = Self::bounds_mask(&mut e, &t, length, self.force_32bit)?;
                match mask {
                    None => Some(bounds),
                    Some(mask) => {
                        let ty = e.r.ir().value_type(bounds);
                        Some(e.value::<arith::AndIOp>(&[&[bounds], &[mask]], ty, &[])?)
                    }
                }
            }
        };
        let pass_thru = match (padding, mask) {
            (Some((padding, converted)), Some(_)) => Some(Self::pass_thru(&mut e, padding, converted, vector)?),
            _ => None,
        };
        let address = address(&mut e, c, memref_type, descriptor, &indices)?;
        if self.write {
            match mask {
                None => store(&mut e, operands[0], address, alignment, false)?,
                Some(mask) => masked_store(&mut e, operands[0], address, mask, alignment)?,
            }
            return Some(Vec::new());
        }
        let value = match (mask, pass_thru) {
            (Some(mask), Some(pass_thru)) => masked_load(&mut e, address, mask, pass_thru, alignment)?,
            _ => load(&mut e, address, vector, alignment, false)?,
        };
        Some(vec![value])
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        Transfer::of(ir, op).err()
    }
}
