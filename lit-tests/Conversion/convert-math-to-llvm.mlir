// RUN: ml-opt %s --convert-math-to-llvm | FileCheck %s

// Intrinsics where LLVM has them, upstream's expansions, and libm calls
// (declared once) for the rest.

// CHECK-DAG: llvm.func @erff(f32) -> f32
// CHECK-DAG: llvm.func @erf(f64) -> f64
// CHECK-LABEL: func.func @math
func.func @math(%x: f32, %y: f32, %d: f64, %i: i32) -> f32 {
  // CHECK: llvm.intr.exp(%arg0) : (f32) -> f32
  %0 = math.exp %x : f32
  // CHECK: %[[ONE:.*]] = llvm.mlir.constant(1.000000e+00 : f32) : f32
  // CHECK-NEXT: %[[E:.*]] = llvm.intr.exp(%arg0) : (f32) -> f32
  // CHECK-NEXT: llvm.fsub %[[E]], %[[ONE]] : f32
  %1 = math.expm1 %x : f32
  // CHECK: %[[ONE2:.*]] = llvm.mlir.constant(1.000000e+00 : f32) : f32
  // CHECK-NEXT: %[[ROOT:.*]] = llvm.intr.sqrt(%arg0) : (f32) -> f32
  // CHECK-NEXT: llvm.fdiv %[[ONE2]], %[[ROOT]] : f32
  %2 = math.rsqrt %x : f32
  // CHECK: llvm.intr.pow(%arg0, %arg1) : (f32, f32) -> f32
  %3 = math.powf %x, %y : f32
  // CHECK: llvm.intr.tanh(%arg0) : (f32) -> f32
  %4 = math.tanh %x : f32
  // CHECK: llvm.call @erf(%arg2) : (f64) -> f64
  %5 = math.erf %d : f64
  // CHECK: llvm.call @erff(%arg0) : (f32) -> f32
  %6 = math.erf %x : f32
  // CHECK: "llvm.intr.ctlz"(%arg3) <{is_zero_poison = false}> : (i32) -> i32
  %7 = math.ctlz %i : i32
  // CHECK: "llvm.intr.abs"(%arg3) <{is_int_min_poison = false}> : (i32) -> i32
  %8 = math.absi %i : i32
  // CHECK: llvm.intr.sqrt(%arg0) {fastmathFlags = #llvm.fastmath<fast>} : (f32) -> f32
  %9 = math.sqrt %x fastmath<fast> : f32
  // CHECK: llvm.intr.fma(%arg0, %arg1, %arg0) : (f32, f32, f32) -> f32
  %10 = math.fma %x, %y, %x : f32
  return %0 : f32
}
