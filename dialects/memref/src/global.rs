//! Global buffers: `memref.global` declares one (with an initial value,
//! uninitialized, or external) and `memref.get_global` refers to it.
//!
//! ```mlir
//! memref.global "private" constant @table : memref<4xf32> = dense<1.0>
//! %t = memref.get_global @table : memref<4xf32>
//! ```

use ir::attributes::{AttrData, DenseElements};
use ir::constraints::{ANY_ATTR, FLAT_SYMBOL_REF_ATTR, I64_ATTR, STRING_ATTR, SYMBOL_NAME_ATTR, TYPE_ATTR, UNIT_ATTR};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::types::TypeData;
use ir::verifier::op_error;
use ir::{define_op, Attribute, Diagnostic, Ir, OpId, Type};

use crate::RANKED_MEMREF;

define_op! {
    /// A named buffer that lives for the whole program.
    pub struct GlobalOp = "memref.global" {
        attributes: [
            sym_name: Required(SYMBOL_NAME_ATTR),
            sym_visibility: Optional(STRING_ATTR),
            r#type: Required(TYPE_ATTR),
            initial_value: Optional(ANY_ATTR),
            constant: Optional(UNIT_ATTR),
            alignment: Optional(I64_ATTR),
        ],
        traits: [SYMBOL],
        extra: {
            parse: Some(parse_global),
            print: Some(print_global),
            verify: Some(verify_global),
        },
    }
}

define_op! {
    /// The buffer of a `memref.global`.
    pub struct GetGlobalOp = "memref.get_global" {
        results: [result: Single(RANKED_MEMREF)],
        attributes: [name: Required(FLAT_SYMBOL_REF_ATTR)],
        traits: [PURE],
        format: "$name `:` type($result) attr-dict",
        extra: {
            verify: Some(verify_get_global),
        },
    }
}

/// The tensor type an initial value has for a memref type.
fn tensor_of(ctx: &ir::Context, memref: Type) -> Option<Type> {
    match memref.data(ctx) {
        TypeData::MemRef { shape, element, .. } => Some(Type::ranked_tensor(ctx, shape.clone(), *element)),
        _ => None,
    }
}

/// `["private"] [constant] @name : type [= initial-value | = uninitialized] {attrs}`
fn parse_global(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    if p.peek("\"") {
        let visibility = p.parse_string()?;
        p.add_attribute("sym_visibility", Attribute::string(&ctx, &visibility));
    }
    if p.parse_optional_keyword("constant") {
        p.add_attribute("constant", Attribute::unit(&ctx));
    }
    let name = p.parse_symbol_name()?;
    p.add_attribute("sym_name", Attribute::string(&ctx, &name));
    p.expect_punct(":")?;
    let location = p.current_location();
    let ty = p.parse_type()?;
    p.add_attribute("type", Attribute::type_attr(&ctx, ty));
    if p.parse_optional_punct("=") {
        if p.parse_optional_keyword("uninitialized") {
            p.add_attribute("initial_value", Attribute::unit(&ctx));
        } else {
            // The literal's type is the tensor of the memref's shape.
            let Some(tensor) = tensor_of(&ctx, ty) else {
                return Err(Diagnostic::error(location, "type should be static shaped memref"));
            };
            let value_location = p.current_location();
            p.expect_keyword("dense")?;
            p.expect_punct("<")?;
            let literal = p.parse_attribute()?;
            p.expect_punct(">")?;
            let value = dense_from_literal(&ctx, literal, tensor)
                .ok_or_else(|| Diagnostic::error(value_location, "expected a dense literal matching the global's type"))?;
            p.add_attribute("initial_value", value);
        }
    }
    p.parse_optional_attr_dict()
}

/// `dense<LIT>` with the literal read as an attribute (a scalar splat or a nested list).
fn dense_from_literal(ctx: &ir::Context, literal: Attribute, tensor: Type) -> Option<Attribute> {
    let element = tensor.shaped_element(ctx)?;
    let scalar = |a: Attribute| -> Option<Attribute> {
        match a.data(ctx) {
            AttrData::Integer { value, .. } if element.is_float(ctx) => Some(Attribute::float(ctx, *value as f64, element)),
            AttrData::Integer { value, .. } => ir::syntax::integer_of_type(ctx, *value, element),
            AttrData::Float { bits, .. } if element.is_float(ctx) => Some(Attribute::float(ctx, f64::from_bits(*bits), element)),
            _ => None,
        }
    };
    let mut flat = Vec::new();
    let mut stack = vec![literal];
    while let Some(a) = stack.pop() {
        match a.data(ctx) {
            AttrData::Array(items) => stack.extend(items.iter().rev()),
            _ => flat.push(scalar(a)?),
        }
    }
    let count: i64 = tensor.shape(ctx)?.iter().product();
    let elements = match flat.len() {
        1 => DenseElements::Splat(flat[0]),
        n if n as i64 == count && flat.windows(2).all(|w| w[0] == w[1]) => DenseElements::Splat(flat[0]),
        n if n as i64 == count => DenseElements::Elements(flat),
        _ => return None,
    };
    Some(ctx.intern_attr(AttrData::DenseElements { ty: tensor, elements }))
}

fn print_global(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let ctx = ir.ctx();
    if let Some(v) = ir.attr(op, "sym_visibility").and_then(|a| a.as_string(ctx)) {
        p.write(" ");
        p.print_string(v);
    }
    if ir.attr(op, "constant").is_some() {
        p.write(" constant");
    }
    p.write(" ");
    p.print_symbol_name(ir.symbol_name(op).unwrap_or(""));
    p.write(" : ");
    if let Some(ty) = ir.attr(op, "type").and_then(|t| t.as_type(ctx)) {
        p.print_type(ty);
    }
    match ir.attr(op, "initial_value").map(|v| (v, v.data(ctx))) {
        Some((_, AttrData::Unit)) => p.write(" = uninitialized"),
        Some((value, AttrData::DenseElements { .. })) => {
            // Printed without its type, which the memref type implies.
            let text = ctx.print_attr(value);
            let without_type = text.rsplit_once(" : ").map_or(text.as_str(), |(v, _)| v).to_string();
            p.write(" = ");
            p.write(&without_type);
        }
        _ => {}
    }
    p.print_optional_attr_dict(op, &["sym_name", "sym_visibility", "type", "initial_value", "constant"]);
}

fn verify_global(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let Some(ty) = ir.attr(op, "type").and_then(|t| t.as_type(ctx)) else { return Ok(()) };
    if !matches!(ty.data(ctx), TypeData::MemRef { .. }) {
        return Err(op_error(ir, op, format!("type should be static shaped memref, but got {}", ctx.print_type(ty))));
    }
    if let Some(value) = ir.attr(op, "initial_value") {
        let expected = tensor_of(ctx, ty);
        if !matches!(value.data(ctx), AttrData::Unit) && value.typed_attr_type(ctx) != expected {
            return Err(op_error(ir, op, "initial value expected to be of type matching the memref shape and element type"));
        }
    }
    Ok(())
}

fn verify_get_global(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let Some(name) = ir.attr(op, "name").and_then(|n| n.as_flat_symbol_ref(ctx)) else { return Ok(()) };
    if ir.enclosing_symbol_table(op).is_none() {
        return Ok(());
    }
    let name = ctx.str(name);
    let Some(global) = ir.lookup_symbol(op, name).filter(|&g| ir.isa::<GlobalOp>(g)) else {
        return Err(op_error(ir, op, format!("'{name}' does not reference a valid global memref")));
    };
    let global_type = ir.attr(global, "type").and_then(|t| t.as_type(ctx));
    if global_type != Some(ir.value_type(ir.result(op, 0))) {
        return Err(op_error(ir, op, "result type does not match the type of the global memref"));
    }
    Ok(())
}
