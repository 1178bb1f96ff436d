//! Bufferization of the ops that make tensors or touch single elements:
//! `tensor.empty` is a new buffer (`memref.alloc`), `tensor.extract` a
//! `memref.load`, `tensor.insert` a `memref.store` into its destination's
//! buffer; `tensor.from_elements`, `tensor.splat`, `tensor.generate`,
//! `tensor.pad` and `tensor.concat` fill a new buffer (stores, `linalg.fill`,
//! a `linalg.generic` running the op's body per index, copies into
//! subviews).
//!
//! ```mlir
//! %p = tensor.pad %t low[1, 1] high[1, 1] { ^bb0(%i: index, %j: index): tensor.yield %zero : f32 }
//!        : tensor<4x4xf32> to tensor<6x6xf32>
//! // becomes
//! %alloc = memref.alloc() {alignment = 64 : i64} : memref<6x6xf32>
//! linalg.fill ins(%zero : f32) outs(%alloc : memref<6x6xf32>)
//! %view = memref.subview %alloc[1, 1] [4, 4] [1, 1] : memref<6x6xf32> to memref<4x4xf32, strided<[6, 1], offset: 7>>
//! memref.copy %T, %view : memref<4x4xf32, ...> to memref<4x4xf32, strided<[6, 1], offset: 7>>
//! ```

use dialect_linalg::named::build_named;
use dialect_linalg::structured::{indexing_maps_attr, iterator_types_attr};
use dialect_linalg::{FillOp, GenericOp, IndexOp, IteratorType};
use dialect_memref as memref;
use dialect_tensor::{ConcatOp, EmptyOp, ExtractOp, FromElementsOp, GenerateOp, InsertOp, PadOp, SplatOp};
use index_math::{join_mixed, split_mixed, BuildFailure, IndexBuilder, Ofr};
use ir::affine::AffineMap;
use ir::rewrite::InsertPoint;
use ir::types::DYNAMIC;
use ir::verifier::op_error;
use ir::{mixed_list, Attribute, Diagnostic, Location, OpId, Type, Value};

use crate::analysis::AnalysisState;
use crate::bufferizable::{Access, Bufferizable};
use crate::bufferizer::Bufferizer;

fn build_error(location: Location) -> impl Fn(ir::op::BuildError) -> Diagnostic {
    move |e| Diagnostic::error(location, e.0)
}

pub struct EmptyModel;

impl Bufferizable for EmptyModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::NONE
    }

    fn has_undefined_contents(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> bool {
        true
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let (result, location) = (ir.result(op, 0), ir.op(op).location);
        let sizes = EmptyOp(op).dynamicSizes(ir).to_vec();
        let ty = ir.value_type(result);
        let buffer = b.alloc(InsertPoint::Before(op), location, ty, &sizes)?;
        b.set_buffer(result, buffer);
        b.erase(op);
        Ok(())
    }
}

pub struct ExtractModel;

impl Bufferizable for ExtractModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::READ
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let extract = ExtractOp(op);
        let (tensor, indices, result, location) =
            (extract.tensor(ir), extract.indices(ir).to_vec(), ir.result(op, 0), ir.op(op).location);
        let element = ir.value_type(result);
        let buffer = b.buffer(tensor)?;
        let load = b
            .rewriter
            .build::<memref::LoadOp>(InsertPoint::Before(op), location, &[&[buffer], &indices], &[element], &[])
            .map_err(build_error(location))?;
        let loaded = b.ir().result(load.0, 0);
        b.rewriter.replace_all_uses(result, loaded);
        b.erase(op);
        Ok(())
    }
}

pub struct InsertModel;

impl Bufferizable for InsertModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, operand: usize) -> Access {
        if operand == 1 {
            Access::READ_WRITE // the other elements are kept
        } else {
            Access::NONE
        }
    }

    fn aliases(&self, state: &AnalysisState<'_>, op: OpId, operand: usize) -> Vec<Value> {
        if operand == 1 {
            vec![state.ir.result(op, 0)]
        } else {
            Vec::new()
        }
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let insert = InsertOp(op);
        let (scalar, indices, result, location) =
            (insert.scalar(ir), insert.indices(ir).to_vec(), ir.result(op, 0), ir.op(op).location);
        let buffer = b.operand_buffer(op, 1)?;
        b.rewriter
            .build::<memref::StoreOp>(InsertPoint::Before(op), location, &[&[scalar], &[buffer], &indices], &[], &[])
            .map_err(build_error(location))?;
        b.set_buffer(result, buffer);
        b.erase(op);
        Ok(())
    }
}

pub struct FromElementsModel;

impl Bufferizable for FromElementsModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::NONE
    }

    /// One store per element, in row-major order (as upstream).
    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let ctx = ir.ctx_arc().clone();
        let (result, location) = (ir.result(op, 0), ir.op(op).location);
        let elements = FromElementsOp(op).elements(ir).to_vec();
        let ty = ir.value_type(result);
        let shape = ty.shape(&ctx).unwrap_or(&[]).to_vec();
        let at = InsertPoint::Before(op);
        let buffer = b.alloc(at, location, ty, &[])?;
        for (k, &element) in elements.iter().enumerate() {
            let mut indices = Vec::with_capacity(shape.len());
            let mut rest = k as i64;
            for &size in shape.iter().rev() {
                indices.push(rest % size.max(1));
                rest /= size.max(1);
            }
            indices.reverse();
            let mut index_values = Vec::with_capacity(indices.len());
            for i in indices {
                index_values.push(b.index_constant(at, location, i)?);
            }
            b.rewriter
                .build::<memref::StoreOp>(at, location, &[&[element], &[buffer], &index_values], &[], &[])
                .map_err(build_error(location))?;
        }
        b.set_buffer(result, buffer);
        b.erase(op);
        Ok(())
    }
}

/// `linalg.fill ins(%value) outs(%buffer)` before `at`.
fn fill(b: &mut Bufferizer<'_, '_>, at: InsertPoint, location: Location, value: Value, buffer: Value) -> Result<(), Diagnostic> {
    let fill =
        build_named::<FillOp>(b.ir_mut(), location, &[value], &[buffer], &[]).map_err(|why| Diagnostic::error(location, why))?;
    b.rewriter.insert(at, fill.0);
    Ok(())
}

pub struct SplatModel;

impl Bufferizable for SplatModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::NONE
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let splat = SplatOp(op);
        let (input, sizes, result, location) =
            (splat.input(ir), splat.dynamicSizes(ir).to_vec(), ir.result(op, 0), ir.op(op).location);
        let ty = ir.value_type(result);
        let at = InsertPoint::Before(op);
        let buffer = b.alloc(at, location, ty, &sizes)?;
        fill(b, at, location, input, buffer)?;
        b.set_buffer(result, buffer);
        b.erase(op);
        Ok(())
    }
}

/// Fills `buffer` by running `body` (a block whose arguments are the
/// element's indices, ending in `tensor.yield`) for every element: a
/// `linalg.generic` with `linalg.index` in place of the arguments. The
/// body's ops move into it.
fn fill_from_body(
    b: &mut Bufferizer<'_, '_>,
    at: InsertPoint,
    location: Location,
    buffer: Value,
    body: ir::BlockId,
) -> Result<(), Diagnostic> {
    let ctx = b.ir().ctx_arc().clone();
    let ty = b.ir().value_type(buffer);
    let rank = ty.shape(&ctx).map_or(0, |s| s.len());
    let maps = indexing_maps_attr(&ctx, &[AffineMap::identity(rank as u32)]);
    let iterators = iterator_types_attr(&ctx, &vec![IteratorType::Parallel; rank]);
    let generic = b
        .rewriter
        .build::<GenericOp>(at, location, &[&[], &[buffer]], &[], &[("indexing_maps", maps), ("iterator_types", iterators)])
        .map_err(build_error(location))?;
    let region = b.ir().regions(generic.0)[0];
    let element = ty.element_type_or_self(&ctx);
    let block = b.rewriter.create_block_at_start(region, &[element], location);
    let index = Type::index(&ctx);
    let mut indices = Vec::with_capacity(rank);
    for d in 0..rank {
        let dim = Attribute::integer(&ctx, d as i128, Type::integer(&ctx, 64));
        let i = b
            .rewriter
            .build::<IndexOp>(InsertPoint::End(block), location, &[], &[index], &[("dim", dim)])
            .map_err(build_error(location))?;
        indices.push(b.ir().result(i.0, 0));
    }
    b.rewriter.merge_block_into(body, block, &indices);
    let Some(terminator) = b.ir().terminator(block) else {
        return Err(Diagnostic::error(location, "the body has no terminator"));
    };
    let yielded = b.ir().operands(terminator).to_vec();
    b.rewriter
        .build::<dialect_linalg::YieldOp>(InsertPoint::Before(terminator), location, &[&yielded], &[], &[])
        .map_err(build_error(location))?;
    b.rewriter.erase_op(terminator);
    Ok(())
}

pub struct GenerateModel;

impl Bufferizable for GenerateModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::NONE
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let (result, location) = (ir.result(op, 0), ir.op(op).location);
        let sizes = GenerateOp(op).dynamicExtents(ir).to_vec();
        let Some(body) = ir.regions(op).first().and_then(|&r| ir.entry_block(r)) else {
            return Err(op_error(ir, op, "has no body"));
        };
        let ty = ir.value_type(result);
        let at = InsertPoint::Before(op);
        let buffer = b.alloc(at, location, ty, &sizes)?;
        fill_from_body(b, at, location, buffer, body)?;
        b.set_buffer(result, buffer);
        b.erase(op);
        Ok(())
    }
}

/// The sizes of `buffer`, static or read with `memref.dim` before `at`.
fn sizes_of(b: &mut Bufferizer<'_, '_>, op: OpId, buffer: Value) -> Result<Vec<Ofr>, Diagnostic> {
    let rank = b.ir().value_type(buffer).shape(b.ir().ctx()).map_or(0, |s| s.len());
    let mut ib = IndexBuilder::before(&mut b.rewriter, op);
    (0..rank).map(|d| ib.dim(buffer, d).map_err(|e| Diagnostic::error(ib.location, e.0))).collect()
}

/// Copies `source` into the window of `buffer` at `offsets` with
/// `source`'s sizes and unit strides, before `op`.
fn copy_into_window(
    b: &mut Bufferizer<'_, '_>,
    op: OpId,
    source: Value,
    buffer: Value,
    offsets: &[Ofr],
) -> Result<(), Diagnostic> {
    let location = b.ir().op(op).location;
    let sizes = sizes_of(b, op, source)?;
    let (static_offsets, offset_values) = split_mixed(offsets);
    let (static_sizes, size_values) = split_mixed(&sizes);
    let shape: Vec<i64> = b.ir().value_type(source).shape(b.ir().ctx()).unwrap_or(&[]).to_vec();
    let strides = vec![1; offsets.len()];
    let at = InsertPoint::Before(op);
    let view =
        b.subview(at, location, buffer, [&static_offsets, &static_sizes, &strides], [&offset_values, &size_values, &[]], &shape)?;
    b.copy(at, location, source, view)
}

pub struct PadModel;

impl Bufferizable for PadModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, operand: usize) -> Access {
        if operand == 0 {
            Access::READ
        } else {
            Access::NONE
        }
    }

    /// A new buffer of the padded size, filled with the padding (one
    /// `linalg.fill` when the body yields a value from outside it), then
    /// the source copied into the middle.
    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let ctx = ir.ctx_arc().clone();
        let pad = PadOp(op);
        let (source, result, location) = (pad.source(ir), ir.result(op, 0), ir.op(op).location);
        let (low, high) = (pad.low(ir).to_vec(), pad.high(ir).to_vec());
        let (static_low, static_high) = (mixed_list::statics(ir, op, "static_low"), mixed_list::statics(ir, op, "static_high"));
        let Some(body) = ir.regions(op).first().and_then(|&r| ir.entry_block(r)) else {
            return Err(op_error(ir, op, "has no body"));
        };
        let result_type = ir.value_type(result);
        let result_shape = result_type.shape(&ctx).unwrap_or(&[]).to_vec();
        let source_buffer = b.buffer(source)?;
        let at = InsertPoint::Before(op);

        let missing = || Diagnostic::error(location, "the padding amounts do not match their operands");
        let lows = join_mixed(&static_low, &low).ok_or_else(missing)?;
        let highs = join_mixed(&static_high, &high).ok_or_else(missing)?;
        let inner = sizes_of(b, op, source_buffer)?;
        let mut dynamic_sizes = Vec::new();
        {
            let mut ib = IndexBuilder::before(&mut b.rewriter, op);
            for (d, &size) in result_shape.iter().enumerate() {
                if size == DYNAMIC {
                    let (l, i, h) = (lows[d], inner[d], highs[d]);
                    let total = ib.add(l, i).and_then(|x| ib.add(x, h)).and_then(|x| ib.value(x));
                    dynamic_sizes.push(total.map_err(|e| Diagnostic::error(location, e.0))?);
                }
            }
        }
        let buffer = b.alloc(at, location, result_type, &dynamic_sizes)?;

        let terminator = b.ir().terminator(body);
        let yielded = terminator.and_then(|t| b.ir().operands(t).first().copied());
        match yielded.filter(|&v| b.ir().value_parent_block(v) != Some(body)) {
            Some(value) => fill(b, at, location, value, buffer)?,
            None => fill_from_body(b, at, location, buffer, body)?,
        }
        copy_into_window(b, op, source_buffer, buffer, &lows)?;
        b.set_buffer(result, buffer);
        b.erase(op);
        Ok(())
    }
}

pub struct ConcatModel;

impl Bufferizable for ConcatModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::READ
    }

    /// A new buffer, and each input copied into its part along `dim`.
    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let ctx = ir.ctx_arc().clone();
        let concat = ConcatOp(op);
        let (inputs, result, location) = (concat.inputs(ir).to_vec(), ir.result(op, 0), ir.op(op).location);
        let dim = ir.attr(op, "dim").and_then(|a| a.as_integer(&ctx)).and_then(|d| usize::try_from(d).ok());
        let Some(dim) = dim else { return Err(op_error(ir, op, "requires a valid 'dim' attribute")) };
        let result_type = ir.value_type(result);
        let result_shape = result_type.shape(&ctx).unwrap_or(&[]).to_vec();
        let at = InsertPoint::Before(op);
        let mut buffers = Vec::with_capacity(inputs.len());
        for &input in &inputs {
            buffers.push(b.buffer(input)?);
        }

        // Each input's offset along `dim`, and the concatenated size.
        let mut sizes = Vec::with_capacity(buffers.len());
        for &buffer in &buffers {
            sizes.push(sizes_of(b, op, buffer)?[dim]);
        }
        let mut offsets = Vec::with_capacity(buffers.len());
        let mut dynamic_sizes = Vec::new();
        {
            let mut ib = IndexBuilder::before(&mut b.rewriter, op);
            let fail = |e: BuildFailure| Diagnostic::error(location, e.0);
            let mut running = Ofr::Const(0);
            for &size in &sizes {
                offsets.push(running);
                running = ib.add(running, size).map_err(fail)?;
            }
            for (d, &size) in result_shape.iter().enumerate() {
                if size == DYNAMIC {
                    let extent = if d == dim { running } else { ib.dim(buffers[0], d).map_err(fail)? };
                    dynamic_sizes.push(ib.value(extent).map_err(fail)?);
                }
            }
        }
        let buffer = b.alloc(at, location, result_type, &dynamic_sizes)?;
        let rank = result_shape.len();
        for (&input_buffer, &offset) in buffers.iter().zip(&offsets) {
            let mut window = vec![Ofr::Const(0); rank];
            window[dim] = offset;
            copy_into_window(b, op, input_buffer, buffer, &window)?;
        }
        b.set_buffer(result, buffer);
        b.erase(op);
        Ok(())
    }
}
