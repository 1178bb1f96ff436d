// RUN: ml-opt %s --split-input-file --interchange="permutation=2,0,1" | FileCheck %s --check-prefixes=CHECK,OURS
// RUN: %mlir_opt %s --split-input-file --transform-preload-library="transform-library-paths=%p/Inputs/interchange-2-0-1.mlir" --transform-interpreter | FileCheck %s --check-prefixes=CHECK,UPSTREAM

// New loop i is old loop permutation[i]: maps are composed with the
// inverse permutation, iterator types permuted. CHECK lines hold for us
// and for upstream's transform.structured.interchange with the same
// permutation (Inputs/interchange-2-0-1.mlir); a linalg.index becomes the
// index of the loop's new position here, an affine.apply of the
// permutation over all the new indices upstream.

// A matmul nest (m, n, k) becomes (k, m, n).
// CHECK: #map = affine_map<(d0, d1, d2) -> (d1, d0)>
// CHECK: #map1 = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK: #map2 = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func.func @matmul(
// CHECK-SAME: %[[A:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<8x16xf32>, %[[C:.*]]: tensor<4x16xf32>)
// CHECK-NEXT:   linalg.generic {indexing_maps = [#map, #map1, #map2], iterator_types = ["reduction", "parallel", "parallel"]} ins(%[[A]], %[[B]] : tensor<4x8xf32>, tensor<8x16xf32>) outs(%[[C]] : tensor<4x16xf32>)
// CHECK-NEXT:   ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %[[Z:.*]]: f32):
// CHECK-NEXT:     %[[M:.*]] = arith.mulf %[[X]], %[[Y]] : f32
// CHECK-NEXT:     %[[S:.*]] = arith.addf %[[Z]], %[[M]] : f32
// CHECK-NEXT:     linalg.yield %[[S]] : f32
func.func @matmul(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<4x8xf32>, tensor<8x16xf32>) outs(%c : tensor<4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %1 = arith.mulf %x, %y : f32
    %2 = arith.addf %z, %1 : f32
    linalg.yield %2 : f32
  }  -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// On buffers, with a reduction in the middle.
// CHECK: #map = affine_map<(d0, d1, d2) -> (d1, d2, d0)>
// CHECK: #map1 = affine_map<(d0, d1, d2) -> (d1, d0)>
// CHECK-LABEL: func.func @buffers(
// CHECK-NEXT:   linalg.generic {indexing_maps = [#map, #map1], iterator_types = ["parallel", "parallel", "reduction"]} ins(%{{.*}} : memref<2x3x4xf32>) outs(%{{.*}} : memref<2x4xf32>)
func.func @buffers(%a: memref<2x3x4xf32>, %o: memref<2x4xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d2)>], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a : memref<2x3x4xf32>) outs(%o : memref<2x4xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %1 = arith.addf %x, %acc : f32
    linalg.yield %1 : f32
  }
  return
}

// -----

// Loop indices follow their loops: old loop 0 is new loop 1, old loop 2 new loop 0.
// UPSTREAM: #map1 = affine_map<(d0, d1, d2) -> (d1)>
// UPSTREAM: #map2 = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-LABEL: func.func @index(
// CHECK-NEXT:   linalg.generic {indexing_maps = [#map], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-NEXT:   ^bb0(%{{.*}}: i64):
// OURS-NEXT:      %[[I:.*]] = linalg.index 1 : index
// OURS-NEXT:      %[[K:.*]] = linalg.index 0 : index
// OURS-NEXT:      arith.addi %[[I]], %[[K]] : index
// UPSTREAM:       %[[I:.*]] = affine.apply #map1(
// UPSTREAM:       %[[K:.*]] = affine.apply #map2(
// UPSTREAM-NEXT:  arith.addi %[[I]], %[[K]] : index
func.func @index(%c: tensor<4x16x2xi64>) -> tensor<4x16x2xi64> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%c : tensor<4x16x2xi64>) {
  ^bb0(%out: i64):
    %i = linalg.index 0 : index
    %k = linalg.index 2 : index
    %s = arith.addi %i, %k : index
    %x = arith.index_cast %s : index to i64
    linalg.yield %x : i64
  } -> tensor<4x16x2xi64>
  return %0 : tensor<4x16x2xi64>
}
