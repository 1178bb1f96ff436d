// RUN: ml-opt %s --split-input-file --verify-diagnostics

// expected-note@+1 {{prior use here}}
func.func @bound_types(%a: index, %b: i32) {
  // expected-error@+1 {{use of value '%b' expects different type than prior uses: 'index' vs 'i32'}}
  scf.for %i = %a to %b step %a {
  }
  return
}

// -----

func.func @yield_type(%a: index, %x: f32, %y: i32) {
  // expected-error@+1 {{'scf.for' op the loop body yields (i32) but the op expects (f32)}}
  %r = scf.for %i = %a to %a step %a iter_args(%acc = %x) -> (f32) {
    scf.yield %y : i32
  }
  return
}

// -----

func.func @if_without_else(%c: i1, %x: f32) -> f32 {
  // expected-error@+1 {{'scf.if' op must have an else block if defining values}}
  %r = scf.if %c -> (f32) {
    scf.yield %x : f32
  }
  return %r : f32
}

// -----

func.func @while_terminator(%x: i32) {
  // expected-error@+1 {{'scf.while' op expects the 'before' region to terminate with 'scf.condition'}}
  %r = scf.while (%a = %x) : (i32) -> i32 {
    scf.yield %a : i32
  } do {
  ^bb0(%b: i32):
    scf.yield %b : i32
  }
  return
}

// -----

func.func @condition_type(%x: i32) {
  // expected-note@+1 {{prior use here}}
  %r = scf.while (%a = %x) : (i32) -> i32 {
    // expected-error@+1 {{use of value '%a' expects different type than prior uses: 'i1' vs 'i32'}}
    scf.condition(%a) %a : i32
  } do {
  ^bb0(%b: i32):
    scf.yield %b : i32
  }
  return
}

// -----

func.func @yield_outside(%x: i32) {
  // expected-error@+1 {{'scf.yield' op must be the last operation in the parent block}}
  scf.yield
  return
}

// -----

func.func @duplicate_case(%i: index) {
  // expected-error@+1 {{'scf.index_switch' op has duplicate case value: 2}}
  scf.index_switch %i
  case 2 {
  }
  case 2 {
  }
  default {
  }
  return
}

// -----

func.func @parallel_bounds(%a: index) {
  // expected-error@+1 {{'scf.parallel' op expects the same number of lower bounds, upper bounds and steps}}
  scf.parallel (%i) = (%a) to (%a, %a) step (%a) {
  }
  return
}

// -----

func.func @reduce_region(%a: index, %x: f32) {
  %r = scf.parallel (%i) = (%a) to (%a) step (%a) init (%x) -> f32 {
    // expected-error@+1 {{'scf.reduce' op expects reduction region #0 to return a value of type 'f32'}}
    scf.reduce(%x : f32) {
    ^bb0(%l: f32, %r: f32):
      %c = arith.constant 1 : i32
      scf.reduce.return %c : i32
    }
  }
  return
}

// -----

func.func @forall_bounds(%n: index) {
  // expected-error@+1 {{'scf.forall' op region expects 1 arguments}}
  "scf.forall"(%n) <{operandSegmentSizes = array<i32: 0, 1, 0, 0>, staticLowerBound = array<i64: 0>, staticStep = array<i64: 1>, staticUpperBound = array<i64: -9223372036854775808>}> ({
  ^bb0(%i: index, %j: index):
    scf.forall.in_parallel {
    }
  }) : (index) -> ()
  return
}

// -----

func.func @forall_step() {
  // expected-error@+1 {{'scf.forall' op constant step must be positive}}
  scf.forall (%i) = (0) to (8) step (0) {
  }
  return
}

// -----

func.func @forall_mapping() {
  // expected-error@+1 {{'scf.forall' op mapping attribute size must match op rank}}
  scf.forall (%i) in (8) {
  } {mapping = [#gpu.block<x>, #gpu.block<y>]}
  return
}

// -----

func.func @forall_outputs(%t: tensor<8xf32>) {
  // expected-error@+1 {{'scf.forall' op expected the shared outputs and the results to have the same types}}
  %r = "scf.forall"(%t) <{operandSegmentSizes = array<i32: 0, 0, 0, 1>, staticLowerBound = array<i64: 0>, staticStep = array<i64: 1>, staticUpperBound = array<i64: 4>}> ({
  ^bb0(%i: index, %o: tensor<8xf32>):
    scf.forall.in_parallel {
    }
  }) : (tensor<8xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @in_parallel_dest(%t: tensor<8xf32>, %s: tensor<4xf32>) {
  %r = scf.forall (%i) in (2) shared_outs(%o = %t) -> (tensor<8xf32>) {
    // expected-error@+1 {{'scf.forall.in_parallel' op expected only ops that insert into a shared output of the loop, found 'tensor.parallel_insert_slice'}}
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %s into %t[0] [4] [1] : tensor<4xf32> into tensor<8xf32>
    }
  }
  return
}
