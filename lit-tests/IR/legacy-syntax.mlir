// RUN: not ml-opt %s --split-input-file | FileCheck %s
// RUN: not ml-opt %s --split-input-file | ml-opt --split-input-file | FileCheck %s
// RUN: not ml-opt %s --split-input-file 2>&1 | FileCheck %s --check-prefix=STRICT
// RUN: ml-opt %s --split-input-file --mlir-very-unsafe-disable-verifier-on-parsing | FileCheck %s --check-prefix=UNSAFE

// The syntax of the original MLIR papers parses as today's ops: `func`
// declarations without visibility become private, unprefixed names resolve
// to func, arith and cf.

// CHECK: func.func private @thingToCall(i32) -> i32
// CHECK-LABEL: func.func @testFunction(%arg0: i32) -> i32 {
// CHECK-NEXT: %0 = call @thingToCall(%arg0) : (i32) -> i32
// CHECK-NEXT: cf.br ^bb1
// CHECK-NEXT: ^bb1:  // pred: ^bb0
// CHECK-NEXT: %1 = arith.addi %0, %0 : i32
// CHECK-NEXT: return %1 : i32
func @thingToCall(i32) -> i32
func @testFunction(%arg0: i32) -> i32 {%x = call @thingToCall(%arg0) : (i32)-> i32 br ^bb1 ^bb1: %y = addi %x, %x:i32 return %y : i32}

// -----

// The papers' exact text returns a value from a function declared without
// results. It parses; the verifier then says what is wrong, and with
// verification off it prints as modern MLIR.
// STRICT: error: 'func.return' op has 1 operands, but enclosing function (@testFunction) returns 0
// UNSAFE-LABEL: func.func @testFunction(%arg0: i32) {
// UNSAFE-NEXT: %0 = call @thingToCall(%arg0) : (i32) -> i32
// UNSAFE-NEXT: cf.br ^bb1
// UNSAFE-NEXT: ^bb1:  // pred: ^bb0
// UNSAFE-NEXT: %1 = arith.addi %0, %0 : i32
// UNSAFE-NEXT: return %1 : i32
func @thingToCall(i32) -> i32
func @testFunction(%arg0: i32){%x = call @thingToCall(%arg0) : (i32)-> i32 br ^bb1 ^bb1: %y = addi %x, %x:i32 return %y : i32}
