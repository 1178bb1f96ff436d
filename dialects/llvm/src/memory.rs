//! Memory: stack allocation, loads and stores (optionally volatile or
//! atomic), and address arithmetic with `getelementptr`.
//!
//! ```mlir
//! %a = llvm.alloca %n x f32 {alignment = 4 : i64} : (i64) -> !llvm.ptr
//! %p = llvm.getelementptr inbounds|nuw %a[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
//! %x = llvm.load %p : !llvm.ptr -> f32
//! llvm.store %x, %p : f32, !llvm.ptr
//! ```

use ir::constraints::{I64_ATTR, STRING_ATTR, TYPE_ATTR, UNIT_ATTR};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::types::DYNAMIC;
use ir::verifier::op_error;
use ir::{define_op, Attribute, Diagnostic, Dialect, Ir, OpId, Type};

use crate::attrs::{peek_gep_flags, DENSE_I32_ARRAY, GEP_NO_WRAP_FLAGS, I64_ENUM_ZERO};
use crate::{LLVM_INT_LIKE, LLVM_POINTER, LLVM_TYPE};

define_op! {
    /// Stack memory for `arraySize` values of `elem_type`, freed when the function returns.
    pub struct AllocaOp = "llvm.alloca" {
        operands: [arraySize: Single(LLVM_INT_LIKE)],
        results: [res: Single(LLVM_POINTER)],
        attributes: [alignment: Optional(I64_ATTR), elem_type: Required(TYPE_ATTR), inalloca: Optional(UNIT_ATTR)],
        effects: [Allocate(res)],
        extra: {
            parse: Some(parse_alloca),
            print: Some(print_alloca),
        },
    }
}

define_op! {
    /// Reads a value from memory.
    pub struct LoadOp = "llvm.load" {
        operands: [addr: Single(LLVM_POINTER)],
        results: [res: Single(LLVM_TYPE)],
        attributes: [
            alignment: Optional(I64_ATTR),
            volatile_: Optional(UNIT_ATTR),
            nontemporal: Optional(UNIT_ATTR),
            invariant: Optional(UNIT_ATTR),
            invariantGroup: Optional(UNIT_ATTR),
            ordering: Optional(I64_ENUM_ZERO),
            syncscope: Optional(STRING_ATTR),
        ],
        effects: [Read(addr)],
        extra: {
            parse: Some(parse_load),
            print: Some(print_load),
        },
    }
}

define_op! {
    /// Writes a value to memory.
    pub struct StoreOp = "llvm.store" {
        operands: [value: Single(LLVM_TYPE), addr: Single(LLVM_POINTER)],
        attributes: [
            alignment: Optional(I64_ATTR),
            volatile_: Optional(UNIT_ATTR),
            nontemporal: Optional(UNIT_ATTR),
            invariantGroup: Optional(UNIT_ATTR),
            ordering: Optional(I64_ENUM_ZERO),
            syncscope: Optional(STRING_ATTR),
        ],
        effects: [Write(addr)],
        extra: {
            parse: Some(parse_store),
            print: Some(print_store),
        },
    }
}

define_op! {
    /// The address of an element: `base` plus indices into `elem_type` (constants or values).
    pub struct GEPOp = "llvm.getelementptr" {
        operands: [base: Single(LLVM_TYPE), dynamicIndices: Variadic(LLVM_INT_LIKE)],
        results: [res: Single(LLVM_TYPE)],
        attributes: [elem_type: Required(TYPE_ATTR), noWrapFlags: Optional(GEP_NO_WRAP_FLAGS), rawConstantIndices: Required(DENSE_I32_ARRAY)],
        traits: [PURE],
        extra: {
            parse: Some(parse_gep),
            print: Some(print_gep),
            verify: Some(verify_gep),
        },
    }
}

pub(crate) fn register(dialect: Dialect) -> Dialect {
    dialect.with_op::<AllocaOp>().with_op::<LoadOp>().with_op::<StoreOp>().with_op::<GEPOp>()
}

/// `%n x elem-type attr-dict : (n-type) -> ptr-type`.
fn parse_alloca(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    let size = p.parse_operand()?;
    p.expect_keyword("x")?;
    let element = p.parse_type()?;
    p.add_attribute("elem_type", Attribute::type_attr(&ctx, element));
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let location = p.current_location();
    let types = p.parse_paren_type_list()?;
    p.expect_punct("->")?;
    let result_location = p.current_location();
    let [result] = p.parse_function_result_types()?[..] else {
        return Err(Diagnostic::error(result_location, "expected one result type"));
    };
    let size = p.resolve_operands(&[size], &types, location)?;
    p.state.operands.extend(size);
    p.state.result_types.push(result);
    Ok(())
}

fn print_alloca(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let size = ir.operands(op)[0];
    p.write(" ");
    p.print_operand(size);
    p.write(" x ");
    if let Some(t) = ir.attr(op, "elem_type").and_then(|a| a.as_type(ir.ctx())) {
        p.print_type(t);
    }
    // Alignment 0 means none, which upstream leaves out.
    let zero_alignment = ir.attr(op, "alignment").and_then(|a| a.as_integer(ir.ctx())) == Some(0);
    p.print_optional_attr_dict(op, if zero_alignment { &["elem_type", "alignment"] } else { &["elem_type"] });
    p.write(" : (");
    p.print_type(ir.value_type(size));
    p.write(") -> ");
    p.print_type(ir.value_type(ir.result(op, 0)));
}

/// Atomic orderings, by stored value.
pub(crate) const ORDERINGS: [(&str, i128); 6] =
    [("unordered", 1), ("monotonic", 2), ("acquire", 4), ("release", 5), ("acq_rel", 6), ("seq_cst", 7)];

/// `volatile` before the operands.
pub(crate) fn parse_volatile(p: &mut OpParser<'_, '_>) {
    if p.parse_optional_keyword("volatile") {
        let unit = Attribute::unit(p.ctx());
        p.add_attribute("volatile_", unit);
    }
}

/// `atomic <ordering>` after the address.
fn parse_atomic(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    if !p.parse_optional_keyword("atomic") {
        return Ok(());
    }
    crate::atomic::parse_syncscope(p)?;
    crate::atomic::parse_ordering(p, "ordering")
}

/// A unit attribute `name` spelled as `keyword`, if it comes next.
fn parse_flag(p: &mut OpParser<'_, '_>, keyword: &str, name: &str) {
    if p.parse_optional_keyword(keyword) {
        let unit = Attribute::unit(p.ctx());
        p.add_attribute(name, unit);
    }
}

fn print_flag(p: &mut OpPrinter<'_>, op: OpId, keyword: &str, name: &str) {
    if p.ir.attr(op, name).is_some() {
        p.write(" ");
        p.write(keyword);
    }
}

fn print_atomic(p: &mut OpPrinter<'_>, op: OpId) {
    let ordering = p.ir.attr(op, "ordering").and_then(|a| a.as_integer(p.ctx())).unwrap_or(0);
    if ORDERINGS.iter().any(|(_, v)| *v == ordering) {
        p.write(" atomic");
        crate::atomic::print_syncscope(p, op);
        crate::atomic::print_ordering(p, op, "ordering");
    }
}

pub(crate) fn print_volatile(p: &mut OpPrinter<'_>, op: OpId) {
    if p.ir.attr(op, "volatile_").is_some() {
        p.write(" volatile");
    }
}

/// `[volatile] %addr [atomic ordering] [invariant] attr-dict : ptr-type -> type`.
fn parse_load(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    parse_volatile(p);
    let addr = p.parse_operand()?;
    parse_atomic(p)?;
    parse_flag(p, "invariant", "invariant");
    parse_flag(p, "invariant_group", "invariantGroup");
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let addr_type = p.parse_type()?;
    p.expect_punct("->")?;
    let result = p.parse_type()?;
    let addr = p.resolve_operand(&addr, addr_type)?;
    p.state.operands.push(addr);
    p.state.result_types.push(result);
    Ok(())
}

fn print_load(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let addr = ir.operands(op)[0];
    print_volatile(p, op);
    p.write(" ");
    p.print_operand(addr);
    print_atomic(p, op);
    print_flag(p, op, "invariant", "invariant");
    print_flag(p, op, "invariant_group", "invariantGroup");
    p.print_optional_attr_dict(op, &["volatile_", "ordering", "syncscope", "invariant", "invariantGroup"]);
    p.write(" : ");
    p.print_type(ir.value_type(addr));
    p.write(" -> ");
    p.print_type(ir.value_type(ir.result(op, 0)));
}

/// `[volatile] %value, %addr [atomic ordering] attr-dict : type, ptr-type`.
fn parse_store(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    parse_volatile(p);
    let value = p.parse_operand()?;
    p.expect_punct(",")?;
    let addr = p.parse_operand()?;
    parse_atomic(p)?;
    parse_flag(p, "invariant_group", "invariantGroup");
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let value_type = p.parse_type()?;
    p.expect_punct(",")?;
    let addr_type = p.parse_type()?;
    let operands = [p.resolve_operand(&value, value_type)?, p.resolve_operand(&addr, addr_type)?];
    p.state.operands.extend(operands);
    Ok(())
}

fn print_store(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let [value, addr] = ir.operands(op)[..] else { return };
    print_volatile(p, op);
    p.write(" ");
    p.print_operands(&[value, addr]);
    print_atomic(p, op);
    print_flag(p, op, "invariant_group", "invariantGroup");
    p.print_optional_attr_dict(op, &["volatile_", "ordering", "syncscope", "invariantGroup"]);
    p.write(" : ");
    p.print_type(ir.value_type(value));
    p.write(", ");
    p.print_type(ir.value_type(addr));
}

/// The marker of a dynamic index in `rawConstantIndices`.
pub const DYNAMIC_INDEX: i32 = i32::MIN;

/// `[flags] %base[%i, 0, 1] attr-dict : (types) -> result-type, elem-type`.
fn parse_gep(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    if peek_gep_flags(p) {
        let parse = GEP_NO_WRAP_FLAGS.parse.expect("GEP flags have syntax");
        let flags = parse(p)?;
        p.add_attribute("noWrapFlags", flags);
    }
    let base = p.parse_operand()?;
    let location = p.current_location();
    let (indices, statics) = ir::mixed_list::parse(p)?;
    let mut raw = Vec::with_capacity(statics.len());
    for s in statics {
        if s == DYNAMIC {
            raw.push(DYNAMIC_INDEX);
        } else {
            raw.push(i32::try_from(s).map_err(|_| Diagnostic::error(location, "constant GEP index must fit in 32 bits"))?);
        }
    }
    p.add_attribute("rawConstantIndices", Attribute::dense_i32_array(&ctx, &raw));
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let types = p.parse_paren_type_list()?;
    p.expect_punct("->")?;
    let result = p.parse_type()?;
    p.expect_punct(",")?;
    let element = p.parse_type()?;
    p.add_attribute("elem_type", Attribute::type_attr(&ctx, element));
    let mut operands = vec![base];
    operands.extend(indices);
    let operands = p.resolve_operands(&operands, &types, location)?;
    p.state.operands.extend(operands);
    p.state.result_types.push(result);
    Ok(())
}

fn print_gep(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let ctx = ir.ctx();
    let flags = ir.attr(op, "noWrapFlags").filter(|a| a.as_integer(ctx) != Some(0));
    if let (Some(flags), Some(print)) = (flags, GEP_NO_WRAP_FLAGS.print) {
        p.write(" ");
        print(p, flags);
    }
    let operands = ir.operands(op).to_vec();
    p.write(" ");
    p.print_operand(operands[0]);
    let raw: Vec<i64> = ir
        .attr(op, "rawConstantIndices")
        .and_then(|a| a.as_dense_int_array(ctx))
        .unwrap_or_default()
        .into_iter()
        .map(|v| if v == DYNAMIC_INDEX as i128 { DYNAMIC } else { v as i64 })
        .collect();
    ir::mixed_list::print(p, &raw, &operands[1..]);
    p.print_optional_attr_dict(op, &["elem_type", "noWrapFlags", "rawConstantIndices"]);
    p.write(" : (");
    let types: Vec<Type> = operands.iter().map(|&v| ir.value_type(v)).collect();
    p.print_types(&types);
    p.write(") -> ");
    p.print_type(ir.value_type(ir.result(op, 0)));
    p.write(", ");
    if let Some(t) = ir.attr(op, "elem_type").and_then(|a| a.as_type(ctx)) {
        p.print_type(t);
    }
}

/// One dynamic index per dynamic entry.
fn verify_gep(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let raw = ir.attr(op, "rawConstantIndices").and_then(|a| a.as_dense_int_array(ctx)).unwrap_or_default();
    let dynamic = raw.iter().filter(|&&v| v == DYNAMIC_INDEX as i128).count();
    if dynamic != ir.operands(op).len() - 1 {
        return Err(op_error(ir, op, "expected as many dynamic indices as specified in 'rawConstantIndices'"));
    }
    Ok(())
}
