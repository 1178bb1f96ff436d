// RUN: ml-opt %s --fuse --tile=sizes=32,32,32 --one-shot-bufferize --buffer-deallocation --lower-to-llvm | ml-run -e main --entry-point-result=void --check-leaks | FileCheck %s
// UPSTREAM-OPT: --one-shot-bufferize --buffer-deallocation-pipeline --convert-bufferization-to-memref --convert-linalg-to-loops --expand-strided-metadata --lower-affine --convert-scf-to-cf --finalize-memref-to-llvm --convert-math-to-llvm --convert-arith-to-llvm --convert-cf-to-llvm --convert-func-to-llvm --reconcile-unrealized-casts

// The command users type first, on a one-function program: fuse, tile by 32
// (tiles that do not divide 40x34x36), bufferize (function boundaries keep
// tensors: the only function has no tensor arguments), lower and run.
// The numbers are what upstream (mlir-opt-22 + mlir-runner-22) prints.

// CHECK: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 1 offset = 0 sizes = {{\[}}40{{\]}} strides = {{\[}}1{{\]}} data =
// CHECK-NEXT: [343.5,  318,  310,  314.5,  344,  343.5,  318,  310,  314.5,  344,  343.5,  318,  310,  314.5,  344,  343.5,  318,  310,  314.5,  344,  343.5,  318,  310,  314.5,  344,  343.5,  318,  310,  314.5,  344,  343.5,  318,  310,  314.5,  344,  343.5,  318,  310,  314.5,  344]

func.func private @printMemrefF32(memref<*xf32>)

func.func @main() {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<40x36xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} outs(%e0 : tensor<40x36xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %s = arith.addi %i, %j : index
    %c5 = arith.constant 5 : index
    %r = arith.remui %s, %c5 : index
    %ri = arith.index_cast %r : index to i32
    %rf = arith.sitofp %ri : i32 to f32
    %half = arith.constant 0.5 : f32
    %v = arith.mulf %rf, %half : f32
    linalg.yield %v : f32
  } -> tensor<40x36xf32>
  %e1 = tensor.empty() : tensor<36x34xf32>
  %w = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} outs(%e1 : tensor<36x34xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %d = arith.subi %i, %j : index
    %c3 = arith.constant 3 : index
    %r = arith.remsi %d, %c3 : index
    %ri = arith.index_cast %r : index to i32
    %rf = arith.sitofp %ri : i32 to f32
    linalg.yield %rf : f32
  } -> tensor<36x34xf32>
  %e2 = tensor.empty() : tensor<40x34xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e2 : tensor<40x34xf32>) -> tensor<40x34xf32>
  %m = linalg.matmul ins(%x, %w : tensor<40x36xf32>, tensor<36x34xf32>) outs(%f : tensor<40x34xf32>) -> tensor<40x34xf32>
  %e3 = tensor.empty() : tensor<40x34xf32>
  %relu = linalg.max ins(%m, %f : tensor<40x34xf32>, tensor<40x34xf32>) outs(%e3 : tensor<40x34xf32>) -> tensor<40x34xf32>
  // Sums of each row, to keep the output short.
  %e4 = tensor.empty() : tensor<40xf32>
  %f4 = linalg.fill ins(%zero : f32) outs(%e4 : tensor<40xf32>) -> tensor<40xf32>
  %rows = linalg.reduce ins(%relu : tensor<40x34xf32>) outs(%f4 : tensor<40xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %a = arith.addf %in, %acc : f32
      linalg.yield %a : f32
    }
  %buffer = bufferization.to_buffer %rows read_only : tensor<40xf32> to memref<40xf32>
  %u = memref.cast %buffer : memref<40xf32> to memref<*xf32>
  call @printMemrefF32(%u) : (memref<*xf32>) -> ()
  return
}
