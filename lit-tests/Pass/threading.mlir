// Passes nested on functions run on all cores; the output is the same as
// on one thread.
// RUN: ml-opt %s --pass-pipeline='builtin.module(func.func(canonicalize,cse))' > %t.parallel
// RUN: ml-opt %s --pass-pipeline='builtin.module(func.func(canonicalize,cse))' --mlir-disable-threading > %t.serial
// RUN: diff %t.parallel %t.serial
// RUN: FileCheck %s < %t.parallel

// CHECK-LABEL: func.func @a
// CHECK-NEXT: %[[C:.*]] = arith.constant 5 : i32
// CHECK-NEXT: return %[[C]]
// CHECK-LABEL: func.func @b
// CHECK-NEXT: %[[S:.*]] = arith.addi %arg0, %arg0 : i32
// CHECK-NEXT: %[[M:.*]] = arith.muli %[[S]], %[[S]] : i32
// CHECK-NEXT: return %[[M]]
// CHECK-LABEL: func.func @c
// CHECK: call @a()
func.func @a() -> i32 {
  %c2 = arith.constant 2 : i32
  %c3 = arith.constant 3 : i32
  %s = arith.addi %c2, %c3 : i32
  return %s : i32
}
func.func @b(%x: i32) -> i32 {
  %0 = arith.addi %x, %x : i32
  %1 = arith.addi %x, %x : i32
  %2 = arith.muli %0, %1 : i32
  return %2 : i32
}
func.func @c() -> i32 {
  %0 = call @a() : () -> i32
  return %0 : i32
}
