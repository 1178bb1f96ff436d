//! `convert-arith-to-llvm`: arith ops become llvm dialect ops on the
//! converted types (`index` becomes `i64`). Most map one to one
//! (`arith.addi` to `llvm.add`, keeping overflow and fast-math flags);
//! min/max become intrinsics; `index_cast` becomes `sext`/`trunc` (or
//! nothing between equal widths); `ceildivsi`/`floordivsi` expand into a
//! division and a correction, as upstream expands them.

use dialect_arith as arith;
use dialect_llvm as llvm;
use ir::pass::{FunctionPass, PassInfo};
use ir::rewrite::{ConversionPattern, PatternRewriter, TypeConverter};
use ir::{AttrData, Attribute, Context, Diagnostic, Ir, Location, OpId, OpType, Type, Value};

use crate::direct_lowering::{direct, rewrite_as};
use crate::llvm_type_converter::lower_dialect_to_llvm;

pub const INFO: PassInfo = PassInfo {
    name: "convert-arith-to-llvm",
    summary: "Convert Arith dialect to LLVM dialect",
    anchor: None,
    options: &[],
    dependent_dialects: &["llvm"],
    create: |_| Ok(Box::new(FunctionPass(convert_arith_to_llvm))),
};

/// Lowers every arith op under `root`; ops of other dialects stay.
pub fn convert_arith_to_llvm(ir: &mut Ir, root: OpId) -> Result<(), Diagnostic> {
    lower_dialect_to_llvm(ir, root, "arith", populate_arith_to_llvm_patterns)
}

/// The patterns that lower arith ops.
pub fn populate_arith_to_llvm_patterns(patterns: &mut Vec<Box<dyn ConversionPattern>>) {
    patterns.push(Box::new(LowerConstant));
    patterns.push(Box::new(LowerIndexCast { unsigned: false }));
    patterns.push(Box::new(LowerIndexCast { unsigned: true }));
    patterns.push(Box::new(LowerSignedDivision { round_up: true }));
    patterns.push(Box::new(LowerSignedDivision { round_up: false }));
    direct! { patterns, arith:
        AddIOp => llvm::AddOp, SubIOp => llvm::SubOp, MulIOp => llvm::MulOp,
        DivSIOp => llvm::SDivOp, DivUIOp => llvm::UDivOp, RemSIOp => llvm::SRemOp, RemUIOp => llvm::URemOp,
        AndIOp => llvm::AndOp, OrIOp => llvm::OrOp, XOrIOp => llvm::XOrOp,
        ShLIOp => llvm::ShlOp, ShRSIOp => llvm::AShrOp, ShRUIOp => llvm::LShrOp,
        MaxSIOp => llvm::SMaxOp, MaxUIOp => llvm::UMaxOp, MinSIOp => llvm::SMinOp, MinUIOp => llvm::UMinOp,
        AddFOp => llvm::FAddOp, SubFOp => llvm::FSubOp, MulFOp => llvm::FMulOp, DivFOp => llvm::FDivOp,
        RemFOp => llvm::FRemOp, NegFOp => llvm::FNegOp,
        MaximumFOp => llvm::MaximumOp, MinimumFOp => llvm::MinimumOp, MaxNumFOp => llvm::MaxNumOp, MinNumFOp => llvm::MinNumOp,
        CmpIOp => llvm::ICmpOp, CmpFOp => llvm::FCmpOp, SelectOp => llvm::SelectOp,
        ExtSIOp => llvm::SExtOp, ExtUIOp => llvm::ZExtOp, TruncIOp => llvm::TruncOp,
        ExtFOp => llvm::FPExtOp, TruncFOp => llvm::FPTruncOp,
        SIToFPOp => llvm::SIToFPOp, UIToFPOp => llvm::UIToFPOp, FPToSIOp => llvm::FPToSIOp, FPToUIOp => llvm::FPToUIOp,
        BitcastOp => llvm::BitcastOp,
    }
}

/// `arith.constant` becomes `llvm.mlir.constant` of the converted type;
/// dense `index` elements become `i64` elements.
struct LowerConstant;

impl ConversionPattern for LowerConstant {
    fn root(&self) -> &'static str {
        arith::ConstantOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        _: &[Value],
        converter: &TypeConverter,
        rewriter: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = rewriter.ir();
        let ctx = ir.ctx();
        let value = ir.attr(op, "value")?;
        let result = converter.convert(ctx, ir.value_type(ir.result(op, 0)));
        let value = match value.data(ctx) {
            AttrData::DenseElements { ty, elements } if ty.shaped_element(ctx).is_some_and(|e| e.is_index(ctx)) => {
                let elements = convert_index_elements(ctx, elements)?;
                ctx.intern_attr(AttrData::DenseElements { ty: result, elements })
            }
            _ => value,
        };
        let location = ir.op(op).location;
        let new = rewriter.build_before::<llvm::ConstantOp>(op, location, &[], &[result], &[("value", value)])?;
        Some(vec![rewriter.ir().result(new.0, 0)])
    }
}

fn convert_index_elements(ctx: &Context, elements: &ir::attributes::DenseElements) -> Option<ir::attributes::DenseElements> {
    use ir::attributes::DenseElements;
    let i64t = Type::integer(ctx, 64);
    let convert = |a: &Attribute| a.as_integer(ctx).map(|v| Attribute::integer(ctx, v, i64t));
    Some(match elements {
        DenseElements::Splat(a) => DenseElements::Splat(convert(a)?),
        DenseElements::Elements(items) => DenseElements::Elements(items.iter().map(convert).collect::<Option<_>>()?),
        DenseElements::Hex(_) => return None,
    })
}

/// `arith.index_cast[ui]`: a sign (or zero) extension or truncation between
/// the converted widths, nothing when they are equal.
struct LowerIndexCast {
    unsigned: bool,
}

impl ConversionPattern for LowerIndexCast {
    fn root(&self) -> &'static str {
        if self.unsigned {
            arith::IndexCastUIOp::NAME
        } else {
            arith::IndexCastOp::NAME
        }
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        converter: &TypeConverter,
        rewriter: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = rewriter.ir();
        let ctx = ir.ctx();
        let to = converter.convert(ctx, ir.value_type(ir.result(op, 0)));
        let from = ir.value_type(operands[0]);
        let (from_bits, to_bits) = (from.element_type_or_self(ctx).bit_width(ctx)?, to.element_type_or_self(ctx).bit_width(ctx)?);
        match (from_bits.cmp(&to_bits), self.unsigned) {
            (std::cmp::Ordering::Equal, _) => Some(vec![operands[0]]),
            (std::cmp::Ordering::Greater, _) => rewrite_as::<llvm::TruncOp>(op, operands, converter, rewriter),
            (std::cmp::Ordering::Less, false) => rewrite_as::<llvm::SExtOp>(op, operands, converter, rewriter),
            (std::cmp::Ordering::Less, true) => rewrite_as::<llvm::ZExtOp>(op, operands, converter, rewriter),
        }
    }
}

/// `arith.ceildivsi` / `arith.floordivsi`: `q = a / b`, plus (or minus) one
/// when the division was inexact and the exact quotient is positive (or
/// negative): `q + ((a != q * b) & ((a < 0) == (b < 0)))` for ceiling.
struct LowerSignedDivision {
    round_up: bool,
}

impl LowerSignedDivision {
    fn binary<T: OpType>(r: &mut PatternRewriter<'_>, anchor: OpId, loc: Location, a: Value, b: Value) -> Option<Value> {
        let ty = r.ir().value_type(a);
        let op = r.build_before::<T>(anchor, loc, &[&[a], &[b]], &[ty], &[])?;
        Some(r.ir().result(op.op(), 0))
    }

    fn icmp(r: &mut PatternRewriter<'_>, anchor: OpId, loc: Location, predicate: &str, a: Value, b: Value) -> Option<Value> {
        let ctx = r.ctx();
        let index = llvm::attrs::ICMP_PREDICATES.iter().position(|p| *p == predicate)?;
        let predicate = Attribute::integer(ctx, index as i128, Type::integer(ctx, 64));
        let i1 = Type::integer(ctx, 1);
        let op = r.build_before::<llvm::ICmpOp>(anchor, loc, &[&[a], &[b]], &[i1], &[("predicate", predicate)])?;
        Some(r.ir().result(op.0, 0))
    }

    fn constant(r: &mut PatternRewriter<'_>, anchor: OpId, loc: Location, ty: Type, value: i128) -> Option<Value> {
        let attr = Attribute::integer(r.ctx(), value, ty);
        let op = r.build_before::<llvm::ConstantOp>(anchor, loc, &[], &[ty], &[("value", attr)])?;
        Some(r.ir().result(op.0, 0))
    }
}

impl ConversionPattern for LowerSignedDivision {
    fn root(&self) -> &'static str {
        if self.round_up {
            arith::CeilDivSIOp::NAME
        } else {
            arith::FloorDivSIOp::NAME
        }
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        _: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let (a, b) = (operands[0], operands[1]);
        let loc = r.ir().op(op).location;
        let ty = r.ir().value_type(a);
        if !ty.is_signless_integer(r.ctx()) {
            return None;
        }
        let zero = Self::constant(r, op, loc, ty, 0)?;
        let one = if self.round_up { Self::constant(r, op, loc, ty, 1)? } else { zero };
        let quotient = Self::binary::<llvm::SDivOp>(r, op, loc, a, b)?;
        let product = Self::binary::<llvm::MulOp>(r, op, loc, quotient, b)?;
        let inexact = Self::icmp(r, op, loc, "ne", a, product)?;
        let a_negative = Self::icmp(r, op, loc, "slt", a, zero)?;
        let b_negative = Self::icmp(r, op, loc, "slt", b, zero)?;
        // Ceiling corrects positive quotients (signs agree), floor negative ones.
        let signs = Self::icmp(r, op, loc, if self.round_up { "eq" } else { "ne" }, a_negative, b_negative)?;
        let correct = Self::binary::<llvm::AndOp>(r, op, loc, inexact, signs)?;
        let step = if self.round_up { one } else { Self::constant(r, op, loc, ty, -1)? };
        let adjusted = Self::binary::<llvm::AddOp>(r, op, loc, quotient, step)?;
        let select = r.build_before::<llvm::SelectOp>(op, loc, &[&[correct], &[adjusted], &[quotient]], &[ty], &[])?;
        Some(vec![r.ir().result(select.0, 0)])
    }
}
