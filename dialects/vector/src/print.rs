//! `vector.print` writes a scalar, a vector or a string literal to standard
//! output, followed by a punctuation mark (a newline unless told
//! otherwise); integration tests check what it prints.
//!
//! ```mlir
//! vector.print %v : vector<4xf32>
//! vector.print %x : f32 punctuation <comma>
//! vector.print str "done\n"
//! ```

use ir::constraints::STRING_ATTR;
use ir::dialect::{AttrConstraint, TypeConstraint};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Ir, OpId};

use crate::{enum_attr, enum_value, is_scalar, parse_enum, print_enum};

const PUNCTUATIONS: &[&str] = &["no_punctuation", "newline", "comma", "open", "close"];

/// `#vector.punctuation<newline>`, written `<newline>` after `punctuation`.
const PUNCTUATION: AttrConstraint = AttrConstraint {
    description: "Punctuation for separating vectors or vector elements",
    check: |ctx, a| enum_value(ctx, a, "punctuation").is_some_and(|v| PUNCTUATIONS.contains(&v)),
    parse: Some(|p| parse_enum(p, "punctuation", PUNCTUATIONS, "::mlir::vector::PrintPunctuation")),
    print: Some(|p, a| print_enum(p, a, "punctuation")),
    default: Some(|ctx| enum_attr(ctx, "punctuation", "newline")),
};

/// A scalar or vector; upstream gives this constraint no description.
const PRINTABLE: TypeConstraint =
    TypeConstraint { description: "", check: |ctx, t| t.is_vector(ctx) || is_scalar(ctx, t), buildable: None };

define_op! {
    /// Prints a scalar, vector or string to standard output, then a punctuation mark.
    pub struct PrintOp = "vector.print" {
        operands: [source: Optional(PRINTABLE)],
        attributes: [punctuation: Required(PUNCTUATION), stringLiteral: Optional(STRING_ATTR)],
        effects: [Write],
        extra: {
            parse: Some(parse_print),
            print: Some(print_print),
            verify: Some(verify_print),
        },
    }
}

/// `[%x : type] [str "text"] [punctuation <p>] attr-dict`, the two
/// keyword parts in either order.
fn parse_print(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    if let Some(source) = p.parse_optional_operand()? {
        let ty = p.parse_colon_type()?;
        let source = p.resolve_operand(&source, ty)?;
        p.state.operands.push(source);
    }
    let (mut string, mut punctuation) = (false, false);
    loop {
        let location = p.current_location();
        if p.parse_optional_keyword("str") {
            if std::mem::replace(&mut string, true) {
                return Err(Diagnostic::error(location, "`str` clause can't appear more than once"));
            }
            let text = p.parse_string()?;
            let attr = ir::Attribute::string(p.ctx(), &text);
            p.add_attribute("stringLiteral", attr);
        } else if p.parse_optional_keyword("punctuation") {
            if std::mem::replace(&mut punctuation, true) {
                return Err(Diagnostic::error(location, "`punctuation` clause can't appear more than once"));
            }
            let attr = (PUNCTUATION.parse.expect("punctuation has custom syntax"))(p)?;
            p.add_attribute("punctuation", attr);
        } else {
            break;
        }
    }
    p.parse_optional_attr_dict()?;
    if !punctuation && !p.state.attributes.iter().any(|a| p.ctx().str(a.name) == "punctuation") {
        let attr = (PUNCTUATION.default.expect("punctuation has a default"))(p.ctx());
        p.add_attribute("punctuation", attr);
    }
    Ok(())
}

fn print_print(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let ctx = ir.ctx();
    let print = PrintOp(op);
    if let Some(source) = print.source(ir) {
        p.write(" ");
        p.print_operand(source);
        p.write(" : ");
        p.print_type(ir.value_type(source));
    }
    if let Some(text) = print.stringLiteral(ir).and_then(|s| s.as_string(ctx)) {
        p.write(" str ");
        p.print_string(text);
    }
    let punctuation = print.punctuation(ir);
    let is_default = punctuation.and_then(|a| enum_value(ctx, a, "punctuation")) == Some("newline");
    if let (Some(punctuation), false) = (punctuation, is_default) {
        p.write(" punctuation ");
        print_enum(p, punctuation, "punctuation");
    }
    p.print_optional_attr_dict(op, &["stringLiteral", "punctuation"]);
}

fn verify_print(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let print = PrintOp(op);
    let ctx = ir.ctx();
    let default_punctuation = print.punctuation(ir).and_then(|a| enum_value(ctx, a, "punctuation")) == Some("newline");
    if print.stringLiteral(ir).is_some() && (print.source(ir).is_some() || !default_punctuation) {
        return Err(op_error(ir, op, "failed to verify that `source` or `punctuation` are not set when printing strings"));
    }
    Ok(())
}
