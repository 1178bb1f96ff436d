// RUN: ml-opt %s --split-input-file --verify-diagnostics

func.func @to_tensor_shape(%m: memref<4xf32>) {
  // expected-error@+2 {{'bufferization.to_tensor' op failed to verify that specified tensor and buffer types match}}
  // expected-note@+1 {{shapes do not match}}
  %0 = bufferization.to_tensor %m : memref<4xf32> to tensor<5xf32>
  return
}

// -----

func.func @to_tensor_element(%m: memref<4xf32>) {
  // expected-error@+2 {{'bufferization.to_tensor' op failed to verify that specified tensor and buffer types match}}
  // expected-note@+1 {{element types do not match}}
  %0 = bufferization.to_tensor %m : memref<4xf32> to tensor<4xf16>
  return
}

// -----

func.func @to_tensor_rank(%m: memref<*xf32>) {
  // expected-error@+2 {{'bufferization.to_tensor' op failed to verify that specified tensor and buffer types match}}
  // expected-note@+1 {{shapes do not match}}
  %0 = bufferization.to_tensor %m : memref<*xf32> to tensor<4xf32>
  return
}

// -----

func.func @to_tensor_operand(%t: tensor<4xi32>) {
  // expected-error@+1 {{'bufferization.to_tensor' op operand #0 must be BufferLikeType instance, but got 'tensor<4xi32>'}}
  %0 = "bufferization.to_tensor"(%t) : (tensor<4xi32>) -> tensor<4xi32>
  return
}

// -----

func.func @to_tensor_syntax(%m: memref<4xf32>) {
  %0 = bufferization.to_tensor %m : memref<4xf32>
  // expected-error@+1 {{expected 'to'}}
  return
}

// -----

func.func @to_buffer_shape(%t: tensor<4xf32>) {
  // expected-error@+2 {{'bufferization.to_buffer' op failed to verify that specified tensor and buffer types match}}
  // expected-note@+1 {{shapes do not match}}
  %0 = bufferization.to_buffer %t : tensor<4xf32> to memref<?xf32>
  return
}

// -----

func.func @to_buffer_unranked(%t: tensor<4xf32>) {
  // expected-error@+2 {{'bufferization.to_buffer' op failed to verify that specified tensor and buffer types match}}
  // expected-note@+1 {{shapes do not match}}
  %0 = bufferization.to_buffer %t : tensor<4xf32> to memref<*xf32>
  return
}

// -----

func.func @alloc_tensor_sizes(%i: index) {
  // expected-error@+1 {{'bufferization.alloc_tensor' op incorrect number of dynamic sizes, has 1, expected 2}}
  %0 = bufferization.alloc_tensor(%i) : tensor<4x?x?xf32>
  return
}

// -----

func.func @alloc_tensor_copy_and_sizes(%t: tensor<?xf32>, %i: index) {
  // expected-error@+1 {{dynamic sizes not needed when copying a tensor}}
  %0 = bufferization.alloc_tensor(%i) copy(%t) : tensor<?xf32>
  return
}

// -----

func.func @alloc_tensor_copy_type(%t: tensor<?xf32>) {
  // expected-error@+1 {{expected that `copy` and return type match}}
  %0 = "bufferization.alloc_tensor"(%t) <{operandSegmentSizes = array<i32: 0, 1, 0>}> : (tensor<?xf32>) -> tensor<4xf32>
  return
}

// -----

// expected-note@+1 {{prior use here}}
func.func @alloc_tensor_copy_use(%t: tensor<?xf32>) {
  // expected-error@+1 {{use of value '%t' expects different type than prior uses: 'tensor<5xf32>' vs 'tensor<?xf32>'}}
  %0 = bufferization.alloc_tensor() copy(%t) : tensor<5xf32>
  return
}

// -----

func.func @alloc_tensor_result() {
  // expected-error@+1 {{'bufferization.alloc_tensor' op result #0 must be tensor of any type values, but got 'memref<4xi32>'}}
  %0 = "bufferization.alloc_tensor"() <{operandSegmentSizes = array<i32: 0, 0, 0>}> : () -> memref<4xi32>
  return
}

// -----

func.func @alloc_tensor_syntax(%i: index) {
  // expected-error@+1 {{expected '='}}
  %0 = bufferization.alloc_tensor(%i) size_hint %i : tensor<?xf32>
  return
}

// -----

func.func @dealloc_tensor_operand(%m: memref<4xi32>) {
  // expected-error@+1 {{'bufferization.dealloc_tensor' op operand #0 must be tensor of any type values, but got 'memref<4xi32>'}}
  "bufferization.dealloc_tensor"(%m) : (memref<4xi32>) -> ()
  return
}

// -----

func.func @clone_operand(%t: tensor<4xi32>) {
  // expected-error@+1 {{'bufferization.clone' op operand #0 must be ranked or unranked memref of any type values, but got 'tensor<4xi32>'}}
  %0 = "bufferization.clone"(%t) : (tensor<4xi32>) -> tensor<4xi32>
  return
}

// -----

func.func @materialize_writable(%t: tensor<4xf32>, %m: memref<4xf32>) {
  // expected-error@+1 {{'bufferization.materialize_in_destination' op 'writable' must be specified if and only if the destination is of memref type}}
  bufferization.materialize_in_destination %t in %m : (tensor<4xf32>, memref<4xf32>) -> ()
  return
}

// -----

func.func @materialize_tensor_writable(%t: tensor<4xf32>, %d: tensor<4xf32>) {
  // expected-error@+1 {{'bufferization.materialize_in_destination' op 'writable' must be specified if and only if the destination is of memref type}}
  %0 = bufferization.materialize_in_destination %t in writable %d : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @materialize_restrict(%t: tensor<4xf32>, %d: tensor<4xf32>) {
  // expected-error@+1 {{'bufferization.materialize_in_destination' op 'restrict' is valid only for memref destinations}}
  %0 = bufferization.materialize_in_destination %t in restrict %d : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @materialize_tensor_result(%t: tensor<4xf32>, %d: tensor<4xf32>) {
  // expected-error@+1 {{'bufferization.materialize_in_destination' op tensor 'dest' implies exactly one tensor result}}
  bufferization.materialize_in_destination %t in %d : (tensor<4xf32>, tensor<4xf32>) -> ()
  return
}

// -----

func.func @materialize_result_type(%t: tensor<4xf32>, %d: tensor<4xf32>) {
  // expected-error@+1 {{'bufferization.materialize_in_destination' op result and 'dest' types must match}}
  %0 = bufferization.materialize_in_destination %t in %d : (tensor<4xf32>, tensor<4xf32>) -> tensor<?xf32>
  return
}

// -----

func.func @materialize_memref_result(%t: tensor<4xf32>, %m: memref<4xf32>) {
  // expected-error@+1 {{'bufferization.materialize_in_destination' op memref 'dest' implies zero results}}
  %0 = bufferization.materialize_in_destination %t in restrict writable %m : (tensor<4xf32>, memref<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @materialize_shapes(%t: tensor<4xf32>, %d: tensor<5xf32>) {
  // expected-error@+1 {{'bufferization.materialize_in_destination' op source/destination shapes are incompatible}}
  %0 = bufferization.materialize_in_destination %t in %d : (tensor<4xf32>, tensor<5xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @materialize_rank(%t: tensor<4xf32>, %m: memref<4x4xf32>) {
  // expected-error@+1 {{'bufferization.materialize_in_destination' op rank mismatch between source and destination shape}}
  bufferization.materialize_in_destination %t in restrict writable %m : (tensor<4xf32>, memref<4x4xf32>) -> ()
  return
}

// -----

func.func @materialize_unranked(%t: tensor<4xf32>, %m: memref<*xf32>) {
  // expected-error@+1 {{'bufferization.materialize_in_destination' op source/destination shapes are incompatible}}
  bufferization.materialize_in_destination %t in restrict writable %m : (tensor<4xf32>, memref<*xf32>) -> ()
  return
}

// -----

func.func @materialize_element(%t: tensor<4xf32>, %m: memref<4xf16>) {
  // expected-error@+1 {{'bufferization.materialize_in_destination' op failed to verify that all of {source, dest} have same element type}}
  bufferization.materialize_in_destination %t in restrict writable %m : (tensor<4xf32>, memref<4xf16>) -> ()
  return
}

// -----

func.func @materialize_dest(%t: tensor<4xf32>, %v: vector<4xf32>) {
  // expected-error@+1 {{'bufferization.materialize_in_destination' op 'dest' must be a tensor or a memref}}
  bufferization.materialize_in_destination %t in restrict writable %v : (tensor<4xf32>, vector<4xf32>) -> ()
  return
}

// -----

func.func @materialize_syntax(%t: tensor<4xf32>, %m: memref<4xf32>) {
  // expected-error@+1 {{expected 'in'}}
  bufferization.materialize_in_destination %t into %m : (tensor<4xf32>, memref<4xf32>) -> ()
  return
}

// -----

func.func @dealloc_conditions(%m: memref<4xf32>, %c: i1) {
  // expected-error@+1 {{'bufferization.dealloc' op must have the same number of conditions as memrefs to deallocate}}
  bufferization.dealloc (%m : memref<4xf32>) if (%c, %c)
  return
}

// -----

func.func @dealloc_results(%m: memref<4xf32>, %c: i1) {
  // expected-error@+1 {{'bufferization.dealloc' op must have the same number of updated conditions (results) as retained operands}}
  %0 = "bufferization.dealloc"(%m, %c) <{operandSegmentSizes = array<i32: 1, 1, 0>}> : (memref<4xf32>, i1) -> i1
  return
}

// -----

func.func @dealloc_syntax(%m: memref<4xf32>, %c: i1) {
  // expected-error@+1 {{expected 'if'}}
  bufferization.dealloc (%m : memref<4xf32>) retain (%m : memref<4xf32>)
  return
}
