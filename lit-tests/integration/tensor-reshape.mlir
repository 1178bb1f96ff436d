// RUN: ml-opt %s --one-shot-bufferize=bufferize-function-boundaries --buffer-deallocation --lower-to-llvm | ml-run -e main --entry-point-result=void --check-leaks | FileCheck %s
// UPSTREAM-OPT: --one-shot-bufferize=bufferize-function-boundaries --buffer-deallocation-pipeline --convert-bufferization-to-memref --convert-linalg-to-loops --expand-strided-metadata --lower-affine --convert-scf-to-cf --finalize-memref-to-llvm --convert-math-to-llvm --convert-arith-to-llvm --convert-cf-to-llvm --convert-func-to-llvm --reconcile-unrealized-casts

// tensor.reshape with its sizes in a tensor: to a static 3x4 shape, and to
// a dynamic 2x3x2 one (sizes computed at run time),
// followed by elementwise work on the reshaped tensors. Bufferized to
// memref.reshape views of one buffer; upstream prints the same numbers.

// CHECK: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 2 offset = 0 sizes = {{\[}}3, 4{{\]}} strides = {{\[}}4, 1{{\]}} data =
// CHECK-NEXT: {{\[\[}}0,   2,   4,   6],
// CHECK-NEXT: [8,   10,   12,   14],
// CHECK-NEXT: [16,   18,   20,   22{{\]\]}}
// CHECK: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 3 offset = 0 sizes = {{\[}}2, 3, 2{{\]}} strides = {{\[}}6, 2, 1{{\]}} data =
// CHECK-NEXT: {{\[\[\[}}1,    2],
// CHECK-NEXT: {{\[}}3,    4],
// CHECK-NEXT: {{\[}}5,    6{{\]}}],
// CHECK-NEXT: {{\[\[}}7,    8],
// CHECK-NEXT: {{\[}}9,    10],
// CHECK-NEXT: {{\[}}11,    12{{\]\]\]}}

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

// x(i, j) = 6 i + j
func.func @iota() -> tensor<2x6xf32> {
  %e = tensor.empty() : tensor<2x6xf32>
  %t = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} outs(%e : tensor<2x6xf32>) {
  ^bb0(%out: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %c6 = arith.constant 6 : index
    %r = arith.muli %i, %c6 : index
    %s = arith.addi %r, %j : index
    %si = arith.index_cast %s : index to i32
    %v = arith.sitofp %si : i32 to f32
    linalg.yield %v : f32
  } -> tensor<2x6xf32>
  return %t : tensor<2x6xf32>
}

func.func @doubled(%x: tensor<2x6xf32>) -> tensor<3x4xf32> {
  %sizes = arith.constant dense<[3, 4]> : tensor<2xindex>
  %r = tensor.reshape %x(%sizes) : (tensor<2x6xf32>, tensor<2xindex>) -> tensor<3x4xf32>
  %e = tensor.empty() : tensor<3x4xf32>
  %d = linalg.add ins(%r, %r : tensor<3x4xf32>, tensor<3x4xf32>) outs(%e : tensor<3x4xf32>) -> tensor<3x4xf32>
  return %d : tensor<3x4xf32>
}

func.func @incremented(%x: tensor<2x6xf32>, %n: index) -> tensor<?x?x?xf32> {
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %sizes = tensor.from_elements %n, %c3, %c2 : tensor<3xindex>
  %r = tensor.reshape %x(%sizes) : (tensor<2x6xf32>, tensor<3xindex>) -> tensor<?x?x?xf32>
  %one = arith.constant 1.0 : f32
  %out = linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, j, k)>], iterator_types = ["parallel", "parallel", "parallel"]} outs(%r : tensor<?x?x?xf32>) {
  ^bb0(%v: f32):
    %w = arith.addf %v, %one : f32
    linalg.yield %w : f32
  } -> tensor<?x?x?xf32>
  return %out : tensor<?x?x?xf32>
}

func.func @main() {
  %x = call @iota() : () -> tensor<2x6xf32>
  %d = call @doubled(%x) : (tensor<2x6xf32>) -> tensor<3x4xf32>
  %du = tensor.cast %d : tensor<3x4xf32> to tensor<*xf32>
  call @printMemrefF32(%du) : (tensor<*xf32>) -> ()
  %two = arith.constant 2 : index
  %i = call @incremented(%x, %two) : (tensor<2x6xf32>, index) -> tensor<?x?x?xf32>
  %iu = tensor.cast %i : tensor<?x?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%iu) : (tensor<*xf32>) -> ()
  return
}
