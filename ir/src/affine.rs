//! Affine expressions and maps: `affine_map<(d0, d1)[s0] -> (d0 + s0, d1 floordiv 2)>`.
//!
//! Expressions are built through simplifying constructors that keep MLIR's
//! canonical form (constants on the right, `d0 - d1` stored as
//! `d0 + d1 * -1`), so that what we print matches what upstream prints.

use std::fmt::{self, Write};

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum AffineBinaryKind {
    Add,
    Mul,
    Mod,
    FloorDiv,
    CeilDiv,
}

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum AffineExpr {
    Dim(u32),
    Symbol(u32),
    Constant(i64),
    Binary { kind: AffineBinaryKind, lhs: Box<AffineExpr>, rhs: Box<AffineExpr> },
}

/// `(dims)[symbols] -> (results)`.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct AffineMap {
    pub num_dims: u32,
    pub num_symbols: u32,
    pub results: Vec<AffineExpr>,
}

impl AffineExpr {
    fn as_constant(&self) -> Option<i64> {
        match self {
            AffineExpr::Constant(c) => Some(*c),
            _ => None,
        }
    }

    /// Built from symbols and constants only.
    pub fn is_symbolic_or_constant(&self) -> bool {
        match self {
            AffineExpr::Dim(_) => false,
            AffineExpr::Symbol(_) | AffineExpr::Constant(_) => true,
            AffineExpr::Binary { lhs, rhs, .. } => lhs.is_symbolic_or_constant() && rhs.is_symbolic_or_constant(),
        }
    }

    fn binary(kind: AffineBinaryKind, lhs: AffineExpr, rhs: AffineExpr) -> AffineExpr {
        AffineExpr::Binary { kind, lhs: Box::new(lhs), rhs: Box::new(rhs) }
    }

    /// `lhs + rhs`, simplified.
    pub fn sum(lhs: AffineExpr, rhs: AffineExpr) -> AffineExpr {
        if let (Some(a), Some(b)) = (lhs.as_constant(), rhs.as_constant()) {
            if let Some(sum) = a.checked_add(b) {
                return AffineExpr::Constant(sum);
            }
        }
        // Constants, then symbolic terms, go to the right.
        if lhs.as_constant().is_some() || (lhs.is_symbolic_or_constant() && !rhs.is_symbolic_or_constant()) {
            return AffineExpr::sum(rhs, lhs);
        }
        if rhs.as_constant() == Some(0) {
            return lhs;
        }
        // Two dimensions, or two symbols, go in order of position: d1 + d0 is d0 + d1.
        match (&lhs, &rhs) {
            (AffineExpr::Dim(a), AffineExpr::Dim(b)) | (AffineExpr::Symbol(a), AffineExpr::Symbol(b)) if a > b => {
                return AffineExpr::sum(rhs, lhs);
            }
            _ => {}
        }
        // (x + c1) + c2 == x + (c1 + c2)
        if let (AffineExpr::Binary { kind: AffineBinaryKind::Add, lhs: inner_l, rhs: inner_r }, Some(c2)) =
            (&lhs, rhs.as_constant())
        {
            if let Some(c1) = inner_r.as_constant() {
                if let Some(sum) = c1.checked_add(c2) {
                    return AffineExpr::sum((**inner_l).clone(), AffineExpr::Constant(sum));
                }
            }
        }
        AffineExpr::binary(AffineBinaryKind::Add, lhs, rhs)
    }

    /// `lhs * rhs`, simplified.
    pub fn product(lhs: AffineExpr, rhs: AffineExpr) -> AffineExpr {
        if let (Some(a), Some(b)) = (lhs.as_constant(), rhs.as_constant()) {
            if let Some(p) = a.checked_mul(b) {
                return AffineExpr::Constant(p);
            }
        }
        if lhs.is_symbolic_or_constant() && !rhs.is_symbolic_or_constant() || lhs.as_constant().is_some() {
            return AffineExpr::product(rhs, lhs);
        }
        match rhs.as_constant() {
            Some(1) => return lhs,
            Some(0) if lhs.is_pure_affine() => return AffineExpr::Constant(0),
            _ => {}
        }
        // (x * c1) * c2 == x * (c1 * c2)
        if let (AffineExpr::Binary { kind: AffineBinaryKind::Mul, lhs: inner_l, rhs: inner_r }, Some(c2)) =
            (&lhs, rhs.as_constant())
        {
            if let Some(c1) = inner_r.as_constant() {
                if let Some(p) = c1.checked_mul(c2) {
                    return AffineExpr::product((**inner_l).clone(), AffineExpr::Constant(p));
                }
            }
        }
        AffineExpr::binary(AffineBinaryKind::Mul, lhs, rhs)
    }

    /// `lhs - rhs`, kept as `lhs + rhs * -1` like MLIR.
    pub fn difference(lhs: AffineExpr, rhs: AffineExpr) -> AffineExpr {
        AffineExpr::sum(lhs, AffineExpr::product(rhs, AffineExpr::Constant(-1)))
    }

    /// `lhs mod`, `floordiv` or `ceildiv` a right-hand side, folded when both are constant.
    pub fn div_like(kind: AffineBinaryKind, lhs: AffineExpr, rhs: AffineExpr) -> AffineExpr {
        if let (Some(a), Some(b)) = (lhs.as_constant(), rhs.as_constant()) {
            if b > 0 {
                let folded = match kind {
                    AffineBinaryKind::Mod => a.rem_euclid(b),
                    AffineBinaryKind::FloorDiv => a.div_euclid(b),
                    _ => -((-a).div_euclid(b)),
                };
                return AffineExpr::Constant(folded);
            }
        }
        if rhs.as_constant() == Some(1) {
            return match kind {
                AffineBinaryKind::Mod => AffineExpr::Constant(0),
                _ => lhs,
            };
        }
        AffineExpr::binary(kind, lhs, rhs)
    }

    /// Whether dimension `d` appears in the expression.
    pub fn uses_dim(&self, d: u32) -> bool {
        match self {
            AffineExpr::Dim(x) => *x == d,
            AffineExpr::Binary { lhs, rhs, .. } => lhs.uses_dim(d) || rhs.uses_dim(d),
            AffineExpr::Symbol(_) | AffineExpr::Constant(_) => false,
        }
    }

    /// Pure affine: multiplication and division only by constants or symbols.
    pub fn is_pure_affine(&self) -> bool {
        match self {
            AffineExpr::Binary { kind: AffineBinaryKind::Add, lhs, rhs } => lhs.is_pure_affine() && rhs.is_pure_affine(),
            AffineExpr::Binary { kind: AffineBinaryKind::Mul, lhs, rhs } => {
                lhs.is_pure_affine() && rhs.is_pure_affine() && (lhs.is_symbolic_or_constant() || rhs.is_symbolic_or_constant())
            }
            AffineExpr::Binary { lhs, rhs, .. } => lhs.is_pure_affine() && rhs.is_symbolic_or_constant(),
            _ => true,
        }
    }

    /// The expression with each `d<i>` replaced by `dims[i]` and each
    /// `s<j>` by `symbols[j]` (kept when out of range), rebuilt through the
    /// simplifying constructors.
    pub fn replace_dims_and_symbols(&self, dims: &[AffineExpr], symbols: &[AffineExpr]) -> AffineExpr {
        match self {
            AffineExpr::Dim(d) => dims.get(*d as usize).cloned().unwrap_or_else(|| self.clone()),
            AffineExpr::Symbol(s) => symbols.get(*s as usize).cloned().unwrap_or_else(|| self.clone()),
            AffineExpr::Constant(_) => self.clone(),
            AffineExpr::Binary { kind, lhs, rhs } => {
                let (lhs, rhs) = (lhs.replace_dims_and_symbols(dims, symbols), rhs.replace_dims_and_symbols(dims, symbols));
                match kind {
                    AffineBinaryKind::Add => AffineExpr::sum(lhs, rhs),
                    AffineBinaryKind::Mul => AffineExpr::product(lhs, rhs),
                    _ => AffineExpr::div_like(*kind, lhs, rhs),
                }
            }
        }
    }

    /// Writes the expression the way MLIR prints it; `strong` asks for
    /// parentheses around anything weaker than an atom.
    pub fn write(&self, out: &mut impl Write, strong: bool) -> fmt::Result {
        use AffineBinaryKind::*;
        let (kind, lhs, rhs) = match self {
            AffineExpr::Dim(d) => return write!(out, "d{d}"),
            AffineExpr::Symbol(s) => return write!(out, "s{s}"),
            AffineExpr::Constant(c) => return write!(out, "{c}"),
            AffineExpr::Binary { kind, lhs, rhs } => (*kind, lhs, rhs),
        };
        if strong {
            out.write_char('(')?;
        }
        if kind == Add {
            lhs.write(out, false)?;
            match &**rhs {
                // x + y * -1 prints as x - y; x + y * -c as x - y * c.
                AffineExpr::Binary { kind: Mul, lhs: rl, rhs: rr } if rr.as_constant().is_some_and(|c| c < 0) => {
                    let c = rr.as_constant().unwrap_or(-1);
                    out.write_str(" - ")?;
                    if c == -1 {
                        let add = matches!(&**rl, AffineExpr::Binary { kind: Add, .. });
                        rl.write(out, add)?;
                    } else {
                        rl.write(out, true)?;
                        write!(out, " * {}", -(c as i128))?;
                    }
                }
                AffineExpr::Constant(c) if *c < 0 => write!(out, " - {}", -(*c as i128))?,
                _ => {
                    out.write_str(" + ")?;
                    rhs.write(out, false)?;
                }
            }
        } else if kind == Mul && rhs.as_constant() == Some(-1) {
            out.write_char('-')?;
            lhs.write(out, true)?;
        } else {
            let op = match kind {
                Mul => " * ",
                Mod => " mod ",
                FloorDiv => " floordiv ",
                CeilDiv => " ceildiv ",
                Add => unreachable!("handled above"),
            };
            lhs.write(out, true)?;
            out.write_str(op)?;
            rhs.write(out, true)?;
        }
        if strong {
            out.write_char(')')?;
        }
        Ok(())
    }
}

impl AffineMap {
    /// The identity map on `n` dimensions.
    pub fn identity(n: u32) -> AffineMap {
        AffineMap { num_dims: n, num_symbols: 0, results: (0..n).map(AffineExpr::Dim).collect() }
    }

    /// The map `(d0, ..., d<n-1>) -> (d<p0>, d<p1>, ...)`.
    pub fn from_dims(num_dims: u32, dims: &[u32]) -> AffineMap {
        AffineMap { num_dims, num_symbols: 0, results: dims.iter().map(|&d| AffineExpr::Dim(d)).collect() }
    }

    /// `self ∘ other`: `other`'s results fed into `self`'s dimensions, as
    /// upstream's `AffineMap::compose` (`self` must have as many dimensions
    /// as `other` has results). Symbols of both are concatenated, `self`'s
    /// first.
    pub fn compose(&self, other: &AffineMap) -> AffineMap {
        let shifted: Vec<AffineExpr> = other
            .results
            .iter()
            .map(|e| {
                e.replace_dims_and_symbols(
                    &[],
                    &(0..other.num_symbols).map(|s| AffineExpr::Symbol(s + self.num_symbols)).collect::<Vec<_>>(),
                )
            })
            .collect();
        let symbols: Vec<AffineExpr> = (0..self.num_symbols).map(AffineExpr::Symbol).collect();
        AffineMap {
            num_dims: other.num_dims,
            num_symbols: self.num_symbols + other.num_symbols,
            results: self.results.iter().map(|e| e.replace_dims_and_symbols(&shifted, &symbols)).collect(),
        }
    }

    /// Whether every result is a distinct dimension and every dimension appears.
    pub fn is_permutation(&self) -> bool {
        self.results.len() == self.num_dims as usize && self.is_projected_permutation()
    }

    /// Whether every result is a distinct dimension (a permutation of some
    /// of the dimensions, possibly dropping others).
    pub fn is_projected_permutation(&self) -> bool {
        let Some(dims) = self.result_dims() else { return false };
        let mut seen = vec![false; self.num_dims as usize];
        dims.iter().all(|&d| (d as usize) < seen.len() && !std::mem::replace(&mut seen[d as usize], true))
    }

    /// The map from this map's results back to its dimensions, as
    /// upstream's `inversePermutation`: dimension `d` is read from the first
    /// result that is exactly `d`. `None` when some dimension is not a
    /// result on its own (the map cannot be inverted).
    pub fn inverse_permutation(&self) -> Option<AffineMap> {
        let results = (0..self.num_dims)
            .map(|d| self.results.iter().position(|e| *e == AffineExpr::Dim(d)).map(|p| AffineExpr::Dim(p as u32)))
            .collect::<Option<Vec<_>>>()?;
        Some(AffineMap { num_dims: self.results.len() as u32, num_symbols: 0, results })
    }

    /// The maps' results side by side, over the same dimensions (upstream's
    /// `concatAffineMaps`); `None` when the maps disagree on dimensions.
    pub fn concat(maps: &[AffineMap]) -> Option<AffineMap> {
        let num_dims = maps.first()?.num_dims;
        if maps.iter().any(|m| m.num_dims != num_dims || m.num_symbols != 0) {
            return None;
        }
        Some(AffineMap { num_dims, num_symbols: 0, results: maps.iter().flat_map(|m| m.results.iter().cloned()).collect() })
    }

    /// A map whose results are plain dimensions, in order: a permutation or projection.
    pub fn result_dims(&self) -> Option<Vec<u32>> {
        self.results
            .iter()
            .map(|e| match e {
                AffineExpr::Dim(d) => Some(*d),
                _ => None,
            })
            .collect()
    }
}

impl fmt::Display for AffineMap {
    /// The body of an `affine_map<...>`: `(d0, d1)[s0] -> (d0 + s0)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('(')?;
        for d in 0..self.num_dims {
            if d > 0 {
                f.write_str(", ")?;
            }
            write!(f, "d{d}")?;
        }
        f.write_char(')')?;
        if self.num_symbols > 0 {
            f.write_char('[')?;
            for s in 0..self.num_symbols {
                if s > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "s{s}")?;
            }
            f.write_char(']')?;
        }
        f.write_str(" -> (")?;
        for (i, e) in self.results.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            e.write(f, false)?;
        }
        f.write_char(')')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(map: &AffineMap) -> String {
        map.to_string()
    }

    #[test]
    fn compose_substitutes_results_into_dimensions() {
        // (d0, d1) -> (d1, d0 + d1) after (d0, d1, d2) -> (d2, d0 * 2)
        let outer = AffineMap {
            num_dims: 2,
            num_symbols: 0,
            results: vec![AffineExpr::Dim(1), AffineExpr::sum(AffineExpr::Dim(0), AffineExpr::Dim(1))],
        };
        let inner = AffineMap {
            num_dims: 3,
            num_symbols: 0,
            results: vec![AffineExpr::Dim(2), AffineExpr::product(AffineExpr::Dim(0), AffineExpr::Constant(2))],
        };
        assert_eq!(text(&outer.compose(&inner)), "(d0, d1, d2) -> (d0 * 2, d2 + d0 * 2)");
        let transpose = AffineMap::from_dims(2, &[1, 0]);
        assert_eq!(transpose.compose(&transpose), AffineMap::identity(2));
    }

    #[test]
    fn permutations_and_their_inverses() {
        let p = AffineMap::from_dims(3, &[2, 0, 1]);
        assert!(p.is_permutation() && p.is_projected_permutation());
        let inverse = p.inverse_permutation().expect("invertible");
        assert_eq!(text(&inverse), "(d0, d1, d2) -> (d1, d2, d0)");
        assert_eq!(p.compose(&inverse), AffineMap::identity(3));
        let projection = AffineMap::from_dims(3, &[2, 0]);
        assert!(!projection.is_permutation() && projection.is_projected_permutation());
        assert_eq!(projection.inverse_permutation(), None);
        assert!(!AffineMap::from_dims(2, &[0, 0]).is_projected_permutation());
        let both = AffineMap::concat(&[projection, AffineMap::from_dims(3, &[1])]).expect("same dims");
        assert_eq!(text(&both.inverse_permutation().expect("covers all")), "(d0, d1, d2) -> (d1, d2, d0)");
    }
}
