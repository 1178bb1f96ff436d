//! Making tensors and reading or writing their elements.
//!
//! ```mlir
//! %e = tensor.empty(%n) : tensor<4x?xf32>
//! %x = tensor.extract %t[%i, %j] : tensor<4x?xf32>
//! %u = tensor.insert %x into %t[%i, %j] : tensor<4x?xf32>
//! ```

use ir::constraints::{ANY_TYPE, INDEX};
use ir::syntax::{OpParser, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, shape, Context, Diagnostic, Ir, NamedAttribute, OpId, Type};

use crate::{named, RANKED_TENSOR};

define_op! {
    /// A tensor of a given shape whose contents are not specified.
    pub struct EmptyOp = "tensor.empty" {
        operands: [dynamicSizes: Variadic(INDEX)],
        results: [result: Single(RANKED_TENSOR)],
        traits: [PURE],
        format: "`(`$dynamicSizes`)` attr-dict `:` type($result)",
        extra: {
            verify: Some(verify_empty),
        },
    }
}

define_op! {
    /// Reads one element of a tensor.
    pub struct ExtractOp = "tensor.extract" {
        operands: [tensor: Single(RANKED_TENSOR), indices: Variadic(INDEX)],
        results: [result: Single(ANY_TYPE)],
        traits: [PURE],
        format: "$tensor `[` $indices `]` attr-dict `:` type($tensor)",
        extra: {
            infer_result_types: Some(element_of_first),
            verify: Some(verify_access),
            name_results: Some(|_, _| named("extracted")),
        },
    }
}

define_op! {
    /// A copy of a tensor with one element replaced.
    pub struct InsertOp = "tensor.insert" {
        operands: [scalar: Single(ANY_TYPE), dest: Single(RANKED_TENSOR), indices: Variadic(INDEX)],
        results: [result: Single(RANKED_TENSOR)],
        traits: [PURE],
        format: "$scalar `into` $dest `[` $indices `]` attr-dict `:` type($dest)",
        extra: {
            parse: Some(parse_insert),
            verify: Some(verify_access),
            name_results: Some(|_, _| named("inserted")),
        },
    }
}

define_op! {
    /// A tensor with every element equal to one value.
    pub struct SplatOp = "tensor.splat" {
        operands: [input: Single(ANY_TYPE), dynamicSizes: Variadic(INDEX)],
        results: [aggregate: Single(RANKED_TENSOR)],
        traits: [PURE],
        format: "$input (`[` $dynamicSizes^ `]`)? attr-dict `:` type($aggregate)",
        extra: {
            parse: Some(parse_splat),
            verify: Some(verify_elements),
            name_results: Some(|_, _| named("splat")),
        },
    }
}

define_op! {
    /// A static-shaped tensor from its elements in row-major order.
    pub struct FromElementsOp = "tensor.from_elements" {
        operands: [elements: Variadic(ANY_TYPE)],
        results: [result: Single(RANKED_TENSOR)],
        traits: [PURE],
        format: "$elements attr-dict `:` type($result)",
        extra: {
            parse: Some(parse_from_elements),
            verify: Some(verify_elements),
            name_results: Some(|_, _| named("from_elements")),
        },
    }
}

define_op! {
    /// A tensor whose elements its region computes from their indices.
    pub struct GenerateOp = "tensor.generate" {
        operands: [dynamicExtents: Variadic(INDEX)],
        results: [result: Single(RANKED_TENSOR)],
        regions: [body: Single],
        traits: [SINGLE_BLOCK],
        format: "$dynamicExtents $body attr-dict `:` type($result)",
        extra: {
            verify: Some(verify_generate),
            name_results: Some(|_, _| named("generated")),
        },
    }
}

define_op! {
    /// Ends the region of `tensor.generate` (or `tensor.pad`) with one element.
    pub struct YieldOp = "tensor.yield" {
        operands: [value: Single(ANY_TYPE)],
        traits: [TERMINATOR, PURE, RETURN_LIKE],
        format: "$value attr-dict `:` type($value)",
    }
}

fn element_of_first(ctx: &Context, operands: &[Type], _: &[NamedAttribute]) -> Option<Vec<Type>> {
    Some(vec![operands.first()?.shaped_element(ctx)?])
}

fn dynamic_dims(ir: &Ir, ty: Type) -> usize {
    ty.shape(ir.ctx()).map_or(0, shape::dynamic_count)
}

fn verify_empty(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let (has, expected) = (ir.operands(op).len(), dynamic_dims(ir, ir.value_type(ir.result(op, 0))));
    if has != expected {
        return Err(op_error(ir, op, format!("incorrect number of dynamic sizes, has {has}, expected {expected}")));
    }
    Ok(())
}

/// As many indices as the rank; the scalar has the element type.
fn verify_access(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let is_insert = ir.isa::<InsertOp>(op);
    let operands = ir.operands(op);
    let (tensor, indices) = if is_insert { (operands[1], &operands[2..]) } else { (operands[0], &operands[1..]) };
    let ty = ir.value_type(tensor);
    let rank = ty.shape(ctx).map_or(0, |s| s.len());
    if indices.len() != rank {
        return Err(op_error(ir, op, format!("incorrect number of indices, expected {rank} but got {}", indices.len())));
    }
    let scalar = if is_insert { ir.value_type(operands[0]) } else { ir.value_type(ir.result(op, 0)) };
    if ty.shaped_element(ctx) != Some(scalar) {
        return Err(op_error(ir, op, "scalar type must match the tensor element type"));
    }
    if is_insert && ir.value_type(ir.result(op, 0)) != ty {
        return Err(op_error(ir, op, "result type must match the destination type"));
    }
    Ok(())
}

/// Splat and from_elements: elements of the element type, in the right number.
fn verify_elements(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let ty = ir.value_type(ir.result(op, 0));
    let element = ty.shaped_element(ctx);
    if ir.isa::<SplatOp>(op) {
        if element != Some(ir.value_type(ir.operands(op)[0])) {
            return Err(op_error(ir, op, "input type must match the result element type"));
        }
        if ir.operands(op).len() - 1 != dynamic_dims(ir, ty) {
            return Err(op_error(ir, op, "incorrect number of dynamic sizes"));
        }
        return Ok(());
    }
    let count: i64 = ty.shape(ctx).map_or(0, |s| s.iter().product());
    if ir.operands(op).len() as i64 != count || ir.operands(op).iter().any(|&v| Some(ir.value_type(v)) != element) {
        return Err(op_error(ir, op, format!("expected {count} elements of the result element type")));
    }
    Ok(())
}

fn verify_generate(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ty = ir.value_type(ir.result(op, 0));
    if ir.operands(op).len() != dynamic_dims(ir, ty) {
        return Err(op_error(ir, op, "must have as many index operands as dynamic extents in the result type"));
    }
    verify_element_body(ir, op, ty)
}

/// The body of `tensor.generate` and `tensor.pad`: one index argument per
/// dimension of `ty`, and a `tensor.yield` of its element type.
pub(crate) fn verify_element_body(ir: &Ir, op: OpId, ty: Type) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let rank = ty.shape(ctx).map_or(0, |s| s.len());
    let Some(body) = ir.entry_block(ir.regions(op)[0]) else { return Err(op_error(ir, op, "expects a body")) };
    let args = ir.block_arguments(body);
    if args.len() != rank || args.iter().any(|&a| !ir.value_type(a).is_index(ctx)) {
        return Err(op_error(ir, op, format!("expected the block to have {rank} arguments of type index, one per dimension")));
    }
    let yielded = ir.last_op(body).filter(|&t| ir.isa::<YieldOp>(t)).map(|t| ir.value_type(ir.operands(t)[0]));
    if yielded != ty.shaped_element(ctx) {
        return Err(op_error(ir, op, "body must be terminated with a `tensor.yield` of the tensor element type"));
    }
    Ok(())
}

/// `%x into %t[%i] : type`: the scalar has the tensor's element type.
fn parse_insert(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let scalar = p.parse_operand()?;
    p.expect_keyword("into")?;
    let dest = p.parse_operand()?;
    p.expect_punct("[")?;
    let location = p.current_location();
    let indices = p.parse_operand_list()?;
    p.expect_punct("]")?;
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let type_location = p.current_location();
    let ty = p.parse_type()?;
    let element = ty.shaped_element(p.ctx()).ok_or_else(|| Diagnostic::error(type_location, "expected a tensor type"))?;
    let index = Type::index(p.ctx());
    let operands = [p.resolve_operand(&scalar, element)?, p.resolve_operand(&dest, ty)?];
    let indices = p.resolve_operands(&indices, &vec![index; indices.len()], location)?;
    p.state.operands.extend(operands);
    p.state.operands.extend(indices);
    p.state.result_types.push(ty);
    Ok(())
}

/// `%x [%n] : type`: the value has the element type.
fn parse_splat(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let input = p.parse_operand()?;
    let mut sizes = Vec::new();
    if p.parse_optional_punct("[") {
        sizes = p.parse_operand_list()?;
        p.expect_punct("]")?;
    }
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let location = p.current_location();
    let ty = p.parse_type()?;
    let element = ty.shaped_element(p.ctx()).ok_or_else(|| Diagnostic::error(location, "expected a tensor type"))?;
    let index = Type::index(p.ctx());
    let input = p.resolve_operand(&input, element)?;
    let sizes = p.resolve_operands(&sizes, &vec![index; sizes.len()], location)?;
    p.state.operands.push(input);
    p.state.operands.extend(sizes);
    p.state.result_types.push(ty);
    Ok(())
}

/// `%a, %b : type`: each element has the element type.
fn parse_from_elements(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let elements = p.parse_operand_list()?;
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let location = p.current_location();
    let ty = p.parse_type()?;
    let element = ty.shaped_element(p.ctx()).ok_or_else(|| Diagnostic::error(location, "expected a tensor type"))?;
    let values = p.resolve_operands(&elements, &vec![element; elements.len()], location)?;
    p.state.operands.extend(values);
    p.state.result_types.push(ty);
    Ok(())
}
