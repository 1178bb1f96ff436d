//! `convert-scf-to-cf`: structured control flow becomes blocks and
//! branches, with the block layout upstream's pass produces. Each op's
//! block is split at the op; its regions' blocks move in between, and
//! `scf.yield`/`scf.condition` become branches:
//!
//! - `scf.for`: a condition block (induction variable and loop-carried
//!   values as arguments) tests `iv < ub` (`arith.cmpi slt`); the body's
//!   last block steps the variable and branches back.
//! - `scf.if`: `cf.cond_br` to the then and else blocks, which branch to a
//!   block whose arguments are the results (then on to the continuation).
//! - `scf.while`: the before region tests the condition and branches to
//!   the after region or out; a "do-while" whose after region only
//!   forwards its arguments loops on the before region alone.
//! - `scf.execute_region`: its blocks, entered by a branch; yields branch
//!   to the continuation, whose arguments are the results.
//! - `scf.index_switch`: `cf.switch` on the index cast to `i32`.
//! - `scf.parallel`: nested `scf.for`s (sequential), with each `scf.reduce`
//!   region combining the loop-carried value with the iteration's value;
//!   the loops are then lowered like any `scf.for`.
//! - `scf.forall` without `shared_outs`: an `scf.parallel` over its bounds,
//!   lowered as above at once. With `shared_outs` (on tensors) it cannot be, and
//!   the pass fails at the op.
//!
//! Runs the dialect-conversion driver with these ops illegal and everything
//! else legal. Differences from upstream: no `llvm.*` loop attributes are
//! carried to the back edge (there is no LLVM dialect yet); an
//! `scf.index_switch` case that does not fit `i32` fails instead of being
//! truncated.

use dialect_arith as arith;
use dialect_cf as cf;
use dialect_scf as scf;
use ir::pass::{FunctionPass, PassInfo};
use ir::rewrite::{
    apply_conversion, ConversionMode, ConversionPattern, ConversionTarget, InsertPoint, PatternRewriter, TypeConverter,
};
use ir::types::DYNAMIC;
use ir::{Attribute, BlockId, Diagnostic, Ir, Location, OpId, OpType, RegionId, Type, Value};

pub const INFO: PassInfo = PassInfo {
    name: "convert-scf-to-cf",
    summary: "Convert SCF dialect to ControlFlow dialect, replacing structured control flow with a CFG",
    anchor: None,
    options: &[],
    dependent_dialects: &["arith", "cf", "scf"],
    create: |_| Ok(Box::new(FunctionPass(convert_scf_to_cf))),
};

/// The scf ops this conversion removes.
const LOWERED: [&str; 7] = [
    scf::ForOp::NAME,
    scf::IfOp::NAME,
    scf::WhileOp::NAME,
    scf::ExecuteRegionOp::NAME,
    scf::IndexSwitchOp::NAME,
    scf::ParallelOp::NAME,
    scf::ForallOp::NAME,
];

/// Lowers the scf ops under `root` to blocks and branches; fails, located
/// at the op, on one that cannot be lowered.
pub fn convert_scf_to_cf(ir: &mut Ir, root: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    if let Some(missing) = ["arith", "cf", "scf"].into_iter().find(|d| ctx.dialect(d).is_none()) {
        return Err(Diagnostic::error(ir.op(root).location, format!("convert-scf-to-cf needs the '{missing}' dialect")));
    }
    let target = LOWERED.iter().fold(ConversionTarget::default(), |t, name| t.illegal_op(name));
    let mut patterns = Vec::new();
    populate_scf_to_cf_patterns(&mut patterns);
    apply_conversion(ir, root, &target, &TypeConverter::default(), &patterns, ConversionMode::Partial)
}

/// The patterns that lower each scf op (the do-while form before the
/// general `scf.while` lowering).
pub fn populate_scf_to_cf_patterns(patterns: &mut Vec<Box<dyn ConversionPattern>>) {
    patterns.push(Box::new(LowerFor));
    patterns.push(Box::new(LowerIf));
    patterns.push(Box::new(LowerDoWhile));
    patterns.push(Box::new(LowerWhile));
    patterns.push(Box::new(LowerExecuteRegion));
    patterns.push(Box::new(LowerIndexSwitch));
    patterns.push(Box::new(LowerParallel));
    patterns.push(Box::new(LowerForall));
}

// ---- helpers -------------------------------------------------------------

/// `cf.br ^dest(args)` at `at`.
fn branch(rewriter: &mut PatternRewriter<'_>, at: InsertPoint, location: Location, dest: BlockId, args: &[Value]) -> Option<()> {
    rewriter.build_with_successors::<cf::BranchOp>(at, location, &[args], &[dest], &[], &[]).ok().map(|_| ())
}

/// `cf.cond_br %condition, ^on_true(true_args), ^on_false(false_args)` at the end of `block`.
#[allow(clippy::too_many_arguments)]
fn cond_branch(
    rewriter: &mut PatternRewriter<'_>,
    block: BlockId,
    location: Location,
    condition: Value,
    on_true: BlockId,
    true_args: &[Value],
    on_false: BlockId,
    false_args: &[Value],
) -> Option<()> {
    let groups: &[&[Value]] = &[&[condition], true_args, false_args];
    rewriter
        .build_with_successors::<cf::CondBranchOp>(InsertPoint::End(block), location, groups, &[on_true, on_false], &[], &[])
        .ok()
        .map(|_| ())
}

/// The last block of `region` and its terminator, if it is a `T`.
fn last_terminator<T: OpType>(ir: &Ir, region: RegionId) -> Option<(BlockId, T)> {
    let block = *ir.region_blocks(region).last()?;
    let terminator = ir.last_op(block)?;
    Some((block, ir.dyn_cast::<T>(terminator)?))
}

/// Replaces the `scf.yield` ending `block` by a branch to `dest` with the yielded values.
fn yield_to_branch(rewriter: &mut PatternRewriter<'_>, block: BlockId, location: Location, dest: BlockId) -> Option<()> {
    let terminator = rewriter.ir().last_op(block).filter(|&t| rewriter.ir().isa::<scf::YieldOp>(t))?;
    let values = rewriter.ir().operands(terminator).to_vec();
    branch(rewriter, InsertPoint::End(block), location, dest, &values)?;
    rewriter.erase_op(terminator);
    Some(())
}

fn result_types(ir: &Ir, op: OpId) -> Vec<Type> {
    ir.results(op).iter().map(|&r| ir.value_type(r)).collect()
}

/// Whether every region of `op` has a block ending in a `T` (so the
/// lowering can rewrite the terminators it expects).
fn regions_end_with<T: OpType>(ir: &Ir, regions: &[RegionId]) -> bool {
    regions.iter().all(|&r| last_terminator::<T>(ir, r).is_some())
}

// ---- scf.for -------------------------------------------------------------

/// `scf.for` becomes a condition block, the body's blocks and a back edge.
struct LowerFor;

impl ConversionPattern for LowerFor {
    fn root(&self) -> &'static str {
        scf::ForOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        _: &[Value],
        _: &TypeConverter,
        rewriter: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = rewriter.ir();
        let for_op = ir.dyn_cast::<scf::ForOp>(op)?;
        let region = ir.regions(op)[0];
        last_terminator::<scf::YieldOp>(ir, region)?;
        let condition_block = ir.entry_block(region)?;
        let first_op = ir.first_op(condition_block)?;
        let (lower, upper, step) = (for_op.lowerBound(ir), for_op.upperBound(ir), for_op.step(ir));
        let inits = for_op.initArgs(ir).to_vec();
        let init_block = ir.op_parent_block(op)?;
        let location = ir.op(op).location;
        let iv = ir.block_arguments(condition_block)[0];
        let iv_type = ir.value_type(iv);

        // The ops after the loop continue in their own block; the body's
        // entry block (with the loop's arguments) becomes the condition
        // block and the body moves to a block of its own; all go in between.
        let end_block = rewriter.split_block(op);
        let first_body = rewriter.split_block(first_op);
        let last_body = *rewriter.ir().region_blocks(region).last()?;
        rewriter.inline_region_before(region, end_block);

        // The body's last block steps the variable and loops back with the yielded values.
        let yield_op = rewriter.ir().last_op(last_body).filter(|&t| rewriter.ir().isa::<scf::YieldOp>(t))?;
        let stepped =
            rewriter.build::<arith::AddIOp>(InsertPoint::End(last_body), location, &[&[iv], &[step]], &[iv_type], &[]).ok()?;
        let mut carried = vec![rewriter.ir().result(stepped.op(), 0)];
        carried.extend_from_slice(rewriter.ir().operands(yield_op));
        branch(rewriter, InsertPoint::End(last_body), location, condition_block, &carried)?;
        rewriter.erase_op(yield_op);

        // Enter with the lower bound and the initial values.
        let mut entry = vec![lower];
        entry.extend(inits);
        branch(rewriter, InsertPoint::End(init_block), location, condition_block, &entry)?;

        // Test the bound; leave to the continuation when done.
        let slt = arith::CmpIOp::predicate_attr(rewriter.ctx(), "slt")?;
        let i1 = Type::integer(rewriter.ctx(), 1);
        let comparison = rewriter
            .build::<arith::CmpIOp>(InsertPoint::End(condition_block), location, &[&[iv], &[upper]], &[i1], &[("predicate", slt)])
            .ok()?;
        let comparison = rewriter.ir().result(comparison.op(), 0);
        cond_branch(rewriter, condition_block, location, comparison, first_body, &[], end_block, &[])?;

        // The results are the loop-carried values when the test fails.
        Some(rewriter.ir().block_arguments(condition_block)[1..].to_vec())
    }
}

// ---- scf.if --------------------------------------------------------------

/// `scf.if` becomes a conditional branch to its regions' blocks.
struct LowerIf;

impl ConversionPattern for LowerIf {
    fn root(&self) -> &'static str {
        scf::IfOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        _: &[Value],
        _: &TypeConverter,
        rewriter: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = rewriter.ir();
        let condition = ir.dyn_cast::<scf::IfOp>(op)?.condition(ir);
        let (then_region, else_region) = (ir.regions(op)[0], ir.regions(op)[1]);
        let has_else = !ir.region_blocks(else_region).is_empty();
        let with_blocks: Vec<RegionId> =
            [then_region, else_region].into_iter().filter(|&r| !ir.region_blocks(r).is_empty()).collect();
        if ir.region_blocks(then_region).is_empty() || !regions_end_with::<scf::YieldOp>(ir, &with_blocks) {
            return None;
        }
        let cond_block = ir.op_parent_block(op)?;
        let location = ir.op(op).location;
        let types = result_types(ir, op);

        // The ops after the `scf.if` continue in their own block; with
        // results, a block taking them as arguments comes first.
        let remaining = rewriter.split_block(op);
        let continue_block = if types.is_empty() {
            remaining
        } else {
            let block = rewriter.create_block_before(remaining, &types, location);
            branch(rewriter, InsertPoint::End(block), location, remaining, &[])?;
            block
        };

        // Each region's blocks go before the continuation, and its yield branches there.
        let then_block = rewriter.ir().entry_block(then_region)?;
        let then_last = *rewriter.ir().region_blocks(then_region).last()?;
        yield_to_branch(rewriter, then_last, location, continue_block)?;
        rewriter.inline_region_before(then_region, continue_block);
        let else_block = if has_else {
            let else_block = rewriter.ir().entry_block(else_region)?;
            let else_last = *rewriter.ir().region_blocks(else_region).last()?;
            yield_to_branch(rewriter, else_last, location, continue_block)?;
            rewriter.inline_region_before(else_region, continue_block);
            else_block
        } else {
            continue_block
        };

        cond_branch(rewriter, cond_block, location, condition, then_block, &[], else_block, &[])?;
        Some(rewriter.ir().block_arguments(continue_block).to_vec())
    }
}

// ---- scf.execute_region --------------------------------------------------

/// `scf.execute_region` becomes its blocks, entered by a branch.
struct LowerExecuteRegion;

impl ConversionPattern for LowerExecuteRegion {
    fn root(&self) -> &'static str {
        scf::ExecuteRegionOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        _: &[Value],
        _: &TypeConverter,
        rewriter: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = rewriter.ir();
        let region = ir.regions(op)[0];
        let entry = ir.entry_block(region)?;
        let cond_block = ir.op_parent_block(op)?;
        let location = ir.op(op).location;
        let types = result_types(ir, op);
        let blocks = ir.region_blocks(region).to_vec();

        let remaining = rewriter.split_block(op);
        branch(rewriter, InsertPoint::End(cond_block), location, entry, &[])?;
        // Every block that yields branches to the continuation.
        for block in blocks {
            let yields = rewriter.ir().last_op(block).is_some_and(|t| rewriter.ir().isa::<scf::YieldOp>(t));
            if yields {
                yield_to_branch(rewriter, block, location, remaining)?;
            }
        }
        rewriter.inline_region_before(region, remaining);
        let results = types.into_iter().map(|ty| rewriter.add_block_argument(remaining, ty, location)).collect();
        Some(results)
    }
}

// ---- scf.while -----------------------------------------------------------

/// `scf.while` becomes its two regions' blocks in a loop.
struct LowerWhile;

impl ConversionPattern for LowerWhile {
    fn root(&self) -> &'static str {
        scf::WhileOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        _: &[Value],
        _: &TypeConverter,
        rewriter: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = rewriter.ir();
        let while_op = ir.dyn_cast::<scf::WhileOp>(op)?;
        let (before_region, after_region) = (ir.regions(op)[0], ir.regions(op)[1]);
        let (before_last, condition) = last_terminator::<scf::ConditionOp>(ir, before_region)?;
        let (after_last, _) = last_terminator::<scf::YieldOp>(ir, after_region)?;
        let (before, after) = (ir.entry_block(before_region)?, ir.entry_block(after_region)?);
        let inits = while_op.inits(ir).to_vec();
        let current = ir.op_parent_block(op)?;
        let location = ir.op(op).location;
        let (flag, args) = (condition.condition(ir), condition.args(ir).to_vec());

        let continuation = rewriter.split_block(op);
        rewriter.inline_region_before(after_region, continuation);
        rewriter.inline_region_before(before_region, after);
        branch(rewriter, InsertPoint::End(current), location, before, &inits)?;

        // The condition goes on to the after region or out; the after region loops back.
        cond_branch(rewriter, before_last, location, flag, after, &args, continuation, &[])?;
        rewriter.erase_op(condition.op());
        yield_to_branch(rewriter, after_last, location, before)?;

        // The results are the values passed on last, visible by dominance.
        Some(args)
    }
}

/// `scf.while` whose after region only passes its arguments back: the
/// before region loops on itself.
struct LowerDoWhile;

impl ConversionPattern for LowerDoWhile {
    fn root(&self) -> &'static str {
        scf::WhileOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        _: &[Value],
        _: &TypeConverter,
        rewriter: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = rewriter.ir();
        let while_op = ir.dyn_cast::<scf::WhileOp>(op)?;
        let (before_region, after_region) = (ir.regions(op)[0], ir.regions(op)[1]);
        let [after] = ir.region_blocks(after_region) else { return None };
        let only = ir.first_op(*after).filter(|&o| ir.next_op(o).is_none())?;
        if !ir.isa::<scf::YieldOp>(only) || ir.operands(only) != ir.block_arguments(*after) {
            return None;
        }
        let (before_last, condition) = last_terminator::<scf::ConditionOp>(ir, before_region)?;
        let before = ir.entry_block(before_region)?;
        let inits = while_op.inits(ir).to_vec();
        let current = ir.op_parent_block(op)?;
        let location = ir.op(op).location;
        let (flag, args) = (condition.condition(ir), condition.args(ir).to_vec());

        let continuation = rewriter.split_block(op);
        rewriter.inline_region_before(before_region, continuation);
        branch(rewriter, InsertPoint::End(current), location, before, &inits)?;
        cond_branch(rewriter, before_last, location, flag, before, &args, continuation, &[])?;
        rewriter.erase_op(condition.op());
        Some(args)
    }
}

// ---- scf.index_switch ----------------------------------------------------

/// `scf.index_switch` becomes `cf.switch` on the index as `i32`.
struct LowerIndexSwitch;

impl LowerIndexSwitch {
    /// The case values.
    fn cases(ir: &Ir, op: OpId) -> Option<Vec<i128>> {
        ir.dyn_cast::<scf::IndexSwitchOp>(op)?.cases(ir)?.as_dense_int_array(ir.ctx())
    }

    fn fits_i32(cases: &[i128]) -> bool {
        cases.iter().all(|&v| i32::try_from(v).is_ok())
    }
}

impl ConversionPattern for LowerIndexSwitch {
    fn root(&self) -> &'static str {
        scf::IndexSwitchOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        _: &[Value],
        _: &TypeConverter,
        rewriter: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = rewriter.ir();
        let switch = ir.dyn_cast::<scf::IndexSwitchOp>(op)?;
        let cases = Self::cases(ir, op).filter(|c| Self::fits_i32(c))?;
        let regions = ir.regions(op).to_vec();
        let (default_region, case_regions) = regions.split_first()?;
        if case_regions.len() != cases.len() || !regions_end_with::<scf::YieldOp>(ir, &regions) {
            return None;
        }
        let i32t = Type::integer(ir.ctx(), 32);
        let case_values = ir::switch_cases::case_values_attr(ir.ctx(), i32t, &cases)?;
        let index = switch.arg(ir);
        let cond_block = ir.op_parent_block(op)?;
        let location = ir.op(op).location;
        let types = result_types(ir, op);

        // The results become arguments of the continuation.
        let continue_block = rewriter.split_block(op);
        let results: Vec<Value> = types.into_iter().map(|ty| rewriter.add_block_argument(continue_block, ty, location)).collect();

        // Each region branches to the continuation and moves before it: cases first, then the default.
        let convert_region = |rewriter: &mut PatternRewriter<'_>, region: RegionId| -> Option<BlockId> {
            let block = rewriter.ir().entry_block(region)?;
            let last = *rewriter.ir().region_blocks(region).last()?;
            yield_to_branch(rewriter, last, location, continue_block)?;
            rewriter.inline_region_before(region, continue_block);
            Some(block)
        };
        let mut successors = Vec::with_capacity(cases.len() + 1);
        for &region in case_regions {
            successors.push(convert_region(rewriter, region)?);
        }
        successors.insert(0, convert_region(rewriter, *default_region)?);

        let flag =
            rewriter.build::<arith::IndexCastOp>(InsertPoint::End(cond_block), location, &[&[index]], &[i32t], &[]).ok()?;
        let flag = rewriter.ir().result(flag.op(), 0);
        let mut attributes = vec![("case_operand_segments", Attribute::dense_i32_array(rewriter.ctx(), &vec![0; cases.len()]))];
        if !cases.is_empty() {
            attributes.push(("case_values", case_values));
        }
        rewriter
            .build_with_successors::<cf::SwitchOp>(
                InsertPoint::End(cond_block),
                location,
                &[&[flag], &[], &[]],
                &successors,
                &[],
                &attributes,
            )
            .ok()?;
        Some(results)
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        let cases = Self::cases(ir, op)?;
        (!Self::fits_i32(&cases)).then(|| "a case value does not fit the 'i32' flag of 'cf.switch'".to_string())
    }
}

// ---- scf.parallel --------------------------------------------------------

/// `scf.parallel` becomes nested `scf.for`s, one per dimension, carrying
/// the reduced values; each `scf.reduce` region combines them in place.
struct LowerParallel;

impl ConversionPattern for LowerParallel {
    fn root(&self) -> &'static str {
        scf::ParallelOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        _: &[Value],
        _: &TypeConverter,
        rewriter: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = rewriter.ir();
        let parallel = ir.dyn_cast::<scf::ParallelOp>(op)?;
        let body = ir.entry_block(ir.regions(op)[0])?;
        let reduce = ir.last_op(body).filter(|&t| ir.isa::<scf::ReduceOp>(t))?;
        let reductions: Vec<BlockId> = ir.regions(reduce).iter().map(|&r| ir.entry_block(r)).collect::<Option<_>>()?;
        let reduced = ir.operands(reduce).to_vec();
        if reductions.len() != reduced.len() || reduced.len() != ir.results(op).len() {
            return None;
        }
        let bounds: Vec<(Value, Value, Value)> = parallel
            .lowerBound(ir)
            .iter()
            .zip(parallel.upperBound(ir))
            .zip(parallel.step(ir))
            .map(|((&l, &u), &s)| (l, u, s))
            .collect();
        let mut iter_args = parallel.initVals(ir).to_vec();
        let location = ir.op(op).location;
        let index = Type::index(ir.ctx());

        // One loop per dimension, each inside the previous, passing the reduced values down.
        let mut ivs = Vec::with_capacity(bounds.len());
        let mut results = iter_args.clone();
        let mut at = InsertPoint::Before(op);
        let mut innermost = None;
        for (i, &(lower, upper, step)) in bounds.iter().enumerate() {
            let types: Vec<Type> = iter_args.iter().map(|&v| rewriter.ir().value_type(v)).collect();
            let for_op =
                rewriter.build::<scf::ForOp>(at, location, &[&[lower], &[upper], &[step], &iter_args], &types, &[]).ok()?;
            let region = rewriter.ir().regions(for_op.op())[0];
            let mut arg_types = vec![index];
            arg_types.extend(&types);
            let block = rewriter.create_block_at_end(region, &arg_types, location);
            let args = rewriter.ir().block_arguments(block).to_vec();
            ivs.push(args[0]);
            iter_args = args[1..].to_vec();
            let loop_results = rewriter.ir().results(for_op.op()).to_vec();
            if i == 0 {
                // The outermost loop's results replace the parallel loop's.
                results = loop_results;
            } else if !loop_results.is_empty() {
                // The enclosing loop yields what this one computes.
                rewriter.build::<scf::YieldOp>(at, location, &[&loop_results], &[], &[]).ok()?;
            }
            at = if types.is_empty() {
                // A loop without values ends with an empty yield; the body goes before it.
                let yield_op = rewriter.build::<scf::YieldOp>(InsertPoint::End(block), location, &[&[]], &[], &[]).ok()?;
                InsertPoint::Before(yield_op.op())
            } else {
                InsertPoint::End(block)
            };
            innermost = Some(block);
        }
        let innermost = innermost?;

        // Each reduction combines the carried value with this iteration's, where `scf.reduce` was.
        let mut yielded = Vec::with_capacity(reduced.len());
        for ((&region_block, &value), &carried) in reductions.iter().zip(&reduced).zip(&iter_args) {
            let combined = rewriter.inline_block(region_block, InsertPoint::Before(reduce), &[carried, value]);
            yielded.push(*combined.first()?);
        }
        rewriter.erase_op(reduce);
        // Then the body itself, on the loops' induction variables.
        rewriter.inline_block(body, at, &ivs);
        if !yielded.is_empty() {
            rewriter.build::<scf::YieldOp>(InsertPoint::End(innermost), location, &[&yielded], &[], &[]).ok()?;
        }
        Some(results)
    }
}

// ---- scf.forall ----------------------------------------------------------

/// `scf.forall` without shared outputs becomes an `scf.parallel` over its bounds.
struct LowerForall;

impl ConversionPattern for LowerForall {
    fn root(&self) -> &'static str {
        scf::ForallOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        _: &[Value],
        converter: &TypeConverter,
        rewriter: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = rewriter.ir();
        let forall = ir.dyn_cast::<scf::ForallOp>(op)?;
        if !forall.outputs(ir).is_empty() {
            return None;
        }
        let body = ir.entry_block(ir.regions(op)[0])?;
        let terminator = ir.last_op(body).filter(|&t| ir.isa::<scf::InParallelOp>(t))?;
        let lists = [
            (ir::mixed_list::statics(ir, op, "staticLowerBound"), forall.dynamicLowerBound(ir).to_vec()),
            (ir::mixed_list::statics(ir, op, "staticUpperBound"), forall.dynamicUpperBound(ir).to_vec()),
            (ir::mixed_list::statics(ir, op, "staticStep"), forall.dynamicStep(ir).to_vec()),
        ];
        let rank = lists[0].0.len();
        if lists
            .iter()
            .any(|(statics, values)| statics.len() != rank || statics.iter().filter(|&&s| s == DYNAMIC).count() != values.len())
        {
            return None;
        }
        let location = ir.op(op).location;
        let index = Type::index(ir.ctx());

        // Lower bounds, upper bounds and steps as values (constants for static entries), in that order.
        let mut bounds: Vec<Vec<Value>> = Vec::with_capacity(3);
        for (statics, values) in lists {
            let mut values = values.into_iter();
            let mut list = Vec::with_capacity(rank);
            for s in statics {
                let value = if s == DYNAMIC {
                    values.next()?
                } else {
                    let attr = Attribute::integer(rewriter.ctx(), s as i128, index);
                    let constant = rewriter
                        .build::<arith::ConstantOp>(InsertPoint::Before(op), location, &[], &[index], &[("value", attr)])
                        .ok()?;
                    rewriter.ir().result(constant.op(), 0)
                };
                list.push(value);
            }
            bounds.push(list);
        }
        let parallel = rewriter
            .build::<scf::ParallelOp>(InsertPoint::Before(op), location, &[&bounds[0], &bounds[1], &bounds[2], &[]], &[], &[])
            .ok()?;
        let region = rewriter.ir().regions(parallel.op())[0];
        let block = rewriter.create_block_at_end(region, &vec![index; rank], location);
        let ivs = rewriter.ir().block_arguments(block).to_vec();
        rewriter.erase_op(terminator);
        rewriter.inline_block(body, InsertPoint::End(block), &ivs);
        rewriter.build::<scf::ReduceOp>(InsertPoint::End(block), location, &[&[]], &[], &[]).ok()?;
        // Lower the new loop now: the driver would reach it only in its
        // next sweep, after the loops of its body have become blocks, and
        // the loop nest is built from a single-block body.
        LowerParallel.match_and_rewrite(parallel.op(), &[], converter, rewriter)?;
        rewriter.erase_op(parallel.op());
        Some(Vec::new())
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        let forall = ir.dyn_cast::<scf::ForallOp>(op)?;
        (!forall.outputs(ir).is_empty())
            .then(|| "only bufferized 'scf.forall' ops (without shared_outs) can be lowered to 'scf.parallel'".to_string())
    }
}
