//! `cse`: common subexpression elimination. A pure op without regions that
//! computes what an op dominating it already computed (same name, operands,
//! attributes and result types) is replaced by that op's results.
//!
//! Pure ops whose results are unused are dropped on the way. Known values
//! flow, within a block, from earlier ops to later ones and into the regions
//! of later ops (but not into isolated-from-above or unregistered ops);
//! blocks of one region do not share values, which keeps the pass correct
//! without a dominator tree.

use rustc_hash::FxHashMap;

use ir::analysis::{CallGraph, DominanceInfo};
use ir::pass::{Pass, PassContext, PassInfo};
use ir::{Attribute, BlockId, Diagnostic, Ir, NamedAttribute, OpId, OpName, Traits, Type, Value};

pub const INFO: PassInfo = PassInfo {
    name: "cse",
    summary: "Eliminate common sub-expressions",
    anchor: None,
    options: &[],
    dependent_dialects: &[],
    create: |_| Ok(Box::new(Cse)),
};

struct Cse;

impl Pass for Cse {
    fn run(&self, ir: &mut Ir, op: OpId, cx: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        let removed = eliminate_common_subexpressions(ir, op);
        cx.count("num-cse'd", "Number of operations CSE'd or dead", removed as u64);
        // Only ops inside blocks go: no block changes, no call changes.
        cx.preserve::<DominanceInfo>();
        cx.preserve::<CallGraph>();
        Ok(())
    }
}

/// What makes two ops compute the same thing.
#[derive(PartialEq, Eq, Hash)]
struct OpKey {
    name: OpName,
    operands: Vec<Value>,
    result_types: Vec<Type>,
    attributes: Vec<NamedAttribute>,
    properties: Option<Attribute>,
}

fn key_of(ir: &Ir, op: OpId) -> OpKey {
    let mut attributes = ir.op(op).attributes.clone();
    attributes.sort_by_key(|a| a.name);
    // `a + b` and `b + a` are the same computation.
    let mut operands = ir.operands(op).to_vec();
    if ir.has_trait(op, Traits::COMMUTATIVE) {
        operands.sort();
    }
    OpKey {
        name: ir.op(op).name,
        operands,
        result_types: ir.results(op).iter().map(|&v| ir.value_type(v)).collect(),
        attributes,
        properties: ir.op(op).properties,
    }
}

/// Whether `op` may be merged with an equal op: pure, with results and no regions.
fn is_candidate(ir: &Ir, op: OpId) -> bool {
    ir.has_trait(op, Traits::PURE) && !ir.results(op).is_empty() && ir.regions(op).is_empty()
}

/// Isolated from above, or unregistered (and so possibly isolated): values
/// from outside are not reused inside.
fn might_be_isolated(ir: &Ir, op: OpId) -> bool {
    ir.has_trait(op, Traits::ISOLATED_FROM_ABOVE) || ir.ctx().op_definition(ir.op(op).name).is_none()
}

/// Runs CSE on everything nested in `root`; returns how many ops were removed.
pub fn eliminate_common_subexpressions(ir: &mut Ir, root: OpId) -> usize {
    let mut removed = 0;
    let mut scopes = Vec::new();
    in_regions_of(ir, root, &mut scopes, &mut removed);
    removed
}

/// Known ops, innermost scope last: one scope per enclosing block.
type Scopes = Vec<FxHashMap<OpKey, OpId>>;

/// CSE in each block of `op`'s regions, seeing the ops known in `scopes`
/// (those of enclosing blocks before `op`). Recursion depth is bounded by
/// the parser's nesting limit.
fn in_regions_of(ir: &mut Ir, op: OpId, scopes: &mut Scopes, removed: &mut usize) {
    for region in ir.regions(op).to_vec() {
        for block in ir.region_blocks(region).to_vec() {
            scopes.push(FxHashMap::default());
            in_block(ir, block, scopes, removed);
            scopes.pop();
        }
    }
}

fn in_block(ir: &mut Ir, block: BlockId, scopes: &mut Scopes, removed: &mut usize) {
    let ops: Vec<OpId> = ir.block_ops(block).collect();
    for op in ops {
        // Like upstream, CSE also drops pure ops whose results are unused.
        if ir.is_trivially_dead(op) {
            ir.erase_op(op);
            *removed += 1;
            continue;
        }
        if is_candidate(ir, op) {
            let key = key_of(ir, op);
            if let Some(&existing) = scopes.iter().rev().find_map(|s| s.get(&key)) {
                for (old, new) in ir.results(op).to_vec().into_iter().zip(ir.results(existing).to_vec()) {
                    ir.replace_all_uses(old, new);
                }
                ir.erase_op(op);
                *removed += 1;
                continue;
            }
            scopes.last_mut().expect("a scope per block").insert(key, op);
        }
        if might_be_isolated(ir, op) {
            in_regions_of(ir, op, &mut Vec::new(), removed);
        } else {
            in_regions_of(ir, op, scopes, removed);
        }
    }
}
