//! The syntax that function ops share (`func.func`, `llvm.func`, ...): the
//! signature `(%a: i32 {attrs}, %b: f32) -> (i32 {attrs})`, bare types for
//! declarations (`(i32, f32) -> i32`), an optional `...` for variadic
//! functions, and the per-argument and per-result attribute arrays
//! (`arg_attrs`, `res_attrs`) it is stored with.

use crate::attributes::{AttrData, Attribute, NamedAttribute};
use crate::syntax::{Argument, OpParser, OpPrinter, ParseResult};
use crate::{Ir, OpId, Type};

/// A signature as written.
pub struct Signature<'s> {
    /// The named arguments of a definition (empty for a declaration).
    pub arguments: Vec<Argument<'s>>,
    pub inputs: Vec<Type>,
    pub results: Vec<Type>,
    /// `arg_attrs`, or `None` when every argument's dictionary is empty.
    pub arg_attrs: Option<Attribute>,
    pub res_attrs: Option<Attribute>,
    /// The argument list ended with `...`.
    pub vararg: bool,
}

/// An array of per-argument dictionaries, or nothing when all are empty.
fn attr_array(p: &OpParser<'_, '_>, dicts: Vec<Vec<NamedAttribute>>) -> Option<Attribute> {
    if dicts.iter().all(|d| d.is_empty()) {
        return None;
    }
    let ctx = p.ctx();
    Some(Attribute::array(ctx, dicts.into_iter().map(|d| Attribute::dictionary(ctx, d)).collect()))
}

/// Reads `(args) [-> results]`; `...` is accepted last when `allow_vararg`.
pub fn parse_signature<'s>(p: &mut OpParser<'_, 's>, allow_vararg: bool) -> ParseResult<Signature<'s>> {
    p.expect_punct("(")?;
    let mut arguments: Vec<Argument<'s>> = Vec::new();
    let mut inputs = Vec::new();
    let mut arg_dicts = Vec::new();
    let mut vararg = false;
    if !p.parse_optional_punct(")") {
        loop {
            if allow_vararg && p.parse_optional_punct("...") {
                vararg = true;
                break;
            }
            if p.peek("%") {
                let arg = p.parse_argument()?;
                inputs.push(arg.ty);
                arg_dicts.push(arg.attributes.clone());
                arguments.push(arg);
            } else {
                if !arguments.is_empty() {
                    return Err(p.error("expected SSA identifier"));
                }
                inputs.push(p.parse_type()?);
                arg_dicts.push(p.parse_attr_dict_entries()?);
            }
            if !p.parse_optional_punct(",") {
                break;
            }
        }
        p.expect_punct(")")?;
    }
    let mut results = Vec::new();
    let mut res_dicts = Vec::new();
    if p.parse_optional_punct("->") {
        if p.peek("(") && !looks_like_function_type_result(p) {
            p.expect_punct("(")?;
            if !p.parse_optional_punct(")") {
                loop {
                    results.push(p.parse_type()?);
                    res_dicts.push(p.parse_attr_dict_entries()?);
                    if !p.parse_optional_punct(",") {
                        break;
                    }
                }
                p.expect_punct(")")?;
            }
        } else {
            // A lone result has no attributes: `{` would start the body.
            results.push(p.parse_type()?);
            res_dicts.push(Vec::new());
        }
    }
    let arg_attrs = attr_array(p, arg_dicts);
    let res_attrs = attr_array(p, res_dicts);
    Ok(Signature { arguments, inputs, results, arg_attrs, res_attrs, vararg })
}

/// `-> (i32) -> i32`: the result is itself a function type.
fn looks_like_function_type_result(p: &mut OpParser<'_, '_>) -> bool {
    p.lookahead(|p| p.parse_paren_type_list().is_ok() && p.peek("->"))
}

/// Entry `index` of an `arg_attrs`/`res_attrs` array, unless it is empty.
fn dict_at(ir: &Ir, attrs: Option<Attribute>, index: usize) -> Option<Attribute> {
    let ctx = ir.ctx();
    attrs
        .and_then(|a| a.as_array(ctx).and_then(|items| items.get(index).copied()))
        .filter(|d| !matches!(d.data(ctx), AttrData::Dictionary(e) if e.is_empty()))
}

/// Writes `(args) [-> results]` of the function op `op`: named arguments
/// when it has a body, bare types when it is a declaration.
pub fn print_signature(p: &mut OpPrinter<'_>, op: OpId, inputs: &[Type], results: &[Type], vararg: bool) {
    let ir = p.ir;
    let ctx = ir.ctx();
    let arg_attrs = ir.attr(op, "arg_attrs");
    let res_attrs = ir.attr(op, "res_attrs");
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
        if let Some(d) = dict_at(ir, arg_attrs, i) {
            p.write(" ");
            p.print_attribute(d);
        }
    }
    if vararg {
        p.write(if inputs.is_empty() { "..." } else { ", ..." });
    }
    p.write(")");
    if results.is_empty() {
        return;
    }
    p.write(" -> ");
    let any_attrs = (0..results.len()).any(|i| dict_at(ir, res_attrs, i).is_some());
    let needs_parens = results.len() > 1 || any_attrs || matches!(results[0].data(ctx), crate::TypeData::Function { .. });
    if needs_parens {
        p.write("(");
    }
    for (i, &ty) in results.iter().enumerate() {
        if i > 0 {
            p.write(", ");
        }
        p.print_type(ty);
        if let Some(d) = dict_at(ir, res_attrs, i) {
            p.write(" ");
            p.print_attribute(d);
        }
    }
    if needs_parens {
        p.write(")");
    }
}

/// Writes the body region of a function op, if it has one.
pub fn print_body(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    if let Some(&r) = ir.regions(op).first() {
        if !ir.region_blocks(r).is_empty() {
            p.write(" ");
            p.print_region(r, false, true);
        }
    }
}

/// Checks that the entry block's arguments have the signature's types.
pub fn verify_entry_arguments(ir: &Ir, op: OpId, inputs: &[Type]) -> Result<(), crate::Diagnostic> {
    let ctx = ir.ctx();
    let Some(entry) = ir.regions(op).first().and_then(|&r| ir.entry_block(r)) else { return Ok(()) };
    let args = ir.block_arguments(entry);
    if args.len() != inputs.len() {
        return Err(crate::verifier::op_error(
            ir,
            op,
            format!("entry block must have {} arguments to match function signature", inputs.len()),
        ));
    }
    for (i, (&arg, &ty)) in args.iter().zip(inputs).enumerate() {
        let actual = ir.value_type(arg);
        if actual != ty {
            return Err(crate::verifier::op_error(
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
