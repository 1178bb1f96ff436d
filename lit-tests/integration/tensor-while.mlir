// RUN: ml-opt %s --one-shot-bufferize=bufferize-function-boundaries --buffer-deallocation --lower-to-llvm | ml-run -e main --entry-point-result=void --check-leaks | FileCheck %s
// UPSTREAM-OPT: --one-shot-bufferize="bufferize-function-boundaries allow-return-allocs-from-loops" --buffer-deallocation-pipeline --convert-bufferization-to-memref --convert-linalg-to-loops --expand-strided-metadata --lower-affine --convert-scf-to-cf --finalize-memref-to-llvm --convert-math-to-llvm --convert-arith-to-llvm --convert-cf-to-llvm --convert-func-to-llvm --reconcile-unrealized-casts

// A tensor carried by scf.while and recomputed into a new tensor each
// iteration (halve every element until the first is at most 5). The loop
// keeps one buffer: each iteration's result is copied back into it and
// its own buffer freed, so nothing leaks; upstream (which needs
// allow-return-allocs-from-loops for it) prints the same.

// CHECK: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 1 offset = 0 sizes = {{\[}}4{{\]}} strides = {{\[}}1{{\]}} data =
// CHECK-NEXT: [4,  0.0625,  0.125,  0.1875]

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})
func.func @halve_until(%t: tensor<4xf32>, %limit: f32) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %r = scf.while (%a = %t) : (tensor<4xf32>) -> tensor<4xf32> {
    %x = tensor.extract %a[%c0] : tensor<4xf32>
    %go = arith.cmpf ogt, %x, %limit : f32
    scf.condition(%go) %a : tensor<4xf32>
  } do {
  ^bb0(%b: tensor<4xf32>):
    %e = tensor.empty() : tensor<4xf32>
    %h = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%b : tensor<4xf32>) outs(%e : tensor<4xf32>) {
    ^bb0(%v: f32, %o: f32):
      %half = arith.constant 0.5 : f32
      %w = arith.mulf %v, %half : f32
      linalg.yield %w : f32
    } -> tensor<4xf32>
    scf.yield %h : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}
func.func @main() {
  %t = arith.constant dense<[64.0, 1.0, 2.0, 3.0]> : tensor<4xf32>
  %l = arith.constant 5.0 : f32
  %r = call @halve_until(%t, %l) : (tensor<4xf32>, f32) -> tensor<4xf32>
  %u = tensor.cast %r : tensor<4xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
