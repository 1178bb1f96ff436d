//! `scf-parallel-loop-tiling`: splits each innermost `scf.parallel` into a
//! loop over tiles and a loop within a tile. This is how block sizes are
//! chosen for the GPU: mapped to the grid, the outer loop gives one block
//! per tile and the inner loop one thread per element of it.
//!
//! ```mlir
//! scf.parallel (%i) = (%c0) to (%n) step (%c1) { ... }
//! // with parallel-loop-tile-sizes=32 becomes
//! %c0_0 = arith.constant 0 : index
//! %c32 = arith.constant 32 : index
//! %0 = arith.muli %c1, %c32 : index
//! scf.parallel (%i) = (%c0) to (%n) step (%0) {
//!   %1 = arith.subi %n, %i : index
//!   %2 = arith.minsi %0, %1 : index
//!   scf.parallel (%j) = (%c0_0) to (%2) step (%c1) {
//!     %3 = arith.addi %j, %i : index
//!     ...                               // the body, with %3 for %i
//! ```
//!
//! The inner loop runs to `min(tile, ub - iv)` so that the last tile stops
//! at the bound; when the trip count is a known multiple of the tile size
//! it runs over the whole tile. With `no-min-max-bounds` it always runs
//! over the whole tile, its body guarded by `scf.if` on every index being
//! in bounds. Dimensions without a tile size get 1; loops with reductions
//! are left alone. As upstream, except that the bound is
//! `arith.minsi %step, (ub - iv)` where upstream writes `affine.min` (there
//! is no affine dialect here).

use dialect_arith as arith;
use dialect_scf as scf;
use ir::body::WalkOrder;
use ir::pass::{OptionInfo, Pass, PassContext, PassInfo};
use ir::rewrite::{constant_value, InsertPoint, PatternRewriter};
use ir::{Attribute, Diagnostic, Ir, Location, OpId, OpType, Type, Value};

pub const INFO: PassInfo = PassInfo {
    name: "scf-parallel-loop-tiling",
    summary: "Tile parallel loops",
    anchor: None,
    options: &[
        OptionInfo { name: "parallel-loop-tile-sizes", description: "Factors to tile parallel loops by", default: "" },
        OptionInfo {
            name: "no-min-max-bounds",
            description: "Perform tiling with fixed upper bound with inbound check inside the internal loops",
            default: "false",
        },
    ],
    dependent_dialects: &["arith", "scf"],
    create: |options| {
        let tile_sizes = options.get_int_list("parallel-loop-tile-sizes")?;
        if tile_sizes.contains(&0) {
            return Err("tile size cannot be 0".into());
        }
        Ok(Box::new(ParallelLoopTiling { tile_sizes, no_min_max_bounds: options.get_bool("no-min-max-bounds")? }))
    },
};

struct ParallelLoopTiling {
    tile_sizes: Vec<i64>,
    no_min_max_bounds: bool,
}

impl Pass for ParallelLoopTiling {
    fn run(&self, ir: &mut Ir, op: OpId, _: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        tile_parallel_loops(ir, op, &self.tile_sizes, self.no_min_max_bounds);
        Ok(())
    }
}

/// Tiles every innermost `scf.parallel` without reductions under `root`;
/// returns how many were tiled.
pub fn tile_parallel_loops(ir: &mut Ir, root: OpId, tile_sizes: &[i64], no_min_max_bounds: bool) -> usize {
    let innermost: Vec<OpId> = ir
        .walk_collect(root, WalkOrder::PreOrder)
        .into_iter()
        .filter(|&op| {
            ir.isa::<scf::ParallelOp>(op)
                && ir.results(op).is_empty()
                && !ir.walk_collect(op, WalkOrder::PreOrder).into_iter().skip(1).any(|o| ir.isa::<scf::ParallelOp>(o))
        })
        .collect();
    let mut rewriter = PatternRewriter::new(ir);
    innermost.into_iter().filter(|&op| tile_parallel_loop(&mut rewriter, op, tile_sizes, no_min_max_bounds).is_some()).count()
}

/// An `index` op `T` of `operands` at `at`.
fn index_op<T: OpType>(r: &mut PatternRewriter<'_>, at: InsertPoint, loc: Location, operands: &[Value]) -> Option<Value> {
    let index = Type::index(r.ctx());
    let groups: Vec<&[Value]> = operands.iter().map(std::slice::from_ref).collect();
    let op = r.build::<T>(at, loc, &groups, &[index], &[]).ok()?;
    Some(r.ir().result(op.op(), 0))
}

/// `arith.constant value : ty` at `at`.
fn constant(r: &mut PatternRewriter<'_>, at: InsertPoint, loc: Location, value: i128, ty: Type) -> Option<Value> {
    let attr = if ty.is_index(r.ctx()) { Attribute::integer(r.ctx(), value, ty) } else { Attribute::bool(r.ctx(), value != 0) };
    let op = r.build::<arith::ConstantOp>(at, loc, &[], &[ty], &[("value", attr)]).ok()?;
    Some(r.ir().result(op.op(), 0))
}

/// A new `scf.parallel` at `at` over the given bounds, with an empty body
/// ending in `scf.reduce`; returns it, its induction variables and its
/// terminator.
fn parallel(
    r: &mut PatternRewriter<'_>,
    at: InsertPoint,
    loc: Location,
    bounds: [&[Value]; 3],
) -> Option<(OpId, Vec<Value>, OpId)> {
    let op = r.build::<scf::ParallelOp>(at, loc, &[bounds[0], bounds[1], bounds[2], &[]], &[], &[]).ok()?.op();
    let region = r.ir().regions(op)[0];
    let index = Type::index(r.ctx());
    let block = r.create_block_at_end(region, &vec![index; bounds[0].len()], loc);
    let terminator = r.build::<scf::ReduceOp>(InsertPoint::End(block), loc, &[&[]], &[], &[]).ok()?.op();
    Some((op, r.ir().block_arguments(block).to_vec(), terminator))
}

/// Tiles the `scf.parallel` `op` by `tile_sizes` (1 where there are too
/// few), as the module doc says; returns the outer and inner loops.
pub fn tile_parallel_loop(
    r: &mut PatternRewriter<'_>,
    op: OpId,
    tile_sizes: &[i64],
    no_min_max_bounds: bool,
) -> Option<(OpId, OpId)> {
    let ir = r.ir();
    let loop_op = ir.dyn_cast::<scf::ParallelOp>(op)?;
    if !ir.results(op).is_empty() {
        return None;
    }
    let loc = ir.op(op).location;
    let (lbs, ubs, steps) = (loop_op.lowerBound(ir).to_vec(), loop_op.upperBound(ir).to_vec(), loop_op.step(ir).to_vec());
    let body = ir.entry_block(ir.regions(op)[0])?;
    let constant_of = |ir: &Ir, v: Value| constant_value(ir, v).and_then(|a| a.as_integer(ir.ctx()));
    let statics: Vec<(Option<i128>, Option<i128>, Option<i128>)> =
        (0..lbs.len()).map(|d| (constant_of(ir, lbs[d]), constant_of(ir, ubs[d]), constant_of(ir, steps[d]))).collect();
    let index = Type::index(r.ctx());
    let at = InsertPoint::Before(op);
    let zero = constant(r, at, loc, 0, index)?;
    let mut tiles = Vec::new();
    for d in 0..lbs.len() {
        tiles.push((
            tile_sizes.get(d).copied().unwrap_or(1),
            constant(r, at, loc, *tile_sizes.get(d).unwrap_or(&1) as i128, index)?,
        ));
    }
    let mut new_steps = Vec::new();
    for (d, &(_, tile)) in tiles.iter().enumerate() {
        new_steps.push(index_op::<arith::MulIOp>(r, at, loc, &[steps[d], tile])?);
    }
    let (outer, outer_ivs, outer_end) = parallel(r, at, loc, [&lbs, &ubs, &new_steps])?;
    let at = InsertPoint::Before(outer_end);
    // The inner loops' bounds: the whole tile when the trip count is a
    // multiple of it, else what is left of the loop, at most a tile.
    let mut inner_bounds = Vec::new();
    let mut needs_check = false;
    for d in 0..lbs.len() {
        let divides = match statics[d] {
            (Some(l), Some(u), Some(s)) if s != 0 => {
                let count = (u - l + s - 1).div_euclid(s);
                count % tiles[d].0 as i128 == 0
            }
            _ => false,
        };
        if divides {
            inner_bounds.push(new_steps[d]);
        } else if no_min_max_bounds {
            inner_bounds.push(new_steps[d]);
            needs_check = true;
        } else {
            let rest = index_op::<arith::SubIOp>(r, at, loc, &[ubs[d], outer_ivs[d]])?;
            inner_bounds.push(index_op::<arith::MinSIOp>(r, at, loc, &[new_steps[d], rest])?);
        }
    }
    let zeros = vec![zero; lbs.len()];
    let (inner, inner_ivs, inner_end) = parallel(r, at, loc, [&zeros, &inner_bounds, &steps])?;
    let at = InsertPoint::Before(inner_end);
    // The original induction variables: inner plus outer.
    let mut indices = Vec::new();
    for d in 0..lbs.len() {
        indices.push(index_op::<arith::AddIOp>(r, at, loc, &[inner_ivs[d], outer_ivs[d]])?);
    }
    let body_at = if no_min_max_bounds && needs_check {
        let i1 = Type::integer(r.ctx(), 1);
        let mut in_bounds = constant(r, at, loc, 1, i1)?;
        for d in 0..lbs.len() {
            let scaled = index_op::<arith::MulIOp>(r, at, loc, &[inner_ivs[d], steps[d]])?;
            let position = index_op::<arith::AddIOp>(r, at, loc, &[scaled, outer_ivs[d]])?;
            let predicate = arith::CmpIOp::predicate_attr(r.ctx(), "ult")?;
            let compare =
                r.build::<arith::CmpIOp>(at, loc, &[&[position], &[ubs[d]]], &[i1], &[("predicate", predicate)]).ok()?.op();
            let dim_in_bounds = r.ir().result(compare, 0);
            let and = r.build::<arith::AndIOp>(at, loc, &[&[in_bounds], &[dim_in_bounds]], &[i1], &[]).ok()?.op();
            in_bounds = r.ir().result(and, 0);
        }
        let guard = r.build::<scf::IfOp>(at, loc, &[&[in_bounds]], &[], &[]).ok()?.op();
        let then_region = r.ir().regions(guard)[0];
        let then_block = r.create_block_at_end(then_region, &[], loc);
        InsertPoint::Before(r.build::<scf::YieldOp>(InsertPoint::End(then_block), loc, &[&[]], &[], &[]).ok()?.op())
    } else {
        at
    };
    r.inline_block(body, body_at, &indices);
    r.erase_op(op);
    Some((outer, inner))
}
