//! `scf-forall-to-parallel`: each `scf.forall` on buffers (no
//! `shared_outs`) becomes the `scf.parallel` over the same iteration space,
//! so that GPU mapping, which works on `scf.parallel`, takes loops that
//! tiling with `loop=forall` made.
//!
//! ```mlir
//! scf.forall (%i, %j) in (8, 2) { ... }
//! // becomes
//! %c0 = arith.constant 0 : index
//! %c8 = arith.constant 8 : index
//! %c2 = arith.constant 2 : index
//! %c1 = arith.constant 1 : index
//! scf.parallel (%i, %j) = (%c0, %c0) to (%c8, %c2) step (%c1, %c1) { ... }
//! ```
//!
//! As upstream, a forall with results (on tensors) is left alone, and its
//! `mapping` is dropped.

use dialect_arith as arith;
use dialect_scf as scf;
use ir::pass::{Pass, PassContext, PassInfo};
use ir::rewrite::{apply_patterns_greedily, GreedyConfig, PatternRewriter, RewritePattern};
use ir::types::DYNAMIC;
use ir::{Attribute, Diagnostic, Ir, OpId, OpType, Type, Value};

pub const INFO: PassInfo = PassInfo {
    name: "scf-forall-to-parallel",
    summary: "Convert SCF forall loop to SCF parallel loop",
    anchor: None,
    options: &[],
    dependent_dialects: &["arith", "scf"],
    create: |_| Ok(Box::new(ForallToParallel)),
};

struct ForallToParallel;

impl Pass for ForallToParallel {
    fn run(&self, ir: &mut Ir, op: OpId, _: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        forall_to_parallel(ir, op);
        Ok(())
    }
}

/// Converts every forall on buffers under `root`.
pub fn forall_to_parallel(ir: &mut Ir, root: OpId) {
    let patterns: Vec<Box<dyn RewritePattern>> = vec![Box::new(ConvertForallToParallel)];
    apply_patterns_greedily(ir, root, &patterns, GreedyConfig::default());
}

/// The pattern behind the pass.
pub struct ConvertForallToParallel;

impl RewritePattern for ConvertForallToParallel {
    fn root(&self) -> Option<&'static str> {
        Some(scf::ForallOp::NAME)
    }

    fn match_and_rewrite(&self, op: OpId, r: &mut PatternRewriter<'_>) -> bool {
        let ir = r.ir();
        let forall = scf::ForallOp(op);
        if !ir.results(op).is_empty() || !forall.outputs(ir).is_empty() {
            return false;
        }
        let Some(&region) = ir.regions(op).first() else { return false };
        let Some(body) = ir.entry_block(region) else { return false };
        let Some(terminator) = ir.terminator(body) else { return false };
        let location = ir.op(op).location;
        let dynamic =
            [forall.dynamicLowerBound(ir).to_vec(), forall.dynamicUpperBound(ir).to_vec(), forall.dynamicStep(ir).to_vec()];
        let names = ["staticLowerBound", "staticUpperBound", "staticStep"];
        let statics: Vec<Vec<i64>> = names.iter().map(|n| ir::mixed_list::statics(ir, op, n)).collect();
        // Static bounds become constants before the loop.
        let index = Type::index(r.ctx());
        let mut bounds: Vec<Vec<Value>> = Vec::new();
        for (values, dynamic) in statics.iter().zip(dynamic) {
            let mut dynamic = dynamic.into_iter();
            let mut list = Vec::new();
            for &value in values {
                list.push(if value == DYNAMIC {
                    let Some(v) = dynamic.next() else { return false };
                    v
                } else {
                    let attr = Attribute::integer(r.ctx(), value as i128, index);
                    let Some(c) = r.build_before::<arith::ConstantOp>(op, location, &[], &[index], &[("value", attr)]) else {
                        return false;
                    };
                    r.ir().result(c.0, 0)
                });
            }
            bounds.push(list);
        }
        let Some(parallel) =
            r.build_before::<scf::ParallelOp>(op, location, &[&bounds[0], &bounds[1], &bounds[2], &[]], &[], &[])
        else {
            return false;
        };
        // The body moves as it is, its induction variables becoming the
        // parallel loop's; the empty `in_parallel` gives way to `scf.reduce`.
        r.erase_op(terminator);
        let target = r.ir().regions(parallel.0)[0];
        r.inline_region_at_end(region, target);
        r.build_at_end::<scf::ReduceOp>(body, location, &[&[]], &[], &[]);
        r.erase_op(op);
        true
    }
}
