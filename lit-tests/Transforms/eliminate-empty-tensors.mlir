// RUN: ml-opt %s --eliminate-empty-tensors | FileCheck %s
// RUN: ml-opt %s --eliminate-empty-tensors --one-shot-bufferize="bufferize-function-boundaries" | FileCheck %s --check-prefix=BUFFERS

// The empty tile is computed into and inserted into the loop's tensor: it
// becomes that slice, and bufferization then writes the tile in place.
// CHECK-LABEL: func.func @tiles(
// CHECK: scf.for %[[I:.*]] = {{.*}} iter_args(%[[ACC:.*]] = %arg0)
// CHECK-NEXT: %[[SLICE:.*]] = tensor.extract_slice %[[ACC]][%[[I]], 0] [4, 8] [1, 1] : tensor<?x8xf32> to tensor<4x8xf32>
// CHECK-NEXT: %[[F:.*]] = linalg.fill ins(%arg1 : f32) outs(%[[SLICE]] : tensor<4x8xf32>)
// CHECK-NOT: tensor.empty
// BUFFERS-LABEL: func.func @tiles(
// BUFFERS-NOT: memref.alloc
// BUFFERS-NOT: memref.copy
// BUFFERS: return
func.func @tiles(%dest: tensor<?x8xf32>, %x: f32, %n: index) -> tensor<?x8xf32> {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %r = scf.for %i = %c0 to %n step %c4 iter_args(%acc = %dest) -> tensor<?x8xf32> {
    %e = tensor.empty() : tensor<4x8xf32>
    %f = linalg.fill ins(%x : f32) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
    %g = linalg.exp ins(%f : tensor<4x8xf32>) outs(%f : tensor<4x8xf32>) -> tensor<4x8xf32>
    %u = tensor.insert_slice %g into %acc[%i, 0] [4, 8] [1, 1] : tensor<4x8xf32> into tensor<?x8xf32>
    scf.yield %u : tensor<?x8xf32>
  }
  return %r : tensor<?x8xf32>
}

// The destination is made after the computation: the slice could not be
// taken there, so the tensor.empty stays.
// CHECK-LABEL: func.func @destination_made_later(
// CHECK: tensor.empty() : tensor<4xf32>
// CHECK: linalg.fill
// CHECK: tensor.empty() : tensor<8xf32>
func.func @destination_made_later(%x: f32) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %f = linalg.fill ins(%x : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %d = tensor.empty() : tensor<8xf32>
  %u = tensor.insert_slice %f into %d[0] [4] [1] : tensor<4xf32> into tensor<8xf32>
  return %u : tensor<8xf32>
}
