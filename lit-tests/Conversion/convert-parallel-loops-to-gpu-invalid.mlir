// RUN: ml-opt %s --split-input-file --convert-parallel-loops-to-gpu --verify-diagnostics

// Each case fails at the loop; the failing pass is named in a note at the
// case's module, which starts on its first line:
// expected-note@-4 {{pass 'convert-parallel-loops-to-gpu' failed}}

func.func @not_a_loop_mapping(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // expected-error@+1 {{'scf.parallel' op expected mapping attribute for lowering to GPU}}
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    scf.reduce
  } {mapping = [1]}
  return
}

// -----

// expected-note@-1 {{pass 'convert-parallel-loops-to-gpu' failed}}
func.func @mapping_per_dimension(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // expected-error@+1 {{'scf.parallel' op expected mapping attribute for lowering to GPU}}
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %n) step (%c1, %c1) {
    scf.reduce
  } {mapping = [#gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
  return
}

// -----

// expected-note@-1 {{pass 'convert-parallel-loops-to-gpu' failed}}
func.func @non_identity_map(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // expected-error@+1 {{'scf.parallel' op only identity 'map' and 'bound' maps can be lowered to GPU}}
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    scf.reduce
  } {mapping = [#gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0 * 2), bound = (d0) -> (d0)>]}
  return
}

// -----

// expected-note@-1 {{pass 'convert-parallel-loops-to-gpu' failed}}
func.func @warp_mapping(%m: memref<?xf32>) {
  // expected-error@+1 {{'scf.forall' op cannot map a forall to 'warp' ids; only blocks and threads are supported}}
  scf.forall (%i) in (4) {
  } {mapping = [#gpu.warp<x>]}
  return
}

// -----

// expected-note@-1 {{pass 'convert-parallel-loops-to-gpu' failed}}
func.func @mixed_mapping(%m: memref<?xf32>) {
  // expected-error@+1 {{'scf.forall' op cannot mix block and thread mappings in one forall}}
  scf.forall (%i, %j) in (4, 4) {
  } {mapping = [#gpu.block<x>, #gpu.thread<x>]}
  return
}

// -----

// expected-note@-1 {{pass 'convert-parallel-loops-to-gpu' failed}}
func.func @dynamic_thread_count(%m: memref<?xf32>, %n: index) {
  scf.forall (%i) in (4) {
    // expected-error@+1 {{'scf.forall' op a thread-mapped forall needs static bounds to give the block size}}
    scf.forall (%j) in (%n) {
      %x = memref.load %m[%j] : memref<?xf32>
      memref.store %x, %m[%i] : memref<?xf32>
    } {mapping = [#gpu.thread<x>]}
  } {mapping = [#gpu.block<x>]}
  return
}

// -----

// expected-note@-1 {{pass 'convert-parallel-loops-to-gpu' failed}}
func.func @shared_outputs(%t: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'scf.forall' op cannot map a forall with shared outputs to a gpu.launch}}
  %r = scf.forall (%i) in (4) shared_outs(%o = %t) -> (tensor<4xf32>) {
  } {mapping = [#gpu.block<x>]}
  return %r : tensor<4xf32>
}
