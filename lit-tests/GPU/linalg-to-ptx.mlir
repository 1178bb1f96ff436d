// RUN: ml-opt %s --tile="sizes=32,32 loop=forall" --one-shot-bufferize="bufferize-function-boundaries" --gpu-lower | ml-translate --to-ptx | FileCheck %s
// RUN: ml-opt %s --fuse --tile="sizes=32,32 loop=forall" --one-shot-bufferize="bufferize-function-boundaries" --gpu-lower="chip=sm_90" | ml-translate --to-ptx --ptx-version=80 | FileCheck %s --check-prefix=SM90

// RUN: ml-opt %s --fuse --tile="sizes=32,32" --one-shot-bufferize="bufferize-function-boundaries" --gpu-lower | ml-translate --to-ptx | FileCheck %s --check-prefix=FOR

// With scf.for tiles (the default loop=for), the tile loops stay on the
// host and launch one kernel per tile: each a grid of one-thread blocks.
// FOR-COUNT-3: .visible .entry matmul_relu_kernel(

// From linalg on tensors to PTX in one line: tiling into scf.forall,
// bufferization, then gpu-lower (the foralls become the grid, the linalg
// ops on each 32x32 tile the threads of a block) and ml-translate. One
// kernel module per loop nest: the fill, the matmul, the relu.
// CHECK:       // gpu.module @matmul_relu_kernel
// CHECK:       .visible .entry matmul_relu_kernel(
// CHECK:       .maxntid 32, 32, 1
// CHECK-DAG:   mov.u32 {{.*}}, %ctaid.x;
// CHECK-DAG:   mov.u32 {{.*}}, %tid.x;
// CHECK:       st.global.b32
// CHECK:       // gpu.module @matmul_relu_kernel_0
// CHECK:       .visible .entry matmul_relu_kernel(
// CHECK:       ld.global.b32
// CHECK:       mul.rn.f32
// CHECK-NEXT:  add.rn.f32
// CHECK:       st.global.b32
// CHECK:       // gpu.module @matmul_relu_kernel_1
// CHECK:       .visible .entry matmul_relu_kernel(
// CHECK:       max.NaN.f32
// SM90:        .version 8.0
// SM90-NEXT:   .target sm_90
func.func @matmul_relu(%a: tensor<256x128xf32>, %b: tensor<128x64xf32>) -> tensor<256x64xf32> {
  %zero = arith.constant 0.0 : f32
  %init = tensor.empty() : tensor<256x64xf32>
  %filled = linalg.fill ins(%zero : f32) outs(%init : tensor<256x64xf32>) -> tensor<256x64xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<256x128xf32>, tensor<128x64xf32>) outs(%filled : tensor<256x64xf32>) -> tensor<256x64xf32>
  %out = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%mm : tensor<256x64xf32>) outs(%init : tensor<256x64xf32>) {
  ^bb0(%x: f32, %y: f32):
    %r = arith.maximumf %x, %zero : f32
    linalg.yield %r : f32
  } -> tensor<256x64xf32>
  return %out : tensor<256x64xf32>
}
