//! `bufferization.dealloc`, the deallocation of ownership-based buffer
//! deallocation: each memref is freed if its condition (ownership) holds
//! and no retained memref aliases it; for each retained memref the op
//! yields whether ownership of it passes on.
//!
//! ```mlir
//! %own:2 = bufferization.dealloc (%a, %b : memref<2xf32>, memref<4xi32>) if (%c0, %c1) retain (%r0, %r1 : memref<?xf32>, memref<f64>)
//! ```

use ir::constraints::I1;
use ir::syntax::{OpParser, OpPrinter, ParseResult, UnresolvedOperand};
use ir::verifier::op_error;
use ir::{define_op, Attribute, Diagnostic, Ir, OpId, Type, Value};

use dialect_memref::ANY_MEMREF;

define_op! {
    /// Frees the memrefs whose condition holds unless a retained memref aliases them.
    pub struct DeallocOp = "bufferization.dealloc" {
        operands: [memrefs: Variadic(ANY_MEMREF), conditions: Variadic(I1), retained: Variadic(ANY_MEMREF)],
        results: [updatedConditions: Variadic(I1)],
        extra: {
            parse: Some(parse_dealloc),
            print: Some(print_dealloc),
            verify: Some(verify_dealloc),
        },
    }
}

/// `(%m, ... : types)`, resolved.
fn parse_typed_list(p: &mut OpParser<'_, '_>) -> ParseResult<Vec<Value>> {
    p.expect_punct("(")?;
    let location = p.current_location();
    let operands: Vec<UnresolvedOperand<'_>> = p.parse_operand_list()?;
    p.expect_punct(":")?;
    let types = p.parse_type_list()?;
    p.expect_punct(")")?;
    p.resolve_operands(&operands, &types, location)
}

/// `[(%m : types) if (%c)] [retain (%r : types)] attr-dict`; one `i1`
/// result per retained memref.
fn parse_dealloc(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let (mut memrefs, mut conditions) = (Vec::new(), Vec::new());
    if p.peek("(") {
        memrefs = parse_typed_list(p)?;
        p.expect_keyword("if")?;
        p.expect_punct("(")?;
        let location = p.current_location();
        let names = p.parse_operand_list()?;
        p.expect_punct(")")?;
        let i1 = Type::integer(p.ctx(), 1);
        conditions = p.resolve_operands(&names, &vec![i1; names.len()], location)?;
    }
    let retained = if p.parse_optional_keyword("retain") { parse_typed_list(p)? } else { Vec::new() };
    p.parse_optional_attr_dict()?;
    let segments = [memrefs.len() as i32, conditions.len() as i32, retained.len() as i32];
    let i1 = Type::integer(p.ctx(), 1);
    p.state.result_types = vec![i1; retained.len()];
    p.state.operands.extend(memrefs.into_iter().chain(conditions).chain(retained));
    let segments = Attribute::dense_i32_array(p.ctx(), &segments);
    p.add_attribute("operandSegmentSizes", segments);
    Ok(())
}

fn print_typed_list(p: &mut OpPrinter<'_>, values: &[Value]) {
    let types: Vec<Type> = values.iter().map(|&v| p.ir.value_type(v)).collect();
    p.write("(");
    p.print_operands(values);
    p.write(" : ");
    p.print_types(&types);
    p.write(")");
}

fn print_dealloc(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let dealloc = DeallocOp(op);
    if !dealloc.memrefs(ir).is_empty() {
        p.write(" ");
        print_typed_list(p, dealloc.memrefs(ir));
        p.write(" if (");
        p.print_operands(dealloc.conditions(ir));
        p.write(")");
    }
    if !dealloc.retained(ir).is_empty() {
        p.write(" retain ");
        print_typed_list(p, dealloc.retained(ir));
    }
    p.print_optional_attr_dict(op, &["operandSegmentSizes"]);
}

/// A condition per memref, an updated condition per retained memref.
fn verify_dealloc(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let dealloc = DeallocOp(op);
    if dealloc.memrefs(ir).len() != dealloc.conditions(ir).len() {
        return Err(op_error(ir, op, "must have the same number of conditions as memrefs to deallocate"));
    }
    if dealloc.retained(ir).len() != dealloc.updatedConditions(ir).len() {
        return Err(op_error(ir, op, "must have the same number of updated conditions (results) as retained operands"));
    }
    Ok(())
}
