//! `generalize` (upstream: `linalg-generalize-named-ops`): every named
//! structured op (`linalg.matmul`, `linalg.add`, `linalg.map`, ...) becomes
//! the `linalg.generic` it stands for: the same operands, its indexing maps
//! and iterator types, and its body. Passes that rewrite loop nests then
//! see one kind of op.
//!
//! ```mlir
//! %0 = linalg.add ins(%a, %b : tensor<8xf32>, tensor<8xf32>) outs(%c : tensor<8xf32>) -> tensor<8xf32>
//! // becomes
//! %0 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
//!        ins(%a, %b : tensor<8xf32>, tensor<8xf32>) outs(%c : tensor<8xf32>) {
//! ^bb0(%in: f32, %in_0: f32, %out: f32):
//!   %1 = arith.addf %in, %in_0 : f32
//!   linalg.yield %1 : f32
//! } -> tensor<8xf32>
//! ```

use dialect_linalg::structured::{indexing_maps_attr, iterator_types_attr};
use dialect_linalg::{GenericOp, Structured};
use ir::pass::{Pass, PassContext, PassInfo};
use ir::rewrite::{apply_patterns_greedily, GreedyConfig, PatternRewriter, RewritePattern};
use ir::{Diagnostic, Ir, OpId, Type, Value};

pub const INFO: PassInfo = PassInfo {
    name: "generalize",
    summary: "Convert named structured ops into linalg.generic ops (upstream: linalg-generalize-named-ops)",
    anchor: None,
    options: &[],
    dependent_dialects: &["linalg"],
    create: |_| Ok(Box::new(Generalize)),
};

struct Generalize;

impl Pass for Generalize {
    fn run(&self, ir: &mut Ir, op: OpId, cx: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        let stats = apply_patterns_greedily(
            ir,
            op,
            &[Box::new(GeneralizeNamedOp) as Box<dyn RewritePattern>],
            GreedyConfig { max_iterations: 2, fold: false },
        );
        cx.count("num-generalized", "Number of named ops generalized", stats.rewritten as u64);
        Ok(())
    }
}

/// Rewrites any structured op other than `linalg.generic` as one.
pub struct GeneralizeNamedOp;

impl RewritePattern for GeneralizeNamedOp {
    fn root(&self) -> Option<&'static str> {
        None
    }

    fn match_and_rewrite(&self, op: OpId, rewriter: &mut PatternRewriter<'_>) -> bool {
        let ir = rewriter.ir();
        if ir.isa::<GenericOp>(op) || Structured::of(ir, op).is_none() {
            return false;
        }
        generalize(rewriter, op).is_some()
    }
}

/// Replaces structured op `op` by the equivalent `linalg.generic`, moving
/// its body over; returns the new op (`None` if `op` is not structured).
pub fn generalize(rewriter: &mut PatternRewriter<'_>, op: OpId) -> Option<GenericOp> {
    let ir = rewriter.ir();
    let ctx = ir.ctx();
    let s = Structured::of(ir, op)?;
    let inputs: Vec<Value> = s.inputs().to_vec();
    let outputs: Vec<Value> = s.outputs().to_vec();
    let maps = indexing_maps_attr(ctx, &s.indexing_maps());
    let iterators = iterator_types_attr(ctx, &s.iterator_types());
    let results: Vec<Type> = ir.results(op).iter().map(|&r| ir.value_type(r)).collect();
    let location = ir.op(op).location;
    let old_region = *ir.regions(op).first()?;
    let generic = rewriter.build_before::<GenericOp>(
        op,
        location,
        &[&inputs, &outputs],
        &results,
        &[("indexing_maps", maps), ("iterator_types", iterators)],
    )?;
    let new_region = *rewriter.ir().regions(generic.0).first()?;
    rewriter.inline_region_at_end(old_region, new_region);
    let values = rewriter.ir().results(generic.0).to_vec();
    rewriter.replace_op(op, &values);
    Some(generic)
}
