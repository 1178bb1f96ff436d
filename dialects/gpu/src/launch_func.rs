//! `gpu.launch_func`: starts a kernel of a `gpu.module` (or of the `gpu.binary`
//! it was compiled to) from host code on a grid of blocks of threads (optionally
//! grouped in clusters), passing
//! it arguments. In a module marked `gpu.container_module`, the kernel
//! must exist, be marked `kernel`, and take arguments of those types.
//!
//! ```mlir
//! %done = gpu.launch_func async [%t] @kernels::@scale blocks in (%n, %c1, %c1) threads in (%c32, %c1, %c1)
//!     dynamic_shared_memory_size %bytes args(%x : memref<?xf32>, %factor : f32)
//! ```

use dialect_builtin::ModuleOp;
use ir::constraints::ANY_TYPE;
use ir::dialect::TypeConstraint;
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, AttrData, Attribute, Diagnostic, Ir, OpId, Type, Value};

use crate::async_token::{AsyncDependencies, ASYNC_TOKEN};
use crate::function::{GpuFuncOp, KERNEL_ATTR};
use crate::module::GpuModuleOp;
use crate::{I32, SYMBOL_REF_ATTR};

/// The unit attribute of a `builtin.module` whose `gpu.module`s hold the
/// kernels its `gpu.launch_func`s start.
pub const CONTAINER_MODULE_ATTR: &str = "gpu.container_module";

/// A launch dimension: `index`, `i32` or `i64`.
const LAUNCH_SIZE: TypeConstraint = TypeConstraint {
    description: "index or 32-bit signless integer or 64-bit signless integer",
    check: |ctx, t| t.is_index(ctx) || t.is_signless_int_of_width(ctx, 32) || t.is_signless_int_of_width(ctx, 64),
    buildable: None,
};

define_op! {
    /// Launches a kernel of a `gpu.module` on a grid of blocks of threads.
    pub struct LaunchFuncOp = "gpu.launch_func" {
        operands: [
            asyncDependencies: Variadic(ASYNC_TOKEN),
            gridSizeX: Single(LAUNCH_SIZE), gridSizeY: Single(LAUNCH_SIZE), gridSizeZ: Single(LAUNCH_SIZE),
            blockSizeX: Single(LAUNCH_SIZE), blockSizeY: Single(LAUNCH_SIZE), blockSizeZ: Single(LAUNCH_SIZE),
            clusterSizeX: Optional(LAUNCH_SIZE), clusterSizeY: Optional(LAUNCH_SIZE), clusterSizeZ: Optional(LAUNCH_SIZE),
            dynamicSharedMemorySize: Optional(I32),
            kernelOperands: Variadic(ANY_TYPE),
            asyncObject: Optional(ANY_TYPE),
        ],
        results: [asyncToken: Optional(ASYNC_TOKEN)],
        attributes: [kernel: Required(SYMBOL_REF_ATTR)],
        extra: {
            parse: Some(parse_launch_func),
            print: Some(print_launch_func),
            verify: Some(verify_launch_func),
        },
    }
}

impl LaunchFuncOp {
    /// The cluster sizes, when all three are given.
    pub fn cluster_sizes(self, ir: &Ir) -> Option<[Value; 3]> {
        Some([self.clusterSizeX(ir)?, self.clusterSizeY(ir)?, self.clusterSizeZ(ir)?])
    }
}

/// `(%x, %y, %z)`.
fn parse_three<'s>(p: &mut OpParser<'_, 's>) -> ParseResult<[ir::syntax::UnresolvedOperand<'s>; 3]> {
    p.expect_punct("(")?;
    let x = p.parse_operand()?;
    p.expect_punct(",")?;
    let y = p.parse_operand()?;
    p.expect_punct(",")?;
    let z = p.parse_operand()?;
    p.expect_punct(")")?;
    Ok([x, y, z])
}

/// `async [%t] <%stream : type> @module::@kernel clusters in (...) blocks in (...)
/// threads in (...) : size-type dynamic_shared_memory_size %s args(%a : t, ...) attr-dict`
fn parse_launch_func(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    let token = AsyncDependencies::parse(p)?.resolve(p)?;
    p.state.result_types.extend(token);
    let dependency_count = p.state.operands.len();
    let mut async_object = None;
    if p.parse_optional_punct("<") {
        let object = p.parse_operand()?;
        let ty = p.parse_colon_type()?;
        p.expect_punct(">")?;
        async_object = Some((object, ty));
    }
    let kernel_location = p.current_location();
    let kernel = p.parse_attribute()?;
    if !matches!(kernel.data(&ctx), AttrData::SymbolRef { .. }) {
        return Err(Diagnostic::error(kernel_location, "expected a symbol reference to the kernel"));
    }
    p.add_attribute("kernel", kernel);
    let clusters = if p.parse_optional_keyword("clusters") {
        p.expect_keyword("in")?;
        Some(parse_three(p)?)
    } else {
        None
    };
    p.expect_keyword("blocks")?;
    p.expect_keyword("in")?;
    let grid = parse_three(p)?;
    p.expect_keyword("threads")?;
    p.expect_keyword("in")?;
    let block = parse_three(p)?;
    let size_type = if p.parse_optional_punct(":") { p.parse_type()? } else { Type::index(&ctx) };
    for size in grid.iter().chain(&block).chain(clusters.iter().flatten()) {
        let value = p.resolve_operand(size, size_type)?;
        p.state.operands.push(value);
    }
    let mut shared_memory = 0;
    if p.parse_optional_keyword("dynamic_shared_memory_size") {
        let size = p.parse_operand()?;
        let value = p.resolve_operand(&size, Type::integer(&ctx, 32))?;
        p.state.operands.push(value);
        shared_memory = 1;
    }
    let mut kernel_operands = 0;
    if p.parse_optional_keyword("args") {
        p.expect_punct("(")?;
        while !p.parse_optional_punct(")") {
            if kernel_operands > 0 {
                p.expect_punct(",")?;
            }
            let operand = p.parse_operand()?;
            let ty = p.parse_colon_type()?;
            let value = p.resolve_operand(&operand, ty)?;
            p.state.operands.push(value);
            kernel_operands += 1;
        }
    }
    if let Some((object, ty)) = async_object {
        let value = p.resolve_operand(&object, ty)?;
        p.state.operands.push(value);
    }
    p.parse_optional_attr_dict()?;
    let cluster = i32::from(clusters.is_some());
    let segments = [
        dependency_count as i32,
        1,
        1,
        1,
        1,
        1,
        1,
        cluster,
        cluster,
        cluster,
        shared_memory,
        kernel_operands,
        i32::from(async_object.is_some()),
    ];
    p.add_attribute("operandSegmentSizes", Attribute::dense_i32_array(&ctx, &segments));
    Ok(())
}

fn print_launch_func(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let launch = LaunchFuncOp(op);
    AsyncDependencies::print(p, launch.asyncToken(ir), launch.asyncDependencies(ir));
    if let Some(object) = launch.asyncObject(ir) {
        p.write(" <");
        p.print_operand(object);
        p.write(" : ");
        p.print_type(ir.value_type(object));
        p.write(">");
    }
    p.write(" ");
    if let Some(kernel) = launch.kernel(ir) {
        p.print_attribute(kernel);
    }
    if let Some(sizes) = launch.cluster_sizes(ir) {
        p.write(" clusters in (");
        p.print_operands(&sizes);
        p.write(")");
    }
    p.write(" blocks in (");
    p.print_operands(&[launch.gridSizeX(ir), launch.gridSizeY(ir), launch.gridSizeZ(ir)]);
    p.write(") threads in (");
    p.print_operands(&[launch.blockSizeX(ir), launch.blockSizeY(ir), launch.blockSizeZ(ir)]);
    p.write(")");
    let size_type = ir.value_type(launch.gridSizeX(ir));
    if !size_type.is_index(ir.ctx()) {
        p.write(" : ");
        p.print_type(size_type);
    }
    if let Some(size) = launch.dynamicSharedMemorySize(ir) {
        p.write(" dynamic_shared_memory_size ");
        p.print_operand(size);
    }
    let operands = launch.kernelOperands(ir);
    if !operands.is_empty() {
        p.write(" args(");
        for (i, &v) in operands.iter().enumerate() {
            if i > 0 {
                p.write(", ");
            }
            p.print_operand(v);
            p.write(" : ");
            p.print_type(ir.value_type(v));
        }
        p.write(")");
    }
    p.print_optional_attr_dict(op, &["kernel", "operandSegmentSizes"]);
}

/// Sizes of one type; inside a `gpu.container_module`, a kernel that exists
/// and takes these arguments.
fn verify_launch_func(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let launch = LaunchFuncOp(op);
    let sizes = [
        launch.gridSizeX(ir),
        launch.gridSizeY(ir),
        launch.gridSizeZ(ir),
        launch.blockSizeX(ir),
        launch.blockSizeY(ir),
        launch.blockSizeZ(ir),
    ];
    if sizes.iter().any(|&s| ir.value_type(s) != ir.value_type(sizes[0])) {
        return Err(op_error(
            ir,
            op,
            "failed to verify that all of {gridSizeX, gridSizeY, gridSizeZ, blockSizeX, blockSizeY, blockSizeZ} have same type",
        ));
    }
    let clusters = [launch.clusterSizeX(ir), launch.clusterSizeY(ir), launch.clusterSizeZ(ir)];
    if launch.cluster_sizes(ir).is_none() && clusters.iter().any(|c| c.is_some()) {
        return Err(op_error(ir, op, "cluster size must be all present"));
    }
    let mut module = ir.parent_op(op);
    while let Some(m) = module.filter(|&m| !ir.isa::<ModuleOp>(m)) {
        module = ir.parent_op(m);
    }
    let Some(module) = module else { return Err(op_error(ir, op, "expected to belong to a module")) };
    if ir.attr(module, CONTAINER_MODULE_ATTR).is_none_or(|a| !matches!(a.data(ctx), AttrData::Unit)) {
        return Err(op_error(
            ir,
            op,
            format!("expected the closest surrounding module to have the '{CONTAINER_MODULE_ATTR}' attribute"),
        ));
    }
    verify_kernel(ir, op, module)?;
    if let Some(sizes) = launch.cluster_sizes(ir) {
        if sizes.iter().any(|&s| ir.value_type(s) != ir.value_type(sizes[0])) {
            return Err(op_error(ir, op, "expects types of the cluster dimensions must be the same"));
        }
    }
    Ok(())
}

/// The kernel is a function marked `kernel` in a `gpu.module` of `module`,
/// and a `gpu.func` takes arguments of the launch's operand types.
fn verify_kernel(ir: &Ir, op: OpId, module: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let launch = LaunchFuncOp(op);
    let Some(kernel) = launch.kernel(ir) else { return Ok(()) };
    let AttrData::SymbolRef { root, nested } = kernel.data(ctx) else { return Ok(()) };
    let container_name = ctx.str(*root);
    let Some(container) = ir.lookup_symbol_in(module, container_name) else {
        return Err(op_error(ir, op, format!("kernel container '{container_name}' is undefined")));
    };
    // A compiled module keeps its kernels' names only in its objects.
    if ir.isa::<crate::BinaryOp>(container) {
        return Ok(());
    }
    if !ir.isa::<GpuModuleOp>(container) {
        return Err(op_error(ir, op, format!("kernel module '{container_name}' is undefined")));
    }
    let mut function = Some(container);
    for &name in nested {
        function = function.and_then(|table| ir.lookup_symbol_in(table, ctx.str(name)));
    }
    let kernel_text = ctx.print_attr(kernel);
    let Some(function) = function else {
        return Err(op_error(ir, op, format!("kernel function '{kernel_text}' is undefined")));
    };
    // A function of any dialect (`gpu.func`, or `llvm.func` once lowered)
    // keeps its type in `function_type`.
    let is_function = ir.attr(function, "function_type").and_then(|t| t.as_type(ctx)).is_some();
    if !is_function {
        return Err(op_error(ir, op, format!("referenced kernel '{kernel_text}' is not a function"))
            .with_note(ir.op(function).location, "see the kernel definition here"));
    }
    if ir.attr(function, KERNEL_ATTR).is_none_or(|a| !matches!(a.data(ctx), AttrData::Unit)) {
        return Err(op_error(ir, op, format!("kernel function is missing the '{KERNEL_ATTR}' attribute")));
    }
    let Some(function) = ir.dyn_cast::<GpuFuncOp>(function) else { return Ok(()) };
    let (inputs, _) = function.signature(ir);
    let operands = launch.kernelOperands(ir);
    if operands.len() != inputs.len() {
        return Err(op_error(ir, op, format!("got {} kernel operands but expected {}", operands.len(), inputs.len())));
    }
    for (i, (&v, &expected)) in operands.iter().zip(&inputs).enumerate() {
        if ir.value_type(v) != expected {
            return Err(op_error(ir, op, format!("type of function argument {i} does not match")));
        }
    }
    Ok(())
}
