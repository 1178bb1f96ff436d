// RUN: ml-opt %s --canonicalize | FileCheck %s

// Branches skip blocks that only branch on (their arguments replaced by
// what was passed); a conditional branch to one block twice becomes selects
// and a branch; blocks merge into their single predecessor. The CHECK lines
// are what upstream mlir-opt 22 prints.

// CHECK-LABEL: func.func @forward(%arg0: i1, %arg1: i32, %arg2: i32) -> i32 {
// CHECK-NEXT: %0 = arith.select %arg0, %arg1, %arg2 : i32
// CHECK-NEXT: %1 = arith.select %arg0, %arg2, %arg1 : i32
// CHECK-NEXT: %2 = arith.addi %0, %1 : i32
// CHECK-NEXT: return %2 : i32
// CHECK-NEXT: }
func.func @forward(%c: i1, %x: i32, %y: i32) -> i32 {
  cf.cond_br %c, ^a(%x : i32), ^b
^a(%p: i32):
  cf.br ^join(%p, %y : i32, i32)
^b:
  cf.br ^join(%y, %x : i32, i32)
^join(%u: i32, %v: i32):
  %s = arith.addi %u, %v : i32
  return %s : i32
}
