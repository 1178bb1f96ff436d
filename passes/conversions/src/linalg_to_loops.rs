//! `convert-linalg-to-loops`: every linalg op on buffers, named or generic,
//! becomes the loop nest it stands for, seen through the structured-op
//! interface ([`Structured`]), so no op needs code of its own:
//!
//! ```mlir
//! linalg.matmul ins(%a, %b : memref<?x?xf32>, memref<?x?xf32>) outs(%c : memref<?x?xf32>)
//! // becomes
//! %dim = memref.dim %a, %c0 : memref<?x?xf32>   // one per dynamic loop size
//! scf.for %i = %c0 to %dim step %c1 {
//!   scf.for %j = %c0 to %dim_1 step %c1 {
//!     scf.for %k = %c0 to %dim_0 step %c1 {
//!       %0 = memref.load %a[%i, %k] : memref<?x?xf32>
//!       ...                                      // the body, on the loaded elements
//!       memref.store %4, %c[%i, %j] : memref<?x?xf32>
//! ```
//!
//! Each loop runs from 0 to the size of the first operand dimension its
//! index alone addresses (`memref.dim` when dynamic, a constant when
//! static). In the innermost loop each used body argument is loaded at the
//! position its indexing map gives (scalar operands are used as they are),
//! the body follows with `linalg.index` replaced by the loop's induction
//! variable, and each yielded value is stored into its output. Ops on
//! tensors are left alone. `convert-linalg-to-parallel-loops` (the
//! sibling pass) makes each run of parallel loops one `scf.parallel`.
//!
//! Differences from upstream: index expressions that are not a bare loop
//! index (`d1 * 2 + d4` of a strided convolution) are computed with
//! `arith.muli`/`arith.addi` on `index` (and `remsi`/`divsi` sequences for
//! `mod`/`floordiv`/`ceildiv`, as `lower-affine` expands them) instead of
//! `affine.apply`, since there is no affine dialect here; their constants
//! are made before the loop nest. Body arguments that are never used are
//! not loaded (upstream loads them and leaves the loads to dead-code
//! removal: the result is the same).

use dialect_arith as arith;
use dialect_linalg::{IndexOp, IteratorType, Structured};
use dialect_memref as memref;
use dialect_scf as scf;
use ir::affine::{AffineBinaryKind, AffineExpr, AffineMap};
use ir::body::WalkOrder;
use ir::pass::{Pass, PassContext, PassInfo};
use ir::rewrite::{apply_patterns_greedily, GreedyConfig, InsertPoint, PatternRewriter, RewritePattern};
use ir::types::DYNAMIC;
use ir::{Attribute, BlockId, Diagnostic, Ir, Location, OpId, OpType, Type, Value};
use rustc_hash::FxHashMap;

pub const INFO: PassInfo = PassInfo {
    name: "convert-linalg-to-loops",
    summary: "Lower the operations from the linalg dialect into loops",
    anchor: None,
    options: &[],
    dependent_dialects: &["arith", "memref", "scf"],
    create: |_| Ok(Box::new(LinalgToLoops { kind: LoopKind::Sequential })),
};

/// Which loops a structured op becomes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LoopKind {
    /// One `scf.for` per loop.
    Sequential,
    /// One `scf.parallel` per run of parallel loops, `scf.for` for each reduction loop.
    Parallel,
}

/// The lowering passes; `kind` tells them apart.
pub(crate) struct LinalgToLoops {
    pub(crate) kind: LoopKind,
}

impl Pass for LinalgToLoops {
    fn run(&self, ir: &mut Ir, op: OpId, _: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        convert_linalg_to_loops(ir, op, self.kind);
        Ok(())
    }
}

/// Lowers every structured op on buffers under `root` to loops of `kind`,
/// then folds and removes what became dead (as upstream's pass does);
/// returns how many ops were lowered.
pub fn convert_linalg_to_loops(ir: &mut Ir, root: OpId, kind: LoopKind) -> usize {
    let mut patterns: Vec<Box<dyn RewritePattern>> = Vec::new();
    populate_linalg_to_loops_patterns(&mut patterns, kind);
    apply_patterns_greedily(ir, root, &patterns, GreedyConfig::default()).rewritten
}

/// Adds the pattern that lowers structured ops to loops of `kind`.
pub fn populate_linalg_to_loops_patterns(patterns: &mut Vec<Box<dyn RewritePattern>>, kind: LoopKind) {
    patterns.push(Box::new(LowerStructuredOp { kind }));
}

/// Any structured op on buffers becomes a loop nest.
struct LowerStructuredOp {
    kind: LoopKind,
}

impl RewritePattern for LowerStructuredOp {
    fn root(&self) -> Option<&'static str> {
        None // every linalg op, through its interface
    }

    fn match_and_rewrite(&self, op: OpId, rewriter: &mut PatternRewriter<'_>) -> bool {
        Structured::of(rewriter.ir(), op).is_some() && lower_to_loops(rewriter, op, self.kind).is_ok()
    }
}

/// The loop nest that replaced a structured op.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoweredLoops {
    /// The loop ops, outermost first (an `scf.parallel` counts once).
    pub loops: Vec<OpId>,
    /// One induction variable per loop of the op's iteration space.
    pub induction_variables: Vec<Value>,
}

/// Why an op was not lowered; nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotLowered(pub String);

impl From<ir::op::BuildError> for NotLowered {
    fn from(e: ir::op::BuildError) -> Self {
        NotLowered(e.0)
    }
}

/// Replaces the structured op `op` (on buffers) by a loop nest of `kind`
/// that computes the same, through `rewriter`; the op is erased. Decides
/// before changing anything: an op that cannot be lowered (on tensors, not
/// structured, malformed) is left as it is and the reason returned.
pub fn lower_to_loops(rewriter: &mut PatternRewriter<'_>, op: OpId, kind: LoopKind) -> Result<LoweredLoops, NotLowered> {
    let plan = Plan::of(rewriter.ir(), op)?;
    let location = rewriter.ir().op(op).location;
    let mut b = NestBuilder { rewriter, location, constants_at: InsertPoint::Before(op), constants: FxHashMap::default() };

    // Loop sizes: the dynamic ones read in operand order, as upstream reads them.
    let mut dynamic: Vec<(usize, usize)> = plan.sizes.iter().copied().filter(|&(i, d)| plan.shapes[i][d] == DYNAMIC).collect();
    dynamic.sort_unstable();
    dynamic.dedup();
    let mut dims = FxHashMap::default();
    for (i, d) in dynamic {
        let position = b.constant(d as i64)?;
        let (operand, index) = (plan.operands[i], b.index());
        let dim =
            b.rewriter.build::<memref::DimOp>(InsertPoint::Before(op), location, &[&[operand], &[position]], &[index], &[])?;
        dims.insert((i, d), b.rewriter.ir().result(dim.op(), 0));
    }
    // Bounds and step of each loop, in loop order.
    let mut bounds = Vec::with_capacity(plan.sizes.len());
    for &(i, d) in &plan.sizes {
        let lower = b.constant(0)?;
        let upper = match dims.get(&(i, d)) {
            Some(&dim) => dim,
            None => b.constant(plan.shapes[i][d])?,
        };
        let step = b.constant(1)?;
        bounds.push((lower, upper, step));
    }

    let (loops, ivs, body_at) = b.loop_nest(InsertPoint::Before(op), kind, &plan.iterators, &bounds)?;
    if let Some(&outermost) = loops.first() {
        b.constants_at = InsertPoint::Before(outermost);
    }

    // Each used body argument is the element its operand has at this iteration.
    let arguments = b.rewriter.ir().block_arguments(plan.block).to_vec();
    let mut positions: Vec<Option<Vec<Value>>> = vec![None; plan.operands.len()];
    for (i, (&operand, &arg)) in plan.operands.iter().zip(&arguments).enumerate() {
        if !b.rewriter.ir().has_uses(arg) {
            continue;
        }
        let element = if plan.is_shaped[i] {
            let indices = b.indices(body_at, &plan.maps[i], &ivs)?;
            let element_type = b.rewriter.ir().value_type(arg);
            let load = b.rewriter.build::<memref::LoadOp>(body_at, location, &[&[operand], &indices], &[element_type], &[])?;
            positions[i] = Some(indices);
            b.rewriter.ir().result(load.op(), 0)
        } else {
            operand
        };
        b.rewriter.replace_all_uses(arg, element);
    }
    // Where each output is written back.
    let outputs = plan.num_inputs..plan.operands.len();
    let mut stores = Vec::new();
    for i in outputs {
        let indices = match positions[i].take() {
            Some(indices) => indices,
            None => b.indices(body_at, &plan.maps[i], &ivs)?,
        };
        stores.push((plan.operands[i], indices));
    }

    // The body itself, with loop indices for `linalg.index`.
    let moved: Vec<OpId> = b.rewriter.ir().block_ops(plan.block).collect();
    let yielded = b.rewriter.inline_block(plan.block, body_at, &[]);
    for index_op in index_ops(b.rewriter.ir(), &moved) {
        let dim = index_dim(b.rewriter.ir(), index_op).unwrap_or(0);
        b.rewriter.replace_op(index_op, &[ivs[dim]]);
    }
    for ((buffer, indices), value) in stores.into_iter().zip(yielded) {
        b.rewriter.build::<memref::StoreOp>(body_at, location, &[&[value], &[buffer], &indices], &[], &[])?;
    }
    b.rewriter.erase_op(op);
    Ok(LoweredLoops { loops, induction_variables: ivs })
}

/// What the lowering needs to know, all checked before anything changes.
struct Plan {
    operands: Vec<Value>,
    num_inputs: usize,
    /// Shape of each operand (empty for scalars and rank-0 buffers).
    shapes: Vec<Vec<i64>>,
    is_shaped: Vec<bool>,
    maps: Vec<AffineMap>,
    iterators: Vec<IteratorType>,
    /// For each loop, the (operand, dimension) whose size is its trip count.
    sizes: Vec<(usize, usize)>,
    block: BlockId,
}

impl Plan {
    fn of(ir: &Ir, op: OpId) -> Result<Plan, NotLowered> {
        let ctx = ir.ctx();
        let fail = |why: &str| Err(NotLowered(format!("'{}': {why}", ir.op_name_str(op))));
        let Some(s) = Structured::of(ir, op) else { return fail("not a structured op") };
        if !s.has_pure_buffer_semantics() {
            return fail("expected linalg op with buffer semantics");
        }
        if ["scf", "memref", "arith"].iter().any(|d| ctx.dialect(d).is_none()) {
            return fail("needs the scf, memref and arith dialects");
        }
        let operands = s.operands().to_vec();
        let (maps, iterators) = (s.indexing_maps(), s.iterator_types());
        let loops = iterators.len();
        let shapes: Vec<Vec<i64>> =
            operands.iter().map(|&v| ir.value_type(v).shape(ctx).map(<[i64]>::to_vec).unwrap_or_default()).collect();
        let is_shaped: Vec<bool> = operands.iter().map(|&v| ir.value_type(v).shape(ctx).is_some()).collect();
        if maps.len() != operands.len() {
            return fail("expected one indexing map per operand");
        }
        for (map, shape) in maps.iter().zip(&shapes) {
            if map.num_dims as usize != loops || map.results.len() != shape.len() {
                return fail("indexing maps do not match the loops and operand ranks");
            }
            if let Some(why) = map.results.iter().find_map(unsupported) {
                return fail(why);
            }
        }
        // A loop's trip count: the first operand dimension indexed by it alone.
        let mut sizes = Vec::with_capacity(loops);
        for d in 0..loops {
            let source = maps.iter().enumerate().find_map(|(i, m)| {
                m.results.iter().position(|e| *e == AffineExpr::Dim(d as u32)).filter(|_| is_shaped[i]).map(|k| (i, k))
            });
            match source {
                Some(source) => sizes.push(source),
                None => return fail(&format!("loop #{d} indexes no operand dimension by itself, its size is unknown")),
            }
        }
        let Some(block) = s.block() else { return fail("has no body") };
        let Some(region) = ir.block_parent(block) else { return fail("has no body") };
        if ir.region_blocks(region).len() != 1 {
            return fail("expected a body of one block");
        }
        let outputs = s.outputs().len();
        let yielded = ir.terminator(block).filter(|&t| ir.isa::<dialect_linalg::YieldOp>(t)).map(|t| ir.operands(t).len());
        if yielded != Some(outputs) {
            return fail("expected the body to yield one value per output");
        }
        let moved: Vec<OpId> = ir.block_ops(block).collect();
        if index_ops(ir, &moved).into_iter().any(|i| index_dim(ir, i).is_none_or(|d| d >= loops)) {
            return fail("'linalg.index' refers to a loop the op does not have");
        }
        Ok(Plan { num_inputs: operands.len() - outputs, operands, shapes, is_shaped, maps, iterators, sizes, block })
    }
}

/// Why `expr` cannot be computed with arith ops, if it cannot.
fn unsupported(expr: &AffineExpr) -> Option<&'static str> {
    match expr {
        AffineExpr::Dim(_) | AffineExpr::Constant(_) => None,
        AffineExpr::Symbol(_) => Some("indexing maps with symbols are not supported"),
        AffineExpr::Binary { kind, lhs, rhs } => {
            let divides = matches!(kind, AffineBinaryKind::Mod | AffineBinaryKind::FloorDiv | AffineBinaryKind::CeilDiv);
            if divides && !matches!(**rhs, AffineExpr::Constant(c) if c > 0) {
                return Some("only division and modulo by a positive constant are supported");
            }
            unsupported(lhs).or_else(|| unsupported(rhs))
        }
    }
}

/// The `linalg.index` ops among `ops` and nested in them, except those of
/// a structured op nested there (they index that op's loops).
fn index_ops(ir: &Ir, ops: &[OpId]) -> Vec<OpId> {
    let mut found = Vec::new();
    for &top in ops {
        for op in ir.walk_collect(top, WalkOrder::PreOrder) {
            if !ir.isa::<IndexOp>(op) {
                continue;
            }
            if !in_nested_structured_op(ir, op, top) {
                found.push(op);
            }
        }
    }
    found
}

/// Whether an op between `op` and `top` (`top` included) is a structured op.
fn in_nested_structured_op(ir: &Ir, op: OpId, top: OpId) -> bool {
    let mut current = op;
    while current != top {
        let Some(parent) = ir.parent_op(current) else { return false };
        if Structured::of(ir, parent).is_some() {
            return true;
        }
        current = parent;
    }
    false
}

/// The loop a `linalg.index` names.
fn index_dim(ir: &Ir, op: OpId) -> Option<usize> {
    IndexOp(op).dim(ir)?.as_integer(ir.ctx()).and_then(|d| usize::try_from(d).ok())
}

/// Builds the pieces of one loop nest at the structured op's location.
struct NestBuilder<'r, 'a> {
    rewriter: &'r mut PatternRewriter<'a>,
    location: Location,
    /// Where index constants go: before the loop nest once it exists.
    constants_at: InsertPoint,
    /// Index constants made so far, by value.
    constants: FxHashMap<i64, Value>,
}

impl NestBuilder<'_, '_> {
    fn index(&self) -> Type {
        Type::index(self.rewriter.ctx())
    }

    /// `arith.constant value : index`, one per value.
    fn constant(&mut self, value: i64) -> Result<Value, NotLowered> {
        if let Some(&c) = self.constants.get(&value) {
            return Ok(c);
        }
        let index = self.index();
        let attr = Attribute::integer(self.rewriter.ctx(), value as i128, index);
        let op = self.rewriter.build::<arith::ConstantOp>(self.constants_at, self.location, &[], &[index], &[("value", attr)])?;
        let c = self.rewriter.ir().result(op.op(), 0);
        self.constants.insert(value, c);
        Ok(c)
    }

    /// A `T` with one `index` result at `at`.
    fn index_op<T: OpType>(&mut self, at: InsertPoint, operands: &[&[Value]]) -> Result<Value, NotLowered> {
        let index = self.index();
        let op = self.rewriter.build::<T>(at, self.location, operands, &[index], &[])?;
        Ok(self.rewriter.ir().result(op.op(), 0))
    }

    /// The loops over `bounds`, at `at`: their ops (outermost first), one
    /// induction variable per loop, and where the body goes.
    fn loop_nest(
        &mut self,
        mut at: InsertPoint,
        kind: LoopKind,
        iterators: &[IteratorType],
        bounds: &[(Value, Value, Value)],
    ) -> Result<(Vec<OpId>, Vec<Value>, InsertPoint), NotLowered> {
        let index = self.index();
        let (mut loops, mut ivs) = (Vec::new(), Vec::new());
        let mut d = 0;
        while d < bounds.len() {
            // How many loops the next loop op covers.
            let run = match kind {
                LoopKind::Parallel if iterators[d] == IteratorType::Parallel => {
                    iterators[d..].iter().take_while(|&&t| t == IteratorType::Parallel).count()
                }
                _ => 1,
            };
            let part = &bounds[d..d + run];
            let (lower, upper, step): (Vec<Value>, Vec<Value>, Vec<Value>) =
                (part.iter().map(|b| b.0).collect(), part.iter().map(|b| b.1).collect(), part.iter().map(|b| b.2).collect());
            let (loop_op, region) = if kind == LoopKind::Parallel && iterators[d] == IteratorType::Parallel {
                let parallel =
                    self.rewriter.build::<scf::ParallelOp>(at, self.location, &[&lower, &upper, &step, &[]], &[], &[])?;
                (parallel.op(), self.rewriter.ir().regions(parallel.op())[0])
            } else {
                let for_op = self.rewriter.build::<scf::ForOp>(at, self.location, &[&lower, &upper, &step, &[]], &[], &[])?;
                (for_op.op(), self.rewriter.ir().regions(for_op.op())[0])
            };
            let block = self.rewriter.create_block_at_end(region, &vec![index; run], self.location);
            let terminator = if self.rewriter.ir().isa::<scf::ParallelOp>(loop_op) {
                self.rewriter.build::<scf::ReduceOp>(InsertPoint::End(block), self.location, &[&[]], &[], &[])?.op()
            } else {
                self.rewriter.build::<scf::YieldOp>(InsertPoint::End(block), self.location, &[&[]], &[], &[])?.op()
            };
            loops.push(loop_op);
            ivs.extend_from_slice(self.rewriter.ir().block_arguments(block));
            at = InsertPoint::Before(terminator);
            d += run;
        }
        Ok((loops, ivs, at))
    }

    /// The positions `map` gives for the induction variables `ivs`, computed at `at`.
    fn indices(&mut self, at: InsertPoint, map: &AffineMap, ivs: &[Value]) -> Result<Vec<Value>, NotLowered> {
        map.results.iter().map(|e| self.expand(at, e, ivs)).collect()
    }

    /// `expr` of the induction variables, with arith ops on `index`
    /// (`mod`, `floordiv` and `ceildiv` as `lower-affine` expands them).
    fn expand(&mut self, at: InsertPoint, expr: &AffineExpr, ivs: &[Value]) -> Result<Value, NotLowered> {
        use AffineBinaryKind::*;
        let (kind, lhs, rhs) = match expr {
            AffineExpr::Dim(d) => return ivs.get(*d as usize).copied().ok_or_else(|| NotLowered(format!("no loop d{d}"))),
            AffineExpr::Constant(c) => return self.constant(*c),
            AffineExpr::Symbol(_) => return Err(NotLowered("symbols are not supported".into())),
            AffineExpr::Binary { kind, lhs, rhs } => (*kind, lhs, rhs),
        };
        let a = self.expand(at, lhs, ivs)?;
        let b = self.expand(at, rhs, ivs)?;
        match kind {
            Add => self.index_op::<arith::AddIOp>(at, &[&[a], &[b]]),
            Mul => self.index_op::<arith::MulIOp>(at, &[&[a], &[b]]),
            Mod => {
                // a mod b = (a rem b < 0) ? a rem b + b : a rem b
                let zero = self.constant(0)?;
                let rem = self.index_op::<arith::RemSIOp>(at, &[&[a], &[b]])?;
                let negative = self.compare(at, "slt", rem, zero)?;
                let adjusted = self.index_op::<arith::AddIOp>(at, &[&[rem], &[b]])?;
                self.index_op::<arith::SelectOp>(at, &[&[negative], &[adjusted], &[rem]])
            }
            FloorDiv => {
                // a floordiv b = (a < 0) ? -1 - (-1 - a) / b : a / b
                let zero = self.constant(0)?;
                let minus_one = self.constant(-1)?;
                let negative = self.compare(at, "slt", a, zero)?;
                let flipped = self.index_op::<arith::SubIOp>(at, &[&[minus_one], &[a]])?;
                let dividend = self.index_op::<arith::SelectOp>(at, &[&[negative], &[flipped], &[a]])?;
                let quotient = self.index_op::<arith::DivSIOp>(at, &[&[dividend], &[b]])?;
                let corrected = self.index_op::<arith::SubIOp>(at, &[&[minus_one], &[quotient]])?;
                self.index_op::<arith::SelectOp>(at, &[&[negative], &[corrected], &[quotient]])
            }
            CeilDiv => {
                // a ceildiv b = (a <= 0) ? -((-a) / b) : (a - 1) / b + 1
                let zero = self.constant(0)?;
                let one = self.constant(1)?;
                let non_positive = self.compare(at, "sle", a, zero)?;
                let negated = self.index_op::<arith::SubIOp>(at, &[&[zero], &[a]])?;
                let decremented = self.index_op::<arith::SubIOp>(at, &[&[a], &[one]])?;
                let dividend = self.index_op::<arith::SelectOp>(at, &[&[non_positive], &[negated], &[decremented]])?;
                let quotient = self.index_op::<arith::DivSIOp>(at, &[&[dividend], &[b]])?;
                let negated_quotient = self.index_op::<arith::SubIOp>(at, &[&[zero], &[quotient]])?;
                let incremented = self.index_op::<arith::AddIOp>(at, &[&[quotient], &[one]])?;
                self.index_op::<arith::SelectOp>(at, &[&[non_positive], &[negated_quotient], &[incremented]])
            }
        }
    }

    fn compare(&mut self, at: InsertPoint, predicate: &str, a: Value, b: Value) -> Result<Value, NotLowered> {
        let attr = arith::CmpIOp::predicate_attr(self.rewriter.ctx(), predicate)
            .ok_or_else(|| NotLowered(format!("no predicate '{predicate}'")))?;
        let i1 = Type::integer(self.rewriter.ctx(), 1);
        let op = self.rewriter.build::<arith::CmpIOp>(at, self.location, &[&[a], &[b]], &[i1], &[("predicate", attr)])?;
        Ok(self.rewriter.ir().result(op.op(), 0))
    }
}
