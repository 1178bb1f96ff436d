//! Attributes as LLVM constants, for `llvm.mlir.constant` and global
//! values: integers (also as pointers), floats, strings (`[N x i8]`),
//! dense elements as vectors or (nested) arrays, arrays of attributes as
//! structs or arrays, and `#llvm.zero` / `#llvm.undef` / `#llvm.poison`.

use inkwell::types::BasicTypeEnum;
use inkwell::values::BasicValueEnum;
use ir::attributes::DenseElements;
use ir::{AttrData, Attribute, Diagnostic, OpId, Type};

use crate::ffi;
use crate::translator::Translator;

pub(crate) fn constant<'ctx>(
    t: &mut Translator<'_, 'ctx>,
    attr: Attribute,
    ty: Type,
    op: OpId,
) -> Result<BasicValueEnum<'ctx>, Diagnostic> {
    let llvm_type = t.basic_type(ty, op)?;
    build(t, attr, llvm_type, op)
}

fn unsupported(t: &Translator<'_, '_>, attr: Attribute, op: OpId) -> Diagnostic {
    let ctx = t.ir.ctx();
    t.error(op, format!("attribute '{}' cannot be translated to an LLVM constant of this type", ctx.print_attr(attr)))
}

/// `attr` as a constant of `ty`.
fn build<'ctx>(
    t: &mut Translator<'_, 'ctx>,
    attr: Attribute,
    ty: BasicTypeEnum<'ctx>,
    op: OpId,
) -> Result<BasicValueEnum<'ctx>, Diagnostic> {
    let ctx = t.ir.ctx();
    match (attr.data(ctx), ty) {
        (AttrData::Integer { value, .. }, BasicTypeEnum::IntType(int)) => Ok(integer(int, *value).into()),
        (AttrData::Integer { value, .. }, BasicTypeEnum::PointerType(ptr)) => {
            Ok(integer(t.llvm.i64_type(), *value).const_to_pointer(ptr).into())
        }
        (AttrData::Float { bits, .. }, BasicTypeEnum::FloatType(float)) => Ok(float.const_float(f64::from_bits(*bits)).into()),
        (AttrData::String(s), BasicTypeEnum::ArrayType(_)) => Ok(t.llvm.const_string(s.as_bytes(), false).into()),
        (AttrData::Dialect { body, .. }, ty) if ctx.str(dialect_of(attr, t)) == "llvm" => match &**body {
            "zero" => Ok(ffi::zero(ty)),
            "undef" => Ok(ffi::undef(ty)),
            "poison" => Ok(ffi::poison(ty)),
            _ => Err(unsupported(t, attr, op)),
        },
        (AttrData::DenseElements { elements, ty: shaped }, ty) => {
            let count: i64 = shaped.shape(ctx).map_or(1, |s| s.iter().product());
            let values: Vec<Attribute> = match elements {
                DenseElements::Splat(v) => vec![*v; count.max(0) as usize],
                DenseElements::Elements(v) => v.clone(),
                DenseElements::Hex(_) => return Err(t.error(op, "hex dense elements cannot be translated to LLVM IR yet")),
            };
            let mut rest = &values[..];
            let value = shaped_constant(t, &mut rest, ty, op, attr)?;
            if !rest.is_empty() {
                return Err(unsupported(t, attr, op));
            }
            Ok(value)
        }
        (AttrData::Array(items), BasicTypeEnum::StructType(s)) => {
            let fields = s.get_field_types();
            if fields.len() != items.len() {
                return Err(unsupported(t, attr, op));
            }
            let values =
                items.iter().zip(fields).map(|(&item, field)| build(t, item, field, op)).collect::<Result<Vec<_>, _>>()?;
            Ok(ffi::const_struct(ty, &values))
        }
        (AttrData::Array(items), BasicTypeEnum::ArrayType(array)) => {
            let element = array.get_element_type();
            let values = items.iter().map(|&item| build(t, item, element, op)).collect::<Result<Vec<_>, _>>()?;
            Ok(ffi::const_array(element, &values))
        }
        _ => Err(unsupported(t, attr, op)),
    }
}

fn dialect_of(attr: Attribute, t: &Translator<'_, '_>) -> ir::Symbol {
    match attr.data(t.ir.ctx()) {
        AttrData::Dialect { dialect, .. } => *dialect,
        _ => t.ir.ctx().symbol(""),
    }
}

/// Takes as many scalars from `rest` as `ty` holds (row-major), building
/// vectors and nested arrays.
fn shaped_constant<'ctx>(
    t: &mut Translator<'_, 'ctx>,
    rest: &mut &[Attribute],
    ty: BasicTypeEnum<'ctx>,
    op: OpId,
    whole: Attribute,
) -> Result<BasicValueEnum<'ctx>, Diagnostic> {
    match ty {
        BasicTypeEnum::ArrayType(array) => {
            let element = array.get_element_type();
            let values = (0..array.len()).map(|_| shaped_constant(t, rest, element, op, whole)).collect::<Result<Vec<_>, _>>()?;
            Ok(ffi::const_array(element, &values))
        }
        BasicTypeEnum::VectorType(vector) => {
            let element = vector.get_element_type();
            let values =
                (0..vector.get_size()).map(|_| shaped_constant(t, rest, element, op, whole)).collect::<Result<Vec<_>, _>>()?;
            Ok(ffi::const_vector(&values))
        }
        scalar => {
            let Some((&first, tail)) = rest.split_first() else { return Err(unsupported(t, whole, op)) };
            *rest = tail;
            build(t, first, scalar, op)
        }
    }
}

/// An integer constant of any width from the sign-extended value.
fn integer(ty: inkwell::types::IntType<'_>, value: i128) -> inkwell::values::IntValue<'_> {
    if ty.get_bit_width() <= 64 {
        return ty.const_int(value as u64, false);
    }
    let low = value as u64;
    let high = (value >> 64) as u64;
    let fill = if value < 0 { u64::MAX } else { 0 };
    let words = ty.get_bit_width().div_ceil(64) as usize;
    let mut all = vec![low, high];
    all.resize(words, fill);
    ty.const_int_arbitrary_precision(&all)
}
