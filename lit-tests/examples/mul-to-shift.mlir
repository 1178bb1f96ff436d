// RUN: my-opt %s --split-input-file --mul-to-shift | FileCheck %s
// RUN: my-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(mul-to-shift,canonicalize))' | FileCheck %s --check-prefix=CANON
// RUN: not my-opt %s --pass-pipeline='builtin.module(mul-to-shift)' 2>&1 | FileCheck %s --check-prefix=NESTING

// The tutorial's pass (docs/tutorial-write-a-pass.md), from its own crate.

// CHECK-LABEL: func.func @times_eight
// CHECK: %[[K:.*]] = arith.constant 3 : i32
// CHECK-NEXT: %[[S:.*]] = arith.shli %arg0, %[[K]] : i32
// CHECK-NEXT: return %[[S]] : i32
// CANON-LABEL: func.func @times_eight
// CANON-NEXT: %[[K:.*]] = arith.constant 3 : i32
// CANON-NEXT: %[[S:.*]] = arith.shli %arg0, %[[K]] : i32
// CANON-NEXT: return %[[S]] : i32
func.func @times_eight(%x: i32) -> i32 {
  %c8 = arith.constant 8 : i32
  %0 = arith.muli %x, %c8 : i32
  return %0 : i32
}

// -----

// Not a power of two, or not a constant: left alone.
// CHECK-LABEL: func.func @left_alone
// CHECK: arith.muli %arg0, %c6_i32
// CHECK: arith.muli %arg0, %arg1
// CHECK-NOT: arith.shli
func.func @left_alone(%x: i32, %y: i32) -> (i32, i32) {
  %c6 = arith.constant 6 : i32
  %0 = arith.muli %x, %c6 : i32
  %1 = arith.muli %x, %y : i32
  return %0, %1 : i32, i32
}

// NESTING: error: pass 'mul-to-shift' runs on 'func.func' ops and cannot be nested under 'builtin.module'
