// RUN: ml-opt %s --split-input-file --fuse --remarks=fuse --verify-diagnostics | FileCheck %s

// With --remarks=fuse, each consumer says what was fused into it, and why
// each structured producer it reads was not.

// CHECK-LABEL: func.func @fused(
// CHECK:         linalg.generic
// CHECK-NOT:     linalg.exp
func.func @fused(%a: tensor<8xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8xf32>
  %0 = linalg.exp ins(%a : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  // expected-remark@+1 {{fused 'linalg.exp' at 11:8 into 'linalg.log' through operand #0}}
  %1 = linalg.log ins(%0 : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  return %1 : tensor<8xf32>
}

// -----

// CHECK-LABEL: func.func @multi_use(
// CHECK:         %[[P:.*]] = linalg.exp
// CHECK:         linalg.log ins(%[[P]]
// CHECK:         linalg.sqrt ins(%[[P]]
func.func @multi_use(%a: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %e = tensor.empty() : tensor<8xf32>
  %0 = linalg.exp ins(%a : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  // expected-remark@+1 {{not fused: producer has 2 uses ('linalg.exp' at 25:8, operand #0)}}
  %1 = linalg.log ins(%0 : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  // expected-remark@+1 {{not fused: producer has 2 uses}}
  %2 = linalg.sqrt ins(%0 : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  return %1, %2 : tensor<8xf32>, tensor<8xf32>
}

// -----

// CHECK-LABEL: func.func @reduction_producer(
// CHECK:         linalg.reduce
// CHECK:         linalg.exp
func.func @reduction_producer(%a: tensor<4x8xf32>, %s: tensor<4xf32>) -> tensor<4xf32> {
  %r = linalg.reduce { arith.addf } ins(%a : tensor<4x8xf32>) outs(%s : tensor<4xf32>) dimensions = [1]
  %e = tensor.empty() : tensor<4xf32>
  // expected-remark@+1 {{not fused: the producer has reduction loops ('linalg.reduce'}}
  %0 = linalg.exp ins(%r : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @init(
// CHECK:         linalg.fill
// CHECK:         linalg.matmul
func.func @init(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %c = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x16xf32>
  %f = linalg.fill ins(%c : f32) outs(%e : tensor<4x16xf32>) -> tensor<4x16xf32>
  // expected-remark@+1 {{not fused: operand #2 is an init of the consumer (only inputs are fused)}}
  %1 = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x16xf32>) outs(%f : tensor<4x16xf32>) -> tensor<4x16xf32>
  return %1 : tensor<4x16xf32>
}

// -----

// The fill is the only operand that tells the reduction's size.
// CHECK-LABEL: func.func @loop_sizes(
// CHECK:         linalg.fill
func.func @loop_sizes(%s: tensor<f32>) -> tensor<f32> {
  %c = arith.constant 1.0 : f32
  %e = tensor.empty() : tensor<8xf32>
  %f = linalg.fill ins(%c : f32) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  // expected-remark@+1 {{not fused: the fused op could not compute its loop sizes}}
  %0 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]} ins(%f : tensor<8xf32>) outs(%s : tensor<f32>) {
  ^bb0(%x: f32, %acc: f32):
    %1 = arith.addf %x, %acc : f32
    linalg.yield %1 : f32
  } -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// The producer writes each element of its result for every d0.
// CHECK-LABEL: func.func @result_map(
// CHECK:         linalg.generic
// CHECK:         linalg.exp
func.func @result_map(%a: tensor<4x8xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8xf32>
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<4x8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%x: f32, %out: f32):
    linalg.yield %x : f32
  } -> tensor<8xf32>
  // expected-remark@+1 {{not fused: the producer's result map (d0, d1) -> (d1) is not a permutation}}
  %1 = linalg.exp ins(%0 : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  return %1 : tensor<8xf32>
}

// -----

// The producer reads its loop index, which the consumer reads at
// d0 floordiv 2 + d1: the fused op computes it from its own loop indices
// with arith ops (upstream uses affine.apply).
// CHECK-LABEL: func.func @index(
// CHECK:         linalg.generic
// CHECK-NEXT:    ^bb0(
// CHECK-NEXT:      %[[I:.*]] = linalg.index 0 : index
// CHECK-NEXT:      %[[TWO:.*]] = arith.constant 2 : index
// CHECK-NEXT:      %[[H:.*]] = arith.floordivsi %[[I]], %[[TWO]] : index
// CHECK-NEXT:      %[[J:.*]] = linalg.index 1 : index
// CHECK-NEXT:      %[[S:.*]] = arith.addi %[[H]], %[[J]] : index
// CHECK-NEXT:      arith.index_cast %[[S]] : index to i32
func.func @index(%w: tensor<3xf32>, %o: tensor<8xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<6xf32>
  %0 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%e : tensor<6xf32>) {
  ^bb0(%out: f32):
    %i = linalg.index 0 : index
    %ii = arith.index_cast %i : index to i32
    %f = arith.sitofp %ii : i32 to f32
    linalg.yield %f : f32
  } -> tensor<6xf32>
  // expected-remark@+1 {{fused 'linalg.generic'}}
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0 floordiv 2 + d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%0, %w : tensor<6xf32>, tensor<3xf32>) outs(%o : tensor<8xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  return %1 : tensor<8xf32>
}

// -----

// Without the index, the same pair fuses: the producer's input is read at d0 + d1.
// CHECK-LABEL: func.func @window(
// CHECK:         linalg.generic {indexing_maps = [#map, #map1, #map2], iterator_types = ["parallel", "reduction"]} ins(%{{.*}}, %{{.*}} : tensor<10xf32>, tensor<3xf32>)
// CHECK-NEXT:    ^bb0(%[[X:[a-z0-9_]+]]: f32,
// CHECK-NEXT:      math.exp %[[X]]
func.func @window(%a: tensor<10xf32>, %w: tensor<3xf32>, %o: tensor<8xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<10xf32>
  %0 = linalg.exp ins(%a : tensor<10xf32>) outs(%e : tensor<10xf32>) -> tensor<10xf32>
  // expected-remark@+1 {{fused 'linalg.exp'}}
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0 + d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%0, %w : tensor<10xf32>, tensor<3xf32>) outs(%o : tensor<8xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  return %1 : tensor<8xf32>
}
