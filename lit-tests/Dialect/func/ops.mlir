// RUN: ml-opt %s | FileCheck %s
// RUN: ml-opt %s | ml-opt | FileCheck %s
// RUN: ml-opt %s --mlir-print-op-generic | ml-opt | FileCheck %s

// CHECK-LABEL: func.func private @declaration(i32, f32) -> i64
func.func private @declaration(i32, f32) -> i64

// CHECK-LABEL: func.func @no_results(%arg0: i32) {
// CHECK-NEXT: return
func.func @no_results(%a: i32) {
  return
}

// CHECK-LABEL: func.func @results(%arg0: i32, %arg1: f32) -> (i32, f32) {
// CHECK-NEXT: return %arg0, %arg1 : i32, f32
func.func @results(%a: i32, %b: f32) -> (i32, f32) {
  func.return %a, %b : i32, f32
}

// CHECK-LABEL: func.func @call
// CHECK: %[[R:.*]] = call @declaration(%arg0, %arg1) : (i32, f32) -> i64
// CHECK: %{{.*}}:2 = call @results(%arg0, %arg1) : (i32, f32) -> (i32, f32)
// CHECK: return %[[R]] : i64
func.func @call(%a: i32, %b: f32) -> i64 {
  %0 = func.call @declaration(%a, %b) : (i32, f32) -> i64
  %1:2 = call @results(%a, %b) : (i32, f32) -> (i32, f32)
  return %0 : i64
}

// CHECK-LABEL: func.func @indirect
// CHECK: %[[F:.*]] = constant @no_results : (i32) -> ()
// CHECK: call_indirect %[[F]](%arg0) : (i32) -> ()
func.func @indirect(%a: i32) {
  %f = func.constant @no_results : (i32) -> ()
  func.call_indirect %f(%a) : (i32) -> ()
  return
}

// Argument and result attributes, visibility, and extra attributes.
// CHECK-LABEL: func.func nested @attrs(%arg0: i32 {test.arg}, %arg1: f32) -> (i32 {test.res = 1 : i64}) attributes {test.fn} {
func.func nested @attrs(%a: i32 {test.arg}, %b: f32) -> (i32 {test.res = 1}) attributes {test.fn} {
  return %a : i32
}

// A function-typed result keeps its parentheses.
// CHECK-LABEL: func.func private @returns_function() -> ((i32) -> i32)
func.func private @returns_function() -> ((i32) -> i32)

// Unnamed arguments with a body: the entry block declares them.
// CHECK-LABEL: func.func @entry_block_arguments(%arg0: i32) -> i32 {
// CHECK-NEXT:    return %arg0 : i32
func.func @entry_block_arguments(i32) -> i32 {
^bb0(%a: i32):
  return %a : i32
}
