//! The nvvm dialect's ops as calls to LLVM 22's NVPTX intrinsics, the way
//! upstream's `NVVMToLLVMIRTranslation` makes them:
//!
//! - `nvvm.read.ptx.sreg.*` call `llvm.nvvm.read.ptx.sreg.*`; a `range`
//!   becomes the call's `range(i32 lo, hi)` return attribute;
//! - `nvvm.barrier0` is `llvm.nvvm.barrier.cta.sync.aligned.all(i32 0)`
//!   (LLVM 22 has no `llvm.nvvm.barrier0` any more: it upgrades it to
//!   that); `nvvm.bar.warp.sync` is `llvm.nvvm.bar.warp.sync`;
//! - `nvvm.shfl.sync <kind>` is `llvm.nvvm.shfl.sync.<kind>.<i32|f32>`,
//!   with a `p` suffix when it also returns the validity bit;
//! - `nvvm.vote.sync <kind>` is `llvm.nvvm.vote.<kind>.sync`;
//! - `nvvm.redux.sync <kind>` is `llvm.nvvm.redux.sync.<kind>` (with
//!   `.abs` and `.NaN` for the float ones);
//! - the cluster barriers are `llvm.nvvm.barrier.cluster.*`.

use dialect_llvm::attrs::ConstantRange;
use dialect_nvvm as nvvm;
use inkwell::attributes::{Attribute as LlvmAttribute, AttributeLoc};
use inkwell::context::AsContextRef;
use inkwell::intrinsics::Intrinsic;
use inkwell::values::{BasicMetadataValueEnum, CallSiteValue, ValueKind};
use ir::{Context, Diagnostic, EnumAttr, OpId, OpType};
use ml_llvm_ir::{LlvmTranslation, Translator};

/// Calls the intrinsic `name` (not overloaded) with `args`; maps the
/// result of `op` to the call's.
fn call_intrinsic<'ctx>(
    t: &mut Translator<'_, 'ctx>,
    op: OpId,
    name: &str,
    args: &[BasicMetadataValueEnum<'ctx>],
) -> Result<CallSiteValue<'ctx>, Diagnostic> {
    let intrinsic = Intrinsic::find(name).ok_or_else(|| t.error(op, format!("LLVM has no intrinsic '{name}'")))?;
    let function =
        intrinsic.get_declaration(&t.module, &[]).ok_or_else(|| t.error(op, format!("cannot declare the intrinsic '{name}'")))?;
    let call = t.built(op, t.builder.build_direct_call(function, args, ""))?;
    if let ValueKind::Basic(value) = call.try_as_basic_value() {
        t.map_result(op, value);
    }
    Ok(call)
}

/// The case an enum attribute of `op` holds.
fn case<'a>(t: &Translator<'a, '_>, op: OpId, name: &str, enumeration: &EnumAttr) -> Result<&'a str, Diagnostic> {
    let ir = t.ir;
    ir.attr(op, name).and_then(|a| enumeration.case(ir.ctx(), a)).ok_or_else(|| t.error(op, format!("missing '{name}'")))
}

/// `range(iW lo, hi)` on the call's result.
fn add_range(t: &Translator<'_, '_>, call: CallSiteValue<'_>, range: ConstantRange) {
    use inkwell::llvm_sys::core::LLVMCreateConstantRangeAttribute;
    let kind = LlvmAttribute::get_named_enum_kind_id("range");
    let mask = |v: i128| -> u64 { (v as u64) & if range.width >= 64 { u64::MAX } else { (1u64 << range.width) - 1 } };
    let (lower, upper) = ([mask(range.lower)], [mask(range.upper)]);
    // SAFETY: a live context; one 64-bit word per bound, as the width (at
    // most 64 for the registers) needs.
    let raw = unsafe { LLVMCreateConstantRangeAttribute(t.llvm.as_ctx_ref(), kind, range.width, lower.as_ptr(), upper.as_ptr()) };
    // SAFETY: a valid attribute LLVM just made.
    let attribute = unsafe { LlvmAttribute::new(raw) };
    call.add_attribute(AttributeLoc::Return, attribute);
}

/// A special register read: `llvm.` and the op's name.
struct ReadRegister {
    intrinsic: &'static str,
}

impl LlvmTranslation for ReadRegister {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let call = call_intrinsic(t, op, self.intrinsic, &[])?;
        if let Some(range) = t.ir.attr(op, "range").and_then(|a| ConstantRange::of(t.ir.ctx(), a)) {
            add_range(t, call, range);
        }
        Ok(())
    }
}

/// An op that is one call of a fixed intrinsic with its operands.
struct Fixed {
    intrinsic: &'static str,
}

impl LlvmTranslation for Fixed {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let args: Vec<BasicMetadataValueEnum<'ctx>> = t.operands(op)?.into_iter().map(Into::into).collect();
        call_intrinsic(t, op, self.intrinsic, &args).map(|_| ())
    }
}

/// `nvvm.barrier0`: the aligned barrier 0 of the whole block.
struct Barrier0;

impl LlvmTranslation for Barrier0 {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let zero = t.llvm.i32_type().const_zero();
        call_intrinsic(t, op, "llvm.nvvm.barrier.cta.sync.aligned.all", &[zero.into()]).map(|_| ())
    }
}

struct Shuffle;

impl LlvmTranslation for Shuffle {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let ir = t.ir;
        let shfl = nvvm::ShflOp(op);
        let kind = case(t, op, "kind", &nvvm::SHFL_KIND)?;
        let element = if ir.value_type(shfl.val(ir)).is_float(ir.ctx()) { "f32" } else { "i32" };
        let predicate = if shfl.return_value_and_is_valid(ir).is_some() { "p" } else { "" };
        let name = format!("llvm.nvvm.shfl.sync.{kind}.{element}{predicate}");
        let args: Vec<BasicMetadataValueEnum<'ctx>> = t.operands(op)?.into_iter().map(Into::into).collect();
        call_intrinsic(t, op, &name, &args).map(|_| ())
    }
}

struct Vote;

impl LlvmTranslation for Vote {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let kind = case(t, op, "kind", &nvvm::VOTE_SYNC_KIND)?;
        let name = format!("llvm.nvvm.vote.{kind}.sync");
        let args: Vec<BasicMetadataValueEnum<'ctx>> = t.operands(op)?.into_iter().map(Into::into).collect();
        call_intrinsic(t, op, &name, &args).map(|_| ())
    }
}

struct Redux;

impl LlvmTranslation for Redux {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let ir = t.ir;
        let redux = nvvm::ReduxOp(op);
        let kind = case(t, op, "kind", &nvvm::REDUX_KIND)?;
        let flag = |a: Option<ir::Attribute>| a.and_then(|a| a.as_integer(ir.ctx())).unwrap_or(0) != 0;
        let mut name = format!("llvm.nvvm.redux.sync.{kind}");
        if matches!(kind, "fmin" | "fmax") {
            if flag(redux.abs(ir)) {
                name.push_str(".abs");
            }
            if flag(redux.nan(ir)) {
                name.push_str(".NaN");
            }
        }
        let args: Vec<BasicMetadataValueEnum<'ctx>> = t.operands(op)?.into_iter().map(Into::into).collect();
        call_intrinsic(t, op, &name, &args).map(|_| ())
    }
}

/// The cluster barrier ops: `base`, then `.aligned` when the op says so.
struct ClusterBarrier {
    base: &'static str,
}

impl LlvmTranslation for ClusterBarrier {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let aligned = if t.ir.attr(op, "aligned").is_some() { ".aligned" } else { "" };
        call_intrinsic(t, op, &format!("{}{aligned}", self.base), &[]).map(|_| ())
    }
}

/// Every special register op of the nvvm dialect.
const REGISTER_OPS: &[&str] = &[
    nvvm::LaneIdOp::NAME,
    nvvm::WarpSizeOp::NAME,
    nvvm::ThreadIdXOp::NAME,
    nvvm::ThreadIdYOp::NAME,
    nvvm::ThreadIdZOp::NAME,
    nvvm::BlockDimXOp::NAME,
    nvvm::BlockDimYOp::NAME,
    nvvm::BlockDimZOp::NAME,
    nvvm::BlockIdXOp::NAME,
    nvvm::BlockIdYOp::NAME,
    nvvm::BlockIdZOp::NAME,
    nvvm::GridDimXOp::NAME,
    nvvm::GridDimYOp::NAME,
    nvvm::GridDimZOp::NAME,
    nvvm::WarpIdOp::NAME,
    nvvm::WarpDimOp::NAME,
    nvvm::SmIdOp::NAME,
    nvvm::SmDimOp::NAME,
    nvvm::GridIdOp::NAME,
    nvvm::ClusterIdXOp::NAME,
    nvvm::ClusterIdYOp::NAME,
    nvvm::ClusterIdZOp::NAME,
    nvvm::ClusterDimXOp::NAME,
    nvvm::ClusterDimYOp::NAME,
    nvvm::ClusterDimZOp::NAME,
    nvvm::BlockInClusterIdXOp::NAME,
    nvvm::BlockInClusterIdYOp::NAME,
    nvvm::BlockInClusterIdZOp::NAME,
    nvvm::ClusterDimBlocksXOp::NAME,
    nvvm::ClusterDimBlocksYOp::NAME,
    nvvm::ClusterDimBlocksZOp::NAME,
    nvvm::ClusterIdOp::NAME,
    nvvm::ClusterDimOp::NAME,
    nvvm::LaneMaskEqOp::NAME,
    nvvm::LaneMaskLeOp::NAME,
    nvvm::LaneMaskLtOp::NAME,
    nvvm::LaneMaskGeOp::NAME,
    nvvm::LaneMaskGtOp::NAME,
    nvvm::ClockOp::NAME,
    nvvm::Clock64Op::NAME,
    nvvm::GlobalTimerOp::NAME,
];

pub(crate) fn register(ctx: &Context) {
    // The intrinsic of `nvvm.read.ptx.sreg.tid.x` is
    // `llvm.nvvm.read.ptx.sreg.tid.x`: the op's name behind `llvm.`.
    static REGISTERS: std::sync::OnceLock<Vec<ReadRegister>> = std::sync::OnceLock::new();
    let registers = REGISTERS.get_or_init(|| {
        REGISTER_OPS.iter().map(|name| ReadRegister { intrinsic: Box::leak(format!("llvm.{name}").into_boxed_str()) }).collect()
    });
    for (name, translation) in REGISTER_OPS.iter().zip(registers) {
        ctx.attach_interface::<dyn LlvmTranslation>(name, translation);
    }
    static BARRIER0: Barrier0 = Barrier0;
    static WARP_SYNC: Fixed = Fixed { intrinsic: "llvm.nvvm.bar.warp.sync" };
    static SHUFFLE: Shuffle = Shuffle;
    static VOTE: Vote = Vote;
    static REDUX: Redux = Redux;
    static ARRIVE: ClusterBarrier = ClusterBarrier { base: "llvm.nvvm.barrier.cluster.arrive" };
    static ARRIVE_RELAXED: ClusterBarrier = ClusterBarrier { base: "llvm.nvvm.barrier.cluster.arrive.relaxed" };
    static WAIT: ClusterBarrier = ClusterBarrier { base: "llvm.nvvm.barrier.cluster.wait" };
    ctx.attach_interface::<dyn LlvmTranslation>(nvvm::Barrier0Op::NAME, &BARRIER0);
    ctx.attach_interface::<dyn LlvmTranslation>(nvvm::SyncWarpOp::NAME, &WARP_SYNC);
    ctx.attach_interface::<dyn LlvmTranslation>(nvvm::ShflOp::NAME, &SHUFFLE);
    ctx.attach_interface::<dyn LlvmTranslation>(nvvm::VoteSyncOp::NAME, &VOTE);
    ctx.attach_interface::<dyn LlvmTranslation>(nvvm::ReduxOp::NAME, &REDUX);
    ctx.attach_interface::<dyn LlvmTranslation>(nvvm::ClusterArriveOp::NAME, &ARRIVE);
    ctx.attach_interface::<dyn LlvmTranslation>(nvvm::ClusterArriveRelaxedOp::NAME, &ARRIVE_RELAXED);
    ctx.attach_interface::<dyn LlvmTranslation>(nvvm::ClusterWaitOp::NAME, &WAIT);
}
