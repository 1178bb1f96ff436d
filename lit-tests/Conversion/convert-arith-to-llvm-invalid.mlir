// RUN: ml-opt %s --split-input-file --convert-arith-to-llvm --verify-diagnostics
// The failing pass is named in a note at the module, which starts on line 1:
// expected-note@-2 {{pass 'convert-arith-to-llvm' failed}}

// Ops with no lowering are reported at their location.
func.func @unsupported(%a: i32, %b: i32) -> i32 {
  // expected-error@+1 {{failed to legalize operation 'arith.mulsi_extended'}}
  %low, %high = arith.mulsi_extended %a, %b : i32
  return %low : i32
}
