//! What fusion and tiling buy, on tensor programs run through our whole
//! pipeline: each variant is the same program after different transforms
//! (none, `--fuse`, `--tile-and-fuse`, `--tile`, alone or after `--fuse`),
//! then `--one-shot-bufferize=bufferize-function-boundaries
//! --buffer-deallocation --lower-to-llvm`, JIT-compiled at `-O3` for the
//! host and timed by the program itself (best of the repetitions, the
//! runtime's `rtclock` around the call of the tensor function, whose
//! result buffer is allocated and freed in each call). Every variant prints
//! three probe values of its result, which must agree with the unfused
//! variant's.
//!
//! - `mlp`: `relu(X W1 + b1) W2`, N x N matrices (two `linalg.matmul`s, a
//!   bias-and-relu `linalg.generic` between them). 4 N^3 flops.
//! - `chain`: five elementwise named ops over N floats,
//!   `(max(a * b + c, 0) * 0.5) - a` (`linalg.mul`, `linalg.add`,
//!   `linalg.max` with a filled zero, `linalg.mul` with a filled 0.5,
//!   `linalg.sub`), each writing its own tensor when unfused. The rate
//!   counts the 16 bytes per element a fused loop moves.

use std::sync::Arc;
use std::time::Instant;

use ir::pass::{PassManager, PassRegistry};
use ml_jit::{Cpu, EntryValue, Jit, JitOptions, OptLevel, ResultKind, RunMode};

/// Sizes and repetitions of one run.
pub struct FusionConfig {
    pub mlp_n: usize,
    pub mlp_reps: usize,
    pub chain_n: usize,
    pub chain_reps: usize,
}

pub const FULL: FusionConfig = FusionConfig { mlp_n: 512, mlp_reps: 3, chain_n: 16 << 20, chain_reps: 5 };
pub const QUICK: FusionConfig = FusionConfig { mlp_n: 128, mlp_reps: 3, chain_n: 1 << 20, chain_reps: 5 };

/// One variant: its name and the transform's passes (`ml-opt` flag names
/// and options).
struct Variant {
    name: &'static str,
    passes: Vec<(&'static str, String)>,
}

/// A variant from its `ml-opt` flags (`--fuse --tile=sizes=32,32,32`).
fn variant(flags: &'static str) -> Variant {
    let passes = flags
        .split_whitespace()
        .filter_map(|flag| flag.strip_prefix("--"))
        .map(|flag| match flag.split_once('=') {
            Some((pass, options)) => (pass, options.to_string()),
            None => (flag, String::new()),
        })
        .collect();
    Variant { name: if flags.is_empty() { "unfused" } else { flags }, passes }
}

/// The MLP's variants: fusion alone, fusion with the second matmul tiled
/// by rows (each block of hidden rows computed once, in the tile), cache
/// blocking of every op without and with fusion.
fn mlp_variants() -> Vec<Variant> {
    [
        "",
        "--fuse",
        "--fuse --tile-and-fuse=sizes=32",
        "--tile-and-fuse=sizes=32",
        "--tile=sizes=32,32,32",
        "--fuse --tile=sizes=32,32,32",
    ]
    .into_iter()
    .map(variant)
    .collect()
}

/// The chain's variants: fusion alone, fused and tiled, tiled with the
/// producers fused into each tile (temporaries of a tile's size).
fn chain_variants() -> Vec<Variant> {
    ["", "--fuse", "--fuse --tile-and-fuse=sizes=4096", "--tile-and-fuse=sizes=4096"].into_iter().map(variant).collect()
}

/// What one variant measured.
struct Run {
    seconds: f64,
    compile_seconds: f64,
    probes: Vec<f32>,
}

/// Runs both benchmarks and prints their tables; `false` when a variant
/// failed or disagreed with the unfused one.
pub fn run(config: &FusionConfig) -> bool {
    let mut registry = PassRegistry::new();
    passes_all::register_all(&mut registry);
    let mut ok = true;
    let n = config.mlp_n;
    println!();
    println!("fusion: relu(X W1 + b1) W2, {n}x{n} f32, best of {}", config.mlp_reps);
    ok &= table(&registry, &mlp_program(n, config.mlp_reps), &mlp_variants(), "GFLOP/s", 4.0 * (n as f64).powi(3));
    let n = config.chain_n;
    println!();
    println!("fusion: (max(a * b + c, 0) * 0.5) - a, {}M f32, best of {}", n >> 20, config.chain_reps);
    ok &= table(&registry, &chain_program(n, config.chain_reps), &chain_variants(), "GB/s", 16.0 * n as f64);
    ok
}

/// Runs each variant of `program`; prints time, rate (`work` units per
/// second, in units of 1e9) and the ratio to the unfused variant.
fn table(registry: &PassRegistry, program: &str, variants: &[Variant], unit: &str, work: f64) -> bool {
    println!("{:<34} {:>10} {:>10} {:>16} {:>12}", "variant", "time (s)", unit, "time / unfused", "compile (s)");
    let mut baseline: Option<Run> = None;
    let mut ok = true;
    for variant in variants {
        let run = match run_variant(registry, program, &variant.passes) {
            Ok(run) => run,
            Err(e) => {
                println!("{:<34} failed: {e}", variant.name);
                ok = false;
                continue;
            }
        };
        let ratio = baseline.as_ref().map_or("1.00".to_string(), |b| format!("{:.2}", run.seconds / b.seconds));
        println!(
            "{:<34} {:>10.4} {:>10.2} {:>16} {:>12.2}",
            variant.name,
            run.seconds,
            work / run.seconds / 1e9,
            ratio,
            run.compile_seconds
        );
        match &baseline {
            None => baseline = Some(run),
            Some(b) => {
                let close = b.probes.len() == run.probes.len()
                    && b.probes.iter().zip(&run.probes).all(|(x, y)| (x - y).abs() <= 1e-3 * x.abs().max(y.abs()).max(1.0));
                if !close {
                    println!("{:<34} results differ from unfused: {:?} vs {:?}", "", run.probes, b.probes);
                    ok = false;
                }
            }
        }
    }
    ok
}

/// Parses `program`, runs `passes` and the lowering, JIT-compiles at `-O3`
/// and runs `@bench() -> f64` in a child, capturing the probes it prints.
fn run_variant(registry: &PassRegistry, program: &str, passes: &[(&str, String)]) -> Result<Run, String> {
    let start = Instant::now();
    let ctx = ir::Context::new();
    dialects_all::register_all(&ctx);
    ml_llvm_ir::register(&ctx);
    let ctx = Arc::new(ctx);
    let file = ctx.add_source_file(ir::SourceFile::new("fusion.mlir", program.into(), 0));
    let rendered = |d: ir::Diagnostic| ir::diagnostics::render::render_to_string(&ctx, &d);
    let (mut ir, module) = ir::syntax::parse_source(&ctx, file).map_err(rendered)?;
    ir::verifier::verify(&ir, module).map_err(rendered)?;
    let mut manager = PassManager::new();
    let lowering = [("one-shot-bufferize", "bufferize-function-boundaries"), ("buffer-deallocation", ""), ("lower-to-llvm", "")];
    for (pass, options) in passes.iter().map(|(p, o)| (*p, o.as_str())).chain(lowering) {
        manager.add_pass(registry, pass, options)?;
    }
    manager.run(&mut ir, module).map_err(rendered)?;
    let llvm = ml_llvm_ir::inkwell::context::Context::create();
    let translated = ml_llvm_ir::translate_module(&ir, module, &llvm, &Default::default()).map_err(rendered)?;
    let options = JitOptions { opt_level: Some(OptLevel::O3), cpu: Cpu::Host, count_allocations: false, ..Default::default() };
    let jit = Jit::new(translated, &options).map_err(|e| e.to_string())?;
    let compile_seconds = start.elapsed().as_secs_f64();
    let outcome = jit.run("bench", ResultKind::F64, RunMode::ChildCapturingStdout).map_err(|e| e.to_string())?;
    let EntryValue::F64(seconds) = outcome.value else { return Err("no time returned".into()) };
    let probes = String::from_utf8_lossy(&outcome.stdout).split_whitespace().filter_map(|w| w.parse().ok()).collect();
    Ok(Run { seconds, compile_seconds, probes })
}

/// A `linalg.generic` filling a fresh `ty` tensor (`rank` loops) with
/// `((sum of coefficient_k * i_k) mod modulus) * scale - shift`.
fn input(name: &str, ty: &str, rank: usize, coefficients: &[usize], modulus: usize, scale: f32, shift: f32) -> String {
    let loops: Vec<String> = (0..rank).map(|i| format!("d{i}")).collect();
    let parallel = vec!["\"parallel\""; rank].join(", ");
    let mut body = format!("    %{name}_s = arith.constant 0 : index\n");
    let mut sum = format!("%{name}_s");
    for (i, c) in coefficients.iter().enumerate().take(rank) {
        body.push_str(&format!(
            "    %{name}_i{i} = linalg.index {i} : index\n    %{name}_c{i} = arith.constant {c} : index\n    %{name}_m{i} = arith.muli %{name}_i{i}, %{name}_c{i} : index\n    %{name}_s{i} = arith.addi {sum}, %{name}_m{i} : index\n"
        ));
        sum = format!("%{name}_s{i}");
    }
    format!(
        r#"  %{name}_e = tensor.empty() : {ty}
  %{name} = linalg.generic {{indexing_maps = [affine_map<({l}) -> ({l})>], iterator_types = [{parallel}]}} outs(%{name}_e : {ty}) {{
  ^bb0(%{name}_o: f32):
{body}    %{name}_p = arith.constant {modulus} : index
    %{name}_r = arith.remui {sum}, %{name}_p : index
    %{name}_ri = arith.index_cast %{name}_r : index to i32
    %{name}_rf = arith.sitofp %{name}_ri : i32 to f32
    %{name}_q = arith.constant {scale:?} : f32
    %{name}_t = arith.constant {shift:?} : f32
    %{name}_x = arith.mulf %{name}_rf, %{name}_q : f32
    %{name}_v = arith.subf %{name}_x, %{name}_t : f32
    linalg.yield %{name}_v : f32
  }} -> {ty}
"#,
        l = loops.join(", ")
    )
}

/// The timing loop shared by both programs: calls `call` (an expression
/// producing `result_ty`) `reps` times between `rtclock`s, keeps the best,
/// then prints `probes` (index lists) of one more result.
fn timing(reps: usize, call: &str, result_ty: &str, probes: &[&str]) -> String {
    let mut text = format!(
        r#"  %reps = arith.constant {reps} : index
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %inf = arith.constant 1.0e+300 : f64
  %best = scf.for %rep = %c0 to %reps step %c1 iter_args(%so_far = %inf) -> (f64) {{
    %t0 = func.call @rtclock() : () -> f64
    %y = {call}
    %t1 = func.call @rtclock() : () -> f64
    %dt = arith.subf %t1, %t0 : f64
    %m = arith.minimumf %so_far, %dt : f64
    scf.yield %m : f64
  }}
  %last = {call}
"#
    );
    for (i, p) in probes.iter().enumerate() {
        text.push_str(&format!("  %probe{i} = tensor.extract %last[{p}] : {result_ty}\n  vector.print %probe{i} : f32\n"));
    }
    text.push_str("  return %best : f64\n}\n");
    text
}

/// `@mlp` and a `@bench() -> f64` timing it on N x N inputs.
fn mlp_program(n: usize, reps: usize) -> String {
    let m = format!("tensor<{n}x{n}xf32>");
    let v = format!("tensor<{n}xf32>");
    let mut text = format!(
        r#"func.func private @rtclock() -> f64

func.func @mlp(%x: {m}, %w1: {m}, %b1: {v}, %w2: {m}) -> {m} {{
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : {m}
  %f0 = linalg.fill ins(%zero : f32) outs(%e0 : {m}) -> {m}
  %h = linalg.matmul ins(%x, %w1 : {m}, {m}) outs(%f0 : {m}) -> {m}
  %e1 = tensor.empty() : {m}
  %r = linalg.generic {{indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}} ins(%h, %b1 : {m}, {v}) outs(%e1 : {m}) {{
  ^bb0(%hv: f32, %bv: f32, %o: f32):
    %s = arith.addf %hv, %bv : f32
    %z = arith.constant 0.0 : f32
    %a = arith.maximumf %s, %z : f32
    linalg.yield %a : f32
  }} -> {m}
  %e2 = tensor.empty() : {m}
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : {m}) -> {m}
  %y = linalg.matmul ins(%r, %w2 : {m}, {m}) outs(%f2 : {m}) -> {m}
  return %y : {m}
}}

func.func @bench() -> f64 {{
"#
    );
    text.push_str(&input("x", &m, 2, &[7, 3], 13, 0.25, 1.5));
    text.push_str(&input("w1", &m, 2, &[5, 1], 11, 0.125, 0.5));
    text.push_str(&input("b1", &v, 1, &[3], 7, 0.5, 1.0));
    text.push_str(&input("w2", &m, 2, &[2, 9], 9, 0.125, 0.5));
    text.push_str(&format!(
        "  %cl = arith.constant {} : index\n  %ch = arith.constant {} : index\n  %ct = arith.constant {} : index\n",
        n - 1,
        n / 2,
        n / 3
    ));
    let call = format!("func.call @mlp(%x, %w1, %b1, %w2) : ({m}, {m}, {v}, {m}) -> {m}");
    text.push_str(&timing(reps, &call, &m, &["%c0, %c0", "%ch, %ct", "%cl, %cl"]));
    text
}

/// `@chain` and a `@bench() -> f64` timing it on N floats.
fn chain_program(n: usize, reps: usize) -> String {
    let t = format!("tensor<{n}xf32>");
    let mut text = format!(
        r#"func.func private @rtclock() -> f64

func.func @chain(%a: {t}, %b: {t}, %c: {t}) -> {t} {{
  %zero = arith.constant 0.0 : f32
  %half = arith.constant 0.5 : f32
  %e0 = tensor.empty() : {t}
  %p = linalg.mul ins(%a, %b : {t}, {t}) outs(%e0 : {t}) -> {t}
  %e1 = tensor.empty() : {t}
  %s = linalg.add ins(%p, %c : {t}, {t}) outs(%e1 : {t}) -> {t}
  %ez = tensor.empty() : {t}
  %z = linalg.fill ins(%zero : f32) outs(%ez : {t}) -> {t}
  %e2 = tensor.empty() : {t}
  %r = linalg.max ins(%s, %z : {t}, {t}) outs(%e2 : {t}) -> {t}
  %eh = tensor.empty() : {t}
  %h = linalg.fill ins(%half : f32) outs(%eh : {t}) -> {t}
  %e3 = tensor.empty() : {t}
  %w = linalg.mul ins(%r, %h : {t}, {t}) outs(%e3 : {t}) -> {t}
  %e4 = tensor.empty() : {t}
  %v = linalg.sub ins(%w, %a : {t}, {t}) outs(%e4 : {t}) -> {t}
  return %v : {t}
}}

func.func @bench() -> f64 {{
"#
    );
    text.push_str(&input("a", &t, 1, &[1], 17, 0.5, 4.0));
    text.push_str(&input("b", &t, 1, &[1], 5, 0.25, -0.5));
    text.push_str(&input("c", &t, 1, &[1], 3, 1.0, 1.0));
    text.push_str(&format!("  %cl = arith.constant {} : index\n  %cs = arith.constant {} : index\n", n - 1, n / 7));
    let call = format!("func.call @chain(%a, %b, %c) : ({t}, {t}, {t}) -> {t}");
    text.push_str(&timing(reps, &call, &t, &["%c1", "%cs", "%cl"]));
    text
}
