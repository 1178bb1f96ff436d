// RUN: ml-translate --mlir-to-llvmir --emit=asm %s | FileCheck %s --check-prefix=ASM
// RUN: ml-translate --mlir-to-llvmir --emit=asm --mcpu=native %s -o - | FileCheck %s --check-prefix=ASM
// RUN: ml-translate --mlir-to-llvmir --emit=obj %s -o %t.o
// RUN: llvm-nm %t.o | FileCheck %s --check-prefix=OBJ
// RUN: ml-translate --mlir-to-llvmir -O2 %s | FileCheck %s --check-prefix=O2
// RUN: ml-translate --mlir-to-llvmir --emit=asm --target-triple=aarch64-unknown-linux-gnu %s | FileCheck %s --check-prefix=AARCH64
// RUN: ml-translate --mlir-to-llvmir --emit=asm -O3 --target-triple=x86_64-unknown-linux-gnu --mcpu=haswell %s | FileCheck %s --check-prefix=HASWELL
// RUN: ml-translate --mlir-to-llvmir --emit=asm -O3 --target-triple=x86_64-unknown-linux-gnu --mcpu=x86-64 --mattr=+avx %s | FileCheck %s --check-prefix=HASWELL

// Code generation through LLVM's TargetMachine: assembly and objects for
// the host or another triple, a CPU and its features, and LLVM's
// optimisation pipeline at -O1..-O3.

// ASM-LABEL: through_memory:
// ASM: ret
// OBJ-DAG: T through_memory
// OBJ-DAG: T add_vectors
// O2: target datalayout =
// O2: target triple =
// O2-LABEL: define i32 @through_memory(i32 returned %0)
// O2-NEXT: ret i32 %0
// AARCH64-LABEL: through_memory:
// AARCH64: ret
llvm.func @through_memory(%a: i32) -> i32 {
  %one = llvm.mlir.constant(1 : i64) : i64
  %slot = llvm.alloca %one x i32 : (i64) -> !llvm.ptr
  llvm.store %a, %slot : i32, !llvm.ptr
  %v = llvm.load %slot : !llvm.ptr -> i32
  llvm.return %v : i32
}

// With AVX, eight floats are added in one instruction.
// HASWELL-LABEL: add_vectors:
// HASWELL: vaddps {{.*}}%ymm
llvm.func @add_vectors(%a: vector<8xf32>, %b: vector<8xf32>) -> vector<8xf32> {
  %0 = llvm.fadd %a, %b : vector<8xf32>
  llvm.return %0 : vector<8xf32>
}
