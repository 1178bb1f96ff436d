//! Memory effects: what an op does to memory (reads, writes, allocates,
//! frees), and on which value. Passes ask [`Ir::memory_effects`] before
//! they erase, move or merge an op.
//!
//! An op states its effects in its declaration (`effects: [Read(memref)]`
//! names an operand or result group; a bare `Write` means memory in
//! general), or computes them with an `effects_of` hook when they depend on
//! its types (`linalg.generic` on tensors has none, on memrefs it reads and
//! writes its operands). `Pure` ops have none. An op with the
//! `RecursiveMemoryEffects` trait has its own effects plus those of the ops
//! in its regions. Every other op, and every unregistered op, has unknown
//! effects: passes must assume the worst.

use crate::body::{Ir, OpId, Value, WalkOrder};
use crate::dialect::{OpDefinition, Traits};
use crate::op::{segment, SegmentKind};

/// What an op does to a piece of memory.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum EffectKind {
    Read,
    Write,
    Allocate,
    Free,
}

impl EffectKind {
    /// The name upstream's ODS gives the effect (`MemRead`, ...).
    pub fn ods_name(self) -> &'static str {
        match self {
            EffectKind::Read => "MemRead",
            EffectKind::Write => "MemWrite",
            EffectKind::Allocate => "MemAlloc",
            EffectKind::Free => "MemFree",
        }
    }
}

/// A declared effect: its kind and the operand or result group it acts on
/// (`None`: memory in general, such as a barrier or a print).
#[derive(Clone, Copy, Debug)]
pub struct EffectSpec {
    pub kind: EffectKind,
    pub on: Option<&'static str>,
}

/// One effect of one op: on `value`, or on memory in general.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct MemoryEffect {
    pub kind: EffectKind,
    pub value: Option<Value>,
}

/// Computes an op's own effects (for ops whose effects depend on types).
pub type EffectsFn = fn(&Ir, OpId) -> Vec<MemoryEffect>;

/// The values of declared group `name` of `op`, among operands or results.
fn group_values(ir: &Ir, op: OpId, def: &OpDefinition, name: &str) -> Vec<Value> {
    if let Some(i) = def.operands.iter().position(|s| s.name == name) {
        return ir.operands(op)[segment(ir, op, SegmentKind::Operands, def.operands, i)].to_vec();
    }
    if let Some(i) = def.results.iter().position(|s| s.name == name) {
        return ir.results(op)[segment(ir, op, SegmentKind::Results, def.results, i)].to_vec();
    }
    Vec::new()
}

impl Ir {
    /// The effects of `op` alone (not of nested ops); `None` when unknown.
    fn own_effects(&self, op: OpId) -> Option<Vec<MemoryEffect>> {
        let def = self.ctx().op_definition(self.op(op).name)?;
        if let Some(hook) = def.effects_of {
            return Some(hook(self, op));
        }
        if let Some(specs) = def.effects {
            let mut effects = Vec::new();
            for spec in specs {
                match spec.on {
                    Some(name) => effects.extend(
                        group_values(self, op, def, name).into_iter().map(|v| MemoryEffect { kind: spec.kind, value: Some(v) }),
                    ),
                    None => effects.push(MemoryEffect { kind: spec.kind, value: None }),
                }
            }
            return Some(effects);
        }
        (def.traits.contains(Traits::PURE) || def.traits.contains(Traits::RECURSIVE_MEMORY_EFFECTS)).then(Vec::new)
    }

    /// Every memory effect of `op`, including those of the ops nested in
    /// it when it has recursive effects; `None` when any of them is unknown.
    pub fn memory_effects(&self, op: OpId) -> Option<Vec<MemoryEffect>> {
        let mut effects = self.own_effects(op)?;
        if self.has_trait(op, Traits::RECURSIVE_MEMORY_EFFECTS) {
            for nested in self.walk_collect(op, WalkOrder::PreOrder).into_iter().skip(1) {
                // Nested ops with recursive effects are covered by the walk.
                effects.extend(self.own_effects(nested)?);
            }
        }
        Some(effects)
    }

    /// Whether `op` (and everything in it) is known to touch no memory.
    pub fn is_memory_effect_free(&self, op: OpId) -> bool {
        self.memory_effects(op).is_some_and(|e| e.is_empty())
    }

    /// Whether erasing `op` changes nothing: no result is used, it is not a
    /// terminator, and it at most reads memory or allocates its own results.
    pub fn is_trivially_dead(&self, op: OpId) -> bool {
        if self.is_terminator(op) || self.results(op).iter().any(|&r| self.has_uses(r)) {
            return false;
        }
        let Some(effects) = self.memory_effects(op) else { return false };
        effects.iter().all(|e| match e.kind {
            EffectKind::Read => true,
            EffectKind::Allocate => e.value.is_some_and(|v| self.defining_op(v) == Some(op)),
            EffectKind::Write | EffectKind::Free => false,
        })
    }
}
