// RUN: ml-opt %s --split-input-file --convert-linalg-to-loops | FileCheck %s --check-prefixes=CHECK,ARITH
// RUN: %mlir_opt %s --split-input-file --convert-linalg-to-loops | FileCheck %s --check-prefixes=CHECK,AFFINE

// The CHECK lines hold for us and for upstream mlir-opt 22; they differ
// only where an index is not a bare loop index: we compute it with arith
// ops (ARITH), upstream with affine.apply (AFFINE).

// Dynamic sizes come from memref.dim of the first operand dimension each loop indexes.
// CHECK-LABEL: func.func @matmul(
// CHECK-SAME: %[[A:.*]]: memref<?x?xf32>, %[[B:.*]]: memref<?x?xf32>, %[[C:.*]]: memref<?x?xf32>) {
// CHECK-NEXT:   %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT:   %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:   %[[M:.*]] = memref.dim %[[A]], %[[C0]] : memref<?x?xf32>
// CHECK-NEXT:   %[[K:.*]] = memref.dim %[[A]], %[[C1]] : memref<?x?xf32>
// CHECK-NEXT:   %[[N:.*]] = memref.dim %[[B]], %[[C1]] : memref<?x?xf32>
// CHECK-NEXT:   scf.for %[[I:.*]] = %[[C0]] to %[[M]] step %[[C1]] {
// CHECK-NEXT:     scf.for %[[J:.*]] = %[[C0]] to %[[N]] step %[[C1]] {
// CHECK-NEXT:       scf.for %[[L:.*]] = %[[C0]] to %[[K]] step %[[C1]] {
// CHECK-NEXT:         %[[X:.*]] = memref.load %[[A]][%[[I]], %[[L]]] : memref<?x?xf32>
// CHECK-NEXT:         %[[Y:.*]] = memref.load %[[B]][%[[L]], %[[J]]] : memref<?x?xf32>
// CHECK-NEXT:         %[[Z:.*]] = memref.load %[[C]][%[[I]], %[[J]]] : memref<?x?xf32>
// CHECK-NEXT:         %[[P:.*]] = arith.mulf %[[X]], %[[Y]] : f32
// CHECK-NEXT:         %[[S:.*]] = arith.addf %[[Z]], %[[P]] : f32
// CHECK-NEXT:         memref.store %[[S]], %[[C]][%[[I]], %[[J]]] : memref<?x?xf32>
// CHECK-NEXT:       }
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT:   return
func.func @matmul(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %c: memref<?x?xf32>) {
  linalg.matmul ins(%a, %b : memref<?x?xf32>, memref<?x?xf32>) outs(%c : memref<?x?xf32>)
  return
}

// Static sizes are constants.
// CHECK-LABEL: func.func @matmul_static(
// CHECK-NEXT:   %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:   %[[C4:.*]] = arith.constant 4 : index
// CHECK-NEXT:   %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT:   %[[C16:.*]] = arith.constant 16 : index
// CHECK-NEXT:   %[[C8:.*]] = arith.constant 8 : index
// CHECK-NEXT:   scf.for %{{.*}} = %[[C0]] to %[[C4]] step %[[C1]] {
// CHECK-NEXT:     scf.for %{{.*}} = %[[C0]] to %[[C16]] step %[[C1]] {
// CHECK-NEXT:       scf.for %{{.*}} = %[[C0]] to %[[C8]] step %[[C1]] {
func.func @matmul_static(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>) {
  linalg.matmul ins(%a, %b : memref<4x8xf32>, memref<8x16xf32>) outs(%c : memref<4x16xf32>)
  return
}

// -----

// The input is read at out * stride + window: arith ops here, affine.apply upstream.
// AFFINE: #[[$MAP:.*]] = affine_map<(d0, d1) -> (d0 * 2 + d1)>
// CHECK-LABEL: func.func @conv(
// CHECK-SAME: %[[IN:.*]]: memref<1x10x10x3xf32>, %[[F:.*]]: memref<3x3x3x8xf32>, %[[OUT:.*]]: memref<1x4x4x8xf32>) {
// ARITH:        %[[C2:.*]] = arith.constant 2 : index
// CHECK:        scf.for %[[N:.*]] = %{{.*}} to %{{.*}} step
// CHECK-NEXT:     scf.for %[[OH:.*]] = %{{.*}} to %{{.*}} step
// CHECK-NEXT:       scf.for %[[OW:.*]] = %{{.*}} to %{{.*}} step
// CHECK-NEXT:         scf.for %[[OC:.*]] = %{{.*}} to %{{.*}} step
// CHECK-NEXT:           scf.for %[[KH:.*]] = %{{.*}} to %{{.*}} step
// CHECK-NEXT:             scf.for %[[KW:.*]] = %{{.*}} to %{{.*}} step
// CHECK-NEXT:               scf.for %[[IC:.*]] = %{{.*}} to %{{.*}} step
// ARITH-NEXT:                 %[[M1:.*]] = arith.muli %[[OH]], %[[C2]] : index
// ARITH-NEXT:                 %[[H:.*]] = arith.addi %[[M1]], %[[KH]] : index
// ARITH-NEXT:                 %[[M2:.*]] = arith.muli %[[OW]], %[[C2]] : index
// ARITH-NEXT:                 %[[W:.*]] = arith.addi %[[M2]], %[[KW]] : index
// AFFINE-NEXT:                %[[H:.*]] = affine.apply #[[$MAP]](%[[OH]], %[[KH]])
// AFFINE-NEXT:                %[[W:.*]] = affine.apply #[[$MAP]](%[[OW]], %[[KW]])
// CHECK-NEXT:                 %[[X:.*]] = memref.load %[[IN]][%[[N]], %[[H]], %[[W]], %[[IC]]] : memref<1x10x10x3xf32>
// CHECK-NEXT:                 %[[Y:.*]] = memref.load %[[F]][%[[KH]], %[[KW]], %[[IC]], %[[OC]]] : memref<3x3x3x8xf32>
// CHECK-NEXT:                 %[[Z:.*]] = memref.load %[[OUT]][%[[N]], %[[OH]], %[[OW]], %[[OC]]] : memref<1x4x4x8xf32>
// CHECK-NEXT:                 %[[P:.*]] = arith.mulf %[[X]], %[[Y]] : f32
// CHECK-NEXT:                 %[[S:.*]] = arith.addf %[[Z]], %[[P]] : f32
// CHECK-NEXT:                 memref.store %[[S]], %[[OUT]][%[[N]], %[[OH]], %[[OW]], %[[OC]]] : memref<1x4x4x8xf32>
func.func @conv(%in: memref<1x10x10x3xf32>, %f: memref<3x3x3x8xf32>, %out: memref<1x4x4x8xf32>) {
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%in, %f : memref<1x10x10x3xf32>, memref<3x3x3x8xf32>) outs(%out : memref<1x4x4x8xf32>)
  return
}

// -----

// linalg.index is the induction variable of its loop.
// CHECK-LABEL: func.func @reduce_with_index(
// CHECK-SAME: %[[IN:.*]]: memref<?x?xi32>, %[[OUT:.*]]: memref<?xi32>) {
// CHECK:        scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT:     scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT:       %[[X:.*]] = memref.load %[[IN]][%[[I]], %[[J]]] : memref<?x?xi32>
// CHECK-NEXT:       %[[ACC:.*]] = memref.load %[[OUT]][%[[I]]] : memref<?xi32>
// CHECK-NEXT:       %[[JI:.*]] = arith.index_cast %[[J]] : index to i32
// CHECK-NEXT:       %[[P:.*]] = arith.muli %[[X]], %[[JI]] : i32
// CHECK-NEXT:       %[[S:.*]] = arith.addi %[[ACC]], %[[P]] : i32
// CHECK-NEXT:       memref.store %[[S]], %[[OUT]][%[[I]]] : memref<?xi32>
func.func @reduce_with_index(%in: memref<?x?xi32>, %out: memref<?xi32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
                  iterator_types = ["parallel", "reduction"]}
    ins(%in : memref<?x?xi32>) outs(%out : memref<?xi32>) {
  ^bb0(%x: i32, %acc: i32):
    %j = linalg.index 1 : index
    %ji = arith.index_cast %j : index to i32
    %m = arith.muli %x, %ji : i32
    %s = arith.addi %acc, %m : i32
    linalg.yield %s : i32
  }
  return
}

// -----

// A broadcast input is read at fewer indices; a scalar is used as it is;
// an output that is not read is not loaded.
// CHECK-LABEL: func.func @broadcast_add(
// CHECK-SAME: %[[ROW:.*]]: memref<8xf32>, %[[S:.*]]: f32, %[[OUT:.*]]: memref<4x8xf32>) {
// CHECK:        scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT:     scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT:       %[[X:.*]] = memref.load %[[ROW]][%[[J]]] : memref<8xf32>
// CHECK-NEXT:       %[[R:.*]] = arith.addf %[[X]], %[[S]] : f32
// CHECK-NEXT:       memref.store %[[R]], %[[OUT]][%[[I]], %[[J]]] : memref<4x8xf32>
// CHECK-NEXT:     }
func.func @broadcast_add(%row: memref<8xf32>, %s: f32, %out: memref<4x8xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
    ins(%row, %s : memref<8xf32>, f32) outs(%out : memref<4x8xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %r = arith.addf %x, %y : f32
    linalg.yield %r : f32
  }
  return
}

// CHECK-LABEL: func.func @fill(
// CHECK-SAME: %[[V:.*]]: f32, %[[M:.*]]: memref<?x4xf32>) {
// CHECK:            memref.store %[[V]], %[[M]][%{{.*}}, %{{.*}}] : memref<?x4xf32>
func.func @fill(%v: f32, %m: memref<?x4xf32>) {
  linalg.fill ins(%v : f32) outs(%m : memref<?x4xf32>)
  return
}

// CHECK-LABEL: func.func @transpose(
// CHECK-SAME: %[[A:.*]]: memref<4x8xf32>, %[[B:.*]]: memref<8x4xf32>) {
// CHECK:        scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT:     scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT:       %[[X:.*]] = memref.load %[[A]][%[[J]], %[[I]]] : memref<4x8xf32>
// CHECK-NEXT:       memref.store %[[X]], %[[B]][%[[I]], %[[J]]] : memref<8x4xf32>
func.func @transpose(%a: memref<4x8xf32>, %b: memref<8x4xf32>) {
  linalg.transpose ins(%a : memref<4x8xf32>) outs(%b : memref<8x4xf32>) permutation = [1, 0]
  return
}

// -----

// Without loops, the body runs once on the rank-0 elements.
// CHECK-LABEL: func.func @rank_zero(
// CHECK-SAME: %[[A:.*]]: memref<f32>, %[[B:.*]]: memref<f32>) {
// CHECK-NEXT:   %[[X:.*]] = memref.load %[[A]][] : memref<f32>
// CHECK-NEXT:   %[[Y:.*]] = memref.load %[[B]][] : memref<f32>
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK-NEXT:   memref.store %[[S]], %[[B]][] : memref<f32>
// CHECK-NEXT:   return
func.func @rank_zero(%a: memref<f32>, %b: memref<f32>) {
  linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []}
    ins(%a : memref<f32>) outs(%b : memref<f32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// floordiv and mod, as lower-affine expands them.
// AFFINE-DAG: #[[$DIV:.*]] = affine_map<(d0) -> (d0 floordiv 4)>
// AFFINE-DAG: #[[$MOD:.*]] = affine_map<(d0) -> (d0 mod 4)>
// CHECK-LABEL: func.func @unflatten(
// CHECK-SAME: %[[A:.*]]: memref<16xf32>, %[[B:.*]]: memref<4x4xf32>) {
// ARITH-DAG:    %[[C0:.*]] = arith.constant 0 : index
// ARITH-DAG:    %[[C4:.*]] = arith.constant 4 : index
// ARITH-DAG:    %[[CM1:.*]] = arith.constant -1 : index
// CHECK:        scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK-NEXT:     %[[X:.*]] = memref.load %[[A]][%[[I]]] : memref<16xf32>
// ARITH-NEXT:     %[[NEG:.*]] = arith.cmpi slt, %[[I]], %[[C0]] : index
// ARITH-NEXT:     %[[FLIP:.*]] = arith.subi %[[CM1]], %[[I]] : index
// ARITH-NEXT:     %[[DIVIDEND:.*]] = arith.select %[[NEG]], %[[FLIP]], %[[I]] : index
// ARITH-NEXT:     %[[Q:.*]] = arith.divsi %[[DIVIDEND]], %[[C4]] : index
// ARITH-NEXT:     %[[QF:.*]] = arith.subi %[[CM1]], %[[Q]] : index
// ARITH-NEXT:     %[[ROW:.*]] = arith.select %[[NEG]], %[[QF]], %[[Q]] : index
// ARITH-NEXT:     %[[REM:.*]] = arith.remsi %[[I]], %[[C4]] : index
// ARITH-NEXT:     %[[RNEG:.*]] = arith.cmpi slt, %[[REM]], %[[C0]] : index
// ARITH-NEXT:     %[[RADJ:.*]] = arith.addi %[[REM]], %[[C4]] : index
// ARITH-NEXT:     %[[COL:.*]] = arith.select %[[RNEG]], %[[RADJ]], %[[REM]] : index
// AFFINE-NEXT:    %[[ROW:.*]] = affine.apply #[[$DIV]](%[[I]])
// AFFINE-NEXT:    %[[COL:.*]] = affine.apply #[[$MOD]](%[[I]])
// CHECK-NEXT:     memref.store %[[X]], %[[B]][%[[ROW]], %[[COL]]] : memref<4x4xf32>
func.func @unflatten(%a: memref<16xf32>, %b: memref<4x4xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0 floordiv 4, d0 mod 4)>],
                  iterator_types = ["parallel"]}
    ins(%a : memref<16xf32>) outs(%b : memref<4x4xf32>) {
  ^bb0(%x: f32, %y: f32):
    linalg.yield %x : f32
  }
  return
}

// -----

// Ops on tensors are left alone.
// CHECK-LABEL: func.func @on_tensors(
// CHECK-NEXT:   %[[R:.*]] = linalg.add ins(%{{.*}}, %{{.*}} : tensor<4xf32>, tensor<4xf32>) outs(%{{.*}} : tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT:   return %[[R]] : tensor<4xf32>
func.func @on_tensors(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = linalg.add ins(%a, %a : tensor<4xf32>, tensor<4xf32>) outs(%b : tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
