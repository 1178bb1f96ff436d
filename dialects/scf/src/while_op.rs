//! `scf.while`: a loop whose "before" region computes the condition (ending
//! in `scf.condition`) and whose "after" region is the body.
//!
//! ```mlir
//! %r = scf.while (%x = %init) : (i32) -> i32 {
//!   %c = arith.cmpi slt, %x, %n : i32
//!   scf.condition(%c) %x : i32
//! } do {
//! ^bb0(%y: i32):
//!   scf.yield %y : i32
//! }
//! ```

use ir::constraints::ANY_TYPE;
use ir::syntax::{Argument, OpParser, OpPrinter, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Ir, OpId, Type};

define_op! {
    /// Repeats: run "before"; if its condition holds, run "after" with the values passed on.
    pub struct WhileOp = "scf.while" {
        operands: [inits: Variadic(ANY_TYPE)],
        results: [results: Variadic(ANY_TYPE)],
        regions: [before: Single, after: Single],
        traits: [RECURSIVE_MEMORY_EFFECTS],
        extra: {
            parse: Some(parse_while),
            print: Some(print_while),
            verify: Some(verify_while),
        },
    }
}

fn parse_while(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let mut names = Vec::new();
    let mut inits = Vec::new();
    if p.parse_optional_punct("(") && !p.parse_optional_punct(")") {
        loop {
            names.push(p.parse_operand()?);
            p.expect_punct("=")?;
            inits.push(p.parse_operand()?);
            if !p.parse_optional_punct(",") {
                break;
            }
        }
        p.expect_punct(")")?;
    }
    p.expect_punct(":")?;
    let location = p.current_location();
    let ty = p.parse_type()?;
    let Some((inputs, results)) = ty.function_parts(p.ctx()).map(|(i, r)| (i.to_vec(), r.to_vec())) else {
        return Err(Diagnostic::error(location, "expected a function type"));
    };
    let inits = p.resolve_operands(&inits, &inputs, location)?;
    p.state.operands.extend(inits);
    p.state.result_types = results;
    let arguments: Vec<Argument<'_>> = names
        .iter()
        .zip(&inputs)
        .map(|(n, &t)| Argument { name: *n, ty: t, attributes: Vec::new(), location: n.location })
        .collect();
    p.parse_region(&arguments)?;
    p.expect_keyword("do")?;
    p.parse_region(&[])?;
    p.parse_optional_attr_dict_with_keyword()
}

fn print_while(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let (before, after) = (ir.regions(op)[0], ir.regions(op)[1]);
    let Some(entry) = ir.entry_block(before) else { return };
    let args = ir.block_arguments(entry).to_vec();
    if !ir.operands(op).is_empty() {
        p.write(" (");
        for (i, (&arg, &init)) in args.iter().zip(ir.operands(op)).enumerate() {
            if i > 0 {
                p.write(", ");
            }
            p.print_operand(arg);
            p.write(" = ");
            p.print_operand(init);
        }
        p.write(")");
    }
    p.write(" : (");
    let inputs: Vec<Type> = ir.operands(op).iter().map(|&v| ir.value_type(v)).collect();
    p.print_types(&inputs);
    p.write(") -> ");
    let results: Vec<Type> = ir.results(op).iter().map(|&v| ir.value_type(v)).collect();
    p.print_function_results(&results);
    p.write(" ");
    p.print_region(before, false, true);
    p.write(" do ");
    p.print_region(after, true, true);
    p.print_optional_attr_dict_with_keyword(op, &[]);
}

fn verify_while(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let (before, after) = (ir.regions(op)[0], ir.regions(op)[1]);
    let types = |values: &[ir::Value]| values.iter().map(|&v| ir.value_type(v)).collect::<Vec<Type>>();
    let inits = types(ir.operands(op));
    let results = types(ir.results(op));
    let Some(before_entry) = ir.entry_block(before) else { return Err(op_error(ir, op, "expects a non-empty 'before' region")) };
    if types(ir.block_arguments(before_entry)) != inits {
        return Err(op_error(ir, op, "expects the 'before' region arguments to match the initial values"));
    }
    let terminator = ir.last_op(before_entry);
    if !terminator.is_some_and(|t| ir.isa::<crate::ConditionOp>(t)) {
        return Err(op_error(ir, op, "expects the 'before' region to terminate with 'scf.condition'"));
    }
    crate::verify_yield(ir, op, before, &results, "the 'before' region")?;
    let Some(after_entry) = ir.entry_block(after) else { return Err(op_error(ir, op, "expects a non-empty 'after' region")) };
    if types(ir.block_arguments(after_entry)) != results {
        return Err(op_error(ir, op, "expects the 'after' region arguments to match the values passed by 'scf.condition'"));
    }
    crate::verify_yield(ir, op, after, &inits, "the 'after' region")
}
