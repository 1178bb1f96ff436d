// RUN: ml-opt %s | FileCheck %s
// RUN: ml-opt %s | ml-opt | FileCheck %s
// RUN: ml-opt %s --mlir-print-op-generic | ml-opt | FileCheck %s

// scf.for (with and without loop-carried values, integer induction
// variables), scf.if with and without results, scf.while, scf.execute_region.
// The CHECK lines are what upstream mlir-opt 22 prints.

// CHECK-LABEL: func.func @loops(%arg0: index, %arg1: index, %arg2: index, %arg3: f32, %arg4: i1, %arg5: i32) -> f32 {
// CHECK-NEXT: %0 = scf.for %arg6 = %arg0 to %arg1 step %arg2 iter_args(%arg7 = %arg3) -> (f32) {
// CHECK-NEXT: %5 = arith.addf %arg7, %arg7 : f32
// CHECK-NEXT: scf.yield %5 : f32
// CHECK-NEXT: }
// CHECK-NEXT: scf.for %arg6 = %arg0 to %arg1 step %arg2 {
// CHECK-NEXT: %5 = arith.addi %arg6, %arg6 : index
// CHECK-NEXT: }
// CHECK-NEXT: %1 = scf.for %arg6 = %arg5 to %arg5 step %arg5 iter_args(%arg7 = %arg5) -> (i32)  : i32 {
// CHECK-NEXT: scf.yield %arg7 : i32
// CHECK-NEXT: }
// CHECK-NEXT: %2 = scf.if %arg4 -> (f32) {
// CHECK-NEXT: scf.yield %0 : f32
// CHECK-NEXT: } else {
// CHECK-NEXT: scf.yield %arg3 : f32
// CHECK-NEXT: }
// CHECK-NEXT: scf.if %arg4 {
// CHECK-NEXT: %5 = arith.addf %arg3, %arg3 : f32
// CHECK-NEXT: }
// CHECK-NEXT: %3:2 = scf.while (%arg6 = %arg5, %arg7 = %arg3) : (i32, f32) -> (i32, f32) {
// CHECK-NEXT: %5 = arith.cmpi slt, %arg6, %arg5 : i32
// CHECK-NEXT: scf.condition(%5) %arg6, %arg7 : i32, f32
// CHECK-NEXT: } do {
// CHECK-NEXT: ^bb0(%arg6: i32, %arg7: f32):
// CHECK-NEXT: scf.yield %arg6, %arg7 : i32, f32
// CHECK-NEXT: }
// CHECK-NEXT: %4 = scf.execute_region -> i32 {
// CHECK-NEXT: scf.yield %arg5 : i32
// CHECK-NEXT: }
// CHECK-NEXT: return %2 : f32
// CHECK-NEXT: }
// CHECK-LABEL: func.func @i32_loop(%arg0: i32) {
// CHECK-NEXT: scf.for %arg1 = %arg0 to %arg0 step %arg0  : i32 {
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @loops(%lb: index, %ub: index, %st: index, %init: f32, %c: i1, %n: i32) -> f32 {
  %sum = scf.for %i = %lb to %ub step %st iter_args(%acc = %init) -> (f32) {
    %x = arith.addf %acc, %acc : f32
    scf.yield %x : f32
  }
  scf.for %i = %lb to %ub step %st {
    %y = arith.addi %i, %i : index
  }
  %r = scf.for %i = %n to %n step %n iter_args(%a = %n) -> (i32) : i32 {
    scf.yield %a : i32
  }
  %v = scf.if %c -> (f32) {
    scf.yield %sum : f32
  } else {
    scf.yield %init : f32
  }
  scf.if %c {
    %z = arith.addf %init, %init : f32
  }
  %w:2 = scf.while (%arg1 = %n, %arg2 = %init) : (i32, f32) -> (i32, f32) {
    %cond = arith.cmpi slt, %arg1, %n : i32
    scf.condition(%cond) %arg1, %arg2 : i32, f32
  } do {
  ^bb0(%b1: i32, %b2: f32):
    scf.yield %b1, %b2 : i32, f32
  }
  %e = scf.execute_region -> i32 {
    scf.yield %n : i32
  }
  return %v : f32
}
func.func @i32_loop(%n: i32) {
  scf.for %i = %n to %n step %n : i32 {
  }
  return
}
