// RUN: ml-opt %s | FileCheck %s
// RUN: ml-opt %s | ml-opt | FileCheck %s
// RUN: ml-opt %s --mlir-print-op-generic | ml-opt | FileCheck %s

// scf.for (with and without loop-carried values, integer induction
// variables), scf.if with and without results, scf.while,
// scf.execute_region, scf.index_switch, scf.parallel with scf.reduce.
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
// CHECK-LABEL: func.func @switch(%arg0: index, %arg1: i32) -> i32 {
// CHECK-NEXT: %0 = scf.index_switch %arg0 -> i32
// CHECK-NEXT: case 2 {
// CHECK-NEXT: scf.yield %arg1 : i32
// CHECK-NEXT: }
// CHECK-NEXT: case 5 {
// CHECK-NEXT: %1 = arith.addi %arg1, %arg1 : i32
// CHECK-NEXT: scf.yield %1 : i32
// CHECK-NEXT: }
// CHECK-NEXT: default {
// CHECK-NEXT: scf.yield %arg1 : i32
// CHECK-NEXT: }
// CHECK-NEXT: scf.index_switch %arg0
// CHECK-NEXT: default {
// CHECK-NEXT: }
// CHECK-NEXT: return %0 : i32
// CHECK-NEXT: }
// CHECK-LABEL: func.func @par(%arg0: index, %arg1: index, %arg2: index, %arg3: f32) {
// CHECK-NEXT: scf.parallel (%arg4, %arg5) = (%arg0, %arg0) to (%arg1, %arg1) step (%arg2, %arg2) {
// CHECK-NEXT: %1 = arith.addi %arg4, %arg5 : index
// CHECK-NEXT: scf.reduce
// CHECK-NEXT: }
// CHECK-NEXT: %0 = scf.parallel (%arg4) = (%arg0) to (%arg1) step (%arg2) init (%arg3) -> f32 {
// CHECK-NEXT: scf.reduce(%arg3 : f32) {
// CHECK-NEXT: ^bb0(%arg5: f32, %arg6: f32):
// CHECK-NEXT: %1 = arith.addf %arg5, %arg6 : f32
// CHECK-NEXT: scf.reduce.return %1 : f32
// CHECK-NEXT: }
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
func.func @switch(%i: index, %n: i32) -> i32 {
  %s = scf.index_switch %i -> i32
  case 2 {
    scf.yield %n : i32
  }
  case 5 {
    %m = arith.addi %n, %n : i32
    scf.yield %m : i32
  }
  default {
    scf.yield %n : i32
  }
  scf.index_switch %i
  default {
  }
  return %s : i32
}
func.func @par(%lb: index, %ub: index, %st: index, %init: f32) {
  scf.parallel (%p, %q) = (%lb, %lb) to (%ub, %ub) step (%st, %st) {
    %t = arith.addi %p, %q : index
    scf.reduce
  }
  %red = scf.parallel (%p) = (%lb) to (%ub) step (%st) init (%init) -> f32 {
    scf.reduce(%init : f32) {
    ^bb0(%l: f32, %rr: f32):
      %m = arith.addf %l, %rr : f32
      scf.reduce.return %m : f32
    }
  }
  return
}

// scf.forall, normalised (`in (...)`) and with explicit bounds, with
// shared outputs, a mapping, and an empty body (implicit terminator).

// CHECK-LABEL: func.func @forall(%arg0: tensor<8x16xf32>, %arg1: index) -> tensor<8x16xf32> {
// CHECK-NEXT: %0 = scf.forall (%arg2, %arg3) in (2, %arg1) shared_outs(%arg4 = %arg0) -> (tensor<8x16xf32>) {
// CHECK-NEXT: %extracted_slice = tensor.extract_slice %arg4[%arg2, 0] [4, 16] [1, 1] : tensor<8x16xf32> to tensor<4x16xf32>
// CHECK-NEXT: scf.forall.in_parallel {
// CHECK-NEXT: tensor.parallel_insert_slice %extracted_slice into %arg4[%arg2, 0] [4, 16] [1, 1] : tensor<4x16xf32> into tensor<8x16xf32>
// CHECK-NEXT: }
// CHECK-NEXT: } {mapping = [#gpu.block<x>, #gpu.block<y>]}
// CHECK-NEXT: scf.forall (%arg2) = (0) to (%arg1) step (2) {
// CHECK-NEXT: }
// CHECK-NEXT: scf.forall (%arg2) = (%arg1) to (8) step (%arg1) {
// CHECK-NEXT: %c0 = arith.constant 0 : index
// CHECK-NEXT: }
// CHECK-NEXT: return %0 : tensor<8x16xf32>
// CHECK-NEXT: }
func.func @forall(%t: tensor<8x16xf32>, %n: index) -> tensor<8x16xf32> {
  %r = scf.forall (%i, %j) in (2, %n) shared_outs(%o = %t) -> (tensor<8x16xf32>) {
    %s = tensor.extract_slice %o[%i, 0] [4, 16] [1, 1] : tensor<8x16xf32> to tensor<4x16xf32>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %s into %o[%i, 0] [4, 16] [1, 1] : tensor<4x16xf32> into tensor<8x16xf32>
    }
  } {mapping = [#gpu.block<x>, #gpu.block<y>]}
  scf.forall (%i) = (0) to (%n) step (2) {
  }
  scf.forall (%i) = (%n) to (8) step (%n) {
    %c = arith.constant 0 : index
  }
  return %r : tensor<8x16xf32>
}

// A while loop that carries nothing; execute_region with several results
// and with no_inline.
// CHECK-LABEL: func.func @no_operands_and_results(
// CHECK:         scf.while : () -> () {
// CHECK:         %{{.*}}:2 = scf.execute_region -> (i64, i64) {
// CHECK:         scf.execute_region -> i64 no_inline {
func.func @no_operands_and_results(%c: i1) -> i64 {
  scf.while : () -> () {
    scf.condition(%c)
  } do {
    scf.yield
  }
  %r:2 = scf.execute_region -> (i64, i64) {
    %one = arith.constant 1 : i64
    scf.yield %one, %one : i64, i64
  }
  %s = scf.execute_region -> i64 no_inline {
    scf.yield %r#1 : i64
  }
  return %s : i64
}
