//! `scf.for`: a counted loop with loop-carried values.
//!
//! ```mlir
//! %sum = scf.for %i = %lb to %ub step %step iter_args(%acc = %init) -> (f32) {
//!   %next = arith.addf %acc, %x : f32
//!   scf.yield %next : f32
//! }
//! ```

use ir::constraints::{ANY_TYPE, SIGNLESS_INTEGER_LIKE};
use ir::syntax::{Argument, OpParser, OpPrinter, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Ir, OpId, Type};

define_op! {
    /// Runs its body for each value from `lowerBound` (inclusive) to `upperBound` by `step`.
    pub struct ForOp = "scf.for" {
        operands: [lowerBound: Single(SIGNLESS_INTEGER_LIKE), upperBound: Single(SIGNLESS_INTEGER_LIKE), step: Single(SIGNLESS_INTEGER_LIKE), initArgs: Variadic(ANY_TYPE)],
        results: [results: Variadic(ANY_TYPE)],
        regions: [region: Single],
        traits: [SINGLE_BLOCK, LOOP_LIKE, RECURSIVE_MEMORY_EFFECTS],
        extra: {
            parse: Some(parse_for),
            print: Some(print_for),
            verify: Some(verify_for),
            implicit_terminator: Some("scf.yield"),
            canonicalize: Some(crate::canonicalize::for_patterns),
        },
    }
}

fn parse_for(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let iv = p.parse_operand()?;
    p.expect_punct("=")?;
    let lower = p.parse_operand()?;
    p.expect_keyword("to")?;
    let upper = p.parse_operand()?;
    p.expect_keyword("step")?;
    let step = p.parse_operand()?;

    let mut iter_args = Vec::new();
    let mut inits = Vec::new();
    let mut result_types = Vec::new();
    if p.parse_optional_keyword("iter_args") {
        p.expect_punct("(")?;
        loop {
            iter_args.push(p.parse_operand()?);
            p.expect_punct("=")?;
            inits.push(p.parse_operand()?);
            if !p.parse_optional_punct(",") {
                break;
            }
        }
        p.expect_punct(")")?;
        p.expect_punct("->")?;
        result_types = p.parse_function_result_types()?;
    }
    let iv_type = if p.parse_optional_punct(":") { p.parse_type()? } else { Type::index(p.ctx()) };

    let location = p.op_location();
    let bounds = p.resolve_operands(&[lower, upper, step], &[iv_type; 3], location)?;
    let inits = p.resolve_operands(&inits, &result_types, location)?;
    p.state.operands.extend(bounds);
    p.state.operands.extend(inits);
    p.state.result_types = result_types.clone();

    let mut arguments = vec![Argument { name: iv, ty: iv_type, attributes: Vec::new(), location: iv.location }];
    arguments.extend(iter_args.iter().zip(&result_types).map(|(a, &t)| Argument {
        name: *a,
        ty: t,
        attributes: Vec::new(),
        location: a.location,
    }));
    let region = p.parse_region(&arguments)?;
    p.ensure_terminator(region, "scf.yield");
    p.parse_optional_attr_dict()
}

fn print_for(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let for_op = ForOp(op);
    let region = ir.regions(op)[0];
    let Some(body) = ir.entry_block(region) else { return };
    let args = ir.block_arguments(body).to_vec();
    p.write(" ");
    p.print_operand(args[0]);
    p.write(" = ");
    p.print_operand(for_op.lowerBound(ir));
    p.write(" to ");
    p.print_operand(for_op.upperBound(ir));
    p.write(" step ");
    p.print_operand(for_op.step(ir));
    let inits = for_op.initArgs(ir).to_vec();
    if !inits.is_empty() {
        p.write(" iter_args(");
        for (i, (&arg, &init)) in args[1..].iter().zip(&inits).enumerate() {
            if i > 0 {
                p.write(", ");
            }
            p.print_operand(arg);
            p.write(" = ");
            p.print_operand(init);
        }
        p.write(") -> (");
        let types: Vec<Type> = ir.results(op).iter().map(|&r| ir.value_type(r)).collect();
        p.print_types(&types);
        p.write(")");
    }
    let iv_type = ir.value_type(args[0]);
    if !iv_type.is_index(ir.ctx()) {
        // Upstream writes two spaces before the type here.
        p.write("  : ");
        p.print_type(iv_type);
    }
    p.write(" ");
    p.print_region(region, false, !inits.is_empty());
    p.print_optional_attr_dict(op, &["operandSegmentSizes"]);
}

fn verify_for(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let for_op = ForOp(op);
    let bound_type = ir.value_type(for_op.lowerBound(ir));
    if ir.value_type(for_op.upperBound(ir)) != bound_type || ir.value_type(for_op.step(ir)) != bound_type {
        return Err(op_error(ir, op, "failed to verify that all of {lowerBound, upperBound, step} have same type"));
    }
    let region = ir.regions(op)[0];
    let Some(body) = ir.entry_block(region) else { return Err(op_error(ir, op, "expects a body block")) };
    let args = ir.block_arguments(body);
    let inits = for_op.initArgs(ir);
    if args.len() != inits.len() + 1 {
        return Err(op_error(
            ir,
            op,
            format!("expected {} region arguments (the induction variable and the loop-carried values)", inits.len() + 1),
        ));
    }
    if ir.value_type(args[0]) != bound_type {
        return Err(op_error(
            ir,
            op,
            format!("expected induction variable to be same type as bounds and step ('{}')", ctx.print_type(bound_type)),
        ));
    }
    let results: Vec<Type> = ir.results(op).iter().map(|&r| ir.value_type(r)).collect();
    let init_types: Vec<Type> = inits.iter().map(|&v| ir.value_type(v)).collect();
    let carried: Vec<Type> = args[1..].iter().map(|&v| ir.value_type(v)).collect();
    if init_types != results || carried != results {
        return Err(op_error(ir, op, "mismatch in number or types of loop-carried values, initial values and results"));
    }
    crate::verify_yield(ir, op, region, &results, "the loop body")
}
