//! The func dialect: function definitions and declarations (`func.func`),
//! direct and indirect calls, returns, and function-valued constants.

mod function;
mod ops;

pub use function::FuncOp;
pub use ops::{CallIndirectOp, CallOp, ConstantOp, ReturnOp};

use ir::Dialect;

/// The func dialect. The spellings of the original MLIR papers (`func`,
/// `call`, `return`) are accepted on input.
pub fn dialect() -> Dialect {
    Dialect::new("func", "Functions, calls and returns.")
        .with_op::<FuncOp>()
        .with_op::<ReturnOp>()
        .with_op::<CallOp>()
        .with_op::<CallIndirectOp>()
        .with_op::<ConstantOp>()
        .with_aliases(&[
            ("func", "func.func"),
            ("call", "func.call"),
            ("call_indirect", "func.call_indirect"),
            ("return", "func.return"),
        ])
}
