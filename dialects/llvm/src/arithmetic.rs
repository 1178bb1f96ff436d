//! Integer and float arithmetic, comparisons and `select`: one line per op.
//!
//! ```mlir
//! %s = llvm.add %a, %b overflow<nsw> : i64
//! %q = llvm.udiv exact %a, %b : i64
//! %f = llvm.fmul %x, %y {fastmathFlags = #llvm.fastmath<fast>} : f32
//! %c = llvm.icmp "slt" %a, %b : i64
//! %m = llvm.select %c, %a, %b : i1, i64
//! ```

use ir::constraints::UNIT_ATTR;
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, Context, Diagnostic, Dialect, Ir, NamedAttribute, OpId, Type};

use crate::attrs::{FASTMATH_FLAGS, FCMP_PREDICATE, ICMP_PREDICATE, OVERFLOW_FLAGS};
use crate::{BOOL_LIKE, LLVM_FLOAT_LIKE, LLVM_INT_LIKE, LLVM_TYPE};

/// Declares one binary op; the shape picks operands, flags and syntax.
macro_rules! binary_op {
    (overflow, $doc:literal, $ty:ident, $name:literal) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [lhs: Single(LLVM_INT_LIKE), rhs: Single(LLVM_INT_LIKE)],
                results: [res: Single(LLVM_INT_LIKE)],
                attributes: [overflowFlags: Optional(OVERFLOW_FLAGS)],
                traits: [PURE, SAME_OPERANDS_AND_RESULT_TYPE],
                format: "$lhs `,` $rhs (`overflow` `` $overflowFlags^)? attr-dict `:` type($res)",
            }
        }
    };
    (exact, $doc:literal, $ty:ident, $name:literal) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [lhs: Single(LLVM_INT_LIKE), rhs: Single(LLVM_INT_LIKE)],
                results: [res: Single(LLVM_INT_LIKE)],
                attributes: [isExact: Optional(UNIT_ATTR)],
                traits: [PURE, SAME_OPERANDS_AND_RESULT_TYPE],
                format: "(`exact` $isExact^)? $lhs `,` $rhs attr-dict `:` type($res)",
            }
        }
    };
    (plain, $doc:literal, $ty:ident, $name:literal) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [lhs: Single(LLVM_INT_LIKE), rhs: Single(LLVM_INT_LIKE)],
                results: [res: Single(LLVM_INT_LIKE)],
                traits: [PURE, SAME_OPERANDS_AND_RESULT_TYPE],
                format: "$lhs `,` $rhs attr-dict `:` type($res)",
            }
        }
    };
    (float, $doc:literal, $ty:ident, $name:literal) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [lhs: Single(LLVM_FLOAT_LIKE), rhs: Single(LLVM_FLOAT_LIKE)],
                results: [res: Single(LLVM_FLOAT_LIKE)],
                attributes: [fastmathFlags: Optional(FASTMATH_FLAGS)],
                traits: [PURE, SAME_OPERANDS_AND_RESULT_TYPE],
                format: "$lhs `,` $rhs attr-dict `:` type($res)",
            }
        }
    };
}

/// Declares every binary op and `register`, which adds them (and the
/// comparisons, `fneg` and `select`) to the dialect.
macro_rules! binary_ops {
    ($($shape:ident $ty:ident = $name:literal, $doc:literal;)*) => {
        $(binary_op!($shape, $doc, $ty, $name);)*

        pub(crate) fn register(dialect: Dialect) -> Dialect {
            dialect $(.with_op::<$ty>())* .with_op::<FNegOp>().with_op::<ICmpOp>().with_op::<FCmpOp>().with_op::<SelectOp>()
        }
    };
}

binary_ops! {
    overflow AddOp = "llvm.add", "Integer addition.";
    overflow SubOp = "llvm.sub", "Integer subtraction.";
    overflow MulOp = "llvm.mul", "Integer multiplication.";
    overflow ShlOp = "llvm.shl", "Shift left.";
    exact SDivOp = "llvm.sdiv", "Signed integer division.";
    exact UDivOp = "llvm.udiv", "Unsigned integer division.";
    exact LShrOp = "llvm.lshr", "Logical shift right.";
    exact AShrOp = "llvm.ashr", "Arithmetic shift right.";
    plain SRemOp = "llvm.srem", "Signed integer remainder.";
    plain URemOp = "llvm.urem", "Unsigned integer remainder.";
    plain AndOp = "llvm.and", "Bitwise and.";
    plain OrOp = "llvm.or", "Bitwise or.";
    plain XOrOp = "llvm.xor", "Bitwise exclusive or.";
    float FAddOp = "llvm.fadd", "Float addition.";
    float FSubOp = "llvm.fsub", "Float subtraction.";
    float FMulOp = "llvm.fmul", "Float multiplication.";
    float FDivOp = "llvm.fdiv", "Float division.";
    float FRemOp = "llvm.frem", "Float remainder.";
}

define_op! {
    /// Float negation.
    pub struct FNegOp = "llvm.fneg" {
        operands: [operand: Single(LLVM_FLOAT_LIKE)],
        results: [res: Single(LLVM_FLOAT_LIKE)],
        attributes: [fastmathFlags: Optional(FASTMATH_FLAGS)],
        traits: [PURE, SAME_OPERANDS_AND_RESULT_TYPE],
        format: "$operand attr-dict `:` type($res)",
    }
}

/// `i1`, shaped like the first operand (a vector of `i1` for vectors).
fn bool_like(ctx: &Context, operands: &[Type], _: &[NamedAttribute]) -> Option<Vec<Type>> {
    let i1 = Type::integer(ctx, 1);
    Some(vec![operands.first()?.with_element(ctx, i1)])
}

define_op! {
    /// Compares integers or pointers by a predicate.
    pub struct ICmpOp = "llvm.icmp" {
        operands: [lhs: Single(LLVM_TYPE), rhs: Single(LLVM_TYPE)],
        results: [res: Single(BOOL_LIKE)],
        attributes: [predicate: Required(ICMP_PREDICATE)],
        traits: [PURE, SAME_TYPE_OPERANDS],
        format: "$predicate $lhs `,` $rhs attr-dict `:` type($lhs)",
        extra: { infer_result_types: Some(bool_like) },
    }
}

define_op! {
    /// Compares floats by a predicate (ordered or unordered).
    pub struct FCmpOp = "llvm.fcmp" {
        operands: [lhs: Single(LLVM_FLOAT_LIKE), rhs: Single(LLVM_FLOAT_LIKE)],
        results: [res: Single(BOOL_LIKE)],
        attributes: [predicate: Required(FCMP_PREDICATE), fastmathFlags: Optional(FASTMATH_FLAGS)],
        traits: [PURE, SAME_TYPE_OPERANDS],
        format: "$predicate $lhs `,` $rhs attr-dict `:` type($lhs)",
        extra: { infer_result_types: Some(bool_like) },
    }
}

define_op! {
    /// `condition ? trueValue : falseValue`.
    pub struct SelectOp = "llvm.select" {
        operands: [condition: Single(BOOL_LIKE), trueValue: Single(LLVM_TYPE), falseValue: Single(LLVM_TYPE)],
        results: [res: Single(LLVM_TYPE)],
        attributes: [fastmathFlags: Optional(FASTMATH_FLAGS)],
        traits: [PURE],
        extra: {
            parse: Some(parse_select),
            print: Some(print_select),
            verify: Some(verify_select),
        },
    }
}

/// `%c, %a, %b attr-dict : condition-type, value-type`.
fn parse_select(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let location = p.current_location();
    let operands = p.parse_operand_list()?;
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let condition = p.parse_type()?;
    p.expect_punct(",")?;
    let value = p.parse_type()?;
    let operands = p.resolve_operands(&operands, &[condition, value, value], location)?;
    p.state.operands.extend(operands);
    p.state.result_types.push(value);
    Ok(())
}

fn print_select(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let operands = ir.operands(op).to_vec();
    p.write(" ");
    p.print_operands(&operands);
    p.print_optional_attr_dict(op, &[]);
    p.write(" : ");
    p.print_type(ir.value_type(operands[0]));
    p.write(", ");
    p.print_type(ir.value_type(ir.result(op, 0)));
}

/// Both values and the result have one type.
fn verify_select(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let result = ir.value_type(ir.result(op, 0));
    if ir.operands(op)[1..].iter().any(|&v| ir.value_type(v) != result) {
        return Err(op_error(ir, op, "failed to verify that all of {trueValue, falseValue, res} have same type"));
    }
    Ok(())
}
