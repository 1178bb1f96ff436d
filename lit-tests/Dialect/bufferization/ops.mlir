// RUN: ml-opt %s | FileCheck %s
// RUN: ml-opt %s | ml-opt | FileCheck %s
// RUN: ml-opt %s --mlir-print-op-generic | ml-opt | FileCheck %s

// Every bufferization op and syntax variant; the CHECK lines are what
// upstream mlir-opt 22 prints.

// Tensors from buffers (restrict, writable, strided and memory-space
// buffers, unranked) and buffers of tensors (read_only).
// CHECK-LABEL: func.func @conversions(%arg0: tensor<4x?xf32>, %arg1: memref<4x?xf32>, %arg2: memref<4x?xf32, strided<[?, 1], offset: ?>, 1>, %arg3: memref<*xf32>, %arg4: tensor<*xf32>) {
// CHECK-NEXT: %0 = bufferization.to_tensor %arg1 : memref<4x?xf32> to tensor<4x?xf32>
// CHECK-NEXT: %1 = bufferization.to_tensor %arg1 restrict writable : memref<4x?xf32> to tensor<4x?xf32>
// CHECK-NEXT: %2 = bufferization.to_tensor %arg2 restrict : memref<4x?xf32, strided<[?, 1], offset: ?>, 1> to tensor<4x?xf32>
// CHECK-NEXT: %3 = bufferization.to_tensor %arg3 writable {tag} : memref<*xf32> to tensor<*xf32>
// CHECK-NEXT: %4 = bufferization.to_buffer %arg0 : tensor<4x?xf32> to memref<4x?xf32>
// CHECK-NEXT: %5 = bufferization.to_buffer %arg0 read_only : tensor<4x?xf32> to memref<4x?xf32, strided<[?, 1], offset: ?>, 1>
// CHECK-NEXT: %6 = bufferization.to_buffer %arg4 : tensor<*xf32> to memref<*xf32>
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @conversions(%t: tensor<4x?xf32>, %m: memref<4x?xf32>, %s: memref<4x?xf32, strided<[?, 1], offset: ?>, 1>, %u: memref<*xf32>, %ut: tensor<*xf32>) {
  %0 = bufferization.to_tensor %m : memref<4x?xf32> to tensor<4x?xf32>
  %1 = bufferization.to_tensor %m restrict writable : memref<4x?xf32> to tensor<4x?xf32>
  %2 = bufferization.to_tensor %s restrict : memref<4x?xf32, strided<[?, 1], offset: ?>, 1> to tensor<4x?xf32>
  %3 = bufferization.to_tensor %u writable {tag} : memref<*xf32> to tensor<*xf32>
  %4 = bufferization.to_buffer %t : tensor<4x?xf32> to memref<4x?xf32>
  %5 = bufferization.to_buffer %t read_only : tensor<4x?xf32> to memref<4x?xf32, strided<[?, 1], offset: ?>, 1>
  %6 = bufferization.to_buffer %ut : tensor<*xf32> to memref<*xf32>
  return
}

// Tensor allocations (dynamic sizes, copy, size hint, memory spaces),
// their release, and buffer clones.
// CHECK-LABEL: func.func @allocations(%arg0: tensor<4x?xf32>, %arg1: index, %arg2: memref<?xf32>) {
// CHECK-NEXT: %0 = bufferization.alloc_tensor(%arg1) : tensor<4x?xf32>
// CHECK-NEXT: %1 = bufferization.alloc_tensor() copy(%arg0) : tensor<4x?xf32>
// CHECK-NEXT: %2 = bufferization.alloc_tensor(%arg1) size_hint=%arg1 : tensor<4x?xf32>
// CHECK-NEXT: %3 = bufferization.alloc_tensor(%arg1) {memory_space = 1 : i64} : tensor<4x?xf32>
// CHECK-NEXT: %4 = bufferization.alloc_tensor() copy(%arg0) {memory_space = #gpu.address_space<workgroup>} : tensor<4x?xf32>
// CHECK-NEXT: %5 = bufferization.alloc_tensor() : tensor<2x3xf32>
// CHECK-NEXT: bufferization.dealloc_tensor %5 : tensor<2x3xf32>
// CHECK-NEXT: %6 = bufferization.clone %arg2 : memref<?xf32> to memref<?xf32>
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @allocations(%t: tensor<4x?xf32>, %n: index, %m: memref<?xf32>) {
  %0 = bufferization.alloc_tensor(%n) : tensor<4x?xf32>
  %1 = bufferization.alloc_tensor() copy(%t) : tensor<4x?xf32>
  %2 = bufferization.alloc_tensor(%n) size_hint=%n : tensor<4x?xf32>
  %3 = bufferization.alloc_tensor(%n) {memory_space = 1 : i64} : tensor<4x?xf32>
  %4 = bufferization.alloc_tensor() copy(%t) {memory_space = #gpu.address_space<workgroup>} : tensor<4x?xf32>
  %5 = bufferization.alloc_tensor() : tensor<2x3xf32>
  bufferization.dealloc_tensor %5 : tensor<2x3xf32>
  %6 = bufferization.clone %m : memref<?xf32> to memref<?xf32>
  return
}

// Materialisation into a tensor (a result) and into buffers (none).
// CHECK-LABEL: func.func @destinations(%arg0: tensor<?xf32>, %arg1: tensor<?xf32>, %arg2: tensor<4xf32>, %arg3: memref<?xf32>, %arg4: memref<4xf32, strided<[2]>, 1>) -> tensor<?xf32> {
// CHECK-NEXT: %0 = bufferization.materialize_in_destination %arg0 in %arg1 : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
// CHECK-NEXT: bufferization.materialize_in_destination %arg0 in restrict writable %arg3 : (tensor<?xf32>, memref<?xf32>) -> ()
// CHECK-NEXT: bufferization.materialize_in_destination %arg2 in writable %arg4 {tag} : (tensor<4xf32>, memref<4xf32, strided<[2]>, 1>) -> ()
// CHECK-NEXT: return %0 : tensor<?xf32>
// CHECK-NEXT: }
func.func @destinations(%t: tensor<?xf32>, %d: tensor<?xf32>, %s: tensor<4xf32>, %m: memref<?xf32>, %w: memref<4xf32, strided<[2]>, 1>) -> tensor<?xf32> {
  %0 = bufferization.materialize_in_destination %t in %d : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  bufferization.materialize_in_destination %t in restrict writable %m : (tensor<?xf32>, memref<?xf32>) -> ()
  bufferization.materialize_in_destination %s in writable %w {tag} : (tensor<4xf32>, memref<4xf32, strided<[2]>, 1>) -> ()
  return %0 : tensor<?xf32>
}

// Ownership-based deallocation: conditions, retained memrefs and their
// updated conditions, and the empty form.
// CHECK-LABEL: func.func @deallocations(%arg0: memref<2xf32>, %arg1: memref<4xi32>, %arg2: i1, %arg3: i1, %arg4: memref<?xf32>, %arg5: memref<f64>, %arg6: memref<*xf32>) -> (i1, i1) {
// CHECK-NEXT: %0:2 = bufferization.dealloc (%arg0, %arg1 : memref<2xf32>, memref<4xi32>) if (%arg2, %arg3) retain (%arg4, %arg6 : memref<?xf32>, memref<*xf32>)
// CHECK-NEXT: bufferization.dealloc (%arg0 : memref<2xf32>) if (%arg2)
// CHECK-NEXT: %1 = bufferization.dealloc retain (%arg5 : memref<f64>)
// CHECK-NEXT: bufferization.dealloc
// CHECK-NEXT: bufferization.dealloc {tag}
// CHECK-NEXT: return %0#0, %1 : i1, i1
// CHECK-NEXT: }
func.func @deallocations(%a: memref<2xf32>, %b: memref<4xi32>, %c0: i1, %c1: i1, %r0: memref<?xf32>, %r1: memref<f64>, %u: memref<*xf32>) -> (i1, i1) {
  %0:2 = bufferization.dealloc (%a, %b : memref<2xf32>, memref<4xi32>) if (%c0, %c1) retain (%r0, %u : memref<?xf32>, memref<*xf32>)
  bufferization.dealloc (%a : memref<2xf32>) if (%c0)
  %1 = bufferization.dealloc retain (%r1 : memref<f64>)
  bufferization.dealloc
  bufferization.dealloc {tag}
  return %0#0, %1 : i1, i1
}
