// RUN: ml-opt %s --allow-unregistered-dialect | FileCheck %s
// RUN: ml-opt %s --allow-unregistered-dialect | ml-opt --allow-unregistered-dialect | FileCheck %s

// Every builtin type round-trips in upstream's spelling; layout maps are aliased.

// CHECK: #map = affine_map<(d0, d1) -> (d1, d0)>

// CHECK-LABEL: func.func @integers
// CHECK-SAME: (%arg0: i1, %arg1: i32, %arg2: si8, %arg3: ui64, %arg4: index, %arg5: i128)
func.func @integers(%a: i1, %b: i32, %c: si8, %d: ui64, %e: index, %f: i128) {
  return
}

// CHECK-LABEL: func.func @floats
// CHECK-SAME: (%arg0: f16, %arg1: bf16, %arg2: f32, %arg3: f64, %arg4: f8E4M3FN, %arg5: f8E5M2, %arg6: tf32, %arg7: f80, %arg8: f128)
func.func @floats(%a: f16, %b: bf16, %c: f32, %d: f64, %e: f8E4M3FN, %f: f8E5M2, %g: tf32, %h: f80, %i: f128) {
  return
}

// CHECK-LABEL: func.func @shaped
// CHECK-SAME: %arg0: vector<4x[8]xf32>
// CHECK-SAME: %arg1: tensor<?x4xf32>
// CHECK-SAME: %arg2: tensor<*xi8>
// CHECK-SAME: %arg3: tensor<f32>
// CHECK-SAME: %arg4: memref<4x?xf32, strided<[?, 1], offset: ?>, 1>
// CHECK-SAME: %arg5: memref<*xf32>
// CHECK-SAME: %arg6: memref<2x3xf32, #map>
// CHECK-SAME: %arg7: tensor<4xf32, "encoding">
// CHECK-SAME: %arg8: memref<8xi32, strided<[2]>>
func.func @shaped(%a: vector<4x[8]xf32>, %b: tensor<?x4xf32>, %c: tensor<*xi8>, %d: tensor<f32>,
                  %e: memref<4x?xf32, strided<[?, 1], offset: ?>, 1>, %f: memref<*xf32>,
                  %g: memref<2x3xf32, affine_map<(i, j) -> (j, i)>>, %h: tensor<4xf32, "encoding">,
                  %i: memref<8xi32, strided<[2], offset: 0>>) {
  return
}

// CHECK-LABEL: func.func @others
// CHECK-SAME: %arg0: complex<f32>
// CHECK-SAME: %arg1: tuple<i32, f32>
// CHECK-SAME: %arg2: none
// CHECK-SAME: %arg3: (i32, f32) -> i64
// CHECK-SAME: %arg4: () -> ()
// CHECK-SAME: %arg5: (i32) -> (i32, i32)
// CHECK-SAME: %arg6: !llvm.ptr<1>
// CHECK-SAME: %arg7: !unknown.thing<1, "x">
func.func @others(%a: complex<f32>, %b: tuple<i32, f32>, %c: none, %d: (i32, f32) -> i64, %e: () -> (),
                  %f: (i32) -> (i32, i32), %g: !llvm.ptr<1>, %h: !unknown.thing<1, "x">) {
  return
}

// Type aliases are resolved on input.
!vec = vector<4xf32>
// CHECK-LABEL: func.func @aliases
// CHECK-SAME: (%arg0: vector<4xf32>)
func.func @aliases(%a: !vec) {
  return
}

// Spaces may surround the `x` of a shape, as MLIR's lexer allows.
// CHECK-LABEL: func.func @spaced_shapes(%arg0: memref<2xi32>, %arg1: tensor<?x4xf32>, %arg2: vector<[4]x2xf32>, %arg3: memref<*xf32>)
func.func @spaced_shapes(%a: memref<2 x i32>, %b: tensor<? x 4 x f32>, %c: vector<[4] x 2xf32>, %d: memref<* x f32>) {
  return
}
