// RUN: ml-opt %s --split-input-file --tile-and-fuse="sizes=32,32,16" --remarks=tile-and-fuse --verify-diagnostics | FileCheck %s

// --remarks=tile-and-fuse reports the tiling at each root and each fusion
// at the producer, or why a producer stayed outside.

// The k loop is tiled: the fill of the accumulator would run once per k
// step inside the nest, so it stays outside (the loops carry its result).

// CHECK-LABEL: func.func @reduction_tiled
// CHECK: %[[F:.*]] = linalg.fill
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %[[F]])
func.func @reduction_tiled(%a: tensor<128x64xf32>, %b: tensor<64x96xf32>) -> tensor<128x96xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<128x96xf32>
  // expected-remark@+1 {{'linalg.fill' not fused into the loop nest of 'linalg.matmul': it computes the destination, which a tiled reduction loop updates tile by tile}}
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<128x96xf32>) -> tensor<128x96xf32>
  // expected-remark@+1 {{tiled 'linalg.matmul' with sizes [32, 32, 16] into 3 scf.for loops}}
  %mm = linalg.matmul ins(%a, %b : tensor<128x64xf32>, tensor<64x96xf32>) outs(%f : tensor<128x96xf32>) -> tensor<128x96xf32>
  return %mm : tensor<128x96xf32>
}

// -----

// A batch matmul root (4 loops, the batch loop of size 4 is one whole
// tile) with an elementwise producer fused; a root with fewer loops than
// tile sizes is not tiled.

// CHECK-LABEL: func.func @fused_and_not
// CHECK-NOT: linalg.exp
// CHECK: scf.for
// CHECK: linalg.exp ins(%{{.*}} : tensor<4x32x32xf32>)
// CHECK: linalg.batch_matmul
// CHECK: linalg.generic
func.func @fused_and_not(%x: tensor<4x64x32xf32>, %y: tensor<4x32x64xf32>, %o: tensor<4x64x64xf32>, %w: tensor<4x95xf32>) -> (tensor<4x64x64xf32>, tensor<4x32xf32>) {
  // expected-remark@+1 {{fused 'linalg.exp' into the loop nest of 'linalg.batch_matmul'}}
  %ex = linalg.exp ins(%x : tensor<4x64x32xf32>) outs(%x : tensor<4x64x32xf32>) -> tensor<4x64x32xf32>
  // expected-remark@+1 {{tiled 'linalg.batch_matmul' with sizes [32, 32, 16, 0] into 3 scf.for loops, and fused 'linalg.exp'}}
  %0 = linalg.batch_matmul ins(%ex, %y : tensor<4x64x32xf32>, tensor<4x32x64xf32>) outs(%o : tensor<4x64x64xf32>) -> tensor<4x64x64xf32>
  %init = tensor.empty() : tensor<4x32xf32>
  // expected-remark@+1 {{'linalg.generic' not tiled: 3 tile sizes given for 2 loops: expected at most one per loop}}
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1 * 2)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%w : tensor<4x95xf32>) outs(%init : tensor<4x32xf32>) {
  ^bb0(%a: f32, %b: f32):
    linalg.yield %a : f32
  } -> tensor<4x32xf32>
  return %0, %1 : tensor<4x64x64xf32>, tensor<4x32xf32>
}
