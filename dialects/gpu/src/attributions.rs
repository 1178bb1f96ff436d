//! Memory attributions of kernels (`gpu.func`, `gpu.launch`): buffers in
//! workgroup memory, shared by the threads of a block, and in private
//! memory, one per thread, that the body receives as extra block
//! arguments after the others. The op's `workgroup_attributions`
//! attribute counts the workgroup ones; the rest are private.
//!
//! ```mlir
//! workgroup(%shared : memref<32xf32, #gpu.address_space<workgroup>>)
//! private(%scratch : memref<4xf32, #gpu.address_space<private>>)
//! ```

use ir::syntax::{Argument, OpParser, OpPrinter, ParseResult};
use ir::types::TypeData;
use ir::verifier::op_error;
use ir::{AttrData, Attribute, Diagnostic, Ir, NamedAttribute, OpId, Value};

use crate::enums::address_space;

/// The attribute that counts the workgroup attributions.
pub(crate) const WORKGROUP_COUNT_ATTR: &str = "workgroup_attributions";

/// `keyword(%a : type {attrs}, ...)`, if the keyword comes next: appends
/// the attributions to `arguments` and returns their attribute
/// dictionaries.
pub(crate) fn parse_attributions<'s>(
    p: &mut OpParser<'_, 's>,
    keyword: &str,
    arguments: &mut Vec<Argument<'s>>,
) -> ParseResult<Vec<Vec<NamedAttribute>>> {
    let mut dictionaries = Vec::new();
    if !p.parse_optional_keyword(keyword) {
        return Ok(dictionaries);
    }
    p.expect_punct("(")?;
    if p.parse_optional_punct(")") {
        return Ok(dictionaries);
    }
    loop {
        let argument = p.parse_argument()?;
        dictionaries.push(argument.attributes.clone());
        arguments.push(argument);
        if !p.parse_optional_punct(",") {
            break;
        }
    }
    p.expect_punct(")")?;
    Ok(dictionaries)
}

/// ` keyword(%a : type {attrs}, ...)`, nothing when there are none;
/// `dictionaries` holds one attribute dictionary per attribution, if any.
pub(crate) fn print_attributions(p: &mut OpPrinter<'_>, keyword: &str, values: &[Value], dictionaries: Option<Attribute>) {
    if values.is_empty() {
        return;
    }
    let ctx = p.ctx();
    p.write(" ");
    p.write(keyword);
    p.write("(");
    for (i, &v) in values.iter().enumerate() {
        if i > 0 {
            p.write(", ");
        }
        p.print_operand(v);
        p.write(" : ");
        p.print_type(p.ir.value_type(v));
        let dictionary = dictionaries.and_then(|d| d.as_array(ctx)).and_then(|items| items.get(i).copied());
        if let Some(d) = dictionary.filter(|d| matches!(d.data(ctx), AttrData::Dictionary(e) if !e.is_empty())) {
            p.write(" ");
            p.print_attribute(d);
        }
    }
    p.write(")");
}

/// How many attributions are in workgroup memory (0 when unsaid).
pub(crate) fn workgroup_count(ir: &Ir, op: OpId) -> Result<usize, Diagnostic> {
    match ir.attr(op, WORKGROUP_COUNT_ATTR) {
        None => Ok(0),
        Some(a) => a
            .as_integer(ir.ctx())
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| op_error(ir, op, format!("requires attribute '{WORKGROUP_COUNT_ATTR}' to be a non-negative integer"))),
    }
}

/// Attributions are memrefs, in the memory their keyword says when their
/// memory space is a `#gpu.address_space` (lowered numeric spaces are not
/// checked).
pub(crate) fn verify_attributions(ir: &Ir, op: OpId, values: &[Value], space: &str) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    for &v in values {
        let TypeData::MemRef { memory_space, .. } = ir.value_type(v).data(ctx) else {
            return Err(op_error(ir, op, "expected memref type in attribution"));
        };
        if memory_space.and_then(|m| address_space(ctx, m)).is_some_and(|s| s != space) {
            return Err(op_error(ir, op, format!("expected memory space {space} in attribution")));
        }
    }
    Ok(())
}
