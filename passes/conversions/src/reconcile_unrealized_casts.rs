//! `reconcile-unrealized-casts`: removes the casts that partial conversions
//! leave between type systems once both sides agree: a chain of casts
//! that comes back to its starting types (`A -> B -> A`, `A -> B -> C -> A`)
//! becomes the starting value, and unused casts go. Casts
//! that still convert something stay (a later translation reports them).

use ir::body::WalkOrder;
use ir::pass::{Pass, PassContext, PassInfo};
use ir::{Diagnostic, Ir, OpId, Value};

pub const INFO: PassInfo = PassInfo {
    name: "reconcile-unrealized-casts",
    summary: "Simplify and eliminate unrealized conversion casts",
    anchor: None,
    options: &[],
    dependent_dialects: &[],
    create: |_| Ok(Box::new(ReconcileCasts)),
};

struct ReconcileCasts;

impl Pass for ReconcileCasts {
    fn run(&self, ir: &mut Ir, op: OpId, cx: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        let removed = reconcile_casts(ir, op);
        cx.count("num-casts-removed", "Number of casts removed", removed as u64);
        Ok(())
    }
}

const CAST: &str = "builtin.unrealized_conversion_cast";

fn is_cast(ir: &Ir, op: OpId) -> bool {
    !ir.is_erased(op) && ir.op_name_str(op) == CAST
}

/// Folds cast chains that come back to their input types and removes
/// unused casts; returns how many casts went.
pub fn reconcile_casts(ir: &mut Ir, root: OpId) -> usize {
    let mut removed = 0;
    loop {
        let mut changed = false;
        for cast in ir.walk_collect(root, WalkOrder::PostOrder) {
            if !is_cast(ir, cast) {
                continue;
            }
            if ir.results(cast).iter().all(|&r| !ir.has_uses(r)) {
                ir.erase_op(cast);
                removed += 1;
                changed = true;
                continue;
            }
            if let Some(sources) = round_trip_sources(ir, cast) {
                for (result, source) in ir.results(cast).to_vec().into_iter().zip(sources) {
                    ir.replace_all_uses(result, source);
                }
                changed = true;
            }
        }
        if !changed {
            return removed;
        }
    }
}

/// Going up a chain of casts from `cast`'s inputs, the first values whose
/// types are `cast`'s result types: what the chain converts back to.
fn round_trip_sources(ir: &Ir, cast: OpId) -> Option<Vec<Value>> {
    let result_types: Vec<_> = ir.results(cast).iter().map(|&v| ir.value_type(v)).collect();
    let mut values = ir.operands(cast).to_vec();
    loop {
        let producer = ir.defining_op(*values.first()?).filter(|&d| is_cast(ir, d) && ir.results(d) == values.as_slice())?;
        values = ir.operands(producer).to_vec();
        let types: Vec<_> = values.iter().map(|&v| ir.value_type(v)).collect();
        if types == result_types {
            return Some(values);
        }
    }
}
