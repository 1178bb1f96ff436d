// Small ML graphs for comparing fusion with upstream (fusion_vs_upstream.rs).
// Named ops are generalized before either tool sees them.

// A dense layer: matmul, bias broadcast over rows, ReLU.
func.func @dense_relu(%x: tensor<16x32xf32>, %w: tensor<32x64xf32>, %b: tensor<64xf32>) -> tensor<16x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x64xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<16x64xf32>) -> tensor<16x64xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<16x32xf32>, tensor<32x64xf32>) outs(%acc : tensor<16x64xf32>) -> tensor<16x64xf32>
  %bb = linalg.broadcast ins(%b : tensor<64xf32>) outs(%e : tensor<16x64xf32>) dimensions = [0]
  %biased = linalg.add ins(%mm, %bb : tensor<16x64xf32>, tensor<16x64xf32>) outs(%e : tensor<16x64xf32>) -> tensor<16x64xf32>
  %zeros = arith.constant dense<0.0> : tensor<16x64xf32>
  %relu = linalg.max ins(%biased, %zeros : tensor<16x64xf32>, tensor<16x64xf32>) outs(%e : tensor<16x64xf32>) -> tensor<16x64xf32>
  return %relu : tensor<16x64xf32>
}

// -----

// Softmax over rows.
func.func @softmax(%x: tensor<8x128xf32>) -> tensor<8x128xf32> {
  %ninf = arith.constant -3.40282347E+38 : f32
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<8xf32>
  %init_max = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<8xf32>) -> tensor<8xf32>
  %max = linalg.reduce { arith.maximumf } ins(%x : tensor<8x128xf32>) outs(%init_max : tensor<8xf32>) dimensions = [1]
  %e2 = tensor.empty() : tensor<8x128xf32>
  %maxb = linalg.broadcast ins(%max : tensor<8xf32>) outs(%e2 : tensor<8x128xf32>) dimensions = [1]
  %shifted = linalg.sub ins(%x, %maxb : tensor<8x128xf32>, tensor<8x128xf32>) outs(%e2 : tensor<8x128xf32>) -> tensor<8x128xf32>
  %exp = linalg.exp ins(%shifted : tensor<8x128xf32>) outs(%e2 : tensor<8x128xf32>) -> tensor<8x128xf32>
  %init_sum = linalg.fill ins(%zero : f32) outs(%e1 : tensor<8xf32>) -> tensor<8xf32>
  %sum = linalg.reduce { arith.addf } ins(%exp : tensor<8x128xf32>) outs(%init_sum : tensor<8xf32>) dimensions = [1]
  %sumb = linalg.broadcast ins(%sum : tensor<8xf32>) outs(%e2 : tensor<8x128xf32>) dimensions = [1]
  %out = linalg.div ins(%exp, %sumb : tensor<8x128xf32>, tensor<8x128xf32>) outs(%e2 : tensor<8x128xf32>) -> tensor<8x128xf32>
  return %out : tensor<8x128xf32>
}

// -----

// Layer normalisation without the affine part.
func.func @layernorm(%x: tensor<4x256xf32>) -> tensor<4x256xf32> {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<4xf32>
  %e2 = tensor.empty() : tensor<4x256xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %sum = linalg.reduce { arith.addf } ins(%x : tensor<4x256xf32>) outs(%z : tensor<4xf32>) dimensions = [1]
  %n = arith.constant dense<256.0> : tensor<4xf32>
  %mean = linalg.div ins(%sum, %n : tensor<4xf32>, tensor<4xf32>) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %meanb = linalg.broadcast ins(%mean : tensor<4xf32>) outs(%e2 : tensor<4x256xf32>) dimensions = [1]
  %centered = linalg.sub ins(%x, %meanb : tensor<4x256xf32>, tensor<4x256xf32>) outs(%e2 : tensor<4x256xf32>) -> tensor<4x256xf32>
  %sq = linalg.mul ins(%centered, %centered : tensor<4x256xf32>, tensor<4x256xf32>) outs(%e2 : tensor<4x256xf32>) -> tensor<4x256xf32>
  %z2 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %var_sum = linalg.reduce { arith.addf } ins(%sq : tensor<4x256xf32>) outs(%z2 : tensor<4xf32>) dimensions = [1]
  %var = linalg.div ins(%var_sum, %n : tensor<4xf32>, tensor<4xf32>) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %inv = linalg.rsqrt ins(%var : tensor<4xf32>) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %invb = linalg.broadcast ins(%inv : tensor<4xf32>) outs(%e2 : tensor<4x256xf32>) dimensions = [1]
  %out = linalg.mul ins(%centered, %invb : tensor<4x256xf32>, tensor<4x256xf32>) outs(%e2 : tensor<4x256xf32>) -> tensor<4x256xf32>
  return %out : tensor<4x256xf32>
}

// -----

// tanh-GELU as a chain of elementwise ops with constants.
func.func @gelu(%x: tensor<1024xf32>) -> tensor<1024xf32> {
  %e = tensor.empty() : tensor<1024xf32>
  %half = arith.constant dense<0.5> : tensor<1024xf32>
  %one = arith.constant dense<1.0> : tensor<1024xf32>
  %k = arith.constant dense<0.797884583> : tensor<1024xf32>
  %c = arith.constant dense<0.044715> : tensor<1024xf32>
  %x2 = linalg.mul ins(%x, %x : tensor<1024xf32>, tensor<1024xf32>) outs(%e : tensor<1024xf32>) -> tensor<1024xf32>
  %x3 = linalg.mul ins(%x2, %x : tensor<1024xf32>, tensor<1024xf32>) outs(%e : tensor<1024xf32>) -> tensor<1024xf32>
  %cx3 = linalg.mul ins(%x3, %c : tensor<1024xf32>, tensor<1024xf32>) outs(%e : tensor<1024xf32>) -> tensor<1024xf32>
  %inner = linalg.add ins(%x, %cx3 : tensor<1024xf32>, tensor<1024xf32>) outs(%e : tensor<1024xf32>) -> tensor<1024xf32>
  %scaled = linalg.mul ins(%inner, %k : tensor<1024xf32>, tensor<1024xf32>) outs(%e : tensor<1024xf32>) -> tensor<1024xf32>
  %t = linalg.tanh ins(%scaled : tensor<1024xf32>) outs(%e : tensor<1024xf32>) -> tensor<1024xf32>
  %t1 = linalg.add ins(%t, %one : tensor<1024xf32>, tensor<1024xf32>) outs(%e : tensor<1024xf32>) -> tensor<1024xf32>
  %hx = linalg.mul ins(%x, %half : tensor<1024xf32>, tensor<1024xf32>) outs(%e : tensor<1024xf32>) -> tensor<1024xf32>
  %out = linalg.mul ins(%hx, %t1 : tensor<1024xf32>, tensor<1024xf32>) outs(%e : tensor<1024xf32>) -> tensor<1024xf32>
  return %out : tensor<1024xf32>
}

// -----

// Elementwise ops on both sides of a flatten and an unflatten.
func.func @reshapes(%x: tensor<4x8xf32>, %y: tensor<32xf32>) -> tensor<4x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %a = linalg.exp ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  %flat = tensor.collapse_shape %a [[0, 1]] : tensor<4x8xf32> into tensor<32xf32>
  %e1 = tensor.empty() : tensor<32xf32>
  %b = linalg.add ins(%flat, %y : tensor<32xf32>, tensor<32xf32>) outs(%e1 : tensor<32xf32>) -> tensor<32xf32>
  %c = linalg.tanh ins(%b : tensor<32xf32>) outs(%e1 : tensor<32xf32>) -> tensor<32xf32>
  %back = tensor.expand_shape %c [[0, 1]] output_shape [4, 8] : tensor<32xf32> into tensor<4x8xf32>
  %d = linalg.mul ins(%back, %x : tensor<4x8xf32>, tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %d : tensor<4x8xf32>
}

// -----

// Attention scores: a transposed key matrix feeding a batched matmul, scaled.
func.func @scores(%q: tensor<2x16x64xf32>, %k: tensor<2x16x64xf32>) -> tensor<2x16x16xf32> {
  %zero = arith.constant 0.0 : f32
  %ekt = tensor.empty() : tensor<2x64x16xf32>
  %kt = linalg.transpose ins(%k : tensor<2x16x64xf32>) outs(%ekt : tensor<2x64x16xf32>) permutation = [0, 2, 1]
  %e = tensor.empty() : tensor<2x16x16xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<2x16x16xf32>) -> tensor<2x16x16xf32>
  %s = linalg.batch_matmul ins(%q, %kt : tensor<2x16x64xf32>, tensor<2x64x16xf32>) outs(%acc : tensor<2x16x16xf32>) -> tensor<2x16x16xf32>
  %scale = arith.constant dense<0.125> : tensor<2x16x16xf32>
  %out = linalg.mul ins(%s, %scale : tensor<2x16x16xf32>, tensor<2x16x16xf32>) outs(%e : tensor<2x16x16xf32>) -> tensor<2x16x16xf32>
  return %out : tensor<2x16x16xf32>
}

// -----

// Dynamic batch: bias and activation on a dynamically sized tensor.
func.func @dynamic_batch(%x: tensor<?x64xf32>, %b: tensor<64xf32>) -> tensor<?x64xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x64xf32>
  %e = tensor.empty(%n) : tensor<?x64xf32>
  %bb = linalg.broadcast ins(%b : tensor<64xf32>) outs(%e : tensor<?x64xf32>) dimensions = [0]
  %y = linalg.add ins(%x, %bb : tensor<?x64xf32>, tensor<?x64xf32>) outs(%e : tensor<?x64xf32>) -> tensor<?x64xf32>
  %z = linalg.tanh ins(%y : tensor<?x64xf32>) outs(%e : tensor<?x64xf32>) -> tensor<?x64xf32>
  return %z : tensor<?x64xf32>
}

// -----

// An MLP block: matmul, bias, ReLU, matmul. The activation feeds the second
// matmul, which would recompute it once per output column if fused.
func.func @mlp_block(%x: tensor<16x32xf32>, %w1: tensor<32x64xf32>, %b: tensor<64xf32>, %w2: tensor<64x8xf32>) -> tensor<16x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x64xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<16x64xf32>) -> tensor<16x64xf32>
  %h = linalg.matmul ins(%x, %w1 : tensor<16x32xf32>, tensor<32x64xf32>) outs(%acc : tensor<16x64xf32>) -> tensor<16x64xf32>
  %bb = linalg.broadcast ins(%b : tensor<64xf32>) outs(%e : tensor<16x64xf32>) dimensions = [0]
  %biased = linalg.add ins(%h, %bb : tensor<16x64xf32>, tensor<16x64xf32>) outs(%e : tensor<16x64xf32>) -> tensor<16x64xf32>
  %zeros = arith.constant dense<0.0> : tensor<16x64xf32>
  %relu = linalg.max ins(%biased, %zeros : tensor<16x64xf32>, tensor<16x64xf32>) outs(%e : tensor<16x64xf32>) -> tensor<16x64xf32>
  %e2 = tensor.empty() : tensor<16x8xf32>
  %acc2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<16x8xf32>) -> tensor<16x8xf32>
  %y = linalg.matmul ins(%relu, %w2 : tensor<16x64xf32>, tensor<64x8xf32>) outs(%acc2 : tensor<16x8xf32>) -> tensor<16x8xf32>
  return %y : tensor<16x8xf32>
}
