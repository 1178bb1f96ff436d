// RUN: ml-opt %s --allow-unregistered-dialect --split-input-file --verify-diagnostics --convert-scf-to-cf | FileCheck %s
// RUN: not %mlir_opt %s --allow-unregistered-dialect --split-input-file --convert-scf-to-cf | FileCheck %s

// The same CHECK lines hold for upstream mlir-opt 22 (second RUN line; it
// fails on the last case, as we do, without the note we add there).

// CHECK-LABEL: func.func @for_loop(
// CHECK-SAME: %[[LB:.*]]: index, %[[UB:.*]]: index, %[[STEP:.*]]: index, %[[INIT:.*]]: f32) -> f32 {
// CHECK-NEXT:   cf.br ^bb1(%[[LB]], %[[INIT]] : index, f32)
// CHECK-NEXT: ^bb1(%[[IV:.*]]: index, %[[ACC:.*]]: f32):  // 2 preds: ^bb0, ^bb2
// CHECK-NEXT:   %[[CMP:.*]] = arith.cmpi slt, %[[IV]], %[[UB]] : index
// CHECK-NEXT:   cf.cond_br %[[CMP]], ^bb2, ^bb3
// CHECK-NEXT: ^bb2:  // pred: ^bb1
// CHECK-NEXT:   %[[SUM:.*]] = arith.addf %[[ACC]], %[[ACC]] : f32
// CHECK-NEXT:   %[[NEXT:.*]] = arith.addi %[[IV]], %[[STEP]] : index
// CHECK-NEXT:   cf.br ^bb1(%[[NEXT]], %[[SUM]] : index, f32)
// CHECK-NEXT: ^bb3:  // pred: ^bb1
// CHECK-NEXT:   return %[[ACC]] : f32
func.func @for_loop(%lb: index, %ub: index, %step: index, %init: f32) -> f32 {
  %r = scf.for %i = %lb to %ub step %step iter_args(%acc = %init) -> (f32) {
    %n = arith.addf %acc, %acc : f32
    scf.yield %n : f32
  }
  return %r : f32
}

// -----

// Inner loops sit between the outer body's first and last blocks; i32 bounds compare as i32.
// CHECK-LABEL: func.func @nested_for(
// CHECK-SAME: %[[LB:.*]]: i32, %[[UB:.*]]: i32, %[[STEP:.*]]: i32) {
// CHECK-NEXT:   cf.br ^bb1(%[[LB]] : i32)
// CHECK-NEXT: ^bb1(%[[I:.*]]: i32):  // 2 preds: ^bb0, ^bb5
// CHECK-NEXT:   %[[C1:.*]] = arith.cmpi slt, %[[I]], %[[UB]] : i32
// CHECK-NEXT:   cf.cond_br %[[C1]], ^bb2, ^bb6
// CHECK-NEXT: ^bb2:  // pred: ^bb1
// CHECK-NEXT:   cf.br ^bb3(%[[LB]] : i32)
// CHECK-NEXT: ^bb3(%[[J:.*]]: i32):  // 2 preds: ^bb2, ^bb4
// CHECK-NEXT:   %[[C2:.*]] = arith.cmpi slt, %[[J]], %[[UB]] : i32
// CHECK-NEXT:   cf.cond_br %[[C2]], ^bb4, ^bb5
// CHECK-NEXT: ^bb4:  // pred: ^bb3
// CHECK-NEXT:   "test.op"(%[[I]], %[[J]]) : (i32, i32) -> ()
// CHECK-NEXT:   %[[NJ:.*]] = arith.addi %[[J]], %[[STEP]] : i32
// CHECK-NEXT:   cf.br ^bb3(%[[NJ]] : i32)
// CHECK-NEXT: ^bb5:  // pred: ^bb3
// CHECK-NEXT:   %[[NI:.*]] = arith.addi %[[I]], %[[STEP]] : i32
// CHECK-NEXT:   cf.br ^bb1(%[[NI]] : i32)
// CHECK-NEXT: ^bb6:  // pred: ^bb1
// CHECK-NEXT:   return
func.func @nested_for(%lb: i32, %ub: i32, %step: i32) {
  scf.for %i = %lb to %ub step %step : i32 {
    scf.for %j = %lb to %ub step %step : i32 {
      "test.op"(%i, %j) : (i32, i32) -> ()
    }
  }
  return
}

// -----

// With results, then and else branch to a block taking them, which goes on to the rest.
// CHECK-LABEL: func.func @if_with_results(
// CHECK-SAME: %[[C:.*]]: i1, %[[X:.*]]: f32) -> f32 {
// CHECK-NEXT:   cf.cond_br %[[C]], ^bb1, ^bb2
// CHECK-NEXT: ^bb1:  // pred: ^bb0
// CHECK-NEXT:   %[[T:.*]] = arith.addf %[[X]], %[[X]] : f32
// CHECK-NEXT:   cf.br ^bb3(%[[T]] : f32)
// CHECK-NEXT: ^bb2:  // pred: ^bb0
// CHECK-NEXT:   cf.br ^bb3(%[[X]] : f32)
// CHECK-NEXT: ^bb3(%[[R:.*]]: f32):  // 2 preds: ^bb1, ^bb2
// CHECK-NEXT:   cf.br ^bb4
// CHECK-NEXT: ^bb4:  // pred: ^bb3
// CHECK-NEXT:   return %[[R]] : f32
func.func @if_with_results(%c: i1, %x: f32) -> f32 {
  %r = scf.if %c -> f32 {
    %n = arith.addf %x, %x : f32
    scf.yield %n : f32
  } else {
    scf.yield %x : f32
  }
  return %r : f32
}

// CHECK-LABEL: func.func @if_without_else(
// CHECK-SAME: %[[C:.*]]: i1) {
// CHECK-NEXT:   cf.cond_br %[[C]], ^bb1, ^bb2
// CHECK-NEXT: ^bb1:  // pred: ^bb0
// CHECK-NEXT:   "test.then"() : () -> ()
// CHECK-NEXT:   cf.br ^bb2
// CHECK-NEXT: ^bb2:  // 2 preds: ^bb0, ^bb1
// CHECK-NEXT:   "test.after"() : () -> ()
func.func @if_without_else(%c: i1) {
  scf.if %c {
    "test.then"() : () -> ()
  }
  "test.after"() : () -> ()
  return
}

// -----

// CHECK-LABEL: func.func @while_loop(
// CHECK-SAME: %[[X:.*]]: i32) -> i32 {
// CHECK-NEXT:   cf.br ^bb1(%[[X]] : i32)
// CHECK-NEXT: ^bb1(%[[A:.*]]: i32):  // 2 preds: ^bb0, ^bb2
// CHECK-NEXT:   %[[C:.*]] = "test.cond"(%[[A]]) : (i32) -> i1
// CHECK-NEXT:   cf.cond_br %[[C]], ^bb2(%[[A]] : i32), ^bb3
// CHECK-NEXT: ^bb2(%[[B:.*]]: i32):  // pred: ^bb1
// CHECK-NEXT:   %[[N:.*]] = "test.next"(%[[B]]) : (i32) -> i32
// CHECK-NEXT:   cf.br ^bb1(%[[N]] : i32)
// CHECK-NEXT: ^bb3:  // pred: ^bb1
// CHECK-NEXT:   return %[[A]] : i32
func.func @while_loop(%x: i32) -> i32 {
  %r = scf.while (%a = %x) : (i32) -> i32 {
    %c = "test.cond"(%a) : (i32) -> i1
    scf.condition(%c) %a : i32
  } do {
  ^bb0(%b: i32):
    %n = "test.next"(%b) : (i32) -> i32
    scf.yield %n : i32
  }
  return %r : i32
}

// An "after" region that only passes its arguments back: the "before" region loops on itself.
// CHECK-LABEL: func.func @do_while(
// CHECK-SAME: %[[X:.*]]: i32) -> i32 {
// CHECK-NEXT:   cf.br ^bb1(%[[X]] : i32)
// CHECK-NEXT: ^bb1(%[[A:.*]]: i32):  // 2 preds: ^bb0, ^bb1
// CHECK-NEXT:   %[[C:.*]] = "test.cond"(%[[A]]) : (i32) -> i1
// CHECK-NEXT:   %[[N:.*]] = "test.next"(%[[A]]) : (i32) -> i32
// CHECK-NEXT:   cf.cond_br %[[C]], ^bb1(%[[N]] : i32), ^bb2
// CHECK-NEXT: ^bb2:  // pred: ^bb1
// CHECK-NEXT:   return %[[N]] : i32
func.func @do_while(%x: i32) -> i32 {
  %r = scf.while (%a = %x) : (i32) -> i32 {
    %c = "test.cond"(%a) : (i32) -> i1
    %n = "test.next"(%a) : (i32) -> i32
    scf.condition(%c) %n : i32
  } do {
  ^bb0(%b: i32):
    scf.yield %b : i32
  }
  return %r : i32
}

// -----

// CHECK-LABEL: func.func @execute_region() -> i32 {
// CHECK-NEXT:   cf.br ^bb1
// CHECK-NEXT: ^bb1:  // pred: ^bb0
// CHECK-NEXT:   %[[C:.*]] = "test.cond"() : () -> i1
// CHECK-NEXT:   cf.cond_br %[[C]], ^bb2, ^bb3
// CHECK-NEXT: ^bb2:  // pred: ^bb1
// CHECK-NEXT:   %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-NEXT:   cf.br ^bb4(%[[ONE]] : i32)
// CHECK-NEXT: ^bb3:  // pred: ^bb1
// CHECK-NEXT:   %[[TWO:.*]] = arith.constant 2 : i32
// CHECK-NEXT:   cf.br ^bb4(%[[TWO]] : i32)
// CHECK-NEXT: ^bb4(%[[R:.*]]: i32):  // 2 preds: ^bb2, ^bb3
// CHECK-NEXT:   return %[[R]] : i32
func.func @execute_region() -> i32 {
  %r = scf.execute_region -> i32 {
    %c = "test.cond"() : () -> i1
    cf.cond_br %c, ^bb1, ^bb2
  ^bb1:
    %a = arith.constant 1 : i32
    scf.yield %a : i32
  ^bb2:
    %b = arith.constant 2 : i32
    scf.yield %b : i32
  }
  return %r : i32
}

// Without results, the continuation takes no arguments.
// CHECK-LABEL: func.func @execute_region_without_results() {
// CHECK-NEXT:   cf.br ^bb1
// CHECK-NEXT: ^bb1:  // pred: ^bb0
// CHECK-NEXT:   "test.op"() : () -> ()
// CHECK-NEXT:   cf.br ^bb2
// CHECK-NEXT: ^bb2:  // pred: ^bb1
// CHECK-NEXT:   return
func.func @execute_region_without_results() {
  scf.execute_region {
    "test.op"() : () -> ()
    scf.yield
  }
  return
}

// -----

// Cases first, then the default, then the continuation with the results.
// CHECK-LABEL: func.func @index_switch(
// CHECK-SAME: %[[I:.*]]: index) -> i32 {
// CHECK-NEXT:   %[[FLAG:.*]] = arith.index_cast %[[I]] : index to i32
// CHECK-NEXT:   cf.switch %[[FLAG]] : i32, [
// CHECK-NEXT:     default: ^bb3,
// CHECK-NEXT:     2: ^bb1,
// CHECK-NEXT:     5: ^bb2
// CHECK-NEXT:   ]
// CHECK-NEXT: ^bb1:  // pred: ^bb0
// CHECK-NEXT:   %[[A:.*]] = arith.constant 10 : i32
// CHECK-NEXT:   cf.br ^bb4(%[[A]] : i32)
// CHECK-NEXT: ^bb2:  // pred: ^bb0
// CHECK-NEXT:   %[[B:.*]] = arith.constant 20 : i32
// CHECK-NEXT:   cf.br ^bb4(%[[B]] : i32)
// CHECK-NEXT: ^bb3:  // pred: ^bb0
// CHECK-NEXT:   %[[D:.*]] = arith.constant 30 : i32
// CHECK-NEXT:   cf.br ^bb4(%[[D]] : i32)
// CHECK-NEXT: ^bb4(%[[R:.*]]: i32):  // 3 preds: ^bb1, ^bb2, ^bb3
// CHECK-NEXT:   return %[[R]] : i32
func.func @index_switch(%i: index) -> i32 {
  %r = scf.index_switch %i -> i32
  case 2 {
    %a = arith.constant 10 : i32
    scf.yield %a : i32
  }
  case 5 {
    %b = arith.constant 20 : i32
    scf.yield %b : i32
  }
  default {
    %c = arith.constant 30 : i32
    scf.yield %c : i32
  }
  return %r : i32
}

// -----

// One loop per dimension; the reduction combines the carried value (first
// argument) with the iteration's value, and the sums travel out as loop-carried values.
// CHECK-LABEL: func.func @parallel_reduction(
// CHECK-SAME: %[[LB:.*]]: index, %[[UB:.*]]: index, %[[STEP:.*]]: index, %[[INIT:.*]]: f32) -> f32 {
// CHECK-NEXT:   cf.br ^bb1(%[[LB]], %[[INIT]] : index, f32)
// CHECK-NEXT: ^bb1(%[[I:.*]]: index, %[[OUTER:.*]]: f32):  // 2 preds: ^bb0, ^bb5
// CHECK-NEXT:   %[[C1:.*]] = arith.cmpi slt, %[[I]], %[[UB]] : index
// CHECK-NEXT:   cf.cond_br %[[C1]], ^bb2, ^bb6
// CHECK-NEXT: ^bb2:  // pred: ^bb1
// CHECK-NEXT:   cf.br ^bb3(%[[LB]], %[[OUTER]] : index, f32)
// CHECK-NEXT: ^bb3(%[[J:.*]]: index, %[[INNER:.*]]: f32):  // 2 preds: ^bb2, ^bb4
// CHECK-NEXT:   %[[C2:.*]] = arith.cmpi slt, %[[J]], %[[UB]] : index
// CHECK-NEXT:   cf.cond_br %[[C2]], ^bb4, ^bb5
// CHECK-NEXT: ^bb4:  // pred: ^bb3
// CHECK-NEXT:   %[[X:.*]] = "test.val"(%[[I]], %[[J]]) : (index, index) -> f32
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[INNER]], %[[X]] : f32
// CHECK-NEXT:   %[[NJ:.*]] = arith.addi %[[J]], %[[STEP]] : index
// CHECK-NEXT:   cf.br ^bb3(%[[NJ]], %[[S]] : index, f32)
// CHECK-NEXT: ^bb5:  // pred: ^bb3
// CHECK-NEXT:   %[[NI:.*]] = arith.addi %[[I]], %[[STEP]] : index
// CHECK-NEXT:   cf.br ^bb1(%[[NI]], %[[INNER]] : index, f32)
// CHECK-NEXT: ^bb6:  // pred: ^bb1
// CHECK-NEXT:   return %[[OUTER]] : f32
func.func @parallel_reduction(%lb: index, %ub: index, %step: index, %init: f32) -> f32 {
  %r = scf.parallel (%i, %j) = (%lb, %lb) to (%ub, %ub) step (%step, %step) init (%init) -> f32 {
    %x = "test.val"(%i, %j) : (index, index) -> f32
    scf.reduce(%x : f32) {
    ^bb0(%a: f32, %b: f32):
      %s = arith.addf %a, %b : f32
      scf.reduce.return %s : f32
    }
  }
  return %r : f32
}

// CHECK-LABEL: func.func @parallel_two_reductions(
// CHECK-SAME: %[[LB:.*]]: index, %[[UB:.*]]: index, %[[STEP:.*]]: index, %[[A:.*]]: f32, %[[B:.*]]: i32) -> (f32, i32) {
// CHECK-NEXT:   cf.br ^bb1(%[[LB]], %[[A]], %[[B]] : index, f32, i32)
// CHECK-NEXT: ^bb1(%[[I:.*]]: index, %[[F:.*]]: f32, %[[N:.*]]: i32):  // 2 preds: ^bb0, ^bb2
// CHECK:      ^bb2:  // pred: ^bb1
// CHECK-NEXT:   %[[X:.*]] = "test.f"(%[[I]]) : (index) -> f32
// CHECK-NEXT:   %[[Y:.*]] = "test.i"(%[[I]]) : (index) -> i32
// CHECK-NEXT:   %[[SUM:.*]] = arith.addf %[[F]], %[[X]] : f32
// CHECK-NEXT:   %[[PROD:.*]] = arith.muli %[[N]], %[[Y]] : i32
// CHECK-NEXT:   %[[NI:.*]] = arith.addi %[[I]], %[[STEP]] : index
// CHECK-NEXT:   cf.br ^bb1(%[[NI]], %[[SUM]], %[[PROD]] : index, f32, i32)
// CHECK-NEXT: ^bb3:  // pred: ^bb1
// CHECK-NEXT:   return %[[F]], %[[N]] : f32, i32
func.func @parallel_two_reductions(%lb: index, %ub: index, %step: index, %a: f32, %b: i32) -> (f32, i32) {
  %r:2 = scf.parallel (%i) = (%lb) to (%ub) step (%step) init (%a, %b) -> (f32, i32) {
    %x = "test.f"(%i) : (index) -> f32
    %y = "test.i"(%i) : (index) -> i32
    scf.reduce(%x, %y : f32, i32) {
    ^bb0(%p: f32, %q: f32):
      %s = arith.addf %p, %q : f32
      scf.reduce.return %s : f32
    }, {
    ^bb0(%p: i32, %q: i32):
      %s = arith.muli %p, %q : i32
      scf.reduce.return %s : i32
    }
  }
  return %r#0, %r#1 : f32, i32
}

// -----

// Bounds become constants: lower bounds, then upper bounds, then steps.
// CHECK-LABEL: func.func @forall(
// CHECK-SAME: %[[N:.*]]: index) {
// CHECK-NEXT:   %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:   %[[C2:.*]] = arith.constant 2 : index
// CHECK-NEXT:   %[[C8:.*]] = arith.constant 8 : index
// CHECK-NEXT:   %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT:   %[[C3:.*]] = arith.constant 3 : index
// CHECK-NEXT:   cf.br ^bb1(%[[C0]] : index)
// CHECK-NEXT: ^bb1(%[[I:.*]]: index):  // 2 preds: ^bb0, ^bb5
// CHECK-NEXT:   %[[T1:.*]] = arith.cmpi slt, %[[I]], %[[N]] : index
// CHECK-NEXT:   cf.cond_br %[[T1]], ^bb2, ^bb6
// CHECK-NEXT: ^bb2:  // pred: ^bb1
// CHECK-NEXT:   cf.br ^bb3(%[[C2]] : index)
// CHECK-NEXT: ^bb3(%[[J:.*]]: index):  // 2 preds: ^bb2, ^bb4
// CHECK-NEXT:   %[[T2:.*]] = arith.cmpi slt, %[[J]], %[[C8]] : index
// CHECK-NEXT:   cf.cond_br %[[T2]], ^bb4, ^bb5
// CHECK-NEXT: ^bb4:  // pred: ^bb3
// CHECK-NEXT:   "test.op"(%[[I]], %[[J]]) : (index, index) -> ()
// CHECK-NEXT:   %[[NJ:.*]] = arith.addi %[[J]], %[[C3]] : index
// CHECK-NEXT:   cf.br ^bb3(%[[NJ]] : index)
// CHECK-NEXT: ^bb5:  // pred: ^bb3
// CHECK-NEXT:   %[[NI:.*]] = arith.addi %[[I]], %[[C1]] : index
// CHECK-NEXT:   cf.br ^bb1(%[[NI]] : index)
// CHECK-NEXT: ^bb6:  // pred: ^bb1
// CHECK-NEXT:   return
func.func @forall(%n: index) {
  scf.forall (%i, %j) = (0, 2) to (%n, 8) step (1, 3) {
    "test.op"(%i, %j) : (index, index) -> ()
  }
  return
}

// -----

// A loop in the body of an scf.forall (what tiling with loop=forall and
// bufferizing give): the forall's loops are made before the inner loop is
// lowered, so both become blocks.
// CHECK-LABEL: func.func @forall_around_for(
// CHECK-SAME: %[[N:.*]]: index) {
// CHECK-NEXT:   %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:   %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT:   %[[C0_0:.*]] = arith.constant 0 : index
// CHECK-NEXT:   %[[C4:.*]] = arith.constant 4 : index
// CHECK-NEXT:   %[[C1_1:.*]] = arith.constant 1 : index
// CHECK-NEXT:   cf.br ^bb1(%[[C0_0]] : index)
// CHECK-NEXT: ^bb1(%[[I:.*]]: index):  // 2 preds: ^bb0, ^bb5
// CHECK-NEXT:   %[[T1:.*]] = arith.cmpi slt, %[[I]], %[[C4]] : index
// CHECK-NEXT:   cf.cond_br %[[T1]], ^bb2, ^bb6
// CHECK-NEXT: ^bb2:  // pred: ^bb1
// CHECK-NEXT:   cf.br ^bb3(%[[C0]] : index)
// CHECK-NEXT: ^bb3(%[[J:.*]]: index):  // 2 preds: ^bb2, ^bb4
// CHECK-NEXT:   %[[T2:.*]] = arith.cmpi slt, %[[J]], %[[N]] : index
// CHECK-NEXT:   cf.cond_br %[[T2]], ^bb4, ^bb5
// CHECK-NEXT: ^bb4:  // pred: ^bb3
// CHECK-NEXT:   "test.op"(%[[I]], %[[J]]) : (index, index) -> ()
// CHECK-NEXT:   %[[NJ:.*]] = arith.addi %[[J]], %[[C1]] : index
// CHECK-NEXT:   cf.br ^bb3(%[[NJ]] : index)
// CHECK-NEXT: ^bb5:  // pred: ^bb3
// CHECK-NEXT:   %[[NI:.*]] = arith.addi %[[I]], %[[C1_1]] : index
// CHECK-NEXT:   cf.br ^bb1(%[[NI]] : index)
// CHECK-NEXT: ^bb6:  // pred: ^bb1
// CHECK-NEXT:   return
func.func @forall_around_for(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.forall (%i) in (4) {
    scf.for %j = %c0 to %n step %c1 {
      "test.op"(%i, %j) : (index, index) -> ()
    }
  }
  return
}

// -----

// Nested constructs: an scf.if inside a loop body.
// CHECK-LABEL: func.func @if_in_for(
// CHECK-SAME: %[[LB:.*]]: index, %[[UB:.*]]: index, %[[STEP:.*]]: index, %[[C:.*]]: i1) -> i32 {
// CHECK-NEXT:   %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-NEXT:   cf.br ^bb1(%[[LB]], %[[ZERO]] : index, i32)
// CHECK-NEXT: ^bb1(%[[I:.*]]: index, %[[ACC:.*]]: i32):  // 2 preds: ^bb0, ^bb6
// CHECK-NEXT:   %[[T:.*]] = arith.cmpi slt, %[[I]], %[[UB]] : index
// CHECK-NEXT:   cf.cond_br %[[T]], ^bb2, ^bb7
// CHECK-NEXT: ^bb2:  // pred: ^bb1
// CHECK-NEXT:   cf.cond_br %[[C]], ^bb3, ^bb4
// CHECK-NEXT: ^bb3:  // pred: ^bb2
// CHECK-NEXT:   %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-NEXT:   %[[INC:.*]] = arith.addi %[[ACC]], %[[ONE]] : i32
// CHECK-NEXT:   cf.br ^bb5(%[[INC]] : i32)
// CHECK-NEXT: ^bb4:  // pred: ^bb2
// CHECK-NEXT:   cf.br ^bb5(%[[ACC]] : i32)
// CHECK-NEXT: ^bb5(%[[V:.*]]: i32):  // 2 preds: ^bb3, ^bb4
// CHECK-NEXT:   cf.br ^bb6
// CHECK-NEXT: ^bb6:  // pred: ^bb5
// CHECK-NEXT:   %[[NI:.*]] = arith.addi %[[I]], %[[STEP]] : index
// CHECK-NEXT:   cf.br ^bb1(%[[NI]], %[[V]] : index, i32)
// CHECK-NEXT: ^bb7:  // pred: ^bb1
// CHECK-NEXT:   return %[[ACC]] : i32
func.func @if_in_for(%lb: index, %ub: index, %step: index, %c: i1) -> i32 {
  %zero = arith.constant 0 : i32
  %r = scf.for %i = %lb to %ub step %step iter_args(%acc = %zero) -> (i32) {
    %v = scf.if %c -> i32 {
      %one = arith.constant 1 : i32
      %s = arith.addi %acc, %one : i32
      scf.yield %s : i32
    } else {
      scf.yield %acc : i32
    }
    scf.yield %v : i32
  }
  return %r : i32
}

// -----

// On tensors, scf.forall writes slices of shared outputs: no loop can do that.
// expected-note@+1 {{pass 'convert-scf-to-cf' failed}}
module {
  func.func @forall_shared_outs(%t: tensor<8xf32>) -> tensor<8xf32> {
    // expected-error@+2 {{failed to legalize operation 'scf.forall' that was explicitly marked illegal}}
    // expected-note@+1 {{only bufferized 'scf.forall' ops (without shared_outs) can be lowered to 'scf.parallel'}}
    %r = scf.forall (%i) in (8) shared_outs(%o = %t) -> (tensor<8xf32>) {
      scf.forall.in_parallel {
      }
    }
    return %r : tensor<8xf32>
  }
}
