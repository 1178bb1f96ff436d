//! The nvvm dialect's function attributes in LLVM IR, as upstream's
//! `amendOperation` writes them for LLVM 22: `nvvm.kernel` is the PTX
//! kernel calling convention (`ptx_kernel`, 71: the function becomes a
//! PTX `.entry`), and the launch bounds are string attributes
//! (`"nvvm.maxntid"="32,8,1"`) that the NVPTX backend prints as
//! `.maxntid 32, 8, 1`.

use inkwell::attributes::AttributeLoc;
use inkwell::values::FunctionValue;
use ir::{AttrData, Attribute, Diagnostic, OpId};
use ml_llvm_ir::{LlvmAttributeTranslation, Translator};

/// LLVM's calling convention number of PTX kernels.
pub const PTX_KERNEL_CALLING_CONVENTION: u32 = 71;

/// The nvvm attributes on functions.
pub(crate) struct NvvmAttributes;

/// The values of a dense `i32` array attribute, or of an integer.
fn integers(value: Attribute, ctx: &ir::Context) -> Option<Vec<i64>> {
    match value.data(ctx) {
        AttrData::Integer { value, .. } => Some(vec![*value as i64]),
        _ => value.as_dense_int_array(ctx).map(|v| v.into_iter().map(|x| x as i64).collect()),
    }
}

impl LlvmAttributeTranslation for NvvmAttributes {
    fn amend_function<'ctx>(
        &self,
        op: OpId,
        name: &str,
        value: Attribute,
        function: FunctionValue<'ctx>,
        t: &mut Translator<'_, 'ctx>,
    ) -> Result<(), Diagnostic> {
        let ctx = t.ir.ctx();
        // The attribute's LLVM name: upstream renames the cluster bound.
        let key = match name {
            dialect_nvvm::KERNEL_ATTR => {
                function.set_call_conventions(PTX_KERNEL_CALLING_CONVENTION);
                return Ok(());
            }
            "nvvm.maxntid" | "nvvm.reqntid" | "nvvm.cluster_dim" | "nvvm.minctasm" | "nvvm.maxnreg" => name,
            "nvvm.cluster_max_blocks" => "nvvm.maxclusterrank",
            // Others (`nvvm.grid_constant` on arguments, ...) have no
            // function-level form here.
            _ => return Ok(()),
        };
        let values =
            integers(value, ctx).ok_or_else(|| t.error(op, format!("'{name}' must be an integer or an array of i32")))?;
        let text: Vec<String> = values.iter().map(i64::to_string).collect();
        function.add_attribute(AttributeLoc::Function, t.llvm.create_string_attribute(key, &text.join(",")));
        Ok(())
    }
}
