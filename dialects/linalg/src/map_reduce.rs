//! `linalg.map` applies its body to the elements of its inputs at each
//! index of the init; `linalg.reduce` folds the `dimensions` of its inputs
//! into its inits. Both write a one-op body in short form:
//!
//! ```mlir
//! %m = linalg.map { arith.addf } ins(%a, %b : tensor<8xf32>, tensor<8xf32>) outs(%c : tensor<8xf32>)
//! %r = linalg.reduce { arith.addf } ins(%t : tensor<4x8xf32>) outs(%acc : tensor<4xf32>) dimensions = [1]
//! ```
//! and any other body in full: `(%in: f32, %init: f32) { ... linalg.yield %x : f32 }`.

use ir::affine::{AffineExpr, AffineMap};
use ir::constraints::{ANY_ATTR, ANY_TYPE};
use ir::shape;
use ir::syntax::{Argument, OpParser, OpPrinter, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Ir, OpId, OperationState, Type, Value};

use crate::structured::{body_argument_type, structured_effects, verify_structured, IteratorType, StructuredOp};
use crate::syntax;
use crate::SHAPED;

define_op! {
    /// Applies its body to the elements of its inputs at each index of the init.
    pub struct MapOp = "linalg.map" {
        operands: [inputs: Variadic(SHAPED), init: Single(SHAPED)],
        results: [result: Variadic(ANY_TYPE)],
        regions: [mapper: Single],
        traits: [SINGLE_BLOCK],
        extra: {
            parse: Some(parse_map),
            print: Some(print_map),
            verify: Some(verify_structured),
            effects_of: Some(structured_effects),
            name_region_arguments: Some(syntax::name_in_init),
            name_results: Some(|_, _| vec![Some("mapped".to_string())]),
        },
    }
}

define_op! {
    /// Folds the `dimensions` of its inputs into its inits with its body.
    pub struct ReduceOp = "linalg.reduce" {
        operands: [inputs: Variadic(SHAPED), inits: Variadic(SHAPED)],
        results: [result: Variadic(ANY_TYPE)],
        attributes: [dimensions: Required(ANY_ATTR)],
        regions: [combiner: Single],
        traits: [SINGLE_BLOCK, SAME_VARIADIC_OPERAND_SIZE],
        extra: {
            parse: Some(parse_reduce),
            print: Some(print_reduce),
            verify: Some(verify_reduce),
            effects_of: Some(structured_effects),
            name_region_arguments: Some(syntax::name_in_init),
            name_results: Some(|_, _| vec![Some("reduced".to_string())]),
        },
    }
}

/// The maps and iterators of `linalg.map`: identities over the init.
pub struct MapStructured;

impl StructuredOp for MapStructured {
    fn indexing_maps(&self, ir: &Ir, op: OpId) -> Option<Vec<AffineMap>> {
        let rank = ir.value_type(MapOp(op).init(ir)).shape(ir.ctx())?.len() as u32;
        Some(vec![AffineMap::identity(rank); ir.operands(op).len()])
    }

    fn iterator_types(&self, ir: &Ir, op: OpId) -> Option<Vec<IteratorType>> {
        Some(vec![IteratorType::Parallel; ir.value_type(MapOp(op).init(ir)).shape(ir.ctx())?.len()])
    }

    fn num_outputs(&self, _: &Ir, _: OpId) -> usize {
        1
    }
}

/// The maps and iterators of `linalg.reduce`: identities over the inputs;
/// the inits keep the dimensions that are not reduced.
pub struct ReduceStructured;

impl StructuredOp for ReduceStructured {
    fn indexing_maps(&self, ir: &Ir, op: OpId) -> Option<Vec<AffineMap>> {
        let rank = ir.value_type(*ReduceOp(op).inputs(ir).first()?).shape(ir.ctx())?.len() as u32;
        let reduced = reduced_dimensions(ir, op);
        let kept = AffineMap {
            num_dims: rank,
            num_symbols: 0,
            results: (0..rank).filter(|d| !reduced.contains(&(*d as i64))).map(AffineExpr::Dim).collect(),
        };
        let inputs = ReduceOp(op).inputs(ir).len();
        let mut maps = vec![AffineMap::identity(rank); inputs];
        maps.extend(std::iter::repeat_n(kept, ReduceOp(op).inits(ir).len()));
        Some(maps)
    }

    fn iterator_types(&self, ir: &Ir, op: OpId) -> Option<Vec<IteratorType>> {
        let rank = ir.value_type(*ReduceOp(op).inputs(ir).first()?).shape(ir.ctx())?.len();
        let reduced = reduced_dimensions(ir, op);
        Some(
            (0..rank)
                .map(|d| if reduced.contains(&(d as i64)) { IteratorType::Reduction } else { IteratorType::Parallel })
                .collect(),
        )
    }

    fn num_outputs(&self, ir: &Ir, op: OpId) -> usize {
        ir.operands(op).len() / 2
    }
}

fn reduced_dimensions(ir: &Ir, op: OpId) -> Vec<i64> {
    ir.attr(op, "dimensions")
        .and_then(|a| a.as_dense_int_array(ir.ctx()))
        .unwrap_or_default()
        .into_iter()
        .map(|d| d as i64)
        .collect()
}

/// The `dimensions = [1, 2]` that reduce and broadcast write.
pub(crate) fn parse_dimensions(p: &mut OpParser<'_, '_>, keyword: &str) -> ParseResult<()> {
    p.expect_keyword(keyword)?;
    p.expect_punct("=")?;
    let (values, statics) = ir::mixed_list::parse(p)?;
    if !values.is_empty() {
        return Err(p.error(format!("expected constant integers in '{keyword}'")));
    }
    let attr = ir::mixed_list::attribute(p.ctx(), &statics);
    p.add_attribute(keyword, attr);
    Ok(())
}

/// ` dimensions = [1, 2] ` (upstream leaves a space after the list).
pub(crate) fn print_dimensions(p: &mut OpPrinter<'_>, op: OpId, keyword: &str) {
    let values = ir::mixed_list::statics(p.ir, op, keyword);
    p.write(&format!(" {keyword} = [{}] ", values.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ")));
}

/// The one op of a short-form body and the order of its operands among the
/// body's arguments: map passes the inputs in order, reduce the inits then
/// the inputs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ShortForm {
    Map,
    Reduce,
}

impl ShortForm {
    /// The body arguments the payload op takes, in its operand order.
    fn payload_operands(self, args: &[Value], inputs: usize) -> Vec<Value> {
        match self {
            ShortForm::Map => args[..inputs.min(args.len())].to_vec(),
            ShortForm::Reduce if !args.is_empty() => args[1..].iter().chain(&args[..1]).copied().collect(),
            ShortForm::Reduce => Vec::new(),
        }
    }

    /// The payload op when the body is one op applied to the arguments in
    /// short-form order and yielded.
    fn payload(self, ir: &Ir, op: OpId, inputs: usize) -> Option<OpId> {
        let block = ir.entry_block(*ir.regions(op).first()?)?;
        let ops: Vec<OpId> = ir.block_ops(block).collect();
        let [payload, terminator] = ops.as_slice() else { return None };
        let expected = self.payload_operands(ir.block_arguments(block), inputs);
        let matches = ir.operands(*payload) == expected.as_slice()
            && !expected.is_empty()
            && ir.regions(*payload).is_empty()
            && ir.operands(*terminator) == ir.results(*payload);
        matches.then_some(*payload)
    }
}

/// `{ op-name attr-dict }`: the body built from one op; the body's argument
/// types are known once the operands are parsed.
struct PayloadSpelling {
    name: String,
    attributes: Vec<ir::NamedAttribute>,
}

fn parse_optional_payload(p: &mut OpParser<'_, '_>) -> ParseResult<Option<PayloadSpelling>> {
    if !p.parse_optional_punct("{") {
        return Ok(None);
    }
    let location = p.current_location();
    let name = p.parse_identifier()?.to_string();
    if p.ctx().op_definition(p.ctx().op_name(&name)).is_none() {
        return Err(Diagnostic::error(location, format!("expected a registered op in the short form body, found '{name}'")));
    }
    let attributes = p.parse_attr_dict_entries()?;
    p.expect_punct("}")?;
    Ok(Some(PayloadSpelling { name, attributes }))
}

/// Builds the short-form body: one `payload` op and a yield of its result.
fn build_short_form(p: &mut OpParser<'_, '_>, payload: PayloadSpelling, form: ShortForm, inputs: usize) -> ParseResult<()> {
    let ctx = p.context();
    let location = p.op_location();
    let types: Vec<Type> = p.state.operands.iter().map(|&v| body_argument_type(&ctx, p.value_type(v))).collect();
    let result = *types.last().ok_or_else(|| Diagnostic::error(location, "expected an init operand"))?;
    let region = p.add_empty_region();
    let ir = p.ir();
    let block = ir.create_block(&types, location);
    ir.push_block(region, block);
    let args = ir.block_arguments(block).to_vec();
    let mut state = OperationState::new(ctx.op_name(&payload.name), location);
    state.operands = form.payload_operands(&args, inputs);
    state.result_types = vec![result];
    state.attributes = payload.attributes;
    if let Some(def) = ctx.op_definition(state.name) {
        def.add_default_attributes(&ctx, &mut state.attributes);
    }
    let op = ir.create_op(state);
    ir.append_op(block, op);
    let value = ir.result(op, 0);
    let terminator = ir.build::<crate::YieldOp>(location, &[&[value]], &[], &[]).map_err(|e| Diagnostic::error(location, e.0))?;
    ir.append_op(block, terminator.0);
    Ok(())
}

/// `(%a: f32, %b: f32) { ... }`: a body written in full.
fn parse_full_body(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    p.expect_punct("(")?;
    let mut arguments: Vec<Argument<'_>> = Vec::new();
    if !p.parse_optional_punct(")") {
        loop {
            arguments.push(p.parse_argument()?);
            if !p.parse_optional_punct(",") {
                break;
            }
        }
        p.expect_punct(")")?;
    }
    p.parse_region(&arguments)?;
    Ok(())
}

/// Prints the short form `{ op attrs }` if the body allows it.
fn print_optional_payload(p: &mut OpPrinter<'_>, op: OpId, form: ShortForm, inputs: usize) -> bool {
    let Some(payload) = form.payload(p.ir, op, inputs) else { return false };
    p.write(" { ");
    p.write(p.ir.op_name_str(payload));
    p.print_optional_attr_dict(payload, &[]);
    p.write(" }");
    true
}

/// Prints a full body on its own line, with its arguments.
fn print_full_body(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let region = ir.regions(op)[0];
    let Some(block) = ir.entry_block(region) else { return };
    p.increase_indent();
    p.newline();
    p.write("(");
    for (i, &arg) in ir.block_arguments(block).iter().enumerate() {
        if i > 0 {
            p.write(", ");
        }
        p.print_argument(arg);
    }
    p.write(") ");
    p.print_region(region, false, true);
    p.decrease_indent();
}

/// `[{ op }] ins(...) outs(%init : type) attr-dict [body]`.
fn parse_map(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let payload = parse_optional_payload(p)?;
    let inputs = syntax::parse_operands_with_types(p, "ins")?;
    let inits = syntax::parse_operands_with_types(p, "outs")?;
    p.parse_optional_attr_dict()?;
    let input_count = inputs.len();
    p.state.result_types = syntax::tensor_output_types(p, &inits);
    p.state.operands.extend(inputs);
    p.state.operands.extend(inits);
    match payload {
        Some(payload) => build_short_form(p, payload, ShortForm::Map, input_count),
        None => parse_full_body(p),
    }
}

fn print_map(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let map = MapOp(op);
    let short = print_optional_payload(p, op, ShortForm::Map, map.inputs(ir).len());
    syntax::print_operands_with_types(p, "ins", map.inputs(ir));
    syntax::print_operands_with_types(p, "outs", &[map.init(ir)]);
    p.print_optional_attr_dict(op, &[]);
    if !short {
        print_full_body(p, op);
    }
}

/// `[{ op }] ins(...) outs(...) dimensions = [..] attr-dict [body]`.
fn parse_reduce(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let payload = parse_optional_payload(p)?;
    let inputs = syntax::parse_operands_with_types(p, "ins")?;
    let inits = syntax::parse_operands_with_types(p, "outs")?;
    parse_dimensions(p, "dimensions")?;
    p.parse_optional_attr_dict()?;
    let input_count = inputs.len();
    p.state.result_types = syntax::tensor_output_types(p, &inits);
    p.state.operands.extend(inputs);
    p.state.operands.extend(inits);
    match payload {
        Some(payload) => build_short_form(p, payload, ShortForm::Reduce, input_count),
        None => parse_full_body(p),
    }
}

fn print_reduce(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let reduce = ReduceOp(op);
    let short = print_optional_payload(p, op, ShortForm::Reduce, reduce.inputs(ir).len());
    syntax::print_operands_with_types(p, "ins", reduce.inputs(ir));
    syntax::print_operands_with_types(p, "outs", reduce.inits(ir));
    print_dimensions(p, op, "dimensions");
    p.print_optional_attr_dict(op, &["dimensions"]);
    if !short {
        print_full_body(p, op);
    }
}

/// Reduced dimensions in range and increasing; each init has the input's
/// shape without them; then the structured-op checks.
fn verify_reduce(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let reduce = ReduceOp(op);
    let Some(&first) = reduce.inputs(ir).first() else { return Err(op_error(ir, op, "expects at least one input")) };
    let input_shape = ir.value_type(first).shape(ctx).unwrap_or(&[]).to_vec();
    let dims = reduced_dimensions(ir, op);
    for (i, &d) in dims.iter().enumerate() {
        if d < 0 || d as usize >= input_shape.len() {
            return Err(op_error(
                ir,
                op,
                format!("dimensions for reduction should be in the range [0, {}].", input_shape.len().saturating_sub(1)),
            ));
        }
        if i > 0 && dims[i - 1] >= d {
            return Err(op_error(ir, op, "dimensions for reduction should be strictly increasing"));
        }
    }
    let kept: Vec<i64> = input_shape.iter().enumerate().filter(|(d, _)| !dims.contains(&(*d as i64))).map(|(_, &s)| s).collect();
    for &init in reduce.inits(ir) {
        let init_shape = ir.value_type(init).shape(ctx).unwrap_or(&[]).to_vec();
        if !shape::compatible(&init_shape, &kept) {
            let show = |s: &[i64]| {
                s.iter()
                    .map(|d| if *d == ir::types::DYNAMIC { "?".to_string() } else { d.to_string() })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            return Err(op_error(
                ir,
                op,
                format!(
                    "init dimensions [{}] doesn't match input dimensions after reduction [{}]",
                    show(&init_shape),
                    show(&kept)
                ),
            ));
        }
    }
    verify_structured(ir, op)
}
