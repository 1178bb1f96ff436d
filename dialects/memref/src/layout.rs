//! Strided layouts: where element `(i, j, ...)` of a memref lives in its
//! buffer, `offset + i * stride0 + j * stride1 + ...`. Views (subview,
//! transpose, reshapes), bufferization and lowerings all reason about
//! memrefs through this form.
//!
//! A memref without a layout is contiguous and row-major; a `strided<[..],
//! offset: ..>` layout states its strides; an affine map layout is strided
//! when it is one linear expression of the dimensions whose coefficients
//! are constants or symbols. Unknown values are [`DYNAMIC`] (`?`), and
//! arithmetic on them stays dynamic, except that a static zero absorbs.
//!
//! ```mlir
//! memref<8x16xf32>                                  // strides [16, 1], offset 0
//! memref<4x4xf32, strided<[16, 2], offset: 9>>      // strides [16, 2], offset 9
//! memref<?x?xf32, affine_map<(d0, d1)[s0] -> (d0 * s0 + d1)>>   // strides [?, 1], offset 0
//! ```

use ir::affine::{AffineBinaryKind, AffineExpr, AffineMap};
use ir::types::{TypeData, DYNAMIC};
use ir::{AttrData, Attribute, Context, Type};

/// `a + b`, dynamic if either is (or if the sum does not fit).
pub fn add(a: i64, b: i64) -> i64 {
    if a == DYNAMIC || b == DYNAMIC {
        return DYNAMIC;
    }
    a.checked_add(b).unwrap_or(DYNAMIC)
}

/// `a * b`: zero if either is a static zero, else dynamic if either is.
pub fn mul(a: i64, b: i64) -> i64 {
    if a == 0 || b == 0 {
        return 0;
    }
    if a == DYNAMIC || b == DYNAMIC {
        return DYNAMIC;
    }
    a.checked_mul(b).unwrap_or(DYNAMIC)
}

/// The strides of a contiguous row-major buffer of `shape`: each is the
/// product of the sizes after it. Past a dynamic or empty dimension the
/// product is unknown, so the strides before it are dynamic.
pub fn canonical_strides(shape: &[i64]) -> Vec<i64> {
    let mut strides = vec![0; shape.len()];
    let mut running = Some(1i64);
    for (d, &size) in shape.iter().enumerate().rev() {
        strides[d] = running.unwrap_or(DYNAMIC);
        running = running.filter(|_| size > 0).and_then(|r| r.checked_mul(size));
    }
    strides
}

/// The strides and offset of a ranked memref type, or `None` when its
/// layout is not strided (or the type is not a ranked memref).
pub fn strides_and_offset(ctx: &Context, ty: Type) -> Option<(Vec<i64>, i64)> {
    let TypeData::MemRef { shape, layout, .. } = ty.data(ctx) else { return None };
    let Some(layout) = layout else { return Some((canonical_strides(shape), 0)) };
    match layout.data(ctx) {
        AttrData::StridedLayout { offset, strides } => (strides.len() == shape.len()).then(|| (strides.clone(), *offset)),
        AttrData::AffineMap(map) => {
            if map.num_dims as usize != shape.len() || map.results.len() != 1 {
                return None;
            }
            let linear = Linear::of(&map.results[0], shape.len())?;
            Some((linear.coefficients, linear.offset))
        }
        _ => None,
    }
}

/// Whether a ranked memref type has a strided layout.
pub fn is_strided(ctx: &Context, ty: Type) -> bool {
    strides_and_offset(ctx, ty).is_some()
}

/// Whether a ranked memref's layout is the identity: none at all, or one
/// that states the identity (`strided<[1]>` on one dimension), as upstream
/// decides through the layout's affine map.
pub fn has_identity_layout(ctx: &Context, ty: Type) -> bool {
    match ty.data(ctx) {
        TypeData::MemRef { layout: None, .. } => true,
        TypeData::MemRef { layout: Some(l), .. } => {
            matches!(l.data(ctx), AttrData::StridedLayout { offset: 0, strides } if strides.as_slice() == [1])
        }
        _ => false,
    }
}

/// The `strided<[..], offset: ..>` attribute.
pub fn strided_layout(ctx: &Context, strides: &[i64], offset: i64) -> Attribute {
    ctx.intern_attr(AttrData::StridedLayout { offset, strides: strides.to_vec() })
}

/// A strided layout as the affine map upstream uses for it:
/// `offset + d0 * stride0 + ...`, with one symbol per dynamic value, the
/// offset's first; terms in dimension order and the offset last.
pub fn strided_map(strides: &[i64], offset: i64) -> AffineMap {
    let mut symbols = 0;
    let mut next_symbol = || {
        symbols += 1;
        AffineExpr::Symbol(symbols - 1)
    };
    let offset = if offset == DYNAMIC { next_symbol() } else { AffineExpr::Constant(offset) };
    let mut expr = AffineExpr::Constant(0);
    for (d, &stride) in strides.iter().enumerate() {
        let stride = if stride == DYNAMIC { next_symbol() } else { AffineExpr::Constant(stride) };
        expr = AffineExpr::sum(expr, AffineExpr::product(AffineExpr::Dim(d as u32), stride));
    }
    let expr = AffineExpr::sum(expr, offset);
    AffineMap { num_dims: strides.len() as u32, num_symbols: symbols, results: vec![expr] }
}

/// The memory space of a ranked or unranked memref (`None`: the default).
pub fn memory_space(ctx: &Context, ty: Type) -> Option<Attribute> {
    match ty.data(ctx) {
        TypeData::MemRef { memory_space, .. } | TypeData::UnrankedMemRef { memory_space, .. } => *memory_space,
        _ => None,
    }
}

/// `ty` (a ranked memref) with another shape and layout, keeping its element
/// type and memory space.
pub fn with_shape_and_layout(ctx: &Context, ty: Type, shape: Vec<i64>, layout: Option<Attribute>) -> Type {
    let element = ty.element_type_or_self(ctx);
    Type::memref_with(ctx, shape, element, layout, memory_space(ctx, ty))
}

/// An affine expression as `offset + sum(coefficient[d] * d)`, each part
/// static or dynamic (when a symbol enters it).
struct Linear {
    coefficients: Vec<i64>,
    offset: i64,
}

impl Linear {
    fn constant(rank: usize, offset: i64) -> Linear {
        Linear { coefficients: vec![0; rank], offset }
    }

    fn has_dims(&self) -> bool {
        self.coefficients.iter().any(|&c| c != 0)
    }

    /// Every part multiplied by `factor` (a constant or `DYNAMIC`).
    fn scaled(self, factor: i64) -> Linear {
        Linear { coefficients: self.coefficients.into_iter().map(|c| mul(c, factor)).collect(), offset: mul(self.offset, factor) }
    }

    /// `None` when the expression is not linear in the dimensions.
    fn of(expr: &AffineExpr, rank: usize) -> Option<Linear> {
        Some(match expr {
            AffineExpr::Dim(d) => {
                let mut linear = Linear::constant(rank, 0);
                *linear.coefficients.get_mut(*d as usize)? = 1;
                linear
            }
            AffineExpr::Symbol(_) => Linear::constant(rank, DYNAMIC),
            AffineExpr::Constant(c) => Linear::constant(rank, *c),
            AffineExpr::Binary { kind, lhs, rhs } => {
                let (l, r) = (Linear::of(lhs, rank)?, Linear::of(rhs, rank)?);
                match kind {
                    AffineBinaryKind::Add => Linear {
                        coefficients: l.coefficients.iter().zip(&r.coefficients).map(|(&a, &b)| add(a, b)).collect(),
                        offset: add(l.offset, r.offset),
                    },
                    AffineBinaryKind::Mul if !r.has_dims() => l.scaled(r.offset),
                    AffineBinaryKind::Mul if !l.has_dims() => r.scaled(l.offset),
                    // A division or modulo of symbols and constants only
                    // is some unknown (or folded) constant.
                    _ if !l.has_dims() && !r.has_dims() => {
                        let folded =
                            match AffineExpr::div_like(*kind, AffineExpr::Constant(l.offset), AffineExpr::Constant(r.offset)) {
                                AffineExpr::Constant(c) if l.offset != DYNAMIC && r.offset != DYNAMIC => c,
                                _ => DYNAMIC,
                            };
                        Linear::constant(rank, folded)
                    }
                    _ => return None,
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: i64 = DYNAMIC;

    #[test]
    fn contiguous_strides_are_suffix_products_until_unknown() {
        assert_eq!(canonical_strides(&[8, 16, 4]), vec![64, 4, 1]);
        assert_eq!(canonical_strides(&[4, D, 8]), vec![D, 8, 1]);
        assert_eq!(canonical_strides(&[4, 0, 8]), vec![D, 8, 1]);
        assert_eq!(canonical_strides(&[]), Vec::<i64>::new());
    }

    #[test]
    fn zero_absorbs_unknowns() {
        assert_eq!(mul(0, D), 0);
        assert_eq!(mul(D, 3), D);
        assert_eq!(add(D, 0), D);
        assert_eq!(add(2, 3), 5);
    }

    #[test]
    fn affine_layouts_are_strided_when_linear() {
        let ctx = Context::new();
        let f32t = Type::f32(&ctx);
        let map = |text: AffineMap| Some(ctx.intern_attr(AttrData::AffineMap(text)));
        let (d0, d1, s0) = (AffineExpr::Dim(0), AffineExpr::Dim(1), AffineExpr::Symbol(0));
        let linear = AffineMap {
            num_dims: 2,
            num_symbols: 1,
            results: vec![AffineExpr::sum(AffineExpr::product(d0.clone(), s0.clone()), d1.clone())],
        };
        let ty = Type::memref_with(&ctx, vec![D, D], f32t, map(linear), None);
        assert_eq!(strides_and_offset(&ctx, ty), Some((vec![D, 1], 0)));
        let permutation = AffineMap { num_dims: 2, num_symbols: 0, results: vec![d1.clone(), d0.clone()] };
        let ty = Type::memref_with(&ctx, vec![4, 4], f32t, map(permutation), None);
        assert_eq!(strides_and_offset(&ctx, ty), None);
        let divided = AffineMap {
            num_dims: 2,
            num_symbols: 0,
            results: vec![AffineExpr::div_like(AffineBinaryKind::FloorDiv, d0, AffineExpr::Constant(2))],
        };
        let ty = Type::memref_with(&ctx, vec![4, 4], f32t, map(divided), None);
        assert_eq!(strides_and_offset(&ctx, ty), None);
    }

    #[test]
    fn strided_maps_put_the_offset_last() {
        assert_eq!(strided_map(&[1, 8], 0).to_string(), "(d0, d1) -> (d0 + d1 * 8)");
        assert_eq!(strided_map(&[1, 8], D).to_string(), "(d0, d1)[s0] -> (d0 + d1 * 8 + s0)");
        assert_eq!(strided_map(&[D, 1], 0).to_string(), "(d0, d1)[s0] -> (d0 * s0 + d1)");
    }
}
