// RUN: ml-opt %s | FileCheck %s
// RUN: ml-opt %s | ml-opt | FileCheck %s
// RUN: ml-opt %s --mlir-print-op-generic | ml-opt | FileCheck %s

// math ops of each shape (unary and binary float ops with fastmath flags,
// fma, integer ops, classification to i1, fpowi); the CHECK lines are what
// upstream mlir-opt 22 prints.

// CHECK-LABEL: func.func @math(%arg0: f32, %arg1: f32, %arg2: f32, %arg3: vector<4xf32>, %arg4: i32) {
// CHECK-NEXT: %0 = math.exp %arg0 : f32
// CHECK-NEXT: %1 = math.log %arg0 fastmath<fast> : f32
// CHECK-NEXT: %2 = math.tanh %arg3 : vector<4xf32>
// CHECK-NEXT: %3 = math.sqrt %arg0 : f32
// CHECK-NEXT: %4 = math.rsqrt %arg0 : f32
// CHECK-NEXT: %5 = math.powf %arg0, %arg1 : f32
// CHECK-NEXT: %6 = math.absf %arg0 : f32
// CHECK-NEXT: %7 = math.erf %arg0 : f32
// CHECK-NEXT: %8 = math.fma %arg0, %arg1, %arg2 : f32
// CHECK-NEXT: %9 = math.absi %arg4 : i32
// CHECK-NEXT: %10 = math.ctlz %arg4 : i32
// CHECK-NEXT: %11 = math.atan2 %arg0, %arg1 : f32
// CHECK-NEXT: %12 = math.floor %arg0 : f32
// CHECK-NEXT: %13 = math.copysign %arg0, %arg1 : f32
// CHECK-NEXT: %14 = math.ipowi %arg4, %arg4 : i32
// CHECK-NEXT: %15 = math.fpowi %arg0, %arg4 : f32, i32
// CHECK-NEXT: %16 = math.isnan %arg0 : f32
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @math(%x: f32, %y: f32, %z: f32, %v: vector<4xf32>, %i: i32) {
  %0 = math.exp %x : f32
  %1 = math.log %x fastmath<fast> : f32
  %2 = math.tanh %v : vector<4xf32>
  %3 = math.sqrt %x : f32
  %4 = math.rsqrt %x : f32
  %5 = math.powf %x, %y : f32
  %6 = math.absf %x : f32
  %7 = math.erf %x : f32
  %8 = math.fma %x, %y, %z : f32
  %9 = math.absi %i : i32
  %10 = math.ctlz %i : i32
  %11 = math.atan2 %x, %y : f32
  %12 = math.floor %x : f32
  %13 = math.copysign %x, %y : f32
  %14 = math.ipowi %i, %i : i32
  %15 = math.fpowi %x, %i : f32, i32
  %16 = math.isnan %x : f32
  return
}
