//! Buffers in tensor form: `bufferization.alloc_tensor` stands for a new
//! allocation (uninitialised, or a copy of a tensor) that bufferization
//! turns into a buffer, `bufferization.dealloc_tensor` releases one, and
//! `bufferization.clone` copies a buffer into a new one.
//!
//! ```mlir
//! %t = bufferization.alloc_tensor(%n) size_hint=%nnz : tensor<4x?xf32>
//! %u = bufferization.alloc_tensor() copy(%t) {memory_space = 1 : i64} : tensor<4x?xf32>
//! bufferization.dealloc_tensor %u : tensor<4x?xf32>
//! %c = bufferization.clone %m : memref<?xf32> to memref<?xf32>
//! ```

use ir::constraints::{ANY_ATTR, INDEX};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, shape, Attribute, Diagnostic, Ir, OpId, Type};

use crate::ANY_TENSOR;

define_op! {
    /// A tensor backed by a new allocation, uninitialised or a copy of another tensor.
    pub struct AllocTensorOp = "bufferization.alloc_tensor" {
        operands: [dynamic_sizes: Variadic(INDEX), copy: Optional(ANY_TENSOR), size_hint: Optional(INDEX)],
        results: [result: Single(ANY_TENSOR)],
        attributes: [memory_space: Optional(ANY_ATTR)],
        extra: {
            parse: Some(parse_alloc_tensor),
            print: Some(print_alloc_tensor),
            verify: Some(verify_alloc_tensor),
        },
    }
}

define_op! {
    /// Releases the storage of a tensor.
    pub struct DeallocTensorOp = "bufferization.dealloc_tensor" {
        operands: [tensor: Single(ANY_TENSOR)],
        format: "$tensor attr-dict `:` type($tensor)",
    }
}

define_op! {
    /// A new buffer with a copy of the contents of another.
    pub struct CloneOp = "bufferization.clone" {
        operands: [input: Single(dialect_memref::ANY_MEMREF)],
        results: [output: Single(dialect_memref::ANY_MEMREF)],
        effects: [Read(input), Write(output), Allocate(output)],
        format: "$input attr-dict `:` type($input) `to` type($output)",
    }
}

/// `(%sizes) [copy(%t)] [size_hint=%n] attr-dict : type`.
fn parse_alloc_tensor(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    p.expect_punct("(")?;
    let location = p.current_location();
    let sizes = p.parse_operand_list()?;
    p.expect_punct(")")?;
    let copy = if p.parse_optional_keyword("copy") {
        p.expect_punct("(")?;
        let copy = p.parse_operand()?;
        p.expect_punct(")")?;
        Some(copy)
    } else {
        None
    };
    let hint = if p.parse_optional_keyword("size_hint") {
        p.expect_punct("=")?;
        Some(p.parse_operand()?)
    } else {
        None
    };
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let ty = p.parse_type()?;
    let index = Type::index(p.ctx());
    let sizes = p.resolve_operands(&sizes, &vec![index; sizes.len()], location)?;
    let segments = [sizes.len() as i32, copy.is_some() as i32, hint.is_some() as i32];
    p.state.operands.extend(sizes);
    if let Some(copy) = copy {
        let copy = p.resolve_operand(&copy, ty)?;
        p.state.operands.push(copy);
    }
    if let Some(hint) = hint {
        let hint = p.resolve_operand(&hint, index)?;
        p.state.operands.push(hint);
    }
    let segments = Attribute::dense_i32_array(p.ctx(), &segments);
    p.add_attribute("operandSegmentSizes", segments);
    p.state.result_types.push(ty);
    Ok(())
}

fn print_alloc_tensor(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let alloc = AllocTensorOp(op);
    p.write("(");
    p.print_operands(alloc.dynamic_sizes(ir));
    p.write(")");
    if let Some(copy) = alloc.copy(ir) {
        p.write(" copy(");
        p.print_operand(copy);
        p.write(")");
    }
    if let Some(hint) = alloc.size_hint(ir) {
        p.write(" size_hint=");
        p.print_operand(hint);
    }
    p.print_optional_attr_dict(op, &["operandSegmentSizes"]);
    if let Some(&result) = ir.results(op).first() {
        p.write(" : ");
        p.print_type(ir.value_type(result));
    }
}

/// Sizes for the dynamic dimensions, unless a copy gives them; a copy has
/// the result's type.
fn verify_alloc_tensor(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let alloc = AllocTensorOp(op);
    let ty = ir.value_type(alloc.result(ir));
    let sizes = alloc.dynamic_sizes(ir).len();
    let location = ir.op(op).location;
    match alloc.copy(ir) {
        Some(_) if sizes > 0 => Err(Diagnostic::error(location, "dynamic sizes not needed when copying a tensor")),
        Some(copy) if ir.value_type(copy) != ty => Err(Diagnostic::error(location, "expected that `copy` and return type match")),
        Some(_) => Ok(()),
        None => {
            let dynamic = shape::dynamic_count(ty.shape(ctx).unwrap_or(&[]));
            if sizes == dynamic {
                Ok(())
            } else {
                Err(op_error(ir, op, format!("incorrect number of dynamic sizes, has {sizes}, expected {dynamic}")))
            }
        }
    }
}
