//! `canonicalize`: puts IR in canonical form with every registered op's
//! folder and canonicalization patterns, driven greedily to a fixed point:
//! constants are folded and deduplicated at the top of their function,
//! algebraic identities simplified, dead pure ops removed.

use ir::pass::{OptionInfo, Pass, PassContext, PassInfo, PassOptions};
use ir::rewrite::{apply_patterns_greedily, GreedyConfig, RewritePattern};
use ir::{Context, Diagnostic, Ir, OpId};

pub const INFO: PassInfo = PassInfo {
    name: "canonicalize",
    summary: "Canonicalize operations",
    anchor: None,
    options: &[
        OptionInfo { name: "max-iterations", description: "Maximum sweeps over the IR", default: "10" },
        OptionInfo { name: "test-convergence", description: "Fail if the IR does not reach a fixed point", default: "false" },
    ],
    dependent_dialects: &["arith"],
    create,
};

fn create(options: &PassOptions) -> Result<Box<dyn Pass>, String> {
    let max_iterations = options.get_int("max-iterations")?;
    if max_iterations < 1 {
        return Err("option 'max-iterations' must be at least 1".into());
    }
    Ok(Box::new(Canonicalize {
        max_iterations: max_iterations as usize,
        test_convergence: options.get_bool("test-convergence")?,
    }))
}

struct Canonicalize {
    max_iterations: usize,
    test_convergence: bool,
}

/// The canonicalization patterns of every registered op.
pub fn collect_patterns(ctx: &Context) -> Vec<Box<dyn RewritePattern>> {
    let mut patterns = Vec::new();
    for dialect in ctx.dialects() {
        for def in &dialect.ops {
            if let Some(add) = def.canonicalize {
                add(&mut patterns);
            }
        }
    }
    patterns
}

impl Pass for Canonicalize {
    fn run(&self, ir: &mut Ir, op: OpId, cx: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        let patterns = collect_patterns(ir.ctx());
        let config = GreedyConfig { max_iterations: self.max_iterations, fold: true };
        let stats = apply_patterns_greedily(ir, op, &patterns, config);
        cx.count("num-folded", "Number of ops folded", stats.folded as u64);
        cx.count("num-rewritten", "Number of pattern rewrites", stats.rewritten as u64);
        cx.count("num-erased", "Number of dead ops erased", stats.erased as u64);
        if self.test_convergence && !stats.converged {
            return Err(Diagnostic::error(
                ir.op(op).location,
                format!("canonicalizer failed to converge within {} iterations", self.max_iterations),
            ));
        }
        Ok(())
    }
}
