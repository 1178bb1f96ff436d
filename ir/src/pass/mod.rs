//! Passes: transformations that run on an op (a module, a function) and
//! everything nested in it, composed into pipelines by a [`PassManager`].
//!
//! A pass is registered with a [`PassInfo`] (name, summary, anchor op,
//! options) so that it can be named on the command line (`--cse`) and in
//! textual pipelines (`builtin.module(func.func(cse))`). A named pipeline
//! ([`PipelineInfo`]) is registered the same way and stands for the passes
//! it lists wherever a pass name may appear.

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

use std::sync::Arc;

use crate::analysis::{Analysis, AnalysisManager, Preserved};
use crate::body::{Ir, OpId};
use crate::diagnostics::Diagnostic;

/// A transformation of `op` and the ops nested in it.
pub trait Pass: Send + Sync {
    /// Runs on `op`; an error stops the pipeline. Analyses come from `cx`;
    /// those the pass does not preserve there are dropped afterwards.
    fn run(&self, ir: &mut Ir, op: OpId, cx: &mut PassContext<'_>) -> Result<(), Diagnostic>;
}

/// A pass that is one function of the IR it runs on (no options, no
/// analyses): `create: |_| Ok(Box::new(FunctionPass(convert_scf_to_cf)))`.
pub struct FunctionPass(pub fn(&mut Ir, OpId) -> Result<(), Diagnostic>);

impl Pass for FunctionPass {
    fn run(&self, ir: &mut Ir, op: OpId, _: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        (self.0)(ir, op)
    }
}

/// What a running pass can ask for: cached analyses, and which of them it
/// keeps valid; where it reports counters and remarks.
pub struct PassContext<'a> {
    analyses: &'a AnalysisManager,
    preserved: Preserved,
    statistics: Vec<Statistic>,
    /// Whether remarks of this pass are wanted (`--remarks=<pass>`).
    remarks_enabled: bool,
    remarks: Vec<Diagnostic>,
}

/// A counter a pass reports (`--mlir-pass-statistics`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statistic {
    pub name: &'static str,
    pub description: &'static str,
    pub value: u64,
}

impl<'a> PassContext<'a> {
    pub(crate) fn new(analyses: &'a AnalysisManager, remarks_enabled: bool) -> Self {
        PassContext { analyses, preserved: Preserved::default(), statistics: Vec::new(), remarks_enabled, remarks: Vec::new() }
    }

    /// The analysis `A` of `op`, from the cache or computed now.
    pub fn analysis<A: Analysis>(&self, ir: &Ir, op: OpId) -> Arc<A> {
        self.analyses.get::<A>(ir, op)
    }

    /// Declares that the pass keeps `A` valid.
    pub fn preserve<A: Analysis>(&mut self) {
        self.preserved.preserve::<A>();
    }

    /// Declares that the pass changed nothing analyses depend on.
    pub fn preserve_all(&mut self) {
        self.preserved.all = true;
    }

    /// Adds `value` to the counter `name` of this pass.
    pub fn count(&mut self, name: &'static str, description: &'static str, value: u64) {
        match self.statistics.iter_mut().find(|s| s.name == name) {
            Some(s) => s.value += value,
            None => self.statistics.push(Statistic { name, description, value }),
        }
    }

    /// Whether remarks of this pass are collected: a pass may skip the
    /// work of explaining itself when they are not.
    pub fn remarks_enabled(&self) -> bool {
        self.remarks_enabled
    }

    /// Reports what the pass did (or why not) at `location`, as a remark
    /// that the tool shows when asked (`--remarks=<pass name>`); dropped
    /// otherwise. Remarks never fail a pass.
    pub fn remark(&mut self, location: crate::Location, message: impl Into<String>) {
        if self.remarks_enabled {
            self.remarks.push(Diagnostic::remark(location, message));
        }
    }

    pub(crate) fn finish(self) -> (Preserved, Vec<Statistic>, Vec<Diagnostic>) {
        (self.preserved, self.statistics, self.remarks)
    }
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

/// What the registry knows about a named pipeline: a flag and a pipeline
/// element that stand for a sequence of passes, as upstream's
/// `PassPipelineRegistration`s do (`--lower-to-llvm`).
#[derive(Clone, Copy)]
pub struct PipelineInfo {
    /// The name on the command line and in pipelines.
    pub name: &'static str,
    /// One line: what the pipeline does.
    pub summary: &'static str,
    pub options: &'static [OptionInfo],
    /// The textual pipeline the name stands for, relative to the op it is
    /// named on (`func.func(canonicalize),symbol-dce`), given its (already
    /// checked) options.
    pub pipeline: fn(&PassOptions) -> Result<String, String>,
}
