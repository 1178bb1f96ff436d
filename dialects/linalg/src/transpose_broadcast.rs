//! Pure data movement: `linalg.transpose` permutes dimensions and
//! `linalg.broadcast` adds the `dimensions` the input lacks.
//!
//! ```mlir
//! %t = linalg.transpose ins(%a : tensor<4x8xf32>) outs(%b : tensor<8x4xf32>) permutation = [1, 0]
//! %b = linalg.broadcast ins(%v : tensor<4xf32>) outs(%m : tensor<4x8xf32>) dimensions = [1]
//! ```

use ir::affine::{AffineExpr, AffineMap};
use ir::constraints::{ANY_ATTR, ANY_TYPE};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::types::DYNAMIC;
use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Ir, OpId, Type};

use crate::map_reduce::{parse_dimensions, print_dimensions};
use crate::payload::build_body;
use crate::structured::{body_argument_type, structured_effects, verify_structured, IteratorType, StructuredOp};
use crate::syntax;
use crate::SHAPED;

define_op! {
    /// Permutes the dimensions of its input: `init[i...] = input[permuted i...]`.
    pub struct TransposeOp = "linalg.transpose" {
        operands: [input: Single(SHAPED), init: Single(SHAPED)],
        results: [result: Variadic(ANY_TYPE)],
        attributes: [permutation: Required(ANY_ATTR)],
        regions: [region: Single],
        traits: [SINGLE_BLOCK],
        extra: {
            parse: Some(parse_transpose),
            print: Some(print_transpose),
            verify: Some(verify_transpose),
            effects_of: Some(structured_effects),
            name_results: Some(|_, _| vec![Some("transposed".to_string())]),
        },
    }
}

define_op! {
    /// Copies its input along the added `dimensions` of the init.
    pub struct BroadcastOp = "linalg.broadcast" {
        operands: [input: Single(SHAPED), init: Single(SHAPED)],
        results: [result: Variadic(ANY_TYPE)],
        attributes: [dimensions: Required(ANY_ATTR)],
        regions: [region: Single],
        traits: [SINGLE_BLOCK],
        extra: {
            parse: Some(parse_broadcast),
            print: Some(print_broadcast),
            verify: Some(verify_broadcast),
            effects_of: Some(structured_effects),
            name_results: Some(|_, _| vec![Some("broadcasted".to_string())]),
        },
    }
}

fn integers(ir: &Ir, op: OpId, name: &str) -> Vec<i64> {
    ir::mixed_list::statics(ir, op, name)
}

fn init_rank(ir: &Ir, op: OpId) -> Option<u32> {
    Some(ir.value_type(*ir.operands(op).get(1)?).shape(ir.ctx())?.len() as u32)
}

/// Loops over the init; the input is read at the permuted indices.
pub struct TransposeStructured;

impl StructuredOp for TransposeStructured {
    fn indexing_maps(&self, ir: &Ir, op: OpId) -> Option<Vec<AffineMap>> {
        let rank = init_rank(ir, op)?;
        let permutation = integers(ir, op, "permutation");
        // Input dimension j is init dimension k where permutation[k] == j.
        let input = (0..rank as i64)
            .map(|j| permutation.iter().position(|&p| p == j).map(|k| AffineExpr::Dim(k as u32)))
            .collect::<Option<Vec<_>>>()?;
        Some(vec![AffineMap { num_dims: rank, num_symbols: 0, results: input }, AffineMap::identity(rank)])
    }

    fn iterator_types(&self, ir: &Ir, op: OpId) -> Option<Vec<IteratorType>> {
        Some(vec![IteratorType::Parallel; init_rank(ir, op)? as usize])
    }

    fn num_outputs(&self, _: &Ir, _: OpId) -> usize {
        1
    }
}

/// Loops over the init; the input is read at the dimensions not added.
pub struct BroadcastStructured;

impl StructuredOp for BroadcastStructured {
    fn indexing_maps(&self, ir: &Ir, op: OpId) -> Option<Vec<AffineMap>> {
        let rank = init_rank(ir, op)?;
        let added = integers(ir, op, "dimensions");
        let input = (0..rank).filter(|d| !added.contains(&(*d as i64))).map(AffineExpr::Dim).collect();
        Some(vec![AffineMap { num_dims: rank, num_symbols: 0, results: input }, AffineMap::identity(rank)])
    }

    fn iterator_types(&self, ir: &Ir, op: OpId) -> Option<Vec<IteratorType>> {
        Some(vec![IteratorType::Parallel; init_rank(ir, op)? as usize])
    }

    fn num_outputs(&self, _: &Ir, _: OpId) -> usize {
        1
    }
}

/// Builds a detached `linalg.transpose` of `input` into `init` (`init`
/// dimension `i` is `input` dimension `permutation[i]`), with its body.
pub fn build_transpose(
    ir: &mut Ir,
    location: ir::Location,
    input: ir::Value,
    init: ir::Value,
    permutation: &[i64],
) -> TransposeOp {
    let attr = ir::mixed_list::attribute(ir.ctx(), permutation);
    build_movement::<TransposeOp>(ir, location, input, init, ("permutation", attr))
}

/// Builds a detached `linalg.broadcast` of `input` into `init` along the
/// added `dimensions` of `init`, with its body.
pub fn build_broadcast(
    ir: &mut Ir,
    location: ir::Location,
    input: ir::Value,
    init: ir::Value,
    dimensions: &[i64],
) -> BroadcastOp {
    let attr = ir::mixed_list::attribute(ir.ctx(), dimensions);
    build_movement::<BroadcastOp>(ir, location, input, init, ("dimensions", attr))
}

fn build_movement<T: ir::OpType>(
    ir: &mut Ir,
    location: ir::Location,
    input: ir::Value,
    init: ir::Value,
    attribute: (&str, ir::Attribute),
) -> T {
    let ctx = ir.ctx_arc().clone();
    let init_type = ir.value_type(init);
    let results: Vec<Type> = if init_type.is_tensor(&ctx) { vec![init_type] } else { Vec::new() };
    let op = ir.build::<T>(location, &[&[input], &[init]], &results, &[attribute]).expect("input and init fit the declaration");
    let types = [body_argument_type(&ctx, ir.value_type(input)), body_argument_type(&ctx, init_type)];
    let region = ir.regions(op.op())[0];
    // Yielding the input cannot fail.
    let _ = build_body(ir, region, &types, location, &[], |_, _, args| Ok(vec![args[0]]));
    op
}

/// `ins(%in : t) outs(%init : t) keyword = [..] attr-dict`; the body yields the input.
fn parse_movement(p: &mut OpParser<'_, '_>, keyword: &str) -> ParseResult<()> {
    let ctx = p.context();
    let input = syntax::parse_operands_with_types(p, "ins")?;
    let init = syntax::parse_operands_with_types(p, "outs")?;
    parse_dimensions(p, keyword)?;
    p.parse_optional_attr_dict()?;
    let location = p.op_location();
    p.state.result_types = syntax::tensor_output_types(p, &init);
    p.state.operands.extend(input);
    p.state.operands.extend(init);
    let types: Vec<Type> = p.state.operands.iter().map(|&v| body_argument_type(&ctx, p.value_type(v))).collect();
    let region = p.add_empty_region();
    build_body(p.ir(), region, &types, location, &[], |_, _, args| Ok(vec![args[0]]))
        .map_err(|why| Diagnostic::error(location, why))
}

fn print_movement(p: &mut OpPrinter<'_>, op: OpId, keyword: &str) {
    let operands = p.ir.operands(op).to_vec();
    syntax::print_operands_with_types(p, "ins", &operands[..1]);
    syntax::print_operands_with_types(p, "outs", &operands[1..]);
    print_dimensions(p, op, keyword);
    p.print_optional_attr_dict(op, &[keyword]);
}

fn parse_transpose(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    parse_movement(p, "permutation")
}

fn print_transpose(p: &mut OpPrinter<'_>, op: OpId) {
    print_movement(p, op, "permutation")
}

fn parse_broadcast(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    parse_movement(p, "dimensions")
}

fn print_broadcast(p: &mut OpPrinter<'_>, op: OpId) {
    print_movement(p, op, "dimensions")
}

fn shapes(ir: &Ir, op: OpId) -> (Vec<i64>, Vec<i64>) {
    let ctx = ir.ctx();
    let shape = |i: usize| ir.value_type(ir.operands(op)[i]).shape(ctx).unwrap_or(&[]).to_vec();
    (shape(0), shape(1))
}

fn size_text(size: i64) -> String {
    if size == DYNAMIC {
        "?".to_string()
    } else {
        size.to_string()
    }
}

/// A permutation of the input's dimensions, and result sizes that follow it.
fn verify_transpose(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let (input, init) = shapes(ir, op);
    let permutation = integers(ir, op, "permutation");
    let mut sorted = permutation.clone();
    sorted.sort_unstable();
    if sorted != (0..input.len() as i64).collect::<Vec<_>>() {
        return Err(op_error(ir, op, "permutation is not valid"));
    }
    if init.len() != input.len() {
        return Err(op_error(ir, op, format!("input rank {} does not match init rank {}", input.len(), init.len())));
    }
    for (i, &p) in permutation.iter().enumerate() {
        let (result, source) = (init[i], input[p as usize]);
        if result != DYNAMIC && source != DYNAMIC && result != source {
            return Err(op_error(
                ir,
                op,
                format!(
                    "dim(result, {i}) = {} doesn't match dim(input, permutation[{i}]) = {}",
                    size_text(result),
                    size_text(source)
                ),
            ));
        }
    }
    verify_structured(ir, op)
}

/// Added dimensions in range and increasing; the others are the input's.
fn verify_broadcast(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let (input, init) = shapes(ir, op);
    let added = integers(ir, op, "dimensions");
    if input.len() + added.len() != init.len() {
        return Err(op_error(
            ir,
            op,
            format!(
                "input rank plus added dimensions does not match init rank. input rank: {}, dimensions size: {}, init rank: {}",
                input.len(),
                added.len(),
                init.len()
            ),
        ));
    }
    for (i, &d) in added.iter().enumerate() {
        if d < 0 || d as usize >= init.len() {
            return Err(op_error(
                ir,
                op,
                format!("dimension {i} is out of range. expected range: [0, {}], got: {d}", init.len() - 1),
            ));
        }
    }
    let kept: Vec<usize> = (0..init.len()).filter(|d| !added.contains(&(*d as i64))).collect();
    for (input_dim, &init_dim) in kept.iter().enumerate() {
        let (a, b) = (input[input_dim], init[init_dim]);
        if a != DYNAMIC && b != DYNAMIC && a != b {
            return Err(op_error(
                ir,
                op,
                format!(
                    "input dim {input_dim} should match init dim {init_dim}. input: {}, init: {}",
                    size_text(a),
                    size_text(b)
                ),
            ));
        }
    }
    verify_structured(ir, op)
}
