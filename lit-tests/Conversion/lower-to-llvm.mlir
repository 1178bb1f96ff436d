// RUN: ml-opt %s --lower-to-llvm | FileCheck %s
// RUN: ml-opt %s --pass-pipeline='builtin.module(lower-to-llvm)' | FileCheck %s
// The named pipeline stands for its passes, which show in the IR dumps:
// RUN: ml-opt %s --lower-to-llvm --mlir-print-ir-after-all -o /dev/null 2>&1 | FileCheck %s --check-prefix=PASSES
// RUN: not ml-opt %s --pass-pipeline='builtin.module(lower-to-llvm{fast=1})' 2>&1 | FileCheck %s --check-prefix=OPTIONS

// PASSES: IR Dump After convert-linalg-to-loops
// PASSES: IR Dump After convert-scf-to-cf
// PASSES: IR Dump After convert-vector-to-llvm
// PASSES: IR Dump After finalize-memref-to-llvm
// PASSES: IR Dump After convert-math-to-llvm
// PASSES: IR Dump After convert-arith-to-llvm
// PASSES: IR Dump After convert-cf-to-llvm
// PASSES: IR Dump After convert-func-to-llvm
// PASSES: IR Dump After reconcile-unrealized-casts
// OPTIONS: error: invalid options for pipeline 'lower-to-llvm': no such option 'fast'; options are: none

// Memref-level linalg, scf, vector, math, arith and func become the llvm
// dialect and nothing else.
// CHECK-NOT: {{(arith|cf|func|linalg|math|memref|scf|vector)\.}}
// CHECK-NOT: unrealized_conversion_cast
// CHECK-DAG: llvm.func @malloc(i64) -> !llvm.ptr
// CHECK-DAG: llvm.func @free(!llvm.ptr)
// CHECK-DAG: llvm.func @printF32(f32)
// CHECK-DAG: llvm.func @printMemrefF32(i64, !llvm.ptr)
// CHECK-LABEL: llvm.func @scale(
// CHECK-SAME: %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: f32)
// CHECK: llvm.cond_br
// CHECK: llvm.fmul
// CHECK: llvm.intr.exp
// CHECK-LABEL: llvm.func @main()
// CHECK: llvm.call @malloc
// CHECK: llvm.call @scale
// CHECK: llvm.load %{{.*}} {alignment = 4 : i64} : !llvm.ptr -> vector<4xf32>
// CHECK: "llvm.intr.vector.reduce.fadd"
// CHECK: llvm.call @printF32
// CHECK: llvm.call @printMemrefF32
// CHECK: llvm.call @free
// CHECK-NOT: {{(arith|cf|func|linalg|math|memref|scf|vector)\.}}
// CHECK-NOT: unrealized_conversion_cast

func.func private @printMemrefF32(memref<*xf32>)

func.func @scale(%m: memref<?xf32>, %s: f32) {
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>], iterator_types = ["parallel"]} outs(%m : memref<?xf32>) {
  ^bb0(%x: f32):
    %y = arith.mulf %x, %s : f32
    %z = math.exp %y : f32
    linalg.yield %z : f32
  }
  return
}

func.func @main() {
  %c4 = arith.constant 4 : index
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %m = memref.alloc(%c4) : memref<?xf32>
  linalg.fill ins(%zero : f32) outs(%m : memref<?xf32>)
  call @scale(%m, %zero) : (memref<?xf32>, f32) -> ()
  %v = vector.load %m[%c0] : memref<?xf32>, vector<4xf32>
  %sum = vector.reduction <add>, %v : vector<4xf32> into f32
  vector.print %sum : f32
  %u = memref.cast %m : memref<?xf32> to memref<*xf32>
  call @printMemrefF32(%u) : (memref<*xf32>) -> ()
  memref.dealloc %m : memref<?xf32>
  return
}
