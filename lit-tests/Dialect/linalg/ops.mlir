// RUN: ml-opt %s | FileCheck %s
// RUN: ml-opt %s | ml-opt | FileCheck %s
// RUN: ml-opt %s --mlir-print-op-generic | ml-opt | FileCheck %s

// linalg.generic (tensors, buffers, scalars, dynamic shapes, doc and
// library_call, discardable attrs), the named elementwise ops, the
// contractions (with and without user maps and casts), convolutions and
// poolings, map and reduce in short and full form, transpose and
// broadcast. The CHECK lines are what upstream mlir-opt 22 prints.

// CHECK: #map = affine_map<(d0, d1) -> (d0, d1)>
// CHECK: #map1 = affine_map<(d0, d1) -> (d0)>
// CHECK: #map2 = affine_map<(d0, d1) -> ()>
// CHECK: #map3 = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK: #map4 = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK: #map5 = affine_map<(d0, d1, d2) -> (d0, d1)>
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#mA = affine_map<(d0, d1, d2) -> (d2, d0)>
#mB = affine_map<(d0, d1, d2) -> (d2, d1)>
#mC = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @generic(%arg0: f32, %arg1: tensor<4x8xf32>, %arg2: tensor<4xf32>, %arg3: memref<4x8xf32>, %arg4: tensor<?x?xf32>) -> tensor<4xf32> {
// CHECK-NEXT: %0 = linalg.generic {doc = "sum", indexing_maps = [#map, #map1], iterator_types = ["parallel", "reduction"], library_call = "mysum"} ins(%arg1 : tensor<4x8xf32>) outs(%arg2 : tensor<4xf32>) attrs =  {foo = 1 : i32} {
// CHECK-NEXT: ^bb0(%in: f32, %out: f32):
// CHECK-NEXT: %2 = linalg.index 1 : index
// CHECK-NEXT: %3 = arith.addf %in, %out : f32
// CHECK-NEXT: linalg.yield %3 : f32
// CHECK-NEXT: } -> tensor<4xf32>
// CHECK-NEXT: linalg.generic {indexing_maps = [#map2, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%arg0, %arg3 : f32, memref<4x8xf32>) outs(%arg3 : memref<4x8xf32>) {
// CHECK-NEXT: ^bb0(%in: f32, %in_0: f32, %out: f32):
// CHECK-NEXT: %2 = arith.mulf %in, %in_0 : f32
// CHECK-NEXT: linalg.yield %2 : f32
// CHECK-NEXT: }
// CHECK-NEXT: %1 = linalg.generic {indexing_maps = [#map], iterator_types = ["parallel", "parallel"]} outs(%arg4 : tensor<?x?xf32>) {
// CHECK-NEXT: ^bb0(%out: f32):
// CHECK-NEXT: linalg.yield %arg0 : f32
// CHECK-NEXT: } -> tensor<?x?xf32>
// CHECK-NEXT: return %0 : tensor<4xf32>
// CHECK-NEXT: }
func.func @generic(%c: f32, %a: tensor<4x8xf32>, %o: tensor<4xf32>, %m: memref<4x8xf32>, %d: tensor<?x?xf32>) -> tensor<4xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"], doc = "sum", library_call = "mysum"} ins(%a : tensor<4x8xf32>) outs(%o : tensor<4xf32>) attrs = {foo = 1 : i32} {
  ^bb0(%x: f32, %acc: f32):
    %i = linalg.index 1 : index
    %s = arith.addf %x, %acc : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> ()>, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%c, %m : f32, memref<4x8xf32>) outs(%m : memref<4x8xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %s = arith.mulf %x, %y : f32
    linalg.yield %s : f32
  }
  %1 = linalg.generic {indexing_maps = [#id], iterator_types = ["parallel", "parallel"]} outs(%d : tensor<?x?xf32>) {
  ^bb0(%z: f32):
    linalg.yield %c : f32
  } -> tensor<?x?xf32>
  return %0 : tensor<4xf32>
}

// CHECK-LABEL: func.func @elementwise(%arg0: f32, %arg1: tensor<4x16xf32>, %arg2: memref<8xf32>, %arg3: tensor<4x16xi32>) {
// CHECK-NEXT: %0 = linalg.fill ins(%arg0 : f32) outs(%arg1 : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: linalg.fill ins(%arg0 : f32) outs(%arg2 : memref<8xf32>)
// CHECK-NEXT: %1 = linalg.copy ins(%arg1 : tensor<4x16xf32>) outs(%arg1 : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: %2 = linalg.add ins(%arg1, %arg1 : tensor<4x16xf32>, tensor<4x16xf32>) outs(%arg1 : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: %3 = linalg.sub ins(%arg1, %arg1 : tensor<4x16xf32>, tensor<4x16xf32>) outs(%arg1 : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: %4 = linalg.mul ins(%arg1, %arg1 : tensor<4x16xf32>, tensor<4x16xf32>) outs(%arg1 : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: %5 = linalg.div ins(%arg3, %arg3 : tensor<4x16xi32>, tensor<4x16xi32>) outs(%arg3 : tensor<4x16xi32>) -> tensor<4x16xi32>
// CHECK-NEXT: %6 = linalg.max ins(%arg1, %arg1 : tensor<4x16xf32>, tensor<4x16xf32>) outs(%arg1 : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: %7 = linalg.min ins(%arg3, %arg3 : tensor<4x16xi32>, tensor<4x16xi32>) outs(%arg3 : tensor<4x16xi32>) -> tensor<4x16xi32>
// CHECK-NEXT: %8 = linalg.exp ins(%arg1 : tensor<4x16xf32>) outs(%arg1 : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: %9 = linalg.log ins(%arg1 : tensor<4x16xf32>) outs(%arg1 : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: %10 = linalg.abs ins(%arg1 : tensor<4x16xf32>) outs(%arg1 : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: %11 = linalg.negf ins(%arg1 : tensor<4x16xf32>) outs(%arg1 : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: %12 = linalg.sqrt ins(%arg1 : tensor<4x16xf32>) outs(%arg1 : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: %13 = linalg.tanh ins(%arg1 : tensor<4x16xf32>) outs(%arg1 : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: %14 = linalg.reciprocal ins(%arg1 : tensor<4x16xf32>) outs(%arg1 : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: %15 = linalg.square ins(%arg1 : tensor<4x16xf32>) outs(%arg1 : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: %16 = linalg.elementwise kind=#linalg.elementwise_kind<exp> ins(%arg1 : tensor<4x16xf32>) outs(%arg1 : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: %17 = linalg.elementwise kind=#linalg.elementwise_kind<add> ins(%arg1, %arg1 : tensor<4x16xf32>, tensor<4x16xf32>) outs(%arg1 : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: linalg.add ins(%arg2, %arg2 : memref<8xf32>, memref<8xf32>) outs(%arg2 : memref<8xf32>)
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @elementwise(%x: f32, %a: tensor<4x16xf32>, %b: memref<8xf32>, %i: tensor<4x16xi32>) {
  %0 = linalg.fill ins(%x : f32) outs(%a : tensor<4x16xf32>) -> tensor<4x16xf32>
  linalg.fill ins(%x : f32) outs(%b : memref<8xf32>)
  %1 = linalg.copy ins(%a : tensor<4x16xf32>) outs(%a : tensor<4x16xf32>) -> tensor<4x16xf32>
  %2 = linalg.add ins(%a, %a : tensor<4x16xf32>, tensor<4x16xf32>) outs(%a : tensor<4x16xf32>) -> tensor<4x16xf32>
  %3 = linalg.sub ins(%a, %a : tensor<4x16xf32>, tensor<4x16xf32>) outs(%a : tensor<4x16xf32>) -> tensor<4x16xf32>
  %4 = linalg.mul ins(%a, %a : tensor<4x16xf32>, tensor<4x16xf32>) outs(%a : tensor<4x16xf32>) -> tensor<4x16xf32>
  %5 = linalg.div ins(%i, %i : tensor<4x16xi32>, tensor<4x16xi32>) outs(%i : tensor<4x16xi32>) -> tensor<4x16xi32>
  %6 = linalg.max ins(%a, %a : tensor<4x16xf32>, tensor<4x16xf32>) outs(%a : tensor<4x16xf32>) -> tensor<4x16xf32>
  %7 = linalg.min ins(%i, %i : tensor<4x16xi32>, tensor<4x16xi32>) outs(%i : tensor<4x16xi32>) -> tensor<4x16xi32>
  %8 = linalg.exp ins(%a : tensor<4x16xf32>) outs(%a : tensor<4x16xf32>) -> tensor<4x16xf32>
  %9 = linalg.log ins(%a : tensor<4x16xf32>) outs(%a : tensor<4x16xf32>) -> tensor<4x16xf32>
  %10 = linalg.abs ins(%a : tensor<4x16xf32>) outs(%a : tensor<4x16xf32>) -> tensor<4x16xf32>
  %11 = linalg.negf ins(%a : tensor<4x16xf32>) outs(%a : tensor<4x16xf32>) -> tensor<4x16xf32>
  %12 = linalg.sqrt ins(%a : tensor<4x16xf32>) outs(%a : tensor<4x16xf32>) -> tensor<4x16xf32>
  %13 = linalg.tanh ins(%a : tensor<4x16xf32>) outs(%a : tensor<4x16xf32>) -> tensor<4x16xf32>
  %14 = linalg.reciprocal ins(%a : tensor<4x16xf32>) outs(%a : tensor<4x16xf32>) -> tensor<4x16xf32>
  %15 = linalg.square ins(%a : tensor<4x16xf32>) outs(%a : tensor<4x16xf32>) -> tensor<4x16xf32>
  %16 = linalg.elementwise kind=#linalg.elementwise_kind<exp> ins(%a : tensor<4x16xf32>) outs(%a : tensor<4x16xf32>) -> tensor<4x16xf32>
  %17 = linalg.elementwise kind=#linalg.elementwise_kind<add> ins(%a, %a : tensor<4x16xf32>, tensor<4x16xf32>) outs(%a : tensor<4x16xf32>) -> tensor<4x16xf32>
  linalg.add ins(%b, %b : memref<8xf32>, memref<8xf32>) outs(%b : memref<8xf32>)
  return
}

// CHECK-LABEL: func.func @contractions(%arg0: tensor<4x8xf32>, %arg1: tensor<8x16xf32>, %arg2: tensor<4x16xf32>, %arg3: tensor<8x4xf32>, %arg4: tensor<4x8xi8>, %arg5: tensor<8x16xi8>, %arg6: tensor<4x16xi32>, %arg7: tensor<8xf32>, %arg8: tensor<4xf32>, %arg9: tensor<f32>, %arg10: tensor<2x4x8xf32>, %arg11: tensor<2x8x16xf32>, %arg12: tensor<2x4x16xf32>, %arg13: memref<?x?xf32>) {
// CHECK-NEXT: %0 = linalg.matmul ins(%arg0, %arg1 : tensor<4x8xf32>, tensor<8x16xf32>) outs(%arg2 : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: %1 = linalg.matmul indexing_maps = [#map3, #map4, #map5] ins(%arg3, %arg1 : tensor<8x4xf32>, tensor<8x16xf32>) outs(%arg2 : tensor<4x16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT: %2 = linalg.matmul {cast = #linalg.type_fn<cast_unsigned>} ins(%arg4, %arg5 : tensor<4x8xi8>, tensor<8x16xi8>) outs(%arg6 : tensor<4x16xi32>) -> tensor<4x16xi32>
// CHECK-NEXT: %3 = linalg.batch_matmul ins(%arg10, %arg11 : tensor<2x4x8xf32>, tensor<2x8x16xf32>) outs(%arg12 : tensor<2x4x16xf32>) -> tensor<2x4x16xf32>
// CHECK-NEXT: %4 = linalg.matvec ins(%arg0, %arg7 : tensor<4x8xf32>, tensor<8xf32>) outs(%arg8 : tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: %5 = linalg.dot ins(%arg7, %arg7 : tensor<8xf32>, tensor<8xf32>) outs(%arg9 : tensor<f32>) -> tensor<f32>
// CHECK-NEXT: linalg.matmul ins(%arg13, %arg13 : memref<?x?xf32>, memref<?x?xf32>) outs(%arg13 : memref<?x?xf32>)
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @contractions(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<4x16xf32>, %at: tensor<8x4xf32>, %ai: tensor<4x8xi8>, %bi: tensor<8x16xi8>, %ci: tensor<4x16xi32>, %v: tensor<8xf32>, %r: tensor<4xf32>, %s: tensor<f32>, %ba: tensor<2x4x8xf32>, %bb: tensor<2x8x16xf32>, %bc: tensor<2x4x16xf32>, %dm: memref<?x?xf32>) {
  %0 = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x16xf32>) outs(%c : tensor<4x16xf32>) -> tensor<4x16xf32>
  %1 = linalg.matmul indexing_maps = [#mA, #mB, #mC] ins(%at, %b : tensor<8x4xf32>, tensor<8x16xf32>) outs(%c : tensor<4x16xf32>) -> tensor<4x16xf32>
  %2 = linalg.matmul {cast = #linalg.type_fn<cast_unsigned>} ins(%ai, %bi : tensor<4x8xi8>, tensor<8x16xi8>) outs(%ci : tensor<4x16xi32>) -> tensor<4x16xi32>
  %3 = linalg.batch_matmul ins(%ba, %bb : tensor<2x4x8xf32>, tensor<2x8x16xf32>) outs(%bc : tensor<2x4x16xf32>) -> tensor<2x4x16xf32>
  %4 = linalg.matvec ins(%a, %v : tensor<4x8xf32>, tensor<8xf32>) outs(%r : tensor<4xf32>) -> tensor<4xf32>
  %5 = linalg.dot ins(%v, %v : tensor<8xf32>, tensor<8xf32>) outs(%s : tensor<f32>) -> tensor<f32>
  linalg.matmul ins(%dm, %dm : memref<?x?xf32>, memref<?x?xf32>) outs(%dm : memref<?x?xf32>)
  return
}

// CHECK-LABEL: func.func @convolutions(%arg0: tensor<1x16x16x3xf32>, %arg1: tensor<3x3x3x8xf32>, %arg2: tensor<1x14x14x8xf32>, %arg3: tensor<1x3x16x16xf32>, %arg4: tensor<8x3x3x3xf32>, %arg5: tensor<1x8x14x14xf32>, %arg6: tensor<3x3x3xf32>, %arg7: tensor<1x14x14x3xf32>, %arg8: tensor<3x3xf32>, %arg9: tensor<1x7x7x3xf32>) {
// CHECK-NEXT: %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%arg0, %arg1 : tensor<1x16x16x3xf32>, tensor<3x3x3x8xf32>) outs(%arg2 : tensor<1x14x14x8xf32>) -> tensor<1x14x14x8xf32>
// CHECK-NEXT: %1 = linalg.conv_2d_nchw_fchw ins(%arg3, %arg4 : tensor<1x3x16x16xf32>, tensor<8x3x3x3xf32>) outs(%arg5 : tensor<1x8x14x14xf32>) -> tensor<1x8x14x14xf32>
// CHECK-NEXT: %2 = linalg.depthwise_conv_2d_nhwc_hwc ins(%arg0, %arg6 : tensor<1x16x16x3xf32>, tensor<3x3x3xf32>) outs(%arg7 : tensor<1x14x14x3xf32>) -> tensor<1x14x14x3xf32>
// CHECK-NEXT: %3 = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%arg0, %arg8 : tensor<1x16x16x3xf32>, tensor<3x3xf32>) outs(%arg9 : tensor<1x7x7x3xf32>) -> tensor<1x7x7x3xf32>
// CHECK-NEXT: %4 = linalg.pooling_nhwc_sum ins(%arg0, %arg8 : tensor<1x16x16x3xf32>, tensor<3x3xf32>) outs(%arg7 : tensor<1x14x14x3xf32>) -> tensor<1x14x14x3xf32>
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @convolutions(%i: tensor<1x16x16x3xf32>, %w: tensor<3x3x3x8xf32>, %o: tensor<1x14x14x8xf32>, %in: tensor<1x3x16x16xf32>, %fw: tensor<8x3x3x3xf32>, %on: tensor<1x8x14x14xf32>, %dw: tensor<3x3x3xf32>, %od: tensor<1x14x14x3xf32>, %win: tensor<3x3xf32>, %op: tensor<1x7x7x3xf32>) {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%i, %w : tensor<1x16x16x3xf32>, tensor<3x3x3x8xf32>) outs(%o : tensor<1x14x14x8xf32>) -> tensor<1x14x14x8xf32>
  %1 = linalg.conv_2d_nchw_fchw ins(%in, %fw : tensor<1x3x16x16xf32>, tensor<8x3x3x3xf32>) outs(%on : tensor<1x8x14x14xf32>) -> tensor<1x8x14x14xf32>
  %2 = linalg.depthwise_conv_2d_nhwc_hwc ins(%i, %dw : tensor<1x16x16x3xf32>, tensor<3x3x3xf32>) outs(%od : tensor<1x14x14x3xf32>) -> tensor<1x14x14x3xf32>
  %3 = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%i, %win : tensor<1x16x16x3xf32>, tensor<3x3xf32>) outs(%op : tensor<1x7x7x3xf32>) -> tensor<1x7x7x3xf32>
  %4 = linalg.pooling_nhwc_sum ins(%i, %win : tensor<1x16x16x3xf32>, tensor<3x3xf32>) outs(%od : tensor<1x14x14x3xf32>) -> tensor<1x14x14x3xf32>
  return
}

// CHECK-LABEL: func.func @map_reduce(%arg0: tensor<4x8xf32>, %arg1: tensor<4x8xf32>, %arg2: tensor<4xf32>, %arg3: tensor<4xf32>, %arg4: tensor<8x4xf32>, %arg5: tensor<4x8x2xf32>, %arg6: memref<4x8xf32>) {
// CHECK-NEXT: %mapped = linalg.map { arith.addf } ins(%arg0, %arg1 : tensor<4x8xf32>, tensor<4x8xf32>) outs(%arg0 : tensor<4x8xf32>)
// CHECK-NEXT: %mapped_0 = linalg.map { arith.addf {fastmath = #arith.fastmath<fast>} } ins(%arg0, %arg1 : tensor<4x8xf32>, tensor<4x8xf32>) outs(%arg0 : tensor<4x8xf32>) {foo}
// CHECK-NEXT: %mapped_1 = linalg.map ins(%arg0, %arg1 : tensor<4x8xf32>, tensor<4x8xf32>) outs(%arg0 : tensor<4x8xf32>)
// CHECK-NEXT: (%in: f32, %in_4: f32, %init: f32) {
// CHECK-NEXT: %0 = arith.subf %in_4, %in : f32
// CHECK-NEXT: linalg.yield %0 : f32
// CHECK-NEXT: }
// CHECK-NEXT: linalg.map { arith.negf } ins(%arg6 : memref<4x8xf32>) outs(%arg6 : memref<4x8xf32>)
// CHECK-NEXT: %reduced = linalg.reduce { arith.addf } ins(%arg0 : tensor<4x8xf32>) outs(%arg2 : tensor<4xf32>) dimensions = [1]
// CHECK-NEXT: %reduced_2 = linalg.reduce ins(%arg0 : tensor<4x8xf32>) outs(%arg2 : tensor<4xf32>) dimensions = [1]
// CHECK-NEXT: (%in: f32, %init: f32) {
// CHECK-NEXT: %0 = arith.maximumf %in, %init : f32
// CHECK-NEXT: linalg.yield %0 : f32
// CHECK-NEXT: }
// CHECK-NEXT: %reduced_3:2 = linalg.reduce ins(%arg0, %arg1 : tensor<4x8xf32>, tensor<4x8xf32>) outs(%arg2, %arg3 : tensor<4xf32>, tensor<4xf32>) dimensions = [1]
// CHECK-NEXT: (%in: f32, %in_4: f32, %init: f32, %init_5: f32) {
// CHECK-NEXT: %0 = arith.addf %in, %init : f32
// CHECK-NEXT: %1 = arith.addf %in_4, %init_5 : f32
// CHECK-NEXT: linalg.yield %0, %1 : f32, f32
// CHECK-NEXT: }
// CHECK-NEXT: %transposed = linalg.transpose ins(%arg0 : tensor<4x8xf32>) outs(%arg4 : tensor<8x4xf32>) permutation = [1, 0]
// CHECK-NEXT: %broadcasted = linalg.broadcast ins(%arg0 : tensor<4x8xf32>) outs(%arg5 : tensor<4x8x2xf32>) dimensions = [2]
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @map_reduce(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>, %r: tensor<4xf32>, %r2: tensor<4xf32>, %t: tensor<8x4xf32>, %bb: tensor<4x8x2xf32>, %m: memref<4x8xf32>) {
  %0 = linalg.map { arith.addf } ins(%a, %b : tensor<4x8xf32>, tensor<4x8xf32>) outs(%a : tensor<4x8xf32>)
  %1 = linalg.map { arith.addf {fastmath = #arith.fastmath<fast>} } ins(%a, %b : tensor<4x8xf32>, tensor<4x8xf32>) outs(%a : tensor<4x8xf32>) {foo}
  %2 = linalg.map ins(%a, %b : tensor<4x8xf32>, tensor<4x8xf32>) outs(%a : tensor<4x8xf32>)
    (%x: f32, %y: f32, %z: f32) {
      %e = arith.subf %y, %x : f32
      linalg.yield %e : f32
    }
  linalg.map { arith.negf } ins(%m : memref<4x8xf32>) outs(%m : memref<4x8xf32>)
  %3 = linalg.reduce { arith.addf } ins(%a : tensor<4x8xf32>) outs(%r : tensor<4xf32>) dimensions = [1]
  %4 = linalg.reduce ins(%a : tensor<4x8xf32>) outs(%r : tensor<4xf32>) dimensions = [1]
    (%x: f32, %y: f32) {
      %e = arith.maximumf %x, %y : f32
      linalg.yield %e : f32
    }
  %5:2 = linalg.reduce ins(%a, %b : tensor<4x8xf32>, tensor<4x8xf32>) outs(%r, %r2 : tensor<4xf32>, tensor<4xf32>) dimensions = [1]
    (%x: f32, %y: f32, %z: f32, %w: f32) {
      %p = arith.addf %x, %z : f32
      %q = arith.addf %y, %w : f32
      linalg.yield %p, %q : f32, f32
    }
  %6 = linalg.transpose ins(%a : tensor<4x8xf32>) outs(%t : tensor<8x4xf32>) permutation = [1, 0]
  %7 = linalg.broadcast ins(%a : tensor<4x8xf32>) outs(%bb : tensor<4x8x2xf32>) dimensions = [2]
  return
}

// CHECK-LABEL: func.func @more_named_ops(
// CHECK:         linalg.batch_reduce_matmul ins(%arg0, %arg1 : memref<8x16x32xf32>, memref<8x32x4xf32>) outs(%arg2 : memref<16x4xf32>)
// CHECK:         linalg.mmt4d ins(%arg3, %arg4 : memref<10x32x8x1xf32>, memref<80x32x4x1xf32>) outs(%arg5 : memref<10x80x8x4xf32>)
// CHECK:         linalg.select ins(%arg6, %arg7, %arg7 : memref<4xi1>, memref<4xf32>, memref<4xf32>) outs(%arg7 : memref<4xf32>)
func.func @more_named_ops(%A: memref<8x16x32xf32>, %B: memref<8x32x4xf32>, %C: memref<16x4xf32>,
                          %P: memref<10x32x8x1xf32>, %Q: memref<80x32x4x1xf32>, %R: memref<10x80x8x4xf32>,
                          %c: memref<4xi1>, %x: memref<4xf32>) {
  linalg.batch_reduce_matmul ins(%A, %B : memref<8x16x32xf32>, memref<8x32x4xf32>) outs(%C : memref<16x4xf32>)
  linalg.mmt4d ins(%P, %Q : memref<10x32x8x1xf32>, memref<80x32x4x1xf32>) outs(%R : memref<10x80x8x4xf32>)
  linalg.select ins(%c, %x, %x : memref<4xi1>, memref<4xf32>, memref<4xf32>) outs(%x : memref<4xf32>)
  return
}
