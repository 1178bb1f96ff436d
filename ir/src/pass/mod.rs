//! Passes: transformations that run on an op (a module, a function) and
//! everything nested in it, composed into pipelines by a [`PassManager`].
//!
//! A pass is registered with a [`PassInfo`] (name, summary, anchor op,
//! options) so that it can be named on the command line (`--cse`) and in
//! textual pipelines (`builtin.module(func.func(cse))`).

mod instrumentation;
mod manager;
mod options;
mod pipeline;
mod registry;

pub use instrumentation::IrPrinting;
pub use manager::{PassManager, PipelineError};
pub use options::{OptionInfo, PassOptions};
pub use pipeline::{parse_pipeline, PipelineElement};
pub use registry::PassRegistry;

use crate::body::{Ir, OpId};
use crate::diagnostics::Diagnostic;

/// A transformation of `op` and the ops nested in it.
pub trait Pass: Send + Sync {
    /// Runs on `op`; an error stops the pipeline.
    fn run(&self, ir: &mut Ir, op: OpId) -> Result<(), Diagnostic>;
}

/// What the registry knows about a pass.
#[derive(Clone, Copy)]
pub struct PassInfo {
    /// The name on the command line and in pipelines (`canonicalize`).
    pub name: &'static str,
    /// One line: what the pass does.
    pub summary: &'static str,
    /// The op the pass runs on (`func.func`); `None` for any op.
    pub anchor: Option<&'static str>,
    pub options: &'static [OptionInfo],
    /// Dialects whose ops the pass may create.
    pub dependent_dialects: &'static [&'static str],
    /// Builds the pass from its (already checked) options.
    pub create: fn(&PassOptions) -> Result<Box<dyn Pass>, String>,
}
