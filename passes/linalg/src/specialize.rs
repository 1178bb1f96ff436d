//! `specialize` (upstream: `linalg-specialize-generic-ops`): a
//! `linalg.generic` that computes what a named op computes becomes that
//! named op, the reverse of `generalize`. Recognised: `linalg.fill`,
//! `copy`, `transpose`, `broadcast`, the elementwise unary ops (`exp`,
//! `log`, `abs`, `ceil`, `floor`, `negf`, `reciprocal`, `round`, `sqrt`,
//! `rsqrt`, `square`, `tanh`, `erf`) and binary ops (`add`, `sub`, `mul`,
//! `div`, `div_unsigned`, `max`, `min`, `powf`), `matmul` and
//! `batch_matmul` (transposed operands kept in `indexing_maps`, the
//! unsigned cast in `cast`), `matvec`, `vecmat` and `dot`.
//!
//! A generic matches when, with its loops renamed so that the output's
//! dimensions come first, its maps and iterator types are the named op's
//! and its body is the one the named op builds for the same types (the
//! body is built in a scratch arena from the op's `NamedOp` description
//! and compared op by op, operands of commutative ops in either order, so
//! what counts as "the same" is exactly what `generalize` would give back).
//! Binary ops whose body reads the inputs in the other order are built with
//! their inputs swapped (`subf %b, %a` is `linalg.sub ins(%b, %a)`).
//!
//! ```mlir
//! %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
//!        ins(%a : tensor<8xf32>) outs(%o : tensor<8xf32>) {
//! ^bb0(%in: f32, %out: f32):
//!   %1 = math.exp %in : f32
//!   linalg.yield %1 : f32
//! } -> tensor<8xf32>
//! // becomes
//! %0 = linalg.exp ins(%a : tensor<8xf32>) outs(%o : tensor<8xf32>) -> tensor<8xf32>
//! ```

use dialect_linalg::named::{build_named, description, NamedOp};
use dialect_linalg::payload::{build_body, BodyFn};
use dialect_linalg::structured::body_argument_type;
use dialect_linalg::*;
use ir::affine::AffineMap;
use ir::body::{ValueDef, WalkOrder};
use ir::dialect::Traits;
use ir::pass::{Pass, PassContext, PassInfo};
use ir::rewrite::{InsertPoint, PatternRewriter, RewritePattern};
use ir::{AttrData, Attribute, BlockId, Context, Diagnostic, Ir, Location, NamedAttribute, OpId, OpType, Type, Value};
use rustc_hash::{FxHashMap, FxHashSet};

pub const INFO: PassInfo = PassInfo {
    name: "specialize",
    summary: "Turn linalg.generic ops that match a named op into it (upstream: linalg-specialize-generic-ops)",
    anchor: None,
    options: &[],
    dependent_dialects: &["linalg"],
    create: |_| Ok(Box::new(Specialize)),
};

struct Specialize;

impl Pass for Specialize {
    fn run(&self, ir: &mut Ir, op: OpId, cx: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        let generics: Vec<GenericOp> =
            ir.walk_collect(op, WalkOrder::PreOrder).into_iter().filter_map(|o| ir.dyn_cast::<GenericOp>(o)).collect();
        let mut rewriter = PatternRewriter::new(ir);
        let mut count = 0;
        for generic in generics {
            let location = rewriter.ir().op(generic.0).location;
            match specialize(&mut rewriter, generic) {
                Ok(named) => {
                    count += 1;
                    let name = rewriter.ir().op_name_str(named).to_string();
                    cx.remark(location, format!("specialized to '{name}'"));
                }
                Err(why) => cx.remark(location, format!("not specialized: {why}")),
            }
        }
        cx.count("num-specialized", "Number of generic ops turned into named ops", count);
        Ok(())
    }
}

/// Rewrites a `linalg.generic` as the named op it matches.
pub struct SpecializeGenericOp;

impl RewritePattern for SpecializeGenericOp {
    fn root(&self) -> Option<&'static str> {
        Some(GenericOp::NAME)
    }

    fn match_and_rewrite(&self, op: OpId, rewriter: &mut PatternRewriter<'_>) -> bool {
        rewriter.ir().dyn_cast::<GenericOp>(op).is_some_and(|generic| specialize(rewriter, generic).is_ok())
    }
}

/// The patterns of this pass, for other drivers.
pub fn populate_specialize_patterns(patterns: &mut Vec<Box<dyn RewritePattern>>) {
    patterns.push(Box::new(SpecializeGenericOp));
}

/// Replaces `generic` by the named op it computes; returns the new op, or
/// says why none matches (nothing is changed then).
pub fn specialize(rewriter: &mut PatternRewriter<'_>, generic: GenericOp) -> Result<OpId, &'static str> {
    let plan = match_named(rewriter.ir(), generic)?;
    let op = generic.0;
    let location = rewriter.ir().op(op).location;
    let named = plan.build(rewriter.ir_mut(), location).map_err(|_| "the named op cannot be built")?;
    rewriter.insert(InsertPoint::Before(op), named);
    let results = rewriter.ir().results(named).to_vec();
    rewriter.replace_op(op, &results);
    Ok(named)
}

/// Builds a detached named op from its inputs, outputs and attributes.
type BuildFn = fn(&mut Ir, Location, &[Value], &[Value], &[(&str, Attribute)]) -> Result<OpId, String>;

fn build_as<T: OpType>(
    ir: &mut Ir,
    location: Location,
    inputs: &[Value],
    outputs: &[Value],
    attributes: &[(&str, Attribute)],
) -> Result<OpId, String> {
    build_named::<T>(ir, location, inputs, outputs, attributes).map(OpType::op)
}

/// A named op that a generic may be: how to build it and its description.
#[derive(Clone, Copy)]
struct Candidate {
    build: BuildFn,
    named: fn(&Context) -> Option<&'static NamedOp>,
}

fn candidate<T: OpType>() -> Candidate {
    Candidate { build: build_as::<T>, named: description::<T> }
}

/// What the generic becomes.
enum Plan {
    Named { build: BuildFn, inputs: Vec<Value>, outputs: Vec<Value>, attributes: Vec<(&'static str, Attribute)> },
    Transpose { input: Value, init: Value, permutation: Vec<i64> },
    Broadcast { input: Value, init: Value, dimensions: Vec<i64> },
}

impl Plan {
    fn build(self, ir: &mut Ir, location: Location) -> Result<OpId, String> {
        match self {
            Plan::Named { build, inputs, outputs, attributes } => build(ir, location, &inputs, &outputs, &attributes),
            Plan::Transpose { input, init, permutation } => Ok(build_transpose(ir, location, input, init, &permutation).op()),
            Plan::Broadcast { input, init, dimensions } => Ok(build_broadcast(ir, location, input, init, &dimensions).op()),
        }
    }
}

/// The generic seen with its loops renamed: the output's dimensions first,
/// in the output's order, then the other loops in their order.
struct Canonical {
    maps: Vec<AffineMap>,
    parallel: usize,
    reduction: usize,
}

fn canonical(maps: &[AffineMap], iterators: &[IteratorType]) -> Option<Canonical> {
    let output = maps.last()?;
    let mut order = output.result_dims()?;
    if !output.is_projected_permutation() {
        return None;
    }
    let rest: Vec<u32> = (0..iterators.len() as u32).filter(|d| !order.contains(d)).collect();
    order.extend(rest);
    let rename = AffineMap::from_dims(iterators.len() as u32, &order).inverse_permutation()?;
    let iterators: Vec<IteratorType> = order.iter().map(|&d| iterators[d as usize]).collect();
    // Named ops put their parallel loops first.
    let parallel = iterators.iter().take_while(|&&i| i == IteratorType::Parallel).count();
    if iterators[parallel..].contains(&IteratorType::Parallel) || parallel != output.results.len() {
        return None;
    }
    Some(Canonical { maps: maps.iter().map(|m| m.compose(&rename)).collect(), parallel, reduction: iterators.len() - parallel })
}

fn dims_map(num_dims: usize, dims: &[u32]) -> AffineMap {
    AffineMap::from_dims(num_dims as u32, dims)
}

/// `#linalg.type_fn<cast_unsigned>`.
fn cast_unsigned(ctx: &Context) -> Attribute {
    ctx.intern_attr(AttrData::Dialect { dialect: ctx.symbol("linalg"), body: "type_fn<cast_unsigned>".into() })
}

fn match_named(ir: &Ir, generic: GenericOp) -> Result<Plan, &'static str> {
    let s = Structured::of(ir, generic.0).ok_or("not a structured op")?;
    let block = s.block().ok_or("no body")?;
    if s.outputs().len() != 1 {
        return Err("named ops have one output");
    }
    if s.has_index_semantics() {
        return Err("the body reads loop indices");
    }
    let c = canonical(&s.indexing_maps(), &s.iterator_types())
        .ok_or("its loops are not the output's dimensions followed by reductions")?;
    let inputs = s.inputs().to_vec();
    let outputs = s.outputs().to_vec();
    let loops = c.parallel + c.reduction;
    let identity = AffineMap::identity(loops as u32);
    let ctx = ir.ctx();
    let shaped = |v: Value| ir.value_type(v).shape(ctx).is_some();
    let matches_as = |candidate: Candidate, attributes: &[NamedAttribute], args: &[usize], commute: bool| {
        (candidate.named)(ctx).is_some_and(|named| body_matches(ir, block, named.body, attributes, args, commute))
    };
    let matches =
        |candidate: Candidate, attributes: &[NamedAttribute], args: &[usize]| matches_as(candidate, attributes, args, true);
    let named = |candidate: Candidate, inputs: Vec<Value>, attributes: Vec<(&'static str, Attribute)>| Plan::Named {
        build: candidate.build,
        inputs,
        outputs: outputs.clone(),
        attributes,
    };
    let cast = NamedAttribute { name: ctx.symbol("cast"), value: cast_unsigned(ctx) };

    if c.reduction == 0 {
        match inputs.as_slice() {
            // Upstream's fill takes a value of the element type (no conversion).
            [x] if !shaped(*x)
                && c.maps[0].results.is_empty()
                && Some(ir.value_type(*x)) == ir.value_type(outputs[0]).shaped_element(ctx)
                && matches(candidate::<FillOp>(), &[], &[0, 1]) =>
            {
                return Ok(named(candidate::<FillOp>(), inputs, Vec::new()));
            }
            [x] if shaped(*x) && c.maps[0] == identity => {
                if matches(candidate::<CopyOp>(), &[], &[0, 1]) {
                    return Ok(named(candidate::<CopyOp>(), inputs, Vec::new()));
                }
                if matches(candidate::<CopyOp>(), &[cast], &[0, 1]) {
                    return Ok(named(candidate::<CopyOp>(), inputs, vec![("cast", cast.value)]));
                }
                if let Some(&op) = unary_ops().iter().find(|&&op| matches(op, &[], &[0, 1])) {
                    return Ok(named(op, inputs, Vec::new()));
                }
            }
            [x] if shaped(*x) && yields_input(ir, block) => {
                let map = &c.maps[0];
                if map.is_permutation() {
                    // Input dimension j is read through loop k: init dimension k is input dimension j.
                    let mut permutation = vec![0; loops];
                    for (j, d) in map.result_dims().unwrap_or_default().into_iter().enumerate() {
                        permutation[d as usize] = j as i64;
                    }
                    return Ok(Plan::Transpose { input: *x, init: outputs[0], permutation });
                }
                let dims = map.result_dims().unwrap_or_default();
                if map.is_projected_permutation() && dims.windows(2).all(|w| w[0] < w[1]) {
                    let dimensions = (0..loops as u32).filter(|d| !dims.contains(d)).map(i64::from).collect();
                    return Ok(Plan::Broadcast { input: *x, init: outputs[0], dimensions });
                }
            }
            [a, b] if shaped(*a) && shaped(*b) && c.maps[0] == identity && c.maps[1] == identity => {
                // Operands as written first (`addf %b, %a` is `linalg.add ins(%b, %a)`, as upstream
                // has it), then up to commutativity.
                for commute in [false, true] {
                    for (order, inputs) in [([0, 1, 2], vec![*a, *b]), ([1, 0, 2], vec![*b, *a])] {
                        if let Some(&op) = binary_ops().iter().find(|&&op| matches_as(op, &[], &order, commute)) {
                            return Ok(named(op, inputs, Vec::new()));
                        }
                    }
                }
            }
            _ => {}
        }
        return Err("no named elementwise op computes this body on these maps");
    }

    // Contractions: one reduction loop (canonically the last), two inputs.
    let [a, b] = inputs.as_slice() else { return Err("contractions have two inputs") };
    if c.reduction != 1 {
        return Err("named contractions have one reduction loop");
    }
    let (m_a, m_b) = (&c.maps[0], &c.maps[1]);
    let contraction = |candidate: Candidate, with_cast: bool, maps: Option<&[AffineMap]>| -> Option<Plan> {
        let mut attributes: Vec<(&'static str, Attribute)> = Vec::new();
        if let Some(maps) = maps {
            attributes.push(("indexing_maps", structured::indexing_maps_attr(ctx, maps)));
        }
        if matches(candidate, &[], &[0, 1, 2]) {
            return Some(named(candidate, vec![*a, *b], attributes));
        }
        if with_cast && matches(candidate, &[cast], &[0, 1, 2]) {
            attributes.push(("cast", cast.value));
            return Some(named(candidate, vec![*a, *b], attributes));
        }
        None
    };
    let plan = match c.parallel {
        // matmul: (m, n, k), A is (m, k) or (k, m), B is (k, n) or (n, k).
        2 if [dims_map(3, &[0, 2]), dims_map(3, &[2, 0])].contains(m_a)
            && [dims_map(3, &[2, 1]), dims_map(3, &[1, 2])].contains(m_b) =>
        {
            contraction(candidate::<MatmulOp>(), true, Some(&c.maps))
        }
        // batch_matmul: (b, m, n, k) with the batch first everywhere.
        3 if [dims_map(4, &[0, 1, 3]), dims_map(4, &[0, 3, 1])].contains(m_a)
            && [dims_map(4, &[0, 3, 2]), dims_map(4, &[0, 2, 3])].contains(m_b) =>
        {
            contraction(candidate::<BatchMatmulOp>(), true, Some(&c.maps))
        }
        // matvec (m, k): A(m, k) x(k); vecmat (n, k): x(k) A(k, n).
        1 if *m_a == dims_map(2, &[0, 1]) && *m_b == dims_map(2, &[1]) => contraction(candidate::<MatvecOp>(), false, None),
        1 if *m_a == dims_map(2, &[1]) && *m_b == dims_map(2, &[1, 0]) => contraction(candidate::<VecmatOp>(), false, None),
        // dot (k): x(k) y(k) into a 0-d output.
        0 if *m_a == dims_map(1, &[0]) && *m_b == dims_map(1, &[0]) => contraction(candidate::<DotOp>(), false, None),
        _ => None,
    };
    plan.ok_or("no named contraction computes this body on these maps")
}

fn unary_ops() -> [Candidate; 13] {
    [
        candidate::<ExpOp>(),
        candidate::<LogOp>(),
        candidate::<AbsOp>(),
        candidate::<CeilOp>(),
        candidate::<FloorOp>(),
        candidate::<NegFOp>(),
        candidate::<ReciprocalOp>(),
        candidate::<RoundOp>(),
        candidate::<SqrtOp>(),
        candidate::<RsqrtOp>(),
        candidate::<SquareOp>(),
        candidate::<TanhOp>(),
        candidate::<ErfOp>(),
    ]
}

fn binary_ops() -> [Candidate; 8] {
    [
        candidate::<AddOp>(),
        candidate::<SubOp>(),
        candidate::<MulOp>(),
        candidate::<DivOp>(),
        candidate::<DivUnsignedOp>(),
        candidate::<MaxOp>(),
        candidate::<MinOp>(),
        candidate::<PowFOp>(),
    ]
}

/// Whether the body only yields its first argument, unconverted.
fn yields_input(ir: &Ir, block: BlockId) -> bool {
    let args = ir.block_arguments(block);
    let mut ops = ir.block_ops(block);
    match (ops.next(), ops.next()) {
        (Some(only), None) => ir.operands(only) == [args[0]] && ir.value_type(args[0]) == ir.value_type(args[args.len() - 1]),
        _ => false,
    }
}

/// Whether `block` (of `ir`) computes what `body` builds with `attributes`
/// for the same argument types. Built argument `i` stands for `block`'s
/// argument `args[i]`. Ops compare by name, attributes and result types;
/// operands of commutative ops in either order; every op of `block` must be
/// used by what it yields. Without `commute`, operands must be in order.
pub fn body_matches(ir: &Ir, block: BlockId, body: BodyFn, attributes: &[NamedAttribute], args: &[usize], commute: bool) -> bool {
    let ctx = ir.ctx_arc().clone();
    let actual_args = ir.block_arguments(block);
    if args.len() != actual_args.len() {
        return false;
    }
    let types: Vec<Type> = args.iter().map(|&i| body_argument_type(&ctx, ir.value_type(actual_args[i]))).collect();
    let mut scratch = Ir::new(ctx);
    let region = scratch.create_region(None);
    if build_body(&mut scratch, region, &types, Location::Unknown, attributes, body).is_err() {
        return false;
    }
    let Some(built_block) = scratch.entry_block(region) else { return false };
    let (Some(built_yield), Some(actual_yield)) = (scratch.terminator(built_block), ir.terminator(block)) else {
        return false;
    };
    let mut matcher = Matcher {
        built: &scratch,
        actual: ir,
        built_block,
        block,
        args,
        commute,
        pairs: FxHashMap::default(),
        matched: FxHashSet::default(),
    };
    let (built_values, actual_values) = (scratch.operands(built_yield), ir.operands(actual_yield));
    built_values.len() == actual_values.len()
        && built_values.iter().zip(actual_values).all(|(&b, &a)| matcher.same(b, a))
        && matcher.matched.len() == ir.block_ops(block).count() - 1
}

/// Pairs values of a built body with values of an actual one.
struct Matcher<'a> {
    built: &'a Ir,
    actual: &'a Ir,
    built_block: BlockId,
    block: BlockId,
    args: &'a [usize],
    commute: bool,
    pairs: FxHashMap<Value, Value>,
    matched: FxHashSet<OpId>,
}

impl Matcher<'_> {
    fn same(&mut self, built: Value, actual: Value) -> bool {
        if let Some(&paired) = self.pairs.get(&built) {
            return paired == actual;
        }
        let same = match (self.built.value_def(built), self.actual.value_def(actual)) {
            (ValueDef::BlockArgument { block: bb, index: i }, ValueDef::BlockArgument { block: ab, index: j }) => {
                bb == self.built_block && ab == self.block && self.args.get(i as usize) == Some(&(j as usize))
            }
            (ValueDef::Result { op: bo, index: bi }, ValueDef::Result { op: ao, index: ai }) => {
                bi == ai && self.actual.op_parent_block(ao) == Some(self.block) && self.same_op(bo, ao)
            }
            _ => false,
        };
        if same {
            self.pairs.insert(built, actual);
        }
        same
    }

    fn same_op(&mut self, built: OpId, actual: OpId) -> bool {
        let (b, a) = (self.built.op(built), self.actual.op(actual));
        let types = |ir: &Ir, op: OpId| ir.results(op).iter().map(|&r| ir.value_type(r)).collect::<Vec<_>>();
        let mut battrs = b.attributes.clone();
        let mut aattrs = a.attributes.clone();
        battrs.sort_by_key(|n| n.name);
        aattrs.sort_by_key(|n| n.name);
        if b.name != a.name
            || battrs != aattrs
            || types(self.built, built) != types(self.actual, actual)
            || !self.built.regions(built).is_empty()
            || !self.actual.regions(actual).is_empty()
            || self.built.operands(built).len() != self.actual.operands(actual).len()
        {
            return false;
        }
        let (bops, aops) = (self.built.operands(built).to_vec(), self.actual.operands(actual).to_vec());
        let saved = (self.pairs.clone(), self.matched.clone());
        let mut same = bops.iter().zip(&aops).all(|(&x, &y)| self.same(x, y));
        if !same && self.commute && bops.len() == 2 && self.actual.has_trait(actual, Traits::COMMUTATIVE) {
            (self.pairs, self.matched) = saved;
            same = self.same(bops[0], aops[1]) && self.same(bops[1], aops[0]);
        }
        if same {
            self.matched.insert(actual);
        }
        same
    }
}
