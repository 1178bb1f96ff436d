//! Index arithmetic for passes (loop transformations, bufferization, lowering): quantities that are either
//! known integers or SSA values ([`Ofr`], upstream's `OpFoldResult`), and a
//! builder that combines them with `arith` ops on `index`, folding what is
//! known. There is no affine dialect here, so where upstream writes
//! `affine.min`/`affine.apply`, these helpers write `arith.minsi`,
//! `arith.subi`, `arith.muli`, ... and fold constants as upstream's
//! composed affine folding would.

use dialect_arith as arith;
use dialect_memref as memref;
use dialect_tensor as tensor;
use ir::affine::{AffineBinaryKind, AffineExpr};
use ir::rewrite::{InsertPoint, PatternRewriter};
use ir::types::DYNAMIC;
use ir::{Attribute, Location, OpId, OpType, Type, Value};
use rustc_hash::FxHashMap;

/// A known integer or an `index` value.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Ofr {
    Const(i64),
    Value(Value),
}

impl Ofr {
    /// The integer, if known.
    pub fn constant(self) -> Option<i64> {
        match self {
            Ofr::Const(c) => Some(c),
            Ofr::Value(_) => None,
        }
    }

    /// The static entry of a mixed list: the integer, or `DYNAMIC`.
    pub fn static_or_dynamic(self) -> i64 {
        self.constant().unwrap_or(DYNAMIC)
    }
}

/// Splits a mixed list into the static entries (`DYNAMIC` where a value
/// stands) and the values, as slice ops store them.
pub fn split_mixed(list: &[Ofr]) -> (Vec<i64>, Vec<Value>) {
    let statics = list.iter().map(|o| o.static_or_dynamic()).collect();
    let values = list
        .iter()
        .filter_map(|o| match o {
            Ofr::Value(v) => Some(*v),
            Ofr::Const(_) => None,
        })
        .collect();
    (statics, values)
}

/// Joins a static list and its values back into [`Ofr`]s.
pub fn join_mixed(statics: &[i64], values: &[Value]) -> Option<Vec<Ofr>> {
    let mut values = values.iter();
    statics.iter().map(|&s| if s == DYNAMIC { values.next().map(|&v| Ofr::Value(v)) } else { Some(Ofr::Const(s)) }).collect()
}

/// Why a transformation could not build what it needed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildFailure(pub String);

impl From<ir::op::BuildError> for BuildFailure {
    fn from(e: ir::op::BuildError) -> Self {
        BuildFailure(e.0)
    }
}

/// Builds index computations through a rewriter at an insertion point;
/// constants go to a fixed point before the whole computation (before the
/// loop nest once it exists), one per value.
pub struct IndexBuilder<'r, 'a> {
    pub rewriter: &'r mut PatternRewriter<'a>,
    /// Where ops are built.
    pub at: InsertPoint,
    /// Where index constants are built.
    pub constants_at: InsertPoint,
    pub location: Location,
    constants: FxHashMap<i64, Value>,
}

impl<'r, 'a> IndexBuilder<'r, 'a> {
    /// A builder that builds everything right before `op`, at its location.
    pub fn before(rewriter: &'r mut PatternRewriter<'a>, op: OpId) -> Self {
        let location = rewriter.ir().op(op).location;
        IndexBuilder {
            rewriter,
            at: InsertPoint::Before(op),
            constants_at: InsertPoint::Before(op),
            location,
            constants: FxHashMap::default(),
        }
    }

    pub fn index_type(&self) -> Type {
        Type::index(self.rewriter.ctx())
    }

    /// `arith.constant value : index`, made once.
    pub fn constant(&mut self, value: i64) -> Result<Value, BuildFailure> {
        if let Some(&c) = self.constants.get(&value) {
            return Ok(c);
        }
        let index = self.index_type();
        let attr = Attribute::integer(self.rewriter.ctx(), value as i128, index);
        let op = self.rewriter.build::<arith::ConstantOp>(self.constants_at, self.location, &[], &[index], &[("value", attr)])?;
        let c = self.rewriter.ir().result(op.op(), 0);
        self.constants.insert(value, c);
        Ok(c)
    }

    /// The value of `x` (a constant when known).
    pub fn value(&mut self, x: Ofr) -> Result<Value, BuildFailure> {
        match x {
            Ofr::Const(c) => self.constant(c),
            Ofr::Value(v) => Ok(v),
        }
    }

    /// Builds a `T` at the insertion point; returns the op.
    pub fn op<T: OpType>(
        &mut self,
        operands: &[&[Value]],
        results: &[Type],
        attributes: &[(&str, Attribute)],
    ) -> Result<OpId, BuildFailure> {
        Ok(self.rewriter.build::<T>(self.at, self.location, operands, results, attributes)?.op())
    }

    /// A `T` of two index operands and one index result.
    fn binary<T: OpType>(&mut self, a: Ofr, b: Ofr) -> Result<Ofr, BuildFailure> {
        let (a, b) = (self.value(a)?, self.value(b)?);
        let index = self.index_type();
        let op = self.op::<T>(&[&[a], &[b]], &[index], &[])?;
        Ok(Ofr::Value(self.rewriter.ir().result(op, 0)))
    }

    pub fn add(&mut self, a: Ofr, b: Ofr) -> Result<Ofr, BuildFailure> {
        match (a, b) {
            (Ofr::Const(x), Ofr::Const(y)) => Ok(Ofr::Const(x + y)),
            (x, Ofr::Const(0)) | (Ofr::Const(0), x) => Ok(x),
            _ => self.binary::<arith::AddIOp>(a, b),
        }
    }

    pub fn sub(&mut self, a: Ofr, b: Ofr) -> Result<Ofr, BuildFailure> {
        match (a, b) {
            (Ofr::Const(x), Ofr::Const(y)) => Ok(Ofr::Const(x - y)),
            (x, Ofr::Const(0)) => Ok(x),
            (x, y) if x == y => Ok(Ofr::Const(0)),
            _ => self.binary::<arith::SubIOp>(a, b),
        }
    }

    pub fn mul(&mut self, a: Ofr, b: Ofr) -> Result<Ofr, BuildFailure> {
        match (a, b) {
            (Ofr::Const(x), Ofr::Const(y)) => Ok(Ofr::Const(x * y)),
            (_, Ofr::Const(0)) | (Ofr::Const(0), _) => Ok(Ofr::Const(0)),
            (x, Ofr::Const(1)) | (Ofr::Const(1), x) => Ok(x),
            _ => self.binary::<arith::MulIOp>(a, b),
        }
    }

    /// `min(a, b)` (signed).
    pub fn min(&mut self, a: Ofr, b: Ofr) -> Result<Ofr, BuildFailure> {
        match (a, b) {
            (Ofr::Const(x), Ofr::Const(y)) => Ok(Ofr::Const(x.min(y))),
            (x, y) if x == y => Ok(x),
            _ => self.binary::<arith::MinSIOp>(a, b),
        }
    }

    /// `max(a, b)` (signed).
    pub fn max(&mut self, a: Ofr, b: Ofr) -> Result<Ofr, BuildFailure> {
        match (a, b) {
            (Ofr::Const(x), Ofr::Const(y)) => Ok(Ofr::Const(x.max(y))),
            (x, y) if x == y => Ok(x),
            _ => self.binary::<arith::MaxSIOp>(a, b),
        }
    }

    /// `ceil(a / b)` for positive `b`.
    pub fn ceil_div(&mut self, a: Ofr, b: Ofr) -> Result<Ofr, BuildFailure> {
        match (a, b) {
            (Ofr::Const(x), Ofr::Const(y)) if y > 0 => Ok(Ofr::Const(x.div_euclid(y) + i64::from(x.rem_euclid(y) != 0))),
            (x, Ofr::Const(1)) => Ok(x),
            _ => self.binary::<arith::CeilDivSIOp>(a, b),
        }
    }

    /// `a == b` as an `i1` value.
    pub fn equal(&mut self, a: Ofr, b: Ofr) -> Result<Value, BuildFailure> {
        let (a, b) = (self.value(a)?, self.value(b)?);
        let ctx = self.rewriter.ctx();
        let predicate = arith::CmpIOp::predicate_attr(ctx, "eq").ok_or_else(|| BuildFailure("no predicate 'eq'".into()))?;
        let i1 = Type::integer(ctx, 1);
        let op = self.op::<arith::CmpIOp>(&[&[a], &[b]], &[i1], &[("predicate", predicate)])?;
        Ok(self.rewriter.ir().result(op, 0))
    }

    /// Size `d` of a tensor or buffer: its static size, or `tensor.dim` /
    /// `memref.dim` at the insertion point.
    /// A result of a structured op on tensors has the shape of its init and
    /// `tensor.empty` gives its sizes: the size is read there, so that the
    /// op computing `shaped` is not kept alive for its shape (upstream's
    /// canonicalization of `tensor.dim` does the same afterwards).
    pub fn dim(&mut self, shaped: Value, d: usize) -> Result<Ofr, BuildFailure> {
        let shaped = shape_source(self.rewriter.ir(), shaped);
        let ty = self.rewriter.ir().value_type(shaped);
        let ctx = self.rewriter.ctx();
        let size = ty.shape(ctx).and_then(|s| s.get(d).copied()).ok_or_else(|| BuildFailure(format!("no dimension {d}")))?;
        if size != DYNAMIC {
            return Ok(Ofr::Const(size));
        }
        if let Some(empty) =
            self.rewriter.ir().defining_op(shaped).and_then(|op| self.rewriter.ir().dyn_cast::<tensor::EmptyOp>(op))
        {
            let dynamic_before = ty.shape(ctx).map_or(0, |s| s[..d].iter().filter(|&&x| x == DYNAMIC).count());
            if let Some(&size) = empty.dynamicSizes(self.rewriter.ir()).get(dynamic_before) {
                return Ok(Ofr::Value(size));
            }
        }
        let is_memref = ty.is_memref(ctx);
        let position = self.constant(d as i64)?;
        let index = self.index_type();
        let op = if is_memref {
            self.op::<memref::DimOp>(&[&[shaped], &[position]], &[index], &[])?
        } else {
            self.op::<tensor::DimOp>(&[&[shaped], &[position]], &[index], &[])?
        };
        Ok(Ofr::Value(self.rewriter.ir().result(op, 0)))
    }

    /// `expr` with its loop dimensions bound to `dims` (sums of products
    /// by constants only; the tiling interfaces reject other indexing
    /// expressions first), folded as one sum before anything is built.
    pub fn affine(&mut self, expr: &AffineExpr, dims: &[Ofr]) -> Result<Ofr, BuildFailure> {
        let dims: Vec<Linear> = dims.iter().map(|&d| Linear::of(d)).collect();
        let sum = Linear::eval(expr, &dims)?;
        self.materialize(&sum)
    }

    /// The last index `expr` reaches on a tile of `sizes` starting at 0,
    /// plus one: `expr(sizes - 1) + 1`, the extent of the slice it addresses.
    pub fn affine_extent(&mut self, expr: &AffineExpr, sizes: &[Ofr]) -> Result<Ofr, BuildFailure> {
        let last: Vec<Linear> = sizes.iter().map(|&s| Linear::of(s).plus(-1)).collect();
        let sum = Linear::eval(expr, &last)?.plus(1);
        self.materialize(&sum)
    }

    /// Builds `sum` with `arith.muli` and `arith.addi`, in term order.
    fn materialize(&mut self, sum: &Linear) -> Result<Ofr, BuildFailure> {
        let mut total = Ofr::Const(0);
        for &(v, factor) in &sum.terms {
            let term = self.mul(Ofr::Value(v), Ofr::Const(factor))?;
            total = self.add(total, term)?;
        }
        self.add(total, Ofr::Const(sum.constant))
    }
}

/// `sum(value * factor) + constant`: an index expression before it is built.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Linear {
    terms: Vec<(Value, i64)>,
    constant: i64,
}

impl Linear {
    fn of(x: Ofr) -> Linear {
        match x {
            Ofr::Const(c) => Linear { terms: Vec::new(), constant: c },
            Ofr::Value(v) => Linear { terms: vec![(v, 1)], constant: 0 },
        }
    }

    fn plus(mut self, c: i64) -> Linear {
        self.constant += c;
        self
    }

    fn add(mut self, other: Linear) -> Linear {
        for (v, f) in other.terms {
            match self.terms.iter_mut().find(|(w, _)| *w == v) {
                Some((_, g)) => *g += f,
                None => self.terms.push((v, f)),
            }
        }
        self.terms.retain(|&(_, f)| f != 0);
        self.constant += other.constant;
        self
    }

    fn scale(mut self, c: i64) -> Linear {
        for (_, f) in &mut self.terms {
            *f *= c;
        }
        self.terms.retain(|&(_, f)| f != 0);
        self.constant *= c;
        self
    }

    fn eval(expr: &AffineExpr, dims: &[Linear]) -> Result<Linear, BuildFailure> {
        match expr {
            AffineExpr::Dim(d) => dims.get(*d as usize).cloned().ok_or_else(|| BuildFailure(format!("no loop d{d}"))),
            AffineExpr::Constant(c) => Ok(Linear::of(Ofr::Const(*c))),
            AffineExpr::Symbol(_) => Err(BuildFailure("symbols are not supported".into())),
            AffineExpr::Binary { kind: AffineBinaryKind::Add, lhs, rhs } => {
                Ok(Linear::eval(lhs, dims)?.add(Linear::eval(rhs, dims)?))
            }
            AffineExpr::Binary { kind: AffineBinaryKind::Mul, lhs, rhs } => {
                let (a, b) = (Linear::eval(lhs, dims)?, Linear::eval(rhs, dims)?);
                match (a.terms.is_empty(), b.terms.is_empty()) {
                    (_, true) => Ok(a.scale(b.constant)),
                    (true, _) => Ok(b.scale(a.constant)),
                    _ => Err(BuildFailure("a product of loop indices is not supported".into())),
                }
            }
            AffineExpr::Binary { kind, .. } => {
                Err(BuildFailure(format!("'{kind:?}' in an indexing expression is not supported")))
            }
        }
    }
}

/// The value whose shape `value` has, through results of structured ops
/// on tensors (which have the shape of their inits).
fn shape_source(ir: &ir::Ir, mut value: Value) -> Value {
    while let Some(op) = ir.defining_op(value) {
        let Some(s) = dialect_linalg::Structured::of(ir, op) else { break };
        let Some(r) = ir.results(op).iter().position(|&v| v == value) else { break };
        let ctx = ir.ctx();
        let Some(&init) = s.outputs().iter().filter(|&&o| ir.value_type(o).is_tensor(ctx)).nth(r) else { break };
        if ir.value_type(init) != ir.value_type(value) {
            break;
        }
        value = init;
    }
    value
}

/// Whether `expr` is a sum of loop indices times non-negative constants
/// plus a non-negative constant: what a tile maps to one contiguous slice.
pub fn is_tileable_expr(expr: &AffineExpr) -> bool {
    match expr {
        AffineExpr::Dim(_) => true,
        AffineExpr::Constant(c) => *c >= 0,
        AffineExpr::Symbol(_) => false,
        AffineExpr::Binary { kind: AffineBinaryKind::Add, lhs, rhs } => is_tileable_expr(lhs) && is_tileable_expr(rhs),
        AffineExpr::Binary { kind: AffineBinaryKind::Mul, lhs, rhs } => match (&**lhs, &**rhs) {
            (e, AffineExpr::Constant(c)) | (AffineExpr::Constant(c), e) => *c >= 0 && is_tileable_expr(e),
            _ => false,
        },
        AffineExpr::Binary { .. } => false,
    }
}
