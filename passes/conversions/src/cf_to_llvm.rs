//! `convert-cf-to-llvm`: branches become `llvm.br`, `llvm.cond_br` and
//! `llvm.switch`, and the blocks they jump to get converted argument types
//! (`index` becomes `i64`, memrefs their descriptors). `cf.assert` becomes
//! a branch to a block that prints the message with `puts` and calls
//! `abort`, as upstream lowers it.

use dialect_cf as cf;
use dialect_llvm as llvm;
use ir::attributes::DenseElements;
use ir::body::WalkOrder;
use ir::pass::{FunctionPass, PassInfo};
use ir::rewrite::{
    apply_conversion, convert_block_arguments, ConversionMode, ConversionPattern, ConversionTarget, PatternRewriter,
    TypeConverter,
};
use ir::{AttrData, Attribute, BlockId, Diagnostic, Ir, Location, OpId, OpType, Type, Value};
use rustc_hash::FxHashSet;

use crate::llvm_type_converter::llvm_type_converter;

pub const INFO: PassInfo = PassInfo {
    name: "convert-cf-to-llvm",
    summary: "Convert ControlFlow operations to the LLVM dialect",
    anchor: None,
    options: &[],
    dependent_dialects: &["llvm"],
    create: |_| Ok(Box::new(FunctionPass(convert_cf_to_llvm))),
};

/// Lowers every cf op under `root`, converting the argument types of the
/// blocks they branch to.
pub fn convert_cf_to_llvm(ir: &mut Ir, root: OpId) -> Result<(), Diagnostic> {
    let converter = llvm_type_converter();
    convert_successor_arguments(ir, root, &converter);
    let target = ConversionTarget::default().legal_dialect("llvm").illegal_dialect("cf");
    let mut patterns = Vec::new();
    populate_cf_to_llvm_patterns(&mut patterns);
    apply_conversion(ir, root, &target, &converter, &patterns, ConversionMode::Partial)
}

/// The patterns that lower cf ops.
pub fn populate_cf_to_llvm_patterns(patterns: &mut Vec<Box<dyn ConversionPattern>>) {
    patterns.push(Box::new(LowerBranch));
    patterns.push(Box::new(LowerCondBranch));
    patterns.push(Box::new(LowerSwitch));
    patterns.push(Box::new(LowerAssert));
}

/// Gives every block a cf branch jumps to its converted argument types.
pub(crate) fn convert_successor_arguments(ir: &mut Ir, root: OpId, converter: &TypeConverter) {
    let mut seen: FxHashSet<BlockId> = FxHashSet::default();
    let branches: Vec<OpId> =
        ir.walk_collect(root, WalkOrder::PreOrder).into_iter().filter(|&o| ir.op_name_str(o).starts_with("cf.")).collect();
    for branch in branches {
        for block in ir.successors(branch).to_vec() {
            if seen.insert(block) {
                convert_block_arguments(ir, block, converter);
            }
        }
    }
}

struct LowerBranch;

impl ConversionPattern for LowerBranch {
    fn root(&self) -> &'static str {
        cf::BranchOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        _: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let location = r.ir().op(op).location;
        let successors = r.ir().successors(op).to_vec();
        r.build_branch_before::<llvm::BrOp>(op, location, &[operands], &successors, &[])?;
        Some(Vec::new())
    }
}

struct LowerCondBranch;

impl ConversionPattern for LowerCondBranch {
    fn root(&self) -> &'static str {
        cf::CondBranchOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        _: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let branch = cf::CondBranchOp(op);
        let true_count = branch.trueDestOperands(ir).len();
        let location = ir.op(op).location;
        let successors = ir.successors(op).to_vec();
        let (condition, rest) = operands.split_first()?;
        let (on_true, on_false) = rest.split_at(true_count);
        r.build_branch_before::<llvm::CondBrOp>(op, location, &[&[*condition], on_true, on_false], &successors, &[])?;
        Some(Vec::new())
    }
}

struct LowerSwitch;

impl ConversionPattern for LowerSwitch {
    fn root(&self) -> &'static str {
        cf::SwitchOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        _: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ir = r.ir();
        let ctx = ir.ctx();
        let switch = cf::SwitchOp(op);
        let default_count = switch.defaultOperands(ir).len();
        let location = ir.op(op).location;
        let successors = ir.successors(op).to_vec();
        let flag_type = ir.value_type(operands[0]);
        let mut attributes = vec![("case_operand_segments", switch.case_operand_segments(ir)?)];
        if let Some(values) = switch.case_values(ir) {
            attributes.push(("case_values", retyped_case_values(ctx, values, flag_type)?));
        }
        let (flag, rest) = operands.split_first()?;
        let (default, cases) = rest.split_at(default_count);
        r.build_branch_before::<llvm::SwitchOp>(op, location, &[&[*flag], default, cases], &successors, &attributes)?;
        Some(Vec::new())
    }
}

/// Case values of an `index` flag as values of its converted type.
fn retyped_case_values(ctx: &ir::Context, values: Attribute, flag_type: Type) -> Option<Attribute> {
    let AttrData::DenseElements { ty, elements } = values.data(ctx) else { return Some(values) };
    if ty.shaped_element(ctx) == Some(flag_type) {
        return Some(values);
    }
    let retype = |a: &Attribute| a.as_integer(ctx).map(|v| Attribute::integer(ctx, v, flag_type));
    let elements = match elements {
        DenseElements::Splat(a) => DenseElements::Splat(retype(a)?),
        DenseElements::Elements(items) => DenseElements::Elements(items.iter().map(retype).collect::<Option<_>>()?),
        DenseElements::Hex(_) => return None,
    };
    let vector = ty.with_element(ctx, flag_type);
    Some(ctx.intern_attr(AttrData::DenseElements { ty: vector, elements }))
}

/// `cf.assert %c, "msg"`: continue when `%c` holds, otherwise jump to a new
/// block that prints the message and aborts.
struct LowerAssert;

impl ConversionPattern for LowerAssert {
    fn root(&self) -> &'static str {
        cf::AssertOp::NAME
    }

    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        _: &TypeConverter,
        r: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>> {
        let ctx = r.ctx();
        let location = r.ir().op(op).location;
        let message = cf::AssertOp(op).msg(r.ir())?.as_string(ctx)?.to_string();
        let block = r.ir().op_parent_block(op)?;
        let region = r.ir().block_parent(block)?;
        // Everything after the assert continues in its own block.
        let next = r.ir().next_op(op)?;
        let continuation = r.split_block(next);
        let failure = r.create_block_at_end(region, &[], location);
        build_failure_block(r, op, failure, &message, location)?;
        r.build_branch_before::<llvm::CondBrOp>(op, location, &[&[operands[0]], &[], &[]], &[continuation, failure], &[])?;
        Some(Vec::new())
    }
}

/// Fills `failure` with `puts(message); abort(); unreachable`.
fn build_failure_block(
    r: &mut PatternRewriter<'_>,
    near: OpId,
    failure: BlockId,
    message: &str,
    location: Location,
) -> Option<()> {
    let ctx = r.ctx();
    let ptr = llvm::types::ptr(ctx);
    let void = llvm::types::void(ctx);
    crate::llvm_function::declare(r, near, "abort", &[], void)?;
    crate::llvm_function::declare(r, near, "puts", &[ptr], void)?;
    let global = crate::llvm_function::string_constant(r, near, "assert_msg", message)?;
    let unreachable = r.build_at_end::<llvm::UnreachableOp>(failure, location, &[], &[], &[])?;
    let anchor = unreachable.0;
    let ctx = r.ctx();
    let address = r.build_before::<llvm::AddressOfOp>(
        anchor,
        location,
        &[],
        &[ptr],
        &[("global_name", Attribute::symbol_ref(ctx, &global.0))],
    )?;
    let address = r.ir().result(address.0, 0);
    let ctx = r.ctx();
    let array = global.1;
    let gep_attrs =
        [("elem_type", Attribute::type_attr(ctx, array)), ("rawConstantIndices", Attribute::dense_i32_array(ctx, &[0]))];
    let gep = r.build_before::<llvm::GEPOp>(anchor, location, &[&[address], &[]], &[ptr], &gep_attrs)?;
    let start = r.ir().result(gep.0, 0);
    let ctx = r.ctx();
    r.build_before::<llvm::CallOp>(anchor, location, &[&[start], &[]], &[], &[("callee", Attribute::symbol_ref(ctx, "puts"))])?;
    let ctx = r.ctx();
    r.build_before::<llvm::CallOp>(anchor, location, &[&[], &[]], &[], &[("callee", Attribute::symbol_ref(ctx, "abort"))])?;
    Some(())
}
