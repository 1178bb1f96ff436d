// RUN: ml-opt %s --split-input-file --fuse --remarks=fuse --verify-diagnostics | FileCheck %s
// RUN: ml-opt %s --split-input-file --fuse=fuse-into-contractions=true | FileCheck %s --check-prefix=ALL

// An elementwise producer whose operand map in a contraction leaves out a
// loop would be computed again for every iteration of that loop: by
// default it stays a separate op, and the remark says which loop.
// fuse-into-contractions fuses it anyway.

// CHECK-LABEL: func.func @relu_then_matmul(
// CHECK:         %[[RELU:.*]] = linalg.generic
// CHECK:           arith.maximumf
// CHECK:         linalg.matmul ins(%[[RELU]], %{{.*}} :
// ALL-LABEL:   func.func @relu_then_matmul(
// ALL-NOT:       linalg.matmul
// ALL:           linalg.generic
// ALL-SAME:        "reduction"
// ALL:             arith.maximumf
// ALL:             arith.mulf
// ALL:             arith.addf
// ALL-NOT:       linalg.generic
// ALL:           return
func.func @relu_then_matmul(%h: tensor<16x32xf32>, %w: tensor<32x8xf32>) -> tensor<16x8xf32> {
  %cst = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x32xf32>
  %relu = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                          iterator_types = ["parallel", "parallel"]}
      ins(%h : tensor<16x32xf32>) outs(%e : tensor<16x32xf32>) {
  ^bb0(%x: f32, %o: f32):
    %m = arith.maximumf %x, %cst : f32
    linalg.yield %m : f32
  } -> tensor<16x32xf32>
  %oe = tensor.empty() : tensor<16x8xf32>
  %init = linalg.fill ins(%cst : f32) outs(%oe : tensor<16x8xf32>) -> tensor<16x8xf32>
  // expected-remark@+2 {{not fused: operand #2 is an init of the consumer (only inputs are fused)}}
  // expected-remark@+1 {{not fused: the consumer has reductions and would compute the producer again for each iteration of its loop d1 (fuse-into-contractions allows it) ('linalg.generic' at 25:11, operand #0)}}
  %r = linalg.matmul ins(%relu, %w : tensor<16x32xf32>, tensor<32x8xf32>) outs(%init : tensor<16x8xf32>) -> tensor<16x8xf32>
  return %r : tensor<16x8xf32>
}

// -----

// A transpose only moves data: it folds into the contraction's indexing map
// whatever loops its operand uses.

// CHECK-LABEL: func.func @transpose_then_matmul(
// CHECK-NOT:     linalg.transpose
// CHECK:         linalg.generic
// CHECK-SAME:      "reduction"
// CHECK-NOT:     linalg.matmul
func.func @transpose_then_matmul(%a: tensor<16x32xf32>, %bt: tensor<8x32xf32>) -> tensor<16x8xf32> {
  %cst = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32x8xf32>
  %b = linalg.transpose ins(%bt : tensor<8x32xf32>) outs(%e : tensor<32x8xf32>) permutation = [1, 0]
  %oe = tensor.empty() : tensor<16x8xf32>
  %init = linalg.fill ins(%cst : f32) outs(%oe : tensor<16x8xf32>) -> tensor<16x8xf32>
  // expected-remark@+2 {{not fused: operand #2 is an init of the consumer (only inputs are fused)}}
  // expected-remark@+1 {{fused 'linalg.transpose' at 53:8 into 'linalg.matmul' through operand #1}}
  %r = linalg.matmul ins(%a, %b : tensor<16x32xf32>, tensor<32x8xf32>) outs(%init : tensor<16x8xf32>) -> tensor<16x8xf32>
  return %r : tensor<16x8xf32>
}

// -----

// A reduction whose operand map uses every loop computes each producer
// element once: exp then a row sum fuse.

// CHECK-LABEL: func.func @exp_then_sum(
// CHECK:         linalg.generic
// CHECK:           math.exp
// CHECK:           arith.addf
// CHECK-NOT:     linalg.exp
func.func @exp_then_sum(%a: tensor<4x8xf32>, %s: tensor<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %x = linalg.exp ins(%a : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  // expected-remark@+1 {{fused 'linalg.exp' at 74:8 into 'linalg.reduce' through operand #0}}
  %r = linalg.reduce { arith.addf } ins(%x : tensor<4x8xf32>) outs(%s : tensor<4xf32>) dimensions = [1]
  return %r : tensor<4xf32>
}
