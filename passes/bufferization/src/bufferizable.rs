//! The bufferization interface: what one-shot bufferization asks of an op
//! that has tensor operands or results (upstream's
//! `BufferizableOpInterface`).
//!
//! The in-place analysis sees an op only through three questions about each
//! tensor operand: does the op read the operand's memory, does it write it,
//! and which of the op's values (results, or arguments of its regions'
//! blocks) share the operand's buffer when the op works in place. The
//! rewrite then asks the op to replace itself by buffer code through a
//! [`Bufferizer`](crate::Bufferizer).
//!
//! Implementations for the dialects of this repository are attached by
//! [`crate::register_bufferizable_ops`]; a user's dialect attaches its own
//! with `Context::attach_interface::<dyn Bufferizable>`.

use ir::{Diagnostic, OpId, Value};

use crate::analysis::AnalysisState;
use crate::bufferizer::Bufferizer;

/// How an op uses the memory of one tensor operand once bufferized.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Access {
    /// The op reads the operand's contents.
    pub read: bool,
    /// The op writes into the operand's buffer (when in place).
    pub write: bool,
}

impl Access {
    pub const NONE: Access = Access { read: false, write: false };
    pub const READ: Access = Access { read: true, write: false };
    pub const WRITE: Access = Access { read: false, write: true };
    pub const READ_WRITE: Access = Access { read: true, write: true };
}

/// How an op runs its regions.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RegionKind {
    /// Each region at most once, in order (the default).
    Sequential,
    /// One of them (`scf.if`): ops in different regions never both run.
    Exclusive,
    /// Again and again (loops): an op in them may run after a later one.
    Repeated,
}

/// One op's bufferization.
pub trait Bufferizable: Sync {
    /// How the op uses tensor operand `operand`.
    fn access(&self, state: &AnalysisState<'_>, op: OpId, operand: usize) -> Access;

    /// The tensor values of `op` (results, or block arguments of its
    /// regions) that live in tensor operand `operand`'s buffer when the op
    /// bufferizes in place: the destination of `linalg` ops and
    /// `tensor.insert`, the source of a view such as `tensor.extract_slice`,
    /// the iteration arguments of a loop.
    fn aliases(&self, _state: &AnalysisState<'_>, _op: OpId, _operand: usize) -> Vec<Value> {
        Vec::new()
    }

    /// Whether an out-of-place buffer for a written operand must start
    /// with the operand's contents (a copy); by default when the op reads it.
    fn needs_contents(&self, state: &AnalysisState<'_>, op: OpId, operand: usize) -> bool {
        self.access(state, op, operand).read
    }

    /// Whether tensor result `result` has no defined contents (a
    /// `tensor.empty`): an out-of-place buffer for it needs no copy, even
    /// for an op that reads it.
    fn has_undefined_contents(&self, _state: &AnalysisState<'_>, _op: OpId, _result: usize) -> bool {
        false
    }

    /// Whether tensor result `result` may be written in place (not a
    /// constant, not a read-only view of outside memory).
    fn is_writable(&self, _state: &AnalysisState<'_>, _op: OpId, _result: usize) -> bool {
        true
    }

    /// How the op runs its regions, for deciding what may run after what.
    fn region_kind(&self) -> RegionKind {
        RegionKind::Sequential
    }

    /// Whether the op may write operand `written` in place although it
    /// also reads operand `read` from the same buffer: true when each
    /// element is read before the write that may overwrite it (an
    /// elementwise op whose operands have the same indexing).
    fn reads_before_overwriting(&self, _state: &AnalysisState<'_>, _op: OpId, _read: usize, _written: usize) -> bool {
        false
    }

    /// Whether the op's read of operand `read` does not need what a write
    /// into the buffer of `written` (which aliases the operand) destroys:
    /// `tensor.insert_slice` reads all of its destination except the part
    /// it replaces, so a write into exactly that part does not conflict.
    fn not_conflicting(&self, _state: &AnalysisState<'_>, _op: OpId, _read: usize, _written: Value) -> bool {
        false
    }

    /// Called before the op's regions are bufferized, for ops whose regions
    /// see tensors through block arguments (loops): gives those arguments
    /// their buffers.
    fn bufferize_region_arguments(&self, _b: &mut Bufferizer<'_, '_>, _op: OpId) -> Result<(), Diagnostic> {
        Ok(())
    }

    /// Replaces the op by buffer code (after its regions were bufferized):
    /// every tensor result gets its buffer through
    /// [`Bufferizer::set_buffer`], and the op is either changed in place or
    /// marked for erasure with [`Bufferizer::erase`].
    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic>;
}
