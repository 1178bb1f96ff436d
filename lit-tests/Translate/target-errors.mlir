// RUN: not ml-translate --mlir-to-llvmir --emit=asm --target-triple=nonsense-unknown-nowhere %s 2>&1 | FileCheck %s --check-prefix=TRIPLE
// RUN: not ml-translate --mlir-to-llvmir --emit=obj %s -o %t.dir/does/not/exist.o 2>&1 | FileCheck %s --check-prefix=OUTPUT

// Problems with the target or the output are the tool's, not the input's.

// TRIPLE: ml-translate: no target for triple 'nonsense-unknown-nowhere'
// OUTPUT: ml-translate: cannot write output file '{{.*}}exist.o'
llvm.func @f() {
  llvm.return
}
