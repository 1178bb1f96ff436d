//! `one-shot-bufferize`: every tensor of a module gets a buffer, in one
//! pass over each function (upstream's One-Shot Bufferize).
//!
//! Each function is first analyzed ([`crate::analysis`]): every tensor an op
//! writes is written in place, into the buffer it already has, unless a
//! later read still needs the old contents or the buffer may not be
//! written; then it gets a new buffer (`memref.alloc`, with a
//! `memref.copy` of the old contents when the op reads them). Then every
//! op is rewritten through its [`Bufferizable`] implementation: tensor ops
//! become memref ops, linalg ops on tensors become linalg ops on buffers,
//! loops carry buffers.
//!
//! With `bufferize-function-boundaries`, signatures change too: a tensor
//! argument becomes a buffer with a fully dynamic layout (any view may be
//! passed; `function-boundary-type-conversion=identity-layout-map` asks
//! for contiguous ones), results take the type of the buffers returned.
//! Callees are bufferized before their callers, which learn from them
//! which arguments are written and which results are arguments' buffers.
//! Functions that call each other in a cycle return fully dynamic layouts.
//! Without the option, signatures keep tensors and function arguments are
//! never written.
//!
//! ```mlir
//! func.func @f(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> tensor<4x16xf32> {
//!   %e = tensor.empty() : tensor<4x16xf32>
//!   %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x16xf32>) -> tensor<4x16xf32>
//!   %m = linalg.matmul ins(%x, %w : ...) outs(%f : tensor<4x16xf32>) -> tensor<4x16xf32>
//!   return %m : tensor<4x16xf32>
//! }
//! // becomes
//! func.func @f(%x: memref<4x8xf32, strided<[?, ?], offset: ?>>, %w: memref<8x16xf32, strided<[?, ?], offset: ?>>) -> memref<4x16xf32> {
//!   %alloc = memref.alloc() {alignment = 64 : i64} : memref<4x16xf32>
//!   linalg.fill ins(%zero : f32) outs(%alloc : memref<4x16xf32>)
//!   linalg.matmul ins(%x, %w : ...) outs(%alloc : memref<4x16xf32>)
//!   return %alloc : memref<4x16xf32>
//! }
//! ```
//!
//! Buffers are not freed here; `buffer-deallocation` does that.
//!
//! Differences from upstream: tensors carried by `scf.for` keep one buffer
//! for the whole loop (a yielded value in another buffer is copied back
//! into it), where upstream may switch buffers between iterations; the
//! analysis walks the function top-down where upstream's default is
//! bottom-up, so on programs where the order matters the two may choose
//! different operands to copy; results of functions in a call cycle are
//! fully dynamic. `tensor.reshape` and `tensor.bitcast` are not supported
//! (there is no `memref.reshape` here).

use rustc_hash::FxHashMap;

use dialect_bufferization::ToBufferOp;
use dialect_func::{FuncOp, ReturnOp};
use ir::pass::{Pass, PassContext, PassInfo};
use ir::rewrite::InsertPoint;
use ir::verifier::op_error;
use ir::{Attribute, Diagnostic, Ir, OpId, Symbol, Type};

use crate::analysis::{analyze, AnalysisState, FunctionSummaries, FunctionSummary};
use crate::bufferizable::Bufferizable;
use crate::bufferizer::{boundary_type, fully_dynamic, BufferizedFunction, Bufferizer, ConstantGlobals};
use crate::models::register_bufferizable_ops;
use crate::options::{OneShotOptions, OPTIONS};

pub const INFO: PassInfo = PassInfo {
    name: "one-shot-bufferize",
    summary: "One-Shot Bufferize: tensors to buffers, in place wherever no copy is needed",
    anchor: None,
    options: OPTIONS,
    dependent_dialects: &["bufferization", "memref", "linalg", "arith"],
    create: |options| Ok(Box::new(OneShotBufferize(OneShotOptions::from_pass_options(options)?))),
};

struct OneShotBufferize(OneShotOptions);

impl Pass for OneShotBufferize {
    fn run(&self, ir: &mut Ir, op: OpId, cx: &mut PassContext<'_>) -> Result<(), Diagnostic> {
        let stats = one_shot_bufferize(ir, op, &self.0)?;
        cx.count("num-buffers-allocated", "Number of buffers allocated for results or copies", stats.allocations as u64);
        cx.count("num-tensor-in-place", "Number of written tensor operands bufferized in place", stats.in_place as u64);
        cx.count("num-tensor-out-of-place", "Number of written tensor operands given a new buffer", stats.out_of_place as u64);
        Ok(())
    }
}

/// What bufferizing a module did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BufferizationStats {
    pub in_place: usize,
    pub out_of_place: usize,
    pub allocations: usize,
}

/// Bufferizes every function of `module` (a `builtin.module`).
pub fn one_shot_bufferize(ir: &mut Ir, module: OpId, options: &OneShotOptions) -> Result<BufferizationStats, Diagnostic> {
    register_bufferizable_ops(ir.ctx());
    let Some(module_block) = ir.regions(module).first().and_then(|&r| ir.entry_block(r)) else {
        return Ok(BufferizationStats::default());
    };
    let functions: Vec<FuncOp> = ir.block_ops(module_block).filter_map(|op| ir.dyn_cast::<FuncOp>(op)).collect();
    let (order, recursive) = crate::call_order::callees_first(ir, &functions);
    let boundaries = options.bufferize_function_boundaries;
    let mut module_state = ModuleState {
        options: *options,
        summaries: FunctionSummaries::default(),
        bufferized: FxHashMap::default(),
        globals: ConstantGlobals::new(module_block),
        stats: BufferizationStats::default(),
    };
    if boundaries {
        for &function in &recursive {
            module_state.declare_conservatively(ir, function);
        }
    }
    for function in order {
        if boundaries && function.is_declaration(ir) {
            module_state.declare_conservatively(ir, function);
            continue;
        }
        module_state.bufferize_function(ir, function, recursive.contains(&function))?;
    }
    Ok(module_state.stats)
}

struct ModuleState {
    options: OneShotOptions,
    summaries: FunctionSummaries,
    bufferized: FxHashMap<Symbol, BufferizedFunction>,
    globals: ConstantGlobals,
    stats: BufferizationStats,
}

fn function_symbol(ir: &Ir, function: FuncOp) -> Option<Symbol> {
    let ctx = ir.ctx();
    ir.attr(function.0, "sym_name").and_then(|a| a.as_string(ctx)).map(|n| ctx.symbol(n))
}

impl ModuleState {
    fn policy_type(&self, ir: &Ir, ty: Type) -> Type {
        boundary_type(ir.ctx(), ty, self.options.function_boundary_type_conversion)
    }

    /// What callers assume of a function whose body is unknown or not yet
    /// bufferized (a declaration, a call cycle): it reads and writes every
    /// argument (a declaration's argument marked `bufferization.access =
    /// "read"` is only read), its results are new buffers, all of the
    /// policy's types. A declaration's signature is converted here.
    fn declare_conservatively(&mut self, ir: &mut Ir, function: FuncOp) {
        let Some(symbol) = function_symbol(ir, function) else { return };
        let (inputs, results) = function.signature(ir);
        let argument_types: Vec<Type> = inputs.iter().map(|&t| self.policy_type(ir, t)).collect();
        let result_types: Vec<Type> = results.iter().map(|&t| self.policy_type(ir, t)).collect();
        let writes_argument =
            (0..inputs.len()).map(|i| !function.is_declaration(ir) || declared_access(ir, function, i) != Some("read")).collect();
        let summary = FunctionSummary { writes_argument, result_aliases: vec![None; results.len()] };
        if function.is_declaration(ir) {
            set_signature(ir, function, &argument_types, &result_types);
        }
        self.summaries.insert(symbol, summary.clone());
        self.bufferized.insert(symbol, BufferizedFunction { argument_types, result_types, summary });
    }

    fn bufferize_function(&mut self, ir: &mut Ir, function: FuncOp, recursive: bool) -> Result<(), Diagnostic> {
        let boundaries = self.options.bufferize_function_boundaries;
        let ctx = ir.ctx_arc().clone();
        let Some(entry) = ir.regions(function.0).first().and_then(|&r| ir.entry_block(r)) else { return Ok(()) };
        let arguments = ir.block_arguments(entry).to_vec();
        let writable: Vec<bool> = (0..arguments.len()).map(|i| boundaries && argument_writable(ir, function, i)).collect();

        // The analysis, and what callers learn from it.
        let (decisions, summary) = {
            let state = AnalysisState::new(ir, &self.summaries, boundaries);
            let decisions = analyze(&state, function.0, &|i| writable.get(i).copied().unwrap_or(false));
            let returns = return_ops(ir, function);
            let result_count = function.signature(ir).1.len();
            let summary = FunctionSummary {
                writes_argument: arguments.iter().map(|&a| decisions.is_written(ir, a)).collect(),
                result_aliases: (0..result_count)
                    .map(|r| {
                        arguments.iter().position(|&a| {
                            returns.iter().any(|&ret| ir.operands(ret).get(r).is_some_and(|&v| decisions.may_alias(v, a)))
                        })
                    })
                    .collect(),
            };
            (decisions, summary)
        };
        for placement in decisions.placements.values() {
            match placement {
                crate::analysis::Placement::InPlace => self.stats.in_place += 1,
                crate::analysis::Placement::OutOfPlace { .. } => self.stats.out_of_place += 1,
            }
        }

        // The rewrite, of the ops there are now (not of those it makes).
        let top_level: Vec<Vec<OpId>> = ir
            .regions(function.0)
            .iter()
            .flat_map(|&r| ir.region_blocks(r).to_vec())
            .map(|blk| ir.block_ops(blk).collect())
            .collect();
        let layout = self.options.function_boundary_type_conversion;
        let mut b = Bufferizer::new(ir, &decisions.placements, &self.bufferized, &mut self.globals, boundaries, layout);
        for &argument in &arguments {
            let ty = b.ir().value_type(argument);
            if !ty.is_tensor(&ctx) {
                continue;
            }
            if boundaries {
                let buffer_type = b.argument_type(ty);
                b.rewriter.set_value_type(argument, buffer_type);
                b.set_buffer(argument, argument);
            } else {
                let location = b.ir().op(function.0).location;
                let buffer_type = fully_dynamic(&ctx, b.memref_type(ty));
                let at = match b.ir().first_op(entry) {
                    Some(first) => InsertPoint::Before(first),
                    None => InsertPoint::End(entry),
                };
                let read_only = Attribute::unit(&ctx);
                let to_buffer = b
                    .rewriter
                    .build::<ToBufferOp>(at, location, &[&[argument]], &[buffer_type], &[("read_only", read_only)])
                    .map_err(|e| Diagnostic::error(location, e.0))?;
                let buffer = b.ir().result(to_buffer.0, 0);
                b.set_buffer(argument, buffer);
            }
        }
        for ops in top_level {
            bufferize_ops(&mut b, ops)?;
        }
        b.erase_replaced()?;
        self.stats.allocations += count_allocations(ir, function);

        if !boundaries {
            return Ok(());
        }
        let Some(symbol) = function_symbol(ir, function) else { return Ok(()) };
        let argument_types: Vec<Type> = arguments.iter().map(|&a| ir.value_type(a)).collect();
        let result_types = if recursive {
            let declared = self.bufferized.get(&symbol).map(|f| f.result_types.clone()).unwrap_or_default();
            cast_returns(ir, function, &declared)?;
            declared
        } else {
            unify_returns(ir, function)?
        };
        set_signature(ir, function, &argument_types, &result_types);
        drop_writable_attributes(ir, function);
        if !recursive {
            self.summaries.insert(symbol, summary.clone());
            self.bufferized.insert(symbol, BufferizedFunction { argument_types, result_types, summary });
        }
        Ok(())
    }
}

/// Whether argument `i` may be written: unless `bufferization.writable = false`.
fn argument_writable(ir: &Ir, function: FuncOp, i: usize) -> bool {
    let ctx = ir.ctx();
    let Some(attrs) = ir.attr(function.0, "arg_attrs").and_then(|a| a.as_array(ctx).map(|a| a.to_vec())) else { return true };
    let Some(dict) = attrs.get(i) else { return true };
    match dict.data(ctx) {
        ir::AttrData::Dictionary(entries) => {
            !entries.iter().any(|e| ctx.str(e.name) == "bufferization.writable" && e.value.as_integer(ctx) == Some(0))
        }
        _ => true,
    }
}

/// Removes the `bufferization.writable` argument attributes, which mean
/// nothing once arguments are buffers (as upstream does).
fn drop_writable_attributes(ir: &mut Ir, function: FuncOp) {
    let ctx = ir.ctx_arc().clone();
    let Some(attrs) = ir.attr(function.0, "arg_attrs").and_then(|a| a.as_array(&ctx).map(|a| a.to_vec())) else { return };
    let kept: Vec<Attribute> = attrs
        .iter()
        .map(|dict| match dict.data(&ctx) {
            ir::AttrData::Dictionary(entries) => Attribute::dictionary(
                &ctx,
                entries.iter().filter(|e| ctx.str(e.name) != "bufferization.writable").copied().collect(),
            ),
            _ => *dict,
        })
        .collect();
    let all_empty = kept.iter().all(|d| matches!(d.data(&ctx), ir::AttrData::Dictionary(e) if e.is_empty()));
    if all_empty {
        ir.remove_attr(function.0, "arg_attrs");
    } else {
        ir.set_attr(function.0, "arg_attrs", Attribute::array(&ctx, kept));
    }
}

/// The `bufferization.access` ("read", "write", "read-write") that a
/// declaration states for argument `i`.
fn declared_access(ir: &Ir, function: FuncOp, i: usize) -> Option<&str> {
    let ctx = ir.ctx();
    let attrs = ir.attr(function.0, "arg_attrs")?;
    let dict = *attrs.as_array(ctx)?.get(i)?;
    match dict.data(ctx) {
        ir::AttrData::Dictionary(entries) => {
            entries.iter().find(|e| ctx.str(e.name) == "bufferization.access")?.value.as_string(ctx)
        }
        _ => None,
    }
}

fn return_ops(ir: &Ir, function: FuncOp) -> Vec<OpId> {
    ir.regions(function.0)
        .iter()
        .flat_map(|&r| ir.region_blocks(r).to_vec())
        .filter_map(|b| ir.terminator(b))
        .filter(|&t| ir.isa::<ReturnOp>(t))
        .collect()
}

/// Bufferizes `ops` in order: an op's regions before the op itself, with
/// its region arguments given buffers first.
fn bufferize_ops(b: &mut Bufferizer<'_, '_>, ops: Vec<OpId>) -> Result<(), Diagnostic> {
    for op in ops {
        let model = needs_bufferization(b, op).then(|| b.ir().interface::<dyn Bufferizable>(op));
        let model = match model {
            None => None,
            Some(Some(model)) => Some(model),
            Some(None) => {
                let ir = b.ir();
                return Err(op_error(
                    ir,
                    op,
                    format!(
                        "cannot bufferize op '{}': it has no bufferization (Bufferizable) implementation",
                        ir.op_name_str(op)
                    ),
                ));
            }
        };
        if let Some(model) = model {
            model.bufferize_region_arguments(b, op)?;
        }
        for region in b.ir().regions(op).to_vec() {
            for inner in b.ir().region_blocks(region).to_vec() {
                let inner_ops = b.ir().block_ops(inner).collect();
                bufferize_ops(b, inner_ops)?;
            }
        }
        if let Some(model) = model {
            model.bufferize(b, op)?;
        }
    }
    Ok(())
}

/// Whether `op` has a tensor operand or result.
fn needs_bufferization(b: &Bufferizer<'_, '_>, op: OpId) -> bool {
    let ir = b.ir();
    ir.operands(op).iter().chain(ir.results(op)).any(|&v| b.is_tensor(v))
}

fn count_allocations(ir: &Ir, function: FuncOp) -> usize {
    let mut count = 0;
    ir.walk(function.0, |op| count += ir.isa::<dialect_memref::AllocOp>(op) as usize);
    count
}

/// The result types of a bufferized function: the returned buffers'
/// types, or a fully dynamic layout that every return casts to when they
/// differ.
fn unify_returns(ir: &mut Ir, function: FuncOp) -> Result<Vec<Type>, Diagnostic> {
    let ctx = ir.ctx_arc().clone();
    let returns = return_ops(ir, function);
    let Some(&first) = returns.first() else { return Ok(function.signature(ir).1) };
    let mut types: Vec<Type> = ir.operands(first).iter().map(|&v| ir.value_type(v)).collect();
    for &ret in &returns[1..] {
        for (k, &v) in ir.operands(ret).iter().enumerate() {
            if let Some(t) = types.get_mut(k) {
                if *t != ir.value_type(v) && t.is_memref(&ctx) {
                    *t = fully_dynamic(&ctx, *t);
                }
            }
        }
    }
    cast_returns(ir, function, &types)?;
    Ok(types)
}

/// Casts each returned buffer to `types`.
fn cast_returns(ir: &mut Ir, function: FuncOp, types: &[Type]) -> Result<(), Diagnostic> {
    for ret in return_ops(ir, function) {
        let location = ir.op(ret).location;
        for (k, v) in ir.operands(ret).to_vec().into_iter().enumerate() {
            let Some(&ty) = types.get(k) else { continue };
            if ir.value_type(v) == ty || !ty.is_memref(ir.ctx()) {
                continue;
            }
            let cast = ir
                .build::<dialect_memref::CastOp>(location, &[&[v]], &[ty], &[])
                .map_err(|e| Diagnostic::error(location, e.0))?;
            ir.insert_op_before(ret, cast.0);
            let value = ir.result(cast.0, 0);
            ir.set_operand(ret, k, value);
        }
    }
    Ok(())
}

fn set_signature(ir: &mut Ir, function: FuncOp, inputs: &[Type], results: &[Type]) {
    let ctx = ir.ctx_arc().clone();
    let ty = Type::function(&ctx, inputs.to_vec(), results.to_vec());
    ir.set_attr(function.0, "function_type", Attribute::type_attr(&ctx, ty));
}
