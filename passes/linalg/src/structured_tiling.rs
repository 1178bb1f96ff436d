//! The tiling interface of every linalg structured op, named or generic,
//! read from its [`Structured`] view: the loops are the op's loops, their
//! sizes come from the operand dimensions that one loop index addresses
//! alone, and a tile of the loops becomes, through each operand's indexing
//! map, one slice of that operand (`tensor.extract_slice` on tensors,
//! `memref.subview` on buffers). The op on the slices is a copy of the op
//! with `linalg.index` shifted by the tile's offsets.
//!
//! For an operand dimension indexed by `e(d0, ...)` (a sum of loop indices
//! times constants, as convolutions have), the slice starts at `e(offsets)`
//! and has size `e(sizes - 1) + 1`; a dimension indexed by one loop `dk`
//! has the tile's size for `dk` (upstream's `makeTiledShapes` with partial
//! tiles already accounted for in the sizes).

use dialect_arith as arith;
use dialect_linalg::{IndexOp, IteratorType, Structured};
use ir::affine::{AffineExpr, AffineMap};
use ir::body::{IrMapping, WalkOrder};
use ir::rewrite::InsertPoint;
use ir::{Ir, OpId, OpType, Value};

use crate::index_math::{is_tileable_expr, BuildFailure, IndexBuilder, Ofr};
use crate::tiling_interface::{extract_slice, subview, Tile, TiledOp, TilingInterface};

/// The tiling model of structured ops.
pub struct StructuredTiling;

/// For each loop, the first (operand, dimension) that its index addresses alone.
fn loop_sources(ir: &Ir, s: &Structured<'_>, maps: &[AffineMap]) -> Result<Vec<(usize, usize)>, String> {
    let ctx = ir.ctx();
    (0..s.num_loops())
        .map(|d| {
            maps.iter()
                .zip(s.operands())
                .enumerate()
                .find_map(|(i, (m, &v))| {
                    ir.value_type(v).shape(ctx)?;
                    m.results.iter().position(|e| *e == AffineExpr::Dim(d as u32)).map(|k| (i, k))
                })
                .ok_or_else(|| format!("loop #{d} indexes no operand dimension by itself, so its size is unknown"))
        })
        .collect()
}

fn structured(ir: &Ir, op: OpId) -> Result<Structured<'_>, BuildFailure> {
    Structured::of(ir, op).ok_or_else(|| BuildFailure(format!("'{}' is not a structured op", ir.op_name_str(op))))
}

/// The slice of an operand indexed by `map` for `tile` of the loops.
fn operand_tile(b: &mut IndexBuilder<'_, '_>, map: &AffineMap, tile: &Tile) -> Result<Tile, BuildFailure> {
    let mut offsets = Vec::with_capacity(map.results.len());
    let mut sizes = Vec::with_capacity(map.results.len());
    for expr in &map.results {
        offsets.push(b.affine(expr, &tile.offsets)?);
        sizes.push(match expr {
            AffineExpr::Dim(d) => tile.sizes[*d as usize],
            _ => b.affine_extent(expr, &tile.sizes)?,
        });
    }
    Ok(Tile { offsets, sizes })
}

impl TilingInterface for StructuredTiling {
    fn check(&self, ir: &Ir, op: OpId) -> Result<(), String> {
        let Some(s) = Structured::of(ir, op) else { return Err("not a structured op".into()) };
        if !s.has_pure_tensor_semantics() && !s.has_pure_buffer_semantics() {
            return Err("mixes tensor and buffer operands".into());
        }
        let maps = s.indexing_maps();
        if maps.len() != s.operands().len() {
            return Err("expected one indexing map per operand".into());
        }
        if let Some(expr) = maps.iter().flat_map(|m| m.results.iter()).find(|e| !is_tileable_expr(e)) {
            return Err(format!(
                "an operand is indexed by '{}', not a sum of loop indices times non-negative constants",
                AffineMap { num_dims: maps[0].num_dims, num_symbols: maps[0].num_symbols, results: vec![expr.clone()] }
            ));
        }
        loop_sources(ir, &s, &maps)?;
        if s.block().is_none() {
            return Err("has no body".into());
        }
        Ok(())
    }

    fn loop_iterator_types(&self, ir: &Ir, op: OpId) -> Vec<IteratorType> {
        Structured::of(ir, op).map(|s| s.iterator_types()).unwrap_or_default()
    }

    fn iteration_domain(&self, b: &mut IndexBuilder<'_, '_>, op: OpId) -> Result<Vec<Ofr>, BuildFailure> {
        let ir = b.rewriter.ir();
        let s = structured(ir, op)?;
        let maps = s.indexing_maps();
        let sources = loop_sources(ir, &s, &maps).map_err(BuildFailure)?;
        let operands = s.operands().to_vec();
        sources.into_iter().map(|(i, k)| b.dim(operands[i], k)).collect()
    }

    fn destinations(&self, b: &mut IndexBuilder<'_, '_>, op: OpId) -> Result<Vec<Value>, BuildFailure> {
        let ir = b.rewriter.ir();
        let ctx = ir.ctx();
        let s = structured(ir, op)?;
        Ok(s.outputs().iter().copied().filter(|&v| ir.value_type(v).is_tensor(ctx)).collect())
    }

    fn tiled_implementation(
        &self,
        b: &mut IndexBuilder<'_, '_>,
        op: OpId,
        tile: &Tile,
        destinations: Option<&[Value]>,
    ) -> Result<TiledOp, BuildFailure> {
        let ir = b.rewriter.ir();
        let ctx = ir.ctx();
        let s = structured(ir, op)?;
        let maps = s.indexing_maps();
        let operands = s.operands().to_vec();
        let num_inputs = s.inputs().len();
        let shaped: Vec<bool> = operands.iter().map(|&v| ir.value_type(v).shape(ctx).is_some()).collect();
        let memref: Vec<bool> = operands.iter().map(|&v| ir.value_type(v).is_memref(ctx)).collect();

        // One slice per shaped operand, in operand order (as upstream).
        let mut new_operands = Vec::with_capacity(operands.len());
        let mut slices = Vec::new();
        let mut result_types = Vec::new();
        let mut tensor_output = 0;
        for (i, (&operand, map)) in operands.iter().zip(&maps).enumerate() {
            if !shaped[i] {
                new_operands.push(operand);
                continue;
            }
            let mut source = operand;
            let is_tensor_output = i >= num_inputs && !memref[i];
            if is_tensor_output {
                if let Some(&dest) = destinations.and_then(|d| d.get(tensor_output)) {
                    source = dest;
                }
                tensor_output += 1;
            }
            let part = operand_tile(b, map, tile)?;
            let slice = if memref[i] { subview(b, source, &part)? } else { extract_slice(b, source, &part)? };
            let value = b.rewriter.ir().result(slice, 0);
            if !memref[i] {
                slices.push(slice);
            }
            if is_tensor_output {
                result_types.push(b.rewriter.ir().value_type(value));
            }
            new_operands.push(value);
        }

        // The op on the slices: a copy with new operands and result types.
        let copy = b.rewriter.ir_mut().clone_op(op, &mut IrMapping::default());
        b.rewriter.ir_mut().set_operands(copy, new_operands);
        b.rewriter.insert(b.at, copy);
        let results = b.rewriter.ir().results(copy).to_vec();
        for (&r, &t) in results.iter().zip(&result_types) {
            b.rewriter.set_value_type(r, t);
        }
        shift_indices(b, copy, &tile.offsets)?;
        Ok(TiledOp { ops: vec![copy], results, slices })
    }

    fn result_tile_position(
        &self,
        b: &mut IndexBuilder<'_, '_>,
        op: OpId,
        result: usize,
        tile: &Tile,
    ) -> Result<Tile, BuildFailure> {
        let map = result_map(b.rewriter.ir(), op, result)?;
        operand_tile(b, &map, tile)
    }

    fn iteration_tile_of_result_tile(
        &self,
        b: &mut IndexBuilder<'_, '_>,
        op: OpId,
        result: usize,
        result_tile: &Tile,
    ) -> Result<Tile, BuildFailure> {
        let map = result_map(b.rewriter.ir(), op, result)?;
        let mut position = vec![None; map.num_dims as usize];
        for (k, expr) in map.results.iter().enumerate() {
            match expr {
                AffineExpr::Dim(d) if position[*d as usize].is_none() => position[*d as usize] = Some(k),
                _ => return Err(BuildFailure(format!("the indexing map of result #{result} is not a projected permutation"))),
            }
        }
        let ir = b.rewriter.ir();
        let s = structured(ir, op)?;
        let sources = loop_sources(ir, &s, &s.indexing_maps()).map_err(BuildFailure)?;
        let operands = s.operands().to_vec();
        let (mut offsets, mut sizes) = (Vec::new(), Vec::new());
        for (d, p) in position.iter().enumerate() {
            match p {
                Some(k) => {
                    offsets.push(result_tile.offsets[*k]);
                    sizes.push(result_tile.sizes[*k]);
                }
                // A loop the result does not see (a reduction) runs whole.
                None => {
                    let (i, k) = sources[d];
                    offsets.push(Ofr::Const(0));
                    sizes.push(b.dim(operands[i], k)?);
                }
            }
        }
        Ok(Tile { offsets, sizes })
    }
}

/// The indexing map of the output that holds result `result`.
fn result_map(ir: &Ir, op: OpId, result: usize) -> Result<AffineMap, BuildFailure> {
    let ctx = ir.ctx();
    let s = structured(ir, op)?;
    let maps = s.indexing_maps();
    let num_inputs = s.inputs().len();
    let position = s
        .outputs()
        .iter()
        .enumerate()
        .filter(|(_, &v)| ir.value_type(v).is_tensor(ctx))
        .nth(result)
        .map(|(i, _)| num_inputs + i)
        .ok_or_else(|| BuildFailure(format!("no result #{result}")))?;
    maps.get(position).cloned().ok_or_else(|| BuildFailure("missing indexing map".into()))
}

/// Makes `linalg.index` in the body of `op` count from the tile's offset:
/// `%i = linalg.index 0` becomes `%i + offset0` for its users.
fn shift_indices(b: &mut IndexBuilder<'_, '_>, op: OpId, offsets: &[Ofr]) -> Result<(), BuildFailure> {
    let ir = b.rewriter.ir();
    // The indices of this op's loops: those whose nearest enclosing
    // structured op is this one (a nested structured op has its own).
    let nearest_structured = |mut o: OpId| loop {
        match ir.parent_op(o) {
            Some(p) if Structured::of(ir, p).is_some() => return Some(p),
            Some(p) => o = p,
            None => return None,
        }
    };
    let index_ops: Vec<OpId> = ir
        .walk_collect(op, WalkOrder::PreOrder)
        .into_iter()
        .filter(|&o| ir.isa::<IndexOp>(o) && nearest_structured(o) == Some(op))
        .collect();
    for index_op in index_ops {
        let ir = b.rewriter.ir();
        let dim = IndexOp(index_op).dim(ir).and_then(|a| a.as_integer(ir.ctx())).unwrap_or(0) as usize;
        let Some(&offset) = offsets.get(dim) else { continue };
        if offset == Ofr::Const(0) {
            continue;
        }
        let Some(next) = ir.next_op(index_op) else { continue };
        let index_value = ir.result(index_op, 0);
        let offset = b.value(offset)?;
        let index = b.index_type();
        let location = b.location;
        let add = b.rewriter.build::<arith::AddIOp>(
            InsertPoint::Before(next),
            location,
            &[&[index_value], &[offset]],
            &[index],
            &[],
        )?;
        let shifted = b.rewriter.ir().result(add.op(), 0);
        b.rewriter.replace_all_uses(index_value, shifted);
        // The addition itself still reads the index.
        b.rewriter.modify_in_place(add.op(), |ir| ir.set_operand(add.op(), 0, index_value));
    }
    Ok(())
}
