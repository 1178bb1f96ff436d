// RUN: ml-opt %s --tile="sizes=8,4 loop=forall" --one-shot-bufferize=bufferize-function-boundaries --buffer-deallocation --gpu-lower | FileCheck %s
// RUN: ml-opt %s --tile="sizes=8,4 loop=forall" --one-shot-bufferize=bufferize-function-boundaries --buffer-deallocation --gpu-lower --gpu-module-to-binary --gpu-to-llvm --lower-to-llvm | ml-translate --mlir-to-llvmir | FileCheck %s --check-prefix=LLVM

// A whole tensor program for the GPU: constants as inputs, a function
// whose loop nest becomes a kernel, a printed result. gpu-lower puts every
// buffer the host makes in memory shared with the device (the kernel
// writes the result the host prints) and copies the constants there; the
// deallocations free them all.
// CHECK-LABEL: func.func @scale_add(
// CHECK:         %[[R:.*]] = gpu.alloc host_shared () : memref<16x8xf32>
// CHECK:         gpu.launch_func @scale_add_kernel::@scale_add_kernel blocks in ({{.*}}) threads in ({{.*}}) args({{.*}}, %[[R]] : memref<16x8xf32>)
// CHECK-NEXT:    return %[[R]]
// CHECK-LABEL: func.func @main(
// CHECK:         %[[G0:.*]] = memref.get_global @__constant_16x8xf32_0
// CHECK-NEXT:    %[[B:.*]] = gpu.alloc host_shared () : memref<16x8xf32>
// CHECK-NEXT:    memref.copy %[[G0]], %[[B]]
// CHECK-NEXT:    %[[G1:.*]] = memref.get_global @__constant_16x8xf32 :
// CHECK-NEXT:    %[[A:.*]] = gpu.alloc host_shared () : memref<16x8xf32>
// CHECK-NEXT:    memref.copy %[[G1]], %[[A]]
// CHECK-NOT:     memref.get_global
// CHECK:         %[[OUT:.*]] = call @scale_add(
// CHECK:         call @printMemrefF32(
// CHECK-DAG:     gpu.dealloc %[[OUT]]
// CHECK-DAG:     gpu.dealloc %[[A]]
// CHECK-DAG:     gpu.dealloc %[[B]]
// CHECK-NOT:     memref.alloc
// CHECK-NOT:     memref.dealloc

// Host-shared allocations of 16x8 floats (the result, then the two
// constants), one launch of 2x2 blocks of 8x4 threads, three frees.
// LLVM-LABEL:   define { ptr, ptr, i64, [2 x i64], [2 x i64] } @scale_add(
// LLVM:           call ptr @mgpuMemAlloc(i64 ptrtoint (ptr getelementptr (float, ptr null, i64 128) to i64), ptr null, i8 1)
// LLVM:           call void @mgpuLaunchKernel(ptr %{{.*}}, i64 2, i64 2, i64 1, i64 8, i64 4, i64 1,
// LLVM-LABEL:   define void @main(
// LLVM-COUNT-2:   call ptr @mgpuMemAlloc(i64 ptrtoint (ptr getelementptr (float, ptr null, i64 128) to i64), ptr null, i8 1)
// LLVM-NOT:       call ptr @malloc
// LLVM-COUNT-3:   call void @mgpuMemFree(
// LLVM-NOT:       call void @free

func.func private @printMemrefF32(tensor<*xf32>)

func.func @scale_add(%a: tensor<16x8xf32>, %b: tensor<16x8xf32>) -> tensor<16x8xf32> {
  %init = tensor.empty() : tensor<16x8xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%a, %b : tensor<16x8xf32>, tensor<16x8xf32>) outs(%init : tensor<16x8xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %two = arith.constant 2.0 : f32
    %s = arith.mulf %x, %two : f32
    %t = arith.addf %s, %y : f32
    linalg.yield %t : f32
  } -> tensor<16x8xf32>
  return %r : tensor<16x8xf32>
}

func.func @main() {
  %a = arith.constant dense<1.5> : tensor<16x8xf32>
  %b = arith.constant dense<0.25> : tensor<16x8xf32>
  %r = call @scale_add(%a, %b) : (tensor<16x8xf32>, tensor<16x8xf32>) -> tensor<16x8xf32>
  %u = tensor.cast %r : tensor<16x8xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
