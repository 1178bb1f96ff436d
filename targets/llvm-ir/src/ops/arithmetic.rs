//! Integer and float arithmetic with their flags (`nsw`/`nuw`, `exact`,
//! fast-math), comparisons and `select`.

use dialect_llvm as llvm;
use inkwell::llvm_sys::{LLVMIntPredicate, LLVMRealPredicate};
use inkwell::values::InstructionOpcode;
use ir::{Attribute, Context, Diagnostic, Ir, OpId};

use super::{attach, fastmath_bits};
use crate::{ffi, LlvmTranslation, Translator};

/// Which flag an integer op carries, and how to read it.
enum IntFlags {
    None,
    /// `overflowFlags`: bit 0 nsw, bit 1 nuw.
    Overflow(fn(&Ir, OpId) -> Option<Attribute>),
    /// `isExact`.
    Exact(fn(&Ir, OpId) -> Option<Attribute>),
}

/// `lhs op rhs` on integers.
struct IntBinary {
    opcode: InstructionOpcode,
    flags: IntFlags,
}

impl LlvmTranslation for IntBinary {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let (lhs, rhs) = (t.operand(op, 0)?, t.operand(op, 1)?);
        let result = t.built(op, t.builder.build_binop(self.opcode, lhs, rhs, ""))?;
        match self.flags {
            IntFlags::None => {}
            IntFlags::Overflow(flags) => {
                let bits = flags(t.ir, op).and_then(|a| a.as_integer(t.ir.ctx())).unwrap_or(0);
                ffi::set_overflow_flags(result, bits & 1 != 0, bits & 2 != 0);
            }
            IntFlags::Exact(exact) => {
                if exact(t.ir, op).is_some() {
                    ffi::set_exact(result);
                }
            }
        }
        t.map_result(op, result);
        Ok(())
    }
}

/// `lhs op rhs` on floats, with fast-math flags.
struct FloatBinary {
    opcode: InstructionOpcode,
    fastmath: fn(&Ir, OpId) -> Option<Attribute>,
}

impl LlvmTranslation for FloatBinary {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let (lhs, rhs) = (t.operand(op, 0)?, t.operand(op, 1)?);
        let result = t.built(op, t.builder.build_binop(self.opcode, lhs, rhs, ""))?;
        ffi::set_fast_math(result, fastmath_bits(t.ir.ctx(), (self.fastmath)(t.ir, op)));
        t.map_result(op, result);
        Ok(())
    }
}

struct FNeg;

impl LlvmTranslation for FNeg {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let operand = t.operand(op, 0)?;
        let result = ffi::fneg(&t.builder, operand).ok_or_else(|| t.error(op, "cannot build fneg"))?;
        ffi::set_fast_math(result, fastmath_bits(t.ir.ctx(), llvm::FNegOp(op).fastmathFlags(t.ir)));
        t.map_result(op, result);
        Ok(())
    }
}

/// The LLVM predicates in the order of the dialect's stored values
/// (`dialect_llvm::attrs::ICMP_PREDICATES`).
const ICMP: [LLVMIntPredicate; 10] = [
    LLVMIntPredicate::LLVMIntEQ,
    LLVMIntPredicate::LLVMIntNE,
    LLVMIntPredicate::LLVMIntSLT,
    LLVMIntPredicate::LLVMIntSLE,
    LLVMIntPredicate::LLVMIntSGT,
    LLVMIntPredicate::LLVMIntSGE,
    LLVMIntPredicate::LLVMIntULT,
    LLVMIntPredicate::LLVMIntULE,
    LLVMIntPredicate::LLVMIntUGT,
    LLVMIntPredicate::LLVMIntUGE,
];

/// As `dialect_llvm::attrs::FCMP_PREDICATES`.
const FCMP: [LLVMRealPredicate; 16] = [
    LLVMRealPredicate::LLVMRealPredicateFalse,
    LLVMRealPredicate::LLVMRealOEQ,
    LLVMRealPredicate::LLVMRealOGT,
    LLVMRealPredicate::LLVMRealOGE,
    LLVMRealPredicate::LLVMRealOLT,
    LLVMRealPredicate::LLVMRealOLE,
    LLVMRealPredicate::LLVMRealONE,
    LLVMRealPredicate::LLVMRealORD,
    LLVMRealPredicate::LLVMRealUEQ,
    LLVMRealPredicate::LLVMRealUGT,
    LLVMRealPredicate::LLVMRealUGE,
    LLVMRealPredicate::LLVMRealULT,
    LLVMRealPredicate::LLVMRealULE,
    LLVMRealPredicate::LLVMRealUNE,
    LLVMRealPredicate::LLVMRealUNO,
    LLVMRealPredicate::LLVMRealPredicateTrue,
];

fn predicate<T: Copy>(t: &Translator<'_, '_>, op: OpId, attr: Option<Attribute>, table: &[T]) -> Result<T, Diagnostic> {
    attr.and_then(|a| a.as_integer(t.ir.ctx()))
        .and_then(|i| usize::try_from(i).ok())
        .and_then(|i| table.get(i).copied())
        .ok_or_else(|| t.error(op, "invalid comparison predicate"))
}

struct ICmp;

impl LlvmTranslation for ICmp {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let predicate = predicate(t, op, llvm::ICmpOp(op).predicate(t.ir), &ICMP)?;
        let result = ffi::icmp(&t.builder, predicate, t.operand(op, 0)?, t.operand(op, 1)?)
            .ok_or_else(|| t.error(op, "cannot build icmp"))?;
        t.map_result(op, result);
        Ok(())
    }
}

struct FCmp;

impl LlvmTranslation for FCmp {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let cmp = llvm::FCmpOp(op);
        let predicate = predicate(t, op, cmp.predicate(t.ir), &FCMP)?;
        let result = ffi::fcmp(&t.builder, predicate, t.operand(op, 0)?, t.operand(op, 1)?)
            .ok_or_else(|| t.error(op, "cannot build fcmp"))?;
        ffi::set_fast_math(result, fastmath_bits(t.ir.ctx(), cmp.fastmathFlags(t.ir)));
        t.map_result(op, result);
        Ok(())
    }
}

struct Select;

impl LlvmTranslation for Select {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let result = ffi::select(&t.builder, t.operand(op, 0)?, t.operand(op, 1)?, t.operand(op, 2)?)
            .ok_or_else(|| t.error(op, "cannot build select"))?;
        ffi::set_fast_math(result, fastmath_bits(t.ir.ctx(), llvm::SelectOp(op).fastmathFlags(t.ir)));
        t.map_result(op, result);
        Ok(())
    }
}

pub(super) fn register(ctx: &Context) {
    use InstructionOpcode as I;
    attach! { ctx,
        llvm::AddOp => IntBinary = IntBinary { opcode: I::Add, flags: IntFlags::Overflow(|ir, op| llvm::AddOp(op).overflowFlags(ir)) };
        llvm::SubOp => IntBinary = IntBinary { opcode: I::Sub, flags: IntFlags::Overflow(|ir, op| llvm::SubOp(op).overflowFlags(ir)) };
        llvm::MulOp => IntBinary = IntBinary { opcode: I::Mul, flags: IntFlags::Overflow(|ir, op| llvm::MulOp(op).overflowFlags(ir)) };
        llvm::ShlOp => IntBinary = IntBinary { opcode: I::Shl, flags: IntFlags::Overflow(|ir, op| llvm::ShlOp(op).overflowFlags(ir)) };
        llvm::SDivOp => IntBinary = IntBinary { opcode: I::SDiv, flags: IntFlags::Exact(|ir, op| llvm::SDivOp(op).isExact(ir)) };
        llvm::UDivOp => IntBinary = IntBinary { opcode: I::UDiv, flags: IntFlags::Exact(|ir, op| llvm::UDivOp(op).isExact(ir)) };
        llvm::LShrOp => IntBinary = IntBinary { opcode: I::LShr, flags: IntFlags::Exact(|ir, op| llvm::LShrOp(op).isExact(ir)) };
        llvm::AShrOp => IntBinary = IntBinary { opcode: I::AShr, flags: IntFlags::Exact(|ir, op| llvm::AShrOp(op).isExact(ir)) };
        llvm::SRemOp => IntBinary = IntBinary { opcode: I::SRem, flags: IntFlags::None };
        llvm::URemOp => IntBinary = IntBinary { opcode: I::URem, flags: IntFlags::None };
        llvm::AndOp => IntBinary = IntBinary { opcode: I::And, flags: IntFlags::None };
        llvm::OrOp => IntBinary = IntBinary { opcode: I::Or, flags: IntFlags::None };
        llvm::XOrOp => IntBinary = IntBinary { opcode: I::Xor, flags: IntFlags::None };
        llvm::FAddOp => FloatBinary = FloatBinary { opcode: I::FAdd, fastmath: |ir, op| llvm::FAddOp(op).fastmathFlags(ir) };
        llvm::FSubOp => FloatBinary = FloatBinary { opcode: I::FSub, fastmath: |ir, op| llvm::FSubOp(op).fastmathFlags(ir) };
        llvm::FMulOp => FloatBinary = FloatBinary { opcode: I::FMul, fastmath: |ir, op| llvm::FMulOp(op).fastmathFlags(ir) };
        llvm::FDivOp => FloatBinary = FloatBinary { opcode: I::FDiv, fastmath: |ir, op| llvm::FDivOp(op).fastmathFlags(ir) };
        llvm::FRemOp => FloatBinary = FloatBinary { opcode: I::FRem, fastmath: |ir, op| llvm::FRemOp(op).fastmathFlags(ir) };
        llvm::FNegOp => FNeg = FNeg;
        llvm::ICmpOp => ICmp = ICmp;
        llvm::FCmpOp => FCmp = FCmp;
        llvm::SelectOp => Select = Select;
    }
}
