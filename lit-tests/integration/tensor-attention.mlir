// RUN: ml-opt %s --fuse --tile=sizes=2,4,3 --one-shot-bufferize=bufferize-function-boundaries --buffer-deallocation --lower-to-llvm | ml-run -e main --entry-point-result=void --check-leaks | FileCheck %s
// RUN: ml-opt %s --fuse --tile-and-fuse=sizes=3 --one-shot-bufferize=bufferize-function-boundaries --buffer-deallocation --lower-to-llvm | ml-run -e main --entry-point-result=void --check-leaks | FileCheck %s
// UPSTREAM-OPT: --one-shot-bufferize=bufferize-function-boundaries --buffer-deallocation-pipeline --convert-bufferization-to-memref --convert-linalg-to-loops --expand-strided-metadata --lower-affine --convert-scf-to-cf --finalize-memref-to-llvm --convert-math-to-llvm --convert-arith-to-llvm --convert-cf-to-llvm --convert-func-to-llvm --reconcile-unrealized-casts

// Attention-like: softmax(Q K^T / sqrt(8)) V, with the transpose as its own
// op and the softmax as a max reduction, an exp, a sum reduction and a
// division over each row. Fused (the transpose into the first matmul, the
// scale and subtraction into the exp, ...) and then tiled with partial
// tiles, or tiled from the last matmul with its producers fused into the
// tile loop: the same numbers as upstream computes from the original
// program (mlir-opt-22 + mlir-runner-22 print them too).

// CHECK: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 2 offset = 0 sizes = {{\[}}5, 4{{\]}} strides = {{\[}}4, 1{{\]}} data =
// CHECK-NEXT: {{\[\[}}0.187412,   0.333657,   -0.521068,   0.187412],
// CHECK-NEXT: [-0.397582,   0.662296,   -0.264714,   -0.397582],
// CHECK-NEXT: [-0.495648,   2.2992e-09,   0.495648,   -0.495648],
// CHECK-NEXT: [0.00716787,   -0.894277,   0.887109,   0.00716787],
// CHECK-NEXT: [0.229118,   -0.537049,   0.307931,   0.229118{{\]\]}}

func.func private @printMemrefF32(tensor<*xf32> {bufferization.access = "read"})

// x(i, k) = (i * a + k * b) mod m + shift
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

func.func @attention(%q: tensor<5x8xf32>, %k: tensor<6x8xf32>, %v: tensor<6x4xf32>) -> tensor<5x4xf32> {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %scale = arith.constant 0.353553385 : f32
  %ek = tensor.empty() : tensor<8x6xf32>
  %kt = linalg.transpose ins(%k : tensor<6x8xf32>) outs(%ek : tensor<8x6xf32>) permutation = [1, 0]
  %es = tensor.empty() : tensor<5x6xf32>
  %fs = linalg.fill ins(%zero : f32) outs(%es : tensor<5x6xf32>) -> tensor<5x6xf32>
  %s = linalg.matmul ins(%q, %kt : tensor<5x8xf32>, tensor<8x6xf32>) outs(%fs : tensor<5x6xf32>) -> tensor<5x6xf32>
  %er = tensor.empty() : tensor<5xf32>
  %fm = linalg.fill ins(%ninf : f32) outs(%er : tensor<5xf32>) -> tensor<5xf32>
  %max = linalg.reduce ins(%s : tensor<5x6xf32>) outs(%fm : tensor<5xf32>) dimensions = [1]
    (%x: f32, %acc: f32) {
      %m = arith.maximumf %x, %acc : f32
      linalg.yield %m : f32
    }
  %ee = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%s, %max : tensor<5x6xf32>, tensor<5xf32>) outs(%es : tensor<5x6xf32>) {
  ^bb0(%x: f32, %m: f32, %o: f32):
    %d = arith.subf %x, %m : f32
    %sc = arith.mulf %d, %scale : f32
    %ex = math.exp %sc : f32
    linalg.yield %ex : f32
  } -> tensor<5x6xf32>
  %fz = linalg.fill ins(%zero : f32) outs(%er : tensor<5xf32>) -> tensor<5xf32>
  %sum = linalg.reduce ins(%ee : tensor<5x6xf32>) outs(%fz : tensor<5xf32>) dimensions = [1]
    (%x: f32, %acc: f32) {
      %a = arith.addf %x, %acc : f32
      linalg.yield %a : f32
    }
  %p = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%ee, %sum : tensor<5x6xf32>, tensor<5xf32>) outs(%es : tensor<5x6xf32>) {
  ^bb0(%x: f32, %t: f32, %o: f32):
    %r = arith.divf %x, %t : f32
    linalg.yield %r : f32
  } -> tensor<5x6xf32>
  %eo = tensor.empty() : tensor<5x4xf32>
  %fo = linalg.fill ins(%zero : f32) outs(%eo : tensor<5x4xf32>) -> tensor<5x4xf32>
  %o = linalg.matmul ins(%p, %v : tensor<5x6xf32>, tensor<6x4xf32>) outs(%fo : tensor<5x4xf32>) -> tensor<5x4xf32>
  return %o : tensor<5x4xf32>
}

func.func @main() {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %c6 = arith.constant 6 : index
  %c7 = arith.constant 7 : index
  %c8 = arith.constant 8 : index
  %m1 = arith.constant -1.0 : f32
  %m2 = arith.constant -2.0 : f32
  %q = call @input(%c5, %c8, %c2, %c3, %c5, %m2) : (index, index, index, index, index, f32) -> tensor<?x?xf32>
  %k = call @input(%c6, %c8, %c3, %c1, %c5, %m2) : (index, index, index, index, index, f32) -> tensor<?x?xf32>
  %v = call @input(%c6, %c4, %c1, %c2, %c3, %m1) : (index, index, index, index, index, f32) -> tensor<?x?xf32>
  %qs = tensor.cast %q : tensor<?x?xf32> to tensor<5x8xf32>
  %ks = tensor.cast %k : tensor<?x?xf32> to tensor<6x8xf32>
  %vs = tensor.cast %v : tensor<?x?xf32> to tensor<6x4xf32>
  %o = call @attention(%qs, %ks, %vs) : (tensor<5x8xf32>, tensor<6x8xf32>, tensor<6x4xf32>) -> tensor<5x4xf32>
  %u = tensor.cast %o : tensor<5x4xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
