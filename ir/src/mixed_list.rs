//! Lists that mix static integers and SSA values, as slices write their
//! offsets, sizes and strides: `[0, %i, 4]`. The integers are kept in an
//! `array<i64>` attribute with a dynamic marker where a value stands.

use crate::attributes::AttrData;
use crate::syntax::{OpParser, OpPrinter, ParseResult, UnresolvedOperand};
use crate::types::DYNAMIC;
use crate::{Attribute, Context, Ir, OpId, Type, Value};

/// `[a, b, ...]`: the values written as SSA names, and every entry as an
/// integer (`DYNAMIC` where a value stands).
pub fn parse<'s>(p: &mut OpParser<'_, 's>) -> ParseResult<(Vec<UnresolvedOperand<'s>>, Vec<i64>)> {
    parse_delimited(p, "[", "]")
}

/// Like [`parse`], between `open` and `close` (`(%n, 8)` in `scf.forall`).
pub fn parse_delimited<'s>(
    p: &mut OpParser<'_, 's>,
    open: &str,
    close: &str,
) -> ParseResult<(Vec<UnresolvedOperand<'s>>, Vec<i64>)> {
    p.expect_punct(open)?;
    let mut operands = Vec::new();
    let mut statics = Vec::new();
    if !p.parse_optional_punct(close) {
        loop {
            if let Some(operand) = p.parse_optional_operand()? {
                operands.push(operand);
                statics.push(DYNAMIC);
            } else {
                let location = p.current_location();
                let value = p.parse_integer()?;
                statics.push(i64::try_from(value).map_err(|_| crate::Diagnostic::error(location, "integer is out of range"))?);
            }
            if !p.parse_optional_punct(",") {
                break;
            }
        }
        p.expect_punct(close)?;
    }
    Ok((operands, statics))
}

/// Prints `[a, b, ...]`, taking a value from `values` at each dynamic entry.
pub fn print(p: &mut OpPrinter<'_>, statics: &[i64], values: &[Value]) {
    print_delimited(p, statics, values, "[", "]");
}

/// Like [`print`], between `open` and `close`.
pub fn print_delimited(p: &mut OpPrinter<'_>, statics: &[i64], values: &[Value], open: &str, close: &str) {
    p.write(open);
    let mut values = values.iter();
    for (i, &s) in statics.iter().enumerate() {
        if i > 0 {
            p.write(", ");
        }
        match (s == DYNAMIC).then(|| values.next()).flatten() {
            Some(&v) => p.print_operand(v),
            None => p.write(&s.to_string()),
        }
    }
    p.write(close);
}

/// The `array<i64: ...>` attribute of a static list.
pub fn attribute(ctx: &Context, statics: &[i64]) -> Attribute {
    let i64t = Type::integer(ctx, 64);
    let values = statics.iter().map(|&v| Attribute::integer(ctx, v as i128, i64t)).collect();
    ctx.intern_attr(AttrData::DenseArray { element: i64t, values })
}

/// The static list held in `op`'s attribute `name`.
pub fn statics(ir: &Ir, op: OpId, name: &str) -> Vec<i64> {
    ir.attr(op, name).and_then(|a| a.as_dense_int_array(ir.ctx())).unwrap_or_default().into_iter().map(|v| v as i64).collect()
}
