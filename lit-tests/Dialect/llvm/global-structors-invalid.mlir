// RUN: ml-opt %s --split-input-file --verify-diagnostics

module {
  llvm.func @ctor() {
    llvm.return
  }
  // expected-error@+1 {{'llvm.mlir.global_ctors' op 'ctors' and 'priorities' attributes must have the same length}}
  llvm.mlir.global_ctors ctors = [@ctor], priorities = [], data = [#llvm.zero]
}

// -----

module {
  // expected-error@+1 {{'llvm.mlir.global_ctors' op 'missing' does not reference a valid LLVM function}}
  llvm.mlir.global_ctors ctors = [@missing], priorities = [1 : i32], data = [#llvm.zero]
}
