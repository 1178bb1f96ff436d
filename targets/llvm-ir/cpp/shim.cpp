// What the LLVM C API lacks and the translation needs: extractvalue and
// insertvalue with a whole index path (`extractvalue %s, 3, 0`), as
// upstream emits them. Compiled by build.rs against LLVM 22's headers.

#include <llvm-c/Core.h>
#include <llvm/ADT/ArrayRef.h>
#include <llvm/IR/IRBuilder.h>

extern "C" LLVMValueRef ml_build_extract_value(LLVMBuilderRef builder, LLVMValueRef aggregate, const unsigned *indices,
                                               unsigned count) {
  return llvm::wrap(llvm::unwrap(builder)->CreateExtractValue(llvm::unwrap(aggregate),
                                                              llvm::ArrayRef<unsigned>(indices, count)));
}

extern "C" LLVMValueRef ml_build_insert_value(LLVMBuilderRef builder, LLVMValueRef aggregate, LLVMValueRef value,
                                              const unsigned *indices, unsigned count) {
  return llvm::wrap(llvm::unwrap(builder)->CreateInsertValue(llvm::unwrap(aggregate), llvm::unwrap(value),
                                                             llvm::ArrayRef<unsigned>(indices, count)));
}
