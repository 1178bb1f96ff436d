// RUN: ml-opt %s --finalize-memref-to-llvm --verify-diagnostics
// The failing pass is named in a note at the module, which starts on line 1:
// expected-note@-2 {{pass 'finalize-memref-to-llvm' failed}}

// A layout given by an arbitrary affine map has no strides to lower with.
func.func @affine_layout(%m: memref<4xf32, affine_map<(d0) -> (d0 floordiv 2)>>, %i: index) -> f32 {
  // expected-error@+1 {{failed to legalize operation 'memref.load'}}
  %x = memref.load %m[%i] : memref<4xf32, affine_map<(d0) -> (d0 floordiv 2)>>
  return %x : f32
}
