// What ml-run reports, and the exit codes it gives, when it cannot run a
// program or the program goes wrong.

// RUN: not ml-run %s -e nope --entry-point-result=void 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: ml-run: error: entry point not found: 'nope'

// The entry's declared result is checked at its definition.
// RUN: not ml-run %s -e main --entry-point-result=i32 2>&1 | FileCheck %s --check-prefix=KIND
// KIND: errors.mlir:{{[0-9]+}}:3: error: only single i32 function result supported ('main' returns void)
// KIND-NEXT: llvm.func @main() {
// RUN: not ml-run %s -e takes_argument --entry-point-result=void 2>&1 | FileCheck %s --check-prefix=ARGS
// ARGS: error: JIT can't invoke a main function expecting arguments ('takes_argument')

// A crash is an error with the exit code a shell shows (128 + SIGSEGV);
// what the program printed before is kept.
// RUN: not ml-run %s -e crash --entry-point-result=void > %t.out 2> %t.err; FileCheck %s --check-prefix=CRASH-OUT < %t.out; FileCheck %s --check-prefix=CRASH-ERR < %t.err
// RUN: sh -c 'ml-run %s -e crash --entry-point-result=void > /dev/null 2>&1; test $? -eq 139'
// CRASH-OUT: before the crash
// CRASH-ERR: ml-run: error: the program crashed: SIGSEGV (in 'crash')

// --check-leaks reports the allocations and fails when one is still live.
// RUN: not ml-run %s -e leak --entry-point-result=void --check-leaks 2>&1 | FileCheck %s --check-prefix=LEAK
// LEAK: ml-run: 1 allocations (24 bytes) still live, 2 allocations (40 bytes) in total, peak 40 bytes
// LEAK-NEXT: ml-run: error: 1 allocated block (24 bytes) still live at the end of the program
// RUN: ml-run %s -e main --entry-point-result=void --check-leaks 2>&1 | FileCheck %s --check-prefix=NO-LEAK
// NO-LEAK: ml-run: 0 allocations (0 bytes) still live, 0 allocations (0 bytes) in total, peak 0 bytes

// A program that calls exit() ends ml-run with its code.
// RUN: sh -c 'ml-run %s -e exits --entry-point-result=void > /dev/null 2>&1; test $? -eq 3'

// RUN: not ml-run %S/Inputs/unresolved.mlir --entry-point-result=void 2>&1 | FileCheck %s --check-prefix=UNRESOLVED
// UNRESOLVED: ml-run: error: unresolved external symbol 'not_defined_anywhere'

// Input that does not parse, verify or translate: located diagnostics.
// RUN: not ml-run %S/Inputs/bad-syntax.mlir --entry-point-result=void 2>&1 | FileCheck %s --check-prefix=SYNTAX
// SYNTAX: bad-syntax.mlir:2:15: error: use of undeclared SSA value name '%missing'
// RUN: not ml-run %S/Inputs/invalid.mlir --entry-point-result=void 2>&1 | FileCheck %s --check-prefix=INVALID
// INVALID: invalid.mlir:3:3: error: 'llvm.return' op
// RUN: not ml-run %S/Inputs/untranslatable.mlir --entry-point-result=void 2>&1 | FileCheck %s --check-prefix=UNTRANSLATABLE
// UNTRANSLATABLE: untranslatable.mlir:1:1: error: cannot be translated to LLVM IR: 'func.func'
// RUN: not ml-run %S/Inputs/no-such-file.mlir 2>&1 | FileCheck %s --check-prefix=NO-FILE
// NO-FILE: ml-run: error: cannot open input file '{{.*}}no-such-file.mlir'
// RUN: not ml-run %s --shared-libs=%S/Inputs/no-such-library.so --entry-point-result=void 2>&1 | FileCheck %s --check-prefix=NO-LIB
// NO-LIB: ml-run: error: cannot load shared library '{{.*}}no-such-library.so'

module {
  llvm.func @main() {
    llvm.return
  }
  llvm.func @takes_argument(%x: i32) {
    llvm.return
  }
  llvm.func @puts(!llvm.ptr) -> i32
  llvm.mlir.global private constant @before("before the crash\00") {addr_space = 0 : i32}
  llvm.func @crash() {
    %s = llvm.mlir.addressof @before : !llvm.ptr
    %r = llvm.call @puts(%s) : (!llvm.ptr) -> i32
    %c8 = llvm.mlir.constant(8 : i64) : i64
    %p = llvm.inttoptr %c8 : i64 to !llvm.ptr
    %x = llvm.load volatile %p : !llvm.ptr -> i32
    llvm.return
  }
  llvm.func @malloc(i64) -> !llvm.ptr
  llvm.func @free(!llvm.ptr)
  llvm.func @leak() {
    %c24 = llvm.mlir.constant(24 : i64) : i64
    %c16 = llvm.mlir.constant(16 : i64) : i64
    %kept = llvm.call @malloc(%c24) : (i64) -> !llvm.ptr
    %freed = llvm.call @malloc(%c16) : (i64) -> !llvm.ptr
    llvm.call @free(%freed) : (!llvm.ptr) -> ()
    llvm.return
  }
  llvm.func @exit(i32)
  llvm.func @exits() {
    %c3 = llvm.mlir.constant(3 : i32) : i32
    llvm.call @exit(%c3) : (i32) -> ()
    llvm.return
  }
}
