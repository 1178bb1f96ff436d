//! Folding: an op's results computed from its operands, some of which may
//! be constants. A folder returns either constant attributes (materialised
//! as constant ops by the op's dialect) or existing values.

use crate::attributes::Attribute;
use crate::body::{Ir, OpId, Value};
use crate::dialect::Traits;

/// One folded result.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FoldResult {
    Constant(Attribute),
    Value(Value),
}

/// The constant a value holds: the `value` attribute of its defining
/// constant-like op.
pub fn constant_value(ir: &Ir, v: Value) -> Option<Attribute> {
    let op = ir.defining_op(v)?;
    if !ir.has_trait(op, Traits::CONSTANT_LIKE) {
        return None;
    }
    ir.attr(op, "value")
}

/// The folded results of `op`, if its definition has a folder that applies.
pub(crate) fn try_fold(ir: &Ir, op: OpId) -> Option<Vec<FoldResult>> {
    let def = ir.ctx().op_definition(ir.op(op).name)?;
    let fold = def.fold?;
    if ir.has_trait(op, Traits::CONSTANT_LIKE) {
        return None;
    }
    let constants: Vec<Option<Attribute>> = ir.operands(op).iter().map(|&v| constant_value(ir, v)).collect();
    let results = fold(ir, op, &constants)?;
    (results.len() == ir.results(op).len()).then_some(results)
}
