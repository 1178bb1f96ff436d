//! The few LLVM calls inkwell does not wrap (instruction flags, GEP no-wrap
//! flags, comparisons of any operand kind, aggregate access by index path),
//! as small safe functions. Each takes values built by the same builder or
//! context, which is what keeps the raw calls sound.

use std::os::raw::c_uint;

use inkwell::builder::Builder;
use inkwell::llvm_sys::core as llvm;
use inkwell::llvm_sys::prelude::{LLVMBuilderRef, LLVMValueRef};
use inkwell::llvm_sys::{LLVMAtomicOrdering, LLVMAtomicRMWBinOp, LLVMIntPredicate, LLVMRealPredicate};
use inkwell::module::Module;
use inkwell::types::{AsTypeRef, BasicTypeEnum};
use inkwell::values::{AsValueRef, BasicValueEnum};

extern "C" {
    fn ml_build_extract_value(
        builder: LLVMBuilderRef,
        aggregate: LLVMValueRef,
        indices: *const c_uint,
        count: c_uint,
    ) -> LLVMValueRef;
    fn ml_build_insert_value(
        builder: LLVMBuilderRef,
        aggregate: LLVMValueRef,
        value: LLVMValueRef,
        indices: *const c_uint,
        count: c_uint,
    ) -> LLVMValueRef;
}

const NO_NAME: &std::ffi::CStr = c"";

/// Wraps a value the builder just made.
///
/// SAFETY: `raw` must be a non-null value of a first-class (non-void) type.
unsafe fn wrap<'ctx>(raw: LLVMValueRef) -> Option<BasicValueEnum<'ctx>> {
    (!raw.is_null()).then(|| BasicValueEnum::new(raw))
}

/// Whether `value` is an instruction (not a folded constant), so flags can be set on it.
fn instruction(value: BasicValueEnum<'_>) -> Option<LLVMValueRef> {
    let raw = value.as_value_ref();
    // SAFETY: `raw` is a live value.
    (!unsafe { llvm::LLVMIsAInstruction(raw) }.is_null()).then_some(raw)
}

pub fn is_constant(value: BasicValueEnum<'_>) -> bool {
    // SAFETY: `value` is a live value.
    unsafe { llvm::LLVMIsConstant(value.as_value_ref()) != 0 }
}

/// `nsw`/`nuw` on an add, sub, mul, shl or trunc.
pub fn set_overflow_flags(value: BasicValueEnum<'_>, nsw: bool, nuw: bool) {
    if let Some(raw) = instruction(value) {
        // SAFETY: the value is an instruction; LLVM accepts these flags on
        // overflowing binary operators and truncations, which is all that
        // calls this.
        unsafe {
            llvm::LLVMSetNSW(raw, nsw as i32);
            llvm::LLVMSetNUW(raw, nuw as i32);
        }
    }
}

/// `exact` on a division or right shift.
pub fn set_exact(value: BasicValueEnum<'_>) {
    if let Some(raw) = instruction(value) {
        // SAFETY: called only on sdiv, udiv, lshr and ashr instructions.
        unsafe { llvm::LLVMSetExact(raw, 1) }
    }
}

/// `nneg` on a zext or uitofp.
pub fn set_nneg(value: BasicValueEnum<'_>) {
    if let Some(raw) = instruction(value) {
        // SAFETY: called only on zext and uitofp instructions.
        unsafe { llvm::LLVMSetNNeg(raw, 1) }
    }
}

/// Fast-math flags (LLVM-C bits) on an instruction that can carry them.
pub fn set_fast_math(value: BasicValueEnum<'_>, flags: u32) {
    if flags == 0 {
        return;
    }
    if let Some(raw) = instruction(value) {
        // SAFETY: the instruction is checked to be an FP math operator first.
        unsafe {
            if llvm::LLVMCanValueUseFastMathFlags(raw) != 0 {
                llvm::LLVMSetFastMathFlags(raw, flags);
            }
        }
    }
}

/// The same for a call, which is not a basic value when it returns void.
pub fn set_call_fast_math(call: inkwell::values::CallSiteValue<'_>, flags: u32) {
    if flags == 0 {
        return;
    }
    let raw = call.as_value_ref();
    // SAFETY: `raw` is a call instruction; the check guards the setter.
    unsafe {
        if llvm::LLVMCanValueUseFastMathFlags(raw) != 0 {
            llvm::LLVMSetFastMathFlags(raw, flags);
        }
    }
}

/// The LLVM-C ordering of a stored ordering (the dialect uses LLVM-C's numbers).
fn atomic_ordering(ordering: i128) -> Option<LLVMAtomicOrdering> {
    Some(match ordering {
        1 => LLVMAtomicOrdering::LLVMAtomicOrderingUnordered,
        2 => LLVMAtomicOrdering::LLVMAtomicOrderingMonotonic,
        4 => LLVMAtomicOrdering::LLVMAtomicOrderingAcquire,
        5 => LLVMAtomicOrdering::LLVMAtomicOrderingRelease,
        6 => LLVMAtomicOrdering::LLVMAtomicOrderingAcquireRelease,
        7 => LLVMAtomicOrdering::LLVMAtomicOrderingSequentiallyConsistent,
        _ => return None,
    })
}

/// Atomic ordering, in sync scope `scope` ("" for the whole system), on a
/// load or store.
pub fn set_ordering(
    context: &inkwell::context::Context,
    instruction: inkwell::values::InstructionValue<'_>,
    ordering: i128,
    scope: &str,
) {
    let Some(ordering) = atomic_ordering(ordering) else { return };
    let scope = sync_scope(context, scope);
    // SAFETY: called only on load and store instructions, which are atomic
    // once they have an ordering.
    unsafe {
        llvm::LLVMSetOrdering(instruction.as_value_ref(), ordering);
        llvm::LLVMSetAtomicSyncScopeID(instruction.as_value_ref(), scope);
    }
}

/// `atomicrmw` operations by the dialect's `bin_op` (LLVM-C's numbering).
const ATOMIC_BIN_OPS: [LLVMAtomicRMWBinOp; 21] = {
    use LLVMAtomicRMWBinOp::*;
    [
        LLVMAtomicRMWBinOpXchg,
        LLVMAtomicRMWBinOpAdd,
        LLVMAtomicRMWBinOpSub,
        LLVMAtomicRMWBinOpAnd,
        LLVMAtomicRMWBinOpNand,
        LLVMAtomicRMWBinOpOr,
        LLVMAtomicRMWBinOpXor,
        LLVMAtomicRMWBinOpMax,
        LLVMAtomicRMWBinOpMin,
        LLVMAtomicRMWBinOpUMax,
        LLVMAtomicRMWBinOpUMin,
        LLVMAtomicRMWBinOpFAdd,
        LLVMAtomicRMWBinOpFSub,
        LLVMAtomicRMWBinOpFMax,
        LLVMAtomicRMWBinOpFMin,
        LLVMAtomicRMWBinOpUIncWrap,
        LLVMAtomicRMWBinOpUDecWrap,
        LLVMAtomicRMWBinOpUSubCond,
        LLVMAtomicRMWBinOpUSubSat,
        LLVMAtomicRMWBinOpFMaximum,
        LLVMAtomicRMWBinOpFMinimum,
    ]
};

/// The id of sync scope `name` ("" is the whole system).
fn sync_scope(context: &inkwell::context::Context, name: &str) -> c_uint {
    // SAFETY: a context and a string with its length.
    unsafe { llvm::LLVMGetSyncScopeID(context.raw(), name.as_ptr().cast(), name.len()) }
}

/// `atomicrmw bin_op ptr, value ordering` in sync scope `scope`; None for
/// an unknown operation or ordering.
pub fn atomic_rmw<'ctx>(
    builder: &Builder<'ctx>,
    context: &'ctx inkwell::context::Context,
    bin_op: i128,
    pointer: BasicValueEnum<'ctx>,
    value: BasicValueEnum<'ctx>,
    ordering: i128,
    scope: &str,
) -> Option<BasicValueEnum<'ctx>> {
    let op = *usize::try_from(bin_op).ok().and_then(|i| ATOMIC_BIN_OPS.get(i))?;
    let ordering = atomic_ordering(ordering)?;
    let scope = sync_scope(context, scope);
    // SAFETY: a pointer and a value built in this builder's context; an
    // atomicrmw has the value's (first-class) type.
    unsafe {
        wrap(llvm::LLVMBuildAtomicRMWSyncScope(
            builder.as_mut_ptr(),
            op,
            pointer.as_value_ref(),
            value.as_value_ref(),
            ordering,
            scope,
        ))
    }
}

/// Alignment (when given) and volatility of an `atomicrmw` or `cmpxchg`,
/// which inkwell's setters refuse.
pub fn set_atomic_flags(atomic: BasicValueEnum<'_>, alignment: Option<u32>, volatile: bool) {
    let Some(raw) = instruction(atomic) else { return };
    // SAFETY: `raw` is an atomicrmw or cmpxchg instruction, which both setters accept.
    unsafe {
        if let Some(bytes) = alignment {
            llvm::LLVMSetAlignment(raw, bytes);
        }
        llvm::LLVMSetVolatile(raw, i32::from(volatile));
    }
}

/// `cmpxchg [weak] ptr, expected, new success failure` in sync scope
/// `scope`; None for an unknown ordering.
#[allow(clippy::too_many_arguments)]
pub fn cmpxchg<'ctx>(
    builder: &Builder<'ctx>,
    context: &'ctx inkwell::context::Context,
    pointer: BasicValueEnum<'ctx>,
    expected: BasicValueEnum<'ctx>,
    new: BasicValueEnum<'ctx>,
    (success, failure): (i128, i128),
    weak: bool,
    scope: &str,
) -> Option<BasicValueEnum<'ctx>> {
    let (success, failure) = (atomic_ordering(success)?, atomic_ordering(failure)?);
    let scope = sync_scope(context, scope);
    // SAFETY: values built in this builder's context; the result is a cmpxchg.
    unsafe {
        let raw = llvm::LLVMBuildAtomicCmpXchgSyncScope(
            builder.as_mut_ptr(),
            pointer.as_value_ref(),
            expected.as_value_ref(),
            new.as_value_ref(),
            success,
            failure,
            scope,
        );
        if !raw.is_null() {
            llvm::LLVMSetWeak(raw, i32::from(weak));
        }
        wrap(raw)
    }
}

pub fn icmp<'ctx>(
    builder: &Builder<'ctx>,
    predicate: LLVMIntPredicate,
    lhs: BasicValueEnum<'ctx>,
    rhs: BasicValueEnum<'ctx>,
) -> Option<BasicValueEnum<'ctx>> {
    // SAFETY: both operands come from the builder's context; icmp yields an i1 (vector).
    unsafe {
        wrap(llvm::LLVMBuildICmp(builder.as_mut_ptr(), predicate, lhs.as_value_ref(), rhs.as_value_ref(), NO_NAME.as_ptr()))
    }
}

pub fn fcmp<'ctx>(
    builder: &Builder<'ctx>,
    predicate: LLVMRealPredicate,
    lhs: BasicValueEnum<'ctx>,
    rhs: BasicValueEnum<'ctx>,
) -> Option<BasicValueEnum<'ctx>> {
    // SAFETY: as for `icmp`.
    unsafe {
        wrap(llvm::LLVMBuildFCmp(builder.as_mut_ptr(), predicate, lhs.as_value_ref(), rhs.as_value_ref(), NO_NAME.as_ptr()))
    }
}

pub fn fneg<'ctx>(builder: &Builder<'ctx>, operand: BasicValueEnum<'ctx>) -> Option<BasicValueEnum<'ctx>> {
    // SAFETY: a float (vector) operand from the builder's context.
    unsafe { wrap(llvm::LLVMBuildFNeg(builder.as_mut_ptr(), operand.as_value_ref(), NO_NAME.as_ptr())) }
}

pub fn select<'ctx>(
    builder: &Builder<'ctx>,
    condition: BasicValueEnum<'ctx>,
    on_true: BasicValueEnum<'ctx>,
    on_false: BasicValueEnum<'ctx>,
) -> Option<BasicValueEnum<'ctx>> {
    // SAFETY: operands from the builder's context; the result has their type.
    unsafe {
        wrap(llvm::LLVMBuildSelect(
            builder.as_mut_ptr(),
            condition.as_value_ref(),
            on_true.as_value_ref(),
            on_false.as_value_ref(),
            NO_NAME.as_ptr(),
        ))
    }
}

/// `getelementptr [flags] element, base, indices...`.
pub fn gep<'ctx>(
    builder: &Builder<'ctx>,
    element: BasicTypeEnum<'ctx>,
    base: BasicValueEnum<'ctx>,
    indices: &[BasicValueEnum<'ctx>],
    flags: u32,
) -> Option<BasicValueEnum<'ctx>> {
    let mut raw: Vec<LLVMValueRef> = indices.iter().map(|v| v.as_value_ref()).collect();
    // SAFETY: the index array outlives the call; all values share the context.
    unsafe {
        wrap(llvm::LLVMBuildGEPWithNoWrapFlags(
            builder.as_mut_ptr(),
            element.as_type_ref(),
            base.as_value_ref(),
            raw.as_mut_ptr(),
            raw.len() as c_uint,
            NO_NAME.as_ptr(),
            flags,
        ))
    }
}

/// `extractvalue aggregate, i, j, ...`.
pub fn extract_value<'ctx>(
    builder: &Builder<'ctx>,
    aggregate: BasicValueEnum<'ctx>,
    path: &[u32],
) -> Option<BasicValueEnum<'ctx>> {
    // SAFETY: the path is checked against the aggregate type by the dialect's verifier; the shim only forwards to IRBuilder.
    unsafe { wrap(ml_build_extract_value(builder.as_mut_ptr(), aggregate.as_value_ref(), path.as_ptr(), path.len() as c_uint)) }
}

/// `insertvalue aggregate, value, i, j, ...`.
pub fn insert_value<'ctx>(
    builder: &Builder<'ctx>,
    aggregate: BasicValueEnum<'ctx>,
    value: BasicValueEnum<'ctx>,
    path: &[u32],
) -> Option<BasicValueEnum<'ctx>> {
    // SAFETY: as for `extract_value`.
    unsafe {
        wrap(ml_build_insert_value(
            builder.as_mut_ptr(),
            aggregate.as_value_ref(),
            value.as_value_ref(),
            path.as_ptr(),
            path.len() as c_uint,
        ))
    }
}

pub fn extract_element<'ctx>(
    builder: &Builder<'ctx>,
    vector: BasicValueEnum<'ctx>,
    index: BasicValueEnum<'ctx>,
) -> Option<BasicValueEnum<'ctx>> {
    // SAFETY: a vector and an integer index from the builder's context.
    unsafe {
        wrap(llvm::LLVMBuildExtractElement(builder.as_mut_ptr(), vector.as_value_ref(), index.as_value_ref(), NO_NAME.as_ptr()))
    }
}

pub fn insert_element<'ctx>(
    builder: &Builder<'ctx>,
    vector: BasicValueEnum<'ctx>,
    value: BasicValueEnum<'ctx>,
    index: BasicValueEnum<'ctx>,
) -> Option<BasicValueEnum<'ctx>> {
    // SAFETY: as for `extract_element`.
    unsafe {
        wrap(llvm::LLVMBuildInsertElement(
            builder.as_mut_ptr(),
            vector.as_value_ref(),
            value.as_value_ref(),
            index.as_value_ref(),
            NO_NAME.as_ptr(),
        ))
    }
}

pub fn shuffle_vector<'ctx>(
    builder: &Builder<'ctx>,
    v1: BasicValueEnum<'ctx>,
    v2: BasicValueEnum<'ctx>,
    mask: BasicValueEnum<'ctx>,
) -> Option<BasicValueEnum<'ctx>> {
    // SAFETY: two vectors of one type and a constant i32 mask vector.
    unsafe {
        wrap(llvm::LLVMBuildShuffleVector(
            builder.as_mut_ptr(),
            v1.as_value_ref(),
            v2.as_value_ref(),
            mask.as_value_ref(),
            NO_NAME.as_ptr(),
        ))
    }
}

/// `undef`, `poison` or the zero value of `ty`.
pub fn undef(ty: BasicTypeEnum<'_>) -> BasicValueEnum<'_> {
    // SAFETY: a first-class type yields a first-class constant.
    unsafe { BasicValueEnum::new(llvm::LLVMGetUndef(ty.as_type_ref())) }
}

pub fn poison(ty: BasicTypeEnum<'_>) -> BasicValueEnum<'_> {
    // SAFETY: as for `undef`.
    unsafe { BasicValueEnum::new(llvm::LLVMGetPoison(ty.as_type_ref())) }
}

pub fn zero(ty: BasicTypeEnum<'_>) -> BasicValueEnum<'_> {
    // SAFETY: as for `undef`.
    unsafe { BasicValueEnum::new(llvm::LLVMConstNull(ty.as_type_ref())) }
}

/// A constant vector (or array, for `array`) of `elements`, all of `element` type.
pub fn const_vector<'ctx>(elements: &[BasicValueEnum<'ctx>]) -> BasicValueEnum<'ctx> {
    let mut raw: Vec<LLVMValueRef> = elements.iter().map(|v| v.as_value_ref()).collect();
    // SAFETY: constants of one scalar type; the array outlives the call.
    unsafe { BasicValueEnum::new(llvm::LLVMConstVector(raw.as_mut_ptr(), raw.len() as c_uint)) }
}

pub fn const_array<'ctx>(element: BasicTypeEnum<'ctx>, elements: &[BasicValueEnum<'ctx>]) -> BasicValueEnum<'ctx> {
    let mut raw: Vec<LLVMValueRef> = elements.iter().map(|v| v.as_value_ref()).collect();
    // SAFETY: constants of `element` type; the array outlives the call.
    unsafe { BasicValueEnum::new(llvm::LLVMConstArray2(element.as_type_ref(), raw.as_mut_ptr(), raw.len() as u64)) }
}

/// A constant of a literal or identified struct type.
pub fn const_struct<'ctx>(ty: BasicTypeEnum<'ctx>, fields: &[BasicValueEnum<'ctx>]) -> BasicValueEnum<'ctx> {
    let mut raw: Vec<LLVMValueRef> = fields.iter().map(|v| v.as_value_ref()).collect();
    // SAFETY: one constant per field, of the field's type.
    unsafe { BasicValueEnum::new(llvm::LLVMConstNamedStruct(ty.as_type_ref(), raw.as_mut_ptr(), raw.len() as c_uint)) }
}

pub fn set_data_layout(module: &Module<'_>, layout: &str) {
    let Ok(layout) = std::ffi::CString::new(layout) else { return };
    // SAFETY: LLVM copies the string.
    unsafe { llvm::LLVMSetDataLayout(module.as_mut_ptr(), layout.as_ptr()) }
}

/// A fixed or scalable vector of `count` elements.
pub fn vector_type<'ctx>(element: BasicTypeEnum<'ctx>, count: u32, scalable: bool) -> BasicTypeEnum<'ctx> {
    // SAFETY: `element` is a valid vector element type (checked by the caller).
    unsafe {
        let raw = if scalable {
            llvm::LLVMScalableVectorType(element.as_type_ref(), count)
        } else {
            llvm::LLVMVectorType(element.as_type_ref(), count)
        };
        BasicTypeEnum::new(raw)
    }
}
