//! The GPU matmul benchmark: `C = A B` on N x N matrices (4096 by default,
//! 1024 with `--quick`) in f32 and in f16, through our whole pipeline
//! (`gpu-lower` with 16x16 blocks, `gpu-module-to-binary`, `gpu-to-llvm`,
//! `lower-to-llvm`, the JIT at `-O3` and ml-gpu-runtime on the CUDA
//! driver), against cuBLAS (`cublasSgemm` / `cublasHgemm` through cudarc)
//! in the same run. TFLOP/s (2 N^3 flops) and our share of cuBLAS's.
//!
//! Our kernel is the naive one `gpu-lower` makes (a thread per element of
//! C, the k loop reading global memory; no shared-memory tiling or tensor
//! cores): the ratio says how far that is from a tuned library. The
//! program times its own repetitions with `rtclock` around each
//! synchronous launch; cuBLAS is timed the same way around
//! `cuStreamSynchronize`. Where no CUDA driver or device exists the
//! benchmark says so in one line and succeeds.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use ml_jit::{Cpu, EntryValue, Jit, JitOptions, OptLevel, ResultKind, RunMode};

/// Repetitions of each side; the best is reported.
const REPETITIONS: usize = 5;

/// The benchmark program for `n` x `n` matrices of `element` (`f32`,
/// `f16`): device buffers, filled by kernels, the best of `reps` timed
/// matmuls returned.
fn program(n: usize, element: &str, reps: usize) -> String {
    format!(
        r#"
module {{
  func.func private @rtclock() -> f64
  func.func @bench() -> f64 {{
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %reps = arith.constant {reps} : index
    %eighth = arith.constant 0.125 : {element}
    %zero = arith.constant 0.0 : {element}
    %large = arith.constant 1.0e30 : f64
    %a = gpu.alloc () : memref<{n}x{n}x{element}>
    %b = gpu.alloc () : memref<{n}x{n}x{element}>
    %c = gpu.alloc () : memref<{n}x{n}x{element}>
    linalg.fill ins(%eighth : {element}) outs(%a : memref<{n}x{n}x{element}>)
    linalg.fill ins(%eighth : {element}) outs(%b : memref<{n}x{n}x{element}>)
    %best = scf.for %r = %c0 to %reps step %c1 iter_args(%best = %large) -> (f64) {{
      linalg.fill ins(%zero : {element}) outs(%c : memref<{n}x{n}x{element}>)
      %t0 = func.call @rtclock() : () -> f64
      linalg.matmul ins(%a, %b : memref<{n}x{n}x{element}>, memref<{n}x{n}x{element}>) outs(%c : memref<{n}x{n}x{element}>)
      %t1 = func.call @rtclock() : () -> f64
      %d = arith.subf %t1, %t0 : f64
      %m = arith.minimumf %best, %d : f64
      scf.yield %m : f64
    }}
    gpu.dealloc %a : memref<{n}x{n}x{element}>
    gpu.dealloc %b : memref<{n}x{n}x{element}>
    gpu.dealloc %c : memref<{n}x{n}x{element}>
    return %best : f64
  }}
}}
"#
    )
}

/// Our side lowered to the llvm dialect, ready to translate.
fn lowered(n: usize, element: &str) -> Result<(ir::Ir, ir::OpId), String> {
    let ctx = ir::Context::new();
    dialects_all::register_all(&ctx);
    ml_nvptx::register(&ctx);
    let ctx = Arc::new(ctx);
    let file = ctx.add_source_file(ir::SourceFile::new("gpu-bench.mlir", program(n, element, REPETITIONS).into(), 0));
    let described = |d: ir::Diagnostic| d.message;
    let (mut ir, module) = ir::syntax::parse_source(&ctx, file).map_err(described)?;
    let mut registry = ir::pass::PassRegistry::new();
    passes_all::register_all(&mut registry);
    let mut manager = ir::pass::PassManager::new();
    for (pass, options) in
        [("gpu-lower", "block-sizes=16,16"), ("gpu-module-to-binary", ""), ("gpu-to-llvm", ""), ("lower-to-llvm", "")]
    {
        manager.add_pass(&registry, pass, options)?;
    }
    manager.run(&mut ir, module).map_err(described)?;
    Ok((ir, module))
}

/// Lowers and runs our side; the best seconds of one matmul.
fn run_ours(n: usize, element: &str) -> Result<f64, String> {
    let described = |d: ir::Diagnostic| d.message;
    let (ir, module) = lowered(n, element)?;
    let llvm = ml_llvm_ir::inkwell::context::Context::create();
    let translated = ml_llvm_ir::translate_module(&ir, module, &llvm, &Default::default()).map_err(described)?;
    let options = JitOptions {
        opt_level: Some(OptLevel::O3),
        cpu: Cpu::Host,
        count_allocations: false,
        extra_symbols: ml_gpu_runtime::symbols().iter().map(|s| (s.name.to_string(), s.address())).collect(),
    };
    let jit = Jit::new(translated, &options).map_err(|e| e.to_string())?;
    // In a child: this process keeps CUDA uninitialised for cuBLAS.
    match jit.run("bench", ResultKind::F64, RunMode::Child).map_err(|e| e.to_string())?.value {
        EntryValue::F64(seconds) => Ok(seconds),
        other => Err(format!("the benchmark returned {other:?}")),
    }
}

/// cuBLAS's best seconds for the same product, or why it could not run.
fn run_cublas(n: usize, half: bool) -> Result<f64, String> {
    use cudarc::cublas::sys::cublasOperation_t::CUBLAS_OP_N;
    use cudarc::cublas::{CudaBlas, Gemm, GemmConfig};
    let error = |e: &dyn std::fmt::Debug| format!("{e:?}");
    let context = cudarc::driver::CudaContext::new(0).map_err(|e| error(&e))?;
    let stream = context.default_stream();
    let blas = CudaBlas::new(stream.clone()).map_err(|e| error(&e))?;
    let size = n as i32;
    let mut best = f64::INFINITY;
    macro_rules! time_gemm {
        ($t:ty, $eighth:expr, $one:expr, $zero:expr) => {{
            let a = stream.clone_htod(&vec![$eighth; n * n]).map_err(|e| error(&e))?;
            let b = stream.clone_htod(&vec![$eighth; n * n]).map_err(|e| error(&e))?;
            let mut c = stream.alloc_zeros::<$t>(n * n).map_err(|e| error(&e))?;
            let config = GemmConfig {
                transa: CUBLAS_OP_N,
                transb: CUBLAS_OP_N,
                m: size,
                n: size,
                k: size,
                alpha: $one,
                lda: size,
                ldb: size,
                beta: $zero,
                ldc: size,
            };
            // One untimed call (library loading, heuristics), then the runs.
            for run in 0..=REPETITIONS {
                stream.synchronize().map_err(|e| error(&e))?;
                let start = Instant::now();
                // SAFETY: three n*n buffers of the stream, as the config says.
                unsafe { blas.gemm(config, &a, &b, &mut c) }.map_err(|e| error(&e))?;
                stream.synchronize().map_err(|e| error(&e))?;
                if run > 0 {
                    best = best.min(start.elapsed().as_secs_f64());
                }
            }
        }};
    }
    if half {
        use half::f16;
        time_gemm!(f16, f16::from_f32(0.125), f16::from_f32(1.0), f16::from_f32(0.0));
    } else {
        time_gemm!(f32, 0.125f32, 1.0f32, 0.0f32);
    }
    Ok(best)
}

/// Runs the benchmark; `--quick` for 1024^3.
pub fn main(args: impl Iterator<Item = String>) -> ExitCode {
    let quick = args.into_iter().any(|a| a == "--quick");
    let device = match ml_gpu_runtime::probe() {
        Ok(device) => device,
        Err(why) => {
            println!("gpu matmul benchmark skipped: it needs a CUDA driver and device ({why})");
            return ExitCode::SUCCESS;
        }
    };
    let n = if quick { 1024 } else { 4096 };
    let flops = 2.0 * (n as f64).powi(3);
    println!("GPU matmul on {} ({}), {n}^3, best of {REPETITIONS}", device.name, device.chip);
    println!("{:<10} {:>16} {:>16} {:>10}", "element", "ours TFLOP/s", "cuBLAS TFLOP/s", "ours/cuBLAS");
    let mut failed = false;
    for (element, half) in [("f32", false), ("f16", true)] {
        let ours = run_ours(n, element);
        let theirs = run_cublas(n, half);
        let rate = |seconds: f64| flops / seconds / 1e12;
        match (&ours, &theirs) {
            (Ok(ours), Ok(theirs)) => {
                println!("{element:<10} {:>16.3} {:>16.3} {:>10.3}", rate(*ours), rate(*theirs), theirs / ours);
            }
            _ => {
                failed = true;
                let show =
                    |r: &Result<f64, String>| r.as_ref().map_or_else(|e| format!("failed: {e}"), |s| format!("{:.3}", rate(*s)));
                println!("{element:<10} ours {} / cuBLAS {}", show(&ours), show(&theirs));
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    /// Both programs lower and translate on any machine; only running
    /// them needs a device.
    #[test]
    fn the_benchmark_programs_lower_and_translate() {
        for element in ["f32", "f16"] {
            let (ir, module) = super::lowered(64, element).expect("lowers");
            let llvm = ml_llvm_ir::inkwell::context::Context::create();
            let translated = ml_llvm_ir::translate_module(&ir, module, &llvm, &Default::default()).expect("translates");
            let text = translated.print_to_string().to_string();
            assert!(text.contains("call void @mgpuLaunchKernel"), "{element}");
            assert!(text.contains(".visible .entry bench_kernel"), "{element}");
        }
    }
}
