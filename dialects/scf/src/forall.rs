//! `scf.forall`: a multi-dimensional loop whose iterations are independent
//! threads. Results are built in destination-passing style: each thread
//! writes its slice of the shared outputs from the terminator
//! `scf.forall.in_parallel`.
//!
//! ```mlir
//! %r = scf.forall (%i, %j) in (4, %n) shared_outs(%o = %t) -> (tensor<8x?xf32>) {
//!   %s = tensor.extract_slice %o[%i, %j] [2, 1] [1, 1] : tensor<8x?xf32> to tensor<2x1xf32>
//!   scf.forall.in_parallel {
//!     tensor.parallel_insert_slice %s into %o[%i, %j] [2, 1] [1, 1] : tensor<2x1xf32> into tensor<8x?xf32>
//!   }
//! }
//! ```
//! Bounds are constants or values; with lower bounds 0 and steps 1 the loop
//! is written with upper bounds only (`in (4, %n)`), otherwise
//! `= (%lb) to (%ub) step (%s)`.

use ir::constraints::{ANY_ATTR, ARRAY_ATTR, INDEX};
use ir::dialect::TypeConstraint;
use ir::syntax::{Argument, OpParser, OpPrinter, ParseResult, UnresolvedOperand};
use ir::verifier::op_error;
use ir::{define_op, mixed_list, shape, Attribute, Diagnostic, Ir, OpId, Type, Value};

const RANKED_TENSOR: TypeConstraint = TypeConstraint {
    description: "ranked tensor of any type values",
    check: |ctx, t| matches!(t.data(ctx), ir::TypeData::RankedTensor { .. }),
    buildable: None,
};

define_op! {
    /// A loop nest of independent iterations that write slices of shared outputs.
    pub struct ForallOp = "scf.forall" {
        operands: [dynamicLowerBound: Variadic(INDEX), dynamicUpperBound: Variadic(INDEX), dynamicStep: Variadic(INDEX), outputs: Variadic(RANKED_TENSOR)],
        results: [results: Variadic(RANKED_TENSOR)],
        attributes: [staticLowerBound: Required(ANY_ATTR), staticUpperBound: Required(ANY_ATTR), staticStep: Required(ANY_ATTR), mapping: Optional(ARRAY_ATTR)],
        regions: [region: Single],
        traits: [SINGLE_BLOCK, LOOP_LIKE, RECURSIVE_MEMORY_EFFECTS],
        extra: {
            parse: Some(parse_forall),
            print: Some(print_forall),
            verify: Some(verify_forall),
            implicit_terminator: Some("scf.forall.in_parallel"),
        },
    }
}

define_op! {
    /// Ends an `scf.forall` body: the ops in its region write each thread's slices into the shared outputs.
    pub struct InParallelOp = "scf.forall.in_parallel" {
        regions: [region: Single],
        traits: [TERMINATOR, SINGLE_BLOCK, NO_TERMINATOR, PARALLEL_COMBINING, RECURSIVE_MEMORY_EFFECTS],
        extra: {
            parse: Some(parse_in_parallel),
            print: Some(print_in_parallel),
            verify: Some(verify_in_parallel),
        },
    }
}

const BOUNDS: [&str; 3] = ["staticLowerBound", "staticUpperBound", "staticStep"];

/// `(%i, %j) in (ubs)` or `(%i, %j) = (lbs) to (ubs) step (steps)`, then
/// `shared_outs(%o = %t) -> (types)`, the region and the attributes.
fn parse_forall(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    p.expect_punct("(")?;
    let ivs = p.parse_operand_list()?;
    p.expect_punct(")")?;
    let location = p.current_location();
    let (lower, upper, step) = if p.parse_optional_keyword("in") {
        let zeros = vec![0; ivs.len()];
        let ones = vec![1; ivs.len()];
        ((Vec::new(), zeros), mixed_list::parse_delimited(p, "(", ")")?, (Vec::new(), ones))
    } else {
        p.expect_punct("=")?;
        let lower = mixed_list::parse_delimited(p, "(", ")")?;
        p.expect_keyword("to")?;
        let upper = mixed_list::parse_delimited(p, "(", ")")?;
        p.expect_keyword("step")?;
        (lower, upper, mixed_list::parse_delimited(p, "(", ")")?)
    };
    let mut outputs: Vec<(UnresolvedOperand<'_>, UnresolvedOperand<'_>)> = Vec::new();
    let mut result_types = Vec::new();
    if p.parse_optional_keyword("shared_outs") {
        p.expect_punct("(")?;
        loop {
            let arg = p.parse_operand()?;
            p.expect_punct("=")?;
            outputs.push((arg, p.parse_operand()?));
            if !p.parse_optional_punct(",") {
                break;
            }
        }
        p.expect_punct(")")?;
        p.expect_punct("->")?;
        result_types = p.parse_paren_type_list()?;
    }
    let index = Type::index(&ctx);
    let mut sizes = Vec::new();
    for (name, (values, statics)) in BOUNDS.iter().zip([&lower, &upper, &step]) {
        p.add_attribute(name, mixed_list::attribute(&ctx, statics));
        let values = p.resolve_operands(values, &vec![index; values.len()], location)?;
        sizes.push(values.len() as i32);
        p.state.operands.extend(values);
    }
    let inits: Vec<UnresolvedOperand<'_>> = outputs.iter().map(|(_, init)| *init).collect();
    let inits = p.resolve_operands(&inits, &result_types, location)?;
    sizes.push(inits.len() as i32);
    p.state.operands.extend(inits);
    p.add_attribute("operandSegmentSizes", Attribute::dense_i32_array(&ctx, &sizes));
    p.state.result_types = result_types.clone();
    let mut arguments: Vec<Argument<'_>> =
        ivs.iter().map(|iv| Argument { name: *iv, ty: index, attributes: Vec::new(), location: iv.location }).collect();
    arguments.extend(outputs.iter().zip(&result_types).map(|((arg, _), &ty)| Argument {
        name: *arg,
        ty,
        attributes: Vec::new(),
        location: arg.location,
    }));
    let region = p.parse_region(&arguments)?;
    p.ensure_terminator(region, "scf.forall.in_parallel");
    p.parse_optional_attr_dict()
}

fn print_forall(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let forall = ForallOp(op);
    let region = ir.regions(op)[0];
    let Some(body) = ir.entry_block(region) else { return };
    let args = ir.block_arguments(body).to_vec();
    let rank = mixed_list::statics(ir, op, "staticUpperBound").len().min(args.len());
    let (ivs, shared) = args.split_at(rank);
    p.write(" (");
    p.print_operands(ivs);
    p.write(")");
    let lower = mixed_list::statics(ir, op, "staticLowerBound");
    let step = mixed_list::statics(ir, op, "staticStep");
    let upper = mixed_list::statics(ir, op, "staticUpperBound");
    if lower.iter().all(|&l| l == 0) && step.iter().all(|&s| s == 1) {
        p.write(" in ");
        mixed_list::print_delimited(p, &upper, forall.dynamicUpperBound(ir), "(", ")");
    } else {
        p.write(" = ");
        mixed_list::print_delimited(p, &lower, forall.dynamicLowerBound(ir), "(", ")");
        p.write(" to ");
        mixed_list::print_delimited(p, &upper, forall.dynamicUpperBound(ir), "(", ")");
        p.write(" step ");
        mixed_list::print_delimited(p, &step, forall.dynamicStep(ir), "(", ")");
    }
    let outputs = forall.outputs(ir).to_vec();
    if !outputs.is_empty() {
        p.write(" shared_outs(");
        for (i, (&arg, &init)) in shared.iter().zip(&outputs).enumerate() {
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
    p.write(" ");
    // Upstream prints the terminator when there are shared outputs.
    p.print_region(region, false, !outputs.is_empty());
    p.print_optional_attr_dict(op, &["staticLowerBound", "staticUpperBound", "staticStep", "operandSegmentSizes"]);
}

/// Bound lists of one length, one value per dynamic bound, index induction
/// variables, shared outputs matching results, and a mapping per dimension.
fn verify_forall(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let forall = ForallOp(op);
    let lists: Vec<Vec<i64>> = BOUNDS.iter().map(|n| mixed_list::statics(ir, op, n)).collect();
    let rank = lists[1].len();
    if lists.iter().any(|l| l.len() != rank) {
        return Err(op_error(ir, op, "requires the same number of lower bounds, upper bounds and steps"));
    }
    let dynamic = [forall.dynamicLowerBound(ir), forall.dynamicUpperBound(ir), forall.dynamicStep(ir)];
    for ((name, list), values) in ["lower bound", "upper bound", "step"].iter().zip(&lists).zip(dynamic) {
        if values.len() != shape::dynamic_count(list) {
            return Err(op_error(ir, op, format!("expected as many dynamic {name} values as dynamic entries in its list")));
        }
    }
    if lists[2].iter().any(|&s| s != ir::types::DYNAMIC && s <= 0) {
        return Err(op_error(ir, op, "constant step must be positive"));
    }
    let outputs: Vec<Type> = forall.outputs(ir).iter().map(|&v| ir.value_type(v)).collect();
    let results: Vec<Type> = ir.results(op).iter().map(|&r| ir.value_type(r)).collect();
    if outputs != results {
        return Err(op_error(ir, op, "expected the shared outputs and the results to have the same types"));
    }
    let Some(body) = ir.entry_block(ir.regions(op)[0]) else { return Err(op_error(ir, op, "expects a body block")) };
    let args = ir.block_arguments(body);
    if args.len() != rank + outputs.len() {
        return Err(op_error(ir, op, format!("region expects {} arguments", rank + outputs.len())));
    }
    if args[..rank].iter().any(|&a| !ir.value_type(a).is_index(ctx)) {
        return Err(op_error(ir, op, "expects index type for the induction variables"));
    }
    if args[rank..].iter().map(|&a| ir.value_type(a)).ne(outputs.iter().copied()) {
        return Err(op_error(ir, op, "type mismatch between the shared outputs and their region arguments"));
    }
    if let Some(mapping) = forall.mapping(ir).and_then(|m| m.as_array(ctx)) {
        if mapping.len() != rank {
            return Err(op_error(ir, op, "mapping attribute size must match op rank"));
        }
    }
    if ir.last_op(body).is_some_and(|t| !ir.isa::<InParallelOp>(t)) {
        return Err(op_error(ir, op, "expects its body to end with 'scf.forall.in_parallel'"));
    }
    Ok(())
}

fn parse_in_parallel(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let region = p.parse_region(&[])?;
    p.ensure_block(region);
    p.parse_optional_attr_dict()
}

fn print_in_parallel(p: &mut OpPrinter<'_>, op: OpId) {
    p.write(" ");
    p.print_region(p.ir.regions(op)[0], false, false);
    p.print_optional_attr_dict(op, &[]);
}

/// Only ops that write into the shared outputs of the enclosing loop.
fn verify_in_parallel(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let Some(forall) = ir.parent_op(op).filter(|&f| ir.isa::<ForallOp>(f)) else {
        return Err(op_error(ir, op, "expects parent op 'scf.forall'"));
    };
    let shared: Vec<Value> = match ir.entry_block(ir.regions(forall)[0]) {
        Some(body) => {
            let args = ir.block_arguments(body);
            args[args.len() - ForallOp(forall).outputs(ir).len().min(args.len())..].to_vec()
        }
        None => Vec::new(),
    };
    let Some(block) = ir.entry_block(ir.regions(op)[0]) else { return Ok(()) };
    for inner in ir.block_ops(block) {
        // A combining op (`tensor.parallel_insert_slice`) writes into its
        // second operand, its destination, and has no results.
        let dest = ir.operands(inner).get(1).copied();
        if !ir.results(inner).is_empty() || !dest.is_some_and(|d| shared.contains(&d)) {
            return Err(op_error(
                ir,
                op,
                format!("expected only ops that insert into a shared output of the loop, found '{}'", ir.op_name_str(inner)),
            ));
        }
    }
    Ok(())
}
