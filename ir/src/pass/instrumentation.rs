//! What a pass manager reports while it runs: IR dumps around passes
//! (`--mlir-print-ir-before=cse`, `--mlir-print-ir-after-all`,
//! `--mlir-print-ir-after-change`, `--mlir-print-ir-after-failure`) and
//! per-pass wall time (`--mlir-timing`), pass counters and the remarks
//! passes report (`--remarks=<pass>`).

use std::sync::Mutex;
use std::time::Duration;

use crate::body::{Ir, OpId};
use crate::syntax::{print_op, PrintOptions};

/// Which passes to dump IR around. A name list selects passes by name.
#[derive(Clone, Debug, Default)]
pub struct IrPrinting {
    pub before: Vec<String>,
    pub after: Vec<String>,
    pub before_all: bool,
    pub after_all: bool,
    /// Dump after a pass only when it changed the IR.
    pub after_change: bool,
    /// Dump the IR after a pass fails.
    pub after_failure: bool,
}

impl IrPrinting {
    pub fn is_enabled(&self) -> bool {
        self.before_all
            || self.after_all
            || self.after_change
            || self.after_failure
            || !self.before.is_empty()
            || !self.after.is_empty()
    }

    pub(crate) fn before_pass(&self, name: &str) -> bool {
        self.before_all || self.before.iter().any(|n| n == name)
    }

    pub(crate) fn after_pass(&self, name: &str) -> bool {
        self.after_all || self.after.iter().any(|n| n == name)
    }
}

/// Dumps and timings collected during a run.
#[derive(Default)]
pub(crate) struct Report {
    dumps: Mutex<String>,
    /// (path of pipeline names, wall time), in first-seen order.
    timings: Mutex<Vec<(Vec<String>, Duration)>>,
    /// (path of pipeline names ending in a pass, its counters), summed over runs.
    statistics: Mutex<Vec<(Vec<String>, Vec<super::Statistic>)>>,
    /// Remarks of the passes that were asked for them.
    remarks: Mutex<Vec<crate::Diagnostic>>,
}

impl Report {
    pub(crate) fn dump(&self, ir: &Ir, op: OpId, title: &str) {
        let text = print_op(ir, op, PrintOptions::default());
        let mut dumps = self.dumps.lock().unwrap_or_else(|e| e.into_inner());
        dumps.push_str(&format!("// -----// {title} //----- //\n{text}\n"));
    }

    pub(crate) fn time(&self, path: &[String], elapsed: Duration) {
        let mut timings = self.timings.lock().unwrap_or_else(|e| e.into_inner());
        match timings.iter_mut().find(|(p, _)| p == path) {
            Some((_, total)) => *total += elapsed,
            None => timings.push((path.to_vec(), elapsed)),
        }
    }

    pub(crate) fn add_statistics(&self, path: &[String], counters: Vec<super::Statistic>) {
        let mut statistics = self.statistics.lock().unwrap_or_else(|e| e.into_inner());
        let entry = match statistics.iter().position(|(p, _)| p == path) {
            Some(i) => &mut statistics[i].1,
            None => {
                statistics.push((path.to_vec(), Vec::new()));
                &mut statistics.last_mut().expect("just pushed").1
            }
        };
        for c in counters {
            match entry.iter_mut().find(|e| e.name == c.name) {
                Some(e) => e.value += c.value,
                None => entry.push(c),
            }
        }
    }

    /// mlir-opt's statistics report: each pass under its pipelines, with
    /// its counters (`(S) 3 num-erased - Number of ops erased`).
    pub(crate) fn statistics_report(&self) -> String {
        let statistics = self.statistics.lock().unwrap_or_else(|e| e.into_inner());
        let line = "===".to_string() + &"-".repeat(73) + "===";
        let mut out = format!("{line}\n{:^79}\n{line}\n", "... Pass statistics report ...");
        let mut printed: Vec<String> = Vec::new();
        for (path, counters) in statistics.iter() {
            for (depth, name) in path.iter().enumerate() {
                let prefix = &path[..=depth];
                if printed.len() > depth && printed[..=depth] == *prefix {
                    continue;
                }
                printed.truncate(depth);
                printed.push(name.clone());
                out.push_str(&format!("{}{name}\n", "  ".repeat(depth)));
            }
            let width = counters.iter().map(|c| c.value.to_string().len()).max().unwrap_or(1);
            for c in counters {
                out.push_str(&format!("{}(S) {:>width$} {} - {}\n", "  ".repeat(path.len()), c.value, c.name, c.description));
            }
        }
        out
    }

    pub(crate) fn add_remarks(&self, remarks: Vec<crate::Diagnostic>) {
        if !remarks.is_empty() {
            self.remarks.lock().unwrap_or_else(|e| e.into_inner()).extend(remarks);
        }
    }

    /// The remarks so far, ordered by source position (functions run in
    /// parallel report in any order), then by when they were made.
    pub(crate) fn take_remarks(&self) -> Vec<crate::Diagnostic> {
        let mut remarks = std::mem::take(&mut *self.remarks.lock().unwrap_or_else(|e| e.into_inner()));
        remarks.sort_by_key(|d| match d.location {
            crate::Location::Source { file, start, .. } => (0, file.0, start),
            _ => (1, 0, 0),
        });
        remarks
    }

    pub(crate) fn take_dumps(&self) -> String {
        std::mem::take(&mut *self.dumps.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// mlir-opt's execution time report: a tree of pipelines and passes
    /// with wall time and share of the total.
    pub(crate) fn timing_report(&self, total: Duration) -> String {
        let timings = self.timings.lock().unwrap_or_else(|e| e.into_inner());
        let line = "===".to_string() + &"-".repeat(73) + "===";
        let mut out = format!("{line}\n{:^79}\n{line}\n", "... Execution time report ...");
        out.push_str(&format!(
            "  Total Execution Time: {:.4} seconds\n\n  ----Wall Time----  ----Name----\n",
            total.as_secs_f64()
        ));
        let share = |d: Duration| if total.is_zero() { 0.0 } else { 100.0 * d.as_secs_f64() / total.as_secs_f64() };
        for (path, elapsed) in timings.iter() {
            let indent = "  ".repeat(path.len().saturating_sub(1));
            let name = path.last().map_or("", String::as_str);
            out.push_str(&format!("  {:>8.4} ({:>5.1}%)  {indent}{name}\n", elapsed.as_secs_f64(), share(*elapsed)));
        }
        out.push_str(&format!("  {:>8.4} ({:>5.1}%)  Total\n", total.as_secs_f64(), share(total)));
        out
    }
}
