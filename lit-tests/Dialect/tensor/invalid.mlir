// RUN: ml-opt %s --split-input-file --verify-diagnostics

func.func @empty_sizes(%n: index) {
  // expected-error@+1 {{'tensor.empty' op incorrect number of dynamic sizes, has 1, expected 0}}
  %e = tensor.empty(%n) : tensor<4xf32>
  return
}

// -----

func.func @extract_indices(%t: tensor<4x4xf32>, %i: index) {
  // expected-error@+1 {{'tensor.extract' op incorrect number of indices, expected 2 but got 1}}
  %x = tensor.extract %t[%i] : tensor<4x4xf32>
  return
}

// -----

func.func @from_elements_count(%x: f32) {
  // expected-error@+1 {{'tensor.from_elements' op expected 3 elements of the result element type}}
  %t = tensor.from_elements %x, %x : tensor<3xf32>
  return
}

// -----

func.func @splat_sizes(%x: f32) {
  // expected-error@+1 {{'tensor.splat' op incorrect number of dynamic sizes}}
  %t = tensor.splat %x : tensor<?xf32>
  return
}

// -----

func.func @generate_body(%n: index, %x: f32) {
  // expected-error@+1 {{'tensor.generate' op expected the block to have 1 arguments of type index, one per dimension}}
  %t = tensor.generate %n {
  ^bb0(%i: index, %j: index):
    tensor.yield %x : f32
  } : tensor<?xf32>
  return
}

// -----

func.func @generate_yield(%x: f64) {
  // expected-error@+1 {{'tensor.generate' op body must be terminated with a `tensor.yield` of the tensor element type}}
  %t = tensor.generate {
  ^bb0(%i: index):
    tensor.yield %x : f64
  } : tensor<4xf32>
  return
}

// -----

func.func @cast(%t: tensor<4xf32>) {
  // expected-error@+1 {{'tensor.cast' op operand type 'tensor<4xf32>' and result type 'tensor<8xf32>' are cast incompatible}}
  %c = tensor.cast %t : tensor<4xf32> to tensor<8xf32>
  return
}

// -----

func.func @bitcast_width(%t: tensor<4xf32>) {
  // expected-error@+1 {{'tensor.bitcast' op operand type 'tensor<4xf32>' and result type 'tensor<4xi64>' are cast incompatible}}
  %c = tensor.bitcast %t : tensor<4xf32> to tensor<4xi64>
  return
}

// -----

func.func @slice_out_of_bounds(%t: tensor<8x16xf32>) {
  // expected-error@+1 {{'tensor.extract_slice' op slice along dimension 1 runs out-of-bounds: 19 >= 16}}
  %s = tensor.extract_slice %t[0, 0] [1, 20] [1, 1] : tensor<8x16xf32> to tensor<20xf32>
  return
}

// -----

func.func @slice_negative_offset(%t: tensor<8xf32>) {
  // expected-error@+1 {{'tensor.extract_slice' op slice along dimension 0 runs out-of-bounds}}
  %s = tensor.extract_slice %t[-1] [2] [1] : tensor<8xf32> to tensor<2xf32>
  return
}

// -----

func.func @slice_type(%t: tensor<8x16xf32>) {
  // expected-error@+1 {{'tensor.extract_slice' op expected type to be 'tensor<1x4xf32>' or a rank-reduced version. (size mismatch)}}
  %s = tensor.extract_slice %t[0, 0] [1, 4] [1, 1] : tensor<8x16xf32> to tensor<1x?xf32>
  return
}

// -----

func.func @slice_rank(%t: tensor<8x16xf32>) {
  // expected-error@+1 {{'tensor.extract_slice' op expected 2 offsets values, one per dimension of the sliced tensor}}
  %s = tensor.extract_slice %t[0] [1, 4] [1, 1] : tensor<8x16xf32> to tensor<1x4xf32>
  return
}

// -----

func.func @insert_slice_type(%s: tensor<4xf32>, %t: tensor<8x16xf32>) {
  // expected-error@+1 {{'tensor.insert_slice' op expected type to be 'tensor<2x4xf32>' or a rank-reduced version. (size mismatch)}}
  %r = tensor.insert_slice %s into %t[0, 0] [2, 4] [1, 1] : tensor<4xf32> into tensor<8x16xf32>
  return
}

// -----

func.func @parallel_insert_outside(%s: tensor<4xf32>, %t: tensor<8xf32>) {
  // expected-error@+1 {{'tensor.parallel_insert_slice' op expected to be inside an op that combines parallel results}}
  tensor.parallel_insert_slice %s into %t[0] [4] [1] : tensor<4xf32> into tensor<8xf32>
  return
}

// -----

func.func @expand_groups(%t: tensor<6xf32>) {
  // expected-error@+1 {{'tensor.expand_shape' op expected reassociation map to be valid: dimensions must be contiguous and in order}}
  %e = tensor.expand_shape %t [[1, 0]] output_shape [2, 3] : tensor<6xf32> into tensor<2x3xf32>
  return
}

// -----

func.func @expand_product(%t: tensor<6xf32>) {
  // expected-error@+1 {{'tensor.expand_shape' op expected dimension 0 of collapsed type to be static value of 8}}
  %e = tensor.expand_shape %t [[0, 1]] output_shape [2, 4] : tensor<6xf32> into tensor<2x4xf32>
  return
}

// -----

func.func @expand_output_shape(%t: tensor<6xf32>) {
  // expected-error@+1 {{'tensor.expand_shape' op invalid output shape provided at pos 1}}
  %e = tensor.expand_shape %t [[0, 1]] output_shape [2, 4] : tensor<6xf32> into tensor<2x3xf32>
  return
}

// -----

func.func @collapse_dynamic(%t: tensor<2x?xf32>) {
  // expected-error@+1 {{'tensor.collapse_shape' op expected dimension 0 of collapsed type to be dynamic since one or more of the corresponding dimensions in the expanded type is dynamic}}
  %c = tensor.collapse_shape %t [[0, 1]] : tensor<2x?xf32> into tensor<8xf32>
  return
}

// -----

func.func @collapse_rank(%t: tensor<2x3xf32>) {
  // expected-error@+1 {{'tensor.collapse_shape' op collapse_shape cannot have a collapsed type of greater rank than the expanded type}}
  %c = tensor.collapse_shape %t [[0], [1], [2]] : tensor<2x3xf32> into tensor<2x3x1xf32>
  return
}

// -----

func.func @reshape_count(%t: tensor<6xf32>, %s: tensor<2xindex>) {
  // expected-error@+1 {{'tensor.reshape' op source and destination tensor should have the same number of elements}}
  %r = tensor.reshape %t(%s) : (tensor<6xf32>, tensor<2xindex>) -> tensor<2x4xf32>
  return
}

// -----

func.func @pad_type(%t: tensor<6x?xf32>, %n: index, %c: f32) {
  // expected-error@+1 {{'tensor.pad' op specified type 'tensor<8x?xf32>' does not match the inferred type 'tensor<9x?xf32>'}}
  %p = tensor.pad %t low[1, %n] high[2, 0] {
  ^bb0(%i: index, %j: index):
    tensor.yield %c : f32
  } : tensor<6x?xf32> to tensor<8x?xf32>
  return
}

// -----

func.func @pad_yield(%t: tensor<6xf32>, %c: f64) {
  // expected-error@+1 {{'tensor.pad' op body must be terminated with a `tensor.yield` of the tensor element type}}
  %p = tensor.pad %t low[1] high[2] {
  ^bb0(%i: index):
    tensor.yield %c : f64
  } : tensor<6xf32> to tensor<9xf32>
  return
}

// -----

func.func @concat_size(%t: tensor<6x?xf32>, %u: tensor<6x4xf32>) {
  // expected-error@+1 {{'tensor.concat' op result type 'tensor<11x4xf32>' does not match inferred shape 'tensor<12x4xf32>' static sizes}}
  %c = tensor.concat dim(0) %t, %u : (tensor<6x?xf32>, tensor<6x4xf32>) -> tensor<11x4xf32>
  return
}

// -----

func.func @concat_dim(%t: tensor<6xf32>) {
  // expected-error@+1 {{'tensor.concat' op concatenation dim must be less than the tensor rank}}
  %c = tensor.concat dim(1) %t, %t : (tensor<6xf32>, tensor<6xf32>) -> tensor<12xf32>
  return
}

// -----

func.func @slice_syntax(%t: tensor<8xf32>) {
  // expected-error@+1 {{expected ']'}}
  %s = tensor.extract_slice %t[0 [4] [1] : tensor<8xf32> to tensor<4xf32>
  return
}
