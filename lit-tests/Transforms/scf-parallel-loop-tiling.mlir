// RUN: ml-opt %s --split-input-file --scf-parallel-loop-tiling="parallel-loop-tile-sizes=32,8" | FileCheck %s
// RUN: ml-opt %s --split-input-file --scf-parallel-loop-tiling="parallel-loop-tile-sizes=32,8 no-min-max-bounds" | FileCheck %s --check-prefix=GUARD
// RUN: %mlir_opt %s --split-input-file --scf-parallel-loop-tiling="parallel-loop-tile-sizes=32,8 no-min-max-bounds" | FileCheck %s --check-prefix=GUARD
// RUN: not ml-opt %s --scf-parallel-loop-tiling="parallel-loop-tile-sizes=4,0" 2>&1 | FileCheck %s --check-prefix=ZERO

// With no-min-max-bounds the output is upstream's (third RUN line); with
// bounds, upstream writes `affine.min` where we write `arith.minsi`.
// ZERO: invalid options for pass 'scf-parallel-loop-tiling': tile size cannot be 0

// The last tile stops at the bound: the inner loop runs to min(32, ub - iv).
// CHECK-LABEL: func.func @tiled(
// CHECK-SAME:    %[[M:.*]]: memref<?x?xf32>, %[[N:.*]]: index, %[[K:.*]]: index)
// CHECK:         %[[C1:.*]] = arith.constant 1 : index
// CHECK:         %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:    %[[T32:.*]] = arith.constant 32 : index
// CHECK-NEXT:    %[[T8:.*]] = arith.constant 8 : index
// CHECK-NEXT:    %[[S0:.*]] = arith.muli %[[C1]], %[[T32]] : index
// CHECK-NEXT:    %[[S1:.*]] = arith.muli %[[C1]], %[[T8]] : index
// CHECK-NEXT:    scf.parallel (%[[I:.*]], %[[J:.*]]) = (%{{.*}}, %{{.*}}) to (%[[N]], %[[K]]) step (%[[S0]], %[[S1]]) {
// CHECK-NEXT:      %[[R0:.*]] = arith.subi %[[N]], %[[I]] : index
// CHECK-NEXT:      %[[B0:.*]] = arith.minsi %[[S0]], %[[R0]] : index
// CHECK-NEXT:      %[[R1:.*]] = arith.subi %[[K]], %[[J]] : index
// CHECK-NEXT:      %[[B1:.*]] = arith.minsi %[[S1]], %[[R1]] : index
// CHECK-NEXT:      scf.parallel (%[[II:.*]], %[[JJ:.*]]) = (%[[C0]], %[[C0]]) to (%[[B0]], %[[B1]]) step (%[[C1]], %[[C1]]) {
// CHECK-NEXT:        %[[X:.*]] = arith.addi %[[II]], %[[I]] : index
// CHECK-NEXT:        %[[Y:.*]] = arith.addi %[[JJ]], %[[J]] : index
// CHECK-NEXT:        memref.load %[[M]][%[[X]], %[[Y]]] : memref<?x?xf32>
// With no-min-max-bounds the inner loop covers whole tiles, guarded.
// GUARD-LABEL: func.func @tiled(
// GUARD:         scf.parallel (%[[I:.*]], %[[J:.*]]) = ({{.*}}) to ({{.*}}) step (%[[S0:.*]], %[[S1:.*]]) {
// GUARD-NEXT:      scf.parallel (%[[II:.*]], %[[JJ:.*]]) = ({{.*}}) to (%[[S0]], %[[S1]]) step
// GUARD-NEXT:        %[[X:.*]] = arith.addi %[[II]], %[[I]] : index
// GUARD-NEXT:        %[[Y:.*]] = arith.addi %[[JJ]], %[[J]] : index
// GUARD-NEXT:      %[[TRUE:.*]] = arith.constant true
// GUARD-NEXT:      %[[A:.*]] = arith.muli %[[II]], %{{.*}} : index
// GUARD-NEXT:      %[[B:.*]] = arith.addi %[[A]], %[[I]] : index
// GUARD-NEXT:      %[[IN0:.*]] = arith.cmpi ult, %[[B]], %{{.*}} : index
// GUARD-NEXT:      %[[AND0:.*]] = arith.andi %[[TRUE]], %[[IN0]] : i1
// GUARD:           %[[AND1:.*]] = arith.andi %[[AND0]], %{{.*}} : i1
// GUARD-NEXT:      scf.if %[[AND1]] {
// GUARD-NEXT:        memref.load %{{.*}}[%[[X]], %[[Y]]] : memref<?x?xf32>
func.func @tiled(%m: memref<?x?xf32>, %n: index, %k: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %k) step (%c1, %c1) {
    %x = memref.load %m[%i, %j] : memref<?x?xf32>
    memref.store %x, %m[%j, %i] : memref<?x?xf32>
    scf.reduce
  }
  return
}

// -----

// A trip count that is a multiple of the tile size needs no bound; a third
// dimension gets tile size 1; only innermost loops are tiled, and loops
// with reductions are not.
// CHECK-LABEL: func.func @static(
// CHECK:         scf.parallel (%{{.*}}) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// CHECK:           scf.parallel (%{{.*}}, %{{.*}}, %{{.*}}) = (%{{.*}}, %{{.*}}, %{{.*}}) to (%{{.*}}, %{{.*}}, %{{.*}}) step (%[[S0:.*]], %[[S1:.*]], %[[S2:.*]]) {
// CHECK-NEXT:        scf.parallel (%{{.*}}, %{{.*}}, %{{.*}}) = (%{{.*}}, %{{.*}}, %{{.*}}) to (%[[S0]], %[[S1]], %[[S2]]) step
// CHECK:         scf.parallel (%{{.*}}) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) init
// GUARD-LABEL: func.func @static(
// GUARD-NOT:     scf.if
// GUARD:         return
func.func @static(%m: memref<64x16x4xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%b) = (%c0) to (%c1) step (%c1) {
    scf.parallel (%i, %j, %k) = (%c0, %c0, %c0) to (%c64, %c16, %c4) step (%c1, %c1, %c1) {
      %x = memref.load %m[%i, %j, %k] : memref<64x16x4xf32>
      memref.store %x, %m[%i, %j, %k] : memref<64x16x4xf32>
      scf.reduce
    }
    scf.reduce
  }
  %sum = scf.parallel (%i) = (%c0) to (%c64) step (%c1) init (%zero) -> f32 {
    %x = memref.load %m[%i, %c0, %c0] : memref<64x16x4xf32>
    scf.reduce(%x : f32) {
    ^bb0(%a: f32, %b: f32):
      %s = arith.addf %a, %b : f32
      scf.reduce.return %s : f32
    }
  }
  return %sum : f32
}
