//! Writing the program text: the graph function `@graph`, whose ops are
//! emitted one by one on symbolic shapes, and `@main`, which makes the
//! inputs, calls `@graph` and prints what it returns.
//!
//! Shapes are lists of dimension symbols ([`Sym`]), each static or dynamic
//! for the whole function, so that every op's types agree. A dynamic
//! symbol's size is read once at the top of `@graph` (`tensor.dim` of an
//! argument that has it, or index arithmetic from one that does), and
//! `tensor.empty` takes it as an operand. `@main` is static throughout and
//! casts the inputs to the argument types.

use std::collections::HashMap;
use std::fmt::Write;

/// A dimension of the graph: its size in `@main`, whether `@graph` sees it
/// as `?`, and, for a derived size, how it follows from another symbol.
#[derive(Clone, Debug)]
pub struct Sym {
    pub size: usize,
    pub dynamic: bool,
    pub derived: Option<Derived>,
}

/// `(base - minus) / div + 1`: a convolution's output size from its input's.
#[derive(Clone, Copy, Debug)]
pub struct Derived {
    pub base: usize,
    pub minus: usize,
    pub div: usize,
}

/// A tensor value of `@graph`: its SSA name and its dimensions (symbols).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Val {
    pub name: String,
    pub dims: Vec<usize>,
}

/// A payload scalar operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Max,
    Min,
}

impl Arith {
    pub const ALL: [Arith; 5] = [Arith::Add, Arith::Sub, Arith::Mul, Arith::Max, Arith::Min];

    pub fn arith_op(self) -> &'static str {
        match self {
            Arith::Add => "arith.addf",
            Arith::Sub => "arith.subf",
            Arith::Mul => "arith.mulf",
            Arith::Max => "arith.maximumf",
            Arith::Min => "arith.minimumf",
        }
    }

    /// The named linalg op computing it elementwise.
    pub fn named_op(self) -> &'static str {
        match self {
            Arith::Add => "linalg.add",
            Arith::Sub => "linalg.sub",
            Arith::Mul => "linalg.mul",
            Arith::Max => "linalg.max",
            Arith::Min => "linalg.min",
        }
    }
}

/// The body of a `linalg.generic`, given its block arguments (inputs, then
/// the output).
#[derive(Clone, Copy, Debug)]
pub enum Payload {
    /// `op(in0, in1)`.
    Binary(Arith),
    /// `in0 * scale + shift`.
    Affine { scale: f32, shift: f32 },
    /// `max(in0, 0)`.
    Relu,
    /// `max(in0 + in1, 0)`.
    BiasRelu,
    /// `op(in0, out)`: a reduction's combiner (or an accumulation).
    Accumulate(Arith),
    /// `(in0 - in1) * (in0 - in1)` accumulated into the output.
    SquaredDistance,
}

/// Writes a float constant as MLIR reads it (always with a point or an
/// exponent, as Rust's `Debug` writes `f32`).
pub fn float(v: f32) -> String {
    format!("{v:?}")
}

/// A dims list as `d0, d1` over the loops of `space` (the iteration
/// dimensions, by symbol) for the operand dims `dims`.
fn map_text(space: &[usize], dims: &[usize]) -> String {
    let loops: Vec<String> = (0..space.len()).map(|i| format!("d{i}")).collect();
    let results: Vec<String> = dims
        .iter()
        .map(|d| {
            let pos = space.iter().position(|s| s == d).expect("an operand dimension is a loop of the op");
            format!("d{pos}")
        })
        .collect();
    format!("affine_map<({}) -> ({})>", loops.join(", "), results.join(", "))
}

/// The graph function being written.
pub struct Graph {
    pub syms: Vec<Sym>,
    pub args: Vec<Val>,
    prelude: Vec<String>,
    body: Vec<String>,
    next: usize,
    constants: HashMap<String, String>,
    sizes: HashMap<usize, String>,
    pub results: Vec<Val>,
}

impl Graph {
    pub fn new(syms: Vec<Sym>) -> Self {
        Graph {
            syms,
            args: Vec::new(),
            prelude: Vec::new(),
            body: Vec::new(),
            next: 0,
            constants: HashMap::new(),
            sizes: HashMap::new(),
            results: Vec::new(),
        }
    }

    /// A fresh SSA name.
    pub fn fresh(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("%{prefix}{}", self.next)
    }

    /// The `@graph` type of a tensor of `dims`.
    pub fn ty(&self, dims: &[usize]) -> String {
        let mut text = String::from("tensor<");
        for &d in dims {
            let sym = &self.syms[d];
            if sym.dynamic {
                text.push_str("?x");
            } else {
                let _ = write!(text, "{}x", sym.size);
            }
        }
        text.push_str("f32>");
        text
    }

    /// The `@main` (static) type of a tensor of `dims`.
    pub fn static_ty(&self, dims: &[usize], element: &str) -> String {
        let mut text = String::from("tensor<");
        for &d in dims {
            let _ = write!(text, "{}x", self.syms[d].size);
        }
        let _ = write!(text, "{element}>");
        text
    }

    /// A new argument of `@graph`.
    pub fn arg(&mut self, dims: &[usize]) -> Val {
        let v = Val { name: format!("%arg{}", self.args.len()), dims: dims.to_vec() };
        self.args.push(v.clone());
        v
    }

    fn push(&mut self, line: String) {
        self.body.push(line);
    }

    /// An `f32` constant, made once at the top of the function.
    pub fn f32_constant(&mut self, v: f32) -> String {
        let key = format!("f{}", v.to_bits());
        if let Some(name) = self.constants.get(&key) {
            return name.clone();
        }
        let name = self.fresh("cst");
        self.prelude.push(format!("  {name} = arith.constant {} : f32", float(v)));
        self.constants.insert(key, name.clone());
        name
    }

    /// An `index` constant, made once at the top of the function.
    pub fn index_constant(&mut self, v: usize) -> String {
        let key = format!("i{v}");
        if let Some(name) = self.constants.get(&key) {
            return name.clone();
        }
        let name = self.fresh("c");
        self.prelude.push(format!("  {name} = arith.constant {v} : index"));
        self.constants.insert(key, name.clone());
        name
    }

    /// The SSA value of the dynamic symbol `sym`'s size.
    fn size_value(&mut self, sym: usize) -> String {
        if let Some(name) = self.sizes.get(&sym) {
            return name.clone();
        }
        let name = if let Some(derived) = self.syms[sym].derived {
            let base = if self.syms[derived.base].dynamic {
                self.size_value(derived.base)
            } else {
                self.index_constant(self.syms[derived.base].size)
            };
            let minus = self.index_constant(derived.minus);
            let div = self.index_constant(derived.div);
            let one = self.index_constant(1);
            let (a, b, c) = (self.fresh("t"), self.fresh("t"), self.fresh("sz"));
            self.prelude.push(format!("  {a} = arith.subi {base}, {minus} : index"));
            self.prelude.push(format!("  {b} = arith.divui {a}, {div} : index"));
            self.prelude.push(format!("  {c} = arith.addi {b}, {one} : index"));
            c
        } else {
            let (arg, pos) = self
                .args
                .iter()
                .find_map(|a| a.dims.iter().position(|&d| d == sym).map(|p| (a.clone(), p)))
                .expect("a dynamic symbol that is not derived is a dimension of an argument");
            let index = self.index_constant(pos);
            let name = self.fresh("sz");
            let ty = self.ty(&arg.dims);
            self.prelude.push(format!("  {name} = tensor.dim {}, {index} : {ty}", arg.name));
            name
        };
        self.sizes.insert(sym, name.clone());
        name
    }

    /// `tensor.empty` of `dims`.
    pub fn empty(&mut self, dims: &[usize]) -> Val {
        let dynamic: Vec<usize> = dims.iter().copied().filter(|&d| self.syms[d].dynamic).collect();
        let operands: Vec<String> = dynamic.into_iter().map(|d| self.size_value(d)).collect();
        let name = self.fresh("e");
        let ty = self.ty(dims);
        self.push(format!("  {name} = tensor.empty({}) : {ty}", operands.join(", ")));
        Val { name, dims: dims.to_vec() }
    }

    /// `linalg.fill` of `init` with `v`.
    pub fn fill_into(&mut self, v: f32, init: &Val) -> Val {
        let c = self.f32_constant(v);
        let name = self.fresh("fill");
        let ty = self.ty(&init.dims);
        self.push(format!("  {name} = linalg.fill ins({c} : f32) outs({} : {ty}) -> {ty}", init.name));
        Val { name, dims: init.dims.clone() }
    }

    /// A new tensor of `dims` filled with `v`.
    pub fn fill(&mut self, v: f32, dims: &[usize]) -> Val {
        let e = self.empty(dims);
        self.fill_into(v, &e)
    }

    /// A named elementwise binary op (`linalg.add`, ...) into `init`.
    pub fn named_binary(&mut self, op: Arith, a: &Val, b: &Val, init: &Val) -> Val {
        let name = self.fresh("v");
        let (ta, tb, to) = (self.ty(&a.dims), self.ty(&b.dims), self.ty(&init.dims));
        self.push(format!(
            "  {name} = {} ins({}, {} : {ta}, {tb}) outs({} : {to}) -> {to}",
            op.named_op(),
            a.name,
            b.name,
            init.name
        ));
        Val { name, dims: init.dims.clone() }
    }

    /// A named elementwise unary op (`linalg.negf`, `linalg.abs`) into `init`.
    pub fn named_unary(&mut self, op: &str, a: &Val, init: &Val) -> Val {
        let name = self.fresh("v");
        let (ta, to) = (self.ty(&a.dims), self.ty(&init.dims));
        self.push(format!("  {name} = {op} ins({} : {ta}) outs({} : {to}) -> {to}", a.name, init.name));
        Val { name, dims: init.dims.clone() }
    }

    /// `linalg.map { arith.x }` of `a` and `b` into `init`.
    pub fn map_binary(&mut self, op: Arith, a: &Val, b: &Val, init: &Val) -> Val {
        let name = self.fresh("v");
        let (ta, tb, to) = (self.ty(&a.dims), self.ty(&b.dims), self.ty(&init.dims));
        self.push(format!(
            "  {name} = linalg.map {{ {} }} ins({}, {} : {ta}, {tb}) outs({} : {to})",
            op.arith_op(),
            a.name,
            b.name,
            init.name
        ));
        Val { name, dims: init.dims.clone() }
    }

    /// `linalg.transpose` of `a` by `perm` (a fresh destination).
    pub fn transpose(&mut self, a: &Val, perm: &[usize]) -> Val {
        let dims: Vec<usize> = perm.iter().map(|&p| a.dims[p]).collect();
        let init = self.empty(&dims);
        let name = self.fresh("v");
        let (ta, to) = (self.ty(&a.dims), self.ty(&dims));
        let perm: Vec<String> = perm.iter().map(|p| p.to_string()).collect();
        self.push(format!(
            "  {name} = linalg.transpose ins({} : {ta}) outs({} : {to}) permutation = [{}]",
            a.name,
            init.name,
            perm.join(", ")
        ));
        Val { name, dims }
    }

    /// `linalg.broadcast` of `a` to `dims` (which has `a`'s dimensions in order).
    pub fn broadcast(&mut self, a: &Val, dims: &[usize]) -> Val {
        let added: Vec<String> =
            dims.iter().enumerate().filter(|(_, d)| !a.dims.contains(d)).map(|(i, _)| i.to_string()).collect();
        let init = self.empty(dims);
        let name = self.fresh("v");
        let (ta, to) = (self.ty(&a.dims), self.ty(dims));
        self.push(format!(
            "  {name} = linalg.broadcast ins({} : {ta}) outs({} : {to}) dimensions = [{}]",
            a.name,
            init.name,
            added.join(", ")
        ));
        Val { name, dims: dims.to_vec() }
    }

    /// A `linalg.generic` over the loops `space` (symbols; `reduction[i]`
    /// marks reduction loops) reading `ins` and writing `init`.
    pub fn generic(&mut self, space: &[usize], reduction: &[bool], ins: &[&Val], init: &Val, payload: Payload) -> Val {
        let mut maps: Vec<String> = ins.iter().map(|v| map_text(space, &v.dims)).collect();
        maps.push(map_text(space, &init.dims));
        let iterators: Vec<&str> = reduction.iter().map(|&r| if r { "\"reduction\"" } else { "\"parallel\"" }).collect();
        let name = self.fresh("v");
        let in_types: Vec<String> = ins.iter().map(|v| self.ty(&v.dims)).collect();
        let in_names: Vec<&str> = ins.iter().map(|v| v.name.as_str()).collect();
        let to = self.ty(&init.dims);
        let ins_text =
            if ins.is_empty() { String::new() } else { format!(" ins({} : {})", in_names.join(", "), in_types.join(", ")) };
        self.push(format!(
            "  {name} = linalg.generic {{indexing_maps = [{}], iterator_types = [{}]}}{ins_text} outs({} : {to}) {{",
            maps.join(", "),
            iterators.join(", "),
            init.name
        ));
        let args: Vec<String> = (0..=ins.len()).map(|_| self.fresh("b")).collect();
        let header: Vec<String> = args.iter().map(|a| format!("{a}: f32")).collect();
        self.push(format!("  ^bb0({}):", header.join(", ")));
        let result = self.payload(payload, &args);
        self.push(format!("    linalg.yield {result} : f32"));
        self.push(format!("  }} -> {to}"));
        Val { name, dims: init.dims.clone() }
    }

    /// A `linalg.generic` over the parallel loops `space` computing two
    /// results, `op0(a, b)` into `init0` and `op1(a, b)` into `init1`.
    pub fn generic_pair(&mut self, space: &[usize], a: &Val, b: &Val, inits: [&Val; 2], ops: [Arith; 2]) -> (Val, Val) {
        let maps: Vec<String> = [&a.dims, &b.dims, &inits[0].dims, &inits[1].dims].iter().map(|d| map_text(space, d)).collect();
        let iterators = vec!["\"parallel\""; space.len()];
        let r0 = self.fresh("v");
        let (ta, tb) = (self.ty(&a.dims), self.ty(&b.dims));
        let (t0, t1) = (self.ty(&inits[0].dims), self.ty(&inits[1].dims));
        self.push(format!(
            "  {r0}:2 = linalg.generic {{indexing_maps = [{}], iterator_types = [{}]}} ins({}, {} : {ta}, {tb}) outs({}, {} : {t0}, {t1}) {{",
            maps.join(", "),
            iterators.join(", "),
            a.name,
            b.name,
            inits[0].name,
            inits[1].name
        ));
        let args: Vec<String> = (0..4).map(|_| self.fresh("b")).collect();
        let header: Vec<String> = args.iter().map(|a| format!("{a}: f32")).collect();
        self.push(format!("  ^bb0({}):", header.join(", ")));
        let (p0, p1) = (self.fresh("p"), self.fresh("p"));
        self.push(format!("    {p0} = {} {}, {} : f32", ops[0].arith_op(), args[0], args[1]));
        self.push(format!("    {p1} = {} {}, {} : f32", ops[1].arith_op(), args[0], args[1]));
        self.push(format!("    linalg.yield {p0}, {p1} : f32, f32"));
        self.push(format!("  }} -> ({t0}, {t1})"));
        (
            Val { name: format!("{r0}#0"), dims: inits[0].dims.clone() },
            Val { name: format!("{r0}#1"), dims: inits[1].dims.clone() },
        )
    }

    /// Writes the payload's ops; its result.
    fn payload(&mut self, payload: Payload, args: &[String]) -> String {
        let out = args.last().cloned().unwrap_or_default();
        let op = |g: &mut Graph, op: &str, a: &str, b: &str| {
            let r = g.fresh("p");
            g.push(format!("    {r} = {op} {a}, {b} : f32"));
            r
        };
        match payload {
            Payload::Binary(a) => op(self, a.arith_op(), &args[0], &args[1]),
            Payload::Affine { scale, shift } => {
                let (s, t) = (self.fresh("k"), self.fresh("k"));
                self.push(format!("    {s} = arith.constant {} : f32", float(scale)));
                self.push(format!("    {t} = arith.constant {} : f32", float(shift)));
                let m = op(self, "arith.mulf", &args[0], &s);
                op(self, "arith.addf", &m, &t)
            }
            Payload::Relu => {
                let z = self.fresh("k");
                self.push(format!("    {z} = arith.constant 0.0 : f32"));
                op(self, "arith.maximumf", &args[0], &z)
            }
            Payload::BiasRelu => {
                let z = self.fresh("k");
                self.push(format!("    {z} = arith.constant 0.0 : f32"));
                let s = op(self, "arith.addf", &args[0], &args[1]);
                op(self, "arith.maximumf", &s, &z)
            }
            Payload::Accumulate(a) => op(self, a.arith_op(), &args[0], &out),
            Payload::SquaredDistance => {
                let d = op(self, "arith.subf", &args[0], &args[1]);
                let s = op(self, "arith.mulf", &d, &d);
                op(self, "arith.addf", &s, &out)
            }
        }
    }

    /// `linalg.reduce` of `a` over its dimensions at `positions` into `init`.
    pub fn reduce(&mut self, a: &Val, positions: &[usize], init: &Val, combiner: Arith, short_form: bool) -> Val {
        let name = self.fresh("v");
        let (ta, to) = (self.ty(&a.dims), self.ty(&init.dims));
        let dims: Vec<String> = positions.iter().map(|p| p.to_string()).collect();
        if short_form {
            self.push(format!(
                "  {name} = linalg.reduce {{ {} }} ins({} : {ta}) outs({} : {to}) dimensions = [{}]",
                combiner.arith_op(),
                a.name,
                init.name,
                dims.join(", ")
            ));
        } else {
            let (x, acc, r) = (self.fresh("b"), self.fresh("b"), self.fresh("p"));
            self.push(format!(
                "  {name} = linalg.reduce ins({} : {ta}) outs({} : {to}) dimensions = [{}]",
                a.name,
                init.name,
                dims.join(", ")
            ));
            self.push(format!("    ({x}: f32, {acc}: f32) {{"));
            self.push(format!("      {r} = {} {x}, {acc} : f32", combiner.arith_op()));
            self.push(format!("      linalg.yield {r} : f32"));
            self.push("    }".to_string());
        }
        Val { name, dims: init.dims.clone() }
    }

    /// A named contraction or convolution `op` (`linalg.matmul`, ...) with
    /// attributes `attrs` (`{...}` or empty).
    pub fn named(&mut self, op: &str, attrs: &str, ins: &[&Val], init: &Val) -> Val {
        let name = self.fresh("v");
        let in_types: Vec<String> = ins.iter().map(|v| self.ty(&v.dims)).collect();
        let in_names: Vec<&str> = ins.iter().map(|v| v.name.as_str()).collect();
        let to = self.ty(&init.dims);
        let attrs = if attrs.is_empty() { String::new() } else { format!(" {attrs}") };
        self.push(format!(
            "  {name} = {op}{attrs} ins({} : {}) outs({} : {to}) -> {to}",
            in_names.join(", "),
            in_types.join(", "),
            init.name
        ));
        Val { name, dims: init.dims.clone() }
    }

    /// The whole program: `@graph` and a `@main` that fills each argument
    /// with `((sum of c_k * i_k + offset) mod modulus) * 0.25 - 1.0`, calls
    /// `@graph` and prints each result with `printMemrefF32`, then its bits
    /// with `printMemrefI32` (an exact comparison).
    pub fn program(&self, seed: u64, comment: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "// {comment}");
        out.push_str("func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = \"read\"})\n");
        out.push_str("func.func private @printMemrefI32(tensor<*xi32> {bufferization.access = \"read\"})\n\n");
        let arg_types: Vec<String> = self.args.iter().map(|a| self.ty(&a.dims)).collect();
        let result_types: Vec<String> = self.results.iter().map(|r| self.ty(&r.dims)).collect();
        let params: Vec<String> = self.args.iter().zip(&arg_types).map(|(a, t)| format!("{}: {t}", a.name)).collect();
        let results_sig = match result_types.len() {
            1 => result_types[0].clone(),
            _ => format!("({})", result_types.join(", ")),
        };
        let _ = writeln!(out, "func.func @graph({}) -> {results_sig} {{", params.join(", "));
        for line in self.prelude.iter().chain(&self.body) {
            let _ = writeln!(out, "{line}");
        }
        let names: Vec<&str> = self.results.iter().map(|r| r.name.as_str()).collect();
        let _ = writeln!(out, "  return {} : {}", names.join(", "), result_types.join(", "));
        out.push_str("}\n\n");
        out.push_str(&self.main(seed, &arg_types, &result_types, &results_sig));
        out
    }

    fn main(&self, seed: u64, arg_types: &[String], result_types: &[String], results_sig: &str) -> String {
        let mut out = String::from("func.func @main() {\n");
        let mut next = 0usize;
        let mut fresh = |p: &str| {
            next += 1;
            format!("%{p}{next}")
        };
        const COEFFICIENTS: [usize; 5] = [7, 3, 5, 2, 9];
        const MODULI: [usize; 4] = [11, 13, 7, 5];
        let mut call_args = Vec::new();
        for (k, (arg, arg_ty)) in self.args.iter().zip(arg_types).enumerate() {
            let rank = arg.dims.len();
            let ty = self.static_ty(&arg.dims, "f32");
            let modulus = MODULI[(seed as usize + k) % MODULI.len()];
            let offset = (seed as usize).wrapping_mul(5).wrapping_add(3 * k) % modulus;
            let e = fresh("e");
            let _ = writeln!(out, "  {e} = tensor.empty() : {ty}");
            let v = fresh("in");
            let id: Vec<String> = (0..rank).map(|i| format!("d{i}")).collect();
            let iterators: Vec<&str> = (0..rank).map(|_| "\"parallel\"").collect();
            let _ = writeln!(
                out,
                "  {v} = linalg.generic {{indexing_maps = [affine_map<({0}) -> ({0})>], iterator_types = [{1}]}} outs({e} : {ty}) {{",
                id.join(", "),
                iterators.join(", ")
            );
            let o = fresh("o");
            let _ = writeln!(out, "  ^bb0({o}: f32):");
            let mut sum = fresh("s");
            let _ = writeln!(out, "    {sum} = arith.constant {offset} : index");
            for i in 0..rank {
                let (idx, c, m, s) = (fresh("i"), fresh("c"), fresh("m"), fresh("s"));
                let coefficient = COEFFICIENTS[(i + k) % COEFFICIENTS.len()];
                let _ = writeln!(out, "    {idx} = linalg.index {i} : index");
                let _ = writeln!(out, "    {c} = arith.constant {coefficient} : index");
                let _ = writeln!(out, "    {m} = arith.muli {idx}, {c} : index");
                let _ = writeln!(out, "    {s} = arith.addi {sum}, {m} : index");
                sum = s;
            }
            let (cm, r, ri, rf, q, one, scaled, value) =
                (fresh("c"), fresh("r"), fresh("r"), fresh("f"), fresh("q"), fresh("q"), fresh("f"), fresh("f"));
            let _ = writeln!(out, "    {cm} = arith.constant {modulus} : index");
            let _ = writeln!(out, "    {r} = arith.remui {sum}, {cm} : index");
            let _ = writeln!(out, "    {ri} = arith.index_cast {r} : index to i32");
            let _ = writeln!(out, "    {rf} = arith.sitofp {ri} : i32 to f32");
            let _ = writeln!(out, "    {q} = arith.constant 0.25 : f32");
            let _ = writeln!(out, "    {one} = arith.constant 1.0 : f32");
            let _ = writeln!(out, "    {scaled} = arith.mulf {rf}, {q} : f32");
            let _ = writeln!(out, "    {value} = arith.subf {scaled}, {one} : f32");
            let _ = writeln!(out, "    linalg.yield {value} : f32");
            let _ = writeln!(out, "  }} -> {ty}");
            if &ty == arg_ty {
                call_args.push(v);
            } else {
                let c = fresh("cast");
                let _ = writeln!(out, "  {c} = tensor.cast {v} : {ty} to {arg_ty}");
                call_args.push(c);
            }
        }
        let results: Vec<String> = self.results.iter().map(|_| fresh("r")).collect();
        let _ = writeln!(
            out,
            "  {} = call @graph({}) : ({}) -> {results_sig}",
            results.join(", "),
            call_args.join(", "),
            arg_types.join(", ")
        );
        // The bits of every result first, then the prints: a print reads
        // its argument (`bufferization.access = "read"`), nothing is
        // written after it.
        let mut prints = Vec::new();
        for ((r, val), ty) in results.iter().zip(&self.results).zip(result_types) {
            let st = self.static_ty(&val.dims, "f32");
            let value = if &st == ty {
                r.clone()
            } else {
                let c = fresh("cast");
                let _ = writeln!(out, "  {c} = tensor.cast {r} : {ty} to {st}");
                c
            };
            let bt = self.static_ty(&val.dims, "i32");
            let rank = val.dims.len();
            let id: Vec<String> = (0..rank).map(|i| format!("d{i}")).collect();
            let map = format!("affine_map<({0}) -> ({0})>", id.join(", "));
            let iterators: Vec<&str> = (0..rank).map(|_| "\"parallel\"").collect();
            let (e, bits, x, o, b) = (fresh("e"), fresh("bits"), fresh("x"), fresh("o"), fresh("b"));
            let _ = writeln!(out, "  {e} = tensor.empty() : {bt}");
            let _ = writeln!(
                out,
                "  {bits} = linalg.generic {{indexing_maps = [{map}, {map}], iterator_types = [{}]}} ins({value} : {st}) outs({e} : {bt}) {{",
                iterators.join(", ")
            );
            let _ = writeln!(out, "  ^bb0({x}: f32, {o}: i32):");
            let _ = writeln!(out, "    {b} = arith.bitcast {x} : f32 to i32");
            let _ = writeln!(out, "    linalg.yield {b} : i32");
            let _ = writeln!(out, "  }} -> {bt}");
            prints.push((value, st, bits, bt));
        }
        for (value, st, bits, bt) in prints {
            let (u, ub) = (fresh("u"), fresh("u"));
            let _ = writeln!(out, "  {u} = tensor.cast {value} : {st} to tensor<*xf32>");
            let _ = writeln!(out, "  call @printMemrefF32({u}) : (tensor<*xf32>) -> ()");
            let _ = writeln!(out, "  {ub} = tensor.cast {bits} : {bt} to tensor<*xi32>");
            let _ = writeln!(out, "  call @printMemrefI32({ub}) : (tensor<*xi32>) -> ()");
        }
        out.push_str("  return\n}\n");
        out
    }
}
