// RUN: ml-opt %s | FileCheck %s
// RUN: ml-opt %s | ml-opt | FileCheck %s
// RUN: ml-opt %s --mlir-print-op-generic | ml-opt | FileCheck %s

// Every vector op and syntax variant: default and explicit permutation maps,
// in_bounds, masks and pass-through values, transfers on memrefs and tensors,
// 0-D and scalable vectors, dynamic positions, default-valued attributes,
// generic-form input. The CHECK lines are what upstream mlir-opt 22 prints.

// CHECK: #map = affine_map<(d0, d1) -> (d0)>
// CHECK-NEXT: #map1 = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-NEXT: #map2 = affine_map<(d0, d1) -> (0)>
// CHECK-NEXT: #map3 = affine_map<() -> (0)>
// CHECK-NEXT: #map4 = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-NEXT: #map5 = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-NEXT: #map6 = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-NEXT: #map7 = affine_map<(d0) -> (d0)>
// CHECK-NEXT: #map8 = affine_map<(d0) -> ()>
#lhs = affine_map<(i, j, k) -> (i, k)>
#rhs = affine_map<(i, j, k) -> (k, j)>
#acc = affine_map<(i, j, k) -> (i, j)>
#matmul = {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "reduction"]}

// CHECK-LABEL: func.func @transfer(%arg0: memref<?x?xf32>, %arg1: tensor<?x?xf32>, %arg2: index, %arg3: f32, %arg4: vector<4xi1>, %arg5: vector<4xf32>, %arg6: vector<4x8xf32>) -> tensor<?x?xf32> {
// CHECK-NEXT: %0 = vector.transfer_read %arg0[%arg2, %arg2], %arg3 : memref<?x?xf32>, vector<4xf32>
// CHECK-NEXT: %1 = vector.transfer_read %arg0[%arg2, %arg2], %arg3 {permutation_map = #map} : memref<?x?xf32>, vector<4xf32>
// CHECK-NEXT: %2 = vector.transfer_read %arg0[%arg2, %arg2], %arg3, %arg4 {in_bounds = [true]} : memref<?x?xf32>, vector<4xf32>
// CHECK-NEXT: %3 = vector.transfer_read %arg1[%arg2, %arg2], %arg3 : tensor<?x?xf32>, vector<4x8xf32>
// CHECK-NEXT: %4 = vector.transfer_read %arg0[%arg2, %arg2], %arg3 {permutation_map = #map1} : memref<?x?xf32>, vector<4x8xf32>
// CHECK-NEXT: %5 = vector.transfer_read %arg0[%arg2, %arg2], %arg3 {permutation_map = #map2} : memref<?x?xf32>, vector<4xf32>
// CHECK-NEXT: %6 = vector.transfer_read %arg0[%arg2, %arg2], %arg3 : memref<?x?xf32>, vector<4xf32>
// CHECK-NEXT: vector.transfer_write %arg5, %arg0[%arg2, %arg2] : vector<4xf32>, memref<?x?xf32>
// CHECK-NEXT: vector.transfer_write %arg5, %arg0[%arg2, %arg2], %arg4 {in_bounds = [true]} : vector<4xf32>, memref<?x?xf32>
// CHECK-NEXT: %7 = vector.transfer_write %arg6, %arg1[%arg2, %arg2] : vector<4x8xf32>, tensor<?x?xf32>
// CHECK-NEXT: %8 = vector.transfer_write %arg6, %arg1[%arg2, %arg2] {permutation_map = #map1} : vector<4x8xf32>, tensor<?x?xf32>
// CHECK-NEXT: %9 = vector.transfer_read %arg0[%arg2, %arg2], %arg3 : memref<?x?xf32>, vector<4xf32>
// CHECK-NEXT: return %7 : tensor<?x?xf32>
// CHECK-NEXT: }
func.func @transfer(%m: memref<?x?xf32>, %t: tensor<?x?xf32>, %i: index, %pad: f32, %mask: vector<4xi1>, %v: vector<4xf32>, %v2: vector<4x8xf32>) -> tensor<?x?xf32> {
  %0 = vector.transfer_read %m[%i, %i], %pad : memref<?x?xf32>, vector<4xf32>
  %1 = vector.transfer_read %m[%i, %i], %pad {permutation_map = affine_map<(d0, d1) -> (d0)>} : memref<?x?xf32>, vector<4xf32>
  %2 = vector.transfer_read %m[%i, %i], %pad, %mask {in_bounds = [true]} : memref<?x?xf32>, vector<4xf32>
  %3 = vector.transfer_read %t[%i, %i], %pad : tensor<?x?xf32>, vector<4x8xf32>
  %4 = vector.transfer_read %m[%i, %i], %pad {permutation_map = affine_map<(d0, d1) -> (d1, d0)>} : memref<?x?xf32>, vector<4x8xf32>
  %5 = vector.transfer_read %m[%i, %i], %pad {permutation_map = affine_map<(d0, d1) -> (0)>} : memref<?x?xf32>, vector<4xf32>
  %6 = vector.transfer_read %m[%i, %i], %pad {in_bounds = [false]} : memref<?x?xf32>, vector<4xf32>
  vector.transfer_write %v, %m[%i, %i] : vector<4xf32>, memref<?x?xf32>
  vector.transfer_write %v, %m[%i, %i], %mask {in_bounds = [true]} : vector<4xf32>, memref<?x?xf32>
  %7 = vector.transfer_write %v2, %t[%i, %i] : vector<4x8xf32>, tensor<?x?xf32>
  %8 = vector.transfer_write %v2, %t[%i, %i] {permutation_map = affine_map<(d0, d1) -> (d1, d0)>} : vector<4x8xf32>, tensor<?x?xf32>
  %9 = "vector.transfer_read"(%m, %i, %i, %pad) <{in_bounds = [false], operandSegmentSizes = array<i32: 1, 2, 1, 0>, permutation_map = affine_map<(d0, d1) -> (d1)>}> : (memref<?x?xf32>, index, index, f32) -> vector<4xf32>
  return %7 : tensor<?x?xf32>
}

// CHECK-LABEL: func.func @transfer_0d_and_element_vectors(%arg0: memref<f32>, %arg1: memref<?xvector<4xf32>>, %arg2: memref<?xf32>, %arg3: index, %arg4: f32, %arg5: vector<4xf32>, %arg6: vector<2x[4]xi1>, %arg7: memref<?x?xf32>) {
// CHECK-NEXT: %0 = vector.transfer_read %arg0[], %arg4 : memref<f32>, vector<f32>
// CHECK-NEXT: %1 = vector.transfer_read %arg0[], %arg4 {permutation_map = #map3} : memref<f32>, vector<1xf32>
// CHECK-NEXT: %2 = vector.transfer_read %arg1[%arg3], %arg5 : memref<?xvector<4xf32>>, vector<2x4xf32>
// CHECK-NEXT: %3 = vector.transfer_read %arg2[%arg3], %arg4 {in_bounds = [true]} : memref<?xf32>, vector<[4]xf32>
// CHECK-NEXT: %4 = vector.transfer_read %arg7[%arg3, %arg3], %arg4, %arg6 : memref<?x?xf32>, vector<2x[4]xf32>
// CHECK-NEXT: vector.transfer_write %0, %arg0[] : vector<f32>, memref<f32>
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @transfer_0d_and_element_vectors(%z: memref<f32>, %vm: memref<?xvector<4xf32>>, %s: memref<?xf32>, %i: index, %f: f32, %p: vector<4xf32>, %m2: vector<2x[4]xi1>, %t: memref<?x?xf32>) {
  %0 = vector.transfer_read %z[], %f : memref<f32>, vector<f32>
  %1 = vector.transfer_read %z[], %f {permutation_map = affine_map<() -> (0)>} : memref<f32>, vector<1xf32>
  %2 = vector.transfer_read %vm[%i], %p : memref<?xvector<4xf32>>, vector<2x4xf32>
  %3 = vector.transfer_read %s[%i], %f {in_bounds = [true]} : memref<?xf32>, vector<[4]xf32>
  %4 = vector.transfer_read %t[%i, %i], %f, %m2 : memref<?x?xf32>, vector<2x[4]xf32>
  vector.transfer_write %0, %z[] : vector<f32>, memref<f32>
  return
}

// CHECK-LABEL: func.func @memory(%arg0: memref<?x?xf32>, %arg1: index, %arg2: vector<4xf32>, %arg3: vector<4xi1>, %arg4: vector<[4]xf32>, %arg5: memref<?xvector<4xf32>>) {
// CHECK-NEXT: %0 = vector.load %arg0[%arg1, %arg1] : memref<?x?xf32>, vector<4xf32>
// CHECK-NEXT: %1 = vector.load %arg0[%arg1, %arg1] {nontemporal = true} : memref<?x?xf32>, vector<4xf32>
// CHECK-NEXT: %2 = vector.load %arg0[%arg1, %arg1] {alignment = 16 : i64} : memref<?x?xf32>, vector<4xf32>
// CHECK-NEXT: %3 = vector.load %arg0[%arg1, %arg1] : memref<?x?xf32>, vector<[4]xf32>
// CHECK-NEXT: %4 = vector.load %arg5[%arg1] : memref<?xvector<4xf32>>, vector<4xf32>
// CHECK-NEXT: vector.store %arg2, %arg0[%arg1, %arg1] : memref<?x?xf32>, vector<4xf32>
// CHECK-NEXT: vector.store %arg4, %arg0[%arg1, %arg1] {nontemporal = true} : memref<?x?xf32>, vector<[4]xf32>
// CHECK-NEXT: %5 = vector.maskedload %arg0[%arg1, %arg1], %arg3, %arg2 : memref<?x?xf32>, vector<4xi1>, vector<4xf32> into vector<4xf32>
// CHECK-NEXT: %6 = vector.maskedload %arg0[%arg1, %arg1], %arg3, %arg2 {alignment = 8 : i64} : memref<?x?xf32>, vector<4xi1>, vector<4xf32> into vector<4xf32>
// CHECK-NEXT: vector.maskedstore %arg0[%arg1, %arg1], %arg3, %arg2 : memref<?x?xf32>, vector<4xi1>, vector<4xf32>
// CHECK-NEXT: vector.store %arg2, %arg0[%arg1, %arg1] : memref<?x?xf32>, vector<4xf32>
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @memory(%m: memref<?x?xf32>, %i: index, %v: vector<4xf32>, %mask: vector<4xi1>, %s: vector<[4]xf32>, %vm: memref<?xvector<4xf32>>) {
  %0 = vector.load %m[%i, %i] : memref<?x?xf32>, vector<4xf32>
  %1 = vector.load %m[%i, %i] {nontemporal = true} : memref<?x?xf32>, vector<4xf32>
  %2 = vector.load %m[%i, %i] {alignment = 16} : memref<?x?xf32>, vector<4xf32>
  %3 = vector.load %m[%i, %i] {nontemporal = false} : memref<?x?xf32>, vector<[4]xf32>
  %4 = vector.load %vm[%i] : memref<?xvector<4xf32>>, vector<4xf32>
  vector.store %v, %m[%i, %i] : memref<?x?xf32>, vector<4xf32>
  vector.store %s, %m[%i, %i] {nontemporal = true} : memref<?x?xf32>, vector<[4]xf32>
  %5 = vector.maskedload %m[%i, %i], %mask, %v : memref<?x?xf32>, vector<4xi1>, vector<4xf32> into vector<4xf32>
  %6 = vector.maskedload %m[%i, %i], %mask, %v {alignment = 8} : memref<?x?xf32>, vector<4xi1>, vector<4xf32> into vector<4xf32>
  vector.maskedstore %m[%i, %i], %mask, %v : memref<?x?xf32>, vector<4xi1>, vector<4xf32>
  "vector.store"(%v, %m, %i, %i) <{nontemporal = false}> : (vector<4xf32>, memref<?x?xf32>, index, index) -> ()
  return
}

// CHECK-LABEL: func.func @elements(%arg0: f32, %arg1: index, %arg2: vector<4xf32>, %arg3: vector<4x8xf32>, %arg4: vector<[4]xf32>) {
// CHECK-NEXT: %0 = vector.broadcast %arg0 : f32 to vector<4xf32>
// CHECK-NEXT: %1 = vector.broadcast %arg2 : vector<4xf32> to vector<2x4xf32>
// CHECK-NEXT: %2 = vector.broadcast %arg0 : f32 to vector<f32>
// CHECK-NEXT: %3 = vector.broadcast %arg0 : f32 to vector<[4]xf32>
// CHECK-NEXT: %4 = vector.broadcast %arg2 : vector<4xf32> to vector<[2]x4xf32>
// CHECK-NEXT: %5 = vector.extract %arg3[0, %arg1] : f32 from vector<4x8xf32>
// CHECK-NEXT: %6 = vector.extract %arg3[1] : vector<8xf32> from vector<4x8xf32>
// CHECK-NEXT: %7 = vector.extract %arg3[] : vector<4x8xf32> from vector<4x8xf32>
// CHECK-NEXT: %8 = vector.extract %2[] : f32 from vector<f32>
// CHECK-NEXT: %9 = vector.extract %arg2[-1] : f32 from vector<4xf32>
// CHECK-NEXT: %10 = vector.extract %arg4[%arg1] : f32 from vector<[4]xf32>
// CHECK-NEXT: %11 = vector.insert %arg0, %arg3 [0, %arg1] : f32 into vector<4x8xf32>
// CHECK-NEXT: %12 = vector.insert %arg2, %arg3 [1] : vector<4xf32> into vector<4x8xf32>
// CHECK-NEXT: %13 = vector.insert %arg0, %2 [] : f32 into vector<f32>
// CHECK-NEXT: %14 = vector.from_elements %arg0, %arg0, %arg0, %arg0 : vector<4xf32>
// CHECK-NEXT: %15 = vector.from_elements %arg0, %arg0 : vector<2x1xf32>
// CHECK-NEXT: %16 = vector.from_elements %arg0 : vector<f32>
// CHECK-NEXT: %17 = vector.step : vector<4xindex>
// CHECK-NEXT: %18 = vector.step : vector<[4]xindex>
// CHECK-NEXT: %19 = vector.extract %arg3[0, %arg1] : f32 from vector<4x8xf32>
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @elements(%f: f32, %i: index, %v: vector<4xf32>, %v2: vector<4x8xf32>, %s: vector<[4]xf32>) {
  %0 = vector.broadcast %f : f32 to vector<4xf32>
  %1 = vector.broadcast %v : vector<4xf32> to vector<2x4xf32>
  %2 = vector.broadcast %f : f32 to vector<f32>
  %3 = vector.broadcast %f : f32 to vector<[4]xf32>
  %4 = vector.broadcast %v : vector<4xf32> to vector<[2]x4xf32>
  %5 = vector.extract %v2[0, %i] : f32 from vector<4x8xf32>
  %6 = vector.extract %v2[1] : vector<8xf32> from vector<4x8xf32>
  %7 = vector.extract %v2[] : vector<4x8xf32> from vector<4x8xf32>
  %8 = vector.extract %2[] : f32 from vector<f32>
  %9 = vector.extract %v[-1] : f32 from vector<4xf32>
  %10 = vector.extract %s[%i] : f32 from vector<[4]xf32>
  %11 = vector.insert %f, %v2[0, %i] : f32 into vector<4x8xf32>
  %12 = vector.insert %v, %v2 [1] : vector<4xf32> into vector<4x8xf32>
  %13 = vector.insert %f, %2[] : f32 into vector<f32>
  %14 = vector.from_elements %f, %f, %f, %f : vector<4xf32>
  %15 = vector.from_elements %f, %f : vector<2x1xf32>
  %16 = vector.from_elements %f : vector<f32>
  %17 = vector.step : vector<4xindex>
  %18 = vector.step : vector<[4]xindex>
  %19 = "vector.extract"(%v2, %i) <{static_position = array<i64: 0, -9223372036854775808>}> : (vector<4x8xf32>, index) -> f32
  return
}

// CHECK-LABEL: func.func @slices_and_shapes(%arg0: vector<4xf32>, %arg1: vector<4x8xf32>, %arg2: vector<[4]xf32>, %arg3: vector<2x[4]xf32>) {
// CHECK-NEXT: %0 = vector.extract_strided_slice %arg1 {offsets = [0, 2], sizes = [2, 4], strides = [1, 1]} : vector<4x8xf32> to vector<2x4xf32>
// CHECK-NEXT: %1 = vector.extract_strided_slice %arg1 {offsets = [1], sizes = [2], strides = [1]} : vector<4x8xf32> to vector<2x8xf32>
// CHECK-NEXT: %2 = vector.insert_strided_slice %0, %arg1 {offsets = [0, 2], strides = [1, 1]} : vector<2x4xf32> into vector<4x8xf32>
// CHECK-NEXT: %3 = vector.insert_strided_slice %arg0, %arg1 {offsets = [3, 4], strides = [1]} : vector<4xf32> into vector<4x8xf32>
// CHECK-NEXT: %4 = vector.extract_strided_slice %arg3 {offsets = [1], sizes = [1], strides = [1]} : vector<2x[4]xf32> to vector<1x[4]xf32>
// CHECK-NEXT: %5 = vector.shape_cast %arg1 : vector<4x8xf32> to vector<32xf32>
// CHECK-NEXT: %6 = vector.shape_cast %arg2 : vector<[4]xf32> to vector<1x[4]xf32>
// CHECK-NEXT: %7 = vector.transpose %arg1, [1, 0] : vector<4x8xf32> to vector<8x4xf32>
// CHECK-NEXT: %8 = vector.transpose %arg3, [1, 0] : vector<2x[4]xf32> to vector<[4]x2xf32>
// CHECK-NEXT: %9 = vector.bitcast %arg0 : vector<4xf32> to vector<4xi32>
// CHECK-NEXT: %10 = vector.bitcast %arg1 : vector<4x8xf32> to vector<4x16xf16>
// CHECK-NEXT: %11 = vector.bitcast %arg2 : vector<[4]xf32> to vector<[8]xf16>
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @slices_and_shapes(%v: vector<4xf32>, %v2: vector<4x8xf32>, %s: vector<[4]xf32>, %s2: vector<2x[4]xf32>) {
  %0 = vector.extract_strided_slice %v2 {offsets = [0, 2], sizes = [2, 4], strides = [1, 1]} : vector<4x8xf32> to vector<2x4xf32>
  %1 = vector.extract_strided_slice %v2 {offsets = [1], sizes = [2], strides = [1]} : vector<4x8xf32> to vector<2x8xf32>
  %2 = vector.insert_strided_slice %0, %v2 {offsets = [0, 2], strides = [1, 1]} : vector<2x4xf32> into vector<4x8xf32>
  %3 = vector.insert_strided_slice %v, %v2 {offsets = [3, 4], strides = [1]} : vector<4xf32> into vector<4x8xf32>
  %4 = vector.extract_strided_slice %s2 {offsets = [1], sizes = [1], strides = [1]} : vector<2x[4]xf32> to vector<1x[4]xf32>
  %5 = vector.shape_cast %v2 : vector<4x8xf32> to vector<32xf32>
  %6 = vector.shape_cast %s : vector<[4]xf32> to vector<1x[4]xf32>
  %7 = vector.transpose %v2, [1, 0] : vector<4x8xf32> to vector<8x4xf32>
  %8 = vector.transpose %s2, [1, 0] : vector<2x[4]xf32> to vector<[4]x2xf32>
  %9 = vector.bitcast %v : vector<4xf32> to vector<4xi32>
  %10 = vector.bitcast %v2 : vector<4x8xf32> to vector<4x16xf16>
  %11 = vector.bitcast %s : vector<[4]xf32> to vector<[8]xf16>
  return
}

// CHECK-LABEL: func.func @contractions(%arg0: vector<4x8xf32>, %arg1: vector<8x16xf32>, %arg2: vector<4x16xf32>, %arg3: vector<8xf32>, %arg4: f32, %arg5: vector<4xf32>, %arg6: vector<[4]xf32>, %arg7: vector<4x8xi32>, %arg8: vector<8x16xi32>, %arg9: vector<4x16xi32>) -> vector<4x16xf32> {
// CHECK-NEXT: %0 = vector.contract {indexing_maps = [#map4, #map5, #map6], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %arg0, %arg1, %arg2 : vector<4x8xf32>, vector<8x16xf32> into vector<4x16xf32>
// CHECK-NEXT: %1 = vector.contract {indexing_maps = [#map4, #map5, #map6], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<maxnumf>} %arg0, %arg1, %arg2 : vector<4x8xf32>, vector<8x16xf32> into vector<4x16xf32>
// CHECK-NEXT: %2 = vector.contract {indexing_maps = [#map7, #map7, #map8], iterator_types = ["reduction"], kind = #vector.kind<add>} %arg3, %arg3, %arg4 : vector<8xf32>, vector<8xf32> into f32
// CHECK-NEXT: %3 = vector.contract {indexing_maps = [#map4, #map5, #map6], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %arg0, %arg1, %arg2 {tag = 1 : i64} : vector<4x8xf32>, vector<8x16xf32> into vector<4x16xf32>
// CHECK-NEXT: %4 = vector.contract {indexing_maps = [#map4, #map5, #map6], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %arg7, %arg8, %arg9 : vector<4x8xi32>, vector<8x16xi32> into vector<4x16xi32>
// CHECK-NEXT: %5 = vector.contract {indexing_maps = [#map4, #map5, #map6], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %arg0, %arg1, %arg2 : vector<4x8xf32>, vector<8x16xf32> into vector<4x16xf32>
// CHECK-NEXT: %6 = vector.outerproduct %arg5, %arg3 : vector<4xf32>, vector<8xf32>
// CHECK-NEXT: %7 = vector.outerproduct %arg5, %arg3, %6 {kind = #vector.kind<maxnumf>} : vector<4xf32>, vector<8xf32>
// CHECK-NEXT: %8 = vector.outerproduct %arg5, %arg4 : vector<4xf32>, f32
// CHECK-NEXT: %9 = vector.outerproduct %arg5, %arg6 : vector<4xf32>, vector<[4]xf32>
// CHECK-NEXT: %10 = vector.fma %arg5, %arg5, %arg5 : vector<4xf32>
// CHECK-NEXT: %11 = vector.fma %arg6, %arg6, %arg6 : vector<[4]xf32>
// CHECK-NEXT: %12 = vector.outerproduct %arg5, %arg4, %arg5 {kind = #vector.kind<add>} : vector<4xf32>, f32
// CHECK-NEXT: return %0 : vector<4x16xf32>
// CHECK-NEXT: }
func.func @contractions(%a: vector<4x8xf32>, %b: vector<8x16xf32>, %c: vector<4x16xf32>, %v: vector<8xf32>, %f: f32, %w: vector<4xf32>, %s: vector<[4]xf32>, %ai: vector<4x8xi32>, %bi: vector<8x16xi32>, %ci: vector<4x16xi32>) -> vector<4x16xf32> {
  %0 = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "reduction"]} %a, %b, %c : vector<4x8xf32>, vector<8x16xf32> into vector<4x16xf32>
  %1 = vector.contract {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<maxnumf>} %a, %b, %c : vector<4x8xf32>, vector<8x16xf32> into vector<4x16xf32>
  %2 = vector.contract {indexing_maps = [affine_map<(k) -> (k)>, affine_map<(k) -> (k)>, affine_map<(k) -> ()>], iterator_types = ["reduction"]} %v, %v, %f : vector<8xf32>, vector<8xf32> into f32
  %3 = vector.contract #matmul %a, %b, %c {tag = 1} : vector<4x8xf32>, vector<8x16xf32> into vector<4x16xf32>
  %4 = vector.contract #matmul %ai, %bi, %ci : vector<4x8xi32>, vector<8x16xi32> into vector<4x16xi32>
  %5 = "vector.contract"(%a, %b, %c) <{indexing_maps = [#lhs, #rhs, #acc], iterator_types = [#vector.iterator_type<parallel>, #vector.iterator_type<parallel>, #vector.iterator_type<reduction>], kind = #vector.kind<add>}> : (vector<4x8xf32>, vector<8x16xf32>, vector<4x16xf32>) -> vector<4x16xf32>
  %6 = vector.outerproduct %w, %v : vector<4xf32>, vector<8xf32>
  %7 = vector.outerproduct %w, %v, %6 {kind = #vector.kind<maxnumf>} : vector<4xf32>, vector<8xf32>
  %8 = vector.outerproduct %w, %f : vector<4xf32>, f32
  %9 = vector.outerproduct %w, %s : vector<4xf32>, vector<[4]xf32>
  %10 = vector.fma %w, %w, %w : vector<4xf32>
  %11 = vector.fma %s, %s, %s : vector<[4]xf32>
  // With an accumulator the kind is printed even when it is the default.
  %12 = vector.outerproduct %w, %f, %w : vector<4xf32>, f32
  return %0 : vector<4x16xf32>
}

// CHECK-LABEL: func.func @reductions(%arg0: vector<8xf32>, %arg1: f32, %arg2: vector<4x8xf32>, %arg3: vector<4xf32>, %arg4: vector<8xi32>, %arg5: vector<[4]xf32>, %arg6: vector<f32>) {
// CHECK-NEXT: %0 = vector.reduction <add>, %arg0 : vector<8xf32> into f32
// CHECK-NEXT: %1 = vector.reduction <maximumf>, %arg0, %arg1 : vector<8xf32> into f32
// CHECK-NEXT: %2 = vector.reduction <add>, %arg0 fastmath<fast> : vector<8xf32> into f32
// CHECK-NEXT: %3 = vector.reduction <mul>, %arg0, %arg1 fastmath<nnan,ninf> : vector<8xf32> into f32
// CHECK-NEXT: %4 = vector.reduction <xor>, %arg4 : vector<8xi32> into i32
// CHECK-NEXT: %5 = vector.reduction <add>, %arg5 : vector<[4]xf32> into f32
// CHECK-NEXT: %6 = vector.reduction <add>, %arg6 : vector<f32> into f32
// CHECK-NEXT: %7 = vector.multi_reduction <add>, %arg2, %arg3 [1] : vector<4x8xf32> to vector<4xf32>
// CHECK-NEXT: %8 = vector.multi_reduction <minimumf>, %arg2, %arg1 [0, 1] : vector<4x8xf32> to f32
// CHECK-NEXT: %9 = vector.multi_reduction <mul>, %arg2, %arg2 [] : vector<4x8xf32> to vector<4x8xf32>
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @reductions(%v: vector<8xf32>, %f: f32, %v2: vector<4x8xf32>, %w: vector<4xf32>, %i: vector<8xi32>, %s: vector<[4]xf32>, %z: vector<f32>) {
  %0 = vector.reduction <add>, %v : vector<8xf32> into f32
  %1 = vector.reduction <maximumf>, %v, %f : vector<8xf32> into f32
  %2 = vector.reduction <add>, %v fastmath<fast> : vector<8xf32> into f32
  %3 = vector.reduction <mul>, %v, %f fastmath<nnan,ninf> : vector<8xf32> into f32
  %4 = vector.reduction <xor>, %i : vector<8xi32> into i32
  %5 = vector.reduction <add>, %s : vector<[4]xf32> into f32
  %6 = vector.reduction <add>, %z : vector<f32> into f32
  %7 = vector.multi_reduction <add>, %v2, %w [1] : vector<4x8xf32> to vector<4xf32>
  %8 = vector.multi_reduction <minimumf>, %v2, %f [0, 1] : vector<4x8xf32> to f32
  %9 = vector.multi_reduction <mul>, %v2, %v2 [] : vector<4x8xf32> to vector<4x8xf32>
  return
}

// CHECK-LABEL: func.func @masks(%arg0: index, %arg1: memref<?x?xf32>, %arg2: f32, %arg3: vector<4xi1>, %arg4: vector<4xf32>, %arg5: vector<4x8xf32>, %arg6: vector<8x16xf32>, %arg7: vector<4x16xf32>, %arg8: vector<4x16x8xi1>, %arg9: tensor<?x?xf32>) -> tensor<?x?xf32> {
// CHECK-NEXT: %0 = vector.create_mask %arg0 : vector<4xi1>
// CHECK-NEXT: %1 = vector.create_mask %arg0, %arg0 : vector<4x[8]xi1>
// CHECK-NEXT: %2 = vector.create_mask %arg0 : vector<i1>
// CHECK-NEXT: %3 = vector.constant_mask [2] : vector<4xi1>
// CHECK-NEXT: %4 = vector.constant_mask [2, 3] : vector<4x8xi1>
// CHECK-NEXT: %5 = vector.constant_mask [0] : vector<[8]xi1>
// CHECK-NEXT: %6 = vector.constant_mask [1] : vector<i1>
// CHECK-NEXT: %7 = vector.mask %arg3 { vector.transfer_read %arg1[%arg0, %arg0], %arg2 : memref<?x?xf32>, vector<4xf32> } : vector<4xi1> -> vector<4xf32>
// CHECK-NEXT: %8 = vector.mask %arg3, %arg4 { vector.transfer_read %arg1[%arg0, %arg0], %arg2 : memref<?x?xf32>, vector<4xf32> } : vector<4xi1> -> vector<4xf32>
// CHECK-NEXT: vector.mask %arg3 { vector.transfer_write %arg4, %arg1[%arg0, %arg0] : vector<4xf32>, memref<?x?xf32> } : vector<4xi1>
// CHECK-NEXT: %9 = vector.mask %arg3 { vector.transfer_write %arg4, %arg9[%arg0, %arg0] : vector<4xf32>, tensor<?x?xf32> } : vector<4xi1> -> tensor<?x?xf32>
// CHECK-NEXT: %10 = vector.mask %arg8 { vector.contract {indexing_maps = [#map4, #map5, #map6], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %arg5, %arg6, %arg7 : vector<4x8xf32>, vector<8x16xf32> into vector<4x16xf32> } : vector<4x16x8xi1> -> vector<4x16xf32>
// CHECK-NEXT: %11 = vector.mask %arg3 { vector.reduction <add>, %arg4 : vector<4xf32> into f32 } : vector<4xi1> -> f32
// CHECK-NEXT: %12 = vector.mask %arg3 { vector.reduction <add>, %arg4, %arg2 : vector<4xf32> into f32 } : vector<4xi1> -> f32
// CHECK-NEXT: %13 = vector.mask %arg8 { vector.yield %arg7 : vector<4x16xf32> } : vector<4x16x8xi1> -> vector<4x16xf32>
// CHECK-NEXT: vector.mask %arg3 { vector.yield } : vector<4xi1>
// CHECK-NEXT: %14 = vector.mask %arg3 { vector.multi_reduction <add>, %arg4, %arg2 [0] : vector<4xf32> to f32 } : vector<4xi1> -> f32
// CHECK-NEXT: return %9 : tensor<?x?xf32>
// CHECK-NEXT: }
func.func @masks(%i: index, %m: memref<?x?xf32>, %f: f32, %mask: vector<4xi1>, %v: vector<4xf32>, %a: vector<4x8xf32>, %b: vector<8x16xf32>, %c: vector<4x16xf32>, %mm: vector<4x16x8xi1>, %t: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = vector.create_mask %i : vector<4xi1>
  %1 = vector.create_mask %i, %i : vector<4x[8]xi1>
  %2 = vector.create_mask %i : vector<i1>
  %3 = vector.constant_mask [2] : vector<4xi1>
  %4 = vector.constant_mask [2, 3] : vector<4x8xi1>
  %5 = vector.constant_mask [0] : vector<[8]xi1>
  %6 = vector.constant_mask [1] : vector<i1>
  %7 = vector.mask %mask { vector.transfer_read %m[%i, %i], %f : memref<?x?xf32>, vector<4xf32> } : vector<4xi1> -> vector<4xf32>
  %8 = vector.mask %mask, %v { vector.transfer_read %m[%i, %i], %f : memref<?x?xf32>, vector<4xf32> } : vector<4xi1> -> vector<4xf32>
  vector.mask %mask { vector.transfer_write %v, %m[%i, %i] : vector<4xf32>, memref<?x?xf32> } : vector<4xi1>
  %9 = vector.mask %mask { vector.transfer_write %v, %t[%i, %i] : vector<4xf32>, tensor<?x?xf32> } : vector<4xi1> -> tensor<?x?xf32>
  %10 = vector.mask %mm { vector.contract {indexing_maps = [affine_map<(i, j, k) -> (i, k)>, affine_map<(i, j, k) -> (k, j)>, affine_map<(i, j, k) -> (i, j)>], iterator_types = ["parallel", "parallel", "reduction"]} %a, %b, %c : vector<4x8xf32>, vector<8x16xf32> into vector<4x16xf32> } : vector<4x16x8xi1> -> vector<4x16xf32>
  %11 = vector.mask %mask { vector.reduction <add>, %v : vector<4xf32> into f32 } : vector<4xi1> -> f32
  %12 = vector.mask %mask {
    %r = vector.reduction <add>, %v, %f : vector<4xf32> into f32
    vector.yield %r : f32
  } : vector<4xi1> -> f32
  %13 = vector.mask %mm { vector.yield %c : vector<4x16xf32> } : vector<4x16x8xi1> -> vector<4x16xf32>
  vector.mask %mask { } : vector<4xi1>
  %14 = vector.mask %mask { vector.multi_reduction <add>, %v, %f [0] : vector<4xf32> to f32 } : vector<4xi1> -> f32
  return %9 : tensor<?x?xf32>
}

// CHECK-LABEL: func.func @print(%arg0: vector<4xf32>, %arg1: f32, %arg2: vector<f32>, %arg3: index) {
// CHECK-NEXT: vector.print %arg0 : vector<4xf32>
// CHECK-NEXT: vector.print %arg1 : f32 punctuation <comma>
// CHECK-NEXT: vector.print %arg3 : index
// CHECK-NEXT: vector.print %arg2 : vector<f32> punctuation <no_punctuation>
// CHECK-NEXT: vector.print str "hello\0A"
// CHECK-NEXT: vector.print punctuation <open>
// CHECK-NEXT: vector.print punctuation <close>
// CHECK-NEXT: vector.print
// CHECK-NEXT: vector.print
// CHECK-NEXT: return
// CHECK-NEXT: }
func.func @print(%v: vector<4xf32>, %f: f32, %z: vector<f32>, %i: index) {
  vector.print %v : vector<4xf32>
  vector.print %f : f32 punctuation <comma>
  vector.print %i : index
  vector.print %z : vector<f32> punctuation <no_punctuation>
  vector.print str "hello\n"
  vector.print punctuation <open>
  vector.print punctuation <close>
  vector.print punctuation <newline>
  vector.print
  return
}
