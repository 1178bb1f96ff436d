//! `scf.yield`: ends the body of an scf op, passing values back to it.

use ir::constraints::ANY_TYPE;
use ir::define_op;

define_op! {
    /// Returns values from an scf region to its op.
    pub struct YieldOp = "scf.yield" {
        operands: [results: Variadic(ANY_TYPE)],
        traits: [TERMINATOR, PURE, RETURN_LIKE],
        format: "attr-dict ($results^ `:` type($results))?",
    }
}
