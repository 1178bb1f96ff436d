// RUN: not ml-translate --mlir-to-llvmir %s 2>&1 | FileCheck %s
// RUN: not ml-translate %s 2>&1 | FileCheck %s --check-prefix=NO-TRANSLATION
// RUN: not ml-translate --mlir-to-llvmir %s.missing 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not ml-translate --mlir-to-llvmir -O7 %s 2>&1 | FileCheck %s --check-prefix=BAD-LEVEL
// RUN: not ml-translate --mlir-to-llvmir --emit=exe %s 2>&1 | FileCheck %s --check-prefix=BAD-EMIT

// Input that does not parse or verify is reported as ml-opt reports it,
// and nothing is translated.

llvm.func @f(%a: i32) -> i32 {
  // CHECK: bad-input.mlir:[[# @LINE + 4]]:21: error: use of undeclared SSA value name '%undefined'
  // CHECK-NEXT: [[# @LINE + 3]] |   %0 = llvm.add %a, %undefined : i32
  // CHECK-NEXT: |                     ^^^^^^^^^^
  // CHECK-NOT: define
  %0 = llvm.add %a, %undefined : i32
  llvm.return %0 : i32
}

// NO-TRANSLATION: ml-translate: no translation given (use --mlir-to-llvmir or --to-ptx)
// MISSING: ml-translate: cannot open input file '{{.*}}bad-input.mlir.missing'
// BAD-LEVEL: error: invalid value '7' for '-O <OPT_LEVEL>'
// BAD-EMIT: error: invalid value 'exe' for '--emit <EMIT>'
