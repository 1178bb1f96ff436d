//! Lowering an op to the llvm op that does the same thing, operand for
//! operand: the result types are converted and the arith/math flags are
//! translated to the llvm dialect's (`fastmath` to `fastmathFlags`,
//! `overflowFlags` to its `i32` bit set; predicates keep their value).

use std::marker::PhantomData;

use ir::rewrite::{ConversionPattern, PatternRewriter, TypeConverter};
use ir::{AttrData, Attribute, Context, NamedAttribute, OpId, OpType, Type, Value};

/// The arith flags as the llvm dialect stores them: `fastmath` becomes
/// `fastmathFlags`, `overflowFlags` becomes an `i32` bit set, and
/// comparison predicates keep their value (both dialects order them alike).
pub fn llvm_flags(ctx: &Context, attributes: &[NamedAttribute]) -> Vec<(&'static str, Attribute)> {
    let mut flags = Vec::new();
    for a in attributes {
        let body = match a.value.data(ctx) {
            AttrData::Dialect { body, .. } => Some(body.as_ref()),
            _ => None,
        };
        let inner = body.and_then(|b| b.split_once('<')).and_then(|(_, rest)| rest.strip_suffix('>'));
        match (ctx.str(a.name), inner) {
            ("fastmath", Some(inner)) if inner != "none" => {
                let joined = inner.split(',').map(str::trim).collect::<Vec<_>>().join(", ");
                flags.push(("fastmathFlags", dialect_llvm::attrs::llvm_attr(ctx, &format!("fastmath<{joined}>"))));
            }
            ("overflowFlags", Some(inner)) => {
                let bits = inner.split(',').map(str::trim).fold(0, |bits, f| match f {
                    "nsw" => bits | 1,
                    "nuw" => bits | 2,
                    _ => bits,
                });
                if bits != 0 {
                    flags.push(("overflowFlags", Attribute::integer(ctx, bits, Type::integer(ctx, 32))));
                }
            }
            ("predicate", _) => flags.push(("predicate", a.value)),
            _ => {}
        }
    }
    flags
}

/// Builds `D` before `op` from its converted operands (one per group),
/// converted result types and translated flags.
pub fn rewrite_as<D: OpType>(
    op: OpId,
    operands: &[Value],
    converter: &TypeConverter,
    rewriter: &mut PatternRewriter<'_>,
) -> Option<Vec<Value>> {
    let ir = rewriter.ir();
    let ctx = ir.ctx();
    let results: Vec<Type> = ir.results(op).iter().map(|&r| converter.convert(ctx, ir.value_type(r))).collect();
    let flags = llvm_flags(ctx, &ir.op(op).attributes);
    let location = ir.op(op).location;
    let groups: Vec<&[Value]> = operands.iter().map(std::slice::from_ref).collect();
    let new = rewriter.build_before::<D>(op, location, &groups, &results, &flags)?;
    Some(rewriter.ir().results(new.op()).to_vec())
}

/// `S` becomes `D`, operand for operand.
pub struct Direct<S, D>(pub PhantomData<fn() -> (S, D)>);

impl<S: OpType, D: OpType> ConversionPattern for Direct<S, D> {
    fn root(&self) -> &'static str {
        S::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        converter: &TypeConverter,
        rewriter: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        rewrite_as::<D>(op, operands, converter, rewriter)
    }
}

/// Adds a [`Direct`] pattern per `Source => Target` pair (sources from `$dialect`).
macro_rules! direct {
    ($patterns:ident, $dialect:ident: $($from:ident => $to:ty),* $(,)?) => {
        $($patterns.push(Box::new($crate::direct_lowering::Direct::<$dialect::$from, $to>(std::marker::PhantomData)));)*
    };
}
pub(crate) use direct;
