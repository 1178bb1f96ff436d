//! The translation state and its driver: module-level ops are declared
//! first (so every symbol resolves) and then defined; function bodies are
//! translated block by block in dominance order, block arguments become
//! phi nodes that are connected once every block is done.
//!
//! Each op's translation is its [`LlvmTranslation`] interface, attached by
//! op name; nothing here knows which ops exist.

use inkwell::basic_block::BasicBlock;
use inkwell::builder::Builder;
use inkwell::context::Context as LlvmContext;
use inkwell::module::Module;
use inkwell::types::{AnyTypeEnum, BasicTypeEnum, StructType};
use inkwell::values::{BasicValue, BasicValueEnum, FunctionValue, PhiValue};
use ir::{Attribute, BlockId, Diagnostic, Ir, Location, OpId, RegionId, Type, Value};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::debug_info::DebugInfo;
use crate::ffi;

/// How one op becomes LLVM IR. Implement it for an op and attach it with
/// `ctx.attach_interface::<dyn LlvmTranslation>("my.op", &MyTranslation)`.
///
/// Ops directly inside the module get [`declare`](Self::declare) (create
/// the symbol) and later [`define`](Self::define) (fill in a body or an
/// initializer); ops inside function bodies and initializer regions get
/// [`emit`](Self::emit), which builds instructions at the builder's
/// position and maps the op's results with [`Translator::map_result`].
pub trait LlvmTranslation: Sync {
    fn declare<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        Err(t.cannot_translate(op))
    }

    fn define<'ctx>(&self, _op: OpId, _t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        Ok(())
    }

    fn emit<'ctx>(&self, op: OpId, t: &mut Translator<'_, 'ctx>) -> Result<(), Diagnostic> {
        Err(t.cannot_translate(op))
    }
}

/// How a dialect's discardable attributes on a function amend the LLVM
/// function (upstream's `amendOperation` of a dialect's translation
/// interface): `nvvm.kernel` becomes the PTX kernel calling convention,
/// `nvvm.maxntid` a function attribute. Attach it under the dialect's
/// namespace with [`attach_attribute_translation`]; attributes of a
/// dialect without one are not LLVM's business and are left out.
pub trait LlvmAttributeTranslation: Sync {
    /// Amends `function`, translated from `op`, for its attribute `name`.
    fn amend_function<'ctx>(
        &self,
        op: OpId,
        name: &str,
        value: Attribute,
        function: FunctionValue<'ctx>,
        t: &mut Translator<'_, 'ctx>,
    ) -> Result<(), Diagnostic>;
}

/// Makes `translation` amend functions for the attributes of `dialect`
/// (`nvvm.kernel` belongs to `nvvm`). Dialect-wide interfaces are kept
/// in the context's interface table under the dialect's namespace.
pub fn attach_attribute_translation(
    ctx: &ir::Context,
    dialect: &'static str,
    translation: &'static dyn LlvmAttributeTranslation,
) {
    ctx.attach_interface::<dyn LlvmAttributeTranslation>(dialect, translation);
}

/// Runs the attribute translations of the dialects whose attributes `op`
/// (an `llvm.func`) carries, in attribute order.
pub(crate) fn amend_function<'ctx>(
    op: OpId,
    function: FunctionValue<'ctx>,
    t: &mut Translator<'_, 'ctx>,
) -> Result<(), Diagnostic> {
    let ctx = t.ir.ctx();
    let attributes: Vec<(String, Attribute)> =
        t.ir.op(op).attributes.iter().map(|a| (ctx.str(a.name).to_string(), a.value)).collect();
    for (name, value) in attributes {
        let Some((dialect, _)) = name.split_once('.') else { continue };
        if dialect == "llvm" {
            continue;
        }
        if let Some(translation) = ctx.interface::<dyn LlvmAttributeTranslation>(ctx.op_name(dialect)) {
            translation.amend_function(op, &name, value, function, t)?;
        }
    }
    Ok(())
}

/// What the translation is asked to add.
#[derive(Clone, Debug, Default)]
pub struct TranslateOptions {
    /// Emit ops' `file:line:col` locations as LLVM debug info.
    pub debug_info: bool,
}

/// A branch edge into a block with arguments, waiting for its phis.
struct Edge<'ctx> {
    target: BlockId,
    values: Vec<BasicValueEnum<'ctx>>,
    from: BasicBlock<'ctx>,
    /// Upstream adds phi operands in the order of the target's use list:
    /// the most recently created branch first. Sorting by this key
    /// (descending) gives that order.
    order: (usize, usize),
}

/// The state of one module's translation, handed to every op's translation.
pub struct Translator<'a, 'ctx> {
    pub ir: &'a Ir,
    pub llvm: &'ctx LlvmContext,
    pub module: Module<'ctx>,
    pub builder: Builder<'ctx>,
    values: FxHashMap<Value, BasicValueEnum<'ctx>>,
    blocks: FxHashMap<BlockId, BasicBlock<'ctx>>,
    phis: FxHashMap<BlockId, Vec<PhiValue<'ctx>>>,
    edges: Vec<Edge<'ctx>>,
    /// Forwarding blocks made so far in this function (for their order).
    forwarded: usize,
    /// The block each op's position in its region is counted from.
    block_position: FxHashMap<BlockId, usize>,
    named_structs: FxHashMap<String, StructType<'ctx>>,
    function: Option<FunctionValue<'ctx>>,
    pub(crate) debug: Option<DebugInfo<'ctx>>,
}

/// Translates `module` (a `builtin.module` of llvm dialect ops, or ops with
/// an [`LlvmTranslation`]) into a new LLVM module in `llvm`, and checks it
/// with LLVM's verifier.
pub fn translate_module<'ctx>(
    ir: &Ir,
    module: OpId,
    llvm: &'ctx LlvmContext,
    options: &TranslateOptions,
) -> Result<Module<'ctx>, Diagnostic> {
    let llvm_module = llvm.create_module("LLVMDialectModule");
    let mut t = Translator {
        ir,
        llvm,
        module: llvm_module,
        builder: llvm.create_builder(),
        values: FxHashMap::default(),
        blocks: FxHashMap::default(),
        phis: FxHashMap::default(),
        edges: Vec::new(),
        forwarded: 0,
        block_position: FxHashMap::default(),
        named_structs: FxHashMap::default(),
        function: None,
        debug: None,
    };
    t.module_attributes(module)?;
    if options.debug_info {
        t.debug = Some(DebugInfo::new(&t.module, ir, module));
    }
    let top: Vec<OpId> = match ir.regions(module).first().and_then(|&r| ir.entry_block(r)) {
        Some(block) => ir.block_ops(block).collect(),
        None => Vec::new(),
    };
    for &op in &top {
        t.translation(op)?.declare(op, &mut t)?;
    }
    for &op in &top {
        t.translation(op)?.define(op, &mut t)?;
    }
    if let Some(debug) = t.debug.take() {
        debug.finish();
    }
    crate::debug_info::add_version_flag(&t.module, llvm);
    if let Err(message) = t.module.verify() {
        let message = message.to_string();
        return Err(Diagnostic::error(ir.op(module).location, format!("LLVM IR fails to verify: {}", message.trim_end())));
    }
    Ok(t.module)
}

impl<'a, 'ctx> Translator<'a, 'ctx> {
    /// The op's translation, or the diagnostic for an op that has none.
    fn translation(&self, op: OpId) -> Result<&'static dyn LlvmTranslation, Diagnostic> {
        self.ir.interface::<dyn LlvmTranslation>(op).ok_or_else(|| self.cannot_translate(op))
    }

    /// `llvm.target_triple` and `llvm.data_layout` on the module.
    fn module_attributes(&mut self, module: OpId) -> Result<(), Diagnostic> {
        let ctx = self.ir.ctx();
        if let Some(triple) = self.ir.attr(module, "llvm.target_triple").and_then(|a| a.as_string(ctx)) {
            self.module.set_triple(&inkwell::targets::TargetTriple::create(triple));
        }
        if let Some(layout) = self.ir.attr(module, "llvm.data_layout").and_then(|a| a.as_string(ctx)) {
            ffi::set_data_layout(&self.module, layout);
        }
        Ok(())
    }

    // ---- diagnostics ----

    pub fn location(&self, op: OpId) -> Location {
        self.ir.op(op).location
    }

    /// An error at `op`.
    pub fn error(&self, op: OpId, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.location(op), message)
    }

    /// The error for an op that has no translation (or is in a place where
    /// it has none).
    pub fn cannot_translate(&self, op: OpId) -> Diagnostic {
        self.error(op, format!("cannot be translated to LLVM IR: '{}'", self.ir.op_name_str(op)))
    }

    fn builder_error(&self, op: OpId, e: inkwell::builder::BuilderError) -> Diagnostic {
        self.error(op, format!("LLVM builder failed for '{}': {e}", self.ir.op_name_str(op)))
    }

    /// Wraps an inkwell builder result.
    pub fn built<T>(&self, op: OpId, result: Result<T, inkwell::builder::BuilderError>) -> Result<T, Diagnostic> {
        result.map_err(|e| self.builder_error(op, e))
    }

    // ---- types ----

    /// The LLVM type of `ty` (including `void` and function types).
    pub fn llvm_type(&mut self, ty: Type, op: OpId) -> Result<AnyTypeEnum<'ctx>, Diagnostic> {
        crate::types::convert(self, ty)
            .ok_or_else(|| self.error(op, format!("type '{}' cannot be translated to LLVM IR", self.ir.ctx().print_type(ty))))
    }

    /// The LLVM type of `ty`, which must be a type values can have.
    pub fn basic_type(&mut self, ty: Type, op: OpId) -> Result<BasicTypeEnum<'ctx>, Diagnostic> {
        let any = self.llvm_type(ty, op)?;
        BasicTypeEnum::try_from(any)
            .map_err(|_| self.error(op, format!("type '{}' is not a type LLVM values can have", self.ir.ctx().print_type(ty))))
    }

    /// The identified struct named `name`, created opaque on first use.
    pub(crate) fn named_struct(&mut self, name: &str) -> (StructType<'ctx>, bool) {
        if let Some(&s) = self.named_structs.get(name) {
            return (s, false);
        }
        let s = self.llvm.opaque_struct_type(name);
        self.named_structs.insert(name.to_string(), s);
        (s, true)
    }

    // ---- values ----

    /// The LLVM value of `v`, translated earlier.
    pub fn value(&self, v: Value, op: OpId) -> Result<BasicValueEnum<'ctx>, Diagnostic> {
        self.values.get(&v).copied().ok_or_else(|| {
            self.error(op, format!("operand of '{}' has no LLVM value (defined by an untranslated op)", self.ir.op_name_str(op)))
        })
    }

    /// The LLVM values of `op`'s operands.
    pub fn operands(&self, op: OpId) -> Result<Vec<BasicValueEnum<'ctx>>, Diagnostic> {
        self.ir.operands(op).iter().map(|&v| self.value(v, op)).collect()
    }

    /// The LLVM value of operand `index` of `op`.
    pub fn operand(&self, op: OpId, index: usize) -> Result<BasicValueEnum<'ctx>, Diagnostic> {
        let v = *self.ir.operands(op).get(index).ok_or_else(|| self.error(op, format!("missing operand #{index}")))?;
        self.value(v, op)
    }

    pub fn map_value(&mut self, v: Value, value: BasicValueEnum<'ctx>) {
        self.values.insert(v, value);
    }

    /// Records `value` as result 0 of `op`.
    pub fn map_result(&mut self, op: OpId, value: impl BasicValue<'ctx>) {
        if let Some(&r) = self.ir.results(op).first() {
            self.values.insert(r, value.as_basic_value_enum());
        }
    }

    /// An LLVM constant for `attr` of type `ty`.
    pub fn constant(&mut self, attr: Attribute, ty: Type, op: OpId) -> Result<BasicValueEnum<'ctx>, Diagnostic> {
        crate::constants::constant(self, attr, ty, op)
    }

    /// The function whose body is being translated.
    pub fn current_function(&self) -> Option<FunctionValue<'ctx>> {
        self.function
    }

    // ---- ops and regions ----

    /// Translates one op inside a body at the builder's position.
    pub fn emit_op(&mut self, op: OpId) -> Result<(), Diagnostic> {
        if let Some(debug) = &self.debug {
            debug.set_location(&self.builder, self.llvm, self.ir, op);
        }
        self.translation(op)?.emit(op, self)
    }

    /// Translates the body `region` of `function`: entry arguments are its
    /// parameters, other block arguments phi nodes.
    pub fn translate_function_body(
        &mut self,
        op: OpId,
        region: RegionId,
        function: FunctionValue<'ctx>,
    ) -> Result<(), Diagnostic> {
        let ir = self.ir;
        let blocks = ir.region_blocks(region).to_vec();
        let Some(&entry) = blocks.first() else { return Ok(()) };
        self.function = Some(function);
        self.edges.clear();
        self.forwarded = 0;
        if let Some(debug) = &mut self.debug {
            debug.enter_function(ir, op, function);
        }
        for (i, &arg) in ir.block_arguments(entry).iter().enumerate() {
            let param = function
                .get_nth_param(i as u32)
                .ok_or_else(|| self.error(op, "the entry block has more arguments than the function has parameters"))?;
            self.values.insert(arg, param);
        }
        for (i, &block) in blocks.iter().enumerate() {
            let bb = self.llvm.append_basic_block(function, "");
            self.blocks.insert(block, bb);
            self.block_position.insert(block, i);
        }
        for &block in &blocks[1..] {
            self.builder.position_at_end(self.blocks[&block]);
            let mut phis = Vec::new();
            for &arg in ir.block_arguments(block) {
                let ty = self.basic_type(ir.value_type(arg), op)?;
                let phi = self.built(op, self.builder.build_phi(ty, ""))?;
                self.values.insert(arg, phi.as_basic_value());
                phis.push(phi);
            }
            self.phis.insert(block, phis);
        }
        for block in dominance_order(ir, &blocks) {
            self.builder.position_at_end(self.blocks[&block]);
            for inner in ir.block_ops(block) {
                self.emit_op(inner)?;
            }
        }
        self.connect_phis();
        if let Some(debug) = &mut self.debug {
            debug.leave_function(&self.builder);
        }
        self.function = None;
        self.blocks.clear();
        self.phis.clear();
        self.block_position.clear();
        Ok(())
    }

    /// Adds each recorded edge to its target's phis, in upstream's order.
    fn connect_phis(&mut self) {
        let mut edges = std::mem::take(&mut self.edges);
        edges.sort_by_key(|e| std::cmp::Reverse(e.order));
        for edge in &edges {
            let Some(phis) = self.phis.get(&edge.target) else { continue };
            for (phi, value) in phis.iter().zip(&edge.values) {
                phi.add_incoming(&[(value, edge.from)]);
            }
        }
    }

    /// The LLVM block that terminator `op` jumps to for successor `index`,
    /// passing `operands` to its arguments. A block with arguments reached
    /// twice from one terminator gets a forwarding block for each repeat
    /// (phis must agree per predecessor), as upstream's export does.
    pub fn successor(&mut self, op: OpId, index: usize, operands: &[Value]) -> Result<BasicBlock<'ctx>, Diagnostic> {
        let ir = self.ir;
        let target = *ir.successors(op).get(index).ok_or_else(|| self.error(op, format!("missing successor #{index}")))?;
        let dest = *self.blocks.get(&target).ok_or_else(|| self.error(op, "branch to a block outside the function"))?;
        if ir.block_arguments(target).is_empty() {
            return Ok(dest);
        }
        let values: Vec<BasicValueEnum<'ctx>> = operands.iter().map(|&v| self.value(v, op)).collect::<Result<_, _>>()?;
        let from = self.builder.get_insert_block().ok_or_else(|| self.error(op, "no insertion block"))?;
        let position = ir.op_parent_block(op).and_then(|b| self.block_position.get(&b).copied()).unwrap_or(0);
        if !ir.successors(op)[..index].contains(&target) {
            self.edges.push(Edge { target, values, from, order: (0, position * 1024 + index) });
            return Ok(dest);
        }
        // A forwarding block at the end of the function, with its own phis.
        let function = self.function.ok_or_else(|| self.error(op, "branch outside a function"))?;
        let forward = self.llvm.append_basic_block(function, "");
        self.builder.position_at_end(forward);
        let mut forwarded = Vec::with_capacity(values.len());
        for value in &values {
            let phi = self.built(op, self.builder.build_phi(value.get_type(), ""))?;
            phi.add_incoming(&[(value, from)]);
            forwarded.push(phi.as_basic_value());
        }
        self.built(op, self.builder.build_unconditional_branch(dest))?;
        self.builder.position_at_end(from);
        self.forwarded += 1;
        self.edges.push(Edge { target, values: forwarded, from: forward, order: (1, self.forwarded) });
        Ok(forward)
    }

    /// The constant a global's initializer region computes: its ops are
    /// translated in a scratch function (the builder folds constants) and
    /// the value its terminator returns must be a constant.
    pub fn translate_initializer(&mut self, op: OpId, region: RegionId) -> Result<BasicValueEnum<'ctx>, Diagnostic> {
        let ir = self.ir;
        let [block] = ir.region_blocks(region) else {
            return Err(self.error(op, "an initializer region must have exactly one block"));
        };
        let scratch = self.module.add_function("__ml_initializer", self.llvm.void_type().fn_type(&[], false), None);
        let entry = self.llvm.append_basic_block(scratch, "");
        self.builder.position_at_end(entry);
        // Instructions here are thrown away: no debug locations.
        self.builder.unset_current_debug_location();
        let result = (|| {
            let terminator = ir.terminator(*block).ok_or_else(|| self.error(op, "the initializer region has no terminator"))?;
            for inner in ir.block_ops(*block) {
                if inner != terminator {
                    self.translation(inner)?.emit(inner, self)?;
                }
            }
            let value = self.operand(terminator, 0)?;
            if !ffi::is_constant(value) {
                return Err(self.error(op, "the initializer region does not compute a constant"));
            }
            Ok(value)
        })();
        // SAFETY: the scratch function is used by nothing (constants never
        // refer to instructions), so deleting it leaves no dangling use.
        unsafe { scratch.delete() };
        self.builder.clear_insertion_position();
        result
    }
}

/// `blocks` in reverse post-order from the entry (so definitions come
/// before uses), then the unreachable ones in region order.
fn dominance_order(ir: &Ir, blocks: &[BlockId]) -> Vec<BlockId> {
    let mut visited = FxHashSet::default();
    let mut post = Vec::with_capacity(blocks.len());
    // Iterative DFS: (block, next successor index).
    let mut stack = vec![(blocks[0], 0usize)];
    visited.insert(blocks[0]);
    while let Some((block, next)) = stack.pop() {
        let successors = ir.terminator(block).map(|t| ir.successors(t)).unwrap_or(&[]);
        if let Some(&succ) = successors.get(next) {
            stack.push((block, next + 1));
            if visited.insert(succ) {
                stack.push((succ, 0));
            }
        } else {
            post.push(block);
        }
    }
    post.reverse();
    post.extend(blocks.iter().filter(|b| !visited.contains(b)));
    post
}
