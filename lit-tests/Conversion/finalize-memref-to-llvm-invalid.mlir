// RUN: ml-opt %s --split-input-file --finalize-memref-to-llvm --verify-diagnostics

// A layout given by an arbitrary affine map has no strides to lower with.
// expected-note@+1 {{pass 'finalize-memref-to-llvm' failed}}
module {
  func.func @affine_layout(%m: memref<4xf32, affine_map<(d0) -> (d0 floordiv 2)>>, %i: index) -> f32 {
    // expected-error@+1 {{failed to legalize operation 'memref.load'}}
    %x = memref.load %m[%i] : memref<4xf32, affine_map<(d0) -> (d0 floordiv 2)>>
    return %x : f32
  }
}

// -----

// LLVM has no atomic multiplication (upstream expands it into a
// compare-and-swap loop first).
// expected-note@+1 {{pass 'finalize-memref-to-llvm' failed}}
module {
  func.func @atomic_mulf(%m: memref<8xf32>, %i: index, %v: f32) -> f32 {
    // expected-error@+2 {{failed to legalize operation 'memref.atomic_rmw'}}
    // expected-note@+1 {{'mulf' and 'muli' have no LLVM atomic operation}}
    %a = memref.atomic_rmw mulf %v, %m[%i] : (f32, memref<8xf32>) -> f32
    return %a : f32
  }
}

// -----

// memref.reshape to an unranked buffer needs a loop over the sizes.
// expected-note@+1 {{pass 'finalize-memref-to-llvm' failed}}
module {
  func.func @reshape_unranked(%m: memref<2x6xf32>, %s: memref<?xi32>) -> memref<*xf32> {
    // expected-error@+2 {{failed to legalize operation 'memref.reshape'}}
    // expected-note@+1 {{only reshapes of ranked buffers to ranked buffers are lowered}}
    %r = memref.reshape %m(%s) : (memref<2x6xf32>, memref<?xi32>) -> memref<*xf32>
    return %r : memref<*xf32>
  }
}
