//! Conversions between a tensor and the buffer that holds it:
//! `bufferization.to_tensor` reads a buffer as a tensor and
//! `bufferization.to_buffer` names the future buffer of a tensor. The two
//! types have the same shape and element type; the buffer's layout and
//! memory space are free.
//!
//! ```mlir
//! %t = bufferization.to_tensor %m restrict writable : memref<4x?xf32> to tensor<4x?xf32>
//! %b = bufferization.to_buffer %t read_only : tensor<4x?xf32> to memref<4x?xf32, strided<[?, 1], offset: ?>>
//! ```

use ir::constraints::UNIT_ATTR;
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::types::TypeData;
use ir::verifier::op_error;
use ir::{define_op, Context, Diagnostic, Ir, OpId, Type};

use crate::{parse_flag, print_flag, BUFFER_LIKE, TENSOR_LIKE};

define_op! {
    /// A tensor with the contents of a buffer.
    pub struct ToTensorOp = "bufferization.to_tensor" {
        operands: [buffer: Single(BUFFER_LIKE)],
        results: [result: Single(TENSOR_LIKE)],
        attributes: [restrict: Optional(UNIT_ATTR), writable: Optional(UNIT_ATTR)],
        effects: [Read(buffer)],
        extra: {
            parse: Some(|p| parse_conversion(p, &["restrict", "writable"])),
            print: Some(|p, op| print_conversion(p, op, &["restrict", "writable"])),
            verify: Some(verify_conversion),
        },
    }
}

define_op! {
    /// The buffer that a tensor will live in.
    pub struct ToBufferOp = "bufferization.to_buffer" {
        operands: [tensor: Single(TENSOR_LIKE)],
        results: [buffer: Single(BUFFER_LIKE)],
        attributes: [read_only: Optional(UNIT_ATTR)],
        traits: [PURE],
        extra: {
            parse: Some(|p| parse_conversion(p, &["read_only"])),
            print: Some(|p, op| print_conversion(p, op, &["read_only"])),
            verify: Some(verify_conversion),
        },
    }
}

/// `%value [flags] attr-dict : type to type`.
fn parse_conversion(p: &mut OpParser<'_, '_>, flags: &[&str]) -> ParseResult<()> {
    let value = p.parse_operand()?;
    for flag in flags {
        parse_flag(p, flag);
    }
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let from = p.parse_type()?;
    p.expect_keyword("to")?;
    let to = p.parse_type()?;
    let value = p.resolve_operand(&value, from)?;
    p.state.operands.push(value);
    p.state.result_types.push(to);
    Ok(())
}

fn print_conversion(p: &mut OpPrinter<'_>, op: OpId, flags: &[&str]) {
    let ir = p.ir;
    let (Some(&value), Some(&result)) = (ir.operands(op).first(), ir.results(op).first()) else { return };
    p.write(" ");
    p.print_operand(value);
    for flag in flags {
        print_flag(p, op, flag);
    }
    p.print_optional_attr_dict(op, flags);
    p.write(" : ");
    p.print_type(ir.value_type(value));
    p.write(" to ");
    p.print_type(ir.value_type(result));
}

/// Why a tensor type and a buffer type do not match, if they do not: the
/// shapes (or rankedness) differ, or the element types do.
fn tensor_buffer_mismatch(ctx: &Context, tensor: Type, buffer: Type) -> Option<&'static str> {
    let ranked_shape = |t: Type| match t.data(ctx) {
        TypeData::UnrankedTensor { .. } | TypeData::UnrankedMemRef { .. } => None,
        _ => t.shape(ctx),
    };
    if ranked_shape(tensor) != ranked_shape(buffer) {
        return Some("shapes do not match");
    }
    (tensor.shaped_element(ctx) != buffer.shaped_element(ctx)).then_some("element types do not match")
}

fn verify_conversion(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let (from, to) = (ir.value_type(ir.operands(op)[0]), ir.value_type(ir.result(op, 0)));
    let (tensor, buffer) = if from.is_tensor(ctx) { (from, to) } else { (to, from) };
    match tensor_buffer_mismatch(ctx, tensor, buffer) {
        Some(why) => {
            Err(op_error(ir, op, "failed to verify that specified tensor and buffer types match")
                .with_note(ir.op(op).location, why))
        }
        None => Ok(()),
    }
}
