// Malformed input of every kind gets one located diagnostic and exit 1:
// never a panic, a hang or a stack overflow.

// RUN: printf 'func.func @f() {\n  %%%%0 = "\377"() : () -> ()\n}\n' | not ml-opt - 2>&1 | FileCheck %s --check-prefix=UTF8
// UTF8: <stdin>:2:9: error: input is not valid UTF-8

// RUN: printf 'func.func @f(%%%%a: i32) -> i32 {\n  %%%%0 = arith.addi %%%%a, ' | not ml-opt - 2>&1 | FileCheck %s --check-prefix=TRUNCATED
// TRUNCATED: <stdin>:2:23: error: expected SSA value, found end of file

// RUN: printf 'func.func @f() {\n  return' | not ml-opt - 2>&1 | FileCheck %s --check-prefix=UNCLOSED
// UNCLOSED: <stdin>:2:9: error: expected '}' to end the region

// RUN: python3 -c "print('\"t.op\"() ({' * 100000)" | not ml-opt - 2>&1 | FileCheck %s --check-prefix=REGIONS
// REGIONS: <stdin>:1:5507: error: nesting is deeper than the limit of 1000 levels

// RUN: python3 -c "print('(' * 100000)" | not ml-opt - 2>&1 | FileCheck %s --check-prefix=PARENS
// PARENS: <stdin>:1:1001: error: nesting is deeper than the limit of 1000 levels

// RUN: python3 -c "print('func.func @f(%%a: ' + 'tensor<' * 3000 + 'f32' + '>' * 3000 + ')')" | not ml-opt - 2>&1 | FileCheck %s --check-prefix=TYPES
// TYPES: error: nesting is deeper than the limit of 1000 levels

// RUN: printf 'func.func @f() -> i32 {\n  %%%%c = arith.constant 10000000000000000000000000000000000000000 : i32\n  return %%%%c : i32\n}\n' | not ml-opt - 2>&1 | FileCheck %s --check-prefix=HUGE
// HUGE: <stdin>:2:23: error: integer constant out of range for attribute

// RUN: printf '"t.op"() : () -> ()\n' | not ml-opt - 2>&1 | FileCheck %s --check-prefix=UNREGISTERED
// UNREGISTERED: <stdin>:1:1: error: operation being parsed with an unregistered dialect 't'

// An empty file is an empty module, as upstream reads it.
// RUN: printf '' | ml-opt - | FileCheck %s --check-prefix=EMPTY
// EMPTY: module {
// EMPTY-NEXT: }

// RUN: not ml-opt %S/does-not-exist.mlir 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: ml-opt: cannot open input file '{{.*}}does-not-exist.mlir'
