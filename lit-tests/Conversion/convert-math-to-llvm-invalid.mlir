// RUN: ml-opt %s --convert-math-to-llvm --verify-diagnostics
// The failing pass is named in a note at the module, which starts on line 1:
// expected-note@-2 {{pass 'convert-math-to-llvm' failed}}

// libm has no half-precision erf.
func.func @half(%x: f16) -> f16 {
  // expected-error@+1 {{failed to legalize operation 'math.erf'}}
  %0 = math.erf %x : f16
  return %0 : f16
}
