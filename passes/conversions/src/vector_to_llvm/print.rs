//! `vector.print` as calls of the runtime's printing functions, with
//! upstream's choice of function per type: `printF32`/`printF64`,
//! `printF16`/`printBF16` of the bits, `printI64` of signless integers
//! (sign-extended; `i1` zero-extended), `printU64` of `index`, then the
//! punctuation (`printNewline`, `printComma`, `printOpen`, `printClose`).
//! A 1-D vector prints as `( a, b, c )`: `printOpen`, the elements with
//! `printComma` between them, `printClose`, unrolled (upstream loops over
//! the elements after `convert-vector-to-scf`). A string is a private
//! global passed to `printString`.

use dialect_arith as arith;
use dialect_llvm as llvm;
use dialect_vector as vector;
use ir::rewrite::{ConversionPattern, PatternRewriter, TypeConverter};
use ir::types::{FloatKind, TypeData};
use ir::{AttrData, Attribute, Context, Ir, OpId, OpType, Type, Value};

use super::{vector_1d, Emit};

pub(super) fn populate_print_patterns(patterns: &mut Vec<Box<dyn ConversionPattern>>) {
    patterns.push(Box::new(LowerPrint));
}

/// How a scalar of some type is printed.
#[derive(Clone, Copy)]
enum Printer {
    F32,
    F64,
    /// Through the bits, as `i16`: `printF16` or `printBF16`.
    Half(&'static str),
    /// Signless integers: sign-extended (zero-extended for `i1`) to `i64`.
    Signed {
        bits: u32,
    },
    /// `index`, already `i64`.
    Index,
}

impl Printer {
    fn of(ctx: &Context, ty: Type) -> Option<Printer> {
        match ty.data(ctx) {
            TypeData::Float(FloatKind::F32) => Some(Printer::F32),
            TypeData::Float(FloatKind::F64) => Some(Printer::F64),
            TypeData::Float(FloatKind::F16) => Some(Printer::Half("printF16")),
            TypeData::Float(FloatKind::BF16) => Some(Printer::Half("printBF16")),
            TypeData::Index => Some(Printer::Index),
            _ if ty.is_signless_integer(ctx) => {
                let bits = ty.bit_width(ctx)?;
                (bits <= 64).then_some(Printer::Signed { bits })
            }
            _ => None,
        }
    }

    /// Prints `value` (converted: `index` is `i64`).
    fn print(self, e: &mut Emit<'_, '_>, value: Value) -> Option<()> {
        let ctx = e.ctx();
        let i64t = Type::integer(ctx, 64);
        match self {
            Printer::F32 => e.call("printF32", &[value]),
            Printer::F64 => e.call("printF64", &[value]),
            Printer::Half(function) => {
                let bits = e.value::<llvm::BitcastOp>(&[&[value]], Type::integer(ctx, 16), &[])?;
                e.call(function, &[bits])
            }
            Printer::Index => e.call("printU64", &[value]),
            Printer::Signed { bits: 64 } => e.call("printI64", &[value]),
            Printer::Signed { bits: 1 } => {
                let wide = e.value::<arith::ExtUIOp>(&[&[value]], i64t, &[])?;
                e.call("printI64", &[wide])
            }
            Printer::Signed { .. } => {
                let wide = e.value::<arith::ExtSIOp>(&[&[value]], i64t, &[])?;
                e.call("printI64", &[wide])
            }
        }
    }
}

/// The value of a `#vector.punctuation<...>` attribute.
fn punctuation(ctx: &Context, attr: Option<Attribute>) -> &str {
    match attr.map(|a| a.data(ctx)) {
        Some(AttrData::Dialect { body, .. }) => {
            body.strip_prefix("punctuation<").and_then(|b| b.strip_suffix('>')).map_or("newline", str::trim)
        }
        _ => "newline",
    }
}

/// `vector.print`: the value (element by element for a vector), then the
/// punctuation; or the string.
struct LowerPrint;

impl LowerPrint {
    /// What printing the source takes: the printer of its scalars and
    /// whether it is a vector; `Err` with the reason it does not lower.
    fn plan(ir: &Ir, op: OpId) -> Result<Option<(Printer, Option<i64>)>, String> {
        let ctx = ir.ctx();
        let Some(source) = vector::PrintOp(op).source(ir) else { return Ok(None) };
        let ty = ir.value_type(source);
        let (scalar, length) = if ty.is_vector(ctx) {
            let (length, element) = vector_1d(ctx, ty)
                .ok_or_else(|| format!("only scalars and fixed-size 1-D vectors print here, not '{}'", ctx.print_type(ty)))?;
            (element, Some(length))
        } else {
            (ty, None)
        };
        let printer =
            Printer::of(ctx, scalar).ok_or_else(|| format!("no runtime function prints '{}'", ctx.print_type(scalar)))?;
        Ok(Some((printer, length)))
    }
}

impl ConversionPattern for LowerPrint {
    fn root(&self) -> &'static str {
        vector::PrintOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        _: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let plan = Self::plan(ir, op).ok()?;
        let print = vector::PrintOp(op);
        let text = print.stringLiteral(ir).and_then(|s| s.as_string(ctx)).map(str::to_string);
        let punctuation = punctuation(ctx, print.punctuation(ir)).to_string();
        let mut e = Emit::new(r, op);
        if let Some(text) = text {
            let (name, array) = crate::llvm_function::string_constant(e.r, op, "vector_print_str", &text)?;
            let ctx = e.ctx();
            let ptr = llvm::types::ptr(ctx);
            let global = Attribute::symbol_ref(ctx, &name);
            let address = e.value::<llvm::AddressOfOp>(&[], ptr, &[("global_name", global)])?;
            let ctx = e.ctx();
            let gep =
                [("elem_type", Attribute::type_attr(ctx, array)), ("rawConstantIndices", Attribute::dense_i32_array(ctx, &[0]))];
            let start = e.value::<llvm::GEPOp>(&[&[address], &[]], ptr, &gep)?;
            e.call("printString", &[start])?;
            return Some(Vec::new());
        }
        match (plan, operands.first()) {
            (Some((printer, None)), Some(&value)) => printer.print(&mut e, value)?,
            (Some((printer, Some(length))), Some(&value)) => {
                e.call("printOpen", &[])?;
                for i in 0..length {
                    let element = e.extract_element(value, i)?;
                    printer.print(&mut e, element)?;
                    if i + 1 < length {
                        e.call("printComma", &[])?;
                    }
                }
                e.call("printClose", &[])?;
            }
            _ => {}
        }
        match punctuation.as_str() {
            "newline" => e.call("printNewline", &[])?,
            "comma" => e.call("printComma", &[])?,
            "open" => e.call("printOpen", &[])?,
            "close" => e.call("printClose", &[])?,
            _ => {}
        }
        Some(Vec::new())
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        Self::plan(ir, op).err()
    }
}
