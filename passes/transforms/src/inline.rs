//! `inline`: replaces calls by the body of the function they call, then
//! removes private functions nobody calls any more and (by default)
//! canonicalizes, as upstream's inliner does. A single-block body goes in
//! place of the call; a body of several blocks goes between the two halves
//! of the caller's block, split at the call, with its returns turned into
//! branches to the second half (this needs a registered unconditional
//! branch op, `cf.br`). Functions that call themselves, directly or through
//! others, are not inlined.

use ir::analysis::CallGraph;
use ir::pass::{OptionInfo, Pass, PassContext, PassInfo, PassOptions};
use ir::rewrite::{apply_patterns_greedily, GreedyConfig};
use ir::{Diagnostic, Ir, IrMapping, OpId, Traits};

pub const INFO: PassInfo = PassInfo {
    name: "inline",
    summary: "Inline function calls",
    anchor: None,
    options: &[OptionInfo {
        name: "default-pipeline",
        description: "What to run after inlining: 'canonicalize' or nothing",
        default: "canonicalize",
    }],
    dependent_dialects: &[],
    create,
};

fn create(options: &PassOptions) -> Result<Box<dyn Pass>, String> {
    match options.get("default-pipeline") {
        "canonicalize" => Ok(Box::new(Inline { canonicalize: true })),
        "" => Ok(Box::new(Inline { canonicalize: false })),
        other => Err(format!("option 'default-pipeline' expects 'canonicalize' or nothing, got '{other}'")),
    }
}

struct Inline {
    canonicalize: bool,
}

impl Pass for Inline {
    fn run(&self, ir: &mut Ir, op: OpId, cx: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        let graph = cx.analysis::<CallGraph>(ir, op);
        let inlined = inline_calls(ir, op, &graph);
        cx.count("num-inlined", "Number of calls inlined", inlined as u64);
        if inlined > 0 {
            crate::symbol_dce::remove_dead_symbols(ir, op);
            if self.canonicalize {
                let patterns = crate::canonicalize::collect_patterns(ir.ctx());
                apply_patterns_greedily(ir, op, &patterns, GreedyConfig::default());
            }
        }
        Ok(())
    }
}

/// The body of the function a call refers to, when it can be inlined:
/// resolved, not recursive, its blocks ending in returns or branches, and
/// its entry block taking the call's operands.
fn inlinable_body(ir: &Ir, call: OpId, graph: &CallGraph) -> Option<ir::RegionId> {
    let ctx = ir.ctx();
    let callee = ir.attr(call, "callee").and_then(|c| c.as_flat_symbol_ref(ctx))?;
    let function = ir.lookup_symbol(call, ctx.str(callee))?;
    if graph.is_recursive(function) || !ir.has_trait(function, Traits::ISOLATED_FROM_ABOVE) {
        return None;
    }
    let [region] = ir.regions(function) else { return None };
    let entry = ir.entry_block(*region)?;
    let returns_fit = ir.region_blocks(*region).iter().all(|&b| {
        ir.terminator(b).is_some_and(|t| !ir.has_trait(t, Traits::RETURN_LIKE) || ir.operands(t).len() == ir.results(call).len())
    });
    (returns_fit && ir.block_arguments(entry).len() == ir.operands(call).len()).then_some(*region)
}

/// The registered unconditional branch op (`cf.br`), if any.
fn branch_op(ir: &Ir) -> Option<&'static str> {
    ir.ctx()
        .dialects()
        .iter()
        .flat_map(|d| d.ops.iter())
        .find(|o| o.traits.contains(Traits::UNCONDITIONAL_BRANCH))
        .map(|o| o.name)
}

/// Inlines every call it can under `root`; returns how many.
pub fn inline_calls(ir: &mut Ir, root: OpId, graph: &CallGraph) -> usize {
    let calls: Vec<OpId> = {
        let mut calls = Vec::new();
        ir.walk(root, |op| {
            if ir.attr(op, "callee").is_some() && ir.regions(op).is_empty() {
                calls.push(op);
            }
        });
        calls
    };
    let mut inlined = 0;
    for call in calls {
        let Some(body) = inlinable_body(ir, call, graph) else { continue };
        let done = match ir.region_blocks(body) {
            [block] => {
                inline_block(ir, call, *block);
                true
            }
            _ => branch_op(ir).is_some_and(|branch| {
                inline_blocks(ir, call, body, branch);
                true
            }),
        };
        inlined += usize::from(done);
    }
    inlined
}

/// A single-block body: its ops go before the call; what it returns
/// replaces the call's results.
fn inline_block(ir: &mut Ir, call: OpId, block: ir::BlockId) {
    let mut mapping = IrMapping::default();
    for (&arg, &value) in ir.block_arguments(block).to_vec().iter().zip(&ir.operands(call).to_vec()) {
        mapping.map_value(arg, value);
    }
    let terminator = ir.terminator(block).expect("checked by inlinable_body");
    for op in ir.block_ops(block).filter(|&o| o != terminator).collect::<Vec<_>>() {
        let copy = ir.clone_op(op, &mut mapping);
        ir.insert_op_before(call, copy);
    }
    let returned: Vec<_> = ir.operands(terminator).iter().map(|&v| mapping.lookup_value(v)).collect();
    for (result, value) in ir.results(call).to_vec().into_iter().zip(returned) {
        ir.replace_all_uses(result, value);
    }
    ir.erase_op(call);
}

/// A body of several blocks: the caller's block is split at the call, the
/// body's blocks go in between (entered with the call's operands), and its
/// returns branch to the second half, whose arguments replace the results.
fn inline_blocks(ir: &mut Ir, call: OpId, body: ir::RegionId, branch: &str) {
    let ctx = ir.ctx_arc().clone();
    let location = ir.op(call).location;
    let head = ir.op_parent_block(call).expect("calls are in blocks");
    let region = ir.block_parent(head).expect("blocks are in regions");
    let tail = ir.split_block(call);
    for result in ir.results(call).to_vec() {
        let arg = ir.add_block_argument(tail, ir.value_type(result), location);
        ir.replace_all_uses(result, arg);
    }
    let operands = ir.operands(call).to_vec();
    ir.erase_op(call);

    // Blocks first (for branches between them), then their ops.
    let mut mapping = IrMapping::default();
    let blocks = ir.region_blocks(body).to_vec();
    let start = ir.region_blocks(region).iter().position(|&b| b == tail).expect("tail is in the region");
    let mut copies = Vec::new();
    for (position, &b) in (start..).zip(&blocks) {
        let copy = ir.create_block(&[], location);
        for &arg in ir.block_arguments(b).to_vec().iter() {
            let new_arg = ir.add_block_argument(copy, ir.value_type(arg), location);
            mapping.map_value(arg, new_arg);
        }
        mapping.map_block(b, copy);
        ir.insert_block(region, position, copy);
        copies.push(copy);
    }
    for (&b, &copy) in blocks.iter().zip(&copies) {
        for op in ir.block_ops(b).collect::<Vec<_>>() {
            let cloned = ir.clone_op(op, &mut mapping);
            if ir.has_trait(cloned, Traits::RETURN_LIKE) {
                let values = ir.operands(cloned).to_vec();
                ir.erase_op(cloned);
                append_branch(ir, &ctx, copy, tail, &values, branch, location);
            } else {
                ir.append_op(copy, cloned);
            }
        }
    }
    append_branch(ir, &ctx, head, copies[0], &operands, branch, location);
}

fn append_branch(
    ir: &mut Ir,
    ctx: &ir::Context,
    from: ir::BlockId,
    to: ir::BlockId,
    operands: &[ir::Value],
    branch: &str,
    location: ir::Location,
) {
    let mut state = ir::OperationState::new(ctx.op_name(branch), location);
    state.operands = operands.to_vec();
    state.successors.push(to);
    let op = ir.create_op(state);
    ir.append_op(from, op);
}
