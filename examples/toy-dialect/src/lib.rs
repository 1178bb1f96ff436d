//! A dialect written outside the core, the way a researcher would: three
//! ops, each declared once with its syntax and checks, registered at run
//! time. Nothing in `ir/` or the grammar knows about it.
//!
//! ```mlir
//! %t = toy.transpose(%m : tensor<2x3xf64>) to tensor<3x2xf64>
//! %c = toy.constant [1.0, 2.0, 3.0] : tensor<3xf64>
//! toy.print %t : tensor<3x2xf64>
//! ```

use ir::attributes::{AttrData, DenseElements};
use ir::constraints::{ANY_ATTR, ANY_TYPE};
use ir::dialect::TypeConstraint;
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::types::TypeData;
use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Dialect, Ir, OpId};

/// Ranked tensors of f64: the only values toy computes with.
const F64_TENSOR: TypeConstraint = TypeConstraint {
    description: "ranked tensor of f64",
    check: |ctx, t| matches!(t.data(ctx), TypeData::RankedTensor { element, .. } if element.is_float(ctx)),
    buildable: None,
};

define_op! {
    /// Transposes a matrix.
    pub struct TransposeOp = "toy.transpose" {
        operands: [input: Single(F64_TENSOR)],
        results: [result: Single(F64_TENSOR)],
        traits: [PURE],
        format: "`(` $input `:` type($input) `)` attr-dict `to` type($result)",
        extra: {
            verify: Some(verify_transpose),
        },
    }
}

define_op! {
    /// Prints a tensor (a side effect: never removed).
    pub struct PrintOp = "toy.print" {
        operands: [input: Single(ANY_TYPE)],
        format: "$input attr-dict `:` type($input)",
    }
}

define_op! {
    /// A constant tensor written as a bare list: `[1.0, 2.0] : tensor<2xf64>`.
    pub struct ConstantOp = "toy.constant" {
        results: [result: Single(F64_TENSOR)],
        attributes: [value: Required(ANY_ATTR)],
        traits: [PURE, CONSTANT_LIKE],
        extra: {
            parse: Some(parse_constant),
            print: Some(print_constant),
        },
    }
}

/// The result is the input with its two dimensions swapped.
fn verify_transpose(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let t = TransposeOp(op);
    let (input, result) = (ir.value_type(t.input(ir)), ir.value_type(t.result(ir)));
    let (Some(a), Some(b)) = (input.shape(ctx), result.shape(ctx)) else {
        return Ok(());
    };
    if a.len() != 2 || b.len() != 2 || a[0] != b[1] || a[1] != b[0] {
        return Err(op_error(ir, op, format!("cannot transpose '{}' to '{}'", ctx.print_type(input), ctx.print_type(result))));
    }
    Ok(())
}

/// Reads `[..] : type` by handing `dense<[..]> : type` to the core, so the
/// literal checks (shape, ranges) are the builtin ones.
fn parse_constant(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    p.parse_optional_attr_dict()?;
    let location = p.current_location();
    let value = p.parse_attribute()?;
    p.expect_punct(":")?;
    let ty = p.parse_type()?;
    let ctx = p.context();
    let elements = match value.data(&ctx) {
        AttrData::Array(items) if !items.is_empty() => {
            DenseElements::Elements(items.iter().map(|&i| retype(&ctx, i, ty)).collect())
        }
        _ => return Err(Diagnostic::error(location, "expected a non-empty list of numbers")),
    };
    let count = match elements {
        DenseElements::Elements(ref e) => e.len() as i64,
        _ => 0,
    };
    if ty.shape(&ctx).map(|s| s.iter().product::<i64>()) != Some(count) {
        return Err(Diagnostic::error(location, format!("{count} values do not fill '{}'", ctx.print_type(ty))));
    }
    p.add_attribute("value", ctx.intern_attr(AttrData::DenseElements { ty, elements }));
    p.state.result_types.push(ty);
    Ok(())
}

/// A list element as a float of the tensor's element type.
fn retype(ctx: &ir::Context, item: ir::Attribute, tensor: ir::Type) -> ir::Attribute {
    let element = tensor.element_type_or_self(ctx);
    let value = item.as_float(ctx).or_else(|| item.as_integer(ctx).map(|i| i as f64)).unwrap_or(0.0);
    ir::Attribute::float(ctx, value, element)
}

fn print_constant(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    p.print_optional_attr_dict(op, &["value"]);
    p.write(" [");
    if let Some(AttrData::DenseElements { elements: DenseElements::Elements(items), .. }) =
        ir.attr(op, "value").map(|v| v.data(ir.ctx()))
    {
        for (i, &item) in items.iter().enumerate() {
            if i > 0 {
                p.write(", ");
            }
            p.print_attribute_without_type(item);
        }
    }
    p.write("] : ");
    p.print_type(ir.value_type(ir.result(op, 0)));
}

/// The toy dialect.
pub fn dialect() -> Dialect {
    Dialect::new("toy", "A small example dialect defined outside the core.")
        .with_op::<TransposeOp>()
        .with_op::<PrintOp>()
        .with_op::<ConstantOp>()
}
