// RUN: ml-opt %s --one-shot-bufferize=bufferize-function-boundaries --buffer-deallocation --lower-to-llvm | ml-run -e main --entry-point-result=void --check-leaks | FileCheck %s
// UPSTREAM-OPT: --one-shot-bufferize=bufferize-function-boundaries --buffer-deallocation-pipeline --convert-bufferization-to-memref --convert-linalg-to-loops --expand-strided-metadata --lower-affine --convert-scf-to-cf --finalize-memref-to-llvm --convert-math-to-llvm --convert-arith-to-llvm --convert-cf-to-llvm --convert-func-to-llvm --reconcile-unrealized-casts

// Tensors through scf.for (iter_args), scf.if, scf.while, tensor.insert_slice,
// tensor.insert/extract, tensor.pad, tensor.concat and tensor.from_elements.
// The numbers are what upstream (mlir-opt-22 + mlir-runner-22) prints.

// CHECK: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 2 offset = 0 sizes = {{\[}}4, 3{{\]}} strides = {{\[}}3, 1{{\]}} data =
// CHECK-NEXT: {{\[\[}}2,   0,   2],
// CHECK-NEXT: [2,   1,   2],
// CHECK-NEXT: [4,   2,   4],
// CHECK-NEXT: [4,   3,   4{{\]\]}}
// CHECK: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 2 offset = 0 sizes = {{\[}}10, 5{{\]}} strides = {{\[}}5, 1{{\]}} data =
// CHECK-NEXT: {{\[\[}}-1,   -1,   -1,   -1,   -1],
// CHECK-NEXT: [-1,   2,   0,   2,   -1],
// CHECK-NEXT: [-1,   2,   1,   2,   -1],
// CHECK-NEXT: [-1,   4,   2,   4,   -1],
// CHECK-NEXT: [-1,   4,   3,   4,   -1],
// CHECK-NEXT: [-1,   -1,   -1,   -1,   -1],
// CHECK-NEXT: [-1,   2,   0,   2,   -1],
// CHECK-NEXT: [-1,   2,   1,   2,   -1],
// CHECK-NEXT: [-1,   4,   2,   4,   -1],
// CHECK-NEXT: [-1,   4,   3,   4,   -1{{\]\]}}
// CHECK: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 1 offset = 0 sizes = {{\[}}3{{\]}} strides = {{\[}}1{{\]}} data =
// CHECK-NEXT: [12,  -32,  48]

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

// Tensors through loops and branches: a running prefix sum built row by
// row with insert_slice in an scf.for, a branch per row, padding and
// concatenation, and an scf.while that doubles a tensor until its first
// element passes a bound.
func.func @prefix_rows(%n: index) -> tensor<4x3xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %one = arith.constant 1.0 : f32
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<4x3xf32>) -> tensor<4x3xf32>
  %row0 = tensor.from_elements %one, %zero, %one : tensor<1x3xf32>
  %r:2 = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %init, %prev = %row0) -> (tensor<4x3xf32>, tensor<1x3xf32>) {
    %rem = arith.remui %i, %c2 : index
    %even = arith.cmpi eq, %rem, %c0 : index
    %next = scf.if %even -> tensor<1x3xf32> {
      %d = linalg.add ins(%prev, %prev : tensor<1x3xf32>, tensor<1x3xf32>) outs(%prev : tensor<1x3xf32>) -> tensor<1x3xf32>
      scf.yield %d : tensor<1x3xf32>
    } else {
      %x = tensor.extract %prev[%c0, %c1] : tensor<1x3xf32>
      %y = arith.addf %x, %one : f32
      %u = tensor.insert %y into %prev[%c0, %c1] : tensor<1x3xf32>
      scf.yield %u : tensor<1x3xf32>
    }
    %acc2 = tensor.insert_slice %next into %acc[%i, 0] [1, 3] [1, 1] : tensor<1x3xf32> into tensor<4x3xf32>
    scf.yield %acc2, %next : tensor<4x3xf32>, tensor<1x3xf32>
  }
  return %r#0 : tensor<4x3xf32>
}

func.func @reshape_ops(%t: tensor<4x3xf32>) -> tensor<10x5xf32> {
  %pad = arith.constant -1.0 : f32
  %p = tensor.pad %t low[1, 1] high[0, 1] {
  ^bb0(%i: index, %j: index):
    tensor.yield %pad : f32
  } : tensor<4x3xf32> to tensor<5x5xf32>
  %c = tensor.concat dim(0) %p, %p : (tensor<5x5xf32>, tensor<5x5xf32>) -> tensor<10x5xf32>
  return %c : tensor<10x5xf32>
}

func.func @double_until(%t: tensor<3xf32>, %bound: f32) -> tensor<3xf32> {
  %c0 = arith.constant 0 : index
  %r = scf.while (%x = %t) : (tensor<3xf32>) -> tensor<3xf32> {
    %first = tensor.extract %x[%c0] : tensor<3xf32>
    %go = arith.cmpf olt, %first, %bound : f32
    scf.condition(%go) %x : tensor<3xf32>
  } do {
  ^bb0(%y: tensor<3xf32>):
    %d = linalg.add ins(%y, %y : tensor<3xf32>, tensor<3xf32>) outs(%y : tensor<3xf32>) -> tensor<3xf32>
    scf.yield %d : tensor<3xf32>
  }
  return %r : tensor<3xf32>
}

func.func @main() {
  %c4 = arith.constant 4 : index
  %rows = call @prefix_rows(%c4) : (index) -> tensor<4x3xf32>
  %u = tensor.cast %rows : tensor<4x3xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  %shaped = call @reshape_ops(%rows) : (tensor<4x3xf32>) -> tensor<10x5xf32>
  %v = tensor.cast %shaped : tensor<10x5xf32> to tensor<*xf32>
  call @printMemrefF32(%v) : (tensor<*xf32>) -> ()
  %a = arith.constant 0.75 : f32
  %b = arith.constant -2.0 : f32
  %c = arith.constant 3.0 : f32
  %t = tensor.from_elements %a, %b, %c : tensor<3xf32>
  %bound = arith.constant 10.0 : f32
  %d = call @double_until(%t, %bound) : (tensor<3xf32>, f32) -> tensor<3xf32>
  %w = tensor.cast %d : tensor<3xf32> to tensor<*xf32>
  call @printMemrefF32(%w) : (tensor<*xf32>) -> ()
  return
}
