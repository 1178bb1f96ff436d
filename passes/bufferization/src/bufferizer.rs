//! The rewrite half of one-shot bufferization: what an op's
//! [`Bufferizable::bufferize`](crate::Bufferizable::bufferize) works with.
//!
//! The bufferizer maps each tensor value to the buffer (memref value) that
//! holds it, applies the analysis' decisions when an op asks for the buffer
//! of an operand it writes (the operand's own buffer, or a new one with a
//! copy of its contents), and makes the allocations, copies, views and
//! constants the ops need. Ops replaced by buffer code are erased at the
//! end, once nothing refers to their tensors any more.

use rustc_hash::FxHashMap;

use dialect_arith as arith;
use dialect_memref as memref;
use ir::rewrite::{InsertPoint, PatternRewriter};
use ir::types::DYNAMIC;
use ir::{mixed_list, Attribute, Diagnostic, Ir, Location, OpId, Symbol, Type, TypeData, Value};

use crate::analysis::{FunctionSummary, Placement};
use crate::options::LayoutPolicy;

/// A bufferized function, for its callers.
#[derive(Clone, Debug)]
pub struct BufferizedFunction {
    pub argument_types: Vec<Type>,
    pub result_types: Vec<Type>,
    pub summary: FunctionSummary,
}

/// The state of bufferizing one function.
pub struct Bufferizer<'r, 'a> {
    pub rewriter: PatternRewriter<'r>,
    placements: &'a FxHashMap<(OpId, usize), Placement>,
    functions: &'a FxHashMap<Symbol, BufferizedFunction>,
    globals: &'a mut ConstantGlobals,
    /// Whether function boundaries are bufferized (else functions keep tensors).
    pub function_boundaries: bool,
    /// The layout of function arguments' buffers.
    pub layout: LayoutPolicy,
    buffers: FxHashMap<Value, Value>,
    replaced: Vec<OpId>,
}

impl<'r, 'a> Bufferizer<'r, 'a> {
    pub(crate) fn new(
        ir: &'r mut Ir,
        placements: &'a FxHashMap<(OpId, usize), Placement>,
        functions: &'a FxHashMap<Symbol, BufferizedFunction>,
        globals: &'a mut ConstantGlobals,
        function_boundaries: bool,
        layout: LayoutPolicy,
    ) -> Self {
        Bufferizer {
            rewriter: PatternRewriter::new(ir),
            placements,
            functions,
            globals,
            function_boundaries,
            layout,
            buffers: FxHashMap::default(),
            replaced: Vec::new(),
        }
    }

    pub fn ir(&self) -> &Ir {
        self.rewriter.ir()
    }

    pub fn ir_mut(&mut self) -> &mut Ir {
        self.rewriter.ir_mut()
    }

    /// The bufferized signature of function `callee`, if known.
    pub fn function(&self, callee: Symbol) -> Option<&BufferizedFunction> {
        self.functions.get(&callee)
    }

    /// Whether `v` is a tensor, or was one before it became its own buffer
    /// (a loop's iteration argument or result, retyped in place).
    pub fn is_tensor(&self, v: Value) -> bool {
        self.buffers.contains_key(&v) || self.ir().value_type(v).is_tensor(self.ir().ctx())
    }

    /// Records that tensor `tensor` lives in `buffer`.
    pub fn set_buffer(&mut self, tensor: Value, buffer: Value) {
        self.buffers.insert(tensor, buffer);
    }

    /// The buffer holding tensor `tensor`.
    pub fn buffer(&self, tensor: Value) -> Result<Value, Diagnostic> {
        self.buffers.get(&tensor).copied().ok_or_else(|| {
            let ir = self.ir();
            let location = match ir.defining_op(tensor) {
                Some(op) => ir.op(op).location,
                None => ir
                    .value_parent_block(tensor)
                    .and_then(|b| ir.block_parent_op(b))
                    .map_or(Location::Unknown, |op| ir.op(op).location),
            };
            Diagnostic::error(location, "tensor value has no buffer: its producer was not bufferized")
        })
    }

    /// The buffer that `op` writes through operand `operand`: the operand's
    /// own, or (out of place) a new one made before `op`, with a copy of the
    /// operand when the op needs its contents.
    pub fn operand_buffer(&mut self, op: OpId, operand: usize) -> Result<Value, Diagnostic> {
        let tensor = self.ir().operands(op)[operand];
        let buffer = self.buffer(tensor)?;
        match self.placements.get(&(op, operand)) {
            None | Some(Placement::InPlace) => Ok(buffer),
            Some(&Placement::OutOfPlace { copy }) => {
                let location = self.ir().op(op).location;
                if self.ir().value_type(buffer).shape(self.ir().ctx()).is_none() {
                    return Err(Diagnostic::error(
                        location,
                        "cannot bufferize: this op would write an unranked tensor whose contents are still needed, and an unranked tensor cannot be copied",
                    ));
                }
                let fresh = self.alloc_like(InsertPoint::Before(op), location, buffer)?;
                if copy {
                    self.copy(InsertPoint::Before(op), location, buffer, fresh)?;
                }
                Ok(fresh)
            }
        }
    }

    /// The identity-layout buffer type for tensor type `tensor`.
    pub fn memref_type(&self, tensor: Type) -> Type {
        let ctx = self.ir().ctx();
        match tensor.data(ctx) {
            TypeData::RankedTensor { shape, element, .. } => Type::memref(ctx, shape.clone(), *element),
            TypeData::UnrankedTensor { element } => Type::unranked_memref(ctx, *element, None),
            _ => tensor,
        }
    }

    /// The buffer type of a function argument of tensor type `tensor`.
    pub fn argument_type(&self, tensor: Type) -> Type {
        boundary_type(self.ir().ctx(), tensor, self.layout)
    }

    /// `memref.alloc` of tensor type `tensor`'s shape (identity layout),
    /// with one size per dynamic dimension.
    pub fn alloc(
        &mut self,
        at: InsertPoint,
        location: Location,
        tensor: Type,
        dynamic_sizes: &[Value],
    ) -> Result<Value, Diagnostic> {
        let ty = self.memref_type(tensor);
        let ctx = self.ir().ctx();
        let alignment = Attribute::integer(ctx, 64, Type::integer(ctx, 64));
        let alloc = self
            .rewriter
            .build::<memref::AllocOp>(at, location, &[dynamic_sizes, &[]], &[ty], &[("alignment", alignment)])
            .map_err(|e| Diagnostic::error(location, e.0))?;
        Ok(self.ir().result(alloc.0, 0))
    }

    /// A new buffer of `buffer`'s shape (identity layout), sized by
    /// `memref.dim` where dynamic.
    pub fn alloc_like(&mut self, at: InsertPoint, location: Location, buffer: Value) -> Result<Value, Diagnostic> {
        let ctx = self.ir().ctx_arc().clone();
        let ty = self.ir().value_type(buffer);
        let Some(shape) = ty.shape(&ctx).map(<[i64]>::to_vec) else {
            return Err(Diagnostic::error(location, "cannot allocate a copy of an unranked buffer"));
        };
        let element = ty.element_type_or_self(&ctx);
        let mut sizes = Vec::new();
        for (d, &size) in shape.iter().enumerate() {
            if size == DYNAMIC {
                sizes.push(self.dim(at, location, buffer, d)?);
            }
        }
        let tensor = Type::ranked_tensor(&ctx, shape, element);
        self.alloc(at, location, tensor, &sizes)
    }

    /// `memref.dim %buffer, d`.
    pub fn dim(&mut self, at: InsertPoint, location: Location, buffer: Value, d: usize) -> Result<Value, Diagnostic> {
        let index = self.index_constant(at, location, d as i64)?;
        let ty = Type::index(self.ir().ctx());
        let dim = self
            .rewriter
            .build::<memref::DimOp>(at, location, &[&[buffer], &[index]], &[ty], &[])
            .map_err(|e| Diagnostic::error(location, e.0))?;
        Ok(self.ir().result(dim.0, 0))
    }

    /// The size of dimension `d` of `buffer`: a constant when static.
    pub fn size(&mut self, at: InsertPoint, location: Location, buffer: Value, d: usize) -> Result<Value, Diagnostic> {
        let ctx = self.ir().ctx();
        match self.ir().value_type(buffer).shape(ctx).and_then(|s| s.get(d)).copied() {
            Some(size) if size != DYNAMIC => self.index_constant(at, location, size),
            _ => self.dim(at, location, buffer, d),
        }
    }

    /// `arith.constant <value> : index`.
    pub fn index_constant(&mut self, at: InsertPoint, location: Location, value: i64) -> Result<Value, Diagnostic> {
        let ctx = self.ir().ctx();
        let index = Type::index(ctx);
        let attr = Attribute::integer(ctx, value as i128, index);
        let c = self
            .rewriter
            .build::<arith::ConstantOp>(at, location, &[], &[index], &[("value", attr)])
            .map_err(|e| Diagnostic::error(location, e.0))?;
        Ok(self.ir().result(c.0, 0))
    }

    /// `memref.copy %from, %to`.
    pub fn copy(&mut self, at: InsertPoint, location: Location, from: Value, to: Value) -> Result<(), Diagnostic> {
        self.rewriter
            .build::<memref::CopyOp>(at, location, &[&[from], &[to]], &[], &[])
            .map_err(|e| Diagnostic::error(location, e.0))?;
        Ok(())
    }

    /// `buffer` as type `ty` (a `memref.cast` when the types differ).
    pub fn cast(&mut self, at: InsertPoint, location: Location, buffer: Value, ty: Type) -> Result<Value, Diagnostic> {
        if self.ir().value_type(buffer) == ty {
            return Ok(buffer);
        }
        let cast = self
            .rewriter
            .build::<memref::CastOp>(at, location, &[&[buffer]], &[ty], &[])
            .map_err(|e| Diagnostic::error(location, e.0))?;
        Ok(self.ir().result(cast.0, 0))
    }

    /// `buffer` as type `ty`: cast when the layouts allow it, otherwise
    /// copied into a new buffer of identity layout (then cast).
    pub fn cast_or_copy(&mut self, at: InsertPoint, location: Location, buffer: Value, ty: Type) -> Result<Value, Diagnostic> {
        let ctx = self.ir().ctx();
        let from = self.ir().value_type(buffer);
        if from == ty || memref::cast_compatible(ctx, from, ty) {
            return self.cast(at, location, buffer, ty);
        }
        let (from_space, to_space) = (memref::layout::memory_space(ctx, from), memref::layout::memory_space(ctx, ty));
        if from_space != to_space {
            let show = |space: Option<Attribute>| {
                space.map_or("the default memory space".to_string(), |a| format!("memory space {}", ctx.print_attr(a)))
            };
            return Err(Diagnostic::error(
                location,
                format!("cannot bufferize: the buffer is in {}, a buffer in {} is asked for", show(from_space), show(to_space)),
            ));
        }
        let fresh = self.alloc_like(at, location, buffer)?;
        self.copy(at, location, buffer, fresh)?;
        self.cast(at, location, fresh, ty)
    }

    /// `memref.subview %source[offsets][sizes][strides]` (each list a mixed
    /// static/dynamic list as in the tensor slice ops), dropping the
    /// dimensions that `result_shape` drops.
    #[allow(clippy::too_many_arguments)]
    pub fn subview(
        &mut self,
        at: InsertPoint,
        location: Location,
        source: Value,
        statics: [&[i64]; 3],
        dynamics: [&[Value]; 3],
        result_shape: &[i64],
    ) -> Result<Value, Diagnostic> {
        let ctx = self.ir().ctx();
        let source_type = self.ir().value_type(source);
        let [offsets, sizes, strides] = statics;
        let ty = memref::rank_reduced_subview_type(ctx, source_type, offsets, sizes, strides, result_shape)
            .ok_or_else(|| Diagnostic::error(location, "cannot compute the type of a view of this buffer"))?;
        let attrs = [
            ("static_offsets", mixed_list::attribute(ctx, offsets)),
            ("static_sizes", mixed_list::attribute(ctx, sizes)),
            ("static_strides", mixed_list::attribute(ctx, strides)),
        ];
        let view = self
            .rewriter
            .build::<memref::SubViewOp>(at, location, &[&[source], dynamics[0], dynamics[1], dynamics[2]], &[ty], &attrs)
            .map_err(|e| Diagnostic::error(location, e.0))?;
        Ok(self.ir().result(view.0, 0))
    }

    /// The read-only global holding constant `value` (of tensor type), and
    /// a `memref.get_global` of it before `at`.
    pub fn constant_buffer(
        &mut self,
        at: InsertPoint,
        location: Location,
        value: Attribute,
        tensor: Type,
    ) -> Result<Value, Diagnostic> {
        let ty = self.memref_type(tensor);
        let name = self.globals.global_for(self.rewriter.ir_mut(), value, ty, location)?;
        let ctx = self.ir().ctx();
        let symbol = Attribute::symbol_ref(ctx, &name);
        let get = self
            .rewriter
            .build::<memref::GetGlobalOp>(at, location, &[], &[ty], &[("name", symbol)])
            .map_err(|e| Diagnostic::error(location, e.0))?;
        Ok(self.ir().result(get.0, 0))
    }

    /// Replaces `op` by the same op on `operands` (buffers where it had
    /// tensors) without its tensor results: same name, attributes and
    /// regions (moved), its other results standing for the old ones; the
    /// old op is marked replaced. Returns the new op; the caller records
    /// the buffers of the old tensor results.
    pub fn recreate_on_buffers(&mut self, op: OpId, operands: Vec<Value>) -> OpId {
        let (name, location) = (self.ir().op(op).name, self.ir().op(op).location);
        let mut state = ir::OperationState::new(name, location);
        state.operands = operands;
        state.attributes = self.ir().op(op).attributes.clone();
        let kept: Vec<Value> = self.ir().results(op).iter().copied().filter(|&r| !self.is_tensor(r)).collect();
        state.result_types = kept.iter().map(|&r| self.ir().value_type(r)).collect();
        for _ in 0..self.ir().regions(op).len() {
            state.regions.push(self.ir_mut().create_region(None));
        }
        let new_regions = state.regions.clone();
        let new_op = self.rewriter.create_before(op, state);
        for (old, new) in self.ir().regions(op).to_vec().into_iter().zip(new_regions) {
            self.rewriter.inline_region_at_end(old, new);
        }
        for (old, new) in kept.into_iter().zip(self.ir().results(new_op).to_vec()) {
            self.rewriter.replace_all_uses(old, new);
        }
        self.erase(op);
        new_op
    }

    /// Marks `op` as replaced: erased when the function is done.
    pub fn erase(&mut self, op: OpId) {
        self.replaced.push(op);
    }

    /// Erases the replaced ops, users first. Each must have lost every
    /// user that is not replaced too, or some op still reads a tensor.
    pub(crate) fn erase_replaced(&mut self) -> Result<(), Diagnostic> {
        let replaced: rustc_hash::FxHashSet<OpId> = self.replaced.iter().copied().collect();
        let ir = self.ir();
        for &op in &self.replaced {
            for &result in ir.results(op) {
                if let Some(user) = ir.uses(result).iter().map(|u| u.op).find(|u| !replaced.contains(u) && !ir.is_erased(*u)) {
                    return Err(ir::verifier::op_error(
                        ir,
                        user,
                        format!("op '{}' still uses a tensor after bufferization", ir.op_name_str(user)),
                    ));
                }
            }
        }
        for op in std::mem::take(&mut self.replaced).into_iter().rev() {
            if !self.ir().is_erased(op) {
                self.rewriter.erase_op(op);
            }
        }
        Ok(())
    }
}

/// The buffer type of a function argument of type `ty` under `policy`
/// (other types stay as they are; unranked tensors become unranked memrefs).
pub fn boundary_type(ctx: &ir::Context, ty: Type, policy: LayoutPolicy) -> Type {
    match ty.data(ctx) {
        TypeData::RankedTensor { shape, element, .. } => {
            let identity = Type::memref(ctx, shape.clone(), *element);
            match policy {
                LayoutPolicy::IdentityLayoutMap => identity,
                LayoutPolicy::FullyDynamicLayoutMap | LayoutPolicy::InferLayoutMap => fully_dynamic(ctx, identity),
            }
        }
        TypeData::UnrankedTensor { element } => Type::unranked_memref(ctx, *element, None),
        _ => ty,
    }
}

/// `ty` (a ranked memref) with every stride and the offset dynamic; other
/// types as they are.
pub fn fully_dynamic(ctx: &ir::Context, ty: Type) -> Type {
    if !matches!(ty.data(ctx), TypeData::MemRef { .. }) {
        return ty;
    }
    let rank = ty.shape(ctx).map_or(0, |s| s.len());
    let layout = memref::layout::strided_layout(ctx, &vec![DYNAMIC; rank], DYNAMIC);
    let shape = ty.shape(ctx).unwrap_or(&[]).to_vec();
    memref::layout::with_shape_and_layout(ctx, ty, shape, Some(layout))
}

/// The `memref.global`s made for tensor constants in one module, one per
/// distinct value and type, named as upstream names them
/// (`__constant_2x8xf32`, then `__constant_2x8xf32_0`, ...).
pub struct ConstantGlobals {
    module_block: ir::BlockId,
    made: Vec<(Attribute, Type, String)>,
}

impl ConstantGlobals {
    pub fn new(module_block: ir::BlockId) -> Self {
        ConstantGlobals { module_block, made: Vec::new() }
    }

    fn global_for(&mut self, ir: &mut Ir, value: Attribute, ty: Type, location: Location) -> Result<String, Diagnostic> {
        if let Some((_, _, name)) = self.made.iter().find(|(v, t, _)| *v == value && *t == ty) {
            return Ok(name.clone());
        }
        let ctx = ir.ctx_arc().clone();
        let shape = ty.shape(&ctx).unwrap_or(&[]).iter().map(|s| format!("{s}x")).collect::<String>();
        let base = format!("__constant_{shape}{}", ctx.print_type(ty.element_type_or_self(&ctx)));
        let taken = |name: &str| {
            self.made.iter().any(|(_, _, n)| n == name)
                || ir.block_parent_op(self.module_block).is_some_and(|m| ir.lookup_symbol_in(m, name).is_some())
        };
        let mut name = base.clone();
        let mut k = 0;
        while taken(&name) {
            name = format!("{base}_{k}");
            k += 1;
        }
        let attrs = [
            ("sym_name", Attribute::string(&ctx, &name)),
            ("sym_visibility", Attribute::string(&ctx, "private")),
            ("type", Attribute::type_attr(&ctx, ty)),
            ("initial_value", value),
            ("constant", Attribute::unit(&ctx)),
            ("alignment", Attribute::integer(&ctx, 64, Type::integer(&ctx, 64))),
        ];
        let global = ir.build::<memref::GlobalOp>(location, &[], &[], &attrs).map_err(|e| Diagnostic::error(location, e.0))?;
        match ir.first_op(self.module_block) {
            Some(first) => ir.insert_op_before(first, global.0),
            None => ir.append_op(self.module_block, global.0),
        }
        self.made.push((value, ty, name.clone()));
        Ok(name)
    }
}
