//! `scf.index_switch`: runs the region of the case equal to an index, or
//! the default region.
//!
//! ```mlir
//! %r = scf.index_switch %i -> i32
//! case 2 {
//!   scf.yield %a : i32
//! }
//! default {
//!   scf.yield %b : i32
//! }
//! ```

use ir::attributes::AttrData;
use ir::constraints::{ANY_ATTR, ANY_TYPE, INDEX};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, Attribute, Diagnostic, Ir, OpId, Type};

define_op! {
    /// A switch on an index over regions that yield values.
    pub struct IndexSwitchOp = "scf.index_switch" {
        operands: [arg: Single(INDEX)],
        results: [results: Variadic(ANY_TYPE)],
        attributes: [cases: Required(ANY_ATTR)],
        regions: [defaultRegion: Single, caseRegions: Variadic],
        traits: [SINGLE_BLOCK, RECURSIVE_MEMORY_EFFECTS],
        extra: {
            parse: Some(parse_switch),
            print: Some(print_switch),
            verify: Some(verify_switch),
            implicit_terminator: Some("scf.yield"),
        },
    }
}

fn parse_switch(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let arg = p.parse_operand()?;
    let index = Type::index(p.ctx());
    let arg = p.resolve_operand(&arg, index)?;
    p.state.operands.push(arg);
    if p.parse_optional_punct("->") {
        p.state.result_types = p.parse_type_list()?;
    }
    p.parse_optional_attr_dict()?;
    let mut cases = Vec::new();
    let mut case_regions = Vec::new();
    while p.parse_optional_keyword("case") {
        cases.push(p.parse_integer()?);
        case_regions.push(p.parse_region(&[])?);
    }
    p.expect_keyword("default")?;
    let default = p.parse_region(&[])?;
    // The default region comes first among the op's regions.
    p.state.regions = std::iter::once(default).chain(case_regions).collect();
    for r in p.state.regions.clone() {
        p.ensure_terminator(r, "scf.yield");
    }
    let i64t = Type::integer(p.ctx(), 64);
    let values = cases.iter().map(|&c| Attribute::integer(p.ctx(), c, i64t)).collect();
    let cases = p.ctx().intern_attr(AttrData::DenseArray { element: i64t, values });
    p.add_attribute("cases", cases);
    Ok(())
}

fn print_switch(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    p.write(" ");
    p.print_operand(ir.operands(op)[0]);
    let results: Vec<Type> = ir.results(op).iter().map(|&r| ir.value_type(r)).collect();
    if !results.is_empty() {
        p.write(" -> ");
        p.print_types(&results);
    }
    p.print_optional_attr_dict(op, &["cases"]);
    // Upstream ends the line with a space.
    p.write(" ");
    let cases = ir.attr(op, "cases").and_then(|c| c.as_dense_int_array(ir.ctx())).unwrap_or_default();
    let regions = ir.regions(op).to_vec();
    for (value, &region) in cases.iter().zip(&regions[1..]) {
        p.newline();
        p.write(&format!("case {value} "));
        p.print_region(region, false, !results.is_empty());
    }
    p.newline();
    p.write("default ");
    p.print_region(regions[0], false, !results.is_empty());
}

fn verify_switch(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let cases = ir.attr(op, "cases").and_then(|c| c.as_dense_int_array(ir.ctx()));
    let Some(cases) = cases else { return Err(op_error(ir, op, "requires an array<i64> attribute 'cases'")) };
    let regions = ir.regions(op);
    if cases.len() + 1 != regions.len() {
        return Err(op_error(ir, op, format!("has {} case regions but {} case values", regions.len() - 1, cases.len())));
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(dup) = cases.iter().find(|c| !seen.insert(**c)) {
        return Err(op_error(ir, op, format!("has duplicate case value: {dup}")));
    }
    let results: Vec<Type> = ir.results(op).iter().map(|&r| ir.value_type(r)).collect();
    crate::verify_yield(ir, op, regions[0], &results, "the default region")?;
    for (i, &r) in regions[1..].iter().enumerate() {
        crate::verify_yield(ir, op, r, &results, &format!("case region #{i}"))?;
    }
    Ok(())
}
