// RUN: ml-opt %s --canonicalize | FileCheck %s

// scf canonicalization: a conditional on a constant becomes its taken
// branch, a loop with no iteration its initial values, an empty
// conditional nothing. The CHECK lines are what upstream mlir-opt 22 prints.

// CHECK-LABEL: func.func @if_true(%arg0: f32, %arg1: f32) -> f32 {
// CHECK-NEXT: %0 = arith.addf %arg0, %arg1 : f32
// CHECK-NEXT: return %0 : f32
// CHECK-NEXT: }
// CHECK-LABEL: func.func @if_false(%arg0: f32, %arg1: f32) -> f32 {
// CHECK-NEXT: %0 = arith.mulf %arg0, %arg1 : f32
// CHECK-NEXT: return %0 : f32
// CHECK-NEXT: }
// CHECK-LABEL: func.func @no_trip(%arg0: f32) -> f32 {
// CHECK-NEXT: return %arg0 : f32
// CHECK-NEXT: }
// CHECK-LABEL: func.func @if_empty(%arg0: i1, %arg1: f32) {
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @if_true(%x: f32, %y: f32) -> f32 {
  %true = arith.constant true
  %r = scf.if %true -> (f32) {
    %a = arith.addf %x, %y : f32
    scf.yield %a : f32
  } else {
    scf.yield %y : f32
  }
  return %r : f32
}
func.func @if_false(%x: f32, %y: f32) -> f32 {
  %false = arith.constant false
  %r = scf.if %false -> (f32) {
    scf.yield %x : f32
  } else {
    %b = arith.mulf %x, %y : f32
    scf.yield %b : f32
  }
  return %r : f32
}
func.func @no_trip(%x: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c1 to %c0 step %c1 iter_args(%a = %x) -> (f32) {
    %b = arith.addf %a, %a : f32
    scf.yield %b : f32
  }
  return %r : f32
}
func.func @if_empty(%c: i1, %x: f32) {
  scf.if %c {
  }
  return
}
