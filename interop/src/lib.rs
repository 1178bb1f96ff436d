//! Conformance with upstream MLIR 22: parses and verifies text with the
//! real MLIR library (through melior), collecting its diagnostics, so tests
//! can prove that upstream accepts what we print.

use std::sync::{Arc, Mutex};

use melior::dialect::DialectRegistry;
use melior::ir::operation::OperationLike;
use melior::ir::Module;
use melior::utility::register_all_dialects;
use melior::Context;

/// Upstream MLIR with every upstream dialect loaded.
pub struct Upstream {
    context: Context,
}

impl Default for Upstream {
    fn default() -> Self {
        Self::new(false)
    }
}

impl Upstream {
    pub fn new(allow_unregistered: bool) -> Self {
        let registry = DialectRegistry::new();
        register_all_dialects(&registry);
        let context = Context::new();
        context.append_dialect_registry(&registry);
        context.load_all_available_dialects();
        context.set_allow_unregistered_dialects(allow_unregistered);
        Upstream { context }
    }

    /// Parses and verifies `text`; the error holds upstream's diagnostics.
    pub fn check(&self, text: &str) -> Result<(), String> {
        let messages = Arc::new(Mutex::new(Vec::new()));
        let sink = messages.clone();
        let handler = self.context.attach_diagnostic_handler(move |d| {
            let location = d.location().to_string();
            if let Ok(mut m) = sink.lock() {
                m.push(format!("{location}: {d}"));
            }
            true
        });
        let result = match Module::parse(&self.context, text) {
            None => Err("upstream MLIR could not parse the text".to_string()),
            Some(module) if !module.as_operation().verify() => Err("upstream MLIR's verifier rejected the module".to_string()),
            Some(_) => Ok(()),
        };
        self.context.detach_diagnostic_handler(handler);
        let messages = messages.lock().map(|m| m.join("\n")).unwrap_or_default();
        result.map_err(|e| format!("{e}\n{messages}"))
    }
}
