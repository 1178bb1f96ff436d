// RUN: ml-opt %s --split-input-file --convert-vector-to-llvm --verify-diagnostics
// The failing pass is named in a note at each chunk's module, which starts
// on the chunk's first line:
// expected-note@-3 {{pass 'convert-vector-to-llvm' failed}}

// n-D vectors are not lowered here (upstream unrolls them to arrays of
// 1-D vectors); the op is reported at its location.
func.func @two_dimensional(%x: f32) -> vector<2x4xf32> {
  // expected-error@+2 {{failed to legalize operation 'vector.broadcast' that was explicitly marked illegal}}
  // expected-note@+1 {{only fixed-size 1-D vectors lower to LLVM here, not 'vector<2x4xf32>'}}
  %0 = vector.broadcast %x : f32 to vector<2x4xf32>
  return %0 : vector<2x4xf32>
}

// -----
// expected-note {{pass 'convert-vector-to-llvm' failed}}

func.func @contract(%a: vector<4xf32>, %b: vector<4xf32>, %c: f32) -> f32 {
  // expected-error@+1 {{failed to legalize operation 'vector.contract' that was explicitly marked illegal}}
  %0 = vector.contract {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> ()>], iterator_types = ["reduction"], kind = #vector.kind<add>} %a, %b, %c : vector<4xf32>, vector<4xf32> into f32
  return %0 : f32
}

// -----
// expected-note {{pass 'convert-vector-to-llvm' failed}}

func.func @transposed(%m: memref<?x?xf32>, %i: index) -> vector<4xf32> {
  %pad = arith.constant 0.0 : f32
  // expected-error@+2 {{failed to legalize operation 'vector.transfer_read'}}
  // expected-note@+1 {{only transfers along the innermost dimension (a minor identity map) lower here}}
  %0 = vector.transfer_read %m[%i, %i], %pad {permutation_map = affine_map<(d0, d1) -> (d0)>} : memref<?x?xf32>, vector<4xf32>
  return %0 : vector<4xf32>
}

// -----
// expected-note {{pass 'convert-vector-to-llvm' failed}}

func.func @tensor(%t: tensor<?xf32>, %i: index) -> vector<4xf32> {
  %pad = arith.constant 0.0 : f32
  // expected-error@+2 {{failed to legalize operation 'vector.transfer_read'}}
  // expected-note@+1 {{transfers of tensors lower after bufferization}}
  %0 = vector.transfer_read %t[%i], %pad : tensor<?xf32>, vector<4xf32>
  return %0 : vector<4xf32>
}

// -----
// expected-note {{pass 'convert-vector-to-llvm' failed}}

func.func @print_matrix(%v: vector<2x2xf32>) {
  // expected-error@+2 {{failed to legalize operation 'vector.print'}}
  // expected-note@+1 {{only scalars and fixed-size 1-D vectors print here, not 'vector<2x2xf32>'}}
  vector.print %v : vector<2x2xf32>
  return
}

// -----
// expected-note {{pass 'convert-vector-to-llvm' failed}}

func.func @outer(%a: vector<4xf32>, %b: vector<8xf32>) -> vector<4x8xf32> {
  // expected-error@+2 {{failed to legalize operation 'vector.outerproduct'}}
  // expected-note@+1 {{only fixed-size 1-D vectors lower to LLVM here, not 'vector<4x8xf32>'}}
  %0 = vector.outerproduct %a, %b : vector<4xf32>, vector<8xf32>
  return %0 : vector<4x8xf32>
}
