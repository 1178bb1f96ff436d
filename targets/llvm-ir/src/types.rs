//! Types: builtin integers, floats and 1-D vectors, and the llvm dialect's
//! pointers, arrays, structs (literal, packed, identified), functions,
//! `void`, `label` and `metadata`. Anything else (`index`, `memref`,
//! tensors, n-D vectors, the small float formats) has no LLVM type.

use inkwell::types::{AnyType, AnyTypeEnum, BasicMetadataTypeEnum, BasicType, BasicTypeEnum};
use inkwell::AddressSpace;
use ir::types::{FloatKind, TypeData};
use ir::Type;

use dialect_llvm::types::LlvmType;

use crate::ffi;
use crate::translator::Translator;

/// The LLVM type of `ty`, or `None` when it has none.
pub(crate) fn convert<'ctx>(t: &mut Translator<'_, 'ctx>, ty: Type) -> Option<AnyTypeEnum<'ctx>> {
    let ctx = t.ir.ctx();
    let llvm = t.llvm;
    Some(match ty.data(ctx) {
        TypeData::Integer { width, .. } => llvm.custom_width_int_type(std::num::NonZeroU32::new(*width)?).ok()?.into(),
        TypeData::Float(kind) => match kind {
            FloatKind::F16 => llvm.f16_type().into(),
            FloatKind::BF16 => llvm.bf16_type().into(),
            FloatKind::F32 => llvm.f32_type().into(),
            FloatKind::F64 => llvm.f64_type().into(),
            FloatKind::F80 => llvm.x86_f80_type().into(),
            FloatKind::F128 => llvm.f128_type().into(),
            _ => return None,
        },
        TypeData::Vector { shape, scalable, element } => {
            let [count] = shape[..] else { return None };
            let element = basic(t, *element)?;
            if !matches!(element, BasicTypeEnum::IntType(_) | BasicTypeEnum::FloatType(_) | BasicTypeEnum::PointerType(_)) {
                return None;
            }
            ffi::vector_type(element, u32::try_from(count).ok()?, scalable.first().copied().unwrap_or(false)).as_any_type_enum()
        }
        TypeData::Dialect { .. } => return llvm_dialect_type(t, LlvmType::of(ctx, ty)?),
        _ => return None,
    })
}

/// The LLVM type of `ty` if values can have it.
fn basic<'ctx>(t: &mut Translator<'_, 'ctx>, ty: Type) -> Option<BasicTypeEnum<'ctx>> {
    BasicTypeEnum::try_from(convert(t, ty)?).ok()
}

fn llvm_dialect_type<'ctx>(t: &mut Translator<'_, 'ctx>, ty: LlvmType) -> Option<AnyTypeEnum<'ctx>> {
    let llvm = t.llvm;
    Some(match ty {
        LlvmType::Ptr(space) => llvm.ptr_type(AddressSpace::from(u16::try_from(space).ok()?)).into(),
        LlvmType::Void => llvm.void_type().into(),
        LlvmType::Array(n, element) => basic(t, element)?.array_type(u32::try_from(n).ok()?).into(),
        LlvmType::Struct { name: None, packed, body } => {
            let fields = body?.into_iter().map(|f| basic(t, f)).collect::<Option<Vec<_>>>()?;
            llvm.struct_type(&fields, packed).into()
        }
        LlvmType::Struct { name: Some(name), packed, body } => {
            let (named, fresh) = t.named_struct(&name);
            if let (true, Some(body)) = (fresh, body) {
                let fields = body.into_iter().map(|f| basic(t, f)).collect::<Option<Vec<_>>>()?;
                named.set_body(&fields, packed);
            }
            named.into()
        }
        LlvmType::Func { result, params, vararg } => {
            let params = params.into_iter().map(|p| basic(t, p).map(BasicMetadataTypeEnum::from)).collect::<Option<Vec<_>>>()?;
            match convert(t, result)? {
                AnyTypeEnum::VoidType(v) => v.fn_type(&params, vararg).into(),
                other => BasicTypeEnum::try_from(other).ok()?.fn_type(&params, vararg).into(),
            }
        }
        LlvmType::Label | LlvmType::Token | LlvmType::Metadata => return None,
    })
}
