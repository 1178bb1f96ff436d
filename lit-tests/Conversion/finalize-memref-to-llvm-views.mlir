// RUN: ml-opt %s --expand-strided-metadata --finalize-memref-to-llvm | FileCheck %s

// Views reach the llvm dialect through their metadata: the base buffer is
// the source's pointers with offset 0; the reinterpret_cast builds the
// view's descriptor from them and the computed offset, sizes and strides.
// (Upstream builds the same fields in another order.)

// CHECK-LABEL: func.func @subview(
// CHECK: %[[SRC:.*]] = builtin.unrealized_conversion_cast %arg0 : memref<8x4xf32> to !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK: %[[ALLOCATED:.*]] = llvm.extractvalue %[[SRC]][0]
// CHECK: %[[ALIGNED:.*]] = llvm.extractvalue %[[SRC]][1]
// CHECK: %[[BASE0:.*]] = llvm.insertvalue %[[ALLOCATED]], %{{.*}}[0] : !llvm.struct<(ptr, ptr, i64)>
// CHECK: %[[BASE1:.*]] = llvm.insertvalue %[[ALIGNED]], %[[BASE0]][1] : !llvm.struct<(ptr, ptr, i64)>
// CHECK: %[[ZERO:.*]] = llvm.mlir.constant(0 : index) : i64
// CHECK: %[[BASE:.*]] = llvm.insertvalue %[[ZERO]], %[[BASE1]][2] : !llvm.struct<(ptr, ptr, i64)>
// CHECK: %[[ROW:.*]] = arith.muli %arg1, %c4 : index
// CHECK: %[[OFFSET:.*]] = arith.addi %[[ROW]], %c1 : index
// CHECK: %[[OFFSET64:.*]] = builtin.unrealized_conversion_cast %[[OFFSET]] : index to i64
// CHECK: llvm.insertvalue %[[OFFSET64]], %{{.*}}[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK: llvm.load
func.func @subview(%m: memref<8x4xf32>, %i: index) -> f32 {
  %c0 = arith.constant 0 : index
  %s = memref.subview %m[%i, 1] [2, 2] [1, 1] : memref<8x4xf32> to memref<2x2xf32, strided<[4, 1], offset: ?>>
  %x = memref.load %s[%c0, %c0] : memref<2x2xf32, strided<[4, 1], offset: ?>>
  return %x : f32
}

// A rank-reducing view of a dynamic layout: the dropped dimension's
// offset still counts, its stride goes.
// CHECK-LABEL: func.func @dynamic(
// CHECK: %[[STRIDE0:.*]] = llvm.extractvalue %{{.*}}[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK: %[[STRIDE1:.*]] = llvm.extractvalue %{{.*}}[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK: %[[S0:.*]] = builtin.unrealized_conversion_cast %[[STRIDE0]] : i64 to index
// CHECK: %[[S1:.*]] = builtin.unrealized_conversion_cast %[[STRIDE1]] : i64 to index
// CHECK: arith.muli %arg1, %[[S0]] : index
// CHECK: %[[STEP:.*]] = arith.muli %[[S0]], %c2 : index
// CHECK: arith.muli %arg1, %[[S1]] : index
// CHECK: %[[STEP64:.*]] = builtin.unrealized_conversion_cast %[[STEP]] : index to i64
// CHECK: llvm.insertvalue %[[STEP64]], %{{.*}}[4, 0] : !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
func.func @dynamic(%m: memref<?x?xf32, strided<[?, ?], offset: ?>>, %i: index, %n: index) -> f32 {
  %c0 = arith.constant 0 : index
  %s = memref.subview %m[%i, %i] [%n, 1] [2, 1] : memref<?x?xf32, strided<[?, ?], offset: ?>> to memref<?xf32, strided<[?], offset: ?>>
  %x = memref.load %s[%c0] : memref<?xf32, strided<[?], offset: ?>>
  return %x : f32
}

// memref.reshape: the source's pointers, offset 0, the static sizes as
// constants and the dynamic ones loaded from the sizes' buffer (i32 sizes
// sign-extended), row-major strides.
// CHECK-LABEL: func.func @reshape(
// CHECK:         %[[SIZES:.*]] = builtin.unrealized_conversion_cast %arg1 : memref<3xi32> to !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
// CHECK:         %[[C4:.*]] = llvm.mlir.constant(4 : index) : i64
// CHECK:         %[[C1:.*]] = llvm.mlir.constant(1 : index) : i64
// CHECK:         %[[P:.*]] = llvm.extractvalue %[[SIZES]][1]
// CHECK:         %[[A:.*]] = llvm.getelementptr inbounds|nuw %[[P]][%[[C1]]] : (!llvm.ptr, i64) -> !llvm.ptr, i32
// CHECK:         %[[L:.*]] = llvm.load %[[A]] : !llvm.ptr -> i32
// CHECK:         %[[N:.*]] = llvm.sext %[[L]] : i32 to i64
// CHECK:         %[[C2:.*]] = llvm.mlir.constant(2 : index) : i64
// CHECK:         %[[ONE:.*]] = llvm.mlir.constant(1 : index) : i64
// CHECK:         %[[STRIDE1:.*]] = llvm.mul %[[ONE]], %[[C2]] : i64
// CHECK:         %[[STRIDE0:.*]] = llvm.mul %[[STRIDE1]], %[[N]] : i64
// CHECK:         %[[ZERO:.*]] = llvm.mlir.constant(0 : index) : i64
// CHECK:         llvm.insertvalue %[[ZERO]], %{{.*}}[2]
// CHECK:         llvm.insertvalue %[[C4]], %{{.*}}[3, 0]
// CHECK:         llvm.insertvalue %[[STRIDE0]], %{{.*}}[4, 0]
// CHECK:         llvm.insertvalue %[[N]], %{{.*}}[3, 1]
// CHECK:         llvm.insertvalue %[[STRIDE1]], %{{.*}}[4, 1]
// CHECK:         llvm.insertvalue %[[C2]], %{{.*}}[3, 2]
// CHECK:         llvm.insertvalue %[[ONE]], %{{.*}}[4, 2]
func.func @reshape(%m: memref<24xf32>, %s: memref<3xi32>) -> memref<4x?x2xf32> {
  %r = memref.reshape %m(%s) : (memref<24xf32>, memref<3xi32>) -> memref<4x?x2xf32>
  return %r : memref<4x?x2xf32>
}
