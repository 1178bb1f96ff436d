//! Calls, returns and function constants of the func dialect.

use ir::constraints::{ANY_TYPE, FLAT_SYMBOL_REF_ATTR, FUNCTION_TYPE};
use ir::syntax::{OpParser, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Ir, OpId, OpType, Type};

use crate::FuncOp;

define_op! {
    /// Returns control and values from a function to its caller.
    pub struct ReturnOp = "func.return" {
        operands: [operands: Variadic(ANY_TYPE)],
        traits: [TERMINATOR, PURE, RETURN_LIKE],
        format: "attr-dict ($operands^ `:` type($operands))?",
        extra: {
            verify: Some(verify_return),
        },
    }
}

define_op! {
    /// Calls a function by symbol.
    pub struct CallOp = "func.call" {
        operands: [operands: Variadic(ANY_TYPE)],
        results: [results: Variadic(ANY_TYPE)],
        attributes: [callee: Required(FLAT_SYMBOL_REF_ATTR)],
        format: "$callee `(` $operands `)` attr-dict `:` functional-type($operands, results)",
        extra: {
            verify: Some(verify_call),
        },
    }
}

define_op! {
    /// Calls a function value.
    pub struct CallIndirectOp = "func.call_indirect" {
        operands: [callee: Single(FUNCTION_TYPE), callee_operands: Variadic(ANY_TYPE)],
        results: [results: Variadic(ANY_TYPE)],
        format: "$callee `(` $callee_operands `)` attr-dict `:` type($callee)",
        extra: {
            parse: Some(parse_call_indirect),
            verify: Some(verify_call_indirect),
        },
    }
}

define_op! {
    /// A function symbol as an SSA value of function type.
    pub struct ConstantOp = "func.constant" {
        results: [result: Single(FUNCTION_TYPE)],
        attributes: [value: Required(FLAT_SYMBOL_REF_ATTR)],
        traits: [PURE, CONSTANT_LIKE],
        format: "attr-dict $value `:` type(results)",
        extra: {
            verify: Some(verify_constant),
            name_results: Some(name_function_value),
        },
    }
}

fn types_of(ir: &Ir, values: &[ir::Value]) -> Vec<Type> {
    values.iter().map(|&v| ir.value_type(v)).collect()
}

fn print_types(ir: &Ir, types: &[Type]) -> String {
    types.iter().map(|&t| ir.ctx().print_type(t)).collect::<Vec<_>>().join(", ")
}

fn verify_return(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let Some(func) = ir.parent_op(op).and_then(|p| ir.dyn_cast::<FuncOp>(p)) else {
        return Err(op_error(ir, op, "expects parent op 'func.func'"));
    };
    let (_, results) = func.signature(ir);
    let operands = types_of(ir, ir.operands(op));
    let name = ir.symbol_name(func.op()).unwrap_or("");
    if operands.len() != results.len() {
        return Err(op_error(
            ir,
            op,
            format!("has {} operands, but enclosing function (@{name}) returns {}", operands.len(), results.len()),
        ));
    }
    for (i, (&a, &e)) in operands.iter().zip(&results).enumerate() {
        if a != e {
            return Err(Diagnostic::error(
                ir.op(op).location,
                format!(
                    "type of return operand {i} ('{}') doesn't match function result type ('{}') in function @{name}",
                    ir.ctx().print_type(a),
                    ir.ctx().print_type(e)
                ),
            ));
        }
    }
    Ok(())
}

fn verify_call(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let call = CallOp(op);
    let Some(callee) = call.callee(ir).and_then(|a| a.as_flat_symbol_ref(ctx)) else {
        return Err(op_error(ir, op, "requires a 'callee' symbol reference attribute"));
    };
    let name = ctx.str(callee);
    if ir.enclosing_symbol_table(op).is_none() {
        // Symbol uses are checked where the symbol table is: a function
        // transformed on its own (on a worker thread) has none around it.
        return Ok(());
    }
    let Some(func) = ir.lookup_symbol(op, name).and_then(|f| ir.dyn_cast::<FuncOp>(f)) else {
        return Err(op_error(ir, op, format!("'{name}' does not reference a valid function")));
    };
    let (inputs, results) = func.signature(ir);
    check_call_types(ir, op, &inputs, &results, call.operands(ir))
}

/// Operand and result types of a call against the callee's signature.
fn check_call_types(ir: &Ir, op: OpId, inputs: &[Type], results: &[Type], operands: &[ir::Value]) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    if operands.len() != inputs.len() {
        return Err(op_error(ir, op, "incorrect number of operands for callee"));
    }
    for (i, (&v, &t)) in operands.iter().zip(inputs).enumerate() {
        let actual = ir.value_type(v);
        if actual != t {
            return Err(op_error(
                ir,
                op,
                format!(
                    "operand type mismatch: expected operand type '{}', but provided '{}' for operand number {i}",
                    ctx.print_type(t),
                    ctx.print_type(actual)
                ),
            ));
        }
    }
    let actual_results = types_of(ir, ir.results(op));
    if actual_results.len() != results.len() {
        return Err(op_error(ir, op, "incorrect number of results for callee"));
    }
    for (i, (&a, &e)) in actual_results.iter().zip(results).enumerate() {
        if a != e {
            return Err(op_error(ir, op, format!("result type mismatch at index {i}"))
                .with_note(ir.op(op).location, format!("op result types: {}", print_types(ir, &actual_results)))
                .with_note(ir.op(op).location, format!("function result types: {}", print_types(ir, results))));
        }
    }
    Ok(())
}

fn verify_call_indirect(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let call = CallIndirectOp(op);
    let callee_type = ir.value_type(call.callee(ir));
    let (inputs, results) = callee_type.function_parts(ir.ctx()).map(|(i, r)| (i.to_vec(), r.to_vec())).unwrap_or_default();
    check_call_types(ir, op, &inputs, &results, call.callee_operands(ir))
}

/// `%f(%a, %b) : (i32, i32) -> i32`: operand and result types come from the callee's type.
fn parse_call_indirect(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let callee = p.parse_operand()?;
    p.expect_punct("(")?;
    let location = p.current_location();
    let operands = p.parse_operand_list()?;
    p.expect_punct(")")?;
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let type_location = p.current_location();
    let callee_type = p.parse_type()?;
    let Some((inputs, results)) = callee_type.function_parts(p.ctx()).map(|(i, r)| (i.to_vec(), r.to_vec())) else {
        return Err(Diagnostic::error(type_location, "expected function type"));
    };
    let callee = p.resolve_operand(&callee, callee_type)?;
    let operands = p.resolve_operands(&operands, &inputs, location)?;
    p.state.operands.push(callee);
    p.state.operands.extend(operands);
    p.state.result_types = results;
    Ok(())
}

/// Function constants print as `%f`, `%f_0`, ... as upstream names them.
fn name_function_value(_: &Ir, _: OpId) -> Vec<Option<String>> {
    vec![Some("f".to_string())]
}

fn verify_constant(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let constant = ConstantOp(op);
    let Some(name) = constant.value(ir).and_then(|a| a.as_flat_symbol_ref(ctx)) else {
        return Err(op_error(ir, op, "requires a 'value' symbol reference attribute"));
    };
    let name = ctx.str(name);
    if ir.enclosing_symbol_table(op).is_none() {
        return Ok(());
    }
    let Some(func) = ir.lookup_symbol(op, name).and_then(|f| ir.dyn_cast::<FuncOp>(f)) else {
        return Err(op_error(ir, op, format!("reference to undefined function '{name}'")));
    };
    let (inputs, results) = func.signature(ir);
    let expected = Type::function(ctx, inputs, results);
    if ir.value_type(constant.result(ir)) != expected {
        return Err(op_error(ir, op, "reference to function with mismatched type"));
    }
    Ok(())
}
