//! Allocation: `memref.alloc` (heap), `memref.alloca` (stack, freed with
//! the enclosing scope) and `memref.dealloc`.
//!
//! ```mlir
//! %a = memref.alloc(%n) {alignment = 64 : i64} : memref<?x4xf32>
//! memref.dealloc %a : memref<?x4xf32>
//! ```

use ir::constraints::{I64_ATTR, INDEX};
use ir::types::{TypeData, DYNAMIC};
use ir::verifier::op_error;
use ir::{define_op, AttrData, Diagnostic, Ir, OpId};

use crate::{ANY_MEMREF, RANKED_MEMREF};

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
        return Err(op_error(ir, op, "dimension operand count does not equal memref dynamic dimension count"));
    }
    let layout_symbols = match layout.map(|l| l.data(ctx)) {
        Some(AttrData::AffineMap(map)) => map.num_symbols as usize,
        Some(AttrData::StridedLayout { offset, strides }) => {
            usize::from(*offset == DYNAMIC) + strides.iter().filter(|&&s| s == DYNAMIC).count()
        }
        _ => 0,
    };
    if symbols != layout_symbols {
        return Err(op_error(ir, op, "symbol operand count does not equal memref symbol count"));
    }
    Ok(())
}
