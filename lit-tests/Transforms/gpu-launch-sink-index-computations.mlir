// RUN: ml-opt %s --split-input-file --gpu-launch-sink-index-computations | FileCheck %s
// RUN: %mlir_opt %s --split-input-file --gpu-launch-sink-index-computations | FileCheck %s

// Upstream mlir-opt 22 gives the same output (second RUN line).

// Constants, memref.dim, arith.select and arith.cmpi whose operands the
// body already uses (or that are sunk too) are copied in, at the start of
// the body, in the order they are found; the rest stays outside.
// CHECK-LABEL: func.func @sink(
// CHECK-SAME:    %[[M:.*]]: memref<?xf32>, %[[N:.*]]: index, %[[F:.*]]: f32)
// CHECK:         %[[SUM:.*]] = arith.addi %[[N]], %[[N]] : index
// CHECK:         %[[X:.*]] = memref.load %[[M]]
// CHECK:         gpu.launch
// CHECK-NEXT:      %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:      %[[DIM:.*]] = memref.dim %[[M]], %[[C0]] : memref<?xf32>
// CHECK-NEXT:      %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT:      %[[LT:.*]] = arith.cmpi slt, %[[DIM]], %[[C1]] : index
// CHECK-NEXT:      %[[SEL:.*]] = arith.select %[[LT]], %[[DIM]], %[[C1]] : index
// CHECK-NEXT:      memref.store %[[F]], %[[M]][%[[SEL]]] : memref<?xf32>
// CHECK-NEXT:      memref.store %[[X]], %[[M]][%[[SUM]]] : memref<?xf32>
// CHECK-NEXT:      arith.cmpi slt, %[[N]], %[[C1]] : index
func.func @sink(%m: memref<?xf32>, %n: index, %f: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %dim = memref.dim %m, %c0 : memref<?xf32>
  %lt = arith.cmpi slt, %dim, %c1 : index
  %sel = arith.select %lt, %dim, %c1 : index
  %sum = arith.addi %n, %n : index
  %x = memref.load %m[%c0] : memref<?xf32>
  %other = arith.cmpi slt, %n, %c1 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1) threads(%tx, %ty, %tz) in (%sx = %c1, %sy = %c1, %sz = %c1) {
    memref.store %f, %m[%sel] : memref<?xf32>
    memref.store %x, %m[%sum] : memref<?xf32>
    %use = arith.cmpi slt, %n, %c1 : index
    gpu.terminator
  }
  return
}

// -----

// Nothing to sink: the cmpi needs %n, which the body does not use.
// CHECK-LABEL: func.func @nothing(
// CHECK:         %[[LT:.*]] = arith.cmpi
// CHECK-NEXT:    gpu.launch
// CHECK-NEXT:      scf.if %[[LT]] {
func.func @nothing(%m: memref<?xf32>, %n: index, %f: f32) {
  %c0 = arith.constant 0 : index
  %lt = arith.cmpi slt, %n, %n : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %n, %gy = %n, %gz = %n) threads(%tx, %ty, %tz) in (%sx = %n, %sy = %n, %sz = %n) {
    scf.if %lt {
      memref.store %f, %m[%bx] : memref<?xf32>
    }
    gpu.terminator
  }
  return
}
