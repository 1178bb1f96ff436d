//! The llvm dialect: LLVM IR written as MLIR. Lowering passes produce it
//! and `ml-translate` turns it into LLVM IR. Its types ([`types`]) are
//! LLVM's (`!llvm.ptr`, structs, arrays, functions) alongside builtin
//! integers, floats and vectors; its ops map one to one onto LLVM
//! instructions, functions, globals and intrinsics.

mod aggregate;
mod arithmetic;
mod atomic;
pub mod attrs;
mod cast;
mod control;
mod function;
mod intrinsics;
mod memory;
pub mod types;

pub use aggregate::*;
pub use arithmetic::*;
pub use atomic::*;
pub use cast::*;
pub use control::*;
pub use function::*;
pub use intrinsics::*;
pub use memory::*;

use ir::constraints::scalar_or_vector;
use ir::dialect::TypeConstraint;
use ir::Dialect;

/// Any type an LLVM value can have.
pub const LLVM_TYPE: TypeConstraint =
    TypeConstraint { description: "LLVM dialect-compatible type", check: types::is_llvm_compatible, buildable: None };

/// `!llvm.ptr` in any address space.
pub const LLVM_POINTER: TypeConstraint =
    TypeConstraint { description: "LLVM pointer type", check: types::is_pointer, buildable: Some(types::ptr) };

/// Signless integers and vectors of them.
pub const LLVM_INT_LIKE: TypeConstraint = TypeConstraint {
    description: "signless integer or LLVM dialect-compatible vector of signless integer",
    check: |ctx, t| scalar_or_vector(ctx, t, |c, e| e.is_signless_integer(c)),
    buildable: None,
};

/// Floats and vectors of them.
pub const LLVM_FLOAT_LIKE: TypeConstraint = TypeConstraint {
    description: "floating point LLVM type or LLVM vector of floating point LLVM type",
    check: |ctx, t| scalar_or_vector(ctx, t, |c, e| e.is_float(c)),
    buildable: None,
};

/// `i1` and vectors of it.
pub const BOOL_LIKE: TypeConstraint = TypeConstraint {
    description: "1-bit signless integer or vector of 1-bit signless integer",
    check: |ctx, t| scalar_or_vector(ctx, t, |c, e| e.is_signless_int_of_width(c, 1)),
    buildable: None,
};

/// The llvm dialect.
pub fn dialect() -> Dialect {
    let dialect = Dialect::new("llvm", "LLVM IR as MLIR: instructions, functions, globals and intrinsics.");
    let dialect = function::register(dialect);
    let dialect = arithmetic::register(dialect);
    let dialect = cast::register(dialect);
    let dialect = memory::register(dialect);
    let dialect = atomic::register(dialect);
    let dialect = aggregate::register(dialect);
    let dialect = control::register(dialect);
    intrinsics::register(dialect)
}
