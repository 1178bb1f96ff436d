//! The pass manager: a tree of pass lists, each anchored on an op name,
//! built from flags or a textual pipeline and run with verification after
//! every pass.

use rayon::prelude::*;

use crate::analysis::AnalysisManager;
use crate::body::{Ir, OpId};
use crate::diagnostics::Diagnostic;
use crate::dialect::Traits;
use crate::syntax::{print_op, PrintOptions};

use super::instrumentation::{IrPrinting, Report};
use std::time::Instant;

use super::pipeline::PipelineElement;
use super::{Pass, PassContext, PassInfo, PassOptions, PassRegistry, PipelineInfo};

/// A malformed or unresolvable pipeline, at a byte offset of its text.
#[derive(Clone, Debug, PartialEq)]
pub struct PipelineError {
    pub offset: usize,
    pub message: String,
}

enum Entry {
    Pass { info: PassInfo, options: PassOptions, pass: Box<dyn Pass> },
    Nested(OpPassManager),
}

/// Passes to run, in order, on ops named `anchor` (any op at the root).
struct OpPassManager {
    anchor: Option<String>,
    entries: Vec<Entry>,
}

/// A pipeline of passes over a module.
pub struct PassManager {
    root: OpPassManager,
    /// Run the verifier after every pass (`--verify-each`, on by default).
    pub verify_each: bool,
    /// Run nested pipelines on isolated-from-above ops (functions) in
    /// parallel (`--mlir-disable-threading` turns it off). The output is
    /// the same either way. IR printing runs everything on one thread so
    /// that dumps come in order.
    pub threading: bool,
    /// IR dumps around passes.
    pub printing: IrPrinting,
    /// Record per-pass wall time (`--mlir-timing`).
    pub timing: bool,
    /// Collect the counters passes report (`--mlir-pass-statistics`).
    pub statistics: bool,
    /// Passes whose remarks are collected (`--remarks=tile,fuse`; `all` for every pass).
    pub remarks: Vec<String>,
    report: Report,
}

impl Default for PassManager {
    fn default() -> Self {
        Self::new()
    }
}

impl PassManager {
    pub fn new() -> Self {
        PassManager {
            root: OpPassManager { anchor: None, entries: Vec::new() },
            verify_each: true,
            threading: true,
            printing: IrPrinting::default(),
            timing: false,
            statistics: false,
            remarks: Vec::new(),
            report: Report::default(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.root.entries.is_empty()
    }

    /// Adds the pass `name` with options written as `key=value ...`, as a
    /// command-line flag does. A pass anchored on an op kind is nested under
    /// that op kind (reusing the last nested list when it has that anchor).
    /// A named pipeline adds the passes it stands for.
    pub fn add_pass(&mut self, registry: &PassRegistry, name: &str, options: &str) -> Result<(), String> {
        if registry.get(name).is_none() {
            if let Some(pipeline) = registry.pipeline(name) {
                let element = PipelineElement::Pass { name: name.to_string(), options: options.to_string(), offset: 0 };
                let mut entries = Vec::new();
                expand_pipeline(registry, pipeline, &element, None, 0, &mut entries).map_err(|e| e.message)?;
                self.root.entries.extend(entries);
                return Ok(());
            }
        }
        let info = *registry.get(name).ok_or_else(|| format!("'{name}' does not refer to a registered pass"))?;
        let entry = instantiate(&info, options)?;
        match info.anchor {
            None => self.root.entries.push(entry),
            Some(anchor) => {
                let reuse = matches!(self.root.entries.last(), Some(Entry::Nested(n)) if n.anchor.as_deref() == Some(anchor));
                if !reuse {
                    self.root
                        .entries
                        .push(Entry::Nested(OpPassManager { anchor: Some(anchor.to_string()), entries: Vec::new() }));
                }
                if let Some(Entry::Nested(nested)) = self.root.entries.last_mut() {
                    nested.entries.push(entry);
                }
            }
        }
        Ok(())
    }

    /// Adds a textual pipeline. Its outer `builtin.module(...)` (or
    /// `any(...)`) stands for the root op.
    pub fn add_pipeline(&mut self, registry: &PassRegistry, elements: &[PipelineElement]) -> Result<(), PipelineError> {
        for element in elements {
            match element {
                PipelineElement::Nested { op, elements, .. } if op == "builtin.module" || op == "any" => {
                    for inner in elements {
                        build_entries(registry, inner, None, 0, &mut self.root.entries)?;
                    }
                }
                other => build_entries(registry, other, None, 0, &mut self.root.entries)?,
            }
        }
        Ok(())
    }

    /// The pipeline in textual form, as `--pass-pipeline` reads it.
    pub fn pipeline_text(&self) -> String {
        format!("builtin.module({})", entries_text(&self.root.entries))
    }

    /// Runs every pass on `root` (usually a `builtin.module`).
    pub fn run(&self, ir: &mut Ir, root: OpId) -> Result<(), Diagnostic> {
        self.run_list(&self.root, ir, root, &[], &AnalysisManager::default())
    }

    /// The IR dumps made since the last call.
    pub fn take_ir_dumps(&self) -> String {
        self.report.take_dumps()
    }

    /// The remarks passes made since the last call, in source order.
    pub fn take_remarks(&self) -> Vec<Diagnostic> {
        self.report.take_remarks()
    }

    fn wants_remarks(&self, pass: &str) -> bool {
        self.remarks.iter().any(|r| r == pass || r == "all")
    }

    /// The pass statistics report.
    pub fn statistics_report(&self) -> String {
        self.report.statistics_report()
    }

    /// The execution time report, given the total wall time of the run.
    pub fn timing_report(&self, total: std::time::Duration) -> String {
        self.report.timing_report(total)
    }

    /// Records the wall time of a step outside the passes (parsing, output)
    /// in the timing report.
    pub fn record_time(&self, name: &str, elapsed: std::time::Duration) {
        if self.timing {
            self.report.time(&[name.to_string()], elapsed);
        }
    }

    /// Records the wall time of `work` under `path` when timing.
    fn timed<T>(&self, path: &[String], work: impl FnOnce() -> T) -> T {
        if !self.timing {
            return work();
        }
        // Register the entry first, so that pipelines come before their passes.
        self.report.time(path, std::time::Duration::ZERO);
        let start = Instant::now();
        let result = work();
        self.report.time(path, start.elapsed());
        result
    }

    fn run_list(
        &self,
        list: &OpPassManager,
        ir: &mut Ir,
        op: OpId,
        path: &[String],
        analyses: &AnalysisManager,
    ) -> Result<(), Diagnostic> {
        for entry in &list.entries {
            match entry {
                Entry::Pass { info, pass, .. } => {
                    let name = info.name;
                    if self.printing.before_pass(name) {
                        self.report.dump(ir, op, &format!("IR Dump Before {name}"));
                    }
                    let before = self.printing.after_change.then(|| print_op(ir, op, PrintOptions::default()));
                    let pass_path: Vec<String> = path.iter().cloned().chain([name.to_string()]).collect();
                    let mut cx = PassContext::new(analyses, self.wants_remarks(name));
                    let result = self.timed(&pass_path, || pass.run(ir, op, &mut cx));
                    let (preserved, counters, remarks) = cx.finish();
                    analyses.invalidate(&preserved);
                    self.report.add_remarks(remarks);
                    if self.statistics {
                        self.report.add_statistics(&pass_path, counters);
                    }
                    if result.is_err() && self.printing.after_failure {
                        self.report.dump(ir, op, &format!("IR Dump After {name} Failed"));
                    }
                    result.map_err(|d| {
                        let location = ir.op(op).location;
                        d.with_note(location, format!("pass '{name}' failed"))
                    })?;
                    let changed = || before.as_deref() != Some(print_op(ir, op, PrintOptions::default()).as_str());
                    if self.printing.after_pass(name) || (self.printing.after_change && changed()) {
                        self.report.dump(ir, op, &format!("IR Dump After {name}"));
                    }
                    // The op the pass ran on must still be valid.
                    if self.verify_each {
                        crate::verifier::verify(ir, op).map_err(|d| {
                            let location = ir.op(op).location;
                            d.with_note(location, format!("the IR is invalid after pass '{}'", info.name))
                        })?;
                    }
                }
                Entry::Nested(nested) => {
                    let nested_path: Vec<String> = path
                        .iter()
                        .cloned()
                        .chain([format!("'{}' Pipeline", nested.anchor.as_deref().unwrap_or("any"))])
                        .collect();
                    self.timed(&nested_path, || self.run_nested(nested, ir, op, &nested_path, analyses))?;
                }
            }
        }
        Ok(())
    }

    /// Runs a nested pipeline on every child op of its anchor name.
    fn run_nested(
        &self,
        nested: &OpPassManager,
        ir: &mut Ir,
        op: OpId,
        path: &[String],
        analyses: &AnalysisManager,
    ) -> Result<(), Diagnostic> {
        let anchor = nested.anchor.as_deref().unwrap_or("");
        let children = children_named(ir, op, anchor);
        let isolated = children.first().is_some_and(|&c| ir.has_trait(c, Traits::ISOLATED_FROM_ABOVE));
        if self.threading && !self.printing.is_enabled() && self.remarks.is_empty() && isolated && children.len() > 1 {
            self.run_in_parallel(nested, ir, &children, path)?;
            // The children were replaced by copies: nothing cached holds.
            analyses.clear();
        } else {
            for child in children {
                self.run_list(nested, ir, child, path, analyses)?;
            }
        }
        // What the nested passes could not check alone (symbol uses across
        // functions) is checked on the parent.
        if self.verify_each {
            crate::verifier::verify(ir, op)?;
        }
        Ok(())
    }

    /// Runs `list` on each of `children` (isolated ops) at once: each is
    /// copied into an arena of its own, transformed on a worker thread, and
    /// copied back in place, in order. The first error in op order wins, so
    /// the outcome does not depend on scheduling.
    fn run_in_parallel(&self, list: &OpPassManager, ir: &mut Ir, children: &[OpId], path: &[String]) -> Result<(), Diagnostic> {
        let ctx = ir.ctx_arc().clone();
        let mut work: Vec<(Ir, OpId)> = children
            .iter()
            .map(|&child| {
                let mut arena = Ir::new(ctx.clone());
                let copy = ir.copy_op_to(child, &mut arena);
                (arena, copy)
            })
            .collect();
        let results: Vec<Result<(), Diagnostic>> = work
            .par_iter_mut()
            .map(|(arena, copy)| self.run_list(list, arena, *copy, path, &AnalysisManager::default()))
            .collect();
        results.into_iter().collect::<Result<Vec<()>, Diagnostic>>()?;
        for (&child, (arena, copy)) in children.iter().zip(&work) {
            let done = arena.copy_op_to(*copy, ir);
            ir.insert_op_before(child, done);
            ir.erase_op(child);
        }
        Ok(())
    }
}

/// The ops named `name` directly inside `op`'s regions.
fn children_named(ir: &Ir, op: OpId, name: &str) -> Vec<OpId> {
    let mut out = Vec::new();
    for &r in ir.regions(op) {
        for &b in ir.region_blocks(r) {
            out.extend(ir.block_ops(b).filter(|&c| ir.op_name_str(c) == name));
        }
    }
    out
}

fn instantiate(info: &PassInfo, options: &str) -> Result<Entry, String> {
    let options =
        PassOptions::parse(options, info.options).map_err(|e| format!("invalid options for pass '{}': {e}", info.name))?;
    let pass = (info.create)(&options).map_err(|e| format!("invalid options for pass '{}': {e}", info.name))?;
    Ok(Entry::Pass { info: *info, options, pass })
}

/// How deep named pipelines may name other pipelines (a cycle stops here).
const MAX_PIPELINE_DEPTH: usize = 16;

/// The entries of one pipeline element, checked against the anchor of the
/// list it is in, appended to `out` (a named pipeline adds several).
fn build_entries(
    registry: &PassRegistry,
    element: &PipelineElement,
    anchor: Option<&str>,
    depth: usize,
    out: &mut Vec<Entry>,
) -> Result<(), PipelineError> {
    match element {
        PipelineElement::Pass { name, options, offset } => {
            let Some(info) = registry.get(name) else {
                if let Some(pipeline) = registry.pipeline(name) {
                    return expand_pipeline(registry, pipeline, element, anchor, depth, out);
                }
                return Err(PipelineError {
                    offset: *offset,
                    message: format!("'{name}' does not refer to a registered pass or pass pipeline"),
                });
            };
            if let Some(expected) = info.anchor {
                if anchor != Some(expected) {
                    let actual = anchor.unwrap_or("builtin.module");
                    return Err(PipelineError {
                        offset: *offset,
                        message: format!("pass '{name}' runs on '{expected}' ops and cannot be nested under '{actual}'"),
                    });
                }
            }
            out.push(instantiate(info, options).map_err(|message| PipelineError { offset: *offset, message })?);
            Ok(())
        }
        PipelineElement::Nested { op, elements, .. } => {
            let mut entries = Vec::new();
            for e in elements {
                build_entries(registry, e, Some(op), depth, &mut entries)?;
            }
            out.push(Entry::Nested(OpPassManager { anchor: Some(op.clone()), entries }));
            Ok(())
        }
    }
}

/// The entries a named pipeline stands for, built where its name appears;
/// errors point at the name.
fn expand_pipeline(
    registry: &PassRegistry,
    pipeline: &PipelineInfo,
    element: &PipelineElement,
    anchor: Option<&str>,
    depth: usize,
    out: &mut Vec<Entry>,
) -> Result<(), PipelineError> {
    let PipelineElement::Pass { name, options, offset } = element else { return Ok(()) };
    let error = |message: String| PipelineError { offset: *offset, message };
    if depth >= MAX_PIPELINE_DEPTH {
        return Err(error(format!("pipeline '{name}' names pipelines more than {MAX_PIPELINE_DEPTH} deep (a cycle?)")));
    }
    let options = PassOptions::parse(options, pipeline.options)
        .map_err(|e| error(format!("invalid options for pipeline '{name}': {e}")))?;
    let text = (pipeline.pipeline)(&options).map_err(|e| error(format!("invalid options for pipeline '{name}': {e}")))?;
    let elements = super::parse_pipeline(&text).map_err(|e| error(format!("in pipeline '{name}' ('{text}'): {}", e.message)))?;
    for inner in &elements {
        build_entries(registry, inner, anchor, depth + 1, out)
            .map_err(|e| error(format!("in pipeline '{name}': {}", e.message)))?;
    }
    Ok(())
}

fn entries_text(entries: &[Entry]) -> String {
    entries
        .iter()
        .map(|e| match e {
            Entry::Pass { info, options, .. } => {
                let text = options.to_pipeline_text(info.options);
                if text.is_empty() {
                    info.name.to_string()
                } else {
                    format!("{}{{{text}}}", info.name)
                }
            }
            Entry::Nested(n) => format!("{}({})", n.anchor.as_deref().unwrap_or("any"), entries_text(&n.entries)),
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pass::{FunctionPass, OptionInfo};

    fn registry() -> PassRegistry {
        let mut registry = PassRegistry::new();
        for name in ["a", "b"] {
            registry.register(PassInfo {
                name,
                summary: "does nothing",
                anchor: None,
                options: &[],
                dependent_dialects: &[],
                create: |_| Ok(Box::new(FunctionPass(|_, _| Ok(())))),
            });
        }
        registry.register_pipeline(PipelineInfo {
            name: "both",
            summary: "a then b",
            options: &[OptionInfo { name: "twice", description: "b twice", default: "false" }],
            pipeline: |o| Ok(if o.get_bool("twice")? { "a,b,b" } else { "a,b" }.to_string()),
        });
        registry.register_pipeline(PipelineInfo {
            name: "nested",
            summary: "both, in functions",
            options: &[],
            pipeline: |_| Ok("func.func(both)".to_string()),
        });
        registry.register_pipeline(PipelineInfo {
            name: "cycle",
            summary: "names itself",
            options: &[],
            pipeline: |_| Ok("a,cycle".to_string()),
        });
        registry
    }

    #[test]
    fn named_pipelines_stand_for_their_passes() {
        let registry = registry();
        let mut flags = PassManager::new();
        flags.add_pass(&registry, "both", "twice=1").expect("a pipeline is a flag");
        flags.add_pass(&registry, "a", "").expect("a pass");
        assert_eq!(flags.pipeline_text(), "builtin.module(a,b,b,a)");
        let mut text = PassManager::new();
        let elements = super::super::parse_pipeline("builtin.module(nested,both{twice=0})").expect("parses");
        text.add_pipeline(&registry, &elements).expect("a pipeline is a pipeline element");
        assert_eq!(text.pipeline_text(), "builtin.module(func.func(a,b),a,b)");
    }

    #[test]
    fn bad_named_pipelines_are_errors_at_their_name() {
        let registry = registry();
        let elements = super::super::parse_pipeline("a,cycle").expect("parses");
        let error = PassManager::new().add_pipeline(&registry, &elements).expect_err("a cycle is refused");
        assert_eq!(error.offset, 2);
        assert!(error.message.contains("more than 16 deep"), "{}", error.message);
        let error = PassManager::new().add_pass(&registry, "both", "thrice=1").expect_err("unknown option");
        assert_eq!(error, "invalid options for pipeline 'both': no such option 'thrice'; options are: twice");
    }
}
