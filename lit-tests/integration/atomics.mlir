// RUN: ml-opt %s --lower-to-llvm | ml-run -e main --entry-point-result=void --check-leaks | FileCheck %s

// memref.atomic_rmw through llvm.atomicrmw: a histogram of i mod 3 with
// addi over a parallel loop, the sum (addf) and maximum (maxs, maximumf)
// of the values, and an exchange that returns the old value. Upstream
// prints the same.

// CHECK: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 1 offset = 0 sizes = {{\[}}3{{\]}} strides = {{\[}}1{{\]}} data =
// CHECK-NEXT: [34,  33,  33]
// CHECK: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 1 offset = 0 sizes = {{\[}}3{{\]}} strides = {{\[}}1{{\]}} data =
// CHECK-NEXT: [4950,  49.5,  -1]
// CHECK-NEXT: 99
// CHECK-NEXT: 7

func.func private @printMemrefI32(memref<*xi32>)
func.func private @printMemrefF32(memref<*xf32>)

func.func @main() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c100 = arith.constant 100 : index
  %zero = arith.constant 0 : i32
  %one = arith.constant 1 : i32
  %fzero = arith.constant 0.0 : f32
  %half = arith.constant 0.5 : f32
  %histogram = memref.alloc() : memref<3xi32>
  %stats = memref.alloc() : memref<3xf32>
  %best = memref.alloc() : memref<1xi32>
  scf.for %i = %c0 to %c3 step %c1 {
    memref.store %zero, %histogram[%i] : memref<3xi32>
    memref.store %fzero, %stats[%i] : memref<3xf32>
  }
  memref.store %zero, %best[%c0] : memref<1xi32>
  scf.parallel (%i) = (%c0) to (%c100) step (%c1) {
    %bucket = arith.remui %i, %c3 : index
    %h = memref.atomic_rmw addi %one, %histogram[%bucket] : (i32, memref<3xi32>) -> i32
    %ii = arith.index_cast %i : index to i32
    %f = arith.sitofp %ii : i32 to f32
    %s = memref.atomic_rmw addf %f, %stats[%c0] : (f32, memref<3xf32>) -> f32
    %fh = arith.mulf %f, %half : f32
    %m = memref.atomic_rmw maximumf %fh, %stats[%c1] : (f32, memref<3xf32>) -> f32
    %b = memref.atomic_rmw maxs %ii, %best[%c0] : (i32, memref<1xi32>) -> i32
    scf.reduce
  }
  %minus = arith.constant -1.0 : f32
  %old = memref.atomic_rmw assign %minus, %stats[%c2] : (f32, memref<3xf32>) -> f32
  %hu = memref.cast %histogram : memref<3xi32> to memref<*xi32>
  call @printMemrefI32(%hu) : (memref<*xi32>) -> ()
  %su = memref.cast %stats : memref<3xf32> to memref<*xf32>
  call @printMemrefF32(%su) : (memref<*xf32>) -> ()
  %b = memref.load %best[%c0] : memref<1xi32>
  vector.print %b : i32
  %seven = arith.constant 7 : i32
  %prev = memref.atomic_rmw assign %seven, %best[%c0] : (i32, memref<1xi32>) -> i32
  %now = memref.load %best[%c0] : memref<1xi32>
  vector.print %now : i32
  memref.dealloc %histogram : memref<3xi32>
  memref.dealloc %stats : memref<3xf32>
  memref.dealloc %best : memref<1xi32>
  return
}
