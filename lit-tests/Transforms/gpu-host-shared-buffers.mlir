// RUN: ml-opt %s --split-input-file --gpu-host-shared-buffers | FileCheck %s
// RUN: ml-opt %s --split-input-file --gpu-host-shared-buffers | %mlir_opt --split-input-file > /dev/null

// Upstream mlir-opt 22 parses and verifies the output (second RUN line).

// Heap buffers go to memory shared with the device, with their dynamic
// sizes; a constant global is copied into a shared buffer at the entry and
// freed before each return, whatever the number of reads.
// CHECK-LABEL: func.func @main(
// CHECK-SAME:    %[[N:.*]]: index
// CHECK:         %[[G:.*]] = memref.get_global @weights : memref<4xf32>
// CHECK-NEXT:    %[[W:.*]] = gpu.alloc host_shared () : memref<4xf32>
// CHECK-NEXT:    memref.copy %[[G]], %[[W]] : memref<4xf32> to memref<4xf32>
// CHECK:         %[[A:.*]] = gpu.alloc host_shared (%[[N]]) : memref<?xf32>
// CHECK-NOT:     memref.get_global
// CHECK:         gpu.launch_func @kernels::@fill blocks in ({{.*}}) threads in ({{.*}}) args(%[[W]] : memref<4xf32>, %[[A]] : memref<?xf32>)
// CHECK:         memref.load %[[W]]
// CHECK:         gpu.dealloc %[[A]] : memref<?xf32>
// CHECK-NEXT:    gpu.dealloc %[[W]] : memref<4xf32>
// CHECK-NEXT:    return
// CHECK:       gpu.module @kernels
// CHECK:         memref.alloca
module attributes {gpu.container_module} {
  memref.global "private" constant @weights : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>
  func.func @main(%n: index) -> f32 {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %w = memref.get_global @weights : memref<4xf32>
    %a = memref.alloc(%n) : memref<?xf32>
    gpu.launch_func @kernels::@fill blocks in (%n, %c1, %c1) threads in (%c1, %c1, %c1) args(%w : memref<4xf32>, %a : memref<?xf32>)
    %again = memref.get_global @weights : memref<4xf32>
    %x = memref.load %again[%c0] : memref<4xf32>
    memref.dealloc %a : memref<?xf32>
    return %x : f32
  }
  gpu.module @kernels {
    gpu.func @fill(%w: memref<4xf32>, %a: memref<?xf32>) kernel {
      %c0 = arith.constant 0 : index
      %i = gpu.block_id x
      %scratch = memref.alloca() : memref<1xf32>
      %x = memref.load %w[%c0] : memref<4xf32>
      memref.store %x, %a[%i] : memref<?xf32>
      gpu.return
    }
  }
}

// -----

// A module without kernel launches is left as it is.
// CHECK-LABEL: func.func @host_only(
// CHECK:         memref.alloc()
// CHECK:         memref.dealloc
func.func @host_only() {
  %a = memref.alloc() : memref<4xf32>
  memref.dealloc %a : memref<4xf32>
  return
}
