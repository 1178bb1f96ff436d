// RUN: ml-opt %s | FileCheck %s
// RUN: ml-opt %s | ml-opt | FileCheck %s
// RUN: ml-opt %s --mlir-print-op-generic | ml-opt | FileCheck %s

// memref allocation (dynamic sizes, layout symbols, alignment, memory
// space), load/store, dim, copy, cast, globals, then views, reshapes,
// descriptor metadata, atomics and allocation scopes; the CHECK lines are
// what upstream mlir-opt 22 prints.

// CHECK: #map = affine_map<(d0)[s0] -> (d0 + s0)>
// CHECK-NEXT: #map1 = affine_map<(d0, d1, d2) -> (d0 + d1 * 64 + d2 * 4)>
// CHECK: memref.global "private" constant @cst : memref<4xf32> = dense<1.000000e+00>
// CHECK-NEXT: memref.global @var : memref<2x2xi32> = uninitialized
// CHECK-NEXT: memref.global "private" @aligned : memref<8xi8> = dense<0> {alignment = 64 : i64}
// CHECK-LABEL: func.func @mem(%arg0: index, %arg1: index, %arg2: f32) -> index {
// CHECK-NEXT: %alloc = memref.alloc(%arg0) : memref<?x4xf32>
// CHECK-NEXT: %alloc_0 = memref.alloc() {alignment = 16 : i64} : memref<8xf32>
// CHECK-NEXT: %alloca = memref.alloca(%arg0)[%arg1] : memref<?xf32, #map>
// CHECK-NEXT: %alloca_1 = memref.alloca() : memref<2xf32, 1>
// CHECK-NEXT: %0 = memref.load %alloc[%arg1, %arg1] : memref<?x4xf32>
// CHECK-NEXT: memref.store %arg2, %alloc[%arg1, %arg1] : memref<?x4xf32>
// CHECK-NEXT: memref.store %arg2, %alloc_0[%arg1] {nontemporal = true} : memref<8xf32>
// CHECK-NEXT: %c1 = arith.constant 1 : index
// CHECK-NEXT: %dim = memref.dim %alloc, %c1 : memref<?x4xf32>
// CHECK-NEXT: memref.copy %alloc_0, %alloc_0 : memref<8xf32> to memref<8xf32>
// CHECK-NEXT: %cast = memref.cast %alloc : memref<?x4xf32> to memref<?x?xf32>
// CHECK-NEXT: %1 = memref.get_global @cst : memref<4xf32>
// CHECK-NEXT: memref.dealloc %alloc : memref<?x4xf32>
// CHECK-NEXT: %alloc_2 = memref.alloc()[%arg0] : memref<4xf32, strided<[1], offset: ?>>
// CHECK-NEXT: return %dim : index
// CHECK-NEXT: }
memref.global "private" constant @cst : memref<4xf32> = dense<1.0>
memref.global @var : memref<2x2xi32> = uninitialized
memref.global "private" @aligned : memref<8xi8> = dense<0> {alignment = 64 : i64}
func.func @mem(%n: index, %i: index, %x: f32) -> index {
  %a = memref.alloc(%n) : memref<?x4xf32>
  %b = memref.alloc() {alignment = 16 : i64} : memref<8xf32>
  %c = memref.alloca(%n)[%i] : memref<?xf32, affine_map<(d0)[s0] -> (d0 + s0)>>
  %d = memref.alloca() : memref<2xf32, 1>
  %v = memref.load %a[%i, %i] : memref<?x4xf32>
  memref.store %x, %a[%i, %i] : memref<?x4xf32>
  memref.store %x, %b[%i] {nontemporal = true} : memref<8xf32>
  %k = arith.constant 1 : index
  %dim = memref.dim %a, %k : memref<?x4xf32>
  memref.copy %b, %b : memref<8xf32> to memref<8xf32>
  %cast = memref.cast %a : memref<?x4xf32> to memref<?x?xf32>
  %g = memref.get_global @cst : memref<4xf32>
  memref.dealloc %a : memref<?x4xf32>
  %e = memref.alloc()[%n] : memref<4xf32, strided<[1], offset: ?>>
  return %dim : index
}

// Subviews (identity, rank-reducing, dynamic, strided and memory-space
// sources, 0-d), transposes with strided and affine-map layouts, casts
// that relax strides.
// CHECK-LABEL: func.func @views(%arg0: memref<8x16x4xf32>, %arg1: memref<?x?xf32>, %arg2: index, %arg3: index, %arg4: memref<4x4xf32, strided<[8, 2], offset: 3>, 1>, %arg5: memref<16x16xf32, #gpu.address_space<workgroup>>, %arg6: memref<f32>) {
// CHECK-NEXT: %subview = memref.subview %arg0[0, 0, 0] [8, 16, 4] [1, 1, 1] : memref<8x16x4xf32> to memref<8x16x4xf32, strided<[64, 4, 1]>>
// CHECK-NEXT: %subview_0 = memref.subview %arg0[0, 0, 0] [1, 16, 4] [1, 1, 1] : memref<8x16x4xf32> to memref<16x4xf32>
// CHECK-NEXT: %subview_1 = memref.subview %arg0[3, 4, 1] [1, 6, 3] [1, 1, 1] : memref<8x16x4xf32> to memref<6x3xf32, strided<[4, 1], offset: 209>>
// CHECK-NEXT: %subview_2 = memref.subview %arg0[2, 0, 0] [1, 1, 4] [1, 1, 1] : memref<8x16x4xf32> to memref<1x4xf32, strided<[4, 1], offset: 128>>
// CHECK-NEXT: %subview_3 = memref.subview %arg1[%arg2, %arg3] [%arg2, 4] [1, %arg3] : memref<?x?xf32> to memref<?x4xf32, strided<[?, ?], offset: ?>>
// CHECK-NEXT: %subview_4 = memref.subview %arg1[0, 0] [4, 4] [1, 1] : memref<?x?xf32> to memref<4x4xf32, strided<[?, 1]>>
// CHECK-NEXT: %subview_5 = memref.subview %arg4[1, 1] [2, 2] [2, 1] : memref<4x4xf32, strided<[8, 2], offset: 3>, 1> to memref<2x2xf32, strided<[16, 2], offset: 13>, 1>
// CHECK-NEXT: %subview_6 = memref.subview %arg5[4, 0] [1, 16] [1, 1] : memref<16x16xf32, #gpu.address_space<workgroup>> to memref<16xf32, strided<[1], offset: 64>, #gpu.address_space<workgroup>>
// CHECK-NEXT: %subview_7 = memref.subview %arg6[] [] [] : memref<f32> to memref<f32, strided<[]>>
// CHECK-NEXT: %transpose = memref.transpose %arg1 (d0, d1) -> (d1, d0) : memref<?x?xf32> to memref<?x?xf32, strided<[1, ?]>>
// CHECK-NEXT: %transpose_8 = memref.transpose %arg0 (d0, d1, d2) -> (d2, d0, d1) : memref<8x16x4xf32> to memref<4x8x16xf32, #map1>
// CHECK-NEXT: %transpose_9 = memref.transpose %arg5 (d0, d1) -> (d1, d0) {tag} : memref<16x16xf32, #gpu.address_space<workgroup>> to memref<16x16xf32, strided<[1, 16]>, #gpu.address_space<workgroup>>
// CHECK-NEXT: %cast = memref.cast %arg1 : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1]>>
// CHECK-NEXT: %cast_10 = memref.cast %subview_5 : memref<2x2xf32, strided<[16, 2], offset: 13>, 1> to memref<?x?xf32, strided<[?, ?], offset: ?>, 1>
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @views(%m: memref<8x16x4xf32>, %d: memref<?x?xf32>, %i: index, %j: index, %s: memref<4x4xf32, strided<[8, 2], offset: 3>, 1>, %w: memref<16x16xf32, #gpu.address_space<workgroup>>, %z: memref<f32>) {
  %0 = memref.subview %m[0, 0, 0] [8, 16, 4] [1, 1, 1] : memref<8x16x4xf32> to memref<8x16x4xf32, strided<[64, 4, 1]>>
  %1 = memref.subview %m[0, 0, 0] [1, 16, 4] [1, 1, 1] : memref<8x16x4xf32> to memref<16x4xf32>
  %2 = memref.subview %m[3, 4, 1] [1, 6, 3] [1, 1, 1] : memref<8x16x4xf32> to memref<6x3xf32, strided<[4, 1], offset: 209>>
  %3 = memref.subview %m[2, 0, 0] [1, 1, 4] [1, 1, 1] : memref<8x16x4xf32> to memref<1x4xf32, strided<[4, 1], offset: 128>>
  %4 = memref.subview %d[%i, %j] [%i, 4] [1, %j] : memref<?x?xf32> to memref<?x4xf32, strided<[?, ?], offset: ?>>
  %5 = memref.subview %d[0, 0] [4, 4] [1, 1] : memref<?x?xf32> to memref<4x4xf32, strided<[?, 1]>>
  %6 = memref.subview %s[1, 1] [2, 2] [2, 1] : memref<4x4xf32, strided<[8, 2], offset: 3>, 1> to memref<2x2xf32, strided<[16, 2], offset: 13>, 1>
  %7 = memref.subview %w[4, 0] [1, 16] [1, 1] : memref<16x16xf32, #gpu.address_space<workgroup>> to memref<16xf32, strided<[1], offset: 64>, #gpu.address_space<workgroup>>
  %8 = memref.subview %z[] [] [] : memref<f32> to memref<f32, strided<[]>>
  %9 = memref.transpose %d (i, j) -> (j, i) : memref<?x?xf32> to memref<?x?xf32, strided<[1, ?]>>
  %10 = memref.transpose %m (i, j, k) -> (k, i, j) : memref<8x16x4xf32> to memref<4x8x16xf32, affine_map<(d0, d1, d2) -> (d0 + d1 * 64 + d2 * 4)>>
  %11 = memref.transpose %w (i, j) -> (j, i) {tag} : memref<16x16xf32, #gpu.address_space<workgroup>> to memref<16x16xf32, strided<[1, 16]>, #gpu.address_space<workgroup>>
  %12 = memref.cast %d : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1]>>
  %13 = memref.cast %6 : memref<2x2xf32, strided<[16, 2], offset: 13>, 1> to memref<?x?xf32, strided<[?, ?], offset: ?>, 1>
  return
}

// Views of byte buffers and reinterpret casts of ranked and unranked memrefs.
// CHECK-LABEL: func.func @raw_views(%arg0: memref<2048xi8>, %arg1: memref<*xf32>, %arg2: memref<8x16xf32>, %arg3: index, %arg4: index) {
// CHECK-NEXT: %view = memref.view %arg0[%arg3][] : memref<2048xi8> to memref<64x4xf32>
// CHECK-NEXT: %view_0 = memref.view %arg0[%arg3][%arg3, %arg4] : memref<2048xi8> to memref<?x4x?xf32>
// CHECK-NEXT: %reinterpret_cast = memref.reinterpret_cast %arg1 to offset: [%arg3], sizes: [%arg3, 10], strides: [%arg4, 1] : memref<*xf32> to memref<?x10xf32, strided<[?, 1], offset: ?>>
// CHECK-NEXT: %reinterpret_cast_1 = memref.reinterpret_cast %arg2 to offset: [0], sizes: [128], strides: [1] : memref<8x16xf32> to memref<128xf32>
// CHECK-NEXT: %reinterpret_cast_2 = memref.reinterpret_cast %arg2 to offset: [9], sizes: [4, 4], strides: [16, 2] {tag} : memref<8x16xf32> to memref<4x4xf32, strided<[16, 2], offset: 9>>
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @raw_views(%b: memref<2048xi8>, %u: memref<*xf32>, %m: memref<8x16xf32>, %i: index, %j: index) {
  %0 = memref.view %b[%i][] : memref<2048xi8> to memref<64x4xf32>
  %1 = memref.view %b[%i][%i, %j] : memref<2048xi8> to memref<?x4x?xf32>
  %2 = memref.reinterpret_cast %u to offset: [%i], sizes: [%i, 10], strides: [%j, 1] : memref<*xf32> to memref<?x10xf32, strided<[?, 1], offset: ?>>
  %3 = memref.reinterpret_cast %m to offset: [0], sizes: [128], strides: [1] : memref<8x16xf32> to memref<128xf32>
  %4 = memref.reinterpret_cast %m to offset: [9], sizes: [4, 4], strides: [16, 2] {tag} : memref<8x16xf32> to memref<4x4xf32, strided<[16, 2], offset: 9>>
  return
}

// Collapses and expansions of contiguous, strided, dynamic and 0-d memrefs.
// CHECK-LABEL: func.func @reshapes(%arg0: memref<8x16x4xf32>, %arg1: memref<?x32xf32>, %arg2: memref<4x8xf32, strided<[8, 1], offset: 5>>, %arg3: memref<f32>, %arg4: memref<1x1xf32>, %arg5: index) {
// CHECK-NEXT: %collapse_shape = memref.collapse_shape %arg0 {{\[\[}}0, 1], [2]] : memref<8x16x4xf32> into memref<128x4xf32>
// CHECK-NEXT: %collapse_shape_0 = memref.collapse_shape %arg2 {{\[\[}}0, 1]] : memref<4x8xf32, strided<[8, 1], offset: 5>> into memref<32xf32, strided<[1], offset: 5>>
// CHECK-NEXT: %expand_shape = memref.expand_shape %arg1 {{\[\[}}0, 1], [2]] output_shape [%arg5, 4, 32] : memref<?x32xf32> into memref<?x4x32xf32>
// CHECK-NEXT: %expand_shape_1 = memref.expand_shape %arg2 {{\[\[}}0], [1, 2]] output_shape [4, 2, 4] : memref<4x8xf32, strided<[8, 1], offset: 5>> into memref<4x2x4xf32, strided<[8, 4, 1], offset: 5>>
// CHECK-NEXT: %expand_shape_2 = memref.expand_shape %arg3 [] output_shape [1, 1] : memref<f32> into memref<1x1xf32>
// CHECK-NEXT: %collapse_shape_3 = memref.collapse_shape %arg4 [] : memref<1x1xf32> into memref<f32>
// CHECK-NEXT: %collapse_shape_4 = memref.collapse_shape %arg1 {{\[\[}}0, 1]] {tag} : memref<?x32xf32> into memref<?xf32>
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @reshapes(%m: memref<8x16x4xf32>, %d: memref<?x32xf32>, %s: memref<4x8xf32, strided<[8, 1], offset: 5>>, %z: memref<f32>, %o: memref<1x1xf32>, %n: index) {
  %0 = memref.collapse_shape %m [[0, 1], [2]] : memref<8x16x4xf32> into memref<128x4xf32>
  %1 = memref.collapse_shape %s [[0, 1]] : memref<4x8xf32, strided<[8, 1], offset: 5>> into memref<32xf32, strided<[1], offset: 5>>
  %2 = memref.expand_shape %d [[0, 1], [2]] output_shape [%n, 4, 32] : memref<?x32xf32> into memref<?x4x32xf32>
  %3 = memref.expand_shape %s [[0], [1, 2]] output_shape [4, 2, 4] : memref<4x8xf32, strided<[8, 1], offset: 5>> into memref<4x2x4xf32, strided<[8, 4, 1], offset: 5>>
  %4 = memref.expand_shape %z [] output_shape [1, 1] : memref<f32> into memref<1x1xf32>
  %5 = memref.collapse_shape %o [] : memref<1x1xf32> into memref<f32>
  %6 = memref.collapse_shape %d [[0, 1]] {tag} : memref<?x32xf32> into memref<?xf32>
  return
}

// Reshapes whose sizes come from a buffer: ranked (static or dynamic
// sizes), unranked from a dynamic-length shape, from an unranked source.
// CHECK-LABEL: func.func @reshape_from_buffer(%arg0: memref<2x6xf32>, %arg1: memref<2xindex>, %arg2: memref<?xi32>, %arg3: memref<*xf32>) {
// CHECK-NEXT: %reshape = memref.reshape %arg0(%arg1) : (memref<2x6xf32>, memref<2xindex>) -> memref<3x4xf32>
// CHECK-NEXT: %reshape_0 = memref.reshape %arg0(%arg1) : (memref<2x6xf32>, memref<2xindex>) -> memref<?x?xf32>
// CHECK-NEXT: %reshape_1 = memref.reshape %arg0(%arg2) : (memref<2x6xf32>, memref<?xi32>) -> memref<*xf32>
// CHECK-NEXT: %reshape_2 = memref.reshape %arg3(%arg1) {tag} : (memref<*xf32>, memref<2xindex>) -> memref<12x1xf32>
// CHECK-NEXT: return
func.func @reshape_from_buffer(%m: memref<2x6xf32>, %s: memref<2xindex>, %d: memref<?xi32>, %u: memref<*xf32>) {
  %0 = memref.reshape %m(%s) : (memref<2x6xf32>, memref<2xindex>) -> memref<3x4xf32>
  %1 = memref.reshape %m(%s) : (memref<2x6xf32>, memref<2xindex>) -> memref<?x?xf32>
  %2 = memref.reshape %m(%d) : (memref<2x6xf32>, memref<?xi32>) -> memref<*xf32>
  %3 = memref.reshape %u(%s) {tag} : (memref<*xf32>, memref<2xindex>) -> memref<12x1xf32>
  return
}

// Descriptor metadata (result packs named like upstream), pointers, ranks
// and alignment assumptions.
// CHECK-LABEL: func.func @metadata(%arg0: memref<8x?xf32, strided<[?, 1], offset: ?>>, %arg1: memref<64xf32, 3>, %arg2: memref<f32>, %arg3: memref<*xf32>) -> index {
// CHECK-NEXT: %base_buffer, %offset, %sizes:2, %strides:2 = memref.extract_strided_metadata %arg0 : memref<8x?xf32, strided<[?, 1], offset: ?>> -> memref<f32>, index, index, index, index, index
// CHECK-NEXT: %base_buffer_0, %offset_1, %sizes_2, %strides_3 = memref.extract_strided_metadata %arg1 : memref<64xf32, 3> -> memref<f32, 3>, index, index, index
// CHECK-NEXT: %base_buffer_4, %offset_5 = memref.extract_strided_metadata %arg2 : memref<f32> -> memref<f32>, index
// CHECK-NEXT: %intptr = memref.extract_aligned_pointer_as_index %arg0 : memref<8x?xf32, strided<[?, 1], offset: ?>> -> index
// CHECK-NEXT: %intptr_6 = memref.extract_aligned_pointer_as_index %arg3 : memref<*xf32> -> index
// CHECK-NEXT: %0 = memref.rank %arg3 : memref<*xf32>
// CHECK-NEXT: %1 = memref.rank %arg1 : memref<64xf32, 3>
// CHECK-NEXT: %assume_align = memref.assume_alignment %arg1, 64 : memref<64xf32, 3>
// CHECK-NEXT: return %sizes#1 : index
// CHECK-NEXT: }
func.func @metadata(%m: memref<8x?xf32, strided<[?, 1], offset: ?>>, %v: memref<64xf32, 3>, %z: memref<f32>, %u: memref<*xf32>) -> index {
  %base, %offset, %sizes:2, %strides:2 = memref.extract_strided_metadata %m : memref<8x?xf32, strided<[?, 1], offset: ?>> -> memref<f32>, index, index, index, index, index
  %b1, %o1, %s1, %t1 = memref.extract_strided_metadata %v : memref<64xf32, 3> -> memref<f32, 3>, index, index, index
  %b2, %o2 = memref.extract_strided_metadata %z : memref<f32> -> memref<f32>, index
  %p = memref.extract_aligned_pointer_as_index %m : memref<8x?xf32, strided<[?, 1], offset: ?>> -> index
  %q = memref.extract_aligned_pointer_as_index %u : memref<*xf32> -> index
  %r = memref.rank %u : memref<*xf32>
  %r2 = memref.rank %v : memref<64xf32, 3>
  %a = memref.assume_alignment %v, 64 : memref<64xf32, 3>
  return %sizes#1 : index
}

// Atomic read-modify-write of several kinds.
// CHECK-LABEL: func.func @atomics(%arg0: memref<10xf32>, %arg1: memref<4x4xi32>, %arg2: f32, %arg3: i32, %arg4: index) {
// CHECK-NEXT: %0 = memref.atomic_rmw addf %arg2, %arg0[%arg4] : (f32, memref<10xf32>) -> f32
// CHECK-NEXT: %1 = memref.atomic_rmw maximumf %arg2, %arg0[%arg4] : (f32, memref<10xf32>) -> f32
// CHECK-NEXT: %2 = memref.atomic_rmw addi %arg3, %arg1[%arg4, %arg4] : (i32, memref<4x4xi32>) -> i32
// CHECK-NEXT: %3 = memref.atomic_rmw assign %arg3, %arg1[%arg4, %arg4] {tag} : (i32, memref<4x4xi32>) -> i32
// CHECK-NEXT: %4 = memref.atomic_rmw xori %arg3, %arg1[%arg4, %arg4] : (i32, memref<4x4xi32>) -> i32
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @atomics(%f: memref<10xf32>, %g: memref<4x4xi32>, %x: f32, %y: i32, %i: index) {
  %0 = memref.atomic_rmw addf %x, %f[%i] : (f32, memref<10xf32>) -> f32
  %1 = memref.atomic_rmw maximumf %x, %f[%i] : (f32, memref<10xf32>) -> f32
  %2 = memref.atomic_rmw addi %y, %g[%i, %i] : (i32, memref<4x4xi32>) -> i32
  %3 = memref.atomic_rmw assign %y, %g[%i, %i] {tag} : (i32, memref<4x4xi32>) -> i32
  %4 = memref.atomic_rmw xori %y, %g[%i, %i] : (i32, memref<4x4xi32>) -> i32
  return
}

// Allocation scopes with and without results, reallocation.
// CHECK-LABEL: func.func @scopes(%arg0: f32, %arg1: index) -> f32 {
// CHECK-NEXT: memref.alloca_scope  {
// CHECK-NEXT: %alloca = memref.alloca() : memref<4xf32>
// CHECK-NEXT: }
// CHECK-NEXT: %0 = memref.alloca_scope  -> (f32) {
// CHECK-NEXT: %alloca = memref.alloca(%arg1) : memref<?xf32>
// CHECK-NEXT: memref.alloca_scope.return %arg0 : f32
// CHECK-NEXT: }
// CHECK-NEXT: %1:2 = memref.alloca_scope  -> (f32, index) {
// CHECK-NEXT: memref.alloca_scope.return %arg0, %arg1 : f32, index
// CHECK-NEXT: } {tag}
// CHECK-NEXT: %alloc = memref.alloc() : memref<64xf32>
// CHECK-NEXT: %2 = memref.realloc %alloc : memref<64xf32> to memref<124xf32>
// CHECK-NEXT: %3 = memref.realloc %2(%arg1) {alignment = 8 : i64} : memref<124xf32> to memref<?xf32>
// CHECK-NEXT: memref.dealloc %3 : memref<?xf32>
// CHECK-NEXT: return %0 : f32
// CHECK-NEXT: }
func.func @scopes(%x: f32, %n: index) -> f32 {
  memref.alloca_scope {
    %a = memref.alloca() : memref<4xf32>
  }
  %r = memref.alloca_scope -> (f32) {
    %a = memref.alloca(%n) : memref<?xf32>
    memref.alloca_scope.return %x : f32
  }
  %p:2 = memref.alloca_scope -> (f32, index) {
    memref.alloca_scope.return %x, %n : f32, index
  } {tag}
  %b = memref.alloc() : memref<64xf32>
  %c = memref.realloc %b : memref<64xf32> to memref<124xf32>
  %d = memref.realloc %c(%n) {alignment = 8 : i64} : memref<124xf32> to memref<?xf32>
  memref.dealloc %d : memref<?xf32>
  return %r : f32
}

// The same ops written in generic form print in their custom form.
// CHECK-LABEL: func.func @generic_input(%arg0: memref<8x16xf32>, %arg1: index, %arg2: f32) {
// CHECK-NEXT: %subview = memref.subview %arg0[0, %arg1] [1, 4] [1, 1] : memref<8x16xf32> to memref<4xf32, strided<[1], offset: ?>>
// CHECK-NEXT: %base_buffer, %offset, %sizes, %strides = memref.extract_strided_metadata %subview : memref<4xf32, strided<[1], offset: ?>> -> memref<f32>, index, index, index
// CHECK-NEXT: %0 = memref.atomic_rmw mulf %arg2, %arg0[%arg1, %arg1] : (f32, memref<8x16xf32>) -> f32
// CHECK-NEXT: %transpose = memref.transpose %arg0 (d0, d1) -> (d1, d0) : memref<8x16xf32> to memref<16x8xf32, strided<[1, 16]>>
// CHECK-NEXT: memref.alloca_scope {
// CHECK-NEXT: }
// CHECK-NEXT: return
func.func @generic_input(%m: memref<8x16xf32>, %i: index, %x: f32) {
  %0 = "memref.subview"(%m, %i) <{operandSegmentSizes = array<i32: 1, 1, 0, 0>, static_offsets = array<i64: 0, -9223372036854775808>, static_sizes = array<i64: 1, 4>, static_strides = array<i64: 1, 1>}> : (memref<8x16xf32>, index) -> memref<4xf32, strided<[1], offset: ?>>
  %1:4 = "memref.extract_strided_metadata"(%0) : (memref<4xf32, strided<[1], offset: ?>>) -> (memref<f32>, index, index, index)
  %2 = "memref.atomic_rmw"(%x, %m, %i, %i) <{kind = 12 : i64}> : (f32, memref<8x16xf32>, index, index) -> f32
  %3 = "memref.transpose"(%m) <{permutation = affine_map<(d0, d1) -> (d1, d0)>}> : (memref<8x16xf32>) -> memref<16x8xf32, strided<[1, 16]>>
  "memref.alloca_scope"() ({
    "memref.alloca_scope.return"() : () -> ()
  }) : () -> ()
  return
}
