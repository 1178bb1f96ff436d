// RUN: ml-opt %s --split-input-file --tile="sizes=32,40,16" | FileCheck %s
// RUN: ml-opt %s --split-input-file --tile="sizes=32,40,16" | %mlir_opt --split-input-file > %t

// Tiling three-loop ops with sizes 32, 40 and 16. The loop structure and
// slices are those of upstream's transform.structured.tile_using_for with
// tile_sizes [32, 40, 16]; where upstream writes affine.min(-d0 + ub, ts)
// we compute min(ts, ub - iv) with arith.subi and arith.minsi. The second
// RUN line has upstream mlir-opt read everything we print.

// 32 divides 128 and 16 divides 64: those tiles stay static; 40 does not
// divide 96, so the j tile is min(40, 96 - j) and the slices it touches
// are dynamic. The matmul's k loop is a reduction: the accumulator tile
// is carried by the iter_args of all three loops.

// CHECK-LABEL: func.func @matmul_static
// CHECK-SAME: (%[[A:.*]]: tensor<128x64xf32>, %[[B:.*]]: tensor<64x96xf32>, %[[C:.*]]: tensor<128x96xf32>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C128:.*]] = arith.constant 128 : index
// CHECK-DAG: %[[C96:.*]] = arith.constant 96 : index
// CHECK-DAG: %[[C64:.*]] = arith.constant 64 : index
// CHECK-DAG: %[[C32:.*]] = arith.constant 32 : index
// CHECK-DAG: %[[C40:.*]] = arith.constant 40 : index
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK: %[[R:.*]] = scf.for %[[I:.*]] = %[[C0]] to %[[C128]] step %[[C32]] iter_args(%[[O0:.*]] = %[[C]]) -> (tensor<128x96xf32>) {
// CHECK-NEXT: %[[R1:.*]] = scf.for %[[J:.*]] = %[[C0]] to %[[C96]] step %[[C40]] iter_args(%[[O1:.*]] = %[[O0]]) -> (tensor<128x96xf32>) {
// CHECK-NEXT: %[[R2:.*]] = scf.for %[[K:.*]] = %[[C0]] to %[[C64]] step %[[C16]] iter_args(%[[O2:.*]] = %[[O1]]) -> (tensor<128x96xf32>) {
// CHECK-NEXT: %[[LEFT:.*]] = arith.subi %[[C96]], %[[J]] : index
// CHECK-NEXT: %[[TJ:.*]] = arith.minsi %[[C40]], %[[LEFT]] : index
// CHECK-NEXT: %[[SA:.*]] = tensor.extract_slice %[[A]][%[[I]], %[[K]]] [32, 16] [1, 1] : tensor<128x64xf32> to tensor<32x16xf32>
// CHECK-NEXT: %[[SB:.*]] = tensor.extract_slice %[[B]][%[[K]], %[[J]]] [16, %[[TJ]]] [1, 1] : tensor<64x96xf32> to tensor<16x?xf32>
// CHECK-NEXT: %[[SC:.*]] = tensor.extract_slice %[[O2]][%[[I]], %[[J]]] [32, %[[TJ]]] [1, 1] : tensor<128x96xf32> to tensor<32x?xf32>
// CHECK-NEXT: %[[M:.*]] = linalg.matmul ins(%[[SA]], %[[SB]] : tensor<32x16xf32>, tensor<16x?xf32>) outs(%[[SC]] : tensor<32x?xf32>) -> tensor<32x?xf32>
// CHECK-NEXT: %[[U:.*]] = tensor.insert_slice %[[M]] into %[[O2]][%[[I]], %[[J]]] [32, %[[TJ]]] [1, 1] : tensor<32x?xf32> into tensor<128x96xf32>
// CHECK-NEXT: scf.yield %[[U]] : tensor<128x96xf32>
// CHECK-NEXT: }
// CHECK-NEXT: scf.yield %[[R2]] : tensor<128x96xf32>
// CHECK-NEXT: }
// CHECK-NEXT: scf.yield %[[R1]] : tensor<128x96xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[R]] : tensor<128x96xf32>
func.func @matmul_static(%a: tensor<128x64xf32>, %b: tensor<64x96xf32>, %c: tensor<128x96xf32>) -> tensor<128x96xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<128x64xf32>, tensor<64x96xf32>) outs(%c : tensor<128x96xf32>) -> tensor<128x96xf32>
  return %0 : tensor<128x96xf32>
}

// -----

// Dynamic sizes: each loop runs to the tensor.dim of the first operand
// dimension it indexes alone (i: A dim 0, j: B dim 1, k: A dim 1), read
// before the loops; every tile is a min.

// CHECK-LABEL: func.func @matmul_dynamic
// CHECK-SAME: (%[[A:.*]]: tensor<?x?xf32>, %[[B:.*]]: tensor<?x?xf32>, %[[C:.*]]: tensor<?x?xf32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[M:.*]] = tensor.dim %[[A]], %[[C0]] : tensor<?x?xf32>
// CHECK-NEXT: %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[N:.*]] = tensor.dim %[[B]], %[[C1]] : tensor<?x?xf32>
// CHECK-NEXT: %[[K:.*]] = tensor.dim %[[A]], %[[C1]] : tensor<?x?xf32>
// CHECK: scf.for %[[I:.*]] = %[[C0]] to %[[M]] step
// CHECK: scf.for %[[J:.*]] = %[[C0]] to %[[N]] step
// CHECK: scf.for %[[L:.*]] = %[[C0]] to %[[K]] step {{.*}} iter_args(%[[O:.*]] = {{.*}})
// CHECK-NEXT: %[[LI:.*]] = arith.subi %[[M]], %[[I]] : index
// CHECK-NEXT: %[[TI:.*]] = arith.minsi %{{.*}}, %[[LI]] : index
// CHECK-NEXT: %[[LJ:.*]] = arith.subi %[[N]], %[[J]] : index
// CHECK-NEXT: %[[TJ:.*]] = arith.minsi %{{.*}}, %[[LJ]] : index
// CHECK-NEXT: %[[LK:.*]] = arith.subi %[[K]], %[[L]] : index
// CHECK-NEXT: %[[TK:.*]] = arith.minsi %{{.*}}, %[[LK]] : index
// CHECK-NEXT: tensor.extract_slice %[[A]][%[[I]], %[[L]]] [%[[TI]], %[[TK]]] [1, 1] : tensor<?x?xf32> to tensor<?x?xf32>
// CHECK-NEXT: tensor.extract_slice %[[B]][%[[L]], %[[J]]] [%[[TK]], %[[TJ]]] [1, 1] : tensor<?x?xf32> to tensor<?x?xf32>
// CHECK-NEXT: tensor.extract_slice %[[O]][%[[I]], %[[J]]] [%[[TI]], %[[TJ]]] [1, 1] : tensor<?x?xf32> to tensor<?x?xf32>
// CHECK-NEXT: linalg.matmul
// CHECK-NEXT: tensor.insert_slice %{{.*}} into %[[O]][%[[I]], %[[J]]] [%[[TI]], %[[TJ]]] [1, 1] : tensor<?x?xf32> into tensor<?x?xf32>
func.func @matmul_dynamic(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>, %c: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<?x?xf32>, tensor<?x?xf32>) outs(%c : tensor<?x?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// On buffers: subviews with strided layouts, the op on them, and loops
// that carry nothing.

// CHECK-LABEL: func.func @matmul_buffers
// CHECK-SAME: (%[[A:.*]]: memref<128x64xf32>, %[[B:.*]]: memref<64x96xf32>, %[[C:.*]]: memref<128x96xf32>)
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT: scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT: %[[LEFT:.*]] = arith.subi %{{.*}}, %[[J]] : index
// CHECK-NEXT: %[[TJ:.*]] = arith.minsi %{{.*}}, %[[LEFT]] : index
// CHECK-NEXT: %[[SA:.*]] = memref.subview %[[A]][%[[I]], %[[K]]] [32, 16] [1, 1] : memref<128x64xf32> to memref<32x16xf32, strided<[64, 1], offset: ?>>
// CHECK-NEXT: %[[SB:.*]] = memref.subview %[[B]][%[[K]], %[[J]]] [16, %[[TJ]]] [1, 1] : memref<64x96xf32> to memref<16x?xf32, strided<[96, 1], offset: ?>>
// CHECK-NEXT: %[[SC:.*]] = memref.subview %[[C]][%[[I]], %[[J]]] [32, %[[TJ]]] [1, 1] : memref<128x96xf32> to memref<32x?xf32, strided<[96, 1], offset: ?>>
// CHECK-NEXT: linalg.matmul ins(%[[SA]], %[[SB]] : {{.*}}) outs(%[[SC]] : memref<32x?xf32, strided<[96, 1], offset: ?>>)
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return
func.func @matmul_buffers(%a: memref<128x64xf32>, %b: memref<64x96xf32>, %c: memref<128x96xf32>) {
  linalg.matmul ins(%a, %b : memref<128x64xf32>, memref<64x96xf32>) outs(%c : memref<128x96xf32>)
  return
}

// -----

// A convolution's input is indexed by oh + kh and ow + kw: its slice
// starts at the output tile's offset and is 2 larger than the output tile
// (kh and kw, 3, are not tiled): min(40, 64 - oh) + 2 rows and 16 + 2
// columns. The n loop (size 1) is one whole tile.

// CHECK-LABEL: func.func @conv
// CHECK-SAME: (%[[I:.*]]: tensor<1x66x66x3xf32>, %[[F:.*]]: tensor<3x3x3x8xf32>, %[[O:.*]]: tensor<1x64x64x8xf32>)
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : index
// CHECK: scf.for %[[N:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args
// CHECK-NEXT: scf.for %[[OH:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args
// CHECK-NEXT: scf.for %[[OW:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %{{.*}})
// CHECK-NEXT: %[[LEFT:.*]] = arith.subi %{{.*}}, %[[OH]] : index
// CHECK-NEXT: %[[TOH:.*]] = arith.minsi %{{.*}}, %[[LEFT]] : index
// CHECK-NEXT: %[[ROWS:.*]] = arith.addi %[[TOH]], %[[C2]] : index
// CHECK-NEXT: tensor.extract_slice %[[I]][%[[N]], %[[OH]], %[[OW]], 0] [1, %[[ROWS]], 18, 3] [1, 1, 1, 1] : tensor<1x66x66x3xf32> to tensor<1x?x18x3xf32>
// CHECK-NEXT: tensor.extract_slice %[[F]][0, 0, 0, 0] [3, 3, 3, 8] [1, 1, 1, 1] : tensor<3x3x3x8xf32> to tensor<3x3x3x8xf32>
// CHECK-NEXT: tensor.extract_slice %[[ACC]][%[[N]], %[[OH]], %[[OW]], 0] [1, %[[TOH]], 16, 8] [1, 1, 1, 1] : tensor<1x64x64x8xf32> to tensor<1x?x16x8xf32>
// CHECK-NEXT: linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<1x?x16x8xf32>
func.func @conv(%i: tensor<1x66x66x3xf32>, %f: tensor<3x3x3x8xf32>, %o: tensor<1x64x64x8xf32>) -> tensor<1x64x64x8xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf ins(%i, %f : tensor<1x66x66x3xf32>, tensor<3x3x3x8xf32>) outs(%o : tensor<1x64x64x8xf32>) -> tensor<1x64x64x8xf32>
  return %0 : tensor<1x64x64x8xf32>
}
