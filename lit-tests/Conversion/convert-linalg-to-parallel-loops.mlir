// RUN: ml-opt %s --split-input-file --convert-linalg-to-parallel-loops | FileCheck %s --check-prefixes=CHECK,ARITH
// RUN: %mlir_opt %s --split-input-file --convert-linalg-to-parallel-loops | FileCheck %s --check-prefixes=CHECK,AFFINE

// The CHECK lines hold for us and for upstream mlir-opt 22; the ARITH
// lines are our index arithmetic, the AFFINE lines upstream's affine.apply.

// The parallel loops form one scf.parallel; the reduction loop is an scf.for inside.
// CHECK-LABEL: func.func @matmul(
// CHECK-SAME: %[[A:.*]]: memref<?x?xf32>, %[[B:.*]]: memref<?x?xf32>, %[[C:.*]]: memref<?x?xf32>) {
// CHECK-NEXT:   %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT:   %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:   %[[M:.*]] = memref.dim %[[A]], %[[C0]] : memref<?x?xf32>
// CHECK-NEXT:   %[[K:.*]] = memref.dim %[[A]], %[[C1]] : memref<?x?xf32>
// CHECK-NEXT:   %[[N:.*]] = memref.dim %[[B]], %[[C1]] : memref<?x?xf32>
// CHECK-NEXT:   scf.parallel (%[[I:.*]], %[[J:.*]]) = (%[[C0]], %[[C0]]) to (%[[M]], %[[N]]) step (%[[C1]], %[[C1]]) {
// CHECK-NEXT:     scf.for %[[L:.*]] = %[[C0]] to %[[K]] step %[[C1]] {
// CHECK-NEXT:       %[[X:.*]] = memref.load %[[A]][%[[I]], %[[L]]] : memref<?x?xf32>
// CHECK-NEXT:       %[[Y:.*]] = memref.load %[[B]][%[[L]], %[[J]]] : memref<?x?xf32>
// CHECK-NEXT:       %[[Z:.*]] = memref.load %[[C]][%[[I]], %[[J]]] : memref<?x?xf32>
// CHECK-NEXT:       %[[P:.*]] = arith.mulf %[[X]], %[[Y]] : f32
// CHECK-NEXT:       %[[S:.*]] = arith.addf %[[Z]], %[[P]] : f32
// CHECK-NEXT:       memref.store %[[S]], %[[C]][%[[I]], %[[J]]] : memref<?x?xf32>
// CHECK-NEXT:     }
// CHECK-NEXT:     scf.reduce
// CHECK-NEXT:   }
// CHECK-NEXT:   return
func.func @matmul(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %c: memref<?x?xf32>) {
  linalg.matmul ins(%a, %b : memref<?x?xf32>, memref<?x?xf32>) outs(%c : memref<?x?xf32>)
  return
}

// -----

// AFFINE: #[[$MAP:.*]] = affine_map<(d0, d1) -> (d0 * 2 + d1)>
// CHECK-LABEL: func.func @conv(
// CHECK-SAME: %[[IN:.*]]: memref<1x10x10x3xf32>, %[[F:.*]]: memref<3x3x3x8xf32>, %[[OUT:.*]]: memref<1x4x4x8xf32>) {
// ARITH:        %[[C2:.*]] = arith.constant 2 : index
// CHECK:        scf.parallel (%[[N:.*]], %[[OH:.*]], %[[OW:.*]], %[[OC:.*]]) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// CHECK-NEXT:     scf.for %[[KH:.*]] = %{{.*}} to %{{.*}} step
// CHECK-NEXT:       scf.for %[[KW:.*]] = %{{.*}} to %{{.*}} step
// CHECK-NEXT:         scf.for %[[IC:.*]] = %{{.*}} to %{{.*}} step
// ARITH-NEXT:           %[[M1:.*]] = arith.muli %[[OH]], %[[C2]] : index
// ARITH-NEXT:           %[[H:.*]] = arith.addi %[[M1]], %[[KH]] : index
// ARITH-NEXT:           %[[M2:.*]] = arith.muli %[[OW]], %[[C2]] : index
// ARITH-NEXT:           %[[W:.*]] = arith.addi %[[M2]], %[[KW]] : index
// AFFINE-NEXT:          %[[H:.*]] = affine.apply #[[$MAP]](%[[OH]], %[[KH]])
// AFFINE-NEXT:          %[[W:.*]] = affine.apply #[[$MAP]](%[[OW]], %[[KW]])
// CHECK-NEXT:           %[[X:.*]] = memref.load %[[IN]][%[[N]], %[[H]], %[[W]], %[[IC]]] : memref<1x10x10x3xf32>
// CHECK-NEXT:           %[[Y:.*]] = memref.load %[[F]][%[[KH]], %[[KW]], %[[IC]], %[[OC]]] : memref<3x3x3x8xf32>
// CHECK-NEXT:           %[[Z:.*]] = memref.load %[[OUT]][%[[N]], %[[OH]], %[[OW]], %[[OC]]] : memref<1x4x4x8xf32>
// CHECK-NEXT:           %[[P:.*]] = arith.mulf %[[X]], %[[Y]] : f32
// CHECK-NEXT:           %[[S:.*]] = arith.addf %[[Z]], %[[P]] : f32
// CHECK-NEXT:           memref.store %[[S]], %[[OUT]][%[[N]], %[[OH]], %[[OW]], %[[OC]]] : memref<1x4x4x8xf32>
// CHECK-NEXT:         }
// CHECK-NEXT:       }
// CHECK-NEXT:     }
// CHECK-NEXT:     scf.reduce
func.func @conv(%in: memref<1x10x10x3xf32>, %f: memref<3x3x3x8xf32>, %out: memref<1x4x4x8xf32>) {
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%in, %f : memref<1x10x10x3xf32>, memref<3x3x3x8xf32>) outs(%out : memref<1x4x4x8xf32>)
  return
}

// -----

// A reduction loop before parallel ones: an scf.for, with an scf.parallel inside.
// CHECK-LABEL: func.func @reduction_first(
// CHECK-SAME: %[[A:.*]]: memref<4x8xf32>, %[[B:.*]]: memref<8xf32>) {
// CHECK-NEXT:   %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:   %[[C4:.*]] = arith.constant 4 : index
// CHECK-NEXT:   %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT:   %[[C8:.*]] = arith.constant 8 : index
// CHECK-NEXT:   scf.for %[[I:.*]] = %[[C0]] to %[[C4]] step %[[C1]] {
// CHECK-NEXT:     scf.parallel (%[[J:.*]]) = (%[[C0]]) to (%[[C8]]) step (%[[C1]]) {
// CHECK-NEXT:       %[[X:.*]] = memref.load %[[A]][%[[I]], %[[J]]] : memref<4x8xf32>
// CHECK-NEXT:       %[[Y:.*]] = memref.load %[[B]][%[[J]]] : memref<8xf32>
// CHECK-NEXT:       %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK-NEXT:       memref.store %[[S]], %[[B]][%[[J]]] : memref<8xf32>
// CHECK-NEXT:       scf.reduce
// CHECK-NEXT:     }
// CHECK-NEXT:   }
func.func @reduction_first(%a: memref<4x8xf32>, %b: memref<8xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>],
                  iterator_types = ["reduction", "parallel"]}
    ins(%a : memref<4x8xf32>) outs(%b : memref<8xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// A reduction with linalg.index: the parallel loop's index and the reduction's.
// CHECK-LABEL: func.func @reduce_with_index(
// CHECK:        scf.parallel (%[[I:.*]]) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// CHECK-NEXT:     scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK:            %{{.*}} = arith.index_cast %[[J]] : index to i32
// CHECK:            %{{.*}} = arith.index_cast %[[I]] : index to i32
func.func @reduce_with_index(%in: memref<?x?xi32>, %out: memref<?xi32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
                  iterator_types = ["parallel", "reduction"]}
    ins(%in : memref<?x?xi32>) outs(%out : memref<?xi32>) {
  ^bb0(%x: i32, %acc: i32):
    %j = linalg.index 1 : index
    %ji = arith.index_cast %j : index to i32
    %i = linalg.index 0 : index
    %ii = arith.index_cast %i : index to i32
    %m = arith.muli %x, %ji : i32
    %n = arith.addi %m, %ii : i32
    %s = arith.addi %acc, %n : i32
    linalg.yield %s : i32
  }
  return
}

// -----

// Ops on tensors are left alone.
// CHECK-LABEL: func.func @on_tensors(
// CHECK-NEXT:   %[[R:.*]] = linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<8x4xf32>) outs(%{{.*}} : tensor<4x4xf32>) -> tensor<4x4xf32>
// CHECK-NEXT:   return %[[R]] : tensor<4x4xf32>
func.func @on_tensors(%a: tensor<4x8xf32>, %b: tensor<8x4xf32>, %c: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x4xf32>) outs(%c : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}
