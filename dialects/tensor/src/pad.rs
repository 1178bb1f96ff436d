//! `tensor.pad`: a tensor grown by some amount before and after each
//! dimension, the new elements computed by a region from their indices
//! (usually one constant).
//!
//! ```mlir
//! %p = tensor.pad %t low[1, %n] high[2, 0] {
//! ^bb0(%i: index, %j: index):
//!   tensor.yield %zero : f32
//! } : tensor<6x?xf32> to tensor<9x?xf32>
//! ```

use ir::constraints::{ANY_ATTR, INDEX, UNIT_ATTR};
use ir::syntax::{Argument, OpParser, OpPrinter, ParseResult};
use ir::types::DYNAMIC;
use ir::verifier::op_error;
use ir::{define_op, mixed_list, shape, Attribute, Diagnostic, Ir, OpId, Type};

use crate::{named, RANKED_TENSOR};

define_op! {
    /// A tensor padded before (`low`) and after (`high`) each dimension with values its region yields.
    pub struct PadOp = "tensor.pad" {
        operands: [source: Single(RANKED_TENSOR), low: Variadic(INDEX), high: Variadic(INDEX)],
        results: [result: Single(RANKED_TENSOR)],
        attributes: [static_low: Required(ANY_ATTR), static_high: Required(ANY_ATTR), nofold: Optional(UNIT_ATTR)],
        regions: [region: Single],
        traits: [PURE, SINGLE_BLOCK],
        extra: {
            parse: Some(parse_pad),
            print: Some(print_pad),
            verify: Some(verify_pad),
            name_results: Some(|_, _| named("padded")),
        },
    }
}

/// `%src [nofold] low[..] high[..] region attr-dict : type to type`.
fn parse_pad(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    let source = p.parse_operand()?;
    if p.parse_optional_keyword("nofold") {
        p.add_attribute("nofold", Attribute::unit(&ctx));
    }
    let location = p.current_location();
    p.expect_keyword("low")?;
    let (low, static_low) = mixed_list::parse(p)?;
    p.expect_keyword("high")?;
    let (high, static_high) = mixed_list::parse(p)?;
    p.add_attribute("static_low", mixed_list::attribute(&ctx, &static_low));
    p.add_attribute("static_high", mixed_list::attribute(&ctx, &static_high));
    // The region's arguments are declared in its block header.
    let no_arguments: [Argument<'_>; 0] = [];
    p.parse_region(&no_arguments)?;
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let source_type = p.parse_type()?;
    p.expect_keyword("to")?;
    let result_type = p.parse_type()?;
    let index = Type::index(&ctx);
    let source = p.resolve_operand(&source, source_type)?;
    let low = p.resolve_operands(&low, &vec![index; low.len()], location)?;
    let high = p.resolve_operands(&high, &vec![index; high.len()], location)?;
    let sizes = [1, low.len() as i32, high.len() as i32];
    p.state.operands.push(source);
    p.state.operands.extend(low);
    p.state.operands.extend(high);
    p.add_attribute("operandSegmentSizes", Attribute::dense_i32_array(&ctx, &sizes));
    p.state.result_types.push(result_type);
    Ok(())
}

fn print_pad(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let pad = PadOp(op);
    p.write(" ");
    p.print_operand(pad.source(ir));
    if pad.nofold(ir).is_some() {
        p.write(" nofold");
    }
    p.write(" low");
    mixed_list::print(p, &mixed_list::statics(ir, op, "static_low"), pad.low(ir));
    p.write(" high");
    mixed_list::print(p, &mixed_list::statics(ir, op, "static_high"), pad.high(ir));
    p.write(" ");
    p.print_region(ir.regions(op)[0], true, true);
    p.print_optional_attr_dict(op, &["static_low", "static_high", "nofold", "operandSegmentSizes"]);
    p.write(" : ");
    p.print_type(ir.value_type(pad.source(ir)));
    p.write(" to ");
    p.print_type(ir.value_type(pad.result(ir)));
}

/// One low and one high amount per dimension, a value per dynamic amount,
/// a result of the padded shape, and a body yielding one element.
fn verify_pad(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let pad = PadOp(op);
    let source = ir.value_type(pad.source(ir));
    let result = ir.value_type(pad.result(ir));
    let source_shape = source.shape(ctx).unwrap_or(&[]);
    let (low, high) = (mixed_list::statics(ir, op, "static_low"), mixed_list::statics(ir, op, "static_high"));
    if low.len() != source_shape.len() || high.len() != source_shape.len() {
        return Err(op_error(ir, op, format!("expected {} low and high padding amounts, one per dimension", source_shape.len())));
    }
    if pad.low(ir).len() != shape::dynamic_count(&low) || pad.high(ir).len() != shape::dynamic_count(&high) {
        return Err(op_error(ir, op, "expected one index operand per dynamic padding amount"));
    }
    let inferred: Vec<i64> = source_shape
        .iter()
        .zip(low.iter().zip(&high))
        .map(|(&size, (&l, &h))| if [size, l, h].contains(&DYNAMIC) { DYNAMIC } else { size.saturating_add(l).saturating_add(h) })
        .collect();
    let result_shape = result.shape(ctx).unwrap_or(&[]);
    let matches = result_shape.len() == inferred.len()
        && result_shape.iter().zip(&inferred).all(|(&r, &i)| i == DYNAMIC || r == i)
        && source.shaped_element(ctx) == result.shaped_element(ctx);
    if !matches {
        let inferred_type = Type::ranked_tensor(ctx, inferred, source.element_type_or_self(ctx));
        return Err(op_error(
            ir,
            op,
            format!(
                "specified type '{}' does not match the inferred type '{}'",
                ctx.print_type(result),
                ctx.print_type(inferred_type)
            ),
        ));
    }
    crate::elements::verify_element_body(ir, op, result)
}
