//! Where a work item is: its thread, block and cluster ids and the sizes of
//! the grid around it, per dimension (`x`, `y`, `z`), and its lane and
//! subgroup. All are `index` values, optionally with a known upper bound.
//!
//! ```mlir
//! %tid = gpu.thread_id x
//! %bdim = gpu.block_dim y upper_bound 128
//! %lane = gpu.lane_id
//! %sg = gpu.subgroup_id : index
//! ```

use ir::constraints::INDEX;
use ir::{define_op, Ir, OpId, Type};

use crate::enums::{DIMENSION, DIMENSION_ATTR};
use crate::INDEX_ATTR;

/// Declares the ops that return one id or size along a dimension.
macro_rules! dimension_ops {
    ($(#[doc = $doc:literal] $ty:ident = $name:literal;)*) => {$(
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                results: [result: Single(INDEX)],
                attributes: [dimension: Required(DIMENSION_ATTR), upper_bound: Optional(INDEX_ATTR)],
                traits: [PURE],
                format: "$dimension (`upper_bound` $upper_bound^)? attr-dict",
                extra: {
                    infer_result_types: Some(|ctx, _, _| Some(vec![Type::index(ctx)])),
                    name_results: Some(name_by_dimension),
                },
            }
        }
    )*};
}

dimension_ops! {
    /// The id of the work item's thread within its block.
    ThreadIdOp = "gpu.thread_id";
    /// The id of the work item's block within the grid.
    BlockIdOp = "gpu.block_id";
    /// The number of threads in a block.
    BlockDimOp = "gpu.block_dim";
    /// The number of blocks in the grid.
    GridDimOp = "gpu.grid_dim";
    /// The id of the work item's thread within the whole grid.
    GlobalIdOp = "gpu.global_id";
    /// The id of the work item's cluster within the grid.
    ClusterIdOp = "gpu.cluster_id";
    /// The id of the work item's block within its cluster.
    ClusterBlockIdOp = "gpu.cluster_block_id";
    /// The number of clusters in the grid.
    ClusterDimOp = "gpu.cluster_dim";
    /// The number of blocks in a cluster.
    ClusterDimBlocksOp = "gpu.cluster_dim_blocks";
}

/// Declares the ops that return one subgroup-level id or count.
macro_rules! subgroup_ops {
    ($(#[doc = $doc:literal] $ty:ident = $name:literal, $format:literal;)*) => {$(
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                results: [result: Single(INDEX)],
                attributes: [upper_bound: Optional(INDEX_ATTR)],
                traits: [PURE],
                format: $format,
                extra: {
                    infer_result_types: Some(|ctx, _, _| Some(vec![Type::index(ctx)])),
                },
            }
        }
    )*};
}

subgroup_ops! {
    /// The id of the work item's lane within its subgroup.
    LaneIdOp = "gpu.lane_id", "(`upper_bound` $upper_bound^)? attr-dict";
    /// The id of the work item's subgroup within its block.
    SubgroupIdOp = "gpu.subgroup_id", "(`upper_bound` $upper_bound^)? attr-dict `:` type($result)";
    /// The number of subgroups in a block.
    NumSubgroupsOp = "gpu.num_subgroups", "(`upper_bound` $upper_bound^)? attr-dict `:` type($result)";
    /// The number of lanes in a subgroup.
    SubgroupSizeOp = "gpu.subgroup_size", "(`upper_bound` $upper_bound^)? attr-dict `:` type($result)";
}

/// `%thread_id_x`: the mnemonic and the dimension, as upstream names them.
fn name_by_dimension(ir: &Ir, op: OpId) -> Vec<Option<String>> {
    let mnemonic = ir.op_name_str(op).trim_start_matches("gpu.");
    let dimension = ir.attr(op, "dimension").and_then(|a| DIMENSION.case(ir.ctx(), a));
    vec![dimension.map(|d| format!("{mnemonic}_{d}"))]
}
