//! `convert-gpu-to-nvvm`: the device code of a `gpu.module` becomes llvm
//! and nvvm ops, as upstream lowers it for NVIDIA GPUs:
//!
//! - `gpu.func` becomes `llvm.func` (memrefs passed as descriptor fields,
//!   as `convert-func-to-llvm` passes them); a kernel keeps `gpu.kernel` and
//!   gets `nvvm.kernel` (the PTX kernel calling convention once
//!   translated), and `nvvm.maxntid` / `nvvm.cluster_dim` from its known
//!   block and cluster sizes (kept as `gpu.known_block_size` ...). Workgroup
//!   attributions become `llvm.mlir.global internal @__wg_<kernel>_<i>` in
//!   shared memory (address space 3), private ones `llvm.alloca`s.
//! - `gpu.thread_id`, `block_id`, `block_dim`, `grid_dim`, the cluster ids
//!   and sizes and `gpu.lane_id` read PTX special registers (`nvvm.read.ptx.
//!   sreg.tid.x` ...), with the `range` the known sizes or `upper_bound`
//!   give, sign-extended to the 64-bit index; `gpu.global_id` is expanded
//!   to `block_id * block_dim + thread_id` first.
//! - `gpu.barrier` becomes `nvvm.barrier0`; `gpu.shuffle` becomes
//!   `nvvm.shfl.sync` with the mask of the first `width` lanes (64-bit
//!   values as two shuffles of their halves); `gpu.return` becomes
//!   `llvm.return`; `cf.assert` calls `__assertfail`.
//! - Memrefs in `#gpu.address_space<global>` / `<workgroup>` / `<private>`
//!   live in address spaces 1, 3 and 0.
//! - arith, cf, memref and func ops are lowered by the patterns of the
//!   passes that lower them to llvm (functions get C interface wrappers, as
//!   upstream asks for); math ops (and `arith.remf`) call libdevice
//!   (`__nv_expf`, `__nv_fast_expf` with `afn`, `__nv_exp` on `f64`; `f16`
//!   through `f32`; vectors element by element).
//!
//! Like upstream the pass first runs a greedy cleanup (dead code goes,
//! constants move to the top), leaves ops it has no lowering for that are
//! not illegal (`scf.for`, `math.ctpop`) in place behind casts, and fails on
//! gpu ops it cannot lower (`gpu.all_reduce`, `gpu.subgroup_size`).
//!
//! Differences from upstream: no options (the index is 64 bits, memrefs are
//! passed as descriptors); `gpu.printf`, `gpu.subgroup_reduce` (upstream's
//! `has-redux`), `gpu.ballot` and `gpu.dynamic_shared_memory` are not
//! lowered; argument attributes are dropped (upstream warns and drops
//! `llvm.noalias`); a function with several memref arguments rebuilds their
//! descriptors in argument order, where upstream goes in reverse order of
//! first use.

use dialect_arith as arith;
use dialect_func as func;
use dialect_gpu as gpu;
use dialect_llvm as llvm;
use dialect_llvm::attrs::ConstantRange;
use dialect_math as math;
use dialect_nvvm as nvvm;
use ir::pass::{FunctionPass, PassInfo};
use ir::rewrite::{
    apply_conversion, apply_patterns_greedily, unrealized_cast, ConversionMode, ConversionPattern, ConversionTarget,
    GreedyConfig, InsertPoint, PatternRewriter, RewritePattern, TypeConverter,
};
use ir::types::{FloatKind, TypeData};
use ir::{AttrData, Attribute, Diagnostic, Ir, Location, OpId, OpType, Type, Value};

use crate::func_to_llvm::{build_function, move_body, LowerReturn, LoweredSignature};
use crate::llvm_function::declare_before_function;
use crate::llvm_type_converter::{convert_type, descriptor_type, llvm_type_converter, unranked_descriptor_type};
use crate::memref_descriptor::MemRefDescriptor;

pub const INFO: PassInfo = PassInfo {
    name: "convert-gpu-to-nvvm",
    summary: "Generate NVVM operations for gpu operations",
    anchor: Some("gpu.module"),
    options: &[],
    dependent_dialects: &["llvm", "nvvm"],
    create: |_| Ok(Box::new(FunctionPass(convert_gpu_to_nvvm))),
};

/// The math ops that call libdevice: the op, its `f32` and `f64`
/// functions, and the faster `f32` one used under `afn`.
const LIBDEVICE: &[(&str, &str, &str, Option<&str>)] = &[
    (arith::RemFOp::NAME, "__nv_fmodf", "__nv_fmod", None),
    (math::AbsFOp::NAME, "__nv_fabsf", "__nv_fabs", None),
    (math::AcosOp::NAME, "__nv_acosf", "__nv_acos", None),
    (math::AsinOp::NAME, "__nv_asinf", "__nv_asin", None),
    (math::AtanOp::NAME, "__nv_atanf", "__nv_atan", None),
    (math::Atan2Op::NAME, "__nv_atan2f", "__nv_atan2", None),
    (math::CbrtOp::NAME, "__nv_cbrtf", "__nv_cbrt", None),
    (math::CeilOp::NAME, "__nv_ceilf", "__nv_ceil", None),
    (math::CopySignOp::NAME, "__nv_copysignf", "__nv_copysign", None),
    (math::CosOp::NAME, "__nv_cosf", "__nv_cos", Some("__nv_fast_cosf")),
    (math::CoshOp::NAME, "__nv_coshf", "__nv_cosh", None),
    (math::ErfOp::NAME, "__nv_erff", "__nv_erf", None),
    (math::ErfcOp::NAME, "__nv_erfcf", "__nv_erfc", None),
    (math::ExpOp::NAME, "__nv_expf", "__nv_exp", Some("__nv_fast_expf")),
    (math::Exp2Op::NAME, "__nv_exp2f", "__nv_exp2", None),
    (math::ExpM1Op::NAME, "__nv_expm1f", "__nv_expm1", None),
    (math::FloorOp::NAME, "__nv_floorf", "__nv_floor", None),
    (math::FmaOp::NAME, "__nv_fmaf", "__nv_fma", None),
    (math::LogOp::NAME, "__nv_logf", "__nv_log", Some("__nv_fast_logf")),
    (math::Log10Op::NAME, "__nv_log10f", "__nv_log10", Some("__nv_fast_log10f")),
    (math::Log1pOp::NAME, "__nv_log1pf", "__nv_log1p", None),
    (math::Log2Op::NAME, "__nv_log2f", "__nv_log2", Some("__nv_fast_log2f")),
    (math::PowFOp::NAME, "__nv_powf", "__nv_pow", Some("__nv_fast_powf")),
    (math::RoundOp::NAME, "__nv_roundf", "__nv_round", None),
    (math::RoundEvenOp::NAME, "__nv_rintf", "__nv_rint", None),
    (math::RsqrtOp::NAME, "__nv_rsqrtf", "__nv_rsqrt", None),
    (math::SinOp::NAME, "__nv_sinf", "__nv_sin", Some("__nv_fast_sinf")),
    (math::SinhOp::NAME, "__nv_sinhf", "__nv_sinh", None),
    (math::SqrtOp::NAME, "__nv_sqrtf", "__nv_sqrt", None),
    (math::TanOp::NAME, "__nv_tanf", "__nv_tan", Some("__nv_fast_tanf")),
    (math::TanhOp::NAME, "__nv_tanhf", "__nv_tanh", None),
];

/// Lowers the device code of `module` (a `gpu.module`).
pub fn convert_gpu_to_nvvm(ir: &mut Ir, module: OpId) -> Result<(), Diagnostic> {
    if !ir.isa::<gpu::GpuModuleOp>(module) {
        return Err(ir::verifier::op_error(ir, module, "convert-gpu-to-nvvm runs on 'gpu.module' ops"));
    }
    request_c_interfaces(ir, module);
    let mut rewrites: Vec<Box<dyn RewritePattern>> = Vec::new();
    populate_gpu_rewrite_patterns(&mut rewrites);
    apply_patterns_greedily(ir, module, &rewrites, GreedyConfig::default());

    let converter = gpu_type_converter();
    crate::cf_to_llvm::convert_successor_arguments(ir, module, &converter);
    let mut patterns = Vec::new();
    populate_gpu_to_nvvm_patterns(&mut patterns);
    crate::arith_to_llvm::populate_arith_to_llvm_patterns(&mut patterns);
    crate::cf_to_llvm::populate_cf_to_llvm_patterns(&mut patterns);
    crate::finalize_memref_to_llvm::populate_memref_to_llvm_patterns(&mut patterns);
    crate::func_to_llvm::populate_func_to_llvm_patterns(&mut patterns);
    apply_conversion(ir, module, &gpu_to_nvvm_target(), &converter, &patterns, ConversionMode::Partial)
}

/// Upstream asks for C wrappers of the module's `func.func`s.
fn request_c_interfaces(ir: &mut Ir, module: OpId) {
    let Some(body) = ir.regions(module).first().and_then(|&r| ir.entry_block(r)) else { return };
    let functions: Vec<OpId> = ir.block_ops(body).filter(|&o| ir.isa::<func::FuncOp>(o)).collect();
    let unit = Attribute::unit(ir.ctx());
    let mut rewriter = PatternRewriter::new(ir);
    for f in functions {
        rewriter.modify_in_place(f, |ir| ir.set_attr(f, "llvm.emit_c_interface", unit));
    }
}

/// What must be lowered: gpu, func, arith, cf and memref ops, and the math
/// ops that call libdevice; llvm and nvvm ops are legal.
pub fn gpu_to_nvvm_target() -> ConversionTarget {
    let mut target = ConversionTarget::default()
        .legal_dialect("llvm")
        .legal_dialect("nvvm")
        .illegal_dialect("gpu")
        .legal_op(gpu::GpuModuleOp::NAME)
        .legal_op(gpu::YieldOp::NAME);
    for dialect in ["func", "arith", "cf", "memref"] {
        target = target.illegal_dialect(dialect);
    }
    LIBDEVICE.iter().fold(target, |t, (op, ..)| t.illegal_op(op))
}

/// The llvm type converter, with the gpu memory spaces as NVVM's address
/// spaces: global 1, workgroup (shared) 3, private 0.
pub fn gpu_type_converter() -> TypeConverter {
    let mut converter = llvm_type_converter();
    converter.add_rule(|ctx, ty| {
        let (rank, memory_space) = match ty.data(ctx) {
            TypeData::MemRef { shape, memory_space: Some(m), element, .. } => {
                convert_type(ctx, *element)?;
                (Some(shape.len()), *m)
            }
            TypeData::UnrankedMemRef { memory_space: Some(m), .. } => (None, *m),
            _ => return None,
        };
        let space = match gpu::address_space(ctx, memory_space)? {
            "global" => nvvm::GLOBAL_ADDRESS_SPACE,
            "workgroup" => nvvm::SHARED_ADDRESS_SPACE,
            _ => 0,
        };
        Some(match rank {
            Some(rank) => descriptor_type(ctx, rank, space),
            None => unranked_descriptor_type(ctx, space),
        })
    });
    converter
}

/// The rewrites within the gpu dialect that come before the conversion.
pub fn populate_gpu_rewrite_patterns(patterns: &mut Vec<Box<dyn RewritePattern>>) {
    patterns.push(Box::new(ExpandGlobalId));
    patterns.push(Box::new(SplitWideShuffle));
}

/// The patterns that lower gpu ops and libdevice math to nvvm and llvm.
pub fn populate_gpu_to_nvvm_patterns(patterns: &mut Vec<Box<dyn ConversionPattern>>) {
    patterns.push(Box::new(LowerGpuFunc));
    patterns.push(Box::new(AssertWithAssertfail));
    patterns.push(Box::new(LowerReturn(gpu::ReturnOp::NAME)));
    patterns.push(Box::new(LowerBarrier));
    patterns.push(Box::new(LowerShuffle));
    patterns.push(Box::new(LowerLaneId));
    use IndexKind::*;
    let index_ops: [(&'static str, IndexKind, bool, [ReadRegister; 3]); 8] = [
        (gpu::ThreadIdOp::NAME, Block, false, [read::<nvvm::ThreadIdXOp>, read::<nvvm::ThreadIdYOp>, read::<nvvm::ThreadIdZOp>]),
        (gpu::BlockDimOp::NAME, Block, true, [read::<nvvm::BlockDimXOp>, read::<nvvm::BlockDimYOp>, read::<nvvm::BlockDimZOp>]),
        (
            gpu::ClusterIdOp::NAME,
            Other,
            false,
            [read::<nvvm::ClusterIdXOp>, read::<nvvm::ClusterIdYOp>, read::<nvvm::ClusterIdZOp>],
        ),
        (
            gpu::ClusterDimOp::NAME,
            Other,
            true,
            [read::<nvvm::ClusterDimXOp>, read::<nvvm::ClusterDimYOp>, read::<nvvm::ClusterDimZOp>],
        ),
        (
            gpu::ClusterBlockIdOp::NAME,
            Cluster,
            false,
            [read::<nvvm::BlockInClusterIdXOp>, read::<nvvm::BlockInClusterIdYOp>, read::<nvvm::BlockInClusterIdZOp>],
        ),
        (
            gpu::ClusterDimBlocksOp::NAME,
            Cluster,
            true,
            [read::<nvvm::ClusterDimBlocksXOp>, read::<nvvm::ClusterDimBlocksYOp>, read::<nvvm::ClusterDimBlocksZOp>],
        ),
        (gpu::BlockIdOp::NAME, Grid, false, [read::<nvvm::BlockIdXOp>, read::<nvvm::BlockIdYOp>, read::<nvvm::BlockIdZOp>]),
        (gpu::GridDimOp::NAME, Grid, true, [read::<nvvm::GridDimXOp>, read::<nvvm::GridDimYOp>, read::<nvvm::GridDimZOp>]),
    ];
    for (root, kind, is_size, registers) in index_ops {
        patterns.push(Box::new(LowerIndexOp { root, kind, is_size, registers }));
    }
    for &(root, f32_name, f64_name, fast) in LIBDEVICE {
        patterns.push(Box::new(CallLibdevice { root, f32_name, f64_name, fast }));
    }
}

// ---- small builders ---------------------------------------------------------

fn i32_type(r: &PatternRewriter<'_>) -> Type {
    Type::integer(r.ctx(), 32)
}

/// `llvm.mlir.constant(value : ty) : ty`.
fn llvm_constant(r: &mut PatternRewriter<'_>, anchor: OpId, loc: Location, value: i128, ty: Type) -> Option<Value> {
    let attr = Attribute::integer(r.ctx(), value, ty);
    let op = r.build_before::<llvm::ConstantOp>(anchor, loc, &[], &[ty], &[("value", attr)])?;
    Some(r.ir().result(op.0, 0))
}

/// A binary llvm op `T` of `a` and `b`, of their type.
fn binary<T: OpType>(r: &mut PatternRewriter<'_>, anchor: OpId, loc: Location, a: Value, b: Value) -> Option<Value> {
    let ty = r.ir().value_type(a);
    let op = r.build_before::<T>(anchor, loc, &[&[a], &[b]], &[ty], &[])?;
    Some(r.ir().result(op.op(), 0))
}

/// A conversion `T` of `v` to `ty`.
fn cast<T: OpType>(r: &mut PatternRewriter<'_>, anchor: OpId, loc: Location, v: Value, ty: Type) -> Option<Value> {
    let op = r.build_before::<T>(anchor, loc, &[&[v]], &[ty], &[])?;
    Some(r.ir().result(op.op(), 0))
}

/// `llvm.extractvalue %aggregate[position]`.
fn extract_value(
    r: &mut PatternRewriter<'_>,
    anchor: OpId,
    loc: Location,
    aggregate: Value,
    position: i64,
    ty: Type,
) -> Option<Value> {
    let position = ir::mixed_list::attribute(r.ctx(), &[position]);
    let op = r.build_before::<llvm::ExtractValueOp>(anchor, loc, &[&[aggregate]], &[ty], &[("position", position)])?;
    Some(r.ir().result(op.0, 0))
}

/// A 32-bit register read as the index (sign-extended to 64 bits).
fn to_index(r: &mut PatternRewriter<'_>, anchor: OpId, loc: Location, register: Value) -> Option<Value> {
    let i64t = crate::llvm_type_converter::index_type(r.ctx());
    cast::<llvm::SExtOp>(r, anchor, loc, register, i64t)
}

// ---- gpu.func -----------------------------------------------------------------

/// The attributes the lowered function keeps: the gpu.func's own, known
/// sizes renamed to `gpu.known_*`, and for kernels `nvvm.kernel`,
/// `nvvm.maxntid` and `nvvm.cluster_dim`.
fn lowered_function_attributes(ir: &Ir, op: OpId) -> Vec<(String, Attribute)> {
    let ctx = ir.ctx();
    let function = gpu::GpuFuncOp(op);
    let mut kept = Vec::new();
    for a in &ir.op(op).attributes {
        let name = ctx.str(a.name);
        match name {
            "sym_name"
            | "function_type"
            | "arg_attrs"
            | "res_attrs"
            | "workgroup_attrib_attrs"
            | "private_attrib_attrs"
            | "workgroup_attributions" => {}
            "known_block_size" | "known_grid_size" | "known_cluster_size" => kept.push((format!("gpu.{name}"), a.value)),
            _ => kept.push((name.to_string(), a.value)),
        }
    }
    if function.is_kernel(ir) {
        kept.push((nvvm::KERNEL_ATTR.to_string(), Attribute::unit(ctx)));
        if let Some(sizes) = function.known_block_size(ir) {
            kept.push((nvvm::MAXNTID_ATTR.to_string(), sizes));
        }
        if let Some(sizes) = function.known_cluster_size(ir) {
            kept.push((nvvm::CLUSTER_DIM_ATTR.to_string(), sizes));
        }
    }
    kept
}

/// `gpu.func` becomes `llvm.func`; workgroup attributions become globals
/// in shared memory, private ones stack slots.
struct LowerGpuFunc;

impl ConversionPattern for LowerGpuFunc {
    fn root(&self) -> &'static str {
        gpu::GpuFuncOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        _: &[Value],
        converter: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let function = gpu::GpuFuncOp(op);
        let (inputs, results) = function.signature(ir);
        let signature = LoweredSignature::of(ctx, converter, &inputs, &results);
        let name = ir.symbol_name(op)?.to_string();
        let location = ir.op(op).location;
        let (_, workgroup, private) = function.arguments(ir)?;
        let (workgroup, private) = (workgroup.to_vec(), private.to_vec());
        if workgroup.iter().chain(&private).any(|&a| !has_static_shape(ctx, ir.value_type(a))) {
            return None;
        }
        let kept = lowered_function_attributes(ir, op);
        let alignments: Vec<Option<Attribute>> = (0..workgroup.len())
            .map(|i| {
                let dictionary = function.workgroup_attrib_attrs(ir).and_then(|a| a.as_array(ctx)?.get(i).copied())?;
                match dictionary.data(ctx) {
                    AttrData::Dictionary(entries) => entries.iter().find(|e| ctx.str(e.name) == "llvm.align").map(|e| e.value),
                    _ => None,
                }
            })
            .collect();
        // The shared memory of each workgroup attribution: a global before the function.
        let mut globals = Vec::new();
        for (i, &attribution) in workgroup.iter().enumerate() {
            let memref_type = r.ir().value_type(attribution);
            let ctx = r.ctx();
            let element = converter.convert(ctx, memref_type.element_type_or_self(ctx));
            let count: i64 = memref_type.shape(ctx)?.iter().product();
            let array = llvm::types::array(ctx, count as u64, element);
            let global_name = format!("__wg_{name}_{i}");
            let mut attributes = vec![
                ("sym_name", Attribute::string(ctx, &global_name)),
                ("global_type", Attribute::type_attr(ctx, array)),
                ("linkage", llvm::attrs::linkage_attr(ctx, "internal")),
                ("addr_space", Attribute::integer(ctx, nvvm::SHARED_ADDRESS_SPACE as i128, Type::integer(ctx, 32))),
            ];
            if let Some(alignment) = alignments[i].and_then(|a| a.as_integer(ctx)) {
                attributes.push(("alignment", Attribute::integer(ctx, alignment, Type::integer(ctx, 64))));
            }
            r.build_before::<llvm::GlobalOp>(op, location, &[], &[], &attributes)?;
            globals.push((global_name, array));
        }
        let new = build_function(r, op, location, &name, signature.function_type(r.ctx()), None, &kept)?;
        let mut attributions = |r: &mut PatternRewriter<'_>, anchor: OpId| -> Option<Vec<Value>> {
            let mut values = Vec::new();
            for ((global, array), &attribution) in globals.iter().zip(&workgroup) {
                let memref_type = r.ir().value_type(attribution);
                let ctx = r.ctx();
                let ptr = llvm::types::LlvmType::Ptr(nvvm::SHARED_ADDRESS_SPACE).to_type(ctx);
                let address = r.build_before::<llvm::AddressOfOp>(
                    anchor,
                    location,
                    &[],
                    &[ptr],
                    &[("global_name", Attribute::symbol_ref(ctx, global))],
                )?;
                let address = r.ir().result(address.0, 0);
                let ctx = r.ctx();
                let attributes = [
                    ("elem_type", Attribute::type_attr(ctx, *array)),
                    ("rawConstantIndices", Attribute::dense_i32_array(ctx, &[0, 0])),
                ];
                let start = r.build_before::<llvm::GEPOp>(anchor, location, &[&[address], &[]], &[ptr], &attributes)?;
                let start = r.ir().result(start.0, 0);
                values.push(descriptor_of(r, converter, memref_type, start, anchor, location)?);
            }
            for &attribution in &private {
                let memref_type = r.ir().value_type(attribution);
                let ctx = r.ctx();
                let element = converter.convert(ctx, memref_type.element_type_or_self(ctx));
                let count: i64 = memref_type.shape(ctx)?.iter().product();
                let i64t = Type::integer(ctx, 64);
                let count = llvm_constant(r, anchor, location, count as i128, i64t)?;
                let ptr = llvm::types::ptr(r.ctx());
                let elem_type = Attribute::type_attr(r.ctx(), element);
                let alloca =
                    r.build_before::<llvm::AllocaOp>(anchor, location, &[&[count]], &[ptr], &[("elem_type", elem_type)])?;
                let slot = r.ir().result(alloca.0, 0);
                values.push(descriptor_of(r, converter, memref_type, slot, anchor, location)?);
            }
            Some(values)
        };
        if !r.ir().region_blocks(r.ir().regions(op)[0]).is_empty() {
            move_body(r, op, new, &signature, &inputs, converter, location, &mut attributions)?;
        }
        Some(Vec::new())
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        let ctx = ir.ctx();
        let (_, workgroup, private) = gpu::GpuFuncOp(op).arguments(ir)?;
        workgroup
            .iter()
            .chain(private)
            .any(|&a| !has_static_shape(ctx, ir.value_type(a)))
            .then(|| "attributions must have a static shape".to_string())
    }
}

/// Whether `ty` is shaped with no dynamic size.
fn has_static_shape(ctx: &ir::Context, ty: Type) -> bool {
    ty.shape(ctx).is_some_and(|s| !s.contains(&ir::types::DYNAMIC))
}

/// The descriptor of the statically shaped `memref_type` at `pointer`,
/// cast back to the memref type for its users not converted yet.
fn descriptor_of(
    r: &mut PatternRewriter<'_>,
    converter: &TypeConverter,
    memref_type: Type,
    pointer: Value,
    anchor: OpId,
    location: Location,
) -> Option<Value> {
    let ty = converter.convert(r.ctx(), memref_type);
    let d = MemRefDescriptor::from_static_shape(r, ty, memref_type, pointer, pointer, anchor, location)?;
    Some(unrealized_cast(r.ir_mut(), anchor, d.value, memref_type, location))
}

// ---- ids and sizes ----------------------------------------------------------

/// Builds a register read `T` (an `i32`) with `attributes` before an anchor.
type ReadRegister = fn(&mut PatternRewriter<'_>, OpId, Location, &[(&str, Attribute)]) -> Option<Value>;

fn read<T: OpType>(r: &mut PatternRewriter<'_>, anchor: OpId, loc: Location, attributes: &[(&str, Attribute)]) -> Option<Value> {
    let i32t = i32_type(r);
    let op = r.build_before::<T>(anchor, loc, &[], &[i32t], attributes)?;
    Some(r.ir().result(op.op(), 0))
}

/// Which known size of the enclosing function bounds an id or size.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum IndexKind {
    Block,
    Grid,
    Cluster,
    /// No known size applies (cluster ids in the grid).
    Other,
}

/// The known size of `dim` of kind `kind` for `op`: the enclosing
/// function's `gpu.known_*` (a `gpu.func`'s own `known_*` first).
fn known_size(ir: &Ir, op: OpId, kind: IndexKind, dim: usize) -> Option<i64> {
    let name = match kind {
        IndexKind::Block => "known_block_size",
        IndexKind::Grid => "known_grid_size",
        IndexKind::Cluster => "known_cluster_size",
        IndexKind::Other => return None,
    };
    let function =
        std::iter::successors(ir.parent_op(op), |&p| ir.parent_op(p)).find(|&p| ir.attr(p, "function_type").is_some())?;
    let own = ir.isa::<gpu::GpuFuncOp>(function).then(|| ir.attr(function, name)).flatten();
    let sizes = own.or_else(|| ir.attr(function, &format!("gpu.{name}")))?.as_dense_int_array(ir.ctx())?;
    sizes.get(dim).and_then(|&s| i64::try_from(s).ok())
}

/// The `range` of an id (`[0, bound)`) or a size (`[1, bound]`).
fn register_range(r: &PatternRewriter<'_>, bound: i64, is_size: bool) -> Attribute {
    let upper = if bound == i32::MAX as i64 { bound } else { bound + i64::from(is_size) };
    ConstantRange { width: 32, lower: i128::from(is_size), upper: upper as i128 }.attr(r.ctx())
}

/// A gpu id or size op becomes the special register of its dimension.
struct LowerIndexOp {
    root: &'static str,
    kind: IndexKind,
    /// A size (its range starts at 1) rather than an id.
    is_size: bool,
    registers: [ReadRegister; 3],
}

impl ConversionPattern for LowerIndexOp {
    fn root(&self) -> &'static str {
        self.root
    }

    fn match_and_rewrite(&self, op: OpId, _: &[Value], _: &TypeConverter, r: &mut PatternRewriter<'_>) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let dim = ir.attr(op, "dimension").and_then(|a| gpu::DIMENSION.case(ctx, a))?;
        let dim = ["x", "y", "z"].iter().position(|&d| d == dim)?;
        let bound = ir
            .attr(op, "upper_bound")
            .and_then(|a| a.as_integer(ctx))
            .and_then(|b| i64::try_from(b).ok())
            .or_else(|| known_size(ir, op, self.kind, dim));
        let location = ir.op(op).location;
        let range = bound.map(|b| register_range(r, b, self.is_size));
        let attributes: Vec<(&str, Attribute)> = range.into_iter().map(|a| ("range", a)).collect();
        let register = (self.registers[dim])(r, op, location, &attributes)?;
        Some(vec![to_index(r, op, location, register)?])
    }
}

/// `gpu.lane_id` reads `laneid`, below its upper bound or the warp size.
struct LowerLaneId;

impl ConversionPattern for LowerLaneId {
    fn root(&self) -> &'static str {
        gpu::LaneIdOp::NAME
    }

    fn match_and_rewrite(&self, op: OpId, _: &[Value], _: &TypeConverter, r: &mut PatternRewriter<'_>) -> Option<Vec<Value>> {
        let ir = r.ir();
        let bound = ir.attr(op, "upper_bound").and_then(|a| a.as_integer(ir.ctx())).unwrap_or(nvvm::WARP_SIZE as i128);
        let location = ir.op(op).location;
        let range = ConstantRange { width: 32, lower: 0, upper: bound }.attr(r.ctx());
        let register = read::<nvvm::LaneIdOp>(r, op, location, &[("range", range)])?;
        Some(vec![to_index(r, op, location, register)?])
    }
}

/// `gpu.global_id` is `block_id * block_dim + thread_id`, as upstream
/// rewrites it before the conversion.
struct ExpandGlobalId;

impl RewritePattern for ExpandGlobalId {
    fn root(&self) -> Option<&'static str> {
        Some(gpu::GlobalIdOp::NAME)
    }

    fn match_and_rewrite(&self, op: OpId, r: &mut PatternRewriter<'_>) -> bool {
        let ir = r.ir();
        let Some(dimension) = ir.attr(op, "dimension") else { return false };
        let location = ir.op(op).location;
        let index = Type::index(r.ctx());
        let at = InsertPoint::Before(op);
        let attrs = [("dimension", dimension)];
        let build = |r: &mut PatternRewriter<'_>| -> Option<Value> {
            let block_id = r.build::<gpu::BlockIdOp>(at, location, &[], &[index], &attrs).ok()?.op();
            let block_dim = r.build::<gpu::BlockDimOp>(at, location, &[], &[index], &attrs).ok()?.op();
            let (block_id, block_dim) = (r.ir().result(block_id, 0), r.ir().result(block_dim, 0));
            let offset = r.build::<arith::MulIOp>(at, location, &[&[block_id], &[block_dim]], &[index], &[]).ok()?.op();
            let thread_id = r.build::<gpu::ThreadIdOp>(at, location, &[], &[index], &attrs).ok()?.op();
            let (offset, thread_id) = (r.ir().result(offset, 0), r.ir().result(thread_id, 0));
            let sum = r.build::<arith::AddIOp>(at, location, &[&[thread_id], &[offset]], &[index], &[]).ok()?.op();
            Some(r.ir().result(sum, 0))
        };
        match build(r) {
            Some(sum) => {
                r.replace_op(op, &[sum]);
                true
            }
            None => false,
        }
    }
}

/// A shuffle of a 64-bit value is two shuffles of its halves, as upstream
/// rewrites it before the conversion; it is valid where both are.
struct SplitWideShuffle;

impl RewritePattern for SplitWideShuffle {
    fn root(&self) -> Option<&'static str> {
        Some(gpu::ShuffleOp::NAME)
    }

    fn match_and_rewrite(&self, op: OpId, r: &mut PatternRewriter<'_>) -> bool {
        let ir = r.ir();
        let ctx = ir.ctx();
        let (value, offset, width) = (ir.operands(op)[0], ir.operands(op)[1], ir.operands(op)[2]);
        let ty = ir.value_type(value);
        if !(ty.is_signless_integer(ctx) || ty.is_float(ctx)) || ty.bit_width(ctx) != Some(64) {
            return false;
        }
        let Some(mode) = ir.attr(op, "mode") else { return false };
        let location = ir.op(op).location;
        let at = InsertPoint::Before(op);
        let build = |r: &mut PatternRewriter<'_>| -> Option<(Value, Value)> {
            let ctx = r.ctx();
            let (i32t, i64t, i1) = (Type::integer(ctx, 32), Type::integer(ctx, 64), Type::integer(ctx, 1));
            let thirty_two = Attribute::integer(ctx, 32, i64t);
            let one = |r: &mut PatternRewriter<'_>, op: Option<OpId>| op.map(|o| r.ir().result(o, 0));
            let bits = if ty.is_float(ctx) {
                let cast = r.build::<arith::BitcastOp>(at, location, &[&[value]], &[i64t], &[]).ok().map(|o| o.op());
                one(r, cast)?
            } else {
                value
            };
            let lo = r.build::<arith::TruncIOp>(at, location, &[&[bits]], &[i32t], &[]).ok().map(|o| o.op());
            let lo = one(r, lo)?;
            let c32 = r.build::<arith::ConstantOp>(at, location, &[], &[i64t], &[("value", thirty_two)]).ok().map(|o| o.op());
            let c32 = one(r, c32)?;
            let shifted = r.build::<arith::ShRUIOp>(at, location, &[&[bits], &[c32]], &[i64t], &[]).ok().map(|o| o.op());
            let shifted = one(r, shifted)?;
            let hi = r.build::<arith::TruncIOp>(at, location, &[&[shifted]], &[i32t], &[]).ok().map(|o| o.op());
            let hi = one(r, hi)?;
            let mut halves = Vec::new();
            for half in [lo, hi] {
                let shuffle = r
                    .build::<gpu::ShuffleOp>(at, location, &[&[half], &[offset], &[width]], &[i32t, i1], &[("mode", mode)])
                    .ok()?;
                halves.push((r.ir().result(shuffle.op(), 0), r.ir().result(shuffle.op(), 1)));
            }
            let lo = r.build::<arith::ExtUIOp>(at, location, &[&[halves[0].0]], &[i64t], &[]).ok().map(|o| o.op());
            let lo = one(r, lo)?;
            let hi = r.build::<arith::ExtUIOp>(at, location, &[&[halves[1].0]], &[i64t], &[]).ok().map(|o| o.op());
            let hi = one(r, hi)?;
            let hi = r.build::<arith::ShLIOp>(at, location, &[&[hi], &[c32]], &[i64t], &[]).ok().map(|o| o.op());
            let hi = one(r, hi)?;
            let joined = r.build::<arith::OrIOp>(at, location, &[&[hi], &[lo]], &[i64t], &[]).ok().map(|o| o.op());
            let mut joined = one(r, joined)?;
            if ty.is_float(r.ctx()) {
                let back = r.build::<arith::BitcastOp>(at, location, &[&[joined]], &[ty], &[]).ok().map(|o| o.op());
                joined = one(r, back)?;
            }
            let valid =
                r.build::<arith::AndIOp>(at, location, &[&[halves[0].1], &[halves[1].1]], &[i1], &[]).ok().map(|o| o.op());
            Some((joined, one(r, valid)?))
        };
        match build(r) {
            Some((value, valid)) => {
                r.replace_op(op, &[value, valid]);
                true
            }
            None => false,
        }
    }
}

// ---- synchronisation --------------------------------------------------------

/// `gpu.barrier` becomes `nvvm.barrier0`.
struct LowerBarrier;

impl ConversionPattern for LowerBarrier {
    fn root(&self) -> &'static str {
        gpu::BarrierOp::NAME
    }

    fn match_and_rewrite(&self, op: OpId, _: &[Value], _: &TypeConverter, r: &mut PatternRewriter<'_>) -> Option<Vec<Value>> {
        let location = r.ir().op(op).location;
        r.build_before::<nvvm::Barrier0Op>(op, location, &[], &[], &[])?;
        Some(Vec::new())
    }
}

/// `gpu.shuffle` becomes `nvvm.shfl.sync` over the first `width` lanes:
/// mask `-1 >> (32 - width)`, clamp `width - 1` (`32 - width` going up);
/// the validity bit is asked for only when it is used.
struct LowerShuffle;

impl ConversionPattern for LowerShuffle {
    fn root(&self) -> &'static str {
        gpu::ShuffleOp::NAME
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
        let (value, offset, width) = (operands[0], operands[1], operands[2]);
        let ty = ir.value_type(value);
        if !(ty.is_signless_int_of_width(ctx, 32) || ty == Type::f32(ctx)) {
            return None;
        }
        let mode = ir.attr(op, "mode").and_then(|m| gpu::SHUFFLE_MODE.case(ctx, m))?;
        let kind = match mode {
            "xor" => "bfly",
            other => other,
        };
        let valid_used = ir.has_uses(ir.result(op, 1));
        let location = ir.op(op).location;
        let i32t = i32_type(r);
        let one = llvm_constant(r, op, location, 1, i32t)?;
        let minus_one = llvm_constant(r, op, location, -1, i32t)?;
        let warp = llvm_constant(r, op, location, nvvm::WARP_SIZE as i128, i32t)?;
        let inactive = binary::<llvm::SubOp>(r, op, location, warp, width)?;
        let mask = binary::<llvm::LShrOp>(r, op, location, minus_one, inactive)?;
        let clamp = if mode == "up" { inactive } else { binary::<llvm::SubOp>(r, op, location, width, one)? };
        let ctx = r.ctx();
        let i1 = Type::integer(ctx, 1);
        let result = if valid_used { llvm::types::literal_struct(ctx, vec![ty, i1]) } else { ty };
        let mut attributes = vec![("kind", nvvm::SHFL_KIND.attr(ctx, kind))];
        if valid_used {
            attributes.push(("return_value_and_is_valid", Attribute::unit(ctx)));
        }
        let shuffle =
            r.build_before::<nvvm::ShflOp>(op, location, &[&[mask], &[value], &[offset], &[clamp]], &[result], &attributes)?;
        let shuffled = r.ir().result(shuffle.0, 0);
        if !valid_used {
            return Some(vec![shuffled]);
        }
        let value = extract_value(r, op, location, shuffled, 0, ty)?;
        let valid = extract_value(r, op, location, shuffled, 1, i1)?;
        Some(vec![value, valid])
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        let ty = ir.value_type(ir.operands(op)[0]);
        Some(format!("only 'i32' and 'f32' values can be shuffled, not '{}'", ir.ctx().print_type(ty)))
    }
}

// ---- cf.assert -------------------------------------------------------------------

/// Where an assertion is, for `__assertfail`: its file, line and function
/// (`(unknown)` when the location does not say).
fn assert_position(ctx: &ir::Context, location: Location) -> (String, u32, String) {
    let unknown = || "(unknown)".to_string();
    let mut function = unknown();
    let mut location = location;
    // Through call sites to the callee, and names to what they name.
    while let Location::Attr(a) = location {
        match a.data(ctx) {
            AttrData::Location(ir::location::LocationData::CallSite { callee, .. }) => location = Location::Attr(*callee),
            AttrData::Location(ir::location::LocationData::Name { name, child }) => {
                function = ctx.str(*name).to_string();
                location = child.map_or(Location::Unknown, Location::Attr);
                break;
            }
            _ => break,
        }
    }
    match location.file_line_col(ctx) {
        Some((file, line, _)) => (file, line, function),
        None => (unknown(), 0, function),
    }
}

/// The address of the first character of a constant string global of the
/// module around `op` holding `text` and a NUL: an equal one if there is
/// one, else `<prefix><n>` at the start of the module.
fn string_global(r: &mut PatternRewriter<'_>, op: OpId, prefix: &str, text: &str, at: OpId, location: Location) -> Option<Value> {
    let ctx = r.ctx();
    let module = r.ir().enclosing_symbol_table(op)?;
    let body = r.ir().entry_block(r.ir().regions(module)[0])?;
    let mut terminated = text.to_string();
    terminated.push('\0');
    let value = Attribute::string(ctx, &terminated);
    let array = llvm::types::array(ctx, terminated.len() as u64, Type::integer(ctx, 8));
    let existing = r.ir().block_ops(body).find(|&g| {
        r.ir().isa::<llvm::GlobalOp>(g) && r.ir().attr(g, "value") == Some(value) && r.ir().attr(g, "constant").is_some()
    });
    let name = match existing {
        Some(g) => r.ir().symbol_name(g)?.to_string(),
        None => {
            let name = (0..).map(|i| format!("{prefix}{i}")).find(|n| r.ir().lookup_symbol_in(module, n).is_none())?;
            let first = r.ir().first_op(body)?;
            let attributes = [
                ("sym_name", Attribute::string(ctx, &name)),
                ("global_type", Attribute::type_attr(ctx, array)),
                ("linkage", llvm::attrs::linkage_attr(ctx, "internal")),
                ("constant", Attribute::unit(ctx)),
                ("value", value),
                ("addr_space", Attribute::integer(ctx, 0, Type::integer(ctx, 32))),
            ];
            r.build_before::<llvm::GlobalOp>(first, location, &[], &[], &attributes)?;
            name
        }
    };
    let ctx = r.ctx();
    let ptr = llvm::types::ptr(ctx);
    let address =
        r.build_before::<llvm::AddressOfOp>(at, location, &[], &[ptr], &[("global_name", Attribute::symbol_ref(ctx, &name))])?;
    let address = r.ir().result(address.0, 0);
    let ctx = r.ctx();
    let attributes =
        [("elem_type", Attribute::type_attr(ctx, array)), ("rawConstantIndices", Attribute::dense_i32_array(ctx, &[0, 0]))];
    let start = r.build_before::<llvm::GEPOp>(at, location, &[&[address], &[]], &[ptr], &attributes)?;
    Some(r.ir().result(start.0, 0))
}

/// `cf.assert` in device code calls `__assertfail(message, file, line,
/// function, 1)` when the condition is false, as upstream lowers it (the
/// host lowering's `puts` and `abort` do not exist on the device).
struct AssertWithAssertfail;

impl ConversionPattern for AssertWithAssertfail {
    fn root(&self) -> &'static str {
        dialect_cf::AssertOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        _: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ctx = r.ctx();
        let location = r.ir().op(op).location;
        let message = dialect_cf::AssertOp(op).msg(r.ir())?.as_string(ctx)?.to_string();
        let (file, line, function) = assert_position(ctx, location);
        let next = r.ir().next_op(op)?;
        let module = r.ir().enclosing_symbol_table(op)?;
        // __assertfail(message, file, line, function, char size), which does not return.
        let ptr = llvm::types::ptr(ctx);
        let (i32t, i64t) = (Type::integer(ctx, 32), Type::integer(ctx, 64));
        let void = llvm::types::void(ctx);
        crate::llvm_function::declare(r, op, "__assertfail", &[ptr, ptr, i32t, ptr, i64t], void)?;
        let declaration = r.ir().lookup_symbol_in(module, "__assertfail")?;
        let noreturn = Attribute::array(r.ctx(), vec![Attribute::string(r.ctx(), "noreturn")]);
        r.modify_in_place(declaration, |ir| ir.set_attr(declaration, "passthrough", noreturn));
        // before: cond_br %ok, ^after, ^fail; fail: the call, br ^after.
        let failure = r.split_block(op);
        let after = r.split_block(next);
        let before_block = r.ir().block_parent(failure).and_then(|region| {
            let blocks = r.ir().region_blocks(region);
            blocks.iter().position(|&b| b == failure).and_then(|i| i.checked_sub(1)).map(|i| blocks[i])
        })?;
        r.build_with_successors::<llvm::CondBrOp>(
            InsertPoint::End(before_block),
            location,
            &[&[operands[0]], &[], &[]],
            &[after, failure],
            &[],
            &[],
        )
        .ok()?;
        let message = string_global(r, op, "assert_message_", &message, op, location)?;
        let file = string_global(r, op, "assert_file_", &file, op, location)?;
        let function = string_global(r, op, "assert_func_", &function, op, location)?;
        let line = llvm_constant(r, op, location, line as i128, i32t)?;
        let one = llvm_constant(r, op, location, 1, i64t)?;
        let callee = Attribute::symbol_ref(r.ctx(), "__assertfail");
        r.build_before::<llvm::CallOp>(op, location, &[&[message, file, line, function, one], &[]], &[], &[("callee", callee)])?;
        r.build_with_successors::<llvm::BrOp>(InsertPoint::End(failure), location, &[&[]], &[after], &[], &[]).ok()?;
        Some(Vec::new())
    }
}

// ---- math -----------------------------------------------------------------------

/// Whether `op`'s fast-math flags allow approximate functions.
fn allows_approximation(ir: &Ir, op: OpId) -> bool {
    let ctx = ir.ctx();
    let Some(AttrData::Dialect { body, .. }) = ir.attr(op, "fastmath").map(|a| a.data(ctx)) else { return false };
    let inner = body.split_once('<').and_then(|(_, rest)| rest.strip_suffix('>')).unwrap_or("");
    inner.split(',').map(str::trim).any(|f| f == "afn" || f == "fast")
}

/// A math op (or `arith.remf`) calls its libdevice function: the `f32` one
/// (the fast one under `afn`), the `f64` one, `f16`/`bf16` through `f32`,
/// and 1-D vectors element by element.
struct CallLibdevice {
    root: &'static str,
    f32_name: &'static str,
    f64_name: &'static str,
    fast: Option<&'static str>,
}

impl CallLibdevice {
    /// The call for scalar `operands` before `op`.
    fn scalar(&self, r: &mut PatternRewriter<'_>, op: OpId, operands: &[Value], approximate: bool) -> Option<Value> {
        let ctx = r.ctx();
        let location = r.ir().op(op).location;
        let ty = r.ir().value_type(operands[0]);
        let f32t = Type::f32(ctx);
        let (name, call_type, widened) = match ty.data(ctx) {
            TypeData::Float(FloatKind::F32) => (self.f32_name, ty, false),
            TypeData::Float(FloatKind::F64) => (self.f64_name, ty, false),
            TypeData::Float(FloatKind::F16 | FloatKind::BF16) => (self.f32_name, f32t, true),
            _ => return None,
        };
        let name = match self.fast {
            Some(fast) if approximate && call_type == f32t => fast,
            _ => name,
        };
        let arguments: Vec<Value> = if widened {
            operands.iter().map(|&v| cast::<llvm::FPExtOp>(r, op, location, v, f32t)).collect::<Option<_>>()?
        } else {
            operands.to_vec()
        };
        declare_before_function(r, op, name, &vec![call_type; operands.len()], call_type)?;
        let callee = Attribute::symbol_ref(r.ctx(), name);
        let call = r.build_before::<llvm::CallOp>(op, location, &[&arguments, &[]], &[call_type], &[("callee", callee)])?;
        let result = r.ir().result(call.0, 0);
        if widened {
            return cast::<llvm::FPTruncOp>(r, op, location, result, ty);
        }
        Some(result)
    }
}

impl ConversionPattern for CallLibdevice {
    fn root(&self) -> &'static str {
        self.root
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
        let approximate = allows_approximation(ir, op);
        let ty = ir.value_type(operands[0]);
        let TypeData::Vector { shape, scalable, element } = ty.data(ctx).clone() else {
            return Some(vec![self.scalar(r, op, operands, approximate)?]);
        };
        if shape.len() != 1 || scalable.iter().any(|&s| s) {
            return None;
        }
        // Element by element: extract, call, insert.
        let location = ir.op(op).location;
        let i64t = Type::integer(ctx, 64);
        let poison = r.build_before::<llvm::PoisonOp>(op, location, &[], &[ty], &[])?;
        let mut vector = r.ir().result(poison.0, 0);
        for i in 0..shape[0] {
            let position = llvm_constant(r, op, location, i as i128, i64t)?;
            let mut elements = Vec::new();
            for &operand in operands {
                let extract =
                    r.build_before::<llvm::ExtractElementOp>(op, location, &[&[operand], &[position]], &[element], &[])?;
                elements.push(r.ir().result(extract.0, 0));
            }
            let value = self.scalar(r, op, &elements, approximate)?;
            let insert =
                r.build_before::<llvm::InsertElementOp>(op, location, &[&[vector], &[value], &[position]], &[ty], &[])?;
            vector = r.ir().result(insert.0, 0);
        }
        Some(vec![vector])
    }
}
