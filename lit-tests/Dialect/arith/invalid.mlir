// RUN: ml-opt %s --split-input-file --verify-diagnostics

func.func @mixed_types(%a: i32, %b: i64) {
  // expected-error@+1 {{'arith.addi' op requires the same type for all operands and results}}
  %0 = "arith.addi"(%a, %b) : (i32, i64) -> i32
  return
}

// -----

func.func @float_to_addi(%a: f32) {
  // expected-error@+1 {{'arith.addi' op operand #0 must be signless-integer-like, but got 'f32'}}
  %0 = arith.addi %a, %a : f32
  return
}

// -----

func.func @int_to_addf(%a: i32) {
  // expected-error@+1 {{'arith.addf' op operand #0 must be floating-point-like, but got 'i32'}}
  %0 = arith.addf %a, %a : i32
  return
}

// -----

func.func @narrowing_ext(%a: i32) {
  // expected-error@+1 {{'arith.extsi' op result type 'i16' must be wider than operand type 'i32'}}
  %0 = arith.extsi %a : i32 to i16
  return
}

// -----

func.func @widening_trunc(%a: i16) {
  // expected-error@+1 {{'arith.trunci' op result type 'i32' must be shorter than operand type 'i16'}}
  %0 = arith.trunci %a : i16 to i32
  return
}

// -----

func.func @shape_change(%a: vector<4xi32>) {
  // expected-error@+1 {{'arith.extsi' op 'vector<4xi32>' and 'vector<2xi64>' are not cast compatible}}
  %0 = arith.extsi %a : vector<4xi32> to vector<2xi64>
  return
}

// -----

func.func @index_cast_without_index(%a: i32) {
  // expected-error@+1 {{'arith.index_cast' op exactly one of the types must be index}}
  %0 = arith.index_cast %a : i32 to i64
  return
}

// -----

func.func @bitcast_width(%a: f32) {
  // expected-error@+1 {{'arith.bitcast' op operand type 'f32' and result type 'i64' are cast incompatible}}
  %0 = arith.bitcast %a : f32 to i64
  return
}

// -----

func.func @bad_predicate(%a: i32) {
  // expected-error@+1 {{expected integer comparison predicate, found 'lt'}}
  %0 = arith.cmpi lt, %a, %a : i32
  return
}

// -----

func.func @cmp_result(%a: i32) {
  // expected-error@+1 {{'arith.cmpi' op result #0 must be bool-like, but got 'i32'}}
  %0 = "arith.cmpi"(%a, %a) <{predicate = 0 : i64}> : (i32, i32) -> i32
  return
}

// -----

func.func @predicate_range(%a: i32) {
  // expected-error@+1 {{'arith.cmpi' op attribute 'predicate' failed to satisfy constraint}}
  %0 = "arith.cmpi"(%a, %a) <{predicate = 42 : i64}> : (i32, i32) -> i1
  return
}

// -----

func.func @constant_type() {
  // expected-error@+1 {{'arith.constant' op value type and result type must match}}
  %0 = "arith.constant"() <{value = 1 : i32}> : () -> i64
  return
}

// -----

func.func @select_shape(%c: vector<2xi1>, %a: vector<4xf32>) {
  // expected-error@+1 {{'arith.select' op expected condition type to have the same shape as the result type}}
  %0 = arith.select %c, %a, %a : vector<2xi1>, vector<4xf32>
  return
}

// -----

func.func @bad_flag(%a: i32) {
  // expected-error@+1 {{expected one of [none, nsw, nuw] for overflow flags, found 'fast'}}
  %0 = arith.addi %a, %a overflow<fast> : i32
  return
}

// -----

func.func @literal_range() {
  // expected-error@+1 {{integer constant out of range for attribute}}
  %0 = arith.constant 300 : i8
  return
}

// -----

func.func @cmp_shape(%a: vector<4xi32>) {
  // expected-error@+1 {{'arith.cmpi' op result type 'vector<2xi1>' must be i1 shaped like the operands ('vector<4xi1>')}}
  %0 = "arith.cmpi"(%a, %a) <{predicate = 0 : i64}> : (vector<4xi32>, vector<4xi32>) -> vector<2xi1>
  return
}
