// RUN: ml-opt %s | FileCheck %s
// RUN: ml-opt %s | ml-opt | FileCheck %s
// RUN: ml-opt %s --mlir-print-op-generic | ml-opt | FileCheck %s

// Every tensor op in its custom form: creation, access, casts, slices
// (static, dynamic, rank-reducing, parallel), reshapes, padding and
// concatenation. The CHECK lines are what upstream mlir-opt 22 prints.

// CHECK-LABEL: func.func @create_and_access(%arg0: index, %arg1: index, %arg2: f32) -> tensor<4x?xf32> {
// CHECK-NEXT: %0 = tensor.empty(%arg0) : tensor<4x?xf32>
// CHECK-NEXT: %extracted = tensor.extract %0[%arg1, %arg1] : tensor<4x?xf32>
// CHECK-NEXT: %inserted = tensor.insert %arg2 into %0[%arg1, %arg1] : tensor<4x?xf32>
// CHECK-NEXT: %splat = tensor.splat %arg2 : tensor<2x3xf32>
// CHECK-NEXT: %splat_0 = tensor.splat %arg2[%arg0] : tensor<?x3xf32>
// CHECK-NEXT: %from_elements = tensor.from_elements %arg2, %extracted : tensor<2xf32>
// CHECK-NEXT: %from_elements_1 = tensor.from_elements %arg2 : tensor<f32>
// CHECK-NEXT: %generated = tensor.generate %arg0 {
// CHECK-NEXT: ^bb0(%arg3: index, %arg4: index):
// CHECK-NEXT: tensor.yield %arg2 : f32
// CHECK-NEXT: } : tensor<4x?xf32>
// CHECK-NEXT: return %inserted : tensor<4x?xf32>
// CHECK-NEXT: }
func.func @create_and_access(%n: index, %i: index, %x: f32) -> tensor<4x?xf32> {
  %e = tensor.empty(%n) : tensor<4x?xf32>
  %v = tensor.extract %e[%i, %i] : tensor<4x?xf32>
  %u = tensor.insert %x into %e[%i, %i] : tensor<4x?xf32>
  %s = tensor.splat %x : tensor<2x3xf32>
  %d = tensor.splat %x[%n] : tensor<?x3xf32>
  %f = tensor.from_elements %x, %v : tensor<2xf32>
  %z = tensor.from_elements %x : tensor<f32>
  %g = tensor.generate %n {
  ^bb0(%a: index, %b: index):
    tensor.yield %x : f32
  } : tensor<4x?xf32>
  return %u : tensor<4x?xf32>
}

// CHECK-LABEL: func.func @types(%arg0: tensor<?x4xf32>, %arg1: tensor<*xf32>) -> index {
// CHECK-NEXT: %c0 = arith.constant 0 : index
// CHECK-NEXT: %dim = tensor.dim %arg0, %c0 : tensor<?x4xf32>
// CHECK-NEXT: %dim_0 = tensor.dim %arg1, %c0 : tensor<*xf32>
// CHECK-NEXT: %rank = tensor.rank %arg1 : tensor<*xf32>
// CHECK-NEXT: %cast = tensor.cast %arg0 : tensor<?x4xf32> to tensor<8x4xf32>
// CHECK-NEXT: %cast_1 = tensor.cast %arg0 : tensor<?x4xf32> to tensor<*xf32>
// CHECK-NEXT: %0 = tensor.bitcast %arg0 : tensor<?x4xf32> to tensor<?x4xi32>
// CHECK-NEXT: return %dim : index
// CHECK-NEXT: }
func.func @types(%t: tensor<?x4xf32>, %u: tensor<*xf32>) -> index {
  %c0 = arith.constant 0 : index
  %d = tensor.dim %t, %c0 : tensor<?x4xf32>
  %du = tensor.dim %u, %c0 : tensor<*xf32>
  %r = tensor.rank %u : tensor<*xf32>
  %c = tensor.cast %t : tensor<?x4xf32> to tensor<8x4xf32>
  %cu = tensor.cast %t : tensor<?x4xf32> to tensor<*xf32>
  %b = tensor.bitcast %t : tensor<?x4xf32> to tensor<?x4xi32>
  return %d : index
}

// CHECK-LABEL: func.func @slices(%arg0: tensor<8x?xf32>, %arg1: index, %arg2: index) -> tensor<8x?xf32> {
// CHECK-NEXT: %extracted_slice = tensor.extract_slice %arg0[0, %arg1] [4, %arg2] [1, 2] : tensor<8x?xf32> to tensor<4x?xf32>
// CHECK-NEXT: %extracted_slice_0 = tensor.extract_slice %arg0[2, 0] [1, 5] [1, 1] : tensor<8x?xf32> to tensor<5xf32>
// CHECK-NEXT: %inserted_slice = tensor.insert_slice %extracted_slice into %arg0[0, %arg1] [4, %arg2] [1, 2] : tensor<4x?xf32> into tensor<8x?xf32>
// CHECK-NEXT: %inserted_slice_1 = tensor.insert_slice %extracted_slice_0 into %inserted_slice[%arg1, 0] [1, 5] [1, 1] {tag} : tensor<5xf32> into tensor<8x?xf32>
// CHECK-NEXT: return %inserted_slice_1 : tensor<8x?xf32>
// CHECK-NEXT: }
func.func @slices(%t: tensor<8x?xf32>, %i: index, %n: index) -> tensor<8x?xf32> {
  %s = tensor.extract_slice %t[0, %i] [4, %n] [1, 2] : tensor<8x?xf32> to tensor<4x?xf32>
  %r = tensor.extract_slice %t[2, 0] [1, 5] [1, 1] : tensor<8x?xf32> to tensor<5xf32>
  %w = tensor.insert_slice %s into %t[0, %i] [4, %n] [1, 2] : tensor<4x?xf32> into tensor<8x?xf32>
  %x = tensor.insert_slice %r into %w[%i, 0] [1, 5] [1, 1] {tag} : tensor<5xf32> into tensor<8x?xf32>
  return %x : tensor<8x?xf32>
}

// CHECK-LABEL: func.func @parallel_slices(%arg0: tensor<8x16xf32>) -> tensor<8x16xf32> {
// CHECK-NEXT: %0 = scf.forall (%arg1) in (2) shared_outs(%arg2 = %arg0) -> (tensor<8x16xf32>) {
// CHECK-NEXT: %extracted_slice = tensor.extract_slice %arg2[%arg1, 0] [4, 16] [1, 1] : tensor<8x16xf32> to tensor<4x16xf32>
// CHECK-NEXT: scf.forall.in_parallel {
// CHECK-NEXT: tensor.parallel_insert_slice %extracted_slice into %arg2[%arg1, 0] [4, 16] [1, 1] : tensor<4x16xf32> into tensor<8x16xf32>
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return %0 : tensor<8x16xf32>
// CHECK-NEXT: }
func.func @parallel_slices(%t: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %r = scf.forall (%i) in (2) shared_outs(%o = %t) -> (tensor<8x16xf32>) {
    %s = tensor.extract_slice %o[%i, 0] [4, 16] [1, 1] : tensor<8x16xf32> to tensor<4x16xf32>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %s into %o[%i, 0] [4, 16] [1, 1] : tensor<4x16xf32> into tensor<8x16xf32>
    }
  }
  return %r : tensor<8x16xf32>
}

// CHECK-LABEL: func.func @reshapes(%arg0: tensor<6x?xf32>, %arg1: index, %arg2: tensor<2xindex>, %arg3: tensor<?xf32>) {
// CHECK-NEXT: %expanded = tensor.expand_shape %arg0 {{\[\[}}0, 1], [2]] output_shape [2, 3, %arg1] : tensor<6x?xf32> into tensor<2x3x?xf32>
// CHECK-NEXT: %collapsed = tensor.collapse_shape %expanded {{\[\[}}0, 1], [2]] : tensor<2x3x?xf32> into tensor<6x?xf32>
// CHECK-NEXT: %collapsed_0 = tensor.collapse_shape %expanded {{\[\[}}0, 1, 2]] : tensor<2x3x?xf32> into tensor<?xf32>
// CHECK-NEXT: %collapsed_1 = tensor.collapse_shape %collapsed_0 [] : tensor<?xf32> into tensor<f32>
// CHECK-NEXT: %reshape = tensor.reshape %arg3(%arg2) : (tensor<?xf32>, tensor<2xindex>) -> tensor<?x?xf32>
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @reshapes(%t: tensor<6x?xf32>, %n: index, %shape: tensor<2xindex>, %u: tensor<?xf32>) {
  %e = tensor.expand_shape %t [[0, 1], [2]] output_shape [2, 3, %n] : tensor<6x?xf32> into tensor<2x3x?xf32>
  %c = tensor.collapse_shape %e [[0, 1], [2]] : tensor<2x3x?xf32> into tensor<6x?xf32>
  %a = tensor.collapse_shape %e [[0, 1, 2]] : tensor<2x3x?xf32> into tensor<?xf32>
  %s = tensor.collapse_shape %a [] : tensor<?xf32> into tensor<f32>
  %r = tensor.reshape %u(%shape) : (tensor<?xf32>, tensor<2xindex>) -> tensor<?x?xf32>
  return
}

// CHECK-LABEL: func.func @pad_concat(%arg0: tensor<6x?xf32>, %arg1: index, %arg2: f32) -> tensor<12x?xf32> {
// CHECK-NEXT: %padded = tensor.pad %arg0 low[1, %arg1] high[2, 0] {
// CHECK-NEXT: ^bb0(%arg3: index, %arg4: index):
// CHECK-NEXT: tensor.yield %arg2 : f32
// CHECK-NEXT: } : tensor<6x?xf32> to tensor<9x?xf32>
// CHECK-NEXT: %padded_0 = tensor.pad %arg0 nofold low[0, 0] high[0, 0] {
// CHECK-NEXT: ^bb0(%arg3: index, %arg4: index):
// CHECK-NEXT: tensor.yield %arg2 : f32
// CHECK-NEXT: } : tensor<6x?xf32> to tensor<6x?xf32>
// CHECK-NEXT: %concat = tensor.concat dim(0) %arg0, %padded_0 : (tensor<6x?xf32>, tensor<6x?xf32>) -> tensor<12x?xf32>
// CHECK-NEXT: return %concat : tensor<12x?xf32>
// CHECK-NEXT: }
func.func @pad_concat(%t: tensor<6x?xf32>, %n: index, %c: f32) -> tensor<12x?xf32> {
  %p = tensor.pad %t low[1, %n] high[2, 0] {
  ^bb0(%i: index, %j: index):
    tensor.yield %c : f32
  } : tensor<6x?xf32> to tensor<9x?xf32>
  %q = tensor.pad %t nofold low[0, 0] high[0, 0] {
  ^bb0(%i: index, %j: index):
    tensor.yield %c : f32
  } : tensor<6x?xf32> to tensor<6x?xf32>
  %k = tensor.concat dim(0) %t, %q : (tensor<6x?xf32>, tensor<6x?xf32>) -> tensor<12x?xf32>
  return %k : tensor<12x?xf32>
}
