//! Functions, calls and globals: `llvm.func` (a definition or a
//! declaration, possibly variadic), `llvm.call` (direct or through a
//! pointer), `llvm.mlir.global` (with a constant value or an initializer
//! region) and `llvm.mlir.addressof`.
//!
//! ```mlir
//! llvm.func @malloc(i64) -> !llvm.ptr
//! llvm.func internal @f(%arg0: i64) -> !llvm.ptr attributes {llvm.emit_c_interface} {
//!   %0 = llvm.call @malloc(%arg0) : (i64) -> !llvm.ptr
//!   llvm.return %0 : !llvm.ptr
//! }
//! llvm.mlir.global private constant @str("hi\00") {addr_space = 0 : i32}
//! ```

use ir::constraints::{
    ANY_ATTR, ARRAY_ATTR, DICTIONARY_ARRAY_ATTR, FLAT_SYMBOL_REF_ATTR, I64_ATTR, SYMBOL_NAME_ATTR, TYPE_ATTR, UNIT_ATTR,
};
use ir::function_like;
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, AttrData, Attribute, Diagnostic, Dialect, Ir, OpId, Type};

use crate::attrs::{
    llvm_attr_inner, parse_optional_enum_keyword, parse_optional_linkage, print_enum_keyword, print_linkage, ADDRESS_SPACE,
    CCONV, CCONVS, FASTMATH_FLAGS, I64_ENUM_ZERO, LINKAGE, OP_BUNDLE_SIZES, TAIL_CALL_KIND, TAIL_CALL_KINDS,
};
use crate::types::{self, LlvmType};
use crate::{LLVM_POINTER, LLVM_TYPE};

define_op! {
    /// An LLVM function: a definition with a body, or a declaration.
    pub struct FuncOp = "llvm.func" {
        attributes: [
            sym_name: Required(SYMBOL_NAME_ATTR),
            function_type: Required(TYPE_ATTR),
            linkage: Optional(LINKAGE),
            CConv: Optional(CCONV),
            unnamed_addr: Optional(I64_ENUM_ZERO),
            visibility_: Optional(I64_ENUM_ZERO),
            arg_attrs: Optional(DICTIONARY_ARRAY_ATTR),
            res_attrs: Optional(DICTIONARY_ARRAY_ATTR),
        ],
        regions: [body: Single],
        traits: [ISOLATED_FROM_ABOVE, SYMBOL],
        extra: {
            parse: Some(parse_func),
            print: Some(print_func),
            verify: Some(verify_func),
        },
    }
}

impl FuncOp {
    /// The function's `!llvm.func` type, read.
    pub fn function_type_of(self, ir: &Ir) -> Option<LlvmType> {
        let ctx = ir.ctx();
        LlvmType::of(ctx, self.function_type(ir)?.as_type(ctx)?)
    }

    /// Whether the function has no body.
    pub fn is_declaration(self, ir: &Ir) -> bool {
        ir.regions(self.0).first().is_none_or(|&r| ir.region_blocks(r).is_empty())
    }
}

define_op! {
    /// Calls a function by symbol, or through a pointer given as the first operand.
    pub struct CallOp = "llvm.call" {
        operands: [callee_operands: Variadic(LLVM_TYPE), op_bundle_operands: Variadic(LLVM_TYPE)],
        results: [result: Optional(LLVM_TYPE)],
        attributes: [
            callee: Optional(FLAT_SYMBOL_REF_ATTR),
            var_callee_type: Optional(TYPE_ATTR),
            CConv: Optional(CCONV),
            TailCallKind: Optional(TAIL_CALL_KIND),
            fastmathFlags: Optional(FASTMATH_FLAGS),
            op_bundle_sizes: Optional(OP_BUNDLE_SIZES),
        ],
        extra: {
            parse: Some(parse_call),
            print: Some(print_call),
            verify: Some(verify_call),
        },
    }
}

define_op! {
    /// A global variable or constant, with a value or an initializer region.
    pub struct GlobalOp = "llvm.mlir.global" {
        attributes: [
            sym_name: Required(SYMBOL_NAME_ATTR),
            global_type: Required(TYPE_ATTR),
            linkage: Optional(LINKAGE),
            constant: Optional(UNIT_ATTR),
            value: Optional(ANY_ATTR),
            alignment: Optional(I64_ATTR),
            addr_space: Optional(ADDRESS_SPACE),
            unnamed_addr: Optional(I64_ENUM_ZERO),
            visibility_: Optional(I64_ENUM_ZERO),
            thread_local_: Optional(UNIT_ATTR),
        ],
        regions: [initializer: Single],
        traits: [ISOLATED_FROM_ABOVE, SYMBOL],
        extra: {
            parse: Some(parse_global),
            print: Some(print_global),
            verify: Some(verify_global),
        },
    }
}

define_op! {
    /// The address of a global or function.
    pub struct AddressOfOp = "llvm.mlir.addressof" {
        results: [res: Single(LLVM_POINTER)],
        attributes: [global_name: Required(FLAT_SYMBOL_REF_ATTR)],
        traits: [PURE],
        format: "$global_name attr-dict `:` type($res)",
        extra: {
            verify: Some(verify_address_of),
        },
    }
}

define_op! {
    /// Functions run before the program's entry, lowest priority first (`@llvm.global_ctors`).
    pub struct GlobalCtorsOp = "llvm.mlir.global_ctors" {
        attributes: [ctors: Required(ARRAY_ATTR), priorities: Required(ARRAY_ATTR), data: Required(ARRAY_ATTR)],
        format: "`ctors` `=` $ctors `,` `priorities` `=` $priorities `,` `data` `=` $data attr-dict",
        extra: {
            verify: Some(|ir, op| verify_structors(ir, op, "ctors")),
        },
    }
}

define_op! {
    /// Functions run after the program's entry returns (`@llvm.global_dtors`).
    pub struct GlobalDtorsOp = "llvm.mlir.global_dtors" {
        attributes: [dtors: Required(ARRAY_ATTR), priorities: Required(ARRAY_ATTR), data: Required(ARRAY_ATTR)],
        format: "`dtors` `=` $dtors `,` `priorities` `=` $priorities `,` `data` `=` $data attr-dict",
        extra: {
            verify: Some(|ir, op| verify_structors(ir, op, "dtors")),
        },
    }
}

/// As many priorities and data as functions; each function exists.
fn verify_structors(ir: &Ir, op: OpId, list: &str) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let array = |name: &str| ir.attr(op, name).and_then(|a| a.as_array(ctx)).map(<[_]>::to_vec).unwrap_or_default();
    let (functions, priorities, data) = (array(list), array("priorities"), array("data"));
    if functions.len() != priorities.len() {
        return Err(op_error(ir, op, format!("'{list}' and 'priorities' attributes must have the same length")));
    }
    if functions.len() != data.len() {
        return Err(op_error(ir, op, format!("'{list}' and 'data' attributes must have the same length")));
    }
    for function in functions {
        let Some(name) = function.as_flat_symbol_ref(ctx) else {
            return Err(op_error(ir, op, format!("'{list}' must hold flat symbol references")));
        };
        if ir.enclosing_symbol_table(op).is_some() && ir.lookup_symbol(op, ctx.str(name)).is_none_or(|f| !ir.isa::<FuncOp>(f)) {
            return Err(op_error(ir, op, format!("'{}' does not reference a valid LLVM function", ctx.str(name))));
        }
    }
    Ok(())
}

pub(crate) fn register(dialect: Dialect) -> Dialect {
    dialect
        .with_op::<FuncOp>()
        .with_op::<CallOp>()
        .with_op::<GlobalOp>()
        .with_op::<AddressOfOp>()
        .with_op::<GlobalCtorsOp>()
        .with_op::<GlobalDtorsOp>()
}

/// Visibility keywords and their `visibility_` values (`default` is 0).
const VISIBILITIES: &[(&str, i64)] = &[("default", 0), ("hidden", 1), ("protected", 2)];

/// `unnamed_addr` keywords and their values (none is 0).
const UNNAMED_ADDRS: &[(&str, i64)] = &[("local_unnamed_addr", 1), ("unnamed_addr", 2)];

/// The `i64` attribute `name` from the first of `keywords` that comes next.
fn parse_optional_i64_keyword(p: &mut OpParser<'_, '_>, keywords: &[(&str, i64)], name: &str) {
    if let Some(&(keyword, value)) = keywords.iter().find(|(k, _)| p.peek_keyword(k)) {
        p.parse_optional_keyword(keyword);
        let ctx = p.context();
        p.add_attribute(name, Attribute::integer(&ctx, i128::from(value), Type::integer(&ctx, 64)));
    }
}

/// Prints the keyword of a nonzero `i64` enum attribute.
fn print_i64_keyword(p: &mut OpPrinter<'_>, attr: Option<Attribute>, keywords: &[(&str, i64)]) {
    let value = attr.and_then(|a| a.as_integer(p.ctx())).unwrap_or(0);
    if let Some((keyword, _)) = keywords.iter().find(|&&(_, v)| v != 0 && i128::from(v) == value) {
        p.write(keyword);
        p.write(" ");
    }
}

/// `[linkage] [visibility] [unnamed_addr] [cconv] @name(args) [-> result]
/// [attributes {...}] [body]`.
fn parse_func(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    if let Some(linkage) = parse_optional_linkage(p) {
        p.add_attribute("linkage", linkage);
    }
    parse_optional_i64_keyword(p, VISIBILITIES, "visibility_");
    parse_optional_i64_keyword(p, UNNAMED_ADDRS, "unnamed_addr");
    if let Some(cconv) = parse_optional_enum_keyword(p, CCONVS, "cconv") {
        p.add_attribute("CConv", cconv);
    }
    let name = p.parse_symbol_name()?;
    p.add_attribute("sym_name", Attribute::string(&ctx, &name));
    let location = p.current_location();
    let signature = function_like::parse_signature(p, true)?;
    if let Some(&bad) = signature.inputs.iter().chain(&signature.results).find(|&&t| !types::is_llvm_compatible(&ctx, t)) {
        return Err(Diagnostic::error(location, format!("expected an LLVM-compatible type, found '{}'", ctx.print_type(bad))));
    }
    let result = match signature.results.as_slice() {
        [] => types::void(&ctx),
        [one] => *one,
        _ => return Err(Diagnostic::error(location, "expected at most one result type for an LLVM function")),
    };
    let function_type = types::function(&ctx, result, signature.inputs.clone(), signature.vararg);
    p.add_attribute("function_type", Attribute::type_attr(&ctx, function_type));
    if let Some(a) = signature.arg_attrs {
        p.add_attribute("arg_attrs", a);
    }
    if let Some(a) = signature.res_attrs {
        p.add_attribute("res_attrs", a);
    }
    p.parse_optional_attr_dict_with_keyword()?;
    if p.peek("{") {
        // Unnamed arguments leave the entry block to declare its own.
        p.parse_region(&signature.arguments)?;
    } else {
        p.add_empty_region();
    }
    Ok(())
}

fn print_func(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let func = FuncOp(op);
    print_linkage(p, func.linkage(ir));
    p.write(" ");
    print_i64_keyword(p, func.visibility_(ir), VISIBILITIES);
    print_i64_keyword(p, func.unnamed_addr(ir), UNNAMED_ADDRS);
    print_enum_keyword(p, func.CConv(ir), "cconv", "ccc");
    p.print_symbol_name(ir.symbol_name(op).unwrap_or(""));
    if let Some(LlvmType::Func { result, params, vararg }) = func.function_type_of(ir) {
        let returns_void = LlvmType::of(ir.ctx(), result) == Some(LlvmType::Void);
        let results = if returns_void { Vec::new() } else { vec![result] };
        function_like::print_signature(p, op, &params, &results, vararg);
    }
    p.print_optional_attr_dict_with_keyword(
        op,
        &["sym_name", "function_type", "linkage", "arg_attrs", "res_attrs", "visibility_", "unnamed_addr", "CConv"],
    );
    function_like::print_body(p, op);
}

/// A `!llvm.func` type, entry arguments that match it, and a linkage that
/// fits a declaration.
fn verify_func(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let func = FuncOp(op);
    let Some(LlvmType::Func { params, .. }) = func.function_type_of(ir) else {
        return Err(op_error(ir, op, "requires 'function_type' to be an LLVM function type"));
    };
    if func.is_declaration(ir) {
        let linkage = func.linkage(ir).and_then(|l| llvm_attr_inner(ir.ctx(), l, "linkage")).unwrap_or("external");
        if linkage != "external" && linkage != "extern_weak" {
            return Err(op_error(ir, op, "external functions must have 'external' or 'extern_weak' linkage"));
        }
        return Ok(());
    }
    function_like::verify_entry_arguments(ir, op, &params)
}

/// `[cconv] [tail-call-kind] @callee(args)` or `%fptr(args)`,
/// `[vararg(type)]`, attr-dict, `: [ptr-type,] (arg-types) -> result`.
fn parse_call(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    if let Some(cconv) = parse_optional_enum_keyword(p, CCONVS, "cconv") {
        p.add_attribute("CConv", cconv);
    }
    if let Some(kind) = parse_optional_enum_keyword(p, TAIL_CALL_KINDS, "tailcallkind") {
        p.add_attribute("TailCallKind", kind);
    }
    let callee_pointer = match p.parse_optional_symbol_name()? {
        Some(name) => {
            p.add_attribute("callee", Attribute::symbol_ref(&ctx, &name));
            None
        }
        None => Some(p.parse_operand()?),
    };
    p.expect_punct("(")?;
    let location = p.current_location();
    let args = p.parse_operand_list()?;
    p.expect_punct(")")?;
    if p.parse_optional_keyword("vararg") {
        p.expect_punct("(")?;
        let ty = p.parse_type()?;
        p.expect_punct(")")?;
        p.add_attribute("var_callee_type", Attribute::type_attr(&ctx, ty));
    }
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let pointer_type = if callee_pointer.is_some() {
        let ty = p.parse_type()?;
        p.expect_punct(",")?;
        Some(ty)
    } else {
        None
    };
    let inputs = p.parse_paren_type_list()?;
    p.expect_punct("->")?;
    let results = p.parse_function_result_types()?;
    let mut operands = Vec::new();
    if let (Some(pointer), Some(ty)) = (callee_pointer, pointer_type) {
        operands.push(p.resolve_operand(&pointer, ty)?);
    }
    operands.extend(p.resolve_operands(&args, &inputs, location)?);
    p.add_attribute("operandSegmentSizes", Attribute::dense_i32_array(&ctx, &[operands.len() as i32, 0]));
    p.state.operands.extend(operands);
    p.state.result_types.extend(results);
    Ok(())
}

fn print_call(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let ctx = ir.ctx();
    let call = CallOp(op);
    let operands = call.callee_operands(ir).to_vec();
    p.write(" ");
    print_enum_keyword(p, call.CConv(ir), "cconv", "ccc");
    print_enum_keyword(p, call.TailCallKind(ir), "tailcallkind", "none");
    let (pointer, args) = match call.callee(ir).and_then(|c| c.as_flat_symbol_ref(ctx)) {
        Some(name) => {
            p.print_symbol_name(ctx.str(name));
            (None, &operands[..])
        }
        None => {
            p.print_operand(operands[0]);
            (Some(operands[0]), &operands[1..])
        }
    };
    p.write("(");
    p.print_operands(args);
    p.write(")");
    if let Some(ty) = call.var_callee_type(ir).and_then(|t| t.as_type(ctx)) {
        p.write(" vararg(");
        p.print_type(ty);
        p.write(")");
    }
    p.print_optional_attr_dict(op, &["callee", "var_callee_type", "operandSegmentSizes", "CConv", "TailCallKind"]);
    p.write(" : ");
    if let Some(pointer) = pointer {
        p.print_type(ir.value_type(pointer));
        p.write(", ");
    }
    p.write("(");
    let types: Vec<Type> = args.iter().map(|&v| ir.value_type(v)).collect();
    p.print_types(&types);
    p.write(") -> ");
    let results: Vec<Type> = ir.results(op).iter().map(|&r| ir.value_type(r)).collect();
    if results.is_empty() {
        p.write("()");
    } else {
        p.print_function_results(&results);
    }
}

/// A direct call names an `llvm.func` whose type the arguments and result fit.
fn verify_call(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let call = CallOp(op);
    let Some(name) = call.callee(ir).and_then(|c| c.as_flat_symbol_ref(ctx)) else { return Ok(()) };
    if ir.enclosing_symbol_table(op).is_none() {
        return Ok(());
    }
    let name = ctx.str(name);
    let Some(callee) = ir.lookup_symbol(op, name).and_then(|f| ir.dyn_cast::<FuncOp>(f)) else {
        return Err(op_error(ir, op, format!("'{name}' does not reference a valid LLVM function")));
    };
    let Some(LlvmType::Func { result, params, vararg }) = callee.function_type_of(ir) else { return Ok(()) };
    let args: Vec<Type> = call.callee_operands(ir).iter().map(|&v| ir.value_type(v)).collect();
    let fits = if vararg { args.len() >= params.len() && args[..params.len()] == params[..] } else { args == params };
    if !fits {
        return Err(op_error(ir, op, format!("operand types do not match the signature of '{name}'")));
    }
    let returns_void = LlvmType::of(ctx, result) == Some(LlvmType::Void);
    let results: Vec<Type> = ir.results(op).iter().map(|&r| ir.value_type(r)).collect();
    let expected = if returns_void { Vec::new() } else { vec![result] };
    if results != expected {
        return Err(op_error(ir, op, format!("result type does not match the signature of '{name}'")));
    }
    Ok(())
}

/// `linkage [visibility] [thread_local] [unnamed_addr] [constant]
/// @name([value]) attr-dict [: type] [initializer]`;
/// a string value implies its `!llvm.array<N x i8>` type.
fn parse_global(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    let linkage = parse_optional_linkage(p).unwrap_or_else(|| crate::attrs::linkage_attr(&ctx, "external"));
    p.add_attribute("linkage", linkage);
    parse_optional_i64_keyword(p, VISIBILITIES, "visibility_");
    if p.parse_optional_keyword("thread_local") {
        p.add_attribute("thread_local_", Attribute::unit(&ctx));
    }
    parse_optional_i64_keyword(p, UNNAMED_ADDRS, "unnamed_addr");
    if p.parse_optional_keyword("constant") {
        p.add_attribute("constant", Attribute::unit(&ctx));
    }
    let name = p.parse_symbol_name()?;
    p.add_attribute("sym_name", Attribute::string(&ctx, &name));
    p.expect_punct("(")?;
    let mut value = None;
    if !p.parse_optional_punct(")") {
        let v = p.parse_attribute()?;
        p.add_attribute("value", v);
        value = Some(v);
        p.expect_punct(")")?;
    }
    p.parse_optional_attr_dict()?;
    if !p.state.attributes.iter().any(|a| ctx.str(a.name) == "addr_space") {
        p.add_attribute("addr_space", Attribute::integer(&ctx, 0, Type::integer(&ctx, 32)));
    }
    let location = p.current_location();
    let ty = if p.parse_optional_punct(":") {
        p.parse_type()?
    } else {
        match value.and_then(|v| v.as_string(&ctx).map(|s| s.len())) {
            Some(n) => types::array(&ctx, n as u64, Type::integer(&ctx, 8)),
            None => return Err(Diagnostic::error(location, "type can only be omitted for string globals")),
        }
    };
    p.add_attribute("global_type", Attribute::type_attr(&ctx, ty));
    if p.peek("{") {
        p.parse_region(&[])?;
    } else {
        p.add_empty_region();
    }
    Ok(())
}

fn print_global(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let ctx = ir.ctx();
    let global = GlobalOp(op);
    let linkage = global.linkage(ir).and_then(|l| llvm_attr_inner(ctx, l, "linkage")).unwrap_or("external");
    p.write(" ");
    p.write(linkage);
    p.write(" ");
    print_i64_keyword(p, global.visibility_(ir), VISIBILITIES);
    if global.thread_local_(ir).is_some() {
        p.write("thread_local ");
    }
    print_i64_keyword(p, global.unnamed_addr(ir), UNNAMED_ADDRS);
    if global.constant(ir).is_some() {
        p.write("constant ");
    }
    p.print_symbol_name(ir.symbol_name(op).unwrap_or(""));
    p.write("(");
    if let Some(value) = global.value(ir) {
        p.print_attribute(value);
    }
    p.write(")");
    p.print_optional_attr_dict(
        op,
        &["linkage", "constant", "sym_name", "value", "global_type", "visibility_", "thread_local_", "unnamed_addr"],
    );
    let ty = global.global_type(ir).and_then(|t| t.as_type(ctx));
    let implied = global.value(ir).filter(|v| matches!(v.data(ctx), AttrData::String(_))).is_some();
    if let (Some(ty), false) = (ty, implied) {
        p.write(" : ");
        p.print_type(ty);
    }
    if let Some(&r) = ir.regions(op).first() {
        if !ir.region_blocks(r).is_empty() {
            p.write(" ");
            p.print_region(r, false, true);
        }
    }
}

/// An LLVM-compatible type, and either a value or an initializer, not both.
fn verify_global(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let global = GlobalOp(op);
    if let Some(ty) = global.global_type(ir).and_then(|t| t.as_type(ctx)) {
        if !types::is_llvm_compatible(ctx, ty) {
            return Err(op_error(
                ir,
                op,
                format!("expects type to be a valid element type for an LLVM global, got '{}'", ctx.print_type(ty)),
            ));
        }
    }
    let has_initializer = ir.regions(op).first().is_some_and(|&r| !ir.region_blocks(r).is_empty());
    if has_initializer && global.value(ir).is_some() {
        return Err(op_error(ir, op, "cannot have both a value and an initializer region"));
    }
    Ok(())
}

/// Names an `llvm.mlir.global` or `llvm.func`.
fn verify_address_of(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let Some(name) = AddressOfOp(op).global_name(ir).and_then(|n| n.as_flat_symbol_ref(ctx)) else { return Ok(()) };
    if ir.enclosing_symbol_table(op).is_none() {
        return Ok(());
    }
    let name = ctx.str(name);
    match ir.lookup_symbol(op, name) {
        Some(target) if ir.isa::<GlobalOp>(target) || ir.isa::<FuncOp>(target) => Ok(()),
        _ => Err(op_error(ir, op, "must reference a global defined by 'llvm.mlir.global' or 'llvm.func'")),
    }
}
