//! `buffer-deallocation`: frees every heap buffer (`memref.alloc`, and any
//! op that allocates its result) right after its last use, so that
//! bufferized programs do not leak.
//!
//! A buffer's *owner* frees it. The function that allocates a buffer owns
//! it, unless it hands it on (buffers the program already frees itself,
//! with a `memref.dealloc` or `gpu.dealloc`, are left to it):
//!
//! - returned from a function, the buffer belongs to the caller, which
//!   frees it after its own last use of the call's result;
//! - yielded from every branch of an `scf.if` (each branch its own new
//!   buffer), it belongs to the `scf.if`'s result.
//!
//! Every value that may be the same memory (views such as `memref.subview`
//! and `memref.cast`, a loop's iteration arguments and results, results of
//! calls that return an argument) extends the buffer's life; the
//! `memref.dealloc` goes after the last op of the buffer's block that uses
//! any of them. Where ownership would be mixed (a branch yields a new
//! buffer, another one it does not own; a function returns a new buffer
//! here and an argument there, or one buffer twice), the buffer not owned
//! is copied into a new one, so that ownership is always known when
//! compiling, with no run-time flags.
//!
//! ```mlir
//! %a = memref.alloc() : memref<4xf32>
//! linalg.fill ins(%x : f32) outs(%a : memref<4xf32>)
//! %v = memref.load %a[%c0] : memref<4xf32>
//! // gains
//! memref.dealloc %a : memref<4xf32>
//! ```
//!
//! Upstream's ownership-based deallocation handles the mixed cases with
//! run-time ownership flags instead of copies, and buffers that a loop
//! carries from one iteration to the next, which are reported here (one-shot
//! bufferization makes them only for an `scf.while` whose condition does
//! not pass the iteration's buffer on: loops otherwise keep one buffer).
//! Results of functions in a call cycle and of external functions are
//! taken as not owned (never freed by the caller).

use rustc_hash::{FxHashMap, FxHashSet};

use dialect_func::{CallOp, FuncOp, ReturnOp};
use dialect_memref as memref;
use dialect_scf::{ConditionOp, ForOp, IfOp, IndexSwitchOp, WhileOp, YieldOp};
use ir::body::WalkOrder;
use ir::effects::EffectKind;
use ir::pass::{FunctionPass, PassInfo};
use ir::verifier::op_error;
use ir::{BlockId, Diagnostic, Ir, OpId, Symbol, Value};

use crate::call_order::callees_first;

pub const INFO: PassInfo = PassInfo {
    name: "buffer-deallocation",
    summary: "Free every heap buffer after its last use, passing ownership of returned buffers to callers",
    anchor: None,
    options: &[],
    dependent_dialects: &["memref"],
    create: |_| Ok(Box::new(FunctionPass(|ir, op| deallocate_buffers(ir, op).map(|_| ())))),
};

/// Whether a function's result is a buffer the caller must free.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ownership {
    Owned,
    Borrowed,
}

/// Inserts the deallocations of every function in `module`; returns how
/// many `memref.dealloc` it inserted.
pub fn deallocate_buffers(ir: &mut Ir, module: OpId) -> Result<usize, Diagnostic> {
    let Some(block) = ir.regions(module).first().and_then(|&r| ir.entry_block(r)) else { return Ok(0) };
    let functions: Vec<FuncOp> = ir.block_ops(block).filter_map(|op| ir.dyn_cast::<FuncOp>(op)).collect();
    let (order, recursive) = callees_first(ir, &functions);
    let mut results: FxHashMap<Symbol, Vec<Ownership>> = FxHashMap::default();
    let mut inserted = 0;
    for function in order {
        if function.is_declaration(ir) {
            continue;
        }
        let mut f = FunctionDeallocation {
            ir: &mut *ir,
            callees: &results,
            roots: Vec::new(),
            transferred: FxHashSet::default(),
            inserted: 0,
        };
        let ownership = f.run(function)?;
        inserted += f.inserted;
        let ctx = ir.ctx();
        if let Some(name) = ir.attr(function.0, "sym_name").and_then(|a| a.as_string(ctx)).map(|n| ctx.symbol(n)) {
            if !recursive.contains(&function) {
                results.insert(name, ownership);
            }
        }
    }
    Ok(inserted)
}

struct FunctionDeallocation<'a> {
    ir: &'a mut Ir,
    callees: &'a FxHashMap<Symbol, Vec<Ownership>>,
    /// Buffers this function owns, in the order found.
    roots: Vec<Value>,
    /// Owned buffers handed on (to a branch's result or to the caller).
    transferred: FxHashSet<Value>,
    inserted: usize,
}

impl FunctionDeallocation<'_> {
    fn run(&mut self, function: FuncOp) -> Result<Vec<Ownership>, Diagnostic> {
        for op in self.ir.walk_collect(function.0, WalkOrder::PostOrder) {
            self.find_roots(op)?;
        }
        let ownership = self.transfer_returns(function)?;
        let freed = self.freed_by_the_program(function);
        for root in self.roots.clone() {
            if freed.contains(&root) {
                continue;
            }
            self.check_freeable(root)?;
            if !self.transferred.contains(&root) {
                self.deallocate(root)?;
            }
        }
        Ok(ownership)
    }

    /// Buffers are freed with `memref.dealloc`: one made by another
    /// dialect's op (`gpu.alloc`) that the program does not free is an error.
    fn check_freeable(&self, root: Value) -> Result<(), Diagnostic> {
        let ir = &*self.ir;
        let Some(op) = ir.defining_op(root) else { return Ok(()) };
        let name = ir.op_name_str(op);
        let allocates =
            ir.memory_effects(op).unwrap_or_default().iter().any(|e| e.kind == EffectKind::Allocate && e.value == Some(root));
        if !allocates || name.starts_with("memref.") {
            return Ok(());
        }
        Err(op_error(
            ir,
            op,
            format!("buffer-deallocation frees buffers with memref.dealloc, not one made by '{name}': run it before the pass that made this op"),
        ))
    }

    /// The owned buffers that an op of `function` already frees (a
    /// `memref.dealloc` written by hand, a `gpu.dealloc`): the program
    /// manages them.
    fn freed_by_the_program(&self, function: FuncOp) -> FxHashSet<Value> {
        let ir = &*self.ir;
        ir.walk_collect(function.0, WalkOrder::PreOrder)
            .into_iter()
            .flat_map(|op| ir.memory_effects(op).unwrap_or_default())
            .filter(|e| e.kind == EffectKind::Free)
            .filter_map(|e| e.value.and_then(|v| self.owned_origin(v)))
            .collect()
    }

    fn callee_ownership(&self, call: OpId) -> Option<&Vec<Ownership>> {
        let ctx = self.ir.ctx();
        let callee = self.ir.attr(call, "callee")?.as_flat_symbol_ref(ctx)?;
        self.callees.get(&callee)
    }

    /// Records the buffers `op` makes that this function owns; at a branch,
    /// decides whether its results own what the branches yield.
    fn find_roots(&mut self, op: OpId) -> Result<(), Diagnostic> {
        let ir = &*self.ir;
        if ir.isa::<CallOp>(op) {
            let owned: Vec<Value> = match self.callee_ownership(op) {
                Some(ownership) => {
                    ir.results(op).iter().zip(ownership).filter(|(_, &o)| o == Ownership::Owned).map(|(&r, _)| r).collect()
                }
                None => Vec::new(),
            };
            self.roots.extend(owned);
        } else if ir.isa::<IfOp>(op) || ir.isa::<IndexSwitchOp>(op) {
            self.transfer_branches(op)?;
        } else if !ir.isa::<memref::AllocaOp>(op) {
            let allocated: Vec<Value> = ir
                .memory_effects(op)
                .unwrap_or_default()
                .iter()
                .filter(|e| e.kind == EffectKind::Allocate)
                .filter_map(|e| e.value)
                .filter(|v| ir.defining_op(*v) == Some(op) && ir.value_type(*v).is_memref(ir.ctx()))
                .collect();
            self.roots.extend(allocated);
        }
        Ok(())
    }

    /// The owned buffer that `v` is (through views), if any and not yet handed on.
    fn owned_origin(&self, mut v: Value) -> Option<Value> {
        let ir = &*self.ir;
        loop {
            if self.roots.contains(&v) {
                return (!self.transferred.contains(&v)).then_some(v);
            }
            let op = ir.defining_op(v)?;
            if let Some(init) = loop_carried_init(ir, op, v) {
                v = init;
                continue;
            }
            v = memref::view_source(ir, op)?;
        }
    }

    /// A new buffer with `v`'s contents, made before `at` (cast to `v`'s
    /// type), and the buffer itself, which this function owns.
    fn clone_before(&mut self, at: OpId, v: Value) -> Result<(Value, Value), Diagnostic> {
        let location = self.ir.op(at).location;
        let ctx = self.ir.ctx_arc().clone();
        let ty = self.ir.value_type(v);
        let shape = ty.shape(&ctx).unwrap_or(&[]).to_vec();
        let mut sizes = Vec::new();
        let index = ir::Type::index(&ctx);
        for (d, &size) in shape.iter().enumerate() {
            if size == ir::types::DYNAMIC {
                let attr = ir::Attribute::integer(&ctx, d as i128, index);
                let c = self
                    .ir
                    .build::<dialect_arith::ConstantOp>(location, &[], &[index], &[("value", attr)])
                    .map_err(|e| Diagnostic::error(location, e.0))?;
                self.ir.insert_op_before(at, c.0);
                let c = self.ir.result(c.0, 0);
                let dim = self
                    .ir
                    .build::<memref::DimOp>(location, &[&[v], &[c]], &[index], &[])
                    .map_err(|e| Diagnostic::error(location, e.0))?;
                self.ir.insert_op_before(at, dim.0);
                sizes.push(self.ir.result(dim.0, 0));
            }
        }
        let fresh_type = ir::Type::memref(&ctx, shape, ty.element_type_or_self(&ctx));
        let alloc = self
            .ir
            .build::<memref::AllocOp>(location, &[&sizes, &[]], &[fresh_type], &[])
            .map_err(|e| Diagnostic::error(location, e.0))?;
        self.ir.insert_op_before(at, alloc.0);
        let fresh = self.ir.result(alloc.0, 0);
        let copy = self
            .ir
            .build::<memref::CopyOp>(location, &[&[v], &[fresh]], &[], &[])
            .map_err(|e| Diagnostic::error(location, e.0))?;
        self.ir.insert_op_before(at, copy.0);
        let value = if fresh_type == ty {
            fresh
        } else {
            let cast = self
                .ir
                .build::<memref::CastOp>(location, &[&[fresh]], &[ty], &[])
                .map_err(|e| Diagnostic::error(location, e.0))?;
            self.ir.insert_op_before(at, cast.0);
            self.ir.result(cast.0, 0)
        };
        self.roots.push(fresh);
        Ok((value, fresh))
    }

    /// A branch's buffer result owns what its branches yield when each
    /// yields a buffer it made itself; a branch that yields another buffer
    /// yields a copy instead, unless no branch yields one of its own.
    fn transfer_branches(&mut self, op: OpId) -> Result<(), Diagnostic> {
        let ir = &*self.ir;
        let yields: Vec<OpId> =
            ir.regions(op).iter().filter_map(|&r| ir.entry_block(r)).filter_map(|b| ir.terminator(b)).collect();
        let results = ir.results(op).to_vec();
        for (k, result) in results.into_iter().enumerate() {
            if !self.ir.value_type(result).is_memref(self.ir.ctx()) {
                continue;
            }
            // The buffer a branch made itself and yields, if any.
            let local = |this: &Self, y: OpId| -> Option<Value> {
                let origin = this.owned_origin(*this.ir.operands(y).get(k)?)?;
                let region = this.ir.op_parent_block(y).and_then(|b| this.ir.block_parent(b))?;
                is_in_region(this.ir, this.ir.defining_op(origin)?, region).then_some(origin)
            };
            let origins: Vec<Option<Value>> = yields.iter().map(|&y| local(self, y)).collect();
            if origins.iter().all(Option::is_none) {
                continue;
            }
            for (&y, origin) in yields.iter().zip(&origins) {
                match origin {
                    Some(root) => {
                        self.transferred.insert(*root);
                    }
                    None => {
                        let v = self.ir.operands(y)[k];
                        let (copy, fresh) = self.clone_before(y, v)?;
                        self.transferred.insert(fresh);
                        self.ir.set_operand(y, k, copy);
                    }
                }
            }
            self.roots.push(result);
        }
        Ok(())
    }

    /// Decides which results the caller owns: a position where some return
    /// passes memory this function owns is owned, and every return then
    /// passes there a buffer of its own, each once (a copy otherwise).
    fn transfer_returns(&mut self, function: FuncOp) -> Result<Vec<Ownership>, Diagnostic> {
        let returns: Vec<OpId> =
            self.ir.walk_collect(function.0, WalkOrder::PreOrder).into_iter().filter(|&op| self.ir.isa::<ReturnOp>(op)).collect();
        let result_types = function.signature(self.ir).1;
        let ownership: Vec<Ownership> = (0..result_types.len())
            .map(|k| {
                let owned = result_types[k].is_memref(self.ir.ctx())
                    && returns.iter().any(|&r| self.ir.operands(r).get(k).is_some_and(|&v| self.aliases_owned(v)));
                if owned {
                    Ownership::Owned
                } else {
                    Ownership::Borrowed
                }
            })
            .collect();
        let mut handed: Vec<Value> = Vec::new();
        for &ret in &returns {
            let mut here: FxHashSet<Value> = FxHashSet::default();
            for (k, owner) in ownership.iter().enumerate() {
                let Some(&v) = self.ir.operands(ret).get(k).filter(|_| *owner == Ownership::Owned) else { continue };
                match self.owned_origin(v) {
                    Some(root) if here.insert(root) => {}
                    _ => {
                        let (copy, fresh) = self.clone_before(ret, v)?;
                        self.ir.set_operand(ret, k, copy);
                        here.insert(fresh);
                    }
                }
            }
            handed.extend(here);
        }
        self.transferred.extend(handed);
        Ok(ownership)
    }

    /// Whether `v` may be memory that this function owns.
    fn aliases_owned(&self, v: Value) -> bool {
        self.roots.iter().filter(|r| !self.transferred.contains(r)).any(|&root| self.aliases(root).contains(&v))
    }

    /// Every value that may be the same memory as `root`.
    fn aliases(&self, root: Value) -> FxHashSet<Value> {
        let ir = &*self.ir;
        let mut seen: FxHashSet<Value> = FxHashSet::default();
        let mut work = vec![root];
        seen.insert(root);
        while let Some(v) = work.pop() {
            for u in ir.uses(v) {
                for next in self.flows(u.op, u.index as usize) {
                    if seen.insert(next) {
                        work.push(next);
                    }
                }
            }
        }
        seen
    }

    /// The values that operand `index` of `op` may become.
    fn flows(&self, op: OpId, index: usize) -> Vec<Value> {
        let ir = &*self.ir;
        let body_arg = |op: OpId, region: usize, k: usize| {
            ir.regions(op).get(region).and_then(|&r| ir.entry_block(r)).and_then(|b| ir.block_arguments(b).get(k).copied())
        };
        if ir.isa::<ForOp>(op) {
            let Some(k) = index.checked_sub(3) else { return Vec::new() };
            return body_arg(op, 0, 1 + k).into_iter().chain(ir.results(op).get(k).copied()).collect();
        }
        if ir.isa::<WhileOp>(op) {
            return body_arg(op, 0, index).into_iter().collect();
        }
        if ir.isa::<ConditionOp>(op) {
            let (Some(k), Some(parent)) = (index.checked_sub(1), ir.parent_op(op)) else { return Vec::new() };
            return ir.results(parent).get(k).copied().into_iter().chain(body_arg(parent, 1, k)).collect();
        }
        if ir.isa::<YieldOp>(op) {
            let Some(parent) = ir.parent_op(op) else { return Vec::new() };
            if ir.isa::<WhileOp>(parent) {
                return body_arg(parent, 0, index).into_iter().collect();
            }
            let carried = if ir.isa::<ForOp>(parent) { body_arg(parent, 0, 1 + index) } else { None };
            return ir.results(parent).get(index).copied().into_iter().chain(carried).collect();
        }
        if ir.isa::<CallOp>(op) {
            let owned = self.callee_ownership(op);
            return ir
                .results(op)
                .iter()
                .enumerate()
                .filter(|(k, r)| {
                    ir.value_type(**r).is_memref(ir.ctx()) && owned.and_then(|o| o.get(*k)) != Some(&Ownership::Owned)
                })
                .map(|(_, &r)| r)
                .collect();
        }
        if memref::view_source(ir, op).is_some_and(|source| ir.operands(op).get(index) == Some(&source)) {
            return ir.results(op).iter().copied().filter(|&r| ir.value_type(r).is_memref(ir.ctx())).collect();
        }
        Vec::new()
    }

    /// Inserts `memref.dealloc %root` after the last op of its block that
    /// uses it (or a value that may be it).
    fn deallocate(&mut self, root: Value) -> Result<(), Diagnostic> {
        let ir = &*self.ir;
        let Some(block) = ir.value_parent_block(root) else { return Ok(()) };
        let root_def = ir.defining_op(root);
        let location = root_def.map_or(ir::Location::Unknown, |op| ir.op(op).location);
        let mut last: Option<OpId> = root_def.filter(|&d| ir.op_parent_block(d) == Some(block));
        let order: FxHashMap<OpId, usize> = ir.block_ops(block).enumerate().map(|(i, op)| (op, i)).collect();
        for alias in self.aliases(root) {
            let defined_outside = match ir.defining_op(alias) {
                Some(def) => ancestor_in_block(ir, def, block).is_none(),
                None => ir.value_parent_block(alias).is_some_and(|b| {
                    b != block && ir.block_parent_op(b).is_none_or(|p| ancestor_in_block(ir, p, block).is_none())
                }),
            };
            if defined_outside {
                return Err(self.escape_error(root, location));
            }
            for u in ir.uses(alias) {
                if ir.isa::<ReturnOp>(u.op) {
                    return Err(self.escape_error(root, location));
                }
                let Some(anchor) = ancestor_in_block(ir, u.op, block) else { return Err(self.escape_error(root, location)) };
                if last.is_none_or(|l| order[&anchor] > order[&l]) {
                    last = Some(anchor);
                }
            }
        }
        let dealloc =
            self.ir.build::<memref::DeallocOp>(location, &[&[root]], &[], &[]).map_err(|e| Diagnostic::error(location, e.0))?;
        match last {
            Some(l) if !self.ir.is_terminator(l) => self.ir.insert_op_after(l, dealloc.0),
            Some(l) => self.ir.insert_op_before(l, dealloc.0),
            None => match self.ir.first_op(block) {
                Some(first) => self.ir.insert_op_before(first, dealloc.0),
                None => self.ir.append_op(block, dealloc.0),
            },
        }
        self.inserted += 1;
        Ok(())
    }

    fn escape_error(&self, root: Value, location: ir::Location) -> Diagnostic {
        let ir = &*self.ir;
        match ir.defining_op(root) {
            Some(op) => {
                op_error(ir, op, "cannot free this buffer: a value that may be it is carried out of the region that allocates it")
            }
            None => Diagnostic::error(
                location,
                "cannot free this buffer: a value that may be it is carried out of the region that allocates it",
            ),
        }
    }
}

/// The init of `scf.for` result `v` when the loop carries one buffer for
/// it (its body yields the iteration argument itself).
fn loop_carried_init(ir: &Ir, op: OpId, v: Value) -> Option<Value> {
    ir.dyn_cast::<ForOp>(op)?;
    let k = ir.results(op).iter().position(|&r| r == v)?;
    let body = ir.regions(op).first().and_then(|&r| ir.entry_block(r))?;
    let carried = *ir.block_arguments(body).get(1 + k)?;
    let yielded = *ir.operands(ir.terminator(body)?).get(k)?;
    (yielded == carried).then(|| ir.operands(op).get(3 + k).copied()).flatten()
}

/// The op of `block` that is `op` or contains it.
fn ancestor_in_block(ir: &Ir, mut op: OpId, block: BlockId) -> Option<OpId> {
    loop {
        let parent_block = ir.op_parent_block(op)?;
        if parent_block == block {
            return Some(op);
        }
        op = ir.block_parent_op(parent_block)?;
    }
}

/// Whether `op` is nested (at any depth) in region `region`.
fn is_in_region(ir: &Ir, mut op: OpId, region: ir::RegionId) -> bool {
    loop {
        let Some(block) = ir.op_parent_block(op) else { return false };
        if ir.block_parent(block) == Some(region) {
            return true;
        }
        let Some(parent) = ir.block_parent_op(block) else { return false };
        op = parent;
    }
}
