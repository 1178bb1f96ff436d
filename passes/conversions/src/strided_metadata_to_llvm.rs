//! The lowering of the ops that `expand-strided-metadata` leaves:
//! `memref.extract_strided_metadata` reads a descriptor's fields (its base
//! buffer is the same pointers with offset 0 and rank 0),
//! `memref.reinterpret_cast` builds a descriptor from the source's
//! pointers and new offset, sizes and strides, and `memref.reshape` one
//! from the source's pointers, the sizes loaded from its shape buffer and
//! their row-major strides (ranked sources and results). Part of
//! `finalize-memref-to-llvm`.

use dialect_llvm as llvm;
use dialect_memref as memref;
use ir::rewrite::{ConversionPattern, PatternRewriter, TypeConverter};
use ir::types::DYNAMIC;
use ir::{mixed_list, OpId, OpType, Value};

use crate::finalize_memref_to_llvm::{element_address, Arith};
use crate::llvm_type_converter::index_type;
use crate::memref_descriptor::{index_constant, MemRefDescriptor};

/// Adds the three patterns.
pub fn populate_strided_metadata_to_llvm_patterns(patterns: &mut Vec<Box<dyn ConversionPattern>>) {
    patterns.push(Box::new(LowerExtractStridedMetadata));
    patterns.push(Box::new(LowerReinterpretCast));
    patterns.push(Box::new(LowerReshape));
}

struct LowerExtractStridedMetadata;

impl ConversionPattern for LowerExtractStridedMetadata {
    fn root(&self) -> &'static str {
        memref::ExtractStridedMetadataOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        converter: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx_arc().clone();
        let location = ir.op(op).location;
        let source_type = ir.value_type(ir.operands(op)[0]);
        let rank = source_type.shape(&ctx)?.len();
        let base_type = converter.convert(&ctx, ir.value_type(ir.result(op, 0)));
        let source = MemRefDescriptor::new(operands[0], op, location);
        let mut base = MemRefDescriptor::poison(r, base_type, op, location)?;
        let allocated = source.allocated_ptr(r)?;
        let aligned = source.aligned_ptr(r)?;
        base.set_allocated_ptr(r, allocated)?;
        base.set_aligned_ptr(r, aligned)?;
        let zero = index_constant(r, op, location, 0)?;
        base.set_offset(r, zero)?;
        let mut results = vec![base.value, source.offset(r)?];
        for d in 0..rank {
            results.push(source.size(r, d)?);
        }
        for d in 0..rank {
            results.push(source.stride(r, d)?);
        }
        Some(results)
    }
}

struct LowerReinterpretCast;

impl ConversionPattern for LowerReinterpretCast {
    fn root(&self) -> &'static str {
        memref::ReinterpretCastOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        converter: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx_arc().clone();
        let location = ir.op(op).location;
        if !ir.value_type(ir.operands(op)[0]).is_memref(&ctx) || ir.value_type(ir.operands(op)[0]).shape(&ctx).is_none() {
            return None; // an unranked source
        }
        let result_type = converter.convert(&ctx, ir.value_type(ir.result(op, 0)));
        let lists = ["static_offsets", "static_sizes", "static_strides"].map(|n| mixed_list::statics(ir, op, n));
        let source = MemRefDescriptor::new(operands[0], op, location);
        let mut dynamic = operands[1..].iter().copied();
        let mut fields = vec![source.allocated_ptr(r)?, source.aligned_ptr(r)?];
        let mut sizes_and_strides = Vec::new();
        for (k, list) in lists.iter().enumerate() {
            for &entry in list {
                let value = if entry == DYNAMIC { dynamic.next()? } else { index_constant(r, op, location, entry)? };
                if k == 0 {
                    fields.push(value);
                } else {
                    sizes_and_strides.push(value);
                }
            }
        }
        fields.extend(sizes_and_strides);
        MemRefDescriptor::pack(r, result_type, &fields, op, location).map(|d| vec![d.value])
    }
}

struct LowerReshape;

impl ConversionPattern for LowerReshape {
    fn root(&self) -> &'static str {
        memref::ReshapeOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        converter: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx_arc().clone();
        let location = ir.op(op).location;
        let reshape = memref::ReshapeOp(op);
        let (source_type, shape_type) = (ir.value_type(reshape.source(ir)), ir.value_type(reshape.shape(ir)));
        let result = ir.value_type(reshape.result(ir));
        source_type.shape(&ctx)?;
        let result_shape = result.shape(&ctx)?.to_vec();
        let result_type = converter.convert(&ctx, result);
        let i64t = index_type(&ctx);
        let size_element = converter.convert(&ctx, shape_type.element_type_or_self(&ctx));
        let mut sizes = Vec::with_capacity(result_shape.len());
        for (d, &static_size) in result_shape.iter().enumerate() {
            if static_size != DYNAMIC {
                sizes.push(index_constant(r, op, location, static_size)?);
                continue;
            }
            let position = index_constant(r, op, location, d as i64)?;
            let address = element_address(r, converter, shape_type, operands[1], &[position], op, location, true)?;
            let load = r.build_before::<llvm::LoadOp>(op, location, &[&[address]], &[size_element], &[])?;
            let mut size = r.ir().result(load.0, 0);
            if size_element != i64t {
                let extended = r.build_before::<llvm::SExtOp>(op, location, &[&[size]], &[i64t], &[])?;
                size = r.ir().result(extended.0, 0);
            }
            sizes.push(size);
        }
        let mut strides = vec![None; sizes.len()];
        let mut a = Arith { r, anchor: op, location };
        let mut running = a.constant(1)?;
        for d in (0..sizes.len()).rev() {
            strides[d] = Some(running);
            if d > 0 {
                running = a.mul(running, sizes[d])?;
            }
        }
        let source = MemRefDescriptor::new(operands[0], op, location);
        let mut fields = vec![source.allocated_ptr(r)?, source.aligned_ptr(r)?, index_constant(r, op, location, 0)?];
        fields.extend(sizes);
        fields.extend(strides.into_iter().collect::<Option<Vec<_>>>()?);
        MemRefDescriptor::pack(r, result_type, &fields, op, location).map(|d| vec![d.value])
    }

    fn failure_note(&self, _: &ir::Ir, _: OpId) -> Option<String> {
        Some("only reshapes of ranked buffers to ranked buffers are lowered".into())
    }
}
