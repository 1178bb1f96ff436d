// RUN: ml-opt %s --split-input-file --tile-and-fuse="sizes=32,40" | FileCheck %s
// RUN: ml-opt %s --split-input-file --tile-and-fuse="sizes=32,40" | %mlir_opt --split-input-file > %t
// RUN: ml-opt %s --split-input-file --tile-and-fuse="sizes=32,40 loop=forall" | FileCheck %s --check-prefix=FORALL
// RUN: ml-opt %s --split-input-file --tile-and-fuse="sizes=32,40 loop=forall" | %mlir_opt --split-input-file > %t

// Tile the last op of each chain and compute its producers tile by tile in
// the same loop nest, as upstream's transform.structured.fuse with
// tile_sizes [32, 40] does (followed by canonicalization: here slices of
// tensor.empty become tensor.empty at once and dead producers are erased).

// matmul + bias + relu: the relu is tiled; the bias add is fused on its
// input slice, the matmul on the bias add's (all of k in each tile: its
// reduction loop is not tiled), the fill on the matmul's init and the
// tensor.empty under it on the fill's. The originals are gone.

// CHECK-LABEL: func.func @mlp
// CHECK-SAME: (%[[A:.*]]: tensor<128x64xf32>, %[[B:.*]]: tensor<64x96xf32>, %[[BIAS:.*]]: tensor<96xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<128x96xf32>
// CHECK-NOT: linalg.
// CHECK: %[[R:.*]] = scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[O0:.*]] = %[[E]])
// CHECK-NEXT: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[O1:.*]] = %[[O0]])
// CHECK-NEXT: %[[LEFT:.*]] = arith.subi %{{.*}}, %[[J]] : index
// CHECK-NEXT: %[[TJ:.*]] = arith.minsi %{{.*}}, %[[LEFT]] : index
// CHECK-NEXT: %[[SA:.*]] = tensor.extract_slice %[[A]][%[[I]], 0] [32, 64] [1, 1] : tensor<128x64xf32> to tensor<32x64xf32>
// CHECK-NEXT: %[[SB:.*]] = tensor.extract_slice %[[B]][0, %[[J]]] [64, %[[TJ]]] [1, 1] : tensor<64x96xf32> to tensor<64x?xf32>
// CHECK-NEXT: %[[E1:.*]] = tensor.empty(%[[TJ]]) : tensor<32x?xf32>
// CHECK-NEXT: %[[F:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E1]] : tensor<32x?xf32>) -> tensor<32x?xf32>
// CHECK-NEXT: %[[MM:.*]] = linalg.matmul ins(%[[SA]], %[[SB]] : tensor<32x64xf32>, tensor<64x?xf32>) outs(%[[F]] : tensor<32x?xf32>) -> tensor<32x?xf32>
// CHECK-NEXT: %[[SBIAS:.*]] = tensor.extract_slice %[[BIAS]][%[[J]]] [%[[TJ]]] [1] : tensor<96xf32> to tensor<?xf32>
// CHECK-NEXT: %[[E2:.*]] = tensor.empty(%[[TJ]]) : tensor<32x?xf32>
// CHECK-NEXT: %[[ADD:.*]] = linalg.generic {{.*}} ins(%[[MM]], %[[SBIAS]] : tensor<32x?xf32>, tensor<?xf32>) outs(%[[E2]] : tensor<32x?xf32>)
// CHECK: arith.addf
// CHECK: %[[SO:.*]] = tensor.extract_slice %[[O1]][%[[I]], %[[J]]] [32, %[[TJ]]] [1, 1] : tensor<128x96xf32> to tensor<32x?xf32>
// CHECK-NEXT: %[[RELU:.*]] = linalg.generic {{.*}} ins(%[[ADD]] : tensor<32x?xf32>) outs(%[[SO]] : tensor<32x?xf32>)
// CHECK: arith.maximumf
// CHECK: tensor.insert_slice %[[RELU]] into %[[O1]][%[[I]], %[[J]]] [32, %[[TJ]]] [1, 1] : tensor<32x?xf32> into tensor<128x96xf32>
// CHECK: return %[[R]] : tensor<128x96xf32>

// The same nest as one scf.forall.

// FORALL-LABEL: func.func @mlp
// FORALL: scf.forall (%[[I:.*]], %[[J:.*]]) in (4, 3) shared_outs(%[[O:.*]] = %{{.*}}) -> (tensor<128x96xf32>) {
// FORALL: linalg.fill
// FORALL-NEXT: linalg.matmul
// FORALL: linalg.generic
// FORALL: %[[SO:.*]] = tensor.extract_slice %[[O]]
// FORALL-NEXT: %[[RELU:.*]] = linalg.generic
// FORALL: scf.forall.in_parallel {
// FORALL-NEXT: tensor.parallel_insert_slice %[[RELU]] into %[[O]]
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
#col = affine_map<(d0, d1) -> (d0)>
func.func @mlp(%a: tensor<128x64xf32>, %b: tensor<64x96xf32>, %bias: tensor<96xf32>) -> tensor<128x96xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<128x96xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<128x96xf32>) -> tensor<128x96xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<128x64xf32>, tensor<64x96xf32>) outs(%f : tensor<128x96xf32>) -> tensor<128x96xf32>
  %ba = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]} ins(%mm, %bias : tensor<128x96xf32>, tensor<96xf32>) outs(%e : tensor<128x96xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<128x96xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%ba : tensor<128x96xf32>) outs(%e : tensor<128x96xf32>) {
  ^bb0(%x: f32, %o: f32):
    %m = arith.maximumf %x, %zero : f32
    linalg.yield %m : f32
  } -> tensor<128x96xf32>
  return %r : tensor<128x96xf32>
}

// -----

// A matmul root whose init is a fill: the slice of the loop-carried
// accumulator is filled in each tile and the loops start from the fill's
// own destination (upstream does the same for destination operands).

// CHECK-LABEL: func.func @matmul_fill
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<128x96xf32>
// CHECK-NOT: linalg.fill
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[O0:.*]] = %[[E]])
// CHECK-NEXT: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[O1:.*]] = %[[O0]])
// CHECK: %[[SO:.*]] = tensor.extract_slice %[[O1]][%[[I]], %[[J]]]
// CHECK-NEXT: %[[F:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[SO]] : tensor<32x?xf32>) -> tensor<32x?xf32>
// CHECK-NEXT: %[[MM:.*]] = linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<32x64xf32>, tensor<64x?xf32>) outs(%[[F]] : tensor<32x?xf32>)
// CHECK-NEXT: tensor.insert_slice %[[MM]] into %[[O1]]

// FORALL-LABEL: func.func @matmul_fill
// FORALL: %[[E:.*]] = tensor.empty() : tensor<128x96xf32>
// FORALL: scf.forall {{.*}} shared_outs(%[[O:.*]] = %[[E]])
// FORALL: %[[SO:.*]] = tensor.extract_slice %[[O]]
// FORALL-NEXT: linalg.fill {{.*}} outs(%[[SO]] : tensor<32x?xf32>)
func.func @matmul_fill(%a: tensor<128x64xf32>, %b: tensor<64x96xf32>) -> tensor<128x96xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<128x96xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<128x96xf32>) -> tensor<128x96xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<128x64xf32>, tensor<64x96xf32>) outs(%f : tensor<128x96xf32>) -> tensor<128x96xf32>
  return %mm : tensor<128x96xf32>
}

// -----

// An elementwise chain with broadcasts and a dynamic dimension: a row
// broadcast (linalg.broadcast), an add, an exp, and a generic that
// multiplies by a column vector. All are fused into the generic's nest;
// the add is also returned, so the original stays for that use. The loop
// bound is the size of the tensor.empty the chain writes into.

// CHECK-LABEL: func.func @chain
// CHECK-SAME: (%[[X:.*]]: tensor<?x80xf32>, %[[ROW:.*]]: tensor<80xf32>, %[[COL:.*]]: tensor<?xf32>)
// CHECK: %[[N:.*]] = tensor.dim %[[X]]
// CHECK-NEXT: %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?x80xf32>
// CHECK-NEXT: %[[RB:.*]] = linalg.broadcast
// CHECK-NEXT: %[[S:.*]] = linalg.add
// CHECK-NOT: linalg.exp
// CHECK: %[[R:.*]] = scf.for %[[I:.*]] = %{{.*}} to %[[N]] step %{{.*}} iter_args(%[[O0:.*]] = %[[E]])
// CHECK-NEXT: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[O1:.*]] = %[[O0]])
// CHECK-NEXT: %[[LEFT:.*]] = arith.subi %[[N]], %[[I]] : index
// CHECK-NEXT: %[[TI:.*]] = arith.minsi %{{.*}}, %[[LEFT]] : index
// CHECK-NEXT: %[[SX:.*]] = tensor.extract_slice %[[X]][%[[I]], %[[J]]] [%[[TI]], 40] [1, 1] : tensor<?x80xf32> to tensor<?x40xf32>
// CHECK-NEXT: %[[SR:.*]] = tensor.extract_slice %[[ROW]][%[[J]]] [40] [1] : tensor<80xf32> to tensor<40xf32>
// CHECK-NEXT: %[[E1:.*]] = tensor.empty(%[[TI]]) : tensor<?x40xf32>
// CHECK-NEXT: %[[B:.*]] = linalg.broadcast ins(%[[SR]] : tensor<40xf32>) outs(%[[E1]] : tensor<?x40xf32>) dimensions = [0]
// CHECK-NEXT: %[[E2:.*]] = tensor.empty(%[[TI]]) : tensor<?x40xf32>
// CHECK-NEXT: %[[ADD:.*]] = linalg.add ins(%[[SX]], %[[B]] : tensor<?x40xf32>, tensor<?x40xf32>) outs(%[[E2]] : tensor<?x40xf32>)
// CHECK-NEXT: %[[E3:.*]] = tensor.empty(%[[TI]]) : tensor<?x40xf32>
// CHECK-NEXT: %[[EXP:.*]] = linalg.exp ins(%[[ADD]] : tensor<?x40xf32>) outs(%[[E3]] : tensor<?x40xf32>)
// CHECK-NEXT: %[[SC:.*]] = tensor.extract_slice %[[COL]][%[[I]]] [%[[TI]]] [1] : tensor<?xf32> to tensor<?xf32>
// CHECK-NEXT: %[[SO:.*]] = tensor.extract_slice %[[O1]][%[[I]], %[[J]]] [%[[TI]], 40] [1, 1]
// CHECK-NEXT: linalg.generic {{.*}} ins(%[[EXP]], %[[SC]] : tensor<?x40xf32>, tensor<?xf32>) outs(%[[SO]] : tensor<?x40xf32>)
// CHECK: return %[[R]], %[[S]] : tensor<?x80xf32>, tensor<?x80xf32>
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
#col = affine_map<(d0, d1) -> (d0)>
func.func @chain(%x: tensor<?x80xf32>, %r: tensor<80xf32>, %c: tensor<?xf32>) -> (tensor<?x80xf32>, tensor<?x80xf32>) {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x80xf32>
  %e = tensor.empty(%n) : tensor<?x80xf32>
  %rb = linalg.broadcast ins(%r : tensor<80xf32>) outs(%e : tensor<?x80xf32>) dimensions = [0]
  %s = linalg.add ins(%x, %rb : tensor<?x80xf32>, tensor<?x80xf32>) outs(%e : tensor<?x80xf32>) -> tensor<?x80xf32>
  %t = linalg.exp ins(%s : tensor<?x80xf32>) outs(%e : tensor<?x80xf32>) -> tensor<?x80xf32>
  %u = linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]} ins(%t, %c : tensor<?x80xf32>, tensor<?xf32>) outs(%e : tensor<?x80xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %m = arith.mulf %p, %q : f32
    linalg.yield %m : f32
  } -> tensor<?x80xf32>
  return %u, %s : tensor<?x80xf32>, tensor<?x80xf32>
}
