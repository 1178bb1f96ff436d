//! `gpu-map-parallel-loops`: says how each `scf.parallel` nest runs on the
//! GPU, as a `mapping` attribute that `convert-parallel-loops-to-gpu`
//! reads. The outermost loop of a nest maps to the grid (its first three
//! dimensions to the block ids x, y, z), the loops directly nested in it to
//! the threads of a block, and any deeper level, and dimensions past the
//! third, to sequential loops:
//!
//! ```mlir
//! scf.parallel (%i, %j) = (%c0, %c0) to (%n, %m) step (%c1, %c1) { ... }
//! // gets
//! {mapping = [#gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>,
//!             #gpu.loop_dim_map<processor = block_y, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
//! ```
//!
//! With `mapping-policy=innermost-first` the innermost mapped dimension
//! takes x instead. Loops that already have a mapping keep it (and so do
//! the loops nested in them); a loop nested in another one (under an
//! `scf.for`, say) does not start a nest of its own. As upstream.

use dialect_gpu::mapping::{loop_dim_map, Processor, MAPPING_ATTR};
use dialect_scf as scf;
use ir::body::WalkOrder;
use ir::pass::{OptionInfo, Pass, PassContext, PassInfo};
use ir::rewrite::PatternRewriter;
use ir::{Attribute, Diagnostic, Ir, OpId};

pub const INFO: PassInfo = PassInfo {
    name: "gpu-map-parallel-loops",
    summary: "Greedily maps loops to GPU hardware dimensions.",
    anchor: Some("func.func"),
    options: &[OptionInfo {
        name: "mapping-policy",
        description: "Policy outlining how to assign loops to GPU dimensions. Supported values are `outermost-first` and `innermost-first`.",
        default: "outermost-first",
    }],
    dependent_dialects: &["gpu"],
    create: |options| Ok(Box::new(MapParallelLoops { policy: MappingPolicy::parse(options.get("mapping-policy"))? })),
};

/// Which loop dimension gets the x id.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum MappingPolicy {
    /// The first dimension of a loop is x, the second y, the third z.
    #[default]
    OutermostFirst,
    /// The last mapped dimension is x.
    InnermostFirst,
}

impl MappingPolicy {
    pub fn parse(text: &str) -> Result<MappingPolicy, String> {
        match text {
            "outermost-first" => Ok(MappingPolicy::OutermostFirst),
            "innermost-first" => Ok(MappingPolicy::InnermostFirst),
            other => Err(format!("invalid 'mapping-policy' value: '{other}'")),
        }
    }
}

struct MapParallelLoops {
    policy: MappingPolicy,
}

impl Pass for MapParallelLoops {
    fn run(&self, ir: &mut Ir, op: OpId, _: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        map_parallel_loops(ir, op, self.policy);
        Ok(())
    }
}

/// What a loop nest level maps to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Level {
    Grid,
    Block,
    Sequential,
}

impl Level {
    fn next(self) -> Level {
        match self {
            Level::Grid => Level::Block,
            _ => Level::Sequential,
        }
    }

    fn processor(self, dim: usize) -> Processor {
        match self {
            Level::Grid => Processor::block(dim),
            Level::Block => Processor::thread(dim),
            Level::Sequential => Processor::Sequential,
        }
    }
}

/// The number of hardware ids per level (x, y, z).
const HARDWARE_IDS: usize = 3;

/// Maps every `scf.parallel` nest under `root`; returns how many loops got
/// a mapping.
pub fn map_parallel_loops(ir: &mut Ir, root: OpId, policy: MappingPolicy) -> usize {
    let outermost: Vec<OpId> = ir
        .walk_collect(root, WalkOrder::PreOrder)
        .into_iter()
        .filter(|&op| ir.isa::<scf::ParallelOp>(op) && !inside_parallel_loop(ir, op))
        .collect();
    let mut rewriter = PatternRewriter::new(ir);
    outermost.into_iter().map(|op| map_nest(&mut rewriter, op, Level::Grid, policy)).sum()
}

/// Whether an `scf.parallel` encloses `op`.
fn inside_parallel_loop(ir: &Ir, op: OpId) -> bool {
    std::iter::successors(ir.parent_op(op), |&p| ir.parent_op(p)).any(|p| ir.isa::<scf::ParallelOp>(p))
}

/// Maps `op` at `level` unless it has a mapping, then the loops directly
/// in its body one level down.
fn map_nest(r: &mut PatternRewriter<'_>, op: OpId, level: Level, policy: MappingPolicy) -> usize {
    if r.ir().attr(op, MAPPING_ATTR).is_some() {
        return 0;
    }
    let loops = scf::ParallelOp(op).lowerBound(r.ir()).len();
    let mapped = loops.min(HARDWARE_IDS);
    let ctx = r.ctx();
    let mapping: Vec<Attribute> = (0..loops)
        .map(|i| {
            let dim = match policy {
                _ if i >= mapped => HARDWARE_IDS,
                MappingPolicy::OutermostFirst => i,
                MappingPolicy::InnermostFirst => mapped - 1 - i,
            };
            loop_dim_map(ctx, level.processor(dim))
        })
        .collect();
    let mapping = Attribute::array(ctx, mapping);
    r.modify_in_place(op, |ir| ir.set_attr(op, MAPPING_ATTR, mapping));
    let Some(body) = r.ir().regions(op).first().and_then(|&region| r.ir().entry_block(region)) else { return 1 };
    let nested: Vec<OpId> = r.ir().block_ops(body).filter(|&o| r.ir().isa::<scf::ParallelOp>(o)).collect();
    1 + nested.into_iter().map(|n| map_nest(r, n, level.next(), policy)).sum::<usize>()
}
