//! Analyses: facts computed from the IR (dominance, the call graph,
//! liveness), cached per op by an [`AnalysisManager`] so that passes share
//! them, and dropped after a pass unless it declares them preserved.

mod call_graph;
mod dominance;
mod liveness;

use std::any::{Any, TypeId};
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use crate::body::{Ir, OpId};

pub use call_graph::CallGraph;
pub use dominance::DominanceInfo;
pub use liveness::Liveness;

pub(crate) use dominance::dominators as dominance_of_region;

/// Something computed from `op` and what is nested in it.
pub trait Analysis: Any + Send + Sync + Sized {
    fn compute(ir: &Ir, op: OpId) -> Self;
}

type Cached = Arc<dyn Any + Send + Sync>;

/// Cached analyses per op.
#[derive(Default)]
pub struct AnalysisManager {
    cache: Mutex<FxHashMap<(OpId, TypeId), Cached>>,
}

impl AnalysisManager {
    /// The analysis `A` of `op`, computed on first request.
    pub fn get<A: Analysis>(&self, ir: &Ir, op: OpId) -> Arc<A> {
        let key = (op, TypeId::of::<A>());
        if let Some(found) = self.lock().get(&key) {
            return found.clone().downcast::<A>().expect("cached under its own type");
        }
        let computed = Arc::new(A::compute(ir, op));
        self.lock().insert(key, computed.clone());
        computed
    }

    /// Whether `A` of `op` is cached.
    pub fn is_cached<A: Analysis>(&self, op: OpId) -> bool {
        self.lock().contains_key(&(op, TypeId::of::<A>()))
    }

    /// Drops every cached analysis except the `preserved` kinds.
    pub fn invalidate(&self, preserved: &Preserved) {
        if preserved.all {
            return;
        }
        self.lock().retain(|(_, kind), _| preserved.kinds.contains(kind));
    }

    /// Drops everything.
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<(OpId, TypeId), Cached>> {
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The analyses a pass keeps valid.
#[derive(Clone, Debug, Default)]
pub struct Preserved {
    pub all: bool,
    pub kinds: Vec<TypeId>,
}

impl Preserved {
    pub fn preserve<A: Analysis>(&mut self) {
        self.kinds.push(TypeId::of::<A>());
    }
}
