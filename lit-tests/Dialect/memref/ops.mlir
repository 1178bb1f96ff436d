// RUN: ml-opt %s | FileCheck %s
// RUN: ml-opt %s | ml-opt | FileCheck %s
// RUN: ml-opt %s --mlir-print-op-generic | ml-opt | FileCheck %s

// memref allocation (dynamic sizes, layout symbols, alignment, memory
// space), load/store, dim, copy, cast, globals; the CHECK lines are what
// upstream mlir-opt 22 prints.

// CHECK: #map = affine_map<(d0)[s0] -> (d0 + s0)>
// CHECK: memref.global "private" constant @cst : memref<4xf32> = dense<1.000000e+00>
// CHECK-NEXT: memref.global @var : memref<2x2xi32> = uninitialized
// CHECK-NEXT: memref.global "private" @aligned : memref<8xi8> = dense<0> {alignment = 64 : i64}
// CHECK-LABEL: func.func @mem(%arg0: index, %arg1: index, %arg2: f32) -> index {
// CHECK-NEXT: %alloc = memref.alloc(%arg0) : memref<?x4xf32>
// CHECK-NEXT: %alloc_0 = memref.alloc() {alignment = 16 : i64} : memref<8xf32>
// CHECK-NEXT: %alloca = memref.alloca(%arg0)[%arg1] : memref<?xf32, #map>
// CHECK-NEXT: %alloca_1 = memref.alloca() : memref<2xf32, 1>
// CHECK-NEXT: %0 = memref.load %alloc[%arg1, %arg1] : memref<?x4xf32>
// CHECK-NEXT: memref.store %arg2, %alloc[%arg1, %arg1] : memref<?x4xf32>
// CHECK-NEXT: memref.store %arg2, %alloc_0[%arg1] {nontemporal = true} : memref<8xf32>
// CHECK-NEXT: %c1 = arith.constant 1 : index
// CHECK-NEXT: %dim = memref.dim %alloc, %c1 : memref<?x4xf32>
// CHECK-NEXT: memref.copy %alloc_0, %alloc_0 : memref<8xf32> to memref<8xf32>
// CHECK-NEXT: %cast = memref.cast %alloc : memref<?x4xf32> to memref<?x?xf32>
// CHECK-NEXT: %1 = memref.get_global @cst : memref<4xf32>
// CHECK-NEXT: memref.dealloc %alloc : memref<?x4xf32>
// CHECK-NEXT: %alloc_2 = memref.alloc()[%arg0] : memref<4xf32, strided<[1], offset: ?>>
// CHECK-NEXT: return %dim : index
// CHECK-NEXT: }
memref.global "private" constant @cst : memref<4xf32> = dense<1.0>
memref.global @var : memref<2x2xi32> = uninitialized
memref.global "private" @aligned : memref<8xi8> = dense<0> {alignment = 64 : i64}
func.func @mem(%n: index, %i: index, %x: f32) -> index {
  %a = memref.alloc(%n) : memref<?x4xf32>
  %b = memref.alloc() {alignment = 16 : i64} : memref<8xf32>
  %c = memref.alloca(%n)[%i] : memref<?xf32, affine_map<(d0)[s0] -> (d0 + s0)>>
  %d = memref.alloca() : memref<2xf32, 1>
  %v = memref.load %a[%i, %i] : memref<?x4xf32>
  memref.store %x, %a[%i, %i] : memref<?x4xf32>
  memref.store %x, %b[%i] {nontemporal = true} : memref<8xf32>
  %k = arith.constant 1 : index
  %dim = memref.dim %a, %k : memref<?x4xf32>
  memref.copy %b, %b : memref<8xf32> to memref<8xf32>
  %cast = memref.cast %a : memref<?x4xf32> to memref<?x?xf32>
  %g = memref.get_global @cst : memref<4xf32>
  memref.dealloc %a : memref<?x4xf32>
  %e = memref.alloc()[%n] : memref<4xf32, strided<[1], offset: ?>>
  return %dim : index
}
