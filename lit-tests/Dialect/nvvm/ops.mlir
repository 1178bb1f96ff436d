// RUN: ml-opt %s | FileCheck %s
// RUN: ml-opt %s | ml-opt | FileCheck %s
// RUN: ml-opt %s --mlir-print-op-generic | ml-opt | FileCheck %s
// RUN: %mlir_opt %s | FileCheck %s

// The nvvm dialect: reads of every special register (with and without a
// known range), barriers, warp shuffles (with the validity bit), votes and
// reductions, cluster barriers, and #nvvm.target on device modules, in the
// form upstream prints (the last RUN line checks upstream against the
// same lines).

// CHECK-LABEL: gpu.module @targets [#nvvm.target<O = 3, chip = "sm_80">, #nvvm.target, #nvvm.target<chip = "sm_90", features = "+ptx80", flags = {fast}, link = ["libdevice.bc"]>]
gpu.module @targets [#nvvm.target<O = 3, chip = "sm_80">, #nvvm.target, #nvvm.target<chip = "sm_90", features = "+ptx80", flags = {fast}, link = ["libdevice.bc"]>] {
}

// CHECK-LABEL: llvm.func @registers()
llvm.func @registers() {
  // CHECK-NEXT: nvvm.read.ptx.sreg.tid.x : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.tid.y range <i32, 0, 64> : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.tid.z : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.ntid.x range <i32, 1, 129> : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.ntid.y : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.ntid.z : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.ctaid.x : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.ctaid.y : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.ctaid.z range <i32, 0, 1> : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.nctaid.x : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.nctaid.y : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.nctaid.z : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.laneid range <i32, 0, 32> : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.warpsize : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.warpid : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.nwarpid : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.smid : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.nsmid : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.gridid : i64
  // CHECK-NEXT: nvvm.read.ptx.sreg.clusterid.x : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.nclusterid.y : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.cluster.ctaid.z : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.cluster.nctaid.x : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.cluster.ctarank : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.cluster.nctarank : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.lanemask.eq : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.lanemask.le : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.lanemask.lt : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.lanemask.ge : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.lanemask.gt : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.clock : i32
  // CHECK-NEXT: nvvm.read.ptx.sreg.clock64 : i64
  // CHECK-NEXT: nvvm.read.ptx.sreg.globaltimer : i64
  // CHECK-NEXT: nvvm.read.ptx.sreg.tid.x {tag} : i32
  %0 = nvvm.read.ptx.sreg.tid.x : i32
  %1 = nvvm.read.ptx.sreg.tid.y range <i32, 0, 64> : i32
  %2 = nvvm.read.ptx.sreg.tid.z : i32
  %3 = nvvm.read.ptx.sreg.ntid.x range <i32, 1, 129> : i32
  %4 = nvvm.read.ptx.sreg.ntid.y : i32
  %5 = nvvm.read.ptx.sreg.ntid.z : i32
  %6 = nvvm.read.ptx.sreg.ctaid.x : i32
  %7 = nvvm.read.ptx.sreg.ctaid.y : i32
  %8 = "nvvm.read.ptx.sreg.ctaid.z"() <{range = #llvm.constant_range<i32, 0, 1>}> : () -> i32
  %9 = nvvm.read.ptx.sreg.nctaid.x : i32
  %10 = nvvm.read.ptx.sreg.nctaid.y : i32
  %11 = nvvm.read.ptx.sreg.nctaid.z : i32
  %12 = nvvm.read.ptx.sreg.laneid range <i32, 0, 32> : i32
  %13 = nvvm.read.ptx.sreg.warpsize : i32
  %14 = nvvm.read.ptx.sreg.warpid : i32
  %15 = nvvm.read.ptx.sreg.nwarpid : i32
  %16 = nvvm.read.ptx.sreg.smid : i32
  %17 = nvvm.read.ptx.sreg.nsmid : i32
  %18 = nvvm.read.ptx.sreg.gridid : i64
  %19 = nvvm.read.ptx.sreg.clusterid.x : i32
  %20 = nvvm.read.ptx.sreg.nclusterid.y : i32
  %21 = nvvm.read.ptx.sreg.cluster.ctaid.z : i32
  %22 = nvvm.read.ptx.sreg.cluster.nctaid.x : i32
  %23 = nvvm.read.ptx.sreg.cluster.ctarank : i32
  %24 = nvvm.read.ptx.sreg.cluster.nctarank : i32
  %25 = nvvm.read.ptx.sreg.lanemask.eq : i32
  %26 = nvvm.read.ptx.sreg.lanemask.le : i32
  %27 = nvvm.read.ptx.sreg.lanemask.lt : i32
  %28 = nvvm.read.ptx.sreg.lanemask.ge : i32
  %29 = nvvm.read.ptx.sreg.lanemask.gt : i32
  %30 = nvvm.read.ptx.sreg.clock : i32
  %31 = nvvm.read.ptx.sreg.clock64 : i64
  %32 = nvvm.read.ptx.sreg.globaltimer : i64
  %33 = "nvvm.read.ptx.sreg.tid.x"() {tag} : () -> i32
  llvm.return
}

// CHECK-LABEL: llvm.func @sync(
// CHECK-SAME: %[[MASK:.*]]: i32, %[[X:.*]]: f32, %[[P:.*]]: i1)
llvm.func @sync(%mask: i32, %x: f32, %p: i1) {
  // CHECK-NEXT: nvvm.barrier0
  // CHECK-NEXT: nvvm.bar.warp.sync %[[MASK]] : i32
  // CHECK-NEXT: nvvm.shfl.sync bfly %[[MASK]], %[[X]], %[[MASK]], %[[MASK]] : f32 -> f32
  // CHECK-NEXT: nvvm.shfl.sync up %[[MASK]], %[[X]], %[[MASK]], %[[MASK]] {return_value_and_is_valid} : f32 -> !llvm.struct<(f32, i1)>
  // CHECK-NEXT: nvvm.shfl.sync down %[[MASK]], %[[MASK]], %[[MASK]], %[[MASK]] : i32 -> i32
  // CHECK-NEXT: nvvm.shfl.sync idx %[[MASK]], %[[X]], %[[MASK]], %[[MASK]] : f32 -> f32
  // CHECK-NEXT: nvvm.vote.sync ballot %[[MASK]], %[[P]] -> i32
  // CHECK-NEXT: nvvm.vote.sync any %[[MASK]], %[[P]] -> i1
  // CHECK-NEXT: nvvm.vote.sync uni %[[MASK]], %[[P]] -> i1
  // CHECK-NEXT: nvvm.redux.sync add %[[MASK]], %[[MASK]] : i32 -> i32
  // CHECK-NEXT: nvvm.redux.sync fmax %[[X]], %[[MASK]] {abs = true, nan = true} : f32 -> f32
  // CHECK-NEXT: nvvm.cluster.arrive
  // CHECK-NEXT: nvvm.cluster.arrive.relaxed {aligned}
  // CHECK-NEXT: nvvm.cluster.wait {aligned}
  nvvm.barrier0
  nvvm.bar.warp.sync %mask : i32
  %0 = nvvm.shfl.sync bfly %mask, %x, %mask, %mask : f32 -> f32
  %1 = nvvm.shfl.sync up %mask, %x, %mask, %mask {return_value_and_is_valid} : f32 -> !llvm.struct<(f32, i1)>
  %2 = nvvm.shfl.sync down %mask, %mask, %mask, %mask : i32 -> i32
  %3 = "nvvm.shfl.sync"(%mask, %x, %mask, %mask) <{kind = #nvvm<shfl_kind idx>}> : (i32, f32, i32, i32) -> f32
  %4 = nvvm.vote.sync ballot %mask, %p -> i32
  %5 = nvvm.vote.sync any %mask, %p -> i1
  %6 = nvvm.vote.sync uni %mask, %p -> i1
  %7 = nvvm.redux.sync add %mask, %mask : i32 -> i32
  %8 = nvvm.redux.sync fmax %x, %mask {abs = true, nan = true} : f32 -> f32
  nvvm.cluster.arrive
  nvvm.cluster.arrive.relaxed {aligned}
  nvvm.cluster.wait {aligned}
  llvm.return
}

// A lowered kernel, as convert-gpu-to-nvvm makes it.
// CHECK-LABEL: gpu.module @kernels [#nvvm.target<chip = "sm_80">]
// CHECK: llvm.func @kernel() attributes {gpu.kernel, gpu.known_block_size = array<i32: 128, 1, 1>, nvvm.kernel, nvvm.maxntid = array<i32: 128, 1, 1>}
// CHECK-NEXT: %[[TID:.*]] = nvvm.read.ptx.sreg.tid.x range <i32, 0, 128> : i32
// CHECK-NEXT: llvm.sext %[[TID]] : i32 to i64
gpu.module @kernels [#nvvm.target<chip = "sm_80">] {
  llvm.func @kernel() attributes {gpu.kernel, gpu.known_block_size = array<i32: 128, 1, 1>, nvvm.kernel, nvvm.maxntid = array<i32: 128, 1, 1>} {
    %0 = nvvm.read.ptx.sreg.tid.x range <i32, 0, 128> : i32
    %1 = llvm.sext %0 : i32 to i64
    nvvm.barrier0
    llvm.return
  }
}
