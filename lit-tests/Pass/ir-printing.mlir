// IR dumps around passes go to stderr, titled like upstream's.

// RUN: ml-opt %s --cse --canonicalize --mlir-print-ir-after-change -o /dev/null 2>&1 | FileCheck %s --check-prefix=CHANGE
// CHANGE-NOT: IR Dump After cse
// CHANGE: // -----// IR Dump After canonicalize //----- //
// CHANGE-NEXT: module {
// CHANGE: arith.constant 5 : i32

// RUN: ml-opt %s --cse --canonicalize --mlir-print-ir-before=canonicalize --mlir-print-ir-after=cse -o /dev/null 2>&1 | FileCheck %s --check-prefix=NAMED
// NAMED: // -----// IR Dump After cse //----- //
// NAMED: arith.addi %c2_i32, %c3_i32
// NAMED: // -----// IR Dump Before canonicalize //----- //
// NAMED-NOT: IR Dump

// RUN: ml-opt %s --pass-pipeline='builtin.module(func.func(cse))' --mlir-print-ir-after-all -o /dev/null 2>&1 | FileCheck %s --check-prefix=NESTED
// NESTED: // -----// IR Dump After cse //----- //
// NESTED-NEXT: func.func @a

// RUN: ml-opt %s --canonicalize --mlir-timing -o /dev/null 2>&1 | FileCheck %s --check-prefix=TIMING
// TIMING: ... Execution time report ...
// TIMING: Total Execution Time: {{[0-9.]+}} seconds
// TIMING: ----Wall Time----  ----Name----
// TIMING-NEXT: Parser
// TIMING-NEXT: canonicalize
// TIMING-NEXT: Output
// TIMING-NEXT: (100.0%)  Total

func.func @a() -> i32 {
  %c2 = arith.constant 2 : i32
  %c3 = arith.constant 3 : i32
  %s = arith.addi %c2, %c3 : i32
  return %s : i32
}

// RUN: ml-opt %s --cse --symbol-dce --mlir-print-ir-before-all -o /dev/null 2>&1 | FileCheck %s --check-prefix=BEFORE-ALL
// BEFORE-ALL: // -----// IR Dump Before cse //----- //
// BEFORE-ALL: // -----// IR Dump Before symbol-dce //----- //

// RUN: not ml-opt %s --canonicalize="max-iterations=1 test-convergence=true" --mlir-print-ir-after-failure -o /dev/null 2>&1 | FileCheck %s --check-prefix=FAILURE
// FAILURE: // -----// IR Dump After canonicalize Failed //----- //
// FAILURE: error: canonicalizer failed to converge within 1 iterations
// FAILURE: note: pass 'canonicalize' failed

// The verifier after each pass can be turned off.
// RUN: ml-opt %s --cse --verify-each=false | FileCheck %s --check-prefix=NOVERIFY
// NOVERIFY: func.func @a
