//! The tiling interface of `tensor.pad`: its loops are the dimensions of
//! the padded result, all parallel. A tile of the result is the pad of a
//! slice of the source (upstream's `bubbleUpPadSlice`): per dimension, with
//! the tile at `offset` of `length`, low padding `low` and source size `n`,
//!
//! ```text
//! new_low    = max(0, low - offset)                  (0 when low is 0)
//! src_offset = min(max(offset - low, 0), n)
//! src_size   = max(min(n - src_offset, length - new_low), 0)
//! new_high   = length - src_size - new_low           (0 when high is 0)
//! ```
//!
//! and when some `src_size` may be 0 the tile is an `scf.if` that
//! generates it from the padding value instead (`tensor.generate`), since
//! no slice of the source is left to pad. The result's tiles are written
//! into a new `tensor.empty`.
//!
//! Pads whose padding value depends on the element's indices (region
//! arguments used) are not tiled: the region would see tile-relative indices.

use dialect_linalg::IteratorType;
use dialect_scf as scf;
use dialect_tensor as tensor;
use ir::body::IrMapping;
use ir::rewrite::InsertPoint;
use ir::{mixed_list, Ir, OpId, OpType, Type, Value};

use crate::index_math::{join_mixed, split_mixed, BuildFailure, IndexBuilder, Ofr};
use crate::tiling_interface::{extract_slice, Tile, TiledOp, TilingInterface};

/// The tiling model of `tensor.pad`.
pub struct PadTiling;

fn pad_op(ir: &Ir, op: OpId) -> Result<tensor::PadOp, BuildFailure> {
    ir.dyn_cast::<tensor::PadOp>(op).ok_or_else(|| BuildFailure("not a 'tensor.pad'".into()))
}

/// The low and high amounts of `pad`.
fn amounts(ir: &Ir, pad: tensor::PadOp) -> Result<(Vec<Ofr>, Vec<Ofr>), BuildFailure> {
    let low = join_mixed(&mixed_list::statics(ir, pad.0, "static_low"), pad.low(ir));
    let high = join_mixed(&mixed_list::statics(ir, pad.0, "static_high"), pad.high(ir));
    low.zip(high).ok_or_else(|| BuildFailure("malformed padding amounts".into()))
}

impl TilingInterface for PadTiling {
    fn check(&self, ir: &Ir, op: OpId) -> Result<(), String> {
        let pad = pad_op(ir, op).map_err(|e| e.0)?;
        amounts(ir, pad).map_err(|e| e.0)?;
        let body = ir.regions(op).first().and_then(|&r| ir.entry_block(r)).ok_or("has no body")?;
        if ir.block_arguments(body).iter().any(|&a| ir.has_uses(a)) {
            return Err("the padding value depends on the element indices".into());
        }
        Ok(())
    }

    fn loop_iterator_types(&self, ir: &Ir, op: OpId) -> Vec<IteratorType> {
        let rank = ir.dyn_cast::<tensor::PadOp>(op).and_then(|p| ir.value_type(p.result(ir)).shape(ir.ctx()).map(|s| s.len()));
        vec![IteratorType::Parallel; rank.unwrap_or(0)]
    }

    /// The padded sizes: static ones from the result type, others `low + n + high`.
    fn iteration_domain(&self, b: &mut IndexBuilder<'_, '_>, op: OpId) -> Result<Vec<Ofr>, BuildFailure> {
        let ir = b.rewriter.ir();
        let pad = pad_op(ir, op)?;
        let (source, result) = (pad.source(ir), pad.result(ir));
        let shape = ir.value_type(result).shape(ir.ctx()).unwrap_or(&[]).to_vec();
        let (low, high) = amounts(ir, pad)?;
        let mut sizes = Vec::with_capacity(shape.len());
        for (d, &size) in shape.iter().enumerate() {
            if size != ir::types::DYNAMIC {
                sizes.push(Ofr::Const(size));
                continue;
            }
            let n = b.dim(source, d)?;
            let grown = b.add(low[d], n)?;
            sizes.push(b.add(grown, high[d])?);
        }
        Ok(sizes)
    }

    fn destinations(&self, b: &mut IndexBuilder<'_, '_>, op: OpId) -> Result<Vec<Value>, BuildFailure> {
        let ir = b.rewriter.ir();
        let ty = ir.value_type(pad_op(ir, op)?.result(ir));
        let shape = ty.shape(ir.ctx()).unwrap_or(&[]).to_vec();
        let domain = self.iteration_domain(b, op)?;
        let mut dynamic = Vec::new();
        for (&size, &d) in shape.iter().zip(&domain) {
            if size == ir::types::DYNAMIC {
                dynamic.push(b.value(d)?);
            }
        }
        let empty = b.op::<tensor::EmptyOp>(&[&dynamic], &[ty], &[])?;
        Ok(vec![b.rewriter.ir().result(empty, 0)])
    }

    fn tiled_implementation(
        &self,
        b: &mut IndexBuilder<'_, '_>,
        op: OpId,
        tile: &Tile,
        _destinations: Option<&[Value]>,
    ) -> Result<TiledOp, BuildFailure> {
        let ir = b.rewriter.ir();
        let pad = pad_op(ir, op)?;
        let source = pad.source(ir);
        let (low, high) = amounts(ir, pad)?;
        let element = ir.value_type(source).element_type_or_self(ir.ctx());
        let zero = Ofr::Const(0);
        let (mut new_low, mut new_high, mut src_offsets, mut src_sizes) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut maybe_empty: Option<Value> = None;
        let mut surely_empty = false;
        for d in 0..tile.sizes.len() {
            let (offset, length) = (tile.offsets[d], tile.sizes[d]);
            let has_low = low[d] != zero;
            let n = b.dim(source, d)?;
            let lo = if has_low {
                let before = b.sub(low[d], offset)?;
                b.max(zero, before)?
            } else {
                zero
            };
            let src_offset = if has_low {
                let shifted = b.sub(offset, low[d])?;
                let clamped = b.max(shifted, zero)?;
                b.min(clamped, n)?
            } else {
                b.min(offset, n)?
            };
            let available = b.sub(n, src_offset)?;
            let wanted = b.sub(length, lo)?;
            let mut src_size = b.min(available, wanted)?;
            if has_low {
                src_size = b.max(src_size, zero)?;
            }
            match src_size {
                Ofr::Const(0) => surely_empty = true,
                Ofr::Const(_) => {}
                Ofr::Value(_) if !surely_empty => {
                    let check = b.equal(src_size, zero)?;
                    maybe_empty = Some(match maybe_empty {
                        Some(previous) => {
                            let i1 = Type::integer(b.rewriter.ctx(), 1);
                            let or = b.op::<dialect_arith::OrIOp>(&[&[check], &[previous]], &[i1], &[])?;
                            b.rewriter.ir().result(or, 0)
                        }
                        None => check,
                    });
                }
                Ofr::Value(_) => {}
            }
            let hi = if high[d] != zero {
                let rest = b.sub(length, src_size)?;
                b.sub(rest, lo)?
            } else {
                zero
            };
            new_low.push(lo);
            new_high.push(hi);
            src_offsets.push(src_offset);
            src_sizes.push(src_size);
        }
        let (static_shape, dynamic_sizes) = split_mixed(&tile.sizes);
        let tile_type = Type::ranked_tensor(b.rewriter.ctx(), static_shape, element);

        if surely_empty {
            let generate = generate_tile(b, op, tile_type, &dynamic_sizes, b.at)?;
            let results = b.rewriter.ir().results(generate).to_vec();
            return Ok(TiledOp { ops: vec![generate], results, slices: Vec::new() });
        }
        let Some(condition) = maybe_empty else {
            let (padded, slice) = pad_slice(b, op, source, &src_offsets, &src_sizes, &new_low, &new_high, tile_type, b.at)?;
            let results = b.rewriter.ir().results(padded).to_vec();
            return Ok(TiledOp { ops: vec![padded], results, slices: vec![slice] });
        };
        // Either no source is left in the tile, or pad the slice that is.
        let if_op = b.op::<scf::IfOp>(&[&[condition]], &[tile_type], &[])?;
        let regions = b.rewriter.ir().regions(if_op).to_vec();
        let location = b.location;
        let then_block = b.rewriter.create_block_at_end(regions[0], &[], location);
        let else_block = b.rewriter.create_block_at_end(regions[1], &[], location);
        let generate = generate_tile(b, op, tile_type, &dynamic_sizes, InsertPoint::End(then_block))?;
        let generated = b.rewriter.ir().result(generate, 0);
        b.rewriter.build::<scf::YieldOp>(InsertPoint::End(then_block), location, &[&[generated]], &[], &[])?;
        let (padded, slice) =
            pad_slice(b, op, source, &src_offsets, &src_sizes, &new_low, &new_high, tile_type, InsertPoint::End(else_block))?;
        let padded_value = b.rewriter.ir().result(padded, 0);
        b.rewriter.build::<scf::YieldOp>(InsertPoint::End(else_block), location, &[&[padded_value]], &[], &[])?;
        let results = b.rewriter.ir().results(if_op).to_vec();
        Ok(TiledOp { ops: vec![if_op], results, slices: vec![slice] })
    }

    fn result_tile_position(
        &self,
        _b: &mut IndexBuilder<'_, '_>,
        _op: OpId,
        _result: usize,
        tile: &Tile,
    ) -> Result<Tile, BuildFailure> {
        Ok(tile.clone())
    }

    fn iteration_tile_of_result_tile(
        &self,
        _b: &mut IndexBuilder<'_, '_>,
        _op: OpId,
        _result: usize,
        result_tile: &Tile,
    ) -> Result<Tile, BuildFailure> {
        Ok(result_tile.clone())
    }
}

/// A copy of `pad`'s region, detached (from a detached copy of the op).
fn copy_region(b: &mut IndexBuilder<'_, '_>, op: OpId) -> (OpId, ir::RegionId) {
    let copy = b.rewriter.ir_mut().clone_op(op, &mut IrMapping::default());
    let region = b.rewriter.ir().regions(copy)[0];
    (copy, region)
}

/// `tensor.generate` of the tile from the padding value, at `at`.
fn generate_tile(
    b: &mut IndexBuilder<'_, '_>,
    op: OpId,
    tile_type: Type,
    dynamic_sizes: &[Value],
    at: InsertPoint,
) -> Result<OpId, BuildFailure> {
    let location = b.location;
    let generate = b.rewriter.build::<tensor::GenerateOp>(at, location, &[dynamic_sizes], &[tile_type], &[])?.op();
    let (copy, region) = copy_region(b, op);
    let body = b.rewriter.ir().regions(generate)[0];
    b.rewriter.inline_region_at_end(region, body);
    b.rewriter.ir_mut().erase_op(copy);
    Ok(generate)
}

/// `tensor.pad` of the source slice, at `at`; returns the pad and the slice.
#[allow(clippy::too_many_arguments)]
fn pad_slice(
    b: &mut IndexBuilder<'_, '_>,
    op: OpId,
    source: Value,
    offsets: &[Ofr],
    sizes: &[Ofr],
    low: &[Ofr],
    high: &[Ofr],
    tile_type: Type,
    at: InsertPoint,
) -> Result<(OpId, OpId), BuildFailure> {
    let saved = b.at;
    b.at = at;
    let slice = extract_slice(b, source, &Tile { offsets: offsets.to_vec(), sizes: sizes.to_vec() });
    b.at = saved;
    let slice = slice?;
    let sliced = b.rewriter.ir().result(slice, 0);
    let ctx = b.rewriter.ctx();
    let (static_low, low_values) = split_mixed(low);
    let (static_high, high_values) = split_mixed(high);
    let mut attributes =
        vec![("static_low", mixed_list::attribute(ctx, &static_low)), ("static_high", mixed_list::attribute(ctx, &static_high))];
    if let Some(nofold) = b.rewriter.ir().attr(op, "nofold") {
        attributes.push(("nofold", nofold));
    }
    let location = b.location;
    let padded =
        b.rewriter.build::<tensor::PadOp>(at, location, &[&[sliced], &low_values, &high_values], &[tile_type], &attributes)?.op();
    let (copy, region) = copy_region(b, op);
    let body = b.rewriter.ir().regions(padded)[0];
    b.rewriter.inline_region_at_end(region, body);
    b.rewriter.ir_mut().erase_op(copy);
    Ok((padded, slice))
}
