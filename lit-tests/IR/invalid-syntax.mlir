// RUN: ml-opt %s --split-input-file --verify-diagnostics

// Each chunk is one malformed input; the error points at the offending token.

func.func @f() {
  // expected-error@+1 {{use of undeclared SSA value name}}
  "func.return"(%missing) : (i32) -> ()
}

// -----

func.func @f(%a: i32) {
  // expected-note@+1 {{previously defined here}}
  %x = func.constant @f : (i32) -> ()
  // expected-error@+1 {{redefinition of SSA value '%x'}}
  %x = func.constant @f : (i32) -> ()
  return
}

// -----

// expected-error@+1 {{custom op 'nosuch' is unknown}}
nosuch

// -----

// expected-error@+1 {{operation being parsed with an unregistered dialect 'test'}}
"test.op"() : () -> ()


// -----

func.func @f() {
  // expected-error@+1 {{integer constant out of range for attribute}}
  "func.return"() {big = 10000000000000000000000000000000000000000 : i64} : () -> ()
}

// -----

func.func @f() {
  // expected-error@+1 {{integer constant out of range for attribute}}
  "func.return"() {small = 256 : i8} : () -> ()
}

// -----

// expected-error@+1 {{expected type}}
func.func @f(%a: notatype) {
  return
}

// -----

// expected-error@+1 {{undefined symbol alias id 'nope'}}
func.func @f(%a: !nope) {
  return
}

// -----

// expected-note@+1 {{prior use here}}
func.func @f(%a: i32) {
  // expected-error@+1 {{use of value '%a' expects different type than prior uses: 'i64' vs 'i32'}}
  "func.return"(%a) : (i64) -> ()
}

// -----

func.func @f() {
  // expected-error@+1 {{expected 1 operand type but had 0}}
  "func.return"(%a) : () -> ()
}

// -----

func.func @f() {
  // expected-error@+1 {{operation defines 1 results but was provided 2 to bind}}
  %a, %b = "func.constant"() <{value = @f}> : () -> (() -> ())
  return
}

// -----

// expected-error@+1 {{expected attribute value}}
"func.return"() {a = } : () -> ()

// -----

// expected-error@+1 {{duplicate key 'a' in dictionary attribute}}
"func.return"() {a = 1, a = 2} : () -> ()

// -----

// expected-error@+1 {{inferred shape of elements literal ([3]) does not match type ([2])}}
"func.return"() {a = dense<[1, 2, 3]> : tensor<2xi32>} : () -> ()

// -----

// expected-error@+1 {{use of undeclared identifier 'd9'}}
"func.return"() {a = affine_map<(d0) -> (d9)>} : () -> ()

// -----

// expected-error@+1 {{non-affine expression: at least one of the multiply operands has to be either a constant or symbolic}}
"func.return"() {a = affine_map<(d0, d1) -> (d0 * d1)>} : () -> ()
