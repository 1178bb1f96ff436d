// RUN: ml-opt %s --one-shot-bufferize="bufferize-function-boundaries" | FileCheck %s

// Destination-passing style reuses buffers: the matmul accumulates into the
// filled allocation, the elementwise op writes a new one without copying
// (its body never reads the output element). Arguments get fully dynamic
// layouts; the result takes the returned buffer's type.
// CHECK: memref.global "private" constant @__constant_2x8xf32 : memref<2x8xf32> = dense<1.000000e+00> {alignment = 64 : i64}
// CHECK-LABEL: func.func @mlp(%arg0: memref<4x8xf32, strided<[?, ?], offset: ?>>, %arg1: memref<8x16xf32, strided<[?, ?], offset: ?>>, %arg2: memref<16xf32, strided<[?], offset: ?>>) -> memref<4x16xf32> {
// CHECK: %[[ACC:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4x16xf32>
// CHECK-NEXT: linalg.fill ins(%{{.*}} : f32) outs(%[[ACC]] : memref<4x16xf32>)
// CHECK-NEXT: linalg.matmul ins(%arg0, %arg1 : {{.*}}) outs(%[[ACC]] : memref<4x16xf32>)
// CHECK-NEXT: %[[OUT:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4x16xf32>
// CHECK-NOT: memref.copy
// CHECK: linalg.generic {{.*}} ins(%[[ACC]], %arg2 : {{.*}}) outs(%[[OUT]] : memref<4x16xf32>)
// CHECK: return %[[OUT]] : memref<4x16xf32>
func.func @mlp(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %cst = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x16xf32>
  %f = linalg.fill ins(%cst : f32) outs(%e : tensor<4x16xf32>) -> tensor<4x16xf32>
  %m = linalg.matmul ins(%x, %w : tensor<4x8xf32>, tensor<8x16xf32>) outs(%f : tensor<4x16xf32>) -> tensor<4x16xf32>
  %e2 = tensor.empty() : tensor<4x16xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i,j)->(i,j)>, affine_map<(i,j)->(j)>, affine_map<(i,j)->(i,j)>], iterator_types = ["parallel","parallel"]} ins(%m, %b : tensor<4x16xf32>, tensor<16xf32>) outs(%e2 : tensor<4x16xf32>) {
  ^bb0(%a: f32, %bb: f32, %o: f32):
    %s = arith.addf %a, %bb : f32
    %z = arith.maximumf %s, %cst : f32
    linalg.yield %z : f32
  } -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// Slices are subviews (rank-reducing ones drop the unit dimension's
// stride); inserting a constant copies it from its global into a subview
// of the (writable) argument, in place.
// CHECK-LABEL: func.func @slices(
// CHECK: %[[G:.*]] = memref.get_global @__constant_2x8xf32 : memref<2x8xf32>
// CHECK: memref.subview %arg0[%arg1, 0] [1, 8] [1, 1] : memref<?x8xf32, strided<[?, ?], offset: ?>> to memref<8xf32, strided<[?], offset: ?>>
// CHECK: memref.load
// CHECK: %[[DST:.*]] = memref.subview %arg0[0, 0] [2, 8] [1, 1]
// CHECK-NEXT: memref.copy %[[G]], %[[DST]]
// CHECK-NEXT: return %arg0, %{{.*}} : memref<?x8xf32, strided<[?, ?], offset: ?>>, f32
func.func @slices(%t: tensor<?x8xf32>, %i: index) -> (tensor<?x8xf32>, f32) {
  %c = arith.constant dense<1.0> : tensor<2x8xf32>
  %row = tensor.extract_slice %t[%i, 0] [1, 8] [1, 1] : tensor<?x8xf32> to tensor<8xf32>
  %c0 = arith.constant 0 : index
  %v = tensor.extract %row[%c0] : tensor<8xf32>
  %u = tensor.insert_slice %c into %t[0, 0] [2, 8] [1, 1] : tensor<2x8xf32> into tensor<?x8xf32>
  return %u, %v : tensor<?x8xf32>, f32
}

// The argument is read after the loop, so the loop works on a copy; the
// loop carries that one buffer.
// CHECK-LABEL: func.func @loop(%arg0: memref<8xf32, strided<[?], offset: ?>>, %arg1: index) -> memref<8xf32> {
// CHECK: %[[COPY:.*]] = memref.alloc() {alignment = 64 : i64} : memref<8xf32>
// CHECK-NEXT: memref.copy %arg0, %[[COPY]]
// CHECK-NEXT: %[[R:.*]] = scf.for %{{.*}} = %{{.*}} to %arg1 step %{{.*}} iter_args(%[[ACC:.*]] = %[[COPY]]) -> (memref<8xf32>) {
// CHECK: memref.store %{{.*}}, %[[ACC]][%{{.*}}] : memref<8xf32>
// CHECK-NEXT: scf.yield %[[ACC]] : memref<8xf32>
// CHECK: memref.load %arg0[
// CHECK: memref.store %{{.*}}, %[[R]][
func.func @loop(%t: tensor<8xf32>, %n: index) -> tensor<8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f32
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %t) -> tensor<8xf32> {
    %e = tensor.extract %acc[%c0] : tensor<8xf32>
    %s = arith.addf %e, %one : f32
    %u = tensor.insert %s into %acc[%c0] : tensor<8xf32>
    scf.yield %u : tensor<8xf32>
  }
  %x = tensor.extract %t[%c1] : tensor<8xf32>
  %u2 = tensor.insert %x into %r[%c1] : tensor<8xf32>
  return %u2 : tensor<8xf32>
}

// Tiled code: the computation of each tile writes straight into its part of
// the loop's buffer, and inserting it back copies nothing.
// CHECK-LABEL: func.func @tiled(
// CHECK: scf.for %[[I:.*]] = {{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (memref<8x8xf32>) {
// CHECK: %[[TILE:.*]] = memref.subview %[[ACC]][%[[I]], 0] [4, 8] [1, 1] : memref<8x8xf32> to memref<4x8xf32, strided<[8, 1], offset: ?>>
// CHECK-NEXT: linalg.add ins({{.*}}) outs(%[[TILE]] : memref<4x8xf32, strided<[8, 1], offset: ?>>)
// CHECK-NEXT: scf.yield %[[ACC]] : memref<8x8xf32>
func.func @tiled(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %e = tensor.empty() : tensor<8x8xf32>
  %r = scf.for %i = %c0 to %c8 step %c4 iter_args(%acc = %e) -> tensor<8x8xf32> {
    %sa = tensor.extract_slice %a[%i, 0] [4, 8] [1, 1] : tensor<8x8xf32> to tensor<4x8xf32>
    %sb = tensor.extract_slice %b[%i, 0] [4, 8] [1, 1] : tensor<8x8xf32> to tensor<4x8xf32>
    %so = tensor.extract_slice %acc[%i, 0] [4, 8] [1, 1] : tensor<8x8xf32> to tensor<4x8xf32>
    %add = linalg.add ins(%sa, %sb : tensor<4x8xf32>, tensor<4x8xf32>) outs(%so : tensor<4x8xf32>) -> tensor<4x8xf32>
    %ins = tensor.insert_slice %add into %acc[%i, 0] [4, 8] [1, 1] : tensor<4x8xf32> into tensor<8x8xf32>
    scf.yield %ins : tensor<8x8xf32>
  }
  return %r : tensor<8x8xf32>
}

// scf.forall writes its shared output's buffer directly; it has no results.
// CHECK-LABEL: func.func @forall(
// CHECK: %[[OUT:.*]] = memref.alloc() {alignment = 64 : i64} : memref<8xf32>
// CHECK-NEXT: scf.forall (%{{.*}}) in (2) {
// CHECK: %[[TILE:.*]] = memref.subview %[[OUT]]
// CHECK-NEXT: linalg.mul ins({{.*}}) outs(%[[TILE]] : {{.*}})
// CHECK-NEXT: }
// CHECK-NEXT: return %[[OUT]] : memref<8xf32>
func.func @forall(%a: tensor<8xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8xf32>
  %r = scf.forall (%i) in (2) shared_outs(%o = %e) -> (tensor<8xf32>) {
    %off = arith.muli %i, %i : index
    %s = tensor.extract_slice %a[%off] [4] [1] : tensor<8xf32> to tensor<4xf32>
    %so = tensor.extract_slice %o[%off] [4] [1] : tensor<8xf32> to tensor<4xf32>
    %m = linalg.mul ins(%s, %s : tensor<4xf32>, tensor<4xf32>) outs(%so : tensor<4xf32>) -> tensor<4xf32>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %m into %o[%off] [4] [1] : tensor<4xf32> into tensor<8xf32>
    }
  }
  return %r : tensor<8xf32>
}

// Branches yielding buffers of different layouts cast to a fully dynamic one.
// CHECK-LABEL: func.func @branch(
// CHECK: scf.if %arg0 -> (memref<4xf32, strided<[?], offset: ?>>) {
// CHECK-NEXT: scf.yield %arg1
// CHECK: %[[NEW:.*]] = memref.alloc()
// CHECK: %[[CAST:.*]] = memref.cast %[[NEW]] : memref<4xf32> to memref<4xf32, strided<[?], offset: ?>>
// CHECK-NEXT: scf.yield %[[CAST]]
func.func @branch(%c: i1, %a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %r = scf.if %c -> tensor<4xf32> {
    scf.yield %a : tensor<4xf32>
  } else {
    %e = tensor.empty() : tensor<4xf32>
    %f = linalg.exp ins(%b : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
    scf.yield %f : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// Ops that make tensors fill new buffers.
// CHECK-LABEL: func.func @elems(
// CHECK: %[[FE:.*]] = memref.alloc() {alignment = 64 : i64} : memref<2xf32>
// CHECK: memref.store %arg0, %[[FE]][%{{.*}}] : memref<2xf32>
// CHECK: memref.store %arg1, %[[FE]][%{{.*}}] : memref<2xf32>
// CHECK: %[[PAD:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4x5xf32>
// CHECK-NEXT: linalg.fill ins(%arg0 : f32) outs(%[[PAD]] : memref<4x5xf32>)
// CHECK-NEXT: %[[MID:.*]] = memref.subview %[[PAD]][1, 1] [2, 3] [1, 1] : memref<4x5xf32> to memref<2x3xf32, strided<[5, 1], offset: 6>>
// CHECK-NEXT: memref.copy %arg2, %[[MID]]
// CHECK: %[[GEN:.*]] = memref.alloc(%arg3) {alignment = 64 : i64} : memref<?xindex>
// CHECK-NEXT: linalg.generic {{.*}} outs(%[[GEN]] : memref<?xindex>) {
// CHECK: linalg.index 0 : index
// CHECK: %[[CAT:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4x3xf32>
// CHECK-NEXT: memref.subview %[[CAT]][0, 0] [2, 3] [1, 1] : memref<4x3xf32> to memref<2x3xf32, strided<[3, 1]>>
// CHECK-NEXT: memref.copy
// CHECK-NEXT: memref.subview %[[CAT]][2, 0] [2, 3] [1, 1] : memref<4x3xf32> to memref<2x3xf32, strided<[3, 1], offset: 6>>
// CHECK-NEXT: memref.copy
func.func @elems(%x: f32, %y: f32, %t: tensor<2x3xf32>, %n: index) -> (tensor<2xf32>, tensor<4x5xf32>, tensor<?xindex>, tensor<4x3xf32>) {
  %fe = tensor.from_elements %x, %y : tensor<2xf32>
  %p = tensor.pad %t low[1, 1] high[1, 1] {
  ^bb0(%i: index, %j: index):
    tensor.yield %x : f32
  } : tensor<2x3xf32> to tensor<4x5xf32>
  %g = tensor.generate %n {
  ^bb0(%i: index):
    tensor.yield %i : index
  } : tensor<?xindex>
  %cc = tensor.concat dim(0) %t, %t : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return %fe, %p, %g, %cc : tensor<2xf32>, tensor<4x5xf32>, tensor<?xindex>, tensor<4x3xf32>
}

// Collapsing dimensions of a view that may not be contiguous copies it
// first; expanding and casting are views.
// CHECK-LABEL: func.func @reshapes(
// CHECK: %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<2x3x4xf32>
// CHECK-NEXT: memref.copy %arg0, %[[C]]
// CHECK-NEXT: memref.collapse_shape %[[C]] {{\[\[}}0, 1], [2]] : memref<2x3x4xf32> into memref<6x4xf32>
// CHECK-NEXT: memref.expand_shape %arg0 {{\[\[}}0], [1], [2, 3]] output_shape [2, 3, 2, 2]
// CHECK-NEXT: memref.cast %arg0 : memref<2x3x4xf32, strided<[?, ?, ?], offset: ?>> to memref<?x3x4xf32, strided<[?, ?, ?], offset: ?>>
func.func @reshapes(%t: tensor<2x3x4xf32>) -> (tensor<6x4xf32>, tensor<2x3x2x2xf32>, tensor<?x3x4xf32>) {
  %c = tensor.collapse_shape %t [[0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
  %e = tensor.expand_shape %t [[0], [1], [2, 3]] output_shape [2, 3, 2, 2] : tensor<2x3x4xf32> into tensor<2x3x2x2xf32>
  %k = tensor.cast %t : tensor<2x3x4xf32> to tensor<?x3x4xf32>
  return %c, %e, %k : tensor<6x4xf32>, tensor<2x3x2x2xf32>, tensor<?x3x4xf32>
}

// Nested loops carry the same buffer: the inner loop's result is the outer
// iteration argument's buffer, so the outer yield copies nothing.
// CHECK-LABEL: func.func @nested_loops(
// CHECK: scf.for {{.*}} iter_args(%[[OUTER:.*]] = %{{.*}}) -> (memref<8x8xf32>) {
// CHECK-NEXT: scf.for {{.*}} iter_args(%[[INNER:.*]] = %[[OUTER]]) -> (memref<8x8xf32>) {
// CHECK: memref.store %{{.*}}, %[[INNER]]
// CHECK-NEXT: scf.yield %[[INNER]]
// CHECK-NEXT: }
// CHECK-NEXT: scf.yield %[[OUTER]]
func.func @nested_loops(%x: f32) -> tensor<8x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %e = tensor.empty() : tensor<8x8xf32>
  %r = scf.for %i = %c0 to %c8 step %c1 iter_args(%a = %e) -> tensor<8x8xf32> {
    %s = scf.for %j = %c0 to %c8 step %c1 iter_args(%b = %a) -> tensor<8x8xf32> {
      %u = tensor.insert %x into %b[%i, %j] : tensor<8x8xf32>
      scf.yield %u : tensor<8x8xf32>
    }
    scf.yield %s : tensor<8x8xf32>
  }
  return %r : tensor<8x8xf32>
}

// Vector transfers on tensors read and write the buffers (upstream's form).
// CHECK-LABEL: func.func @transfers(
// CHECK: %[[V:.*]] = vector.transfer_read %arg0[%{{.*}}], %{{.*}} {in_bounds = [true]} : memref<8xf32, strided<[?], offset: ?>>, vector<8xf32>
// CHECK: vector.transfer_write %{{.*}}, %arg1[%{{.*}}] {in_bounds = [true]} : vector<8xf32>, memref<8xf32, strided<[?], offset: ?>>
// CHECK-NEXT: return %arg1
func.func @transfers(%t: tensor<8xf32>, %o: tensor<8xf32>) -> tensor<8xf32> {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %v = vector.transfer_read %t[%c0], %pad {in_bounds = [true]} : tensor<8xf32>, vector<8xf32>
  %w = arith.addf %v, %v : vector<8xf32>
  %r = vector.transfer_write %w, %o[%c0] {in_bounds = [true]} : vector<8xf32>, tensor<8xf32>
  return %r : tensor<8xf32>
}

// tensor.reshape becomes memref.reshape of its source's buffer with the
// sizes' buffer; a strided source (a function argument) is first copied
// into a contiguous buffer, as upstream does.
// CHECK-LABEL: func.func @reshape(
// CHECK-SAME:    %[[T:.*]]: memref<2x6xf32, strided<[?, ?], offset: ?>>, %[[S:.*]]: memref<2xindex, strided<[?], offset: ?>>
// CHECK:         %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<2x6xf32>
// CHECK-NEXT:    memref.copy %[[T]], %[[C]]
// CHECK-NEXT:    %[[R:.*]] = memref.reshape %[[C]](%[[S]]) : (memref<2x6xf32>, memref<2xindex, strided<[?], offset: ?>>) -> memref<3x4xf32>
// CHECK-NEXT:    return %[[R]]
func.func @reshape(%t: tensor<2x6xf32>, %s: tensor<2xindex>) -> tensor<3x4xf32> {
  %r = tensor.reshape %t(%s) : (tensor<2x6xf32>, tensor<2xindex>) -> tensor<3x4xf32>
  return %r : tensor<3x4xf32>
}

// scf.while whose condition passes the iteration's buffer to the after
// region: a value the body computes in a new buffer is copied back into
// it, so the loop carries one buffer (as scf.for does).
// CHECK-LABEL: func.func @while_recomputes(
// CHECK:         scf.while (%[[A:.*]] = %arg0)
// CHECK:           scf.condition(%{{.*}}) %[[A]]
// CHECK:         ^bb0(%[[B:.*]]: memref<4xf32, strided<[?], offset: ?>>):
// CHECK:           %[[NEW:.*]] = memref.alloc()
// CHECK:           linalg.generic {{.*}} ins(%[[B]] : {{.*}}) outs(%[[NEW]] :
// CHECK:           memref.copy %[[NEW]], %[[B]]
// CHECK-NEXT:      scf.yield %[[B]]
func.func @while_recomputes(%t: tensor<4xf32>, %limit: f32) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %r = scf.while (%a = %t) : (tensor<4xf32>) -> tensor<4xf32> {
    %x = tensor.extract %a[%c0] : tensor<4xf32>
    %go = arith.cmpf ogt, %x, %limit : f32
    scf.condition(%go) %a : tensor<4xf32>
  } do {
  ^bb0(%b: tensor<4xf32>):
    %e = tensor.empty() : tensor<4xf32>
    %h = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%b : tensor<4xf32>) outs(%e : tensor<4xf32>) {
    ^bb0(%v: f32, %o: f32):
      %w = arith.mulf %v, %v : f32
      linalg.yield %w : f32
    } -> tensor<4xf32>
    scf.yield %h : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}
