//! General-purpose transforms that work on any dialect through op traits,
//! folders and patterns: one pass per file, each also usable as a plain function.

pub mod canonicalize;
pub mod cse;
pub mod inline;
pub mod loop_invariant_code_motion;
pub mod symbol_dce;

use ir::pass::PassRegistry;

/// Registers every pass of this crate.
pub fn register(registry: &mut PassRegistry) {
    registry.register(canonicalize::INFO);
    registry.register(cse::INFO);
    registry.register(inline::INFO);
    registry.register(loop_invariant_code_motion::INFO);
    registry.register(symbol_dce::INFO);
}
