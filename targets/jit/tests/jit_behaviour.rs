//! ml-jit's errors, crash isolation, optimisation levels, CPU choices and
//! allocation counting.

mod support;

use inkwell::context::Context;
use ml_jit::{parse_ir, Cpu, EntryValue, Jit, JitError, JitOptions, OptLevel, ResultKind, RunMode};
use support::run_ours_with;

fn run(ir: &str, entry: &str, kind: ResultKind) -> Result<ml_jit::Outcome, JitError> {
    run_ours_with(ir, entry, kind, &JitOptions::default())
}

fn error(ir: &str, entry: &str, kind: ResultKind) -> JitError {
    match run(ir, entry, kind) {
        Ok(outcome) => panic!("expected an error, got {outcome:?}"),
        Err(e) => e,
    }
}

const FUNCTIONS: &str = r#"
declare i32 @external()
define i32 @answer() {
  ret i32 42
}
define void @nothing() {
  ret void
}
define i32 @identity(i32 %x) {
  ret i32 %x
}
define internal i32 @hidden() {
  ret i32 1
}
define i32 @uses_hidden() {
  %r = call i32 @hidden()
  ret i32 %r
}
"#;

#[test]
fn entry_point_checks_follow_mlir_runner() {
    let e = error(FUNCTIONS, "nope", ResultKind::I32);
    assert_eq!(e, JitError::EntryNotFound("nope".into()));
    assert_eq!(e.to_string(), "entry point not found: 'nope'");
    // A declaration is no entry point either (nor is `@external` resolved:
    // it is never called).
    assert_eq!(error(FUNCTIONS, "external", ResultKind::I32), JitError::EntryNotFound("external".into()));
    let e = error(FUNCTIONS, "identity", ResultKind::I32);
    assert_eq!(e.to_string(), "JIT can't invoke a main function expecting arguments ('identity')");
    let e = error(FUNCTIONS, "answer", ResultKind::Void);
    assert_eq!(e.to_string(), "expected void function ('answer' returns i32)");
    let e = error(FUNCTIONS, "nothing", ResultKind::F32);
    assert_eq!(e.to_string(), "only single f32 function result supported ('nothing' returns void)");
    let e = error(FUNCTIONS, "answer", ResultKind::I64);
    assert_eq!(e.to_string(), "only single i64 function result supported ('answer' returns i32)");
    // Internal linkage: callable while it exists; the optimising pipeline
    // inlines and removes it, which is an error rather than a crash.
    assert_eq!(run(FUNCTIONS, "hidden", ResultKind::I32).map(|o| o.value), Ok(EntryValue::I32(1)));
    let o2 = JitOptions { opt_level: Some(OptLevel::O2), ..JitOptions::default() };
    let e = run_ours_with(FUNCTIONS, "hidden", ResultKind::I32, &o2).err();
    assert_eq!(e, Some(JitError::EntryNotFound("hidden".into())));
    assert_eq!(run_ours_with(FUNCTIONS, "uses_hidden", ResultKind::I32, &o2).map(|o| o.value), Ok(EntryValue::I32(1)));
}

#[test]
fn bad_modules_are_errors() {
    let e = error("define i32 @main( {", "main", ResultKind::I32);
    assert!(matches!(&e, JitError::Parse(m) if m.contains("test.ll:1:")), "{e}");

    // Parses, but fails the verifier.
    let ir =
        "define i32 @main() {\nentry:\n  br label %next\nnext:\n  ret i32 %x\nother:\n  %x = add i32 1, 2\n  br label %next\n}\n";
    let e = error(ir, "main", ResultKind::I32);
    assert!(matches!(&e, JitError::InvalidModule(m) if m.contains("does not dominate")), "{e}");

    let ir = "declare void @no_such_function()\ndeclare void @printF32(float)\n@no_such_global = external global i32\n\
              define i32 @main() {\n  call void @no_such_function()\n  call void @printF32(float 1.0)\n  %v = load i32, ptr @no_such_global\n  ret i32 %v\n}\n";
    let e = error(ir, "main", ResultKind::I32);
    assert_eq!(e, JitError::UnresolvedSymbols(vec!["no_such_function".into(), "no_such_global".into()]));
    assert_eq!(e.to_string(), "unresolved external symbols 'no_such_function', 'no_such_global'");

    // A weak declaration nothing defines is null, not an error.
    let ir = "declare extern_weak void @maybe()\ndefine i32 @main() {\n  %p = icmp eq ptr @maybe, null\n  %r = zext i1 %p to i32\n  ret i32 %r\n}\n";
    assert_eq!(run(ir, "main", ResultKind::I32).map(|o| o.value), Ok(EntryValue::I32(1)));

    let ir = "target triple = \"nvptx64-nvidia-cuda\"\ndefine void @main() {\n  ret void\n}\n";
    let e = error(ir, "main", ResultKind::Void);
    assert!(matches!(&e, JitError::Target(m) if m.contains("nvptx64-nvidia-cuda")), "{e}");
}

#[test]
fn an_invalid_module_built_with_inkwell_is_refused() {
    let context = Context::create();
    let module = context.create_module("m");
    let f = module.add_function("main", context.void_type().fn_type(&[], false), None);
    context.append_basic_block(f, "entry"); // no terminator
    let e = Jit::new(module, &JitOptions::default()).err();
    assert!(matches!(&e, Some(JitError::InvalidModule(m)) if m.contains("terminator")), "{e:?}");
}

const CRASH: &str = r#"
@data = private constant [2 x float] [float 1.0, float 2.0]
@bye = private constant [4 x i8] c"bye\00"
declare void @printMemrefF32(i64, ptr)
declare void @printF32(float)
declare i32 @puts(ptr)
declare void @exit(i32)
declare void @abort()
define void @segfault() {
  %desc = alloca { ptr, ptr, i64, [1 x i64], [1 x i64] }
  store { ptr, ptr, i64, [1 x i64], [1 x i64] } { ptr @data, ptr @data, i64 0, [1 x i64] [i64 2], [1 x i64] [i64 1] }, ptr %desc
  call void @printMemrefF32(i64 1, ptr %desc)
  call void @printF32(float 3.0)
  store volatile i32 1, ptr inttoptr (i64 8 to ptr)
  ret void
}
define void @exits() {
  %r = call i32 @puts(ptr @bye)
  call void @exit(i32 3)
  ret void
}
define void @aborts() {
  call void @abort()
  ret void
}
"#;

#[test]
fn a_crash_in_a_child_is_reported_with_the_flushed_output() {
    let e = error(CRASH, "segfault", ResultKind::Void);
    let JitError::Crashed { signal, stdout } = &e else { panic!("{e}") };
    assert_eq!(*signal, libc::SIGSEGV);
    assert_eq!(e.to_string(), "the program crashed: SIGSEGV");
    // printMemref flushes (as upstream's std::endl); printF32's "3", still
    // in the child's buffer, is flushed by the crash handler.
    let out = support::mask_addresses(&String::from_utf8_lossy(stdout));
    assert_eq!(out, "Unranked Memref base@ = 0x<addr> rank = 1 offset = 0 sizes = [2] strides = [1] data = \n[1,  2]\n3");

    let e = error(CRASH, "aborts", ResultKind::Void);
    assert!(matches!(e, JitError::Crashed { signal: libc::SIGABRT, .. }), "{e}");

    let e = error(CRASH, "exits", ResultKind::Void);
    assert_eq!(e, JitError::Exited { code: 3, stdout: b"bye\n".to_vec() });
}

/// A loop LLVM vectorises at -O2 and above, with a libc call the pipeline
/// rewrites (printf of a constant line becomes puts).
const COMPUTE: &str = r#"
@line = private constant [7 x i8] c"start\0A\00"
declare i32 @printf(ptr, ...)
declare void @printF32(float)
declare void @printNewline()
define float @main() {
entry:
  %p = call i32 (ptr, ...) @printf(ptr @line)
  %buf = alloca [64 x float]
  br label %fill
fill:
  %i = phi i64 [ 0, %entry ], [ %i1, %fill ]
  %fi = uitofp i64 %i to float
  %slot = getelementptr [64 x float], ptr %buf, i64 0, i64 %i
  store float %fi, ptr %slot
  %i1 = add i64 %i, 1
  %more = icmp ult i64 %i1, 64
  br i1 %more, label %fill, label %sum
sum:
  %j = phi i64 [ 0, %fill ], [ %j1, %sum ]
  %acc = phi float [ 0.0, %fill ], [ %acc1, %sum ]
  %at = getelementptr [64 x float], ptr %buf, i64 0, i64 %j
  %v = load float, ptr %at
  %acc1 = fadd float %acc, %v
  %j1 = add i64 %j, 1
  %again = icmp ult i64 %j1, 64
  br i1 %again, label %sum, label %done
done:
  call void @printF32(float %acc1)
  call void @printNewline()
  ret float %acc1
}
"#;

#[test]
fn every_opt_level_and_cpu_computes_the_same() {
    let mut cpus = vec![Cpu::Host, Cpu::Generic];
    if cfg!(target_arch = "x86_64") {
        cpus.push(Cpu::Named { cpu: "x86-64-v2".into(), features: "+sse4.2".into() });
    }
    let levels = [None, Some(OptLevel::O0), Some(OptLevel::O1), Some(OptLevel::O2), Some(OptLevel::O3)];
    for cpu in &cpus {
        for opt_level in levels {
            let options = JitOptions { opt_level, cpu: cpu.clone(), count_allocations: true, extra_symbols: Vec::new() };
            let outcome = run_ours_with(COMPUTE, "main", ResultKind::F32, &options)
                .unwrap_or_else(|e| panic!("{cpu:?} {opt_level:?}: {e}"));
            assert_eq!(String::from_utf8_lossy(&outcome.stdout), "start\n2016\n", "{cpu:?} {opt_level:?}");
            assert_eq!(outcome.value, EntryValue::F32(2016.0));
        }
    }
}

#[test]
fn the_pipeline_runs_before_symbols_are_resolved() {
    let context = Context::create();
    let module = parse_ir(&context, "compute.ll", COMPUTE).expect("parses");
    let options = JitOptions { opt_level: Some(OptLevel::O2), ..JitOptions::default() };
    let jit = Jit::new(module, &options).expect("compiles");
    let ir = jit.module().print_to_string().to_string();
    assert!(ir.contains("@puts("), "printf of a constant line should have become puts:\n{ir}");
    assert!(ir.contains("\"target-cpu\""), "the host CPU should be on the functions:\n{ir}");
}

const ALLOCATES: &str = r#"
declare ptr @malloc(i64)
declare ptr @calloc(i64, i64)
declare ptr @realloc(ptr, i64)
declare void @free(ptr)
declare ptr @strdup(ptr)
@s = private constant [3 x i8] c"hi\00"
define i32 @balanced() {
  %a = call ptr @malloc(i64 100)
  store volatile i8 1, ptr %a
  %b = call ptr @calloc(i64 4, i64 8)
  %c = call ptr @realloc(ptr %a, i64 400)
  %d = call ptr @strdup(ptr @s)
  call void @free(ptr %b)
  call void @free(ptr %c)
  call void @free(ptr %d)
  ret i32 0
}
define i32 @leaky() {
  %a = call ptr @malloc(i64 48)
  store volatile i8 1, ptr %a
  ret i32 0
}
"#;

#[test]
fn allocations_of_the_program_are_counted() {
    let balanced = run(ALLOCATES, "balanced", ResultKind::I32).expect("runs").allocations;
    assert!(!balanced.leaked(), "{balanced}");
    assert_eq!((balanced.total_allocations, balanced.total_bytes), (3, 100 + 32 + 400), "{balanced}");
    assert_eq!(balanced.peak_bytes, 532, "{balanced}");
    // strdup's block came from libc's malloc.
    assert_eq!(balanced.foreign_frees, 1, "{balanced}");

    let leaky = run(ALLOCATES, "leaky", ResultKind::I32).expect("runs").allocations;
    assert_eq!((leaky.live_allocations, leaky.live_bytes), (1, 48), "{leaky}");

    // Counting off: libc's own allocator, nothing counted.
    let options = JitOptions { count_allocations: false, ..JitOptions::default() };
    let uncounted = run_ours_with(ALLOCATES, "leaky", ResultKind::I32, &options).expect("runs").allocations;
    assert_eq!(uncounted.total_allocations, 0, "{uncounted}");
}

#[test]
fn in_process_runs_return_values_and_counts() {
    // The only in-process run of this binary, so no other run mixes in its
    // counts.
    let context = Context::create();
    let module = parse_ir(&context, "alloc.ll", ALLOCATES).expect("parses");
    let jit = Jit::new(module, &JitOptions::default()).expect("compiles");
    let outcome = jit.run("leaky", ResultKind::I32, RunMode::InProcess).expect("runs");
    assert_eq!(outcome.value, EntryValue::I32(0));
    assert_eq!(outcome.allocations.live_allocations, 1, "{}", outcome.allocations);
    assert!(outcome.stdout.is_empty());
    // The same compiled module can run again, here in a child.
    let again = jit.run("balanced", ResultKind::I32, RunMode::Child).expect("runs");
    assert!(!again.allocations.leaked(), "{}", again.allocations);
}
