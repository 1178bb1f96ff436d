// RUN: ml-opt %s --split-input-file --convert-linalg-to-parallel-loops --gpu-lower="block-sizes=32,8" | FileCheck %s
// RUN: ml-opt %s --split-input-file --gpu-lower="chip=sm_90" | FileCheck %s --check-prefix=UNTILED
// RUN: ml-opt %s --split-input-file --convert-linalg-to-parallel-loops --gpu-lower="block-sizes=32,8" | %mlir_opt --split-input-file --gpu-module-to-binary=format=isa | FileCheck %s --check-prefix=PTX
// RUN: not ml-opt %s --gpu-lower="block-sizes=32,0" 2>&1 | FileCheck %s --check-prefix=BAD

// BAD: invalid options for pass 'gpu-lower': block sizes must be positive

// From linalg on buffers to kernels: with block-sizes=32,8 each block
// takes a 32x8 tile, the threads past the end of the last tiles do
// nothing, the body calls libdevice; the host launches the kernel.
// Upstream mlir-opt 22 compiles the kernels we make to PTX (third RUN line).
// CHECK-LABEL: module attributes {gpu.container_module}
// CHECK-LABEL: func.func @add_exp(
// CHECK-SAME:    %[[A:.*]]: memref<?x?xf32>, %[[B:.*]]: memref<?x?xf32>, %[[C:.*]]: memref<?x?xf32>)
// CHECK-DAG:     %[[C8:.*]] = arith.constant 8 : index
// CHECK-DAG:     %[[C32:.*]] = arith.constant 32 : index
// CHECK-DAG:     %[[C1:.*]] = arith.constant 1 : index
// CHECK:         %[[GX:.*]] = arith.ceildivsi %{{.*}}, %[[C32]] : index
// CHECK-NEXT:    %[[GY:.*]] = arith.ceildivsi %{{.*}}, %[[C8]] : index
// CHECK-NEXT:    gpu.launch_func @add_exp_kernel::@add_exp_kernel blocks in (%[[GX]], %[[GY]], %[[C1]]) threads in (%[[C32]], %[[C8]], %[[C1]]) args(%[[A]] : memref<?x?xf32>, %[[B]] : memref<?x?xf32>, %[[C]] : memref<?x?xf32>)
// CHECK-NEXT:    return
// CHECK:       gpu.module @add_exp_kernel [#nvvm.target<chip = "sm_80">] {
// CHECK-NEXT:    llvm.func @__nv_expf(f32) -> f32
// CHECK-NEXT:    llvm.func @add_exp_kernel({{.*}}) attributes {gpu.kernel, gpu.known_block_size = array<i32: 32, 8, 1>, nvvm.kernel, nvvm.maxntid = array<i32: 32, 8, 1>} {
// CHECK-DAG:       %[[T32:.*]] = llvm.mlir.constant(32 : index) : i64
// CHECK-DAG:       %[[T8:.*]] = llvm.mlir.constant(8 : index) : i64
// CHECK:           %[[CTAIDX:.*]] = nvvm.read.ptx.sreg.ctaid.x : i32
// CHECK-NEXT:      %[[BX:.*]] = llvm.sext %[[CTAIDX]] : i32 to i64
// CHECK-NEXT:      %[[CTAIDY:.*]] = nvvm.read.ptx.sreg.ctaid.y : i32
// CHECK-NEXT:      %[[BY:.*]] = llvm.sext %[[CTAIDY]] : i32 to i64
// CHECK-NEXT:      %[[TIDX:.*]] = nvvm.read.ptx.sreg.tid.x range <i32, 0, 32> : i32
// CHECK-NEXT:      %[[TX:.*]] = llvm.sext %[[TIDX]] : i32 to i64
// CHECK-NEXT:      %[[TIDY:.*]] = nvvm.read.ptx.sreg.tid.y range <i32, 0, 8> : i32
// CHECK-NEXT:      %[[TY:.*]] = llvm.sext %[[TIDY]] : i32 to i64
// CHECK-NEXT:      %[[ROWS:.*]] = llvm.extractvalue %{{.*}}[3, 0]
// CHECK-NEXT:      %[[COLS:.*]] = llvm.extractvalue %{{.*}}[3, 1]
// CHECK-NEXT:      %[[I0:.*]] = llvm.mul %[[BX]], %[[T32]] : i64
// CHECK-NEXT:      %[[J0:.*]] = llvm.mul %[[BY]], %[[T8]] : i64
// CHECK-NEXT:      %[[RESTI:.*]] = llvm.sub %[[ROWS]], %[[I0]] : i64
// CHECK-NEXT:      %[[UBI:.*]] = llvm.intr.smin(%[[RESTI]], %[[T32]]) : (i64, i64) -> i64
// CHECK-NEXT:      %[[RESTJ:.*]] = llvm.sub %[[COLS]], %[[J0]] : i64
// CHECK-NEXT:      %[[UBJ:.*]] = llvm.intr.smin(%[[RESTJ]], %[[T8]]) : (i64, i64) -> i64
// CHECK-NEXT:      %[[INI:.*]] = llvm.icmp "slt" %[[TX]], %[[UBI]] : i64
// CHECK-NEXT:      llvm.cond_br %[[INI]], ^bb1, ^bb4
// CHECK:         ^bb1:
// CHECK-NEXT:      %[[INJ:.*]] = llvm.icmp "slt" %[[TY]], %[[UBJ]] : i64
// CHECK-NEXT:      llvm.cond_br %[[INJ]], ^bb2, ^bb3
// CHECK:         ^bb2:
// CHECK-NEXT:      %[[I:.*]] = llvm.add %[[TX]], %[[I0]] : i64
// CHECK-NEXT:      %[[J:.*]] = llvm.add %[[TY]], %[[J0]] : i64
// CHECK:           %[[SUM:.*]] = llvm.fadd
// CHECK-NEXT:      %[[E:.*]] = llvm.call @__nv_expf(%[[SUM]]) : (f32) -> f32
// CHECK:           llvm.store %[[E]], %{{.*}} : f32, !llvm.ptr
// CHECK:         ^bb4:
// CHECK-NEXT:      llvm.return
// PTX: gpu.binary @add_exp_kernel
// PTX-SAME: .visible .entry add_exp_kernel(
// PTX-SAME: .maxntid 32, 8, 1
func.func @add_exp(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %c: memref<?x?xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%a, %b : memref<?x?xf32>, memref<?x?xf32>) outs(%c : memref<?x?xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %s = arith.addf %x, %y : f32
    %e = math.exp %s : f32
    linalg.yield %e : f32
  }
  return
}

// -----

// Without block sizes, a nest maps as it is: here its outer loop to blocks
// and its inner loop to threads, 64 of them (the static trip count); what
// was sunk into the kernel is gone from the host.
// UNTILED-LABEL: func.func @rows(
// UNTILED-SAME:    %[[M:.*]]: memref<?x64xf32>, %[[N:.*]]: index)
// UNTILED-NEXT:    %[[C1:.*]] = arith.constant 1 : index
// UNTILED-NEXT:    %[[C64:.*]] = arith.constant 64 : index
// UNTILED-NEXT:    gpu.launch_func @rows_kernel::@rows_kernel blocks in (%[[N]], %[[C1]], %[[C1]]) threads in (%[[C64]], %[[C1]], %[[C1]]) args(%[[M]] : memref<?x64xf32>)
// UNTILED:       gpu.module @rows_kernel [#nvvm.target<chip = "sm_90">] {
// UNTILED-NEXT:    llvm.func @rows_kernel({{.*}}) attributes {gpu.kernel, gpu.known_block_size = array<i32: 64, 1, 1>, nvvm.kernel, nvvm.maxntid = array<i32: 64, 1, 1>} {
// UNTILED:           nvvm.read.ptx.sreg.ctaid.x : i32
// UNTILED:           nvvm.read.ptx.sreg.tid.x range <i32, 0, 64> : i32
// UNTILED:           llvm.fmul
// UNTILED-NOT:       llvm.cond_br
// UNTILED:           llvm.return
func.func @rows(%m: memref<?x64xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %two = arith.constant 2.0 : f32
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    scf.parallel (%j) = (%c0) to (%c64) step (%c1) {
      %x = memref.load %m[%i, %j] : memref<?x64xf32>
      %y = arith.mulf %x, %two : f32
      memref.store %y, %m[%i, %j] : memref<?x64xf32>
      scf.reduce
    }
    scf.reduce
  }
  return
}

// -----

// A nest the conversion leaves alone (a side effect before a nested loop)
// stays on the host, as a loop.
// CHECK-LABEL: func.func @host_loop(
// CHECK-NOT:     gpu.launch_func
// CHECK:         scf.parallel
// UNTILED-LABEL: func.func @host_loop(
// UNTILED-NOT:     gpu.launch_func
// UNTILED:         scf.parallel
func.func @host_loop(%m: memref<?xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %f = arith.constant 1.0 : f32
  scf.parallel (%b) = (%c0) to (%n) step (%c1) {
    memref.store %f, %m[%b] : memref<?xf32>
    scf.parallel (%i) = (%c0) to (%n) step (%c1) {
      memref.store %f, %m[%i] : memref<?xf32>
      scf.reduce
    }
    scf.reduce
  }
  return
}
