//! Reading and building memref descriptors in the llvm dialect: the struct
//! `(allocated ptr, aligned ptr, offset, sizes[rank], strides[rank])` that a
//! memref lowers to, through `llvm.extractvalue` and `llvm.insertvalue`.
//! Element `i` of a memref with indices `idx` lives at
//! `aligned + offset + sum(idx[d] * strides[d])` elements.

use dialect_llvm as llvm;
use ir::rewrite::PatternRewriter;
use ir::{Location, OpId, Type, Value};

use crate::llvm_type_converter::index_type;

/// The fields of a descriptor, by position.
const ALLOCATED: i64 = 0;
const ALIGNED: i64 = 1;
const OFFSET: i64 = 2;
const SIZES: i64 = 3;
const STRIDES: i64 = 4;

/// A descriptor value and where new ops go (before `anchor`).
pub struct MemRefDescriptor {
    pub value: Value,
    anchor: OpId,
    location: Location,
}

impl MemRefDescriptor {
    pub fn new(value: Value, anchor: OpId, location: Location) -> Self {
        MemRefDescriptor { value, anchor, location }
    }

    /// A poison descriptor of `ty`, to fill with [`MemRefDescriptor::set`].
    pub fn poison(rewriter: &mut PatternRewriter<'_>, ty: Type, anchor: OpId, location: Location) -> Option<Self> {
        let poison = rewriter.build_before::<llvm::PoisonOp>(anchor, location, &[], &[ty], &[])?;
        Some(MemRefDescriptor { value: rewriter.ir().result(poison.0, 0), anchor, location })
    }

    fn descriptor_type(&self, rewriter: &PatternRewriter<'_>) -> Type {
        rewriter.ir().value_type(self.value)
    }

    fn extract(&self, rewriter: &mut PatternRewriter<'_>, position: &[i64]) -> Option<Value> {
        let ctx = rewriter.ctx();
        let ty = llvm::element_type_at(ctx, self.descriptor_type(rewriter), position)?;
        let position = ir::mixed_list::attribute(ctx, position);
        let op = rewriter.build_before::<llvm::ExtractValueOp>(
            self.anchor,
            self.location,
            &[&[self.value]],
            &[ty],
            &[("position", position)],
        )?;
        Some(rewriter.ir().result(op.0, 0))
    }

    fn insert(&mut self, rewriter: &mut PatternRewriter<'_>, position: &[i64], field: Value) -> Option<()> {
        let ty = self.descriptor_type(rewriter);
        let position = ir::mixed_list::attribute(rewriter.ctx(), position);
        let op = rewriter.build_before::<llvm::InsertValueOp>(
            self.anchor,
            self.location,
            &[&[self.value], &[field]],
            &[ty],
            &[("position", position)],
        )?;
        self.value = rewriter.ir().result(op.0, 0);
        Some(())
    }

    pub fn allocated_ptr(&self, rewriter: &mut PatternRewriter<'_>) -> Option<Value> {
        self.extract(rewriter, &[ALLOCATED])
    }
    pub fn aligned_ptr(&self, rewriter: &mut PatternRewriter<'_>) -> Option<Value> {
        self.extract(rewriter, &[ALIGNED])
    }
    pub fn offset(&self, rewriter: &mut PatternRewriter<'_>) -> Option<Value> {
        self.extract(rewriter, &[OFFSET])
    }
    pub fn size(&self, rewriter: &mut PatternRewriter<'_>, dim: usize) -> Option<Value> {
        self.extract(rewriter, &[SIZES, dim as i64])
    }
    pub fn stride(&self, rewriter: &mut PatternRewriter<'_>, dim: usize) -> Option<Value> {
        self.extract(rewriter, &[STRIDES, dim as i64])
    }

    pub fn set_allocated_ptr(&mut self, rewriter: &mut PatternRewriter<'_>, v: Value) -> Option<()> {
        self.insert(rewriter, &[ALLOCATED], v)
    }
    pub fn set_aligned_ptr(&mut self, rewriter: &mut PatternRewriter<'_>, v: Value) -> Option<()> {
        self.insert(rewriter, &[ALIGNED], v)
    }
    pub fn set_offset(&mut self, rewriter: &mut PatternRewriter<'_>, v: Value) -> Option<()> {
        self.insert(rewriter, &[OFFSET], v)
    }
    pub fn set_size(&mut self, rewriter: &mut PatternRewriter<'_>, dim: usize, v: Value) -> Option<()> {
        self.insert(rewriter, &[SIZES, dim as i64], v)
    }
    pub fn set_stride(&mut self, rewriter: &mut PatternRewriter<'_>, dim: usize, v: Value) -> Option<()> {
        self.insert(rewriter, &[STRIDES, dim as i64], v)
    }

    /// The rank of the descriptor's memref.
    pub fn rank(&self, rewriter: &PatternRewriter<'_>) -> usize {
        match llvm::types::LlvmType::of(rewriter.ctx(), self.descriptor_type(rewriter)) {
            Some(llvm::types::LlvmType::Struct { body: Some(fields), .. }) if fields.len() == 5 => {
                match llvm::types::LlvmType::of(rewriter.ctx(), fields[3]) {
                    Some(llvm::types::LlvmType::Array(n, _)) => n as usize,
                    _ => 0,
                }
            }
            _ => 0,
        }
    }

    /// Every field in descriptor order (allocated, aligned, offset, sizes,
    /// strides): how memrefs are passed to functions.
    pub fn unpack(&self, rewriter: &mut PatternRewriter<'_>) -> Option<Vec<Value>> {
        let rank = self.rank(rewriter);
        let mut fields = vec![self.allocated_ptr(rewriter)?, self.aligned_ptr(rewriter)?, self.offset(rewriter)?];
        for d in 0..rank {
            fields.push(self.size(rewriter, d)?);
        }
        for d in 0..rank {
            fields.push(self.stride(rewriter, d)?);
        }
        Some(fields)
    }

    /// A descriptor of `ty` from its fields in [`MemRefDescriptor::unpack`]'s
    /// order, filled as upstream fills it (sizes and strides interleaved).
    pub fn pack(
        rewriter: &mut PatternRewriter<'_>,
        ty: Type,
        fields: &[Value],
        anchor: OpId,
        location: Location,
    ) -> Option<Self> {
        let mut d = MemRefDescriptor::poison(rewriter, ty, anchor, location)?;
        let rank = (fields.len().checked_sub(3)?) / 2;
        d.set_allocated_ptr(rewriter, fields[0])?;
        d.set_aligned_ptr(rewriter, fields[1])?;
        d.set_offset(rewriter, fields[2])?;
        for i in 0..rank {
            d.set_size(rewriter, i, fields[3 + i])?;
            d.set_stride(rewriter, i, fields[3 + rank + i])?;
        }
        Some(d)
    }
}

impl MemRefDescriptor {
    /// The descriptor (of type `ty`) of the statically shaped `memref_type`
    /// over `allocated` and `aligned`, with its layout's offset and strides
    /// as constants, filled as upstream fills it.
    #[allow(clippy::too_many_arguments)]
    pub fn from_static_shape(
        rewriter: &mut PatternRewriter<'_>,
        ty: Type,
        memref_type: Type,
        allocated: Value,
        aligned: Value,
        anchor: OpId,
        location: Location,
    ) -> Option<Self> {
        let ctx = rewriter.ctx();
        let shape = memref_type.shape(ctx)?.to_vec();
        let (strides, offset) = dialect_memref::layout::strides_and_offset(ctx, memref_type)?;
        let mut d = MemRefDescriptor::poison(rewriter, ty, anchor, location)?;
        d.set_allocated_ptr(rewriter, allocated)?;
        d.set_aligned_ptr(rewriter, aligned)?;
        let offset = index_constant(rewriter, anchor, location, offset)?;
        d.set_offset(rewriter, offset)?;
        for (i, (&size, &stride)) in shape.iter().zip(&strides).enumerate() {
            let size = index_constant(rewriter, anchor, location, size)?;
            d.set_size(rewriter, i, size)?;
            let stride = index_constant(rewriter, anchor, location, stride)?;
            d.set_stride(rewriter, i, stride)?;
        }
        Some(d)
    }
}

/// `llvm.mlir.constant(value : index) : i64`, as upstream writes index constants.
pub fn index_constant(rewriter: &mut PatternRewriter<'_>, anchor: OpId, location: Location, value: i64) -> Option<Value> {
    let ctx = rewriter.ctx();
    let attr = ir::Attribute::integer(ctx, value as i128, Type::index(ctx));
    let ty = index_type(ctx);
    let op = rewriter.build_before::<llvm::ConstantOp>(anchor, location, &[], &[ty], &[("value", attr)])?;
    Some(rewriter.ir().result(op.0, 0))
}
