//! Masks: `vector.create_mask` and `vector.constant_mask` make `i1` vectors
//! whose leading lanes are set, and `vector.mask` applies a mask to the one
//! maskable op in its region (a transfer, contraction or reduction), with
//! an optional value for the lanes switched off. `vector.yield` ends that
//! region.
//!
//! ```mlir
//! %m = vector.create_mask %n : vector<4xi1>
//! %c = vector.constant_mask [2, 3] : vector<4x8xi1>
//! %v = vector.mask %m { vector.transfer_read %b[%i], %pad : memref<?xf32>, vector<4xf32> } : vector<4xi1> -> vector<4xf32>
//! ```

use ir::constraints::{ANY_TYPE, INDEX};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, Diagnostic, Ir, OpId, Type};

use crate::{vector_of, DENSE_I64_ARRAY, MASK_VECTOR};

/// An op that `vector.mask` can wrap.
pub trait Maskable: Sync {
    /// The mask type the op takes when wrapped; `None` if its types are malformed.
    fn expected_mask_type(&self, ir: &Ir, op: OpId) -> Option<Type>;

    /// Whether the wrapping `vector.mask` may give values for masked-off lanes.
    fn supports_passthru(&self, _ir: &Ir, _op: OpId) -> bool {
        false
    }
}

/// The mask operand of a transfer.
pub(crate) const MASK_OF_NON_ZERO_RANK: ir::dialect::TypeConstraint = ir::dialect::TypeConstraint {
    description: "vector of 1-bit signless integer values of non-zero rank",
    check: |ctx, t| vector_of(ctx, t).is_some_and(|v| v.rank() > 0 && v.element.is_signless_int_of_width(ctx, 1)),
    buildable: None,
};

define_op! {
    /// A mask whose lanes are set below the given bound in every dimension.
    pub struct CreateMaskOp = "vector.create_mask" {
        operands: [operands: Variadic(INDEX)],
        results: [result: Single(MASK_VECTOR)],
        traits: [PURE],
        format: "$operands attr-dict `:` type(results)",
        extra: {
            verify: Some(verify_create_mask),
        },
    }
}

define_op! {
    /// A mask whose lanes are set below constant bounds in every dimension.
    pub struct ConstantMaskOp = "vector.constant_mask" {
        results: [result: Single(MASK_VECTOR)],
        attributes: [mask_dim_sizes: Required(DENSE_I64_ARRAY)],
        traits: [PURE],
        format: "$mask_dim_sizes attr-dict `:` type(results)",
        extra: {
            verify: Some(verify_constant_mask),
        },
    }
}

define_op! {
    /// Applies a mask to the maskable op in its region.
    pub struct MaskOp = "vector.mask" {
        operands: [mask: Single(MASK_VECTOR), passthru: Optional(ANY_TYPE)],
        results: [results: Variadic(ANY_TYPE)],
        regions: [maskRegion: Single],
        traits: [SINGLE_BLOCK, RECURSIVE_MEMORY_EFFECTS],
        extra: {
            parse: Some(parse_mask),
            print: Some(print_mask),
            verify: Some(verify_mask),
        },
    }
}

define_op! {
    /// Ends the region of a `vector.mask`, passing on the masked op's results.
    pub struct YieldOp = "vector.yield" {
        operands: [operands: Variadic(ANY_TYPE)],
        traits: [TERMINATOR, PURE, RETURN_LIKE],
        format: "attr-dict ($operands^ `:` type($operands))?",
    }
}

fn verify_create_mask(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let rank = vector_of(ir.ctx(), ir.value_type(ir.result(op, 0))).map_or(0, |v| v.rank());
    let operands = ir.operands(op).len();
    if rank == 0 && operands != 1 {
        return Err(op_error(ir, op, "must specify exactly one operand for 0-D create_mask"));
    }
    if rank > 0 && operands != rank {
        return Err(op_error(ir, op, "must specify an operand for each result vector dimension"));
    }
    Ok(())
}

fn verify_constant_mask(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let Some(vector) = vector_of(ctx, ir.value_type(ir.result(op, 0))) else { return Ok(()) };
    let sizes = ConstantMaskOp(op).mask_dim_sizes(ir).and_then(|a| a.as_dense_int_array(ctx)).unwrap_or_default();
    let location = ir.op(op).location;
    if vector.rank() == 0 {
        if sizes.len() != 1 {
            return Err(Diagnostic::error(location, "array attr must have length 1 for 0-D vectors"));
        }
        if sizes[0] != 0 && sizes[0] != 1 {
            return Err(Diagnostic::error(location, "mask dim size must be either 0 or 1 for 0-D vectors"));
        }
        return Ok(());
    }
    if sizes.len() != vector.rank() {
        return Err(op_error(ir, op, "must specify array attr of size equal vector result rank"));
    }
    for (d, &size) in sizes.iter().enumerate() {
        let dim = i128::from(vector.shape[d]);
        if size < 0 || size > dim {
            return Err(op_error(ir, op, "array attr of size out of bounds of vector result dimension size"));
        }
        if vector.scalable[d] && size != 0 && size != dim {
            return Err(op_error(ir, op, "only supports 'none set' or 'all set' scalable dimensions"));
        }
    }
    if sizes.contains(&0) && sizes.iter().any(|&s| s != 0) {
        return Err(op_error(ir, op, "expected all mask dim sizes to be zeros, as a result of conjunction with zero mask dim"));
    }
    Ok(())
}

/// `%mask[, %passthru] { op } attr-dict : mask-type [-> result-types]`.
fn parse_mask(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let mask = p.parse_operand()?;
    let passthru = if p.parse_optional_punct(",") { Some(p.parse_operand()?) } else { None };
    let region = p.parse_region(&[])?;
    p.ensure_terminator_yielding_results(region, <YieldOp as ir::op::OpType>::NAME);
    p.parse_optional_attr_dict()?;
    let mask_type = p.parse_colon_type()?;
    let results = if p.parse_optional_punct("->") { p.parse_function_result_types()? } else { Vec::new() };
    let mask = p.resolve_operand(&mask, mask_type)?;
    p.state.operands.push(mask);
    if let Some(passthru) = passthru {
        let Some(&result) = results.first() else {
            return Err(Diagnostic::error(p.op_location(), "expects a result if passthru operand is provided"));
        };
        let passthru = p.resolve_operand(&passthru, result)?;
        p.state.operands.push(passthru);
    }
    p.state.result_types.extend(results);
    Ok(())
}

/// The masked op prints without its results: the mask op's results are theirs.
fn print_mask(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let mask = MaskOp(op);
    p.write(" ");
    p.print_operand(mask.mask(ir));
    if let Some(passthru) = mask.passthru(ir) {
        p.write(", ");
        p.print_operand(passthru);
    }
    p.write(" { ");
    if let Some(first) = ir.regions(op).first().and_then(|&r| ir.entry_block(r)).and_then(|b| ir.first_op(b)) {
        p.print_custom_or_generic_op(first);
    }
    p.write(" }");
    p.print_optional_attr_dict(op, &[]);
    p.write(" : ");
    p.print_type(ir.value_type(mask.mask(ir)));
    let results: Vec<Type> = ir.results(op).iter().map(|&r| ir.value_type(r)).collect();
    if !results.is_empty() {
        p.write(" -> ");
        p.print_types(&results);
    }
}

fn verify_mask(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let error = |m: String| Err(op_error(ir, op, m));
    let Some(block) = ir.regions(op).first().and_then(|&r| ir.entry_block(r)) else {
        return error("expects a terminator within the mask region".into());
    };
    let ops: Vec<OpId> = ir.block_ops(block).collect();
    if ops.len() > 2 {
        return error("expects only one operation to mask".into());
    }
    let Some(terminator) = ops.last().and_then(|&t| ir.dyn_cast::<YieldOp>(t)) else {
        return error("expects a terminator within the mask region".into());
    };
    let yielded = terminator.operands(ir);
    if yielded.len() != ir.results(op).len() {
        return error("expects number of results to match mask region yielded values".into());
    }
    if ops.len() == 1 {
        return Ok(());
    }
    let masked = ops[0];
    let Some(maskable) = ir.interface::<dyn Maskable>(masked) else {
        return error("expects a MaskableOpInterface within the mask region".into());
    };
    if ir.results(masked).len() != ir.results(op).len() {
        return error("expects number of results to match maskable operation number of results".into());
    }
    if ir.results(masked) != yielded {
        return error(
            "expects all the results from the MaskableOpInterface to match all the values returned by the terminator".into(),
        );
    }
    let types = |o: OpId| ir.results(o).iter().map(|&r| ir.value_type(r)).collect::<Vec<_>>();
    if types(masked) != types(op) {
        return error("expects result type to match maskable operation result type".into());
    }
    if types(masked).iter().filter(|t| t.is_vector(ctx)).count() > 1 {
        return error("multiple vector results not supported".into());
    }
    let mask_type = ir.value_type(MaskOp(op).mask(ir));
    if let Some(expected) = maskable.expected_mask_type(ir, masked) {
        if mask_type != expected {
            return error(format!("expects a '{}' mask for the maskable operation", ctx.print_type(expected)));
        }
    }
    if let Some(passthru) = MaskOp(op).passthru(ir) {
        if !maskable.supports_passthru(ir, masked) {
            return error("doesn't expect a passthru argument for this maskable operation".into());
        }
        if ir.results(masked).len() != 1 {
            return error("expects result when passthru argument is provided".into());
        }
        if ir.value_type(passthru) != types(masked)[0] {
            return error("expects passthru type to match result type".into());
        }
    }
    Ok(())
}
