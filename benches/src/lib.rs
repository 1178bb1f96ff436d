//! Benchmarks of the code our lowering generates, each beside a C
//! reference compiled in the same run:
//!
//! - `matmul`: f32 `linalg.matmul` on `memref<?x?xf32>`, N x N x N, lowered
//!   by `lower-to-llvm` to its naive loop nest and JIT-compiled at `-O3`
//!   for the host; the C reference is the same i-j-k loop nest. GFLOP/s
//!   (2 N^3 flops).
//! - `elementwise`: `y = max(a * b + c, 0) * 0.5` over N floats, one
//!   `linalg.generic`; C: the same loop. GB/s (16 bytes per element: three
//!   reads, one write).
//!
//! - `fusion` (the [`fusion`] module): an MLP block and an elementwise
//!   chain on tensors, unfused and after `--fuse`, `--tile-and-fuse` and
//!   `--tile`, through bufferization and `lower-to-llvm`; time per variant
//!   and its ratio to the unfused one (`--fusion` runs these alone).
//!
//! Each program times its own repetitions (the runtime's `rtclock`, and
//! `gettimeofday` in C) and reports the best; both fill their inputs with
//! the same formulas and print the same probe values, which are compared.
//! C is compiled with `cc -O3 -march=native -ffp-contract=off` (the MLIR
//! lowering does not contract `a * b + c` into an FMA either), loaded with
//! `dlopen`; without a C compiler the reference is skipped with a message.

pub mod gpu;

use std::ffi::{c_void, CString};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::time::Instant;

use ml_jit::{Cpu, EntryValue, Jit, JitOptions, OptLevel, ResultKind, RunMode};

pub mod fusion;

/// Sizes and repetitions of one run.
struct Config {
    matmul_n: usize,
    matmul_reps: usize,
    elementwise_n: usize,
    elementwise_reps: usize,
}

const FULL: Config = Config { matmul_n: 1024, matmul_reps: 3, elementwise_n: 64 << 20, elementwise_reps: 5 };
const QUICK: Config = Config { matmul_n: 256, matmul_reps: 3, elementwise_n: 4 << 20, elementwise_reps: 5 };

/// One benchmark's result on one side.
struct Measured {
    /// Best seconds over the repetitions.
    seconds: f64,
    /// The probe values the program printed, to compare the two sides.
    probes: Vec<f32>,
}

/// Runs the benchmarks; `--quick` for the small sizes, `--fusion` for the
/// fusion benchmarks alone.
pub fn main(args: impl Iterator<Item = String>) -> ExitCode {
    let args: Vec<String> = args.collect();
    let quick = args.iter().any(|a| a == "--quick");
    if args.iter().any(|a| a == "--fusion") {
        let ok = fusion::run(if quick { &fusion::QUICK } else { &fusion::FULL });
        return if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE };
    }
    let config = if quick { QUICK } else { FULL };
    let c = match compile_c_reference() {
        Ok(library) => Some(library),
        Err(why) => {
            eprintln!("C reference skipped: {why}");
            None
        }
    };
    println!("{:<34} {:>12} {:>16} {:>16} {:>8}", "benchmark", "size", "ours (-O3 JIT)", "C -O3 native", "ours/C");
    let mut failed = false;
    let n = config.matmul_n;
    let flops = 2.0 * (n as f64).powi(3);
    failed |= !report(
        "matmul f32, naive loops",
        &format!("{n}^3"),
        "GFLOP/s",
        |s| flops / s / 1e9,
        run_ours(&matmul_program(n, config.matmul_reps)),
        c.as_ref().map(|lib| lib.matmul(n, config.matmul_reps)),
    );
    let n = config.elementwise_n;
    let bytes = 16.0 * n as f64;
    failed |= !report(
        "elementwise max(a*b+c,0)*0.5 f32",
        &format!("{}M", n >> 20),
        "GB/s",
        |s| bytes / s / 1e9,
        run_ours(&elementwise_program(n, config.elementwise_reps)),
        c.as_ref().map(|lib| lib.elementwise(n, config.elementwise_reps)),
    );
    failed |= !fusion::run(if quick { &fusion::QUICK } else { &fusion::FULL });
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints one row; `false` when our side failed or the probes differ.
fn report(
    name: &str,
    size: &str,
    unit: &str,
    rate: impl Fn(f64) -> f64,
    ours: Result<(Measured, f64), String>,
    c: Option<Measured>,
) -> bool {
    let (ours, compile_seconds) = match ours {
        Ok(m) => m,
        Err(e) => {
            println!("{name:<34} {size:>12} failed: {e}");
            return false;
        }
    };
    let ours_rate = rate(ours.seconds);
    let (c_text, ratio) = match &c {
        Some(c) => (format!("{:.2} {unit}", rate(c.seconds)), format!("{:.2}", ours_rate / rate(c.seconds))),
        None => ("-".to_string(), "-".to_string()),
    };
    println!("{name:<34} {size:>12} {:>16} {c_text:>16} {ratio:>8}", format!("{ours_rate:.2} {unit}"));
    println!(
        "{:<34} {:>12} best of the runs: ours {:.4} s (lowering and JIT compile {:.2} s){}",
        "",
        "",
        ours.seconds,
        compile_seconds,
        c.as_ref().map_or(String::new(), |c| format!(", C {:.4} s", c.seconds))
    );
    if let Some(c) = c {
        let close = ours.probes.len() == c.probes.len()
            && ours.probes.iter().zip(&c.probes).all(|(a, b)| (a - b).abs() <= 1e-3 * a.abs().max(b.abs()).max(1.0));
        if !close {
            println!("{:<34} results differ: ours {:?}, C {:?}", "", ours.probes, c.probes);
            return false;
        }
    }
    true
}

/// Lowers `program` with `lower-to-llvm`, JIT-compiles it at `-O3` for the
/// host and runs `@bench() -> f64` in a child (its stdout captured): the
/// best time and the probes it printed, and the seconds lowering and
/// compiling took.
fn run_ours(program: &str) -> Result<(Measured, f64), String> {
    let start = Instant::now();
    let ctx = ir::Context::new();
    dialects_all::register_all(&ctx);
    ml_llvm_ir::register(&ctx);
    let ctx = Arc::new(ctx);
    let file = ctx.add_source_file(ir::SourceFile::new("bench.mlir", program.into(), 0));
    let described = |d: ir::Diagnostic| d.message;
    let (mut ir, module) = ir::syntax::parse_source(&ctx, file).map_err(described)?;
    ir::verifier::verify(&ir, module).map_err(described)?;
    passes_conversions::lower_to_llvm::lower_to_llvm(&mut ir, module).map_err(described)?;
    let llvm = ml_llvm_ir::inkwell::context::Context::create();
    let translated = ml_llvm_ir::translate_module(&ir, module, &llvm, &Default::default()).map_err(described)?;
    let options =
        JitOptions { opt_level: Some(OptLevel::O3), cpu: Cpu::Host, count_allocations: false, extra_symbols: Vec::new() };
    let jit = Jit::new(translated, &options).map_err(|e| e.to_string())?;
    let compile_seconds = start.elapsed().as_secs_f64();
    let outcome = jit.run("bench", ResultKind::F64, RunMode::ChildCapturingStdout).map_err(|e| e.to_string())?;
    let EntryValue::F64(seconds) = outcome.value else { return Err("no time returned".into()) };
    let probes = String::from_utf8_lossy(&outcome.stdout).split_whitespace().filter_map(|w| w.parse().ok()).collect();
    Ok((Measured { seconds, probes }, compile_seconds))
}

/// `@bench() -> f64`: fills A(i, k) = ((7i + 3k) mod 13) / 4 - 1.5 and
/// B(k, j) = ((5k + j) mod 11) / 8 - 0.5, multiplies `reps` times into a
/// zeroed C and returns the best time; prints C at three places.
fn matmul_program(n: usize, reps: usize) -> String {
    format!(
        r#"
func.func private @rtclock() -> f64
#id = affine_map<(i, j) -> (i, j)>

func.func @matmul(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %c: memref<?x?xf32>) {{
  linalg.matmul ins(%a, %b : memref<?x?xf32>, memref<?x?xf32>) outs(%c : memref<?x?xf32>)
  return
}}

func.func @bench() -> f64 {{
  %n = arith.constant {n} : index
  %reps = arith.constant {reps} : index
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %a = memref.alloc(%n, %n) : memref<?x?xf32>
  %b = memref.alloc(%n, %n) : memref<?x?xf32>
  %c = memref.alloc(%n, %n) : memref<?x?xf32>
  linalg.generic {{indexing_maps = [#id], iterator_types = ["parallel", "parallel"]}} outs(%a : memref<?x?xf32>) {{
  ^bb0(%o: f32):
    %i = linalg.index 0 : index
    %k = linalg.index 1 : index
    %c7 = arith.constant 7 : index
    %c3 = arith.constant 3 : index
    %c13 = arith.constant 13 : index
    %x = arith.muli %i, %c7 : index
    %y = arith.muli %k, %c3 : index
    %s = arith.addi %x, %y : index
    %r = arith.remui %s, %c13 : index
    %ri = arith.index_cast %r : index to i32
    %rf = arith.sitofp %ri : i32 to f32
    %q = arith.constant 0.25 : f32
    %off = arith.constant 1.5 : f32
    %m = arith.mulf %rf, %q : f32
    %v = arith.subf %m, %off : f32
    linalg.yield %v : f32
  }}
  linalg.generic {{indexing_maps = [#id], iterator_types = ["parallel", "parallel"]}} outs(%b : memref<?x?xf32>) {{
  ^bb0(%o: f32):
    %k = linalg.index 0 : index
    %j = linalg.index 1 : index
    %c5 = arith.constant 5 : index
    %c11 = arith.constant 11 : index
    %x = arith.muli %k, %c5 : index
    %s = arith.addi %x, %j : index
    %r = arith.remui %s, %c11 : index
    %ri = arith.index_cast %r : index to i32
    %rf = arith.sitofp %ri : i32 to f32
    %q = arith.constant 0.125 : f32
    %off = arith.constant 0.5 : f32
    %m = arith.mulf %rf, %q : f32
    %v = arith.subf %m, %off : f32
    linalg.yield %v : f32
  }}
  %inf = arith.constant 1.0e+300 : f64
  %best = scf.for %rep = %c0 to %reps step %c1 iter_args(%best = %inf) -> (f64) {{
    linalg.fill ins(%zero : f32) outs(%c : memref<?x?xf32>)
    %t0 = func.call @rtclock() : () -> f64
    func.call @matmul(%a, %b, %c) : (memref<?x?xf32>, memref<?x?xf32>, memref<?x?xf32>) -> ()
    %t1 = func.call @rtclock() : () -> f64
    %dt = arith.subf %t1, %t0 : f64
    %m = arith.minimumf %best, %dt : f64
    scf.yield %m : f64
  }}
  %last = arith.subi %n, %c1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %half = arith.divui %n, %c2 : index
  %third = arith.divui %n, %c3 : index
  %p0 = memref.load %c[%c0, %c0] : memref<?x?xf32>
  %p1 = memref.load %c[%half, %third] : memref<?x?xf32>
  %p2 = memref.load %c[%last, %last] : memref<?x?xf32>
  vector.print %p0 : f32
  vector.print %p1 : f32
  vector.print %p2 : f32
  memref.dealloc %a : memref<?x?xf32>
  memref.dealloc %b : memref<?x?xf32>
  memref.dealloc %c : memref<?x?xf32>
  return %best : f64
}}
"#
    )
}

/// `@bench() -> f64`: fills a(i) = (i mod 17) / 2 - 4,
/// b(i) = (i mod 5) / 4 + 0.5, c(i) = (i mod 3) - 1, computes
/// y = max(a * b + c, 0) * 0.5 `reps` times and returns the best time;
/// prints y at three places.
fn elementwise_program(n: usize, reps: usize) -> String {
    format!(
        r#"
func.func private @rtclock() -> f64
#id = affine_map<(i) -> (i)>

func.func @chain(%a: memref<?xf32>, %b: memref<?xf32>, %c: memref<?xf32>, %y: memref<?xf32>) {{
  linalg.generic {{indexing_maps = [#id, #id, #id, #id], iterator_types = ["parallel"]}}
      ins(%a, %b, %c : memref<?xf32>, memref<?xf32>, memref<?xf32>) outs(%y : memref<?xf32>) {{
  ^bb0(%av: f32, %bv: f32, %cv: f32, %o: f32):
    %p = arith.mulf %av, %bv : f32
    %s = arith.addf %p, %cv : f32
    %zero = arith.constant 0.0 : f32
    %r = arith.maximumf %s, %zero : f32
    %half = arith.constant 0.5 : f32
    %v = arith.mulf %r, %half : f32
    linalg.yield %v : f32
  }}
  return
}}

func.func @bench() -> f64 {{
  %n = arith.constant {n} : index
  %reps = arith.constant {reps} : index
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %a = memref.alloc(%n) : memref<?xf32>
  %b = memref.alloc(%n) : memref<?xf32>
  %c = memref.alloc(%n) : memref<?xf32>
  %y = memref.alloc(%n) : memref<?xf32>
  linalg.generic {{indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}} outs(%a, %b, %c : memref<?xf32>, memref<?xf32>, memref<?xf32>) {{
  ^bb0(%oa: f32, %ob: f32, %oc: f32):
    %i = linalg.index 0 : index
    %c17 = arith.constant 17 : index
    %c5 = arith.constant 5 : index
    %c3 = arith.constant 3 : index
    %ra = arith.remui %i, %c17 : index
    %rb = arith.remui %i, %c5 : index
    %rc = arith.remui %i, %c3 : index
    %ia = arith.index_cast %ra : index to i32
    %ib = arith.index_cast %rb : index to i32
    %ic = arith.index_cast %rc : index to i32
    %fa = arith.sitofp %ia : i32 to f32
    %fb = arith.sitofp %ib : i32 to f32
    %fc = arith.sitofp %ic : i32 to f32
    %h = arith.constant 0.5 : f32
    %q = arith.constant 0.25 : f32
    %four = arith.constant 4.0 : f32
    %one = arith.constant 1.0 : f32
    %ma = arith.mulf %fa, %h : f32
    %va = arith.subf %ma, %four : f32
    %mb = arith.mulf %fb, %q : f32
    %vb = arith.addf %mb, %h : f32
    %vc = arith.subf %fc, %one : f32
    linalg.yield %va, %vb, %vc : f32, f32, f32
  }}
  %inf = arith.constant 1.0e+300 : f64
  %best = scf.for %rep = %c0 to %reps step %c1 iter_args(%best = %inf) -> (f64) {{
    %t0 = func.call @rtclock() : () -> f64
    func.call @chain(%a, %b, %c, %y) : (memref<?xf32>, memref<?xf32>, memref<?xf32>, memref<?xf32>) -> ()
    %t1 = func.call @rtclock() : () -> f64
    %dt = arith.subf %t1, %t0 : f64
    %m = arith.minimumf %best, %dt : f64
    scf.yield %m : f64
  }}
  %last = arith.subi %n, %c1 : index
  %c7 = arith.constant 7 : index
  %seventh = arith.divui %n, %c7 : index
  %p0 = memref.load %y[%c1] : memref<?xf32>
  %p1 = memref.load %y[%seventh] : memref<?xf32>
  %p2 = memref.load %y[%last] : memref<?xf32>
  vector.print %p0 : f32
  vector.print %p1 : f32
  vector.print %p2 : f32
  memref.dealloc %a : memref<?xf32>
  memref.dealloc %b : memref<?xf32>
  memref.dealloc %c : memref<?xf32>
  memref.dealloc %y : memref<?xf32>
  return %best : f64
}}
"#
    )
}

/// The C reference: the same loops, fills, probes and timing.
const C_REFERENCE: &str = r#"
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

static double now(void) {
  struct timeval tv;
  gettimeofday(&tv, 0);
  return tv.tv_sec + tv.tv_usec * 1e-6;
}

__attribute__((noinline)) void matmul(long n, const float *a, const float *b, float *c) {
  for (long i = 0; i < n; i++)
    for (long j = 0; j < n; j++)
      for (long k = 0; k < n; k++)
        c[i * n + j] += a[i * n + k] * b[k * n + j];
}

double bench_matmul(long n, long reps, float *probes) {
  float *a = malloc(n * n * sizeof(float)), *b = malloc(n * n * sizeof(float)), *c = malloc(n * n * sizeof(float));
  for (long i = 0; i < n; i++)
    for (long k = 0; k < n; k++) a[i * n + k] = (float)(int)((i * 7 + k * 3) % 13) * 0.25f - 1.5f;
  for (long k = 0; k < n; k++)
    for (long j = 0; j < n; j++) b[k * n + j] = (float)(int)((k * 5 + j) % 11) * 0.125f - 0.5f;
  double best = 1e300;
  for (long r = 0; r < reps; r++) {
    memset(c, 0, n * n * sizeof(float));
    double t0 = now();
    matmul(n, a, b, c);
    double dt = now() - t0;
    if (dt < best) best = dt;
  }
  probes[0] = c[0];
  probes[1] = c[(n / 2) * n + n / 3];
  probes[2] = c[(n - 1) * n + n - 1];
  free(a); free(b); free(c);
  return best;
}

__attribute__((noinline)) void chain(long n, const float *a, const float *b, const float *c, float *y) {
  for (long i = 0; i < n; i++) {
    float s = a[i] * b[i] + c[i];
    y[i] = (s > 0.0f ? s : 0.0f) * 0.5f;
  }
}

double bench_chain(long n, long reps, float *probes) {
  float *a = malloc(n * sizeof(float)), *b = malloc(n * sizeof(float)), *c = malloc(n * sizeof(float)), *y = malloc(n * sizeof(float));
  for (long i = 0; i < n; i++) {
    a[i] = (float)(int)(i % 17) * 0.5f - 4.0f;
    b[i] = (float)(int)(i % 5) * 0.25f + 0.5f;
    c[i] = (float)(int)(i % 3) - 1.0f;
  }
  double best = 1e300;
  for (long r = 0; r < reps; r++) {
    double t0 = now();
    chain(n, a, b, c, y);
    double dt = now() - t0;
    if (dt < best) best = dt;
  }
  probes[0] = y[1];
  probes[1] = y[n / 7];
  probes[2] = y[n - 1];
  free(a); free(b); free(c); free(y);
  return best;
}
"#;

/// The compiled C reference, loaded for the rest of the process.
struct CLibrary {
    handle: *mut c_void,
}

type BenchFn = unsafe extern "C" fn(i64, i64, *mut f32) -> f64;

impl CLibrary {
    fn function(&self, name: &str) -> Option<BenchFn> {
        let name = CString::new(name).ok()?;
        // SAFETY: a live handle and a NUL-terminated name.
        let address = unsafe { libc::dlsym(self.handle, name.as_ptr()) };
        // SAFETY: the C reference defines the function with this signature.
        (!address.is_null()).then(|| unsafe { std::mem::transmute::<*mut c_void, BenchFn>(address) })
    }

    fn run(&self, name: &str, n: usize, reps: usize) -> Measured {
        let mut probes = [0f32; 3];
        let seconds = match self.function(name) {
            // SAFETY: a valid out-array of three floats.
            Some(f) => unsafe { f(n as i64, reps as i64, probes.as_mut_ptr()) },
            None => f64::NAN,
        };
        Measured { seconds, probes: probes.to_vec() }
    }

    fn matmul(&self, n: usize, reps: usize) -> Measured {
        self.run("bench_matmul", n, reps)
    }

    fn elementwise(&self, n: usize, reps: usize) -> Measured {
        self.run("bench_chain", n, reps)
    }
}

/// A C compiler: `$CC`, else `cc`.
fn c_compiler() -> String {
    std::env::var("CC").unwrap_or_else(|_| "cc".to_string())
}

/// Compiles and loads the C reference.
fn compile_c_reference() -> Result<CLibrary, String> {
    let dir = std::env::temp_dir().join(format!("ml-benches-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let source = dir.join("reference.c");
    let library: PathBuf = dir.join("libreference.so");
    std::fs::write(&source, C_REFERENCE).map_err(|e| e.to_string())?;
    let compiler = c_compiler();
    let output = Command::new(&compiler)
        .args(["-O3", "-march=native", "-ffp-contract=off", "-shared", "-fPIC", "-o"])
        .arg(&library)
        .arg(&source)
        .output()
        .map_err(|e| format!("cannot run the C compiler '{compiler}': {e}"))?;
    if !output.status.success() {
        return Err(format!("'{compiler}' failed: {}", String::from_utf8_lossy(&output.stderr)));
    }
    let handle = load(&library)?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(CLibrary { handle })
}

fn load(path: &Path) -> Result<*mut c_void, String> {
    let name = CString::new(path.display().to_string()).map_err(|e| e.to_string())?;
    // SAFETY: a NUL-terminated path.
    let handle = unsafe { libc::dlopen(name.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
    if handle.is_null() {
        return Err(format!("cannot load {}", path.display()));
    }
    Ok(handle)
}
