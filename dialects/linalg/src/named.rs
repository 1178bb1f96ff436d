//! Named structured ops: ops that stand for one well-known loop nest
//! (`linalg.matmul`, `linalg.add`, `linalg.conv_2d_nhwc_hwcf`, ...). Each is
//! described by a [`NamedOp`]: its indexing maps and iterator types (from
//! its operands' ranks and its attributes) and the body it computes, which
//! is built when the op is parsed in custom form and printed only in
//! generic form.
//!
//! ```mlir
//! %0 = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x16xf32>) outs(%c : tensor<4x16xf32>) -> tensor<4x16xf32>
//! linalg.add ins(%x, %y : memref<8xf32>, memref<8xf32>) outs(%z : memref<8xf32>)
//! ```

use ir::affine::AffineMap;
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::{Context, Diagnostic, Ir, NamedAttribute, OpId, OpType, Type};

use crate::payload::{build_body, BodyFn};
use crate::structured::{body_argument_type, find_attr, indexing_maps_attr, indexing_maps_of, IteratorType, StructuredOp};
use crate::syntax;

/// What a named op's loops look like for operands of some types and ranks.
pub type MapsFn = fn(&Context, &[Type], &[NamedAttribute]) -> Option<Vec<AffineMap>>;
/// The iterator types for operands of some types.
pub type IteratorsFn = fn(&Context, &[Type], &[NamedAttribute]) -> Option<Vec<IteratorType>>;

/// The description of one named op.
pub struct NamedOp {
    /// The maps when none are written.
    pub default_maps: MapsFn,
    pub iterators: IteratorsFn,
    /// Whether the maps are kept in an `indexing_maps` attribute (and may be
    /// written out to transpose or broadcast operands, as for `linalg.matmul`).
    pub stores_maps: bool,
    pub body: BodyFn,
}

fn operand_types(ir: &Ir, op: OpId) -> Vec<Type> {
    ir.operands(op).iter().map(|&v| ir.value_type(v)).collect()
}

impl StructuredOp for NamedOp {
    fn indexing_maps(&self, ir: &Ir, op: OpId) -> Option<Vec<AffineMap>> {
        let ctx = ir.ctx();
        if self.stores_maps {
            if let Some(attr) = ir.attr(op, "indexing_maps") {
                return indexing_maps_of(ctx, Some(attr));
            }
        }
        (self.default_maps)(ctx, &operand_types(ir, op), &ir.op(op).attributes)
    }

    fn iterator_types(&self, ir: &Ir, op: OpId) -> Option<Vec<IteratorType>> {
        (self.iterators)(ir.ctx(), &operand_types(ir, op), &ir.op(op).attributes)
    }

    fn body(&self) -> Option<BodyFn> {
        Some(self.body)
    }
}

/// The description of the op being parsed or printed.
fn named_op_of(ctx: &Context, name: &'static str) -> Option<&'static NamedOp> {
    ctx.interface::<NamedOp>(ctx.op_name(name))
}

/// `[indexing_maps = [...]] [kind=...] attr-dict ins(...) outs(...) [-> types]`;
/// the body is built from the op's description.
pub fn parse_named(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    let definition = p.definition();
    let Some(named) = named_op_of(&ctx, definition.name) else {
        return Err(p.error(format!("'{}' has no named-op description", definition.name)));
    };
    if named.stores_maps && p.parse_optional_keyword("indexing_maps") {
        p.expect_punct("=")?;
        let maps = p.parse_attribute()?;
        p.add_attribute("indexing_maps", maps);
    }
    if definition.attributes.iter().any(|a| a.name == "kind") && p.parse_optional_keyword("kind") {
        p.expect_punct("=")?;
        let kind = p.parse_attribute()?;
        p.add_attribute("kind", kind);
    }
    p.parse_optional_attr_dict()?;
    syntax::parse_ins_outs(p)?;
    syntax::parse_optional_results(p)?;
    let location = p.op_location();
    let types: Vec<Type> = p.state.operands.iter().map(|&v| p.value_type(v)).collect();
    if named.stores_maps && find_attr(&ctx, &p.state.attributes, "indexing_maps").is_none() {
        let maps = (named.default_maps)(&ctx, &types, &p.state.attributes).ok_or_else(|| {
            Diagnostic::error(location, format!("'{}' cannot infer indexing maps for these operand types", definition.name))
        })?;
        p.add_attribute("indexing_maps", indexing_maps_attr(&ctx, &maps));
    }
    let argument_types: Vec<Type> = types.iter().map(|&t| body_argument_type(&ctx, t)).collect();
    let attributes = p.state.attributes.clone();
    let region = p.add_empty_region();
    build_body(p.ir(), region, &argument_types, location, &attributes, named.body)
        .map_err(|why| Diagnostic::error(location, format!("'{}' op cannot build its body: {why}", definition.name)))
}

pub fn print_named(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let ctx = ir.ctx();
    let Some(def) = ctx.op_definition(ir.op(op).name) else { return };
    let Some(named) = named_op_of(ctx, def.name) else { return };
    if named.stores_maps {
        let defaults = (named.default_maps)(ctx, &operand_types(ir, op), &ir.op(op).attributes);
        let given = indexing_maps_of(ctx, ir.attr(op, "indexing_maps"));
        if given.is_some() && given != defaults {
            p.write(" indexing_maps = ");
            if let Some(maps) = ir.attr(op, "indexing_maps") {
                p.print_attribute(maps);
            }
        }
    }
    let has_kind = def.attributes.iter().any(|a| a.name == "kind");
    if let Some(kind) = ir.attr(op, "kind").filter(|_| has_kind) {
        p.write(" kind=");
        p.print_attribute(kind);
    }
    // Upstream caches computed maps in `linalg.memoized_indexing_maps`.
    let mut elided = vec!["operandSegmentSizes", "indexing_maps", "linalg.memoized_indexing_maps"];
    if has_kind {
        elided.push("kind");
    }
    p.print_optional_attr_dict(op, &elided);
    syntax::print_ins_outs(p, op);
    syntax::print_optional_results(p, op);
}

/// The description of named op `T`, if `T` is one and its dialect is registered.
pub fn description<T: OpType>(ctx: &Context) -> Option<&'static NamedOp> {
    named_op_of(ctx, T::NAME)
}

/// Builds a detached named op `T` the way parsing its custom form does:
/// `inputs` then `outputs` as operands, one result per tensor output,
/// `attributes` (the op's own: `cast`, `kind`, written `indexing_maps`),
/// the default maps when the op stores them and none are given, and the
/// body its description computes for these operand types. Place it with
/// `PatternRewriter::insert` (or `Ir::insert_op_before`).
///
/// ```ignore
/// let add = build_named::<AddOp>(&mut ir, loc, &[a, b], &[init], &[])?;
/// ```
pub fn build_named<T: OpType>(
    ir: &mut Ir,
    location: ir::Location,
    inputs: &[ir::Value],
    outputs: &[ir::Value],
    attributes: &[(&str, ir::Attribute)],
) -> Result<T, String> {
    let ctx = ir.ctx_arc().clone();
    let named = description::<T>(&ctx).ok_or_else(|| format!("'{}' is not a registered named op", T::NAME))?;
    let types: Vec<Type> = inputs.iter().chain(outputs).map(|&v| ir.value_type(v)).collect();
    let mut attributes: Vec<(&str, ir::Attribute)> = attributes.to_vec();
    let named_attributes = |attributes: &[(&str, ir::Attribute)]| -> Vec<NamedAttribute> {
        attributes.iter().map(|(n, v)| NamedAttribute { name: ctx.symbol(n), value: *v }).collect()
    };
    if named.stores_maps && !attributes.iter().any(|(n, _)| *n == "indexing_maps") {
        let maps = (named.default_maps)(&ctx, &types, &named_attributes(&attributes))
            .ok_or_else(|| format!("'{}' cannot infer indexing maps for these operand types", T::NAME))?;
        attributes.push(("indexing_maps", indexing_maps_attr(&ctx, &maps)));
    }
    let results: Vec<Type> = outputs.iter().map(|&v| ir.value_type(v)).filter(|t| t.is_tensor(&ctx)).collect();
    let op = ir.build::<T>(location, &[inputs, outputs], &results, &attributes).map_err(|e| e.0)?;
    let region = ir.regions(op.op())[0];
    let argument_types: Vec<Type> = types.iter().map(|&t| body_argument_type(&ctx, t)).collect();
    let body_attributes = named_attributes(&attributes);
    if let Err(why) = build_body(ir, region, &argument_types, location, &body_attributes, named.body) {
        ir.erase_op(op.op());
        return Err(format!("'{}' cannot build its body: {why}", T::NAME));
    }
    Ok(op)
}

/// Registers `T` with its description, both as a structured op and as a
/// named op (for its parser and printer).
pub fn with_named_op<T: OpType>(dialect: ir::Dialect, named: &'static NamedOp) -> ir::Dialect {
    dialect.with_op::<T>().with_interface::<dyn StructuredOp>(T::NAME, named).with_interface::<NamedOp>(T::NAME, named)
}

/// Declares named ops: one struct each, with the operands, results, body
/// region and hooks that every named op shares.
#[macro_export]
macro_rules! named_ops {
    ($($(#[doc = $doc:literal])* $ty:ident = $name:literal, attributes: [$($attrs:tt)*];)*) => {$(
        ir::define_op! {
            $(#[doc = $doc])*
            pub struct $ty = $name {
                operands: [inputs: Variadic(ir::constraints::ANY_TYPE), outputs: Variadic($crate::SHAPED)],
                results: [result_tensors: Variadic($crate::RANKED_TENSOR)],
                attributes: [$($attrs)*],
                regions: [region: Single],
                traits: [SINGLE_BLOCK],
                extra: {
                    parse: Some($crate::named::parse_named),
                    print: Some($crate::named::print_named),
                    verify: Some($crate::structured::verify_structured),
                    effects_of: Some($crate::structured::structured_effects),
                    name_region_arguments: Some($crate::syntax::name_in_out),
                },
            }
        }
    )*};
}
