//! Unconditional and conditional branches, and `cf.assert`.
//!
//! ```mlir
//! cf.br ^bb1(%x : i32)
//! cf.cond_br %cond, ^bb1, ^bb2(%y : i64)
//! cf.assert %cond, "must hold"
//! ```

use ir::constraints::{ANY_TYPE, I1, STRING_ATTR};
use ir::{define_op, Diagnostic, Ir, OpId};

use ir::verifier::verify_successor_operands;

define_op! {
    /// Jumps to a block, passing values to its arguments.
    pub struct BranchOp = "cf.br" {
        operands: [destOperands: Variadic(ANY_TYPE)],
        successors: [dest: Single],
        traits: [TERMINATOR, PURE, UNCONDITIONAL_BRANCH],
        format: "$dest (`(` $destOperands^ `:` type($destOperands) `)`)? attr-dict",
        extra: {
            verify: Some(verify_branch),
            canonicalize: Some(branch_patterns),
        },
    }
}

define_op! {
    /// Jumps to one of two blocks depending on an `i1`.
    pub struct CondBranchOp = "cf.cond_br" {
        operands: [condition: Single(I1), trueDestOperands: Variadic(ANY_TYPE), falseDestOperands: Variadic(ANY_TYPE)],
        successors: [trueDest: Single, falseDest: Single],
        traits: [TERMINATOR, PURE],
        format: "$condition `,` $trueDest (`(` $trueDestOperands^ `:` type($trueDestOperands) `)`)? `,` $falseDest (`(` $falseDestOperands^ `:` type($falseDestOperands) `)`)? attr-dict",
        extra: {
            verify: Some(verify_cond_branch),
            canonicalize: Some(cond_branch_patterns),
        },
    }
}

define_op! {
    /// Aborts with a message when the condition is false.
    pub struct AssertOp = "cf.assert" {
        operands: [arg: Single(I1)],
        attributes: [msg: Required(STRING_ATTR)],
        effects: [Write],
        format: "$arg `,` $msg attr-dict",
    }
}

fn verify_branch(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    verify_successor_operands(ir, op, 0, BranchOp(op).destOperands(ir))
}

fn verify_cond_branch(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let branch = CondBranchOp(op);
    verify_successor_operands(ir, op, 0, branch.trueDestOperands(ir))?;
    verify_successor_operands(ir, op, 1, branch.falseDestOperands(ir))
}

/// `cf.cond_br` on a constant condition becomes `cf.br` to the taken block.
struct FoldConstantCondition;

impl ir::rewrite::RewritePattern for FoldConstantCondition {
    fn root(&self) -> Option<&'static str> {
        Some("cf.cond_br")
    }

    fn match_and_rewrite(&self, op: OpId, rewriter: &mut ir::rewrite::PatternRewriter<'_>) -> bool {
        let ir = rewriter.ir();
        let branch = CondBranchOp(op);
        let Some(condition) = ir::rewrite::constant_value(ir, branch.condition(ir)).and_then(|c| c.as_integer(ir.ctx())) else {
            return false;
        };
        let (dest, operands) = if condition != 0 {
            (ir.successors(op)[0], branch.trueDestOperands(ir).to_vec())
        } else {
            (ir.successors(op)[1], branch.falseDestOperands(ir).to_vec())
        };
        let location = ir.op(op).location;
        let mut state = ir::OperationState::new(ir.ctx().op_name("cf.br"), location);
        state.operands = operands;
        state.successors.push(dest);
        rewriter.create_before(op, state);
        rewriter.erase_op(op);
        true
    }
}

fn cond_branch_patterns(patterns: &mut Vec<Box<dyn ir::rewrite::RewritePattern>>) {
    patterns.push(Box::new(FoldConstantCondition));
    patterns.push(Box::new(MergeIdenticalSuccessors));
}

/// A successor block that only branches on: jump straight to its target,
/// with the block's arguments replaced by what was passed to it
/// (`cf.br ^a(%y)` where `^a(%p): cf.br ^b(%x, %p)` becomes `cf.br ^b(%x, %y)`).
struct SkipPassThroughBlocks;

impl SkipPassThroughBlocks {
    /// The target and operands a pass-through `block` forwards to, given
    /// the values `passed` to its arguments.
    fn forwarded(ir: &ir::Ir, block: ir::BlockId, passed: &[ir::Value]) -> Option<(ir::BlockId, Vec<ir::Value>)> {
        if ir.block_parent(block).and_then(|r| ir.entry_block(r)) == Some(block) {
            return None;
        }
        let only = ir.first_op(block).filter(|&o| ir.next_op(o).is_none())?;
        let target = *ir.isa::<BranchOp>(only).then(|| ir.successors(only))?.first()?;
        if target == block {
            return None;
        }
        let args = ir.block_arguments(block);
        let operands = ir.operands(only).iter().map(|v| args.iter().position(|a| a == v).map_or(*v, |k| passed[k])).collect();
        Some((target, operands))
    }
}

impl ir::rewrite::RewritePattern for SkipPassThroughBlocks {
    /// Both `cf.br` and `cf.cond_br` (checked in `match_and_rewrite`).
    fn root(&self) -> Option<&'static str> {
        None
    }

    fn match_and_rewrite(&self, op: OpId, rewriter: &mut ir::rewrite::PatternRewriter<'_>) -> bool {
        let ir = rewriter.ir();
        // Successor operand groups of the two branch ops.
        let groups: Vec<Vec<ir::Value>> = if let Some(br) = ir.dyn_cast::<BranchOp>(op) {
            vec![br.destOperands(ir).to_vec()]
        } else if let Some(cond) = ir.dyn_cast::<CondBranchOp>(op) {
            vec![cond.trueDestOperands(ir).to_vec(), cond.falseDestOperands(ir).to_vec()]
        } else {
            return false;
        };
        let mut successors = ir.successors(op).to_vec();
        let mut groups = groups;
        let mut changed = false;
        for (i, successor) in successors.iter_mut().enumerate() {
            if let Some((target, operands)) = Self::forwarded(ir, *successor, &groups[i]) {
                *successor = target;
                groups[i] = operands;
                changed = true;
            }
        }
        if !changed {
            return false;
        }
        let location = ir.op(op).location;
        let mut state = ir::OperationState::new(ir.op(op).name, location);
        state.successors = successors;
        if ir.isa::<CondBranchOp>(op) {
            let condition = CondBranchOp(op).condition(ir);
            state.operands.push(condition);
            let sizes = [1, groups[0].len() as i32, groups[1].len() as i32];
            state.add_attribute(ir.ctx().symbol("operandSegmentSizes"), ir::Attribute::dense_i32_array(ir.ctx(), &sizes));
        }
        state.operands.extend(groups.into_iter().flatten());
        rewriter.create_before(op, state);
        rewriter.erase_op(op);
        true
    }
}

fn branch_patterns(patterns: &mut Vec<Box<dyn ir::rewrite::RewritePattern>>) {
    patterns.push(Box::new(SkipPassThroughBlocks));
}

/// `cf.cond_br %c, ^b(%x), ^b(%y)` becomes `cf.br ^b(select(%c, %x, %y))`
/// (when `arith.select` is registered, as upstream does).
struct MergeIdenticalSuccessors;

impl ir::rewrite::RewritePattern for MergeIdenticalSuccessors {
    fn root(&self) -> Option<&'static str> {
        Some("cf.cond_br")
    }

    fn match_and_rewrite(&self, op: OpId, rewriter: &mut ir::rewrite::PatternRewriter<'_>) -> bool {
        let ir = rewriter.ir();
        let [t, f] = ir.successors(op) else { return false };
        let select_known = ir
            .ctx()
            .existing_symbol("arith.select")
            .is_some_and(|_| ir.ctx().op_definition(ir.ctx().op_name("arith.select")).is_some());
        if t != f || !select_known {
            return false;
        }
        let (dest, branch) = (*t, CondBranchOp(op));
        let condition = branch.condition(ir);
        let pairs: Vec<(ir::Value, ir::Value)> =
            branch.trueDestOperands(ir).iter().copied().zip(branch.falseDestOperands(ir).iter().copied()).collect();
        let location = ir.op(op).location;
        let mut operands = Vec::new();
        for (a, b) in pairs {
            if a == b {
                operands.push(a);
                continue;
            }
            let ty = rewriter.ir().value_type(a);
            let select = rewriter.create_op(op, "arith.select", location, &[condition, a, b], &[ty], &[]);
            operands.push(rewriter.ir().result(select, 0));
        }
        let mut state = ir::OperationState::new(rewriter.ir().ctx().op_name("cf.br"), location);
        state.operands = operands;
        state.successors.push(dest);
        rewriter.create_before(op, state);
        rewriter.erase_op(op);
        true
    }
}
