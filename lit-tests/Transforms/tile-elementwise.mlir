// RUN: ml-opt %s --split-input-file --tile="sizes=4,5" | FileCheck %s
// RUN: ml-opt %s --split-input-file --tile="sizes=4,5" | %mlir_opt --split-input-file > %t

// Tiling two-loop ops (elementwise generics, named elementwise ops and
// tensor.pad) with sizes 4 and 5, as upstream's tile_using_for with
// tile_sizes [4, 5] does.

// A broadcast operand is sliced along the loop it is indexed by (here j)
// only. Both sizes divide the shape: every slice is static.

// CHECK-LABEL: func.func @bias
// CHECK-SAME: (%[[X:.*]]: tensor<16x10xf32>, %[[B:.*]]: tensor<10xf32>, %[[O:.*]]: tensor<16x10xf32>)
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[A0:.*]] = %[[O]])
// CHECK-NEXT: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[A1:.*]] = %[[A0]])
// CHECK-NEXT: %[[SX:.*]] = tensor.extract_slice %[[X]][%[[I]], %[[J]]] [4, 5] [1, 1] : tensor<16x10xf32> to tensor<4x5xf32>
// CHECK-NEXT: %[[SB:.*]] = tensor.extract_slice %[[B]][%[[J]]] [5] [1] : tensor<10xf32> to tensor<5xf32>
// CHECK-NEXT: %[[SO:.*]] = tensor.extract_slice %[[A1]][%[[I]], %[[J]]] [4, 5] [1, 1] : tensor<16x10xf32> to tensor<4x5xf32>
// CHECK-NEXT: %[[G:.*]] = linalg.generic {{.*}} ins(%[[SX]], %[[SB]] : tensor<4x5xf32>, tensor<5xf32>) outs(%[[SO]] : tensor<4x5xf32>)
// CHECK: tensor.insert_slice %[[G]] into %[[A1]][%[[I]], %[[J]]] [4, 5] [1, 1] : tensor<4x5xf32> into tensor<16x10xf32>
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
func.func @bias(%x: tensor<16x10xf32>, %b: tensor<10xf32>, %o: tensor<16x10xf32>) -> tensor<16x10xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %b : tensor<16x10xf32>, tensor<10xf32>) outs(%o : tensor<16x10xf32>) {
  ^bb0(%a: f32, %c: f32, %out: f32):
    %s = arith.addf %a, %c : f32
    linalg.yield %s : f32
  } -> tensor<16x10xf32>
  return %0 : tensor<16x10xf32>
}

// -----

// Partial tiles (4 does not divide 10, 5 does not divide 7) and a body
// that reads its indices: linalg.index counts from the tile's offset.

// CHECK-LABEL: func.func @iota
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args
// CHECK-NEXT: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[A:.*]] = %{{.*}})
// CHECK-NEXT: %[[LI:.*]] = arith.subi %{{.*}}, %[[I]] : index
// CHECK-NEXT: %[[TI:.*]] = arith.minsi %{{.*}}, %[[LI]] : index
// CHECK-NEXT: %[[LJ:.*]] = arith.subi %{{.*}}, %[[J]] : index
// CHECK-NEXT: %[[TJ:.*]] = arith.minsi %{{.*}}, %[[LJ]] : index
// CHECK-NEXT: %[[S:.*]] = tensor.extract_slice %[[A]][%[[I]], %[[J]]] [%[[TI]], %[[TJ]]] [1, 1] : tensor<10x7xindex> to tensor<?x?xindex>
// CHECK-NEXT: linalg.generic {{.*}} outs(%[[S]] : tensor<?x?xindex>)
// CHECK-NEXT: ^bb0(%{{.*}}: index):
// CHECK-NEXT: %[[X:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[X1:.*]] = arith.addi %[[X]], %[[I]] : index
// CHECK-NEXT: %[[Y:.*]] = linalg.index 1 : index
// CHECK-NEXT: %[[Y1:.*]] = arith.addi %[[Y]], %[[J]] : index
// CHECK-NEXT: %[[SUM:.*]] = arith.addi %[[X1]], %[[Y1]] : index
// CHECK-NEXT: linalg.yield %[[SUM]] : index
// CHECK-NEXT: } -> tensor<?x?xindex>
func.func @iota(%o: tensor<10x7xindex>) -> tensor<10x7xindex> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%o : tensor<10x7xindex>) {
  ^bb0(%out: index):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %s = arith.addi %i, %j : index
    linalg.yield %s : index
  } -> tensor<10x7xindex>
  return %0 : tensor<10x7xindex>
}

// -----

// An input that is itself a rank-reducing slice (of a 3-d tensor) is
// sliced like any operand; the tiled op keeps its rank.

// CHECK-LABEL: func.func @rank_reduced_input
// CHECK-SAME: (%[[T:.*]]: tensor<3x16x10xf32>, %[[O:.*]]: tensor<16x10xf32>)
// CHECK: %[[R:.*]] = tensor.extract_slice %[[T]][1, 0, 0] [1, 16, 10] [1, 1, 1] : tensor<3x16x10xf32> to tensor<16x10xf32>
// CHECK: scf.for %[[I:.*]] = %{{.*}} to
// CHECK-NEXT: scf.for %[[J:.*]] = %{{.*}} to {{.*}} iter_args(%[[A:.*]] = %{{.*}})
// CHECK-NEXT: %[[S:.*]] = tensor.extract_slice %[[R]][%[[I]], %[[J]]] [4, 5] [1, 1] : tensor<16x10xf32> to tensor<4x5xf32>
// CHECK-NEXT: %[[SO:.*]] = tensor.extract_slice %[[A]][%[[I]], %[[J]]] [4, 5] [1, 1] : tensor<16x10xf32> to tensor<4x5xf32>
// CHECK-NEXT: linalg.exp ins(%[[S]] : tensor<4x5xf32>) outs(%[[SO]] : tensor<4x5xf32>) -> tensor<4x5xf32>
func.func @rank_reduced_input(%t: tensor<3x16x10xf32>, %o: tensor<16x10xf32>) -> tensor<16x10xf32> {
  %s = tensor.extract_slice %t[1, 0, 0] [1, 16, 10] [1, 1, 1] : tensor<3x16x10xf32> to tensor<16x10xf32>
  %0 = linalg.exp ins(%s : tensor<16x10xf32>) outs(%o : tensor<16x10xf32>) -> tensor<16x10xf32>
  return %0 : tensor<16x10xf32>
}

// -----

// Dynamic sizes of an elementwise op on buffers.

// CHECK-LABEL: func.func @add_dynamic_buffers
// CHECK-SAME: (%[[X:.*]]: memref<?x?xf32>, %[[Y:.*]]: memref<?x?xf32>, %[[Z:.*]]: memref<?x?xf32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[N0:.*]] = memref.dim %[[X]], %[[C0]] : memref<?x?xf32>
// CHECK-NEXT: %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[N1:.*]] = memref.dim %[[X]], %[[C1]] : memref<?x?xf32>
// CHECK: scf.for %[[I:.*]] = %[[C0]] to %[[N0]] step
// CHECK-NEXT: scf.for %[[J:.*]] = %[[C0]] to %[[N1]] step
// CHECK: memref.subview %[[X]][%[[I]], %[[J]]] [%{{.*}}, %{{.*}}] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1], offset: ?>>
// CHECK: linalg.add ins(%{{.*}}, %{{.*}} : memref<?x?xf32, strided<[?, 1], offset: ?>>, memref<?x?xf32, strided<[?, 1], offset: ?>>) outs(%{{.*}} : memref<?x?xf32, strided<[?, 1], offset: ?>>)
func.func @add_dynamic_buffers(%x: memref<?x?xf32>, %y: memref<?x?xf32>, %z: memref<?x?xf32>) {
  linalg.add ins(%x, %y : memref<?x?xf32>, memref<?x?xf32>) outs(%z : memref<?x?xf32>)
  return
}

// -----

// tensor.pad: each tile pads the part of the source it overlaps, clamped
// to the source; when that part may be empty an scf.if generates the tile
// from the padding value instead (upstream's bubbleUpPadSlice, with arith
// in place of affine.min/max). The tiles go into a new tensor.empty.

// CHECK-LABEL: func.func @pad
// CHECK-SAME: (%[[S:.*]]: tensor<10x7xf32>, %[[V:.*]]: f32)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<15x12xf32>
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[A0:.*]] = %[[E]])
// CHECK-NEXT: scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[A1:.*]] = %[[A0]])
// CHECK: %[[TI:.*]] = arith.minsi %{{.*}}, %{{.*}} : index
// CHECK: %[[TJ:.*]] = arith.minsi %{{.*}}, %{{.*}} : index
// CHECK: %[[EMPTY:.*]] = arith.ori %{{.*}}, %{{.*}} : i1
// CHECK: %[[TILE:.*]] = scf.if %[[EMPTY]] -> (tensor<?x?xf32>) {
// CHECK-NEXT: %[[G:.*]] = tensor.generate %[[TI]], %[[TJ]] {
// CHECK: tensor.yield %[[V]] : f32
// CHECK: scf.yield %[[G]] : tensor<?x?xf32>
// CHECK-NEXT: } else {
// CHECK-NEXT: %[[P:.*]] = tensor.extract_slice %[[S]][%{{.*}}, %{{.*}}] [%{{.*}}, %{{.*}}] [1, 1] : tensor<10x7xf32> to tensor<?x?xf32>
// CHECK-NEXT: %[[PADDED:.*]] = tensor.pad %[[P]] low[%{{.*}}, %{{.*}}] high[%{{.*}}, %{{.*}}] {
// CHECK: tensor.yield %[[V]] : f32
// CHECK-NEXT: } : tensor<?x?xf32> to tensor<?x?xf32>
// CHECK-NEXT: scf.yield %[[PADDED]] : tensor<?x?xf32>
// CHECK-NEXT: }
// CHECK-NEXT: tensor.insert_slice %[[TILE]] into %[[A1]][%[[I]], %[[J]]] [%[[TI]], %[[TJ]]] [1, 1] : tensor<?x?xf32> into tensor<15x12xf32>
func.func @pad(%t: tensor<10x7xf32>, %v: f32) -> tensor<15x12xf32> {
  %0 = tensor.pad %t low[2, 3] high[3, 2] {
  ^bb0(%i: index, %j: index):
    tensor.yield %v : f32
  } : tensor<10x7xf32> to tensor<15x12xf32>
  return %0 : tensor<15x12xf32>
}
