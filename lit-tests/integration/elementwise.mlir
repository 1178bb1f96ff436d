// RUN: ml-opt %s --lower-to-llvm | ml-run -e main --entry-point-result=void --check-leaks | FileCheck %s

// A chain of elementwise ops with broadcasts: x(i, j) = i - j, a row
// bias b(j) = j / 2 broadcast over the rows, a column scale s(i) = i + 1
// broadcast over the columns (linalg.broadcast), then
// y = sqrt(max(x + b, 0) * s * s) and z = y * y - x, through linalg.generic
// and the named elementwise ops.

// CHECK: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 2 offset = 0 sizes = [3, 4] strides = [4, 1] data =
// CHECK-NEXT: {{\[\[}}0,   0,   0,   0],
// CHECK-NEXT: [2,   1.41421,   0,   0],
// CHECK-NEXT: [4.24264,   3.67423,   3,   2.12132{{\]\]}}
// CHECK-NEXT: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 2 offset = 0 sizes = [3, 4] strides = [4, 1] data =
// CHECK-NEXT: {{\[\[}}0,   1,   2,   3],
// CHECK-NEXT: [3,   2,   1,   2],
// CHECK-NEXT: [16,   12.5,   9,   5.5{{\]\]}}

func.func private @printMemrefF32(memref<*xf32>)

#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (j)>

func.func @main() {
  %zero = arith.constant 0.0 : f32
  %x = memref.alloc() : memref<3x4xf32>
  %b = memref.alloc() : memref<4xf32>
  %s = memref.alloc() : memref<3xf32>
  %sb = memref.alloc() : memref<3x4xf32>
  %t = memref.alloc() : memref<3x4xf32>
  %y = memref.alloc() : memref<3x4xf32>
  %z = memref.alloc() : memref<3x4xf32>
  linalg.generic {indexing_maps = [#id], iterator_types = ["parallel", "parallel"]} outs(%x : memref<3x4xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %d = arith.subi %i, %j : index
    %di = arith.index_cast %d : index to i32
    %df = arith.sitofp %di : i32 to f32
    linalg.yield %df : f32
  }
  linalg.generic {indexing_maps = [affine_map<(j) -> (j)>], iterator_types = ["parallel"]} outs(%b : memref<4xf32>) {
  ^bb0(%o: f32):
    %j = linalg.index 0 : index
    %ji = arith.index_cast %j : index to i32
    %jf = arith.sitofp %ji : i32 to f32
    %two = arith.constant 2.0 : f32
    %h = arith.divf %jf, %two : f32
    linalg.yield %h : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>], iterator_types = ["parallel"]} outs(%s : memref<3xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 0 : index
    %ii = arith.index_cast %i : index to i32
    %if = arith.sitofp %ii : i32 to f32
    %one = arith.constant 1.0 : f32
    %v = arith.addf %if, %one : f32
    linalg.yield %v : f32
  }
  // max(x + b, 0), the bias broadcast along the rows.
  linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %b : memref<3x4xf32>, memref<4xf32>) outs(%t : memref<3x4xf32>) {
  ^bb0(%xv: f32, %bv: f32, %o: f32):
    %sum = arith.addf %xv, %bv : f32
    %relu = arith.maximumf %sum, %zero : f32
    linalg.yield %relu : f32
  }
  linalg.broadcast ins(%s : memref<3xf32>) outs(%sb : memref<3x4xf32>) dimensions = [1]
  linalg.mul ins(%t, %sb : memref<3x4xf32>, memref<3x4xf32>) outs(%y : memref<3x4xf32>)
  linalg.mul ins(%y, %sb : memref<3x4xf32>, memref<3x4xf32>) outs(%y : memref<3x4xf32>)
  linalg.sqrt ins(%y : memref<3x4xf32>) outs(%y : memref<3x4xf32>)
  linalg.mul ins(%y, %y : memref<3x4xf32>, memref<3x4xf32>) outs(%z : memref<3x4xf32>)
  linalg.sub ins(%z, %x : memref<3x4xf32>, memref<3x4xf32>) outs(%z : memref<3x4xf32>)
  %uy = memref.cast %y : memref<3x4xf32> to memref<*xf32>
  call @printMemrefF32(%uy) : (memref<*xf32>) -> ()
  %uz = memref.cast %z : memref<3x4xf32> to memref<*xf32>
  call @printMemrefF32(%uz) : (memref<*xf32>) -> ()
  memref.dealloc %x : memref<3x4xf32>
  memref.dealloc %b : memref<4xf32>
  memref.dealloc %s : memref<3xf32>
  memref.dealloc %sb : memref<3x4xf32>
  memref.dealloc %t : memref<3x4xf32>
  memref.dealloc %y : memref<3x4xf32>
  memref.dealloc %z : memref<3x4xf32>
  return
}
