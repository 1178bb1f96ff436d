//! A `gpu.module` of llvm and nvvm ops to PTX, as upstream's NVVM target
//! serializes it (`gpu-module-to-binary="format=isa"`):
//!
//! 1. the module's ops are translated to an LLVM module by ml-llvm-ir
//!    (the nvvm ops and attributes through the translations this crate
//!    attaches), with the NVPTX target's triple `nvptx64-nvidia-cuda` and
//!    data layout;
//! 2. when the code calls libdevice (`__nv_expf`), `libdevice.10.bc` is
//!    linked in if it can be found (see [`toolkit`](crate::toolkit)), and
//!    so are the `link` libraries of the target; what was linked is made
//!    internal, so the optimiser keeps only what is used. Without
//!    libdevice the calls stay external (`.extern .func __nv_expf` in the
//!    PTX): they are reported in [`DeviceCode::unresolved`], and `ptxas`
//!    refuses such PTX for a whole program;
//! 3. LLVM's `default<On>` pipeline runs for the target machine (NVVM
//!    reflection included), or only dead-code removal at `-O0`;
//! 4. the NVPTX backend writes PTX for the chip (CPU `sm_80`) and PTX
//!    version (features `+ptx80`; none gives LLVM's lowest version for
//!    the chip, as upstream).

use std::path::PathBuf;

use dialect_nvvm::target::NvvmTarget;
use inkwell::context::Context as LlvmContext;
use inkwell::module::{Linkage, Module};
use inkwell::targets::TargetMachine;
use inkwell::values::BasicValue;
use ir::{Diagnostic, Ir, OpId};
use ml_llvm_ir::target::{self, OutputKind, TargetOptions};
use ml_llvm_ir::TranslateOptions;

/// The triple of 64-bit CUDA devices.
pub const NVPTX_TRIPLE: &str = "nvptx64-nvidia-cuda";

/// Whether to link libdevice into code that calls it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Libdevice {
    /// Where [`toolkit::find_libdevice`](crate::toolkit::find_libdevice) finds it, if anywhere.
    #[default]
    Search,
    /// This file.
    Path(PathBuf),
    /// Never: calls stay external.
    Never,
}

/// How to compile one device module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PtxOptions {
    /// The chip, `sm_80`.
    pub chip: String,
    /// LLVM features of the NVPTX target: `+ptx80` for PTX 8.0.
    pub features: String,
    /// 0 to 3.
    pub opt_level: u8,
    /// Bitcode libraries to link besides libdevice.
    pub link: Vec<PathBuf>,
    pub libdevice: Libdevice,
}

impl Default for PtxOptions {
    fn default() -> Self {
        PtxOptions::for_target(&NvvmTarget::default())
    }
}

impl PtxOptions {
    /// What a `#nvvm.target` asks for.
    pub fn for_target(target: &NvvmTarget) -> PtxOptions {
        PtxOptions {
            chip: target.chip.clone(),
            features: target.features.clone(),
            opt_level: target.opt_level.min(3) as u8,
            link: target.link.iter().map(PathBuf::from).collect(),
            libdevice: Libdevice::Search,
        }
    }

    /// The options of the first `#nvvm.target` of `module` (a
    /// `gpu.module`), or the defaults when it has none.
    pub fn for_module(ir: &Ir, module: OpId) -> PtxOptions {
        let ctx = ir.ctx();
        let target = ir
            .attr(module, "targets")
            .and_then(|t| t.as_array(ctx))
            .and_then(|targets| targets.iter().find_map(|&t| NvvmTarget::of(ctx, t)));
        PtxOptions::for_target(&target.unwrap_or_default())
    }

    /// `--ptx-version=80` as the feature `+ptx80`.
    pub fn set_ptx_version(&mut self, version: u32) {
        let others = self.features.split(',').filter(|f| !f.is_empty() && !f.starts_with("+ptx"));
        let mut features: Vec<String> = others.map(str::to_string).collect();
        features.push(format!("+ptx{version}"));
        self.features = features.join(",");
    }
}

/// The device code of one `gpu.module`, ready for the backend.
pub struct DeviceCode<'ctx> {
    pub module: Module<'ctx>,
    pub machine: TargetMachine,
    /// The functions the code calls that nothing defines (libdevice's,
    /// when it was not found).
    pub unresolved: Vec<String>,
}

impl DeviceCode<'_> {
    /// The module's LLVM IR, as it goes to the backend.
    pub fn llvm_ir(&self) -> String {
        self.module.print_to_string().to_string()
    }

    /// The PTX the NVPTX backend writes for it.
    pub fn ptx(&self) -> Result<String, String> {
        let bytes = target::emit(&self.module, &self.machine, OutputKind::Assembly)?;
        String::from_utf8(bytes).map_err(|_| "the NVPTX backend wrote something that is not text".to_string())
    }
}

/// LLVM ends the process on a fatal error (an intrinsic the chip or PTX
/// version lacks: "Cannot select: intrinsic ..."). Say so in one line
/// instead of a crash report, and exit with status 1 (LLVM would abort).
extern "C" fn fatal_error(reason: *const std::os::raw::c_char) {
    let reason = if reason.is_null() {
        String::new()
    } else {
        // SAFETY: LLVM passes a NUL-terminated message.
        unsafe { std::ffi::CStr::from_ptr(reason) }.to_string_lossy().into_owned()
    };
    eprintln!(
        "error: LLVM's NVPTX backend cannot compile this code: {reason} (an op may need a newer chip or PTX version: --sm, --ptx-version)"
    );
    std::process::exit(1);
}

fn install_fatal_error_handler() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    // SAFETY: the handler only reads its argument and writes to stderr.
    INSTALLED.call_once(|| unsafe { inkwell::llvm_sys::error_handling::LLVMInstallFatalErrorHandler(Some(fatal_error)) });
}

/// Whether `chip` names an NVIDIA GPU the way LLVM does: `sm_` and a
/// number, maybe `a` or `f` after it (`sm_80`, `sm_90a`).
pub fn is_chip_name(chip: &str) -> bool {
    let Some(rest) = chip.strip_prefix("sm_") else { return false };
    let digits = rest.strip_suffix(['a', 'f']).unwrap_or(rest);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The NVPTX target machine for `options`.
pub fn nvptx_machine(options: &PtxOptions) -> Result<TargetMachine, String> {
    if !is_chip_name(&options.chip) {
        return Err(format!("'{}' is not an NVIDIA chip (sm_80, sm_90, ...)", options.chip));
    }
    target::target_machine(&TargetOptions {
        triple: Some(NVPTX_TRIPLE.to_string()),
        cpu: Some(options.chip.clone()),
        features: Some(options.features.clone()).filter(|f| !f.is_empty()),
        opt_level: options.opt_level,
    })
}

/// Translates the `gpu.module` `module` (already llvm and nvvm ops) into an
/// optimised LLVM module for the NVPTX backend, libdevice linked in.
pub fn translate_gpu_module<'ctx>(
    ir: &Ir,
    module: OpId,
    llvm: &'ctx LlvmContext,
    options: &PtxOptions,
) -> Result<DeviceCode<'ctx>, Diagnostic> {
    let location = ir.op(module).location;
    let fail = |message: String| Diagnostic::error(location, message);
    install_fatal_error_handler();
    let machine = nvptx_machine(options).map_err(fail)?;
    let translated = ml_llvm_ir::translate_module(ir, module, llvm, &TranslateOptions::default())?;
    if let Some(name) = ir.symbol_name(module) {
        translated.set_name(name);
        translated.set_source_file_name(name);
    }
    translated.set_triple(&machine.get_triple());
    translated.set_data_layout(&machine.get_target_data().get_data_layout());
    let mut own: Vec<String> = translated
        .get_functions()
        .filter(|f| f.count_basic_blocks() > 0)
        .map(|f| f.get_name().to_string_lossy().into_owned())
        .collect();
    own.extend(translated.get_globals().map(|g| g.get_name().to_string_lossy().into_owned()));
    let mut libraries = options.link.clone();
    let calls_libdevice = external_calls(&translated).iter().any(|name| name.starts_with("__nv_"));
    if calls_libdevice {
        let libdevice = match &options.libdevice {
            Libdevice::Search => crate::toolkit::find_libdevice(),
            Libdevice::Path(path) => Some(path.clone()),
            Libdevice::Never => None,
        };
        libraries.extend(libdevice);
    }
    for library in &libraries {
        link(&translated, llvm, &machine, library).map_err(fail)?;
    }
    if !libraries.is_empty() {
        internalize(&translated, &own);
    }
    let pipeline = if options.opt_level > 0 { format!("default<O{}>", options.opt_level) } else { "globaldce".to_string() };
    translated
        .run_passes(&pipeline, &machine, inkwell::passes::PassBuilderOptions::create())
        .map_err(|e| fail(format!("LLVM's optimisation pipeline failed: {}", e.to_string().trim_end())))?;
    translated.verify().map_err(|e| fail(format!("device LLVM IR fails to verify: {}", e.to_string().trim_end())))?;
    let unresolved = external_calls(&translated);
    Ok(DeviceCode { module: translated, machine, unresolved })
}

/// The PTX of the `gpu.module` `module`, and the functions it calls that
/// nothing defines.
pub fn gpu_module_to_ptx(ir: &Ir, module: OpId, options: &PtxOptions) -> Result<(String, Vec<String>), Diagnostic> {
    let llvm = LlvmContext::create();
    let code = translate_gpu_module(ir, module, &llvm, options)?;
    let ptx = code.ptx().map_err(|message| Diagnostic::error(ir.op(module).location, message))?;
    Ok((ptx, code.unresolved))
}

/// The used functions of `module` declared without a body (intrinsics aside).
fn external_calls(module: &Module<'_>) -> Vec<String> {
    module
        .get_functions()
        .filter(|f| f.count_basic_blocks() == 0 && f.get_intrinsic_id() == 0)
        .filter(|f| f.as_global_value().as_pointer_value().get_first_use().is_some())
        .map(|f| f.get_name().to_string_lossy().into_owned())
        .collect()
}

/// Links the bitcode file `path` into `module`, made for the same target.
fn link<'ctx>(module: &Module<'ctx>, llvm: &'ctx LlvmContext, machine: &TargetMachine, path: &PathBuf) -> Result<(), String> {
    let library = Module::parse_bitcode_from_path(path, llvm)
        .map_err(|e| format!("cannot read the bitcode library '{}': {}", path.display(), e.to_string().trim_end()))?;
    // libdevice says `nvptx64-nvidia-gpulibs`: the same code, but LLVM's
    // linker would warn about the mismatch.
    library.set_triple(&machine.get_triple());
    library.set_data_layout(&machine.get_target_data().get_data_layout());
    module.link_in_module(library).map_err(|e| format!("cannot link '{}': {}", path.display(), e.to_string().trim_end()))
}

/// Gives everything the libraries brought internal linkage, so that only
/// what the module's own functions use survives the optimiser.
fn internalize(module: &Module<'_>, own: &[String]) {
    for function in module.get_functions() {
        let name = function.get_name().to_string_lossy();
        if function.count_basic_blocks() > 0 && !own.iter().any(|o| *o == name) {
            function.set_linkage(Linkage::Internal);
        }
    }
    for global in module.get_globals() {
        let name = global.get_name().to_string_lossy();
        if !global.is_declaration() && global.get_linkage() == Linkage::External && !own.iter().any(|o| *o == name) {
            global.set_linkage(Linkage::Internal);
        }
    }
}
