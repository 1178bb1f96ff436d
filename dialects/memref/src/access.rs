//! Reading and writing buffers (`memref.load`, `memref.store`), copying
//! them, asking their dimensions, and casting between compatible types.
//!
//! ```mlir
//! %x = memref.load %m[%i, %j] : memref<?x4xf32>
//! memref.store %x, %m[%i, %j] : memref<?x4xf32>
//! %d = memref.dim %m, %c0 : memref<?x4xf32>
//! ```

use ir::constraints::{ANY_ATTR, ANY_TYPE, INDEX};
use ir::syntax::{OpParser, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, Context, Diagnostic, Ir, NamedAttribute, OpId, Type};

use crate::{ANY_MEMREF, RANKED_MEMREF};

define_op! {
    /// Reads one element of a buffer.
    pub struct LoadOp = "memref.load" {
        operands: [memref: Single(RANKED_MEMREF), indices: Variadic(INDEX)],
        results: [result: Single(ANY_TYPE)],
        attributes: [nontemporal: Optional(ANY_ATTR)],
        effects: [Read(memref)],
        format: "$memref `[` $indices `]` attr-dict `:` type($memref)",
        extra: {
            infer_result_types: Some(element_of_first),
            verify: Some(verify_access),
        },
    }
}

define_op! {
    /// Writes one element of a buffer.
    pub struct StoreOp = "memref.store" {
        operands: [value: Single(ANY_TYPE), memref: Single(RANKED_MEMREF), indices: Variadic(INDEX)],
        attributes: [nontemporal: Optional(ANY_ATTR)],
        effects: [Write(memref)],
        format: "$value `,` $memref `[` $indices `]` attr-dict `:` type($memref)",
        extra: {
            parse: Some(parse_store),
            verify: Some(verify_access),
        },
    }
}

define_op! {
    /// The size of one dimension of a buffer.
    pub struct DimOp = "memref.dim" {
        operands: [source: Single(ANY_MEMREF), index: Single(INDEX)],
        results: [result: Single(INDEX)],
        traits: [PURE],
        format: "attr-dict $source `,` $index `:` type($source)",
        extra: {
            infer_result_types: Some(|ctx, _, _| Some(vec![Type::index(ctx)])),
            name_results: Some(|_, _| vec![Some("dim".to_string())]),
        },
    }
}

define_op! {
    /// Copies every element of one buffer into another of the same shape.
    pub struct CopyOp = "memref.copy" {
        operands: [source: Single(ANY_MEMREF), target: Single(ANY_MEMREF)],
        effects: [Read(source), Write(target)],
        format: "$source `,` $target attr-dict `:` type($source) `to` type($target)",
        extra: {
            verify: Some(verify_copy),
        },
    }
}

define_op! {
    /// Views a buffer with a compatible type (more or less static shape or layout).
    pub struct CastOp = "memref.cast" {
        operands: [source: Single(ANY_MEMREF)],
        results: [dest: Single(ANY_MEMREF)],
        traits: [PURE],
        format: "$source attr-dict `:` type($source) `to` type($dest)",
        extra: {
            verify: Some(verify_cast),
            name_results: Some(|_, _| vec![Some("cast".to_string())]),
        },
    }
}

fn element_of_first(ctx: &Context, operands: &[Type], _: &[NamedAttribute]) -> Option<Vec<Type>> {
    Some(vec![operands.first()?.shaped_element(ctx)?])
}

/// `%value, %memref[%i] : type`: the value has the memref's element type.
fn parse_store(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let value = p.parse_operand()?;
    p.expect_punct(",")?;
    let memref = p.parse_operand()?;
    p.expect_punct("[")?;
    let location = p.current_location();
    let indices = p.parse_operand_list()?;
    p.expect_punct("]")?;
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let type_location = p.current_location();
    let memref_type = p.parse_type()?;
    let Some(element) = memref_type.shaped_element(p.ctx()) else {
        return Err(Diagnostic::error(type_location, "expected a memref type"));
    };
    let index = Type::index(p.ctx());
    let operands = [p.resolve_operand(&value, element)?, p.resolve_operand(&memref, memref_type)?];
    let indices = p.resolve_operands(&indices, &vec![index; indices.len()], location)?;
    p.state.operands.extend(operands);
    p.state.operands.extend(indices);
    Ok(())
}

/// As many indices as the rank; the value has the element type.
fn verify_access(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let is_store = ir.results(op).is_empty();
    let operands = ir.operands(op);
    let (memref, indices, value) =
        if is_store { (operands[1], &operands[2..], operands[0]) } else { (operands[0], &operands[1..], ir.result(op, 0)) };
    let ty = ir.value_type(memref);
    let rank = ty.shape(ctx).map_or(0, |s| s.len());
    if indices.len() != rank {
        return Err(op_error(
            ir,
            op,
            format!(
                "incorrect number of indices for {}, expected {rank} but got {}",
                if is_store { "store" } else { "load" },
                indices.len()
            ),
        ));
    }
    if ty.shaped_element(ctx) != Some(ir.value_type(value)) {
        return Err(op_error(ir, op, "value type must match the memref element type"));
    }
    Ok(())
}

fn verify_copy(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let (source, target) = (ir.value_type(ir.operands(op)[0]), ir.value_type(ir.operands(op)[1]));
    if source.shaped_element(ctx) != target.shaped_element(ctx) {
        return Err(op_error(ir, op, "failed to verify that source and target have the same element type"));
    }
    if let (Some(a), Some(b)) = (source.shape(ctx), target.shape(ctx)) {
        let compatible =
            a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| x == y || x == ir::types::DYNAMIC || y == ir::types::DYNAMIC);
        if !compatible {
            return Err(op_error(ir, op, "failed to verify that source and target have compatible shapes"));
        }
    }
    Ok(())
}

/// Same element type and rank (or one side unranked); static sizes that agree.
fn verify_cast(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let (a, b) = (ir.value_type(ir.operands(op)[0]), ir.value_type(ir.result(op, 0)));
    let compatible = a.shaped_element(ctx) == b.shaped_element(ctx)
        && match (a.shape(ctx), b.shape(ctx)) {
            (Some(x), Some(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(&p, &q)| p == q || p == ir::types::DYNAMIC || q == ir::types::DYNAMIC)
            }
            _ => true,
        };
    if !compatible {
        return Err(op_error(
            ir,
            op,
            format!("operand type '{}' and result type '{}' are cast incompatible", ctx.print_type(a), ctx.print_type(b)),
        ));
    }
    Ok(())
}
