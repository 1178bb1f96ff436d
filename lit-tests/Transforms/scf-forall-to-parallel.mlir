// RUN: ml-opt %s --split-input-file --scf-forall-to-parallel | FileCheck %s
// RUN: ml-opt %s --split-input-file --scf-forall-to-parallel | %mlir_opt --split-input-file > /dev/null

// A forall on buffers is the parallel loop over the same space: static
// bounds become constants, dynamic ones stay.
// CHECK-LABEL: func.func @tiles(
// CHECK-SAME:    %[[M:.*]]: memref<?x64xf32>, %[[N:.*]]: index)
// CHECK-DAG:     %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG:     %[[C2:.*]] = arith.constant 2 : index
// CHECK-DAG:     %[[C1:.*]] = arith.constant 1 : index
// CHECK:         scf.parallel (%[[I:.*]], %[[J:.*]]) = (%[[C0]], %[[C0]]) to (%[[N]], %[[C2]]) step (%[[C1]], %[[C1]]) {
// CHECK-NEXT:      memref.store %{{.*}}, %[[M]][%[[I]], %[[J]]] : memref<?x64xf32>
// CHECK-NEXT:      scf.reduce
// CHECK-NOT:     scf.forall
func.func @tiles(%m: memref<?x64xf32>, %n: index) {
  %f = arith.constant 1.0 : f32
  scf.forall (%i, %j) in (%n, 2) {
    memref.store %f, %m[%i, %j] : memref<?x64xf32>
  }
  return
}

// -----

// A forall on tensors (with shared_outs) stays.
// CHECK-LABEL: func.func @on_tensors(
// CHECK:         scf.forall
// CHECK-NOT:     scf.parallel
func.func @on_tensors(%t: tensor<4xf32>) -> tensor<4xf32> {
  %r = scf.forall (%i) in (4) shared_outs(%o = %t) -> (tensor<4xf32>) {
    %s = tensor.extract_slice %t[%i] [1] [1] : tensor<4xf32> to tensor<1xf32>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %s into %o[%i] [1] [1] : tensor<1xf32> into tensor<4xf32>
    }
  }
  return %r : tensor<4xf32>
}
