// RUN: ml-opt %s --lower-to-llvm | ml-run -e main --entry-point-result=void --check-leaks | FileCheck %s

// A 2-D convolution, NHWC input and HWCF filter, stride 1 and stride 2:
// input(n, h, w, c) = h * 4 + w + c, filter(kh, kw, c, f) = f + 1 if
// kh == kw else -c.

// CHECK: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 4 offset = 0 sizes = [1, 3, 3, 3] strides = [27, 9, 3, 1] data =
// CHECK-NEXT: {{\[\[}}{{\[\[}}5,     17,     29],
// CHECK-NEXT: [7,     23,     39],
// CHECK-NEXT: [9,     29,     49{{\]\]}},
// CHECK-NEXT: {{\[\[}}13,     41,     69],
// CHECK-NEXT: [15,     47,     79],
// CHECK-NEXT: [17,     53,     89{{\]\]}},
// CHECK-NEXT: {{\[\[}}21,     65,     109],
// CHECK-NEXT: [23,     71,     119],
// CHECK-NEXT: [25,     77,     129{{\]\]}}{{\]\]}}
// CHECK-NEXT: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 4 offset = 0 sizes = [1, 2, 2, 3] strides = [12, 6, 3, 1] data =
// CHECK-NEXT: {{\[\[}}{{\[\[}}5,     17,     29],
// CHECK-NEXT: [9,     29,     49{{\]\]}},
// CHECK-NEXT: {{\[\[}}21,     65,     109],
// CHECK-NEXT: [25,     77,     129{{\]\]}}{{\]\]}}

func.func private @printMemrefF32(memref<*xf32>)

func.func @main() {
  %input = memref.alloc() : memref<1x4x4x2xf32>
  %filter = memref.alloc() : memref<2x2x2x3xf32>
  %out = memref.alloc() : memref<1x3x3x3xf32>
  %strided = memref.alloc() : memref<1x2x2x3xf32>
  %zero = arith.constant 0.0 : f32
  linalg.generic {indexing_maps = [affine_map<(n, h, w, c) -> (n, h, w, c)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%input : memref<1x4x4x2xf32>) {
  ^bb0(%o: f32):
    %h = linalg.index 1 : index
    %w = linalg.index 2 : index
    %c = linalg.index 3 : index
    %c4 = arith.constant 4 : index
    %h4 = arith.muli %h, %c4 : index
    %hw = arith.addi %h4, %w : index
    %v = arith.addi %hw, %c : index
    %vi = arith.index_cast %v : index to i32
    %vf = arith.sitofp %vi : i32 to f32
    linalg.yield %vf : f32
  }
  linalg.generic {indexing_maps = [affine_map<(kh, kw, c, f) -> (kh, kw, c, f)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%filter : memref<2x2x2x3xf32>) {
  ^bb0(%o: f32):
    %kh = linalg.index 0 : index
    %kw = linalg.index 1 : index
    %c = linalg.index 2 : index
    %f = linalg.index 3 : index
    %c1 = arith.constant 1 : index
    %f1 = arith.addi %f, %c1 : index
    %f1i = arith.index_cast %f1 : index to i32
    %ci = arith.index_cast %c : index to i32
    %z = arith.constant 0 : i32
    %negc = arith.subi %z, %ci : i32
    %diag = arith.cmpi eq, %kh, %kw : index
    %vi = arith.select %diag, %f1i, %negc : i32
    %vf = arith.sitofp %vi : i32 to f32
    linalg.yield %vf : f32
  }
  linalg.fill ins(%zero : f32) outs(%out : memref<1x3x3x3xf32>)
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%input, %filter : memref<1x4x4x2xf32>, memref<2x2x2x3xf32>) outs(%out : memref<1x3x3x3xf32>)
  %u = memref.cast %out : memref<1x3x3x3xf32> to memref<*xf32>
  call @printMemrefF32(%u) : (memref<*xf32>) -> ()
  linalg.fill ins(%zero : f32) outs(%strided : memref<1x2x2x3xf32>)
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%input, %filter : memref<1x4x4x2xf32>, memref<2x2x2x3xf32>) outs(%strided : memref<1x2x2x3xf32>)
  %s = memref.cast %strided : memref<1x2x2x3xf32> to memref<*xf32>
  call @printMemrefF32(%s) : (memref<*xf32>) -> ()
  memref.dealloc %input : memref<1x4x4x2xf32>
  memref.dealloc %filter : memref<2x2x2x3xf32>
  memref.dealloc %out : memref<1x3x3x3xf32>
  memref.dealloc %strided : memref<1x2x2x3xf32>
  return
}
