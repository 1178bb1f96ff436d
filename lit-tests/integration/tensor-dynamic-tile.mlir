// RUN: ml-opt %s --fuse --tile=sizes=2,3 --one-shot-bufferize=bufferize-function-boundaries --buffer-deallocation --lower-to-llvm | ml-run -e main --entry-point-result=void --check-leaks | FileCheck %s
// UPSTREAM-OPT: --one-shot-bufferize=bufferize-function-boundaries --buffer-deallocation-pipeline --convert-bufferization-to-memref --convert-linalg-to-loops --expand-strided-metadata --lower-affine --convert-scf-to-cf --finalize-memref-to-llvm --convert-math-to-llvm --convert-arith-to-llvm --convert-cf-to-llvm --convert-func-to-llvm --reconcile-unrealized-casts

// The dynamic-shape graph of tensor-dynamic.mlir, fused and tiled on
// dynamic sizes (tiles clamped with arith.minsi).
// The numbers are what upstream (mlir-opt-22 + mlir-runner-22) prints.

// CHECK: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 2 offset = 0 sizes = {{\[}}3, 5{{\]}} strides = {{\[}}5, 1{{\]}} data =
// CHECK-NEXT: {{\[\[}}2.5,   -1,   -2.5,   3,   -4.5],
// CHECK-NEXT: [4,   -3.5,   -3,   4.5,   9],
// CHECK-NEXT: [5.5,   10,   -9.5,   0,   -0.5{{\]\]}}
// CHECK: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 1 offset = 0 sizes = {{\[}}3{{\]}} strides = {{\[}}1{{\]}} data =
// CHECK-NEXT: [3,  9,  10]
// CHECK: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 1 offset = 0 sizes = {{\[}}5{{\]}} strides = {{\[}}1{{\]}} data =
// CHECK-NEXT: [12,  5.5,  -15,  7.5,  4]

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

// x(i, k) = (i + 2k) mod 5 - 2
func.func @input(%rows: index, %cols: index, %a: index, %b: index, %m: index, %shift: f32) -> tensor<?x?xf32> {
  %e = tensor.empty(%rows, %cols) : tensor<?x?xf32>
  %t = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} outs(%e : tensor<?x?xf32>) {
  ^bb0(%out: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %ai = arith.muli %i, %a : index
    %bj = arith.muli %j, %b : index
    %s = arith.addi %ai, %bj : index
    %r = arith.remsi %s, %m : index
    %ri = arith.index_cast %r : index to i32
    %rf = arith.sitofp %ri : i32 to f32
    %v = arith.addf %rf, %shift : f32
    linalg.yield %v : f32
  } -> tensor<?x?xf32>
  return %t : tensor<?x?xf32>
}

// On dynamic shapes: z = (a + row_bias) * transpose(b) - col_bias, then the
// maximum of each row and the sum of each column of z.
func.func @graph(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>, %row_bias: tensor<?xf32>, %col_bias: tensor<?xf32>) -> (tensor<?x?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = tensor.dim %a, %c0 : tensor<?x?xf32>
  %n = tensor.dim %a, %c1 : tensor<?x?xf32>
  %e = tensor.empty(%m, %n) : tensor<?x?xf32>
  %z = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j, i)>, affine_map<(i, j) -> (i)>, affine_map<(i, j) -> (j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%a, %b, %row_bias, %col_bias : tensor<?x?xf32>, tensor<?x?xf32>, tensor<?xf32>, tensor<?xf32>) outs(%e : tensor<?x?xf32>) {
  ^bb0(%x: f32, %y: f32, %r: f32, %c: f32, %o: f32):
    %s = arith.addf %x, %r : f32
    %p = arith.mulf %s, %y : f32
    %d = arith.subf %p, %c : f32
    linalg.yield %d : f32
  } -> tensor<?x?xf32>
  %low = arith.constant -1.0e30 : f32
  %zero = arith.constant 0.0 : f32
  %em = tensor.empty(%m) : tensor<?xf32>
  %fm = linalg.fill ins(%low : f32) outs(%em : tensor<?xf32>) -> tensor<?xf32>
  %rowmax = linalg.reduce ins(%z : tensor<?x?xf32>) outs(%fm : tensor<?xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %mx = arith.maximumf %in, %acc : f32
      linalg.yield %mx : f32
    }
  %en = tensor.empty(%n) : tensor<?xf32>
  %fn = linalg.fill ins(%zero : f32) outs(%en : tensor<?xf32>) -> tensor<?xf32>
  %colsum = linalg.reduce ins(%z : tensor<?x?xf32>) outs(%fn : tensor<?xf32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %sm = arith.addf %in, %acc : f32
      linalg.yield %sm : f32
    }
  return %z, %rowmax, %colsum : tensor<?x?xf32>, tensor<?xf32>, tensor<?xf32>
}

func.func @main() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %c7 = arith.constant 7 : index
  %m2 = arith.constant -2.0 : f32
  %m1 = arith.constant -1.0 : f32
  %h = arith.constant 0.5 : f32
  %a = call @input(%c3, %c5, %c2, %c1, %c7, %m2) : (index, index, index, index, index, f32) -> tensor<?x?xf32>
  %b = call @input(%c5, %c3, %c1, %c3, %c4, %m1) : (index, index, index, index, index, f32) -> tensor<?x?xf32>
  %r2 = call @input(%c3, %c1, %c1, %c1, %c3, %h) : (index, index, index, index, index, f32) -> tensor<?x?xf32>
  %c2d = call @input(%c1, %c5, %c1, %c2, %c5, %m1) : (index, index, index, index, index, f32) -> tensor<?x?xf32>
  %r = tensor.collapse_shape %r2 [[0, 1]] : tensor<?x?xf32> into tensor<?xf32>
  %c = tensor.collapse_shape %c2d [[0, 1]] : tensor<?x?xf32> into tensor<?xf32>
  %z, %rowmax, %colsum = call @graph(%a, %b, %r, %c) : (tensor<?x?xf32>, tensor<?x?xf32>, tensor<?xf32>, tensor<?xf32>) -> (tensor<?x?xf32>, tensor<?xf32>, tensor<?xf32>)
  %u = tensor.cast %z : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  %v = tensor.cast %rowmax : tensor<?xf32> to tensor<*xf32>
  call @printMemrefF32(%v) : (tensor<*xf32>) -> ()
  %w = tensor.cast %colsum : tensor<?xf32> to tensor<*xf32>
  call @printMemrefF32(%w) : (tensor<*xf32>) -> ()
  return
}
