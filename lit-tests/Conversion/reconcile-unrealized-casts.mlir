// RUN: ml-opt %s --reconcile-unrealized-casts | FileCheck %s

// Cast chains that come back to their starting type fold away, unused
// casts go, casts that still convert stay. The CHECK lines are what
// upstream mlir-opt 22 prints.

// CHECK-LABEL: func.func @round_trip(%arg0: index) -> index {
// CHECK-NEXT: return %arg0 : index
// CHECK-NEXT: }
// CHECK-LABEL: func.func @dead(%arg0: index) -> index {
// CHECK-NEXT: return %arg0 : index
// CHECK-NEXT: }
// CHECK-LABEL: func.func @kept(%arg0: index) -> i64 {
// CHECK-NEXT: %0 = builtin.unrealized_conversion_cast %arg0 : index to i64
// CHECK-NEXT: return %0 : i64
// CHECK-NEXT: }
// CHECK-LABEL: func.func @chain(%arg0: index) -> index {
// CHECK-NEXT: return %arg0 : index
// CHECK-NEXT: }
func.func @round_trip(%a: index) -> index {
  %0 = builtin.unrealized_conversion_cast %a : index to i64
  %1 = builtin.unrealized_conversion_cast %0 : i64 to index
  return %1 : index
}
func.func @dead(%a: index) -> index {
  %0 = builtin.unrealized_conversion_cast %a : index to i64
  return %a : index
}
func.func @kept(%a: index) -> i64 {
  %0 = builtin.unrealized_conversion_cast %a : index to i64
  return %0 : i64
}
func.func @chain(%a: index) -> index {
  %0 = builtin.unrealized_conversion_cast %a : index to i64
  %1 = builtin.unrealized_conversion_cast %0 : i64 to i32
  %2 = builtin.unrealized_conversion_cast %1 : i32 to index
  return %2 : index
}
