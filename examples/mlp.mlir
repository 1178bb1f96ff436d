// A two-layer perceptron on tensors: y = relu(x * w1 + b1) * w2.
//
// The main job of this framework, end to end (scripts/example.sh):
//   ml-opt examples/mlp.mlir --fuse --tile-and-fuse=sizes=2,2 \
//       --one-shot-bufferize=bufferize-function-boundaries --buffer-deallocation \
//       --lower-to-llvm | ml-run -e main --entry-point-result=void --check-leaks
// fuses the bias and relu into one op, tiles the layers into 2x2 tiles with
// the producers recomputed per tile, bufferizes in place, frees every
// buffer, lowers to the llvm dialect and runs it. The same numbers come out
// without the transformations, and from upstream MLIR
// (lit-tests/integration/tensor-mlp*.mlir check both).

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

func.func @mlp(%x: tensor<4x6xf32>, %w1: tensor<6x5xf32>, %b1: tensor<5xf32>, %w2: tensor<5x3xf32>) -> tensor<4x3xf32> {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<4x5xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4x5xf32>) -> tensor<4x5xf32>
  %h = linalg.matmul ins(%x, %w1 : tensor<4x6xf32>, tensor<6x5xf32>) outs(%f1 : tensor<4x5xf32>) -> tensor<4x5xf32>
  %e2 = tensor.empty() : tensor<4x5xf32>
  %a = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%h, %b1 : tensor<4x5xf32>, tensor<5xf32>) outs(%e2 : tensor<4x5xf32>) {
  ^bb0(%v: f32, %bias: f32, %o: f32):
    %s = arith.addf %v, %bias : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<4x5xf32>
  %e3 = tensor.empty() : tensor<4x3xf32>
  %f3 = linalg.fill ins(%zero : f32) outs(%e3 : tensor<4x3xf32>) -> tensor<4x3xf32>
  %y = linalg.matmul ins(%a, %w2 : tensor<4x5xf32>, tensor<5x3xf32>) outs(%f3 : tensor<4x3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

func.func @main() {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %c6 = arith.constant 6 : index
  %cm1 = arith.constant -1 : index
  %m2 = arith.constant -2.0 : f32
  %m1 = arith.constant -1.0 : f32
  %p0 = arith.constant 0.0 : f32
  %p1 = arith.constant 1.0 : f32
  %x = call @input(%c4, %c6, %c1, %c2, %c5, %m2) : (index, index, index, index, index, f32) -> tensor<?x?xf32>
  %w1 = call @input(%c6, %c5, %c1, %cm1, %c3, %p0) : (index, index, index, index, index, f32) -> tensor<?x?xf32>
  %b1m = call @input(%c1, %c5, %c1, %c1, %c6, %m1) : (index, index, index, index, index, f32) -> tensor<?x?xf32>
  %w2 = call @input(%c5, %c3, %c1, %c1, %c2, %p1) : (index, index, index, index, index, f32) -> tensor<?x?xf32>
  %xs = tensor.cast %x : tensor<?x?xf32> to tensor<4x6xf32>
  %w1s = tensor.cast %w1 : tensor<?x?xf32> to tensor<6x5xf32>
  %b1s = tensor.cast %b1m : tensor<?x?xf32> to tensor<1x5xf32>
  %b1 = tensor.collapse_shape %b1s [[0, 1]] : tensor<1x5xf32> into tensor<5xf32>
  %w2s = tensor.cast %w2 : tensor<?x?xf32> to tensor<5x3xf32>
  %y = call @mlp(%xs, %w1s, %b1, %w2s) : (tensor<4x6xf32>, tensor<6x5xf32>, tensor<5xf32>, tensor<5x3xf32>) -> tensor<4x3xf32>
  %u = tensor.cast %y : tensor<4x3xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
