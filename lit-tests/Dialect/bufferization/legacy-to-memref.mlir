// RUN: ml-opt %s | FileCheck %s

// `bufferization.to_memref`, the name of `to_buffer` before MLIR 21, is
// still read; it prints as `to_buffer` (upstream 22 no longer accepts it).

// CHECK-LABEL: func.func @legacy(%arg0: tensor<4xf32>) -> memref<4xf32> {
// CHECK-NEXT: %0 = bufferization.to_buffer %arg0 : tensor<4xf32> to memref<4xf32>
// CHECK-NEXT: return %0 : memref<4xf32>
func.func @legacy(%t: tensor<4xf32>) -> memref<4xf32> {
  %0 = bufferization.to_memref %t : tensor<4xf32> to memref<4xf32>
  return %0 : memref<4xf32>
}
