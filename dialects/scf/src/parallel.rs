//! `scf.parallel`: a loop nest whose iterations may run in any order, with
//! values combined by `scf.reduce`.
//!
//! ```mlir
//! %sum = scf.parallel (%i) = (%lb) to (%ub) step (%s) init (%zero) -> f32 {
//!   %x = memref.load %m[%i] : memref<?xf32>
//!   scf.reduce(%x : f32) {
//!   ^bb0(%a: f32, %b: f32):
//!     %r = arith.addf %a, %b : f32
//!     scf.reduce.return %r : f32
//!   }
//! }
//! ```

use ir::constraints::{ANY_TYPE, INDEX};
use ir::syntax::{Argument, OpParser, OpPrinter, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Ir, OpId, Type};

define_op! {
    /// A parallel loop nest over several induction variables.
    pub struct ParallelOp = "scf.parallel" {
        operands: [lowerBound: Variadic(INDEX), upperBound: Variadic(INDEX), step: Variadic(INDEX), initVals: Variadic(ANY_TYPE)],
        results: [results: Variadic(ANY_TYPE)],
        regions: [region: Single],
        traits: [SINGLE_BLOCK, LOOP_LIKE, RECURSIVE_MEMORY_EFFECTS],
        extra: {
            parse: Some(parse_parallel),
            print: Some(print_parallel),
            verify: Some(verify_parallel),
            implicit_terminator: Some("scf.reduce"),
        },
    }
}

define_op! {
    /// Ends an `scf.parallel` body: combines each operand into a result with its region.
    pub struct ReduceOp = "scf.reduce" {
        operands: [operands: Variadic(ANY_TYPE)],
        regions: [reductions: Variadic],
        traits: [TERMINATOR, RECURSIVE_MEMORY_EFFECTS],
        extra: {
            parse: Some(parse_reduce),
            print: Some(print_reduce),
            verify: Some(verify_reduce),
        },
    }
}

define_op! {
    /// Returns the combined value from an `scf.reduce` region.
    pub struct ReduceReturnOp = "scf.reduce.return" {
        operands: [result: Single(ANY_TYPE)],
        traits: [TERMINATOR, PURE],
        format: "$result attr-dict `:` type($result)",
    }
}

/// `(%a, %b)`: a parenthesised, comma-separated operand list.
fn paren_operands<'s>(p: &mut OpParser<'_, 's>) -> ParseResult<Vec<ir::syntax::UnresolvedOperand<'s>>> {
    p.expect_punct("(")?;
    let list = p.parse_operand_list()?;
    p.expect_punct(")")?;
    Ok(list)
}

fn parse_parallel(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ivs = paren_operands(p)?;
    p.expect_punct("=")?;
    let lower = paren_operands(p)?;
    p.expect_keyword("to")?;
    let upper = paren_operands(p)?;
    p.expect_keyword("step")?;
    let step = paren_operands(p)?;
    let inits = if p.parse_optional_keyword("init") { paren_operands(p)? } else { Vec::new() };
    let mut result_types = Vec::new();
    if p.parse_optional_punct("->") {
        result_types = if p.peek("(") { p.parse_paren_type_list()? } else { p.parse_type_list()? };
    }
    let location = p.op_location();
    let index = Type::index(p.ctx());
    let mut sizes = Vec::new();
    for group in [&lower, &upper, &step] {
        let values = p.resolve_operands(group, &vec![index; group.len()], location)?;
        sizes.push(values.len() as i32);
        p.state.operands.extend(values);
    }
    let inits = p.resolve_operands(&inits, &result_types, location)?;
    sizes.push(inits.len() as i32);
    p.state.operands.extend(inits);
    p.state.result_types = result_types;
    let sizes = ir::Attribute::dense_i32_array(p.ctx(), &sizes);
    p.add_attribute("operandSegmentSizes", sizes);
    let arguments: Vec<Argument<'_>> =
        ivs.iter().map(|iv| Argument { name: *iv, ty: index, attributes: Vec::new(), location: iv.location }).collect();
    let region = p.parse_region(&arguments)?;
    p.ensure_terminator(region, "scf.reduce");
    p.parse_optional_attr_dict()
}

fn print_parallel(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let parallel = ParallelOp(op);
    let region = ir.regions(op)[0];
    let Some(body) = ir.entry_block(region) else { return };
    let list = |p: &mut OpPrinter<'_>, values: &[ir::Value]| {
        p.write("(");
        p.print_operands(values);
        p.write(")");
    };
    p.write(" ");
    list(p, ir.block_arguments(body));
    p.write(" = ");
    list(p, parallel.lowerBound(ir));
    p.write(" to ");
    list(p, parallel.upperBound(ir));
    p.write(" step ");
    list(p, parallel.step(ir));
    let inits = parallel.initVals(ir);
    if !inits.is_empty() {
        p.write(" init ");
        list(p, inits);
    }
    let results: Vec<Type> = ir.results(op).iter().map(|&r| ir.value_type(r)).collect();
    if !results.is_empty() {
        // As upstream's optional arrow type list: several types in parentheses.
        p.write(" -> ");
        p.print_function_results(&results);
    }
    p.write(" ");
    p.print_region(region, false, true);
    p.print_optional_attr_dict(op, &["operandSegmentSizes"]);
}

fn verify_parallel(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let parallel = ParallelOp(op);
    let dims = parallel.lowerBound(ir).len();
    if dims == 0 {
        return Err(op_error(ir, op, "needs at least one tuple element for lowerBound, upperBound and step"));
    }
    if parallel.upperBound(ir).len() != dims || parallel.step(ir).len() != dims {
        return Err(op_error(ir, op, "expects the same number of lower bounds, upper bounds and steps"));
    }
    let region = ir.regions(op)[0];
    let Some(body) = ir.entry_block(region) else { return Err(op_error(ir, op, "expects a body block")) };
    if ir.block_arguments(body).len() != dims {
        return Err(op_error(ir, op, format!("expects the same number of induction variables: {dims}")));
    }
    let results: Vec<Type> = ir.results(op).iter().map(|&r| ir.value_type(r)).collect();
    let inits: Vec<Type> = parallel.initVals(ir).iter().map(|&v| ir.value_type(v)).collect();
    if inits != results {
        return Err(op_error(ir, op, "expects the initial values to have the types of the results"));
    }
    let Some(reduce) = ir.last_op(body).filter(|&t| ir.isa::<ReduceOp>(t)) else {
        return Err(op_error(ir, op, "expects the body to end with 'scf.reduce'"));
    };
    let reduced: Vec<Type> = ir.operands(reduce).iter().map(|&v| ir.value_type(v)).collect();
    if reduced != results {
        return Err(op_error(ir, op, "expects 'scf.reduce' to reduce one value per result, of the result's type"));
    }
    Ok(())
}

fn parse_reduce(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    if p.parse_optional_punct("(") {
        let location = p.current_location();
        let operands = p.parse_operand_list()?;
        p.expect_punct(":")?;
        let types = p.parse_type_list()?;
        p.expect_punct(")")?;
        let values = p.resolve_operands(&operands, &types, location)?;
        p.state.operands.extend(values);
        loop {
            p.parse_region(&[])?;
            if !p.parse_optional_punct(",") {
                break;
            }
        }
    }
    p.parse_optional_attr_dict()
}

fn print_reduce(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let operands = ir.operands(op).to_vec();
    if operands.is_empty() {
        // Upstream prints a lone space here.
        p.write(" ");
    } else {
        p.write("(");
        p.print_operands(&operands);
        p.write(" : ");
        let types: Vec<Type> = operands.iter().map(|&v| ir.value_type(v)).collect();
        p.print_types(&types);
        p.write(") ");
        for (i, &r) in ir.regions(op).to_vec().iter().enumerate() {
            if i > 0 {
                p.write(", ");
            }
            p.print_region(r, true, true);
        }
    }
    p.print_optional_attr_dict(op, &[]);
}

fn verify_reduce(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let regions = ir.regions(op);
    if regions.len() != ir.operands(op).len() {
        return Err(op_error(ir, op, "expects one reduction region per operand"));
    }
    for (i, (&r, &v)) in regions.iter().zip(ir.operands(op)).enumerate() {
        let ty = ir.value_type(v);
        let Some(block) = ir.entry_block(r) else { return Err(op_error(ir, op, format!("reduction region #{i} is empty"))) };
        let args: Vec<Type> = ir.block_arguments(block).iter().map(|&a| ir.value_type(a)).collect();
        if args != [ty, ty] {
            return Err(op_error(
                ir,
                op,
                format!("expects two arguments of type '{}' in reduction region #{i}", ctx.print_type(ty)),
            ));
        }
        let returned = ir.last_op(block).filter(|&t| ir.isa::<ReduceReturnOp>(t)).map(|t| ir.value_type(ir.operands(t)[0]));
        if returned != Some(ty) {
            return Err(op_error(
                ir,
                op,
                format!("expects reduction region #{i} to return a value of type '{}'", ctx.print_type(ty)),
            ));
        }
    }
    Ok(())
}
