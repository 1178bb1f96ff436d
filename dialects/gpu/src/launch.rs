//! `gpu.launch`: a kernel written inline in host code. Its region runs once
//! per thread of the grid; its entry block's first twelve arguments are
//! that thread's block and thread ids and the grid and block sizes (six
//! more, the cluster ids and sizes, when clusters are given), then the
//! memory attributions. Blocks leave the kernel with `gpu.terminator`.
//!
//! ```mlir
//! %done = gpu.launch async [%t] blocks(%bx, %by, %bz) in (%gx = %n, %gy = %c1, %gz = %c1)
//!                               threads(%tx, %ty, %tz) in (%sx = %c32, %sy = %c1, %sz = %c1) {
//!   gpu.terminator
//! }
//! ```

use ir::constraints::{FLAT_SYMBOL_REF_ATTR, INDEX};
use ir::syntax::{Argument, OpParser, OpPrinter, ParseResult, UnresolvedOperand};
use ir::verifier::op_error;
use ir::{define_op, Attribute, Diagnostic, Ir, OpId, OpType, Type, Value};

use crate::async_token::{AsyncDependencies, ASYNC_TOKEN};
use crate::attributions::{parse_attributions, print_attributions, verify_attributions, workgroup_count, WORKGROUP_COUNT_ATTR};
use crate::I32;

define_op! {
    /// Runs its region as a kernel on a grid of blocks of threads.
    pub struct LaunchOp = "gpu.launch" {
        operands: [
            asyncDependencies: Variadic(ASYNC_TOKEN),
            gridSizeX: Single(INDEX), gridSizeY: Single(INDEX), gridSizeZ: Single(INDEX),
            blockSizeX: Single(INDEX), blockSizeY: Single(INDEX), blockSizeZ: Single(INDEX),
            clusterSizeX: Optional(INDEX), clusterSizeY: Optional(INDEX), clusterSizeZ: Optional(INDEX),
            dynamicSharedMemorySize: Optional(I32),
        ],
        results: [asyncToken: Optional(ASYNC_TOKEN)],
        attributes: [module: Optional(FLAT_SYMBOL_REF_ATTR), function: Optional(FLAT_SYMBOL_REF_ATTR)],
        regions: [body: Single],
        traits: [RECURSIVE_MEMORY_EFFECTS],
        extra: {
            parse: Some(parse_launch),
            print: Some(print_launch),
            verify: Some(verify_launch),
        },
    }
}

define_op! {
    /// Ends a block of a `gpu.launch` body, leaving the kernel.
    pub struct TerminatorOp = "gpu.terminator" {
        traits: [TERMINATOR, PURE],
        format: "attr-dict",
        extra: {
            verify: Some(verify_terminator),
        },
    }
}

/// What the leading index arguments of the body stand for, in order.
const CONFIG_ARGUMENTS: [&str; 18] = [
    "block id x",
    "block id y",
    "block id z",
    "thread id x",
    "thread id y",
    "thread id z",
    "grid size x",
    "grid size y",
    "grid size z",
    "block size x",
    "block size y",
    "block size z",
    "cluster id x",
    "cluster id y",
    "cluster id z",
    "cluster size x",
    "cluster size y",
    "cluster size z",
];

/// Where the ids and sizes of each configuration keyword sit among the body's arguments.
const BLOCKS: (usize, usize) = (0, 6);
const THREADS: (usize, usize) = (3, 9);
const CLUSTERS: (usize, usize) = (12, 15);

impl LaunchOp {
    /// Whether it gives a cluster size (all three dimensions).
    pub fn has_clusters(self, ir: &Ir) -> bool {
        self.clusterSizeX(ir).is_some() && self.clusterSizeY(ir).is_some() && self.clusterSizeZ(ir).is_some()
    }

    /// How many of the body's arguments are ids and sizes: 12, or 18 with clusters.
    pub fn config_argument_count(self, ir: &Ir) -> usize {
        if self.has_clusters(ir) {
            18
        } else {
            12
        }
    }
}

/// `(%x, %y, %z) in (%sx = %a, %sy = %b, %sz = %c)`: names the ids at
/// `ids` and the sizes at `sizes` among `arguments`; returns the operands.
fn parse_size_assignment<'s>(
    p: &mut OpParser<'_, 's>,
    arguments: &mut [Option<UnresolvedOperand<'s>>],
    (ids, sizes): (usize, usize),
) -> ParseResult<[UnresolvedOperand<'s>; 3]> {
    p.expect_punct("(")?;
    for i in 0..3 {
        if i > 0 {
            p.expect_punct(",")?;
        }
        arguments[ids + i] = Some(p.parse_operand()?);
    }
    p.expect_punct(")")?;
    p.expect_keyword("in")?;
    p.expect_punct("(")?;
    let mut operands = Vec::with_capacity(3);
    for i in 0..3 {
        if i > 0 {
            p.expect_punct(",")?;
        }
        arguments[sizes + i] = Some(p.parse_operand()?);
        p.expect_punct("=")?;
        operands.push(p.parse_operand()?);
    }
    p.expect_punct(")")?;
    Ok([operands[0], operands[1], operands[2]])
}

/// `async [%t] clusters(...) in (...) blocks(...) in (...) threads(...) in (...)
/// dynamic_shared_memory_size %s module(@m) function(@f) workgroup(...) private(...) { body } attr-dict`
fn parse_launch(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    let token = AsyncDependencies::parse(p)?.resolve(p)?;
    let dependency_count = p.state.operands.len();
    p.state.result_types.extend(token);

    let has_clusters = p.parse_optional_keyword("clusters");
    let mut names = vec![None; if has_clusters { 18 } else { 12 }];
    let clusters = if has_clusters { Some(parse_size_assignment(p, &mut names, CLUSTERS)?) } else { None };
    p.expect_keyword("blocks")?;
    let grid = parse_size_assignment(p, &mut names, BLOCKS)?;
    p.expect_keyword("threads")?;
    let block = parse_size_assignment(p, &mut names, THREADS)?;
    let index = Type::index(&ctx);
    for size in grid.iter().chain(&block).chain(clusters.iter().flatten()) {
        let value = p.resolve_operand(size, index)?;
        p.state.operands.push(value);
    }
    let mut shared_memory = 0;
    if p.parse_optional_keyword("dynamic_shared_memory_size") {
        let size = p.parse_operand()?;
        let value = p.resolve_operand(&size, Type::integer(&ctx, 32))?;
        p.state.operands.push(value);
        shared_memory = 1;
    }
    for keyword in ["module", "function"] {
        if p.parse_optional_keyword(keyword) {
            p.expect_punct("(")?;
            let location = p.current_location();
            let name = p.parse_symbol_name().map_err(|_| Diagnostic::error(location, "expected a symbol reference"))?;
            p.expect_punct(")")?;
            p.add_attribute(keyword, Attribute::symbol_ref(&ctx, &name));
        }
    }

    let mut arguments: Vec<Argument<'_>> = names
        .into_iter()
        .map(|name| {
            let name = name.expect("every id and size is named by its assignment");
            Argument { name, ty: index, attributes: Vec::new(), location: name.location }
        })
        .collect();
    let config_count = arguments.len();
    let attributions_location = p.current_location();
    let workgroup = parse_attributions(p, "workgroup", &mut arguments)?;
    let workgroup_count = arguments.len() - config_count;
    let private = parse_attributions(p, "private", &mut arguments)?;
    if workgroup.iter().chain(&private).any(|d| !d.is_empty()) {
        return Err(Diagnostic::error(attributions_location, "attributions of 'gpu.launch' take no attributes"));
    }
    p.add_attribute(WORKGROUP_COUNT_ATTR, Attribute::integer(&ctx, workgroup_count as i128, Type::integer(&ctx, 64)));
    p.parse_region(&arguments)?;
    p.parse_optional_attr_dict()?;

    let cluster = i32::from(has_clusters);
    let segments = [dependency_count as i32, 1, 1, 1, 1, 1, 1, cluster, cluster, cluster, shared_memory];
    p.add_attribute("operandSegmentSizes", Attribute::dense_i32_array(&ctx, &segments));
    Ok(())
}

/// `(%ids...) in (%size = %operand, ...)`, for arguments `ids` and `sizes` of the body.
fn print_size_assignment(p: &mut OpPrinter<'_>, args: &[Value], operands: [Value; 3], (ids, sizes): (usize, usize)) {
    p.write("(");
    p.print_operands(&args[ids..ids + 3]);
    p.write(") in (");
    for (i, operand) in operands.into_iter().enumerate() {
        if i > 0 {
            p.write(", ");
        }
        p.print_operand(args[sizes + i]);
        p.write(" = ");
        p.print_operand(operand);
    }
    p.write(")");
}

fn print_launch(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let launch = LaunchOp(op);
    let body = ir.regions(op)[0];
    let Some(entry) = ir.entry_block(body) else { return };
    let args = ir.block_arguments(entry).to_vec();
    let config = launch.config_argument_count(ir);
    let Ok(workgroup) = workgroup_count(ir, op) else { return };
    if args.len() < config + workgroup {
        return;
    }
    AsyncDependencies::print(p, launch.asyncToken(ir), launch.asyncDependencies(ir));
    if let (Some(x), Some(y), Some(z)) = (launch.clusterSizeX(ir), launch.clusterSizeY(ir), launch.clusterSizeZ(ir)) {
        p.write(" clusters");
        print_size_assignment(p, &args, [x, y, z], CLUSTERS);
    }
    p.write(" blocks");
    print_size_assignment(p, &args, [launch.gridSizeX(ir), launch.gridSizeY(ir), launch.gridSizeZ(ir)], BLOCKS);
    p.write(" threads");
    print_size_assignment(p, &args, [launch.blockSizeX(ir), launch.blockSizeY(ir), launch.blockSizeZ(ir)], THREADS);
    if let Some(size) = launch.dynamicSharedMemorySize(ir) {
        p.write(" dynamic_shared_memory_size ");
        p.print_operand(size);
    }
    for keyword in ["module", "function"] {
        if let Some(name) = ir.attr(op, keyword).and_then(|a| a.as_flat_symbol_ref(ir.ctx())) {
            p.write(" ");
            p.write(keyword);
            p.write("(");
            p.print_symbol_name(ir.ctx().str(name));
            p.write(")");
        }
    }
    print_attributions(p, "workgroup", &args[config..config + workgroup], None);
    print_attributions(p, "private", &args[config + workgroup..], None);
    p.write(" ");
    p.print_region(body, false, true);
    p.print_optional_attr_dict(op, &["operandSegmentSizes", WORKGROUP_COUNT_ATTR, "module", "function"]);
}

/// All three cluster sizes or none; a body whose entry block starts with
/// the index ids and sizes, then the attributions in their memories; blocks
/// that leave the body end in `gpu.terminator`.
fn verify_launch(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let launch = LaunchOp(op);
    let clusters = [launch.clusterSizeX(ir), launch.clusterSizeY(ir), launch.clusterSizeZ(ir)];
    if !launch.has_clusters(ir) && clusters.iter().any(|c| c.is_some()) {
        return Err(op_error(ir, op, "cluster size must be all present"));
    }
    let body = ir.regions(op)[0];
    let Some(entry) = ir.entry_block(body) else {
        return Err(op_error(ir, op, "expected a body region with an entry block"));
    };
    let config = launch.config_argument_count(ir);
    let workgroup = workgroup_count(ir, op)?;
    let args = ir.block_arguments(entry);
    if args.len() < config + workgroup {
        let what =
            if config == 18 { "ids and sizes of clusters, blocks and threads" } else { "ids and sizes of blocks and threads" };
        return Err(op_error(
            ir,
            op,
            format!(
                "unexpected number of region arguments: expected at least {} ({config} index {what}, then {workgroup} workgroup attributions), found {}",
                config + workgroup,
                args.len()
            ),
        ));
    }
    for (i, &arg) in args[..config].iter().enumerate() {
        let ty = ir.value_type(arg);
        if !ty.is_index(ctx) {
            return Err(op_error(
                ir,
                op,
                format!(
                    "region argument #{i} ({}) must be of type 'index', but got '{}'",
                    CONFIG_ARGUMENTS[i],
                    ctx.print_type(ty)
                ),
            ));
        }
    }
    verify_attributions(ir, op, &args[config..config + workgroup], "workgroup")?;
    verify_attributions(ir, op, &args[config + workgroup..], "private")?;
    for &block in ir.region_blocks(body) {
        let Some(last) = ir.last_op(block) else { continue };
        // Blocks that do not end in a terminator are reported by the verifier of regions.
        if !ir.is_terminator(last) || !ir.successors(last).is_empty() || ir.isa::<TerminatorOp>(last) {
            continue;
        }
        return Err(Diagnostic::error(
            ir.op(last).location,
            format!("expected '{}' or a terminator with successors", TerminatorOp::NAME),
        )
        .with_note(ir.op(op).location, format!("in '{}' body region", LaunchOp::NAME)));
    }
    Ok(())
}

fn verify_terminator(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    if !ir.parent_op(op).is_some_and(|parent| ir.isa::<LaunchOp>(parent)) {
        return Err(op_error(ir, op, format!("expects parent op '{}'", LaunchOp::NAME)));
    }
    Ok(())
}
