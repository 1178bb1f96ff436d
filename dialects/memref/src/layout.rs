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
/// `offset + d0 * stride0 + ...` added up term by term, with one symbol per
/// dynamic value, the offset's first (a constant offset ends up last, a
/// symbolic one after the first term).
pub fn strided_map(strides: &[i64], offset: i64) -> AffineMap {
    let mut symbols = 0;
    let mut next_symbol = || {
        symbols += 1;
        AffineExpr::Symbol(symbols - 1)
    };
    let offset_term = if offset == DYNAMIC { next_symbol() } else { AffineExpr::Constant(offset) };
    let terms: Vec<AffineExpr> = strides
        .iter()
        .enumerate()
        .map(|(d, &stride)| {
            let stride = if stride == DYNAMIC { next_symbol() } else { AffineExpr::Constant(stride) };
            AffineExpr::product(AffineExpr::Dim(d as u32), stride)
        })
        .collect();
    let expr = if offset == DYNAMIC {
        terms.into_iter().fold(offset_term, AffineExpr::sum)
    } else {
        AffineExpr::sum(terms.into_iter().fold(AffineExpr::Constant(0), AffineExpr::sum), offset_term)
    };
    AffineMap { num_dims: strides.len() as u32, num_symbols: symbols, results: vec![expr] }
}

/// A memref type with its layout in upstream's canonical form, the form
/// in which layouts are compared (`memref.transpose`): no layout when the
/// layout is the contiguous one of the shape, otherwise the layout's
/// affine map, simplified as upstream simplifies it. Identity, 0-d and
/// multi-result layouts stay as written.
pub fn canonicalize_strided_layout(ctx: &Context, ty: Type) -> Type {
    let TypeData::MemRef { shape, layout: Some(layout), .. } = ty.data(ctx) else { return ty };
    let map = match layout.data(ctx) {
        AttrData::StridedLayout { offset, strides } => strided_map(strides, *offset),
        AttrData::AffineMap(map) => map.clone(),
        _ => return ty,
    };
    if map == AffineMap::identity(shape.len() as u32) || map.results.len() != 1 {
        return ty;
    }
    if map.num_dims == 0 && map.num_symbols == 0 {
        return if map.results[0] == AffineExpr::Constant(0) { with_shape_and_layout(ctx, ty, Vec::new(), None) } else { ty };
    }
    if shape.is_empty() {
        return ty;
    }
    let simplified = simplify(&map.results[0], map.num_dims, map.num_symbols);
    let layout = (simplified != contiguous_expr(shape)).then(|| {
        let map = AffineMap { num_dims: map.num_dims, num_symbols: map.num_symbols, results: vec![simplified] };
        ctx.intern_attr(AttrData::AffineMap(map))
    });
    with_shape_and_layout(ctx, ty, shape.clone(), layout)
}

/// The contiguous layout of `shape` as upstream writes it: terms from the
/// innermost dimension out, a new symbol for each stride past a dynamic
/// or empty size, simplified.
fn contiguous_expr(shape: &[i64]) -> AffineExpr {
    let mut expr: Option<AffineExpr> = None;
    let (mut running, mut poisoned, mut symbols) = (1i64, false, 0u32);
    for (d, &size) in shape.iter().enumerate().rev() {
        let stride = if poisoned {
            symbols += 1;
            AffineExpr::Symbol(symbols - 1)
        } else {
            AffineExpr::Constant(running)
        };
        let term = AffineExpr::product(AffineExpr::Dim(d as u32), stride);
        expr = Some(match expr {
            Some(e) => AffineExpr::sum(e, term),
            None => term,
        });
        match running.checked_mul(size) {
            Some(r) if size > 0 => running = r,
            _ => poisoned = true,
        }
    }
    simplify(&expr.unwrap_or(AffineExpr::Constant(0)), shape.len() as u32, symbols)
}

/// An expression flattened as upstream's simplifier flattens it: a
/// coefficient per dimension, symbol and product `d * s` (a "local"), and
/// a constant.
struct Flat {
    dims: Vec<i64>,
    symbols: Vec<i64>,
    locals: Vec<i64>,
    constant: i64,
}

/// Flattens linear and `dimension * symbol` expressions; `None` for
/// anything else (divisions, products of sums), which stay as written.
fn flatten(expr: &AffineExpr, num_dims: u32, num_symbols: u32, locals: &mut Vec<(u32, u32)>) -> Option<Flat> {
    let zero = |locals: &Vec<(u32, u32)>| Flat {
        dims: vec![0; num_dims as usize],
        symbols: vec![0; num_symbols as usize],
        locals: vec![0; locals.len()],
        constant: 0,
    };
    Some(match expr {
        AffineExpr::Dim(d) => {
            let mut flat = zero(locals);
            *flat.dims.get_mut(*d as usize)? = 1;
            flat
        }
        AffineExpr::Symbol(s) => {
            let mut flat = zero(locals);
            *flat.symbols.get_mut(*s as usize)? = 1;
            flat
        }
        AffineExpr::Constant(c) => Flat { constant: *c, ..zero(locals) },
        AffineExpr::Binary { kind: AffineBinaryKind::Add, lhs, rhs } => {
            let mut l = flatten(lhs, num_dims, num_symbols, locals)?;
            let r = flatten(rhs, num_dims, num_symbols, locals)?;
            l.locals.resize(locals.len(), 0);
            for (a, b) in l
                .dims
                .iter_mut()
                .zip(&r.dims)
                .chain(l.symbols.iter_mut().zip(&r.symbols))
                .chain(l.locals.iter_mut().zip(&r.locals))
            {
                *a = a.checked_add(*b)?;
            }
            l.constant = l.constant.checked_add(r.constant)?;
            l
        }
        AffineExpr::Binary { kind: AffineBinaryKind::Mul, lhs, rhs } => match &**rhs {
            AffineExpr::Constant(c) => {
                let mut l = flatten(lhs, num_dims, num_symbols, locals)?;
                for a in l.dims.iter_mut().chain(l.symbols.iter_mut()).chain(l.locals.iter_mut()).chain([&mut l.constant]) {
                    *a = a.checked_mul(*c)?;
                }
                l
            }
            AffineExpr::Symbol(s) => {
                let AffineExpr::Dim(d) = &**lhs else { return None };
                let index = match locals.iter().position(|&p| p == (*d, *s)) {
                    Some(i) => i,
                    None => {
                        locals.push((*d, *s));
                        locals.len() - 1
                    }
                };
                let mut flat = zero(locals);
                flat.locals[index] = 1;
                flat
            }
            _ => return None,
        },
        AffineExpr::Binary { .. } => return None,
    })
}

/// `term * coefficient`, as upstream multiplies by a constant.
fn scaled(term: AffineExpr, coefficient: i64) -> AffineExpr {
    AffineExpr::product(term, AffineExpr::Constant(coefficient))
}

fn local_expr((d, s): (u32, u32)) -> AffineExpr {
    AffineExpr::product(AffineExpr::Dim(d), AffineExpr::Symbol(s))
}

/// Upstream's `simplifyAffineExpr` on the expressions [`flatten`] reads:
/// affine ones in flattened order (dimensions, symbols, constant);
/// `dimension * symbol` ones kept as written if that already is the
/// flattened order, otherwise sorted by dimension and then symbol, each
/// symbol after the products of its position.
fn simplify(expr: &AffineExpr, num_dims: u32, num_symbols: u32) -> AffineExpr {
    let mut locals = Vec::new();
    let Some(flat) = flatten(expr, num_dims, num_symbols, &mut locals) else { return expr.clone() };
    let mut coefficients = flat.locals.clone();
    coefficients.resize(locals.len(), 0);
    let constant = |e: AffineExpr| if flat.constant != 0 { AffineExpr::sum(e, AffineExpr::Constant(flat.constant)) } else { e };
    let dims = flat.dims.iter().enumerate().filter(|(_, &c)| c != 0).map(|(d, &c)| scaled(AffineExpr::Dim(d as u32), c));
    let symbols = flat.symbols.iter().enumerate().filter(|(_, &c)| c != 0).map(|(s, &c)| scaled(AffineExpr::Symbol(s as u32), c));
    let products =
        locals.iter().zip(&coefficients).filter(|(_, &c)| c != 0).map(|(&p, &c)| scaled(local_expr(p), c)).collect::<Vec<_>>();
    let flattened = constant(dims.chain(symbols).chain(products.iter().cloned()).fold(AffineExpr::Constant(0), AffineExpr::sum));
    if products.is_empty() || flattened == *expr {
        return if products.is_empty() { flattened } else { expr.clone() };
    }
    // Sort keys as upstream builds them: (position, rank) with products of
    // dimension d and symbol s at (d, s), symbols after them at
    // (s, max(#dims, #symbols) + k), dimensions before at (d, -1 - k).
    let mut keyed: Vec<((u32, i64), AffineExpr)> = Vec::new();
    let base = num_dims.max(num_symbols) as i64;
    for (k, (s, &c)) in flat.symbols.iter().enumerate().filter(|(_, &c)| c != 0).enumerate() {
        keyed.push(((s as u32, base + k as i64), scaled(AffineExpr::Symbol(s as u32), c)));
    }
    for (&(d, s), &c) in locals.iter().zip(&coefficients).filter(|(_, &c)| c != 0) {
        keyed.push(((d, s as i64), scaled(local_expr((d, s)), c)));
    }
    for (k, (d, &c)) in flat.dims.iter().enumerate().filter(|(_, &c)| c != 0).enumerate() {
        keyed.push(((d as u32, -1 - k as i64), scaled(AffineExpr::Dim(d as u32), c)));
    }
    keyed.sort_by_key(|(key, _)| *key);
    constant(keyed.into_iter().map(|(_, e)| e).fold(AffineExpr::Constant(0), AffineExpr::sum))
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
    fn strided_maps_add_up_term_by_term() {
        assert_eq!(strided_map(&[1, 8], 0).to_string(), "(d0, d1) -> (d0 + d1 * 8)");
        assert_eq!(strided_map(&[1, 8], 5).to_string(), "(d0, d1) -> (d0 + d1 * 8 + 5)");
        assert_eq!(strided_map(&[D, 1], 0).to_string(), "(d0, d1)[s0] -> (d0 * s0 + d1)");
        assert_eq!(strided_map(&[D, 4], D).to_string(), "(d0, d1)[s0, s1] -> (d0 * s1 + s0 + d1 * 4)");
    }

    #[test]
    fn canonical_layouts_are_dropped_only_when_contiguous_as_upstream_decides() {
        let ctx = Context::new();
        let f32t = Type::f32(&ctx);
        let strided = |shape: Vec<i64>, strides: &[i64], offset| {
            let layout = strided_layout(&ctx, strides, offset);
            canonicalize_strided_layout(&ctx, Type::memref_with(&ctx, shape, f32t, Some(layout), None))
        };
        let plain = |shape: Vec<i64>| Type::memref_with(&ctx, shape, f32t, None, None);
        assert_eq!(strided(vec![4, D, 4], &[D, 4, 1], 0), plain(vec![4, D, 4]));
        assert_eq!(strided(vec![4, 8], &[8, 1], 0), plain(vec![4, 8]));
        assert_ne!(strided(vec![4, D], &[D, 1], 0), plain(vec![4, D]));
        assert_eq!(
            ctx.print_type(strided(vec![4, D], &[D, 1], 0)),
            "memref<4x?xf32, affine_map<(d0, d1)[s0] -> (d0 * s0 + d1)>>"
        );
        assert_eq!(ctx.print_type(strided(vec![4], &[1], 0)), "memref<4xf32, strided<[1]>>");
    }
}
