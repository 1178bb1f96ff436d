// Malformed pipelines and pass flags are reported with the place they go wrong.

// RUN: not ml-opt %s --pass-pipeline='builtin.module(cse,nope)' 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: MLIR Textual PassPipeline Parser:1:20: error: 'nope' does not refer to a registered pass or pass pipeline
// UNKNOWN-NEXT: builtin.module(cse,nope)
// UNKNOWN-NEXT: {{^                   \^$}}

// RUN: not ml-opt %s --pass-pipeline='builtin.module(cse{max=1})' 2>&1 | FileCheck %s --check-prefix=OPTION
// OPTION: error: invalid options for pass 'cse': no such option 'max'; options are: none

// RUN: not ml-opt %s --pass-pipeline='builtin.module(func.func(cse)' 2>&1 | FileCheck %s --check-prefix=UNCLOSED
// UNCLOSED: MLIR Textual PassPipeline Parser:1:30: error: expected ')' to end the nested pipeline

// RUN: not ml-opt %s --pass-pipeline='builtin.module(cse)' --cse 2>&1 | FileCheck %s --check-prefix=BOTH
// BOTH: ml-opt: '--pass-pipeline' cannot be combined with pass flags

// RUN: not ml-opt %s --cse=nonsense 2>&1 | FileCheck %s --check-prefix=FLAG
// FLAG: ml-opt: invalid options for pass 'cse': no such option 'nonsense'

// RUN: ml-opt --list-passes | FileCheck %s --check-prefix=LIST
// LIST: Available passes:
// LIST: --cse {{.*}}Eliminate common sub-expressions
// LIST: --symbol-dce {{.*}}Eliminate dead private symbols

// Passes nested in a pipeline run on each op of that name.
// RUN: ml-opt %s --pass-pipeline='builtin.module(func.func(cse))' | FileCheck %s --check-prefix=NESTED
// NESTED-LABEL: func.func @f
// NESTED-COUNT-1: arith.addi
func.func @f(%a: i32) -> i32 {
  %0 = arith.addi %a, %a : i32
  %1 = arith.addi %a, %a : i32
  %2 = arith.muli %0, %1 : i32
  return %2 : i32
}
