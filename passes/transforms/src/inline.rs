//! `inline`: replaces calls to functions whose body is a single block by
//! that body, then removes private functions nobody calls any more and
//! (by default) canonicalizes, as upstream's inliner does. Functions that
//! call themselves, directly or through others, are not inlined; callees
//! with several blocks are left called (their inlining needs block
//! splitting, not implemented yet).

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

/// The single body block of the function a call refers to, when it can be
/// inlined: resolved, not recursive, one block ending in a return.
fn inlinable_body(ir: &Ir, call: OpId, graph: &CallGraph) -> Option<ir::BlockId> {
    let ctx = ir.ctx();
    let callee = ir.attr(call, "callee").and_then(|c| c.as_flat_symbol_ref(ctx))?;
    let function = ir.lookup_symbol(call, ctx.str(callee))?;
    if graph.is_recursive(function) || !ir.has_trait(function, Traits::ISOLATED_FROM_ABOVE) {
        return None;
    }
    let [region] = ir.regions(function) else { return None };
    let [block] = ir.region_blocks(*region) else { return None };
    let terminator = ir.terminator(*block)?;
    let fits = ir.has_trait(terminator, Traits::RETURN_LIKE)
        && ir.operands(terminator).len() == ir.results(call).len()
        && ir.block_arguments(*block).len() == ir.operands(call).len();
    fits.then_some(*block)
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
        let mut mapping = IrMapping::default();
        for (&arg, &value) in ir.block_arguments(body).to_vec().iter().zip(&ir.operands(call).to_vec()) {
            mapping.map_value(arg, value);
        }
        let terminator = ir.terminator(body).expect("checked by inlinable_body");
        for op in ir.block_ops(body).filter(|&o| o != terminator).collect::<Vec<_>>() {
            let copy = ir.clone_op(op, &mut mapping);
            ir.insert_op_before(call, copy);
        }
        let returned: Vec<_> = ir.operands(terminator).iter().map(|&v| mapping.lookup_value(v)).collect();
        for (result, value) in ir.results(call).to_vec().into_iter().zip(returned) {
            ir.replace_all_uses(result, value);
        }
        ir.erase_op(call);
        inlined += 1;
    }
    inlined
}
