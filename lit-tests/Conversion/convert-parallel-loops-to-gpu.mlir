// RUN: ml-opt %s --split-input-file --convert-parallel-loops-to-gpu | FileCheck %s

// Mapped scf.parallel nests and gpu-mapped scf.forall become gpu.launch.
// Upstream mlir-opt 22 computes the same ids and sizes with affine.apply
// (there is no affine dialect here: arith ops, folded where constant) and
// marks the launch `SCFToGPU_visited`; it has no pass for scf.forall (the
// transform dialect's gpu.map_forall_to_blocks and
// map_nested_forall_to_threads do what the forall cases check).

// Block ids stand for the induction variables; the grid is the trip count.
// CHECK-LABEL: func.func @blocks(
// CHECK-SAME:    %[[M:.*]]: memref<?x?xf32>, %[[N:.*]]: index, %[[K:.*]]: index)
// CHECK-DAG:     %[[C2:.*]] = arith.constant 2 : index
// CHECK-DAG:     %[[C3:.*]] = arith.constant 3 : index
// CHECK:         %[[ONE:.*]] = arith.constant 1 : index
// CHECK-NEXT:    %[[D:.*]] = arith.subi %[[K]], %[[C2]] : index
// CHECK-NEXT:    %[[GY:.*]] = arith.ceildivsi %[[D]], %[[C3]] : index
// CHECK-NEXT:    gpu.launch blocks(%[[BX:.*]], %[[BY:.*]], %{{.*}}) in (%{{.*}} = %[[N]], %{{.*}} = %[[GY]], %{{.*}} = %[[ONE]]) threads(%{{.*}}, %{{.*}}, %{{.*}}) in (%{{.*}} = %[[ONE]], %{{.*}} = %[[ONE]], %{{.*}} = %[[ONE]]) {
// CHECK-NEXT:      %[[S:.*]] = arith.muli %[[BY]], %[[C3]] : index
// CHECK-NEXT:      %[[J:.*]] = arith.addi %[[S]], %[[C2]] : index
// CHECK-NEXT:      %[[X:.*]] = memref.load %[[M]][%[[BX]], %[[J]]] : memref<?x?xf32>
// CHECK-NEXT:      memref.store %[[X]], %[[M]][%[[J]], %[[BX]]] : memref<?x?xf32>
// CHECK-NEXT:      gpu.terminator
// CHECK-NEXT:    } {tag = "kept"}
func.func @blocks(%m: memref<?x?xf32>, %n: index, %k: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  scf.parallel (%i, %j) = (%c0, %c2) to (%n, %k) step (%c1, %c3) {
    %x = memref.load %m[%i, %j] : memref<?x?xf32>
    memref.store %x, %m[%j, %i] : memref<?x?xf32>
    scf.reduce
  } {mapping = [#gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>, #gpu.loop_dim_map<processor = block_y, map = (d0) -> (d0), bound = (d0) -> (d0)>], tag = "kept"}
  return
}

// -----

// Blocks, threads, and a sequential dimension as an scf.for in the kernel.
// CHECK-LABEL: func.func @nested(
// CHECK-SAME:    %[[M:.*]]: memref<?x?xf32>, %[[N:.*]]: index)
// CHECK-DAG:     %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG:     %[[C4:.*]] = arith.constant 4 : index
// CHECK:         %[[ONE:.*]] = arith.constant 1 : index
// CHECK-NEXT:    %[[GX:.*]] = arith.ceildivsi %[[N]], %[[C4]] : index
// CHECK-NEXT:    %[[BLOCK:.*]] = arith.constant 4 : index
// CHECK-NEXT:    gpu.launch blocks(%[[BX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %[[GX]], %{{.*}} = %[[ONE]], %{{.*}} = %[[ONE]]) threads(%[[TX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %[[BLOCK]], %{{.*}} = %[[ONE]], %{{.*}} = %[[ONE]]) {
// CHECK-NEXT:      %[[I:.*]] = arith.muli %[[BX]], %[[C4]] : index
// CHECK-NEXT:      scf.for %[[S:.*]] = %[[C0]] to %[[N]] step %[[C1]] {
// CHECK-NEXT:        %[[X:.*]] = memref.load %[[M]][%[[I]], %[[TX]]] : memref<?x?xf32>
// CHECK-NEXT:        memref.store %[[X]], %[[M]][%[[S]], %[[TX]]] : memref<?x?xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      gpu.terminator
func.func @nested(%m: memref<?x?xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.parallel (%i, %s) = (%c0, %c0) to (%n, %n) step (%c4, %c1) {
    scf.parallel (%ii) = (%c0) to (%c4) step (%c1) {
      %x = memref.load %m[%i, %ii] : memref<?x?xf32>
      memref.store %x, %m[%s, %ii] : memref<?x?xf32>
      scf.reduce
    } {mapping = [#gpu.loop_dim_map<processor = thread_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
    scf.reduce
  } {mapping = [#gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>, #gpu.loop_dim_map<processor = sequential, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
  return
}

// -----

// A tiled loop: the inner bound min(32, n - i) is only known in the nest,
// so the block size is its static bound 32 and the body checks the bound.
// CHECK-LABEL: func.func @bound_check(
// CHECK-SAME:    %[[M:.*]]: memref<?xf32>, %[[N:.*]]: index)
// CHECK:         %[[C32:.*]] = arith.constant 32 : index
// CHECK:         %[[GX:.*]] = arith.ceildivsi %[[N]], %[[C32]] : index
// CHECK-NEXT:    %[[BLOCK:.*]] = arith.constant 32 : index
// CHECK-NEXT:    gpu.launch blocks(%[[BX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %[[GX]], %{{.*}}, %{{.*}}) threads(%[[TX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %[[BLOCK]], %{{.*}}, %{{.*}}) {
// CHECK-NEXT:      %[[I:.*]] = arith.muli %[[BX]], %[[C32]] : index
// CHECK-NEXT:      %[[REST:.*]] = arith.subi %[[N]], %[[I]] : index
// CHECK-NEXT:      %[[UB:.*]] = arith.minsi %[[C32]], %[[REST]] : index
// CHECK-NEXT:      %[[IN:.*]] = arith.cmpi slt, %[[TX]], %[[UB]] : index
// CHECK-NEXT:      scf.if %[[IN]] {
// CHECK-NEXT:        %[[IDX:.*]] = arith.addi %[[TX]], %[[I]] : index
// CHECK-NEXT:        memref.load %[[M]][%[[IDX]]] : memref<?xf32>
func.func @bound_check(%m: memref<?xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  scf.parallel (%i) = (%c0) to (%n) step (%c32) {
    %rest = arith.subi %n, %i : index
    %ub = arith.minsi %c32, %rest : index
    scf.parallel (%j) = (%c0) to (%ub) step (%c1) {
      %idx = arith.addi %j, %i : index
      %x = memref.load %m[%idx] : memref<?xf32>
      memref.store %x, %m[%idx] : memref<?xf32>
      scf.reduce
    } {mapping = [#gpu.loop_dim_map<processor = thread_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
    scf.reduce
  } {mapping = [#gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
  return
}

// -----

// A nested reduction is a gpu.all_reduce, combined with the initial value.
// CHECK-LABEL: func.func @reduction(
// CHECK-SAME:    %[[M:.*]]: memref<?xf32>, %[[OUT:.*]]: memref<f32>, %[[N:.*]]: index)
// CHECK:         %[[INIT:.*]] = arith.constant 1.000000e+00 : f32
// CHECK:         gpu.launch blocks(%{{.*}}, %{{.*}}, %{{.*}}) in ({{.*}}) threads(%[[TX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %[[N]], {{.*}}) {
// CHECK-NEXT:      %[[X:.*]] = memref.load %[[M]][%[[TX]]] : memref<?xf32>
// CHECK-NEXT:      %[[ALL:.*]] = gpu.all_reduce %[[X]] {
// CHECK-NEXT:      ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32):
// CHECK-NEXT:        %[[S:.*]] = arith.addf %[[A]], %[[B]] : f32
// CHECK-NEXT:        gpu.yield %[[S]] : f32
// CHECK-NEXT:      } : (f32) -> f32
// CHECK-NEXT:      %[[TOTAL:.*]] = arith.addf %[[INIT]], %[[ALL]] : f32
// CHECK-NEXT:      memref.store %[[TOTAL]], %[[OUT]][] : memref<f32>
func.func @reduction(%m: memref<?xf32>, %out: memref<f32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %init = arith.constant 1.0 : f32
  scf.parallel (%b) = (%c0) to (%c1) step (%c1) {
    %sum = scf.parallel (%i) = (%c0) to (%n) step (%c1) init (%init) -> f32 {
      %x = memref.load %m[%i] : memref<?xf32>
      scf.reduce(%x : f32) {
      ^bb0(%l: f32, %r: f32):
        %s = arith.addf %l, %r : f32
        scf.reduce.return %s : f32
      }
    } {mapping = [#gpu.loop_dim_map<processor = thread_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
    memref.store %sum, %out[] : memref<f32>
    scf.reduce
  } {mapping = [#gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
  return
}

// -----

// Not converted, as upstream: a side effect before a nested loop, a loop
// without mapping, and an outermost loop with a result.
// CHECK-LABEL: func.func @left_alone(
// CHECK-NOT:     gpu.launch
// CHECK:         scf.parallel
// CHECK:           scf.parallel
// CHECK:           } {mapping = [#gpu.loop_dim_map<processor = thread_x
// CHECK:         } {mapping = [#gpu.loop_dim_map<processor = block_x
// CHECK:         scf.parallel
// CHECK:         scf.parallel {{.*}} init
// CHECK:         } {mapping = [#gpu.loop_dim_map<processor = block_x
func.func @left_alone(%m: memref<?xf32>, %n: index) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %f = arith.constant 1.0 : f32
  scf.parallel (%b) = (%c0) to (%n) step (%c1) {
    memref.store %f, %m[%b] : memref<?xf32>
    scf.parallel (%i) = (%c0) to (%n) step (%c1) {
      memref.store %f, %m[%i] : memref<?xf32>
      scf.reduce
    } {mapping = [#gpu.loop_dim_map<processor = thread_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
    scf.reduce
  } {mapping = [#gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    memref.store %f, %m[%i] : memref<?xf32>
    scf.reduce
  }
  %r = scf.parallel (%i) = (%c0) to (%n) step (%c1) init (%f) -> f32 {
    %x = memref.load %m[%i] : memref<?xf32>
    scf.reduce(%x : f32) {
    ^bb0(%l: f32, %r: f32):
      %s = arith.addf %l, %r : f32
      scf.reduce.return %s : f32
    }
  } {mapping = [#gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
  return %r : f32
}

// -----

// A block-mapped forall with thread-mapped foralls inside: the block size
// is the largest thread count per dimension; smaller foralls are guarded
// and each is followed by a barrier.
// CHECK-LABEL: func.func @forall_blocks(
// CHECK-SAME:    %[[X:.*]]: memref<?xf32>, %[[Y:.*]]: memref<?xf32>, %[[A:.*]]: f32)
// CHECK-DAG:     %[[ONE:.*]] = arith.constant 1 : index
// CHECK-DAG:     %[[C7:.*]] = arith.constant 7 : index
// CHECK-DAG:     %[[C9:.*]] = arith.constant 9 : index
// CHECK-DAG:     %[[C12:.*]] = arith.constant 12 : index
// CHECK-DAG:     %[[C4:.*]] = arith.constant 4 : index
// CHECK:         gpu.launch blocks(%[[BX:.*]], %[[BY:.*]], %{{.*}}) in (%{{.*}} = %[[C7]], %{{.*}} = %[[C9]], %{{.*}} = %[[ONE]]) threads(%[[TX:.*]], %[[TY:.*]], %{{.*}}) in (%{{.*}} = %[[C12]], %{{.*}} = %[[C4]], %{{.*}} = %[[ONE]]) {
// CHECK-NEXT:      %[[L1:.*]] = arith.constant 1 : index
// CHECK-NEXT:      %[[P1:.*]] = arith.cmpi ult, %[[TY]], %[[L1]] : index
// CHECK-NEXT:      scf.if %[[P1]] {
// CHECK-NEXT:        %[[V:.*]] = memref.load %[[X]][%[[TX]]] : memref<?xf32>
// CHECK-NEXT:        %[[W:.*]] = arith.mulf %[[V]], %[[A]] : f32
// CHECK-NEXT:        memref.store %[[W]], %[[Y]][%[[BX]]] : memref<?xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      gpu.barrier
// CHECK-NEXT:      %[[L3:.*]] = arith.constant 3 : index
// CHECK-NEXT:      %[[P2:.*]] = arith.cmpi ult, %[[TX]], %[[L3]] : index
// CHECK-NEXT:      scf.if %[[P2]] {
// CHECK-NEXT:        %[[V2:.*]] = memref.load %[[X]][%[[TY]]] : memref<?xf32>
// CHECK-NEXT:        memref.store %[[V2]], %[[Y]][%[[BY]]] : memref<?xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:      gpu.barrier
// CHECK-NEXT:      gpu.terminator
func.func @forall_blocks(%x: memref<?xf32>, %y: memref<?xf32>, %a: f32) {
  scf.forall (%i, %j) in (7, 9) {
    scf.forall (%k) in (12) {
      %v = memref.load %x[%k] : memref<?xf32>
      %w = arith.mulf %v, %a : f32
      memref.store %w, %y[%i] : memref<?xf32>
    } {mapping = [#gpu.thread<x>]}
    scf.forall (%k, %l) in (4, 3) {
      %v = memref.load %x[%k] : memref<?xf32>
      memref.store %v, %y[%j] : memref<?xf32>
    } {mapping = [#gpu.thread<y>, #gpu.thread<x>]}
  } {mapping = [#gpu.block<x>, #gpu.block<y>]}
  return
}

// -----

// A thread-mapped forall on its own is one block of its trip count.
// CHECK-LABEL: func.func @forall_threads(
// CHECK-SAME:    %[[X:.*]]: memref<?xf32>, %[[N:.*]]: index)
// CHECK-DAG:     %[[ONE:.*]] = arith.constant 1 : index
// CHECK-DAG:     %[[C2:.*]] = arith.constant 2 : index
// CHECK:         %[[D:.*]] = arith.subi %[[N]], %[[C2]] : index
// CHECK-NEXT:    %[[C3:.*]] = arith.constant 3 : index
// CHECK-NEXT:    %[[COUNT:.*]] = arith.ceildivsi %[[D]], %[[C3]] : index
// CHECK-NEXT:    gpu.launch blocks(%{{.*}}, %{{.*}}, %{{.*}}) in (%{{.*}} = %[[ONE]], %{{.*}} = %[[ONE]], %{{.*}} = %[[ONE]]) threads(%[[TX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %[[COUNT]], %{{.*}} = %[[ONE]], %{{.*}} = %[[ONE]]) {
// CHECK-NEXT:      %[[S:.*]] = arith.constant 3 : index
// CHECK-NEXT:      %[[M:.*]] = arith.muli %[[TX]], %[[S]] : index
// CHECK-NEXT:      %[[L:.*]] = arith.constant 2 : index
// CHECK-NEXT:      %[[I:.*]] = arith.addi %[[M]], %[[L]] : index
// CHECK-NEXT:      memref.load %[[X]][%[[I]]] : memref<?xf32>
// CHECK-NOT:       gpu.barrier
func.func @forall_threads(%x: memref<?xf32>, %n: index) {
  scf.forall (%i) = (2) to (%n) step (3) {
    %v = memref.load %x[%i] : memref<?xf32>
    memref.store %v, %x[%i] : memref<?xf32>
  } {mapping = [#gpu.thread<x>]}
  return
}
