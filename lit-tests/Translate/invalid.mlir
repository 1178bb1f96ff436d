// RUN: ml-translate --mlir-to-llvmir %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

// What cannot become LLVM IR is reported at the op that holds it.

llvm.func @leftover_cast(%a: i64) -> i64 {
  // expected-error@+1 {{cannot be translated to LLVM IR: 'builtin.unrealized_conversion_cast'}}
  %0 = builtin.unrealized_conversion_cast %a : i64 to index
  %1 = builtin.unrealized_conversion_cast %0 : index to i64
  llvm.return %1 : i64
}

// -----

llvm.func @leftover_memref(%p: !llvm.ptr) {
  // expected-error@+1 {{cannot be translated to LLVM IR: 'builtin.unrealized_conversion_cast'}}
  %0 = builtin.unrealized_conversion_cast %p : !llvm.ptr to memref<4xf32>
  llvm.return
}

// -----

// expected-error@+1 {{cannot be translated to LLVM IR: 'func.func'}}
func.func @not_lowered(%a: i32) -> i32 {
  return %a : i32
}

// -----

llvm.func @other_dialect(%a: i32) -> i32 {
  // expected-error@+1 {{cannot be translated to LLVM IR: 'arith.addi'}}
  %0 = arith.addi %a, %a : i32
  llvm.return %0 : i32
}

// -----

llvm.func @unregistered() {
  // expected-error@+1 {{cannot be translated to LLVM IR: 'test.op'}}
  "test.op"() : () -> ()
  llvm.return
}

// -----

// An op that translates inside a function is not a module-level op.
// expected-error@+1 {{cannot be translated to LLVM IR: 'llvm.mlir.constant'}}
%0 = llvm.mlir.constant(1 : i32) : i32

// -----

// MLIR accepts a declaration named like an intrinsic with the wrong
// signature; LLVM's verifier does not, and its message is reported.
// expected-error@+1 {{LLVM IR fails to verify: Intrinsic has incorrect return type!}}
module {
  llvm.func @llvm.fabs.f32(i32) -> i32
  llvm.func @f(%a: i32) -> i32 {
    %0 = llvm.call @llvm.fabs.f32(%a) : (i32) -> i32
    llvm.return %0 : i32
  }
}
