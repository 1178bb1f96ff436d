//! Reductions: `vector.reduction` combines every element of a 1-D vector
//! into a scalar (optionally with an accumulator), `vector.multi_reduction`
//! combines along some dimensions of an n-D vector into an accumulator.
//!
//! ```mlir
//! %s = vector.reduction <add>, %v : vector<16xf32> into f32
//! %m = vector.reduction <maximumf>, %v, %acc fastmath<nnan> : vector<16xf32> into f32
//! %r = vector.multi_reduction <add>, %w, %acc4 [1] : vector<4x16xf32> to vector<4xf32>
//! ```

use dialect_arith::FASTMATH;
use ir::constraints::ANY_TYPE;
use ir::syntax::{OpParser, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Ir, OpId, Type};

use crate::mask::Maskable;
use crate::{kind_of, kind_supports, vector_of, vector_type, ANY_VECTOR, DENSE_I64_ARRAY, KIND, NON_ZERO_RANK_VECTOR};

define_op! {
    /// Combines every element of a 1-D vector into a scalar.
    pub struct ReductionOp = "vector.reduction" {
        operands: [vector: Single(ANY_VECTOR), acc: Optional(ANY_TYPE)],
        results: [dest: Single(ANY_TYPE)],
        attributes: [kind: Required(KIND), fastmath: Required(FASTMATH)],
        traits: [PURE],
        format: "$kind `,` $vector (`,` $acc^)? (`fastmath` `` $fastmath^)? attr-dict `:` type($vector) `into` type($dest)",
        extra: {
            parse: Some(parse_reduction),
            verify: Some(verify_reduction),
        },
    }
}

define_op! {
    /// Combines the elements along some dimensions of a vector into an accumulator.
    pub struct MultiDimReductionOp = "vector.multi_reduction" {
        operands: [source: Single(NON_ZERO_RANK_VECTOR), acc: Single(ANY_TYPE)],
        results: [dest: Single(ANY_TYPE)],
        attributes: [kind: Required(KIND), reduction_dims: Required(DENSE_I64_ARRAY)],
        traits: [PURE],
        format: "$kind `,` $source `,` $acc attr-dict $reduction_dims `:` type($source) `to` type($dest)",
        extra: {
            parse: Some(parse_multi_reduction),
            verify: Some(verify_multi_reduction),
        },
    }
}

/// Reductions wrapped in `vector.mask` take a mask shaped like their source.
pub(crate) struct MaskableReduction;

impl Maskable for MaskableReduction {
    fn expected_mask_type(&self, ir: &Ir, op: OpId) -> Option<Type> {
        let ctx = ir.ctx();
        let source = ir.value_type(ir.operands(op)[0]);
        vector_of(ctx, source)?;
        Some(source.with_element(ctx, Type::integer(ctx, 1)))
    }
}

/// `<kind>, %vector[, %acc] [fastmath<...>] attr-dict : vector-type into type`;
/// the accumulator has the result type.
fn parse_reduction(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let kind = (KIND.parse.expect("the kind constraint has custom syntax"))(p)?;
    p.add_attribute("kind", kind);
    p.expect_punct(",")?;
    let vector = p.parse_operand()?;
    let acc = if p.parse_optional_punct(",") { Some(p.parse_operand()?) } else { None };
    let fastmath = if p.parse_optional_keyword("fastmath") {
        (FASTMATH.parse.expect("fastmath has custom syntax"))(p)?
    } else {
        (FASTMATH.default.expect("fastmath has a default"))(p.ctx())
    };
    p.add_attribute("fastmath", fastmath);
    p.parse_optional_attr_dict()?;
    let vector_type = p.parse_colon_type()?;
    p.expect_keyword("into")?;
    let dest = p.parse_type()?;
    let vector = p.resolve_operand(&vector, vector_type)?;
    p.state.operands.push(vector);
    if let Some(acc) = acc {
        let acc = p.resolve_operand(&acc, dest)?;
        p.state.operands.push(acc);
    }
    p.state.result_types.push(dest);
    Ok(())
}

/// `<kind>, %source, %acc attr-dict [dims] : source-type to type`; the
/// accumulator has the result type.
fn parse_multi_reduction(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let kind = (KIND.parse.expect("the kind constraint has custom syntax"))(p)?;
    p.add_attribute("kind", kind);
    p.expect_punct(",")?;
    let source = p.parse_operand()?;
    p.expect_punct(",")?;
    let acc = p.parse_operand()?;
    p.parse_optional_attr_dict()?;
    let dims = (DENSE_I64_ARRAY.parse.expect("dense arrays have custom syntax"))(p)?;
    p.add_attribute("reduction_dims", dims);
    let source_type = p.parse_colon_type()?;
    p.expect_keyword("to")?;
    let dest = p.parse_type()?;
    let operands = [p.resolve_operand(&source, source_type)?, p.resolve_operand(&acc, dest)?];
    p.state.operands.extend(operands);
    p.state.result_types.push(dest);
    Ok(())
}

/// Upstream quotes the type twice here (`''i32''`): the message puts quotes
/// around a type that diagnostics already quote.
fn unsupported_kind(ir: &Ir, op: OpId, element: Type, kind: &str) -> Diagnostic {
    op_error(ir, op, format!("unsupported reduction type ''{}'' for kind '{kind}'", ir.ctx().print_type(element)))
}

fn verify_reduction(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let reduction = ReductionOp(op);
    let dest = ir.value_type(reduction.dest(ir));
    let Some(source) = vector_of(ctx, ir.value_type(reduction.vector(ir))) else { return Ok(()) };
    if source.element != dest.element_type_or_self(ctx) {
        return Err(op_error(ir, op, "failed to verify that source operand and result have same element type"));
    }
    if reduction.acc(ir).is_some_and(|acc| ir.value_type(acc) != dest) {
        return Err(op_error(ir, op, "failed to verify that dest and acc have the same type"));
    }
    if source.rank() > 1 {
        return Err(op_error(ir, op, format!("unsupported reduction rank: {}", source.rank())));
    }
    let kind = kind_of(ir, op).unwrap_or("add");
    if !kind_supports(ctx, kind, dest) {
        return Err(unsupported_kind(ir, op, dest, kind));
    }
    Ok(())
}

fn verify_multi_reduction(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let reduction = MultiDimReductionOp(op);
    let dest = ir.value_type(reduction.dest(ir));
    let source_type = ir.value_type(reduction.source(ir));
    let Some(source) = vector_of(ctx, source_type) else { return Ok(()) };
    if source.element != dest.element_type_or_self(ctx) {
        return Err(op_error(ir, op, "failed to verify that source operand and result have same element type"));
    }
    if ir.value_type(reduction.acc(ir)) != dest {
        return Err(op_error(ir, op, "failed to verify that all of {dest, acc} have same type"));
    }
    let dims = reduction.reduction_dims(ir).and_then(|a| a.as_dense_int_array(ctx)).unwrap_or_default();
    let kept: Vec<usize> = (0..source.rank()).filter(|&d| !dims.contains(&(d as i128))).collect();
    let inferred = if kept.is_empty() {
        source.element
    } else {
        vector_type(
            ctx,
            kept.iter().map(|&d| source.shape[d]).collect(),
            kept.iter().map(|&d| source.scalable[d]).collect(),
            source.element,
        )
    };
    if dest != inferred {
        return Err(op_error(
            ir,
            op,
            format!(
                "destination type '{}' is incompatible with source type '{}'",
                ctx.print_type(dest),
                ctx.print_type(source_type)
            ),
        ));
    }
    Ok(())
}
