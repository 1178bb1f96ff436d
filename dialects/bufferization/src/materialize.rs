//! `bufferization.materialize_in_destination`: the contents of a tensor
//! written into a destination, a tensor (yielding the updated tensor) or a
//! buffer (written in place, which must then be `restrict` and `writable`).
//!
//! ```mlir
//! %r = bufferization.materialize_in_destination %t in %dest : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
//! bufferization.materialize_in_destination %t in restrict writable %m : (tensor<?xf32>, memref<?xf32>) -> ()
//! ```

use ir::constraints::UNIT_ATTR;
use ir::dialect::TypeConstraint;
use ir::effects::{EffectKind, MemoryEffect};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::types::TypeData;
use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Ir, OpId, Type};

use crate::{parse_flag, print_flag, ANY_TENSOR};

/// A vector, tensor or memref.
const ANY_SHAPED: TypeConstraint = TypeConstraint {
    description: "shaped of any type values",
    check: |ctx, t| t.is_vector(ctx) || t.is_tensor(ctx) || t.is_memref(ctx),
    buildable: None,
};

define_op! {
    /// Writes a tensor into a destination tensor or buffer.
    pub struct MaterializeInDestinationOp = "bufferization.materialize_in_destination" {
        operands: [source: Single(ANY_TENSOR), dest: Single(ANY_SHAPED)],
        results: [result: Optional(ANY_TENSOR)],
        attributes: [restrict: Optional(UNIT_ATTR), writable: Optional(UNIT_ATTR)],
        extra: {
            parse: Some(parse_materialize),
            print: Some(print_materialize),
            verify: Some(verify_materialize),
            effects_of: Some(|ir, op| {
                // Only a buffer destination is written; tensors are values.
                let dest = MaterializeInDestinationOp(op).dest(ir);
                let writes = ir.value_type(dest).is_memref(ir.ctx());
                writes.then_some(MemoryEffect { kind: EffectKind::Write, value: Some(dest) }).into_iter().collect()
            }),
        },
    }
}

/// `%source in [restrict] [writable] %dest attr-dict : (types) -> results`.
fn parse_materialize(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let source = p.parse_operand()?;
    p.expect_keyword("in")?;
    parse_flag(p, "restrict");
    parse_flag(p, "writable");
    let dest = p.parse_operand()?;
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let location = p.current_location();
    let ty = p.parse_type()?;
    let Some((inputs, outputs)) = ty.function_parts(p.ctx()).map(|(i, o)| (i.to_vec(), o.to_vec())) else {
        return Err(Diagnostic::error(location, "expected function type"));
    };
    let operands = p.resolve_operands(&[source, dest], &inputs, location)?;
    p.state.operands.extend(operands);
    p.state.result_types = outputs;
    Ok(())
}

fn print_materialize(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let operands = ir.operands(op).to_vec();
    let &[source, dest] = operands.as_slice() else { return };
    let results: Vec<Type> = ir.results(op).iter().map(|&r| ir.value_type(r)).collect();
    p.write(" ");
    p.print_operand(source);
    p.write(" in");
    print_flag(p, op, "restrict");
    print_flag(p, op, "writable");
    p.write(" ");
    p.print_operand(dest);
    p.print_optional_attr_dict(op, &["restrict", "writable"]);
    p.write(" : (");
    let inputs: Vec<Type> = operands.iter().map(|&v| ir.value_type(v)).collect();
    p.print_types(&inputs);
    p.write(") -> ");
    p.print_function_results(&results);
}

/// A tensor destination yields one result of its type; a buffer destination
/// yields none and is `writable` (and only it may be `restrict`); the
/// shapes agree where both are static.
fn verify_materialize(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let materialize = MaterializeInDestinationOp(op);
    let (source, dest) = (ir.value_type(materialize.source(ir)), ir.value_type(materialize.dest(ir)));
    if source.shaped_element(ctx) != dest.shaped_element(ctx) {
        return Err(op_error(ir, op, "failed to verify that all of {source, dest} have same element type"));
    }
    let is_memref = dest.is_memref(ctx);
    if !dest.is_tensor(ctx) && !is_memref {
        return Err(op_error(ir, op, "'dest' must be a tensor or a memref"));
    }
    let results = ir.results(op);
    if dest.is_tensor(ctx) {
        if results.len() != 1 {
            return Err(op_error(ir, op, "tensor 'dest' implies exactly one tensor result"));
        }
        if ir.value_type(results[0]) != dest {
            return Err(op_error(ir, op, "result and 'dest' types must match"));
        }
    }
    if is_memref && !results.is_empty() {
        return Err(op_error(ir, op, "memref 'dest' implies zero results"));
    }
    if materialize.restrict(ir).is_some() && !is_memref {
        return Err(op_error(ir, op, "'restrict' is valid only for memref destinations"));
    }
    if materialize.writable(ir).is_some() != is_memref {
        return Err(op_error(ir, op, "'writable' must be specified if and only if the destination is of memref type"));
    }
    let ranked = |t: Type| !matches!(t.data(ctx), TypeData::UnrankedTensor { .. } | TypeData::UnrankedMemRef { .. });
    if ranked(source) != ranked(dest) {
        return Err(op_error(ir, op, "source/destination shapes are incompatible"));
    }
    let (a, b) = (source.shape(ctx).unwrap_or(&[]), dest.shape(ctx).unwrap_or(&[]));
    if a.len() != b.len() {
        return Err(op_error(ir, op, "rank mismatch between source and destination shape"));
    }
    if !ir::shape::compatible(a, b) {
        return Err(op_error(ir, op, "source/destination shapes are incompatible"));
    }
    Ok(())
}
