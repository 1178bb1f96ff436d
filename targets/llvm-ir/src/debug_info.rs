//! Optional debug info: one compile unit for the input file, a subprogram
//! per function definition, and each instruction located at its op's
//! `file:line:col` (line tables only, like `-gline-tables-only`).

use inkwell::builder::Builder;
use inkwell::context::Context as LlvmContext;
use inkwell::debug_info::{
    AsDIScope, DICompileUnit, DIFlags, DIFlagsConstants, DIScope, DWARFEmissionKind, DWARFSourceLanguage, DebugInfoBuilder,
};
use inkwell::module::{FlagBehavior, Module};
use inkwell::values::FunctionValue;
use ir::{Ir, OpId};

pub(crate) struct DebugInfo<'ctx> {
    builder: DebugInfoBuilder<'ctx>,
    unit: DICompileUnit<'ctx>,
    scope: Option<DIScope<'ctx>>,
}

/// `(directory, file name)` of a path.
fn split_path(path: &str) -> (&str, &str) {
    match path.rfind('/') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => (".", path),
    }
}

impl<'ctx> DebugInfo<'ctx> {
    pub(crate) fn new(module: &Module<'ctx>, ir: &Ir, root: OpId) -> Self {
        let path = ir.op(root).location.file_line_col(ir.ctx()).map(|(f, _, _)| f).unwrap_or_else(|| "<unknown>".to_string());
        let (directory, file) = split_path(&path);
        let (builder, unit) = module.create_debug_info_builder(
            true,
            DWARFSourceLanguage::C,
            file,
            directory,
            "ml-translate",
            false,
            "",
            0,
            "",
            DWARFEmissionKind::LineTablesOnly,
            0,
            false,
            false,
            "",
            "",
        );
        DebugInfo { builder, unit, scope: None }
    }

    /// Gives `function` a subprogram at the line of `op`.
    pub(crate) fn enter_function(&mut self, ir: &Ir, op: OpId, function: FunctionValue<'ctx>) {
        let line = ir.op(op).location.file_line_col(ir.ctx()).map_or(0, |(_, l, _)| l);
        let file = self.unit.get_file();
        let ty = self.builder.create_subroutine_type(file, None, &[], DIFlags::ZERO);
        let name = function.get_name().to_string_lossy().into_owned();
        let local = matches!(function.get_linkage(), inkwell::module::Linkage::Internal | inkwell::module::Linkage::Private);
        let subprogram = self.builder.create_function(
            file.as_debug_info_scope(),
            &name,
            None,
            file,
            line,
            ty,
            local,
            true,
            line,
            DIFlags::ZERO,
            false,
        );
        function.set_subprogram(subprogram);
        self.scope = Some(subprogram.as_debug_info_scope());
    }

    pub(crate) fn leave_function(&mut self, builder: &Builder<'ctx>) {
        self.scope = None;
        builder.unset_current_debug_location();
    }

    /// Locates what `builder` builds next at `op`'s line and column.
    pub(crate) fn set_location(&self, builder: &Builder<'ctx>, llvm: &'ctx LlvmContext, ir: &Ir, op: OpId) {
        let Some(scope) = self.scope else { return };
        match ir.op(op).location.file_line_col(ir.ctx()) {
            Some((_, line, col)) => {
                let location = self.builder.create_debug_location(llvm, line, col, scope, None);
                builder.set_current_debug_location(location);
            }
            None => builder.unset_current_debug_location(),
        }
    }

    /// Resolves the debug info (dropping the builder finalizes it).
    pub(crate) fn finish(self) {
        drop(self.builder);
    }
}

/// The module flag LLVM wants with debug info; upstream adds it to every module.
pub(crate) fn add_version_flag<'ctx>(module: &Module<'ctx>, llvm: &'ctx LlvmContext) {
    let version = llvm.i32_type().const_int(inkwell::debug_info::debug_metadata_version() as u64, false);
    module.add_basic_value_flag("Debug Info Version", FlagBehavior::Warning, version);
}
