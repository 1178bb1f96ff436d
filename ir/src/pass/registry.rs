//! The registry of passes, by name, that flags and textual pipelines
//! resolve against.

use std::collections::BTreeMap;

use super::PassInfo;

#[derive(Default)]
pub struct PassRegistry {
    passes: BTreeMap<&'static str, PassInfo>,
}

impl PassRegistry {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a pass; a second pass with the same name is a programming error.
    pub fn register(&mut self, info: PassInfo) {
        let previous = self.passes.insert(info.name, info);
        assert!(previous.is_none(), "pass '{}' registered twice", info.name);
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
        out
    }
}
