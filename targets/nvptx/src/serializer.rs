//! Where device code meets the rest: the [`TargetSerializer`] of
//! `#nvvm.target` that `gpu-module-to-binary` calls, and the translation
//! of `gpu.module` and `gpu.binary` ops left in a host module, which puts
//! the device code in the host's LLVM module as `@<name>_binary` (what
//! upstream's `#gpu.select_object` does when it translates a binary).

use dialect_gpu::binary::{ObjectAttr, ObjectFormat, SerializeOptions, TargetSerializer};
use dialect_nvvm::target::NvvmTarget;
use inkwell::module::Linkage;
use ir::{Diagnostic, Ir, OpId};
use ml_llvm_ir::{LlvmTranslation, Translator};

use crate::compile::{gpu_module_to_ptx, translate_gpu_module, PtxOptions};

/// `#nvvm.target` compiled by LLVM's NVPTX backend.
pub(crate) struct NvptxSerializer;

impl TargetSerializer for NvptxSerializer {
    fn serialize(&self, ir: &Ir, module: OpId, target: ir::Attribute, options: &SerializeOptions) -> Result<Vec<u8>, Diagnostic> {
        let location = ir.op(module).location;
        let nvvm = NvvmTarget::of(ir.ctx(), target)
            .ok_or_else(|| Diagnostic::error(location, format!("cannot read the target '{}'", ir.ctx().print_attr(target))))?;
        nvvm.check().map_err(|message| Diagnostic::error(location, message))?;
        let mut ptx_options = PtxOptions::for_target(&nvvm);
        ptx_options.link.extend(options.link.iter().map(Into::into));
        match options.format {
            ObjectFormat::Offload => {
                let llvm = inkwell::context::Context::create();
                let code = translate_gpu_module(ir, module, &llvm, &ptx_options)?;
                Ok(code.llvm_ir().into_bytes())
            }
            ObjectFormat::Assembly => Ok(gpu_module_to_ptx(ir, module, &ptx_options)?.0.into_bytes()),
            ObjectFormat::Binary => {
                let (ptx, _) = gpu_module_to_ptx(ir, module, &ptx_options)?;
                let ptxas = crate::toolkit::find_ptxas().ok_or_else(|| {
                    Diagnostic::error(
                        location,
                        "format=bin needs NVIDIA's ptxas (set PTXAS, or install the PyPI package nvidia-cuda-nvcc-cu12); format=isa makes PTX without it",
                    )
                })?;
                crate::toolkit::assemble(&ptxas, &ptx, &nvvm.chip, &options.tool_options)
                    .map_err(|message| Diagnostic::error(location, message))
            }
            ObjectFormat::Fatbin => Err(Diagnostic::error(
                location,
                "format=fatbin needs NVIDIA's fatbinary, which is not used here: use format=isa (PTX) or format=bin (cubin, with ptxas)",
            )),
        }
    }
}

/// The bytes the host embeds for an object: PTX gets its terminating NUL
/// (the driver reads PTX as a C string).
pub fn embedded_bytes(object: &ObjectAttr) -> Vec<u8> {
    let mut bytes = object.object.clone();
    if object.format == ObjectFormat::Assembly && bytes.last() != Some(&0) {
        bytes.push(0);
    }
    bytes
}

/// `@<name>_binary = internal constant [N x i8] c"..."`.
fn embed<'ctx>(t: &mut Translator<'_, 'ctx>, op: OpId, bytes: &[u8]) -> Result<(), Diagnostic> {
    let name = t.ir.symbol_name(op).ok_or_else(|| t.error(op, "device code needs a name"))?;
    let name = format!("{name}_binary");
    if t.module.get_global(&name).is_some() || t.module.get_function(&name).is_some() {
        return Err(t.error(op, format!("symbol '{name}' is defined twice")));
    }
    let value = t.llvm.const_string(bytes, false);
    let global = t.module.add_global(value.get_type(), None, &name);
    global.set_linkage(Linkage::Internal);
    global.set_constant(true);
    global.set_initializer(&value);
    Ok(())
}

/// A `gpu.binary` in a host module: its selected object, embedded.
pub(crate) struct EmbedBinary;

impl LlvmTranslation for EmbedBinary {
    fn declare<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let object = dialect_gpu::BinaryOp(op).selected_object(t.ir)?;
        embed(t, op, &embedded_bytes(&object))
    }
}

/// A `gpu.module` in a host module: compiled to PTX for its target, embedded.
pub(crate) struct EmbedModule;

impl LlvmTranslation for EmbedModule {
    fn declare<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        let (ptx, _) = gpu_module_to_ptx(t.ir, op, &PtxOptions::for_module(t.ir, op))?;
        let mut bytes = ptx.into_bytes();
        bytes.push(0);
        embed(t, op, &bytes)
    }
}
