//! The registry of passes, by name, that flags and textual pipelines
//! resolve against; and of named pipelines, which stand for a sequence of
//! passes wherever a pass name may appear (upstream's
//! `PassPipelineRegistration`).

use std::collections::BTreeMap;

use super::{PassInfo, PipelineInfo};

#[derive(Default)]
pub struct PassRegistry {
    passes: BTreeMap<&'static str, PassInfo>,
    pipelines: BTreeMap<&'static str, PipelineInfo>,
}

impl PassRegistry {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a pass; a second pass with the same name is a programming error.
    pub fn register(&mut self, info: PassInfo) {
        assert!(!self.pipelines.contains_key(info.name), "'{}' is already a pipeline", info.name);
        let previous = self.passes.insert(info.name, info);
        assert!(previous.is_none(), "pass '{}' registered twice", info.name);
    }

    /// Adds a named pipeline; a name already taken is a programming error.
    pub fn register_pipeline(&mut self, info: PipelineInfo) {
        assert!(!self.passes.contains_key(info.name), "'{}' is already a pass", info.name);
        let previous = self.pipelines.insert(info.name, info);
        assert!(previous.is_none(), "pipeline '{}' registered twice", info.name);
    }

    pub fn pipeline(&self, name: &str) -> Option<&PipelineInfo> {
        self.pipelines.get(name)
    }

    /// Every named pipeline, sorted by name.
    pub fn pipelines(&self) -> impl Iterator<Item = &PipelineInfo> {
        self.pipelines.values()
    }

    pub fn get(&self, name: &str) -> Option<&PassInfo> {
        self.passes.get(name)
    }

    /// Every pass, sorted by name.
    pub fn passes(&self) -> impl Iterator<Item = &PassInfo> {
        self.passes.values()
    }

    /// The text of `--list-passes`: each pass with its summary, anchor and options.
    pub fn describe(&self) -> String {
        let mut out = String::from("Available passes:\n");
        for info in self.passes() {
            let anchor = info.anchor.map_or(String::new(), |a| format!(" (runs on '{a}')"));
            out.push_str(&format!("  --{:<28} {}{anchor}\n", info.name, info.summary));
            for o in info.options {
                let default = if o.default.is_empty() { String::new() } else { format!(" (default: {})", o.default) };
                out.push_str(&format!("      {:<26} {}{default}\n", format!("{}=<value>", o.name), o.description));
            }
        }
        if self.pipelines.is_empty() {
            return out;
        }
        out.push_str("Available pipelines:\n");
        for info in self.pipelines() {
            out.push_str(&format!("  --{:<28} {}\n", info.name, info.summary));
            for o in info.options {
                let default = if o.default.is_empty() { String::new() } else { format!(" (default: {})", o.default) };
                out.push_str(&format!("      {:<26} {}{default}\n", format!("{}=<value>", o.name), o.description));
            }
        }
        out
    }
}
