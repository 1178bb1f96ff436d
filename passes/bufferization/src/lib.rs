//! Bufferization: from tensors (values) to buffers (memory).
//!
//! - [`one_shot_bufferize`] (`--one-shot-bufferize`): every tensor gets a
//!   buffer, written in place wherever the in-place analysis proves that no
//!   copy is needed.
//! - The [`Bufferizable`] interface says how one op bufferizes; this
//!   crate's implementations for the repository's dialects are attached by
//!   [`register_bufferizable_ops`], and a dialect of one's own attaches its.

pub mod analysis;
pub mod buffer_deallocation;
pub mod bufferizable;
pub mod bufferizer;
pub mod call_order;
pub mod eliminate_empty_tensors;
pub mod models;
pub mod one_shot_bufferize;
pub mod options;

pub use analysis::{AnalysisState, FunctionSummary};
pub use bufferizable::{Access, Bufferizable, RegionKind};
pub use bufferizer::Bufferizer;
pub use models::register_bufferizable_ops;
pub use one_shot_bufferize::one_shot_bufferize;
pub use options::{LayoutPolicy, OneShotOptions};

use ir::pass::PassRegistry;

/// Registers every pass of this crate.
pub fn register(registry: &mut PassRegistry) {
    registry.register(one_shot_bufferize::INFO);
    registry.register(buffer_deallocation::INFO);
    registry.register(eliminate_empty_tensors::INFO);
}
