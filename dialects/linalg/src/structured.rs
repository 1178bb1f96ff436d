//! The structured-op interface: every linalg op, named or generic, is a
//! perfect loop nest over its iteration space. Each loop is parallel or a
//! reduction; each operand is read (inputs) or updated (outputs, the
//! "inits") at the indices its indexing map computes from the loop
//! indices; the body computes the new output elements from one element of
//! each operand.
//!
//! Passes see every linalg op through [`Structured`], so fusion, tiling,
//! generalisation and lowering to loops treat named ops and
//! `linalg.generic` alike. A named op implements [`StructuredOp`] with its
//! maps, iterators and the body it stands for.

use ir::affine::{AffineExpr, AffineMap};
use ir::types::DYNAMIC;
use ir::verifier::op_error;
use ir::{AttrData, Attribute, BlockId, Context, Diagnostic, Ir, NamedAttribute, OpId, Type, Value};

use crate::payload::BodyFn;

/// What one loop of the iteration space does.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum IteratorType {
    /// Iterations are independent.
    Parallel,
    /// Iterations combine into the same output elements.
    Reduction,
}

impl IteratorType {
    pub fn keyword(self) -> &'static str {
        match self {
            IteratorType::Parallel => "parallel",
            IteratorType::Reduction => "reduction",
        }
    }

    pub fn from_keyword(word: &str) -> Option<IteratorType> {
        match word {
            "parallel" => Some(IteratorType::Parallel),
            "reduction" => Some(IteratorType::Reduction),
            _ => None,
        }
    }

    /// `parallel` parallel loops, then `reduction` reduction loops.
    pub fn parallel_then_reduction(parallel: usize, reduction: usize) -> Vec<IteratorType> {
        let mut types = vec![IteratorType::Parallel; parallel];
        types.extend(std::iter::repeat_n(IteratorType::Reduction, reduction));
        types
    }

    /// `#linalg.iterator_type<parallel>`, how the attribute is stored.
    pub fn attr(self, ctx: &Context) -> Attribute {
        ctx.intern_attr(AttrData::Dialect {
            dialect: ctx.symbol("linalg"),
            body: format!("iterator_type<{}>", self.keyword()).into(),
        })
    }

    /// Reads `#linalg.iterator_type<parallel>`.
    pub fn of_attr(ctx: &Context, attr: Attribute) -> Option<IteratorType> {
        match attr.data(ctx) {
            AttrData::Dialect { dialect, body } if ctx.str(*dialect) == "linalg" => {
                IteratorType::from_keyword(body.strip_prefix("iterator_type<")?.strip_suffix('>')?)
            }
            _ => None,
        }
    }
}

/// What makes an op a structured op. Implemented by every linalg op.
pub trait StructuredOp: Sync {
    /// One map per operand, inputs first, from loop indices to the
    /// operand's indices; `None` when the op is malformed.
    fn indexing_maps(&self, ir: &Ir, op: OpId) -> Option<Vec<AffineMap>>;
    /// One entry per loop.
    fn iterator_types(&self, ir: &Ir, op: OpId) -> Option<Vec<IteratorType>>;
    /// How many trailing operands are outputs ("inits").
    fn num_outputs(&self, ir: &Ir, op: OpId) -> usize {
        segment_sizes(ir, op).map_or(0, |(_, outputs)| outputs)
    }
    /// The body a named op stands for; `None` for ops whose body is written
    /// out (`linalg.generic`, `linalg.map`, `linalg.reduce`).
    fn body(&self) -> Option<BodyFn> {
        None
    }
}

/// The `operandSegmentSizes` split of inputs and outputs.
fn segment_sizes(ir: &Ir, op: OpId) -> Option<(usize, usize)> {
    let sizes = ir.attr(op, "operandSegmentSizes")?.as_dense_int_array(ir.ctx())?;
    match sizes.as_slice() {
        [inputs, outputs] => Some((*inputs as usize, *outputs as usize)),
        _ => None,
    }
}

/// An op seen through its structured-op interface.
#[derive(Clone, Copy)]
pub struct Structured<'a> {
    pub ir: &'a Ir,
    pub op: OpId,
    interface: &'static dyn StructuredOp,
}

impl<'a> Structured<'a> {
    /// `op` as a structured op, if it is one.
    pub fn of(ir: &'a Ir, op: OpId) -> Option<Structured<'a>> {
        ir.interface::<dyn StructuredOp>(op).map(|interface| Structured { ir, op, interface })
    }

    pub fn name(&self) -> &str {
        self.ir.op_name_str(self.op)
    }

    fn split(&self) -> usize {
        let operands = self.ir.operands(self.op).len();
        operands - self.interface.num_outputs(self.ir, self.op).min(operands)
    }

    /// Operands read by the op.
    pub fn inputs(&self) -> &'a [Value] {
        &self.ir.operands(self.op)[..self.split()]
    }

    /// Operands the op updates: its destinations.
    pub fn outputs(&self) -> &'a [Value] {
        &self.ir.operands(self.op)[self.split()..]
    }

    pub fn operands(&self) -> &'a [Value] {
        self.ir.operands(self.op)
    }

    pub fn indexing_maps(&self) -> Vec<AffineMap> {
        self.interface.indexing_maps(self.ir, self.op).unwrap_or_default()
    }

    pub fn iterator_types(&self) -> Vec<IteratorType> {
        self.interface.iterator_types(self.ir, self.op).unwrap_or_default()
    }

    pub fn num_loops(&self) -> usize {
        self.iterator_types().len()
    }

    /// Whether every loop is parallel.
    pub fn is_all_parallel(&self) -> bool {
        self.iterator_types().iter().all(|&i| i == IteratorType::Parallel)
    }

    /// The position among the operands of the output that result `result`
    /// stands for (results belong to the tensor outputs, in order).
    pub fn result_operand(&self, result: usize) -> Option<usize> {
        let ctx = self.ir.ctx();
        let inputs = self.inputs().len();
        self.outputs()
            .iter()
            .enumerate()
            .filter(|(_, &v)| self.ir.value_type(v).is_tensor(ctx))
            .nth(result)
            .map(|(i, _)| inputs + i)
    }

    /// Whether the body reads the element of operand `operand` (uses its
    /// block argument).
    pub fn payload_uses(&self, operand: usize) -> bool {
        self.block().and_then(|b| self.ir.block_arguments(b).get(operand).copied()).is_some_and(|arg| self.ir.has_uses(arg))
    }

    /// Whether the body asks for loop indices (`linalg.index`).
    pub fn has_index_semantics(&self) -> bool {
        let Some(block) = self.block() else { return false };
        self.ir
            .block_ops(block)
            .any(|op| self.ir.walk_collect(op, ir::body::WalkOrder::PreOrder).iter().any(|&o| self.ir.isa::<crate::IndexOp>(o)))
    }

    /// The block that computes one output element per output.
    pub fn block(&self) -> Option<BlockId> {
        self.ir.regions(self.op).first().and_then(|&r| self.ir.entry_block(r))
    }

    /// Whether every operand is a tensor or a scalar (no buffers).
    pub fn has_pure_tensor_semantics(&self) -> bool {
        let ctx = self.ir.ctx();
        self.operands().iter().all(|&v| !self.ir.value_type(v).is_memref(ctx))
    }

    /// Whether every shaped operand is a buffer.
    pub fn has_pure_buffer_semantics(&self) -> bool {
        let ctx = self.ir.ctx();
        self.operands().iter().all(|&v| {
            let t = self.ir.value_type(v);
            t.is_memref(ctx) || t.shape(ctx).is_none()
        })
    }

    /// The op's body function, for named ops.
    pub fn body_fn(&self) -> Option<BodyFn> {
        self.interface.body()
    }

    /// The static size of each loop where an operand dimension indexed by
    /// just that loop tells it (`DYNAMIC` otherwise).
    pub fn static_loop_ranges(&self) -> Vec<i64> {
        let ctx = self.ir.ctx();
        let mut ranges = vec![DYNAMIC; self.num_loops()];
        for (&v, map) in self.operands().iter().zip(self.indexing_maps()) {
            let shape = self.ir.value_type(v).shape(ctx).unwrap_or(&[]).to_vec();
            for (expr, &size) in map.results.iter().zip(&shape) {
                if let AffineExpr::Dim(d) = expr {
                    let range = &mut ranges[*d as usize];
                    if *range == DYNAMIC {
                        *range = size;
                    }
                }
            }
        }
        ranges
    }
}

/// Whether loop sizes can be read from operand shapes under `maps`: every
/// loop indexes some operand dimension on its own (upstream's
/// `getShapesToLoopsMap` succeeding).
pub fn loop_sizes_computable(maps: &[AffineMap]) -> bool {
    match maps.first() {
        None => true,
        Some(first) if first.num_dims == 0 => true,
        Some(_) => AffineMap::concat(maps).and_then(|m| m.inverse_permutation()).is_some(),
    }
}

/// The type a body argument has for an operand: its element type, or the
/// operand's own type when it is a scalar.
pub fn body_argument_type(ctx: &Context, operand: Type) -> Type {
    match operand.data(ctx) {
        ir::TypeData::RankedTensor { element, .. } | ir::TypeData::MemRef { element, .. } => *element,
        _ => operand,
    }
}

/// Memory effects of a structured op: buffers it reads and the buffers it writes.
pub fn structured_effects(ir: &Ir, op: OpId) -> Vec<ir::effects::MemoryEffect> {
    use ir::effects::{EffectKind, MemoryEffect};
    let Some(s) = Structured::of(ir, op) else { return Vec::new() };
    let ctx = ir.ctx();
    let buffers = |values: &'_ [Value]| values.iter().copied().filter(|&v| ir.value_type(v).is_memref(ctx)).collect::<Vec<_>>();
    let mut effects: Vec<MemoryEffect> =
        buffers(s.inputs()).into_iter().map(|v| MemoryEffect { kind: EffectKind::Read, value: Some(v) }).collect();
    for v in buffers(s.outputs()) {
        effects.push(MemoryEffect { kind: EffectKind::Read, value: Some(v) });
        effects.push(MemoryEffect { kind: EffectKind::Write, value: Some(v) });
    }
    effects
}

/// The `linalg.iterator_type` list of an `iterator_types` attribute.
pub fn iterator_types_of(ctx: &Context, attr: Option<Attribute>) -> Option<Vec<IteratorType>> {
    attr?.as_array(ctx)?.iter().map(|&a| IteratorType::of_attr(ctx, a)).collect()
}

/// The maps of an `indexing_maps` attribute.
pub fn indexing_maps_of(ctx: &Context, attr: Option<Attribute>) -> Option<Vec<AffineMap>> {
    attr?
        .as_array(ctx)?
        .iter()
        .map(|&a| match a.data(ctx) {
            AttrData::AffineMap(m) => Some(m.clone()),
            _ => None,
        })
        .collect()
}

/// `[affine_map<...>, ...]`.
pub fn indexing_maps_attr(ctx: &Context, maps: &[AffineMap]) -> Attribute {
    Attribute::array(ctx, maps.iter().map(|m| ctx.intern_attr(AttrData::AffineMap(m.clone()))).collect())
}

/// `[#linalg.iterator_type<parallel>, ...]`.
pub fn iterator_types_attr(ctx: &Context, iterators: &[IteratorType]) -> Attribute {
    Attribute::array(ctx, iterators.iter().map(|i| i.attr(ctx)).collect())
}

/// The attribute named `name` among `attributes`.
pub fn find_attr(ctx: &Context, attributes: &[NamedAttribute], name: &str) -> Option<Attribute> {
    attributes.iter().find(|a| ctx.str(a.name) == name).map(|a| a.value)
}

/// The checks every structured op passes: one map per operand over the
/// loops, each giving as many indices as its operand has dimensions;
/// operand shapes that agree on every loop; results for the tensor
/// outputs; one body argument per operand and a yield per output.
pub fn verify_structured(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let Some(s) = Structured::of(ir, op) else { return Ok(()) };
    let operands = s.operands();
    let Some(maps) = s.interface.indexing_maps(ir, op) else {
        return Err(op_error(ir, op, "expected indexing_maps to be an array of affine maps"));
    };
    let Some(iterators) = s.interface.iterator_types(ir, op) else {
        return Err(op_error(ir, op, "expected iterator_types to be an array of 'parallel' or 'reduction'"));
    };
    if maps.len() != operands.len() {
        return Err(op_error(
            ir,
            op,
            format!(
                "expected the number of indexing_map ({}) to be equal to the number of input/output operands ({})",
                maps.len(),
                operands.len()
            ),
        ));
    }
    for (i, (map, &v)) in maps.iter().zip(operands).enumerate() {
        if map.num_symbols != 0 {
            return Err(op_error(ir, op, format!("expected indexing_map #{i} to have no symbols")));
        }
        if map.num_dims as usize != iterators.len() {
            return Err(op_error(
                ir,
                op,
                format!("expected indexing_map #{i} to have {} dim(s) to match the number of loops", iterators.len()),
            ));
        }
        let rank = ir.value_type(v).shape(ctx).map_or(0, |s| s.len());
        if map.results.len() != rank {
            return Err(op_error(
                ir,
                op,
                format!("expected operand #{i} rank ({rank}) to match the result rank of indexing_map ({})", map.results.len()),
            ));
        }
    }
    verify_shapes_against_maps(ir, op, &s, &maps)?;
    verify_results(ir, op, &s)?;
    verify_body(ir, op, &s)
}

/// Every operand dimension indexed by one loop has that loop's size; one
/// indexed by a sum of loops (a convolution window) is large enough.
fn verify_shapes_against_maps(ir: &Ir, op: OpId, s: &Structured<'_>, maps: &[AffineMap]) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let ranges = s.static_loop_ranges();
    for (i, (map, &v)) in maps.iter().zip(s.operands()).enumerate() {
        let shape = ir.value_type(v).shape(ctx).unwrap_or(&[]).to_vec();
        for (d, (expr, &size)) in map.results.iter().zip(&shape).enumerate() {
            if size == DYNAMIC {
                continue;
            }
            match expr {
                AffineExpr::Dim(k) => {
                    let range = ranges[*k as usize];
                    if range != DYNAMIC && range != size {
                        return Err(op_error(
                            ir,
                            op,
                            format!(
                                "inferred input/output operand #{i} has shape's dimension #{d} to be {range}, but found {size}"
                            ),
                        ));
                    }
                }
                _ => {
                    if let Some(last) = largest_index(expr, &ranges) {
                        if last + 1 > size {
                            return Err(op_error(
                                ir,
                                op,
                                format!(
                                    "inferred input/output operand #{i} has shape's dimension #{d} to be greater than or equal to {}, but found {size}",
                                    last + 1
                                ),
                            ));
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

/// The largest value `expr` takes over static, non-empty loop ranges, for
/// sums of loops with non-negative factors; `None` when not known.
fn largest_index(expr: &AffineExpr, ranges: &[i64]) -> Option<i64> {
    use ir::affine::AffineBinaryKind::{Add, Mul};
    match expr {
        AffineExpr::Dim(d) => {
            let r = *ranges.get(*d as usize)?;
            (r != DYNAMIC && r > 0).then(|| r - 1)
        }
        AffineExpr::Constant(c) if *c >= 0 => Some(*c),
        AffineExpr::Binary { kind: Add, lhs, rhs } => largest_index(lhs, ranges)?.checked_add(largest_index(rhs, ranges)?),
        AffineExpr::Binary { kind: Mul, lhs, rhs } => largest_index(lhs, ranges)?.checked_mul(largest_index(rhs, ranges)?),
        _ => None,
    }
}

/// One result per tensor output, of the output's type.
fn verify_results(ir: &Ir, op: OpId, s: &Structured<'_>) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let tensor_outputs: Vec<(usize, Value)> = s
        .outputs()
        .iter()
        .enumerate()
        .filter(|(_, &v)| ir.value_type(v).is_tensor(ctx))
        .map(|(i, &v)| (s.inputs().len() + i, v))
        .collect();
    let results = ir.results(op);
    if results.len() != tensor_outputs.len() {
        return Err(op_error(
            ir,
            op,
            format!(
                "expected the number of tensor results ({}) to be equal to the number of output tensors ({})",
                results.len(),
                tensor_outputs.len()
            ),
        ));
    }
    for (&r, (i, v)) in results.iter().zip(tensor_outputs) {
        let (expected, actual) = (ir.value_type(v), ir.value_type(r));
        if expected != actual {
            return Err(op_error(
                ir,
                op,
                format!(
                    "expected type of operand #{i} ('{}') to match type of corresponding result ('{}')",
                    ctx.print_type(expected),
                    ctx.print_type(actual)
                ),
            ));
        }
    }
    Ok(())
}

/// One body argument per operand, of its element type; a yield per output.
fn verify_body(ir: &Ir, op: OpId, s: &Structured<'_>) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let Some(block) = s.block() else { return Err(op_error(ir, op, "expected a body block")) };
    let args = ir.block_arguments(block);
    if args.len() != s.operands().len() {
        return Err(op_error(
            ir,
            op,
            "expected as many non-induction variable region arguments as the number of input/output operands",
        ));
    }
    for (i, (&arg, &v)) in args.iter().zip(s.operands()).enumerate() {
        let expected = body_argument_type(ctx, ir.value_type(v));
        if ir.value_type(arg) != expected {
            return Err(op_error(
                ir,
                op,
                format!(
                    "expected type of bb argument #{i} ('{}') to match element or self type of the corresponding operand ('{}')",
                    ctx.print_type(ir.value_type(arg)),
                    ctx.print_type(expected)
                ),
            ));
        }
    }
    Ok(())
}
