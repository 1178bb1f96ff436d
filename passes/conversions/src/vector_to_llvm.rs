//! `convert-vector-to-llvm`: vector ops on fixed-size 1-D vectors become
//! llvm dialect ops, as upstream lowers them.
//!
//! - elements: `broadcast` of a scalar (or a `vector<1xT>`) is an
//!   `insertelement` into poison and a zero `shufflevector`; `extract` and
//!   `insert` (static or dynamic position) are `extractelement` and
//!   `insertelement`; `from_elements` fills a poison vector; `step` and
//!   `constant_mask` are `arith.constant`s; `create_mask` compares the bound
//!   with `[0, 1, ..]` (as `i32`s unless `force-32bit-vector-indices=0`);
//!   `bitcast` is `llvm.bitcast`;
//! - arithmetic: `fma` is `llvm.intr.fmuladd`; `outerproduct` of a vector
//!   and a scalar (an AXPY) multiplies by the broadcast scalar;
//!   `reduction` is the matching `llvm.intr.vector.reduce.*`, combined with
//!   the accumulator (`reassociate-fp-reductions` adds `reassoc` to float
//!   sums and products);
//! - memory (the `memory` module): `load`/`store` and in-bounds
//!   transfers with a minor identity map are `llvm.load`/`llvm.store` of
//!   the vector at the element's address; masked ones and out-of-bounds
//!   transfers are `llvm.intr.masked.load`/`store` (the bound compared with
//!   the lane indices);
//! - `print` (the `print` module): calls of the runtime's
//!   `printF32`/`printI64`/.../`printNewline`; a 1-D vector is printed
//!   element by element between `printOpen` and `printClose`.
//!
//! The vector dialect is illegal: anything else (n-D vectors, scalable
//! vectors, `contract`, `transpose`, `vector.mask`, tensors) is reported as
//! "failed to legalize", where upstream leaves the op in place for other
//! passes (`convert-vector-to-scf`, the vector transforms). Upstream also
//! needs `convert-vector-to-scf` before printing a vector; here `print`
//! lowers any 1-D vector, unrolled. The ops this pass creates outside the
//! llvm dialect (`arith`, `memref.dim`) are lowered by the passes that
//! follow in `lower-to-llvm`.

mod memory;
mod print;

use dialect_arith as arith;
use dialect_llvm as llvm;
use dialect_vector as vector;
use ir::attributes::DenseElements;
use ir::pass::{Pass, PassContext, PassInfo, PassOptions};
use ir::rewrite::{apply_conversion, ConversionMode, ConversionPattern, ConversionTarget, PatternRewriter, TypeConverter};
use ir::types::TypeData;
use ir::{AttrData, Attribute, Context, Diagnostic, Ir, Location, OpId, OpType, Type, Value};

use crate::llvm_type_converter::llvm_type_converter;

pub const INFO: PassInfo = PassInfo {
    name: "convert-vector-to-llvm",
    summary: "Lower the operations from the vector dialect into the LLVM dialect",
    anchor: None,
    options: &[
        ir::pass::OptionInfo {
            name: "reassociate-fp-reductions",
            description: "Allows llvm to reassociate floating-point reductions for speed",
            default: "false",
        },
        ir::pass::OptionInfo {
            name: "force-32bit-vector-indices",
            description: "Allows compiler to assume vector indices fit in 32-bit if that yields faster code",
            default: "true",
        },
    ],
    dependent_dialects: &["llvm", "arith", "memref"],
    create: |options| Ok(Box::new(ConvertVectorToLlvm(VectorToLlvmOptions::from_pass_options(options)?))),
};

/// The pass's options, as upstream names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VectorToLlvmOptions {
    /// Float sums and products may be reassociated (`reassoc` on the
    /// reduction intrinsic).
    pub reassociate_fp_reductions: bool,
    /// Masks compare `i32` lane indices rather than `i64`.
    pub force_32bit_vector_indices: bool,
}

impl Default for VectorToLlvmOptions {
    fn default() -> Self {
        VectorToLlvmOptions { reassociate_fp_reductions: false, force_32bit_vector_indices: true }
    }
}

impl VectorToLlvmOptions {
    pub fn from_pass_options(options: &PassOptions) -> Result<Self, String> {
        Ok(VectorToLlvmOptions {
            reassociate_fp_reductions: options.get_bool("reassociate-fp-reductions")?,
            force_32bit_vector_indices: options.get_bool("force-32bit-vector-indices")?,
        })
    }
}

struct ConvertVectorToLlvm(VectorToLlvmOptions);

impl Pass for ConvertVectorToLlvm {
    fn run(&self, ir: &mut Ir, op: OpId, _: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        convert_vector_to_llvm(ir, op, self.0)
    }
}

/// Lowers every vector op under `root`; ops of other dialects stay.
pub fn convert_vector_to_llvm(ir: &mut Ir, root: OpId, options: VectorToLlvmOptions) -> Result<(), Diagnostic> {
    let target = ConversionTarget::default().legal_dialect("llvm").illegal_dialect("vector");
    let mut patterns = Vec::new();
    populate_vector_to_llvm_patterns(&mut patterns, options);
    apply_conversion(ir, root, &target, &llvm_type_converter(), &patterns, ConversionMode::Partial)
}

/// The patterns that lower vector ops.
pub fn populate_vector_to_llvm_patterns(patterns: &mut Vec<Box<dyn ConversionPattern>>, options: VectorToLlvmOptions) {
    patterns.push(Box::new(LowerBroadcast));
    patterns.push(Box::new(LowerExtract));
    patterns.push(Box::new(LowerInsert));
    patterns.push(Box::new(LowerFromElements));
    patterns.push(Box::new(LowerStep));
    patterns.push(Box::new(LowerConstantMask));
    patterns.push(Box::new(LowerCreateMask { force_32bit: options.force_32bit_vector_indices }));
    patterns.push(Box::new(LowerBitCast));
    patterns.push(Box::new(LowerFma));
    patterns.push(Box::new(LowerAxpy));
    patterns.push(Box::new(LowerReduction { reassociate: options.reassociate_fp_reductions }));
    memory::populate_memory_patterns(patterns, options);
    print::populate_print_patterns(patterns);
}

/// `(length, element)` of a fixed-size 1-D vector type.
pub(crate) fn vector_1d(ctx: &Context, ty: Type) -> Option<(i64, Type)> {
    match ty.data(ctx) {
        TypeData::Vector { shape, scalable, element } if shape.len() == 1 && !scalable[0] => Some((shape[0], *element)),
        _ => None,
    }
}

/// `vector<length x element>`.
pub(crate) fn vector_type(ctx: &Context, length: i64, element: Type) -> Type {
    ctx.intern_type(TypeData::Vector { shape: vec![length], scalable: vec![false], element })
}

/// The combining kind of a reduction or outer product (`add` for
/// `#vector.kind<add>`).
fn combining_kind(ir: &Ir, op: OpId) -> Option<&str> {
    let ctx = ir.ctx();
    match ir.attr(op, "kind")?.data(ctx) {
        AttrData::Dialect { dialect, body } if ctx.str(*dialect) == "vector" => {
            body.strip_prefix("kind<")?.strip_suffix('>').map(str::trim)
        }
        _ => None,
    }
}

/// Why an op with vector types of other shapes does not lower.
fn shape_note(ir: &Ir, op: OpId) -> Option<String> {
    let ctx = ir.ctx();
    let types = ir.operands(op).iter().chain(ir.results(op)).map(|&v| ir.value_type(v));
    let bad = types.filter(|&t| t.is_vector(ctx)).find(|&t| vector_1d(ctx, t).is_none())?;
    Some(format!("only fixed-size 1-D vectors lower to LLVM here, not '{}'", ctx.print_type(bad)))
}

/// Builds llvm (and arith) ops before one anchor.
pub(crate) struct Emit<'r, 'a> {
    pub r: &'r mut PatternRewriter<'a>,
    pub anchor: OpId,
    pub location: Location,
}

impl<'r, 'a> Emit<'r, 'a> {
    pub fn new(r: &'r mut PatternRewriter<'a>, anchor: OpId) -> Self {
        let location = r.ir().op(anchor).location;
        Emit { r, anchor, location }
    }

    pub fn ctx(&self) -> &Context {
        self.r.ctx()
    }

    /// A `T` with one result of type `ty`; the result.
    pub fn value<T: OpType>(&mut self, groups: &[&[Value]], ty: Type, attributes: &[(&str, Attribute)]) -> Option<Value> {
        let op = self.r.build_before::<T>(self.anchor, self.location, groups, &[ty], attributes)?;
        Some(self.r.ir().result(op.op(), 0))
    }

    /// A `T` without results.
    pub fn effect<T: OpType>(&mut self, groups: &[&[Value]], attributes: &[(&str, Attribute)]) -> Option<()> {
        self.r.build_before::<T>(self.anchor, self.location, groups, &[], attributes).map(|_| ())
    }

    /// `llvm.mlir.constant(value) : ty`.
    pub fn constant(&mut self, value: Attribute, ty: Type) -> Option<Value> {
        self.value::<llvm::ConstantOp>(&[], ty, &[("value", value)])
    }

    /// `llvm.mlir.constant(value : iN) : iN`.
    pub fn int(&mut self, value: i64, bits: u32) -> Option<Value> {
        let ty = Type::integer(self.ctx(), bits);
        let attr = Attribute::integer(self.ctx(), i128::from(value), ty);
        self.constant(attr, ty)
    }

    /// `arith.constant value : ty`.
    pub fn arith_constant(&mut self, value: Attribute, ty: Type) -> Option<Value> {
        self.value::<arith::ConstantOp>(&[], ty, &[("value", value)])
    }

    pub fn poison(&mut self, ty: Type) -> Option<Value> {
        self.value::<llvm::PoisonOp>(&[], ty, &[])
    }

    /// `vector[position]`, the position an `i64` constant.
    pub fn extract_element(&mut self, vector: Value, position: i64) -> Option<Value> {
        let element = vector_1d(self.ctx(), self.r.ir().value_type(vector))?.1;
        let position = self.int(position, 64)?;
        self.value::<llvm::ExtractElementOp>(&[&[vector], &[position]], element, &[])
    }

    /// `vector` with `value` at `position` (an `i64` constant).
    pub fn insert_element(&mut self, vector: Value, value: Value, position: i64) -> Option<Value> {
        let ty = self.r.ir().value_type(vector);
        let position = self.int(position, 64)?;
        self.value::<llvm::InsertElementOp>(&[&[vector], &[value], &[position]], ty, &[])
    }

    /// `scalar` in every lane of a `vector_type`: inserted into lane 0 of a
    /// poison vector, then shuffled with zeros, as upstream splats.
    pub fn splat(&mut self, scalar: Value, vector_type: Type) -> Option<Value> {
        let (length, _) = vector_1d(self.ctx(), vector_type)?;
        let poison = self.poison(vector_type)?;
        let zero = self.int(0, 32)?;
        let inserted = self.value::<llvm::InsertElementOp>(&[&[poison], &[scalar], &[zero]], vector_type, &[])?;
        let mask = Attribute::dense_i32_array(self.ctx(), &vec![0; usize::try_from(length).ok()?]);
        self.value::<llvm::ShuffleVectorOp>(&[&[inserted], &[poison]], vector_type, &[("mask", mask)])
    }

    /// A call of the external function `callee` (declared in the module
    /// when it is not yet), returning nothing.
    pub fn call(&mut self, callee: &str, args: &[Value]) -> Option<()> {
        let params: Vec<Type> = args.iter().map(|&a| self.r.ir().value_type(a)).collect();
        let void = llvm::types::void(self.ctx());
        crate::llvm_function::declare(self.r, self.anchor, callee, &params, void)?;
        let callee = Attribute::symbol_ref(self.ctx(), callee);
        self.effect::<llvm::CallOp>(&[args, &[]], &[("callee", callee)])
    }

    /// `arith.constant dense<[0, 1, ..., n-1]> : vector<n x element>`.
    pub fn lane_indices(&mut self, length: i64, element: Type) -> Option<Value> {
        let ctx = self.ctx();
        let items = (0..length).map(|i| Attribute::integer(ctx, i128::from(i), element)).collect();
        let ty = vector_type(ctx, length, element);
        let attr = ctx.intern_attr(AttrData::DenseElements { ty, elements: DenseElements::Elements(items) });
        self.arith_constant(attr, ty)
    }

    /// The lanes below `bound` (an `index`) of a `vector<length x i1>`:
    /// `broadcast(bound) > [0, 1, ...]`, in `i32` or `i64`.
    pub fn lanes_below(&mut self, bound: Value, length: i64, force_32bit: bool) -> Option<Value> {
        let ctx = self.ctx();
        let element = Type::integer(ctx, if force_32bit { 32 } else { 64 });
        let indices = self.lane_indices(length, element)?;
        let bound = self.value::<arith::IndexCastOp>(&[&[bound]], element, &[])?;
        let lanes = vector_type(self.ctx(), length, element);
        let bounds = self.splat(bound, lanes)?;
        let ctx = self.ctx();
        let sgt = arith::CmpIOp::predicate_attr(ctx, "sgt")?;
        let mask = vector_type(ctx, length, Type::integer(ctx, 1));
        self.value::<arith::CmpIOp>(&[&[bounds], &[indices]], mask, &[("predicate", sgt)])
    }
}

// ---- elements ---------------------------------------------------------------

/// `vector.broadcast`: a scalar or the element of a `vector<1xT>` splatted,
/// or the vector itself when the types agree.
struct LowerBroadcast;

impl ConversionPattern for LowerBroadcast {
    fn root(&self) -> &'static str {
        vector::BroadcastOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        c: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let result = c.convert(ctx, ir.value_type(ir.result(op, 0)));
        vector_1d(ctx, result)?;
        let source = ir.value_type(operands[0]);
        if source == result {
            return Some(vec![operands[0]]);
        }
        let single = vector_1d(ctx, source).filter(|(n, _)| *n == 1).is_some();
        if source.is_vector(ctx) && !single {
            return None;
        }
        let mut e = Emit::new(r, op);
        let scalar = if single { e.extract_element(operands[0], 0)? } else { operands[0] };
        Some(vec![e.splat(scalar, result)?])
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        shape_note(ir, op)
    }
}

/// A `vector.extract`/`insert` position on a 1-D vector: none (the whole
/// vector), a constant, poison (-1) or a value.
enum Position {
    Whole,
    Static(i64),
    Poison,
    Dynamic(Value),
}

fn position(ir: &Ir, op: OpId, dynamic: &[Value]) -> Option<Position> {
    let statics = ir::mixed_list::statics(ir, op, "static_position");
    match statics.as_slice() {
        [] => Some(Position::Whole),
        [ir::types::DYNAMIC] => dynamic.first().map(|&v| Position::Dynamic(v)),
        [-1] => Some(Position::Poison),
        [p] => Some(Position::Static(*p)),
        _ => None,
    }
}

/// `vector.extract` of an element of a 1-D vector: `llvm.extractelement`.
struct LowerExtract;

impl ConversionPattern for LowerExtract {
    fn root(&self) -> &'static str {
        vector::ExtractOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        c: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        vector_1d(ctx, ir.value_type(operands[0]))?;
        let result = c.convert(ctx, ir.value_type(ir.result(op, 0)));
        let position = position(ir, op, &operands[1..])?;
        if !matches!(position, Position::Whole) && result.is_vector(ctx) {
            return None;
        }
        let mut e = Emit::new(r, op);
        let value = match position {
            Position::Whole => operands[0],
            Position::Poison => e.poison(result)?,
            Position::Static(p) => e.extract_element(operands[0], p)?,
            Position::Dynamic(index) => e.value::<llvm::ExtractElementOp>(&[&[operands[0]], &[index]], result, &[])?,
        };
        Some(vec![value])
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        shape_note(ir, op)
    }
}

/// `vector.insert` of an element into a 1-D vector: `llvm.insertelement`.
struct LowerInsert;

impl ConversionPattern for LowerInsert {
    fn root(&self) -> &'static str {
        vector::InsertOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        _: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let (value, dest) = (operands[0], operands[1]);
        let dest_type = ir.value_type(dest);
        vector_1d(ctx, dest_type)?;
        let position = position(ir, op, &operands[2..])?;
        if !matches!(position, Position::Whole) && ir.value_type(value).is_vector(ctx) {
            return None;
        }
        let mut e = Emit::new(r, op);
        let result = match position {
            Position::Whole => value,
            Position::Poison => e.poison(dest_type)?,
            Position::Static(p) => e.insert_element(dest, value, p)?,
            Position::Dynamic(index) => e.value::<llvm::InsertElementOp>(&[&[dest], &[value], &[index]], dest_type, &[])?,
        };
        Some(vec![result])
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        shape_note(ir, op)
    }
}

/// `vector.from_elements`: each element inserted into a poison vector.
struct LowerFromElements;

impl ConversionPattern for LowerFromElements {
    fn root(&self) -> &'static str {
        vector::FromElementsOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        c: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let result = c.convert(ir.ctx(), ir.value_type(ir.result(op, 0)));
        vector_1d(ir.ctx(), result)?;
        let mut e = Emit::new(r, op);
        let mut vector = e.poison(result)?;
        for (i, &element) in operands.iter().enumerate() {
            vector = e.insert_element(vector, element, i as i64)?;
        }
        Some(vec![vector])
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        shape_note(ir, op)
    }
}

/// `vector.step`: the constant `[0, 1, ..., n-1]`.
struct LowerStep;

impl ConversionPattern for LowerStep {
    fn root(&self) -> &'static str {
        vector::StepOp::NAME
    }

    fn match_and_rewrite(&self, op: OpId, _: &[Value], _: &TypeConverter, r: &mut PatternRewriter<'_>) -> Option<Vec<Value>> {
        let ir = r.ir();
        let (length, element) = vector_1d(ir.ctx(), ir.value_type(ir.result(op, 0)))?;
        Some(vec![Emit::new(r, op).lane_indices(length, element)?])
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        shape_note(ir, op)
    }
}

/// `vector.constant_mask [n]`: the constant with the first `n` lanes set.
struct LowerConstantMask;

impl ConversionPattern for LowerConstantMask {
    fn root(&self) -> &'static str {
        vector::ConstantMaskOp::NAME
    }

    fn match_and_rewrite(&self, op: OpId, _: &[Value], _: &TypeConverter, r: &mut PatternRewriter<'_>) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let ty = ir.value_type(ir.result(op, 0));
        let (length, element) = vector_1d(ctx, ty)?;
        let set = *ir.attr(op, "mask_dim_sizes")?.as_dense_int_array(ctx)?.first()? as i64;
        let items = (0..length).map(|i| Attribute::bool(ctx, i < set)).collect();
        let attr = ctx.intern_attr(AttrData::DenseElements {
            ty: vector_type(ctx, length, element),
            elements: DenseElements::Elements(items),
        });
        Some(vec![Emit::new(r, op).arith_constant(attr, ty)?])
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        shape_note(ir, op)
    }
}

/// `vector.create_mask %n`: the lanes below `%n`.
struct LowerCreateMask {
    force_32bit: bool,
}

impl ConversionPattern for LowerCreateMask {
    fn root(&self) -> &'static str {
        vector::CreateMaskOp::NAME
    }

    fn match_and_rewrite(&self, op: OpId, _: &[Value], _: &TypeConverter, r: &mut PatternRewriter<'_>) -> Option<Vec<Value>> {
        let ir = r.ir();
        let (length, _) = vector_1d(ir.ctx(), ir.value_type(ir.result(op, 0)))?;
        // The bound stays an `index` for `arith.index_cast`.
        let bound = *ir.operands(op).first()?;
        Some(vec![Emit::new(r, op).lanes_below(bound, length, self.force_32bit)?])
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        shape_note(ir, op)
    }
}

/// `vector.bitcast` of a 1-D vector: `llvm.bitcast`.
struct LowerBitCast;

impl ConversionPattern for LowerBitCast {
    fn root(&self) -> &'static str {
        vector::BitCastOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        c: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let result = c.convert(ir.ctx(), ir.value_type(ir.result(op, 0)));
        vector_1d(ir.ctx(), result)?;
        Some(vec![Emit::new(r, op).value::<llvm::BitcastOp>(&[&[operands[0]]], result, &[])?])
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        shape_note(ir, op)
    }
}

// ---- arithmetic -------------------------------------------------------------

/// `vector.fma` of 1-D vectors: `llvm.intr.fmuladd`.
struct LowerFma;

impl ConversionPattern for LowerFma {
    fn root(&self) -> &'static str {
        vector::FMAOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        _: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ty = r.ir().value_type(operands[0]);
        vector_1d(r.ctx(), ty)?;
        let fma = Emit::new(r, op).value::<llvm::FMulAddOp>(&[&[operands[0]], &[operands[1]], &[operands[2]]], ty, &[])?;
        Some(vec![fma])
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        shape_note(ir, op)
    }
}

/// `vector.outerproduct %v, %s[, %acc]` (an AXPY): `%v * broadcast(%s)`
/// plus `%acc`; `llvm.intr.fmuladd` for floats with an accumulator,
/// `arith.mulf`/`muli` (and `addi`) otherwise, as upstream.
struct LowerAxpy;

impl ConversionPattern for LowerAxpy {
    fn root(&self) -> &'static str {
        vector::OuterProductOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        _: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let (lhs, rhs) = (operands[0], operands[1]);
        let acc = operands.get(2).copied();
        let ty = ir.value_type(lhs);
        let (_, element) = vector_1d(ctx, ty)?;
        if ir.value_type(rhs).is_vector(ctx) || combining_kind(ir, op) != Some("add") {
            return None;
        }
        let float = element.is_float(ctx);
        let mut e = Emit::new(r, op);
        let splat = e.splat(rhs, ty)?;
        let result = match (float, acc) {
            (true, Some(acc)) => e.value::<llvm::FMulAddOp>(&[&[lhs], &[splat], &[acc]], ty, &[])?,
            (true, None) => e.value::<arith::MulFOp>(&[&[lhs], &[splat]], ty, &[])?,
            (false, acc) => {
                let product = e.value::<arith::MulIOp>(&[&[lhs], &[splat]], ty, &[])?;
                match acc {
                    Some(acc) => e.value::<arith::AddIOp>(&[&[product], &[acc]], ty, &[])?,
                    None => product,
                }
            }
        };
        Some(vec![result])
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        if let Some(note) = shape_note(ir, op) {
            return Some(note);
        }
        let ctx = ir.ctx();
        if ir.operands(op).get(1).is_some_and(|&rhs| ir.value_type(rhs).is_vector(ctx)) {
            return Some("only the outer product of a vector and a scalar (an AXPY) lowers here".into());
        }
        Some("only the combining kind 'add' lowers here".into())
    }
}

/// `vector.reduction <kind>, %v[, %acc]`: the `llvm.intr.vector.reduce.*`
/// intrinsic of the kind; float sums and products start from the
/// accumulator (or the neutral element), the others are combined with it
/// afterwards.
struct LowerReduction {
    reassociate: bool,
}

impl LowerReduction {
    /// The llvm fast-math flags of the reduction, `reassoc` added when
    /// asked (sums and products only).
    fn fastmath(&self, ctx: &Context, ir: &Ir, op: OpId, sum_or_product: bool) -> Vec<(&'static str, Attribute)> {
        let flags = crate::direct_lowering::llvm_flags(ctx, &ir.op(op).attributes);
        let mut flags: Vec<(&'static str, Attribute)> = flags.into_iter().filter(|(n, _)| *n == "fastmathFlags").collect();
        if self.reassociate && sum_or_product {
            let existing = flags.first().and_then(|(_, a)| match a.data(ctx) {
                AttrData::Dialect { body, .. } => {
                    body.strip_prefix("fastmath<").and_then(|b| b.strip_suffix('>')).map(str::to_string)
                }
                _ => None,
            });
            let text = match existing {
                Some(list) if list.split(',').any(|f| f.trim() == "reassoc" || f.trim() == "fast") => list,
                Some(list) => format!("{list}, reassoc"),
                None => "reassoc".to_string(),
            };
            flags = vec![("fastmathFlags", llvm::attrs::llvm_attr(ctx, &format!("fastmath<{text}>")))];
        }
        flags
    }
}

impl ConversionPattern for LowerReduction {
    fn root(&self) -> &'static str {
        vector::ReductionOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        c: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let input = operands[0];
        let acc = operands.get(1).copied();
        vector_1d(ctx, ir.value_type(input))?;
        let ty = c.convert(ctx, ir.value_type(ir.result(op, 0)));
        let kind = combining_kind(ir, op)?.to_string();
        let float = ty.is_float(ctx);
        if float {
            let flags = self.fastmath(ctx, ir, op, matches!(kind.as_str(), "add" | "mul"));
            let mut e = Emit::new(r, op);
            let reduced = match kind.as_str() {
                "add" | "mul" => {
                    let start = match acc {
                        Some(acc) => acc,
                        None => {
                            let neutral = Attribute::float(e.ctx(), if kind == "add" { 0.0 } else { 1.0 }, ty);
                            e.constant(neutral, ty)?
                        }
                    };
                    let groups: &[&[Value]] = &[&[start], &[input]];
                    return Some(vec![if kind == "add" {
                        e.value::<llvm::VectorReduceFAddOp>(groups, ty, &flags)?
                    } else {
                        e.value::<llvm::VectorReduceFMulOp>(groups, ty, &flags)?
                    }]);
                }
                "maxnumf" => e.value::<llvm::VectorReduceFMaxOp>(&[&[input]], ty, &flags)?,
                "minnumf" => e.value::<llvm::VectorReduceFMinOp>(&[&[input]], ty, &flags)?,
                "maximumf" => e.value::<llvm::VectorReduceFMaximumOp>(&[&[input]], ty, &flags)?,
                "minimumf" => e.value::<llvm::VectorReduceFMinimumOp>(&[&[input]], ty, &flags)?,
                _ => return None,
            };
            let Some(acc) = acc else { return Some(vec![reduced]) };
            let groups: &[&[Value]] = &[&[reduced], &[acc]];
            let combined = match kind.as_str() {
                "maxnumf" => e.value::<llvm::MaxNumOp>(groups, ty, &[])?,
                "minnumf" => e.value::<llvm::MinNumOp>(groups, ty, &[])?,
                "maximumf" => e.value::<llvm::MaximumOp>(groups, ty, &[])?,
                _ => e.value::<llvm::MinimumOp>(groups, ty, &[])?,
            };
            return Some(vec![combined]);
        }
        let comparison = match kind.as_str() {
            "minui" => Some("ule"),
            "minsi" => Some("sle"),
            "maxui" => Some("uge"),
            "maxsi" => Some("sge"),
            "add" | "mul" | "and" | "or" | "xor" => None,
            _ => return None,
        };
        let mut e = Emit::new(r, op);
        let groups: &[&[Value]] = &[&[input]];
        let reduced = match kind.as_str() {
            "add" => e.value::<llvm::VectorReduceAddOp>(groups, ty, &[])?,
            "mul" => e.value::<llvm::VectorReduceMulOp>(groups, ty, &[])?,
            "and" => e.value::<llvm::VectorReduceAndOp>(groups, ty, &[])?,
            "or" => e.value::<llvm::VectorReduceOrOp>(groups, ty, &[])?,
            "xor" => e.value::<llvm::VectorReduceXorOp>(groups, ty, &[])?,
            "minui" => e.value::<llvm::VectorReduceUMinOp>(groups, ty, &[])?,
            "minsi" => e.value::<llvm::VectorReduceSMinOp>(groups, ty, &[])?,
            "maxui" => e.value::<llvm::VectorReduceUMaxOp>(groups, ty, &[])?,
            _ => e.value::<llvm::VectorReduceSMaxOp>(groups, ty, &[])?,
        };
        let Some(acc) = acc else { return Some(vec![reduced]) };
        // The accumulator first, as upstream combines.
        let groups: &[&[Value]] = &[&[acc], &[reduced]];
        let combined = match (kind.as_str(), comparison) {
            (_, Some(predicate)) => {
                let ctx = e.ctx();
                let index = llvm::attrs::ICMP_PREDICATES.iter().position(|p| *p == predicate)?;
                let predicate = Attribute::integer(ctx, index as i128, Type::integer(ctx, 64));
                let i1 = Type::integer(ctx, 1);
                let keep = e.value::<llvm::ICmpOp>(groups, i1, &[("predicate", predicate)])?;
                e.value::<llvm::SelectOp>(&[&[keep], &[acc], &[reduced]], ty, &[])?
            }
            ("add", _) => e.value::<llvm::AddOp>(groups, ty, &[])?,
            ("mul", _) => e.value::<llvm::MulOp>(groups, ty, &[])?,
            ("and", _) => e.value::<llvm::AndOp>(groups, ty, &[])?,
            ("or", _) => e.value::<llvm::OrOp>(groups, ty, &[])?,
            _ => e.value::<llvm::XOrOp>(groups, ty, &[])?,
        };
        Some(vec![combined])
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        shape_note(ir, op)
    }
}
