// RUN: ml-opt %s --one-shot-bufferize --verify-diagnostics --split-input-file
// RUN: not ml-opt %s --one-shot-bufferize="function-boundary-type-conversion=contiguous" 2>&1 | FileCheck %s --check-prefix=OPTION
// The failing pass is named in a note at the module, which starts on line 1:
// expected-note@-3 {{pass 'one-shot-bufferize' failed}}

// OPTION: invalid function-boundary-type-conversion 'contiguous': expected fully-dynamic-layout-map, identity-layout-map or infer-layout-map

// An op on tensors with no bufferization is reported at its location.
func.func @no_model(%t: tensor<4xi32>) -> tensor<4xf32> {
  // expected-error@+1 {{cannot bufferize op 'tensor.bitcast': it has no bufferization (Bufferizable) implementation}}
  %b = tensor.bitcast %t : tensor<4xi32> to tensor<4xf32>
  return %b : tensor<4xf32>
}

// -----
// expected-note {{pass 'one-shot-bufferize' failed}}

// A buffer of one memory space cannot stand for one of another.
func.func @memory_space(%t: tensor<4xf32>) -> memref<4xf32, 1> {
  // expected-error@+1 {{cannot bufferize: the buffer is in the default memory space, a buffer in memory space 1 : i64 is asked for}}
  %b = bufferization.to_buffer %t : tensor<4xf32> to memref<4xf32, 1>
  return %b : memref<4xf32, 1>
}
