//! The vector dialect: n-D SIMD values (`vector<4x[8]xf32>`): transfers to
//! and from memory, element and slice access, contractions, reductions,
//! shape changes and masks.
//!
//! Its attributes (`#vector.kind<add>`, `#vector.iterator_type<parallel>`,
//! `#vector.punctuation<comma>`) are dialect attributes that the core keeps
//! as their spelling; this crate builds and reads them.

mod contract;
mod elements;
mod mask;
mod memory;
mod print;
mod reduction;
mod reshape;
mod slices;
mod transfer;

pub use contract::{ContractionOp, FMAOp, OuterProductOp};
pub use elements::{BroadcastOp, ExtractOp, FromElementsOp, InsertOp, StepOp};
pub use mask::{ConstantMaskOp, CreateMaskOp, MaskOp, Maskable, YieldOp};
pub use memory::{LoadOp, MaskedLoadOp, MaskedStoreOp, StoreOp};
pub use print::PrintOp;
pub use reduction::{MultiDimReductionOp, ReductionOp};
pub use reshape::{BitCastOp, ShapeCastOp, TransposeOp};
pub use slices::{ExtractStridedSliceOp, InsertStridedSliceOp};
pub use transfer::{TransferReadOp, TransferWriteOp};

use ir::attributes::AttrData;
use ir::dialect::{AttrConstraint, TypeConstraint};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::types::TypeData;
use ir::{Attribute, Context, Diagnostic, Dialect, Type};

/// A vector of any rank, including 0-D (`vector<f32>`).
pub(crate) const ANY_VECTOR: TypeConstraint =
    TypeConstraint { description: "vector of any type values", check: |ctx, t| t.is_vector(ctx), buildable: None };

/// A vector of rank 1 or more.
pub(crate) const NON_ZERO_RANK_VECTOR: TypeConstraint = TypeConstraint {
    description: "vector of any type values of non-zero rank",
    check: |ctx, t| vector_of(ctx, t).is_some_and(|v| !v.shape.is_empty()),
    buildable: None,
};

/// A vector of `i1`: a mask.
pub(crate) const MASK_VECTOR: TypeConstraint = TypeConstraint {
    description: "vector of 1-bit signless integer values",
    check: |ctx, t| vector_of(ctx, t).is_some_and(|v| v.element.is_signless_int_of_width(ctx, 1)),
    buildable: None,
};

/// A memref of any rank.
pub(crate) const ANY_MEMREF: TypeConstraint =
    TypeConstraint { description: "memref of any type values", check: |ctx, t| t.is_memref(ctx), buildable: None };

/// A memref or ranked tensor (or anything shaped: the op's verifier says
/// which shaped types it accepts).
pub(crate) const ANY_SHAPED: TypeConstraint =
    TypeConstraint { description: "shaped of any type values", check: |ctx, t| t.shaped_element(ctx).is_some(), buildable: None };

pub(crate) const RANKED_TENSOR: TypeConstraint = TypeConstraint {
    description: "ranked tensor of any type values",
    check: |ctx, t| matches!(t.data(ctx), TypeData::RankedTensor { .. }),
    buildable: None,
};

/// The parts of a vector type.
#[derive(Clone, Copy)]
pub(crate) struct VectorParts<'a> {
    pub shape: &'a [i64],
    pub scalable: &'a [bool],
    pub element: Type,
}

impl VectorParts<'_> {
    pub fn rank(&self) -> usize {
        self.shape.len()
    }

    pub fn is_scalable(&self) -> bool {
        self.scalable.contains(&true)
    }
}

/// `ty` as a vector, if it is one.
pub(crate) fn vector_of(ctx: &Context, ty: Type) -> Option<VectorParts<'_>> {
    match ty.data(ctx) {
        TypeData::Vector { shape, scalable, element } => Some(VectorParts { shape, scalable, element: *element }),
        _ => None,
    }
}

/// `vector<shape x element>` with the given scalable dimensions.
pub(crate) fn vector_type(ctx: &Context, shape: Vec<i64>, scalable: Vec<bool>, element: Type) -> Type {
    ctx.intern_type(TypeData::Vector { shape, scalable, element })
}

/// Size in bits of a scalar as the default data layout has it (`index` is
/// 64 bits); `None` for types without a known size.
pub(crate) fn bit_width(ctx: &Context, ty: Type) -> Option<u64> {
    match ty.data(ctx) {
        TypeData::Integer { width, .. } => Some(u64::from(*width)),
        TypeData::Index => Some(64),
        TypeData::Float(kind) => Some(u64::from(kind.width())),
        _ => None,
    }
}

/// An integer, index or float type: what vectors hold as elements.
pub(crate) fn is_scalar(ctx: &Context, ty: Type) -> bool {
    ty.is_integer(ctx) || ty.is_index(ctx) || ty.is_float(ctx)
}

/// `#vector.<mnemonic><value>`.
pub(crate) fn enum_attr(ctx: &Context, mnemonic: &str, value: &str) -> Attribute {
    ctx.intern_attr(AttrData::Dialect { dialect: ctx.symbol("vector"), body: format!("{mnemonic}<{value}>").into() })
}

/// The value of a `#vector.<mnemonic><value>` attribute.
pub(crate) fn enum_value<'c>(ctx: &'c Context, attr: Attribute, mnemonic: &str) -> Option<&'c str> {
    match attr.data(ctx) {
        AttrData::Dialect { dialect, body } if ctx.str(*dialect) == "vector" => {
            body.strip_prefix(mnemonic)?.strip_prefix('<')?.strip_suffix('>').map(str::trim)
        }
        _ => None,
    }
}

/// Reads `<value>` with `value` one of `allowed`; `enum_name` is what
/// upstream calls the enum in its error.
pub(crate) fn parse_enum(p: &mut OpParser<'_, '_>, mnemonic: &str, allowed: &[&str], enum_name: &str) -> ParseResult<Attribute> {
    p.expect_punct("<")?;
    let location = p.current_location();
    let value = p.parse_identifier()?;
    if !allowed.contains(&value) {
        return Err(Diagnostic::error(location, format!("expected {enum_name} to be one of: {}", allowed.join(", "))));
    }
    p.expect_punct(">")?;
    Ok(enum_attr(p.ctx(), mnemonic, value))
}

/// Writes `<value>`.
pub(crate) fn print_enum(p: &mut OpPrinter<'_>, attr: Attribute, mnemonic: &str) {
    let text = enum_value(p.ctx(), attr, mnemonic).map(|v| format!("<{v}>"));
    match text {
        Some(t) => p.write(&t),
        None => p.print_attribute(attr),
    }
}

/// How contractions and reductions combine elements.
pub(crate) const COMBINING_KINDS: &[&str] =
    &["add", "mul", "minui", "minsi", "minnumf", "maxui", "maxsi", "maxnumf", "and", "or", "xor", "maximumf", "minimumf"];

/// `#vector.kind<add>`, written `<add>` in custom syntax.
pub(crate) const KIND: AttrConstraint = AttrConstraint {
    description: "Kind of combining function for contractions and reductions",
    check: |ctx, a| enum_value(ctx, a, "kind").is_some_and(|k| COMBINING_KINDS.contains(&k)),
    parse: Some(|p| parse_enum(p, "kind", COMBINING_KINDS, "::mlir::vector::CombiningKind")),
    print: Some(|p, a| print_enum(p, a, "kind")),
    default: None,
};

/// [`KIND`], `add` when absent.
pub(crate) const KIND_DEFAULT_ADD: AttrConstraint = AttrConstraint { default: Some(|ctx| enum_attr(ctx, "kind", "add")), ..KIND };

/// Whether elements of type `element` can be combined with `kind`.
pub(crate) fn kind_supports(ctx: &Context, kind: &str, element: Type) -> bool {
    let int = element.is_integer(ctx) || element.is_index(ctx);
    match kind {
        "add" | "mul" => int || element.is_float(ctx),
        "minnumf" | "maxnumf" | "minimumf" | "maximumf" => element.is_float(ctx),
        _ => int,
    }
}

/// The combining kind of `op`, if its `kind` attribute holds one.
pub(crate) fn kind_of(ir: &ir::Ir, op: ir::OpId) -> Option<&str> {
    let ctx = ir.ctx();
    ir.attr(op, "kind").and_then(|a| enum_value(ctx, a, "kind"))
}

/// `array<i64: ...>`, written `[1, 2]` in custom syntax.
pub(crate) const DENSE_I64_ARRAY: AttrConstraint = AttrConstraint {
    description: "i64 dense array attribute",
    check: |ctx, a| matches!(a.data(ctx), AttrData::DenseArray { element, .. } if element.is_signless_int_of_width(ctx, 64)),
    parse: Some(parse_i64_list),
    print: Some(print_i64_list),
    default: None,
};

fn parse_i64_list(p: &mut OpParser<'_, '_>) -> ParseResult<Attribute> {
    let (values, statics) = ir::mixed_list::parse(p)?;
    if let Some(value) = values.first() {
        return Err(Diagnostic::error(value.location, "expected an integer, not a value"));
    }
    Ok(ir::mixed_list::attribute(p.ctx(), &statics))
}

fn print_i64_list(p: &mut OpPrinter<'_>, a: Attribute) {
    let values = a.as_dense_int_array(p.ctx()).unwrap_or_default();
    let text: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    p.write(&format!("[{}]", text.join(", ")));
}

/// The `i64` values of an array of integer attributes (`[0, 2]`), as
/// the strided slice ops keep offsets, sizes and strides.
pub(crate) fn i64_array(ctx: &Context, attr: Option<Attribute>) -> Option<Vec<i64>> {
    attr?.as_array(ctx)?.iter().map(|a| a.as_integer(ctx).and_then(|v| i64::try_from(v).ok())).collect()
}

/// An array of 64-bit integer attributes.
pub(crate) const I64_ARRAY_ATTR: AttrConstraint = AttrConstraint {
    description: "64-bit integer array attribute",
    check: |ctx, a| {
        a.as_array(ctx).is_some_and(|items| {
            items.iter().all(|i| matches!(i.data(ctx), AttrData::Integer { ty, .. } if ty.is_signless_int_of_width(ctx, 64)))
        })
    },
    parse: None,
    print: None,
    default: None,
};

/// An array of `true`/`false`.
pub(crate) const BOOL_ARRAY_ATTR: AttrConstraint = AttrConstraint {
    description: "1-bit boolean array attribute",
    check: |ctx, a| {
        a.as_array(ctx).is_some_and(|items| {
            items.iter().all(|i| matches!(i.data(ctx), AttrData::Integer { ty, .. } if ty.is_signless_int_of_width(ctx, 1)))
        })
    },
    parse: None,
    print: None,
    default: None,
};

/// `true`/`false`.
pub(crate) const BOOL_ATTR: AttrConstraint = AttrConstraint {
    description: "bool attribute",
    check: |ctx, a| matches!(a.data(ctx), AttrData::Integer { ty, .. } if ty.is_signless_int_of_width(ctx, 1)),
    parse: None,
    print: None,
    default: None,
};

/// The vector dialect.
pub fn dialect() -> Dialect {
    Dialect::new("vector", "n-D SIMD values: transfers, contractions, reductions, masks.")
        .with_interface::<dyn Maskable>("vector.transfer_read", &transfer::MaskableTransfer)
        .with_interface::<dyn Maskable>("vector.transfer_write", &transfer::MaskableTransfer)
        .with_interface::<dyn Maskable>("vector.contract", &contract::MaskableContraction)
        .with_interface::<dyn Maskable>("vector.outerproduct", &contract::MaskableOuterProduct)
        .with_interface::<dyn Maskable>("vector.reduction", &reduction::MaskableReduction)
        .with_interface::<dyn Maskable>("vector.multi_reduction", &reduction::MaskableReduction)
        .with_op::<TransferReadOp>()
        .with_op::<TransferWriteOp>()
        .with_op::<LoadOp>()
        .with_op::<StoreOp>()
        .with_op::<MaskedLoadOp>()
        .with_op::<MaskedStoreOp>()
        .with_op::<BroadcastOp>()
        .with_op::<ExtractOp>()
        .with_op::<InsertOp>()
        .with_op::<FromElementsOp>()
        .with_op::<StepOp>()
        .with_op::<ExtractStridedSliceOp>()
        .with_op::<InsertStridedSliceOp>()
        .with_op::<ShapeCastOp>()
        .with_op::<TransposeOp>()
        .with_op::<BitCastOp>()
        .with_op::<FMAOp>()
        .with_op::<ContractionOp>()
        .with_op::<OuterProductOp>()
        .with_op::<ReductionOp>()
        .with_op::<MultiDimReductionOp>()
        .with_op::<CreateMaskOp>()
        .with_op::<ConstantMaskOp>()
        .with_op::<MaskOp>()
        .with_op::<YieldOp>()
        .with_op::<PrintOp>()
}

/// An affine map.
pub(crate) const AFFINE_MAP_ATTR: AttrConstraint = AttrConstraint {
    description: "AffineMap attribute",
    check: |ctx, a| matches!(a.data(ctx), AttrData::AffineMap(_)),
    parse: None,
    print: None,
    default: None,
};
