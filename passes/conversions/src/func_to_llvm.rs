//! `convert-func-to-llvm`: functions, calls and returns become `llvm.func`,
//! `llvm.call` and `llvm.return`, with upstream's calling convention for
//! memrefs: a ranked memref argument is passed as its descriptor's fields
//! (allocated pointer, aligned pointer, offset, sizes, strides), an unranked
//! one as its rank and descriptor pointer; several results are returned as
//! one struct.
//!
//! A function with `llvm.emit_c_interface` also gets a C-compatible
//! wrapper, `_mlir_ciface_<name>`, that takes memrefs as pointers to their
//! descriptors (and, when it returns a struct, a pointer to the result slot
//! first). For a declaration with the attribute, the roles swap: the
//! function becomes a private definition that calls the external
//! `_mlir_ciface_<name>`, which is how runtime functions such as
//! `printMemrefF32` are reached.

use dialect_func as func;
use dialect_llvm as llvm;
use ir::pass::{FunctionPass, PassInfo};
use ir::rewrite::{convert_block_arguments, ConversionPattern, PatternRewriter, TypeConverter};
use ir::{Attribute, BlockId, Context, Diagnostic, Ir, Location, OpId, OpType, Type, Value};

use crate::llvm_type_converter::lower_dialect_to_llvm;
use crate::memref_descriptor::{index_constant, MemRefDescriptor};

pub const INFO: PassInfo = PassInfo {
    name: "convert-func-to-llvm",
    summary: "Convert from the Func dialect to the LLVM dialect",
    anchor: None,
    options: &[],
    dependent_dialects: &["llvm"],
    create: |_| Ok(Box::new(FunctionPass(convert_func_to_llvm))),
};

/// Lowers every func op under `root`.
pub fn convert_func_to_llvm(ir: &mut Ir, root: OpId) -> Result<(), Diagnostic> {
    lower_dialect_to_llvm(ir, root, "func", populate_func_to_llvm_patterns)
}

/// The patterns that lower func ops.
pub fn populate_func_to_llvm_patterns(patterns: &mut Vec<Box<dyn ConversionPattern>>) {
    patterns.push(Box::new(LowerFunc));
    patterns.push(Box::new(LowerReturn(func::ReturnOp::NAME)));
    patterns.push(Box::new(LowerCall));
}

const C_INTERFACE: &str = "llvm.emit_c_interface";

/// How one argument of a function is passed after lowering.
#[derive(Clone)]
enum ArgumentPassing {
    /// As one value of the converted type.
    Value(Type),
    /// As the fields of a (ranked or unranked) memref descriptor.
    Descriptor { descriptor: Type, fields: Vec<Type> },
}

impl ArgumentPassing {
    fn of(ctx: &Context, converter: &TypeConverter, ty: Type) -> ArgumentPassing {
        let converted = converter.convert(ctx, ty);
        if ty.is_memref(ctx) {
            ArgumentPassing::Descriptor { descriptor: converted, fields: descriptor_fields(ctx, converted) }
        } else {
            ArgumentPassing::Value(converted)
        }
    }

    fn lowered_types(&self) -> Vec<Type> {
        match self {
            ArgumentPassing::Value(t) => vec![*t],
            ArgumentPassing::Descriptor { fields, .. } => fields.clone(),
        }
    }
}

/// The scalar fields of a descriptor struct, arrays flattened.
fn descriptor_fields(ctx: &Context, descriptor: Type) -> Vec<Type> {
    let Some(llvm::types::LlvmType::Struct { body: Some(fields), .. }) = llvm::types::LlvmType::of(ctx, descriptor) else {
        return vec![descriptor];
    };
    fields
        .iter()
        .flat_map(|&f| match llvm::types::LlvmType::of(ctx, f) {
            Some(llvm::types::LlvmType::Array(n, element)) => vec![element; n as usize],
            _ => vec![f],
        })
        .collect()
}

/// A function signature after lowering.
pub(crate) struct LoweredSignature {
    arguments: Vec<ArgumentPassing>,
    /// `!llvm.void`, the one converted result, or a struct of all results.
    result: Type,
    /// The converted result types, before packing.
    results: Vec<Type>,
}

impl LoweredSignature {
    pub(crate) fn of(ctx: &Context, converter: &TypeConverter, inputs: &[Type], results: &[Type]) -> LoweredSignature {
        let arguments = inputs.iter().map(|&t| ArgumentPassing::of(ctx, converter, t)).collect();
        let results: Vec<Type> = results.iter().map(|&t| converter.convert(ctx, t)).collect();
        let result = match results.as_slice() {
            [] => llvm::types::void(ctx),
            [one] => *one,
            many => llvm::types::literal_struct(ctx, many.to_vec()),
        };
        LoweredSignature { arguments, result, results }
    }

    pub(crate) fn params(&self) -> Vec<Type> {
        self.arguments.iter().flat_map(|a| a.lowered_types()).collect()
    }

    pub(crate) fn function_type(&self, ctx: &Context) -> Type {
        llvm::types::function(ctx, self.result, self.params(), false)
    }

    /// Whether the result is a struct (a memref or several results), which
    /// the C interface returns through a pointer.
    fn returns_struct(&self, ctx: &Context) -> bool {
        matches!(llvm::types::LlvmType::of(ctx, self.result), Some(llvm::types::LlvmType::Struct { .. }))
    }
}

/// The attributes of `func.func` that the lowered function keeps: the
/// discardable ones, and `sym_visibility` as upstream keeps it.
fn kept_attributes(ir: &Ir, op: OpId) -> Vec<(String, Attribute)> {
    let ctx = ir.ctx();
    ir.op(op)
        .attributes
        .iter()
        .map(|a| (ctx.str(a.name).to_string(), a.value))
        .filter(|(n, _)| !matches!(n.as_str(), "sym_name" | "function_type" | "arg_attrs" | "res_attrs"))
        .collect()
}

/// Builds an `llvm.func` named `name` of `function_type` before `anchor`.
pub(crate) fn build_function(
    r: &mut PatternRewriter<'_>,
    anchor: OpId,
    location: Location,
    name: &str,
    function_type: Type,
    linkage: Option<&str>,
    kept: &[(String, Attribute)],
) -> Option<llvm::FuncOp> {
    let ctx = r.ctx();
    let mut attributes: Vec<(&str, Attribute)> =
        vec![("sym_name", Attribute::string(ctx, name)), ("function_type", Attribute::type_attr(ctx, function_type))];
    if let Some(linkage) = linkage {
        attributes.push(("linkage", llvm::attrs::linkage_attr(ctx, linkage)));
    }
    attributes.extend(kept.iter().map(|(n, v)| (n.as_str(), *v)));
    r.build_before::<llvm::FuncOp>(anchor, location, &[], &[], &attributes)
}

/// The values the original arguments stand for, made from the lowered
/// arguments `args` before `anchor`: descriptors are packed from their
/// fields; then each value is cast back to its original type for the users
/// not converted yet.
fn rebuild_arguments(
    r: &mut PatternRewriter<'_>,
    signature: &LoweredSignature,
    original: &[Type],
    args: &[Value],
    anchor: OpId,
    location: Location,
    cast_back: bool,
) -> Option<Vec<Value>> {
    let mut values = Vec::new();
    let mut next = args.iter().copied();
    for (passing, &old) in signature.arguments.iter().zip(original) {
        let value = match passing {
            ArgumentPassing::Value(_) => next.next()?,
            ArgumentPassing::Descriptor { descriptor, fields } => {
                let fields: Vec<Value> = next.by_ref().take(fields.len()).collect();
                pack_descriptor(r, *descriptor, &fields, anchor, location)?
            }
        };
        values.push(if cast_back && r.ir().value_type(value) != old {
            ir::rewrite::unrealized_cast(r.ir_mut(), anchor, value, old, location)
        } else {
            value
        });
    }
    Some(values)
}

/// A descriptor of `ty` (ranked or unranked) from its flattened fields.
fn pack_descriptor(r: &mut PatternRewriter<'_>, ty: Type, fields: &[Value], anchor: OpId, location: Location) -> Option<Value> {
    let ctx = r.ctx();
    let ranked =
        matches!(llvm::types::LlvmType::of(ctx, ty), Some(llvm::types::LlvmType::Struct { body: Some(f), .. }) if f.len() != 2);
    if ranked {
        return Some(MemRefDescriptor::pack(r, ty, fields, anchor, location)?.value);
    }
    // Unranked: `(rank, descriptor pointer)`.
    let poison = r.build_before::<llvm::PoisonOp>(anchor, location, &[], &[ty], &[])?;
    let mut value = r.ir().result(poison.0, 0);
    for (i, &field) in fields.iter().enumerate() {
        let position = ir::mixed_list::attribute(r.ctx(), &[i as i64]);
        let insert =
            r.build_before::<llvm::InsertValueOp>(anchor, location, &[&[value], &[field]], &[ty], &[("position", position)])?;
        value = r.ir().result(insert.0, 0);
    }
    Some(value)
}

/// The flattened fields of descriptor `value` (ranked or unranked).
fn unpack_descriptor(r: &mut PatternRewriter<'_>, value: Value, anchor: OpId, location: Location) -> Option<Vec<Value>> {
    let ctx = r.ctx();
    let ty = r.ir().value_type(value);
    let fields = descriptor_fields(ctx, ty);
    if fields.len() == 2 {
        let mut out = Vec::new();
        for (i, &t) in fields.iter().enumerate() {
            let position = ir::mixed_list::attribute(r.ctx(), &[i as i64]);
            let extract =
                r.build_before::<llvm::ExtractValueOp>(anchor, location, &[&[value]], &[t], &[("position", position)])?;
            out.push(r.ir().result(extract.0, 0));
        }
        return Some(out);
    }
    MemRefDescriptor::new(value, anchor, location).unpack(r)
}

/// The lowered call arguments for `values` passed as `passing`.
fn lower_arguments(
    r: &mut PatternRewriter<'_>,
    passing: &[ArgumentPassing],
    values: &[Value],
    anchor: OpId,
    location: Location,
) -> Option<Vec<Value>> {
    let mut out = Vec::new();
    for (p, &v) in passing.iter().zip(values) {
        match p {
            ArgumentPassing::Value(_) => out.push(v),
            ArgumentPassing::Descriptor { .. } => out.extend(unpack_descriptor(r, v, anchor, location)?),
        }
    }
    Some(out)
}

/// `func.func` becomes `llvm.func`, its body moved over with a new entry
/// block that takes the lowered arguments; C wrappers are added when asked.
struct LowerFunc;

impl ConversionPattern for LowerFunc {
    fn root(&self) -> &'static str {
        func::FuncOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        _: &[Value],
        converter: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let function = func::FuncOp(op);
        let (inputs, results) = function.signature(ir);
        let signature = LoweredSignature::of(ctx, converter, &inputs, &results);
        let name = ir.symbol_name(op)?.to_string();
        let location = ir.op(op).location;
        let kept = kept_attributes(ir, op);
        let c_interface = ir.attr(op, C_INTERFACE).is_some();
        let declaration = function.is_declaration(ir);
        let function_type = signature.function_type(ctx);
        if declaration && c_interface {
            calling_c_interface(r, op, &name, &signature, &inputs, &kept, location)?;
            return Some(Vec::new());
        }
        let new = build_function(r, op, location, &name, function_type, None, &kept)?;
        if !declaration {
            move_body(r, op, new, &signature, &inputs, converter, location, &mut |_, _| Some(Vec::new()))?;
            if c_interface {
                c_interface_wrapper(r, op, &name, &signature, &kept, location)?;
            }
        }
        Some(Vec::new())
    }
}

/// Moves the body of `old` into `new`, behind a new entry block that takes
/// the lowered arguments and rebuilds the original ones. The entry block's
/// arguments after the function's own (a `gpu.func`'s attributions) get
/// the values `trailing` makes before the anchor it is given.
#[allow(clippy::too_many_arguments)]
pub(crate) fn move_body(
    r: &mut PatternRewriter<'_>,
    old: OpId,
    new: llvm::FuncOp,
    signature: &LoweredSignature,
    inputs: &[Type],
    converter: &TypeConverter,
    location: Location,
    trailing: &mut dyn FnMut(&mut PatternRewriter<'_>, OpId) -> Option<Vec<Value>>,
) -> Option<()> {
    let old_region = *r.ir().regions(old).first()?;
    let new_region = *r.ir().regions(new.0).first()?;
    let old_entry = r.ir().entry_block(old_region)?;
    let entry = r.create_block_at_start(new_region, &signature.params(), location);
    let args = r.ir().block_arguments(entry).to_vec();
    r.inline_region_at_end(old_region, new_region);
    let others: Vec<BlockId> =
        r.ir().region_blocks(new_region).iter().copied().filter(|&b| b != entry && b != old_entry).collect();
    // The old entry's first op marks where the rebuilt arguments go.
    let first = r.ir().first_op(old_entry)?;
    let mut values = rebuild_arguments(r, signature, inputs, &args, first, location, true)?;
    values.extend(trailing(r, first)?);
    // Ops made before `first` (the rebuilt arguments) move with the block.
    r.merge_block_into(old_entry, entry, &values);
    for block in others {
        convert_block_arguments(r.ir_mut(), block, converter);
    }
    Some(())
}

/// `_mlir_ciface_<name>`: takes memrefs as pointers to their descriptors
/// and, when `<name>` returns a struct, a pointer to store it in first.
fn c_interface_wrapper(
    r: &mut PatternRewriter<'_>,
    anchor: OpId,
    name: &str,
    signature: &LoweredSignature,
    kept: &[(String, Attribute)],
    location: Location,
) -> Option<()> {
    let ctx = r.ctx();
    let ptr = llvm::types::ptr(ctx);
    let by_struct = signature.returns_struct(ctx);
    let mut params: Vec<Type> = if by_struct { vec![ptr] } else { Vec::new() };
    params.extend(signature.arguments.iter().map(|a| match a {
        ArgumentPassing::Value(t) => *t,
        ArgumentPassing::Descriptor { .. } => ptr,
    }));
    let result = if by_struct { llvm::types::void(ctx) } else { signature.result };
    let wrapper_type = llvm::types::function(ctx, result, params.clone(), false);
    let wrapper = build_function(r, anchor, location, &format!("_mlir_ciface_{name}"), wrapper_type, None, kept)?;
    let region = *r.ir().regions(wrapper.0).first()?;
    let block = r.create_block_at_start(region, &params, location);
    let terminator = r.build_at_end::<llvm::ReturnOp>(block, location, &[&[]], &[], &[])?.0;
    let args = r.ir().block_arguments(block).to_vec();
    let (result_slot, args) = if by_struct { (Some(args[0]), &args[1..]) } else { (None, &args[..]) };
    let mut call_args = Vec::new();
    for (passing, &arg) in signature.arguments.iter().zip(args) {
        match passing {
            ArgumentPassing::Value(_) => call_args.push(arg),
            ArgumentPassing::Descriptor { descriptor, .. } => {
                let load = r.build_before::<llvm::LoadOp>(terminator, location, &[&[arg]], &[*descriptor], &[])?;
                let loaded = r.ir().result(load.0, 0);
                call_args.extend(unpack_descriptor(r, loaded, terminator, location)?);
            }
        }
    }
    let callee = Attribute::symbol_ref(r.ctx(), name);
    let results: Vec<Type> = if signature.results.is_empty() { Vec::new() } else { vec![signature.result] };
    let call = r.build_before::<llvm::CallOp>(terminator, location, &[&call_args, &[]], &results, &[("callee", callee)])?;
    let returned = r.ir().results(call.0).first().copied();
    match (result_slot, returned) {
        (Some(slot), Some(value)) => {
            r.build_before::<llvm::StoreOp>(terminator, location, &[&[value], &[slot]], &[], &[])?;
        }
        (None, Some(value)) => {
            r.build_before::<llvm::ReturnOp>(terminator, location, &[&[value]], &[], &[])?;
            r.erase_op(terminator);
        }
        _ => {}
    }
    Some(())
}

/// A declaration with the C interface becomes a private definition that
/// stores its memref arguments in stack slots and calls the external
/// `_mlir_ciface_<name>` with pointers to them.
fn calling_c_interface(
    r: &mut PatternRewriter<'_>,
    anchor: OpId,
    name: &str,
    signature: &LoweredSignature,
    inputs: &[Type],
    kept: &[(String, Attribute)],
    location: Location,
) -> Option<()> {
    let ctx = r.ir().ctx_arc().clone();
    let ctx = &*ctx;
    let ptr = llvm::types::ptr(ctx);
    let by_struct = signature.returns_struct(ctx);
    let definition = build_function(r, anchor, location, name, signature.function_type(ctx), Some("private"), kept)?;
    let mut external_params: Vec<Type> = if by_struct { vec![ptr] } else { Vec::new() };
    external_params.extend(signature.arguments.iter().map(|a| match a {
        ArgumentPassing::Value(t) => *t,
        ArgumentPassing::Descriptor { .. } => ptr,
    }));
    let external_result = if by_struct { llvm::types::void(ctx) } else { signature.result };
    let external_type = llvm::types::function(ctx, external_result, external_params, false);
    let external = format!("_mlir_ciface_{name}");
    build_function(r, anchor, location, &external, external_type, None, kept)?;

    let region = *r.ir().regions(definition.0).first()?;
    let block = r.create_block_at_start(region, &signature.params(), location);
    let terminator = r.build_at_end::<llvm::ReturnOp>(block, location, &[&[]], &[], &[])?.0;
    let args = r.ir().block_arguments(block).to_vec();
    let values = rebuild_arguments(r, signature, inputs, &args, terminator, location, false)?;
    // The count of the stack slots, made only when there are slots (as upstream).
    let needs_slots = by_struct || signature.arguments.iter().any(|a| matches!(a, ArgumentPassing::Descriptor { .. }));
    let one = if needs_slots { Some(index_constant(r, terminator, location, 1)?) } else { None };
    let mut call_args = Vec::new();
    let result_slot = if by_struct { Some(stack_slot(r, terminator, location, one?, signature.result)?) } else { None };
    call_args.extend(result_slot);
    for (passing, &value) in signature.arguments.iter().zip(&values) {
        match passing {
            ArgumentPassing::Value(_) => call_args.push(value),
            ArgumentPassing::Descriptor { descriptor, .. } => {
                let slot = stack_slot(r, terminator, location, one?, *descriptor)?;
                r.build_before::<llvm::StoreOp>(terminator, location, &[&[value], &[slot]], &[], &[])?;
                call_args.push(slot);
            }
        }
    }
    let callee = Attribute::symbol_ref(r.ctx(), &external);
    let direct_result: Vec<Type> = if by_struct || signature.results.is_empty() { Vec::new() } else { vec![signature.result] };
    let call = r.build_before::<llvm::CallOp>(terminator, location, &[&call_args, &[]], &direct_result, &[("callee", callee)])?;
    let returned = match result_slot {
        Some(slot) => {
            let load = r.build_before::<llvm::LoadOp>(terminator, location, &[&[slot]], &[signature.result], &[])?;
            Some(r.ir().result(load.0, 0))
        }
        None => r.ir().results(call.0).first().copied(),
    };
    if let Some(value) = returned {
        r.build_before::<llvm::ReturnOp>(terminator, location, &[&[value]], &[], &[])?;
        r.erase_op(terminator);
    }
    Some(())
}

/// `llvm.alloca 1 x ty`.
fn stack_slot(r: &mut PatternRewriter<'_>, anchor: OpId, location: Location, one: Value, ty: Type) -> Option<Value> {
    let ctx = r.ctx();
    let ptr = llvm::types::ptr(ctx);
    let alloca =
        r.build_before::<llvm::AllocaOp>(anchor, location, &[&[one]], &[ptr], &[("elem_type", Attribute::type_attr(ctx, ty))])?;
    Some(r.ir().result(alloca.0, 0))
}

/// `func.return` (or another return, `gpu.return`, named by the field)
/// becomes `llvm.return`, several values packed in a struct.
pub(crate) struct LowerReturn(pub(crate) &'static str);

impl ConversionPattern for LowerReturn {
    fn root(&self) -> &'static str {
        self.0
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        _: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let location = r.ir().op(op).location;
        let value = match operands {
            [] => None,
            [one] => Some(*one),
            many => Some(pack_struct(r, op, location, many)?),
        };
        let values: Vec<Value> = value.into_iter().collect();
        r.build_before::<llvm::ReturnOp>(op, location, &[&values], &[], &[])?;
        Some(Vec::new())
    }
}

/// `values` as the fields of a literal struct.
fn pack_struct(r: &mut PatternRewriter<'_>, anchor: OpId, location: Location, values: &[Value]) -> Option<Value> {
    let ctx = r.ctx();
    let types: Vec<Type> = values.iter().map(|&v| r.ir().value_type(v)).collect();
    let ty = llvm::types::literal_struct(ctx, types);
    let poison = r.build_before::<llvm::PoisonOp>(anchor, location, &[], &[ty], &[])?;
    let mut packed = r.ir().result(poison.0, 0);
    for (i, &v) in values.iter().enumerate() {
        let position = ir::mixed_list::attribute(r.ctx(), &[i as i64]);
        let insert =
            r.build_before::<llvm::InsertValueOp>(anchor, location, &[&[packed], &[v]], &[ty], &[("position", position)])?;
        packed = r.ir().result(insert.0, 0);
    }
    Some(packed)
}

/// `func.call` becomes `llvm.call` with memrefs passed as their fields and
/// several results unpacked from the returned struct.
struct LowerCall;

impl ConversionPattern for LowerCall {
    fn root(&self) -> &'static str {
        func::CallOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        converter: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let callee = func::CallOp(op).callee(ir)?;
        let inputs: Vec<Type> = ir.operands(op).iter().map(|&v| ir.value_type(v)).collect();
        let results: Vec<Type> = ir.results(op).iter().map(|&v| ir.value_type(v)).collect();
        let signature = LoweredSignature::of(ctx, converter, &inputs, &results);
        let location = ir.op(op).location;
        let args = lower_arguments(r, &signature.arguments, operands, op, location)?;
        let call_results: Vec<Type> = if results.is_empty() { Vec::new() } else { vec![signature.result] };
        let call = r.build_before::<llvm::CallOp>(op, location, &[&args, &[]], &call_results, &[("callee", callee)])?;
        let returned = r.ir().results(call.0).to_vec();
        if results.len() <= 1 {
            return Some(returned);
        }
        let mut values = Vec::new();
        for (i, &t) in signature.results.iter().enumerate() {
            let position = ir::mixed_list::attribute(r.ctx(), &[i as i64]);
            let extract =
                r.build_before::<llvm::ExtractValueOp>(op, location, &[&[returned[0]]], &[t], &[("position", position)])?;
            values.push(r.ir().result(extract.0, 0));
        }
        Some(values)
    }
}
