// RUN: ml-opt %s --one-shot-bufferize=bufferize-function-boundaries --buffer-deallocation --lower-to-llvm | ml-run -e main --entry-point-result=void --check-leaks | FileCheck %s
// UPSTREAM-OPT: --one-shot-bufferize=bufferize-function-boundaries --buffer-deallocation-pipeline --convert-bufferization-to-memref --convert-linalg-to-loops --expand-strided-metadata --lower-affine --convert-scf-to-cf --finalize-memref-to-llvm --convert-math-to-llvm --convert-arith-to-llvm --convert-cf-to-llvm --convert-func-to-llvm --reconcile-unrealized-casts

// A convolution followed by bias and relu on tensors (NHWC image, HWCF filter),
// with inputs made from their indices and reshaped into place.
// The numbers are what upstream (mlir-opt-22 + mlir-runner-22) prints.

// CHECK: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 4 offset = 0 sizes = {{\[}}1, 4, 4, 3{{\]}} strides = {{\[}}48, 12, 3, 1{{\]}} data =
// CHECK-NEXT: {{\[\[}}{{\[\[}}2,     0,     4],
// CHECK-NEXT: [2,     4,     0],
// CHECK-NEXT: [2,     0,     4],
// CHECK-NEXT: [0,     0,     11{{\]\]}},
// CHECK-NEXT: {{\[\[}}2,     4,     0],
// CHECK-NEXT: [0,     4,     4],
// CHECK-NEXT: [2,     0,     4],
// CHECK-NEXT: [2,     4,     0{{\]\]}},
// CHECK-NEXT: {{\[\[}}0,     0,     11],
// CHECK-NEXT: [0,     4,     4],
// CHECK-NEXT: [2,     4,     0],
// CHECK-NEXT: [0,     4,     4{{\]\]}},
// CHECK-NEXT: {{\[\[}}2,     4,     0],
// CHECK-NEXT: [2,     0,     4],
// CHECK-NEXT: [0,     0,     11],
// CHECK-NEXT: [0,     4,     4{{\]\]}}{{\]\]}}

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

// relu(conv(image, filter) + bias): NHWC image 1x6x5x2, HWCF filter 3x2x2x3.
func.func @conv_bias_relu(%image: tensor<1x6x5x2xf32>, %filter: tensor<3x2x2x3xf32>, %bias: tensor<3xf32>) -> tensor<1x4x4x3xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4x4x3xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%image, %filter : tensor<1x6x5x2xf32>, tensor<3x2x2x3xf32>) outs(%f : tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
  %e2 = tensor.empty() : tensor<1x4x4x3xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(n, h, w, c) -> (n, h, w, c)>, affine_map<(n, h, w, c) -> (c)>, affine_map<(n, h, w, c) -> (n, h, w, c)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c, %bias : tensor<1x4x4x3xf32>, tensor<3xf32>) outs(%e2 : tensor<1x4x4x3xf32>) {
  ^bb0(%v: f32, %b: f32, %o: f32):
    %s = arith.addf %v, %b : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x4x4x3xf32>
  return %r : tensor<1x4x4x3xf32>
}

func.func @main() {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %c6 = arith.constant 6 : index
  %c7 = arith.constant 7 : index
  %c30 = arith.constant 30 : index
  %m2 = arith.constant -2.0 : f32
  %m1 = arith.constant -1.0 : f32
  // image(h*5 + w, c) and filter(kh*2 + kw, c*3 + f) as 2-D tensors, reshaped.
  %i2 = call @input(%c30, %c2, %c1, %c3, %c7, %m2) : (index, index, index, index, index, f32) -> tensor<?x?xf32>
  %f2 = call @input(%c6, %c6, %c2, %c1, %c3, %m1) : (index, index, index, index, index, f32) -> tensor<?x?xf32>
  %b2 = call @input(%c1, %c3, %c1, %c2, %c5, %m1) : (index, index, index, index, index, f32) -> tensor<?x?xf32>
  %is = tensor.cast %i2 : tensor<?x?xf32> to tensor<30x2xf32>
  %image = tensor.expand_shape %is [[0, 1, 2], [3]] output_shape [1, 6, 5, 2] : tensor<30x2xf32> into tensor<1x6x5x2xf32>
  %fs = tensor.cast %f2 : tensor<?x?xf32> to tensor<6x6xf32>
  %filter = tensor.expand_shape %fs [[0, 1], [2, 3]] output_shape [3, 2, 2, 3] : tensor<6x6xf32> into tensor<3x2x2x3xf32>
  %bs = tensor.cast %b2 : tensor<?x?xf32> to tensor<1x3xf32>
  %bias = tensor.collapse_shape %bs [[0, 1]] : tensor<1x3xf32> into tensor<3xf32>
  %y = call @conv_bias_relu(%image, %filter, %bias) : (tensor<1x6x5x2xf32>, tensor<3x2x2x3xf32>, tensor<3xf32>) -> tensor<1x4x4x3xf32>
  %u = tensor.cast %y : tensor<1x4x4x3xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
