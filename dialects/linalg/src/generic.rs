//! `linalg.generic`: a structured op written out in full: its indexing
//! maps, iterator types and body. `linalg.yield` ends every linalg body and
//! `linalg.index` gives the body the index of one loop.
//!
//! ```mlir
//! %s = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
//!        ins(%t : tensor<4x8xf32>) outs(%acc : tensor<4xf32>) {
//! ^bb0(%in: f32, %out: f32):
//!   %0 = arith.addf %in, %out : f32
//!   linalg.yield %0 : f32
//! } -> tensor<4xf32>
//! ```

use ir::affine::AffineMap;
use ir::constraints::{ANY_TYPE, ARRAY_ATTR, I64_ATTR, INDEX, STRING_ATTR};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, Attribute, Diagnostic, Ir, NamedAttribute, OpId, Type};

use crate::structured::{
    indexing_maps_of, iterator_types_of, structured_effects, verify_structured, IteratorType, Structured, StructuredOp,
};
use crate::syntax;
use crate::{RANKED_TENSOR, SHAPED};

define_op! {
    /// A structured op given by its indexing maps, iterator types and body.
    pub struct GenericOp = "linalg.generic" {
        operands: [inputs: Variadic(ANY_TYPE), outputs: Variadic(SHAPED)],
        results: [result_tensors: Variadic(RANKED_TENSOR)],
        attributes: [indexing_maps: Required(ARRAY_ATTR), iterator_types: Required(ARRAY_ATTR), doc: Optional(STRING_ATTR), library_call: Optional(STRING_ATTR)],
        regions: [region: Single],
        traits: [SINGLE_BLOCK],
        extra: {
            parse: Some(parse_generic),
            print: Some(print_generic),
            verify: Some(verify_structured),
            effects_of: Some(structured_effects),
            name_region_arguments: Some(syntax::name_in_out),
        },
    }
}

define_op! {
    /// Ends a linalg body with the new value of each output element.
    pub struct YieldOp = "linalg.yield" {
        operands: [values: Variadic(ANY_TYPE)],
        traits: [TERMINATOR, PURE, RETURN_LIKE],
        format: "attr-dict ($values^ `:` type($values))?",
        extra: {
            verify: Some(verify_yield),
        },
    }
}

define_op! {
    /// The index of loop `dim` of the enclosing structured op.
    pub struct IndexOp = "linalg.index" {
        results: [result: Single(INDEX)],
        attributes: [dim: Required(I64_ATTR)],
        traits: [PURE],
        format: "$dim attr-dict `:` type($result)",
        extra: {
            verify: Some(verify_index),
        },
    }
}

/// `linalg.generic` reads its maps and iterators from its attributes.
pub struct GenericStructured;

impl StructuredOp for GenericStructured {
    fn indexing_maps(&self, ir: &Ir, op: OpId) -> Option<Vec<AffineMap>> {
        indexing_maps_of(ir.ctx(), ir.attr(op, "indexing_maps"))
    }

    fn iterator_types(&self, ir: &Ir, op: OpId) -> Option<Vec<IteratorType>> {
        iterator_types_of(ir.ctx(), ir.attr(op, "iterator_types"))
    }
}

const INHERENT: [&str; 4] = ["doc", "indexing_maps", "iterator_types", "library_call"];

/// `{inherent attrs} ins(...) outs(...) [attrs = {...}] region [-> types]`;
/// iterator types may be written as strings.
fn parse_generic(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    let location = p.current_location();
    let entries = p.parse_attr_dict_entries()?;
    for entry in entries {
        let value =
            if ctx.str(entry.name) == "iterator_types" { iterator_types_from_strings(&ctx, entry.value) } else { entry.value };
        p.state.attributes.push(NamedAttribute { name: entry.name, value });
    }
    if !p.state.attributes.iter().any(|a| ctx.str(a.name) == "indexing_maps") {
        return Err(Diagnostic::error(location, "expected 'indexing_maps' in the attribute dictionary of 'linalg.generic'"));
    }
    syntax::parse_ins_outs(p)?;
    if p.parse_optional_keyword("attrs") {
        p.expect_punct("=")?;
        p.parse_optional_attr_dict()?;
    }
    p.parse_region(&[])?;
    syntax::parse_optional_results(p)
}

/// `["parallel", "reduction"]` as `[#linalg.iterator_type<parallel>, ...]`;
/// anything else is kept for the verifier to reject.
fn iterator_types_from_strings(ctx: &ir::Context, value: Attribute) -> Attribute {
    let Some(items) = value.as_array(ctx) else { return value };
    let converted: Option<Vec<Attribute>> =
        items.iter().map(|&a| a.as_string(ctx).and_then(IteratorType::from_keyword).map(|i| i.attr(ctx)).or(Some(a))).collect();
    converted.map_or(value, |items| Attribute::array(ctx, items))
}

fn print_generic(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let ctx = ir.ctx();
    p.write(" {");
    let mut first = true;
    for name in INHERENT {
        let Some(value) = ir.attr(op, name) else { continue };
        p.write(if first { "" } else { ", " });
        first = false;
        p.write(name);
        p.write(" = ");
        match iterator_types_of(ctx, Some(value)).filter(|_| name == "iterator_types") {
            // Written as strings, as upstream prints them.
            Some(iterators) => {
                let strings = iterators.iter().map(|i| Attribute::string(ctx, i.keyword())).collect();
                p.print_attribute(Attribute::array(ctx, strings));
            }
            None => p.print_attribute(value),
        }
    }
    p.write("}");
    syntax::print_ins_outs(p, op);
    let mut elided: Vec<&str> = INHERENT.to_vec();
    elided.push("operandSegmentSizes");
    if ir.op(op).attributes.iter().any(|a| !elided.contains(&ctx.str(a.name))) {
        // Upstream writes two spaces here.
        p.write(" attrs = ");
        p.print_optional_attr_dict(op, &elided);
    }
    p.write(" ");
    p.print_region(ir.regions(op)[0], true, true);
    syntax::print_optional_results(p, op);
}

/// As many values as the enclosing op has outputs, each of the output's element type.
fn verify_yield(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let Some(parent) = ir.parent_op(op) else { return Ok(()) };
    let Some(s) = Structured::of(ir, parent) else {
        return Err(op_error(ir, op, "expected parent op with LinalgOp interface"));
    };
    let values = ir.operands(op);
    if values.len() != s.outputs().len() {
        return Err(op_error(
            ir,
            op,
            format!(
                "expected number of yield values ({}) to match the number of inits / outs operands of the enclosing LinalgOp ({})",
                values.len(),
                s.outputs().len()
            ),
        ));
    }
    for (i, (&v, &out)) in values.iter().zip(s.outputs()).enumerate() {
        let expected: Type = crate::structured::body_argument_type(ctx, ir.value_type(out));
        if ir.value_type(v) != expected {
            return Err(op_error(
                ir,
                op,
                format!(
                    "type of yield operand {} ('{}') doesn't match the element type of the enclosing {} op ('{}')",
                    i + 1,
                    ctx.print_type(ir.value_type(v)),
                    s.name(),
                    ctx.print_type(expected)
                ),
            ));
        }
    }
    Ok(())
}

/// Inside a structured op, naming one of its loops.
fn verify_index(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let dim = IndexOp(op).dim(ir).and_then(|d| d.as_integer(ctx)).unwrap_or(0);
    let mut parent = ir.parent_op(op);
    while let Some(p) = parent {
        if let Some(s) = Structured::of(ir, p) {
            let loops = s.num_loops() as i128;
            if dim < 0 || dim >= loops {
                return Err(op_error(
                    ir,
                    op,
                    format!("expected dim ({dim}) to be lower than the number of loops ({loops}) of the enclosing LinalgOp"),
                ));
            }
            return Ok(());
        }
        parent = ir.parent_op(p);
    }
    Err(op_error(ir, op, "expected parent op with LinalgOp interface"))
}
