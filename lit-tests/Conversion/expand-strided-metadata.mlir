// RUN: ml-opt %s --expand-strided-metadata | FileCheck %s

// Views become metadata arithmetic and a reinterpret_cast of the base
// buffer; what the types know statically is folded (upstream's form, with
// arith where upstream writes affine.apply).
// CHECK-LABEL: func.func @f(%arg0: memref<8x4xf32, strided<[?, ?], offset: ?>>, %arg1: index, %arg2: index) -> memref<?x4xf32, strided<[?, ?], offset: ?>> {
// CHECK-NEXT: %base_buffer, %offset, %sizes:2, %strides:2 = memref.extract_strided_metadata %arg0 : memref<8x4xf32, strided<[?, ?], offset: ?>> -> memref<f32>, index, index, index, index, index
// CHECK-NEXT: %0 = arith.muli %arg1, %strides#0 : index
// CHECK-NEXT: %1 = arith.addi %offset, %0 : index
// CHECK-NEXT: %reinterpret_cast = memref.reinterpret_cast %base_buffer to offset: [%1], sizes: [%arg2, 4], strides: [%strides#0, %strides#1] : memref<f32> to memref<?x4xf32, strided<[?, ?], offset: ?>>
// CHECK-NEXT: return %reinterpret_cast : memref<?x4xf32, strided<[?, ?], offset: ?>>
// CHECK-NEXT: }
func.func @f(%m: memref<8x4xf32, strided<[?, ?], offset: ?>>, %i: index, %n: index) -> memref<?x4xf32, strided<[?, ?], offset: ?>> {
  %s = memref.subview %m[%i, 0] [%n, 4] [1, 1] : memref<8x4xf32, strided<[?, ?], offset: ?>> to memref<?x4xf32, strided<[?, ?], offset: ?>>
  return %s : memref<?x4xf32, strided<[?, ?], offset: ?>>
}
// CHECK-LABEL: func.func @g(%arg0: memref<8x4xf32>, %arg1: index) -> memref<4xf32, strided<[1], offset: ?>> {
// CHECK-NEXT: %base_buffer, %offset, %sizes:2, %strides:2 = memref.extract_strided_metadata %arg0 : memref<8x4xf32> -> memref<f32>, index, index, index, index, index
// CHECK-NEXT: %c4 = arith.constant 4 : index
// CHECK-NEXT: %0 = arith.muli %arg1, %c4 : index
// CHECK-NEXT: %reinterpret_cast = memref.reinterpret_cast %base_buffer to offset: [%0], sizes: [4], strides: [1] : memref<f32> to memref<4xf32, strided<[1], offset: ?>>
// CHECK-NEXT: return %reinterpret_cast : memref<4xf32, strided<[1], offset: ?>>
// CHECK-NEXT: }
func.func @g(%m: memref<8x4xf32>, %i: index) -> memref<4xf32, strided<[1], offset: ?>> {
  %s = memref.subview %m[%i, 0] [1, 4] [1, 1] : memref<8x4xf32> to memref<4xf32, strided<[1], offset: ?>>
  return %s : memref<4xf32, strided<[1], offset: ?>>
}
// CHECK-LABEL: func.func @h(%arg0: memref<2x3x4xf32>) -> (memref<6x4xf32>, memref<2x3x2x2xf32>) {
// CHECK-NEXT: %base_buffer, %offset, %sizes:3, %strides:3 = memref.extract_strided_metadata %arg0 : memref<2x3x4xf32> -> memref<f32>, index, index, index, index, index, index, index
// CHECK-NEXT: %reinterpret_cast = memref.reinterpret_cast %base_buffer to offset: [0], sizes: [6, 4], strides: [4, 1] : memref<f32> to memref<6x4xf32>
// CHECK-NEXT: %base_buffer_0, %offset_1, %sizes_2:3, %strides_3:3 = memref.extract_strided_metadata %arg0 : memref<2x3x4xf32> -> memref<f32>, index, index, index, index, index, index, index
// CHECK-NEXT: %reinterpret_cast_4 = memref.reinterpret_cast %base_buffer_0 to offset: [0], sizes: [2, 3, 2, 2], strides: [12, 4, 2, 1] : memref<f32> to memref<2x3x2x2xf32>
// CHECK-NEXT: return %reinterpret_cast, %reinterpret_cast_4 : memref<6x4xf32>, memref<2x3x2x2xf32>
// CHECK-NEXT: }
func.func @h(%m: memref<2x3x4xf32>) -> (memref<6x4xf32>, memref<2x3x2x2xf32>) {
  %c = memref.collapse_shape %m [[0, 1], [2]] : memref<2x3x4xf32> into memref<6x4xf32>
  %e = memref.expand_shape %m [[0], [1], [2, 3]] output_shape [2, 3, 2, 2] : memref<2x3x4xf32> into memref<2x3x2x2xf32>
  return %c, %e : memref<6x4xf32>, memref<2x3x2x2xf32>
}

// A transpose permutes sizes and strides; a view of a view reads the
// inner view's metadata.
// CHECK-LABEL: func.func @transpose(
// CHECK: memref.reinterpret_cast %{{.*}} to offset: [0], sizes: [4, 8], strides: [1, 4] : memref<f32> to memref<4x8xf32, strided<[1, 4]>>
func.func @transpose(%m: memref<8x4xf32>) -> memref<4x8xf32, strided<[1, 4]>> {
  %t = memref.transpose %m (i, j) -> (j, i) : memref<8x4xf32> to memref<4x8xf32, strided<[1, 4]>>
  return %t : memref<4x8xf32, strided<[1, 4]>>
}
