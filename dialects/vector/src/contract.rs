//! Multiply-accumulate: `vector.contract` is a generalised matrix product
//! whose indexing maps place each operand in an iteration space of
//! parallel and reduction dimensions; `vector.outerproduct` multiplies two
//! 1-D vectors (or a vector and a scalar) and combines the product into an
//! accumulator; `vector.fma` is an elementwise fused multiply-add.
//!
//! ```mlir
//! %r = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %a, %b, %c : vector<4x8xf32>, vector<8x16xf32> into vector<4x16xf32>
//! %o = vector.outerproduct %x, %y, %acc {kind = #vector.kind<maxnumf>} : vector<4xf32>, vector<8xf32>
//! %f = vector.fma %x, %x, %x : vector<4xf32>
//! ```

use ir::affine::{AffineExpr, AffineMap};
use ir::attributes::{AttrData, NamedAttribute};
use ir::constraints::ANY_TYPE;
use ir::dialect::{AttrConstraint, TypeConstraint};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::verifier::op_error;
use ir::{define_op, Attribute, Context, Diagnostic, Ir, OpId, Type};

use crate::mask::Maskable;
use crate::{
    enum_attr, enum_value, kind_of, kind_supports, vector_of, vector_type, ANY_VECTOR, KIND_DEFAULT_ADD, NON_ZERO_RANK_VECTOR,
};

/// An array of affine maps, one per operand.
const AFFINE_MAP_ARRAY_ATTR: AttrConstraint = AttrConstraint {
    description: "AffineMap array attribute",
    check: |ctx, a| a.as_array(ctx).is_some_and(|items| items.iter().all(|i| matches!(i.data(ctx), AttrData::AffineMap(_)))),
    parse: None,
    print: None,
    default: None,
};

const ITERATOR_TYPES: &[&str] = &["parallel", "reduction"];

/// An array of `#vector.iterator_type<parallel>` / `<reduction>`.
const ITERATOR_TYPE_ARRAY_ATTR: AttrConstraint = AttrConstraint {
    description: "Iterator type should be an enum.",
    check: |ctx, a| {
        a.as_array(ctx).is_some_and(|items| {
            items.iter().all(|&i| enum_value(ctx, i, "iterator_type").is_some_and(|t| ITERATOR_TYPES.contains(&t)))
        })
    },
    parse: None,
    print: None,
    default: None,
};

/// Vectors of floats, any rank.
const FLOAT_VECTOR: TypeConstraint = TypeConstraint {
    description: "vector of floating-point values",
    check: |ctx, t| vector_of(ctx, t).is_some_and(|v| v.element.is_float(ctx)),
    buildable: None,
};

define_op! {
    /// A generalised matrix product: products of lhs and rhs elements combined into the accumulator.
    pub struct ContractionOp = "vector.contract" {
        operands: [lhs: Single(NON_ZERO_RANK_VECTOR), rhs: Single(NON_ZERO_RANK_VECTOR), acc: Single(ANY_TYPE)],
        results: [result: Single(ANY_TYPE)],
        attributes: [indexing_maps: Required(AFFINE_MAP_ARRAY_ATTR), iterator_types: Required(ITERATOR_TYPE_ARRAY_ATTR), kind: Required(KIND_DEFAULT_ADD)],
        traits: [PURE],
        extra: {
            parse: Some(parse_contract),
            print: Some(print_contract),
            verify: Some(verify_contract),
        },
    }
}

define_op! {
    /// The outer product of two 1-D vectors (or a vector and a scalar), combined into an accumulator.
    pub struct OuterProductOp = "vector.outerproduct" {
        operands: [lhs: Single(ANY_VECTOR), rhs: Single(ANY_TYPE), acc: Optional(ANY_VECTOR)],
        results: [result: Single(ANY_VECTOR)],
        attributes: [kind: Required(KIND_DEFAULT_ADD)],
        traits: [PURE],
        extra: {
            parse: Some(parse_outerproduct),
            print: Some(print_outerproduct),
            verify: Some(verify_outerproduct),
        },
    }
}

define_op! {
    /// Elementwise fused multiply-add of float vectors: `lhs * rhs + acc`.
    pub struct FMAOp = "vector.fma" {
        operands: [lhs: Single(FLOAT_VECTOR), rhs: Single(FLOAT_VECTOR), acc: Single(FLOAT_VECTOR)],
        results: [result: Single(FLOAT_VECTOR)],
        traits: [PURE, ELEMENTWISE],
        format: "$lhs `,` $rhs `,` $acc attr-dict `:` type($lhs)",
        extra: {
            parse: Some(parse_fma),
            verify: Some(verify_fma),
        },
    }
}

/// Contractions wrapped in `vector.mask` take a mask over their iteration space.
pub(crate) struct MaskableContraction;

impl Maskable for MaskableContraction {
    fn expected_mask_type(&self, ir: &Ir, op: OpId) -> Option<Type> {
        let ctx = ir.ctx();
        let maps = indexing_maps(ir, op)?;
        let first = maps.first()?;
        let mut shape = vec![ir::types::DYNAMIC; first.num_dims as usize];
        let mut scalable = vec![false; shape.len()];
        for (operand, map) in ir.operands(op).iter().zip(&maps).take(2) {
            let vector = vector_of(ctx, ir.value_type(*operand))?;
            for (i, result) in map.results.iter().enumerate() {
                if let (AffineExpr::Dim(d), Some(&size)) = (result, vector.shape.get(i)) {
                    *shape.get_mut(*d as usize)? = size;
                    scalable[*d as usize] = vector.scalable[i];
                }
            }
        }
        Some(vector_type(ctx, shape, scalable, Type::integer(ctx, 1)))
    }
}

/// Outer products wrapped in `vector.mask` take a mask shaped like their result.
pub(crate) struct MaskableOuterProduct;

impl Maskable for MaskableOuterProduct {
    fn expected_mask_type(&self, ir: &Ir, op: OpId) -> Option<Type> {
        let ctx = ir.ctx();
        let result = ir.value_type(ir.result(op, 0));
        Some(result.with_element(ctx, Type::integer(ctx, 1)))
    }
}

fn indexing_maps(ir: &Ir, op: OpId) -> Option<Vec<AffineMap>> {
    let ctx = ir.ctx();
    ir.attr(op, "indexing_maps")?
        .as_array(ctx)?
        .iter()
        .map(|m| match m.data(ctx) {
            AttrData::AffineMap(map) => Some(map.clone()),
            _ => None,
        })
        .collect()
}

/// `{trait dict} %lhs, %rhs, %acc attr-dict : lhs-type, rhs-type into result-type`;
/// the dictionary writes iterator types as strings.
fn parse_contract(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    let location = p.current_location();
    let traits = p.parse_attribute()?;
    let AttrData::Dictionary(entries) = traits.data(&ctx).clone() else {
        return Err(Diagnostic::error(location, "expected a dictionary of indexing_maps, iterator_types and kind"));
    };
    let lhs = p.parse_operand()?;
    p.expect_punct(",")?;
    let rhs = p.parse_operand()?;
    p.expect_punct(",")?;
    let acc = p.parse_operand()?;
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let types_location = p.current_location();
    let types = p.parse_type_list()?;
    p.expect_keyword("into")?;
    let result = p.parse_type()?;
    let [lhs_type, rhs_type] = types[..] else {
        return Err(Diagnostic::error(types_location, "expected the types of lhs and rhs"));
    };
    let operands = [p.resolve_operand(&lhs, lhs_type)?, p.resolve_operand(&rhs, rhs_type)?, p.resolve_operand(&acc, result)?];
    p.state.operands.extend(operands);
    p.state.result_types.push(result);
    for entry in entries {
        let value = if ctx.str(entry.name) == "iterator_types" {
            iterator_types_from_strings(&ctx, entry.value).map_err(|m| Diagnostic::error(location, m))?
        } else {
            entry.value
        };
        p.state.attributes.retain(|a| a.name != entry.name);
        p.state.attributes.push(NamedAttribute { name: entry.name, value });
    }
    if !p.state.attributes.iter().any(|a| ctx.str(a.name) == "iterator_types") {
        return Err(Diagnostic::error(location, "expected \"iterator_types\" array attribute"));
    }
    if !p.state.attributes.iter().any(|a| ctx.str(a.name) == "kind") {
        p.add_attribute("kind", enum_attr(&ctx, "kind", "add"));
    }
    Ok(())
}

/// `["parallel", "reduction"]` as iterator type attributes.
fn iterator_types_from_strings(ctx: &Context, attr: Attribute) -> Result<Attribute, String> {
    let items = attr.as_array(ctx).ok_or("expected \"iterator_types\" array attribute")?;
    let converted = items
        .iter()
        .map(|&item| match item.as_string(ctx).filter(|s| ITERATOR_TYPES.contains(s)) {
            Some(s) => Ok(enum_attr(ctx, "iterator_type", s)),
            None => Err(format!(
                "unexpected iterator_type ({})",
                item.as_string(ctx).map_or_else(|| ctx.print_attr(item), str::to_string)
            )),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Attribute::array(ctx, converted))
}

fn print_contract(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let ctx = ir.ctx();
    const TRAITS: [&str; 3] = ["indexing_maps", "iterator_types", "kind"];
    let mut entries = Vec::new();
    for a in &ir.op(op).attributes {
        let name = ctx.str(a.name);
        if name == "iterator_types" {
            let strings = a.value.as_array(ctx).unwrap_or(&[]).iter().map(|&i| match enum_value(ctx, i, "iterator_type") {
                Some(t) => Attribute::string(ctx, t),
                None => i,
            });
            entries.push(NamedAttribute { name: a.name, value: Attribute::array(ctx, strings.collect()) });
        } else if TRAITS.contains(&name) {
            entries.push(*a);
        }
    }
    p.write(" ");
    p.print_attribute(Attribute::dictionary(ctx, entries));
    p.write(" ");
    p.print_operands(ir.operands(op));
    p.print_optional_attr_dict(op, &TRAITS);
    let contract = ContractionOp(op);
    p.write(" : ");
    p.print_types(&[ir.value_type(contract.lhs(ir)), ir.value_type(contract.rhs(ir))]);
    p.write(" into ");
    p.print_type(ir.value_type(contract.result(ir)));
}

/// Pairs `(lhs dimension, rhs dimension)` for the iterators of `kind`
/// that both lhs and rhs use.
fn dim_map(maps: &[AffineMap], iterators: &[&str], kind: &str) -> Vec<(usize, usize)> {
    let position = |map: &AffineMap, d: usize| map.results.iter().position(|e| *e == AffineExpr::Dim(d as u32));
    iterators
        .iter()
        .enumerate()
        .filter(|(_, &t)| t == kind)
        .filter_map(|(d, _)| Some((position(&maps[0], d)?, position(&maps[1], d)?)))
        .collect()
}

fn verify_contract(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let contract = ContractionOp(op);
    let error = |m: String| Err(op_error(ir, op, m));
    let (Some(lhs), Some(rhs)) =
        (vector_of(ctx, ir.value_type(contract.lhs(ir))), vector_of(ctx, ir.value_type(contract.rhs(ir))))
    else {
        return Ok(());
    };
    let acc_type = ir.value_type(contract.acc(ir));
    let result_type = ir.value_type(contract.result(ir));
    if lhs.element != rhs.element {
        return error("failed to verify that lhs and rhs have same element type".into());
    }
    if acc_type.element_type_or_self(ctx) != result_type.element_type_or_self(ctx) {
        return error("failed to verify that third operand acc and result have same element type".into());
    }
    if lhs.element.is_integer(ctx) && !lhs.element.is_signless_integer(ctx) {
        return error("only supports signless integer types".into());
    }
    let Some(maps) = indexing_maps(ir, op) else { return Ok(()) };
    if maps.len() != 3 {
        return error("expected an indexing map for each vector operand".into());
    }
    let iterators: Vec<&str> = contract
        .iterator_types(ir)
        .and_then(|a| a.as_array(ctx))
        .unwrap_or(&[])
        .iter()
        .filter_map(|&i| enum_value(ctx, i, "iterator_type"))
        .collect();
    for (index, map) in maps.iter().enumerate() {
        if map.num_symbols != 0 {
            return error(format!("expected indexing map {index} to have no symbols"));
        }
        let rank = vector_of(ctx, ir.value_type(ir.operands(op)[index])).map_or(0, |v| v.rank());
        if map.num_dims as usize != iterators.len() {
            return error(format!("expected indexing map {index} to have {} number of inputs", iterators.len()));
        }
        if map.results.len() != rank {
            return error(format!("expected indexing map {index} to have {rank} number of outputs"));
        }
        if !is_projected_permutation(map) {
            return error(format!("expected indexing map {index} to be a projected permutation of its inputs"));
        }
    }
    let contracting = dim_map(&maps, &iterators, "reduction");
    let batch = dim_map(&maps, &iterators, "parallel");
    if contracting.is_empty() {
        return error("expected at least one contracting dimension pair".into());
    }
    let dims_agree = |pairs: &[(usize, usize)]| pairs.iter().all(|&(l, r)| lhs.shape[l] == rhs.shape[r]);
    if !dims_agree(&contracting) {
        return error("invalid contracting dimension map".into());
    }
    if !dims_agree(&batch) {
        return error("invalid batch dimension map".into());
    }
    verify_contract_output(ir, op, &maps, &contracting, &batch)?;
    let kind = kind_of(ir, op).unwrap_or("add");
    if !kind_supports(ctx, kind, result_type.element_type_or_self(ctx)) {
        return error("unsupported contraction type".into());
    }
    Ok(())
}

/// Each result is a distinct dimension.
fn is_projected_permutation(map: &AffineMap) -> bool {
    let mut seen = vec![false; map.num_dims as usize];
    map.results.iter().all(|e| match e {
        AffineExpr::Dim(d) => seen.get_mut(*d as usize).is_some_and(|s| !std::mem::replace(s, true)),
        _ => false,
    })
}

/// The accumulator and result have the free and batch dimensions of lhs
/// and rhs, placed as the accumulator map says (a scalar when there are none).
fn verify_contract_output(
    ir: &Ir,
    op: OpId,
    maps: &[AffineMap],
    contracting: &[(usize, usize)],
    batch: &[(usize, usize)],
) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let operand = |i: usize| vector_of(ctx, ir.value_type(ir.operands(op)[i]));
    let (Some(lhs), Some(rhs)) = (operand(0), operand(1)) else { return Ok(()) };
    let lhs_free = (0..lhs.rank()).filter(|d| !contracting.iter().any(|c| c.0 == *d));
    let rhs_free = (0..rhs.rank()).filter(|d| !contracting.iter().any(|c| c.1 == *d) && !batch.iter().any(|b| b.1 == *d));
    let has_output_dims = lhs_free.count() + rhs_free.count() > 0;
    let (acc, result) = (ir.value_type(ir.operands(op)[2]), ir.value_type(ir.result(op, 0)));
    let shape_error = || Err(op_error(ir, op, "invalid accumulator/result vector shape"));
    if !has_output_dims {
        return if acc.is_vector(ctx) || result.is_vector(ctx) { shape_error() } else { Ok(()) };
    }
    let (Some(result_vector), true) = (vector_of(ctx, result), acc.is_vector(ctx)) else { return shape_error() };
    let mut extents: Vec<Option<i64>> = vec![None; maps[0].num_dims as usize];
    for (vector, map) in [(lhs, &maps[0]), (rhs, &maps[1])] {
        for (i, e) in map.results.iter().enumerate() {
            if let AffineExpr::Dim(d) = e {
                extents[*d as usize].get_or_insert(vector.shape[i]);
            }
        }
    }
    if extents.iter().any(|e| e.is_none()) {
        return Err(op_error(ir, op, "expected all dimensions to be either a LHS or a RHS dimension"));
    }
    let shape: Option<Vec<i64>> =
        maps[2].results.iter().map(|e| if let AffineExpr::Dim(d) = e { extents[*d as usize] } else { None }).collect();
    let Some(shape) = shape else { return shape_error() };
    let expected = vector_type(ctx, shape, result_vector.scalable.to_vec(), result_vector.element);
    if result != expected || acc != expected {
        return Err(op_error(
            ir,
            op,
            format!("invalid accumulator/result vector shape, expected: '{}'", ctx.print_type(expected)),
        ));
    }
    Ok(())
}

/// `%lhs, %rhs[, %acc] attr-dict : lhs-type, rhs-type`; the result type
/// follows from the operand types.
fn parse_outerproduct(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    let operands = p.parse_operand_list()?;
    p.parse_optional_attr_dict()?;
    let lhs_type = p.parse_colon_type()?;
    p.expect_punct(",")?;
    let rhs_type = p.parse_type()?;
    if operands.len() < 2 {
        return Err(Diagnostic::error(p.op_location(), "expected at least 2 operands"));
    }
    let Some(lhs) = vector_of(&ctx, lhs_type).filter(|v| v.rank() > 0) else {
        return Err(Diagnostic::error(p.op_location(), "expected vector type for operand #1"));
    };
    let result = match vector_of(&ctx, rhs_type).filter(|v| v.rank() > 0) {
        Some(rhs) => vector_type(&ctx, vec![lhs.shape[0], rhs.shape[0]], vec![lhs.scalable[0], rhs.scalable[0]], lhs.element),
        None => vector_type(&ctx, vec![lhs.shape[0]], vec![lhs.scalable[0]], lhs.element),
    };
    if !p.state.attributes.iter().any(|a| ctx.str(a.name) == "kind") {
        p.add_attribute("kind", enum_attr(&ctx, "kind", "add"));
    }
    let location = operands[0].location;
    let mut types = vec![lhs_type, rhs_type];
    types.extend(operands.get(2).map(|_| result));
    let values = p.resolve_operands(&operands, &types, location)?;
    p.state.operands.extend(values);
    p.state.result_types.push(result);
    Ok(())
}

fn print_outerproduct(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let outer = OuterProductOp(op);
    p.write(" ");
    p.print_operands(ir.operands(op));
    // Upstream prints the attributes, default kind included, only after an
    // accumulator; without one it prints none (dropping a non-default
    // kind, which is kept here).
    if outer.acc(ir).is_some() {
        p.print_optional_attr_dict_with_defaults(op, &[]);
    } else {
        p.print_optional_attr_dict(op, &[]);
    }
    p.write(" : ");
    p.print_types(&[ir.value_type(outer.lhs(ir)), ir.value_type(outer.rhs(ir))]);
}

fn verify_outerproduct(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let outer = OuterProductOp(op);
    let error = |m: &str| Err(op_error(ir, op, m));
    let (Some(lhs), Some(result)) =
        (vector_of(ctx, ir.value_type(outer.lhs(ir))), vector_of(ctx, ir.value_type(outer.result(ir))))
    else {
        return Ok(());
    };
    if lhs.rank() != 1 {
        return error("expected 1-d vector for operand #1");
    }
    match vector_of(ctx, ir.value_type(outer.rhs(ir))) {
        Some(rhs) => {
            if rhs.rank() != 1 {
                return error("expected 1-d vector for operand #2");
            }
            if result.rank() != 2 {
                return error("expected 2-d vector result");
            }
            if lhs.shape[0] != result.shape[0] {
                return error("expected #1 operand dim to match result dim #1");
            }
            if rhs.shape[0] != result.shape[1] {
                return error("expected #2 operand dim to match result dim #2");
            }
            if lhs.is_scalable() && !rhs.is_scalable() {
                return error("expected either both or only #2 operand dim to be scalable");
            }
        }
        None => {
            if result.rank() != 1 {
                return error("expected 1-d vector result");
            }
            if lhs.shape[0] != result.shape[0] {
                return error("expected #1 operand dim to match result dim #1");
            }
        }
    }
    if outer.acc(ir).is_some_and(|acc| ir.value_type(acc) != ir.value_type(outer.result(ir))) {
        return error("expected operand #3 of same type as result type");
    }
    if !kind_supports(ctx, kind_of(ir, op).unwrap_or("add"), result.element) {
        return error("unsupported outerproduct type");
    }
    Ok(())
}

/// `%a, %b, %c attr-dict : type`: one type for all.
fn parse_fma(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let location = p.current_location();
    let mut operands = vec![p.parse_operand()?];
    for _ in 0..2 {
        p.expect_punct(",")?;
        operands.push(p.parse_operand()?);
    }
    p.parse_optional_attr_dict()?;
    let ty = p.parse_colon_type()?;
    let values = p.resolve_operands(&operands, &[ty; 3], location)?;
    p.state.operands.extend(values);
    p.state.result_types.push(ty);
    Ok(())
}

fn verify_fma(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let result = ir.value_type(ir.result(op, 0));
    if ir.operands(op).iter().any(|&v| ir.value_type(v) != result) {
        return Err(op_error(ir, op, "failed to verify that all of {lhs, rhs, acc, result} have same type"));
    }
    Ok(())
}
