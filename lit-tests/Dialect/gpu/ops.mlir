// RUN: ml-opt %s | FileCheck %s
// RUN: ml-opt %s | ml-opt | FileCheck %s
// RUN: ml-opt %s --mlir-print-op-generic | ml-opt | FileCheck %s

// The gpu dialect: gpu.module (targets, offloading handler), gpu.func
// (kernels, attributions with attributes, argument and result attributes,
// known sizes), the id and size ops of every dimension with and without
// upper bounds, barriers, shuffles of every mode, reductions with an
// operation or a region, printf; on the host gpu.launch_func (async
// dependencies and objects, i32/i64 sizes, clusters, dynamic shared memory)
// and gpu.launch (clusters, attributions, module/function names, several
// blocks), device memory and tokens. Some ops are written in generic form.
// The CHECK lines are what upstream mlir-opt 22 prints.

// CHECK: module attributes {gpu.container_module} {
// CHECK-LABEL: gpu.module @kernels {
// CHECK-LABEL: gpu.func @kernel(%arg0: f32, %arg1: memref<?xf32> {my.noalias}) workgroup(%arg2 : memref<32xf32, #gpu.address_space<workgroup>> {my.align = 16 : i64}, %arg3 : memref<4xi32, 3>) private(%arg4 : memref<4xf32, #gpu.address_space<private>>) kernel attributes {known_block_size = array<i32: 32, 1, 1>, known_grid_size = array<i32: 8, 1, 1>} {
// CHECK-NEXT: %thread_id_x = gpu.thread_id x
// CHECK-NEXT: %thread_id_y = gpu.thread_id y
// CHECK-NEXT: %block_id_z = gpu.block_id z
// CHECK-NEXT: %block_dim_x = gpu.block_dim x upper_bound 128
// CHECK-NEXT: %grid_dim_y = gpu.grid_dim y
// CHECK-NEXT: %global_id_z = gpu.global_id z
// CHECK-NEXT: %cluster_id_x = gpu.cluster_id x
// CHECK-NEXT: %cluster_block_id_y = gpu.cluster_block_id y
// CHECK-NEXT: %cluster_dim_z = gpu.cluster_dim z
// CHECK-NEXT: %cluster_dim_blocks_x = gpu.cluster_dim_blocks x {tag}
// CHECK-NEXT: %thread_id_y_0 = gpu.thread_id y
// CHECK-NEXT: %0 = gpu.lane_id
// CHECK-NEXT: %1 = gpu.lane_id upper_bound 32
// CHECK-NEXT: %2 = gpu.subgroup_id : index
// CHECK-NEXT: %3 = gpu.num_subgroups upper_bound 4 : index
// CHECK-NEXT: %4 = gpu.subgroup_size : index
// CHECK-NEXT: gpu.barrier
// CHECK-NEXT: gpu.barrier {tag}
// CHECK-NEXT: %c1_i32 = arith.constant 1 : i32
// CHECK-NEXT: %c32_i32 = arith.constant 32 : i32
// CHECK-NEXT: %shuffleResult, %valid = gpu.shuffle xor %arg0, %c1_i32, %c32_i32 : f32
// CHECK-NEXT: %shuffleResult_1, %valid_2 = gpu.shuffle up %arg0, %c1_i32, %c32_i32 : f32
// CHECK-NEXT: %shuffleResult_3, %valid_4 = gpu.shuffle down %c1_i32, %c1_i32, %c32_i32 : i32
// CHECK-NEXT: %shuffleResult_5, %valid_6 = gpu.shuffle idx %arg0, %c1_i32, %c32_i32 : f32
// CHECK-NEXT: %5 = gpu.all_reduce add %arg0 {
// CHECK-NEXT: } : (f32) -> f32
// CHECK-NEXT: %6 = gpu.all_reduce maxnumf %arg0 uniform {
// CHECK-NEXT: } : (f32) -> f32
// CHECK-NEXT: %7 = gpu.all_reduce %c1_i32 uniform {
// CHECK-NEXT: ^bb0(%arg5: i32, %arg6: i32):
// CHECK-NEXT: %13 = arith.xori %arg5, %arg6 : i32
// CHECK-NEXT: gpu.yield %13 : i32
// CHECK-NEXT: } : (i32) -> i32
// CHECK-NEXT: %8 = gpu.subgroup_reduce add %arg0 : (f32) -> f32
// CHECK-NEXT: %9 = gpu.subgroup_reduce minsi %c1_i32 uniform : (i32) -> i32
// CHECK-NEXT: %10 = gpu.subgroup_reduce mul %arg0 cluster(size = 4) : (f32) -> f32
// CHECK-NEXT: %11 = gpu.subgroup_reduce maximumf %arg0 uniform cluster(size = 8, stride = 2) : (f32) -> f32
// CHECK-NEXT: %cst = arith.constant dense<1.000000e+00> : vector<4xf32>
// CHECK-NEXT: %12 = gpu.subgroup_reduce add %cst : (vector<4xf32>) -> vector<4xf32>
// CHECK-NEXT: %shuffleResult_7, %valid_8 = gpu.shuffle idx %cst, %c1_i32, %c32_i32 : vector<4xf32>
// CHECK-NEXT: gpu.printf "tid %d: %f\0A", %thread_id_x, %arg0 : index, f32
// CHECK-NEXT: gpu.printf "done"
// CHECK-NEXT: gpu.return
// CHECK-NEXT: }
// CHECK-LABEL: gpu.func @helper(%arg0: f32) -> f32 {
// CHECK-NEXT: gpu.return %arg0 : f32
// CHECK-NEXT: }
// CHECK-LABEL: gpu.func @pair(%arg0: f32, %arg1: i32) -> (f32 {my.result}, i32) {
// CHECK-NEXT: gpu.return %arg0, %arg1 : f32, i32
// CHECK-NEXT: }
// CHECK-LABEL: gpu.func @empty() kernel {
// CHECK-NEXT: gpu.return
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-LABEL: gpu.module @targeted [#nvvm.target<chip = "sm_80">, #rocdl.target<chip = "gfx90a">] {
// CHECK-NEXT: }
// CHECK-LABEL: gpu.module @handled<#gpu.select_object<1 : i64>> [#nvvm.target] attributes {my.tag} {
// CHECK-NEXT: }
// CHECK-LABEL: func.func @host(%arg0: index, %arg1: i32, %arg2: i64, %arg3: f32, %arg4: memref<?xf32>, %arg5: !gpu.async.token, %arg6: !llvm.ptr) {
// CHECK-NEXT: %c1 = arith.constant 1 : index
// CHECK-NEXT: gpu.launch_func @kernels::@empty blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
// CHECK-NEXT: gpu.launch_func @kernels::@empty blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
// CHECK-NEXT: %0 = gpu.launch_func async [%arg5] @kernels::@empty blocks in (%arg0, %arg0, %arg0) threads in (%arg0, %arg0, %arg0)
// CHECK-NEXT: %1 = gpu.launch_func async @kernels::@empty blocks in (%arg0, %c1, %c1) threads in (%arg0, %c1, %c1) {tag}
// CHECK-NEXT: gpu.launch_func <%arg6 : !llvm.ptr> @kernels::@empty blocks in (%arg1, %arg1, %arg1) threads in (%arg1, %arg1, %arg1) : i32
// CHECK-NEXT: gpu.launch_func @kernels::@empty clusters in (%arg2, %arg2, %arg2) blocks in (%arg2, %arg2, %arg2) threads in (%arg2, %arg2, %arg2) : i64 dynamic_shared_memory_size %arg1
// CHECK-NEXT: gpu.launch_func @kernels::@empty blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
// CHECK-NEXT: gpu.launch blocks(%arg7, %arg8, %arg9) in (%arg13 = %arg0, %arg14 = %c1, %arg15 = %c1) threads(%arg10, %arg11, %arg12) in (%arg16 = %arg0, %arg17 = %c1, %arg18 = %c1) {
// CHECK-NEXT: %9 = arith.addi %arg7, %arg10 : index
// CHECK-NEXT: gpu.terminator
// CHECK-NEXT: }
// CHECK-NEXT: %2 = gpu.launch async [%arg5, %0] blocks(%arg7, %arg8, %arg9) in (%arg13 = %arg0, %arg14 = %arg0, %arg15 = %arg0) threads(%arg10, %arg11, %arg12) in (%arg16 = %arg0, %arg17 = %arg0, %arg18 = %arg0) dynamic_shared_memory_size %arg1 workgroup(%arg19 : memref<32xf32, #gpu.address_space<workgroup>>) private(%arg20 : memref<4xf32, #gpu.address_space<private>>) {
// CHECK-NEXT: %9 = memref.load %arg19[%arg10] : memref<32xf32, #gpu.address_space<workgroup>>
// CHECK-NEXT: memref.store %9, %arg20[%arg11] : memref<4xf32, #gpu.address_space<private>>
// CHECK-NEXT: gpu.terminator
// CHECK-NEXT: } {tag}
// CHECK-NEXT: gpu.launch clusters(%arg19, %arg20, %arg21) in (%arg22 = %c1, %arg23 = %c1, %arg24 = %c1) blocks(%arg7, %arg8, %arg9) in (%arg13 = %arg0, %arg14 = %arg0, %arg15 = %arg0) threads(%arg10, %arg11, %arg12) in (%arg16 = %arg0, %arg17 = %arg0, %arg18 = %arg0) module(@outlined) function(@body) {
// CHECK-NEXT: %9 = arith.addi %arg19, %arg24 : index
// CHECK-NEXT: cf.br ^bb1
// CHECK-NEXT: ^bb1: // pred: ^bb0
// CHECK-NEXT: gpu.terminator
// CHECK-NEXT: }
// CHECK-NEXT: %memref = gpu.alloc (%arg0) : memref<?xf32>
// CHECK-NEXT: %memref_0 = gpu.alloc (%arg0, %arg0)[%arg0, %arg0] : memref<?x?xf32, strided<[?, 1], offset: ?>>
// CHECK-NEXT: %memref_1, %asyncToken = gpu.alloc async [%2] host_shared () : memref<8xf32>
// CHECK-NEXT: %memref_2, %asyncToken_3 = gpu.alloc async () {alignment = 64 : i64} : memref<8xf32>
// CHECK-NEXT: %3 = gpu.memcpy async [%asyncToken, %asyncToken_3] %memref, %arg4 : memref<?xf32>, memref<?xf32>
// CHECK-NEXT: gpu.memcpy %memref_1, %memref_2 : memref<8xf32>, memref<8xf32>
// CHECK-NEXT: %4 = gpu.memset async [%3] %memref, %arg3 : memref<?xf32>, f32
// CHECK-NEXT: gpu.memset %memref_1, %arg3 : memref<8xf32>, f32
// CHECK-NEXT: %5 = gpu.dealloc async [%4] %memref : memref<?xf32>
// CHECK-NEXT: gpu.dealloc %memref_0 : memref<?x?xf32, strided<[?, 1], offset: ?>>
// CHECK-NEXT: %6 = gpu.wait async
// CHECK-NEXT: %7 = gpu.wait async [%5, %6]
// CHECK-NEXT: gpu.wait [%7, %1]
// CHECK-NEXT: gpu.wait
// CHECK-NEXT: %8 = gpu.wait async [%arg5]
// CHECK-NEXT: return
// CHECK-NEXT: }
// CHECK-NEXT: }

module attributes {gpu.container_module} {
  gpu.module @kernels {
    gpu.func @kernel(%x: f32, %buffer: memref<?xf32> {my.noalias}) workgroup(%tile : memref<32xf32, #gpu.address_space<workgroup>> {my.align = 16 : i64}, %flags : memref<4xi32, 3>) private(%scratch : memref<4xf32, #gpu.address_space<private>>) kernel attributes {known_block_size = array<i32: 32, 1, 1>, known_grid_size = array<i32: 8, 1, 1>} {
      %tid_x = gpu.thread_id x
      %tid_y = gpu.thread_id y
      %bid = gpu.block_id z
      %bdim = gpu.block_dim x upper_bound 128
      %gdim = gpu.grid_dim y
      %gid = gpu.global_id z
      %cid = gpu.cluster_id x
      %cbid = gpu.cluster_block_id y
      %cdim = gpu.cluster_dim z
      %cdimb = gpu.cluster_dim_blocks x {tag}
      %tid_generic = "gpu.thread_id"() <{dimension = #gpu<dim y>}> : () -> index
      %lane = gpu.lane_id
      %lane_bounded = gpu.lane_id upper_bound 32
      %sg = gpu.subgroup_id : index
      %nsg = gpu.num_subgroups upper_bound 4 : index
      %sgs = gpu.subgroup_size : index
      gpu.barrier
      gpu.barrier {tag}
      %c1 = arith.constant 1 : i32
      %c32 = arith.constant 32 : i32
      %s0, %v0 = gpu.shuffle xor %x, %c1, %c32 : f32
      %s1, %v1 = gpu.shuffle up %x, %c1, %c32 : f32
      %s2, %v2 = gpu.shuffle down %c1, %c1, %c32 : i32
      %s3, %v3 = "gpu.shuffle"(%x, %c1, %c32) <{mode = #gpu<shuffle_mode idx>}> : (f32, i32, i32) -> (f32, i1)
      %sum = gpu.all_reduce add %x {} : (f32) -> f32
      %max = gpu.all_reduce maxnumf %x uniform {} : (f32) -> f32
      %custom = gpu.all_reduce %c1 uniform {
      ^bb0(%lhs: i32, %rhs: i32):
        %r = arith.xori %lhs, %rhs : i32
        gpu.yield %r : i32
      } : (i32) -> i32
      %sr0 = gpu.subgroup_reduce add %x : (f32) -> f32
      %sr1 = gpu.subgroup_reduce minsi %c1 uniform : (i32) -> i32
      %sr2 = gpu.subgroup_reduce mul %x cluster(size = 4) : (f32) -> f32
      %sr3 = gpu.subgroup_reduce maximumf %x uniform cluster(size = 8, stride = 2) : (f32) -> f32
      %vec = arith.constant dense<1.0> : vector<4xf32>
      %sr4 = gpu.subgroup_reduce add %vec : (vector<4xf32>) -> vector<4xf32>
      %s4, %v4 = gpu.shuffle idx %vec, %c1, %c32 : vector<4xf32>
      gpu.printf "tid %d: %f\n", %tid_x, %x : index, f32
      gpu.printf "done"
      gpu.return
    }
    gpu.func @helper(%a: f32) -> f32 {
      gpu.return %a : f32
    }
    gpu.func @pair(%a: f32, %b: i32) -> (f32 {my.result}, i32) {
      gpu.return %a, %b : f32, i32
    }
    gpu.func @empty() kernel {
      gpu.return
    }
  }
  gpu.module @targeted [#nvvm.target<chip = "sm_80">, #rocdl.target<chip = "gfx90a">] {
  }
  gpu.module @handled <#gpu.select_object<1 : i64>> [#nvvm.target] attributes {my.tag} {
  }
  func.func @host(%n: index, %i: i32, %l: i64, %x: f32, %buffer: memref<?xf32>, %token: !gpu.async.token, %stream: !llvm.ptr) {
    %c1 = arith.constant 1 : index
    gpu.launch_func @kernels::@empty blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
    gpu.launch_func @kernels::@empty blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args()
    %t0 = gpu.launch_func async [%token] @kernels::@empty blocks in (%n, %n, %n) threads in (%n, %n, %n)
    %t1 = gpu.launch_func async @kernels::@empty blocks in (%n, %c1, %c1) threads in (%n, %c1, %c1) {tag}
    gpu.launch_func <%stream : !llvm.ptr> @kernels::@empty blocks in (%i, %i, %i) threads in (%i, %i, %i) : i32
    gpu.launch_func @kernels::@empty clusters in (%l, %l, %l) blocks in (%l, %l, %l) threads in (%l, %l, %l) : i64 dynamic_shared_memory_size %i
    "gpu.launch_func"(%c1, %c1, %c1, %c1, %c1, %c1) <{kernel = @kernels::@empty, operandSegmentSizes = array<i32: 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0>}> : (index, index, index, index, index, index) -> ()
    gpu.launch blocks(%bx, %by, %bz) in (%gx = %n, %gy = %c1, %gz = %c1) threads(%tx, %ty, %tz) in (%sx = %n, %sy = %c1, %sz = %c1) {
      %sum = arith.addi %bx, %tx : index
      gpu.terminator
    }
    %t2 = gpu.launch async [%token, %t0] blocks(%bx, %by, %bz) in (%gx = %n, %gy = %n, %gz = %n) threads(%tx, %ty, %tz) in (%sx = %n, %sy = %n, %sz = %n) dynamic_shared_memory_size %i workgroup(%tile : memref<32xf32, #gpu.address_space<workgroup>>) private(%scratch : memref<4xf32, #gpu.address_space<private>>) {
      %v = memref.load %tile[%tx] : memref<32xf32, #gpu.address_space<workgroup>>
      memref.store %v, %scratch[%ty] : memref<4xf32, #gpu.address_space<private>>
      gpu.terminator
    } {tag}
    gpu.launch clusters(%cx, %cy, %cz) in (%cgx = %c1, %cgy = %c1, %cgz = %c1) blocks(%bx, %by, %bz) in (%gx = %n, %gy = %n, %gz = %n) threads(%tx, %ty, %tz) in (%sx = %n, %sy = %n, %sz = %n) module(@outlined) function(@body) {
      %w = arith.addi %cx, %cgz : index
      cf.br ^bb1
    ^bb1:
      gpu.terminator
    }
    %a = gpu.alloc (%n) : memref<?xf32>
    %b = gpu.alloc (%n, %n)[%n, %n] : memref<?x?xf32, strided<[?, 1], offset: ?>>
    %c, %t3 = gpu.alloc async [%t2] host_shared () : memref<8xf32>
    %d, %t4 = gpu.alloc async () {alignment = 64 : i64} : memref<8xf32>
    %t5 = gpu.memcpy async [%t3, %t4] %a, %buffer : memref<?xf32>, memref<?xf32>
    gpu.memcpy %c, %d : memref<8xf32>, memref<8xf32>
    %t6 = gpu.memset async [%t5] %a, %x : memref<?xf32>, f32
    gpu.memset %c, %x : memref<8xf32>, f32
    %t7 = gpu.dealloc async [%t6] %a : memref<?xf32>
    gpu.dealloc %b : memref<?x?xf32, strided<[?, 1], offset: ?>>
    %t8 = gpu.wait async
    %t9 = gpu.wait async [%t7, %t8]
    gpu.wait [%t9, %t1]
    gpu.wait
    %t10 = "gpu.wait"(%token) : (!gpu.async.token) -> !gpu.async.token
    return
  }
}
