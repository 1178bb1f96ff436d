//! Allocation: `memref.alloc` (heap), `memref.alloca` (stack, freed with
//! the enclosing scope), `memref.realloc`, `memref.dealloc`, and
//! `memref.alloca_scope`, a region whose stack allocations end with it.
//!
//! ```mlir
//! %a = memref.alloc(%n) {alignment = 64 : i64} : memref<?x4xf32>
//! %b = memref.realloc %a(%m) : memref<?x4xf32> to memref<?x4xf32>
//! memref.dealloc %b : memref<?x4xf32>
//! %r = memref.alloca_scope -> (f32) {
//!   %t = memref.alloca() : memref<4xf32>
//!   memref.alloca_scope.return %x : f32
//! }
//! ```

use ir::constraints::{ANY_TYPE, I64_ATTR, INDEX};
use ir::dialect::TypeConstraint;
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::types::{TypeData, DYNAMIC};
use ir::verifier::op_error;
use ir::{define_op, AttrData, Diagnostic, Ir, OpId};

use crate::{bare_error, is_1d_memref, layout, quoted, ANY_MEMREF, RANKED_MEMREF};

/// A ranked memref of rank 1.
const MEMREF_1D: TypeConstraint = TypeConstraint {
    description: "1D memref of any type values",
    check: |ctx, t| is_1d_memref(ctx, t, |_, _| true),
    buildable: None,
};

/// Declares the two allocation ops, which differ in where the memory lives.
macro_rules! allocation {
    ($(#[doc = $doc:literal] $ty:ident = $name:literal, $hint:literal;)*) => {$(
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [dynamicSizes: Variadic(INDEX), symbolOperands: Variadic(INDEX)],
                results: [memref: Single(RANKED_MEMREF)],
                attributes: [alignment: Optional(I64_ATTR)],
                effects: [Allocate(memref)],
                format: "`(` $dynamicSizes `)` (`` `[` $symbolOperands^ `]`)? attr-dict `:` type($memref)",
                extra: {
                    verify: Some(verify_allocation),
                    name_results: Some(|_, _| vec![Some($hint.to_string())]),
                },
            }
        }
    )*};
}

allocation! {
    /// Allocates a buffer on the heap.
    AllocOp = "memref.alloc", "alloc";
    /// Allocates a buffer on the stack, freed when the enclosing scope returns.
    AllocaOp = "memref.alloca", "alloca";
}

define_op! {
    /// Resizes a 1-D heap buffer, keeping its contents up to the smaller size.
    pub struct ReallocOp = "memref.realloc" {
        operands: [source: Single(MEMREF_1D), dynamicResultSize: Optional(INDEX)],
        results: [result: Single(MEMREF_1D)],
        attributes: [alignment: Optional(I64_ATTR)],
        effects: [Free(source), Allocate(result)],
        format: "$source (`(` $dynamicResultSize^ `)`)? attr-dict `:` type($source) `to` type($result)",
        extra: {
            verify: Some(verify_realloc),
        },
    }
}

define_op! {
    /// A region whose stack allocations are freed when it returns.
    pub struct AllocaScopeOp = "memref.alloca_scope" {
        results: [results: Variadic(ANY_TYPE)],
        regions: [bodyRegion: Single],
        traits: [SINGLE_BLOCK, RECURSIVE_MEMORY_EFFECTS],
        extra: {
            parse: Some(parse_alloca_scope),
            print: Some(print_alloca_scope),
            verify: Some(verify_alloca_scope),
            implicit_terminator: Some("memref.alloca_scope.return"),
        },
    }
}

define_op! {
    /// Ends a `memref.alloca_scope`, giving it its results.
    pub struct AllocaScopeReturnOp = "memref.alloca_scope.return" {
        operands: [results: Variadic(ANY_TYPE)],
        traits: [TERMINATOR, RETURN_LIKE, PURE],
        format: "attr-dict ($results^ `:` type($results))?",
        extra: {
            verify: Some(|ir, op| match ir.parent_op(op) {
                Some(parent) if ir.isa::<AllocaScopeOp>(parent) => Ok(()),
                _ => Err(op_error(ir, op, "expects parent op 'memref.alloca_scope'")),
            }),
        },
    }
}

define_op! {
    /// Frees a buffer made by `memref.alloc`.
    pub struct DeallocOp = "memref.dealloc" {
        operands: [memref: Single(ANY_MEMREF)],
        effects: [Free(memref)],
        format: "$memref attr-dict `:` type($memref)",
    }
}

/// One size per dynamic dimension; one symbol per symbol of the layout.
fn verify_allocation(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let ty = ir.value_type(ir.result(op, 0));
    let TypeData::MemRef { shape, layout, .. } = ty.data(ctx) else { return Ok(()) };
    let dynamic = shape.iter().filter(|&&d| d == DYNAMIC).count();
    let sizes = ir.operands(op).len();
    let symbols = ir
        .attr(op, "operandSegmentSizes")
        .and_then(|a| a.as_dense_int_array(ctx))
        .map_or(0, |s| s.get(1).copied().unwrap_or(0) as usize);
    if sizes - symbols != dynamic {
        return Err(op_error(ir, op, format!("incorrect number of dynamic sizes, has {}, expected {dynamic}", sizes - symbols)));
    }
    let layout_symbols = match layout.map(|l| l.data(ctx)) {
        Some(AttrData::AffineMap(map)) => map.num_symbols as usize,
        Some(AttrData::StridedLayout { offset, strides }) => {
            usize::from(*offset == DYNAMIC) + strides.iter().filter(|&&s| s == DYNAMIC).count()
        }
        _ => 0,
    };
    if symbols != layout_symbols {
        return Err(op_error(
            ir,
            op,
            format!("symbol operand count does not equal memref symbol count: expected {layout_symbols}, got {symbols}"),
        ));
    }
    Ok(())
}

/// Identity layouts, one memory space and element type, and a size operand
/// exactly when the result size is dynamic.
fn verify_realloc(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let realloc = ReallocOp(op);
    let (source, result) = (ir.value_type(realloc.source(ir)), ir.value_type(realloc.result(ir)));
    for (ty, which) in [(source, "source"), (result, "result")] {
        if !layout::has_identity_layout(ctx, ty) {
            return Err(bare_error(ir, op, format!("unsupported layout for {which} memref type {}", quoted(ctx, ty))));
        }
    }
    let pair = format!("{} and result memref type {}", quoted(ctx, source), quoted(ctx, result));
    if layout::memory_space(ctx, source) != layout::memory_space(ctx, result) {
        return Err(bare_error(ir, op, format!("different memory spaces specified for source memref type {pair}")));
    }
    if source.shaped_element(ctx) != result.shaped_element(ctx) {
        return Err(bare_error(ir, op, format!("different element types specified for source memref type {pair}")));
    }
    let dynamic = result.shape(ctx).is_some_and(|s| s.contains(&DYNAMIC));
    match (dynamic, realloc.dynamicResultSize(ir).is_some()) {
        (true, false) => Err(bare_error(ir, op, format!("missing dimension operand for result type {}", quoted(ctx, result)))),
        (false, true) => {
            Err(bare_error(ir, op, format!("unnecessary dimension operand for result type {}", quoted(ctx, result))))
        }
        _ => Ok(()),
    }
}

/// `[-> (types)] { body } [attr-dict]`.
fn parse_alloca_scope(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    if p.parse_optional_punct("->") {
        p.state.result_types = p.parse_function_result_types()?;
    }
    let body = p.parse_region(&[])?;
    p.ensure_terminator(body, "memref.alloca_scope.return");
    p.parse_optional_attr_dict()
}

/// Upstream leaves two spaces after the name: one of its own, one before
/// the optional arrow.
fn print_alloca_scope(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let types: Vec<_> = ir.results(op).iter().map(|&r| ir.value_type(r)).collect();
    p.write(" ");
    if !types.is_empty() {
        p.write(" -> (");
        p.print_types(&types);
        p.write(")");
    }
    p.write(" ");
    if let Some(&body) = ir.regions(op).first() {
        p.print_region(body, false, !types.is_empty());
    }
    p.print_optional_attr_dict(op, &[]);
}

/// No region arguments; the terminator yields the op's result types.
fn verify_alloca_scope(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let Some(block) = ir.regions(op).first().and_then(|&r| ir.entry_block(r)) else { return Ok(()) };
    if !ir.block_arguments(block).is_empty() {
        return Err(op_error(ir, op, "region should have no arguments"));
    }
    let Some(terminator) = ir.last_op(block).filter(|&t| ir.isa::<AllocaScopeReturnOp>(t)) else { return Ok(()) };
    let edge = "along control flow edge from Operation memref.alloca_scope.return to parent";
    let (yielded, results) = (ir.operands(terminator), ir.results(op));
    let mismatch = if yielded.len() != results.len() {
        Some(format!(
            "{edge}: region branch point has {} operands, but region successor needs {} inputs",
            yielded.len(),
            results.len()
        ))
    } else {
        yielded.iter().zip(results).enumerate().find_map(|(i, (&y, &r))| {
            let (from, to) = (ir.value_type(y), ir.value_type(r));
            (from != to).then(|| {
                format!(
                    "{edge}: successor operand type #{i} {} should match successor input type #{i} {}",
                    quoted(ctx, from),
                    quoted(ctx, to)
                )
            })
        })
    };
    match mismatch {
        Some(message) => Err(op_error(ir, op, message).with_note(ir.op(terminator).location, "region branch point")),
        None => Ok(()),
    }
}
