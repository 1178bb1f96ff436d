//! GPU programs from linalg on buffers to a run, and what can be checked of
//! them without a GPU.
//!
//! Without a device (every trial runs):
//! - `host_calls::*`: an elementwise program and a tiled matmul go through
//!   `gpu-lower`, `gpu-module-to-binary`, `gpu-to-llvm` and
//!   `lower-to-llvm`, are JIT-compiled with the recording stand-in of the
//!   GPU runtime (`ml_gpu_runtime::recording`) and run: the module loaded
//!   is the PTX `ml-translate --to-ptx` makes of the kernel, the kernel is
//!   looked up by its name, the launch has the sizes the tiling chose and
//!   the arguments are the buffers' descriptor fields (pointers the
//!   allocations returned, sizes, strides);
//! - `host_calls::*_host_buffers`: the same with the programs' buffers made
//!   by `memref.alloc`, which `gpu-lower` places in host-shared memory;
//! - `ml_run_gpu_without_a_device`: `ml-run --gpu` says in one line that
//!   it needs a CUDA driver and device, and fails.
//!
//! With a device only (`needs_gpu::*`): the same programs run through
//! `ml-run --gpu` must print what the CPU lowering of them prints. Where
//! `ml_gpu_runtime::probe` finds no device these trials are *ignored*
//! (reported as such, never as passed), with the reason on stderr.

mod support;

use std::process::{Command, ExitCode};
use std::sync::Arc;

use libtest_mimic::{Arguments, Failed, Trial};
use ml_gpu_runtime::recording::{self, Call};

/// An elementwise kernel over 1000 elements (not a multiple of the block):
/// `c = (a + b) * a`. `ALLOC` / `DEALLOC` are the GPU or CPU allocation.
const ELEMENTWISE: &str = r#"
#map = affine_map<(d0) -> (d0)>
module {
  func.func private @printMemrefF32(memref<*xf32>)
  func.func @main() {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %n = arith.constant 1000 : index
    %half = arith.constant 0.5 : f32
    %two = arith.constant 2.0 : f32
    %a = ALLOC : memref<1000xf32>
    %b = ALLOC : memref<1000xf32>
    %c = ALLOC : memref<1000xf32>
    scf.for %i = %c0 to %n step %c1 {
      %ii = arith.index_cast %i : index to i32
      %f = arith.sitofp %ii : i32 to f32
      %x = arith.mulf %f, %half : f32
      %y = arith.subf %two, %x : f32
      memref.store %x, %a[%i] : memref<1000xf32>
      memref.store %y, %b[%i] : memref<1000xf32>
    }
    linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel"]} ins(%a, %b : memref<1000xf32>, memref<1000xf32>) outs(%c : memref<1000xf32>) {
    ^bb0(%x: f32, %y: f32, %z: f32):
      %s = arith.addf %x, %y : f32
      %p = arith.mulf %s, %x : f32
      linalg.yield %p : f32
    }
    %u = memref.cast %c : memref<1000xf32> to memref<*xf32>
    PRINT
    DEALLOC %a : memref<1000xf32>
    DEALLOC %b : memref<1000xf32>
    DEALLOC %c : memref<1000xf32>
    return
  }
}
"#;

/// A 64x48x32 matmul, tiled into 16x16 blocks by `block-sizes`.
const MATMUL: &str = r#"
module {
  func.func private @printMemrefF32(memref<*xf32>)
  func.func @main() {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %m = arith.constant 64 : index
    %n = arith.constant 48 : index
    %k = arith.constant 32 : index
    %zero = arith.constant 0.0 : f32
    %eighth = arith.constant 0.125 : f32
    %a = ALLOC : memref<64x32xf32>
    %b = ALLOC : memref<32x48xf32>
    %c = ALLOC : memref<64x48xf32>
    scf.for %i = %c0 to %m step %c1 {
      scf.for %j = %c0 to %k step %c1 {
        %s = arith.addi %i, %j : index
        %si = arith.index_cast %s : index to i32
        %f = arith.sitofp %si : i32 to f32
        %v = arith.mulf %f, %eighth : f32
        memref.store %v, %a[%i, %j] : memref<64x32xf32>
      }
    }
    scf.for %i = %c0 to %k step %c1 {
      scf.for %j = %c0 to %n step %c1 {
        %d = arith.subi %i, %j : index
        %di = arith.index_cast %d : index to i32
        %f = arith.sitofp %di : i32 to f32
        %v = arith.mulf %f, %eighth : f32
        memref.store %v, %b[%i, %j] : memref<32x48xf32>
      }
    }
    scf.for %i = %c0 to %m step %c1 {
      scf.for %j = %c0 to %n step %c1 {
        memref.store %zero, %c[%i, %j] : memref<64x48xf32>
      }
    }
    linalg.matmul ins(%a, %b : memref<64x32xf32>, memref<32x48xf32>) outs(%c : memref<64x48xf32>)
    %u = memref.cast %c : memref<64x48xf32> to memref<*xf32>
    PRINT
    DEALLOC %a : memref<64x32xf32>
    DEALLOC %b : memref<32x48xf32>
    DEALLOC %c : memref<64x48xf32>
    return
  }
}
"#;

struct Program {
    name: &'static str,
    text: &'static str,
    block_sizes: &'static str,
    /// The launch's grid and block.
    grid: [i64; 3],
    block: [i64; 3],
    /// Descriptor fields passed: five per buffer of rank 1, seven of rank 2.
    arguments: usize,
}

const PROGRAMS: &[Program] = &[
    Program { name: "elementwise", text: ELEMENTWISE, block_sizes: "128", grid: [8, 1, 1], block: [128, 1, 1], arguments: 15 },
    Program { name: "tiled_matmul", text: MATMUL, block_sizes: "16,16", grid: [4, 3, 1], block: [16, 16, 1], arguments: 21 },
];

/// The program with device buffers (host-shared, so that the host fills
/// and prints them) or host ones, printing or not.
fn variant(program: &Program, gpu: bool, print: bool) -> String {
    let (alloc, dealloc) = if gpu { ("gpu.alloc host_shared ()", "gpu.dealloc") } else { ("memref.alloc()", "memref.dealloc") };
    let print = if print { "call @printMemrefF32(%u) : (memref<*xf32>) -> ()" } else { "" };
    program.text.replace("DEALLOC", dealloc).replace("ALLOC", alloc).replace("PRINT", print)
}

/// The flags of the GPU pipeline, and of the CPU one.
fn gpu_flags(program: &Program) -> Vec<String> {
    vec![
        format!("--gpu-lower=block-sizes={}", program.block_sizes),
        "--gpu-module-to-binary".into(),
        "--gpu-to-llvm".into(),
        "--lower-to-llvm".into(),
    ]
}

fn context() -> Arc<ir::Context> {
    let ctx = ir::Context::new();
    dialects_all::register_all(&ctx);
    ml_nvptx::register(&ctx);
    Arc::new(ctx)
}

fn parse(ctx: &Arc<ir::Context>, text: &str) -> Result<(ir::Ir, ir::OpId), Failed> {
    let file = ctx.add_source_file(ir::SourceFile::new("gpu.mlir", text.to_string().into(), 0));
    ir::syntax::parse_source(ctx, file).map_err(|d| Failed::from(d.message))
}

fn run_passes(ir: &mut ir::Ir, module: ir::OpId, flags: &[String]) -> Result<(), Failed> {
    let mut registry = ir::pass::PassRegistry::new();
    passes_all::register_all(&mut registry);
    let mut manager = ir::pass::PassManager::new();
    for flag in flags {
        let flag = flag.trim_start_matches("--");
        let (name, options) = flag.split_once('=').unwrap_or((flag, ""));
        manager.add_pass(&registry, name, options).map_err(Failed::from)?;
    }
    manager.run(ir, module).map_err(|d| Failed::from(d.message))
}

/// Runs the program's GPU lowering with the recording runtime and checks
/// the calls it made; its buffers are `gpu.alloc`s or, with `host_buffers`,
/// `memref.alloc`s for `gpu-lower` to share with the device.
fn check_host_calls(program: &Program, host_buffers: bool) -> Result<(), Failed> {
    let ctx = context();
    let (mut ir, module) = parse(&ctx, &variant(program, !host_buffers, false))?;
    // The PTX that ml-translate --to-ptx makes of the kernel module.
    run_passes(&mut ir, module, &[format!("--gpu-lower=block-sizes={}", program.block_sizes)])?;
    let device = ir
        .walk_collect(module, ir::body::WalkOrder::PreOrder)
        .into_iter()
        .find(|&o| ir.isa::<dialect_gpu::GpuModuleOp>(o))
        .ok_or("gpu-lower made no kernel")?;
    let options = ml_nvptx::compile::PtxOptions::for_module(&ir, device);
    let (ptx, _) = ml_nvptx::compile::gpu_module_to_ptx(&ir, device, &options).map_err(|d| Failed::from(d.message))?;
    run_passes(&mut ir, module, &gpu_flags(program)[1..])?;
    let llvm = ml_llvm_ir::inkwell::context::Context::create();
    let translated =
        ml_llvm_ir::translate_module(&ir, module, &llvm, &Default::default()).map_err(|d| Failed::from(d.message))?;
    let extra_symbols = recording::symbols().iter().map(|s| (s.name.to_string(), s.address())).collect();
    let jit_options = ml_jit::JitOptions { extra_symbols, ..Default::default() };
    let jit = ml_jit::Jit::new(translated, &jit_options).map_err(|e| Failed::from(e.to_string()))?;
    recording::take();
    jit.run("main", ml_jit::ResultKind::Void, ml_jit::RunMode::InProcess).map_err(|e| Failed::from(e.to_string()))?;
    let calls = recording::take();

    let loads: Vec<&Call> = calls.iter().filter(|c| matches!(c, Call::ModuleLoad { .. })).collect();
    let [Call::ModuleLoad { object, size }] = loads.as_slice() else {
        return Err(format!("one module load expected: {calls:#?}").into());
    };
    if object.as_slice() != ptx.as_bytes() || *size != ptx.len() + 1 {
        return Err("the module loaded is not the kernel's PTX with its NUL".into());
    }
    let allocations: Vec<usize> = calls
        .iter()
        .filter_map(|c| if let Call::Alloc { address, host_shared: true, .. } = c { Some(*address) } else { None })
        .collect();
    if allocations.len() != 3 {
        return Err(format!("three host-shared allocations expected: {calls:#?}").into());
    }
    let launch = calls.iter().find_map(|c| match c {
        Call::Launch { kernel, grid, block, arguments, count, .. } => Some((kernel, grid, block, arguments, count)),
        _ => None,
    });
    let Some((kernel, grid, block, arguments, count)) = launch else { return Err(format!("no launch: {calls:#?}").into()) };
    if kernel != "main_kernel" || *grid != program.grid || *block != program.block || *count != program.arguments {
        return Err(format!("launch of {kernel} on {grid:?} x {block:?} with {count} arguments").into());
    }
    let word = |bytes: &Vec<u8>| -> u64 {
        let mut padded = [0u8; 8];
        padded[..bytes.len().min(8)].copy_from_slice(&bytes[..bytes.len().min(8)]);
        u64::from_le_bytes(padded)
    };
    // Each buffer: allocated and aligned pointer (the allocation), offset 0,
    // its sizes, its strides.
    let fields = arguments.len() / 3;
    for (buffer, chunk) in arguments.chunks(fields).enumerate() {
        let values: Vec<u64> = chunk.iter().map(word).collect();
        let rank = (fields - 3) / 2;
        let expected_pointer = allocations[buffer] as u64;
        if values[0] != expected_pointer || values[1] != expected_pointer || values[2] != 0 {
            return Err(format!("buffer {buffer}: pointers and offset {:?}, expected {expected_pointer:#x}", &values[..3]).into());
        }
        if values[2 + rank + rank] != 1 {
            return Err(format!("buffer {buffer}: innermost stride {}", values[2 + 2 * rank]).into());
        }
    }
    let synchronized = calls.iter().any(|c| matches!(c, Call::StreamSynchronize { stream: 0 }));
    let frees = calls.iter().filter(|c| matches!(c, Call::Free)).count();
    let unloaded = calls.last() == Some(&Call::ModuleUnload);
    if !synchronized || frees != 3 || !unloaded {
        return Err(format!("the launch is waited for, the buffers freed, the module unloaded last: {calls:#?}").into());
    }
    Ok(())
}

/// `ml-opt <flags> | ml-run <run flags>` on `text`; ml-run's stdout.
fn run_pipeline(tools: &std::path::Path, text: &str, opt_flags: &[String], run_flags: &[&str]) -> Result<String, Failed> {
    let input = tools.join(format!("program-{}.mlir", std::thread::current().name().unwrap_or("main").replace("::", "-")));
    std::fs::write(&input, text).map_err(|e| Failed::from(e.to_string()))?;
    let lowered =
        Command::new(tools.join("ml-opt")).arg(&input).args(opt_flags).output().map_err(|e| Failed::from(e.to_string()))?;
    if !lowered.status.success() {
        return Err(format!("ml-opt {opt_flags:?}: {}", String::from_utf8_lossy(&lowered.stderr)).into());
    }
    let llvm = input.with_extension("llvm.mlir");
    std::fs::write(&llvm, &lowered.stdout).map_err(|e| Failed::from(e.to_string()))?;
    let run = Command::new(tools.join("ml-run")).arg(&llvm).args(run_flags).output().map_err(|e| Failed::from(e.to_string()))?;
    if !run.status.success() {
        return Err(format!("ml-run {run_flags:?}: {}", String::from_utf8_lossy(&run.stderr)).into());
    }
    Ok(String::from_utf8_lossy(&run.stdout).into_owned())
}

/// The GPU run prints what the CPU run prints (but for the address); its
/// buffers are `gpu.alloc`s or, with `host_buffers`, `memref.alloc`s.
fn check_against_cpu(tools: &std::path::Path, program: &Program, host_buffers: bool) -> Result<(), Failed> {
    let strip = |s: String| {
        s.lines().map(|l| if l.starts_with("Unranked Memref") { "Unranked Memref" } else { l }).collect::<Vec<_>>().join("\n")
    };
    let cpu = run_pipeline(tools, &variant(program, false, true), &["--lower-to-llvm".into()], &["--entry-point-result=void"])?;
    let gpu = run_pipeline(
        tools,
        &variant(program, !host_buffers, true),
        &gpu_flags(program),
        &["--gpu", "--entry-point-result=void"],
    )?;
    if strip(cpu.clone()) != strip(gpu.clone()) {
        return Err(format!("the GPU printed\n{gpu}\nthe CPU\n{cpu}").into());
    }
    Ok(())
}

fn main() -> ExitCode {
    if let Some(code) = support::act_as_ml_opt() {
        return code;
    }
    let args = Arguments::from_args();
    let tools = match support::tools_dir("gpu") {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("cannot set up the tools directory: {e}");
            return ExitCode::from(2);
        }
    };
    let device = ml_gpu_runtime::probe();
    if let Err(why) = &device {
        eprintln!("needs_gpu trials ignored: no CUDA device ({why})");
    }
    let mut trials = Vec::new();
    for program in PROGRAMS {
        for (suffix, host_buffers) in [("", false), ("_host_buffers", true)] {
            let name = format!("host_calls::{}{suffix}", program.name);
            trials.push(Trial::test(name, move || check_host_calls(program, host_buffers)));
            let tools = tools.clone();
            let name = format!("needs_gpu::{}{suffix}_matches_cpu", program.name);
            trials.push(
                Trial::test(name, move || check_against_cpu(&tools, program, host_buffers)).with_ignored_flag(device.is_err()),
            );
        }
    }
    let gpu_tools = tools.clone();
    let has_device = device.is_ok();
    let without_device = Trial::test("ml_run_gpu_without_a_device", move || {
        let input = gpu_tools.join("empty.mlir");
        std::fs::write(&input, "llvm.func @main() {\n  llvm.return\n}\n").map_err(|e| Failed::from(e.to_string()))?;
        let run = Command::new(gpu_tools.join("ml-run"))
            .arg(&input)
            .args(["--gpu", "--entry-point-result=void"])
            .output()
            .map_err(|e| Failed::from(e.to_string()))?;
        let stderr = String::from_utf8_lossy(&run.stderr);
        let line = stderr.lines().collect::<Vec<_>>();
        if run.status.success()
            || line.len() != 1
            || !line[0].starts_with("ml-run: error: --gpu needs a CUDA driver and device: ")
        {
            return Err(format!("expected one error line and a failure, got {:?}: {stderr}", run.status).into());
        }
        Ok(())
    });
    // Where there is a device, there is nothing to check here.
    trials.push(without_device.with_ignored_flag(has_device));
    let conclusion = libtest_mimic::run(&args, trials);
    let _ = std::fs::remove_dir_all(&tools);
    conclusion.exit();
}
