//! `gpu.printf`: prints from device code, with a C format string, for
//! debugging.
//!
//! ```mlir
//! gpu.printf "thread %d: %f\n", %tid, %x : index, f32
//! ```

use ir::constraints::STRING_ATTR;
use ir::define_op;
use ir::dialect::TypeConstraint;

/// What a format string can print: integers, indices and floats.
const PRINTABLE: TypeConstraint = TypeConstraint {
    description: "integer or index or floating-point",
    check: |ctx, t| t.is_integer(ctx) || t.is_index(ctx) || t.is_float(ctx),
    buildable: None,
};

define_op! {
    /// Prints its arguments with a C format string, as `printf` in CUDA or OpenCL.
    pub struct PrintfOp = "gpu.printf" {
        operands: [args: Variadic(PRINTABLE)],
        attributes: [format: Required(STRING_ATTR)],
        effects: [Write],
        format: "$format attr-dict (`,` $args^ `:` type($args))?",
    }
}
