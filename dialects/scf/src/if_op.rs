//! `scf.if` (a conditional with an optional else region) and
//! `scf.execute_region` (a region run once, where unstructured control flow
//! may appear inside structured code).
//!
//! ```mlir
//! %r = scf.if %cond -> (f32) {
//!   scf.yield %a : f32
//! } else {
//!   scf.yield %b : f32
//! }
//! ```

use ir::constraints::{ANY_TYPE, I1, UNIT_ATTR};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Ir, OpId, Type};

define_op! {
    /// Runs the then region if the condition holds, the else region otherwise.
    pub struct IfOp = "scf.if" {
        operands: [condition: Single(I1)],
        results: [results: Variadic(ANY_TYPE)],
        regions: [thenRegion: Single, elseRegion: Single],
        traits: [SINGLE_BLOCK, RECURSIVE_MEMORY_EFFECTS],
        extra: {
            parse: Some(parse_if),
            print: Some(print_if),
            verify: Some(verify_if),
            implicit_terminator: Some("scf.yield"),
            canonicalize: Some(crate::canonicalize::if_patterns),
        },
    }
}

define_op! {
    /// Runs its region once; the region may hold several blocks.
    pub struct ExecuteRegionOp = "scf.execute_region" {
        results: [results: Variadic(ANY_TYPE)],
        attributes: [no_inline: Optional(UNIT_ATTR)],
        regions: [region: Single],
        traits: [RECURSIVE_MEMORY_EFFECTS],
        extra: {
            parse: Some(parse_execute_region),
            print: Some(print_execute_region),
            verify: Some(verify_execute_region),
        },
    }
}

/// `[-> result-types] [no_inline] region attr-dict`; several result types
/// go in parentheses.
fn parse_execute_region(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    if p.parse_optional_punct("->") {
        p.state.result_types = p.parse_function_result_types()?;
    }
    if p.parse_optional_keyword("no_inline") {
        let unit = ir::Attribute::unit(p.ctx());
        p.add_attribute("no_inline", unit);
    }
    p.parse_region(&[])?;
    p.parse_optional_attr_dict()?;
    Ok(())
}

fn print_execute_region(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let results: Vec<Type> = ir.results(op).iter().map(|&r| ir.value_type(r)).collect();
    if !results.is_empty() {
        p.write(" -> ");
        p.print_function_results(&results);
    }
    if ir.attr(op, "no_inline").is_some() {
        p.write(" no_inline");
    }
    p.write(" ");
    p.print_region(ir.regions(op)[0], false, true);
    p.print_optional_attr_dict(op, &["no_inline"]);
}

fn parse_if(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let condition = p.parse_operand()?;
    let i1 = Type::integer(p.ctx(), 1);
    let condition = p.resolve_operand(&condition, i1)?;
    p.state.operands.push(condition);
    if p.parse_optional_punct("->") {
        p.state.result_types = p.parse_function_result_types()?;
    }
    let then_region = p.parse_region(&[])?;
    p.ensure_terminator(then_region, "scf.yield");
    if p.parse_optional_keyword("else") {
        let else_region = p.parse_region(&[])?;
        p.ensure_terminator(else_region, "scf.yield");
    } else {
        p.add_empty_region();
    }
    p.parse_optional_attr_dict()
}

fn print_if(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let if_op = IfOp(op);
    p.write(" ");
    p.print_operand(if_op.condition(ir));
    let results: Vec<Type> = ir.results(op).iter().map(|&r| ir.value_type(r)).collect();
    if !results.is_empty() {
        p.write(" -> (");
        p.print_types(&results);
        p.write(")");
    }
    let has_results = !results.is_empty();
    p.write(" ");
    p.print_region(ir.regions(op)[0], false, has_results);
    let else_region = ir.regions(op)[1];
    if !ir.region_blocks(else_region).is_empty() {
        p.write(" else ");
        p.print_region(else_region, false, has_results);
    }
    p.print_optional_attr_dict(op, &[]);
}

fn verify_if(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let results: Vec<Type> = ir.results(op).iter().map(|&r| ir.value_type(r)).collect();
    let else_region = ir.regions(op)[1];
    if !results.is_empty() && ir.region_blocks(else_region).is_empty() {
        return Err(op_error(ir, op, "must have an else block if defining values"));
    }
    crate::verify_yield(ir, op, ir.regions(op)[0], &results, "the then region")?;
    crate::verify_yield(ir, op, else_region, &results, "the else region")
}

fn verify_execute_region(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let region = ir.regions(op)[0];
    match ir.entry_block(region) {
        None => Err(op_error(ir, op, "region needs to have at least one block")),
        Some(entry) if !ir.block_arguments(entry).is_empty() => Err(op_error(ir, op, "region cannot have any arguments")),
        Some(_) => Ok(()),
    }
}
