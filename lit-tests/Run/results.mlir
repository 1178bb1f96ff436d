// ml-run calls the entry function and prints its result after the
// program's output, as mlir-runner does.
// RUN: ml-run %s -e main --entry-point-result=void | FileCheck %s --check-prefix=VOID
// RUN: ml-run %s -e answer --entry-point-result=i32 | FileCheck %s --check-prefix=I32
// RUN: ml-run %s -e big --entry-point-result=i64 -O3 | FileCheck %s --check-prefix=I64
// RUN: ml-run %s -e half --entry-point-result=f32 -O0 | FileCheck %s --check-prefix=F32
// RUN: ml-run %s -e third --entry-point-result=f64 --mcpu=generic | FileCheck %s --check-prefix=F64
// RUN: ml-run < %s - -e main --entry-point-result=void | FileCheck %s --check-prefix=VOID
// Upstream's runtime libraries are built in: naming them changes nothing.
// RUN: ml-run %s -e main --entry-point-result=void --shared-libs=/usr/lib/llvm-22/lib/libmlir_runner_utils.so,/usr/lib/llvm-22/lib/libmlir_c_runner_utils.so | FileCheck %s --check-prefix=VOID

// VOID: 1.5
// VOID-NEXT: ( 1, 2 )
// VOID-NEXT: done
// VOID-NOT: {{.}}
// I32: 42
// I64: -8589934592
// F32: 5.000000e-01
// F64: 3.333333e-01

module {
  llvm.func @printF32(f32)
  llvm.func @printI64(i64)
  llvm.func @printOpen()
  llvm.func @printClose()
  llvm.func @printComma()
  llvm.func @printNewline()
  llvm.func @puts(!llvm.ptr) -> i32
  llvm.mlir.global private constant @done("done\00") {addr_space = 0 : i32}

  llvm.func @main() {
    %x = llvm.mlir.constant(1.5 : f32) : f32
    llvm.call @printF32(%x) : (f32) -> ()
    llvm.call @printNewline() : () -> ()
    %one = llvm.mlir.constant(1 : i64) : i64
    %two = llvm.mlir.constant(2 : i64) : i64
    llvm.call @printOpen() : () -> ()
    llvm.call @printI64(%one) : (i64) -> ()
    llvm.call @printComma() : () -> ()
    llvm.call @printI64(%two) : (i64) -> ()
    llvm.call @printClose() : () -> ()
    llvm.call @printNewline() : () -> ()
    // libc's functions resolve too, and share the runtime's stdout.
    %s = llvm.mlir.addressof @done : !llvm.ptr
    %r = llvm.call @puts(%s) : (!llvm.ptr) -> i32
    llvm.return
  }
  llvm.func @answer() -> i32 {
    %0 = llvm.mlir.constant(42 : i32) : i32
    llvm.return %0 : i32
  }
  llvm.func @big() -> i64 {
    %0 = llvm.mlir.constant(-8589934592 : i64) : i64
    llvm.return %0 : i64
  }
  llvm.func @half() -> f32 {
    %0 = llvm.mlir.constant(0.5 : f32) : f32
    llvm.return %0 : f32
  }
  llvm.func @third() -> f64 {
    %1 = llvm.mlir.constant(1.0 : f64) : f64
    %3 = llvm.mlir.constant(3.0 : f64) : f64
    %0 = llvm.fdiv %1, %3 : f64
    llvm.return %0 : f64
  }
}
