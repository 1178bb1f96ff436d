//! `scf.condition`: ends the "before" region of `scf.while`, deciding
//! whether to run the body and with which values.

use ir::constraints::{ANY_TYPE, I1};
use ir::define_op;

define_op! {
    /// Continues an `scf.while` loop if the condition holds, passing `args` on.
    pub struct ConditionOp = "scf.condition" {
        operands: [condition: Single(I1), args: Variadic(ANY_TYPE)],
        traits: [TERMINATOR, PURE, RETURN_LIKE],
        format: "`(` $condition `)` attr-dict ($args^ `:` type($args))?",
    }
}
