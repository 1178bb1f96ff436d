//! Compiling a module for the host with MCJIT and calling its entry.

use std::ffi::CString;

use inkwell::attributes::AttributeLoc;
use inkwell::context::Context;
use inkwell::execution_engine::ExecutionEngine;
use inkwell::memory_buffer::MemoryBuffer;
use inkwell::module::{Linkage, Module};
use inkwell::passes::PassBuilderOptions;
use inkwell::targets::{CodeModel, InitializationConfig, RelocMode, Target, TargetMachine, TargetTriple};
use inkwell::types::BasicTypeEnum;
use inkwell::values::{BasicValue, FunctionValue};
use inkwell::OptimizationLevel;
use ml_runtime::alloc::{self, AllocStats};

use crate::isolate;
use crate::{Cpu, EntryValue, JitError, JitOptions, ResultKind};

/// Parses LLVM IR text into a module of `context` (`name` names the buffer
/// in messages).
pub fn parse_ir<'ctx>(context: &'ctx Context, name: &str, text: &str) -> Result<Module<'ctx>, JitError> {
    let buffer = MemoryBuffer::create_from_memory_range_copy(text.as_bytes(), name);
    context.create_module_from_ir(buffer).map_err(|e| JitError::Parse(e.to_string().trim_end().to_string()))
}

/// Where an entry function runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RunMode {
    /// In this process, as mlir-runner does: a crash of the program is a
    /// crash of the caller.
    #[default]
    InProcess,
    /// In a forked child that shares stdout: a crash is reported as
    /// [`JitError::Crashed`], and the allocation figures are the program's
    /// alone.
    Child,
    /// As `Child`, with the child's stdout captured into
    /// [`Outcome::stdout`] (for tests).
    ChildCapturingStdout,
}

/// What a run produced.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The entry function's result.
    pub value: EntryValue,
    /// Counted allocations during the run; `live_allocations` are leaks.
    pub allocations: AllocStats,
    /// The program's stdout, with [`RunMode::ChildCapturingStdout`] only.
    pub stdout: Vec<u8>,
}

/// A module compiled for the host, ready to run its functions.
pub struct Jit<'ctx> {
    module: Module<'ctx>,
    engine: ExecutionEngine<'ctx>,
    /// `llvm.global_ctors` and `llvm.global_dtors`, in the order they run.
    structors: Structors,
}

/// The compiled addresses of a module's global constructors and
/// destructors, in the order they run.
#[derive(Clone, Debug, Default)]
pub(crate) struct Structors {
    pub(crate) constructors: Vec<usize>,
    pub(crate) destructors: Vec<usize>,
}

impl Structors {
    /// # Safety
    /// The addresses are live `void ()` functions.
    pub(crate) unsafe fn run(list: &[usize]) {
        for &address in list {
            // SAFETY: the caller's promise.
            unsafe { invoke(address, ResultKind::Void) };
        }
    }
}

impl<'ctx> Jit<'ctx> {
    /// Verifies `module`, optimises it as `options` ask, resolves its
    /// external functions (ml-runtime's first, then the process's, such as
    /// libc's `printf`) and compiles it.
    ///
    /// The module's triple and data layout are set to the host's when it
    /// has none; a module for another architecture is refused.
    pub fn new(module: Module<'ctx>, options: &JitOptions) -> Result<Self, JitError> {
        Target::initialize_native(&InitializationConfig::default())
            .map_err(|e| JitError::Target(format!("cannot initialise the host target: {e}")))?;
        module.verify().map_err(|e| JitError::InvalidModule(e.to_string()))?;
        let machine = host_machine(&module, options)?;
        set_function_cpu(&module, &machine, &options.cpu);
        if let Some(level) = options.opt_level {
            // What mlir-runner's -On does: the standard pipeline at that level.
            module
                .run_passes(&format!("default<O{}>", level.number()), &machine, PassBuilderOptions::create())
                .map_err(|e| JitError::Passes(e.to_string()))?;
        }
        // Resolve after optimisation: the pipeline drops and adds calls
        // (printf -> puts, malloc + memset -> calloc).
        let mapping = resolve_externals(&module, options)?;
        let codegen = options.opt_level.map_or(OptimizationLevel::Default, |l| l.codegen());
        let engine = module.create_jit_execution_engine(codegen).map_err(|e| JitError::Engine(e.to_string()))?;
        for (function, address) in mapping {
            engine.add_global_mapping(&function, address);
        }
        let address = |name: String| {
            engine
                .get_function_address(&name)
                .map_err(|_| JitError::Engine(format!("global constructor or destructor '{name}' was not compiled")))
        };
        let structors = Structors {
            constructors: structor_names(&module, "llvm.global_ctors").into_iter().map(address).collect::<Result<_, _>>()?,
            // Destructors too run lowest priority first (LangRef, and
            // mlir-runner).
            destructors: structor_names(&module, "llvm.global_dtors").into_iter().map(address).collect::<Result<_, _>>()?,
        };
        Ok(Jit { module, engine, structors })
    }

    /// The module (after optimisation).
    pub fn module(&self) -> &Module<'ctx> {
        &self.module
    }

    /// Checks that `entry` is a function with a body, no parameters and the
    /// result `kind`, in that order (mlir-runner's checks and wording), and
    /// returns its compiled address.
    pub fn entry_address(&self, entry: &str, kind: ResultKind) -> Result<usize, JitError> {
        let function = self
            .module
            .get_function(entry)
            .filter(|f| f.count_basic_blocks() > 0)
            .ok_or_else(|| JitError::EntryNotFound(entry.to_string()))?;
        let ty = function.get_type();
        if function.count_params() != 0 || ty.is_var_arg() {
            return Err(JitError::EntryTakesArguments(entry.to_string()));
        }
        check_result(&self.module, function, entry, kind)?;
        if function.get_call_conventions() != 0 {
            return Err(JitError::WrongCallingConvention(entry.to_string()));
        }
        // Defensive: the engine knows every function with a body.
        self.engine.get_function_address(entry).map_err(|_| JitError::EntryNotFound(entry.to_string()))
    }

    /// Runs the program once in `mode`: the module's global constructors,
    /// `entry` (see [`Jit::entry_address`] for the checks), its global
    /// destructors (as mlir-runner, before the result is printed). C stdout
    /// is flushed before and after, so the program's output comes before
    /// anything the caller prints next.
    pub fn run(&self, entry: &str, kind: ResultKind, mode: RunMode) -> Result<Outcome, JitError> {
        let address = self.entry_address(entry, kind)?;
        match mode {
            RunMode::InProcess => {
                ml_runtime::stdout::flush();
                let start = alloc::begin_run();
                // SAFETY: compiled functions of this engine whose signatures
                // were checked (`entry_address`) or are fixed (structors).
                let value = unsafe {
                    Structors::run(&self.structors.constructors);
                    let value = invoke(address, kind);
                    Structors::run(&self.structors.destructors);
                    value
                };
                ml_runtime::stdout::flush();
                Ok(Outcome { value, allocations: alloc::stats().since(&start), stdout: Vec::new() })
            }
            RunMode::Child => isolate::run_in_child(address, kind, &self.structors, false),
            RunMode::ChildCapturingStdout => isolate::run_in_child(address, kind, &self.structors, true),
        }
    }
}

/// Calls the function at `address` as `extern "C" fn() -> kind`.
///
/// # Safety
/// `address` is a live function of that signature.
pub(crate) unsafe fn invoke(address: usize, kind: ResultKind) -> EntryValue {
    // SAFETY: the caller's promise, for each signature.
    unsafe {
        match kind {
            ResultKind::Void => {
                let f: extern "C" fn() = std::mem::transmute(address);
                f();
                EntryValue::Void
            }
            ResultKind::I32 => EntryValue::I32(std::mem::transmute::<usize, extern "C" fn() -> i32>(address)()),
            ResultKind::I64 => EntryValue::I64(std::mem::transmute::<usize, extern "C" fn() -> i64>(address)()),
            ResultKind::F32 => EntryValue::F32(std::mem::transmute::<usize, extern "C" fn() -> f32>(address)()),
            ResultKind::F64 => EntryValue::F64(std::mem::transmute::<usize, extern "C" fn() -> f64>(address)()),
        }
    }
}

fn check_result(module: &Module<'_>, function: FunctionValue<'_>, entry: &str, kind: ResultKind) -> Result<(), JitError> {
    let context = module.get_context();
    let result = function.get_type().get_return_type();
    let ok = match (kind, result) {
        (ResultKind::Void, None) => true,
        (ResultKind::I32, Some(BasicTypeEnum::IntType(t))) => t.get_bit_width() == 32,
        (ResultKind::I64, Some(BasicTypeEnum::IntType(t))) => t.get_bit_width() == 64,
        (ResultKind::F32, Some(BasicTypeEnum::FloatType(t))) => t == context.f32_type(),
        (ResultKind::F64, Some(BasicTypeEnum::FloatType(t))) => t == context.f64_type(),
        _ => false,
    };
    if ok {
        return Ok(());
    }
    Err(JitError::WrongResultType {
        entry: entry.to_string(),
        expected: kind,
        found: result.map_or_else(|| "void".to_string(), |t| t.to_string().trim_matches('"').to_string()),
    })
}

/// The target machine for the host and `options.cpu`; sets the module's
/// triple and data layout when it has none.
fn host_machine(module: &Module<'_>, options: &JitOptions) -> Result<TargetMachine, JitError> {
    let host = TargetMachine::get_default_triple();
    let module_triple = module.get_triple();
    let module_triple = module_triple.as_str().to_string_lossy().into_owned();
    let host_str = host.as_str().to_string_lossy().into_owned();
    let arch = |t: &str| t.split('-').next().unwrap_or_default().to_string();
    let triple = if module_triple.is_empty() {
        module.set_triple(&host);
        host
    } else if arch(&module_triple) != arch(&host_str) {
        return Err(JitError::Target(format!("the module targets '{module_triple}', the JIT runs on '{host_str}'")));
    } else {
        TargetTriple::create(&module_triple)
    };
    let target = Target::from_triple(&triple).map_err(|e| JitError::Target(e.to_string()))?;
    let (cpu, features) = match &options.cpu {
        Cpu::Host => (TargetMachine::get_host_cpu_name().to_string(), TargetMachine::get_host_cpu_features().to_string()),
        Cpu::Generic => (String::new(), String::new()),
        Cpu::Named { cpu, features } => (cpu.clone(), features.clone()),
    };
    let level = options.opt_level.map_or(OptimizationLevel::Default, |l| l.codegen());
    let machine = target
        .create_target_machine(&triple, &cpu, &features, level, RelocMode::Default, CodeModel::JITDefault)
        .ok_or_else(|| JitError::Target(format!("cannot create a target machine for '{cpu}' '{features}'")))?;
    if module.get_data_layout().as_str().to_bytes().is_empty() {
        module.set_data_layout(&machine.get_target_data().get_data_layout());
    }
    Ok(machine)
}

/// MCJIT generates code for the generic CPU of the triple; the CPU and
/// features reach the code generator as function attributes, as clang's do.
/// Functions that already carry them keep theirs.
fn set_function_cpu(module: &Module<'_>, machine: &TargetMachine, cpu: &Cpu) {
    if *cpu == Cpu::Generic {
        return;
    }
    let context = module.get_context();
    let name = machine.get_cpu().to_string();
    let features = machine.get_feature_string().to_string_lossy().into_owned();
    for function in module.get_functions().filter(|f| f.count_basic_blocks() > 0) {
        for (key, value) in [("target-cpu", name.as_str()), ("target-features", features.as_str())] {
            if !value.is_empty() && function.get_string_attribute(AttributeLoc::Function, key).is_none() {
                function.add_attribute(AttributeLoc::Function, context.create_string_attribute(key, value));
            }
        }
    }
}

/// The functions of the global constructor or destructor list `list`
/// (`[N x {i32 priority, ptr function, ptr data}]`), by priority.
fn structor_names(module: &Module<'_>, list: &str) -> Vec<String> {
    use inkwell::llvm_sys::core::{
        LLVMConstIntGetSExtValue, LLVMGetNumOperands, LLVMGetOperand, LLVMGetValueName2, LLVMIsAConstantInt, LLVMIsAFunction,
    };
    use inkwell::values::AsValueRef;

    let Some(init) = module.get_global(list).and_then(|g| g.get_initializer()) else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    // SAFETY: reading operands of live constants of this module, each
    // checked for null and kind before use.
    unsafe {
        let array = init.as_value_ref();
        for i in 0..LLVMGetNumOperands(array).max(0) as u32 {
            let entry = LLVMGetOperand(array, i);
            if entry.is_null() || LLVMGetNumOperands(entry) < 2 {
                continue;
            }
            let (priority, function) = (LLVMGetOperand(entry, 0), LLVMGetOperand(entry, 1));
            if priority.is_null() || function.is_null() || LLVMIsAFunction(function).is_null() {
                continue;
            }
            let priority = if LLVMIsAConstantInt(priority).is_null() { 65535 } else { LLVMConstIntGetSExtValue(priority) };
            let mut len = 0usize;
            let name = LLVMGetValueName2(function, &mut len);
            if name.is_null() {
                continue;
            }
            let name = std::slice::from_raw_parts(name.cast::<u8>(), len);
            entries.push((priority, String::from_utf8_lossy(name).into_owned()));
        }
    }
    // Stable: equal priorities keep their order.
    entries.sort_by_key(|(priority, _)| *priority);
    entries.into_iter().map(|(_, name)| name).collect()
}

/// Whether the process defines `name` (libc's functions, for instance).
fn process_defines(name: &str) -> bool {
    let Ok(c_name) = CString::new(name) else {
        return false;
    };
    // SAFETY: a NUL-terminated name; RTLD_DEFAULT searches the loaded
    // objects.
    !unsafe { libc::dlsym(libc::RTLD_DEFAULT, c_name.as_ptr()) }.is_null()
}

/// The address each used external function resolves to, or the names of
/// those nothing defines. MCJIT would abort the process on an unresolved
/// symbol, so every used declaration is resolved here first.
fn resolve_externals<'ctx>(module: &Module<'ctx>, options: &JitOptions) -> Result<Vec<(FunctionValue<'ctx>, usize)>, JitError> {
    let count_allocations = options.count_allocations;
    let mut mapping = Vec::new();
    let mut missing = Vec::new();
    for function in module.get_functions() {
        let used = function.as_global_value().as_pointer_value().get_first_use().is_some();
        // An unresolved extern_weak function is null, which is allowed.
        let weak = function.get_linkage() == Linkage::ExternalWeak;
        if function.count_basic_blocks() > 0 || function.get_intrinsic_id() != 0 || !used {
            continue;
        }
        let name = function.get_name().to_string_lossy().into_owned();
        let interposed =
            count_allocations.then(|| alloc::libc_interposers().iter().find(|s| s.name == name)).flatten().map(|s| s.address());
        let extra = options.extra_symbols.iter().find(|(n, _)| *n == name).map(|&(_, address)| address);
        if let Some(address) = extra.or(interposed).or_else(|| ml_runtime::lookup(&name)) {
            mapping.push((function, address));
        } else if !weak && !process_defines(&name) {
            missing.push(name);
        }
    }
    for global in module.get_globals() {
        let used = global.as_pointer_value().get_first_use().is_some();
        let name = global.get_name().to_string_lossy().into_owned();
        let weak = global.get_linkage() == Linkage::ExternalWeak;
        if global.is_declaration() && used && !weak && !process_defines(&name) {
            missing.push(name);
        }
    }
    if missing.is_empty() {
        Ok(mapping)
    } else {
        Err(JitError::UnresolvedSymbols(missing))
    }
}
