// RUN: ml-opt %s --cse | FileCheck %s

// Memory effects of gpu ops, as CSE sees them: ids, sizes and shuffles are
// pure and merge; reductions (no declared effects), barriers and printf do
// not; an unused gpu.alloc only allocates and goes; copies write. The
// CHECK lines are what upstream mlir-opt 22 prints with --cse.

// CHECK: gpu.module @m {
// CHECK-LABEL: gpu.func @k(%arg0: f32, %arg1: memref<4xf32>) kernel {
// CHECK-NEXT: %thread_id_x = gpu.thread_id x
// CHECK-NEXT: %block_dim_y = gpu.block_dim y upper_bound 8
// CHECK-NEXT: %0 = gpu.lane_id
// CHECK-NEXT: %c1_i32 = arith.constant 1 : i32
// CHECK-NEXT: %shuffleResult, %valid = gpu.shuffle xor %arg0, %c1_i32, %c1_i32 : f32
// CHECK-NEXT: %1 = gpu.subgroup_reduce add %arg0 : (f32) -> f32
// CHECK-NEXT: %2 = gpu.subgroup_reduce add %arg0 : (f32) -> f32
// CHECK-NEXT: gpu.barrier
// CHECK-NEXT: gpu.barrier
// CHECK-NEXT: gpu.printf "%d %d %d %d %f %f %f %f", %thread_id_x, %thread_id_x, %block_dim_y, %block_dim_y, %shuffleResult, %shuffleResult, %1, %2 : index, index, index, index, f32, f32, f32, f32
// CHECK-NEXT: gpu.printf "%d %d", %0, %0 : index, index
// CHECK-NEXT: gpu.return
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-LABEL: func.func @host(%arg0: index, %arg1: memref<?xf32>) {
// CHECK-NEXT: %memref = gpu.alloc (%arg0) : memref<?xf32>
// CHECK-NEXT: gpu.memcpy %memref, %arg1 : memref<?xf32>, memref<?xf32>
// CHECK-NEXT: gpu.memcpy %memref, %arg1 : memref<?xf32>, memref<?xf32>
// CHECK-NEXT: gpu.dealloc %memref : memref<?xf32>
// CHECK-NEXT: return
// CHECK-NEXT: }
// CHECK-NEXT: }

gpu.module @m {
  gpu.func @k(%x: f32, %m: memref<4xf32>) kernel {
    %a = gpu.thread_id x
    %b = gpu.thread_id x
    %c = gpu.block_dim y upper_bound 8
    %d = gpu.block_dim y upper_bound 8
    %l0 = gpu.lane_id
    %l1 = gpu.lane_id
    %c1 = arith.constant 1 : i32
    %s0, %v0 = gpu.shuffle xor %x, %c1, %c1 : f32
    %s1, %v1 = gpu.shuffle xor %x, %c1, %c1 : f32
    %r0 = gpu.subgroup_reduce add %x : (f32) -> f32
    %r1 = gpu.subgroup_reduce add %x : (f32) -> f32
    gpu.barrier
    gpu.barrier
    gpu.printf "%d %d %d %d %f %f %f %f", %a, %b, %c, %d, %s0, %s1, %r0, %r1 : index, index, index, index, f32, f32, f32, f32
    gpu.printf "%d %d", %l0, %l1 : index, index
    gpu.return
  }
}
func.func @host(%n: index, %m: memref<?xf32>) {
  %a = gpu.alloc (%n) : memref<?xf32>
  %b = gpu.alloc (%n) : memref<?xf32>
  gpu.memcpy %b, %m : memref<?xf32>, memref<?xf32>
  gpu.memcpy %b, %m : memref<?xf32>, memref<?xf32>
  gpu.dealloc %b : memref<?xf32>
  return
}
