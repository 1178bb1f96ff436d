//! Bufferization of the ops that see a tensor's elements another way
//! without moving them: `tensor.cast` becomes `memref.cast`,
//! `tensor.expand_shape`/`collapse_shape`/`reshape` become their memref
//! twins, and `tensor.dim`/`tensor.rank` read the buffer's shape.
//!
//! A view shares its source's buffer. The exceptions are collapsing
//! dimensions of a buffer that are not contiguous in memory (a strided
//! view) and reshaping a buffer without the identity layout: the source is
//! first copied into a contiguous buffer, as upstream does.

use dialect_memref as memref;
use dialect_tensor::{CastOp, CollapseShapeOp, DimOp, ExpandShapeOp, RankOp, ReshapeOp};
use ir::rewrite::InsertPoint;
use ir::verifier::op_error;
use ir::{shape, Diagnostic, OpId, Type, Value};

use crate::analysis::AnalysisState;
use crate::bufferizable::{Access, Bufferizable};
use crate::bufferizer::Bufferizer;

/// An op whose result is a view of its first operand (which it does not
/// read) and which reads its other tensor operands (a reshape's sizes);
/// `make` builds the memref view of `buffer` before the op.
pub struct ViewModel {
    make: fn(&mut Bufferizer<'_, '_>, OpId, Value) -> Result<Value, Diagnostic>,
}

pub static CAST: ViewModel = ViewModel { make: cast };
pub static EXPAND_SHAPE: ViewModel = ViewModel { make: expand_shape };
pub static COLLAPSE_SHAPE: ViewModel = ViewModel { make: collapse_shape };
pub static RESHAPE: ViewModel = ViewModel { make: reshape };

impl Bufferizable for ViewModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, operand: usize) -> Access {
        if operand == 0 {
            Access::NONE
        } else {
            Access::READ
        }
    }

    fn aliases(&self, state: &AnalysisState<'_>, op: OpId, operand: usize) -> Vec<Value> {
        if operand == 0 {
            state.ir.results(op).to_vec()
        } else {
            Vec::new()
        }
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let source = b.ir().operands(op)[0];
        let buffer = b.buffer(source)?;
        let view = (self.make)(b, op, buffer)?;
        let result = b.ir().result(op, 0);
        b.set_buffer(result, view);
        b.erase(op);
        Ok(())
    }
}

/// The result shape with the source buffer's layout (upstream keeps the
/// layout of a ranked source).
fn cast(b: &mut Bufferizer<'_, '_>, op: OpId, buffer: Value) -> Result<Value, Diagnostic> {
    let ir = b.ir();
    let ctx = ir.ctx();
    let (result, location) = (CastOp(op).dest(ir), ir.op(op).location);
    let result_type = ir.value_type(result);
    let buffer_type = ir.value_type(buffer);
    let ty = match (result_type.shape(ctx), buffer_type.shape(ctx)) {
        (Some(shape), Some(old)) if shape.len() == old.len() => {
            let layout = match buffer_type.data(ctx) {
                ir::TypeData::MemRef { layout, .. } => *layout,
                _ => None,
            };
            memref::layout::with_shape_and_layout(ctx, buffer_type, shape.to_vec(), layout)
        }
        _ => b.memref_type(result_type),
    };
    let ty = if memref::cast_compatible(b.ir().ctx(), buffer_type, ty) {
        ty
    } else {
        crate::bufferizer::fully_dynamic(b.ir().ctx(), ty)
    };
    b.cast(InsertPoint::Before(op), location, buffer, ty)
}

fn expand_shape(b: &mut Bufferizer<'_, '_>, op: OpId, buffer: Value) -> Result<Value, Diagnostic> {
    let ir = b.ir();
    let ctx = ir.ctx_arc().clone();
    let expand = ExpandShapeOp(op);
    let (result, location) = (ir.result(op, 0), ir.op(op).location);
    let Some(groups) = ir.attr(op, "reassociation").and_then(|a| shape::reassociation(&ctx, a)) else {
        return Err(op_error(ir, op, "requires a reassociation"));
    };
    let result_shape = ir.value_type(result).shape(&ctx).unwrap_or(&[]).to_vec();
    let Some(ty) = memref::expanded_type(&ctx, ir.value_type(buffer), &result_shape, &groups) else {
        return Err(op_error(ir, op, "cannot expand a buffer with this layout"));
    };
    let output_shape = expand.output_shape(ir).to_vec();
    let attrs: Vec<(&str, ir::Attribute)> =
        ["reassociation", "static_output_shape"].into_iter().filter_map(|n| b.ir().attr(op, n).map(|a| (n, a))).collect();
    let view = b
        .rewriter
        .build::<memref::ExpandShapeOp>(InsertPoint::Before(op), location, &[&[buffer], &output_shape], &[ty], &attrs)
        .map_err(|e| Diagnostic::error(location, e.0))?;
    Ok(b.ir().result(view.0, 0))
}

fn collapse_shape(b: &mut Bufferizer<'_, '_>, op: OpId, buffer: Value) -> Result<Value, Diagnostic> {
    let ir = b.ir();
    let ctx = ir.ctx_arc().clone();
    let (result, location) = (CollapseShapeOp(op).result(ir), ir.op(op).location);
    let Some(groups) = ir.attr(op, "reassociation").and_then(|a| shape::reassociation(&ctx, a)) else {
        return Err(op_error(ir, op, "requires a reassociation"));
    };
    let result_shape = ir.value_type(result).shape(&ctx).unwrap_or(&[]).to_vec();
    let at = InsertPoint::Before(op);
    let source_type = ir.value_type(buffer);
    let collapsed = memref::collapsed_type(&ctx, source_type, &result_shape, &groups)
        .filter(|_| groups_contiguous(&ctx, source_type, &groups));
    let (source, ty) = match collapsed {
        Some(ty) => (buffer, ty),
        None => {
            let contiguous = b.alloc_like(at, location, buffer)?;
            b.copy(at, location, buffer, contiguous)?;
            let ty: Type =
                Type::memref(&ctx, result_shape.clone(), ir::Type::element_type_or_self(b.ir().value_type(buffer), &ctx));
            (contiguous, ty)
        }
    };
    let reassociation = b.ir().attr(op, "reassociation").into_iter().map(|a| ("reassociation", a)).collect::<Vec<_>>();
    let view = b
        .rewriter
        .build::<memref::CollapseShapeOp>(at, location, &[&[source]], &[ty], &reassociation)
        .map_err(|e| Diagnostic::error(location, e.0))?;
    Ok(b.ir().result(view.0, 0))
}

/// `memref.reshape` of the buffer (copied first when its layout is not the
/// identity) with the sizes' buffer.
fn reshape(b: &mut Bufferizer<'_, '_>, op: OpId, buffer: Value) -> Result<Value, Diagnostic> {
    let ir = b.ir();
    let reshape = ReshapeOp(op);
    let (shape, result, location) = (reshape.shape(ir), reshape.result(ir), ir.op(op).location);
    let at = InsertPoint::Before(op);
    let buffer_type = ir.value_type(buffer);
    let source = if buffer_type.shape(ir.ctx()).is_some() && !memref::layout::has_identity_layout(ir.ctx(), buffer_type) {
        let contiguous = b.alloc_like(at, location, buffer)?;
        b.copy(at, location, buffer, contiguous)?;
        contiguous
    } else {
        buffer
    };
    let sizes = b.buffer(shape)?;
    let ty = b.memref_type(b.ir().value_type(result));
    let view = b
        .rewriter
        .build::<memref::ReshapeOp>(at, location, &[&[source], &[sizes]], &[ty], &[])
        .map_err(|e| Diagnostic::error(location, e.0))?;
    Ok(b.ir().result(view.0, 0))
}

/// Whether each group of dimensions of buffer type `ty` is provably
/// contiguous in memory: an identity layout, or static strides where each
/// dimension's stride is the next one's times its size.
fn groups_contiguous(ctx: &ir::Context, ty: Type, groups: &[Vec<i64>]) -> bool {
    if memref::layout::has_identity_layout(ctx, ty) {
        return true;
    }
    let (Some((strides, _)), Some(shape)) = (memref::layout::strides_and_offset(ctx, ty), ty.shape(ctx)) else { return false };
    groups.iter().all(|group| {
        group.windows(2).all(|pair| {
            let (outer, inner) = (pair[0] as usize, pair[1] as usize);
            match (strides.get(outer), strides.get(inner), shape.get(inner)) {
                (Some(&so), Some(&si), Some(&size)) => {
                    so != ir::types::DYNAMIC
                        && si != ir::types::DYNAMIC
                        && size != ir::types::DYNAMIC
                        && si.checked_mul(size) == Some(so)
                }
                _ => false,
            }
        })
    })
}

/// `tensor.dim` and `tensor.rank`: the same question asked of the buffer.
pub struct ShapeQueryModel;

impl Bufferizable for ShapeQueryModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::NONE
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let (result, location) = (ir.result(op, 0), ir.op(op).location);
        let index = Type::index(ir.ctx());
        let at = InsertPoint::Before(op);
        let answer = if let Some(dim) = ir.dyn_cast::<DimOp>(op) {
            let (source, d) = (dim.source(ir), dim.index(ir));
            let buffer = b.buffer(source)?;
            b.rewriter.build::<memref::DimOp>(at, location, &[&[buffer], &[d]], &[index], &[]).map(|o| o.0)
        } else if let Some(rank) = ir.dyn_cast::<RankOp>(op) {
            let buffer = b.buffer(rank.tensor(ir))?;
            b.rewriter.build::<memref::RankOp>(at, location, &[&[buffer]], &[index], &[]).map(|o| o.0)
        } else {
            return Err(op_error(ir, op, "is not a shape query"));
        }
        .map_err(|e| Diagnostic::error(location, e.0))?;
        let value = b.ir().result(answer, 0);
        b.rewriter.replace_all_uses(result, value);
        b.erase(op);
        Ok(())
    }
}
