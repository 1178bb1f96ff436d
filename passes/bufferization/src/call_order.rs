//! The order in which module-level bufferization passes visit functions:
//! callees before callers, so that each caller knows what its callees do
//! with the buffers it passes them; functions in a call cycle are reported.

use rustc_hash::{FxHashMap, FxHashSet};

use dialect_func::{CallOp, FuncOp};
use ir::{Ir, Symbol};

/// The functions in an order that puts callees before callers, and those
/// that are part of a call cycle.
pub fn callees_first(ir: &Ir, functions: &[FuncOp]) -> (Vec<FuncOp>, FxHashSet<FuncOp>) {
    let ctx = ir.ctx();
    let by_name: FxHashMap<Symbol, FuncOp> = functions
        .iter()
        .filter_map(|&f| ir.attr(f.0, "sym_name").and_then(|a| a.as_string(ctx)).map(|n| (ctx.symbol(n), f)))
        .collect();
    let callees = |f: FuncOp| -> Vec<FuncOp> {
        let mut found = Vec::new();
        ir.walk(f.0, |op| {
            if let Some(callee) =
                ir.dyn_cast::<CallOp>(op).and_then(|c| ir.attr(c.0, "callee")).and_then(|a| a.as_flat_symbol_ref(ctx))
            {
                if let Some(&g) = by_name.get(&callee) {
                    found.push(g);
                }
            }
        });
        found
    };
    #[derive(PartialEq)]
    enum Mark {
        Active,
        Done,
    }
    let mut marks: FxHashMap<FuncOp, Mark> = FxHashMap::default();
    let (mut order, mut recursive) = (Vec::new(), FxHashSet::default());
    for &root in functions {
        if marks.contains_key(&root) {
            continue;
        }
        // Iterative depth-first search: (function, its callees, next callee).
        let mut stack = vec![(root, callees(root), 0usize)];
        marks.insert(root, Mark::Active);
        while let Some((f, list, next)) = stack.last_mut() {
            if let Some(&g) = list.get(*next) {
                *next += 1;
                match marks.get(&g) {
                    Some(Mark::Active) => {
                        // A cycle: every function on the stack from `g` up is in it.
                        let from = stack.iter().position(|(h, _, _)| *h == g).unwrap_or(0);
                        recursive.extend(stack[from..].iter().map(|(h, _, _)| *h));
                    }
                    Some(Mark::Done) => {}
                    None => {
                        marks.insert(g, Mark::Active);
                        let list = callees(g);
                        stack.push((g, list, 0));
                    }
                }
            } else {
                let f = *f;
                marks.insert(f, Mark::Done);
                order.push(f);
                stack.pop();
            }
        }
    }
    (order, recursive)
}
