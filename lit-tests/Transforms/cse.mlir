// RUN: ml-opt %s --allow-unregistered-dialect --split-input-file --cse | FileCheck %s
// RUN: ml-opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline='builtin.module(cse)' | FileCheck %s

// Equal pure ops merge; the first one stays.
// CHECK-LABEL: func.func @duplicates
// CHECK-NEXT: %[[A:.*]] = arith.addi %arg0, %arg1 : i32
// CHECK-NEXT: %[[M:.*]] = arith.muli %[[A]], %[[A]] : i32
// CHECK-NEXT: return %[[M]] : i32
func.func @duplicates(%a: i32, %b: i32) -> i32 {
  %0 = arith.addi %a, %b : i32
  %1 = arith.addi %a, %b : i32
  %2 = arith.muli %0, %1 : i32
  return %2 : i32
}

// -----

// Operand order does not matter for commutative ops; attributes do.
// CHECK-LABEL: func.func @different
// CHECK: %[[A:.*]] = arith.addi %arg0, %arg1 : i32
// CHECK-NEXT: %[[N:.*]] = arith.addi %arg0, %arg1 overflow<nsw> : i32
// CHECK-NEXT: %[[S:.*]] = arith.subi %arg0, %arg1 : i32
// CHECK-NEXT: %[[T:.*]] = arith.subi %arg1, %arg0 : i32
// CHECK: arith.constant 1 : i32
// CHECK: arith.constant 2 : i32
func.func @different(%a: i32, %b: i32) {
  %0 = arith.addi %a, %b : i32
  %1 = arith.addi %b, %a : i32
  %2 = arith.addi %a, %b overflow<nsw> : i32
  %s = arith.subi %a, %b : i32
  %t = arith.subi %b, %a : i32
  %3 = arith.constant 1 : i32
  %4 = arith.constant 2 : i32
  // CHECK: "test.use"(%[[A]], %[[A]], %[[N]], %[[S]], %[[T]],
  "test.use"(%0, %1, %2, %s, %t, %3, %4) : (i32, i32, i32, i32, i32, i32, i32) -> ()
  return
}

// -----

// Ops with side effects (unregistered ops are assumed to have them) stay.
// CHECK-LABEL: func.func @effects
// CHECK-COUNT-2: "test.read"
func.func @effects() {
  %0 = "test.read"() : () -> i32
  %1 = "test.read"() : () -> i32
  "test.use"(%0, %1) : (i32, i32) -> ()
  return
}

// -----

// Regions of unregistered ops may be isolated from above: a value from
// outside is not reused inside. Unused pure ops are dropped.
// CHECK-LABEL: func.func @regions
// CHECK-NEXT: "test.region"() ({
// CHECK-NEXT: %[[C:.*]] = arith.constant 7 : i32
// CHECK-NEXT: %[[IN:.*]] = arith.constant 8 : i32
// CHECK-NEXT: "test.use"(%[[C]], %[[IN]])
// CHECK: }) : () -> ()
// CHECK-NEXT: %[[OUT:.*]] = arith.constant 8 : i32
// CHECK-NEXT: "test.use"(%[[OUT]])
func.func @regions() {
  %c = arith.constant 7 : i32
  "test.region"() ({
    %c2 = arith.constant 7 : i32
    %d = arith.constant 8 : i32
    "test.use"(%c2, %d) : (i32, i32) -> ()
  }) : () -> ()
  %d2 = arith.constant 8 : i32
  "test.use"(%d2) : (i32) -> ()
  return
}

// -----

// An isolated op (a nested module's function) sees nothing from outside.
// CHECK-LABEL: func.func @outer
// CHECK: arith.constant 5 : i32
// CHECK-LABEL: func.func @inner
// CHECK: arith.constant 5 : i32
func.func @outer() -> i32 {
  %c = arith.constant 5 : i32
  return %c : i32
}
module {
  func.func @inner() -> i32 {
    %c = arith.constant 5 : i32
    return %c : i32
  }
}

// -----

// A value known before a loop is reused inside its body; one computed in
// the body is not visible after the loop.
// CHECK-LABEL: func.func @loop_body
// CHECK: %[[A:.*]] = arith.addi %arg1, %arg1 : index
// CHECK-NEXT: scf.for
// CHECK-NEXT: %[[B:.*]] = arith.muli %[[A]], %[[A]] : index
// CHECK-NEXT: "test.use"(%[[A]], %[[B]])
// CHECK: }
// CHECK-NEXT: %[[C:.*]] = arith.muli %[[A]], %[[A]] : index
// CHECK-NEXT: "test.use"(%[[C]])
func.func @loop_body(%lb: index, %n: index) {
  %a = arith.addi %n, %n : index
  scf.for %i = %lb to %n step %n {
    %a2 = arith.addi %n, %n : index
    %b = arith.muli %a2, %a2 : index
    "test.use"(%a2, %b) : (index, index) -> ()
  }
  %c = arith.muli %a, %a : index
  "test.use"(%c) : (index) -> ()
  return
}
