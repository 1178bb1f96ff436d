//! Building vectors and taking them apart: `vector.broadcast` repeats a
//! scalar or smaller vector, `vector.extract` and `vector.insert` read and
//! replace an element or a sub-vector at a position whose entries are
//! constants or values, `vector.from_elements` gathers scalars and
//! `vector.step` is `[0, 1, 2, ...]`.
//!
//! ```mlir
//! %b = vector.broadcast %x : f32 to vector<4x8xf32>
//! %e = vector.extract %b[0, %i] : f32 from vector<4x8xf32>
//! %r = vector.insert %row, %b [1] : vector<8xf32> into vector<4x8xf32>
//! %v = vector.from_elements %x, %y : vector<2xf32>
//! %s = vector.step : vector<4xindex>
//! ```

use ir::constraints::{ANY_TYPE, INDEX};
use ir::dialect::TypeConstraint;
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::types::DYNAMIC;
use ir::verifier::op_error;
use ir::{define_op, mixed_list, Diagnostic, Ir, OpId, Type};

use crate::{vector_of, vector_type, ANY_VECTOR, DENSE_I64_ARRAY};

/// A vector whose dimensions are all of fixed size.
const FIXED_VECTOR: TypeConstraint = TypeConstraint {
    description: "fixed-length vector of any type values",
    check: |ctx, t| vector_of(ctx, t).is_some_and(|v| !v.is_scalable()),
    buildable: None,
};

/// `vector<Nxindex>`, fixed or scalable.
const INDEX_VECTOR: TypeConstraint = TypeConstraint {
    description: "vector of index values of ranks 1",
    check: |ctx, t| vector_of(ctx, t).is_some_and(|v| v.rank() == 1 && v.element.is_index(ctx)),
    buildable: None,
};

define_op! {
    /// Repeats a scalar or a vector along new leading or unit dimensions.
    pub struct BroadcastOp = "vector.broadcast" {
        operands: [source: Single(ANY_TYPE)],
        results: [vector: Single(ANY_VECTOR)],
        traits: [PURE],
        format: "$source attr-dict `:` type($source) `to` type($vector)",
        extra: {
            verify: Some(verify_broadcast),
        },
    }
}

define_op! {
    /// The element or sub-vector of a vector at a position.
    pub struct ExtractOp = "vector.extract" {
        operands: [source: Single(ANY_VECTOR), dynamic_position: Variadic(INDEX)],
        results: [result: Single(ANY_TYPE)],
        attributes: [static_position: Required(DENSE_I64_ARRAY)],
        traits: [PURE],
        extra: {
            parse: Some(parse_extract),
            print: Some(print_extract),
            verify: Some(verify_extract),
        },
    }
}

define_op! {
    /// A copy of a vector with the element or sub-vector at a position replaced.
    pub struct InsertOp = "vector.insert" {
        operands: [valueToStore: Single(ANY_TYPE), dest: Single(ANY_VECTOR), dynamic_position: Variadic(INDEX)],
        results: [result: Single(ANY_VECTOR)],
        attributes: [static_position: Required(DENSE_I64_ARRAY)],
        traits: [PURE],
        extra: {
            parse: Some(parse_insert),
            print: Some(print_insert),
            verify: Some(verify_insert),
        },
    }
}

define_op! {
    /// A vector of the given scalars, in row-major order.
    pub struct FromElementsOp = "vector.from_elements" {
        operands: [elements: Variadic(ANY_TYPE)],
        results: [dest: Single(FIXED_VECTOR)],
        traits: [PURE],
        extra: {
            parse: Some(parse_from_elements),
            print: Some(print_from_elements),
            verify: Some(verify_from_elements),
        },
    }
}

define_op! {
    /// The vector `[0, 1, ..., N-1]` of indices.
    pub struct StepOp = "vector.step" {
        results: [result: Single(INDEX_VECTOR)],
        traits: [PURE],
        format: "attr-dict `:` type($result)",
    }
}

/// One vector dimension as diagnostics write it: `4`, or `[4]` when scalable.
fn dim_text(size: i64, scalable: bool) -> String {
    if scalable {
        format!("[{size}]")
    } else {
        size.to_string()
    }
}

fn verify_broadcast(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let source = ir.value_type(ir.operands(op)[0]);
    let Some(result) = vector_of(ctx, ir.value_type(ir.result(op, 0))) else { return Ok(()) };
    if source.element_type_or_self(ctx) != result.element {
        return Err(op_error(ir, op, "failed to verify that source operand and result have same element type"));
    }
    if crate::is_scalar(ctx, source) {
        return Ok(());
    }
    let Some(source) = vector_of(ctx, source) else {
        return Err(op_error(ir, op, "source type is not a vector"));
    };
    if source.rank() > result.rank() {
        return Err(op_error(ir, op, "source rank higher than destination rank"));
    }
    let lead = result.rank() - source.rank();
    for d in 0..source.rank() {
        let (size, scalable) = (source.shape[d], source.scalable[d]);
        let (target, target_scalable) = (result.shape[lead + d], result.scalable[lead + d]);
        // A unit dimension stretches to anything, fixed or scalable; other
        // dimensions must match, scalability included.
        let mismatch = (size != 1 && size != target)
            || (size == 1 && scalable && target != 1)
            || (scalable != target_scalable && (size != 1 || scalable));
        if mismatch {
            return Err(op_error(
                ir,
                op,
                format!("dimension mismatch ({} vs. {})", dim_text(size, scalable), dim_text(target, target_scalable)),
            ));
        }
    }
    Ok(())
}

/// `%v[0, %i]`: operands for the dynamic entries, the rest as constants.
fn parse_position<'s>(p: &mut OpParser<'_, 's>) -> ParseResult<Vec<ir::syntax::UnresolvedOperand<'s>>> {
    let (operands, statics) = mixed_list::parse(p)?;
    let attr = mixed_list::attribute(p.ctx(), &statics);
    p.add_attribute("static_position", attr);
    Ok(operands)
}

fn resolve_position<'s>(p: &mut OpParser<'_, 's>, position: &[ir::syntax::UnresolvedOperand<'s>]) -> ParseResult<()> {
    let index = Type::index(p.ctx());
    let location = p.current_location();
    let values = p.resolve_operands(position, &vec![index; position.len()], location)?;
    p.state.operands.extend(values);
    Ok(())
}

/// `%source[position] attr-dict : result-type from source-type`.
fn parse_extract(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let source = p.parse_operand()?;
    let position = parse_position(p)?;
    p.parse_optional_attr_dict()?;
    let result = p.parse_colon_type()?;
    p.expect_keyword("from")?;
    let source_type = p.parse_type()?;
    let source = p.resolve_operand(&source, source_type)?;
    p.state.operands.push(source);
    resolve_position(p, &position)?;
    p.state.result_types.push(result);
    Ok(())
}

fn print_position(p: &mut OpPrinter<'_>, op: OpId, dynamic: &[ir::Value]) {
    let statics = mixed_list::statics(p.ir, op, "static_position");
    mixed_list::print(p, &statics, dynamic);
}

fn print_extract(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let extract = ExtractOp(op);
    p.write(" ");
    p.print_operand(extract.source(ir));
    print_position(p, op, extract.dynamic_position(ir));
    p.print_optional_attr_dict(op, &["static_position"]);
    p.write(" : ");
    p.print_type(ir.value_type(extract.result(ir)));
    p.write(" from ");
    p.print_type(ir.value_type(extract.source(ir)));
}

/// `%value, %dest[position] attr-dict : value-type into dest-type`.
fn parse_insert(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let value = p.parse_operand()?;
    p.expect_punct(",")?;
    let dest = p.parse_operand()?;
    let position = parse_position(p)?;
    p.parse_optional_attr_dict()?;
    let value_type = p.parse_colon_type()?;
    p.expect_keyword("into")?;
    let dest_type = p.parse_type()?;
    let operands = [p.resolve_operand(&value, value_type)?, p.resolve_operand(&dest, dest_type)?];
    p.state.operands.extend(operands);
    resolve_position(p, &position)?;
    p.state.result_types.push(dest_type);
    Ok(())
}

/// Upstream prints a space between the destination and its position.
fn print_insert(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let insert = InsertOp(op);
    p.write(" ");
    p.print_operand(insert.valueToStore(ir));
    p.write(", ");
    p.print_operand(insert.dest(ir));
    p.write(" ");
    print_position(p, op, insert.dynamic_position(ir));
    p.print_optional_attr_dict(op, &["static_position"]);
    p.write(" : ");
    p.print_type(ir.value_type(insert.valueToStore(ir)));
    p.write(" into ");
    p.print_type(ir.value_type(insert.dest(ir)));
}

/// Checks a position against the vector it indexes: one dynamic operand
/// per dynamic entry, no more entries than dimensions, and constants inside
/// their dimension (or -1, poison, where `poison_allowed`).
fn verify_position(ir: &Ir, op: OpId, dims: &[i64], dynamic: usize, vector: &str, poison_note: &str) -> Result<(), Diagnostic> {
    let statics = mixed_list::statics(ir, op, "static_position");
    if statics.iter().filter(|&&s| s == DYNAMIC).count() != dynamic {
        return Err(op_error(
            ir,
            op,
            "mismatch between dynamic and static positions (kDynamic marker but no corresponding dynamic position) -- this can only happen due to an incorrect fold/rewrite",
        ));
    }
    if statics.len() > dims.len() {
        return Err(op_error(ir, op, format!("expected position attribute of rank no greater than {vector} rank")));
    }
    for (d, &s) in statics.iter().enumerate() {
        if s != DYNAMIC && s != -1 && !(0..dims[d]).contains(&s) {
            return Err(op_error(
                ir,
                op,
                format!(
                    "expected position attribute #{} to be a non-negative integer smaller than the corresponding {vector} dimension{poison_note}",
                    d + 1
                ),
            ));
        }
    }
    Ok(())
}

fn verify_extract(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let extract = ExtractOp(op);
    let result = ir.value_type(extract.result(ir));
    let Some(source) = vector_of(ctx, ir.value_type(extract.source(ir))) else { return Ok(()) };
    if vector_of(ctx, result).is_some_and(|v| v.rank() == 0) {
        return Err(Diagnostic::error(ir.op(op).location, "expected a scalar instead of a 0-d vector as the result type"));
    }
    let statics = mixed_list::statics(ir, op, "static_position");
    if statics.len() <= source.rank() {
        let rest = statics.len();
        let inferred = if rest == source.rank() {
            source.element
        } else {
            vector_type(ctx, source.shape[rest..].to_vec(), source.scalable[rest..].to_vec(), source.element)
        };
        let single = |a: Type, b: Type| vector_of(ctx, a).is_some_and(|v| v.shape == [1] && v.element == b);
        if inferred != result && !single(inferred, result) && !single(result, inferred) {
            return Err(op_error(
                ir,
                op,
                format!(
                    "inferred type(s) '{}' are incompatible with return type(s) of operation '{}'",
                    ctx.print_type(inferred),
                    ctx.print_type(result)
                ),
            ));
        }
    }
    verify_position(ir, op, source.shape, extract.dynamic_position(ir).len(), "vector", " or poison (-1)")
}

fn verify_insert(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let insert = InsertOp(op);
    let value = ir.value_type(insert.valueToStore(ir));
    let dest_type = ir.value_type(insert.dest(ir));
    let Some(dest) = vector_of(ctx, dest_type) else { return Ok(()) };
    if ir.value_type(insert.result(ir)) != dest_type {
        return Err(op_error(ir, op, "failed to verify that all of {dest, result} have same type"));
    }
    if value.element_type_or_self(ctx) != dest.element {
        return Err(op_error(ir, op, "failed to verify that source operand and result have same element type"));
    }
    let value_vector = vector_of(ctx, value);
    if value_vector.is_some_and(|v| v.rank() == 0) {
        return Err(Diagnostic::error(ir.op(op).location, "expected a scalar instead of a 0-d vector as the source operand"));
    }
    let positions = mixed_list::statics(ir, op, "static_position").len();
    if positions <= dest.rank() {
        match value_vector {
            Some(v) if v.rank() + positions != dest.rank() => {
                return Err(op_error(ir, op, "expected position attribute rank + source rank to match dest vector rank"))
            }
            None if positions != dest.rank() => {
                return Err(op_error(ir, op, "expected position attribute rank to match the dest vector rank"))
            }
            _ => {}
        }
    }
    verify_position(ir, op, dest.shape, insert.dynamic_position(ir).len(), "dest vector", "")
}

/// `%a, %b attr-dict : vector-type`: one operand per element.
fn parse_from_elements(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let location = p.current_location();
    let elements = p.parse_operand_list()?;
    p.parse_optional_attr_dict()?;
    let type_location = {
        p.expect_punct(":")?;
        p.current_location()
    };
    let dest = p.parse_type()?;
    let Some(vector) = vector_of(p.ctx(), dest).filter(|v| !v.is_scalable()) else {
        let text = p.ctx().print_type(dest);
        return Err(Diagnostic::error(
            type_location,
            format!("'dest' must be fixed-length vector of any type values, but got '{text}'"),
        ));
    };
    let count = vector.shape.iter().product::<i64>().max(0) as usize;
    let element = vector.element;
    if elements.len() != count {
        return Err(Diagnostic::error(
            location,
            format!("number of operands and types do not match: got {} operands and {count} types", elements.len()),
        ));
    }
    let values = p.resolve_operands(&elements, &vec![element; count], location)?;
    p.state.operands.extend(values);
    p.state.result_types.push(dest);
    Ok(())
}

fn print_from_elements(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let elements = ir.operands(op);
    p.write(" ");
    p.print_operands(elements);
    p.print_optional_attr_dict(op, &[]);
    p.write(" : ");
    p.print_type(ir.value_type(ir.result(op, 0)));
}

fn verify_from_elements(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let Some(dest) = vector_of(ctx, ir.value_type(ir.result(op, 0))) else { return Ok(()) };
    let count = dest.shape.iter().product::<i64>().max(0) as usize;
    let elements = ir.operands(op);
    if elements.len() != count || elements.iter().any(|&e| ir.value_type(e) != dest.element) {
        return Err(op_error(ir, op, "failed to verify that shaped type 'dest' matches 'elements' element count and types"));
    }
    Ok(())
}
