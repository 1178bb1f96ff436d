//! `mul-to-shift`: rewrites `arith.muli %x, 2^k` as `arith.shli %x, k`.
//! The pass of docs/tutorial-write-a-pass.md: one pattern, one pass.

use dialect_arith::MulIOp;
use ir::pass::{Pass, PassContext, PassInfo, PassRegistry};
use ir::rewrite::{apply_patterns_greedily, constant_value, GreedyConfig, PatternRewriter, RewritePattern};
use ir::{Attribute, Diagnostic, Ir, OpId};

/// `x * 2^k` becomes `x << k` (for k > 0).
struct MulByPowerOfTwo;

impl RewritePattern for MulByPowerOfTwo {
    fn root(&self) -> Option<&'static str> {
        Some("arith.muli")
    }

    fn match_and_rewrite(&self, op: OpId, rewriter: &mut PatternRewriter<'_>) -> bool {
        // Match first, without changing anything.
        let ir = rewriter.ir();
        let mul = MulIOp(op);
        let Some(factor) = constant_value(ir, mul.rhs(ir)).and_then(|c| c.as_integer(ir.ctx())) else { return false };
        if factor <= 1 || factor.count_ones() != 1 {
            return false;
        }
        let (lhs, ty, location) = (mul.lhs(ir), ir.value_type(mul.result(ir)), ir.op(op).location);
        let shift = Attribute::integer(ir.ctx(), factor.trailing_zeros() as i128, ty);

        // Then rewrite: a constant for the shift amount, the shift, and the
        // replacement of the multiplication, all through the rewriter.
        let amount = rewriter.create_op(op, "arith.constant", location, &[], &[ty], &[("value", shift)]);
        let amount = rewriter.ir().result(amount, 0);
        let shl = rewriter.create_op(op, "arith.shli", location, &[lhs, amount], &[ty], &[]);
        let result = rewriter.ir().result(shl, 0);
        rewriter.replace_op(op, &[result]);
        true
    }
}

/// The pass: the pattern applied everywhere, to a fixed point.
struct MulToShift;

impl Pass for MulToShift {
    fn run(&self, ir: &mut Ir, op: OpId, _: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        let patterns: Vec<Box<dyn RewritePattern>> = vec![Box::new(MulByPowerOfTwo)];
        apply_patterns_greedily(ir, op, &patterns, GreedyConfig::default());
        Ok(())
    }
}

/// What makes the pass a flag (`--mul-to-shift`) and a pipeline element.
pub const INFO: PassInfo = PassInfo {
    name: "mul-to-shift",
    summary: "Rewrite multiplications by powers of two as shifts",
    anchor: Some("func.func"),
    options: &[],
    dependent_dialects: &["arith"],
    create: |_| Ok(Box::new(MulToShift)),
};

/// The workspace's passes plus this one.
pub fn register_passes(registry: &mut PassRegistry) {
    passes_all::register_all(registry);
    registry.register(INFO);
}
