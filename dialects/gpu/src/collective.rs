//! Ops that every work item of a subgroup or workgroup takes part in:
//! `gpu.barrier`, lane shuffles, and reductions with a built-in operation
//! or a region that combines two values and `gpu.yield`s the result.
//!
//! ```mlir
//! gpu.barrier
//! %value, %valid = gpu.shuffle xor %x, %offset, %width : f32
//! %sum = gpu.all_reduce add %x uniform {} : (f32) -> f32
//! %max = gpu.subgroup_reduce maxnumf %x cluster(size = 4) : (f32) -> f32
//! ```

use ir::constraints::{ANY_TYPE, I1};
use ir::dialect::CustomDirective;
use ir::format::DirectiveArg;
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::types::TypeData;
use ir::verifier::op_error;
use ir::{define_op, Attribute, Context, Diagnostic, Ir, OpId, Type};

use crate::enums::{ALL_REDUCE_OPERATION, ALL_REDUCE_OPERATION_ATTR, SHUFFLE_MODE_ATTR};
use crate::{I32, I32_ATTR, INTEGER_OR_FLOAT, INTEGER_OR_FLOAT_OR_1D_VECTOR, UNIT_FLAG};

define_op! {
    /// Waits until every work item of the workgroup has reached it, and makes their memory writes visible to each other.
    pub struct BarrierOp = "gpu.barrier" {
        effects: [Write],
        format: "attr-dict",
    }
}

define_op! {
    /// Reads a value from another lane of the subgroup, chosen by mode, offset and width; `valid` says whether that lane exists.
    pub struct ShuffleOp = "gpu.shuffle" {
        operands: [value: Single(INTEGER_OR_FLOAT_OR_1D_VECTOR), offset: Single(I32), width: Single(I32)],
        results: [shuffleResult: Single(INTEGER_OR_FLOAT_OR_1D_VECTOR), valid: Single(I1)],
        attributes: [mode: Required(SHUFFLE_MODE_ATTR)],
        traits: [PURE],
        format: "$mode $value `,` $offset `,` $width attr-dict `:` type($value)",
        extra: {
            infer_result_types: Some(|ctx, operands, _| Some(vec![*operands.first()?, Type::integer(ctx, 1)])),
            verify: Some(verify_shuffle),
            name_results: Some(|_, _| vec![Some("shuffleResult".to_string()), Some("valid".to_string())]),
        },
    }
}

define_op! {
    /// Reduces a value over all work items of the workgroup, with a built-in operation or the op's region.
    pub struct AllReduceOp = "gpu.all_reduce" {
        operands: [value: Single(INTEGER_OR_FLOAT)],
        results: [result: Single(INTEGER_OR_FLOAT)],
        attributes: [op: Optional(ALL_REDUCE_OPERATION_ATTR), uniform: Optional(UNIT_FLAG)],
        regions: [body: Single],
        traits: [SAME_OPERANDS_AND_RESULT_TYPE, ISOLATED_FROM_ABOVE],
        format: "custom<AllReduceOperation>($op) $value (`uniform` $uniform^)? $body attr-dict `:` functional-type(operands, results)",
        extra: {
            custom_directives: &[REDUCE_OPERATION_DIRECTIVE],
            verify: Some(verify_all_reduce),
        },
    }
}

define_op! {
    /// Reduces a value over the lanes of a subgroup, or over clusters of lanes.
    pub struct SubgroupReduceOp = "gpu.subgroup_reduce" {
        operands: [value: Single(INTEGER_OR_FLOAT_OR_1D_VECTOR)],
        results: [result: Single(INTEGER_OR_FLOAT_OR_1D_VECTOR)],
        attributes: [
            op: Required(ALL_REDUCE_OPERATION_ATTR),
            uniform: Optional(UNIT_FLAG),
            cluster_size: Optional(I32_ATTR),
            cluster_stride: Optional(CLUSTER_STRIDE_ATTR),
        ],
        traits: [SAME_OPERANDS_AND_RESULT_TYPE],
        format: "custom<AllReduceOperation>($op) $value (`uniform` $uniform^)? (`cluster` `(` `size` `=` $cluster_size^ (`,` `stride` `=` $cluster_stride^)? `)`)? attr-dict `:` functional-type(operands, results)",
        extra: {
            custom_directives: &[REDUCE_OPERATION_DIRECTIVE],
            verify: Some(verify_subgroup_reduce),
        },
    }
}

define_op! {
    /// Returns values from a region of a gpu op (the combining region of `gpu.all_reduce`).
    pub struct YieldOp = "gpu.yield" {
        operands: [values: Variadic(ANY_TYPE)],
        traits: [PURE, RETURN_LIKE, TERMINATOR],
        format: "attr-dict ($values^ `:` type($values))?",
    }
}

/// The distance between the lanes of a cluster, 1 unless given.
const CLUSTER_STRIDE_ATTR: ir::dialect::AttrConstraint =
    ir::dialect::AttrConstraint { default: Some(|ctx| Attribute::integer(ctx, 1, Type::integer(ctx, 32))), ..I32_ATTR };

/// The reduction as a bare keyword before the value, when there is one.
const REDUCE_OPERATION_DIRECTIVE: CustomDirective =
    CustomDirective { name: "AllReduceOperation", parse: parse_reduce_operation, print: print_reduce_operation };

fn parse_reduce_operation(p: &mut OpParser<'_, '_>, _: &[DirectiveArg]) -> ParseResult<()> {
    let Some(word) = p.parse_optional_identifier() else { return Ok(()) };
    if !ALL_REDUCE_OPERATION.cases.contains(&word) {
        return Err(p.error("invalid op kind"));
    }
    let attr = ALL_REDUCE_OPERATION.attr(p.ctx(), word);
    p.add_attribute("op", attr);
    Ok(())
}

fn print_reduce_operation(p: &mut OpPrinter<'_>, op: OpId, _: &[DirectiveArg]) {
    if let Some(attr) = p.ir.attr(op, "op") {
        ALL_REDUCE_OPERATION.print(p, attr);
    }
}

fn verify_shuffle(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let shuffle = ShuffleOp(op);
    if ir.value_type(shuffle.value(ir)) != ir.value_type(shuffle.shuffleResult(ir)) {
        return Err(op_error(ir, op, "failed to verify that all of {value, shuffleResult} have same type"));
    }
    Ok(())
}

/// Whether the built-in reduction `operation` applies to `element`: the
/// min/max of floats only to floats, the integer ones only to integers.
fn reduction_fits(ctx: &Context, operation: &str, element: Type) -> bool {
    match operation {
        "minnumf" | "maxnumf" | "minimumf" | "maximumf" => element.is_float(ctx),
        "minsi" | "minui" | "maxsi" | "maxui" | "and" | "or" | "xor" => element.is_integer(ctx),
        _ => true,
    }
}

/// `` `and` reduction operation is not compatible with type 'f32' `` when it is not.
fn check_reduction(ir: &Ir, op: OpId, element: Type) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let Some(operation) = ir.attr(op, "op").and_then(|a| ALL_REDUCE_OPERATION.case(ctx, a)) else { return Ok(()) };
    if !reduction_fits(ctx, operation, element) {
        let ty = ir.value_type(ir.result(op, 0));
        return Err(Diagnostic::error(
            ir.op(op).location,
            format!("`{operation}` reduction operation is not compatible with type '{}'", ctx.print_type(ty)),
        ));
    }
    Ok(())
}

/// Either a built-in operation or a combining region of two arguments of
/// the value's type that yields one such value; never both.
fn verify_all_reduce(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let reduce = AllReduceOp(op);
    let error = |message: &str| Err(Diagnostic::error(ir.op(op).location, message));
    let region = ir.regions(op)[0];
    let has_body = !ir.region_blocks(region).is_empty();
    if has_body == reduce.op(ir).is_some() {
        return error("expected either an op attribute or a non-empty body");
    }
    let ty = ir.value_type(reduce.result(ir));
    if !has_body {
        return check_reduction(ir, op, ty);
    }
    let entry = ir.region_blocks(region)[0];
    if ir.block_arguments(entry).len() != 2 {
        return error("expected two region arguments");
    }
    if ir.block_arguments(entry).iter().any(|&a| ir.value_type(a) != ty) {
        return error("incorrect region argument type");
    }
    let mut yields = 0;
    for &block in ir.region_blocks(region) {
        let Some(yield_op) = ir.last_op(block).and_then(|t| ir.dyn_cast::<YieldOp>(t)) else { continue };
        let values = yield_op.values(ir);
        if values.len() != 1 {
            return error("expected one gpu.yield operand");
        }
        if ir.value_type(values[0]) != ty {
            return error("incorrect gpu.yield type");
        }
        yields += 1;
    }
    if yields == 0 {
        return error("expected gpu.yield op in region");
    }
    Ok(())
}

/// The operation fits the element type; clusters are powers of two, and a
/// stride needs a cluster size.
fn verify_subgroup_reduce(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let reduce = SubgroupReduceOp(op);
    let ty = ir.value_type(reduce.value(ir));
    let element = match ty.data(ctx) {
        TypeData::Vector { scalable, .. } if scalable.iter().any(|&s| s) => {
            return Err(op_error(ir, op, "is not compatible with scalable vector types"));
        }
        TypeData::Vector { element, .. } => *element,
        _ => ty,
    };
    check_reduction(ir, op, element)?;
    let size = reduce.cluster_size(ir).and_then(|a| a.as_integer(ctx));
    if let Some(size) = size {
        if !is_power_of_two(size) {
            return Err(op_error(ir, op, format!("cluster size {size} is not a power of two")));
        }
    }
    let stride = reduce.cluster_stride(ir).and_then(|a| a.as_integer(ctx)).unwrap_or(1);
    if stride != 1 && size.is_none() {
        return Err(op_error(ir, op, "cluster stride can only be specified if cluster size is specified"));
    }
    if !is_power_of_two(stride) {
        return Err(op_error(ir, op, format!("cluster stride {stride} is not a power of two")));
    }
    Ok(())
}

fn is_power_of_two(value: i128) -> bool {
    value > 0 && (value as u128).is_power_of_two()
}
