//! `gpu-launch-sink-index-computations`: copies the cheap side-effect-free
//! values a `gpu.launch` body uses from outside (constants, `memref.dim`,
//! `arith.select`, `arith.cmpi`) into the body, so that outlining does not
//! pass them as kernel arguments. An op is copied only if this adds no
//! other value from outside: its operands are values the body already uses
//! from outside, or are themselves copied.
//!
//! ```mlir
//! %c1 = arith.constant 1 : index
//! %d = memref.dim %m, %c1 : memref<?x?xf32>
//! gpu.launch ... {
//!   // uses %m and %d: gets %c1_0 = arith.constant 1 and %dim = memref.dim %m, %c1_0 at its start
//! ```
//!
//! As upstream, which also runs this as its own pass before
//! `gpu-kernel-outlining`.

use dialect_arith as arith;
use dialect_gpu as gpu;
use dialect_memref as memref;
use ir::body::WalkOrder;
use ir::pass::{FunctionPass, PassInfo};
use ir::rewrite::{InsertPoint, PatternRewriter};
use ir::{Diagnostic, Ir, IrMapping, OpId, RegionId, Traits, Value};
use rustc_hash::FxHashSet;

pub const INFO: PassInfo = PassInfo {
    name: "gpu-launch-sink-index-computations",
    summary: "Sink index computations into gpu.launch body",
    anchor: None,
    options: &[],
    dependent_dialects: &["gpu"],
    create: |_| Ok(Box::new(FunctionPass(sink_index_computations))),
};

/// Sinks into every `gpu.launch` under `root`.
pub fn sink_index_computations(ir: &mut Ir, root: OpId) -> Result<(), Diagnostic> {
    let launches: Vec<OpId> =
        ir.walk_collect(root, WalkOrder::PostOrder).into_iter().filter(|&op| ir.isa::<gpu::LaunchOp>(op)).collect();
    let mut rewriter = PatternRewriter::new(ir);
    for launch in launches {
        sink_into_launch(&mut rewriter, launch, is_sinking_beneficiary);
    }
    Ok(())
}

/// The ops worth copying into kernels: constants and the index
/// computations upstream names.
pub fn is_sinking_beneficiary(ir: &Ir, op: OpId) -> bool {
    ir.has_trait(op, Traits::CONSTANT_LIKE)
        || ir.isa::<memref::DimOp>(op)
        || ir.isa::<arith::SelectOp>(op)
        || ir.isa::<arith::CmpIOp>(op)
}

/// The values used in `region` (at any depth) that are defined outside
/// it, in the order of a post-order walk, as upstream's
/// `getUsedValuesDefinedAbove` lists them.
pub fn used_values_defined_above(ir: &Ir, region: RegionId) -> Vec<Value> {
    let Some(owner) = ir.region_parent(region) else { return Vec::new() };
    let inside = |v: Value| {
        let def = ir.defining_op(v).or_else(|| ir.value_parent_block(v).and_then(|b| ir.block_parent_op(b)));
        def.is_some_and(|d| d != owner && ir.is_ancestor(owner, d))
            || ir.value_parent_block(v).is_some_and(|b| ir.block_parent(b) == Some(region))
    };
    let mut seen = FxHashSet::default();
    let mut out = Vec::new();
    for &block in ir.region_blocks(region) {
        for op in ir.block_ops(block) {
            for nested in ir.walk_collect(op, WalkOrder::PostOrder) {
                for &v in ir.operands(nested) {
                    if !inside(v) && seen.insert(v) {
                        out.push(v);
                    }
                }
            }
        }
    }
    out
}

/// Adds `op` (after what it needs) to `sunk` if it is beneficiary and its
/// operands are available in the kernel or can be made so; returns whether.
fn extract_beneficiary_ops(
    ir: &Ir,
    op: OpId,
    existing: &FxHashSet<Value>,
    sunk: &mut Vec<OpId>,
    available: &mut FxHashSet<Value>,
    beneficiary: fn(&Ir, OpId) -> bool,
) -> bool {
    if sunk.contains(&op) {
        return true;
    }
    if !beneficiary(ir, op) {
        return false;
    }
    for &operand in ir.operands(op) {
        if available.contains(&operand) {
            continue;
        }
        let made =
            ir.defining_op(operand).is_some_and(|d| extract_beneficiary_ops(ir, d, existing, sunk, available, beneficiary));
        if !made && !existing.contains(&operand) {
            return false;
        }
    }
    sunk.push(op);
    available.extend(ir.results(op).iter().copied());
    true
}

/// Copies into the body of `launch` the ops `beneficiary` accepts that make
/// values it uses from outside, rewiring the body's uses to the copies;
/// returns how many ops were copied.
pub fn sink_into_launch(r: &mut PatternRewriter<'_>, launch: OpId, beneficiary: fn(&Ir, OpId) -> bool) -> usize {
    let ir = r.ir();
    let body = ir.regions(launch)[0];
    let candidates = used_values_defined_above(ir, body);
    let existing: FxHashSet<Value> = candidates.iter().copied().collect();
    let mut sunk = Vec::new();
    let mut available = FxHashSet::default();
    for &v in &candidates {
        if let Some(def) = ir.defining_op(v) {
            extract_beneficiary_ops(ir, def, &existing, &mut sunk, &mut available, beneficiary);
        }
    }
    let Some(entry) = ir.entry_block(body) else { return 0 };
    let Some(first) = ir.first_op(entry) else { return 0 };
    let mut mapping = IrMapping::default();
    for &op in &sunk {
        let copy = r.ir_mut().clone_op(op, &mut mapping);
        r.insert(InsertPoint::Before(first), copy);
        // Uses inside the launch now see the copy.
        for (&old, &new) in r.ir().results(op).to_vec().iter().zip(r.ir().results(copy).to_vec().iter()) {
            replace_uses_in(r, old, new, launch);
        }
    }
    sunk.len()
}

/// Makes the uses of `from` by ops inside `scope` uses of `to`.
pub fn replace_uses_in(r: &mut PatternRewriter<'_>, from: Value, to: Value, scope: OpId) {
    let uses: Vec<_> = r.ir().uses(from).to_vec();
    for u in uses {
        if u.op != scope && r.ir().is_ancestor(scope, u.op) {
            r.modify_in_place(u.op, |ir| ir.set_operand(u.op, u.index as usize, to));
        }
    }
}
