// RUN: ml-opt %s --split-input-file --buffer-deallocation --verify-diagnostics

// A new buffer per iteration, carried to the next one: which to free is
// only known at run time.
// expected-note@+1 {{pass 'buffer-deallocation' failed}}
module {
  func.func @carried(%n: index) -> memref<4xf32> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %init = memref.alloc() : memref<4xf32>
    %r = scf.for %i = %c0 to %n step %c1 iter_args(%a = %init) -> (memref<4xf32>) {
      // expected-error@+1 {{cannot free this buffer: a value that may be it is carried out of the region that allocates it}}
      %next = memref.alloc() : memref<4xf32>
      scf.yield %next : memref<4xf32>
    }
    return %r : memref<4xf32>
  }
}

// -----

// A buffer from another dialect's allocation that the program does not
// free: buffer-deallocation frees with memref.dealloc only (run it before
// gpu-lower, which makes host buffers with gpu.alloc).
// expected-note@+1 {{pass 'buffer-deallocation' failed}}
module {
  func.func @gpu_buffer() -> f32 {
    %c0 = arith.constant 0 : index
    // expected-error@+1 {{'gpu.alloc' op buffer-deallocation frees buffers with memref.dealloc, not one made by 'gpu.alloc': run it before the pass that made this op}}
    %a = gpu.alloc host_shared () : memref<4xf32>
    %x = memref.load %a[%c0] : memref<4xf32>
    return %x : f32
  }
}
