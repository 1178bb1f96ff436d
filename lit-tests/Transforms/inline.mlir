// RUN: ml-opt %s --split-input-file --inline | FileCheck %s
// RUN: ml-opt %s --split-input-file --inline="default-pipeline=" | FileCheck %s --check-prefix=RAW
// RUN: not ml-opt %s --inline=default-pipeline=cse 2>&1 | FileCheck %s --check-prefix=BAD

// Single-block callees are inlined, then dead private callees removed and
// the result canonicalized (the output of this chunk is upstream's).
// CHECK-NOT: func.func private @add
// CHECK-LABEL: func.func @twice
// CHECK-NEXT: %0 = arith.addi %arg0, %arg0 : i32
// CHECK-NEXT: %1 = arith.addi %0, %arg0 : i32
// CHECK-NEXT: return %1 : i32
// CHECK-LABEL: func.func @rec
// CHECK-NEXT: %0 = call @rec(%arg0) : (i32) -> i32
// RAW-LABEL: func.func @twice
// RAW-NEXT: arith.addi %arg0, %arg0
// BAD: invalid options for pass 'inline': option 'default-pipeline' expects 'canonicalize' or nothing, got 'cse'
func.func private @add(%a: i32, %b: i32) -> i32 {
  %0 = arith.addi %a, %b : i32
  return %0 : i32
}
func.func @twice(%x: i32) -> i32 {
  %0 = call @add(%x, %x) : (i32, i32) -> i32
  %1 = call @add(%0, %x) : (i32, i32) -> i32
  return %1 : i32
}
func.func @rec(%x: i32) -> i32 {
  %0 = call @rec(%x) : (i32) -> i32
  return %0 : i32
}

// -----

// A callee with several blocks goes between the halves of the caller's
// block; canonicalize then tidies the branches (as upstream prints it).
// CHECK-NOT: @branchy
// CHECK-LABEL: func.func @calls_branchy
// CHECK-NEXT: cf.cond_br %arg0, ^bb2(%arg1 : i32), ^bb1
// CHECK-NEXT: ^bb1:  // pred: ^bb0
// CHECK-NEXT: %0 = arith.addi %arg1, %arg1 : i32
// CHECK-NEXT: cf.br ^bb2(%0 : i32)
// CHECK-NEXT: ^bb2(%1: i32):  // 2 preds: ^bb0, ^bb1
// CHECK-NEXT: return %1 : i32
func.func private @branchy(%c: i1, %x: i32) -> i32 {
  cf.cond_br %c, ^a, ^b
^a:
  return %x : i32
^b:
  %0 = arith.addi %x, %x : i32
  return %0 : i32
}
func.func @calls_branchy(%c: i1, %x: i32) -> i32 {
  %0 = call @branchy(%c, %x) : (i1, i32) -> i32
  return %0 : i32
}
