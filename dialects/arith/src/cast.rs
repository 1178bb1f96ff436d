//! Casts between integer widths, float formats, integers and floats,
//! integers and index, and same-width bit casts:
//! `%0 = arith.extsi %a : i8 to i32`. Shapes must match; only element
//! types change.

use ir::constraints::{FLOAT_LIKE, SIGNLESS_INTEGER_LIKE, SIGNLESS_INTEGER_OR_FLOAT_LIKE};
use ir::types::TypeData;
use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Dialect, Ir, OpId, Type};

use crate::attrs::OVERFLOW;
use crate::fold::fold_int_cast;

/// How the element widths of a cast must relate.
#[derive(Clone, Copy)]
enum WidthRule {
    Wider,
    Narrower,
    Equal,
    Any,
}

/// Declares the casts: each is one line naming its constraints and width rule.
macro_rules! casts {
    ($($ty:ident = $name:literal, $in:ident -> $out:ident, $rule:ident, $fold:expr, $doc:literal;)*) => {
        $(
            define_op! {
                #[doc = $doc]
                pub struct $ty = $name {
                    operands: [input: Single($in)],
                    results: [out: Single($out)],
                    traits: [PURE, ELEMENTWISE],
                    format: "$input attr-dict `:` type($input) `to` type($out)",
                    extra: {
                        verify: Some(|ir, op| verify_cast(ir, op, WidthRule::$rule)),
                        fold: $fold,
                    },
                }
            }
        )*

        pub(crate) fn register(dialect: Dialect) -> Dialect {
            dialect $(.with_op::<$ty>())* .with_op::<TruncIOp>()
        }
    };
}

casts! {
    ExtSIOp = "arith.extsi", SIGNLESS_INTEGER_LIKE -> SIGNLESS_INTEGER_LIKE, Wider, Some(|ir, op, c| fold_int_cast(ir, op, c, false)), "Sign-extends an integer to a wider one.";
    ExtUIOp = "arith.extui", SIGNLESS_INTEGER_LIKE -> SIGNLESS_INTEGER_LIKE, Wider, Some(|ir, op, c| fold_int_cast(ir, op, c, true)), "Zero-extends an integer to a wider one.";
    ExtFOp = "arith.extf", FLOAT_LIKE -> FLOAT_LIKE, Wider, None, "Extends a float to a wider format.";
    TruncFOp = "arith.truncf", FLOAT_LIKE -> FLOAT_LIKE, Narrower, None, "Rounds a float to a narrower format.";
    SIToFPOp = "arith.sitofp", SIGNLESS_INTEGER_LIKE -> FLOAT_LIKE, Any, None, "Converts a signed integer to a float.";
    UIToFPOp = "arith.uitofp", SIGNLESS_INTEGER_LIKE -> FLOAT_LIKE, Any, None, "Converts an unsigned integer to a float.";
    FPToSIOp = "arith.fptosi", FLOAT_LIKE -> SIGNLESS_INTEGER_LIKE, Any, None, "Converts a float to a signed integer, rounding toward zero.";
    FPToUIOp = "arith.fptoui", FLOAT_LIKE -> SIGNLESS_INTEGER_LIKE, Any, None, "Converts a float to an unsigned integer, rounding toward zero.";
    IndexCastOp = "arith.index_cast", SIGNLESS_INTEGER_LIKE -> SIGNLESS_INTEGER_LIKE, Any, Some(|ir, op, c| fold_int_cast(ir, op, c, false)), "Casts between index and an integer, sign-extending or truncating.";
    IndexCastUIOp = "arith.index_castui", SIGNLESS_INTEGER_LIKE -> SIGNLESS_INTEGER_LIKE, Any, Some(|ir, op, c| fold_int_cast(ir, op, c, true)), "Casts between index and an integer, zero-extending or truncating.";
    BitcastOp = "arith.bitcast", SIGNLESS_INTEGER_OR_FLOAT_LIKE -> SIGNLESS_INTEGER_OR_FLOAT_LIKE, Equal, None, "Reinterprets the bits of a value as another type of the same width.";
}

define_op! {
    /// Truncates an integer to a narrower one.
    pub struct TruncIOp = "arith.trunci" {
        operands: [input: Single(SIGNLESS_INTEGER_LIKE)],
        results: [out: Single(SIGNLESS_INTEGER_LIKE)],
        attributes: [overflowFlags: Optional(OVERFLOW)],
        traits: [PURE, ELEMENTWISE],
        format: "$input (`overflow` `` $overflowFlags^)? attr-dict `:` type($input) `to` type($out)",
        extra: {
            verify: Some(|ir, op| verify_cast(ir, op, WidthRule::Narrower)),
            fold: Some(|ir, op, c| fold_int_cast(ir, op, c, false)),
        },
    }
}

/// Bit width of a scalar element (index has none).
fn element_width(ir: &Ir, ty: Type) -> Option<u32> {
    match ty.element_type_or_self(ir.ctx()).data(ir.ctx()) {
        TypeData::Integer { width, .. } => Some(*width),
        TypeData::Float(kind) => Some(kind.width()),
        _ => None,
    }
}

fn verify_cast(ir: &Ir, op: OpId, rule: WidthRule) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let input = ir.value_type(ir.operands(op)[0]);
    let output = ir.value_type(ir.result(op, 0));
    if input.with_element(ctx, output.element_type_or_self(ctx)) != output {
        return Err(op_error(
            ir,
            op,
            format!("'{}' and '{}' are not cast compatible", ctx.print_type(input), ctx.print_type(output)),
        ));
    }
    let is_index_cast = ir.op_name_str(op).starts_with("arith.index_cast");
    let index_sides = [input, output].iter().filter(|t| t.element_type_or_self(ctx).is_index(ctx)).count();
    if is_index_cast != (index_sides == 1) {
        let what = if is_index_cast { "exactly one of the types must be index" } else { "index is not allowed here" };
        return Err(op_error(ir, op, what));
    }
    let (Some(a), Some(b)) = (element_width(ir, input), element_width(ir, output)) else {
        return Ok(());
    };
    let (ok, word) = match rule {
        WidthRule::Wider => (b > a, "wider"),
        WidthRule::Narrower => (b < a, "shorter"),
        WidthRule::Equal => (a == b, "the same width as"),
        WidthRule::Any => (true, ""),
    };
    if !ok {
        let message = match rule {
            WidthRule::Equal => format!(
                "operand type '{}' and result type '{}' are cast incompatible",
                ctx.print_type(input),
                ctx.print_type(output)
            ),
            _ => format!("result type '{}' must be {word} than operand type '{}'", ctx.print_type(output), ctx.print_type(input)),
        };
        return Err(op_error(ir, op, message));
    }
    Ok(())
}
