//! `lower-to-llvm`: a named pipeline from memref-level linalg, scf,
//! vector, math, arith, cf and func down to the llvm dialect, ready for
//! `ml-translate` or `ml-run`: structured ops become loops, loops become
//! branches, then each dialect is lowered (vector first: it makes arith and
//! memref ops; views of buffers become metadata arithmetic before memref
//! is lowered; func last: it converts the signatures the others assumed),
//! and the casts left between them are reconciled.
//!
//! Not covered: tensors (bufferize first), n-D vectors.

use ir::pass::{PassManager, PassRegistry, PipelineInfo};
use ir::{Diagnostic, Ir, OpId};

/// The passes, in order.
const PASSES: &[&str] = &[
    "convert-linalg-to-loops",
    "convert-scf-to-cf",
    "convert-vector-to-llvm",
    "expand-strided-metadata",
    "finalize-memref-to-llvm",
    "convert-math-to-llvm",
    "convert-arith-to-llvm",
    "convert-cf-to-llvm",
    "convert-func-to-llvm",
    "reconcile-unrealized-casts",
];

pub const PIPELINE: PipelineInfo = PipelineInfo {
    name: "lower-to-llvm",
    summary: "Lower memref-level linalg, scf, vector, math, arith, cf and func to the LLVM dialect",
    options: &[],
    pipeline: |_| Ok(PASSES.join(",")),
};

/// Runs the pipeline on `module` (verifying after each pass).
pub fn lower_to_llvm(ir: &mut Ir, module: OpId) -> Result<(), Diagnostic> {
    let mut registry = PassRegistry::new();
    crate::register(&mut registry);
    let mut manager = PassManager::new();
    manager.add_pass(&registry, PIPELINE.name, "").map_err(|e| Diagnostic::error(ir.op(module).location, e))?;
    manager.run(ir, module)
}
