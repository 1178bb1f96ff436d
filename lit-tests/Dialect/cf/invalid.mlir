// RUN: ml-opt %s --split-input-file --verify-diagnostics

func.func @arg_count(%a: i32) {
  // expected-error@+1 {{'cf.br' op branch has 1 operands for successor #0, but target block has 0}}
  cf.br ^bb1(%a : i32)
^bb1:
  return
}

// -----

func.func @arg_type(%a: i32) {
  // expected-error@+1 {{'cf.br' op type mismatch for bb argument #0 of successor #0: 'i32' vs 'i64'}}
  cf.br ^bb1(%a : i32)
^bb1(%b: i64):
  return
}

// -----

// expected-note@+1 {{prior use here}}
func.func @cond_type(%a: i32) {
  // expected-error@+1 {{use of value '%a' expects different type than prior uses: 'i1' vs 'i32'}}
  cf.cond_br %a, ^bb1, ^bb1
^bb1:
  return
}

// -----

func.func @false_dest(%c: i1, %a: i32) {
  // expected-error@+1 {{'cf.cond_br' op branch has 0 operands for successor #1, but target block has 1}}
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  return
^bb2(%x: i32):
  return
}

// -----

func.func @switch_range(%f: i8) {
  // expected-error@+3 {{case value is out of range for the flag type}}
  cf.switch %f : i8, [
    default: ^bb1,
    1000: ^bb1
  ]
^bb1:
  return
}

// -----

func.func @switch_counts(%f: i32) {
  // expected-error@+1 {{'cf.switch' op number of case values (1) should match number of case destinations (2)}}
  "cf.switch"(%f)[^bb1, ^bb1, ^bb1] <{case_operand_segments = array<i32: 0, 0>, case_values = dense<[1]> : vector<1xi32>, operandSegmentSizes = array<i32: 1, 0, 0>}> : (i32) -> ()
^bb1:
  return
}

// -----

func.func @assert_type(%a: i32) {
  // expected-error@+1 {{'cf.assert' op operand #0 must be 1-bit signless integer, but got 'i32'}}
  "cf.assert"(%a) <{msg = "m"}> : (i32) -> ()
  return
}
