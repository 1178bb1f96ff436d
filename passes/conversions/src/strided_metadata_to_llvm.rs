//! The lowering of the two ops that `expand-strided-metadata` leaves:
//! `memref.extract_strided_metadata` reads a descriptor's fields (its base
//! buffer is the same pointers with offset 0 and rank 0), and
//! `memref.reinterpret_cast` builds a descriptor from the source's
//! pointers and new offset, sizes and strides. Part of
//! `finalize-memref-to-llvm`.

use dialect_memref as memref;
use ir::rewrite::{ConversionPattern, PatternRewriter, TypeConverter};
use ir::types::DYNAMIC;
use ir::{mixed_list, OpId, OpType, Value};

use crate::memref_descriptor::{index_constant, MemRefDescriptor};

/// Adds the two patterns.
pub fn populate_strided_metadata_to_llvm_patterns(patterns: &mut Vec<Box<dyn ConversionPattern>>) {
    patterns.push(Box::new(LowerExtractStridedMetadata));
    patterns.push(Box::new(LowerReinterpretCast));
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
