//! Functions, globals, `addressof` and calls.
//!
//! `llvm.func` and `llvm.mlir.global` are declared first (type, linkage,
//! visibility, attributes) and defined afterwards, so bodies and
//! initializers may refer to any symbol. `llvm.emit_c_interface` is an
//! ordinary attribute here: the C wrappers come from the func-to-llvm
//! lowering.

use dialect_llvm as llvm;
use dialect_llvm::attrs::llvm_attr_inner;
use dialect_llvm::types::LlvmType;
use inkwell::attributes::{Attribute as LlvmAttribute, AttributeLoc};
use inkwell::module::Linkage;
use inkwell::types::{AnyTypeEnum, FunctionType};
use inkwell::values::{BasicMetadataValueEnum, BasicValueEnum, GlobalValue, ValueKind};
use inkwell::{AddressSpace, GlobalVisibility};
use ir::{AttrData, Attribute, Context, Diagnostic, OpId};

use super::{attach, fastmath_bits};
use crate::{ffi, LlvmTranslation, Translator};

/// `#llvm.linkage<kind>` as LLVM's linkage.
fn linkage(t: &Translator<'_, '_>, op: OpId, attr: Option<Attribute>) -> Result<Linkage, Diagnostic> {
    let kind = attr.and_then(|a| llvm_attr_inner(t.ir.ctx(), a, "linkage")).unwrap_or("external");
    Ok(match kind {
        "private" => Linkage::Private,
        "internal" => Linkage::Internal,
        "available_externally" => Linkage::AvailableExternally,
        "linkonce" => Linkage::LinkOnceAny,
        "weak" => Linkage::WeakAny,
        "common" => Linkage::Common,
        "appending" => Linkage::Appending,
        "extern_weak" => Linkage::ExternalWeak,
        "linkonce_odr" => Linkage::LinkOnceODR,
        "weak_odr" => Linkage::WeakODR,
        "external" => Linkage::External,
        other => return Err(t.error(op, format!("unknown linkage '{other}'"))),
    })
}

/// `#llvm.cconv<name>` as LLVM's calling convention number.
fn calling_convention(t: &Translator<'_, '_>, op: OpId, attr: Option<Attribute>) -> Result<u32, Diagnostic> {
    let name = attr.and_then(|a| llvm_attr_inner(t.ir.ctx(), a, "cconv")).unwrap_or("ccc");
    Ok(match name {
        "ccc" => 0,
        "fastcc" => 8,
        "coldcc" => 9,
        "cc_10" | "ghccc" => 10,
        "cc_11" => 11,
        "webkit_jscc" => 12,
        "anyregcc" => 13,
        "preserve_mostcc" => 14,
        "preserve_allcc" => 15,
        "swiftcc" => 16,
        "cxx_fast_tlscc" => 17,
        "tailcc" => 18,
        "x86_stdcallcc" => 64,
        "x86_fastcallcc" => 65,
        "arm_apcscc" => 66,
        "arm_aapcscc" => 67,
        "arm_aapcs_vfpcc" => 68,
        "x86_thiscallcc" => 70,
        "ptx_kernel" => 71,
        "ptx_device" => 72,
        "x86_vectorcallcc" => 80,
        "amdgpu_kernel" => 91,
        other => return Err(t.error(op, format!("calling convention '{other}' cannot be translated to LLVM IR"))),
    })
}

fn set_visibility(global: GlobalValue<'_>, visibility: Option<i128>) {
    match visibility {
        Some(1) => global.set_visibility(GlobalVisibility::Hidden),
        Some(2) => global.set_visibility(GlobalVisibility::Protected),
        _ => {}
    }
}

fn set_unnamed_addr(global: GlobalValue<'_>, unnamed: Option<i128>) {
    match unnamed {
        Some(1) => global.set_unnamed_address(inkwell::values::UnnamedAddress::Local),
        Some(2) => global.set_unnamed_address(inkwell::values::UnnamedAddress::Global),
        _ => {}
    }
}

/// An LLVM attribute for one `llvm.<name> = value` entry of an argument
/// or result dictionary (`llvm.noalias`, `llvm.align = 16 : i64`,
/// `llvm.byval = i32`); entries of other dialects are not LLVM's.
fn parameter_attribute<'ctx>(
    t: &mut Translator<'_, 'ctx>,
    op: OpId,
    name: &str,
    value: Attribute,
) -> Result<Option<LlvmAttribute>, Diagnostic> {
    let Some(kind) = name.strip_prefix("llvm.") else { return Ok(None) };
    let id = LlvmAttribute::get_named_enum_kind_id(kind);
    if id == 0 {
        return Err(t.error(op, format!("'{name}' is not an LLVM parameter attribute")));
    }
    let ctx = t.ir.ctx();
    Ok(Some(match value.data(ctx) {
        AttrData::Unit => t.llvm.create_enum_attribute(id, 0),
        AttrData::Integer { value, .. } => t.llvm.create_enum_attribute(id, *value as u64),
        AttrData::Type(ty) => {
            let ty: AnyTypeEnum<'ctx> = t.llvm_type(*ty, op)?;
            t.llvm.create_type_attribute(id, ty)
        }
        _ => return Err(t.error(op, format!("'{name}' has a value that cannot be translated to LLVM IR"))),
    }))
}

/// The attributes of each parameter and of the result.
fn add_parameter_attributes<'ctx>(
    t: &mut Translator<'_, 'ctx>,
    op: OpId,
    function: inkwell::values::FunctionValue<'ctx>,
) -> Result<(), Diagnostic> {
    let func = llvm::FuncOp(op);
    let ir = t.ir;
    let ctx = ir.ctx();
    let dictionaries = |attr: Option<Attribute>| -> Vec<Attribute> {
        attr.and_then(|a| a.as_array(ctx)).map(|a| a.to_vec()).unwrap_or_default()
    };
    let mut entries = Vec::new();
    for (i, dict) in dictionaries(func.arg_attrs(ir)).into_iter().enumerate() {
        entries.push((AttributeLoc::Param(i as u32), dict));
    }
    for dict in dictionaries(func.res_attrs(ir)) {
        entries.push((AttributeLoc::Return, dict));
    }
    for (place, dict) in entries {
        let AttrData::Dictionary(items) = dict.data(ctx) else { continue };
        for item in items.clone() {
            if let Some(attribute) = parameter_attribute(t, op, ctx.str(item.name), item.value)? {
                function.add_attribute(place, attribute);
            }
        }
    }
    Ok(())
}

/// `passthrough = ["nounwind", ["frame-pointer", "all"]]`: function
/// attributes by LLVM name, with or without a value.
fn add_passthrough<'ctx>(
    t: &mut Translator<'_, 'ctx>,
    op: OpId,
    function: inkwell::values::FunctionValue<'ctx>,
) -> Result<(), Diagnostic> {
    let ir = t.ir;
    let ctx = ir.ctx();
    let Some(items) = ir.attr(op, "passthrough").and_then(|a| a.as_array(ctx)) else { return Ok(()) };
    for &item in items {
        let (key, value) = match item.data(ctx) {
            AttrData::String(key) => (key.to_string(), None),
            AttrData::Array(pair) if pair.len() == 2 => match (pair[0].as_string(ctx), pair[1].as_string(ctx)) {
                (Some(k), Some(v)) => (k.to_string(), Some(v.to_string())),
                _ => return Err(t.error(op, "'passthrough' entries are strings or pairs of strings")),
            },
            _ => return Err(t.error(op, "'passthrough' entries are strings or pairs of strings")),
        };
        let id = LlvmAttribute::get_named_enum_kind_id(&key);
        let attribute = match (id, value) {
            (0, value) => t.llvm.create_string_attribute(&key, value.as_deref().unwrap_or("")),
            (id, None) => t.llvm.create_enum_attribute(id, 0),
            (id, Some(value)) => {
                let n = value.parse::<u64>().map_err(|_| t.error(op, format!("'{key}' takes an integer value")))?;
                t.llvm.create_enum_attribute(id, n)
            }
        };
        function.add_attribute(AttributeLoc::Function, attribute);
    }
    Ok(())
}

/// The `!llvm.func` type of a function or call as an LLVM function type.
fn function_type<'ctx>(t: &mut Translator<'_, 'ctx>, op: OpId, ty: ir::Type) -> Result<FunctionType<'ctx>, Diagnostic> {
    match t.llvm_type(ty, op)? {
        AnyTypeEnum::FunctionType(f) => Ok(f),
        _ => Err(t.error(op, "expected an LLVM function type")),
    }
}

struct Func;

impl LlvmTranslation for Func {
    fn declare<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let func = llvm::FuncOp(op);
        let ir = t.ir;
        let ctx = ir.ctx();
        let name = ir.symbol_name(op).ok_or_else(|| t.error(op, "a function needs a name"))?.to_string();
        let ty = func.function_type(ir).and_then(|a| a.as_type(ctx)).ok_or_else(|| t.error(op, "missing 'function_type'"))?;
        let ty = function_type(t, op, ty)?;
        if t.module.get_function(&name).is_some() || t.module.get_global(&name).is_some() {
            return Err(t.error(op, format!("symbol '{name}' is defined twice")));
        }
        let function = t.module.add_function(&name, ty, Some(linkage(t, op, func.linkage(ir))?));
        function.set_call_conventions(calling_convention(t, op, func.CConv(ir))?);
        let global = function.as_global_value();
        set_visibility(global, func.visibility_(ir).and_then(|a| a.as_integer(ctx)));
        set_unnamed_addr(global, func.unnamed_addr(ir).and_then(|a| a.as_integer(ctx)));
        add_parameter_attributes(t, op, function)?;
        add_passthrough(t, op, function)?;
        crate::translator::amend_function(op, function, t)
    }

    fn define<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let ir = t.ir;
        if llvm::FuncOp(op).is_declaration(ir) {
            return Ok(());
        }
        let name = ir.symbol_name(op).unwrap_or_default();
        let function = t.module.get_function(name).ok_or_else(|| t.error(op, "function was not declared"))?;
        let region = ir.regions(op)[0];
        t.translate_function_body(op, region, function)
    }
}

struct Global;

impl LlvmTranslation for Global {
    fn declare<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let global_op = llvm::GlobalOp(op);
        let ir = t.ir;
        let ctx = ir.ctx();
        let name = ir.symbol_name(op).ok_or_else(|| t.error(op, "a global needs a name"))?.to_string();
        let ty = global_op.global_type(ir).and_then(|a| a.as_type(ctx)).ok_or_else(|| t.error(op, "missing 'global_type'"))?;
        let ty = t.basic_type(ty, op)?;
        let space = global_op.addr_space(ir).and_then(|a| a.as_integer(ctx)).unwrap_or(0);
        let space = u16::try_from(space).map_err(|_| t.error(op, "address space out of range"))?;
        if t.module.get_function(&name).is_some() || t.module.get_global(&name).is_some() {
            return Err(t.error(op, format!("symbol '{name}' is defined twice")));
        }
        let global = t.module.add_global(ty, Some(AddressSpace::from(space)), &name);
        global.set_linkage(linkage(t, op, global_op.linkage(ir))?);
        global.set_constant(global_op.constant(ir).is_some());
        if let Some(align) = global_op.alignment(ir).and_then(|a| a.as_integer(ctx)).filter(|&a| a > 0) {
            global.set_alignment(u32::try_from(align).map_err(|_| t.error(op, "alignment out of range"))?);
        }
        set_visibility(global, global_op.visibility_(ir).and_then(|a| a.as_integer(ctx)));
        set_unnamed_addr(global, global_op.unnamed_addr(ir).and_then(|a| a.as_integer(ctx)));
        if ir.attr(op, "thread_local_").is_some() {
            global.set_thread_local(true);
        }
        if let Some(section) = ir.attr(op, "section").and_then(|a| a.as_string(ctx)) {
            global.set_section(Some(section));
        }
        Ok(())
    }

    fn define<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let global_op = llvm::GlobalOp(op);
        let ir = t.ir;
        let ctx = ir.ctx();
        let name = ir.symbol_name(op).unwrap_or_default();
        let global = t.module.get_global(name).ok_or_else(|| t.error(op, "global was not declared"))?;
        let ty = global_op.global_type(ir).and_then(|a| a.as_type(ctx)).ok_or_else(|| t.error(op, "missing 'global_type'"))?;
        let region = ir.regions(op).first().copied().filter(|&r| !ir.region_blocks(r).is_empty());
        let initializer = match (global_op.value(ir), region) {
            (Some(value), _) => Some(t.constant(value, ty, op)?),
            (None, Some(region)) => Some(t.translate_initializer(op, region)?),
            (None, None) => {
                let linkage = global.get_linkage();
                if matches!(linkage, Linkage::External | Linkage::ExternalWeak) {
                    None
                } else {
                    // Upstream leaves a defined global without a value undefined.
                    Some(ffi::undef(t.basic_type(ty, op)?))
                }
            }
        };
        if let Some(initializer) = initializer {
            global.set_initializer(&initializer);
        }
        Ok(())
    }
}

struct AddressOf;

impl LlvmTranslation for AddressOf {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let ir = t.ir;
        let ctx = ir.ctx();
        let name = llvm::AddressOfOp(op)
            .global_name(ir)
            .and_then(|a| a.as_flat_symbol_ref(ctx))
            .ok_or_else(|| t.error(op, "missing 'global_name'"))?;
        let name = ctx.str(name);
        let pointer = match (t.module.get_global(name), t.module.get_function(name)) {
            (Some(global), _) => global.as_pointer_value(),
            (None, Some(function)) => function.as_global_value().as_pointer_value(),
            _ => return Err(t.error(op, format!("'@{name}' is not a global or function of the module"))),
        };
        t.map_result(op, pointer);
        Ok(())
    }
}

struct Call;

impl LlvmTranslation for Call {
    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let call = llvm::CallOp(op);
        let ir = t.ir;
        let ctx = ir.ctx();
        let operands = call.callee_operands(ir);
        let explicit_type = call.var_callee_type(ir).and_then(|a| a.as_type(ctx));
        let (pointer, args, ty) = match call.callee(ir).and_then(|a| a.as_flat_symbol_ref(ctx)) {
            Some(name) => {
                let name = ctx.str(name);
                let function = t
                    .module
                    .get_function(name)
                    .ok_or_else(|| t.error(op, format!("'@{name}' is not a function of the module")))?;
                let ty = match explicit_type {
                    Some(ty) => function_type(t, op, ty)?,
                    None => function.get_type(),
                };
                (function.as_global_value().as_pointer_value(), operands, ty)
            }
            None => {
                let (&first, rest) =
                    operands.split_first().ok_or_else(|| t.error(op, "an indirect call needs a callee pointer"))?;
                let BasicValueEnum::PointerValue(pointer) = t.value(first, op)? else {
                    return Err(t.error(op, "the callee must be a pointer"));
                };
                let ty = match explicit_type {
                    Some(ty) => function_type(t, op, ty)?,
                    None => {
                        let result =
                            ir.results(op).first().map(|&r| ir.value_type(r)).unwrap_or_else(|| dialect_llvm::types::void(ctx));
                        let params = rest.iter().map(|&v| ir.value_type(v)).collect();
                        let ty = LlvmType::Func { result, params, vararg: false }.to_type(ctx);
                        function_type(t, op, ty)?
                    }
                };
                (pointer, rest, ty)
            }
        };
        let args: Vec<BasicMetadataValueEnum<'ctx>> =
            args.iter().map(|&v| t.value(v, op).map(Into::into)).collect::<Result<_, _>>()?;
        let site = t.built(op, t.builder.build_indirect_call(ty, pointer, &args, ""))?;
        site.set_call_convention(calling_convention(t, op, call.CConv(ir))?);
        match call.TailCallKind(ir).and_then(|a| llvm_attr_inner(ctx, a, "tailcallkind")) {
            Some("tail") => site.set_tail_call_kind(inkwell::llvm_sys::LLVMTailCallKind::LLVMTailCallKindTail),
            Some("musttail") => site.set_tail_call_kind(inkwell::llvm_sys::LLVMTailCallKind::LLVMTailCallKindMustTail),
            Some("notail") => site.set_tail_call_kind(inkwell::llvm_sys::LLVMTailCallKind::LLVMTailCallKindNoTail),
            _ => {}
        }
        ffi::set_call_fast_math(site, fastmath_bits(ctx, call.fastmathFlags(ir)));
        if let ValueKind::Basic(value) = site.try_as_basic_value() {
            t.map_result(op, value);
        }
        Ok(())
    }
}

/// `llvm.mlir.global_ctors` / `global_dtors`: the appending global
/// `@llvm.global_ctors` (or `_dtors`) of `{i32 priority, ptr function,
/// ptr data}` entries, made once every function is declared.
struct Structors {
    list: &'static str,
    global: &'static str,
}

impl LlvmTranslation for Structors {
    fn declare<'ctx>(&self, _: OpId, _: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        Ok(())
    }

    fn define<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let ir = t.ir;
        let ctx = ir.ctx();
        let array = |name: &str| ir.attr(op, name).and_then(|a| a.as_array(ctx)).map(<[_]>::to_vec).unwrap_or_default();
        let (functions, priorities) = (array(self.list), array("priorities"));
        let i32t = t.llvm.i32_type();
        let ptr = t.llvm.ptr_type(AddressSpace::default());
        let entry = t.llvm.struct_type(&[i32t.into(), ptr.into(), ptr.into()], false);
        let mut entries = Vec::with_capacity(functions.len());
        for (function, priority) in functions.iter().zip(&priorities) {
            let name = function.as_flat_symbol_ref(ctx).map(|n| ctx.str(n)).unwrap_or_default();
            let function =
                t.module.get_function(name).ok_or_else(|| t.error(op, format!("'@{name}' is not a function of the module")))?;
            let priority = priority.as_integer(ctx).unwrap_or(65535);
            let fields = [
                i32t.const_int(priority as u64, false).into(),
                function.as_global_value().as_pointer_value().into(),
                ptr.const_null().into(),
            ];
            entries.push(entry.const_named_struct(&fields));
        }
        let array_type = entry.array_type(entries.len() as u32);
        let global = t.module.add_global(array_type, None, self.global);
        global.set_linkage(Linkage::Appending);
        global.set_initializer(&entry.const_array(&entries));
        Ok(())
    }
}

pub(super) fn register(ctx: &Context) {
    attach! { ctx,
        llvm::GlobalCtorsOp => Structors = Structors { list: "ctors", global: "llvm.global_ctors" };
        llvm::GlobalDtorsOp => Structors = Structors { list: "dtors", global: "llvm.global_dtors" };
        llvm::FuncOp => Func = Func;
        llvm::GlobalOp => Global = Global;
        llvm::AddressOfOp => AddressOf = AddressOf;
        llvm::CallOp => Call = Call;
    }
}
