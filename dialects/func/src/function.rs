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

use ir::constraints::{DICTIONARY_ARRAY_ATTR, FUNCTION_TYPE_ATTR, STRING_ATTR, SYMBOL_NAME_ATTR};
use ir::function_like;
use ir::syntax::{OpParser, OpPrinter, ParseResult};
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

fn parse_func(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    let ctx = &*ctx;
    let visibility = ["private", "public", "nested"].into_iter().find(|&v| p.parse_optional_keyword(v));
    let name = p.parse_symbol_name()?;
    let signature = function_like::parse_signature(p, false)?;
    p.add_attribute("sym_name", Attribute::string(ctx, &name));
    let function_type = Type::function(ctx, signature.inputs, signature.results);
    p.add_attribute("function_type", Attribute::type_attr(ctx, function_type));
    // The papers' `func @f(i32) -> i32` declared an external function; today
    // a declaration must not be public, so the old spelling means private.
    let is_legacy_declaration = p.spelling() == "func" && signature.arguments.is_empty() && !p.peek("{");
    match visibility {
        Some(v) => p.add_attribute("sym_visibility", Attribute::string(ctx, v)),
        None if is_legacy_declaration => p.add_attribute("sym_visibility", Attribute::string(ctx, "private")),
        None => {}
    }
    if let Some(a) = signature.arg_attrs {
        p.add_attribute("arg_attrs", a);
    }
    if let Some(a) = signature.res_attrs {
        p.add_attribute("res_attrs", a);
    }
    p.parse_optional_attr_dict_with_keyword()?;
    if p.peek("{") {
        // Unnamed arguments leave the entry block to declare its own
        // (`^bb0(%a: i32):`), which the verifier checks against the type.
        p.parse_region(&signature.arguments)?;
    } else {
        p.add_empty_region();
    }
    Ok(())
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
    function_like::print_signature(p, op, &inputs, &results, false);
    p.print_optional_attr_dict_with_keyword(op, &["sym_name", "function_type", "sym_visibility", "arg_attrs", "res_attrs"]);
    function_like::print_body(p, op);
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
    function_like::verify_entry_arguments(ir, op, &inputs)
}
