//! Atomic read-modify-write: `llvm.atomicrmw` combines a value into memory
//! and gives the old contents; `llvm.cmpxchg` stores a value if memory
//! holds the expected one and gives the old contents with a success flag.
//!
//! ```mlir
//! %old = llvm.atomicrmw fadd %p, %x acq_rel : !llvm.ptr, f32
//! %pair = llvm.cmpxchg %p, %expected, %new acq_rel monotonic : !llvm.ptr, i32
//! ```

use ir::constraints::{I64_ATTR, STRING_ATTR, UNIT_ATTR};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, Attribute, Diagnostic, Dialect, Ir, OpId, Type};

use crate::memory::{parse_volatile, print_volatile, ORDERINGS};
use crate::types;
use crate::{LLVM_POINTER, LLVM_TYPE};

/// The operations of `llvm.atomicrmw`, by stored value (`bin_op`).
pub const ATOMIC_BIN_OPS: [&str; 21] = [
    "xchg",
    "add",
    "sub",
    "_and",
    "nand",
    "_or",
    "_xor",
    "max",
    "min",
    "umax",
    "umin",
    "fadd",
    "fsub",
    "fmax",
    "fmin",
    "uinc_wrap",
    "udec_wrap",
    "usub_cond",
    "usub_sat",
    "fmaximum",
    "fminimum",
];

/// The `bin_op` value of operation `name`.
pub fn atomic_bin_op(name: &str) -> Option<i128> {
    ATOMIC_BIN_OPS.iter().position(|&n| n == name).map(|i| i as i128)
}

define_op! {
    /// Combines a value into memory atomically and gives the memory's old contents.
    pub struct AtomicRMWOp = "llvm.atomicrmw" {
        operands: [ptr: Single(LLVM_POINTER), val: Single(LLVM_TYPE)],
        results: [res: Single(LLVM_TYPE)],
        attributes: [
            bin_op: Required(I64_ATTR),
            ordering: Required(I64_ATTR),
            syncscope: Optional(STRING_ATTR),
            alignment: Optional(I64_ATTR),
            volatile_: Optional(UNIT_ATTR),
        ],
        extra: {
            parse: Some(parse_atomic_rmw),
            print: Some(print_atomic_rmw),
            verify: Some(verify_atomic_rmw),
        },
    }
}

define_op! {
    /// Stores a value if memory holds the expected one; gives the old contents and whether it stored.
    pub struct AtomicCmpXchgOp = "llvm.cmpxchg" {
        operands: [ptr: Single(LLVM_POINTER), cmp: Single(LLVM_TYPE), val: Single(LLVM_TYPE)],
        results: [res: Single(LLVM_TYPE)],
        attributes: [
            success_ordering: Required(I64_ATTR),
            failure_ordering: Required(I64_ATTR),
            syncscope: Optional(STRING_ATTR),
            alignment: Optional(I64_ATTR),
            weak: Optional(UNIT_ATTR),
            volatile_: Optional(UNIT_ATTR),
        ],
        extra: {
            parse: Some(parse_cmpxchg),
            print: Some(print_cmpxchg),
            verify: Some(verify_cmpxchg),
        },
    }
}

pub(crate) fn register(dialect: Dialect) -> Dialect {
    dialect.with_op::<AtomicRMWOp>().with_op::<AtomicCmpXchgOp>()
}

fn i64_attr(p: &OpParser<'_, '_>, value: i128) -> Attribute {
    Attribute::integer(p.ctx(), value, Type::integer(p.ctx(), 64))
}

/// An ordering keyword, stored as attribute `name`.
pub(crate) fn parse_ordering(p: &mut OpParser<'_, '_>, name: &str) -> ParseResult<()> {
    let names: Vec<&str> = ORDERINGS.iter().map(|(n, _)| *n).collect();
    let index = p.parse_keyword_of(&names, "atomic ordering")?;
    let value = i64_attr(p, ORDERINGS[index].1);
    p.add_attribute(name, value);
    Ok(())
}

pub(crate) fn print_ordering(p: &mut OpPrinter<'_>, op: OpId, name: &str) {
    let ordering = p.ir.attr(op, name).and_then(|a| a.as_integer(p.ctx()));
    let keyword = ORDERINGS.iter().find(|(_, v)| Some(*v) == ordering).map_or("<<invalid ordering>>", |(n, _)| *n);
    p.write(" ");
    p.write(keyword);
}

/// `syncscope("name")`, if it comes next.
pub(crate) fn parse_syncscope(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    if p.parse_optional_keyword("syncscope") {
        p.expect_punct("(")?;
        let scope = p.parse_string()?;
        p.expect_punct(")")?;
        let attr = Attribute::string(p.ctx(), &scope);
        p.add_attribute("syncscope", attr);
    }
    Ok(())
}

pub(crate) fn print_syncscope(p: &mut OpPrinter<'_>, op: OpId) {
    if let Some(scope) = p.ir.attr(op, "syncscope").and_then(|a| a.as_string(p.ctx()).map(str::to_string)) {
        p.write(&format!(" syncscope({scope:?})"));
    }
}

/// Trailing `: ptr-type, value-type`; resolves `operands` (the pointer, then
/// values of the value type).
fn parse_types<'s>(p: &mut OpParser<'_, 's>, operands: &[ir::syntax::UnresolvedOperand<'s>]) -> ParseResult<Type> {
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let pointer = p.parse_type()?;
    p.expect_punct(",")?;
    let value = p.parse_type()?;
    let mut resolved = vec![p.resolve_operand(&operands[0], pointer)?];
    for operand in &operands[1..] {
        resolved.push(p.resolve_operand(operand, value)?);
    }
    p.state.operands.extend(resolved);
    Ok(value)
}

/// `[volatile] bin-op %ptr, %val [syncscope("s")] ordering attr-dict :
/// ptr-type, type`.
fn parse_atomic_rmw(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    parse_volatile(p);
    let index = p.parse_keyword_of(&ATOMIC_BIN_OPS, "atomic operation")?;
    let bin_op = i64_attr(p, index as i128);
    p.add_attribute("bin_op", bin_op);
    let ptr = p.parse_operand()?;
    p.expect_punct(",")?;
    let val = p.parse_operand()?;
    parse_syncscope(p)?;
    parse_ordering(p, "ordering")?;
    let ty = parse_types(p, &[ptr, val])?;
    p.state.result_types.push(ty);
    Ok(())
}

fn print_atomic_rmw(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    print_volatile(p, op);
    let bin_op = ir.attr(op, "bin_op").and_then(|a| a.as_integer(ir.ctx())).and_then(|i| usize::try_from(i).ok());
    p.write(" ");
    p.write(bin_op.and_then(|i| ATOMIC_BIN_OPS.get(i)).copied().unwrap_or("<<invalid operation>>"));
    p.write(" ");
    p.print_operands(ir.operands(op));
    print_syncscope(p, op);
    print_ordering(p, op, "ordering");
    p.print_optional_attr_dict(op, &["bin_op", "ordering", "syncscope", "volatile_"]);
    p.write(" : ");
    p.print_type(ir.value_type(ir.operands(op)[0]));
    p.write(", ");
    p.print_type(ir.value_type(ir.operands(op)[1]));
}

/// `[weak] [volatile] %ptr, %cmp, %val [syncscope("s")] success failure
/// attr-dict : ptr-type, type`; the result is `!llvm.struct<(type, i1)>`.
fn parse_cmpxchg(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    if p.parse_optional_keyword("weak") {
        let unit = Attribute::unit(p.ctx());
        p.add_attribute("weak", unit);
    }
    parse_volatile(p);
    let ptr = p.parse_operand()?;
    p.expect_punct(",")?;
    let cmp = p.parse_operand()?;
    p.expect_punct(",")?;
    let val = p.parse_operand()?;
    parse_syncscope(p)?;
    parse_ordering(p, "success_ordering")?;
    parse_ordering(p, "failure_ordering")?;
    let ty = parse_types(p, &[ptr, cmp, val])?;
    let ctx = p.context();
    p.state.result_types.push(types::literal_struct(&ctx, vec![ty, Type::integer(&ctx, 1)]));
    Ok(())
}

fn print_cmpxchg(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    if ir.attr(op, "weak").is_some() {
        p.write(" weak");
    }
    print_volatile(p, op);
    p.write(" ");
    p.print_operands(ir.operands(op));
    print_syncscope(p, op);
    print_ordering(p, op, "success_ordering");
    print_ordering(p, op, "failure_ordering");
    p.print_optional_attr_dict(op, &["success_ordering", "failure_ordering", "syncscope", "weak", "volatile_"]);
    p.write(" : ");
    p.print_type(ir.value_type(ir.operands(op)[0]));
    p.write(", ");
    p.print_type(ir.value_type(ir.operands(op)[1]));
}

/// Float operations on floats, integer ones on integers, `xchg` on either;
/// the result has the value's type; the ordering is at least `monotonic`.
fn verify_atomic_rmw(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let rmw = AtomicRMWOp(op);
    let ty = ir.value_type(rmw.val(ir));
    let name =
        rmw.bin_op(ir).and_then(|a| a.as_integer(ctx)).and_then(|i| usize::try_from(i).ok()).and_then(|i| ATOMIC_BIN_OPS.get(i));
    let Some(&name) = name else { return Err(op_error(ir, op, "has an invalid 'bin_op'")) };
    let element = ty.element_type_or_self(ctx);
    if name.starts_with('f') && !element.is_float(ctx) {
        return Err(op_error(ir, op, "expected LLVM IR floating point type"));
    }
    if name != "xchg" && !name.starts_with('f') && !element.is_signless_integer(ctx) {
        return Err(op_error(ir, op, "expected LLVM IR integer type"));
    }
    if ir.value_type(rmw.res(ir)) != ty {
        return Err(op_error(ir, op, "expects the result to have the value's type"));
    }
    if rmw.ordering(ir).and_then(|a| a.as_integer(ctx)) == Some(1) {
        return Err(op_error(ir, op, "expected at least 'monotonic' ordering"));
    }
    Ok(())
}

/// The expected and new values have one type; the result pairs it with an
/// `i1`; orderings are at least `monotonic`, and the failure ordering
/// neither releases nor is `acq_rel`.
fn verify_cmpxchg(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let cmpxchg = AtomicCmpXchgOp(op);
    let ty = ir.value_type(cmpxchg.val(ir));
    if ir.value_type(cmpxchg.cmp(ir)) != ty {
        return Err(op_error(ir, op, "expected the compared and new values to have one type"));
    }
    if ir.value_type(cmpxchg.res(ir)) != types::literal_struct(ctx, vec![ty, Type::integer(ctx, 1)]) {
        return Err(op_error(ir, op, "expected the result to be a struct of the value's type and i1"));
    }
    let ordering = |a: Option<Attribute>| a.and_then(|a| a.as_integer(ctx)).unwrap_or(0);
    let (success, failure) = (ordering(cmpxchg.success_ordering(ir)), ordering(cmpxchg.failure_ordering(ir)));
    if success < 2 || failure < 2 {
        return Err(op_error(ir, op, "ordering must be at least 'monotonic'"));
    }
    if failure == 5 || failure == 6 {
        return Err(op_error(ir, op, "failure ordering cannot be 'release' or 'acq_rel'"));
    }
    Ok(())
}
