// A failing pipeline writes a reproducer (the IR it started from and the
// pipeline) that --run-reproducer replays to the same failure.

// RUN: not ml-opt %s --canonicalize="max-iterations=1 test-convergence=true" --mlir-pass-pipeline-crash-reproducer=%t.mlir 2>&1 | FileCheck %s --check-prefix=FAIL
// FAIL: error: canonicalizer failed to converge within 1 iterations
// FAIL: note: pipeline failed; reproducer written to '{{.*}}.mlir'

// RUN: FileCheck %s --check-prefix=FILE < %t.mlir
// FILE: // pipeline: builtin.module(canonicalize{max-iterations=1 test-convergence=true})
// FILE-NEXT: module {
// FILE: arith.addi %c2_i32, %c3_i32

// RUN: not ml-opt %t.mlir --run-reproducer 2>&1 | FileCheck %s --check-prefix=REPLAY
// REPLAY: error: canonicalizer failed to converge within 1 iterations

// RUN: not ml-opt %s --run-reproducer 2>&1 | FileCheck %s --check-prefix=NOT
// NOT: ml-opt: the input is not a reproducer (no '// pipeline: ' line)

// Statistics: counters per pass, under their pipelines.
// RUN: ml-opt %s --pass-pipeline='builtin.module(func.func(cse,canonicalize))' --mlir-pass-statistics -o /dev/null 2>&1 | FileCheck %s --check-prefix=STATS
// STATS: ... Pass statistics report ...
// STATS: 'func.func' Pipeline
// STATS-NEXT: cse
// STATS-NEXT: (S) 1 num-cse'd - Number of operations CSE'd or dead
// STATS-NEXT: canonicalize
// STATS-NEXT: (S) 2 num-folded - Number of ops folded
// STATS-NEXT: (S) 0 num-rewritten - Number of pattern rewrites
// STATS-NEXT: (S) 3 num-erased - Number of dead ops erased

func.func @f() -> i32 {
  %c2 = arith.constant 2 : i32
  %c3 = arith.constant 3 : i32
  %a = arith.addi %c2, %c3 : i32
  %b = arith.addi %c2, %c3 : i32
  %s = arith.addi %a, %b : i32
  return %s : i32
}
