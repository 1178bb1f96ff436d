//! `gpu-to-llvm`: the host side of GPU programs becomes calls into a GPU
//! runtime (upstream's `mgpu*` C functions, which `ml-gpu-runtime`
//! implements on the CUDA driver):
//!
//! - each `gpu.binary` becomes `@<name>_binary`, a constant holding the
//!   object its offloading handler selects (PTX with its NUL), and a
//!   global `@<name>_module` that a constructor (`@<name>_load`, priority
//!   123) fills with `mgpuModuleLoad` and a destructor (`@<name>_unload`)
//!   empties with `mgpuModuleUnload`, as upstream's `#gpu.select_object`
//!   translation does;
//! - `gpu.launch_func` looks the kernel up (`mgpuModuleGetFunction` with
//!   the name `@<module>_<kernel>_name`), stores its arguments (memrefs as
//!   their descriptor fields, which is how `convert-gpu-to-nvvm` passes
//!   them) in a stack struct whose field addresses go in an array of
//!   pointers, and calls `mgpuLaunchKernel`;
//! - `gpu.alloc` / `gpu.dealloc` call `mgpuMemAlloc` / `mgpuMemFree`,
//!   `gpu.memcpy` `mgpuMemcpy` (contiguous buffers), `gpu.memset`
//!   `mgpuMemset32` / `mgpuMemset16`;
//! - `!gpu.async.token` is a stream (`!llvm.ptr`): `gpu.wait async`
//!   creates one (`mgpuStreamCreate`), async ops run on the stream of
//!   their one dependency and return it, `gpu.wait [...]` synchronizes and
//!   destroys the streams it waits for.
//!
//! Ops without `async` run on the default stream (null) and are waited
//! for (`mgpuStreamSynchronize`) before the host goes on.
//!
//! Differences from upstream: upstream runs this before
//! `gpu-module-to-binary` and leaves `gpu.launch_func` (and the binary) for
//! the LLVM translation to expand; here the launch is expanded in the llvm
//! dialect, so the binaries must exist first (`--gpu-module-to-binary
//! --gpu-to-llvm`) and everything after is plain llvm dialect that
//! `ml-translate` and `ml-run` take as it is. Upstream lowers only the
//! async forms of the memory ops; the sync forms are lowered here too.
//! Not lowered: cluster launches, async ops with several dependencies,
//! `gpu.wait async` joining several streams (no events), binary objects
//! (`format=bin`; PTX and LLVM IR text are). Everything else (func, memref,
//! arith) is left to `lower-to-llvm`, which may run before or after;
//! `reconcile-unrealized-casts` (the end of `lower-to-llvm`) removes the
//! casts between them.

use dialect_gpu as gpu;
use dialect_llvm as llvm;
use ir::pass::{FunctionPass, PassInfo};
use ir::rewrite::{apply_conversion, ConversionMode, ConversionPattern, ConversionTarget, PatternRewriter, TypeConverter};
use ir::types::{TypeData, DYNAMIC};
use ir::{Attribute, Diagnostic, Ir, Location, OpId, OpType, Type, Value};

use crate::finalize_memref_to_llvm::{element_type, gep, is_contiguous, Arith};
use crate::llvm_function::{declare, string_constant};
use crate::llvm_type_converter::{index_type, llvm_type_converter};
use crate::memref_descriptor::MemRefDescriptor;

pub const INFO: PassInfo = PassInfo {
    name: "gpu-to-llvm",
    summary: "Convert GPU dialect to LLVM dialect with GPU runtime calls",
    anchor: None,
    options: &[],
    dependent_dialects: &["llvm"],
    create: |_| Ok(Box::new(FunctionPass(convert_gpu_to_llvm))),
};

/// The priority of the constructors that load binaries (upstream's).
pub const LOAD_PRIORITY: i64 = 123;

/// The runtime functions, as upstream's runtime wrappers declare them.
mod runtime {
    pub const MODULE_LOAD: &str = "mgpuModuleLoad";
    pub const MODULE_UNLOAD: &str = "mgpuModuleUnload";
    pub const MODULE_GET_FUNCTION: &str = "mgpuModuleGetFunction";
    pub const LAUNCH_KERNEL: &str = "mgpuLaunchKernel";
    pub const STREAM_CREATE: &str = "mgpuStreamCreate";
    pub const STREAM_DESTROY: &str = "mgpuStreamDestroy";
    pub const STREAM_SYNCHRONIZE: &str = "mgpuStreamSynchronize";
    pub const MEM_ALLOC: &str = "mgpuMemAlloc";
    pub const MEM_FREE: &str = "mgpuMemFree";
    pub const MEMCPY: &str = "mgpuMemcpy";
    pub const MEMSET_32: &str = "mgpuMemset32";
    pub const MEMSET_16: &str = "mgpuMemset16";
}

/// Lowers the binaries and the host's gpu ops in `module`.
pub fn convert_gpu_to_llvm(ir: &mut Ir, module: OpId) -> Result<(), Diagnostic> {
    let Some(body) = ir.regions(module).first().and_then(|&r| ir.entry_block(r)) else { return Ok(()) };
    let binaries: Vec<OpId> = ir.block_ops(body).filter(|&o| ir.isa::<gpu::BinaryOp>(o)).collect();
    for binary in binaries {
        lower_binary(ir, binary)?;
    }
    let target = ConversionTarget::default()
        .legal_dialect("llvm")
        .illegal_op(gpu::LaunchFuncOp::NAME)
        .illegal_op(gpu::AllocOp::NAME)
        .illegal_op(gpu::DeallocOp::NAME)
        .illegal_op(gpu::MemcpyOp::NAME)
        .illegal_op(gpu::MemsetOp::NAME)
        .illegal_op(gpu::WaitOp::NAME);
    let mut patterns = Vec::new();
    populate_gpu_to_llvm_patterns(&mut patterns);
    apply_conversion(ir, module, &target, &gpu_type_converter(), &patterns, ConversionMode::Partial)
}

/// The llvm lowering's types, and tokens as streams.
pub fn gpu_type_converter() -> TypeConverter {
    let mut converter = llvm_type_converter();
    converter.add_rule(|ctx, ty| (ty == gpu::async_token_type(ctx)).then(|| llvm::types::ptr(ctx)));
    converter
}

/// The patterns that lower the host's gpu ops.
pub fn populate_gpu_to_llvm_patterns(patterns: &mut Vec<Box<dyn ConversionPattern>>) {
    patterns.push(Box::new(LowerLaunchFunc));
    patterns.push(Box::new(LowerAlloc));
    patterns.push(Box::new(LowerDealloc));
    patterns.push(Box::new(LowerMemcpy));
    patterns.push(Box::new(LowerMemset));
    patterns.push(Box::new(LowerWait));
}

// ---- small builders ----

fn ptr(ctx: &ir::Context) -> Type {
    llvm::types::ptr(ctx)
}

/// `llvm.call @callee(args)`, declaring `callee` first; its result, if any.
fn call(
    r: &mut PatternRewriter<'_>,
    anchor: OpId,
    location: Location,
    callee: &str,
    args: &[Value],
    result: Option<Type>,
) -> Option<Option<Value>> {
    let ctx = r.ctx();
    let params: Vec<Type> = args.iter().map(|&a| r.ir().value_type(a)).collect();
    let void = llvm::types::void(ctx);
    declare(r, anchor, callee, &params, result.unwrap_or(void))?;
    let callee = Attribute::symbol_ref(r.ctx(), callee);
    let results: Vec<Type> = result.into_iter().collect();
    let op = r.build_before::<llvm::CallOp>(anchor, location, &[args, &[]], &results, &[("callee", callee)])?;
    Some(r.ir().results(op.0).first().copied())
}

/// `llvm.mlir.constant(value) : ty`.
fn constant(r: &mut PatternRewriter<'_>, anchor: OpId, location: Location, value: i64, ty: Type) -> Option<Value> {
    let attr = Attribute::integer(r.ctx(), value as i128, ty);
    let op = r.build_before::<llvm::ConstantOp>(anchor, location, &[], &[ty], &[("value", attr)])?;
    Some(r.ir().result(op.0, 0))
}

/// `llvm.mlir.zero : !llvm.ptr`: the default stream, no extra arguments.
fn null(r: &mut PatternRewriter<'_>, anchor: OpId, location: Location) -> Option<Value> {
    let ty = ptr(r.ctx());
    let op = r.build_before::<llvm::ZeroOp>(anchor, location, &[], &[ty], &[])?;
    Some(r.ir().result(op.0, 0))
}

/// `llvm.mlir.addressof @name`.
fn address_of(r: &mut PatternRewriter<'_>, anchor: OpId, location: Location, name: &str) -> Option<Value> {
    let ctx = r.ctx();
    let (ty, symbol) = (ptr(ctx), Attribute::symbol_ref(ctx, name));
    let op = r.build_before::<llvm::AddressOfOp>(anchor, location, &[], &[ty], &[("global_name", symbol)])?;
    Some(r.ir().result(op.0, 0))
}

/// A getelementptr with constant indices only.
fn gep_constant(
    r: &mut PatternRewriter<'_>,
    anchor: OpId,
    location: Location,
    base: Value,
    indices: &[i32],
    element: Type,
) -> Option<Value> {
    let ctx = r.ctx();
    let attributes =
        [("elem_type", Attribute::type_attr(ctx, element)), ("rawConstantIndices", Attribute::dense_i32_array(ctx, indices))];
    let ty = ptr(ctx);
    let op = r.build_before::<llvm::GEPOp>(anchor, location, &[&[base], &[]], &[ty], &attributes)?;
    Some(r.ir().result(op.0, 0))
}

fn store(r: &mut PatternRewriter<'_>, anchor: OpId, location: Location, value: Value, address: Value) -> Option<()> {
    r.build_before::<llvm::StoreOp>(anchor, location, &[&[value], &[address]], &[], &[])?;
    Some(())
}

/// The stream an op runs on, and whether the host waits for it after:
/// its one dependency (waited for when the op is not async), else the
/// default stream (waited for unless the op is async).
fn stream_of(
    r: &mut PatternRewriter<'_>,
    op: OpId,
    dependencies: &[Value],
    is_async: bool,
    location: Location,
) -> Option<(Value, bool)> {
    match dependencies {
        [] => Some((null(r, op, location)?, !is_async)),
        [stream] => Some((*stream, !is_async)),
        _ => None,
    }
}

fn synchronize(r: &mut PatternRewriter<'_>, anchor: OpId, location: Location, stream: Value) -> Option<()> {
    call(r, anchor, location, runtime::STREAM_SYNCHRONIZE, &[stream], None)?;
    Some(())
}

/// What results of an async op become: the stream, for its token.
fn token_results(ir: &Ir, op: OpId, leading: Vec<Value>, stream: Value) -> Vec<Value> {
    let mut values = leading;
    if ir.results(op).len() > values.len() {
        values.push(stream);
    }
    values
}

const SEVERAL_DEPENDENCIES: &str = "async ops with more than one dependency are not supported (no events)";

// ---- binaries ----

/// `gpu.binary @k` as `@k_binary`, `@k_module`, its loading constructor
/// and unloading destructor.
fn lower_binary(ir: &mut Ir, binary: OpId) -> Result<(), Diagnostic> {
    let location = ir.op(binary).location;
    let fail = |message: &str| Diagnostic::error(location, message.to_string());
    let object = gpu::BinaryOp(binary).selected_object(ir)?;
    if object.format == gpu::binary::ObjectFormat::Binary || object.format == gpu::binary::ObjectFormat::Fatbin {
        return Err(fail("gpu-to-llvm embeds text objects (format=isa or format=llvm), not binary ones"));
    }
    let mut text = String::from_utf8(object.object).map_err(|_| fail("the binary's object is not text"))?;
    text.push('\0');
    let name = ir.symbol_name(binary).unwrap_or_default().to_string();
    let ctx = ir.ctx_arc().clone();
    let mut r = PatternRewriter::new(ir);
    let built = (|| -> Option<()> {
        let (ptr, i8t, i64t) = (ptr(&ctx), Type::integer(&ctx, 8), index_type(&ctx));
        let bytes = text.len() as u64;
        let array = llvm::types::array(&ctx, bytes, i8t);
        let internal = llvm::attrs::linkage_attr(&ctx, "internal");
        let space = Attribute::integer(&ctx, 0, Type::integer(&ctx, 32));
        let data = [
            ("sym_name", Attribute::string(&ctx, &format!("{name}_binary"))),
            ("global_type", Attribute::type_attr(&ctx, array)),
            ("linkage", internal),
            ("constant", Attribute::unit(&ctx)),
            ("value", Attribute::string(&ctx, &text)),
            ("addr_space", space),
        ];
        r.build_before::<llvm::GlobalOp>(binary, location, &[], &[], &data)?;
        // `@k_module`, null until the constructor runs.
        let module_name = format!("{name}_module");
        let zero = ctx.intern_attr(ir::AttrData::Dialect { dialect: ctx.symbol("llvm"), body: "zero".into() });
        let handle = [
            ("sym_name", Attribute::string(&ctx, &module_name)),
            ("global_type", Attribute::type_attr(&ctx, ptr)),
            ("linkage", internal),
            ("addr_space", space),
        ];
        let global = r.build_before::<llvm::GlobalOp>(binary, location, &[], &[], &handle)?;
        let region = r.ir().regions(global.0)[0];
        let block = r.create_block_at_start(region, &[], location);
        let null_handle = r.build_at_end::<llvm::ZeroOp>(block, location, &[], &[ptr], &[])?;
        let null_handle = r.ir().result(null_handle.0, 0);
        r.build_at_end::<llvm::ReturnOp>(block, location, &[&[null_handle]], &[], &[])?;
        let function = |r: &mut PatternRewriter<'_>, function_name: &str| -> Option<(OpId, OpId)> {
            let ty = llvm::types::function(&ctx, llvm::types::void(&ctx), Vec::new(), false);
            let attributes = [
                ("sym_name", Attribute::string(&ctx, function_name)),
                ("function_type", Attribute::type_attr(&ctx, ty)),
                ("linkage", internal),
            ];
            let f = r.build_before::<llvm::FuncOp>(binary, location, &[], &[], &attributes)?;
            let region = r.ir().regions(f.0)[0];
            let block = r.create_block_at_start(region, &[], location);
            let ret = r.build_at_end::<llvm::ReturnOp>(block, location, &[&[]], &[], &[])?;
            Some((f.0, ret.0))
        };
        // `@k_load`: mgpuModuleLoad(@k_binary, size) into @k_module.
        let (_, ret) = function(&mut r, &format!("{name}_load"))?;
        let data_address = address_of(&mut r, ret, location, &format!("{name}_binary"))?;
        let size = constant(&mut r, ret, location, bytes as i64, i64t)?;
        let loaded = call(&mut r, ret, location, runtime::MODULE_LOAD, &[data_address, size], Some(ptr))??;
        let slot = address_of(&mut r, ret, location, &module_name)?;
        store(&mut r, ret, location, loaded, slot)?;
        // `@k_unload`: mgpuModuleUnload(@k_module).
        let (_, ret) = function(&mut r, &format!("{name}_unload"))?;
        let slot = address_of(&mut r, ret, location, &module_name)?;
        let handle = r.build_before::<llvm::LoadOp>(ret, location, &[&[slot]], &[ptr], &[])?;
        let handle = r.ir().result(handle.0, 0);
        call(&mut r, ret, location, runtime::MODULE_UNLOAD, &[handle], None)?;
        for (op_structors, list, function_name) in [(true, "ctors", "load"), (false, "dtors", "unload")] {
            let functions = Attribute::array(&ctx, vec![Attribute::symbol_ref(&ctx, &format!("{name}_{function_name}"))]);
            let priorities =
                Attribute::array(&ctx, vec![Attribute::integer(&ctx, LOAD_PRIORITY as i128, Type::integer(&ctx, 32))]);
            let data = Attribute::array(&ctx, vec![zero]);
            let attributes = [(list, functions), ("priorities", priorities), ("data", data)];
            if op_structors {
                r.build_before::<llvm::GlobalCtorsOp>(binary, location, &[], &[], &attributes)?;
            } else {
                r.build_before::<llvm::GlobalDtorsOp>(binary, location, &[], &[], &attributes)?;
            }
        }
        r.erase_op(binary);
        Some(())
    })();
    built.ok_or_else(|| fail("cannot build the runtime calls that load the binary"))
}

// ---- launches ----

/// The entry block of the function around `op`, where the argument
/// buffers of launches go (once per launch, not per loop iteration).
fn function_entry(ir: &Ir, op: OpId) -> Option<OpId> {
    let table = ir.enclosing_symbol_table(op)?;
    let function = std::iter::successors(Some(op), |&o| ir.parent_op(o)).find(|&o| ir.parent_op(o) == Some(table))?;
    let entry = ir.entry_block(*ir.regions(function).first()?)?;
    ir.first_op(entry)
}

/// `gpu.launch_func @m::@k ... args(...)`: `mgpuModuleGetFunction` on the
/// loaded module, the arguments packed, `mgpuLaunchKernel`.
struct LowerLaunchFunc;

impl ConversionPattern for LowerLaunchFunc {
    fn root(&self) -> &'static str {
        gpu::LaunchFuncOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        _: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx_arc().clone();
        let launch = gpu::LaunchFuncOp(op);
        if launch.cluster_sizes(ir).is_some() {
            return None;
        }
        let unranked = |v: &Value| matches!(ir.value_type(*v).data(&ctx), TypeData::UnrankedMemRef { .. });
        if launch.kernelOperands(ir).iter().any(unranked) {
            return None;
        }
        let ir::AttrData::SymbolRef { root, nested } = launch.kernel(ir)?.data(&ctx).clone() else { return None };
        let [kernel] = nested.as_slice() else { return None };
        let (container, kernel) = (ctx.str(root).to_string(), ctx.str(*kernel).to_string());
        let module_global = format!("{container}_module");
        let defined = ir.lookup_symbol(op, &module_global).is_some_and(|g| ir.isa::<llvm::GlobalOp>(g));
        if !defined {
            return None;
        }
        let location = ir.op(op).location;
        let dependencies = launch.asyncDependencies(ir).len();
        let is_async = launch.asyncToken(ir).is_some();
        let originals: Vec<Value> = launch.kernelOperands(ir).to_vec();
        let shared_memory = launch.dynamicSharedMemorySize(ir).is_some();
        let sizes = &operands[dependencies..dependencies + 6];
        let shared_index = dependencies + 6;
        let arguments_start = shared_index + usize::from(shared_memory);
        let arguments = &operands[arguments_start..arguments_start + originals.len()];
        let entry = function_entry(ir, op)?;
        let (stream, wait) = stream_of(r, op, &operands[..dependencies], is_async, location)?;
        // The kernel: its module, loaded by the constructor, and its name.
        let (ptr, i64t, i32t) = (ptr(&ctx), index_type(&ctx), Type::integer(&ctx, 32));
        let slot = address_of(r, op, location, &module_global)?;
        let module = r.build_before::<llvm::LoadOp>(op, location, &[&[slot]], &[ptr], &[])?;
        let module = r.ir().result(module.0, 0);
        let (name, _) = string_constant(r, op, &format!("{container}_{kernel}_name"), &kernel)?;
        let name = address_of(r, op, location, &name)?;
        let function = call(r, op, location, runtime::MODULE_GET_FUNCTION, &[module, name], Some(ptr))??;
        // The arguments, each a field of a struct on the stack.
        let mut fields = Vec::new();
        for (&original, &value) in originals.iter().zip(arguments) {
            if matches!(r.ir().value_type(original).data(&ctx), TypeData::MemRef { .. }) {
                fields.extend(MemRefDescriptor::new(value, op, location).unpack(r)?);
            } else {
                fields.push(value);
            }
        }
        let params = if fields.is_empty() {
            null(r, op, location)?
        } else {
            let types: Vec<Type> = fields.iter().map(|&f| r.ir().value_type(f)).collect();
            let record = llvm::types::literal_struct(&ctx, types);
            let one = constant(r, entry, location, 1, i64t)?;
            let alloca = |r: &mut PatternRewriter<'_>, count: Value, element: Type| -> Option<Value> {
                let attributes = [("elem_type", Attribute::type_attr(&ctx, element))];
                let op = r.build_before::<llvm::AllocaOp>(entry, location, &[&[count]], &[ptr], &attributes)?;
                Some(r.ir().result(op.0, 0))
            };
            let storage = alloca(r, one, record)?;
            let count = constant(r, entry, location, fields.len() as i64, i64t)?;
            let array = alloca(r, count, ptr)?;
            for (i, &field) in fields.iter().enumerate() {
                let address = gep_constant(r, op, location, storage, &[0, i as i32], record)?;
                store(r, op, location, field, address)?;
                let entry_address = gep_constant(r, op, location, array, &[i as i32], ptr)?;
                store(r, op, location, address, entry_address)?;
            }
            array
        };
        // Launch sizes as i64; the shared memory size as i32.
        let mut launch_sizes = Vec::with_capacity(6);
        for &size in sizes {
            launch_sizes.push(if r.ir().value_type(size) == i64t {
                size
            } else {
                let ext = r.build_before::<llvm::SExtOp>(op, location, &[&[size]], &[i64t], &[])?;
                r.ir().result(ext.0, 0)
            });
        }
        let shared = if shared_memory { operands[shared_index] } else { constant(r, op, location, 0, i32t)? };
        let extra = null(r, op, location)?;
        let count = constant(r, op, location, fields.len() as i64, i64t)?;
        let mut args = vec![function];
        args.extend(launch_sizes);
        args.extend([shared, stream, params, extra, count]);
        call(r, op, location, runtime::LAUNCH_KERNEL, &args, None)?;
        if wait {
            synchronize(r, op, location, stream)?;
        }
        Some(token_results(r.ir(), op, Vec::new(), stream))
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        let launch = gpu::LaunchFuncOp(op);
        if launch.cluster_sizes(ir).is_some() {
            return Some("cluster launches are not supported".into());
        }
        if launch.asyncDependencies(ir).len() > 1 {
            return Some(SEVERAL_DEPENDENCIES.into());
        }
        if launch.kernelOperands(ir).iter().any(|&v| matches!(ir.value_type(v).data(ir.ctx()), TypeData::UnrankedMemRef { .. })) {
            return Some("unranked memref kernel arguments are not supported".into());
        }
        let container = match launch.kernel(ir).map(|k| k.data(ir.ctx()).clone()) {
            Some(ir::AttrData::SymbolRef { root, .. }) => ir.ctx().str(root).to_string(),
            _ => return None,
        };
        Some(format!("the kernel's module '{container}' must be a gpu.binary first: run gpu-module-to-binary before gpu-to-llvm"))
    }
}

// ---- memory ----

/// `gpu.alloc`: `mgpuMemAlloc` of the buffer's bytes, a descriptor with
/// row-major strides over it.
struct LowerAlloc;

impl ConversionPattern for LowerAlloc {
    fn root(&self) -> &'static str {
        gpu::AllocOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        converter: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx_arc().clone();
        let alloc = gpu::AllocOp(op);
        let ty = ir.value_type(alloc.memref(ir));
        let TypeData::MemRef { shape, layout: None, .. } = ty.data(&ctx).clone() else { return None };
        let location = ir.op(op).location;
        let dependencies = alloc.asyncDependencies(ir).len();
        let is_async = alloc.asyncToken(ir).is_some();
        let host_shared = alloc.hostShared(ir).is_some();
        let descriptor_type = converter.convert(&ctx, ty);
        let element = element_type(r, converter, ty);
        let (stream, _) = stream_of(r, op, &operands[..dependencies], is_async, location)?;
        let mut a = Arith { r, anchor: op, location };
        let mut dynamic = operands[dependencies..].iter();
        let mut sizes = Vec::new();
        for &d in &shape {
            sizes.push(if d == DYNAMIC { *dynamic.next()? } else { a.constant(d)? });
        }
        let mut strides = vec![None; shape.len()];
        for d in (0..shape.len()).rev() {
            strides[d] = Some(if d + 1 == shape.len() { a.constant(1)? } else { a.mul(strides[d + 1]?, sizes[d + 1])? });
        }
        let count = match sizes.split_first() {
            Some((&first, rest)) => rest.iter().try_fold(first, |acc, &s| a.mul(s, acc))?,
            None => a.constant(1)?,
        };
        let bytes = a.size_in_bytes(element, count)?;
        let shared = constant(a.r, op, location, i64::from(host_shared), Type::integer(&ctx, 8))?;
        let memory = call(a.r, op, location, runtime::MEM_ALLOC, &[bytes, stream, shared], Some(ptr(&ctx)))??;
        let zero = a.constant(0)?;
        let mut d = MemRefDescriptor::poison(a.r, descriptor_type, op, location)?;
        d.set_allocated_ptr(a.r, memory)?;
        d.set_aligned_ptr(a.r, memory)?;
        d.set_offset(a.r, zero)?;
        for (i, &s) in sizes.iter().enumerate() {
            d.set_size(a.r, i, s)?;
        }
        for (i, s) in strides.into_iter().enumerate() {
            d.set_stride(a.r, i, s?)?;
        }
        Some(token_results(a.r.ir(), op, vec![d.value], stream))
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        if gpu::AllocOp(op).asyncDependencies(ir).len() > 1 {
            return Some(SEVERAL_DEPENDENCIES.into());
        }
        Some("only buffers with the identity layout are allocated".into())
    }
}

/// `gpu.dealloc`: `mgpuMemFree` of the allocated pointer.
struct LowerDealloc;

impl ConversionPattern for LowerDealloc {
    fn root(&self) -> &'static str {
        gpu::DeallocOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        _: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let dealloc = gpu::DeallocOp(op);
        let location = ir.op(op).location;
        let dependencies = dealloc.asyncDependencies(ir).len();
        let is_async = dealloc.asyncToken(ir).is_some();
        let (stream, _) = stream_of(r, op, &operands[..dependencies], is_async, location)?;
        let memory = MemRefDescriptor::new(operands[dependencies], op, location).allocated_ptr(r)?;
        call(r, op, location, runtime::MEM_FREE, &[memory, stream], None)?;
        Some(token_results(r.ir(), op, Vec::new(), stream))
    }

    fn failure_note(&self, _: &Ir, _: OpId) -> Option<String> {
        Some(SEVERAL_DEPENDENCIES.into())
    }
}

/// The address of a buffer's first element: aligned pointer plus offset.
fn start(r: &mut PatternRewriter<'_>, op: OpId, location: Location, descriptor: Value, element: Type) -> Option<Value> {
    let d = MemRefDescriptor::new(descriptor, op, location);
    let aligned = d.aligned_ptr(r)?;
    let offset = d.offset(r)?;
    gep(r, op, location, aligned, &[offset], element, false)
}

/// The number of elements of a buffer.
fn element_count(r: &mut PatternRewriter<'_>, op: OpId, location: Location, descriptor: Value, rank: usize) -> Option<Value> {
    let d = MemRefDescriptor::new(descriptor, op, location);
    let mut a = Arith { r, anchor: op, location };
    let mut count = a.constant(1)?;
    for dim in 0..rank {
        let size = d.size(a.r, dim)?;
        count = a.mul(count, size)?;
    }
    Some(count)
}

/// `gpu.memcpy` of contiguous buffers: `mgpuMemcpy` of their bytes.
struct LowerMemcpy;

impl ConversionPattern for LowerMemcpy {
    fn root(&self) -> &'static str {
        gpu::MemcpyOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        converter: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx_arc().clone();
        let copy = gpu::MemcpyOp(op);
        let location = ir.op(op).location;
        let (dst_type, src_type) = (ir.value_type(copy.dst(ir)), ir.value_type(copy.src(ir)));
        if !is_contiguous(&ctx, dst_type) || !is_contiguous(&ctx, src_type) {
            return None;
        }
        let dependencies = copy.asyncDependencies(ir).len();
        let is_async = copy.asyncToken(ir).is_some();
        let rank = src_type.shape(&ctx)?.len();
        let element = element_type(r, converter, src_type);
        let (dst, src) = (operands[dependencies], operands[dependencies + 1]);
        let (stream, wait) = stream_of(r, op, &operands[..dependencies], is_async, location)?;
        let count = element_count(r, op, location, src, rank)?;
        let mut a = Arith { r, anchor: op, location };
        let one = a.constant(1)?;
        let element_bytes = a.size_in_bytes(element, one)?;
        let bytes = a.mul(count, element_bytes)?;
        let to = start(r, op, location, dst, element)?;
        let from = start(r, op, location, src, element)?;
        call(r, op, location, runtime::MEMCPY, &[to, from, bytes, stream], None)?;
        if wait {
            synchronize(r, op, location, stream)?;
        }
        Some(token_results(r.ir(), op, Vec::new(), stream))
    }

    fn failure_note(&self, ir: &Ir, op: OpId) -> Option<String> {
        if gpu::MemcpyOp(op).asyncDependencies(ir).len() > 1 {
            return Some(SEVERAL_DEPENDENCIES.into());
        }
        Some("only contiguous buffers are copied".into())
    }
}

/// `gpu.memset` of a contiguous buffer of 32- or 16-bit elements:
/// `mgpuMemset32` / `mgpuMemset16` with the value's bits.
struct LowerMemset;

impl ConversionPattern for LowerMemset {
    fn root(&self) -> &'static str {
        gpu::MemsetOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        converter: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx_arc().clone();
        let fill = gpu::MemsetOp(op);
        let location = ir.op(op).location;
        let ty = ir.value_type(fill.dst(ir));
        if !is_contiguous(&ctx, ty) {
            return None;
        }
        let element = element_type(r, converter, ty);
        let (callee, bits) = match element.bit_width(&ctx) {
            Some(32) => (runtime::MEMSET_32, 32),
            Some(16) => (runtime::MEMSET_16, 16),
            _ => return None,
        };
        let dependencies = fill.asyncDependencies(ir).len();
        let is_async = fill.asyncToken(ir).is_some();
        let rank = ty.shape(&ctx)?.len();
        let (dst, value) = (operands[dependencies], operands[dependencies + 1]);
        let (stream, wait) = stream_of(r, op, &operands[..dependencies], is_async, location)?;
        let integer = Type::integer(&ctx, bits);
        let value = if r.ir().value_type(value) == integer {
            value
        } else {
            let cast = r.build_before::<llvm::BitcastOp>(op, location, &[&[value]], &[integer], &[])?;
            r.ir().result(cast.0, 0)
        };
        let count = element_count(r, op, location, dst, rank)?;
        let to = start(r, op, location, dst, element)?;
        call(r, op, location, callee, &[to, value, count, stream], None)?;
        if wait {
            synchronize(r, op, location, stream)?;
        }
        Some(token_results(r.ir(), op, Vec::new(), stream))
    }

    fn failure_note(&self, _: &Ir, _: OpId) -> Option<String> {
        Some("only contiguous buffers of 16- or 32-bit elements are filled, after at most one dependency".into())
    }
}

/// `gpu.wait async`: a new stream (or the one dependency's);
/// `gpu.wait [...]`: each stream synchronized and destroyed (the default
/// stream synchronized when there are none).
struct LowerWait;

impl ConversionPattern for LowerWait {
    fn root(&self) -> &'static str {
        gpu::WaitOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        _: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let location = r.ir().op(op).location;
        let ptr = ptr(r.ctx());
        if gpu::WaitOp(op).asyncToken(r.ir()).is_some() {
            let stream = match operands {
                [] => call(r, op, location, runtime::STREAM_CREATE, &[], Some(ptr))??,
                [stream] => *stream,
                _ => return None,
            };
            return Some(vec![stream]);
        }
        if operands.is_empty() {
            let default = null(r, op, location)?;
            synchronize(r, op, location, default)?;
        }
        for &stream in operands {
            synchronize(r, op, location, stream)?;
            call(r, op, location, runtime::STREAM_DESTROY, &[stream], None)?;
        }
        Some(Vec::new())
    }

    fn failure_note(&self, _: &Ir, _: OpId) -> Option<String> {
        Some("'gpu.wait async' joins at most one stream here (no events)".into())
    }
}
