//! `func.func`: a named function with a signature and, unless it is a
//! declaration, a body region whose entry block holds the arguments.
//!
//! ```mlir
//! func.func @add(%arg0: i32, %arg1: i32) -> i32 {
//!   %0 = arith.addi %arg0, %arg1 : i32
//!   return %0 : i32
//! }
//! func.func private @external(f32) -> f32
//! ```

use ir::attributes::NamedAttribute;
use ir::constraints::{DICTIONARY_ARRAY_ATTR, FUNCTION_TYPE_ATTR, STRING_ATTR, SYMBOL_NAME_ATTR};
use ir::syntax::{Argument, OpParser, OpPrinter, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, Attribute, Diagnostic, Ir, OpId, Type};

define_op! {
    /// A function: a symbol with a signature and an optional body.
    pub struct FuncOp = "func.func" {
        attributes: [
            sym_name: Required(SYMBOL_NAME_ATTR),
            function_type: Required(FUNCTION_TYPE_ATTR),
            sym_visibility: Optional(STRING_ATTR),
            arg_attrs: Optional(DICTIONARY_ARRAY_ATTR),
            res_attrs: Optional(DICTIONARY_ARRAY_ATTR),
        ],
        regions: [body: Single],
        traits: [ISOLATED_FROM_ABOVE, SYMBOL],
        extra: {
            parse: Some(parse_func),
            print: Some(print_func),
            verify: Some(verify_func),
            default_dialect: Some("func"),
        },
    }
}

impl FuncOp {
    /// `(inputs, results)` of the signature.
    pub fn signature(self, ir: &Ir) -> (Vec<Type>, Vec<Type>) {
        let ctx = ir.ctx();
        self.function_type(ir)
            .and_then(|a| a.as_type(ctx))
            .and_then(|t| t.function_parts(ctx).map(|(i, r)| (i.to_vec(), r.to_vec())))
            .unwrap_or_default()
    }

    /// Whether the function has no body.
    pub fn is_declaration(self, ir: &Ir) -> bool {
        ir.regions(self.0).first().is_none_or(|&r| ir.region_blocks(r).is_empty())
    }
}

/// An array of per-argument dictionaries, or nothing when all are empty.
fn attr_array(p: &OpParser<'_, '_>, dicts: Vec<Vec<NamedAttribute>>) -> Option<Attribute> {
    if dicts.iter().all(|d| d.is_empty()) {
        return None;
    }
    let ctx = p.ctx();
    Some(Attribute::array(ctx, dicts.into_iter().map(|d| Attribute::dictionary(ctx, d)).collect()))
}

fn parse_func(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    let ctx = &*ctx;
    let visibility = ["private", "public", "nested"].into_iter().find(|&v| p.parse_optional_keyword(v));
    let name = p.parse_symbol_name()?;

    // Arguments: named (`%a: i32`) for definitions, bare types for declarations.
    p.expect_punct("(")?;
    let mut named: Vec<Argument<'_>> = Vec::new();
    let mut inputs = Vec::new();
    let mut arg_attrs = Vec::new();
    if !p.parse_optional_punct(")") {
        loop {
            if p.peek("%") {
                let arg = p.parse_argument()?;
                inputs.push(arg.ty);
                arg_attrs.push(arg.attributes.clone());
                named.push(arg);
            } else {
                if !named.is_empty() {
                    return Err(p.error("expected SSA identifier"));
                }
                inputs.push(p.parse_type()?);
                arg_attrs.push(p.parse_attr_dict_entries()?);
            }
            if !p.parse_optional_punct(",") {
                break;
            }
        }
        p.expect_punct(")")?;
    }

    let mut results = Vec::new();
    let mut res_attrs = Vec::new();
    if p.parse_optional_punct("->") {
        if p.peek("(") && !looks_like_function_type_result(p) {
            p.expect_punct("(")?;
            if !p.parse_optional_punct(")") {
                loop {
                    results.push(p.parse_type()?);
                    res_attrs.push(p.parse_attr_dict_entries()?);
                    if !p.parse_optional_punct(",") {
                        break;
                    }
                }
                p.expect_punct(")")?;
            }
        } else {
            results.push(p.parse_type()?);
            res_attrs.push(Vec::new());
        }
    }

    p.add_attribute("sym_name", Attribute::string(ctx, &name));
    let function_type = Type::function(ctx, inputs, results);
    p.add_attribute("function_type", Attribute::type_attr(ctx, function_type));
    // The papers' `func @f(i32) -> i32` declared an external function; today
    // a declaration must not be public, so the old spelling means private.
    let is_legacy_declaration = p.spelling() == "func" && named.is_empty() && !p.peek("{");
    match visibility {
        Some(v) => p.add_attribute("sym_visibility", Attribute::string(ctx, v)),
        None if is_legacy_declaration => p.add_attribute("sym_visibility", Attribute::string(ctx, "private")),
        None => {}
    }
    if let Some(a) = attr_array(p, arg_attrs) {
        p.add_attribute("arg_attrs", a);
    }
    if let Some(a) = attr_array(p, res_attrs) {
        p.add_attribute("res_attrs", a);
    }
    p.parse_optional_attr_dict_with_keyword()?;
    if p.peek("{") {
        if named.is_empty() && function_has_inputs(p) {
            return Err(p.error("expected named arguments for a function with a body"));
        }
        p.parse_region(&named)?;
    } else {
        p.add_empty_region();
    }
    Ok(())
}

/// Whether the signature parsed so far has inputs (a body needs them named).
fn function_has_inputs(p: &OpParser<'_, '_>) -> bool {
    let ctx = p.ctx();
    p.state
        .attributes
        .iter()
        .find(|a| ctx.str(a.name) == "function_type")
        .and_then(|a| a.value.as_type(ctx))
        .and_then(|t| t.function_parts(ctx).map(|(i, _)| !i.is_empty()))
        .unwrap_or(false)
}

/// `-> (i32) -> i32`: the result is itself a function type.
fn looks_like_function_type_result(p: &mut OpParser<'_, '_>) -> bool {
    p.lookahead(|p| p.parse_paren_type_list().is_ok() && p.peek("->"))
}

fn print_func(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let ctx = ir.ctx();
    let func = FuncOp(op);
    if let Some(v) = func.sym_visibility(ir).and_then(|a| a.as_string(ctx)) {
        p.write(" ");
        p.write(v);
    }
    p.write(" ");
    p.print_symbol_name(ir.symbol_name(op).unwrap_or(""));
    let (inputs, results) = func.signature(ir);
    let dict_at = |attr: Option<Attribute>, i: usize| -> Option<Attribute> {
        attr.and_then(|a| a.as_array(ctx).and_then(|items| items.get(i).copied()))
            .filter(|d| !matches!(d.data(ctx), ir::AttrData::Dictionary(e) if e.is_empty()))
    };
    let body = ir.regions(op).first().and_then(|&r| ir.entry_block(r));
    p.write("(");
    for (i, &ty) in inputs.iter().enumerate() {
        if i > 0 {
            p.write(", ");
        }
        match body {
            Some(b) if i < ir.block_arguments(b).len() => p.print_argument(ir.block_arguments(b)[i]),
            _ => p.print_type(ty),
        }
        if let Some(d) = dict_at(func.arg_attrs(ir), i) {
            p.write(" ");
            p.print_attribute(d);
        }
    }
    p.write(")");
    if !results.is_empty() {
        p.write(" -> ");
        let any_attrs = (0..results.len()).any(|i| dict_at(func.res_attrs(ir), i).is_some());
        let needs_parens = results.len() > 1 || any_attrs || matches!(results[0].data(ctx), ir::TypeData::Function { .. });
        if needs_parens {
            p.write("(");
        }
        for (i, &ty) in results.iter().enumerate() {
            if i > 0 {
                p.write(", ");
            }
            p.print_type(ty);
            if let Some(d) = dict_at(func.res_attrs(ir), i) {
                p.write(" ");
                p.print_attribute(d);
            }
        }
        if needs_parens {
            p.write(")");
        }
    }
    p.print_optional_attr_dict_with_keyword(op, &["sym_name", "function_type", "sym_visibility", "arg_attrs", "res_attrs"]);
    if let Some(&r) = ir.regions(op).first() {
        if !ir.region_blocks(r).is_empty() {
            p.write(" ");
            p.print_region(r, false, true);
        }
    }
}

fn verify_func(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let func = FuncOp(op);
    let (inputs, _) = func.signature(ir);
    if func.is_declaration(ir) {
        let visibility = func.sym_visibility(ir).and_then(|a| a.as_string(ctx)).unwrap_or("public");
        if visibility == "public" {
            return Err(op_error(ir, op, "symbol declaration cannot have public visibility"));
        }
        return Ok(());
    }
    let entry = ir.regions(op).first().and_then(|&r| ir.entry_block(r)).expect("not a declaration");
    let args = ir.block_arguments(entry);
    if args.len() != inputs.len() {
        return Err(op_error(ir, op, format!("entry block must have {} arguments to match function signature", inputs.len())));
    }
    for (i, (&arg, &ty)) in args.iter().zip(&inputs).enumerate() {
        let actual = ir.value_type(arg);
        if actual != ty {
            return Err(op_error(
                ir,
                op,
                format!(
                    "type of entry block argument #{i}('{}') must match the type of the corresponding argument in function signature('{}')",
                    ctx.print_type(actual),
                    ctx.print_type(ty)
                ),
            ));
        }
    }
    Ok(())
}
