// RUN: ml-opt %s --split-input-file --verify-diagnostics

func.func @sizes(%n: index) {
  // expected-error@+1 {{'memref.alloc' op incorrect number of dynamic sizes, has 0, expected 1}}
  %a = memref.alloc() : memref<?xf32>
  return
}

// -----

func.func @symbols(%n: index) {
  // expected-error@+1 {{'memref.alloc' op symbol operand count does not equal memref symbol count}}
  %a = memref.alloc() : memref<4xf32, strided<[1], offset: ?>>
  return
}

// -----

func.func @indices(%m: memref<4x4xf32>, %i: index) {
  // expected-error@+1 {{'memref.load' op incorrect number of indices for load, expected 2 but got 1}}
  %x = memref.load %m[%i] : memref<4x4xf32>
  return
}

// -----

// expected-note@+1 {{prior use here}}
func.func @store_type(%m: memref<4xf32>, %i: index, %x: i32) {
  // expected-error@+1 {{use of value '%x' expects different type than prior uses: 'f32' vs 'i32'}}
  memref.store %x, %m[%i] : memref<4xf32>
  return
}

// -----

func.func @cast(%m: memref<4xf32>) {
  // expected-error@+1 {{'memref.cast' op operand type 'memref<4xf32>' and result type 'memref<8xf32>' are cast incompatible}}
  %c = memref.cast %m : memref<4xf32> to memref<8xf32>
  return
}

// -----

func.func @missing_global() {
  // expected-error@+1 {{'memref.get_global' op 'nowhere' does not reference a valid global memref}}
  %g = memref.get_global @nowhere : memref<4xf32>
  return
}

// -----

func.func @cast_strides(%m: memref<?x?xf32>) {
  // expected-error@+1 {{'memref.cast' op operand type 'memref<?x?xf32>' and result type 'memref<?x?xf32, strided<[?, 1], offset: 2>>' are cast incompatible}}
  %c = memref.cast %m : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1], offset: 2>>
  return
}

// -----

func.func @cast_memory_space(%m: memref<?x?xf32, 1>) {
  // expected-error@+1 {{'memref.cast' op operand type 'memref<?x?xf32, 1>' and result type 'memref<*xf32>' are cast incompatible}}
  %c = memref.cast %m : memref<?x?xf32, 1> to memref<*xf32>
  return
}

// -----

func.func @subview_layout(%m: memref<8x16xf32>) {
  // expected-error@+1 {{expected result type to be 'memref<4x4xf32, strided<[16, 1]>>' or a rank-reduced version. (mismatch of result layout), but got 'memref<4x4xf32>'}}
  %0 = memref.subview %m[0, 0] [4, 4] [1, 1] : memref<8x16xf32> to memref<4x4xf32>
  return
}

// -----

func.func @subview_sizes(%m: memref<8x16xf32>) {
  // expected-error@+1 {{expected result type to be 'memref<4x4xf32, strided<[16, 1]>>' or a rank-reduced version. (mismatch of result sizes), but got 'memref<4x5xf32, strided<[16, 1]>>'}}
  %0 = memref.subview %m[0, 0] [4, 4] [1, 1] : memref<8x16xf32> to memref<4x5xf32, strided<[16, 1]>>
  return
}

// -----

func.func @subview_element(%m: memref<8x16xf32>) {
  // expected-error@+1 {{expected result element type to be 'f32', but got 'memref<4x4xf16, strided<[16, 1]>>'}}
  %0 = memref.subview %m[0, 0] [4, 4] [1, 1] : memref<8x16xf32> to memref<4x4xf16, strided<[16, 1]>>
  return
}

// -----

func.func @subview_memory_space(%m: memref<8x16xf32>) {
  // expected-error@+1 {{different memory spaces specified for base memref type 'memref<8x16xf32>' and subview memref type 'memref<4x4xf32, strided<[16, 1]>, 1>'}}
  %0 = memref.subview %m[0, 0] [4, 4] [1, 1] : memref<8x16xf32> to memref<4x4xf32, strided<[16, 1]>, 1>
  return
}

// -----

func.func @subview_rank(%m: memref<8x16xf32>) {
  // expected-error@+1 {{expected result rank to be smaller or equal to the source rank, but got 'memref<4x4x1xf32, strided<[16, 1, 1]>>'}}
  %0 = memref.subview %m[0, 0] [4, 4] [1, 1] : memref<8x16xf32> to memref<4x4x1xf32, strided<[16, 1, 1]>>
  return
}

// -----

func.func @subview_offsets(%m: memref<8x16xf32>) {
  // expected-error@+1 {{expected 2 offset values, got 1}}
  %0 = memref.subview %m[0] [4] [1] : memref<8x16xf32> to memref<4xf32>
  return
}

// -----

func.func @subview_dynamic_offset(%m: memref<8x16xf32>, %i: index) {
  // expected-error@+1 {{expected result type to be 'memref<4x4xf32, strided<[16, 1], offset: ?>>' or a rank-reduced version. (mismatch of result layout), but got 'memref<4x4xf32, strided<[16, 1], offset: 3>>'}}
  %0 = memref.subview %m[0, %i] [4, 4] [1, 1] : memref<8x16xf32> to memref<4x4xf32, strided<[16, 1], offset: 3>>
  return
}

// -----

func.func @subview_not_strided(%m: memref<8x16xf32, affine_map<(d0, d1) -> (d1, d0)>>) {
  // expected-error@+1 {{base type 'memref<8x16xf32, affine_map<(d0, d1) -> (d1, d0)>>' is not strided}}
  %0 = memref.subview %m[0, 0] [4, 4] [1, 1] : memref<8x16xf32, affine_map<(d0, d1) -> (d1, d0)>> to memref<4x4xf32, strided<[16, 1]>>
  return
}

// -----

func.func @subview_dropped_stride(%m: memref<8x16xf32>) {
  // expected-error@+1 {{expected result type to be 'memref<1x4xf32, strided<[16, 1]>>' or a rank-reduced version. (mismatch of result layout), but got 'memref<4xf32, strided<[16]>>'}}
  %0 = memref.subview %m[0, 0] [1, 4] [1, 1] : memref<8x16xf32> to memref<4xf32, strided<[16]>>
  return
}

// -----

func.func @subview_negative_size(%m: memref<8x16xf32>) {
  // expected-error@+1 {{expected sizes to be non-negative, but got -1}}
  %0 = memref.subview %m[0, 0] [-1, 4] [1, 1] : memref<8x16xf32> to memref<16xf32>
  return
}

// -----

func.func @subview_negative_offset(%m: memref<8x16xf32>) {
  // expected-error@+1 {{expected offsets to be non-negative, but got -1}}
  %0 = memref.subview %m[-1, 0] [1, 4] [1, 1] : memref<8x16xf32> to memref<1x4xf32, strided<[16, 1]>>
  return
}

// -----

func.func @subview_out_of_bounds(%m: memref<8x16xf32>) {
  // expected-error@+1 {{slice along dimension 1 runs out-of-bounds: 17 >= 16}}
  %0 = memref.subview %m[0, 14] [1, 4] [1, 1] : memref<8x16xf32> to memref<1x4xf32, strided<[16, 1], offset: 14>>
  return
}

// -----

func.func @subview_offset_out_of_bounds(%m: memref<8x16xf32>) {
  // expected-error@+1 {{offset 0 is out-of-bounds: 8 >= 8}}
  %0 = memref.subview %m[8, 0] [0, 4] [1, 1] : memref<8x16xf32> to memref<0x4xf32, strided<[16, 1], offset: 128>>
  return
}

// -----

func.func @subview_syntax(%m: memref<8x16xf32>) {
  // expected-error@+1 {{expected 'to'}}
  %0 = memref.subview %m[0, 0] [4, 4] [1, 1] : memref<8x16xf32>, memref<4x4xf32>
  return
}

// -----

func.func @reinterpret_memory_space(%m: memref<8x16xf32>) {
  // expected-error@+1 {{different memory spaces specified for source type 'memref<8x16xf32>' and result memref type 'memref<8x16xf32, 1>'}}
  %0 = memref.reinterpret_cast %m to offset: [0], sizes: [8, 16], strides: [16, 1] : memref<8x16xf32> to memref<8x16xf32, 1>
  return
}

// -----

func.func @reinterpret_element(%m: memref<8x16xf32>) {
  // expected-error@+1 {{different element types specified for source type 'memref<8x16xf32>' and result memref type 'memref<8x16xi32>'}}
  %0 = memref.reinterpret_cast %m to offset: [0], sizes: [8, 16], strides: [16, 1] : memref<8x16xf32> to memref<8x16xi32>
  return
}

// -----

func.func @reinterpret_size(%m: memref<8x16xf32>) {
  // expected-error@+1 {{expected result type with size = 15 instead of 16 in dim = 1}}
  %0 = memref.reinterpret_cast %m to offset: [0], sizes: [8, 15], strides: [16, 1] : memref<8x16xf32> to memref<8x16xf32>
  return
}

// -----

func.func @reinterpret_offset(%m: memref<8x16xf32>, %i: index) {
  // expected-error@+1 {{expected result type with offset = dynamic instead of 0}}
  %0 = memref.reinterpret_cast %m to offset: [%i], sizes: [8, 16], strides: [16, 1] : memref<8x16xf32> to memref<8x16xf32>
  return
}

// -----

func.func @reinterpret_stride(%m: memref<8x16xf32>) {
  // expected-error@+1 {{expected result type with stride = 15 instead of 16 in dim = 0}}
  %0 = memref.reinterpret_cast %m to offset: [0], sizes: [8, 16], strides: [15, 1] : memref<8x16xf32> to memref<8x16xf32>
  return
}

// -----

func.func @reinterpret_not_strided(%m: memref<8x16xf32>) {
  // expected-error@+1 {{'memref.reinterpret_cast' op result #0 must be strided memref of any type values, but got 'memref<8x16xf32, affine_map<(d0, d1) -> (d1, d0)>>'}}
  %0 = memref.reinterpret_cast %m to offset: [0], sizes: [8, 16], strides: [16, 1] : memref<8x16xf32> to memref<8x16xf32, affine_map<(d0, d1) -> (d1, d0)>>
  return
}

// -----

func.func @reinterpret_offsets(%m: memref<8x16xf32>) {
  // expected-error@+1 {{expected 1 offset values, got 2}}
  %0 = memref.reinterpret_cast %m to offset: [0, 1], sizes: [8, 16], strides: [16, 1] : memref<8x16xf32> to memref<8x16xf32>
  return
}

// -----

func.func @reinterpret_ranks(%m: memref<8x16xf32>) {
  // expected-error@+1 {{expected mixed sizes rank to match mixed strides rank (1 vs 2) so the rank of the result type is well-formed.}}
  %0 = memref.reinterpret_cast %m to offset: [0], sizes: [8], strides: [16, 1] : memref<8x16xf32> to memref<8x16xf32>
  return
}

// -----

func.func @reinterpret_syntax(%m: memref<8x16xf32>) {
  // expected-error@+1 {{expected 'offset'}}
  %0 = memref.reinterpret_cast %m to sizes: [8, 16], strides: [16, 1] : memref<8x16xf32> to memref<8x16xf32>
  return
}

// -----

func.func @view_memory_space(%b: memref<2048xi8, 1>, %i: index) {
  // expected-error@+1 {{different memory spaces specified for base memref type 'memref<2048xi8, 1>' and view memref type 'memref<64x4xf32>'}}
  %0 = memref.view %b[%i][] : memref<2048xi8, 1> to memref<64x4xf32>
  return
}

// -----

func.func @view_sizes(%b: memref<2048xi8>, %i: index) {
  // expected-error@+1 {{'memref.view' op incorrect number of dynamic sizes, has 0, expected 1}}
  %0 = memref.view %b[%i][] : memref<2048xi8> to memref<64x?xf32>
  return
}

// -----

func.func @view_result_layout(%b: memref<2048xi8>, %i: index) {
  // expected-error@+1 {{unsupported map for result memref type 'memref<64x4xf32, strided<[4, 1]>>'}}
  %0 = memref.view %b[%i][] : memref<2048xi8> to memref<64x4xf32, strided<[4, 1]>>
  return
}

// -----

func.func @view_source_layout(%b: memref<2048xi8, strided<[2]>>, %i: index) {
  // expected-error@+1 {{unsupported map for base memref type 'memref<2048xi8, strided<[2]>>'}}
  %0 = memref.view %b[%i][] : memref<2048xi8, strided<[2]>> to memref<64x4xf32>
  return
}

// -----

func.func @view_bytes(%b: memref<2048xf32>, %i: index) {
  // expected-error@+1 {{'memref.view' op operand #0 must be 1D memref of 8-bit signless integer values, but got 'memref<2048xf32>'}}
  %0 = memref.view %b[%i][] : memref<2048xf32> to memref<64x4xf32>
  return
}

// -----

func.func @transpose_type(%m: memref<?x?xf32>) {
  // expected-error@+1 {{'memref.transpose' op result type 'memref<?x?xf32>' is not equivalent to the canonical transposed input type 'memref<?x?xf32, affine_map<(d0, d1)[s0] -> (d0 * s0 + d1)>>'}}
  %0 = memref.transpose %m (i, j) -> (i, j) : memref<?x?xf32> to memref<?x?xf32>
  return
}

// -----

func.func @transpose_offset(%m: memref<4x8xf32, strided<[8, 1], offset: ?>>) {
  // expected-error@+1 {{'memref.transpose' op result type 'memref<8x4xf32, strided<[2, 8], offset: ?>>' is not equivalent to the canonical transposed input type 'memref<8x4xf32, affine_map<(d0, d1)[s0] -> (d0 + d1 * 8 + s0)>>'}}
  %0 = memref.transpose %m (i, j) -> (j, i) : memref<4x8xf32, strided<[8, 1], offset: ?>> to memref<8x4xf32, strided<[2, 8], offset: ?>>
  return
}

// -----

func.func @transpose_not_permutation(%m: memref<?x?xf32>) {
  // expected-error@+1 {{'memref.transpose' op expected a permutation map}}
  %0 = memref.transpose %m (i, j) -> (i) : memref<?x?xf32> to memref<?x?xf32, strided<[1, ?]>>
  return
}

// -----

func.func @transpose_rank(%m: memref<?x?xf32>) {
  // expected-error@+1 {{'memref.transpose' op expected a permutation map of same rank as the input}}
  %0 = memref.transpose %m (i, j, k) -> (k, j, i) : memref<?x?xf32> to memref<?x?xf32, strided<[1, ?]>>
  return
}

// -----

func.func @collapse_size(%m: memref<8x16xf32>) {
  // expected-error@+1 {{'memref.collapse_shape' op collapsed dim size (127) must equal reassociation group size (128)}}
  %0 = memref.collapse_shape %m [[0, 1]] : memref<8x16xf32> into memref<127xf32>
  return
}

// -----

func.func @collapse_groups(%m: memref<8x16xf32>) {
  // expected-error@+1 {{'memref.collapse_shape' op invalid number of reassociation groups: found 2, expected 1}}
  %0 = memref.collapse_shape %m [[0], [1]] : memref<8x16xf32> into memref<128xf32>
  return
}

// -----

func.func @collapse_not_contiguous(%m: memref<8x16xf32, strided<[32, 1]>>) {
  // expected-error@+1 {{'memref.collapse_shape' op invalid source layout map or collapsing non-contiguous dims}}
  %0 = memref.collapse_shape %m [[0, 1]] : memref<8x16xf32, strided<[32, 1]>> into memref<128xf32>
  return
}

// -----

func.func @collapse_layout(%m: memref<8x16xf32, strided<[16, 1], offset: 5>>) {
  // expected-error@+1 {{'memref.collapse_shape' op expected collapsed type to be 'memref<128xf32, strided<[1], offset: 5>>' but found 'memref<128xf32>'}}
  %0 = memref.collapse_shape %m [[0, 1]] : memref<8x16xf32, strided<[16, 1], offset: 5>> into memref<128xf32>
  return
}

// -----

func.func @collapse_order(%m: memref<8x16xf32>) {
  // expected-error@+1 {{'memref.collapse_shape' op reassociation indices must be contiguous}}
  %0 = memref.collapse_shape %m [[1, 0]] : memref<8x16xf32> into memref<128xf32>
  return
}

// -----

func.func @collapse_dynamic(%m: memref<8x16xf32>) {
  // expected-error@+1 {{'memref.collapse_shape' op collapsed dim (0) must be dynamic if and only if reassociation group is dynamic}}
  %0 = memref.collapse_shape %m [[0, 1]] : memref<8x16xf32> into memref<?xf32>
  return
}

// -----

func.func @collapse_bounds(%m: memref<8x?xf32>) {
  // expected-error@+1 {{'memref.collapse_shape' op reassociation index 2 is out of bounds}}
  %0 = memref.collapse_shape %m [[0], [1, 2]] : memref<8x?xf32> into memref<8x?xf32>
  return
}

// -----

func.func @collapse_rank(%m: memref<8xf32>) {
  // expected-error@+1 {{'memref.collapse_shape' op has source rank 1 and result rank 2. This is not a collapse (1 < 2).}}
  %0 = memref.collapse_shape %m [[0], [1]] : memref<8xf32> into memref<8x1xf32>
  return
}

// -----

func.func @expand_layout(%m: memref<128xf32, strided<[2], offset: 3>>) {
  // expected-error@+1 {{'memref.expand_shape' op expected expanded type to be 'memref<8x16xf32, strided<[32, 2], offset: 3>>' but found 'memref<8x16xf32>'}}
  %0 = memref.expand_shape %m [[0, 1]] output_shape [8, 16] : memref<128xf32, strided<[2], offset: 3>> into memref<8x16xf32>
  return
}

// -----

func.func @expand_contiguous(%m: memref<128xf32>) {
  // expected-error@+1 {{'memref.expand_shape' op expected expanded type to be 'memref<8x16xf32>' but found 'memref<8x16xf32, strided<[16, 1]>>'}}
  %0 = memref.expand_shape %m [[0, 1]] output_shape [8, 16] : memref<128xf32> into memref<8x16xf32, strided<[16, 1]>>
  return
}

// -----

func.func @expand_rank(%m: memref<8x16xf32>) {
  // expected-error@+1 {{'memref.expand_shape' op has source rank 2 and result rank 1. This is not an expansion (2 > 1).}}
  %0 = memref.expand_shape %m [[0, 1]] output_shape [128] : memref<8x16xf32> into memref<128xf32>
  return
}

// -----

func.func @expand_output_rank(%m: memref<128xf32>) {
  // expected-error@+1 {{'memref.expand_shape' op expected number of static shape bounds to be equal to the output rank (2) but found 3 inputs instead}}
  %0 = memref.expand_shape %m [[0, 1]] output_shape [8, 16, 1] : memref<128xf32> into memref<8x16xf32>
  return
}

// -----

func.func @expand_output_shape(%m: memref<128xf32>) {
  // expected-error@+1 {{'memref.expand_shape' op invalid output shape provided at pos 1}}
  %0 = memref.expand_shape %m [[0, 1]] output_shape [8, 8] : memref<128xf32> into memref<8x16xf32>
  return
}

// -----

func.func @expand_rank_0(%m: memref<f32>) {
  // expected-error@+1 {{'memref.expand_shape' op rank 0 memrefs can only be extended/collapsed with/from ones}}
  %0 = memref.expand_shape %m [] output_shape [1, 2] : memref<f32> into memref<1x2xf32>
  return
}

// -----

func.func @expand_syntax(%m: memref<128xf32>) {
  // expected-error@+1 {{expected 'output_shape'}}
  %0 = memref.expand_shape %m [[0, 1]] : memref<128xf32> into memref<8x16xf32>
  return
}

// -----

func.func @metadata_types(%m: memref<4x8xf32, 3>) {
  // expected-error@+1 {{'memref.extract_strided_metadata' op inferred type(s) 'memref<f32, 3>', 'index', 'index', 'index', 'index', 'index' are incompatible with return type(s) of operation 'memref<f32>', 'index', 'index', 'index', 'index', 'index'}}
  %0:6 = memref.extract_strided_metadata %m : memref<4x8xf32, 3> -> memref<f32>, index, index, index, index, index
  return
}

// -----

func.func @metadata_not_strided(%m: memref<4x8xf32, affine_map<(d0, d1) -> (d1, d0)>>) {
  // expected-error@+1 {{'memref.extract_strided_metadata' op operand #0 must be strided memref of any type values, but got 'memref<4x8xf32, affine_map<(d0, d1) -> (d1, d0)>>'}}
  %0:6 = memref.extract_strided_metadata %m : memref<4x8xf32, affine_map<(d0, d1) -> (d1, d0)>> -> memref<f32>, index, index, index, index, index
  return
}

// -----

func.func @metadata_base(%m: memref<4xf32>) {
  // expected-error@+1 {{'memref.extract_strided_metadata' op result #0 must be strided memref of any type values of rank 0, but got 'memref<1xf32>'}}
  %0:4 = "memref.extract_strided_metadata"(%m) : (memref<4xf32>) -> (memref<1xf32>, index, index, index)
  return
}

// -----

func.func @atomic_kind_type(%m: memref<?x?xf32>, %v: f32, %i: index) {
  // expected-error@+1 {{'memref.atomic_rmw' op with kind 'addi' expects an integer type}}
  %0 = memref.atomic_rmw addi %v, %m[%i, %i] : (f32, memref<?x?xf32>) -> f32
  return
}

// -----

func.func @atomic_float_kind(%m: memref<?x?xi32>, %v: i32, %i: index) {
  // expected-error@+1 {{'memref.atomic_rmw' op with kind 'addf' expects a floating-point type}}
  %0 = memref.atomic_rmw addf %v, %m[%i, %i] : (i32, memref<?x?xi32>) -> i32
  return
}

// -----

func.func @atomic_subscripts(%m: memref<?x?xi32>, %v: i32, %i: index) {
  // expected-error@+1 {{'memref.atomic_rmw' op expects the number of subscripts to be equal to memref rank}}
  %0 = memref.atomic_rmw addi %v, %m[%i] : (i32, memref<?x?xi32>) -> i32
  return
}

// -----

func.func @atomic_element(%m: memref<?x?xi32>, %v: i64, %i: index) {
  // expected-error@+1 {{'memref.atomic_rmw' op failed to verify that value type matches element type of memref}}
  %0 = memref.atomic_rmw addi %v, %m[%i, %i] : (i64, memref<?x?xi32>) -> i64
  return
}

// -----

func.func @atomic_result(%m: memref<4xi32>, %v: i32, %i: index) {
  // expected-error@+1 {{'memref.atomic_rmw' op failed to verify that all of {value, result} have same type}}
  %0 = "memref.atomic_rmw"(%v, %m, %i) <{kind = 1 : i64}> : (i32, memref<4xi32>, index) -> i64
  return
}

// -----

func.func @atomic_value_type(%m: memref<4xindex>, %v: index, %i: index) {
  // expected-error@+1 {{'memref.atomic_rmw' op operand #0 must be signless integer or floating-point, but got 'index'}}
  %0 = "memref.atomic_rmw"(%v, %m, %i) <{kind = 0 : i64}> : (index, memref<4xindex>, index) -> index
  return
}

// -----

func.func @atomic_unknown_kind(%m: memref<?x?xi32>, %v: i32, %i: index) {
  // expected-error@+1 {{expected string or keyword containing one of the following enum values for attribute 'kind' [addf, addi, andi, assign, maximumf, maxnumf, maxs, maxu, minimumf, minnumf, mins, minu, mulf, muli, ori, xori]}}
  %0 = memref.atomic_rmw bogus %v, %m[%i] : (i32, memref<?x?xi32>) -> i32
  return
}

// -----

func.func @alignment_power(%m: memref<?x?xf32>) {
  // expected-error@+1 {{'memref.assume_alignment' op alignment must be power of 2}}
  %0 = memref.assume_alignment %m, 3 : memref<?x?xf32>
  return
}

// -----

func.func @alignment_positive(%m: memref<?x?xf32>) {
  // expected-error@+1 {{'memref.assume_alignment' op attribute 'alignment' failed to satisfy constraint: 32-bit signless integer attribute whose value is positive}}
  %0 = memref.assume_alignment %m, 0 : memref<?x?xf32>
  return
}

// -----

func.func @alignment_type(%m: memref<4xi32>) {
  // expected-error@+1 {{'memref.assume_alignment' op requires the same type for all operands and results}}
  %0 = "memref.assume_alignment"(%m) <{alignment = 16 : i32}> : (memref<4xi32>) -> memref<8xi32>
  return
}

// -----

func.func @realloc_missing_size(%m: memref<4xf32>) {
  // expected-error@+1 {{missing dimension operand for result type 'memref<?xf32>'}}
  %0 = memref.realloc %m : memref<4xf32> to memref<?xf32>
  return
}

// -----

func.func @realloc_extra_size(%m: memref<4xf32>, %i: index) {
  // expected-error@+1 {{unnecessary dimension operand for result type 'memref<8xf32>'}}
  %0 = memref.realloc %m(%i) : memref<4xf32> to memref<8xf32>
  return
}

// -----

func.func @realloc_element(%m: memref<4xf32>) {
  // expected-error@+1 {{different element types specified for source memref type 'memref<4xf32>' and result memref type 'memref<8xi32>'}}
  %0 = memref.realloc %m : memref<4xf32> to memref<8xi32>
  return
}

// -----

func.func @realloc_memory_space(%m: memref<4xf32>) {
  // expected-error@+1 {{different memory spaces specified for source memref type 'memref<4xf32>' and result memref type 'memref<8xf32, 1>'}}
  %0 = memref.realloc %m : memref<4xf32> to memref<8xf32, 1>
  return
}

// -----

func.func @realloc_layout(%m: memref<4xf32, strided<[2]>>) {
  // expected-error@+1 {{unsupported layout for source memref type 'memref<4xf32, strided<[2]>>'}}
  %0 = memref.realloc %m : memref<4xf32, strided<[2]>> to memref<8xf32>
  return
}

// -----

func.func @realloc_rank(%m: memref<4x4xf32>) {
  // expected-error@+1 {{'memref.realloc' op operand #0 must be 1D memref of any type values, but got 'memref<4x4xf32>'}}
  %0 = memref.realloc %m : memref<4x4xf32> to memref<8xf32>
  return
}

// -----

func.func @scope_results(%v: i32) {
  // expected-error@+1 {{'memref.alloca_scope' op along control flow edge from Operation memref.alloca_scope.return to parent: successor operand type #0 'i32' should match successor input type #0 'f32'}}
  %0 = memref.alloca_scope -> (f32) {
    // expected-note@+1 {{region branch point}}
    memref.alloca_scope.return %v : i32
  }
  return
}

// -----

func.func @scope_count(%v: f32) {
  // The implicit terminator is located at the op.
  // expected-note@+2 {{region branch point}}
  // expected-error@+1 {{'memref.alloca_scope' op along control flow edge from Operation memref.alloca_scope.return to parent: region branch point has 0 operands, but region successor needs 1 inputs}}
  %0 = memref.alloca_scope -> (f32) {
  }
  return
}

// -----

func.func @scope_arguments() {
  // expected-error@+1 {{'memref.alloca_scope' op region should have no arguments}}
  "memref.alloca_scope"() ({
  ^bb0(%x: index):
    "memref.alloca_scope.return"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @scope_return_parent(%v: f32) {
  // expected-error@+1 {{'memref.alloca_scope.return' op expects parent op 'memref.alloca_scope'}}
  memref.alloca_scope.return %v : f32
}

// -----

func.func @reshape_element_type(%m: memref<2x6xf32>, %s: memref<2xindex>) {
  // expected-error@+1 {{'memref.reshape' op element types of source and destination memref types should be the same}}
  %r = memref.reshape %m(%s) : (memref<2x6xf32>, memref<2xindex>) -> memref<3x4xi32>
  return
}

// -----

func.func @reshape_strided_source(%m: memref<2x6xf32, strided<[7, 1]>>, %s: memref<2xindex>) {
  // expected-error@+1 {{'memref.reshape' op source memref type should have identity affine map}}
  %r = memref.reshape %m(%s) : (memref<2x6xf32, strided<[7, 1]>>, memref<2xindex>) -> memref<3x4xf32>
  return
}

// -----

func.func @reshape_strided_result(%m: memref<2x6xf32>, %s: memref<2xindex>) {
  // expected-error@+1 {{'memref.reshape' op result memref type should have identity affine map}}
  %r = memref.reshape %m(%s) : (memref<2x6xf32>, memref<2xindex>) -> memref<3x4xf32, strided<[8, 1]>>
  return
}

// -----

func.func @reshape_dynamic_length(%m: memref<2x6xf32>, %s: memref<?xindex>) {
  // expected-error@+1 {{'memref.reshape' op cannot use shape operand with dynamic length to reshape to statically-ranked memref type}}
  %r = memref.reshape %m(%s) : (memref<2x6xf32>, memref<?xindex>) -> memref<3x4xf32>
  return
}

// -----

func.func @reshape_length(%m: memref<2x6xf32>, %s: memref<3xindex>) {
  // expected-error@+1 {{'memref.reshape' op length of shape operand differs from the result's memref rank}}
  %r = memref.reshape %m(%s) : (memref<2x6xf32>, memref<3xindex>) -> memref<3x4xf32>
  return
}

// -----

func.func @reshape_shape_type(%m: memref<2x6xf32>, %s: memref<2xf32>) {
  // expected-error@+1 {{'memref.reshape' op operand #1 must be 1D memref of signless integer or index values, but got 'memref<2xf32>'}}
  %r = memref.reshape %m(%s) : (memref<2x6xf32>, memref<2xf32>) -> memref<3x4xf32>
  return
}
