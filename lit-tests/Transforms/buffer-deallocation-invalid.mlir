// RUN: ml-opt %s --buffer-deallocation --verify-diagnostics
// The failing pass is named in a note at the module, which starts on line 1:
// expected-note@-2 {{pass 'buffer-deallocation' failed}}

// A new buffer per iteration, carried to the next one: which to free is
// only known at run time.
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
