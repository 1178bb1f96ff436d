// RUN: ml-opt %s --lower-to-llvm | ml-run -e main --entry-point-result=void --check-leaks | FileCheck %s

// Loops whose trip count is data-dependent: Euclid's gcd and the Collatz
// step count with scf.while, a loop with iter_args and scf.if inside, and
// the counts stored in a memref.

// CHECK: 21
// CHECK-NEXT: 1
// CHECK-NEXT: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 1 offset = 0 sizes = [8] strides = [1] data =
// CHECK-NEXT: [0,  1,  7,  2,  5,  8,  16,  3]
// CHECK-NEXT: 42
// CHECK-NEXT: 111

func.func private @printMemrefI64(memref<*xi64>)

func.func @gcd(%a: i64, %b: i64) -> i64 {
  %zero = arith.constant 0 : i64
  %r:2 = scf.while (%x = %a, %y = %b) : (i64, i64) -> (i64, i64) {
    %more = arith.cmpi ne, %y, %zero : i64
    scf.condition(%more) %x, %y : i64, i64
  } do {
  ^bb0(%x: i64, %y: i64):
    %m = arith.remsi %x, %y : i64
    scf.yield %y, %m : i64, i64
  }
  return %r#0 : i64
}

func.func @collatz(%n: i64) -> i64 {
  %zero = arith.constant 0 : i64
  %one = arith.constant 1 : i64
  %two = arith.constant 2 : i64
  %three = arith.constant 3 : i64
  %r:2 = scf.while (%x = %n, %steps = %zero) : (i64, i64) -> (i64, i64) {
    %more = arith.cmpi sgt, %x, %one : i64
    scf.condition(%more) %x, %steps : i64, i64
  } do {
  ^bb0(%x: i64, %steps: i64):
    %odd = arith.remsi %x, %two : i64
    %is_odd = arith.cmpi ne, %odd, %zero : i64
    %next = scf.if %is_odd -> i64 {
      %t = arith.muli %x, %three : i64
      %u = arith.addi %t, %one : i64
      scf.yield %u : i64
    } else {
      %h = arith.divsi %x, %two : i64
      scf.yield %h : i64
    }
    %s = arith.addi %steps, %one : i64
    scf.yield %next, %s : i64, i64
  }
  return %r#1 : i64
}

func.func @main() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %a = arith.constant 1071 : i64
  %b = arith.constant 462 : i64
  %g = call @gcd(%a, %b) : (i64, i64) -> i64
  vector.print %g : i64
  %p = arith.constant 17 : i64
  %q = arith.constant 5 : i64
  %g2 = call @gcd(%p, %q) : (i64, i64) -> i64
  vector.print %g2 : i64
  // Collatz counts of 1..8, and their running total through iter_args.
  %counts = memref.alloc() : memref<8xi64>
  %zero = arith.constant 0 : i64
  %total = scf.for %i = %c0 to %c8 step %c1 iter_args(%acc = %zero) -> (i64) {
    %i1 = arith.addi %i, %c1 : index
    %n = arith.index_cast %i1 : index to i64
    %steps = func.call @collatz(%n) : (i64) -> i64
    memref.store %steps, %counts[%i] : memref<8xi64>
    %sum = arith.addi %acc, %steps : i64
    scf.yield %sum : i64
  }
  %u = memref.cast %counts : memref<8xi64> to memref<*xi64>
  call @printMemrefI64(%u) : (memref<*xi64>) -> ()
  vector.print %total : i64
  %big = arith.constant 27 : i64
  %s27 = call @collatz(%big) : (i64) -> i64
  vector.print %s27 : i64
  memref.dealloc %counts : memref<8xi64>
  return
}
