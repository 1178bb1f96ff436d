//! From an LLVM module to machine code: a `TargetMachine` for a triple
//! (the host's by default), CPU (`native` for the host's, with its
//! features) and features; LLVM's `default<On>` optimisation pipeline; and
//! assembly or object emission into memory.

use inkwell::module::Module;
use inkwell::passes::PassBuilderOptions;
use inkwell::targets::{CodeModel, FileType, InitializationConfig, RelocMode, Target, TargetMachine, TargetTriple};
use inkwell::OptimizationLevel;

/// Which machine to generate code for, and how hard to optimise.
#[derive(Clone, Debug, Default)]
pub struct TargetOptions {
    /// A target triple; the host's when `None`.
    pub triple: Option<String>,
    /// A CPU name, or `native` for the host's CPU and features.
    pub cpu: Option<String>,
    /// LLVM feature string, `+avx2,-fma`.
    pub features: Option<String>,
    /// 0 to 3, as `-O0` .. `-O3`.
    pub opt_level: u8,
}

/// What to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputKind {
    Assembly,
    Object,
}

fn level(opt_level: u8) -> OptimizationLevel {
    match opt_level {
        0 => OptimizationLevel::None,
        1 => OptimizationLevel::Less,
        2 => OptimizationLevel::Default,
        _ => OptimizationLevel::Aggressive,
    }
}

/// A target machine for `options`; errors name the unknown triple.
pub fn target_machine(options: &TargetOptions) -> Result<TargetMachine, String> {
    let triple = match &options.triple {
        Some(triple) => {
            Target::initialize_all(&InitializationConfig::default());
            TargetTriple::create(triple)
        }
        None => {
            Target::initialize_native(&InitializationConfig::default())
                .map_err(|e| format!("cannot initialise the host target: {e}"))?;
            TargetMachine::get_default_triple()
        }
    };
    let target = Target::from_triple(&triple)
        .map_err(|e| format!("no target for triple '{}': {}", triple.as_str().to_string_lossy(), e.to_string().trim_end()))?;
    let (cpu, mut features) = match options.cpu.as_deref() {
        Some("native") => (TargetMachine::get_host_cpu_name().to_string(), TargetMachine::get_host_cpu_features().to_string()),
        Some(cpu) => (cpu.to_string(), String::new()),
        None => (String::new(), String::new()),
    };
    if let Some(extra) = options.features.as_deref().filter(|f| !f.is_empty()) {
        features = if features.is_empty() { extra.to_string() } else { format!("{features},{extra}") };
    }
    target
        .create_target_machine(&triple, &cpu, &features, level(options.opt_level), RelocMode::PIC, CodeModel::Default)
        .ok_or_else(|| format!("cannot create a target machine for '{}'", triple.as_str().to_string_lossy()))
}

/// Sets the module's triple and data layout to the machine's, and runs
/// LLVM's `default<On>` pipeline when `opt_level` > 0.
pub fn prepare(module: &Module<'_>, machine: &TargetMachine, opt_level: u8) -> Result<(), String> {
    module.set_triple(&machine.get_triple());
    module.set_data_layout(&machine.get_target_data().get_data_layout());
    if opt_level > 0 {
        let pipeline = format!("default<O{}>", opt_level.min(3));
        module
            .run_passes(&pipeline, machine, PassBuilderOptions::create())
            .map_err(|e| format!("LLVM's optimisation pipeline failed: {}", e.to_string().trim_end()))?;
    }
    Ok(())
}

/// Assembly or an object file for `module`.
pub fn emit(module: &Module<'_>, machine: &TargetMachine, kind: OutputKind) -> Result<Vec<u8>, String> {
    let file_type = match kind {
        OutputKind::Assembly => FileType::Assembly,
        OutputKind::Object => FileType::Object,
    };
    let buffer = machine
        .write_to_memory_buffer(module, file_type)
        .map_err(|e| format!("LLVM code generation failed: {}", e.to_string().trim_end()))?;
    Ok(buffer.as_slice().to_vec())
}
