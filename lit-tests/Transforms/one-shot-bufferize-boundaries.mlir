// RUN: ml-opt %s --one-shot-bufferize | FileCheck %s --check-prefix=TENSORS
// RUN: ml-opt %s --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" | FileCheck %s --check-prefix=IDENTITY

// Without bufferize-function-boundaries, signatures keep tensors: arguments
// are read through read-only buffers (never written in place), results are
// tensors of buffers.
// TENSORS-LABEL: func.func @scale(%arg0: tensor<4xf32>, %arg1: f32) -> tensor<4xf32> {
// TENSORS-NEXT: %[[IN:.*]] = bufferization.to_buffer %arg0 read_only : tensor<4xf32> to memref<4xf32, strided<[?], offset: ?>>
// TENSORS-NEXT: %[[NEW:.*]] = memref.alloc()
// TENSORS-NEXT: memref.copy %[[IN]], %[[NEW]]
// TENSORS-NEXT: linalg.generic {{.*}} outs(%[[NEW]] : memref<4xf32>)
// TENSORS: %[[OUT:.*]] = bufferization.to_tensor %[[NEW]] : memref<4xf32> to tensor<4xf32>
// TENSORS-NEXT: return %[[OUT]] : tensor<4xf32>
//
// With identity layouts, arguments are contiguous buffers...
// IDENTITY-LABEL: func.func @scale(%arg0: memref<4xf32>, %arg1: f32) -> memref<4xf32> {
// IDENTITY-NEXT: linalg.generic {{.*}} outs(%arg0 : memref<4xf32>)
func.func @scale(%t: tensor<4xf32>, %s: f32) -> tensor<4xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>], iterator_types = ["parallel"]} outs(%t : tensor<4xf32>) {
  ^bb0(%o: f32):
    %m = arith.mulf %o, %s : f32
    linalg.yield %m : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// ...so a caller passing a strided view copies it into a contiguous buffer.
// TENSORS-LABEL: func.func @caller(
// TENSORS: %[[T:.*]] = bufferization.to_tensor %{{.*}} : memref<4xf32, strided<[?], offset: ?>> to tensor<4xf32>
// TENSORS-NEXT: %[[R:.*]] = call @scale(%[[T]], %{{.*}}) : (tensor<4xf32>, f32) -> tensor<4xf32>
// TENSORS-NEXT: bufferization.to_buffer %[[R]] read_only
// IDENTITY-LABEL: func.func @caller(%arg0: memref<8xf32>, %arg1: f32) -> memref<4xf32> {
// IDENTITY: %[[VIEW:.*]] = memref.subview %arg0[0] [4] [2] : memref<8xf32> to memref<4xf32, strided<[2]>>
// IDENTITY-NEXT: %[[COPY:.*]] = memref.alloc()
// IDENTITY-NEXT: memref.copy %[[VIEW]], %[[COPY]]
// IDENTITY: call @scale(%[[COPY]], %arg1) : (memref<4xf32>, f32) -> memref<4xf32>
func.func @caller(%t: tensor<8xf32>, %s: f32) -> tensor<4xf32> {
  %v = tensor.extract_slice %t[0] [4] [2] : tensor<8xf32> to tensor<4xf32>
  %r = call @scale(%v, %s) : (tensor<4xf32>, f32) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// A loop's tensor result returned from a function that keeps tensors: the
// return gets a tensor of the loop's buffer, of the function's result type.
// TENSORS-LABEL: func.func @loop_result(
// TENSORS: %[[R:.*]] = scf.for {{.*}} -> (memref<4xf32>) {
// TENSORS: %[[T:.*]] = bufferization.to_tensor %[[R]] : memref<4xf32> to tensor<4xf32>
// TENSORS-NEXT: return %[[T]] : tensor<4xf32>
func.func @loop_result(%x: f32, %n: index) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %e = tensor.empty() : tensor<4xf32>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%a = %e) -> tensor<4xf32> {
    %f = linalg.fill ins(%x : f32) outs(%a : tensor<4xf32>) -> tensor<4xf32>
    scf.yield %f : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}
