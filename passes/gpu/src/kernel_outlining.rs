//! `gpu-kernel-outlining`: each `gpu.launch` body becomes a kernel, a
//! `gpu.func` marked `kernel` in a `gpu.module` of its own, and the launch
//! becomes a `gpu.launch_func` of it with the values the body used from
//! outside as arguments. The module gets `gpu.container_module`.
//!
//! ```mlir
//! func.func @f(%m: memref<?xf32>, %n: index) {
//!   gpu.launch blocks(%bx, ...) in (%gx = %n, ...) threads(%tx, ...) in (...) { ... gpu.terminator }
//! // becomes
//! func.func @f(%m: memref<?xf32>, %n: index) {
//!   gpu.launch_func @f_kernel::@f_kernel blocks in (%n, ...) threads in (...) args(%m : memref<?xf32>)
//! }
//! gpu.module @f_kernel {
//!   gpu.func @f_kernel(%arg0: memref<?xf32>) kernel {
//!     %block_id_x = gpu.block_id x          // one op per id and size the body had as arguments
//!     ...
//!     gpu.return
//! ```
//!
//! The kernel is named `<function>_kernel`, in a module of the same name
//! (renamed `_0`, `_1`, ... when taken), unless the launch names them
//! (`module(@m) function(@k)`; an existing `gpu.module @m` then receives
//! the kernel). Block and grid sizes known as constants become
//! `known_block_size` and `known_grid_size`; workgroup and private
//! attributions stay attributions; functions the kernel calls are copied
//! into its module. Values are passed as they are: run
//! `gpu-launch-sink-index-computations` first to copy constants and index
//! computations in, as upstream's pipelines do (mlir-opt 22's outlining
//! does not sink either). Output as upstream's; its `data-layout-str`
//! option is not offered.

use dialect_builtin::ModuleOp;
use dialect_gpu as gpu;
use ir::body::WalkOrder;
use ir::pass::{FunctionPass, PassInfo};
use ir::rewrite::{constant_value, InsertPoint, PatternRewriter};
use ir::verifier::op_error;
use ir::{AttrData, Attribute, Diagnostic, Ir, IrMapping, Location, OpId, OpType, Type, Value};

use crate::launch_sink_index_computations::{replace_uses_in, used_values_defined_above};

pub const INFO: PassInfo = PassInfo {
    name: "gpu-kernel-outlining",
    summary: "Outline gpu.launch bodies to kernel functions",
    anchor: None,
    options: &[],
    dependent_dialects: &["gpu"],
    create: |_| Ok(Box::new(FunctionPass(outline_kernels))),
};

/// Outlines every `gpu.launch` in the functions of `module`.
pub fn outline_kernels(ir: &mut Ir, module: OpId) -> Result<(), Diagnostic> {
    if !ir.isa::<ModuleOp>(module) {
        return Err(op_error(ir, module, "gpu-kernel-outlining expects a 'builtin.module'"));
    }
    let Some(body) = ir.regions(module).first().and_then(|&r| ir.entry_block(r)) else { return Ok(()) };
    let functions: Vec<OpId> = ir.block_ops(body).filter(|&op| ir.symbol_name(op).is_some()).collect();
    let mut rewriter = PatternRewriter::new(ir);
    let mut outlined = 0;
    for function in functions {
        let launches: Vec<OpId> = rewriter
            .ir()
            .walk_collect(function, WalkOrder::PostOrder)
            .into_iter()
            .filter(|&op| rewriter.ir().isa::<gpu::LaunchOp>(op))
            .collect();
        // The kernel modules go right after the function, in launch order.
        let insert_before = rewriter.ir().next_op(function);
        for launch in launches {
            outline_kernel(&mut rewriter, launch, module, function, insert_before)?;
            outlined += 1;
        }
    }
    if outlined > 0 {
        let unit = Attribute::unit(rewriter.ctx());
        rewriter.modify_in_place(module, |ir| ir.set_attr(module, gpu::CONTAINER_MODULE_ATTR, unit));
    }
    Ok(())
}

/// `array<i32: x, y, z>` when the three sizes are constants that fit.
fn constant_dims(ir: &Ir, sizes: &[Value]) -> Option<Attribute> {
    let values: Vec<i32> = sizes
        .iter()
        .map(|&v| constant_value(ir, v).and_then(|a| a.as_integer(ir.ctx())).and_then(|c| i32::try_from(c).ok()))
        .collect::<Option<_>>()?;
    Some(Attribute::dense_i32_array(ir.ctx(), &values))
}

/// `name`, or `name_0`, `name_1`, ... : the first not defined in `table`.
fn unique_name(ir: &Ir, table: OpId, name: &str) -> String {
    if ir.lookup_symbol_in(table, name).is_none() {
        return name.to_string();
    }
    (0..).map(|i| format!("{name}_{i}")).find(|n| ir.lookup_symbol_in(table, n).is_none()).unwrap_or_default()
}

/// The flat symbol references in the attributes of `op` and of the ops in it.
fn symbol_uses(ir: &Ir, op: OpId) -> Vec<String> {
    fn collect(ctx: &ir::Context, attr: Attribute, out: &mut Vec<String>) {
        match attr.data(ctx) {
            AttrData::SymbolRef { root, nested } if nested.is_empty() => out.push(ctx.str(*root).to_string()),
            AttrData::Array(items) => items.iter().for_each(|&a| collect(ctx, a, out)),
            AttrData::Dictionary(entries) => entries.iter().for_each(|e| collect(ctx, e.value, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for nested in ir.walk_collect(op, WalkOrder::PreOrder) {
        for a in &ir.op(nested).attributes {
            collect(ir.ctx(), a.value, &mut out);
        }
    }
    out
}

/// The id and size ops that stand for the launch body's arguments, at the
/// end of `block`: block, thread ids, grid, block sizes, then the cluster
/// ids and sizes when the launch has clusters.
fn index_ops(r: &mut PatternRewriter<'_>, block: ir::BlockId, location: Location, clusters: bool) -> Option<Vec<Value>> {
    let ctx = r.ctx();
    let index = Type::index(ctx);
    let dims = ["x", "y", "z"].map(|d| gpu::DIMENSION.attr(ctx, d));
    let at = InsertPoint::End(block);
    let mut values = Vec::new();
    macro_rules! dims_of {
        ($op:ty) => {
            for &d in &dims {
                let op = r.build::<$op>(at, location, &[], &[index], &[("dimension", d)]).ok()?;
                values.push(r.ir().result(op.op(), 0));
            }
        };
    }
    dims_of!(gpu::BlockIdOp);
    dims_of!(gpu::ThreadIdOp);
    dims_of!(gpu::GridDimOp);
    dims_of!(gpu::BlockDimOp);
    if clusters {
        dims_of!(gpu::ClusterIdOp);
        dims_of!(gpu::ClusterDimOp);
    }
    Some(values)
}

/// Outlines `launch` (in `function` of `module`) into a kernel; its module
/// goes before `insert_before` (or at the end).
pub fn outline_kernel(
    r: &mut PatternRewriter<'_>,
    launch_op: OpId,
    module: OpId,
    function: OpId,
    insert_before: Option<OpId>,
) -> Result<(), Diagnostic> {
    let fail = |ir: &Ir| op_error(ir, launch_op, "could not outline the kernel");
    let ir = r.ir();
    let ctx = ir.ctx();
    let launch = gpu::LaunchOp(launch_op);
    let location = ir.op(launch_op).location;
    let body = ir.regions(launch_op)[0];
    let entry = ir.entry_block(body).ok_or_else(|| fail(ir))?;
    let operands = used_values_defined_above(ir, body);
    let config = launch.config_argument_count(ir);
    let args = ir.block_arguments(entry).to_vec();
    let workgroup_count = ir.attr(launch_op, "workgroup_attributions").and_then(|a| a.as_integer(ctx)).unwrap_or(0) as usize;
    let (workgroup, private) = args[config..].split_at(workgroup_count.min(args.len() - config));
    let function_name = ir.symbol_name(function).unwrap_or("").to_string();
    let kernel_name = match ir.attr(launch_op, "function").and_then(|a| a.as_flat_symbol_ref(ctx)) {
        Some(name) => ctx.str(name).to_string(),
        None => format!("{function_name}_kernel"),
    };
    let module_name = ir.attr(launch_op, "module").and_then(|a| a.as_flat_symbol_ref(ctx)).map(|n| ctx.str(n).to_string());
    let grid = [launch.gridSizeX(ir), launch.gridSizeY(ir), launch.gridSizeZ(ir)];
    let block = [launch.blockSizeX(ir), launch.blockSizeY(ir), launch.blockSizeZ(ir)];
    let clusters = if launch.has_clusters(ir) {
        launch.clusterSizeX(ir).into_iter().chain(launch.clusterSizeY(ir)).chain(launch.clusterSizeZ(ir)).collect()
    } else {
        Vec::new()
    };
    let shared_memory = launch.dynamicSharedMemorySize(ir);
    let dependencies = launch.asyncDependencies(ir).to_vec();
    let token = launch.asyncToken(ir);
    let known_block = constant_dims(ir, &block);
    let known_grid = constant_dims(ir, &grid);
    let operand_types: Vec<Type> = operands.iter().map(|&v| ir.value_type(v)).collect();
    let workgroup_types: Vec<Type> = workgroup.iter().map(|&v| ir.value_type(v)).collect();
    let private_types: Vec<Type> = private.iter().map(|&v| ir.value_type(v)).collect();

    // The kernel's module: the one the launch names if it exists, else a new one.
    let existing = module_name.as_deref().and_then(|n| ir.lookup_symbol_in(module, n)).filter(|&m| ir.isa::<gpu::GpuModuleOp>(m));
    let kernel_module = match existing {
        Some(m) => m,
        None => {
            let name = unique_name(ir, module, module_name.as_deref().unwrap_or(&kernel_name));
            let at = match insert_before {
                Some(next) => InsertPoint::Before(next),
                None => InsertPoint::End(ir.op_parent_block(function).ok_or_else(|| fail(ir))?),
            };
            let name_attr = Attribute::string(ctx, &name);
            let m = r.build::<gpu::GpuModuleOp>(at, location, &[], &[], &[("sym_name", name_attr)]).map_err(|_| fail(r.ir()))?;
            let region = r.ir().regions(m.op())[0];
            r.create_block_at_end(region, &[], location);
            m.op()
        }
    };
    let module_block = r.ir().entry_block(r.ir().regions(kernel_module)[0]).ok_or_else(|| fail(r.ir()))?;

    // The kernel: arguments for the captured values, then the attributions.
    let ctx = r.ctx();
    let kernel_name = unique_name(r.ir(), kernel_module, &kernel_name);
    let function_type = Type::function(ctx, operand_types.clone(), Vec::new());
    let mut attributes = vec![
        ("sym_name", Attribute::string(ctx, &kernel_name)),
        ("function_type", Attribute::type_attr(ctx, function_type)),
        ("workgroup_attributions", Attribute::integer(ctx, workgroup_types.len() as i128, Type::integer(ctx, 64))),
        (gpu::KERNEL_ATTR, Attribute::unit(ctx)),
    ];
    attributes.extend(known_block.map(|a| ("known_block_size", a)));
    attributes.extend(known_grid.map(|a| ("known_grid_size", a)));
    let kernel =
        r.build::<gpu::GpuFuncOp>(InsertPoint::End(module_block), location, &[], &[], &attributes).map_err(|_| fail(r.ir()))?;
    let kernel_region = r.ir().regions(kernel.op())[0];
    let block_types: Vec<Type> = operand_types.iter().chain(&workgroup_types).chain(&private_types).copied().collect();
    let kernel_entry = r.create_block_at_end(kernel_region, &block_types, location);
    let kernel_args = r.ir().block_arguments(kernel_entry).to_vec();
    let mut values = index_ops(r, kernel_entry, location, config == 18).ok_or_else(|| fail(r.ir()))?;
    values.extend_from_slice(&kernel_args[operands.len()..]);

    // The body moves in; its entry block joins the kernel's, after the ids.
    r.inline_region_at_end(body, kernel_region);
    r.merge_block_into(entry, kernel_entry, &values);
    for (&outside, &arg) in operands.iter().zip(&kernel_args) {
        replace_uses_in(r, outside, arg, kernel.op());
    }
    let terminators: Vec<OpId> = r
        .ir()
        .walk_collect(kernel.op(), WalkOrder::PreOrder)
        .into_iter()
        .filter(|&o| r.ir().isa::<gpu::TerminatorOp>(o))
        .collect();
    for t in terminators {
        let loc = r.ir().op(t).location;
        r.build::<gpu::ReturnOp>(InsertPoint::Before(t), loc, &[&[]], &[], &[]).map_err(|_| fail(r.ir()))?;
        r.erase_op(t);
    }
    copy_called_symbols(r, kernel.op(), kernel_module, module);

    // The launch becomes a launch of the kernel.
    let ctx = r.ctx();
    let module_symbol = r.ir().symbol_name(kernel_module).unwrap_or("").to_string();
    let kernel_ref =
        ctx.intern_attr(AttrData::SymbolRef { root: ctx.symbol(&module_symbol), nested: vec![ctx.symbol(&kernel_name)] });
    let token_types: Vec<Type> = token.map(|t| r.ir().value_type(t)).into_iter().collect();
    let shared: Vec<Value> = shared_memory.into_iter().collect();
    let cluster_groups: Vec<&[Value]> =
        if clusters.is_empty() { vec![&[], &[], &[]] } else { clusters.iter().map(std::slice::from_ref).collect() };
    let mut groups: Vec<&[Value]> = vec![&dependencies];
    groups.extend(grid.iter().chain(&block).map(std::slice::from_ref));
    groups.extend(cluster_groups);
    groups.push(&shared);
    groups.push(&operands);
    groups.push(&[]);
    let launch_func = r
        .build::<gpu::LaunchFuncOp>(InsertPoint::Before(launch_op), location, &groups, &token_types, &[("kernel", kernel_ref)])
        .map_err(|_| fail(r.ir()))?;
    let new_results = r.ir().results(launch_func.op()).to_vec();
    r.replace_op(launch_op, &new_results);
    Ok(())
}

/// Copies the symbols that `kernel` uses, and those they use, from
/// `parent` into `kernel_module`, unless it defines them.
fn copy_called_symbols(r: &mut PatternRewriter<'_>, kernel: OpId, kernel_module: OpId, parent: OpId) {
    let Some(module_block) = r.ir().entry_block(r.ir().regions(kernel_module)[0]) else { return };
    let mut worklist = vec![kernel];
    while let Some(op) = worklist.pop() {
        for name in symbol_uses(r.ir(), op) {
            if r.ir().lookup_symbol_in(kernel_module, &name).is_some() {
                continue;
            }
            let Some(definition) = r.ir().lookup_symbol_in(parent, &name) else { continue };
            let copy = r.ir_mut().clone_op(definition, &mut IrMapping::default());
            r.insert(InsertPoint::End(module_block), copy);
            worklist.push(copy);
        }
    }
}
