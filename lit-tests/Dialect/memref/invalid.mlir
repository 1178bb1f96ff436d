// RUN: ml-opt %s --split-input-file --verify-diagnostics

func.func @sizes(%n: index) {
  // expected-error@+1 {{'memref.alloc' op dimension operand count does not equal memref dynamic dimension count}}
  %a = memref.alloc() : memref<?xf32>
  return
}

// -----

func.func @symbols(%n: index) {
  // expected-error@+1 {{'memref.alloc' op symbol operand count does not equal memref symbol count}}
  %a = memref.alloc() : memref<4xf32, strided<[1], offset: ?>>
  return
}

// -----

func.func @indices(%m: memref<4x4xf32>, %i: index) {
  // expected-error@+1 {{'memref.load' op incorrect number of indices for load, expected 2 but got 1}}
  %x = memref.load %m[%i] : memref<4x4xf32>
  return
}

// -----

// expected-note@+1 {{prior use here}}
func.func @store_type(%m: memref<4xf32>, %i: index, %x: i32) {
  // expected-error@+1 {{use of value '%x' expects different type than prior uses: 'f32' vs 'i32'}}
  memref.store %x, %m[%i] : memref<4xf32>
  return
}

// -----

func.func @cast(%m: memref<4xf32>) {
  // expected-error@+1 {{'memref.cast' op operand type 'memref<4xf32>' and result type 'memref<8xf32>' are cast incompatible}}
  %c = memref.cast %m : memref<4xf32> to memref<8xf32>
  return
}

// -----

func.func @missing_global() {
  // expected-error@+1 {{'memref.get_global' op 'nowhere' does not reference a valid global memref}}
  %g = memref.get_global @nowhere : memref<4xf32>
  return
}
