//! `convert-linalg-to-parallel-loops`: like `convert-linalg-to-loops`
//! (see [`crate::linalg_to_loops`]), but each run of parallel loops becomes
//! one `scf.parallel`, with an `scf.for` for each reduction loop inside:
//!
//! ```mlir
//! scf.parallel (%i, %j) = (%c0, %c0) to (%dim, %dim_1) step (%c1, %c1) {
//!   scf.for %k = %c0 to %dim_0 step %c1 {
//!     ...
//!   }
//!   scf.reduce
//! }
//! ```

use ir::pass::PassInfo;

use crate::linalg_to_loops::{LinalgToLoops, LoopKind};

pub const INFO: PassInfo = PassInfo {
    name: "convert-linalg-to-parallel-loops",
    summary: "Lower the operations from the linalg dialect into parallel loops",
    anchor: None,
    options: &[],
    dependent_dialects: &["arith", "memref", "scf"],
    create: |_| Ok(Box::new(LinalgToLoops { kind: LoopKind::Parallel })),
};
