//! The arith dialect: arithmetic on integers, indices and floats (scalars,
//! vectors and tensors), comparisons, casts, `select` and constants.

mod attrs;
mod binary;
mod cast;
mod compare;
mod constant;
mod extended;
mod fold;
mod select;

pub use attrs::{FASTMATH, OVERFLOW};
pub use binary::*;
pub use cast::*;
pub use compare::{CmpFOp, CmpIOp};
pub use constant::ConstantOp;
pub use extended::{AddUIExtendedOp, MulSIExtendedOp, MulUIExtendedOp};
pub use select::SelectOp;

use ir::Dialect;

/// The arith dialect. The unprefixed names of the MLIR papers (`addi`,
/// `constant`, `cmpi`, ...) are accepted on input.
pub fn dialect() -> Dialect {
    let dialect = Dialect::new("arith", "Integer and floating-point arithmetic.");
    let dialect = binary::register(dialect);
    let dialect = cast::register(dialect);
    dialect
        .with_op::<CmpIOp>()
        .with_op::<CmpFOp>()
        .with_op::<ConstantOp>()
        .with_op::<SelectOp>()
        .with_op::<MulSIExtendedOp>()
        .with_op::<MulUIExtendedOp>()
        .with_op::<AddUIExtendedOp>()
        .with_aliases(LEGACY_NAMES)
        .with_constant_materializer(fold::materialize_constant)
}

/// Old spellings: every op by its unprefixed name.
const LEGACY_NAMES: &[(&str, &str)] = &[
    ("addi", "arith.addi"),
    ("subi", "arith.subi"),
    ("muli", "arith.muli"),
    ("divsi", "arith.divsi"),
    ("divui", "arith.divui"),
    ("remsi", "arith.remsi"),
    ("remui", "arith.remui"),
    ("andi", "arith.andi"),
    ("ori", "arith.ori"),
    ("xori", "arith.xori"),
    ("shli", "arith.shli"),
    ("shrsi", "arith.shrsi"),
    ("shrui", "arith.shrui"),
    ("addf", "arith.addf"),
    ("subf", "arith.subf"),
    ("mulf", "arith.mulf"),
    ("divf", "arith.divf"),
    ("remf", "arith.remf"),
    ("negf", "arith.negf"),
    ("cmpi", "arith.cmpi"),
    ("cmpf", "arith.cmpf"),
    ("select", "arith.select"),
    ("constant", "arith.constant"),
    ("index_cast", "arith.index_cast"),
    ("sitofp", "arith.sitofp"),
    ("fptosi", "arith.fptosi"),
    ("extsi", "arith.extsi"),
    ("extui", "arith.extui"),
    ("trunci", "arith.trunci"),
    ("extf", "arith.extf"),
    ("truncf", "arith.truncf"),
];
