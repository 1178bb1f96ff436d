// RUN: ml-opt %s --split-input-file --specialize --remarks=specialize --verify-diagnostics | FileCheck %s

// Matmuls with a transposed operand keep it in indexing_maps, and an
// unsigned extension of the inputs becomes cast = cast_unsigned. Upstream
// mlir-opt 22 builds a linalg.matmul with the default maps for the first
// (which does not verify) and drops the unsigned cast, so these are only
// checked here. With --remarks=specialize every generic says what became
// of it.

// CHECK: #[[$A:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK: #[[$B:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK: #[[$C:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @transposed_a(
// CHECK-NEXT:   linalg.matmul indexing_maps = [#[[$A]], #[[$B]], #[[$C]]] ins(%{{.*}}, %{{.*}} : tensor<8x4xf32>, tensor<8x16xf32>) outs(%{{.*}} : tensor<4x16xf32>) -> tensor<4x16xf32>
func.func @transposed_a(%a: tensor<8x4xf32>, %b: tensor<8x16xf32>, %c: tensor<4x16xf32>) -> tensor<4x16xf32> {
  // expected-remark@+1 {{specialized to 'linalg.matmul'}}
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d2, d0)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<8x4xf32>, tensor<8x16xf32>) outs(%c : tensor<4x16xf32>) {
  ^bb0(%in: f32, %in1: f32, %out: f32):
    %1 = arith.mulf %in, %in1 : f32
    %2 = arith.addf %out, %1 : f32
    linalg.yield %2 : f32
  } -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// The loops in the order (n, k, m) with B transposed: maps in matmul's (m, n, k).
// CHECK: #[[$A:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK: #[[$B:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK: #[[$C:map[0-9]*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @transposed_b_permuted(
// CHECK-NEXT:   linalg.matmul indexing_maps = [#[[$A]], #[[$B]], #[[$C]]] ins(%{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<16x8xf32>)
func.func @transposed_b_permuted(%a: tensor<4x8xf32>, %b: tensor<16x8xf32>, %c: tensor<4x16xf32>) -> tensor<4x16xf32> {
  // expected-remark@+1 {{specialized to 'linalg.matmul'}}
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>, affine_map<(d0, d1, d2) -> (d2, d0)>], iterator_types = ["parallel", "reduction", "parallel"]} ins(%a, %b : tensor<4x8xf32>, tensor<16x8xf32>) outs(%c : tensor<4x16xf32>) {
  ^bb0(%in: f32, %in1: f32, %out: f32):
    %1 = arith.mulf %in, %in1 : f32
    %2 = arith.addf %out, %1 : f32
    linalg.yield %2 : f32
  } -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @unsigned(
// CHECK-NEXT:   linalg.matmul {cast = #linalg.type_fn<cast_unsigned>} ins(%{{.*}}, %{{.*}} : tensor<4x8xi8>, tensor<8x16xi8>) outs(%{{.*}} : tensor<4x16xi32>)
func.func @unsigned(%a: tensor<4x8xi8>, %b: tensor<8x16xi8>, %c: tensor<4x16xi32>) -> tensor<4x16xi32> {
  // expected-remark@+1 {{specialized to 'linalg.matmul'}}
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<4x8xi8>, tensor<8x16xi8>) outs(%c : tensor<4x16xi32>) {
  ^bb0(%in: i8, %in1: i8, %out: i32):
    %e = arith.extui %in : i8 to i32
    %f = arith.extui %in1 : i8 to i32
    %1 = arith.muli %e, %f : i32
    %2 = arith.addi %out, %1 : i32
    linalg.yield %2 : i32
  } -> tensor<4x16xi32>
  return %0 : tensor<4x16xi32>
}

// -----

// CHECK: #[[$A:map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d1)>
// CHECK-LABEL: func.func @batch_transposed_a(
// CHECK-NEXT:   linalg.batch_matmul indexing_maps = [#[[$A]], #{{.*}}, #{{.*}}] ins(%{{.*}}, %{{.*}} : tensor<2x8x4xf32>, tensor<2x8x16xf32>)
func.func @batch_transposed_a(%a: tensor<2x8x4xf32>, %b: tensor<2x8x16xf32>, %c: tensor<2x4x16xf32>) -> tensor<2x4x16xf32> {
  // expected-remark@+1 {{specialized to 'linalg.batch_matmul'}}
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d3, d1)>, affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%a, %b : tensor<2x8x4xf32>, tensor<2x8x16xf32>) outs(%c : tensor<2x4x16xf32>) {
  ^bb0(%in: f32, %in1: f32, %out: f32):
    %1 = arith.mulf %in, %in1 : f32
    %2 = arith.addf %out, %1 : f32
    linalg.yield %2 : f32
  } -> tensor<2x4x16xf32>
  return %0 : tensor<2x4x16xf32>
}

// -----

// Conversions: linalg.copy converts to the output's element type (here
// unsigned); upstream's linalg.fill takes a value of the element type, so
// a converting fill stays a generic.
// CHECK-LABEL: func.func @converting(
// CHECK-NEXT:   linalg.generic
// CHECK:        linalg.copy {cast = #linalg.type_fn<cast_unsigned>} ins(%{{.*}} : memref<4x8xi8>) outs(%{{.*}} : memref<4x8xi32>)
func.func @converting(%x: f16, %o: memref<4x8xf32>, %i: memref<4x8xi8>, %w: memref<4x8xi32>) {
  // expected-remark@+1 {{not specialized: no named elementwise op computes this body on these maps}}
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : f16) outs(%o : memref<4x8xf32>) {
  ^bb0(%in: f16, %out: f32):
    %e = arith.extf %in : f16 to f32
    linalg.yield %e : f32
  }
  // expected-remark@+1 {{specialized to 'linalg.copy'}}
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%i : memref<4x8xi8>) outs(%w : memref<4x8xi32>) {
  ^bb0(%in: i8, %out: i32):
    %e = arith.extui %in : i8 to i32
    linalg.yield %e : i32
  }
  return
}

// -----

// What stays a generic, and why.
// CHECK-LABEL: func.func @not_specialized(
// CHECK-COUNT-3: linalg.generic
func.func @not_specialized(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<4x16xf32>, %v: tensor<8xf32>) -> (tensor<4x16xf32>, tensor<8xf32>, tensor<8xf32>) {
  // expected-remark@+1 {{not specialized: no named contraction computes this body on these maps}}
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<4x8xf32>, tensor<8x16xf32>) outs(%c : tensor<4x16xf32>) {
  ^bb0(%in: f32, %in1: f32, %out: f32):
    %1 = arith.mulf %in, %in1 : f32
    %2 = arith.subf %out, %1 : f32
    linalg.yield %2 : f32
  } -> tensor<4x16xf32>
  // expected-remark@+1 {{not specialized: the body reads loop indices}}
  %3 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%v : tensor<8xf32>) {
  ^bb0(%out: f32):
    %i = linalg.index 0 : index
    %ii = arith.index_cast %i : index to i32
    %f = arith.sitofp %ii : i32 to f32
    linalg.yield %f : f32
  } -> tensor<8xf32>
  // expected-remark@+1 {{not specialized: named ops have one output}}
  %4:2 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%v : tensor<8xf32>) outs(%v, %v : tensor<8xf32>, tensor<8xf32>) {
  ^bb0(%in: f32, %o1: f32, %o2: f32):
    linalg.yield %in, %in : f32, f32
  } -> (tensor<8xf32>, tensor<8xf32>)
  return %0, %3, %4#0 : tensor<4x16xf32>, tensor<8xf32>, tensor<8xf32>
}
