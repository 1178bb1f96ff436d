//! The greedy driver: visits every op under a root, erases dead pure ops,
//! folds, and applies patterns, revisiting what changes touch, then
//! simplifies regions (dead blocks, single-predecessor blocks), until a
//! sweep changes nothing or the iteration bound is hit.
//!
//! Constants are kept unique per isolated region and at the start of its
//! entry block, as upstream's folder keeps them: a constant equal to one
//! already there is replaced by it, and folded results are materialised
//! there through the dialect of the folded op.

use rustc_hash::FxHashMap;

use crate::attributes::Attribute;
use crate::body::{BlockId, Ir, OpId, Value, WalkOrder};
use crate::dialect::Traits;
use crate::types::Type;

use super::fold::{try_fold, FoldResult};
use super::{PatternRewriter, RewritePattern};

#[derive(Clone, Copy, Debug)]
pub struct GreedyConfig {
    /// Sweeps over the IR at most.
    pub max_iterations: usize,
    /// Whether to fold ops (and deduplicate constants).
    pub fold: bool,
}

impl Default for GreedyConfig {
    fn default() -> Self {
        GreedyConfig { max_iterations: 10, fold: true }
    }
}

/// What a run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GreedyStats {
    pub iterations: usize,
    pub folded: usize,
    pub rewritten: usize,
    pub erased: usize,
    /// Whether the last sweep changed nothing.
    pub converged: bool,
}

/// Applies `patterns` and folders to everything nested in `root`.
pub fn apply_patterns_greedily(
    ir: &mut Ir,
    root: OpId,
    patterns: &[Box<dyn RewritePattern>],
    config: GreedyConfig,
) -> GreedyStats {
    let mut ordered: Vec<&dyn RewritePattern> = patterns.iter().map(|p| p.as_ref()).collect();
    ordered.sort_by_key(|p| std::cmp::Reverse(p.benefit()));
    let mut stats = GreedyStats::default();
    let mut constants = ConstantTable::default();
    while stats.iterations < config.max_iterations {
        stats.iterations += 1;
        let mut changed = false;
        constants.known.clear();
        constants.owned.clear();
        let mut worklist: Vec<OpId> = ir.walk_collect(root, WalkOrder::PostOrder);
        worklist.pop(); // the root itself
                        // Constants first, in program order: deduplicated and moved to the
                        // top of their region, before anything folds into new ones.
        if config.fold {
            for &op in &worklist {
                if !ir.is_erased(op) && ir.has_trait(op, Traits::CONSTANT_LIKE) {
                    changed |= constants.insert_known(&mut PatternRewriter::new(ir), op);
                }
            }
        }
        worklist.reverse();
        while let Some(op) = worklist.pop() {
            if ir.is_erased(op) || ir.op_parent_block(op).is_none() {
                continue;
            }
            let mut rewriter = PatternRewriter::new(ir);
            if visit(op, &mut rewriter, &ordered, config, &mut constants, &mut stats) {
                changed = true;
                // Revisit what the change touched, and their users.
                let touched = std::mem::take(&mut rewriter.touched);
                for t in touched {
                    if !ir.is_erased(t) {
                        worklist.push(t);
                        for &r in ir.results(t) {
                            worklist.extend(ir.uses(r).iter().map(|u| u.op));
                        }
                    }
                }
            }
        }
        if config.fold && super::regions::simplify_regions(ir, root) {
            changed = true;
        }
        if !changed {
            stats.converged = true;
            break;
        }
    }
    stats
}

/// One op: dead -> erase; constant -> dedupe/hoist; fold; patterns.
fn visit(
    op: OpId,
    rewriter: &mut PatternRewriter<'_>,
    patterns: &[&dyn RewritePattern],
    config: GreedyConfig,
    constants: &mut ConstantTable,
    stats: &mut GreedyStats,
) -> bool {
    let ir = &*rewriter.ir;
    if ir.is_trivially_dead(op) {
        rewriter.erase_op(op);
        stats.erased += 1;
        return true;
    }
    if config.fold && ir.has_trait(op, Traits::CONSTANT_LIKE) {
        return false; // handled before the sweep
    }
    if config.fold && moves_constant_right(rewriter, op) {
        return true;
    }
    if config.fold {
        if let Some(results) = try_fold(rewriter.ir, op) {
            if let Some(values) = materialize(rewriter, op, &results, constants) {
                rewriter.replace_op(op, &values);
                stats.folded += 1;
                return true;
            }
        }
    }
    let name = rewriter.ir.op_name_str(op).to_string();
    for pattern in patterns {
        if pattern.root().is_some_and(|r| r != name) {
            continue;
        }
        if pattern.match_and_rewrite(op, rewriter) {
            stats.rewritten += 1;
            return true;
        }
    }
    false
}

/// Puts the constant operand of a commutative binary op on the right
/// (`c + x` becomes `x + c`), as upstream folding does.
fn moves_constant_right(rewriter: &mut PatternRewriter<'_>, op: OpId) -> bool {
    let ir = &*rewriter.ir;
    if !ir.has_trait(op, Traits::COMMUTATIVE) || ir.operands(op).len() != 2 {
        return false;
    }
    let (lhs, rhs) = (ir.operands(op)[0], ir.operands(op)[1]);
    let constant = |v| super::fold::constant_value(ir, v).is_some();
    if !constant(lhs) || constant(rhs) {
        return false;
    }
    rewriter.modify_in_place(op, |ir| {
        ir.set_operand(op, 0, rhs);
        ir.set_operand(op, 1, lhs);
    });
    true
}

/// Values for folded results; `None` when a constant cannot be made (the
/// op is then left alone) or when folding would change nothing.
fn materialize(
    rewriter: &mut PatternRewriter<'_>,
    op: OpId,
    results: &[FoldResult],
    constants: &mut ConstantTable,
) -> Option<Vec<Value>> {
    let own: Vec<Value> = rewriter.ir.results(op).to_vec();
    let mut values = Vec::with_capacity(results.len());
    for (result, &old) in results.iter().zip(&own) {
        let value = match *result {
            FoldResult::Value(v) => v,
            FoldResult::Constant(attr) => {
                let ty = rewriter.ir.value_type(old);
                constants.get_or_create(rewriter, op, attr, ty)?
            }
        };
        values.push(value);
    }
    (values != own).then_some(values)
}

/// Unique constants per isolated region, kept at the start of its entry block.
#[derive(Default)]
struct ConstantTable {
    known: FxHashMap<(BlockId, Attribute, Type), OpId>,
    /// The ops in `known`.
    owned: rustc_hash::FxHashSet<OpId>,
}

impl ConstantTable {
    /// The entry block of the nearest isolated-from-above ancestor of `op`.
    fn scope_block(ir: &Ir, op: OpId) -> Option<BlockId> {
        let mut current = op;
        loop {
            let block = ir.op_parent_block(current)?;
            let parent = ir.block_parent_op(block)?;
            if ir.has_trait(parent, Traits::ISOLATED_FROM_ABOVE) {
                let region = ir.block_parent(block)?;
                return ir.entry_block(region);
            }
            current = parent;
        }
    }

    fn key(ir: &Ir, op: OpId) -> Option<(BlockId, Attribute, Type)> {
        let block = Self::scope_block(ir, op)?;
        let value = ir.attr(op, "value")?;
        let ty = ir.value_type(*ir.results(op).first()?);
        Some((block, value, ty))
    }

    /// Records a constant op: replaced by an equal known one, or moved to
    /// the front of its scope unless it follows a constant already there.
    /// Returns whether the IR changed.
    fn insert_known(&mut self, rewriter: &mut PatternRewriter<'_>, op: OpId) -> bool {
        let Some(key) = Self::key(rewriter.ir, op) else {
            return false;
        };
        match self.known.get(&key) {
            Some(&existing) if existing != op && !rewriter.ir.is_erased(existing) => {
                let value = rewriter.ir.result(existing, 0);
                rewriter.replace_op(op, &[value]);
                true
            }
            _ => {
                self.known.insert(key, op);
                self.owned.insert(op);
                self.hoist(rewriter.ir, op, key.0)
            }
        }
    }

    /// Moves a constant to the front of `block`, unless it is there or
    /// right after a known constant (so runs keep their order).
    fn hoist(&self, ir: &mut Ir, op: OpId, block: BlockId) -> bool {
        let in_place = ir.op_parent_block(op) == Some(block)
            && match ir.prev_op(op) {
                None => true,
                Some(prev) => self.owned.contains(&prev),
            };
        if in_place {
            return false;
        }
        ir.detach_op(op);
        match ir.first_op(block) {
            Some(first) => ir.insert_op_before(first, op),
            None => ir.append_op(block, op),
        }
        true
    }

    /// A constant value `attr` of type `ty` for use by `user`.
    fn get_or_create(&mut self, rewriter: &mut PatternRewriter<'_>, user: OpId, attr: Attribute, ty: Type) -> Option<Value> {
        let ir = &*rewriter.ir;
        let block = Self::scope_block(ir, user)?;
        if let Some(&existing) = self.known.get(&(block, attr, ty)) {
            if !ir.is_erased(existing) {
                return Some(ir.result(existing, 0));
            }
        }
        let def = ir.ctx().op_definition(ir.op(user).name)?;
        let dialect = ir.ctx().dialect(def.dialect_name())?;
        let materialize = dialect.materialize_constant?;
        let location = ir.op(user).location;
        let constant = materialize(rewriter.ir, attr, ty, location)?;
        // After the constants already at the top, so they read in the order made.
        let ir = &mut *rewriter.ir;
        let mut after = None;
        let mut cursor = ir.first_op(block);
        while let Some(c) = cursor.filter(|&c| ir.has_trait(c, Traits::CONSTANT_LIKE)) {
            after = Some(c);
            cursor = ir.next_op(c);
        }
        match (after, ir.first_op(block)) {
            (Some(last), _) => ir.insert_op_after(last, constant),
            (None, Some(first)) => ir.insert_op_before(first, constant),
            (None, None) => ir.append_op(block, constant),
        }
        self.known.insert((block, attr, ty), constant);
        self.owned.insert(constant);
        Some(rewriter.ir.result(constant, 0))
    }
}
