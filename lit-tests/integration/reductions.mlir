// RUN: ml-opt %s --lower-to-llvm | ml-run -e main --entry-point-result=void --check-leaks | FileCheck %s

// Reductions over m(i, j) = (i * 5 + j * 3) mod 7 - 2: row sums with
// linalg.reduce, row maxima with a linalg.generic reduction, the column
// products of an integer copy, and whole-row vector reductions.

// CHECK: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 1 offset = 0 sizes = [3] strides = [1] data =
// CHECK-NEXT: [5,  10,  8]
// CHECK-NEXT: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 1 offset = 0 sizes = [3] strides = [1] data =
// CHECK-NEXT: [4,  4,  4]
// CHECK-NEXT: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 1 offset = 0 sizes = [8] strides = [1] data =
// CHECK-NEXT: [-6,  -4,  0,  0,  -3,  -8,  0,  -6]
// CHECK-NEXT: 15, 4, -2, -5
// CHECK-NEXT: 20, 4, -2, 6
// CHECK-NEXT: 18, 4, -2, 4

func.func private @printMemrefF32(memref<*xf32>)
func.func private @printMemrefI32(memref<*xi32>)

func.func @main() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %m = memref.alloc() : memref<3x8xf32>
  %mi = memref.alloc() : memref<3x8xi32>
  %sums = memref.alloc() : memref<3xf32>
  %maxs = memref.alloc() : memref<3xf32>
  %prods = memref.alloc() : memref<8xi32>
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} outs(%m, %mi : memref<3x8xf32>, memref<3x8xi32>) {
  ^bb0(%o: f32, %oi: i32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %c5 = arith.constant 5 : index
    %c3i = arith.constant 3 : index
    %c7 = arith.constant 7 : index
    %c2 = arith.constant 2 : index
    %a = arith.muli %i, %c5 : index
    %b = arith.muli %j, %c3i : index
    %s = arith.addi %a, %b : index
    %r = arith.remui %s, %c7 : index
    %v = arith.subi %r, %c2 : index
    %vi = arith.index_cast %v : index to i32
    %vf = arith.sitofp %vi : i32 to f32
    linalg.yield %vf, %vi : f32, i32
  }
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%sums : memref<3xf32>)
  linalg.reduce ins(%m : memref<3x8xf32>) outs(%sums : memref<3xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %add = arith.addf %in, %acc : f32
      linalg.yield %add : f32
    }
  %lowest = arith.constant -1.0e+30 : f32
  linalg.fill ins(%lowest : f32) outs(%maxs : memref<3xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>], iterator_types = ["parallel", "reduction"]} ins(%m : memref<3x8xf32>) outs(%maxs : memref<3xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %mx = arith.maximumf %in, %acc : f32
    linalg.yield %mx : f32
  }
  %one = arith.constant 1 : i32
  linalg.fill ins(%one : i32) outs(%prods : memref<8xi32>)
  linalg.generic {indexing_maps = [affine_map<(j, i) -> (i, j)>, affine_map<(j, i) -> (j)>], iterator_types = ["parallel", "reduction"]} ins(%mi : memref<3x8xi32>) outs(%prods : memref<8xi32>) {
  ^bb0(%in: i32, %acc: i32):
    %p = arith.muli %in, %acc : i32
    linalg.yield %p : i32
  }
  %us = memref.cast %sums : memref<3xf32> to memref<*xf32>
  call @printMemrefF32(%us) : (memref<*xf32>) -> ()
  %um = memref.cast %maxs : memref<3xf32> to memref<*xf32>
  call @printMemrefF32(%um) : (memref<*xf32>) -> ()
  %up = memref.cast %prods : memref<8xi32> to memref<*xi32>
  call @printMemrefI32(%up) : (memref<*xi32>) -> ()
  // The same sums and maxima from whole rows in vectors, with an
  // accumulator, and the minimum of the integer rows.
  %ten = arith.constant 10.0 : f32
  scf.for %i = %c0 to %c3 step %c1 {
    %row = vector.load %m[%i, %c0] : memref<3x8xf32>, vector<8xf32>
    %sum = vector.reduction <add>, %row, %ten : vector<8xf32> into f32
    %max = vector.reduction <maximumf>, %row : vector<8xf32> into f32
    %irow = vector.load %mi[%i, %c0] : memref<3x8xi32>, vector<8xi32>
    %min = vector.reduction <minsi>, %irow : vector<8xi32> into i32
    %xor = vector.reduction <xor>, %irow : vector<8xi32> into i32
    vector.print %sum : f32 punctuation <comma>
    vector.print %max : f32 punctuation <comma>
    vector.print %min : i32 punctuation <comma>
    vector.print %xor : i32
  }
  memref.dealloc %m : memref<3x8xf32>
  memref.dealloc %mi : memref<3x8xi32>
  memref.dealloc %sums : memref<3xf32>
  memref.dealloc %maxs : memref<3xf32>
  memref.dealloc %prods : memref<8xi32>
  return
}
