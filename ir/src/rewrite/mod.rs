//! Rewriting: patterns that match an op and replace it through a
//! [`PatternRewriter`], folders that compute an op's results from constant
//! operands, and the greedy driver that applies both until nothing changes.

mod conversion;
mod fold;
mod greedy;
mod regions;
mod rewriter;

pub use conversion::{
    apply_conversion, convert_block_arguments, unrealized_cast, ConversionMode, ConversionPattern, ConversionTarget,
    Materialization, TypeConverter, TypeRule,
};
pub use fold::{constant_value, FoldResult};
pub use greedy::{apply_patterns_greedily, GreedyConfig, GreedyStats};
pub use regions::simplify_regions;
pub use rewriter::{InsertPoint, PatternRewriter};

use crate::body::OpId;

/// A local rewrite. `match_and_rewrite` decides before changing anything:
/// it returns `false` without touching the IR when it does not apply.
pub trait RewritePattern: Send + Sync {
    /// The op name this pattern applies to; `None` for any op.
    fn root(&self) -> Option<&'static str>;
    /// Patterns with higher benefit are tried first.
    fn benefit(&self) -> u16 {
        1
    }
    /// Rewrites `op` through `rewriter`; `true` if it did.
    fn match_and_rewrite(&self, op: OpId, rewriter: &mut PatternRewriter<'_>) -> bool;
}
