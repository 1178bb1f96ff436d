// RUN: ml-opt %s --split-input-file --gpu-kernel-outlining | FileCheck %s
// RUN: %mlir_opt %s --split-input-file --gpu-kernel-outlining | FileCheck %s
// RUN: not ml-opt %s --pass-pipeline='builtin.module(func.func(gpu-kernel-outlining))' 2>&1 | FileCheck %s --check-prefix=NESTED

// Upstream mlir-opt 22 gives the same output (second RUN line).
// NESTED: error: 'func.func' op gpu-kernel-outlining expects a 'builtin.module'

// The body becomes a kernel of its own module, after the function; the
// values it used from outside become arguments, in the order it uses them;
// constant sizes become known sizes. Values are not sunk (that is
// gpu-launch-sink-index-computations).
// CHECK-LABEL: module attributes {gpu.container_module}
// CHECK-LABEL: func.func @scale(
// CHECK-SAME:    %[[M:.*]]: memref<?xf32>, %[[N:.*]]: index, %[[F:.*]]: f32)
// CHECK:         %[[C1:.*]] = arith.constant 1 : index
// CHECK:         %[[C32:.*]] = arith.constant 32 : index
// CHECK:         gpu.launch_func @scale_kernel::@scale_kernel blocks in (%[[N]], %[[C1]], %[[C1]]) threads in (%[[C32]], %[[C1]], %[[C1]]) args(%[[M]] : memref<?xf32>, %[[F]] : f32, %[[C1]] : index)
// CHECK-NEXT:    return
// CHECK:       gpu.module @scale_kernel {
// CHECK-NEXT:    gpu.func @scale_kernel(%[[KM:.*]]: memref<?xf32>, %[[KF:.*]]: f32, %[[K1:.*]]: index) kernel attributes {known_block_size = array<i32: 32, 1, 1>} {
// CHECK-NEXT:      %[[BX:.*]] = gpu.block_id x
// CHECK-NEXT:      gpu.block_id y
// CHECK-NEXT:      gpu.block_id z
// CHECK-NEXT:      %[[TX:.*]] = gpu.thread_id x
// CHECK-NEXT:      gpu.thread_id y
// CHECK-NEXT:      gpu.thread_id z
// CHECK-NEXT:      gpu.grid_dim x
// CHECK-NEXT:      gpu.grid_dim y
// CHECK-NEXT:      gpu.grid_dim z
// CHECK-NEXT:      %[[BDX:.*]] = gpu.block_dim x
// CHECK-NEXT:      gpu.block_dim y
// CHECK-NEXT:      gpu.block_dim z
// CHECK-NEXT:      %[[I:.*]] = arith.muli %[[BX]], %[[BDX]] : index
// CHECK-NEXT:      %[[J:.*]] = arith.addi %[[I]], %[[TX]] : index
// CHECK-NEXT:      %[[X:.*]] = memref.load %[[KM]][%[[J]]] : memref<?xf32>
// CHECK-NEXT:      %[[Y:.*]] = arith.mulf %[[X]], %[[KF]] : f32
// CHECK-NEXT:      memref.store %[[Y]], %[[KM]][%[[K1]]] : memref<?xf32>
// CHECK-NEXT:      gpu.return
func.func @scale(%m: memref<?xf32>, %n: index, %f: f32) {
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %n, %gy = %c1, %gz = %c1) threads(%tx, %ty, %tz) in (%sx = %c32, %sy = %c1, %sz = %c1) {
    %i = arith.muli %bx, %sx : index
    %j = arith.addi %i, %tx : index
    %x = memref.load %m[%j] : memref<?xf32>
    %y = arith.mulf %x, %f : f32
    memref.store %y, %m[%c1] : memref<?xf32>
    gpu.terminator
  }
  return
}

// -----

// Two launches: module names taken by a symbol are made unique; an async
// launch keeps its dependencies and token; attributions stay attributions;
// constant grid sizes become known_grid_size.
// CHECK-LABEL: func.func @two(
// CHECK:         gpu.launch_func @two_kernel_0::@two_kernel blocks
// CHECK:         %[[T:.*]] = gpu.wait async
// CHECK-NEXT:    %[[DONE:.*]] = gpu.launch_func async [%[[T]]] @two_kernel_1::@two_kernel blocks
// CHECK-NEXT:    gpu.wait [%[[DONE]]]
// CHECK:       gpu.module @two_kernel_0 {
// CHECK-NEXT:    gpu.func @two_kernel(%{{.*}}: f32, %{{.*}}: memref<?xf32>) kernel attributes {known_block_size = array<i32: 32, 1, 1>} {
// CHECK:       gpu.module @two_kernel_1 {
// CHECK-NEXT:    gpu.func @two_kernel(%[[F:.*]]: f32) workgroup(%[[W:.*]] : memref<32xf32, #gpu.address_space<workgroup>>) kernel attributes {known_block_size = array<i32: 32, 1, 1>, known_grid_size = array<i32: 1, 1, 1>} {
// CHECK:           memref.store %[[F]], %[[W]][%{{.*}}] : memref<32xf32, #gpu.address_space<workgroup>>
// CHECK:       gpu.module @two_kernel {
func.func @two(%m: memref<?xf32>, %n: index, %f: f32) {
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %n, %gy = %c1, %gz = %c1) threads(%tx, %ty, %tz) in (%sx = %c32, %sy = %c1, %sz = %c1) {
    memref.store %f, %m[%bx] : memref<?xf32>
    gpu.terminator
  }
  %t = gpu.wait async
  %done = gpu.launch async [%t] blocks(%bx, %by, %bz) in (%gx = %c1, %gy = %c1, %gz = %c1) threads(%tx, %ty, %tz) in (%sx = %c32, %sy = %c1, %sz = %c1) workgroup(%w : memref<32xf32, #gpu.address_space<workgroup>>) {
    memref.store %f, %w[%tx] : memref<32xf32, #gpu.address_space<workgroup>>
    gpu.terminator
  }
  gpu.wait [%done]
  return
}
gpu.module @two_kernel {
}

// -----

// Clusters add cluster ids and sizes; the dynamic shared memory size is
// passed on; launches may name the module and kernel; functions the kernel
// calls are copied into its module, with those they call.
// CHECK-LABEL: func.func @named(
// CHECK:         gpu.launch_func @named_kernel::@named_kernel clusters in (%{{.*}}, %{{.*}}, %{{.*}}) blocks in (%{{.*}}, %{{.*}}, %{{.*}}) threads in (%{{.*}}, %{{.*}}, %{{.*}}) dynamic_shared_memory_size %{{.*}} args(%{{.*}} : f32)
// CHECK-NEXT:    gpu.launch_func @device::@kernel blocks
// CHECK:       gpu.module @named_kernel {
// CHECK:           gpu.cluster_id x
// CHECK:           gpu.cluster_dim z
// CHECK-NEXT:      func.call @helper(%{{.*}}) : (f32) -> ()
// CHECK-NEXT:      gpu.return
// CHECK:         func.func @helper(
// CHECK:         func.func private @leaf()
// CHECK:       gpu.module @device {
// CHECK-NEXT:    gpu.func @kernel(
func.func @named(%n: index, %f: f32, %m: memref<?xf32>) {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %bytes = arith.constant 64 : i32
  gpu.launch clusters(%cx, %cy, %cz) in (%ccx = %c2, %ccy = %c1, %ccz = %c1) blocks(%bx, %by, %bz) in (%gx = %c2, %gy = %c1, %gz = %c1) threads(%tx, %ty, %tz) in (%sx = %n, %sy = %c1, %sz = %c1) dynamic_shared_memory_size %bytes {
    func.call @helper(%f) : (f32) -> ()
    gpu.terminator
  }
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %c2, %gy = %c1, %gz = %c1) threads(%tx, %ty, %tz) in (%sx = %n, %sy = %c1, %sz = %c1) module(@device) function(@kernel) {
    memref.store %f, %m[%tx] : memref<?xf32>
    gpu.terminator
  }
  return
}
func.func @helper(%f: f32) {
  func.call @leaf() : () -> ()
  return
}
func.func private @leaf()
