// RUN: ml-opt %s --split-input-file --fuse | FileCheck %s --check-prefix=DEFAULT
// RUN: ml-opt %s --split-input-file --fuse="allow-multi-use" | FileCheck %s --check-prefix=MULTI
// RUN: ml-opt %s --split-input-file --fuse="allow-multi-use max-duplicated-ops=1" --remarks=fuse -o /dev/null 2>&1 | FileCheck %s --check-prefix=SMALL
// RUN: ml-opt %s --split-input-file --fuse="max-depth=2" --remarks=fuse 2>&1 | FileCheck %s --check-prefix=DEPTH

// The fuse pass's options. A producer whose result has other uses is
// duplicated into its consumers only with allow-multi-use, and only when
// its body has at most max-duplicated-ops ops (4 by default). max-depth
// bounds the chain of producers fused into one op.

// DEFAULT-LABEL: func.func @two_consumers(
// DEFAULT:         %[[P:.*]] = linalg.exp
// DEFAULT:         linalg.log ins(%[[P]]
// DEFAULT:         linalg.sqrt ins(%[[P]]
// MULTI-LABEL: func.func @two_consumers(
// MULTI-SAME:    %[[A:.*]]: tensor<8xf32>
// MULTI-NOT:     linalg.exp
// MULTI:         linalg.generic {{.*}} ins(%[[A]] : tensor<8xf32>)
// MULTI:           %[[X:.*]] = math.exp
// MULTI-NEXT:      math.log %[[X]]
// MULTI:         linalg.generic {{.*}} ins(%[[A]] : tensor<8xf32>)
// MULTI:           %[[Y:.*]] = math.exp
// MULTI-NEXT:      math.sqrt %[[Y]]
// MULTI-NOT:     linalg.exp
// SMALL: remark: fused 'linalg.exp' at [[@LINE+4]]:8 into 'linalg.log' through operand #0 (duplicated: it has other uses)
// SMALL: remark: fused 'linalg.exp' at [[@LINE+3]]:8 into 'linalg.sqrt' through operand #0
func.func @two_consumers(%a: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %e = tensor.empty() : tensor<8xf32>
  %0 = linalg.exp ins(%a : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %1 = linalg.log ins(%0 : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %2 = linalg.sqrt ins(%0 : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  return %1, %2 : tensor<8xf32>, tensor<8xf32>
}

// -----

// The producer is also returned: it stays, and a copy goes into the consumer.
// DEFAULT-LABEL: func.func @returned(
// DEFAULT:         %[[P:.*]] = linalg.exp
// DEFAULT:         linalg.log ins(%[[P]]
// MULTI-LABEL: func.func @returned(
// MULTI:         %[[P:.*]] = linalg.exp
// MULTI:         %[[F:.*]] = linalg.generic
// MULTI:           math.exp
// MULTI-NEXT:      math.log
// MULTI:         return %[[P]], %[[F]]
func.func @returned(%a: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %e = tensor.empty() : tensor<8xf32>
  %0 = linalg.exp ins(%a : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %1 = linalg.log ins(%0 : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  return %0, %1 : tensor<8xf32>, tensor<8xf32>
}

// -----

// Three ops in the producer's body: few enough to copy by default, too
// many for max-duplicated-ops=1.
// DEFAULT-LABEL: func.func @costly(
// DEFAULT:         %[[P:.*]] = linalg.generic
// DEFAULT:         linalg.log ins(%[[P]]
// DEFAULT:         linalg.sqrt ins(%[[P]]
// MULTI-LABEL: func.func @costly(
// MULTI:         linalg.generic
// MULTI-NEXT:    ^bb0
// MULTI-NEXT:      math.exp
// MULTI-NEXT:      arith.mulf
// MULTI-NEXT:      arith.addf
// MULTI-NEXT:      math.log
// MULTI:         linalg.generic
// MULTI-NEXT:    ^bb0
// MULTI-NEXT:      math.exp
// MULTI-NEXT:      arith.mulf
// MULTI-NEXT:      arith.addf
// MULTI-NEXT:      math.sqrt
// SMALL: remark: not fused: producer has several uses and 3 body ops (duplicating allows at most 1)
// SMALL: remark: not fused: producer has several uses and 3 body ops (duplicating allows at most 1)
func.func @costly(%a: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %e = tensor.empty() : tensor<8xf32>
  %0 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%x: f32, %out: f32):
    %1 = math.exp %x : f32
    %2 = arith.mulf %1, %x : f32
    %3 = arith.addf %2, %x : f32
    linalg.yield %3 : f32
  } -> tensor<8xf32>
  %4 = linalg.log ins(%0 : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %5 = linalg.sqrt ins(%0 : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  return %4, %5 : tensor<8xf32>, tensor<8xf32>
}

// -----

// A chain of four: max-depth=2 puts the first three in one op.
// DEPTH: remark: not fused: it would chain 3 producers into one op (max-depth=2)
// DEPTH-LABEL: func.func @chain(
// DEPTH:         %[[F:.*]] = linalg.generic
// DEPTH-NEXT:    ^bb0
// DEPTH-NEXT:      math.exp
// DEPTH-NEXT:      math.log
// DEPTH-NEXT:      math.sqrt
// DEPTH:         linalg.abs ins(%[[F]]
// DEFAULT-LABEL: func.func @chain(
// DEFAULT:         linalg.generic
// DEFAULT-NEXT:    ^bb0
// DEFAULT-NEXT:      math.exp
// DEFAULT-NEXT:      math.log
// DEFAULT-NEXT:      math.sqrt
// DEFAULT-NEXT:      math.abs
func.func @chain(%a: tensor<8xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8xf32>
  %0 = linalg.exp ins(%a : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %1 = linalg.log ins(%0 : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %2 = linalg.sqrt ins(%1 : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %3 = linalg.abs ins(%2 : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  return %3 : tensor<8xf32>
}
