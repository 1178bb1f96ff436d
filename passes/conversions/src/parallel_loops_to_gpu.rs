//! `convert-parallel-loops-to-gpu`: loop nests mapped to the GPU become
//! `gpu.launch` kernels.
//!
//! An `scf.parallel` with a `mapping` (see `gpu-map-parallel-loops`) and
//! the parallel loops nested in it become one launch: a dimension mapped to
//! a block or thread id is that id times the step plus the lower bound, and
//! its trip count `(ub - lb) ceildiv step` (computed before the launch) is
//! the grid or block size; a sequential dimension is an `scf.for` in the
//! kernel. When an inner loop's upper bound is not known outside the nest
//! (a tiled loop's `arith.minsi %c32, %rest`), the launch uses a static
//! bound derived from it (32) and the body is guarded by `scf.if id < ub`:
//! the bound check when the tile size does not divide the loop.
//!
//! ```mlir
//! scf.parallel (%i) = (%c0) to (%n) step (%c1) { ... } {mapping = [#gpu.loop_dim_map<processor = block_x, ...>]}
//! // becomes
//! gpu.launch blocks(%bx, %by, %bz) in (%gx = %n, %gy = %c1_0, %gz = %c1_0)
//!            threads(%tx, %ty, %tz) in (%sx = %c1_0, %sy = %c1_0, %sz = %c1_0) {
//!   ...            // the body, with %bx for %i
//!   gpu.terminator
//! }
//! ```
//!
//! A nested loop with one result becomes a `gpu.all_reduce` with its
//! reduction region. A nest the conversion cannot handle is left as it is,
//! as upstream leaves it: side effects before or after a nested loop,
//! bounds that are neither known before the nest nor derivable, a processor
//! mapped twice. A mapping entry that is not a `#gpu.loop_dim_map`, or one
//! with other than identity maps, is an error.
//!
//! An `scf.forall` mapped to `#gpu.block<x>` ... becomes a launch with
//! its trip counts as the grid; the `scf.forall`s mapped to `#gpu.thread<x>`
//! ... inside it run on the threads of each block, the block size being the
//! largest of their (static) trip counts per dimension, each guarded by
//! `scf.if tid < count` where it is smaller and followed by `gpu.barrier`.
//! A thread-mapped `scf.forall` on its own becomes a launch of one block.
//! This is what upstream's `transform.gpu.map_forall_to_blocks` and
//! `map_nested_forall_to_threads` do; here a forall that cannot be mapped
//! is an error at the loop.
//!
//! Differences from upstream: ids, sizes and counts are computed with
//! `arith` ops (folded where constant) instead of `affine.apply`, since
//! there is no affine dialect here; the launch does not get upstream's
//! internal `SCFToGPU_visited` marker; a reduction also combines the
//! loop's initial value with the reduced one (upstream drops it); forall
//! kernels use the launch's id arguments rather than new `gpu.thread_id` ops.

use dialect_arith as arith;
use dialect_gpu as gpu;
use dialect_gpu::mapping::{parse_forall_mapping, parse_loop_dim_map, MappingLevel, Processor, MAPPING_ATTR};
use dialect_scf as scf;
use ir::body::WalkOrder;
use ir::pass::{FunctionPass, PassInfo};
use ir::rewrite::{constant_value, InsertPoint, PatternRewriter};
use ir::types::DYNAMIC;
use ir::verifier::op_error;
use ir::{Attribute, BlockId, Diagnostic, Ir, IrMapping, Location, OpId, OpType, Type, Value};
use rustc_hash::{FxHashMap, FxHashSet};

pub const INFO: PassInfo = PassInfo {
    name: "convert-parallel-loops-to-gpu",
    summary: "Convert mapped scf.parallel ops to gpu launch operations",
    anchor: None,
    options: &[],
    dependent_dialects: &["arith", "gpu", "scf"],
    create: |_| Ok(Box::new(FunctionPass(convert_parallel_loops_to_gpu))),
};

/// Why a loop nest was not converted; nothing was changed.
#[derive(Debug)]
pub enum NotConverted {
    /// The nest is left as it is (as upstream leaves it), for this reason.
    Unsupported(String),
    /// The input is wrong or cannot be mapped: a located error.
    Invalid(Diagnostic),
}

/// Converts every mapped loop nest under `root`; fails at the first one
/// whose mapping is invalid.
pub fn convert_parallel_loops_to_gpu(ir: &mut Ir, root: OpId) -> Result<(), Diagnostic> {
    let candidates: Vec<OpId> =
        ir.walk_collect(root, WalkOrder::PreOrder).into_iter().filter(|&op| op != root && is_mapped_nest(ir, op)).collect();
    for op in candidates {
        if ir.is_erased(op) {
            continue;
        }
        let mut rewriter = PatternRewriter::new(ir);
        let result = if rewriter.ir().isa::<scf::ParallelOp>(op) {
            parallel_loop_to_launch(&mut rewriter, op)
        } else {
            forall_to_launch(&mut rewriter, op)
        };
        match result {
            Ok(_) | Err(NotConverted::Unsupported(_)) => {}
            Err(NotConverted::Invalid(d)) => return Err(d),
        }
    }
    Ok(())
}

/// The outermost loop of a mapped nest: an `scf.parallel` with a mapping
/// in no other `scf.parallel`, or an `scf.forall` with a gpu mapping in no
/// other such forall and no launch.
fn is_mapped_nest(ir: &Ir, op: OpId) -> bool {
    let mut ancestors = std::iter::successors(ir.parent_op(op), |&p| ir.parent_op(p));
    if ir.isa::<scf::ParallelOp>(op) {
        return ir.attr(op, MAPPING_ATTR).is_some() && !ancestors.any(|p| ir.isa::<scf::ParallelOp>(p));
    }
    ir.isa::<scf::ForallOp>(op)
        && has_gpu_mapping(ir, op)
        && !ancestors.any(|p| ir.isa::<gpu::LaunchOp>(p) || (ir.isa::<scf::ForallOp>(p) && has_gpu_mapping(ir, p)))
}

fn has_gpu_mapping(ir: &Ir, op: OpId) -> bool {
    let ctx = ir.ctx();
    ir.attr(op, MAPPING_ATTR)
        .and_then(|m| m.as_array(ctx))
        .is_some_and(|m| m.iter().any(|&a| parse_forall_mapping(ctx, a).is_some()))
}

fn unsupported<T>(why: impl Into<String>) -> Result<T, NotConverted> {
    Err(NotConverted::Unsupported(why.into()))
}

fn invalid<T>(ir: &Ir, op: OpId, message: impl Into<String>) -> Result<T, NotConverted> {
    Err(NotConverted::Invalid(op_error(ir, op, message.into())))
}

/// A build that does not fit its op's declaration: a bug, reported at `op`.
fn built<T>(ir: &Ir, op: OpId, value: Option<T>) -> Result<T, NotConverted> {
    value.ok_or_else(|| NotConverted::Invalid(op_error(ir, op, "could not build the gpu.launch")))
}

// ---- index arithmetic ------------------------------------------------------

/// The integer a value holds when an `arith.constant` defines it.
fn constant_int(ir: &Ir, v: Value) -> Option<i64> {
    constant_value(ir, v).and_then(|a| a.as_integer(ir.ctx())).and_then(|c| i64::try_from(c).ok())
}

/// `arith.constant value : index` at `at`.
fn index_constant(r: &mut PatternRewriter<'_>, at: InsertPoint, loc: Location, value: i64) -> Option<Value> {
    let index = Type::index(r.ctx());
    let attr = Attribute::integer(r.ctx(), value as i128, index);
    let op = r.build::<arith::ConstantOp>(at, loc, &[], &[index], &[("value", attr)]).ok()?;
    Some(r.ir().result(op.op(), 0))
}

/// A binary `T` on `index` at `at`.
fn index_binary<T: OpType>(r: &mut PatternRewriter<'_>, at: InsertPoint, loc: Location, a: Value, b: Value) -> Option<Value> {
    let index = Type::index(r.ctx());
    let op = r.build::<T>(at, loc, &[&[a], &[b]], &[index], &[]).ok()?;
    Some(r.ir().result(op.op(), 0))
}

/// An `index` operand of the arithmetic below: a value, a constant, or a
/// constant held by a value; constants are only made where needed.
#[derive(Clone, Copy, Debug)]
struct Index {
    value: Option<Value>,
    constant: Option<i64>,
}

impl Index {
    fn constant(c: i64) -> Index {
        Index { value: None, constant: Some(c) }
    }

    /// `v`, known to be a constant when an `arith.constant` defines it.
    fn of(ir: &Ir, v: Value) -> Index {
        Index { value: Some(v), constant: constant_int(ir, v) }
    }

    /// A value for it at `at`.
    fn materialize(self, r: &mut PatternRewriter<'_>, at: InsertPoint, loc: Location) -> Option<Value> {
        match (self.value, self.constant) {
            (Some(v), _) => Some(v),
            (None, Some(c)) => index_constant(r, at, loc, c),
            (None, None) => None,
        }
    }
}

/// `id * step + lb`, leaving out a step of 1 and a bound of 0.
fn scaled(r: &mut PatternRewriter<'_>, at: InsertPoint, loc: Location, id: Value, step: Index, lb: Index) -> Option<Value> {
    let scaled = match step.constant {
        Some(1) => id,
        _ => {
            let step = step.materialize(r, at, loc)?;
            index_binary::<arith::MulIOp>(r, at, loc, id, step)?
        }
    };
    match lb.constant {
        Some(0) => Some(scaled),
        _ => {
            let lb = lb.materialize(r, at, loc)?;
            index_binary::<arith::AddIOp>(r, at, loc, scaled, lb)
        }
    }
}

/// `a ceildiv b` of integers.
fn ceil_div(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    Some(if a % b != 0 && ((a < 0) == (b < 0)) { q + 1 } else { q })
}

/// `(ub - lb) ceildiv step`, computed at `at` unless all three are constants.
fn trip_count(r: &mut PatternRewriter<'_>, at: InsertPoint, loc: Location, lb: Index, ub: Index, step: Index) -> Option<Index> {
    if let (Some(l), Some(u), Some(s)) = (lb.constant, ub.constant, step.constant) {
        return Some(Index::constant(ceil_div(u.checked_sub(l)?, s)?));
    }
    let upper = ub.materialize(r, at, loc)?;
    let difference = match lb.constant {
        Some(0) => upper,
        _ => {
            let lower = lb.materialize(r, at, loc)?;
            index_binary::<arith::SubIOp>(r, at, loc, upper, lower)?
        }
    };
    match step.constant {
        Some(1) => Some(Index::of(r.ir(), difference)),
        _ => {
            let stride = step.materialize(r, at, loc)?;
            let count = index_binary::<arith::CeilDivSIOp>(r, at, loc, difference, stride)?;
            Some(Index::of(r.ir(), count))
        }
    }
}

/// `arith.cmpi predicate, a, b` at `at`.
fn compare(r: &mut PatternRewriter<'_>, at: InsertPoint, loc: Location, predicate: &str, a: Value, b: Value) -> Option<Value> {
    let attr = arith::CmpIOp::predicate_attr(r.ctx(), predicate)?;
    let i1 = Type::integer(r.ctx(), 1);
    let op = r.build::<arith::CmpIOp>(at, loc, &[&[a], &[b]], &[i1], &[("predicate", attr)]).ok()?;
    Some(r.ir().result(op.op(), 0))
}

/// `scf.if %condition` without results or else at `at`; where its body goes.
fn guard(r: &mut PatternRewriter<'_>, at: InsertPoint, loc: Location, condition: Value) -> Option<InsertPoint> {
    let op = r.build::<scf::IfOp>(at, loc, &[&[condition]], &[], &[]).ok()?;
    let then_region = r.ir().regions(op.op())[0];
    let block = r.create_block_at_end(then_region, &[], loc);
    let terminator = r.build::<scf::YieldOp>(InsertPoint::End(block), loc, &[&[]], &[], &[]).ok()?;
    Some(InsertPoint::Before(terminator.op()))
}

/// An empty `gpu.launch` of `12` index arguments before `anchor`, all sizes
/// `one`; returns it and its terminator.
fn empty_launch(r: &mut PatternRewriter<'_>, anchor: OpId, loc: Location, one: Value) -> Option<(gpu::LaunchOp, OpId)> {
    let ctx = r.ctx();
    let count = Attribute::integer(ctx, 0, Type::integer(ctx, 64));
    let one = [one];
    let groups: Vec<&[Value]> = std::iter::once(&[][..]).chain([&one[..]; 6]).chain([&[][..]; 4]).collect();
    let launch =
        r.build::<gpu::LaunchOp>(InsertPoint::Before(anchor), loc, &groups, &[], &[("workgroup_attributions", count)]).ok()?;
    let region = r.ir().regions(launch.op())[0];
    let index = Type::index(r.ctx());
    let body = r.create_block_at_end(region, &[index; 12], loc);
    let terminator = r.build::<gpu::TerminatorOp>(InsertPoint::End(body), loc, &[], &[], &[]).ok()?;
    Some((launch, terminator.op()))
}

/// Whether `v` is defined inside `nest` (by an op in it or as an argument of one of its blocks).
fn defined_inside(ir: &Ir, v: Value, nest: OpId) -> bool {
    let owner = ir.defining_op(v).or_else(|| ir.value_parent_block(v).and_then(|b| ir.block_parent_op(b)));
    owner.is_some_and(|o| ir.is_ancestor(nest, o))
}

// ---- scf.parallel ---------------------------------------------------------

/// How one dimension of a loop of the nest is converted.
#[derive(Clone, Copy, Debug)]
struct DimPlan {
    processor: Processor,
    /// For a mapped dimension whose upper bound is only known inside the
    /// nest: the static bound derived from it (the body gets a guard).
    derived_bound: Option<i64>,
}

impl DimPlan {
    /// Whether the dimension puts the rest of the body in a new scope (a
    /// sequential loop or a guard).
    fn opens_scope(self) -> bool {
        self.processor == Processor::Sequential || self.derived_bound.is_some()
    }
}

/// A static upper bound of `v`: a constant, the smaller of an
/// `arith.minsi`, or the product of an `arith.muli` of such (as upstream
/// derives it, for the bounds of tiled loops).
fn derive_static_upper_bound(ir: &Ir, v: Value) -> Option<i64> {
    if let Some(c) = constant_int(ir, v) {
        return Some(c);
    }
    let def = ir.defining_op(v)?;
    if let Some(min) = ir.dyn_cast::<arith::MinSIOp>(def) {
        return derive_static_upper_bound(ir, min.lhs(ir)).or_else(|| derive_static_upper_bound(ir, min.rhs(ir)));
    }
    if let Some(mul) = ir.dyn_cast::<arith::MulIOp>(def) {
        let (a, b) = (derive_static_upper_bound(ir, mul.lhs(ir))?, derive_static_upper_bound(ir, mul.rhs(ir))?);
        // Bounds of minimums do not survive multiplication by mixed signs.
        return ((a < 0) == (b < 0)).then(|| a.checked_mul(b)).flatten();
    }
    None
}

/// Checks a nest before anything changes, in the order the conversion
/// visits it: the mapping of every loop, the bounds of mapped dimensions,
/// and that side effects only happen in the innermost scope.
struct Planner<'a> {
    ir: &'a Ir,
    nest: OpId,
    plans: FxHashMap<OpId, Vec<DimPlan>>,
    bound: FxHashSet<Processor>,
    seen_side_effects: bool,
    left_nesting_scope: bool,
}

impl Planner<'_> {
    /// Whether `v` can be used before the launch: defined outside the nest
    /// or a constant (which is copied out).
    fn launch_independent(&self, v: Value) -> bool {
        !defined_inside(self.ir, v, self.nest) || constant_int(self.ir, v).is_some()
    }

    fn parallel(&mut self, op: OpId) -> Result<(), NotConverted> {
        let ir = self.ir;
        let ctx = ir.ctx();
        let parallel = scf::ParallelOp(op);
        let Some(mapping) = ir.attr(op, MAPPING_ATTR) else { return unsupported("a nested loop has no mapping") };
        let entries = mapping.as_array(ctx).unwrap_or(&[]);
        let ranks = parallel.lowerBound(ir).len();
        if entries.len() != ranks {
            return invalid(ir, op, "expected mapping attribute for lowering to GPU");
        }
        let results = ir.results(op).len();
        if results > 1 || (results == 1 && op == self.nest) {
            return unsupported("only nested loops with one result (a reduction) are supported");
        }
        let mut dims = Vec::new();
        for (i, &entry) in entries.iter().enumerate() {
            let Some(m) = parse_loop_dim_map(ctx, entry) else {
                return invalid(ir, op, "expected mapping attribute for lowering to GPU");
            };
            if !m.identity {
                return invalid(ir, op, "only identity 'map' and 'bound' maps can be lowered to GPU");
            }
            let mut plan = DimPlan { processor: m.processor, derived_bound: None };
            if m.processor != Processor::Sequential {
                let (lb, ub, step) = (parallel.lowerBound(ir)[i], parallel.upperBound(ir)[i], parallel.step(ir)[i]);
                if !self.launch_independent(lb) || !self.launch_independent(step) {
                    return unsupported("the lower bound and step must be known before the launch");
                }
                if !self.launch_independent(ub) {
                    let Some(bound) = derive_static_upper_bound(ir, ub) else {
                        return unsupported("cannot derive loop-invariant upper bound for number of iterations");
                    };
                    plan.derived_bound = Some(bound);
                }
                if !self.bound.insert(m.processor) {
                    return unsupported(format!("cannot redefine the bound for processor {}", m.processor.name()));
                }
            }
            dims.push(plan);
        }
        let scopes = dims.iter().filter(|d| d.opens_scope()).count();
        if results == 1 && scopes > 0 {
            return unsupported("a reduction cannot leave a guarded or sequential scope");
        }
        self.plans.insert(op, dims);
        let body = ir.entry_block(ir.regions(op)[0]).into_iter().flat_map(|b| ir.block_ops(b)).collect::<Vec<_>>();
        for &inner in &body {
            if ir.is_terminator(inner) {
                self.reduce(op, inner)?;
            } else if ir.isa::<scf::ParallelOp>(inner) {
                if self.seen_side_effects {
                    return unsupported("side effects before a nested loop");
                }
                self.parallel(inner)?;
            } else {
                self.seen_side_effects |= !ir.is_memory_effect_free(inner) || !ir.regions(inner).is_empty();
                if self.seen_side_effects && self.left_nesting_scope {
                    return unsupported("side effects outside the innermost scope");
                }
            }
        }
        for _ in 0..scopes {
            self.left_nesting_scope = true;
            self.seen_side_effects = false;
        }
        Ok(())
    }

    /// A reduction of one value, made in the body, of an integer or float
    /// type, with a region that uses nothing from outside.
    fn reduce(&self, parallel: OpId, reduce: OpId) -> Result<(), NotConverted> {
        let ir = self.ir;
        let operands = ir.operands(reduce);
        let [value] = operands else { return Ok(()) };
        let ty = ir.value_type(*value);
        if !defined_inside(ir, *value, parallel) || !(ty.is_signless_integer(ir.ctx()) || ty.is_float(ir.ctx())) {
            return unsupported("the reduced value must be an integer or float made in the loop");
        }
        let region = ir.regions(reduce)[0];
        let uses_outside = ir.region_blocks(region).iter().flat_map(|&b| ir.block_ops(b)).any(|o| {
            ir.walk_collect(o, WalkOrder::PreOrder).into_iter().any(|n| {
                ir.operands(n).iter().any(|&v| {
                    let owner = ir.defining_op(v).or_else(|| ir.value_parent_block(v).and_then(|b| ir.block_parent_op(b)));
                    owner != Some(reduce) && !owner.is_some_and(|o| ir.is_ancestor(reduce, o))
                })
            })
        });
        if uses_outside {
            return unsupported("the reduction region uses values from outside");
        }
        Ok(())
    }
}

/// Converts the mapped `scf.parallel` nest `op` to a `gpu.launch`; returns
/// the launch.
pub fn parallel_loop_to_launch(r: &mut PatternRewriter<'_>, op: OpId) -> Result<gpu::LaunchOp, NotConverted> {
    let mut planner = Planner {
        ir: r.ir(),
        nest: op,
        plans: FxHashMap::default(),
        bound: FxHashSet::default(),
        seen_side_effects: false,
        left_nesting_scope: false,
    };
    planner.parallel(op)?;
    let plans = planner.plans;
    let loc = r.ir().op(op).location;
    let one = index_constant(r, InsertPoint::Before(op), loc, 1);
    let one = built(r.ir(), op, one)?;
    let launch = empty_launch(r, op, loc, one);
    let (launch, terminator) = built(r.ir(), op, launch)?;
    let body_block = r.ir().op_parent_block(terminator).expect("the terminator is in the body");
    let arguments = r.ir().block_arguments(body_block).to_vec();
    let mut emitter =
        Emitter { r, nest: op, launch, arguments, mapping: IrMapping::default(), bounds: FxHashMap::default(), plans };
    let emitted = emitter.parallel(op, InsertPoint::Before(terminator));
    let Emitter { r, bounds, .. } = emitter;
    built(r.ir(), op, emitted)?;
    for (processor, bound) in bounds {
        if let Some(index) = processor.launch_argument() {
            r.modify_in_place(launch.op(), |ir| ir.set_operand(launch.op(), index, bound));
        }
    }
    r.erase_op(op);
    Ok(launch)
}

/// Builds the kernel of a planned nest.
struct Emitter<'r, 'a> {
    r: &'r mut PatternRewriter<'a>,
    nest: OpId,
    launch: gpu::LaunchOp,
    /// The launch body's ids and sizes.
    arguments: Vec<Value>,
    mapping: IrMapping,
    bounds: FxHashMap<Processor, Value>,
    plans: FxHashMap<OpId, Vec<DimPlan>>,
}

impl Emitter<'_, '_> {
    /// `v` as seen before the launch: a constant (whose value may be
    /// defined inside the nest), or a value defined outside it.
    fn before_launch(&self, v: Value) -> Index {
        let ir = self.r.ir();
        let v = self.mapping.lookup_value(v);
        let visible = !defined_inside(ir, v, self.nest) && !defined_inside(ir, v, self.launch.op());
        Index { value: visible.then_some(v), constant: constant_int(ir, v) }
    }

    /// The kernel code of loop `op` at `at`: ids or loops for its
    /// dimensions, then its body (code after it goes after its scopes).
    fn parallel(&mut self, op: OpId, mut at: InsertPoint) -> Option<()> {
        let ir = self.r.ir();
        let loc = ir.op(op).location;
        let parallel = scf::ParallelOp(op);
        let (lbs, ubs, steps) = (parallel.lowerBound(ir).to_vec(), parallel.upperBound(ir).to_vec(), parallel.step(ir).to_vec());
        let block = ir.entry_block(ir.regions(op)[0])?;
        let ivs = ir.block_arguments(block).to_vec();
        let dims = self.plans.get(&op)?.clone();
        for (i, dim) in dims.iter().enumerate() {
            let (lb, ub, step) = (lbs[i], ubs[i], steps[i]);
            let index = match dim.processor.launch_argument() {
                Some(argument) => {
                    let id = self.arguments[argument];
                    let ir = self.r.ir();
                    let (lb_in, step_in) =
                        (Index::of(ir, self.mapping.lookup_value(lb)), Index::of(ir, self.mapping.lookup_value(step)));
                    let index = scaled(self.r, at, loc, id, step_in, lb_in)?;
                    let launch_at = InsertPoint::Before(self.launch.op());
                    let upper = match dim.derived_bound {
                        Some(bound) => Index::constant(bound),
                        None => self.before_launch(ub),
                    };
                    let (lower, stride) = (self.before_launch(lb), self.before_launch(step));
                    let count = trip_count(self.r, launch_at, loc, lower, upper, stride)?.materialize(self.r, launch_at, loc)?;
                    self.bounds.insert(dim.processor, count);
                    if dim.derived_bound.is_some() {
                        let original = self.mapping.lookup_value(ub);
                        let inside = compare(self.r, at, loc, "slt", index, original)?;
                        at = guard(self.r, at, loc, inside)?;
                    }
                    index
                }
                None => {
                    let bounds = [lb, ub, step].map(|v| self.mapping.lookup_value(v));
                    let for_op =
                        self.r.build::<scf::ForOp>(at, loc, &[&[bounds[0]], &[bounds[1]], &[bounds[2]], &[]], &[], &[]).ok()?;
                    let region = self.r.ir().regions(for_op.op())[0];
                    let index_ty = Type::index(self.r.ctx());
                    let body = self.r.create_block_at_end(region, &[index_ty], loc);
                    let yield_op = self.r.build::<scf::YieldOp>(InsertPoint::End(body), loc, &[&[]], &[], &[]).ok()?;
                    at = InsertPoint::Before(yield_op.op());
                    self.r.ir().block_arguments(body)[0]
                }
            };
            self.mapping.map_value(ivs[i], index);
        }
        self.copy_attributes(op);
        let ops: Vec<OpId> = self.r.ir().block_ops(block).collect();
        for inner in ops {
            if self.r.ir().is_terminator(inner) {
                if !self.r.ir().operands(inner).is_empty() {
                    self.reduce(op, inner, at)?;
                }
            } else if self.r.ir().isa::<scf::ParallelOp>(inner) {
                self.parallel(inner, at)?;
            } else {
                let copy = self.r.ir_mut().clone_op(inner, &mut self.mapping);
                self.r.insert(at, copy);
            }
        }
        Some(())
    }

    /// The loop's own attributes (not its mapping) go to the launch, as upstream does.
    fn copy_attributes(&mut self, op: OpId) {
        let ctx = self.r.ctx();
        let kept: Vec<(String, Attribute)> = self
            .r
            .ir()
            .op(op)
            .attributes
            .iter()
            .map(|a| (ctx.str(a.name).to_string(), a.value))
            .filter(|(n, _)| n != MAPPING_ATTR && n != "operandSegmentSizes")
            .collect();
        let launch = self.launch.op();
        self.r.modify_in_place(launch, |ir| {
            for (name, value) in kept {
                ir.set_attr(launch, &name, value);
            }
        });
    }

    /// `scf.reduce %v` of loop `op`: `gpu.all_reduce` of `%v` with the
    /// reduction region, combined with the loop's initial value.
    fn reduce(&mut self, op: OpId, reduce: OpId, at: InsertPoint) -> Option<()> {
        let ir = self.r.ir();
        let loc = ir.op(reduce).location;
        let value = self.mapping.lookup_value(ir.operands(reduce)[0]);
        let init = self.mapping.lookup_value(scf::ParallelOp(op).initVals(ir)[0]);
        let result = ir.results(op)[0];
        let region = ir.regions(reduce)[0];
        let combiner = ir.entry_block(region)?;
        let ty = ir.value_type(value);
        let all_reduce = self.r.build::<gpu::AllReduceOp>(at, loc, &[&[value]], &[ty], &[]).ok()?;
        let reduce_region = self.r.ir().regions(all_reduce.0)[0];
        let block = self.r.create_block_at_end(reduce_region, &[ty, ty], loc);
        let block_args = self.r.ir().block_arguments(block).to_vec();
        let combined = self.combine(combiner, &block_args, InsertPoint::End(block))?;
        self.r.build::<gpu::YieldOp>(InsertPoint::End(block), loc, &[&[combined]], &[], &[]).ok()?;
        let reduced = self.r.ir().result(all_reduce.0, 0);
        let total = self.combine(combiner, &[init, reduced], at)?;
        self.mapping.map_value(result, total);
        Some(())
    }

    /// Copies the ops of reduction block `combiner` at `at` with `args` for
    /// its arguments; returns the value it returns.
    fn combine(&mut self, combiner: BlockId, args: &[Value], at: InsertPoint) -> Option<Value> {
        let mut mapping = IrMapping::default();
        for (&arg, &v) in self.r.ir().block_arguments(combiner).to_vec().iter().zip(args) {
            mapping.map_value(arg, v);
        }
        let ops: Vec<OpId> = self.r.ir().block_ops(combiner).collect();
        let mut returned = None;
        for o in ops {
            if self.r.ir().isa::<scf::ReduceReturnOp>(o) {
                returned = Some(mapping.lookup_value(self.r.ir().operands(o)[0]));
            } else {
                let copy = self.r.ir_mut().clone_op(o, &mut mapping);
                self.r.insert(at, copy);
            }
        }
        returned
    }
}

// ---- scf.forall -------------------------------------------------------------

/// The `[lb, ub, step]` of each dimension of a forall.
fn forall_bounds(ir: &Ir, op: OpId) -> Vec<[Index; 3]> {
    let forall = scf::ForallOp(op);
    let lists = ["staticLowerBound", "staticUpperBound", "staticStep"].map(|n| ir::mixed_list::statics(ir, op, n));
    let values = [forall.dynamicLowerBound(ir), forall.dynamicUpperBound(ir), forall.dynamicStep(ir)];
    let mut next = [0usize; 3];
    (0..lists[1].len())
        .map(|d| {
            [0, 1, 2].map(|k| match lists[k].get(d).copied() {
                Some(DYNAMIC) | None => {
                    let v = values[k][next[k]];
                    next[k] += 1;
                    Index::of(ir, v)
                }
                Some(c) => Index::constant(c),
            })
        })
        .collect()
}

/// The trip count of a dimension when its bounds are constants.
fn static_count(bounds: &[Index; 3]) -> Option<i64> {
    let [l, u, s] = bounds.map(|b| b.constant);
    ceil_div(u?.checked_sub(l?)?, s?).map(|c| c.max(0))
}

/// A mapped forall: its level and the axis (x, y, z) of each dimension.
fn forall_axes(ir: &Ir, op: OpId) -> Result<(MappingLevel, Vec<usize>), NotConverted> {
    let ctx = ir.ctx();
    let mapping = ir.attr(op, MAPPING_ATTR).and_then(|m| m.as_array(ctx)).unwrap_or(&[]);
    let mut level = None;
    let mut axes = Vec::new();
    for &entry in mapping {
        let Some(m) = parse_forall_mapping(ctx, entry) else {
            return invalid(ir, op, "expected a #gpu.block or #gpu.thread mapping for every dimension");
        };
        if !matches!(m.level, MappingLevel::Block | MappingLevel::Thread) {
            return invalid(
                ir,
                op,
                format!("cannot map a forall to '{}' ids; only blocks and threads are supported", m.level.name()),
            );
        }
        let Some(axis) = m.dim else { return invalid(ir, op, "linear mapping ids are not supported") };
        if level.is_some_and(|l| l != m.level) {
            return invalid(ir, op, "cannot mix block and thread mappings in one forall");
        }
        if axes.contains(&axis) {
            return invalid(ir, op, "each mapping id may be used once");
        }
        level = Some(m.level);
        axes.push(axis);
    }
    let Some(level) = level else { return invalid(ir, op, "expected a #gpu.block or #gpu.thread mapping for every dimension") };
    if !ir.results(op).is_empty() {
        return invalid(ir, op, "cannot map a forall with shared outputs to a gpu.launch");
    }
    Ok((level, axes))
}

/// The block size the thread-mapped foralls inside block-mapped forall
/// `op` need: per axis, the largest of their trip counts.
fn block_sizes(ir: &Ir, op: OpId) -> Result<[Option<i64>; 3], NotConverted> {
    let mut sizes: [Option<i64>; 3] = [None; 3];
    let nested: Vec<OpId> = ir
        .walk_collect(op, WalkOrder::PreOrder)
        .into_iter()
        .skip(1)
        .filter(|&o| ir.isa::<scf::ForallOp>(o) && ir.attr(o, MAPPING_ATTR).is_some())
        .collect();
    for &t in &nested {
        let (level, axes) = forall_axes(ir, t)?;
        if level != MappingLevel::Thread {
            return invalid(ir, t, "a block-mapped forall cannot be nested in another one");
        }
        if nested.iter().any(|&o| o != t && ir.is_ancestor(o, t)) {
            return invalid(ir, t, "thread-mapped foralls cannot be nested");
        }
        for (d, b) in forall_bounds(ir, t).iter().enumerate() {
            let Some(count) = static_count(b) else {
                return invalid(ir, t, "a thread-mapped forall needs static bounds to give the block size");
            };
            let size = &mut sizes[axes[d]];
            *size = Some(size.map_or(count, |s| s.max(count)));
        }
    }
    Ok(sizes)
}

/// Converts the `scf.forall` `op`, mapped to blocks (with thread-mapped
/// foralls inside) or to threads, to a `gpu.launch`; returns the launch.
pub fn forall_to_launch(r: &mut PatternRewriter<'_>, op: OpId) -> Result<gpu::LaunchOp, NotConverted> {
    let ir = r.ir();
    let (level, axes) = forall_axes(ir, op)?;
    let block_sizes = if level == MappingLevel::Block { block_sizes(ir, op)? } else { [None; 3] };
    let bounds = forall_bounds(ir, op);
    let loc = ir.op(op).location;
    let launch = emit_forall_launch(r, op, level, &axes, &bounds, block_sizes, loc);
    built(r.ir(), op, launch)
}

/// Builds the launch of a checked forall.
fn emit_forall_launch(
    r: &mut PatternRewriter<'_>,
    op: OpId,
    level: MappingLevel,
    axes: &[usize],
    bounds: &[[Index; 3]],
    block_sizes: [Option<i64>; 3],
    loc: Location,
) -> Option<gpu::LaunchOp> {
    let before = InsertPoint::Before(op);
    let one = index_constant(r, before, loc, 1)?;
    // The mapped dimensions' trip counts, computed before the launch.
    let mut counts: [Option<Index>; 3] = [None; 3];
    for (d, [lb, ub, step]) in bounds.iter().enumerate() {
        counts[axes[d]] = Some(trip_count(r, before, loc, *lb, *ub, *step)?);
    }
    // Grid and block sizes: the counts, or for blocks the nested foralls' need.
    let (grid, block): ([Option<Index>; 3], [Option<Index>; 3]) = match level {
        MappingLevel::Block => (counts, block_sizes.map(|s| s.map(Index::constant))),
        _ => ([None; 3], counts),
    };
    let mut sizes = [one; 6];
    for (i, size) in grid.iter().chain(&block).enumerate() {
        if let Some(size) = size.filter(|s| s.constant != Some(1)) {
            sizes[i] = size.materialize(r, before, loc)?;
        }
    }
    let (launch, terminator) = empty_launch(r, op, loc, one)?;
    for (i, &size) in sizes.iter().enumerate() {
        r.modify_in_place(launch.op(), |ir| ir.set_operand(launch.op(), i, size));
    }
    let block_dims: [Option<i64>; 3] = block.map(|b| b.map_or(Some(1), |b| b.constant));
    let body = r.ir().op_parent_block(terminator)?;
    let arguments = r.ir().block_arguments(body).to_vec();
    let thread_ids = [arguments[3], arguments[4], arguments[5]];
    let at = InsertPoint::Before(terminator);
    let mut mapping = IrMapping::default();
    let distributed: Vec<OpId> = if level == MappingLevel::Block {
        // The block ids stand for the forall's induction variables.
        let forall_body = r.ir().entry_block(r.ir().regions(op)[0])?;
        let ivs = r.ir().block_arguments(forall_body).to_vec();
        for (d, [lb, _, step]) in bounds.iter().enumerate() {
            let index = scaled(r, at, loc, arguments[axes[d]], *step, *lb)?;
            mapping.map_value(ivs[d], index);
        }
        let ops: Vec<OpId> = r.ir().block_ops(forall_body).filter(|&o| !r.ir().is_terminator(o)).collect();
        for o in ops {
            let copy = r.ir_mut().clone_op(o, &mut mapping);
            r.insert(at, copy);
        }
        // The copies of the thread-mapped foralls.
        r.ir()
            .walk_collect(launch.op(), WalkOrder::PreOrder)
            .into_iter()
            .filter(|&o| r.ir().isa::<scf::ForallOp>(o) && r.ir().attr(o, MAPPING_ATTR).is_some())
            .collect()
    } else {
        let copy = r.ir_mut().clone_op(op, &mut mapping);
        r.insert(at, copy);
        vec![copy]
    };
    // After a thread forall inside a block, the block's threads meet again.
    let barrier = level == MappingLevel::Block;
    for forall in distributed {
        distribute(r, forall, &block_dims, thread_ids, barrier)?;
    }
    r.erase_op(op);
    Some(launch)
}

/// Runs thread-mapped forall `op` (in a kernel) on the threads: its
/// induction variables become thread ids times step plus lower bound, and
/// threads past its trip count skip it; a barrier follows when asked.
fn distribute(
    r: &mut PatternRewriter<'_>,
    op: OpId,
    block_dims: &[Option<i64>; 3],
    thread_ids: [Value; 3],
    barrier: bool,
) -> Option<()> {
    let ir = r.ir();
    let loc = ir.op(op).location;
    let bounds = forall_bounds(ir, op);
    let ctx = ir.ctx();
    let axes: Vec<usize> = ir
        .attr(op, MAPPING_ATTR)?
        .as_array(ctx)?
        .iter()
        .map(|&a| parse_forall_mapping(ctx, a).and_then(|m| m.dim))
        .collect::<Option<_>>()?;
    let mut at = InsertPoint::Before(op);
    // Threads beyond the forall's count along an axis do nothing.
    let mut condition: Option<Value> = None;
    for (axis, &dim) in block_dims.iter().enumerate() {
        let count = match axes.iter().position(|&a| a == axis) {
            Some(d) => static_count(&bounds[d]),
            None => Some(1),
        };
        let (Some(count), Some(dim)) = (count, dim) else { continue };
        if count >= dim {
            continue;
        }
        let limit = index_constant(r, at, loc, count)?;
        let inside = compare(r, at, loc, "ult", thread_ids[axis], limit)?;
        condition = Some(match condition {
            None => inside,
            Some(c) => boolean_and(r, at, loc, c, inside)?,
        });
    }
    if let Some(c) = condition {
        at = guard(r, at, loc, c)?;
    }
    let body = r.ir().entry_block(r.ir().regions(op)[0])?;
    let mut ivs = Vec::new();
    for (d, [lb, _, step]) in bounds.iter().enumerate() {
        ivs.push(scaled(r, at, loc, thread_ids[axes[d]], *step, *lb)?);
    }
    r.inline_block(body, at, &ivs);
    if barrier {
        r.build::<gpu::BarrierOp>(InsertPoint::Before(op), loc, &[], &[], &[]).ok()?;
    }
    r.erase_op(op);
    Some(())
}

/// `arith.andi a, b` on `i1`.
fn boolean_and(r: &mut PatternRewriter<'_>, at: InsertPoint, loc: Location, a: Value, b: Value) -> Option<Value> {
    let i1 = Type::integer(r.ctx(), 1);
    let op = r.build::<arith::AndIOp>(at, loc, &[&[a], &[b]], &[i1], &[]).ok()?;
    Some(r.ir().result(op.op(), 0))
}
