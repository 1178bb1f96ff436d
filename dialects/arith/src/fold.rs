//! Folders of the arith ops: constant arithmetic with the wrap-around and
//! rounding of the operand type, and algebraic identities (`x + 0 = x`,
//! `x - x = 0`, `x * 1 = x`, ...). Scalars only; vectors and tensors are
//! left to later work.

use ir::attributes::AttrData;
use ir::rewrite::FoldResult;
use ir::types::{Signedness, TypeData};
use ir::{Attribute, Context, Ir, OpId, Type, Value};

/// `value` truncated to the integer type's width, kept sign-extended.
fn wrap(ctx: &Context, value: i128, ty: Type) -> i128 {
    let width = ty.int_width(ctx).unwrap_or(64);
    if width >= 128 {
        return value;
    }
    let shift = 128 - width;
    (value << shift) >> shift
}

/// The unsigned reading of a sign-extended value of `ty`.
fn unsigned(ctx: &Context, value: i128, ty: Type) -> u128 {
    let width = ty.int_width(ctx).unwrap_or(64);
    if width >= 128 {
        return value as u128;
    }
    (value as u128) & ((1u128 << width) - 1)
}

fn int_constant(ctx: &Context, attr: Option<Attribute>) -> Option<i128> {
    attr.and_then(|a| a.as_integer(ctx))
}

fn result_type(ir: &Ir, op: OpId) -> Type {
    ir.value_type(ir.result(op, 0))
}

fn constant(ir: &Ir, op: OpId, value: i128) -> Option<Vec<FoldResult>> {
    let ty = result_type(ir, op);
    let value = wrap(ir.ctx(), value, ty);
    Some(vec![FoldResult::Constant(Attribute::integer(ir.ctx(), value, ty))])
}

fn same(v: Value) -> Option<Vec<FoldResult>> {
    Some(vec![FoldResult::Value(v)])
}

/// Which binary integer op a folder serves.
#[derive(Clone, Copy)]
pub enum IntOp {
    Add,
    Sub,
    Mul,
    DivS,
    DivU,
    RemS,
    RemU,
    And,
    Or,
    Xor,
    Shl,
    ShrS,
    ShrU,
    MaxS,
    MaxU,
    MinS,
    MinU,
}

/// Folds a binary integer op: both operands constant, or an identity.
pub fn fold_int(ir: &Ir, op: OpId, constants: &[Option<Attribute>], kind: IntOp) -> Option<Vec<FoldResult>> {
    let ctx = ir.ctx();
    let ty = result_type(ir, op);
    if !ty.is_signless_int_or_index(ctx) {
        return None;
    }
    let (lhs, rhs) = (ir.operands(op)[0], ir.operands(op)[1]);
    let (a, b) = (int_constant(ctx, constants[0]), int_constant(ctx, constants[1]));
    if let (Some(a), Some(b)) = (a, b) {
        let (ua, ub) = (unsigned(ctx, a, ty), unsigned(ctx, b, ty));
        let width = ty.int_width(ctx).unwrap_or(64) as u128;
        let value = match kind {
            IntOp::Add => a.wrapping_add(b),
            IntOp::Sub => a.wrapping_sub(b),
            IntOp::Mul => a.wrapping_mul(b),
            // Division by zero (and signed overflow) is undefined: leave it.
            IntOp::DivS if b == 0 || (b == -1 && wrap(ctx, a.wrapping_neg(), ty) == a && a != 0) => return None,
            IntOp::DivS => a / b,
            IntOp::DivU if ub == 0 => return None,
            IntOp::DivU => (ua / ub) as i128,
            IntOp::RemS if b == 0 => return None,
            IntOp::RemS => a % b,
            IntOp::RemU if ub == 0 => return None,
            IntOp::RemU => (ua % ub) as i128,
            IntOp::And => a & b,
            IntOp::Or => a | b,
            IntOp::Xor => a ^ b,
            IntOp::Shl | IntOp::ShrS | IntOp::ShrU if ub >= width => return None,
            IntOp::Shl => a << ub,
            IntOp::ShrS => a >> ub,
            IntOp::ShrU => (ua >> ub) as i128,
            IntOp::MaxS => a.max(b),
            IntOp::MaxU => ua.max(ub) as i128,
            IntOp::MinS => a.min(b),
            IntOp::MinU => ua.min(ub) as i128,
        };
        return constant(ir, op, value);
    }
    let all_ones = wrap(ctx, -1, ty);
    match kind {
        IntOp::Add if b == Some(0) => same(lhs),
        IntOp::Add if a == Some(0) => same(rhs),
        IntOp::Sub if b == Some(0) => same(lhs),
        IntOp::Sub | IntOp::Xor if lhs == rhs => constant(ir, op, 0),
        IntOp::Mul if b == Some(1) => same(lhs),
        IntOp::Mul if a == Some(1) => same(rhs),
        IntOp::Mul | IntOp::And if b == Some(0) || a == Some(0) => constant(ir, op, 0),
        IntOp::DivS | IntOp::DivU if b == Some(1) => same(lhs),
        IntOp::RemS | IntOp::RemU if b == Some(1) => constant(ir, op, 0),
        IntOp::And if b == Some(all_ones) => same(lhs),
        IntOp::And | IntOp::Or | IntOp::MaxS | IntOp::MaxU | IntOp::MinS | IntOp::MinU if lhs == rhs => same(lhs),
        IntOp::Or | IntOp::Xor if b == Some(0) => same(lhs),
        IntOp::Shl | IntOp::ShrS | IntOp::ShrU if b == Some(0) => same(lhs),
        _ => None,
    }
}

/// Which binary float op a folder serves.
#[derive(Clone, Copy)]
pub enum FloatOp {
    Add,
    Sub,
    Mul,
    Div,
}

/// Folds float arithmetic on two constants, rounding to the result type.
pub fn fold_float(ir: &Ir, op: OpId, constants: &[Option<Attribute>], kind: FloatOp) -> Option<Vec<FoldResult>> {
    let ctx = ir.ctx();
    let ty = result_type(ir, op);
    let TypeData::Float(format) = ty.data(ctx) else {
        return None;
    };
    let a = constants[0]?.as_float(ctx)?;
    let b = constants[1]?.as_float(ctx)?;
    let value = match kind {
        FloatOp::Add => a + b,
        FloatOp::Sub => a - b,
        FloatOp::Mul => a * b,
        FloatOp::Div => a / b,
    };
    let rounded = ir::float::round_to(*format, value);
    Some(vec![FoldResult::Constant(Attribute::float(ctx, rounded, ty))])
}

/// `cmpi` on two constants, or on a value and itself.
pub fn fold_cmpi(ir: &Ir, op: OpId, constants: &[Option<Attribute>]) -> Option<Vec<FoldResult>> {
    let ctx = ir.ctx();
    let i1 = Type::integer(ctx, 1);
    if result_type(ir, op) != i1 {
        return None;
    }
    let predicate = ir.attr(op, "predicate")?.as_integer(ctx)?;
    let operand_type = ir.value_type(ir.operands(op)[0]);
    let result = if ir.operands(op)[0] == ir.operands(op)[1] {
        // eq, sle, sge, ule, uge hold for equal operands.
        matches!(predicate, 0 | 3 | 5 | 7 | 9)
    } else {
        let (a, b) = (int_constant(ctx, constants[0])?, int_constant(ctx, constants[1])?);
        let (ua, ub) = (unsigned(ctx, a, operand_type), unsigned(ctx, b, operand_type));
        match predicate {
            0 => a == b,
            1 => a != b,
            2 => a < b,
            3 => a <= b,
            4 => a > b,
            5 => a >= b,
            6 => ua < ub,
            7 => ua <= ub,
            8 => ua > ub,
            9 => ua >= ub,
            _ => return None,
        }
    };
    Some(vec![FoldResult::Constant(Attribute::integer(ctx, result as i128, i1))])
}

/// `select` with a constant condition, or with equal alternatives.
pub fn fold_select(ir: &Ir, op: OpId, constants: &[Option<Attribute>]) -> Option<Vec<FoldResult>> {
    let operands = ir.operands(op);
    if operands[1] == operands[2] {
        return same(operands[1]);
    }
    match int_constant(ir.ctx(), constants[0])? {
        0 => same(operands[2]),
        _ => same(operands[1]),
    }
}

/// Integer casts of constants: sign/zero extension, truncation, index casts.
pub fn fold_int_cast(ir: &Ir, op: OpId, constants: &[Option<Attribute>], zero_extend: bool) -> Option<Vec<FoldResult>> {
    let ctx = ir.ctx();
    let value = int_constant(ctx, constants[0])?;
    let from = ir.value_type(ir.operands(op)[0]);
    let to = result_type(ir, op);
    if !to.is_signless_int_or_index(ctx) || !from.is_signless_int_or_index(ctx) {
        return None;
    }
    let value = if zero_extend { unsigned(ctx, value, from) as i128 } else { value };
    constant(ir, op, value)
}

/// Creates `arith.constant` for a folded integer, float or dense value.
pub fn materialize_constant(ir: &mut Ir, value: Attribute, ty: Type, location: ir::Location) -> Option<OpId> {
    let ctx = ir.ctx();
    let fits = match value.data(ctx) {
        AttrData::Integer { ty: t, .. } | AttrData::Float { ty: t, .. } | AttrData::DenseElements { ty: t, .. } => *t == ty,
        _ => false,
    };
    if !fits || matches!(ty.data(ctx), TypeData::Integer { signedness, .. } if *signedness != Signedness::Signless) {
        return None;
    }
    let constant = ir.build::<crate::ConstantOp>(location, &[], &[ty], &[("value", value)]).ok()?;
    Some(constant.0)
}
