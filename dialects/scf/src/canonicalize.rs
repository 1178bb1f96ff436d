//! Canonicalization patterns of the scf ops: a conditional on a constant
//! becomes the taken branch, a loop that runs zero times becomes its
//! initial values, and a conditional with nothing in it disappears.

use ir::rewrite::{constant_value, PatternRewriter, RewritePattern};
use ir::OpId;

use crate::{ForOp, IfOp};

/// `scf.if` on a constant: the taken region's ops replace it.
struct InlineConstantIf;

impl RewritePattern for InlineConstantIf {
    fn root(&self) -> Option<&'static str> {
        Some("scf.if")
    }

    fn match_and_rewrite(&self, op: OpId, rewriter: &mut PatternRewriter<'_>) -> bool {
        let ir = rewriter.ir();
        let Some(condition) = constant_value(ir, IfOp(op).condition(ir)).and_then(|c| c.as_integer(ir.ctx())) else {
            return false;
        };
        let region = ir.regions(op)[if condition != 0 { 0 } else { 1 }];
        match ir.entry_block(region) {
            Some(block) => {
                let yielded = rewriter.inline_block_before(block, op, &[]);
                rewriter.replace_op(op, &yielded);
            }
            // No else region (so no results): nothing runs.
            None => rewriter.erase_op(op),
        }
        true
    }
}

/// `scf.if` without results whose regions hold only their terminators.
struct RemoveEmptyIf;

impl RewritePattern for RemoveEmptyIf {
    fn root(&self) -> Option<&'static str> {
        Some("scf.if")
    }

    fn match_and_rewrite(&self, op: OpId, rewriter: &mut PatternRewriter<'_>) -> bool {
        let ir = rewriter.ir();
        let only_terminator = |r: ir::RegionId| {
            ir.entry_block(r).is_none_or(|b| ir.block_ops(b).all(|o| ir.is_terminator(o) && ir.operands(o).is_empty()))
        };
        if !ir.results(op).is_empty() || !ir.regions(op).iter().all(|&r| only_terminator(r)) {
            return false;
        }
        rewriter.erase_op(op);
        true
    }
}

/// `scf.for` whose constant bounds give no iteration: its results are its initial values.
struct RemoveZeroTripFor;

impl RewritePattern for RemoveZeroTripFor {
    fn root(&self) -> Option<&'static str> {
        Some("scf.for")
    }

    fn match_and_rewrite(&self, op: OpId, rewriter: &mut PatternRewriter<'_>) -> bool {
        let ir = rewriter.ir();
        let for_op = ForOp(op);
        let bound = |v| constant_value(ir, v).and_then(|c| c.as_integer(ir.ctx()));
        let (Some(lower), Some(upper)) = (bound(for_op.lowerBound(ir)), bound(for_op.upperBound(ir))) else { return false };
        if lower < upper {
            return false;
        }
        let inits = for_op.initArgs(ir).to_vec();
        rewriter.replace_op(op, &inits);
        true
    }
}

pub(crate) fn if_patterns(patterns: &mut Vec<Box<dyn RewritePattern>>) {
    patterns.push(Box::new(InlineConstantIf));
    patterns.push(Box::new(RemoveEmptyIf));
}

pub(crate) fn for_patterns(patterns: &mut Vec<Box<dyn RewritePattern>>) {
    patterns.push(Box::new(RemoveZeroTripFor));
}
