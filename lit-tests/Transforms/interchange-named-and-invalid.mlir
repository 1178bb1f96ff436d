// RUN: ml-opt %s --split-input-file --interchange="permutation=1,0,2" --verify-diagnostics | FileCheck %s
// RUN: not ml-opt %s --interchange="permutation=1,1,0" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: ml-opt %s --split-input-file --interchange="permutation=0,1,2" | FileCheck %s --check-prefix=IDENTITY

// Named ops are generalized first. The identity changes nothing, not even
// named ops. A list that is not a permutation is rejected before anything
// runs; an op with another number of loops fails the pass at its location.

// BAD: ml-opt: invalid options for pass 'interchange': 'permutation' [1, 1, 0] is not a permutation of 0..2

// CHECK: #map = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK: #map1 = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK: #map2 = affine_map<(d0, d1, d2) -> (d1, d0)>
// CHECK-LABEL: func.func @named(
// CHECK-NEXT:   linalg.generic {indexing_maps = [#map, #map1, #map2], iterator_types = ["parallel", "parallel", "reduction"]}
// IDENTITY-LABEL: func.func @named(
// IDENTITY-NEXT:   linalg.matmul ins(
func.func @named(%a: memref<4x8xf32>, %b: memref<8x16xf32>, %c: memref<4x16xf32>) {
  linalg.matmul ins(%a, %b : memref<4x8xf32>, memref<8x16xf32>) outs(%c : memref<4x16xf32>)
  return
}

// -----
// expected-note {{pass 'interchange' failed}}

func.func @two_loops(%a: tensor<4x8xf32>, %o: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error@+1 {{'linalg.copy' op has 2 loops; the interchange permutation [1, 0, 2] has 3}}
  %0 = linalg.copy ins(%a : tensor<4x8xf32>) outs(%o : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}
