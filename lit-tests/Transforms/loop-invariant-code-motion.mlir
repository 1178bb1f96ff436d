// RUN: ml-opt %s --allow-unregistered-dialect --loop-invariant-code-motion | FileCheck %s

// Pure ops that use only values from outside a loop move before it (also
// chains of them); loop-dependent and side-effecting ops stay. The CHECK
// lines are what upstream mlir-opt 22 prints.

// CHECK-LABEL: func.func @hoist(%arg0: index, %arg1: index, %arg2: index, %arg3: f32, %arg4: f32, %arg5: i32) -> f32 {
// CHECK-NEXT: %0 = arith.mulf %arg3, %arg4 : f32
// CHECK-NEXT: %1 = arith.addf %0, %arg4 : f32
// CHECK-NEXT: %2 = scf.for %arg6 = %arg0 to %arg1 step %arg2 iter_args(%arg7 = %arg3) -> (f32) {
// CHECK-NEXT: %4 = arith.addf %arg7, %1 : f32
// CHECK-NEXT: %5 = arith.index_cast %arg6 : index to i32
// CHECK-NEXT: %6 = arith.addi %5, %arg5 : i32
// CHECK-NEXT: scf.yield %4 : f32
// CHECK-NEXT: }
// CHECK-NEXT: %c3_i32 = arith.constant 3 : i32
// CHECK-NEXT: %3 = arith.muli %arg5, %c3_i32 : i32
// CHECK-NEXT: scf.parallel (%arg6) = (%arg0) to (%arg1) step (%arg2) {
// CHECK-NEXT: "test.use"(%3) : (i32) -> ()
// CHECK-NEXT: scf.reduce
// CHECK-NEXT: }
// CHECK-NEXT: return %2 : f32
// CHECK-NEXT: }
// CHECK-LABEL: func.func @effects(%arg0: index, %arg1: index, %arg2: index, %arg3: i32) {
// CHECK-NEXT: scf.for %arg4 = %arg0 to %arg1 step %arg2 {
// CHECK-NEXT: "test.store"(%arg3) : (i32) -> ()
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @hoist(%lb: index, %ub: index, %st: index, %a: f32, %b: f32, %m: i32) -> f32 {
  %r = scf.for %i = %lb to %ub step %st iter_args(%acc = %a) -> (f32) {
    %inv = arith.mulf %a, %b : f32
    %inv2 = arith.addf %inv, %b : f32
    %dep = arith.addf %acc, %inv2 : f32
    %ii = arith.index_cast %i : index to i32
    %x = arith.addi %ii, %m : i32
    scf.yield %dep : f32
  }
  scf.parallel (%p) = (%lb) to (%ub) step (%st) {
    %c = arith.constant 3 : i32
    %d = arith.muli %m, %c : i32
    "test.use"(%d) : (i32) -> ()
    scf.reduce
  }
  return %r : f32
}

// Side effects stay in the loop even with invariant operands.
func.func @effects(%lb: index, %ub: index, %st: index, %m: i32) {
  scf.for %i = %lb to %ub step %st {
    "test.store"(%m) : (i32) -> ()
  }
  return
}
