// RUN: ml-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

// Structural rules of the verifier: dominance, terminators, isolation.

func.func @use_before_def() {
  // expected-error@+1 {{operand #0 does not dominate this use}}
  "test.use"(%v) : (i32) -> ()
  // expected-note@+1 {{operand defined here}}
  %v = "test.def"() : () -> i32
  return
}

// -----

func.func @not_dominating(%c: i1) {
  "test.cond_br"()[^a, ^b] : () -> ()
^a:
  // expected-note@+1 {{operand defined here}}
  %v = "test.def"() : () -> i32
  "test.br"()[^b] : () -> ()
^b:
  // expected-error@+1 {{operand #0 does not dominate this use}}
  "test.use"(%v) : (i32) -> ()
  return
}

// -----

func.func @no_terminator() {
  // expected-error@+1 {{block with no terminator, has}}
  %f = func.constant @no_terminator : () -> ()
}

// -----

func.func @outer(%a: i32) {
  // expected-note@+1 {{required by region isolation constraints}}
  "builtin.module"() ({
    // expected-error@+1 {{'test.use' op using value defined outside the region}}
    "test.use"(%a) : (i32) -> ()
  }) : () -> ()
  return
}

// -----

func.func @outer() {
  // expected-error@+1 {{'func.func' op symbol's parent must have the SymbolTable trait}}
  func.func @inner() {
    return
  }
  return
}

// -----

func.func @not_last() {
  // expected-error@+1 {{'func.return' op must be the last operation in the parent block}}
  return
  "test.after"() : () -> ()
}

// -----

func.func @f() {
  // expected-error@+1 {{reference to an undefined block}}
  "test.br"()[^nowhere] : () -> ()
}
