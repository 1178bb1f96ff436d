//! The graph kinds, each a small generator over [`Graph`]: elementwise
//! chains with broadcasts and transposes, matmul + bias + relu, a two-layer
//! MLP, a convolution + bias + relu, and reductions followed by
//! elementwise ops. Sizes are 1..13 (tile sizes rarely divide them), and
//! about a third of the graphs see some dimensions as dynamic.

use crate::emit::{Arith, Derived, Graph, Payload, Sym, Val};
use crate::rng::Rng;

/// What a generated graph is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Elementwise,
    MatmulBiasRelu,
    Mlp,
    Conv,
    Reduction,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Elementwise, Kind::MatmulBiasRelu, Kind::Mlp, Kind::Conv, Kind::Reduction];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Elementwise => "elementwise",
            Kind::MatmulBiasRelu => "matmul-bias-relu",
            Kind::Mlp => "mlp",
            Kind::Conv => "conv",
            Kind::Reduction => "reduction",
        }
    }
}

/// A generated program.
#[derive(Clone, Debug)]
pub struct Case {
    pub seed: u64,
    pub kind: Kind,
    /// Whether `@graph` has dynamic dimensions.
    pub dynamic: bool,
    /// The most loops of one op in `@graph` (to choose how many tile sizes).
    pub max_loops: usize,
    pub text: String,
}

/// The graph of `seed`: the kind cycles with the seed, everything else is
/// drawn from it.
pub fn generate(seed: u64) -> Case {
    let kind = Kind::ALL[(seed % Kind::ALL.len() as u64) as usize];
    let mut rng = Rng::stream(seed, 1);
    let dynamic = rng.chance(35);
    let mut gen = Gen { rng, dynamic };
    let (graph, max_loops) = match kind {
        Kind::Elementwise => gen.elementwise(),
        Kind::MatmulBiasRelu => gen.matmul_bias_relu(),
        Kind::Mlp => gen.mlp(),
        Kind::Conv => gen.conv(),
        Kind::Reduction => gen.reduction(),
    };
    let dynamic = graph.syms.iter().any(|s| s.dynamic);
    let comment = format!("random-graphs seed {seed}: {}{}", kind.name(), if dynamic { ", dynamic shapes" } else { "" });
    Case { seed, kind, dynamic, max_loops, text: graph.program(seed, &comment) }
}

struct Gen {
    rng: Rng,
    dynamic: bool,
}

impl Gen {
    /// A symbol of size 1..=max, dynamic sometimes in a dynamic graph.
    fn sym(&mut self, max: usize) -> Sym {
        let size = if self.rng.chance(10) { 1 } else { self.rng.range(2, max) };
        Sym { size, dynamic: self.dynamic && self.rng.chance(60), derived: None }
    }

    fn syms(&mut self, n: usize, max: usize) -> Vec<Sym> {
        (0..n).map(|_| self.sym(max)).collect()
    }

    /// A destination for an op writing `dims`: usually a fresh
    /// `tensor.empty`, sometimes a live value of that shape (read later or
    /// not: bufferization decides whether to copy) or a fill.
    fn destination(&mut self, g: &mut Graph, dims: &[usize], pool: &[Val]) -> Val {
        let same: Vec<&Val> = pool.iter().filter(|v| v.dims == dims).collect();
        if !same.is_empty() && self.rng.chance(20) {
            return (*self.rng.pick(&same)).clone();
        }
        if self.rng.chance(10) {
            return g.fill(0.5, dims);
        }
        g.empty(dims)
    }

    fn arith(&mut self) -> Arith {
        *self.rng.pick(&Arith::ALL)
    }

    /// An exact affine payload: scale and shift are small dyadic numbers.
    fn affine(&mut self) -> Payload {
        let scale = *self.rng.pick(&[0.5f32, -1.0, 2.0, 0.25, 1.5]);
        let shift = *self.rng.pick(&[0.25f32, -0.5, 1.0, 0.0]);
        Payload::Affine { scale, shift }
    }

    /// A chain of 3..=8 elementwise ops on `[M, N]` (or `[B, M, N]`, or
    /// `[N]`) and its broadcast rows and columns and transposes.
    fn elementwise(&mut self) -> (Graph, usize) {
        let rank = *self.rng.pick(&[2, 2, 2, 3, 1]);
        let mut g = Graph::new(self.syms(rank, 13));
        let full: Vec<usize> = (0..rank).collect();
        let mut pool = vec![g.arg(&full)];
        // Other arguments: another full tensor, a row, a column, a transpose.
        if self.rng.chance(50) {
            pool.push(g.arg(&full));
        }
        if rank >= 2 {
            if self.rng.chance(60) {
                pool.push(g.arg(&full[1..]));
            }
            if self.rng.chance(40) {
                pool.push(g.arg(&full[..1]));
            }
            if self.rng.chance(40) {
                let mut t = full.clone();
                t.swap(rank - 2, rank - 1);
                pool.push(g.arg(&t));
            }
        }
        let steps = self.rng.range(3, 8);
        for _ in 0..steps {
            if self.rng.chance(8) {
                // A generic with two results, both usable later.
                let (a, b) = (self.rng.pick(&pool).clone(), self.rng.pick(&pool).clone());
                let (i0, i1) = (self.destination(&mut g, &full, &pool), g.empty(&full));
                let ops = [self.arith(), self.arith()];
                let (r0, r1) = g.generic_pair(&full, &a, &b, [&i0, &i1], ops);
                pool.push(r0);
                pool.push(r1);
                continue;
            }
            let v = self.elementwise_step(&mut g, &pool, &full);
            pool.push(v);
        }
        // The result: the last value of full rank (there is one: each step
        // has a chance to make one, and the first argument is one), and
        // sometimes another value too.
        let last = pool.iter().rev().find(|v| v.dims.len() == rank).cloned().unwrap_or_else(|| pool[0].clone());
        g.results.push(last.clone());
        if self.rng.chance(30) {
            let other = self.rng.pick(&pool[1..]).clone();
            if other != last && !g.args.contains(&other) {
                g.results.push(other);
            }
        }
        (g, rank)
    }

    /// One elementwise op on values of `pool`.
    fn elementwise_step(&mut self, g: &mut Graph, pool: &[Val], full: &[usize]) -> Val {
        let rank = full.len();
        // Prefer recent values, so that ops chain.
        let recent = |rng: &mut Rng| -> Val {
            let n = pool.len();
            let i = if rng.chance(60) { n - 1 - rng.below(n.min(2)) } else { rng.below(n) };
            pool[i].clone()
        };
        let a = recent(&mut self.rng);
        let same_shape = |v: &Val| pool.iter().filter(|w| w.dims == v.dims).cloned().collect::<Vec<_>>();
        match self.rng.below(9) {
            // A named binary op on two values of one shape (a fill if
            // there is no second one).
            0 | 1 => {
                let candidates = same_shape(&a);
                let b = if candidates.len() > 1 && self.rng.chance(80) {
                    self.rng.pick(&candidates).clone()
                } else {
                    let v = *self.rng.pick(&[0.5f32, -0.25, 1.0, 2.0]);
                    g.fill(v, &a.dims)
                };
                let op = self.arith();
                let init = self.destination(g, &a.dims, pool);
                if self.rng.chance(25) {
                    g.map_binary(op, &a, &b, &init)
                } else {
                    g.named_binary(op, &a, &b, &init)
                }
            }
            // A generic reading two values, with broadcast and transposed
            // maps, writing the full shape or its transpose.
            2..=4 => {
                let b = self.rng.pick(pool).clone();
                let out = if rank >= 2 && self.rng.chance(20) {
                    let mut t = full.to_vec();
                    t.swap(rank - 2, rank - 1);
                    t
                } else {
                    full.to_vec()
                };
                let init = self.destination(g, &out, pool);
                let payload = Payload::Binary(self.arith());
                let parallel = vec![false; out.len()];
                g.generic(&out, &parallel, &[&a, &b], &init, payload)
            }
            // A transpose.
            5 if a.dims.len() >= 2 => {
                let mut perm = self.rng.permutation(a.dims.len());
                if perm.iter().enumerate().all(|(i, &p)| i == p) {
                    perm.swap(0, 1);
                }
                g.transpose(&a, &perm)
            }
            // A broadcast of a lower-rank value to the full shape.
            6 => {
                let lower: Vec<&Val> =
                    pool.iter().filter(|v| v.dims.len() < rank && v.dims.windows(2).all(|w| w[0] < w[1])).collect();
                match lower.is_empty() {
                    false => {
                        let v = (*self.rng.pick(&lower)).clone();
                        g.broadcast(&v, full)
                    }
                    true => {
                        let init = self.destination(g, &a.dims, pool);
                        g.named_unary("linalg.negf", &a, &init)
                    }
                }
            }
            // A named unary op.
            7 => {
                let init = self.destination(g, &a.dims, pool);
                let op = *self.rng.pick(&["linalg.negf", "linalg.abs", "linalg.copy"]);
                g.named_unary(op, &a, &init)
            }
            // A scalar affine map or a relu, as a generic.
            _ => {
                let init = self.destination(g, &a.dims, pool);
                let payload = if self.rng.chance(30) { Payload::Relu } else { self.affine() };
                let parallel = vec![false; a.dims.len()];
                g.generic(&a.dims.clone(), &parallel, &[&a], &init, payload)
            }
        }
    }

    /// `C = A B` (a zero fill, or an argument), then the bias and a relu.
    fn matmul_into(&mut self, g: &mut Graph, a: &Val, b: &Val, out: &[usize]) -> Val {
        let init = if self.rng.chance(20) { g.arg(out) } else { g.fill(0.0, out) };
        g.named("linalg.matmul", "", &[a, b], &init)
    }

    /// `bias` (over the last dimension of `x`) added and a relu, in one of
    /// several spellings.
    fn bias_relu(&mut self, g: &mut Graph, x: &Val, bias: &Val) -> Val {
        let dims = x.dims.clone();
        let parallel = vec![false; dims.len()];
        match self.rng.below(4) {
            0 => {
                let init = g.empty(&dims);
                g.generic(&dims, &parallel, &[x, bias], &init, Payload::BiasRelu)
            }
            1 => {
                let init = g.empty(&dims);
                let biased = g.generic(&dims, &parallel, &[x, bias], &init, Payload::Binary(Arith::Add));
                let zero = g.fill(0.0, &dims);
                let init = g.empty(&dims);
                g.named_binary(Arith::Max, &biased, &zero, &init)
            }
            2 => {
                let wide = g.broadcast(bias, &dims);
                let init = g.empty(&dims);
                let biased = g.named_binary(Arith::Add, x, &wide, &init);
                let init = g.empty(&dims);
                g.generic(&dims, &parallel, &[&biased], &init, Payload::Relu)
            }
            _ => {
                let wide = g.broadcast(bias, &dims);
                let init = g.empty(&dims);
                let biased = g.map_binary(Arith::Add, x, &wide, &init);
                let zero = g.fill(0.0, &dims);
                let init = g.empty(&dims);
                g.map_binary(Arith::Max, &biased, &zero, &init)
            }
        }
    }

    /// `relu(A B + bias)`, `A: [M, K]`, `B: [K, N]` (sometimes given
    /// transposed and transposed back).
    fn matmul_bias_relu(&mut self) -> (Graph, usize) {
        let mut g = Graph::new(self.syms(3, 13));
        let (m, n, k) = (0, 1, 2);
        let a = g.arg(&[m, k]);
        let b = if self.rng.chance(25) {
            let bt = g.arg(&[n, k]);
            g.transpose(&bt, &[1, 0])
        } else {
            g.arg(&[k, n])
        };
        let bias = g.arg(&[n]);
        let c = self.matmul_into(&mut g, &a, &b, &[m, n]);
        let r = self.bias_relu(&mut g, &c, &bias);
        g.results.push(r);
        if self.rng.chance(20) {
            g.results.push(c);
        }
        (g, 3)
    }

    /// `relu(A W1 + b1) W2 (+ b2)`.
    fn mlp(&mut self) -> (Graph, usize) {
        let mut g = Graph::new(self.syms(4, 13));
        let (m, k, h, n) = (0, 1, 2, 3);
        let a = g.arg(&[m, k]);
        let w1 = g.arg(&[k, h]);
        let b1 = g.arg(&[h]);
        let w2 = g.arg(&[h, n]);
        let hidden = self.matmul_into(&mut g, &a, &w1, &[m, h]);
        let hidden = self.bias_relu(&mut g, &hidden, &b1);
        let out = self.matmul_into(&mut g, &hidden, &w2, &[m, n]);
        let out = if self.rng.chance(50) {
            let b2 = g.arg(&[n]);
            let init = g.empty(&[m, n]);
            let parallel = [false, false];
            g.generic(&[m, n], &parallel, &[&out, &b2], &init, Payload::Binary(Arith::Add))
        } else {
            out
        };
        g.results.push(out);
        (g, 3)
    }

    /// `relu(conv_2d_nhwc_hwcf(I, F) + bias)`, strides and dilations 1 or 2.
    fn conv(&mut self) -> (Graph, usize) {
        let strides = [self.rng.range(1, 2), self.rng.range(1, 2)];
        let dilations = [self.rng.range(1, 2), self.rng.range(1, 2)];
        let batch = self.sym(2);
        let channels = self.sym(4);
        let filters = self.sym(5);
        let kernel = [self.rng.range(1, 3), self.rng.range(1, 3)];
        // Inputs at least as large as the dilated kernel.
        let mut spatial = Vec::new();
        for i in 0..2 {
            let reach = dilations[i] * (kernel[i] - 1) + 1;
            let size = reach + self.rng.below(8);
            spatial.push(Sym { size, dynamic: self.dynamic && self.rng.chance(50), derived: None });
        }
        let mut syms = vec![batch, spatial[0].clone(), spatial[1].clone(), channels, filters];
        // kh, kw: static (a dynamic filter size would make the output's
        // sizes depend on it too).
        syms.push(Sym { size: kernel[0], dynamic: false, derived: None });
        syms.push(Sym { size: kernel[1], dynamic: false, derived: None });
        for i in 0..2 {
            let base = 1 + i;
            let reach = dilations[i] * (kernel[i] - 1) + 1;
            let size = (syms[base].size - reach) / strides[i] + 1;
            let dynamic = syms[base].dynamic;
            syms.push(Sym { size, dynamic, derived: Some(Derived { base, minus: reach, div: strides[i] }) });
        }
        let (n, h, w, c, f, kh, kw, oh, ow) = (0, 1, 2, 3, 4, 5, 6, 7, 8);
        let _ = (h, w);
        let mut g = Graph::new(syms);
        let input = g.arg(&[n, 1, 2, c]);
        let filter = g.arg(&[kh, kw, c, f]);
        let bias = g.arg(&[f]);
        let init = g.fill(0.0, &[n, oh, ow, f]);
        let attrs = format!(
            "{{dilations = dense<[{}, {}]> : tensor<2xi64>, strides = dense<[{}, {}]> : tensor<2xi64>}}",
            dilations[0], dilations[1], strides[0], strides[1]
        );
        let conv = g.named("linalg.conv_2d_nhwc_hwcf", &attrs, &[&input, &filter], &init);
        let r = self.bias_relu(&mut g, &conv, &bias);
        g.results.push(r);
        (g, 7)
    }

    /// A reduction of `[M, N]` (rows or columns, sum or max; `linalg.reduce`
    /// or a generic), then elementwise ops using it: `x - broadcast(r)`,
    /// a second reduction of the squares, an affine map.
    fn reduction(&mut self) -> (Graph, usize) {
        let mut g = Graph::new(self.syms(2, 13));
        let (m, n) = (0, 1);
        let x = g.arg(&[m, n]);
        let rows = self.rng.chance(60);
        let (kept, reduced_pos) = if rows { (m, 1) } else { (n, 0) };
        let combiner = if self.rng.chance(60) { Arith::Add } else { Arith::Max };
        let start = if combiner == Arith::Add { 0.0 } else { -16.0 };
        let init = g.fill(start, &[kept]);
        let r = if self.rng.chance(50) {
            let short = self.rng.chance(50);
            g.reduce(&x, &[reduced_pos], &init, combiner, short)
        } else {
            // The generic's loops in the order (kept, reduced), so a column
            // reduction reads `x` transposed.
            let space = [kept, if rows { n } else { m }];
            g.generic(&space, &[false, true], &[&x], &init, Payload::Accumulate(combiner))
        };
        // y = x - r (broadcast along the reduced dimension).
        let init = g.empty(&[m, n]);
        let y = g.generic(&[m, n], &[false, false], &[&x, &r], &init, Payload::Binary(Arith::Sub));
        let mut results = vec![y.clone()];
        if self.rng.chance(60) {
            // s = sum over the reduced dimension of (x - r)^2.
            let init = g.fill(0.0, &[kept]);
            let space = [kept, if rows { n } else { m }];
            let s = g.generic(&space, &[false, true], &[&x, &r], &init, Payload::SquaredDistance);
            let init = g.empty(&[kept]);
            let payload = self.affine();
            let t = g.generic(&[kept], &[false], &[&s], &init, payload);
            results.push(t);
        } else if self.rng.chance(50) {
            let init = g.empty(&[kept]);
            let payload = self.affine();
            results.push(g.generic(&[kept], &[false], &[&r], &init, payload));
        }
        g.results = results;
        (g, 2)
    }
}
