//! `gpu-lower`: the pipeline from parallel loops on buffers to GPU kernels
//! in the nvvm and llvm dialects, launched from the host with
//! `gpu.launch_func`:
//!
//! 0. `scf.forall` loops on buffers (tiling with `loop=forall`, then
//!    bufferization) become `scf.parallel` (`scf-forall-to-parallel`), and
//!    linalg ops on buffers become `scf.parallel` nests
//!    (`convert-linalg-to-parallel-loops`), so that
//!    `ml-opt --tile="sizes=32,32 loop=forall" --one-shot-bufferize
//!    --gpu-lower` goes from linalg on tensors to kernels;
//! 1. with `block-sizes=32,8`, `scf-parallel-loop-tiling` splits each
//!    innermost loop into tiles of that many iterations;
//! 2. `gpu-map-parallel-loops` maps each nest's outer loop to the grid and
//!    the loops in it to the threads of a block (so a tile is a block);
//! 3. `convert-parallel-loops-to-gpu` makes the nests `gpu.launch`es, with
//!    the bound check where a tile size does not divide its loop, and
//!    `canonicalize` folds the host functions;
//! 4. `gpu-launch-sink-index-computations` and `gpu-kernel-outlining` move
//!    the bodies into kernels of `gpu.module`s, which get
//!    `#nvvm.target<chip = ...>` (the host functions are canonicalized
//!    again: what was sunk may be dead there);
//! 5. in each `gpu.module`: `convert-scf-to-cf`, `expand-strided-metadata`
//!    (views of buffers become descriptor arithmetic), `convert-gpu-to-nvvm`,
//!    `canonicalize`, `cse` and `reconcile-unrealized-casts`, as upstream's
//!    `gpu-lower-to-nvvm-pipeline` runs them on device code.
//!
//! Block sizes are chosen by tiling, as upstream does it, rather than by
//! an option of the conversion: the tile loop maps to blocks and the loop
//! within a tile to threads through the ordinary mapping, and the bound
//! check comes out of the conversion's handling of inner loops whose
//! bounds it can only bound (`arith.minsi %tile, %rest`). Without
//! `block-sizes` a single-level nest runs one thread per block.
//!
//! 6. on the host, with `host-shared-buffers` (the default),
//!    `gpu-host-shared-buffers` puts the heap buffers and copies of the
//!    constant globals in memory shared with the device, so the kernels can
//!    reach what the host computes and prints; the launches stay
//!    `gpu.launch_func`.

use dialect_func as func;
use dialect_gpu as gpu;
use ir::pass::{OptionInfo, Pass, PassContext, PassInfo};
use ir::rewrite::{apply_patterns_greedily, GreedyConfig};
use ir::{Attribute, Diagnostic, Ir, OpId, OpType};
use passes_conversions::gpu_to_nvvm::convert_gpu_to_nvvm;
use passes_conversions::linalg_to_loops::{convert_linalg_to_loops, LoopKind};
use passes_conversions::parallel_loops_to_gpu::convert_parallel_loops_to_gpu;
use passes_conversions::reconcile_unrealized_casts::reconcile_casts;
use passes_conversions::scf_to_cf::convert_scf_to_cf;

use crate::kernel_outlining::outline_kernels;
use crate::launch_sink_index_computations::sink_index_computations;
use crate::map_parallel_loops::{map_parallel_loops, MappingPolicy};

pub const INFO: PassInfo = PassInfo {
    name: "gpu-lower",
    summary: "Lower linalg ops, scf.forall and scf.parallel loops on buffers to GPU kernels in the nvvm and llvm dialects, launched with gpu.launch_func",
    anchor: None,
    options: &[
        OptionInfo {
            name: "block-sizes",
            description: "Tile the innermost parallel loops by these sizes first: the threads of a block (x, y, z)",
            default: "",
        },
        OptionInfo { name: "chip", description: "The chip the kernel modules target (#nvvm.target)", default: "sm_80" },
        OptionInfo {
            name: "host-shared-buffers",
            description: "Allocate the host's buffers in memory shared with the device (gpu-host-shared-buffers)",
            default: "true",
        },
    ],
    dependent_dialects: &["arith", "cf", "gpu", "llvm", "nvvm", "scf"],
    create: |options| {
        let block_sizes = options.get_int_list("block-sizes")?;
        if block_sizes.iter().any(|&s| s <= 0) {
            return Err("block sizes must be positive".into());
        }
        let chip = options.get("chip").to_string();
        if chip.is_empty() {
            return Err("the chip cannot be empty".into());
        }
        let host_shared_buffers = options.get_bool("host-shared-buffers")?;
        Ok(Box::new(GpuLower { options: GpuLowerOptions { block_sizes, chip, host_shared_buffers } }))
    },
};

/// What `gpu-lower` is asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GpuLowerOptions {
    /// Tile sizes of the innermost parallel loops; none for no tiling.
    pub block_sizes: Vec<i64>,
    /// The `chip` of the kernel modules' `#nvvm.target`.
    pub chip: String,
    /// Whether the host's buffers go to memory shared with the device.
    pub host_shared_buffers: bool,
}

struct GpuLower {
    options: GpuLowerOptions,
}

impl Pass for GpuLower {
    fn run(&self, ir: &mut Ir, op: OpId, _: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        gpu_lower(ir, op, &self.options)
    }
}

/// Runs the pipeline on `module`.
pub fn gpu_lower(ir: &mut Ir, module: OpId, options: &GpuLowerOptions) -> Result<(), Diagnostic> {
    passes_scf::forall_to_parallel::forall_to_parallel(ir, module);
    convert_linalg_to_loops(ir, module, LoopKind::Parallel);
    if !options.block_sizes.is_empty() {
        passes_scf::parallel_loop_tiling::tile_parallel_loops(ir, module, &options.block_sizes, false);
    }
    for function in children::<func::FuncOp>(ir, module) {
        map_parallel_loops(ir, function, MappingPolicy::OutermostFirst);
    }
    convert_parallel_loops_to_gpu(ir, module)?;
    // Folded host code (`arith.muli %c1, %c32` of a tiled step is 32) leaves
    // more to sink and fewer kernel arguments.
    let patterns = passes_transforms::canonicalize::collect_patterns(ir.ctx());
    for function in children::<func::FuncOp>(ir, module) {
        apply_patterns_greedily(ir, function, &patterns, GreedyConfig::default());
    }
    sink_index_computations(ir, module)?;
    outline_kernels(ir, module)?;
    // What was sunk into the kernels may be dead on the host.
    for function in children::<func::FuncOp>(ir, module) {
        apply_patterns_greedily(ir, function, &patterns, GreedyConfig::default());
    }
    let target = dialect_nvvm::target::NvvmTarget::for_chip(&options.chip).attr(ir.ctx());
    for device in children::<gpu::GpuModuleOp>(ir, module) {
        if ir.attr(device, "targets").is_none() {
            let targets = Attribute::array(ir.ctx(), vec![target]);
            ir.set_attr(device, "targets", targets);
        }
        convert_scf_to_cf(ir, device)?;
        passes_conversions::expand_strided_metadata::expand_strided_metadata(ir, device);
        convert_gpu_to_nvvm(ir, device)?;
        let patterns = passes_transforms::canonicalize::collect_patterns(ir.ctx());
        apply_patterns_greedily(ir, device, &patterns, GreedyConfig::default());
        passes_transforms::cse::eliminate_common_subexpressions(ir, device);
        reconcile_casts(ir, device);
    }
    if options.host_shared_buffers {
        crate::host_shared_buffers::share_host_buffers(ir, module)?;
    }
    Ok(())
}

/// The `T`s directly in `op`'s body.
fn children<T: OpType>(ir: &Ir, op: OpId) -> Vec<OpId> {
    let Some(body) = ir.regions(op).first().and_then(|&r| ir.entry_block(r)) else { return Vec::new() };
    ir.block_ops(body).filter(|&o| ir.isa::<T>(o)).collect()
}
