// RUN: ml-opt %s | FileCheck %s
// RUN: ml-opt %s | ml-opt | FileCheck %s
// RUN: ml-opt %s --mlir-print-op-generic | ml-opt | FileCheck %s

// Branches, switches and asserts, with upstream's predecessor comments; the
// CHECK lines are what upstream mlir-opt 22 prints for this input.

// CHECK-LABEL: func.func @f(%arg0: i32, %arg1: i32, %arg2: i1) {
// CHECK-NEXT: cf.switch %arg0 : i32, [
// CHECK-NEXT: default: ^bb1(%arg1 : i32),
// CHECK-NEXT: 42: ^bb2,
// CHECK-NEXT: 43: ^bb3(%arg1, %arg1 : i32, i32)
// CHECK-NEXT: ]
// CHECK-NEXT: ^bb1(%0: i32):  // 2 preds: ^bb0, ^bb1
// CHECK-NEXT: cf.assert %arg2, "boom"
// CHECK-NEXT: cf.cond_br %arg2, ^bb2, ^bb1(%0 : i32)
// CHECK-NEXT: ^bb2:  // 3 preds: ^bb0, ^bb1, ^bb3
// CHECK-NEXT: return
// CHECK-NEXT: ^bb3(%1: i32, %2: i32):  // pred: ^bb0
// CHECK-NEXT: cf.switch %arg0 : i32, [
// CHECK-NEXT: default: ^bb2]
func.func @f(%flag: i32, %a: i32, %c: i1) {
  cf.switch %flag : i32, [
    default: ^bb1(%a : i32),
    42: ^bb2,
    43: ^bb3(%a, %a : i32, i32)
  ]
^bb1(%x: i32):
  cf.assert %c, "boom"
  cf.cond_br %c, ^bb2, ^bb1(%x : i32)
^bb2:
  return
^bb3(%y: i32, %z: i32):
  cf.switch %flag : i32, [
    default: ^bb2
  ]
}
