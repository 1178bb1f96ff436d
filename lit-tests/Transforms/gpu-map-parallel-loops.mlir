// RUN: ml-opt %s --split-input-file --gpu-map-parallel-loops | FileCheck %s
// RUN: %mlir_opt %s --split-input-file --gpu-map-parallel-loops | FileCheck %s
// RUN: ml-opt %s --split-input-file --gpu-map-parallel-loops=mapping-policy=innermost-first | FileCheck %s --check-prefix=INNER
// RUN: %mlir_opt %s --split-input-file --gpu-map-parallel-loops=mapping-policy=innermost-first | FileCheck %s --check-prefix=INNER
// RUN: not ml-opt %s --gpu-map-parallel-loops=mapping-policy=sideways 2>&1 | FileCheck %s --check-prefix=BAD

// Upstream mlir-opt 22 gives the same output (the RUN lines with %mlir_opt).
// BAD: invalid options for pass 'gpu-map-parallel-loops': invalid 'mapping-policy' value: 'sideways'

// The outermost loop of a nest maps to blocks, the loops in it to threads,
// deeper ones to sequential loops; a fourth dimension is sequential.
// CHECK-LABEL: func.func @nest(
// CHECK:       scf.parallel
// CHECK:         scf.parallel
// CHECK:           scf.parallel
// CHECK:           } {mapping = [#gpu.loop_dim_map<processor = sequential, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// CHECK:         } {mapping = [#gpu.loop_dim_map<processor = thread_x, map = (d0) -> (d0), bound = (d0) -> (d0)>, #gpu.loop_dim_map<processor = thread_y, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// CHECK:       } {mapping = [#gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>, #gpu.loop_dim_map<processor = block_y, map = (d0) -> (d0), bound = (d0) -> (d0)>, #gpu.loop_dim_map<processor = block_z, map = (d0) -> (d0), bound = (d0) -> (d0)>, #gpu.loop_dim_map<processor = sequential, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// With innermost-first, the last mapped dimension is x.
// INNER-LABEL: func.func @nest(
// INNER:       } {mapping = [#gpu.loop_dim_map<processor = sequential, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// INNER:       } {mapping = [#gpu.loop_dim_map<processor = thread_y, map = (d0) -> (d0), bound = (d0) -> (d0)>, #gpu.loop_dim_map<processor = thread_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// INNER:       } {mapping = [#gpu.loop_dim_map<processor = block_z, map = (d0) -> (d0), bound = (d0) -> (d0)>, #gpu.loop_dim_map<processor = block_y, map = (d0) -> (d0), bound = (d0) -> (d0)>, #gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>, #gpu.loop_dim_map<processor = sequential, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
func.func @nest(%m: memref<?x?xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.parallel (%i, %j, %k, %l) = (%c0, %c0, %c0, %c0) to (%n, %n, %n, %n) step (%c4, %c4, %c1, %c1) {
    scf.parallel (%ii, %jj) = (%c0, %c0) to (%c4, %c4) step (%c1, %c1) {
      scf.parallel (%z) = (%c0) to (%c4) step (%c1) {
        %x = memref.load %m[%ii, %z] : memref<?x?xf32>
        memref.store %x, %m[%jj, %z] : memref<?x?xf32>
        scf.reduce
      }
      scf.reduce
    }
    scf.reduce
  }
  return
}

// -----

// A loop that has a mapping keeps it, and so do the loops in it; a loop
// under an scf.for inside a nest starts no nest of its own.
// CHECK-LABEL: func.func @kept(
// CHECK:       scf.for
// CHECK:         scf.parallel
// CHECK-NOT:     mapping
// CHECK:       } {mapping = [#gpu.loop_dim_map<processor = thread_y, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// INNER-LABEL: func.func @kept(
// INNER:       } {mapping = [#gpu.loop_dim_map<processor = thread_y, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
func.func @kept(%m: memref<?xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    scf.for %k = %c0 to %n step %c1 {
      scf.parallel (%j) = (%c0) to (%n) step (%c1) {
        %x = memref.load %m[%j] : memref<?xf32>
        memref.store %x, %m[%i] : memref<?xf32>
        scf.reduce
      }
    }
    scf.reduce
  } {mapping = [#gpu.loop_dim_map<processor = thread_y, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
  return
}
