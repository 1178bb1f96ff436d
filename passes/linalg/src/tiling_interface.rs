//! The tiling interface (upstream's `TilingInterface`): what a loop
//! transformation needs to know to compute an op one tile at a time. An op
//! is a loop nest over an iteration domain; given a tile of that domain
//! (offsets and sizes per loop) it can build itself on slices of its
//! operands, say where the tile lands in each result, and, for fusion, which
//! tile of the domain computes a given tile of one result.
//!
//! Every linalg structured op implements it through its [`Structured`]
//! view ([`crate::structured_tiling`]), and so does `tensor.pad`
//! ([`crate::pad_tiling`]). Other ops implement it as an external model:
//! `ctx.attach_interface::<dyn TilingInterface>("my.op", &MyTiling)`;
//! [`tiling_interface`] finds either.
//!
//! [`Structured`]: dialect_linalg::Structured

use dialect_linalg::{IteratorType, Structured};
use dialect_memref as memref;
use dialect_tensor as tensor;
use ir::{Ir, OpId, Type, Value};

use crate::index_math::{split_mixed, BuildFailure, IndexBuilder, Ofr};

/// A tile: offsets and sizes, one per loop of an iteration domain or one
/// per dimension of a tensor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tile {
    pub offsets: Vec<Ofr>,
    pub sizes: Vec<Ofr>,
}

/// What [`TilingInterface::tiled_implementation`] built.
#[derive(Clone, Debug, Default)]
pub struct TiledOp {
    /// The ops that compute the tile (the op on slices; for `tensor.pad` the
    /// `scf.if` that chooses between padding a slice and generating the tile).
    pub ops: Vec<OpId>,
    /// One value per result of the original op: its tile.
    pub results: Vec<Value>,
    /// The `tensor.extract_slice` ops made for operands, candidates for
    /// fusing their producers.
    pub slices: Vec<OpId>,
}

/// How an op computes itself one tile at a time.
pub trait TilingInterface: Sync {
    /// Why `op` cannot be tiled, if it cannot; checked before anything is built.
    fn check(&self, ir: &Ir, op: OpId) -> Result<(), String>;

    /// One entry per loop of the iteration domain.
    fn loop_iterator_types(&self, ir: &Ir, op: OpId) -> Vec<IteratorType>;

    /// The size of each loop (the domain starts at 0 with step 1), reading
    /// dynamic sizes at `b.at`.
    fn iteration_domain(&self, b: &mut IndexBuilder<'_, '_>, op: OpId) -> Result<Vec<Ofr>, BuildFailure>;

    /// The tensors the results are computed into, one per result (the inits
    /// of a structured op; a new `tensor.empty` for `tensor.pad`), built at `b.at`.
    fn destinations(&self, b: &mut IndexBuilder<'_, '_>, op: OpId) -> Result<Vec<Value>, BuildFailure>;

    /// Builds, at `b.at`, the op restricted to `tile` of its iteration
    /// domain, on slices of its operands; the slices of its destinations are
    /// taken from `destinations` (one per result) when given, so that a loop
    /// can thread them through its iteration arguments.
    fn tiled_implementation(
        &self,
        b: &mut IndexBuilder<'_, '_>,
        op: OpId,
        tile: &Tile,
        destinations: Option<&[Value]>,
    ) -> Result<TiledOp, BuildFailure>;

    /// Where the iteration-domain `tile` lands in result `result`.
    fn result_tile_position(
        &self,
        b: &mut IndexBuilder<'_, '_>,
        op: OpId,
        result: usize,
        tile: &Tile,
    ) -> Result<Tile, BuildFailure>;

    /// The tile of the iteration domain that computes `result_tile` of
    /// result `result` (for fusing the op into a consumer's loop nest).
    fn iteration_tile_of_result_tile(
        &self,
        b: &mut IndexBuilder<'_, '_>,
        op: OpId,
        result: usize,
        result_tile: &Tile,
    ) -> Result<Tile, BuildFailure>;
}

/// `op`'s tiling interface: an attached one first, else the built-in
/// models of structured ops and `tensor.pad`.
pub fn tiling_interface(ir: &Ir, op: OpId) -> Option<&'static dyn TilingInterface> {
    if let Some(attached) = ir.interface::<dyn TilingInterface>(op) {
        return Some(attached);
    }
    if Structured::of(ir, op).is_some() {
        return Some(&crate::structured_tiling::StructuredTiling);
    }
    if ir.isa::<tensor::PadOp>(op) {
        return Some(&crate::pad_tiling::PadTiling);
    }
    None
}

/// `tensor.extract_slice` of `source` at `tile` with unit strides, at `b.at`,
/// of the tile's (static where known) shape: never rank-reducing.
pub fn extract_slice(b: &mut IndexBuilder<'_, '_>, source: Value, tile: &Tile) -> Result<OpId, BuildFailure> {
    let ctx = b.rewriter.ctx();
    let element = b.rewriter.ir().value_type(source).element_type_or_self(ctx);
    let (static_offsets, offsets) = split_mixed(&tile.offsets);
    let (static_sizes, sizes) = split_mixed(&tile.sizes);
    let strides = vec![1; tile.sizes.len()];
    let ty = Type::ranked_tensor(ctx, static_sizes.clone(), element);
    let attrs = slice_attributes(b, &static_offsets, &static_sizes, &strides);
    let attrs: Vec<(&str, ir::Attribute)> = attrs.iter().map(|(n, a)| (*n, *a)).collect();
    b.op::<tensor::ExtractSliceOp>(&[&[source], &offsets, &sizes, &[]], &[ty], &attrs)
}

/// `memref.subview` of `source` at `tile` with unit strides, at `b.at`.
pub fn subview(b: &mut IndexBuilder<'_, '_>, source: Value, tile: &Tile) -> Result<OpId, BuildFailure> {
    let ctx = b.rewriter.ctx();
    let source_type = b.rewriter.ir().value_type(source);
    let (static_offsets, offsets) = split_mixed(&tile.offsets);
    let (static_sizes, sizes) = split_mixed(&tile.sizes);
    let strides = vec![1; tile.sizes.len()];
    let ty = memref::subview_type(ctx, source_type, &static_offsets, &static_sizes, &strides)
        .ok_or_else(|| BuildFailure(format!("'{}' has no strided layout to take a subview of", ctx.print_type(source_type))))?;
    let attrs = slice_attributes(b, &static_offsets, &static_sizes, &strides);
    let attrs: Vec<(&str, ir::Attribute)> = attrs.iter().map(|(n, a)| (*n, *a)).collect();
    b.op::<memref::SubViewOp>(&[&[source], &offsets, &sizes, &[]], &[ty], &attrs)
}

/// `tensor.insert_slice` (or `tensor.parallel_insert_slice` when `parallel`)
/// of `source` into `dest` at `tile` with unit strides, at `b.at`.
pub fn insert_slice(
    b: &mut IndexBuilder<'_, '_>,
    source: Value,
    dest: Value,
    tile: &Tile,
    parallel: bool,
) -> Result<OpId, BuildFailure> {
    let (static_offsets, offsets) = split_mixed(&tile.offsets);
    let (static_sizes, sizes) = split_mixed(&tile.sizes);
    let strides = vec![1; tile.sizes.len()];
    let attrs = slice_attributes(b, &static_offsets, &static_sizes, &strides);
    let attrs: Vec<(&str, ir::Attribute)> = attrs.iter().map(|(n, a)| (*n, *a)).collect();
    let groups: [&[Value]; 5] = [&[source], &[dest], &offsets, &sizes, &[]];
    if parallel {
        b.op::<tensor::ParallelInsertSliceOp>(&groups, &[], &attrs)
    } else {
        let ty = b.rewriter.ir().value_type(dest);
        b.op::<tensor::InsertSliceOp>(&groups, &[ty], &attrs)
    }
}

fn slice_attributes(
    b: &IndexBuilder<'_, '_>,
    offsets: &[i64],
    sizes: &[i64],
    strides: &[i64],
) -> [(&'static str, ir::Attribute); 3] {
    let ctx = b.rewriter.ctx();
    [
        ("static_offsets", ir::mixed_list::attribute(ctx, offsets)),
        ("static_sizes", ir::mixed_list::attribute(ctx, sizes)),
        ("static_strides", ir::mixed_list::attribute(ctx, strides)),
    ]
}

/// The tile that a slice op (`tensor.extract_slice`) takes, if it has unit
/// strides and keeps the rank of its source.
pub fn slice_tile(ir: &Ir, slice: OpId) -> Option<Tile> {
    let op = ir.dyn_cast::<tensor::ExtractSliceOp>(slice)?;
    let ctx = ir.ctx();
    let offsets = crate::index_math::join_mixed(&ir::mixed_list::statics(ir, slice, "static_offsets"), op.offsets(ir))?;
    let sizes = crate::index_math::join_mixed(&ir::mixed_list::statics(ir, slice, "static_sizes"), op.sizes(ir))?;
    let strides = ir::mixed_list::statics(ir, slice, "static_strides");
    let source_rank = ir.value_type(op.source(ir)).shape(ctx)?.len();
    let result_rank = ir.value_type(op.result(ir)).shape(ctx)?.len();
    (strides.iter().all(|&s| s == 1) && op.strides(ir).is_empty() && source_rank == result_rank)
        .then_some(Tile { offsets, sizes })
}
