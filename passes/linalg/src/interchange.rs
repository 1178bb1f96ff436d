//! `interchange` (upstream: `linalg::interchangeGenericOp`, reached through
//! `transform.structured.interchange`): permutes the loops of every
//! structured op. With `permutation=1,0,2`, new loop `i` is old loop
//! `permutation[i]`: each indexing map is composed with the inverse
//! permutation, the iterator types are permuted, and `linalg.index` ops
//! name the new position of their loop. Named ops are generalized first.
//! An empty permutation (the default) or the identity changes nothing; a
//! list that is not a permutation is rejected when the pass is created, and
//! an op with another number of loops fails the pass at its location.
//!
//! ```mlir
//! // --interchange="permutation=1,0"
//! linalg.generic {indexing_maps = [(d0, d1) -> (d0, d1), (d0, d1) -> (d0)],
//!                 iterator_types = ["parallel", "reduction"]} ...
//! // becomes
//! linalg.generic {indexing_maps = [(d0, d1) -> (d1, d0), (d0, d1) -> (d1)],
//!                 iterator_types = ["reduction", "parallel"]} ...
//! ```

use dialect_linalg::structured::{indexing_maps_attr, iterator_types_attr};
use dialect_linalg::{GenericOp, IndexOp, Structured};
use ir::affine::AffineMap;
use ir::body::WalkOrder;
use ir::pass::{OptionInfo, Pass, PassContext, PassInfo, PassOptions};
use ir::rewrite::PatternRewriter;
use ir::verifier::op_error;
use ir::{Attribute, Diagnostic, Ir, OpId, Type};

use crate::generalize::generalize;

pub const INFO: PassInfo = PassInfo {
    name: "interchange",
    summary: "Permute the loops of structured ops (named ops are generalized first)",
    anchor: None,
    options: &[OptionInfo {
        name: "permutation",
        description: "New loop i is old loop permutation[i] (comma-separated, e.g. 1,0,2)",
        default: "",
    }],
    dependent_dialects: &["linalg"],
    create: |options| Ok(Box::new(Interchange { permutation: permutation_option(options)? })),
};

/// The `permutation` option, checked to be a permutation of `0..n`.
fn permutation_option(options: &PassOptions) -> Result<Vec<u32>, String> {
    let list = options.get_int_list("permutation")?;
    let n = list.len() as i64;
    let mut seen = vec![false; list.len()];
    for &p in &list {
        if p < 0 || p >= n || std::mem::replace(&mut seen[p as usize], true) {
            let text = list.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", ");
            return Err(format!("'permutation' [{text}] is not a permutation of 0..{}", n - 1));
        }
    }
    Ok(list.into_iter().map(|p| p as u32).collect())
}

struct Interchange {
    permutation: Vec<u32>,
}

impl Pass for Interchange {
    fn run(&self, ir: &mut Ir, op: OpId, cx: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        if is_identity(&self.permutation) {
            return Ok(());
        }
        let targets: Vec<OpId> =
            ir.walk_collect(op, WalkOrder::PreOrder).into_iter().filter(|&o| Structured::of(ir, o).is_some()).collect();
        let count = targets.len() as u64;
        let mut rewriter = PatternRewriter::new(ir);
        for target in targets {
            interchange(&mut rewriter, target, &self.permutation)?;
        }
        cx.count("num-interchanged", "Number of structured ops whose loops were permuted", count);
        Ok(())
    }
}

fn is_identity(permutation: &[u32]) -> bool {
    permutation.iter().enumerate().all(|(i, &p)| i as u32 == p)
}

/// Permutes the loops of structured op `op`: new loop `i` is old loop
/// `permutation[i]`. Returns the op, generalized if it was a named op and
/// the permutation is not the identity; an error at the op when the
/// permutation does not fit its loops.
pub fn interchange(rewriter: &mut PatternRewriter<'_>, op: OpId, permutation: &[u32]) -> Result<OpId, Diagnostic> {
    let ir = rewriter.ir();
    let Some(s) = Structured::of(ir, op) else {
        return Err(op_error(ir, op, "is not a structured op"));
    };
    let loops = s.num_loops();
    let text = permutation.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", ");
    if permutation.len() != loops {
        return Err(op_error(
            ir,
            op,
            format!("has {loops} loops; the interchange permutation [{text}] has {}", permutation.len()),
        ));
    }
    // `forward` gives each new loop the old loop it was; operands are
    // indexed through the old loops, so each map reads the old indices
    // from the new ones through its inverse.
    let forward = AffineMap::from_dims(loops as u32, permutation);
    let backward = forward.inverse_permutation().filter(|_| forward.is_permutation());
    let Some(backward) = backward else {
        return Err(op_error(ir, op, format!("cannot interchange its loops with [{text}], which is not a permutation")));
    };
    if is_identity(permutation) {
        return Ok(op);
    }
    let maps: Vec<AffineMap> = s.indexing_maps().iter().map(|m| m.compose(&backward)).collect();
    let old_iterators = s.iterator_types();
    let iterators: Vec<_> = permutation.iter().map(|&p| old_iterators[p as usize]).collect();
    let generic = match ir.dyn_cast::<GenericOp>(op) {
        Some(generic) => generic,
        None => generalize(rewriter, op).ok_or_else(|| op_error(rewriter.ir(), op, "cannot be generalized"))?,
    };
    let op = generic.0;
    let ctx = rewriter.ir().ctx_arc().clone();
    // A `linalg.index` of old loop k now names the loop that took its place.
    let i64_type = Type::integer(&ctx, 64);
    let index_ops: Vec<(OpId, i64)> = rewriter
        .ir()
        .walk_collect(op, WalkOrder::PreOrder)
        .into_iter()
        .filter_map(|o| {
            let old = rewriter.ir().dyn_cast::<IndexOp>(o)?.dim(rewriter.ir())?.as_integer(&ctx)?;
            let new = permutation.iter().position(|&p| p as i128 == old)?;
            Some((o, new as i64))
        })
        .collect();
    for (index, dim) in index_ops {
        rewriter.modify_in_place(index, |ir| ir.set_attr(index, "dim", Attribute::integer(&ctx, dim as i128, i64_type)));
    }
    rewriter.modify_in_place(op, |ir| {
        ir.set_attr(op, "indexing_maps", indexing_maps_attr(&ctx, &maps));
        ir.set_attr(op, "iterator_types", iterator_types_attr(&ctx, &iterators));
    });
    Ok(op)
}
