//! `symbol-dce`: deletes private symbols (functions, globals) that nothing
//! references, repeating until no more go (deleting one may free others).
//! References from inside a symbol to itself do not keep it alive.

use rustc_hash::FxHashSet;

use ir::analysis::DominanceInfo;
use ir::pass::{Pass, PassContext, PassInfo};
use ir::{AttrData, Attribute, Context, Diagnostic, Ir, OpId, Symbol, Traits};

pub const INFO: PassInfo = PassInfo {
    name: "symbol-dce",
    summary: "Eliminate dead private symbols",
    anchor: None,
    options: &[],
    dependent_dialects: &[],
    create: |_| Ok(Box::new(SymbolDce)),
};

struct SymbolDce;

impl Pass for SymbolDce {
    fn run(&self, ir: &mut Ir, op: OpId, cx: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        let removed = remove_dead_symbols(ir, op);
        cx.count("num-dce'd", "Number of symbols DCE'd", removed as u64);
        // Whole symbols go; the control flow inside the rest is untouched.
        cx.preserve::<DominanceInfo>();
        Ok(())
    }
}

/// Deletes unreferenced private symbols of every symbol table in `root`;
/// returns how many were deleted.
pub fn remove_dead_symbols(ir: &mut Ir, root: OpId) -> usize {
    let mut removed = 0;
    loop {
        let used = referenced_names(ir, root);
        let ctx = ir.ctx();
        let dead: Vec<OpId> = private_symbols(ir, root)
            .into_iter()
            .filter(|&s| ir.symbol_name(s).and_then(|n| ctx.existing_symbol(n)).is_none_or(|n| !used.contains(&n)))
            .collect();
        if dead.is_empty() {
            return removed;
        }
        for op in dead {
            ir.erase_op(op);
            removed += 1;
        }
    }
}

/// Symbol ops with `sym_visibility = "private"` directly in symbol tables.
fn private_symbols(ir: &Ir, root: OpId) -> Vec<OpId> {
    let ctx = ir.ctx();
    let mut out = Vec::new();
    ir.walk(root, |op| {
        let in_table = ir.parent_op(op).is_some_and(|p| ir.has_trait(p, Traits::SYMBOL_TABLE));
        let private = ir.attr(op, "sym_visibility").and_then(|v| v.as_string(ctx)) == Some("private");
        if in_table && private && ir.symbol_name(op).is_some() {
            out.push(op);
        }
    });
    out
}

/// Names referenced by some op, not counting references from inside the
/// symbol of that name (a recursive call does not keep a function alive).
fn referenced_names(ir: &Ir, root: OpId) -> FxHashSet<Symbol> {
    let ctx = ir.ctx();
    let mut used = FxHashSet::default();
    ir.walk(root, |op| {
        let mut names = Vec::new();
        let mut seen = FxHashSet::default();
        for a in &ir.op(op).attributes {
            collect_refs(ctx, a.value, &mut names, &mut seen);
        }
        for name in names {
            let inside_itself = std::iter::successors(Some(op), |&o| ir.parent_op(o))
                .any(|o| ir.symbol_name(o).is_some_and(|n| ctx.existing_symbol(n) == Some(name)));
            if !inside_itself {
                used.insert(name);
            }
        }
    });
    used
}

/// The roots of the symbol references held in `attr`.
fn collect_refs(ctx: &Context, attr: Attribute, names: &mut Vec<Symbol>, seen: &mut FxHashSet<Attribute>) {
    if !seen.insert(attr) {
        return;
    }
    match attr.data(ctx) {
        AttrData::SymbolRef { root, .. } => names.push(*root),
        AttrData::Array(items) => items.iter().for_each(|&i| collect_refs(ctx, i, names, seen)),
        AttrData::Dictionary(entries) => entries.iter().for_each(|e| collect_refs(ctx, e.value, names, seen)),
        _ => {}
    }
}
