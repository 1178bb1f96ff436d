// RUN: ml-opt %s --one-shot-bufferize="bufferize-function-boundaries" | FileCheck %s

// The in-place analysis: a write goes into the operand's own buffer unless
// the old contents are read later (or the buffer is read-only); then it
// goes into a copy. Each case matches upstream's decision.

// %t is returned after the fill, so the fill writes a copy (no contents
// needed: fill reads nothing).
// CHECK-LABEL: func.func @read_after_write(
// CHECK: %[[NEW:.*]] = memref.alloc()
// CHECK-NOT: memref.copy
// CHECK: linalg.fill ins(%arg1 : f32) outs(%[[NEW]] : memref<4xf32>)
// CHECK: return %[[NEW]], %arg0
func.func @read_after_write(%t: tensor<4xf32>, %x: f32) -> (tensor<4xf32>, tensor<4xf32>) {
  %f = linalg.fill ins(%x : f32) outs(%t : tensor<4xf32>) -> tensor<4xf32>
  return %f, %t : tensor<4xf32>, tensor<4xf32>
}

// Constants live in read-only globals: an insert copies first.
// CHECK-LABEL: func.func @write_into_constant(
// CHECK: %[[G:.*]] = memref.get_global @__constant_4xf32 : memref<4xf32>
// CHECK: %[[NEW:.*]] = memref.alloc()
// CHECK-NEXT: memref.copy %[[G]], %[[NEW]]
// CHECK-NEXT: memref.store %arg0, %[[NEW]]
func.func @write_into_constant(%x: f32) -> tensor<4xf32> {
  %c = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %c0 = arith.constant 0 : index
  %i = tensor.insert %x into %c[%c0] : tensor<4xf32>
  return %i : tensor<4xf32>
}

// A matmul reading the buffer it accumulates into would see its own
// partial sums: the output is a copy.
// CHECK-LABEL: func.func @matmul_reads_its_output(
// CHECK: %[[NEW:.*]] = memref.alloc()
// CHECK-NEXT: memref.copy %arg0, %[[NEW]]
// CHECK-NEXT: linalg.matmul ins(%arg0, %arg0 : {{.*}}) outs(%[[NEW]] : memref<4x4xf32>)
func.func @matmul_reads_its_output(%a: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %m = linalg.matmul ins(%a, %a : tensor<4x4xf32>, tensor<4x4xf32>) outs(%a : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %m : tensor<4x4xf32>
}

// An elementwise op reads each element before overwriting it: in place.
// CHECK-LABEL: func.func @elementwise_in_place(
// CHECK-NOT: memref.alloc
// CHECK: linalg.add ins(%arg0, %arg1 : {{.*}}) outs(%arg0 : memref<4xf32, strided<[?], offset: ?>>)
func.func @elementwise_in_place(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %m = linalg.add ins(%a, %b : tensor<4xf32>, tensor<4xf32>) outs(%a : tensor<4xf32>) -> tensor<4xf32>
  return %m : tensor<4xf32>
}

// A read in the other branch never runs after the write: in place.
// CHECK-LABEL: func.func @exclusive_branches(
// CHECK-NOT: memref.alloc
// CHECK: linalg.fill ins(%arg2 : f32) outs(%arg1 : memref<4xf32, strided<[?], offset: ?>>)
func.func @exclusive_branches(%c: i1, %t: tensor<4xf32>, %x: f32) -> (tensor<4xf32>, f32) {
  %c0 = arith.constant 0 : index
  %r:2 = scf.if %c -> (tensor<4xf32>, f32) {
    %f = linalg.fill ins(%x : f32) outs(%t : tensor<4xf32>) -> tensor<4xf32>
    scf.yield %f, %x : tensor<4xf32>, f32
  } else {
    %e = tensor.extract %t[%c0] : tensor<4xf32>
    scf.yield %t, %e : tensor<4xf32>, f32
  }
  return %r#0, %r#1 : tensor<4xf32>, f32
}

// A tensor from outside a loop, read in the loop before it is written there:
// the next iteration reads it again, so each write goes into a copy.
// CHECK-LABEL: func.func @loop_reads_again(
// CHECK: scf.for
// CHECK: memref.load %arg0
// CHECK: %[[NEW:.*]] = memref.alloc()
// CHECK-NEXT: memref.copy %arg0, %[[NEW]]
// CHECK-NEXT: memref.store %{{.*}}, %[[NEW]]
func.func @loop_reads_again(%t: tensor<4xf32>, %n: index) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %z = arith.constant 0.0 : f32
  %s = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %z) -> f32 {
    %e = tensor.extract %t[%c0] : tensor<4xf32>
    %a = arith.addf %acc, %e : f32
    %u = tensor.insert %a into %t[%c0] : tensor<4xf32>
    %e2 = tensor.extract %u[%c0] : tensor<4xf32>
    scf.yield %e2 : f32
  }
  return %s : f32
}

// A read-only argument is never written (the attribute goes away).
// CHECK-LABEL: func.func @read_only_argument(%arg0: memref<4xf32, strided<[?], offset: ?>>, %arg1: f32) -> memref<4xf32> {
// CHECK: %[[NEW:.*]] = memref.alloc()
// CHECK: linalg.fill ins(%arg1 : f32) outs(%[[NEW]] : memref<4xf32>)
func.func @read_only_argument(%t: tensor<4xf32> {bufferization.writable = false}, %x: f32) -> tensor<4xf32> {
  %f = linalg.fill ins(%x : f32) outs(%t : tensor<4xf32>) -> tensor<4xf32>
  return %f : tensor<4xf32>
}

// The callee writes its argument in place and returns it; the caller reads
// its own argument after the call, so it passes a copy. The callee's result
// is the copy's buffer.
// CHECK-LABEL: func.func @writer(
// CHECK-NEXT: linalg.fill ins(%arg1 : f32) outs(%arg0 : memref<4xf32, strided<[?], offset: ?>>)
// CHECK-NEXT: return %arg0 : memref<4xf32, strided<[?], offset: ?>>
// CHECK-LABEL: func.func @call_writer(
// CHECK: %[[NEW:.*]] = memref.alloc()
// CHECK: %[[CAST:.*]] = memref.cast %[[NEW]] : memref<4xf32> to memref<4xf32, strided<[?], offset: ?>>
// CHECK-NEXT: %[[R:.*]] = call @writer(%[[CAST]], %arg1)
// CHECK-NEXT: memref.load %arg0
// CHECK-NEXT: return %[[R]]
func.func @writer(%t: tensor<4xf32>, %x: f32) -> tensor<4xf32> {
  %f = linalg.fill ins(%x : f32) outs(%t : tensor<4xf32>) -> tensor<4xf32>
  return %f : tensor<4xf32>
}
func.func @call_writer(%t: tensor<4xf32>, %x: f32) -> (tensor<4xf32>, f32) {
  %c0 = arith.constant 0 : index
  %r = call @writer(%t, %x) : (tensor<4xf32>, f32) -> tensor<4xf32>
  %e = tensor.extract %t[%c0] : tensor<4xf32>
  return %r, %e : tensor<4xf32>, f32
}

// Functions calling each other in a cycle return fully dynamic layouts.
// CHECK-LABEL: func.func @recursive(%arg0: memref<4xf32, strided<[?], offset: ?>>, %arg1: index) -> memref<4xf32, strided<[?], offset: ?>> {
// CHECK: call @recursive(%{{.*}}, %{{.*}}) : (memref<4xf32, strided<[?], offset: ?>>, index) -> memref<4xf32, strided<[?], offset: ?>>
func.func @recursive(%t: tensor<4xf32>, %n: index) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %done = arith.cmpi eq, %n, %c0 : index
  %r = scf.if %done -> tensor<4xf32> {
    scf.yield %t : tensor<4xf32>
  } else {
    %c1 = arith.constant 1 : index
    %m = arith.subi %n, %c1 : index
    %x = func.call @recursive(%t, %m) : (tensor<4xf32>, index) -> tensor<4xf32>
    scf.yield %x : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// A declaration's signature is converted with the same policy.
// CHECK-LABEL: func.func private @external(memref<4xf32, strided<[?], offset: ?>>) -> memref<4xf32, strided<[?], offset: ?>>
func.func private @external(tensor<4xf32>) -> tensor<4xf32>

// An external function's argument marked `bufferization.access = "read"` is
// only read: the argument it is passed is not copied before the call.
// CHECK-LABEL: func.func @read_only_callee(
// CHECK-NEXT: %[[CAST:.*]] = memref.cast %arg0
// CHECK-NEXT: call @print(%[[CAST]])
// CHECK-NOT: memref.alloc
// CHECK: memref.store
func.func private @print(tensor<*xf32> {bufferization.access = "read"})
func.func @read_only_callee(%t: tensor<4xf32>, %x: f32) -> tensor<4xf32> {
  %u = tensor.cast %t : tensor<4xf32> to tensor<*xf32>
  call @print(%u) : (tensor<*xf32>) -> ()
  %c0 = arith.constant 0 : index
  %i = tensor.insert %x into %t[%c0] : tensor<4xf32>
  return %i : tensor<4xf32>
}

// A view made after a write still reads the old contents: the fill into
// the first slice goes into a new buffer, since the second slice of %t,
// made later, is returned.
// CHECK-LABEL: func.func @view_made_after_write(
// CHECK: %[[NEW:.*]] = memref.alloc()
// CHECK-NEXT: linalg.fill ins(%arg1 : f32) outs(%[[NEW]] : memref<2xf32>)
// CHECK-NEXT: %[[LATER:.*]] = memref.subview %arg0[0] [2] [1]
// CHECK: return %[[NEW]], %[[LATER]]
func.func @view_made_after_write(%t: tensor<4xf32>, %x: f32) -> (tensor<2xf32>, tensor<2xf32>) {
  %a = tensor.extract_slice %t[0] [2] [1] : tensor<4xf32> to tensor<2xf32>
  %f = linalg.fill ins(%x : f32) outs(%a : tensor<2xf32>) -> tensor<2xf32>
  %b = tensor.extract_slice %t[0] [2] [1] : tensor<4xf32> to tensor<2xf32>
  return %f, %b : tensor<2xf32>, tensor<2xf32>
}

// An op in a loop that reads and writes a tensor from outside the loop
// reads it again in the next iteration: it works on a copy made in each
// iteration (a producer fused into a tile loop accumulates like this).
// CHECK-LABEL: func.func @accumulate_in_loop(
// CHECK: scf.for
// CHECK-NEXT: %[[NEW:.*]] = memref.alloc()
// CHECK-NEXT: memref.copy %arg1, %[[NEW]]
// CHECK-NEXT: linalg.matmul ins(%arg0, %arg0 : {{.*}}) outs(%[[NEW]] : memref<4x4xf32>)
func.func @accumulate_in_loop(%a: tensor<4x4xf32>, %acc: tensor<4x4xf32>, %out: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %r = scf.for %i = %c0 to %c2 step %c1 iter_args(%o = %out) -> (tensor<4x4xf32>) {
    %m = linalg.matmul ins(%a, %a : tensor<4x4xf32>, tensor<4x4xf32>) outs(%acc : tensor<4x4xf32>) -> tensor<4x4xf32>
    %y = linalg.add ins(%m, %o : tensor<4x4xf32>, tensor<4x4xf32>) outs(%o : tensor<4x4xf32>) -> tensor<4x4xf32>
    scf.yield %y : tensor<4x4xf32>
  }
  return %r : tensor<4x4xf32>
}

// Two ops read and write the same tensor.empty: the second goes out of
// place, but its new buffer needs no copy, since the empty tensor has no
// contents to keep (upstream does the same).
// CHECK-LABEL: func.func @empty_read_twice(
// CHECK:         %[[B:.*]] = memref.alloc()
// CHECK:         %[[A:.*]] = memref.alloc()
// CHECK-NOT:     memref.copy
// CHECK:         linalg.generic {{.*}} outs(%[[A]] :
// CHECK:         linalg.generic {{.*}} outs(%[[B]] :
// CHECK:         return %[[A]], %[[B]]
func.func @empty_read_twice(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %e = tensor.empty() : tensor<4xf32>
  %a = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%i: f32, %o: f32):
    %s = arith.addf %i, %o : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  %b = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%y : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%i: f32, %o: f32):
    %s = arith.mulf %i, %o : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %a, %b : tensor<4xf32>, tensor<4xf32>
}
