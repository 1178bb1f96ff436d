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

    /// Whether the results are every dimension once, in some order.
    pub fn is_permutation(&self) -> bool {
        self.result_dims().is_some_and(|dims| {
            let mut seen = vec![false; self.num_dims as usize];
            dims.len() == seen.len()
                && dims.iter().all(|&d| seen.get_mut(d as usize).is_some_and(|s| !std::mem::replace(s, true)))
        })
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
