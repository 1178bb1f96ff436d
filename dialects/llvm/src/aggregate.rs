//! Values made whole: constants (`llvm.mlir.constant`, `undef`, `poison`,
//! `zero`), and struct, array and vector elements read and written by
//! position.
//!
//! ```mlir
//! %c = llvm.mlir.constant(42 : i32) : i32
//! %s = llvm.insertvalue %x, %d[3, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
//! %e = llvm.extractelement %v[%i : i32] : vector<4xf32>
//! ```

use ir::constraints::ANY_ATTR;
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::types::TypeData;
use ir::verifier::op_error;
use ir::{define_op, AttrData, Attribute, Context, Diagnostic, Dialect, Ir, OpId, Type, Value};

use crate::attrs::{DENSE_I32_ARRAY, DENSE_I64_ARRAY};
use crate::types::LlvmType;
use crate::{LLVM_INT_LIKE, LLVM_TYPE};

define_op! {
    /// A constant integer, float, vector or array value.
    pub struct ConstantOp = "llvm.mlir.constant" {
        results: [res: Single(LLVM_TYPE)],
        attributes: [value: Required(ANY_ATTR)],
        traits: [PURE, CONSTANT_LIKE],
        format: "`(` $value `)` attr-dict `:` type($res)",
        extra: {
            verify: Some(verify_constant),
        },
    }
}

/// Declares the ops that make a value out of nothing in particular.
macro_rules! filler_ops {
    ($($(#[doc = $doc:literal])* $ty:ident = $name:literal;)*) => {$(
        define_op! {
            $(#[doc = $doc])*
            pub struct $ty = $name {
                results: [res: Single(LLVM_TYPE)],
                traits: [PURE],
                format: "attr-dict `:` type($res)",
            }
        }
    )*};
}

filler_ops! {
    /// A value whose bits are unspecified.
    UndefOp = "llvm.mlir.undef";
    /// A value that poisons what depends on it.
    PoisonOp = "llvm.mlir.poison";
    /// The all-zero value of a type (the null pointer).
    ZeroOp = "llvm.mlir.zero";
}

define_op! {
    /// A struct or array with one element replaced.
    pub struct InsertValueOp = "llvm.insertvalue" {
        operands: [container: Single(LLVM_TYPE), value: Single(LLVM_TYPE)],
        results: [res: Single(LLVM_TYPE)],
        attributes: [position: Required(DENSE_I64_ARRAY)],
        traits: [PURE],
        extra: {
            parse: Some(parse_insert_value),
            print: Some(print_insert_value),
            verify: Some(verify_insert_value),
        },
    }
}

define_op! {
    /// One element of a struct or array.
    pub struct ExtractValueOp = "llvm.extractvalue" {
        operands: [container: Single(LLVM_TYPE)],
        results: [res: Single(LLVM_TYPE)],
        attributes: [position: Required(DENSE_I64_ARRAY)],
        traits: [PURE],
        extra: {
            parse: Some(parse_extract_value),
            print: Some(print_extract_value),
            verify: Some(verify_extract_value),
        },
    }
}

define_op! {
    /// A vector with one element replaced.
    pub struct InsertElementOp = "llvm.insertelement" {
        operands: [vector: Single(LLVM_TYPE), value: Single(LLVM_TYPE), position: Single(LLVM_INT_LIKE)],
        results: [res: Single(LLVM_TYPE)],
        traits: [PURE],
        extra: {
            parse: Some(parse_insert_element),
            print: Some(print_insert_element),
        },
    }
}

define_op! {
    /// One element of a vector.
    pub struct ExtractElementOp = "llvm.extractelement" {
        operands: [vector: Single(LLVM_TYPE), position: Single(LLVM_INT_LIKE)],
        results: [res: Single(LLVM_TYPE)],
        traits: [PURE],
        extra: {
            parse: Some(parse_extract_element),
            print: Some(print_extract_element),
        },
    }
}

define_op! {
    /// A vector of elements picked from two vectors by a constant mask (-1: poison).
    pub struct ShuffleVectorOp = "llvm.shufflevector" {
        operands: [v1: Single(LLVM_TYPE), v2: Single(LLVM_TYPE)],
        results: [res: Single(LLVM_TYPE)],
        attributes: [mask: Required(DENSE_I32_ARRAY)],
        traits: [PURE],
        extra: {
            parse: Some(parse_shuffle),
            print: Some(print_shuffle),
        },
    }
}

pub(crate) fn register(dialect: Dialect) -> Dialect {
    dialect
        .with_op::<ConstantOp>()
        .with_op::<UndefOp>()
        .with_op::<PoisonOp>()
        .with_op::<ZeroOp>()
        .with_op::<InsertValueOp>()
        .with_op::<ExtractValueOp>()
        .with_op::<InsertElementOp>()
        .with_op::<ExtractElementOp>()
        .with_op::<ShuffleVectorOp>()
}

/// An integer attribute fits an integer result; a float one a float
/// result; dense elements a vector or array of their size.
fn verify_constant(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let Some(value) = ConstantOp(op).value(ir) else { return Ok(()) };
    let result = ir.value_type(ir.result(op, 0));
    let fits = match value.data(ctx) {
        AttrData::Integer { .. } => result.is_integer(ctx) || crate::types::is_pointer(ctx, result),
        AttrData::Float { .. } => result.is_float(ctx),
        AttrData::DenseElements { .. } | AttrData::Array(_) | AttrData::String(_) => true,
        AttrData::Dialect { .. } => true,
        _ => false,
    };
    if !fits {
        return Err(op_error(
            ir,
            op,
            format!("expected a constant attribute of a type compatible with the result type '{}'", ctx.print_type(result)),
        ));
    }
    Ok(())
}

/// The type of the element at `position` inside `container` (nested structs and arrays).
pub fn element_type_at(ctx: &Context, container: Type, position: &[i64]) -> Option<Type> {
    let mut ty = container;
    for &index in position {
        let index = usize::try_from(index).ok()?;
        ty = match LlvmType::of(ctx, ty)? {
            LlvmType::Struct { body: Some(fields), .. } => *fields.get(index)?,
            LlvmType::Array(n, element) if (index as u64) < n => element,
            _ => return None,
        };
    }
    Some(ty)
}

fn position_of(ir: &Ir, op: OpId) -> Vec<i64> {
    ir.attr(op, "position")
        .and_then(|a| a.as_dense_int_array(ir.ctx()))
        .unwrap_or_default()
        .into_iter()
        .map(|v| v as i64)
        .collect()
}

/// `[3, 0]`, as an `array<i64>` attribute named `position`.
fn parse_position(p: &mut OpParser<'_, '_>) -> ParseResult<Vec<i64>> {
    let (values, position) = ir::mixed_list::parse(p)?;
    if !values.is_empty() {
        return Err(p.error("expected constant integer positions"));
    }
    let attr = ir::mixed_list::attribute(p.ctx(), &position);
    p.add_attribute("position", attr);
    Ok(position)
}

fn print_position(p: &mut OpPrinter<'_>, op: OpId) {
    let position = position_of(p.ir, op);
    ir::mixed_list::print(p, &position, &[]);
}

/// `%value, %container[pos] attr-dict : container-type`.
fn parse_insert_value(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let value = p.parse_operand()?;
    p.expect_punct(",")?;
    let container = p.parse_operand()?;
    let position = parse_position(p)?;
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let location = p.current_location();
    let container_type = p.parse_type()?;
    let element = element_type_at(p.ctx(), container_type, &position)
        .ok_or_else(|| Diagnostic::error(location, "expected an LLVM struct or array type with an element at the position"))?;
    let container = p.resolve_operand(&container, container_type)?;
    let value = p.resolve_operand(&value, element)?;
    p.state.operands.extend([container, value]);
    p.state.result_types.push(container_type);
    Ok(())
}

fn print_insert_value(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let (container, value) = (ir.operands(op)[0], ir.operands(op)[1]);
    p.write(" ");
    p.print_operand(value);
    p.write(", ");
    p.print_operand(container);
    print_position(p, op);
    p.print_optional_attr_dict(op, &["position"]);
    p.write(" : ");
    p.print_type(ir.value_type(container));
}

fn verify_insert_value(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let container = ir.value_type(ir.operands(op)[0]);
    match element_type_at(ctx, container, &position_of(ir, op)) {
        None => Err(op_error(ir, op, "position is out of bounds of the container type")),
        Some(t) if t != ir.value_type(ir.operands(op)[1]) => {
            Err(op_error(ir, op, "type of the inserted value does not match the element at the position"))
        }
        _ if ir.value_type(ir.result(op, 0)) != container => Err(op_error(ir, op, "result type must match the container type")),
        _ => Ok(()),
    }
}

/// `%container[pos] attr-dict : container-type`; the result is the element.
fn parse_extract_value(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let container = p.parse_operand()?;
    let position = parse_position(p)?;
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let location = p.current_location();
    let container_type = p.parse_type()?;
    let element = element_type_at(p.ctx(), container_type, &position)
        .ok_or_else(|| Diagnostic::error(location, "expected an LLVM struct or array type with an element at the position"))?;
    let container = p.resolve_operand(&container, container_type)?;
    p.state.operands.push(container);
    p.state.result_types.push(element);
    Ok(())
}

fn print_extract_value(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let container = ir.operands(op)[0];
    p.write(" ");
    p.print_operand(container);
    print_position(p, op);
    p.print_optional_attr_dict(op, &["position"]);
    p.write(" : ");
    p.print_type(ir.value_type(container));
}

fn verify_extract_value(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let container = ir.value_type(ir.operands(op)[0]);
    match element_type_at(ctx, container, &position_of(ir, op)) {
        None => Err(op_error(ir, op, "position is out of bounds of the container type")),
        Some(t) if t != ir.value_type(ir.result(op, 0)) => {
            Err(op_error(ir, op, "result type does not match the element at the position"))
        }
        _ => Ok(()),
    }
}

/// The element type of a vector type.
fn vector_element(ctx: &Context, ty: Type) -> Option<Type> {
    match ty.data(ctx) {
        TypeData::Vector { element, .. } => Some(*element),
        _ => None,
    }
}

/// `[%i : i32]`: a dynamic position with its type.
fn parse_element_position<'s>(p: &mut OpParser<'_, 's>) -> ParseResult<(ir::syntax::UnresolvedOperand<'s>, Type)> {
    p.expect_punct("[")?;
    let position = p.parse_operand()?;
    let ty = p.parse_colon_type()?;
    p.expect_punct("]")?;
    Ok((position, ty))
}

/// `%value, %vector[%i : i32] attr-dict : vector-type`.
fn parse_insert_element(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let value = p.parse_operand()?;
    p.expect_punct(",")?;
    let vector = p.parse_operand()?;
    let (position, position_type) = parse_element_position(p)?;
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let location = p.current_location();
    let vector_type = p.parse_type()?;
    let element = vector_element(p.ctx(), vector_type).ok_or_else(|| Diagnostic::error(location, "expected a vector type"))?;
    let operands = [
        p.resolve_operand(&vector, vector_type)?,
        p.resolve_operand(&value, element)?,
        p.resolve_operand(&position, position_type)?,
    ];
    p.state.operands.extend(operands);
    p.state.result_types.push(vector_type);
    Ok(())
}

/// `%vector[%i : i32] attr-dict : vector-type`, the part both element ops share.
fn print_element_access(p: &mut OpPrinter<'_>, op: OpId, vector: Value, position: Value) {
    let ir = p.ir;
    p.print_operand(vector);
    p.write("[");
    p.print_operand(position);
    p.write(" : ");
    p.print_type(ir.value_type(position));
    p.write("]");
    p.print_optional_attr_dict(op, &[]);
    p.write(" : ");
    p.print_type(ir.value_type(vector));
}

fn print_insert_element(p: &mut OpPrinter<'_>, op: OpId) {
    let [vector, value, position] = p.ir.operands(op)[..] else { return };
    p.write(" ");
    p.print_operand(value);
    p.write(", ");
    print_element_access(p, op, vector, position);
}

/// `%vector[%i : i32] attr-dict : vector-type`.
fn parse_extract_element(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let vector = p.parse_operand()?;
    let (position, position_type) = parse_element_position(p)?;
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let location = p.current_location();
    let vector_type = p.parse_type()?;
    let element = vector_element(p.ctx(), vector_type).ok_or_else(|| Diagnostic::error(location, "expected a vector type"))?;
    let operands = [p.resolve_operand(&vector, vector_type)?, p.resolve_operand(&position, position_type)?];
    p.state.operands.extend(operands);
    p.state.result_types.push(element);
    Ok(())
}

fn print_extract_element(p: &mut OpPrinter<'_>, op: OpId) {
    let [vector, position] = p.ir.operands(op)[..] else { return };
    p.write(" ");
    print_element_access(p, op, vector, position);
}

/// `%a, %b [0, 1, -1] attr-dict : vector-type`; the result has the mask's length.
fn parse_shuffle(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    let v1 = p.parse_operand()?;
    p.expect_punct(",")?;
    let v2 = p.parse_operand()?;
    let (values, mask) = ir::mixed_list::parse(p)?;
    if !values.is_empty() {
        return Err(p.error("expected a constant mask"));
    }
    let mask: Vec<i32> = mask.iter().map(|&m| m as i32).collect();
    p.add_attribute("mask", Attribute::dense_i32_array(&ctx, &mask));
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let location = p.current_location();
    let ty = p.parse_type()?;
    let TypeData::Vector { element, scalable, .. } = ty.data(&ctx).clone() else {
        return Err(Diagnostic::error(location, "expected a vector type"));
    };
    let operands = [p.resolve_operand(&v1, ty)?, p.resolve_operand(&v2, ty)?];
    p.state.operands.extend(operands);
    let result = ctx.intern_type(TypeData::Vector {
        shape: vec![mask.len() as i64],
        scalable: vec![scalable.first().copied().unwrap_or(false)],
        element,
    });
    p.state.result_types.push(result);
    Ok(())
}

fn print_shuffle(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let [v1, v2] = ir.operands(op)[..] else { return };
    p.write(" ");
    p.print_operands(&[v1, v2]);
    p.write(" ");
    let mask: Vec<i64> = ir
        .attr(op, "mask")
        .and_then(|a| a.as_dense_int_array(ir.ctx()))
        .unwrap_or_default()
        .into_iter()
        .map(|v| v as i64)
        .collect();
    ir::mixed_list::print(p, &mask, &[]);
    p.print_optional_attr_dict(op, &["mask"]);
    p.write(" : ");
    p.print_type(ir.value_type(v1));
}
