// RUN: ml-translate %s --split-input-file --to-ptx | FileCheck %s
// RUN: ml-translate %s --split-input-file --to-ptx --sm=sm_90 --ptx-version=80 | FileCheck %s --check-prefix=SM90
// RUN: ml-translate %s --split-input-file --to-ptx --emit=llvm | FileCheck %s --check-prefix=LLVM

// Each gpu.module of llvm and nvvm ops becomes PTX for its #nvvm.target
// (or --sm); the host code around it is left out. The kernel gets the
// PTX kernel calling convention, so it is an .entry with its .maxntid;
// special registers are read with mov, the barrier is bar.sync 0.
// CHECK-LABEL: .version 7.0
// CHECK-NEXT:  .target sm_80
// CHECK-NEXT:  .address_size 64
// CHECK:       .visible .entry scale(
// CHECK:       .maxntid 128, 1, 1
// CHECK-DAG:   mov.u32 {{.*}}, %tid.x;
// CHECK-DAG:   mov.u32 {{.*}}, %ctaid.x;
// CHECK-DAG:   mov.u32 {{.*}}, %ntid.x;
// CHECK:       ld.global.b32
// CHECK:       bar.sync 0;
// CHECK:       st.global.b32
// SM90-LABEL:  .version 8.0
// SM90-NEXT:   .target sm_90
// SM90:        .visible .entry scale(
// LLVM:        target datalayout = "e-p6:32:32-i64:64-i128:128-i256:256-v16:16-v32:32-n16:32:64"
// LLVM:        target triple = "nvptx64-nvidia-cuda"
// LLVM:        define ptx_kernel void @scale(ptr {{.*}}, ptr {{.*}}, i64 {{.*}}, i64 {{.*}}, i64 {{.*}}, float {{.*}}) {{.*}}#[[ATTRS:[0-9]+]]
// LLVM:        call range(i32 0, 128) i32 @llvm.nvvm.read.ptx.sreg.tid.x()
// LLVM:        call void @llvm.nvvm.barrier.cta.sync.aligned.all(i32 0)
// LLVM:        attributes #[[ATTRS]] = { {{.*}}"nvvm.maxntid"="128,1,1"
module attributes {gpu.container_module} {
  func.func @host() {
    return
  }
  gpu.module @kernels [#nvvm.target<chip = "sm_80">] {
    llvm.func @scale(%arg0: !llvm.ptr, %arg1: !llvm.ptr, %arg2: i64, %arg3: i64, %arg4: i64, %arg5: f32) attributes {gpu.kernel, nvvm.kernel, nvvm.maxntid = array<i32: 128, 1, 1>} {
      %0 = nvvm.read.ptx.sreg.tid.x range <i32, 0, 128> : i32
      %1 = nvvm.read.ptx.sreg.ctaid.x : i32
      %2 = nvvm.read.ptx.sreg.ntid.x : i32
      %3 = llvm.mul %1, %2 : i32
      %4 = llvm.add %3, %0 : i32
      %5 = llvm.sext %4 : i32 to i64
      %6 = llvm.getelementptr inbounds %arg1[%5] : (!llvm.ptr, i64) -> !llvm.ptr, f32
      %7 = llvm.load %6 : !llvm.ptr -> f32
      nvvm.barrier0
      %8 = llvm.fmul %7, %arg5 : f32
      llvm.store %8, %6 : f32, !llvm.ptr
      llvm.return
    }
  }
}

// -----

// Warp-level ops: shuffles, votes, reductions, warp barriers.
// CHECK-LABEL: .version 7.0
// CHECK:       .visible .entry warp(
// CHECK:       bar.warp.sync
// CHECK:       shfl.sync.bfly.b32
// CHECK:       shfl.sync.up.b32 {{.*}}|%p
// CHECK:       vote.sync.ballot.b32
// CHECK:       redux.sync.add.s32
// SM90-LABEL:  .version 8.0
// SM90:        .visible .entry warp(
// LLVM-LABEL:  define ptx_kernel void @warp(
// LLVM:        call void @llvm.nvvm.bar.warp.sync(i32
// LLVM:        call float @llvm.nvvm.shfl.sync.bfly.f32(
// LLVM:        call { i32, i1 } @llvm.nvvm.shfl.sync.up.i32p(
// LLVM:        call i32 @llvm.nvvm.vote.ballot.sync(
// LLVM:        call i32 @llvm.nvvm.redux.sync.add(
module attributes {gpu.container_module} {
  gpu.module @warps [#nvvm.target<chip = "sm_80">] {
    llvm.func @warp(%out: !llvm.ptr, %mask: i32, %x: f32, %i: i32, %b: i1) attributes {gpu.kernel, nvvm.kernel} {
      nvvm.bar.warp.sync %mask : i32
      %0 = nvvm.shfl.sync bfly %mask, %x, %i, %i : f32 -> f32
      %1 = nvvm.shfl.sync up %mask, %i, %i, %i {return_value_and_is_valid} : i32 -> !llvm.struct<(i32, i1)>
      %2 = llvm.extractvalue %1[0] : !llvm.struct<(i32, i1)>
      %3 = nvvm.vote.sync ballot %mask, %b -> i32
      %4 = nvvm.redux.sync add %i, %mask : i32 -> i32
      %5 = llvm.add %2, %3 : i32
      %6 = llvm.add %5, %4 : i32
      %7 = llvm.fptosi %0 : f32 to i32
      %8 = llvm.add %6, %7 : i32
      llvm.store %8, %out : i32, !llvm.ptr
      llvm.return
    }
  }
}

// -----

// libdevice is linked when found (here from the nvidia-cuda-nvcc-cu12
// wheel that scripts/setup.sh installs), so __nv_expf is inlined and no
// extern function is left for ptxas to refuse.
// CHECK-LABEL: .version 7.0
// CHECK-NOT:   .extern .func
// CHECK:       .visible .entry exp_kernel(
// CHECK:       ex2.approx
// SM90-LABEL:  .version 8.0
// SM90-NOT:    .extern .func
// LLVM-LABEL:  define ptx_kernel void @exp_kernel(
// LLVM-NOT:    declare float @__nv_expf
module attributes {gpu.container_module} {
  gpu.module @libdevice [#nvvm.target<chip = "sm_80">] {
    llvm.func @__nv_expf(f32) -> f32
    llvm.func @exp_kernel(%p: !llvm.ptr) attributes {gpu.kernel, nvvm.kernel} {
      %0 = llvm.load %p : !llvm.ptr -> f32
      %1 = llvm.call @__nv_expf(%0) : (f32) -> f32
      llvm.store %1, %p : f32, !llvm.ptr
      llvm.return
    }
  }
}
