// RUN: ml-opt %s --canonicalize | FileCheck %s
// RUN: ml-opt %s --pass-pipeline='builtin.module(canonicalize{max-iterations=4})' | FileCheck %s
// RUN: not ml-opt %s --canonicalize=max-iterations=0 2>&1 | FileCheck %s --check-prefix=BAD

// Constant folding with the type's wrap-around, identities (x*1, 0+x, x-x),
// constants moved right in commutative ops, dead ops removed, constants
// unique at the top of the function in upstream's order, a constant
// branch folded and its blocks merged; division by zero is left alone.
// The CHECK lines are what upstream mlir-opt 22 prints.

// BAD: ml-opt: invalid options for pass 'canonicalize': option 'max-iterations' must be at least 1

// CHECK-LABEL: func.func @fold(%arg0: i32, %arg1: index) -> (i32, i32, i32, i1, i64, f32, index) {
// CHECK-NEXT: %c3_i32 = arith.constant 3 : i32
// CHECK-NEXT: %true = arith.constant true
// CHECK-NEXT: %c2_i64 = arith.constant 2 : i64
// CHECK-NEXT: %cst = arith.constant 3.375000e+00 : f32
// CHECK-NEXT: %0 = arith.addi %arg1, %arg1 : index
// CHECK-NEXT: return %c3_i32, %arg0, %arg0, %true, %c2_i64, %cst, %0 : i32, i32, i32, i1, i64, f32, index
// CHECK-LABEL: func.func @branch(%arg0: i32) -> i32 {
// CHECK-NEXT: return %arg0 : i32
// CHECK-LABEL: func.func @wrap() -> (i32, i32) {
// CHECK-NEXT: %c7_i32 = arith.constant 7 : i32
// CHECK-NEXT: %c0_i32 = arith.constant 0 : i32
// CHECK-NEXT: %c-2147483648_i32 = arith.constant -2147483648 : i32
// CHECK-NEXT: %0 = arith.divsi %c7_i32, %c0_i32 : i32
// CHECK-NEXT: return %c-2147483648_i32, %0 : i32, i32
func.func @fold(%x: i32, %i: index) -> (i32, i32, i32, i1, i64, f32, index) {
  %c1 = arith.constant 1 : i32
  %c2 = arith.constant 2 : i32
  %c0 = arith.constant 0 : i32
  %a = arith.addi %c1, %c2 : i32
  %b = arith.muli %x, %c1 : i32
  %c = arith.addi %c0, %x : i32
  %d = arith.subi %x, %x : i32
  %e = arith.addi %c, %d : i32
  %f = arith.addi %c2, %x : i32
  %g = arith.cmpi slt, %c1, %c2 : i32
  %h = arith.extsi %c2 : i32 to i64
  %k1 = arith.constant 1.5 : f32
  %k2 = arith.constant 2.25 : f32
  %k = arith.mulf %k1, %k2 : f32
  %big = arith.constant 2147483647 : i32
  %w = arith.addi %big, %c1 : i32
  %dz = arith.divsi %x, %c0 : i32
  %i2 = arith.addi %i, %i : index
  %dead = arith.muli %x, %x : i32
  return %a, %b, %e, %g, %h, %k, %i2 : i32, i32, i32, i1, i64, f32, index
}
func.func @branch(%x: i32) -> i32 {
  %true = arith.constant true
  cf.cond_br %true, ^bb1(%x : i32), ^bb2
^bb1(%y: i32):
  return %y : i32
^bb2:
  %c = arith.constant 0 : i32
  return %c : i32
}
func.func @wrap() -> (i32, i32) {
  %big = arith.constant 2147483647 : i32
  %c1 = arith.constant 1 : i32
  %w = arith.addi %big, %c1 : i32
  %c0 = arith.constant 0 : i32
  %x = arith.constant 7 : i32
  %dz = arith.divsi %x, %c0 : i32
  return %w, %dz : i32, i32
}
