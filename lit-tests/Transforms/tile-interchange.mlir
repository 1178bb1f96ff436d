// RUN: ml-opt %s --tile="sizes=32,0,16 interchange=2,0,1" | FileCheck %s
// RUN: ml-opt %s --tile="sizes=32,0,16 interchange=2,0,1" | %mlir_opt > %t

// A size of 0 leaves a loop untiled (j here: its slices span all of it),
// and interchange orders the generated loops: k (loop 2) outside i (loop
// 0). Upstream's tile_using_for with tile_sizes [32, 0, 16] and
// interchange = [2, 0, 1] makes the same loops and slices.

// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[A:.*]]: tensor<?x?xf32>, %[[B:.*]]: tensor<?x?xf32>, %[[C:.*]]: tensor<?x?xf32>)
// CHECK: %[[M:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x?xf32>
// CHECK-NEXT: %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[N:.*]] = tensor.dim %[[B]], %[[C1]] : tensor<?x?xf32>
// CHECK-NEXT: %[[K:.*]] = tensor.dim %[[A]], %[[C1]] : tensor<?x?xf32>
// CHECK: scf.for %[[L:.*]] = %{{.*}} to %[[K]] step %{{.*}} iter_args(%[[O0:.*]] = %[[C]])
// CHECK-NEXT: scf.for %[[I:.*]] = %{{.*}} to %[[M]] step %{{.*}} iter_args(%[[O1:.*]] = %[[O0]])
// CHECK-NEXT: %[[LK:.*]] = arith.subi %[[K]], %[[L]] : index
// CHECK-NEXT: %[[TK:.*]] = arith.minsi %{{.*}}, %[[LK]] : index
// CHECK-NEXT: %[[LI:.*]] = arith.subi %[[M]], %[[I]] : index
// CHECK-NEXT: %[[TI:.*]] = arith.minsi %{{.*}}, %[[LI]] : index
// CHECK-NEXT: tensor.extract_slice %[[A]][%[[I]], %[[L]]] [%[[TI]], %[[TK]]] [1, 1]
// CHECK-NEXT: tensor.extract_slice %[[B]][%[[L]], 0] [%[[TK]], %[[N]]] [1, 1]
// CHECK-NEXT: tensor.extract_slice %[[O1]][%[[I]], 0] [%[[TI]], %[[N]]] [1, 1]
// CHECK-NEXT: linalg.matmul
// CHECK-NEXT: tensor.insert_slice %{{.*}} into %[[O1]][%[[I]], 0] [%[[TI]], %[[N]]] [1, 1]
func.func @matmul(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>, %c: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<?x?xf32>, tensor<?x?xf32>) outs(%c : tensor<?x?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
