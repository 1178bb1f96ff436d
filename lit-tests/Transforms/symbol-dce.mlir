// RUN: ml-opt %s --split-input-file --symbol-dce | FileCheck %s

// Unused private functions go; public ones and used ones stay. A function
// used only by a dead one goes in the next round; recursion alone does not
// keep a function alive.

// CHECK-NOT: @dead
// CHECK-NOT: @only_from_dead
// CHECK-NOT: @recursive
// CHECK-DAG: func.func private @used(
// CHECK-DAG: func.func @public(
// CHECK-DAG: func.func @entry(
func.func private @dead() {
  call @only_from_dead() : () -> ()
  return
}
func.func private @only_from_dead() {
  return
}
func.func private @recursive() {
  call @recursive() : () -> ()
  return
}
func.func private @used() {
  return
}
func.func @public() {
  return
}
func.func @entry() {
  call @used() : () -> ()
  return
}

// -----

// A reference through func.constant counts as a use.
// CHECK-LABEL: func.func private @by_value
// CHECK-LABEL: func.func @take
func.func private @by_value() {
  return
}
func.func @take() -> (() -> ()) {
  %f = func.constant @by_value : () -> ()
  return %f : () -> ()
}
