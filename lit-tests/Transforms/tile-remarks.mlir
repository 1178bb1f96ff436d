// RUN: ml-opt %s --split-input-file --tile="sizes=4,5" --remarks=tile --verify-diagnostics | FileCheck %s

// --remarks=tile reports at each op what was tiled and with which sizes,
// or why it was not; ops that are not tiled are left as they were.

// CHECK-LABEL: func.func @tiled
// CHECK: scf.for
func.func @tiled(%x: tensor<16x10xf32>, %o: tensor<16x10xf32>) -> tensor<16x10xf32> {
  // expected-remark@+1 {{tiled 'linalg.exp' with sizes [4, 5] into 2 scf.for loops}}
  %0 = linalg.exp ins(%x : tensor<16x10xf32>) outs(%o : tensor<16x10xf32>) -> tensor<16x10xf32>
  return %0 : tensor<16x10xf32>
}

// -----

// More sizes than loops.

// CHECK-LABEL: func.func @too_many_sizes
// CHECK-NEXT: linalg.exp
func.func @too_many_sizes(%x: tensor<16xf32>, %o: tensor<16xf32>) -> tensor<16xf32> {
  // expected-remark@+1 {{'linalg.exp' not tiled: 2 tile sizes given for 1 loop: expected at most one per loop}}
  %0 = linalg.exp ins(%x : tensor<16xf32>) outs(%o : tensor<16xf32>) -> tensor<16xf32>
  return %0 : tensor<16xf32>
}

// -----

// An index that is not a sum of loop indices: a tile is not one slice.

// CHECK-LABEL: func.func @modulo_index
// CHECK-NEXT: linalg.generic
func.func @modulo_index(%x: tensor<4xf32>, %o: tensor<16xf32>) -> tensor<16xf32> {
  // expected-remark@+1 {{'linalg.generic' not tiled: an operand is indexed by '(d0) -> (d0 mod 4)', not a sum of loop indices times non-negative constants}}
  %0 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0 mod 4)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<4xf32>) outs(%o : tensor<16xf32>) {
  ^bb0(%a: f32, %b: f32):
    linalg.yield %a : f32
  } -> tensor<16xf32>
  return %0 : tensor<16xf32>
}

// -----

// A padding value computed from the indices.

// CHECK-LABEL: func.func @pad_with_indices
// CHECK-NEXT: tensor.pad
func.func @pad_with_indices(%t: tensor<10x7xindex>) -> tensor<15x12xindex> {
  // expected-remark@+1 {{'tensor.pad' not tiled: the padding value depends on the element indices}}
  %0 = tensor.pad %t low[2, 3] high[3, 2] {
  ^bb0(%i: index, %j: index):
    tensor.yield %i : index
  } : tensor<10x7xindex> to tensor<15x12xindex>
  return %0 : tensor<15x12xindex>
}

// -----

// An op without loops.

// CHECK-LABEL: func.func @no_loops
// CHECK-NEXT: linalg.exp
func.func @no_loops(%x: tensor<f32>, %o: tensor<f32>) -> tensor<f32> {
  // expected-remark@+1 {{'linalg.exp' not tiled: the op has no loops to tile}}
  %0 = linalg.exp ins(%x : tensor<f32>) outs(%o : tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
