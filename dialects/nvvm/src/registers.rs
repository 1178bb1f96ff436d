//! Reads of PTX special registers: thread, block and cluster ids and the
//! sizes around them, lane and warp ids, clocks. Each returns the register
//! (an `i32`, `i64` for the 64-bit ones) and, for ids and sizes, may say
//! which range it is known to lie in.
//!
//! ```mlir
//! %tid = nvvm.read.ptx.sreg.tid.x : i32
//! %ntid = nvvm.read.ptx.sreg.ntid.x range <i32, 1, 129> : i32
//! %clock = nvvm.read.ptx.sreg.clock64 : i64
//! ```

use dialect_llvm::attrs::{ConstantRange, CONSTANT_RANGE};
use dialect_llvm::LLVM_TYPE;
use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Ir, OpId};

/// A `range`, if any, that LLVM accepts.
fn verify_range(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let Some(range) = ir.attr(op, "range").and_then(|a| ConstantRange::of(ir.ctx(), a)) else { return Ok(()) };
    range.check().map_err(|message| op_error(ir, op, message))
}

/// Declares the reads of registers whose range may be known.
macro_rules! rangeable_registers {
    ($(#[doc = $doc:literal] $ty:ident = $name:literal;)*) => {$(
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                results: [res: Single(LLVM_TYPE)],
                attributes: [range: Optional(CONSTANT_RANGE)],
                traits: [PURE],
                format: "(`range` $range^)? attr-dict `:` type($res)",
                extra: {
                    verify: Some(verify_range),
                },
            }
        }
    )*};
}

/// Declares the reads of registers with no known range.
macro_rules! registers {
    ($(#[doc = $doc:literal] $ty:ident = $name:literal;)*) => {$(
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                results: [res: Single(LLVM_TYPE)],
                traits: [PURE],
                format: "attr-dict `:` type($res)",
            }
        }
    )*};
}

rangeable_registers! {
    /// The thread's lane within its warp.
    LaneIdOp = "nvvm.read.ptx.sreg.laneid";
    /// The number of threads in a warp.
    WarpSizeOp = "nvvm.read.ptx.sreg.warpsize";
    /// The thread's id within its block, along x.
    ThreadIdXOp = "nvvm.read.ptx.sreg.tid.x";
    /// The thread's id within its block, along y.
    ThreadIdYOp = "nvvm.read.ptx.sreg.tid.y";
    /// The thread's id within its block, along z.
    ThreadIdZOp = "nvvm.read.ptx.sreg.tid.z";
    /// The number of threads in a block, along x.
    BlockDimXOp = "nvvm.read.ptx.sreg.ntid.x";
    /// The number of threads in a block, along y.
    BlockDimYOp = "nvvm.read.ptx.sreg.ntid.y";
    /// The number of threads in a block, along z.
    BlockDimZOp = "nvvm.read.ptx.sreg.ntid.z";
    /// The block's id within the grid, along x.
    BlockIdXOp = "nvvm.read.ptx.sreg.ctaid.x";
    /// The block's id within the grid, along y.
    BlockIdYOp = "nvvm.read.ptx.sreg.ctaid.y";
    /// The block's id within the grid, along z.
    BlockIdZOp = "nvvm.read.ptx.sreg.ctaid.z";
    /// The number of blocks in the grid, along x.
    GridDimXOp = "nvvm.read.ptx.sreg.nctaid.x";
    /// The number of blocks in the grid, along y.
    GridDimYOp = "nvvm.read.ptx.sreg.nctaid.y";
    /// The number of blocks in the grid, along z.
    GridDimZOp = "nvvm.read.ptx.sreg.nctaid.z";
    /// The warp's id within its block.
    WarpIdOp = "nvvm.read.ptx.sreg.warpid";
    /// The number of warp ids.
    WarpDimOp = "nvvm.read.ptx.sreg.nwarpid";
    /// The id of the multiprocessor the thread runs on.
    SmIdOp = "nvvm.read.ptx.sreg.smid";
    /// The number of multiprocessor ids.
    SmDimOp = "nvvm.read.ptx.sreg.nsmid";
    /// The id of the grid, unique among the grids of a program.
    GridIdOp = "nvvm.read.ptx.sreg.gridid";
    /// The cluster's id within the grid, along x.
    ClusterIdXOp = "nvvm.read.ptx.sreg.clusterid.x";
    /// The cluster's id within the grid, along y.
    ClusterIdYOp = "nvvm.read.ptx.sreg.clusterid.y";
    /// The cluster's id within the grid, along z.
    ClusterIdZOp = "nvvm.read.ptx.sreg.clusterid.z";
    /// The number of clusters in the grid, along x.
    ClusterDimXOp = "nvvm.read.ptx.sreg.nclusterid.x";
    /// The number of clusters in the grid, along y.
    ClusterDimYOp = "nvvm.read.ptx.sreg.nclusterid.y";
    /// The number of clusters in the grid, along z.
    ClusterDimZOp = "nvvm.read.ptx.sreg.nclusterid.z";
    /// The block's id within its cluster, along x.
    BlockInClusterIdXOp = "nvvm.read.ptx.sreg.cluster.ctaid.x";
    /// The block's id within its cluster, along y.
    BlockInClusterIdYOp = "nvvm.read.ptx.sreg.cluster.ctaid.y";
    /// The block's id within its cluster, along z.
    BlockInClusterIdZOp = "nvvm.read.ptx.sreg.cluster.ctaid.z";
    /// The number of blocks in a cluster, along x.
    ClusterDimBlocksXOp = "nvvm.read.ptx.sreg.cluster.nctaid.x";
    /// The number of blocks in a cluster, along y.
    ClusterDimBlocksYOp = "nvvm.read.ptx.sreg.cluster.nctaid.y";
    /// The number of blocks in a cluster, along z.
    ClusterDimBlocksZOp = "nvvm.read.ptx.sreg.cluster.nctaid.z";
    /// The block's linear id within its cluster.
    ClusterIdOp = "nvvm.read.ptx.sreg.cluster.ctarank";
    /// The number of blocks in a cluster, all dimensions together.
    ClusterDimOp = "nvvm.read.ptx.sreg.cluster.nctarank";
}

registers! {
    /// The mask with only the thread's lane set.
    LaneMaskEqOp = "nvvm.read.ptx.sreg.lanemask.eq";
    /// The mask of the lanes up to and including the thread's.
    LaneMaskLeOp = "nvvm.read.ptx.sreg.lanemask.le";
    /// The mask of the lanes below the thread's.
    LaneMaskLtOp = "nvvm.read.ptx.sreg.lanemask.lt";
    /// The mask of the lanes from the thread's up.
    LaneMaskGeOp = "nvvm.read.ptx.sreg.lanemask.ge";
    /// The mask of the lanes above the thread's.
    LaneMaskGtOp = "nvvm.read.ptx.sreg.lanemask.gt";
    /// A 32-bit cycle counter.
    ClockOp = "nvvm.read.ptx.sreg.clock";
    /// A 64-bit cycle counter.
    Clock64Op = "nvvm.read.ptx.sreg.clock64";
    /// A 64-bit nanosecond timer.
    GlobalTimerOp = "nvvm.read.ptx.sreg.globaltimer";
}

pub(crate) fn register(dialect: ir::Dialect) -> ir::Dialect {
    dialect
        .with_op::<LaneIdOp>()
        .with_op::<WarpSizeOp>()
        .with_op::<ThreadIdXOp>()
        .with_op::<ThreadIdYOp>()
        .with_op::<ThreadIdZOp>()
        .with_op::<BlockDimXOp>()
        .with_op::<BlockDimYOp>()
        .with_op::<BlockDimZOp>()
        .with_op::<BlockIdXOp>()
        .with_op::<BlockIdYOp>()
        .with_op::<BlockIdZOp>()
        .with_op::<GridDimXOp>()
        .with_op::<GridDimYOp>()
        .with_op::<GridDimZOp>()
        .with_op::<WarpIdOp>()
        .with_op::<WarpDimOp>()
        .with_op::<SmIdOp>()
        .with_op::<SmDimOp>()
        .with_op::<GridIdOp>()
        .with_op::<ClusterIdXOp>()
        .with_op::<ClusterIdYOp>()
        .with_op::<ClusterIdZOp>()
        .with_op::<ClusterDimXOp>()
        .with_op::<ClusterDimYOp>()
        .with_op::<ClusterDimZOp>()
        .with_op::<BlockInClusterIdXOp>()
        .with_op::<BlockInClusterIdYOp>()
        .with_op::<BlockInClusterIdZOp>()
        .with_op::<ClusterDimBlocksXOp>()
        .with_op::<ClusterDimBlocksYOp>()
        .with_op::<ClusterDimBlocksZOp>()
        .with_op::<ClusterIdOp>()
        .with_op::<ClusterDimOp>()
        .with_op::<LaneMaskEqOp>()
        .with_op::<LaneMaskLeOp>()
        .with_op::<LaneMaskLtOp>()
        .with_op::<LaneMaskGeOp>()
        .with_op::<LaneMaskGtOp>()
        .with_op::<ClockOp>()
        .with_op::<Clock64Op>()
        .with_op::<GlobalTimerOp>()
}
