//! Type and attribute constraints shared by dialects, with the words that
//! verifier messages use (`operand #0 must be signless-integer-like, ...`).

use crate::attributes::{AttrData, Attribute};
use crate::context::Context;
use crate::dialect::{AttrConstraint, TypeConstraint};
use crate::syntax::{OpParser, OpPrinter, ParseResult};
use crate::types::{Type, TypeData};

/// Scalars, or vectors/tensors of them: what elementwise ops accept.
fn scalar_or_container(ctx: &Context, ty: Type, scalar: fn(&Context, Type) -> bool) -> bool {
    match ty.data(ctx) {
        TypeData::Vector { element, .. } | TypeData::RankedTensor { element, .. } | TypeData::UnrankedTensor { element } => {
            scalar(ctx, *element)
        }
        _ => scalar(ctx, ty),
    }
}

/// Scalars, or vectors of them (not tensors): what LLVM values allow.
pub fn scalar_or_vector(ctx: &Context, ty: Type, scalar: fn(&Context, Type) -> bool) -> bool {
    match ty.data(ctx) {
        TypeData::Vector { element, .. } => scalar(ctx, *element),
        _ => scalar(ctx, ty),
    }
}

pub const ANY_TYPE: TypeConstraint = TypeConstraint { description: "any type", check: |_, _| true, buildable: None };

pub const INDEX: TypeConstraint =
    TypeConstraint { description: "index", check: |ctx, t| t.is_index(ctx), buildable: Some(Type::index) };

pub const I1: TypeConstraint = TypeConstraint {
    description: "1-bit signless integer",
    check: |ctx, t| t.is_signless_int_of_width(ctx, 1),
    buildable: Some(|ctx| Type::integer(ctx, 1)),
};

pub const SIGNLESS_INTEGER_LIKE: TypeConstraint = TypeConstraint {
    description: "signless-integer-like",
    check: |ctx, t| scalar_or_container(ctx, t, |c, e| e.is_signless_int_or_index(c)),
    buildable: None,
};

pub const FLOAT_LIKE: TypeConstraint = TypeConstraint {
    description: "floating-point-like",
    check: |ctx, t| scalar_or_container(ctx, t, |c, e| e.is_float(c)),
    buildable: None,
};

pub const BOOL_LIKE: TypeConstraint = TypeConstraint {
    description: "bool-like",
    check: |ctx, t| scalar_or_container(ctx, t, |c, e| e.is_signless_int_of_width(c, 1)),
    buildable: None,
};

pub const SIGNLESS_INTEGER_OR_FLOAT_LIKE: TypeConstraint = TypeConstraint {
    description: "signless-integer-or-float-like",
    check: |ctx, t| scalar_or_container(ctx, t, |c, e| e.is_signless_int_or_index(c) || e.is_float(c)),
    buildable: None,
};

pub const FUNCTION_TYPE: TypeConstraint =
    TypeConstraint { description: "function type", check: |ctx, t| t.function_parts(ctx).is_some(), buildable: None };

pub const ANY_ATTR: AttrConstraint =
    AttrConstraint { description: "any attribute", check: |_, _| true, parse: None, print: None, default: None };

pub const UNIT_ATTR: AttrConstraint = AttrConstraint {
    description: "unit attribute",
    check: |ctx, a| matches!(a.data(ctx), AttrData::Unit),
    parse: None,
    print: None,
    default: None,
};

/// Whether `c` is [`UNIT_ATTR`] (formats treat unit attributes specially).
pub fn is_unit_attr(c: &AttrConstraint) -> bool {
    c.description == UNIT_ATTR.description && c.parse.is_none() && c.default.is_none()
}

pub const STRING_ATTR: AttrConstraint = AttrConstraint {
    description: "string attribute",
    check: |ctx, a| a.as_string(ctx).is_some(),
    parse: None,
    print: None,
    default: None,
};

pub const TYPE_ATTR: AttrConstraint = AttrConstraint {
    description: "type attribute",
    check: |ctx, a| a.as_type(ctx).is_some(),
    parse: None,
    print: None,
    default: None,
};

pub const FUNCTION_TYPE_ATTR: AttrConstraint = AttrConstraint {
    description: "type attribute of function type",
    check: |ctx, a| a.as_type(ctx).is_some_and(|t| t.function_parts(ctx).is_some()),
    parse: None,
    print: None,
    default: None,
};

pub const ARRAY_ATTR: AttrConstraint = AttrConstraint {
    description: "array attribute",
    check: |ctx, a| a.as_array(ctx).is_some(),
    parse: None,
    print: None,
    default: None,
};

pub const DICTIONARY_ARRAY_ATTR: AttrConstraint = AttrConstraint {
    description: "Array of dictionary attributes",
    check: |ctx, a| a.as_array(ctx).is_some_and(|items| items.iter().all(|i| matches!(i.data(ctx), AttrData::Dictionary(_)))),
    parse: None,
    print: None,
    default: None,
};

/// A typed attribute (integer, float, dense elements): constant values.
pub const TYPED_ATTR: AttrConstraint = AttrConstraint {
    description: "TypedAttr instance",
    check: |ctx, a| a.typed_attr_type(ctx).is_some(),
    parse: None,
    print: None,
    default: None,
};

/// A symbol name: a string attribute spelled `@name` in custom syntax.
pub const SYMBOL_NAME_ATTR: AttrConstraint = AttrConstraint {
    description: "string attribute",
    check: |ctx, a| a.as_string(ctx).is_some(),
    parse: Some(parse_symbol_name_attr),
    print: Some(print_symbol_name_attr),
    default: None,
};

fn parse_symbol_name_attr(p: &mut OpParser<'_, '_>) -> ParseResult<Attribute> {
    let name = p.parse_symbol_name()?;
    Ok(Attribute::string(p.ctx(), &name))
}

fn print_symbol_name_attr(p: &mut OpPrinter<'_>, a: Attribute) {
    let name = a.as_string(p.ctx()).unwrap_or("").to_string();
    p.print_symbol_name(&name);
}

pub const FLAT_SYMBOL_REF_ATTR: AttrConstraint = AttrConstraint {
    description: "flat symbol reference attribute",
    check: |ctx, a| a.as_flat_symbol_ref(ctx).is_some(),
    parse: None,
    print: None,
    default: None,
};

/// A 64-bit integer, written without its type in custom syntax.
pub const I64_ATTR: AttrConstraint = AttrConstraint {
    description: "64-bit signless integer attribute",
    check: |ctx, a| matches!(a.data(ctx), AttrData::Integer { ty, .. } if ty.is_signless_int_of_width(ctx, 64)),
    parse: Some(parse_i64_attr),
    print: Some(print_without_type),
    default: None,
};

fn parse_i64_attr(p: &mut OpParser<'_, '_>) -> ParseResult<Attribute> {
    let location = p.current_location();
    let value = p.parse_integer()?;
    if i64::try_from(value).is_err() {
        return Err(crate::Diagnostic::error(location, "integer constant out of range for attribute"));
    }
    let i64t = Type::integer(p.ctx(), 64);
    Ok(Attribute::integer(p.ctx(), value, i64t))
}

fn print_without_type(p: &mut OpPrinter<'_>, a: Attribute) {
    p.print_attribute_without_type(a);
}
