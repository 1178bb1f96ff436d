//! `arith.constant`: an integer, float or dense elements value. The result
//! type is the value's type.
//!
//! ```mlir
//! %c42_i32 = arith.constant 42 : i32
//! %c0 = arith.constant 0 : index
//! %cst = arith.constant dense<1.0> : tensor<4xf32>
//! %true = arith.constant true
//! ```

use ir::attributes::AttrData;
use ir::constraints::{ANY_TYPE, TYPED_ATTR};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::types::TypeData;
use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Ir, OpId};

define_op! {
    /// A constant of integer, index, float, vector or tensor type.
    pub struct ConstantOp = "arith.constant" {
        results: [result: Single(ANY_TYPE)],
        attributes: [value: Required(TYPED_ATTR)],
        traits: [PURE, CONSTANT_LIKE],
        extra: {
            parse: Some(parse_constant),
            print: Some(print_constant),
            verify: Some(verify_constant),
            name_results: Some(name_constant),
        },
    }
}

fn parse_constant(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    p.parse_optional_attr_dict()?;
    let location = p.current_location();
    let value = p.parse_attribute()?;
    let Some(ty) = value.typed_attr_type(p.ctx()) else {
        return Err(Diagnostic::error(location, "expected a typed attribute (integer, float or dense elements)"));
    };
    p.add_attribute("value", value);
    p.state.result_types.push(ty);
    Ok(())
}

fn print_constant(p: &mut OpPrinter<'_>, op: OpId) {
    p.print_optional_attr_dict(op, &["value"]);
    if let Some(value) = p.ir.attr(op, "value") {
        p.write(" ");
        p.print_attribute(value);
    }
}

fn verify_constant(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let constant = ConstantOp(op);
    let result = ir.value_type(constant.result(ir));
    let value_type = constant.value(ir).and_then(|v| v.typed_attr_type(ctx));
    if value_type != Some(result) {
        return Err(op_error(ir, op, "value type and result type must match"));
    }
    if !matches!(result.element_type_or_self(ctx).data(ctx), TypeData::Integer { .. } | TypeData::Index | TypeData::Float(_)) {
        return Err(op_error(ir, op, format!("unsupported constant type '{}'", ctx.print_type(result))));
    }
    if matches!(result.data(ctx), TypeData::Integer { signedness, .. } if *signedness != ir::types::Signedness::Signless) {
        return Err(op_error(ir, op, "integer return type must be signless"));
    }
    Ok(())
}

/// Upstream's names: `%c42_i32`, `%c0` (index), `%true`/`%false`, `%cst` otherwise.
fn name_constant(ir: &Ir, op: OpId) -> Vec<Option<String>> {
    let ctx = ir.ctx();
    let Some(value) = ir.attr(op, "value") else {
        return vec![None];
    };
    let name = match value.data(ctx) {
        AttrData::Integer { value, ty } if ty.is_signless_int_of_width(ctx, 1) => {
            if *value != 0 {
                "true".to_string()
            } else {
                "false".to_string()
            }
        }
        AttrData::Integer { value, ty } if ty.is_index(ctx) => format!("c{value}"),
        AttrData::Integer { value, ty } => format!("c{value}_{}", ctx.print_type(*ty)),
        _ => "cst".to_string(),
    };
    vec![Some(name)]
}
