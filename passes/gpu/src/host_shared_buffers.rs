//! `gpu-host-shared-buffers`: puts the host's buffers where kernels can
//! reach them, so that a program bufferized for the CPU runs with its
//! loops as kernels. In a module that launches kernels, every host
//! function
//!
//! - allocates its heap buffers in memory shared with the device:
//!   `memref.alloc` becomes `gpu.alloc host_shared` (CUDA managed memory,
//!   which the host reads and writes as before) and `memref.dealloc`
//!   becomes `gpu.dealloc`;
//! - reads constant globals from a shared copy: each `memref.get_global` of
//!   a `constant` global is replaced by a `gpu.alloc host_shared` buffer
//!   filled from it at the function's entry and freed before each return.
//!
//! ```mlir
//! %a = memref.alloc(%n) : memref<?xf32>
//! memref.dealloc %a : memref<?xf32>
//! // becomes
//! %a = gpu.alloc host_shared (%n) : memref<?xf32>
//! gpu.dealloc %a : memref<?xf32>
//! ```
//!
//! What cannot be made reachable is an error at the op: a heap buffer
//! with a layout or memory space (`gpu.alloc host_shared` makes identity
//! buffers in the default space), a `memref.realloc`, a constant's copy
//! that the function returns, and a kernel operand that is a stack buffer
//! (`memref.alloca`) or a view of a mutable global. Buffers that reach
//! the host function as arguments are its caller's: in a whole program
//! the callers are converted too.

use rustc_hash::FxHashMap;

use dialect_func as func;
use dialect_gpu as gpu;
use dialect_memref as memref;
use ir::body::WalkOrder;
use ir::pass::{FunctionPass, PassInfo};
use ir::rewrite::{InsertPoint, PatternRewriter};
use ir::types::TypeData;
use ir::verifier::op_error;
use ir::{Attribute, Diagnostic, Ir, OpId, Value};

pub const INFO: PassInfo = PassInfo {
    name: "gpu-host-shared-buffers",
    summary: "Allocate the host's buffers (and copies of constant globals) in memory shared with the device, in modules that launch kernels",
    anchor: None,
    options: &[],
    dependent_dialects: &["gpu", "memref"],
    create: |_| Ok(Box::new(FunctionPass(share_host_buffers))),
};

/// Converts the host functions of `module` if it launches kernels.
pub fn share_host_buffers(ir: &mut Ir, module: OpId) -> Result<(), Diagnostic> {
    let Some(body) = ir.regions(module).first().and_then(|&r| ir.entry_block(r)) else { return Ok(()) };
    let functions: Vec<OpId> = ir.block_ops(body).filter(|&o| ir.isa::<func::FuncOp>(o)).collect();
    let launches_kernels =
        functions.iter().any(|&f| ir.walk_collect(f, WalkOrder::PreOrder).iter().any(|&o| ir.isa::<gpu::LaunchFuncOp>(o)));
    if !launches_kernels {
        return Ok(());
    }
    for function in functions {
        check_kernel_operands(ir, function)?;
        share_heap_buffers(ir, function)?;
        share_constant_globals(ir, function)?;
    }
    Ok(())
}

/// `memref.alloc`/`dealloc` in `function` become their `gpu` forms.
fn share_heap_buffers(ir: &mut Ir, function: OpId) -> Result<(), Diagnostic> {
    let ops = ir.walk_collect(function, WalkOrder::PreOrder);
    let mut r = PatternRewriter::new(ir);
    for op in ops {
        let ir = r.ir();
        let location = ir.op(op).location;
        if ir.isa::<memref::ReallocOp>(op) {
            return Err(op_error(ir, op, "cannot be placed in memory shared with the device"));
        }
        if let Some(alloc) = ir.dyn_cast::<memref::AllocOp>(op) {
            let buffer = alloc.memref(ir);
            let ty = ir.value_type(buffer);
            if !matches!(ty.data(ir.ctx()), TypeData::MemRef { layout: None, memory_space: None, .. }) {
                return Err(op_error(
                    ir,
                    op,
                    "cannot be placed in memory shared with the device: only buffers with the identity layout in the default memory space can",
                ));
            }
            let sizes = alloc.dynamicSizes(ir).to_vec();
            let shared = Attribute::unit(ir.ctx());
            let new = r
                .build::<gpu::AllocOp>(InsertPoint::Before(op), location, &[&[], &sizes, &[]], &[ty], &[("hostShared", shared)])
                .map_err(|e| Diagnostic::error(location, e.0))?;
            let replacement = r.ir().result(new.0, 0);
            r.replace_op(op, &[replacement]);
        } else if let Some(dealloc) = ir.dyn_cast::<memref::DeallocOp>(op) {
            let buffer = dealloc.memref(ir);
            r.build::<gpu::DeallocOp>(InsertPoint::Before(op), location, &[&[], &[buffer]], &[], &[])
                .map_err(|e| Diagnostic::error(location, e.0))?;
            r.erase_op(op);
        }
    }
    Ok(())
}

/// Each constant global `function` reads gets one shared copy, made at the
/// entry and freed before every return.
fn share_constant_globals(ir: &mut Ir, function: OpId) -> Result<(), Diagnostic> {
    let reads: Vec<OpId> = ir
        .walk_collect(function, WalkOrder::PreOrder)
        .into_iter()
        .filter(|&o| ir.isa::<memref::GetGlobalOp>(o) && global_of(ir, o).is_some_and(|g| is_constant(ir, g)))
        .collect();
    let Some(&first) = reads.first() else { return Ok(()) };
    let Some(entry) = ir.regions(function).first().and_then(|&r| ir.entry_block(r)) else { return Ok(()) };
    let returns: Vec<OpId> =
        ir.walk_collect(function, WalkOrder::PreOrder).into_iter().filter(|&o| ir.isa::<func::ReturnOp>(o)).collect();
    let mut copies: FxHashMap<String, Value> = FxHashMap::default();
    let mut r = PatternRewriter::new(ir);
    for read in reads {
        let ir = r.ir();
        let location = ir.op(read).location;
        let name = memref::GetGlobalOp(read).name(ir).ok_or_else(|| op_error(ir, read, "names no global"))?;
        let key = ir.ctx().print_attr(name);
        let copy = match copies.get(&key) {
            Some(&copy) => copy,
            None => {
                // The entry's first op now (an earlier read may have gone).
                let start = ir.first_op(entry).ok_or_else(|| op_error(ir, function, "has an empty entry block"))?;
                let ty = ir.value_type(ir.result(read, 0));
                let original = r
                    .build::<memref::GetGlobalOp>(InsertPoint::Before(start), location, &[], &[ty], &[("name", name)])
                    .map_err(|e| Diagnostic::error(location, e.0))?;
                let original = r.ir().result(original.0, 0);
                let shared = Attribute::unit(r.ctx());
                let alloc = r
                    .build::<gpu::AllocOp>(
                        InsertPoint::Before(start),
                        location,
                        &[&[], &[], &[]],
                        &[ty],
                        &[("hostShared", shared)],
                    )
                    .map_err(|e| Diagnostic::error(location, e.0))?;
                let copy = r.ir().result(alloc.0, 0);
                r.build::<memref::CopyOp>(InsertPoint::Before(start), location, &[&[original], &[copy]], &[], &[])
                    .map_err(|e| Diagnostic::error(location, e.0))?;
                for &ret in &returns {
                    r.build::<gpu::DeallocOp>(InsertPoint::Before(ret), location, &[&[], &[copy]], &[], &[])
                        .map_err(|e| Diagnostic::error(location, e.0))?;
                }
                copies.insert(key, copy);
                copy
            }
        };
        r.replace_op(read, &[copy]);
    }
    let ir = r.ir();
    for &ret in &returns {
        for &v in ir.operands(ret) {
            if copies.values().any(|&c| buffer_root(ir, v) == c) {
                return Err(op_error(ir, first, "reads a constant the function returns: its shared copy would be freed"));
            }
        }
    }
    Ok(())
}

/// Kernel operands must not be stack buffers or mutable globals.
fn check_kernel_operands(ir: &Ir, function: OpId) -> Result<(), Diagnostic> {
    for launch in ir.walk_collect(function, WalkOrder::PreOrder).into_iter().filter(|&o| ir.isa::<gpu::LaunchFuncOp>(o)) {
        for (k, &operand) in gpu::LaunchFuncOp(launch).kernelOperands(ir).iter().enumerate() {
            let Some(source) = ir.defining_op(buffer_root(ir, operand)) else { continue };
            let unreachable = if ir.isa::<memref::AllocaOp>(source) {
                Some("a stack buffer".to_string())
            } else {
                global_of(ir, source)
                    .filter(|&g| !is_constant(ir, g))
                    .map(|g| format!("the mutable global @{}", ir.symbol_name(g).unwrap_or("?")))
            };
            if let Some(what) = unreachable {
                return Err(op_error(ir, launch, format!("kernel operand #{k} is {what}, which the device cannot reach")));
            }
        }
    }
    Ok(())
}

/// The buffer `v` is a view of (through subviews, casts, reshapes), or `v`.
fn buffer_root(ir: &Ir, mut v: Value) -> Value {
    while let Some(source) = ir.defining_op(v).and_then(|o| memref::view_source(ir, o)) {
        v = source;
    }
    v
}

/// The `memref.global` a `memref.get_global` reads.
fn global_of(ir: &Ir, op: OpId) -> Option<OpId> {
    let name = ir.dyn_cast::<memref::GetGlobalOp>(op)?.name(ir)?;
    let symbol = name.as_flat_symbol_ref(ir.ctx())?;
    ir.lookup_symbol(op, ir.ctx().str(symbol))
}

fn is_constant(ir: &Ir, global: OpId) -> bool {
    ir.dyn_cast::<memref::GlobalOp>(global).is_some_and(|g| g.constant(ir).is_some())
}
