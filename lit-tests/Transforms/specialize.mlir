// RUN: ml-opt %s --split-input-file --specialize | FileCheck %s --check-prefixes=CHECK,OURS
// RUN: %mlir_opt %s --split-input-file --linalg-specialize-generic-ops | FileCheck %s --check-prefixes=CHECK,UPSTREAM

// linalg.generic ops that compute a named op become it. CHECK lines hold
// for us and for upstream's --linalg-specialize-generic-ops; OURS and
// UPSTREAM lines show where upstream 22 stops (or goes further).
// Transposed and unsigned matmuls, which upstream 22 gets wrong, are in
// specialize-contractions.mlir.

#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @exp(
// CHECK-SAME: %[[A:.*]]: tensor<4x8xf32>, %[[O:.*]]: tensor<4x8xf32>)
// CHECK-NEXT:   %[[R:.*]] = linalg.exp ins(%[[A]] : tensor<4x8xf32>) outs(%[[O]] : tensor<4x8xf32>) -> tensor<4x8xf32>
// CHECK-NEXT:   return %[[R]]
func.func @exp(%a: tensor<4x8xf32>, %o: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<4x8xf32>) outs(%o : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %1 = math.exp %in : f32
    linalg.yield %1 : f32
  } -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
// The body reads the inputs the other way round: so do the named op's inputs.
// CHECK-LABEL: func.func @sub_swapped(
// CHECK-SAME: %[[A:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<4x8xf32>, %[[O:.*]]: tensor<4x8xf32>)
// CHECK-NEXT:   linalg.sub ins(%[[B]], %[[A]] : tensor<4x8xf32>, tensor<4x8xf32>) outs(%[[O]] : tensor<4x8xf32>) -> tensor<4x8xf32>
func.func @sub_swapped(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>, %o: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%a, %b : tensor<4x8xf32>, tensor<4x8xf32>) outs(%o : tensor<4x8xf32>) {
  ^bb0(%in: f32, %in1: f32, %out: f32):
    %1 = arith.subf %in1, %in : f32
    linalg.yield %1 : f32
  } -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
// On buffers too; the operands as the body reads them, as upstream.
// CHECK-LABEL: func.func @add_buffers(
// CHECK-SAME: %[[A:.*]]: memref<4x8xf32>, %[[B:.*]]: memref<4x8xf32>, %[[O:.*]]: memref<4x8xf32>)
// CHECK-NEXT:   linalg.add ins(%[[B]], %[[A]] : memref<4x8xf32>, memref<4x8xf32>) outs(%[[O]] : memref<4x8xf32>)
// CHECK-NEXT:   return
func.func @add_buffers(%a: memref<4x8xf32>, %b: memref<4x8xf32>, %o: memref<4x8xf32>) {
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%a, %b : memref<4x8xf32>, memref<4x8xf32>) outs(%o : memref<4x8xf32>) {
  ^bb0(%in: f32, %in1: f32, %out: f32):
    %1 = arith.addf %in1, %in : f32
    linalg.yield %1 : f32
  }
  return
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @fill(
// CHECK-SAME: %[[X:.*]]: f32, %[[O:.*]]: tensor<4x8xf32>)
// CHECK-NEXT:   linalg.fill ins(%[[X]] : f32) outs(%[[O]] : tensor<4x8xf32>) -> tensor<4x8xf32>
func.func @fill(%x: f32, %o: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> ()>, #id], iterator_types = ["parallel", "parallel"]} ins(%x : f32) outs(%o : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @copy(
// CHECK-SAME: %[[X:.*]]: tensor<4x8xf32>, %[[O:.*]]: tensor<4x8xf32>)
// CHECK-NEXT:   linalg.copy ins(%[[X]] : tensor<4x8xf32>) outs(%[[O]] : tensor<4x8xf32>) -> tensor<4x8xf32>
func.func @copy(%x: tensor<4x8xf32>, %o: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x8xf32>) outs(%o : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @transpose(
// CHECK-SAME: %[[X:.*]]: tensor<2x8x4xf32>, %[[O:.*]]: tensor<4x2x8xf32>)
// CHECK-NEXT:   %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<2x8x4xf32>) outs(%[[O]] : tensor<4x2x8xf32>) permutation = [2, 0, 1]
// CHECK-NEXT:   return %[[T]]
func.func @transpose(%x: tensor<2x8x4xf32>, %o: tensor<4x2x8xf32>) -> tensor<4x2x8xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d2, d0)>, #id], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x : tensor<2x8x4xf32>) outs(%o : tensor<4x2x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x2x8xf32>
  return %0 : tensor<4x2x8xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @broadcast(
// CHECK-SAME: %[[X:.*]]: tensor<4xf32>, %[[O:.*]]: tensor<4x8xf32>)
// CHECK-NEXT:   %[[B:.*]] = linalg.broadcast ins(%[[X]] : tensor<4xf32>) outs(%[[O]] : tensor<4x8xf32>) dimensions = [1]
// CHECK-NEXT:   return %[[B]]
func.func @broadcast(%x: tensor<4xf32>, %o: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, #id], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4xf32>) outs(%o : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// CHECK-LABEL: func.func @matmul(
// CHECK-SAME: %[[A:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<8x16xf32>, %[[C:.*]]: tensor<4x16xf32>)
// CHECK-NEXT:   linalg.matmul ins(%[[A]], %[[B]] : tensor<4x8xf32>, tensor<8x16xf32>) outs(%[[C]] : tensor<4x16xf32>) -> tensor<4x16xf32>
func.func @matmul(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<4x8xf32>, tensor<8x16xf32>) outs(%c : tensor<4x16xf32>) {
  ^bb0(%in: f32, %in1: f32, %out: f32):
    %1 = arith.mulf %in, %in1 : f32
    %2 = arith.addf %out, %1 : f32
    linalg.yield %2 : f32
  } -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// The loops in another order (k, m, n) and the accumulation written the
// other way round: still a matmul.
// CHECK-LABEL: func.func @matmul_permuted_loops(
// CHECK-SAME: %[[A:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<8x16xf32>, %[[C:.*]]: tensor<4x16xf32>)
// CHECK-NEXT:   linalg.matmul ins(%[[A]], %[[B]] : tensor<4x8xf32>, tensor<8x16xf32>) outs(%[[C]] : tensor<4x16xf32>) -> tensor<4x16xf32>
func.func @matmul_permuted_loops(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d0)>, affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>], iterator_types = ["reduction", "parallel", "parallel"]} ins(%a, %b : tensor<4x8xf32>, tensor<8x16xf32>) outs(%c : tensor<4x16xf32>) {
  ^bb0(%in: f32, %in1: f32, %out: f32):
    %1 = arith.mulf %in, %in1 : f32
    %2 = arith.addf %1, %out : f32
    linalg.yield %2 : f32
  } -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// Signed extension of the inputs is the matmul's default cast.
// CHECK-LABEL: func.func @matmul_i8(
// CHECK-NEXT:   linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x8xi8>, tensor<8x16xi8>) outs(%{{.*}} : tensor<4x16xi32>) -> tensor<4x16xi32>
func.func @matmul_i8(%a: tensor<4x8xi8>, %b: tensor<8x16xi8>, %c: tensor<4x16xi32>) -> tensor<4x16xi32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<4x8xi8>, tensor<8x16xi8>) outs(%c : tensor<4x16xi32>) {
  ^bb0(%in: i8, %in1: i8, %out: i32):
    %e = arith.extsi %in : i8 to i32
    %f = arith.extsi %in1 : i8 to i32
    %1 = arith.muli %e, %f : i32
    %2 = arith.addi %out, %1 : i32
    linalg.yield %2 : i32
  } -> tensor<4x16xi32>
  return %0 : tensor<4x16xi32>
}

// -----

// CHECK-LABEL: func.func @batch_matmul(
// CHECK-NEXT:   linalg.batch_matmul ins(%{{.*}}, %{{.*}} : tensor<2x4x8xf32>, tensor<2x8x16xf32>) outs(%{{.*}} : tensor<2x4x16xf32>) -> tensor<2x4x16xf32>
func.func @batch_matmul(%a: tensor<2x4x8xf32>, %b: tensor<2x8x16xf32>, %c: tensor<2x4x16xf32>) -> tensor<2x4x16xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%a, %b : tensor<2x4x8xf32>, tensor<2x8x16xf32>) outs(%c : tensor<2x4x16xf32>) {
  ^bb0(%in: f32, %in1: f32, %out: f32):
    %1 = arith.mulf %in, %in1 : f32
    %2 = arith.addf %out, %1 : f32
    linalg.yield %2 : f32
  } -> tensor<2x4x16xf32>
  return %0 : tensor<2x4x16xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
// Named ops that upstream 22 does not recognise: max and min, square,
// matvec, vecmat, dot.
// CHECK-LABEL: func.func @max(
// CHECK-SAME: %[[A:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<4x8xf32>, %[[O:.*]]: tensor<4x8xf32>)
// OURS-NEXT:     linalg.max ins(%[[A]], %[[B]] : tensor<4x8xf32>, tensor<4x8xf32>) outs(%[[O]] : tensor<4x8xf32>) -> tensor<4x8xf32>
// UPSTREAM-NEXT: linalg.generic
func.func @max(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>, %o: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%a, %b : tensor<4x8xf32>, tensor<4x8xf32>) outs(%o : tensor<4x8xf32>) {
  ^bb0(%in: f32, %in1: f32, %out: f32):
    %1 = arith.maximumf %in, %in1 : f32
    linalg.yield %1 : f32
  } -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @min_int(
// CHECK-SAME: %[[A:.*]]: tensor<4x8xi32>, %[[B:.*]]: tensor<4x8xi32>, %[[O:.*]]: tensor<4x8xi32>)
// OURS-NEXT:     linalg.min ins(%[[B]], %[[A]] : tensor<4x8xi32>, tensor<4x8xi32>) outs(%[[O]] : tensor<4x8xi32>) -> tensor<4x8xi32>
// UPSTREAM-NEXT: linalg.generic
func.func @min_int(%a: tensor<4x8xi32>, %b: tensor<4x8xi32>, %o: tensor<4x8xi32>) -> tensor<4x8xi32> {
  %0 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%a, %b : tensor<4x8xi32>, tensor<4x8xi32>) outs(%o : tensor<4x8xi32>) {
  ^bb0(%in: i32, %in1: i32, %out: i32):
    %1 = arith.minsi %in1, %in : i32
    linalg.yield %1 : i32
  } -> tensor<4x8xi32>
  return %0 : tensor<4x8xi32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @square(
// OURS-NEXT:     linalg.square ins(%{{.*}} : tensor<4x8xf32>) outs(%{{.*}} : tensor<4x8xf32>) -> tensor<4x8xf32>
// UPSTREAM-NEXT: linalg.generic
func.func @square(%a: tensor<4x8xf32>, %o: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<4x8xf32>) outs(%o : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %1 = arith.mulf %in, %in : f32
    linalg.yield %1 : f32
  } -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// CHECK-LABEL: func.func @matvec(
// OURS-NEXT:     linalg.matvec ins(%{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<8xf32>) outs(%{{.*}} : tensor<4xf32>) -> tensor<4xf32>
// UPSTREAM-NEXT: linalg.generic
func.func @matvec(%a: tensor<4x8xf32>, %b: tensor<8xf32>, %c: tensor<4xf32>) -> tensor<4xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%a, %b : tensor<4x8xf32>, tensor<8xf32>) outs(%c : tensor<4xf32>) {
  ^bb0(%in: f32, %in1: f32, %out: f32):
    %1 = arith.mulf %in, %in1 : f32
    %2 = arith.addf %out, %1 : f32
    linalg.yield %2 : f32
  } -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @vecmat(
// OURS-NEXT:     linalg.vecmat ins(%{{.*}}, %{{.*}} : tensor<8xf32>, tensor<8x16xf32>) outs(%{{.*}} : tensor<16xf32>) -> tensor<16xf32>
// UPSTREAM-NEXT: linalg.generic
func.func @vecmat(%a: tensor<8xf32>, %b: tensor<8x16xf32>, %c: tensor<16xf32>) -> tensor<16xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%a, %b : tensor<8xf32>, tensor<8x16xf32>) outs(%c : tensor<16xf32>) {
  ^bb0(%in: f32, %in1: f32, %out: f32):
    %1 = arith.mulf %in, %in1 : f32
    %2 = arith.addf %out, %1 : f32
    linalg.yield %2 : f32
  } -> tensor<16xf32>
  return %0 : tensor<16xf32>
}

// -----

// CHECK-LABEL: func.func @dot(
// OURS-NEXT:     linalg.dot ins(%{{.*}}, %{{.*}} : tensor<8xf32>, tensor<8xf32>) outs(%{{.*}} : tensor<f32>) -> tensor<f32>
// UPSTREAM-NEXT: linalg.generic
func.func @dot(%a: tensor<8xf32>, %b: tensor<8xf32>, %c: tensor<f32>) -> tensor<f32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]} ins(%a, %b : tensor<8xf32>, tensor<8xf32>) outs(%c : tensor<f32>) {
  ^bb0(%in: f32, %in1: f32, %out: f32):
    %1 = arith.mulf %in, %in1 : f32
    %2 = arith.addf %out, %1 : f32
    linalg.yield %2 : f32
  } -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
// An operand read through a broadcast: we keep the generic; upstream
// splits off a linalg.broadcast into a new tensor.empty and adds.
// CHECK-LABEL: func.func @add_broadcast_operand(
// OURS-NEXT:     linalg.generic
// UPSTREAM-NEXT: tensor.empty
// UPSTREAM-NEXT: linalg.broadcast
// UPSTREAM-NEXT: linalg.add
func.func @add_broadcast_operand(%a: tensor<4x8xf32>, %b: tensor<8xf32>, %o: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = linalg.generic {indexing_maps = [#id, affine_map<(d0, d1) -> (d1)>, #id], iterator_types = ["parallel", "parallel"]} ins(%a, %b : tensor<4x8xf32>, tensor<8xf32>) outs(%o : tensor<4x8xf32>) {
  ^bb0(%in: f32, %in1: f32, %out: f32):
    %1 = arith.addf %in, %in1 : f32
    linalg.yield %1 : f32
  } -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
// No named elementwise op reads its init: stays a generic.
// CHECK-LABEL: func.func @reads_init(
// CHECK-NEXT:   linalg.generic
func.func @reads_init(%a: tensor<4x8xf32>, %o: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<4x8xf32>) outs(%o : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %1 = arith.addf %in, %out : f32
    linalg.yield %1 : f32
  } -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
// Two functions in one body: no named op.
// CHECK-LABEL: func.func @exp_then_log(
// CHECK-NEXT:   linalg.generic
// CHECK:          math.exp
// CHECK-NEXT:     math.log
func.func @exp_then_log(%a: tensor<4x8xf32>, %o: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<4x8xf32>) outs(%o : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %1 = math.exp %in : f32
    %2 = math.log %1 : f32
    linalg.yield %2 : f32
  } -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}
