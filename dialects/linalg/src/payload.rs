//! Building the bodies of structured ops: the scalar computation a named op
//! stands for (`out + a * b` for `linalg.matmul`), written with the arith
//! and math ops that fit the element types (integer or float), with the
//! casts that upstream's `cast_signed` and `cast_unsigned` insert when
//! operand and result element types differ.
//!
//! Named ops get their body from here when they are parsed in custom form
//! or built from Rust; transformations use the same builder to write new
//! bodies.

use dialect_arith as arith;
use dialect_math as math;
use ir::{Attribute, BlockId, Ir, Location, OpType, RegionId, Type, TypeData, Value};

/// Binary scalar functions of named ops.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinaryFn {
    Add,
    Sub,
    Mul,
    Div,
    DivUnsigned,
    MaxSigned,
    MinSigned,
    MaxUnsigned,
    MinUnsigned,
    PowF,
}

/// Unary scalar functions of named ops.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UnaryFn {
    Exp,
    Log,
    Abs,
    Ceil,
    Floor,
    NegF,
    Reciprocal,
    Round,
    Sqrt,
    Rsqrt,
    Square,
    Tanh,
    Erf,
}

/// How an operand is converted to the element type of the result.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TypeFn {
    CastSigned,
    CastUnsigned,
}

impl TypeFn {
    /// `#linalg.type_fn<cast_signed>` and `<cast_unsigned>`; signed when absent.
    pub fn of_attr(ctx: &ir::Context, attr: Option<Attribute>) -> TypeFn {
        match attr.map(|a| a.data(ctx)) {
            Some(ir::AttrData::Dialect { body, .. }) if body.contains("cast_unsigned") => TypeFn::CastUnsigned,
            _ => TypeFn::CastSigned,
        }
    }
}

/// Appends ops to the end of one block.
pub struct BodyBuilder<'a> {
    pub ir: &'a mut Ir,
    block: BlockId,
    location: Location,
}

/// Why a body cannot be built for the given types.
pub type BodyError = String;

impl<'a> BodyBuilder<'a> {
    pub fn new(ir: &'a mut Ir, block: BlockId, location: Location) -> Self {
        BodyBuilder { ir, block, location }
    }

    /// Appends a `T` with one value per operand group and one result.
    fn append<T: OpType>(&mut self, operands: &[&[Value]], result: Type) -> Result<Value, BodyError> {
        let op = self.ir.build::<T>(self.location, operands, &[result], &[]).map_err(|e| e.0)?;
        self.ir.append_op(self.block, op.op());
        Ok(self.ir.result(op.op(), 0))
    }

    fn is_float(&self, v: Value) -> bool {
        self.ir.value_type(v).is_float(self.ir.ctx())
    }

    /// `lhs f rhs`, with the float or integer op for the operands' type.
    pub fn binary(&mut self, f: BinaryFn, lhs: Value, rhs: Value) -> Result<Value, BodyError> {
        let ty = self.ir.value_type(lhs);
        let float = self.is_float(lhs);
        let args: &[&[Value]] = &[&[lhs], &[rhs]];
        match (f, float) {
            (BinaryFn::Add, true) => self.append::<arith::AddFOp>(args, ty),
            (BinaryFn::Add, false) => self.append::<arith::AddIOp>(args, ty),
            (BinaryFn::Sub, true) => self.append::<arith::SubFOp>(args, ty),
            (BinaryFn::Sub, false) => self.append::<arith::SubIOp>(args, ty),
            (BinaryFn::Mul, true) => self.append::<arith::MulFOp>(args, ty),
            (BinaryFn::Mul, false) => self.append::<arith::MulIOp>(args, ty),
            (BinaryFn::Div, true) => self.append::<arith::DivFOp>(args, ty),
            (BinaryFn::Div, false) => self.append::<arith::DivSIOp>(args, ty),
            (BinaryFn::DivUnsigned, false) => self.append::<arith::DivUIOp>(args, ty),
            (BinaryFn::MaxSigned, true) => self.append::<arith::MaximumFOp>(args, ty),
            (BinaryFn::MaxSigned, false) => self.append::<arith::MaxSIOp>(args, ty),
            (BinaryFn::MinSigned, true) => self.append::<arith::MinimumFOp>(args, ty),
            (BinaryFn::MinSigned, false) => self.append::<arith::MinSIOp>(args, ty),
            (BinaryFn::MaxUnsigned, false) => self.append::<arith::MaxUIOp>(args, ty),
            (BinaryFn::MinUnsigned, false) => self.append::<arith::MinUIOp>(args, ty),
            (BinaryFn::PowF, true) => self.append::<math::PowFOp>(args, ty),
            _ => Err(format!("{f:?} is not defined on '{}'", self.ir.ctx().print_type(ty))),
        }
    }

    /// `f(value)`, with the float or integer op for its type.
    pub fn unary(&mut self, f: UnaryFn, value: Value) -> Result<Value, BodyError> {
        let ty = self.ir.value_type(value);
        let float = self.is_float(value);
        let args: &[&[Value]] = &[&[value]];
        match (f, float) {
            (UnaryFn::Exp, true) => self.append::<math::ExpOp>(args, ty),
            (UnaryFn::Log, true) => self.append::<math::LogOp>(args, ty),
            (UnaryFn::Abs, true) => self.append::<math::AbsFOp>(args, ty),
            (UnaryFn::Abs, false) => self.append::<math::AbsIOp>(args, ty),
            (UnaryFn::Ceil, true) => self.append::<math::CeilOp>(args, ty),
            (UnaryFn::Floor, true) => self.append::<math::FloorOp>(args, ty),
            (UnaryFn::NegF, true) => self.append::<arith::NegFOp>(args, ty),
            (UnaryFn::Round, true) => self.append::<math::RoundOp>(args, ty),
            (UnaryFn::Sqrt, true) => self.append::<math::SqrtOp>(args, ty),
            (UnaryFn::Rsqrt, true) => self.append::<math::RsqrtOp>(args, ty),
            (UnaryFn::Tanh, true) => self.append::<math::TanhOp>(args, ty),
            (UnaryFn::Erf, true) => self.append::<math::ErfOp>(args, ty),
            (UnaryFn::Square, _) => self.binary(BinaryFn::Mul, value, value),
            (UnaryFn::Reciprocal, true) => {
                let one = self.constant(Attribute::float(self.ir.ctx(), 1.0, ty), ty)?;
                self.binary(BinaryFn::Div, one, value)
            }
            _ => Err(format!("{f:?} is not defined on '{}'", self.ir.ctx().print_type(ty))),
        }
    }

    /// `condition ? on_true : on_false`.
    pub fn select(&mut self, condition: Value, on_true: Value, on_false: Value) -> Result<Value, BodyError> {
        let ty = self.ir.value_type(on_true);
        self.append::<arith::SelectOp>(&[&[condition], &[on_true], &[on_false]], ty)
    }

    /// An `arith.constant`.
    pub fn constant(&mut self, value: Attribute, ty: Type) -> Result<Value, BodyError> {
        let op = self.ir.build::<arith::ConstantOp>(self.location, &[], &[ty], &[("value", value)]).map_err(|e| e.0)?;
        self.ir.append_op(self.block, op.op());
        Ok(self.ir.result(op.op(), 0))
    }

    /// `value` converted to `to` (nothing when it already has that type).
    pub fn cast(&mut self, f: TypeFn, value: Value, to: Type) -> Result<Value, BodyError> {
        let ctx = self.ir.ctx();
        let from = self.ir.value_type(value);
        if from == to {
            return Ok(value);
        }
        let signed = f == TypeFn::CastSigned;
        let width = |t: Type| t.bit_width(ctx).unwrap_or(64);
        let args: &[&[Value]] = &[&[value]];
        match (from.data(ctx), to.data(ctx)) {
            (TypeData::Float(_), TypeData::Float(_)) if width(from) < width(to) => self.append::<arith::ExtFOp>(args, to),
            (TypeData::Float(_), TypeData::Float(_)) => self.append::<arith::TruncFOp>(args, to),
            (TypeData::Integer { .. }, TypeData::Float(_)) if signed => self.append::<arith::SIToFPOp>(args, to),
            (TypeData::Integer { .. }, TypeData::Float(_)) => self.append::<arith::UIToFPOp>(args, to),
            (TypeData::Float(_), TypeData::Integer { .. }) if signed => self.append::<arith::FPToSIOp>(args, to),
            (TypeData::Float(_), TypeData::Integer { .. }) => self.append::<arith::FPToUIOp>(args, to),
            (TypeData::Index, _) | (_, TypeData::Index) if signed => self.append::<arith::IndexCastOp>(args, to),
            (TypeData::Index, _) | (_, TypeData::Index) => self.append::<arith::IndexCastUIOp>(args, to),
            (TypeData::Integer { .. }, TypeData::Integer { .. }) if width(from) > width(to) => {
                self.append::<arith::TruncIOp>(args, to)
            }
            (TypeData::Integer { .. }, TypeData::Integer { .. }) if signed => self.append::<arith::ExtSIOp>(args, to),
            (TypeData::Integer { .. }, TypeData::Integer { .. }) => self.append::<arith::ExtUIOp>(args, to),
            _ => Err(format!("cannot cast '{}' to '{}'", ctx.print_type(from), ctx.print_type(to))),
        }
    }

    /// Ends the body with `linalg.yield values`.
    pub fn yield_values(&mut self, values: &[Value]) -> Result<(), BodyError> {
        let op = self.ir.build::<crate::YieldOp>(self.location, &[values], &[], &[]).map_err(|e| e.0)?;
        self.ir.append_op(self.block, op.op());
        Ok(())
    }
}

/// Computes the values a body yields from its block arguments.
pub type BodyFn = fn(&mut BodyBuilder<'_>, &[ir::NamedAttribute], &[Value]) -> Result<Vec<Value>, BodyError>;

/// Gives `region` an entry block with one argument per type in
/// `argument_types`, filled by `body` and ended by `linalg.yield`.
pub fn build_body(
    ir: &mut Ir,
    region: RegionId,
    argument_types: &[Type],
    location: Location,
    attributes: &[ir::NamedAttribute],
    body: BodyFn,
) -> Result<(), BodyError> {
    let block = ir.create_block(argument_types, location);
    ir.push_block(region, block);
    let args = ir.block_arguments(block).to_vec();
    let mut builder = BodyBuilder::new(ir, block, location);
    let yielded = body(&mut builder, attributes, &args)?;
    builder.yield_values(&yielded)
}
