// RUN: ml-opt %s --split-input-file --verify-diagnostics

llvm.func @shuffle_result_type(%mask: i32, %x: f32) {
  // expected-error@+1 {{'nvvm.shfl.sync' op expected return type to be of type 'f32' but got 'i32' instead}}
  %0 = nvvm.shfl.sync bfly %mask, %x, %mask, %mask : f32 -> i32
  llvm.return
}

// -----

llvm.func @shuffle_validity_needs_struct(%mask: i32, %x: f32) {
  // expected-error@+1 {{'nvvm.shfl.sync' op expected return type to be a two-element struct}}
  %0 = nvvm.shfl.sync bfly %mask, %x, %mask, %mask {return_value_and_is_valid} : f32 -> f32
  llvm.return
}

// -----

llvm.func @shuffle_validity_is_i1(%mask: i32, %x: f32) {
  // expected-error@+1 {{'nvvm.shfl.sync' op expected second element in the returned struct to be of type 'i1' but got 'i32' instead}}
  %0 = nvvm.shfl.sync bfly %mask, %x, %mask, %mask {return_value_and_is_valid} : f32 -> !llvm.struct<(f32, i32)>
  llvm.return
}

// -----

llvm.func @shuffle_kind(%mask: i32, %x: f32) {
  // expected-error@+1 {{expected ::mlir::NVVM::ShflKind to be one of: bfly, up, down, idx}}
  %0 = nvvm.shfl.sync foo %mask, %x, %mask, %mask : f32 -> f32
  llvm.return
}

// -----

llvm.func @shuffle_value_type(%mask: i32, %p: i1) {
  // expected-error@+1 {{'nvvm.shfl.sync' op operand #1 must be 32-bit signless integer or 32-bit float, but got 'i1'}}
  %0 = "nvvm.shfl.sync"(%mask, %p, %mask, %mask) <{kind = #nvvm<shfl_kind bfly>}> : (i32, i1, i32, i32) -> i1
  llvm.return
}

// -----

llvm.func @ballot_is_i32(%mask: i32, %p: i1) {
  // expected-error@+1 {{'nvvm.vote.sync' op vote.sync 'ballot' returns an i32}}
  %0 = nvvm.vote.sync ballot %mask, %p -> i1
  llvm.return
}

// -----

llvm.func @any_is_i1(%mask: i32, %p: i1) {
  // expected-error@+1 {{'nvvm.vote.sync' op vote.sync 'any', 'all' and 'uni' returns an i1}}
  %0 = nvvm.vote.sync any %mask, %p -> i32
  llvm.return
}

// -----

llvm.func @redux_integer_kind_on_float(%mask: i32, %x: f32) {
  // expected-error@+1 {{'nvvm.redux.sync' op 'add' redux kind unsupported with 'f32' type. Only supported type is 'i32'.}}
  %0 = nvvm.redux.sync add %x, %mask : f32 -> f32
  llvm.return
}

// -----

llvm.func @redux_float_kind_on_integer(%mask: i32) {
  // expected-error@+1 {{'nvvm.redux.sync' op 'fmax' redux kind unsupported with 'i32' type. Only supported type is 'f32'.}}
  %0 = nvvm.redux.sync fmax %mask, %mask : i32 -> i32
  llvm.return
}

// -----

llvm.func @redux_kind(%mask: i32) {
  // expected-error@+1 {{expected ::mlir::NVVM::ReduxKind to be one of: add, and, max, min, or, umax, umin, xor, fmin, fmax}}
  %0 = nvvm.redux.sync foo %mask, %mask : i32 -> i32
  llvm.return
}

// -----

llvm.func @empty_range() {
  // expected-error@+1 {{'nvvm.read.ptx.sreg.tid.x' op invalid range attribute: Lower == Upper, but they aren't min (0) or max (4294967295) value! This is an invalid constant range.}}
  %0 = nvvm.read.ptx.sreg.tid.x range <i32, 4, 4> : i32
  llvm.return
}

// -----

llvm.func @range_needs_three_parts() {
  // expected-error@+1 {{expected ','}}
  %0 = nvvm.read.ptx.sreg.tid.x range <i32, 0> : i32
  llvm.return
}

// -----

llvm.func @clock_has_no_range() {
  // expected-error@+1 {{expected ':'}}
  %0 = nvvm.read.ptx.sreg.clock range <i32, 0, 4> : i32
  llvm.return
}

// -----

llvm.func @warp_sync_mask(%x: f32) {
  // expected-error@+1 {{'nvvm.bar.warp.sync' op operand #0 must be 32-bit signless integer, but got 'f32'}}
  "nvvm.bar.warp.sync"(%x) : (f32) -> ()
  llvm.return
}
