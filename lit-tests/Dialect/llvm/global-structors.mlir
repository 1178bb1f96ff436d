// RUN: ml-opt %s --split-input-file --verify-diagnostics | FileCheck %s
// RUN: ml-opt %s --split-input-file --verify-diagnostics | ml-translate --split-input-file --mlir-to-llvmir | FileCheck %s --check-prefix=LLVMIR

// CHECK: llvm.mlir.global_ctors ctors = [@ctor], priorities = [123 : i32], data = [#llvm.zero]
// CHECK: llvm.mlir.global_dtors dtors = [@ctor], priorities = [0 : i32], data = [#llvm.zero]
// LLVMIR: @llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 123, ptr @ctor, ptr null }]
// LLVMIR: @llvm.global_dtors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 0, ptr @ctor, ptr null }]
module {
  llvm.func @ctor() {
    llvm.return
  }
  llvm.mlir.global_ctors ctors = [@ctor], priorities = [123 : i32], data = [#llvm.zero]
  llvm.mlir.global_dtors dtors = [@ctor], priorities = [0 : i32], data = [#llvm.zero]
}
