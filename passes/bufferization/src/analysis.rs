//! The in-place analysis of one-shot bufferization: for every tensor operand
//! that an op writes, decide whether the op may write into the operand's
//! own buffer (in place) or needs a new one (out of place, a copy).
//!
//! Tensors are values, buffers are memory: writing into a tensor's buffer
//! destroys the old value, so a write may happen in place only if nobody
//! reads the old value later. The analysis models this with
//!
//! - **alias classes** (union-find over tensor values): values that may end
//!   up in the same buffer. Views (`tensor.extract_slice`) always share their
//!   source's buffer, so they join its class before any decision (a write
//!   sees the views made after it); a write decided in place makes the op's
//!   results share the written operand's buffer.
//! - **versions**: each value's contents date from a point in the program,
//!   its *version*: the op that wrote it, or for a view, its source's
//!   version. Points are positions in a pre-order walk of the function.
//!
//! A write by op `X` into the buffer of operand `v` conflicts (read after
//! write) when some value `m` aliasing `v`, with a version older than `X`,
//! is read after `X`: later in the walk, or anywhere in a loop that contains
//! `X` but not `m`'s version (`X` itself, in its next iteration, included). Reads in another branch of the same `scf.if`
//! never run after `X`. A write into a class that holds a non-writable
//! buffer (a constant, a read-only function argument) conflicts too.
//! Decisions are greedy, in walk order.

use std::cell::RefCell;

use rustc_hash::{FxHashMap, FxHashSet};

use ir::body::ValueDef;
use ir::{Ir, OpId, Symbol, Traits, Value};

use crate::bufferizable::{Access, Bufferizable, RegionKind};

/// What the analysis of a function tells its callers.
#[derive(Clone, Debug, Default)]
pub struct FunctionSummary {
    /// Per argument: whether the function writes into the argument's buffer.
    pub writes_argument: Vec<bool>,
    /// Per result: the argument whose buffer it may share, if any.
    pub result_aliases: Vec<Option<usize>>,
}

/// The summaries of the functions analyzed so far, by symbol.
pub type FunctionSummaries = FxHashMap<Symbol, FunctionSummary>;

/// What the interface implementations see during the analysis: the IR and
/// what is known about the functions it calls.
pub struct AnalysisState<'a> {
    pub ir: &'a Ir,
    pub functions: &'a FunctionSummaries,
    /// Whether calls and returns pass buffers (else tensors).
    pub function_boundaries: bool,
    /// Results known to be in the same buffer as an operand, with the same
    /// contents layout: in-place destinations, loop arguments.
    equivalent: RefCell<FxHashMap<Value, Value>>,
}

impl<'a> AnalysisState<'a> {
    pub fn new(ir: &'a Ir, functions: &'a FunctionSummaries, function_boundaries: bool) -> Self {
        AnalysisState { ir, functions, function_boundaries, equivalent: RefCell::default() }
    }

    /// The oldest value known to be the same buffer as `v` (`v` itself if none).
    pub fn equivalent_root(&self, mut v: Value) -> Value {
        let equivalent = self.equivalent.borrow();
        while let Some(&w) = equivalent.get(&v) {
            v = w;
        }
        v
    }

    fn record_equivalent(&self, value: Value, to: Value) {
        if value != to && self.equivalent_root(to) != value {
            self.equivalent.borrow_mut().insert(value, to);
        }
    }
}

/// How one op's tensor operands are used, asked of its interface once.
struct OperandFacts {
    access: Access,
    aliases: Vec<Value>,
}

/// Where a written tensor operand goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Placement {
    /// Into the operand's own buffer.
    InPlace,
    /// Into a new buffer, which starts with a copy of the operand if `copy`.
    OutOfPlace { copy: bool },
}

/// The outcome: where each written operand goes.
#[derive(Default, Debug)]
pub struct Decisions {
    pub placements: FxHashMap<(OpId, usize), Placement>,
    /// The alias classes at the end, for function summaries.
    classes: UnionFind,
}

impl Decisions {
    /// Whether operand `operand` of `op` is written in place.
    pub fn is_in_place(&self, op: OpId, operand: usize) -> bool {
        self.placements.get(&(op, operand)) == Some(&Placement::InPlace)
    }

    /// Whether `a` and `b` may share a buffer.
    pub fn may_alias(&self, a: Value, b: Value) -> bool {
        self.classes.same(a, b)
    }

    /// Whether some in-place write goes into `v`'s buffer.
    pub fn is_written(&self, ir: &Ir, v: Value) -> bool {
        self.placements.iter().any(|(&(op, i), &p)| p == Placement::InPlace && self.classes.same(ir.operands(op)[i], v))
    }
}

/// Union-find over values, with the members of each class.
#[derive(Default, Debug)]
struct UnionFind {
    index: FxHashMap<Value, usize>,
    parent: Vec<usize>,
    members: Vec<Vec<Value>>,
}

impl UnionFind {
    fn id(&mut self, v: Value) -> usize {
        if let Some(&i) = self.index.get(&v) {
            return i;
        }
        let i = self.parent.len();
        self.index.insert(v, i);
        self.parent.push(i);
        self.members.push(vec![v]);
        i
    }

    fn root(&self, mut i: usize) -> usize {
        while self.parent[i] != i {
            i = self.parent[i];
        }
        i
    }

    fn find(&mut self, v: Value) -> usize {
        let i = self.id(v);
        let r = self.root(i);
        self.parent[i] = r;
        r
    }

    fn union(&mut self, a: Value, b: Value) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (big, small) = if self.members[ra].len() >= self.members[rb].len() { (ra, rb) } else { (rb, ra) };
        self.parent[small] = big;
        let moved = std::mem::take(&mut self.members[small]);
        self.members[big].extend(moved);
    }

    fn members_of(&mut self, v: Value) -> Vec<Value> {
        let r = self.find(v);
        self.members[r].clone()
    }

    fn same(&self, a: Value, b: Value) -> bool {
        match (self.index.get(&a), self.index.get(&b)) {
            (Some(&x), Some(&y)) => self.root(x) == self.root(y),
            _ => a == b,
        }
    }
}

/// Positions in the pre-order walk of a function body.
#[derive(Default)]
struct Positions {
    /// Where each op runs (for a region op: before its regions).
    at: FxHashMap<OpId, u32>,
    /// Where each region op ends, after its regions.
    end: FxHashMap<OpId, u32>,
    /// Each tensor value's version.
    version: FxHashMap<Value, u32>,
    /// Ops in walk order.
    order: Vec<OpId>,
}

impl Positions {
    fn of(ir: &Ir, function: OpId) -> Positions {
        let mut p = Positions::default();
        let mut next = 1u32;
        for &region in ir.regions(function) {
            for &block in ir.region_blocks(region) {
                for &arg in ir.block_arguments(block) {
                    p.version.insert(arg, 0);
                }
                p.number_block(ir, block, &mut next);
            }
        }
        p
    }

    fn number_block(&mut self, ir: &Ir, block: ir::BlockId, next: &mut u32) {
        for op in ir.block_ops(block) {
            self.at.insert(op, *next);
            self.order.push(op);
            *next += 1;
            for &region in ir.regions(op) {
                for &block in ir.region_blocks(region) {
                    for &arg in ir.block_arguments(block) {
                        self.version.insert(arg, *next);
                    }
                    *next += 1;
                    self.number_block(ir, block, next);
                }
            }
            self.end.insert(op, *next);
            *next += 1;
            for &r in ir.results(op) {
                let version = if ir.regions(op).is_empty() { self.at[&op] } else { self.end[&op] };
                self.version.insert(r, version);
            }
        }
    }

    fn within(&self, op: OpId, position: u32) -> bool {
        self.at[&op] <= position && position <= self.end[&op]
    }
}

/// Analyzes the body of `function`; `argument_writable(i)` tells whether
/// its `i`-th argument's buffer may be written.
pub fn analyze(state: &AnalysisState<'_>, function: OpId, argument_writable: &dyn Fn(usize) -> bool) -> Decisions {
    let ir = state.ir;
    let ctx = ir.ctx();
    let mut positions = Positions::of(ir, function);

    let mut facts: FxHashMap<OpId, Vec<Option<OperandFacts>>> = FxHashMap::default();
    // Readers of each tensor value: (op, operand index).
    let mut readers: FxHashMap<Value, Vec<(OpId, usize)>> = FxHashMap::default();
    for &op in &positions.order {
        let model = ir.interface::<dyn Bufferizable>(op);
        let per_operand = ir
            .operands(op)
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                ir.value_type(v).is_tensor(ctx).then(|| match model {
                    Some(m) => OperandFacts { access: m.access(state, op, i), aliases: m.aliases(state, op, i) },
                    None => OperandFacts { access: Access::READ_WRITE, aliases: Vec::new() },
                })
            })
            .collect::<Vec<_>>();
        for (i, f) in per_operand.iter().enumerate() {
            if f.as_ref().is_some_and(|f| f.access.read) {
                readers.entry(ir.operands(op)[i]).or_default().push((op, i));
            }
        }
        facts.insert(op, per_operand);
    }

    let mut non_writable: FxHashSet<Value> = FxHashSet::default();
    for &region in ir.regions(function) {
        if let Some(entry) = ir.entry_block(region) {
            for (i, &arg) in ir.block_arguments(entry).iter().enumerate() {
                if !argument_writable(i) {
                    non_writable.insert(arg);
                }
            }
        }
    }

    let order = std::mem::take(&mut positions.order);
    let mut analysis = Analysis { state, positions, readers: &readers, classes: UnionFind::default() };
    // Views (a result aliasing an operand the op does not write) share
    // their source's buffer whatever is decided, so they join its class
    // before any decision: a write must see the views made after it, whose
    // readers still want the old contents (`%s = extract_slice %t` after a
    // write into another slice of `%t`).
    for &op in &order {
        for (i, f) in facts[&op].iter().enumerate() {
            let Some(f) = f.as_ref().filter(|f| !f.access.write) else { continue };
            let v = ir.operands(op)[i];
            for &alias in f.aliases.iter().filter(|&&a| ir.defining_op(a) == Some(op)) {
                let versions = &mut analysis.positions.version;
                let version = versions.get(&v).copied().unwrap_or(0);
                versions.entry(alias).and_modify(|p| *p = (*p).min(version));
                analysis.classes.union(v, alias);
            }
        }
    }
    let mut placements = FxHashMap::default();
    for &op in &order {
        if let Some(model) = ir.interface::<dyn Bufferizable>(op) {
            for (r, &result) in ir.results(op).iter().enumerate() {
                if ir.value_type(result).is_tensor(ctx) && !model.is_writable(state, op, r) {
                    non_writable.insert(result);
                }
            }
        }
        let per_operand = &facts[&op];
        for (i, f) in per_operand.iter().enumerate() {
            let Some(f) = f else { continue };
            let v = ir.operands(op)[i];
            if f.access.write {
                if analysis.conflicts(op, i, v, &non_writable) {
                    let copy = ir.interface::<dyn Bufferizable>(op).is_none_or(|m| m.needs_contents(state, op, i))
                        && !has_undefined_contents(state, v);
                    placements.insert((op, i), Placement::OutOfPlace { copy });
                    continue;
                }
                placements.insert((op, i), Placement::InPlace);
            }
            for &alias in &f.aliases {
                let own_result = ir.defining_op(alias) == Some(op);
                if own_result && !f.access.write {
                    // A view: its contents are its source's.
                    let versions = &mut analysis.positions.version;
                    let version = versions.get(&v).copied().unwrap_or(0);
                    versions.entry(alias).and_modify(|p| *p = (*p).min(version));
                }
                if f.access.write && (own_result || matches!(ir.value_def(alias), ValueDef::BlockArgument { .. })) {
                    state.record_equivalent(alias, v);
                }
                analysis.classes.union(v, alias);
            }
        }
    }
    Decisions { placements, classes: analysis.classes }
}

struct Analysis<'a, 's> {
    state: &'a AnalysisState<'s>,
    positions: Positions,
    readers: &'a FxHashMap<Value, Vec<(OpId, usize)>>,
    classes: UnionFind,
}

impl Analysis<'_, '_> {
    /// Whether `op` writing operand `operand` (value `v`) in place would
    /// destroy contents still needed, or a buffer that may not be written.
    fn conflicts(&mut self, op: OpId, operand: usize, v: Value, non_writable: &FxHashSet<Value>) -> bool {
        let members = self.classes.members_of(v);
        if members.iter().any(|m| non_writable.contains(m)) {
            return true;
        }
        let write_at = self.positions.at[&op];
        for m in members {
            let version = self.positions.version.get(&m).copied().unwrap_or(0);
            if version >= write_at {
                continue; // contents written by op or later
            }
            for &(reader, index) in self.readers.get(&m).map(Vec::as_slice).unwrap_or(&[]) {
                if reader == op {
                    // The op reading what it writes is fine within one
                    // execution, but not in a later iteration of a loop
                    // around it when the contents date from before the loop
                    // (a producer fused into a tile loop that accumulates
                    // into a slice of a value from outside).
                    let same_execution = index == operand || self.reads_before_overwriting(op, index, operand);
                    if !same_execution || self.runs_after(op, op, version) {
                        return true;
                    }
                    continue;
                }
                if self.runs_after(reader, op, version) && !self.exclusive(reader, op) && !self.not_conflicting(reader, index, v)
                {
                    return true;
                }
            }
        }
        false
    }

    fn not_conflicting(&self, reader: OpId, index: usize, written: Value) -> bool {
        self.state.ir.interface::<dyn Bufferizable>(reader).is_some_and(|m| m.not_conflicting(self.state, reader, index, written))
    }

    fn reads_before_overwriting(&self, op: OpId, read: usize, written: usize) -> bool {
        self.state.ir.interface::<dyn Bufferizable>(op).is_some_and(|m| m.reads_before_overwriting(self.state, op, read, written))
    }

    /// Whether `reader` may run after `writer`, for a value of `version`:
    /// later in the walk, or in a loop around both that `version` is outside.
    fn runs_after(&self, reader: OpId, writer: OpId, version: u32) -> bool {
        if self.positions.at[&reader] > self.positions.at[&writer] {
            return true;
        }
        let ir = self.state.ir;
        let mut ancestor = ir.parent_op(writer);
        while let Some(a) = ancestor {
            if !self.positions.at.contains_key(&a) {
                break; // the function itself
            }
            if self.region_kind(a) == RegionKind::Repeated
                && reader != a
                && ir.is_ancestor(a, reader)
                && !self.positions.within(a, version)
            {
                return true;
            }
            ancestor = ir.parent_op(a);
        }
        false
    }

    /// Whether `a` and `b` sit in different regions of an op that runs only
    /// one of its regions (`scf.if`).
    fn exclusive(&self, a: OpId, b: OpId) -> bool {
        let ir = self.state.ir;
        let region_path = |mut op: OpId| {
            let mut path = Vec::new();
            while let Some(block) = ir.op_parent_block(op) {
                let Some(region) = ir.block_parent(block) else { break };
                let Some(parent) = ir.region_parent(region) else { break };
                path.push((parent, region));
                op = parent;
            }
            path
        };
        let path_b = region_path(b);
        region_path(a).iter().any(|&(parent, region)| {
            self.region_kind(parent) == RegionKind::Exclusive && path_b.iter().any(|&(p, r)| p == parent && r != region)
        })
    }

    fn region_kind(&self, op: OpId) -> RegionKind {
        let ir = self.state.ir;
        match ir.interface::<dyn Bufferizable>(op) {
            Some(m) => m.region_kind(),
            None if ir.has_trait(op, Traits::LOOP_LIKE) => RegionKind::Repeated,
            None => RegionKind::Sequential,
        }
    }
}

/// Whether `v` is a result without defined contents (`tensor.empty`):
/// copying it would copy nothing that matters.
fn has_undefined_contents(state: &AnalysisState<'_>, v: Value) -> bool {
    let ir = state.ir;
    let Some(op) = ir.defining_op(v) else { return false };
    let Some(model) = ir.interface::<dyn Bufferizable>(op) else { return false };
    ir.results(op).iter().position(|&r| r == v).is_some_and(|r| model.has_undefined_contents(state, op, r))
}
