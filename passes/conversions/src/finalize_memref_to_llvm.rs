//! `finalize-memref-to-llvm`: memref ops become descriptor manipulation
//! and memory access in the llvm dialect. Allocation calls `malloc`
//! (over-allocating and rounding the pointer up for `alignment`) or uses
//! `llvm.alloca`; `dealloc` calls `free`; loads and stores address
//! `aligned + offset + sum(index * stride)` with static offsets and strides
//! folded in; casts to unranked memrefs put the descriptor on the stack;
//! copies of contiguous buffers are one `llvm.intr.memcpy`, other copies
//! call the runtime's `memrefCopy`; atomic updates are `llvm.atomicrmw`;
//! globals become `llvm.mlir.global`. Upstream's output is the reference for each form.

use dialect_llvm as llvm;
use dialect_memref as memref;
use dialect_memref::layout::{canonical_strides, strides_and_offset};
use ir::pass::{FunctionPass, PassInfo};
use ir::rewrite::{ConversionPattern, PatternRewriter, TypeConverter};
use ir::types::{TypeData, DYNAMIC};
use ir::{AttrData, Attribute, Context, Diagnostic, Ir, Location, OpId, OpType, Type, Value};

use crate::llvm_type_converter::{index_type, lower_dialect_to_llvm};
use crate::memref_descriptor::{index_constant, MemRefDescriptor};

pub const INFO: PassInfo = PassInfo {
    name: "finalize-memref-to-llvm",
    summary: "Finalize MemRef dialect to LLVM dialect conversion",
    anchor: None,
    options: &[],
    dependent_dialects: &["llvm"],
    create: |_| Ok(Box::new(FunctionPass(finalize_memref_to_llvm))),
};

/// Lowers every memref op under `root`.
pub fn finalize_memref_to_llvm(ir: &mut Ir, root: OpId) -> Result<(), Diagnostic> {
    lower_dialect_to_llvm(ir, root, "memref", populate_memref_to_llvm_patterns)
}

/// The patterns that lower memref ops.
pub fn populate_memref_to_llvm_patterns(patterns: &mut Vec<Box<dyn ConversionPattern>>) {
    patterns.push(Box::new(LowerAlloc { on_stack: false }));
    patterns.push(Box::new(LowerAlloc { on_stack: true }));
    patterns.push(Box::new(LowerDealloc));
    patterns.push(Box::new(LowerAccess { store: false }));
    patterns.push(Box::new(LowerAccess { store: true }));
    patterns.push(Box::new(LowerAtomicRmw));
    patterns.push(Box::new(LowerDim));
    patterns.push(Box::new(LowerCast));
    patterns.push(Box::new(LowerCopy));
    patterns.push(Box::new(LowerGlobal));
    patterns.push(Box::new(LowerGetGlobal));
    crate::strided_metadata_to_llvm::populate_strided_metadata_to_llvm_patterns(patterns);
}

/// Whether the elements are contiguous in row-major order.
pub(crate) fn is_contiguous(ctx: &Context, ty: Type) -> bool {
    let (Some(shape), Some((strides, offset))) = (ty.shape(ctx), strides_and_offset(ctx, ty)) else { return false };
    offset == 0 && strides == canonical_strides(shape)
}

/// Integer arithmetic in `i64` before one anchor, as the lowering needs it.
pub(crate) struct Arith<'r, 'a> {
    pub(crate) r: &'r mut PatternRewriter<'a>,
    pub(crate) anchor: OpId,
    pub(crate) location: Location,
}

impl Arith<'_, '_> {
    pub(crate) fn constant(&mut self, value: i64) -> Option<Value> {
        index_constant(self.r, self.anchor, self.location, value)
    }

    fn binary<T: OpType>(&mut self, a: Value, b: Value, no_wrap: bool) -> Option<Value> {
        let ctx = self.r.ctx();
        let ty = self.r.ir().value_type(a);
        let flags = Attribute::integer(ctx, 3, Type::integer(ctx, 32));
        let attrs: &[(&str, Attribute)] = if no_wrap { &[("overflowFlags", flags)] } else { &[] };
        let op = self.r.build_before::<T>(self.anchor, self.location, &[&[a], &[b]], &[ty], attrs)?;
        Some(self.r.ir().result(op.op(), 0))
    }

    pub(crate) fn mul(&mut self, a: Value, b: Value) -> Option<Value> {
        self.binary::<llvm::MulOp>(a, b, false)
    }

    fn add(&mut self, a: Value, b: Value) -> Option<Value> {
        self.binary::<llvm::AddOp>(a, b, false)
    }

    /// `sizeof(element) * count` bytes, the way upstream computes it:
    /// `ptrtoint(getelementptr null[count])`.
    pub(crate) fn size_in_bytes(&mut self, element: Type, count: Value) -> Option<Value> {
        let ctx = self.r.ctx();
        let ptr = llvm::types::ptr(ctx);
        let null = self.r.build_before::<llvm::ZeroOp>(self.anchor, self.location, &[], &[ptr], &[])?;
        let null = self.r.ir().result(null.0, 0);
        let gep = gep(self.r, self.anchor, self.location, null, &[count], element, false)?;
        let i64t = index_type(self.r.ctx());
        let int = self.r.build_before::<llvm::PtrToIntOp>(self.anchor, self.location, &[&[gep]], &[i64t], &[])?;
        Some(self.r.ir().result(int.0, 0))
    }
}

/// `getelementptr [inbounds|nuw] base[indices]` over `element`.
pub(crate) fn gep(
    r: &mut PatternRewriter<'_>,
    anchor: OpId,
    location: Location,
    base: Value,
    indices: &[Value],
    element: Type,
    in_bounds: bool,
) -> Option<Value> {
    let ctx = r.ctx();
    let ptr = r.ir().value_type(base);
    let raw = vec![llvm::DYNAMIC_INDEX; indices.len()];
    let mut attributes =
        vec![("elem_type", Attribute::type_attr(ctx, element)), ("rawConstantIndices", Attribute::dense_i32_array(ctx, &raw))];
    if in_bounds {
        let bits = llvm::attrs::GEP_INBOUNDS | llvm::attrs::GEP_NUW;
        attributes.push(("noWrapFlags", Attribute::integer(ctx, bits, Type::integer(ctx, 32))));
    }
    let op = r.build_before::<llvm::GEPOp>(anchor, location, &[&[base], indices], &[ptr], &attributes)?;
    Some(r.ir().result(op.0, 0))
}

/// The element type a memref lowers to.
pub(crate) fn element_type(r: &PatternRewriter<'_>, converter: &TypeConverter, memref_type: Type) -> Type {
    let ctx = r.ctx();
    converter.convert(ctx, memref_type.element_type_or_self(ctx))
}

/// `memref.alloc` / `memref.alloca`: sizes from the type and the dynamic
/// operands, row-major strides, memory from `malloc` (aligned by hand when
/// asked) or `llvm.alloca`.
struct LowerAlloc {
    on_stack: bool,
}

impl ConversionPattern for LowerAlloc {
    fn root(&self) -> &'static str {
        if self.on_stack {
            memref::AllocaOp::NAME
        } else {
            memref::AllocOp::NAME
        }
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        converter: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let ty = ir.value_type(ir.result(op, 0));
        let TypeData::MemRef { shape, layout: None, .. } = ty.data(ctx).clone() else { return None };
        let descriptor_type = converter.convert(ctx, ty);
        let element = element_type(r, converter, ty);
        let alignment = r.ir().attr(op, "alignment").and_then(|a| a.as_integer(r.ctx()));
        let location = r.ir().op(op).location;
        let mut a = Arith { r, anchor: op, location };
        // Sizes, then strides from the innermost dimension out, then the count.
        let mut dynamic = operands.iter();
        let mut sizes = Vec::new();
        for &d in &shape {
            sizes.push(if d == DYNAMIC { *dynamic.next()? } else { a.constant(d)? });
        }
        // Static strides are constants; a dynamic one is the next stride
        // times the next size.
        let (static_strides, _) = strides_and_offset(a.r.ctx(), ty)?;
        let mut strides = vec![None; shape.len()];
        for d in (0..shape.len()).rev() {
            strides[d] = Some(match static_strides[d] {
                DYNAMIC => a.mul(strides[d + 1]?, sizes[d + 1])?,
                s => a.constant(s)?,
            });
        }
        let strides: Vec<Value> = strides.into_iter().collect::<Option<_>>()?;
        let count = match sizes.split_first() {
            Some((&first, rest)) => rest.iter().try_fold(first, |acc, &s| a.mul(s, acc))?,
            None => a.constant(1)?,
        };
        let ptr = llvm::types::ptr(a.r.ctx());
        let (allocated, aligned) = if self.on_stack {
            let ctx = a.r.ctx();
            let mut attrs = vec![("elem_type", Attribute::type_attr(ctx, element))];
            if let Some(al) = alignment {
                attrs.push(("alignment", Attribute::integer(ctx, al, Type::integer(ctx, 64))));
            }
            let alloca = a.r.build_before::<llvm::AllocaOp>(op, location, &[&[count]], &[ptr], &attrs)?;
            let p = a.r.ir().result(alloca.0, 0);
            (p, p)
        } else {
            let bytes = a.size_in_bytes(element, count)?;
            let i64t = index_type(a.r.ctx());
            let void = llvm::types::void(a.r.ctx());
            crate::llvm_function::declare(a.r, op, "free", &[ptr], void)?;
            crate::llvm_function::declare(a.r, op, "malloc", &[i64t], ptr)?;
            match alignment {
                None => {
                    let p = malloc(a.r, op, location, bytes)?;
                    (p, p)
                }
                Some(al) => {
                    let al = a.constant(al as i64)?;
                    let padded = a.add(bytes, al)?;
                    let p = malloc(a.r, op, location, padded)?;
                    (p, align_up(&mut a, p, al)?)
                }
            }
        };
        let zero = a.constant(0)?;
        let mut d = MemRefDescriptor::poison(a.r, descriptor_type, op, location)?;
        d.set_allocated_ptr(a.r, allocated)?;
        d.set_aligned_ptr(a.r, aligned)?;
        d.set_offset(a.r, zero)?;
        for (i, &s) in sizes.iter().enumerate() {
            d.set_size(a.r, i, s)?;
        }
        for (i, &s) in strides.iter().enumerate() {
            d.set_stride(a.r, i, s)?;
        }
        Some(vec![d.value])
    }
}

fn malloc(r: &mut PatternRewriter<'_>, anchor: OpId, location: Location, bytes: Value) -> Option<Value> {
    let ctx = r.ctx();
    let ptr = llvm::types::ptr(ctx);
    let call = r.build_before::<llvm::CallOp>(
        anchor,
        location,
        &[&[bytes], &[]],
        &[ptr],
        &[("callee", Attribute::symbol_ref(ctx, "malloc"))],
    )?;
    Some(r.ir().result(call.0, 0))
}

/// `p` rounded up to a multiple of `alignment`.
fn align_up(a: &mut Arith<'_, '_>, p: Value, alignment: Value) -> Option<Value> {
    let ctx = a.r.ctx();
    let i64t = index_type(ctx);
    let ptr = llvm::types::ptr(ctx);
    let int = a.r.build_before::<llvm::PtrToIntOp>(a.anchor, a.location, &[&[p]], &[i64t], &[])?;
    let int = a.r.ir().result(int.0, 0);
    let one = a.constant(1)?;
    let mask = a.binary::<llvm::SubOp>(alignment, one, false)?;
    let bumped = a.add(int, mask)?;
    let rest = a.binary::<llvm::URemOp>(bumped, alignment, false)?;
    let aligned = a.binary::<llvm::SubOp>(bumped, rest, false)?;
    let back = a.r.build_before::<llvm::IntToPtrOp>(a.anchor, a.location, &[&[aligned]], &[ptr], &[])?;
    Some(a.r.ir().result(back.0, 0))
}

/// `memref.dealloc`: `free` of the allocated pointer.
struct LowerDealloc;

impl ConversionPattern for LowerDealloc {
    fn root(&self) -> &'static str {
        memref::DeallocOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        _: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let location = r.ir().op(op).location;
        let ctx = r.ctx();
        let (ptr, void) = (llvm::types::ptr(ctx), llvm::types::void(ctx));
        crate::llvm_function::declare(r, op, "free", &[ptr], void)?;
        let allocated = MemRefDescriptor::new(operands[0], op, location).allocated_ptr(r)?;
        let callee = Attribute::symbol_ref(r.ctx(), "free");
        r.build_before::<llvm::CallOp>(op, location, &[&[allocated], &[]], &[], &[("callee", callee)])?;
        Some(Vec::new())
    }
}

/// The address of the element at `indices` of the memref of type `ty` held
/// in `descriptor`: static strides and offset are folded in. `no_wrap`
/// marks the index arithmetic `nsw|nuw` and the last step `inbounds|nuw`,
/// as upstream's memref lowering does (its vector lowering does not).
#[allow(clippy::too_many_arguments)]
pub(crate) fn element_address(
    r: &mut PatternRewriter<'_>,
    converter: &TypeConverter,
    ty: Type,
    descriptor: Value,
    indices: &[Value],
    anchor: OpId,
    location: Location,
    no_wrap: bool,
) -> Option<Value> {
    let (strides, offset) = strides_and_offset(r.ctx(), ty)?;
    let element = element_type(r, converter, ty);
    let d = MemRefDescriptor::new(descriptor, anchor, location);
    let mut base = d.aligned_ptr(r)?;
    if offset != 0 {
        let offset = if offset == DYNAMIC { d.offset(r)? } else { index_constant(r, anchor, location, offset)? };
        base = gep(r, anchor, location, base, &[offset], element, false)?;
    }
    let mut a = Arith { r, anchor, location };
    let mut linear: Option<Value> = None;
    for (dim, (&index, &stride)) in indices.iter().zip(&strides).enumerate() {
        let term = match stride {
            1 => index,
            DYNAMIC => {
                let s = MemRefDescriptor::new(descriptor, anchor, location).stride(a.r, dim)?;
                a.binary::<llvm::MulOp>(index, s, no_wrap)?
            }
            s => {
                let s = a.constant(s)?;
                a.binary::<llvm::MulOp>(index, s, no_wrap)?
            }
        };
        linear = Some(match linear {
            None => term,
            Some(sum) => a.binary::<llvm::AddOp>(sum, term, no_wrap)?,
        });
    }
    match linear {
        None => Some(base),
        Some(linear) => gep(r, anchor, location, base, &[linear], element, no_wrap),
    }
}

/// `memref.load` / `memref.store`: `llvm.load` / `llvm.store` at the element's address.
struct LowerAccess {
    store: bool,
}

impl ConversionPattern for LowerAccess {
    fn root(&self) -> &'static str {
        if self.store {
            memref::StoreOp::NAME
        } else {
            memref::LoadOp::NAME
        }
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        converter: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let location = ir.op(op).location;
        let nontemporal = ir.attr(op, "nontemporal").filter(|a| a.as_integer(ir.ctx()) == Some(1));
        let memref_index = usize::from(self.store);
        let ty = ir.value_type(ir.operands(op)[memref_index]);
        let address =
            element_address(r, converter, ty, operands[memref_index], &operands[memref_index + 1..], op, location, true)?;
        let mut attrs = Vec::new();
        if nontemporal.is_some() {
            attrs.push(("nontemporal", Attribute::unit(r.ctx())));
        }
        if self.store {
            r.build_before::<llvm::StoreOp>(op, location, &[&[operands[0]], &[address]], &[], &attrs)?;
            Some(Vec::new())
        } else {
            let element = element_type(r, converter, ty);
            let load = r.build_before::<llvm::LoadOp>(op, location, &[&[address]], &[element], &attrs)?;
            Some(vec![r.ir().result(load.0, 0)])
        }
    }
}

/// `memref.atomic_rmw`: `llvm.atomicrmw` on the element's address, with
/// `acq_rel` ordering as upstream; `mulf` and `muli` have no LLVM atomic.
struct LowerAtomicRmw;

/// The `llvm.atomicrmw` operation of a `memref.atomic_rmw` kind.
fn atomic_bin_op(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "addf" => "fadd",
        "addi" => "add",
        "andi" => "_and",
        "assign" => "xchg",
        "maximumf" => "fmaximum",
        "maxnumf" => "fmax",
        "maxs" => "max",
        "maxu" => "umax",
        "minimumf" => "fminimum",
        "minnumf" => "fmin",
        "mins" => "min",
        "minu" => "umin",
        "ori" => "_or",
        "xori" => "_xor",
        _ => return None,
    })
}

impl ConversionPattern for LowerAtomicRmw {
    fn root(&self) -> &'static str {
        memref::AtomicRmwOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        converter: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let location = ir.op(op).location;
        let rmw = memref::AtomicRmwOp(op);
        let kind = rmw.kind(ir).and_then(|k| k.as_integer(ctx)).and_then(|i| usize::try_from(i).ok());
        let bin_op = kind.and_then(|k| memref::ATOMIC_RMW_KINDS.get(k)).and_then(|k| atomic_bin_op(k))?;
        let ty = ir.value_type(rmw.memref(ir));
        let result_type = converter.convert(ctx, ir.value_type(rmw.result(ir)));
        let address = element_address(r, converter, ty, operands[1], &operands[2..], op, location, true)?;
        let i64t = Type::integer(r.ctx(), 64);
        let attrs = [
            ("bin_op", Attribute::integer(r.ctx(), llvm::atomic_bin_op(bin_op)?, i64t)),
            ("ordering", Attribute::integer(r.ctx(), 6, i64t)),
        ];
        let atomic = r.build_before::<llvm::AtomicRMWOp>(op, location, &[&[address], &[operands[0]]], &[result_type], &attrs)?;
        Some(vec![r.ir().result(atomic.0, 0)])
    }

    fn failure_note(&self, _: &Ir, _: OpId) -> Option<String> {
        Some("'mulf' and 'muli' have no LLVM atomic operation".into())
    }
}

/// `memref.dim`: a constant for static sizes, the descriptor's size for a
/// constant index, and a load from a stack copy of the sizes otherwise.
struct LowerDim;

impl ConversionPattern for LowerDim {
    fn root(&self) -> &'static str {
        memref::DimOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        _: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let location = ir.op(op).location;
        let shape = ir.value_type(ir.operands(op)[0]).shape(ctx)?.to_vec();
        // The index may be known from the original operand or, when its
        // producer was lowered first, from the converted one.
        let index = ir::rewrite::constant_value(ir, ir.operands(op)[1])
            .or_else(|| ir::rewrite::constant_value(ir, operands[1]))
            .and_then(|c| c.as_integer(ctx));
        let d = MemRefDescriptor::new(operands[0], op, location);
        match index.and_then(|i| usize::try_from(i).ok()).filter(|&i| i < shape.len()) {
            Some(i) if shape[i] != DYNAMIC => Some(vec![index_constant(r, op, location, shape[i])?]),
            Some(i) => Some(vec![d.size(r, i)?]),
            None => {
                let ctx = r.ctx();
                let i64t = index_type(ctx);
                let array = llvm::types::array(ctx, shape.len() as u64, i64t);
                let sizes_position = ir::mixed_list::attribute(ctx, &[3]);
                let sizes = r.build_before::<llvm::ExtractValueOp>(
                    op,
                    location,
                    &[&[operands[0]]],
                    &[array],
                    &[("position", sizes_position)],
                )?;
                let sizes = r.ir().result(sizes.0, 0);
                let one = index_constant(r, op, location, 1)?;
                let ptr = llvm::types::ptr(r.ctx());
                let slot = r.build_before::<llvm::AllocaOp>(
                    op,
                    location,
                    &[&[one]],
                    &[ptr],
                    &[("elem_type", Attribute::type_attr(r.ctx(), array))],
                )?;
                let slot = r.ir().result(slot.0, 0);
                r.build_before::<llvm::StoreOp>(op, location, &[&[sizes], &[slot]], &[], &[])?;
                let zero_index = Attribute::dense_i32_array(r.ctx(), &[0, llvm::DYNAMIC_INDEX]);
                let gep_attrs = [("elem_type", Attribute::type_attr(r.ctx(), array)), ("rawConstantIndices", zero_index)];
                let address = r.build_before::<llvm::GEPOp>(op, location, &[&[slot], &[operands[1]]], &[ptr], &gep_attrs)?;
                let address = r.ir().result(address.0, 0);
                let load = r.build_before::<llvm::LoadOp>(op, location, &[&[address]], &[i64t], &[])?;
                Some(vec![r.ir().result(load.0, 0)])
            }
        }
    }
}

/// `memref.cast`: the same descriptor between ranked types; to an unranked
/// memref, the descriptor goes to a stack slot and the result holds the
/// rank and the slot; from one, the descriptor is loaded back.
struct LowerCast;

impl ConversionPattern for LowerCast {
    fn root(&self) -> &'static str {
        memref::CastOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        converter: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let location = ir.op(op).location;
        let (from, to) = (ir.value_type(ir.operands(op)[0]), ir.value_type(ir.result(op, 0)));
        let to_converted = converter.convert(ctx, to);
        match (from.data(ctx), to.data(ctx)) {
            (TypeData::MemRef { .. }, TypeData::MemRef { .. }) => Some(vec![operands[0]]),
            (TypeData::MemRef { shape, .. }, TypeData::UnrankedMemRef { .. }) => {
                let rank = index_constant(r, op, location, shape.len() as i64)?;
                Some(vec![unranked_descriptor(r, op, location, operands[0], rank, to_converted)?])
            }
            (TypeData::UnrankedMemRef { .. }, TypeData::MemRef { .. }) => {
                let ptr = llvm::types::ptr(r.ctx());
                let position = ir::mixed_list::attribute(r.ctx(), &[1]);
                let pointer =
                    r.build_before::<llvm::ExtractValueOp>(op, location, &[&[operands[0]]], &[ptr], &[("position", position)])?;
                let pointer = r.ir().result(pointer.0, 0);
                let load = r.build_before::<llvm::LoadOp>(op, location, &[&[pointer]], &[to_converted], &[])?;
                Some(vec![r.ir().result(load.0, 0)])
            }
            _ => None,
        }
    }
}

/// `memref.copy` between contiguous buffers: `llvm.intr.memcpy` of the
/// element count times the element size.
struct LowerCopy;

impl ConversionPattern for LowerCopy {
    fn root(&self) -> &'static str {
        memref::CopyOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        converter: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let location = ir.op(op).location;
        let (source_type, target_type) = (ir.value_type(ir.operands(op)[0]), ir.value_type(ir.operands(op)[1]));
        if !is_contiguous(ctx, source_type) || !is_contiguous(ctx, target_type) {
            return copy_through_runtime(op, operands, converter, r);
        }
        let rank = source_type.shape(ctx)?.len();
        let element = element_type(r, converter, source_type);
        let source = MemRefDescriptor::new(operands[0], op, location);
        let mut a = Arith { r, anchor: op, location };
        let mut count = a.constant(1)?;
        for d in 0..rank {
            let size = source.size(a.r, d)?;
            count = a.mul(count, size)?;
        }
        let one = a.constant(1)?;
        let element_bytes = a.size_in_bytes(element, one)?;
        let bytes = a.mul(count, element_bytes)?;
        let start = |r: &mut PatternRewriter<'_>, descriptor: Value| -> Option<Value> {
            let d = MemRefDescriptor::new(descriptor, op, location);
            let aligned = d.aligned_ptr(r)?;
            let offset = d.offset(r)?;
            gep(r, op, location, aligned, &[offset], element, false)
        };
        let from = start(a.r, operands[0])?;
        let to = start(a.r, operands[1])?;
        let volatile = Attribute::bool(a.r.ctx(), false);
        a.r.build_before::<llvm::MemcpyOp>(op, location, &[&[to], &[from], &[bytes]], &[], &[("isVolatile", volatile)])?;
        Some(Vec::new())
    }
}

/// `value` stored in a new stack slot (`llvm.alloca` of its type); the slot.
fn stack_slot(r: &mut PatternRewriter<'_>, anchor: OpId, location: Location, value: Value) -> Option<Value> {
    let ty = r.ir().value_type(value);
    let one = index_constant(r, anchor, location, 1)?;
    let ptr = llvm::types::ptr(r.ctx());
    let slot = r.build_before::<llvm::AllocaOp>(
        anchor,
        location,
        &[&[one]],
        &[ptr],
        &[("elem_type", Attribute::type_attr(r.ctx(), ty))],
    )?;
    let slot = r.ir().result(slot.0, 0);
    r.build_before::<llvm::StoreOp>(anchor, location, &[&[value], &[slot]], &[], &[])?;
    Some(slot)
}

/// The unranked descriptor `{rank, pointer to a stack copy of descriptor}`
/// (of type `unranked`) for ranked descriptor `descriptor`.
fn unranked_descriptor(
    r: &mut PatternRewriter<'_>,
    anchor: OpId,
    location: Location,
    descriptor: Value,
    rank: Value,
    unranked: Type,
) -> Option<Value> {
    let slot = stack_slot(r, anchor, location, descriptor)?;
    let poison = r.build_before::<llvm::PoisonOp>(anchor, location, &[], &[unranked], &[])?;
    let mut value = r.ir().result(poison.0, 0);
    for (i, field) in [rank, slot].into_iter().enumerate() {
        let position = ir::mixed_list::attribute(r.ctx(), &[i as i64]);
        let insert = r.build_before::<llvm::InsertValueOp>(
            anchor,
            location,
            &[&[value], &[field]],
            &[unranked],
            &[("position", position)],
        )?;
        value = r.ir().result(insert.0, 0);
    }
    Some(value)
}

/// A copy between strided buffers, as upstream lowers it: each descriptor
/// goes to a stack slot, described as an unranked memref `{rank, slot}`,
/// and the runtime's `memrefCopy(element size, source, target)` walks them;
/// the slots are freed after the call (`stacksave`/`stackrestore`).
fn copy_through_runtime(
    op: OpId,
    operands: &[Value],
    converter: &TypeConverter,
    r: &mut PatternRewriter<'_>,
) -> Option<Vec<Value>> {
    let ir = r.ir();
    let ctx = ir.ctx_arc().clone();
    let location = ir.op(op).location;
    let source_type = ir.value_type(ir.operands(op)[0]);
    let rank = source_type.shape(&ctx)?.len() as i64;
    let element = element_type(r, converter, source_type);
    let ptr = llvm::types::ptr(&ctx);
    let i64t = index_type(&ctx);
    let unranked = llvm::types::literal_struct(&ctx, vec![i64t, ptr]);
    let saved = r.build_before::<llvm::StackSaveOp>(op, location, &[], &[ptr], &[])?;
    let saved = r.ir().result(saved.0, 0);
    // The rank as an `i64` constant, as upstream writes it here.
    let rank = r.build_before::<llvm::ConstantOp>(
        op,
        location,
        &[],
        &[i64t],
        &[("value", Attribute::integer(&ctx, rank as i128, i64t))],
    )?;
    let rank = r.ir().result(rank.0, 0);
    let mut described = Vec::with_capacity(2);
    for &descriptor in &operands[..2] {
        described.push(unranked_descriptor(r, op, location, descriptor, rank, unranked)?);
    }
    let mut pointers = Vec::with_capacity(2);
    for value in described {
        pointers.push(stack_slot(r, op, location, value)?);
    }
    // sizeof(element) as `ptrtoint(getelementptr null[1])`, the index a
    // constant of the op, as upstream writes it.
    let null = r.build_before::<llvm::ZeroOp>(op, location, &[], &[ptr], &[])?;
    let null = r.ir().result(null.0, 0);
    let attributes =
        [("elem_type", Attribute::type_attr(&ctx, element)), ("rawConstantIndices", Attribute::dense_i32_array(&ctx, &[1]))];
    let next = r.build_before::<llvm::GEPOp>(op, location, &[&[null], &[]], &[ptr], &attributes)?;
    let next = r.ir().result(next.0, 0);
    let element_bytes = r.build_before::<llvm::PtrToIntOp>(op, location, &[&[next]], &[i64t], &[])?;
    let element_bytes = r.ir().result(element_bytes.0, 0);
    let void = llvm::types::void(&ctx);
    crate::llvm_function::declare(r, op, "memrefCopy", &[i64t, ptr, ptr], void)?;
    r.build_before::<llvm::CallOp>(
        op,
        location,
        &[&[element_bytes, pointers[0], pointers[1]], &[]],
        &[],
        &[("callee", Attribute::symbol_ref(&ctx, "memrefCopy"))],
    )?;
    r.build_before::<llvm::StackRestoreOp>(op, location, &[&[saved]], &[], &[])?;
    Some(Vec::new())
}

/// `memref.global`: an `llvm.mlir.global` of the array type of its shape,
/// holding the initial value.
struct LowerGlobal;

/// `!llvm.array<d0 x !llvm.array<d1 x ... element>>` for a static shape.
fn array_type(ctx: &Context, shape: &[i64], element: Type) -> Type {
    shape.iter().rev().fold(element, |inner, &d| llvm::types::array(ctx, d.max(0) as u64, inner))
}

impl ConversionPattern for LowerGlobal {
    fn root(&self) -> &'static str {
        memref::GlobalOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        _: &[Value],
        converter: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let global = memref::GlobalOp(op);
        let ty = global.r#type(ir)?.as_type(ctx)?;
        let shape = ty.shape(ctx)?.to_vec();
        let element = converter.convert(ctx, ty.element_type_or_self(ctx));
        let array = array_type(ctx, &shape, element);
        let private = global.sym_visibility(ir).and_then(|v| v.as_string(ctx)) == Some("private");
        let mut attributes = vec![
            ("sym_name", Attribute::string(ctx, ir.symbol_name(op)?)),
            ("global_type", Attribute::type_attr(ctx, array)),
            ("linkage", llvm::attrs::linkage_attr(ctx, if private { "private" } else { "external" })),
            ("addr_space", Attribute::integer(ctx, 0, Type::integer(ctx, 32))),
        ];
        if global.constant(ir).is_some() {
            attributes.push(("constant", Attribute::unit(ctx)));
        }
        if let Some(value) = global.initial_value(ir).filter(|v| !matches!(v.data(ctx), AttrData::Unit)) {
            attributes.push(("value", value));
        }
        if let Some(alignment) = global.alignment(ir) {
            attributes.push(("alignment", alignment));
        }
        let location = ir.op(op).location;
        r.build_before::<llvm::GlobalOp>(op, location, &[], &[], &attributes)?;
        Some(Vec::new())
    }
}

/// `memref.get_global`: a descriptor over the global's address, with the
/// dead-beef allocated pointer upstream uses to mark memory not to free.
struct LowerGetGlobal;

impl ConversionPattern for LowerGetGlobal {
    fn root(&self) -> &'static str {
        memref::GetGlobalOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        _: &[Value],
        converter: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let location = ir.op(op).location;
        let ty = ir.value_type(ir.result(op, 0));
        let shape = ty.shape(ctx)?.to_vec();
        let name = memref::GetGlobalOp(op).name(ir)?;
        let descriptor_type = converter.convert(ctx, ty);
        let element = converter.convert(ctx, ty.element_type_or_self(ctx));
        let array = array_type(ctx, &shape, element);
        let ptr = llvm::types::ptr(ctx);
        let address = r.build_before::<llvm::AddressOfOp>(op, location, &[], &[ptr], &[("global_name", name)])?;
        let address = r.ir().result(address.0, 0);
        let zeros = Attribute::dense_i32_array(r.ctx(), &vec![0; shape.len() + 1]);
        let gep_attrs = [("elem_type", Attribute::type_attr(r.ctx(), array)), ("rawConstantIndices", zeros)];
        let start = r.build_before::<llvm::GEPOp>(op, location, &[&[address], &[]], &[ptr], &gep_attrs)?;
        let start = r.ir().result(start.0, 0);
        let dead_beef = index_constant(r, op, location, 0xdead_beef)?;
        let marker = r.build_before::<llvm::IntToPtrOp>(op, location, &[&[dead_beef]], &[ptr], &[])?;
        let marker = r.ir().result(marker.0, 0);
        let d = MemRefDescriptor::from_static_shape(r, descriptor_type, ty, marker, start, op, location)?;
        Some(vec![d.value])
    }
}
