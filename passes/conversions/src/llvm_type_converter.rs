//! The types every lowering to the llvm dialect agrees on: `index` becomes
//! `i64`, a ranked memref becomes its descriptor
//! `!llvm.struct<(ptr, ptr, i64, array<R x i64>, array<R x i64>)>` (the
//! allocated and aligned pointers, the offset, the sizes and the strides),
//! an unranked memref becomes `!llvm.struct<(i64, ptr)>` (its rank and a
//! pointer to a ranked descriptor), and vectors of `index` become vectors
//! of `i64`. Integers, floats and 1-D vectors stay as they are.

use dialect_llvm::types::{self as llvm_types, LlvmType};
use ir::rewrite::{apply_conversion, ConversionMode, ConversionPattern, ConversionTarget, TypeConverter};
use ir::types::TypeData;
use ir::{AttrData, Attribute, Context, Type};

/// The width of `index` after lowering (upstream's default).
pub const INDEX_BITS: u32 = 64;

/// The integer type `index` lowers to.
pub fn index_type(ctx: &Context) -> Type {
    Type::integer(ctx, INDEX_BITS)
}

/// The address space a memref's memory space attribute names (0 if none).
pub fn address_space(ctx: &Context, memory_space: Option<Attribute>) -> Option<u32> {
    match memory_space.map(|m| m.data(ctx)) {
        None => Some(0),
        Some(AttrData::Integer { value, .. }) => u32::try_from(*value).ok(),
        Some(_) => None,
    }
}

/// The descriptor struct of a ranked memref of `rank` dimensions whose
/// pointers are in `space`.
pub fn descriptor_type(ctx: &Context, rank: usize, space: u32) -> Type {
    let ptr = LlvmType::Ptr(space).to_type(ctx);
    let i64t = index_type(ctx);
    let mut fields = vec![ptr, ptr, i64t];
    if rank > 0 {
        let array = llvm_types::array(ctx, rank as u64, i64t);
        fields.push(array);
        fields.push(array);
    }
    llvm_types::literal_struct(ctx, fields)
}

/// `!llvm.struct<(i64, ptr)>`: an unranked memref.
pub fn unranked_descriptor_type(ctx: &Context, space: u32) -> Type {
    llvm_types::literal_struct(ctx, vec![index_type(ctx), LlvmType::Ptr(space).to_type(ctx)])
}

/// The converted type, or `None` when the type has no LLVM form.
pub fn convert_type(ctx: &Context, ty: Type) -> Option<Type> {
    match ty.data(ctx) {
        TypeData::Index => Some(index_type(ctx)),
        TypeData::MemRef { shape, element, memory_space, .. } => {
            convert_type(ctx, *element)?;
            Some(descriptor_type(ctx, shape.len(), address_space(ctx, *memory_space)?))
        }
        TypeData::UnrankedMemRef { memory_space, .. } => Some(unranked_descriptor_type(ctx, address_space(ctx, *memory_space)?)),
        TypeData::Vector { shape, scalable, element } => {
            let element = convert_type(ctx, *element)?;
            Some(ctx.intern_type(TypeData::Vector { shape: shape.clone(), scalable: scalable.clone(), element }))
        }
        _ if llvm_types::is_llvm_compatible(ctx, ty) => Some(ty),
        _ => None,
    }
}

/// Lowers the ops of `dialect` under `root` with `patterns` (a partial
/// conversion: other dialects stay), llvm ops being legal.
pub fn lower_dialect_to_llvm(
    ir: &mut ir::Ir,
    root: ir::OpId,
    dialect: &str,
    populate: fn(&mut Vec<Box<dyn ConversionPattern>>),
) -> Result<(), ir::Diagnostic> {
    let target = ConversionTarget::default().legal_dialect("llvm").illegal_dialect(dialect);
    let mut patterns = Vec::new();
    populate(&mut patterns);
    apply_conversion(ir, root, &target, &llvm_type_converter(), &patterns, ConversionMode::Partial)
}

/// The type converter of the llvm lowerings.
pub fn llvm_type_converter() -> TypeConverter {
    let mut converter = TypeConverter::default();
    converter.add_rule(|ctx, ty| match ty.data(ctx) {
        TypeData::Index | TypeData::MemRef { .. } | TypeData::UnrankedMemRef { .. } | TypeData::Vector { .. } => {
            convert_type(ctx, ty)
        }
        _ => None,
    });
    converter
}
