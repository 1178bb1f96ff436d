// RUN: ml-opt %s --lower-to-llvm | ml-run -e main --entry-point-result=void --check-leaks | FileCheck %s

// 1-D vector ops end to end, printed with vector.print: transfers past the
// end of a buffer (padded reads, masked writes), loads, masked loads,
// broadcasts, fma, an AXPY, element access, masks and steps.

// CHECK: ( 3, 4, 5, -1 )
// CHECK-NEXT: ( 0, 1, 2, 3 )
// CHECK-NEXT: ( 3, 14, 25, 29 )
// CHECK-NEXT: ( 30, 41, 52, -7 )
// CHECK-NEXT: 25
// CHECK-NEXT: ( 0, 10, 2, 3 )
// CHECK-NEXT: ( 25, 10 )
// CHECK-NEXT: ( 1, 1, 1, 0 )
// CHECK-NEXT: ( 1, 2, 3, 10 )
// CHECK-NEXT: Unranked Memref base@ = {{0x[0-9a-f]+}} rank = 1 offset = 0 sizes = [6] strides = [1] data =
// CHECK-NEXT: [0,  1,  2,  3,  3,  14]
// CHECK-NEXT: ( 0, 1, 2, 3 )
// CHECK-NEXT: ( 21, -7, 28, -7 )
// CHECK-NEXT: 28
// CHECK-NEXT: done

func.func private @printMemrefF32(memref<*xf32>)

func.func @main() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c6 = arith.constant 6 : index
  %buffer = memref.alloc() : memref<6xf32>
  // buffer = [0, 1, 2, 3, 4, 5]
  scf.for %i = %c0 to %c6 step %c1 {
    %ii = arith.index_cast %i : index to i32
    %f = arith.sitofp %ii : i32 to f32
    memref.store %f, %buffer[%i] : memref<6xf32>
  }
  %pad = arith.constant -1.0 : f32
  // Lanes past the end read the padding.
  %tail = vector.transfer_read %buffer[%c3], %pad : memref<6xf32>, vector<4xf32>
  vector.print %tail : vector<4xf32>
  %head = vector.transfer_read %buffer[%c0], %pad {in_bounds = [true]} : memref<6xf32>, vector<4xf32>
  vector.print %head : vector<4xf32>
  // a * b + c, and head + 10 * tail.
  %ten = arith.constant 10.0 : f32
  %tens = vector.broadcast %ten : f32 to vector<4xf32>
  %fma = vector.fma %head, %tens, %tail : vector<4xf32>
  vector.print %fma : vector<4xf32>
  %axpy = vector.outerproduct %tail, %ten, %head : vector<4xf32>, f32
  vector.print %axpy : vector<4xf32>
  // Element access.
  %e = vector.extract %fma[2] : f32 from vector<4xf32>
  vector.print %e : f32
  %ins = vector.insert %ten, %head [%c1] : f32 into vector<4xf32>
  vector.print %ins : vector<4xf32>
  %pair = vector.from_elements %e, %ten : vector<2xf32>
  vector.print %pair : vector<2xf32>
  // Masks: the first three lanes; a masked load keeps the pass-through in
  // the others; a masked write past the end leaves memory alone.
  %mask = vector.create_mask %c3 : vector<4xi1>
  vector.print %mask : vector<4xi1>
  %loaded = vector.maskedload %buffer[%c1], %mask, %tens : memref<6xf32>, vector<4xi1>, vector<4xf32> into vector<4xf32>
  vector.print %loaded : vector<4xf32>
  vector.transfer_write %fma, %buffer[%c4] : vector<4xf32>, memref<6xf32>
  %u = memref.cast %buffer : memref<6xf32> to memref<*xf32>
  call @printMemrefF32(%u) : (memref<*xf32>) -> ()
  // Integer and index vectors.
  %step = vector.step : vector<4xindex>
  vector.print %step : vector<4xindex>
  %ints = arith.constant dense<[3, -1, 4, -1]> : vector<4xi32>
  %seven = arith.constant 7 : i32
  %sevens = vector.broadcast %seven : i32 to vector<4xi32>
  %prod = arith.muli %ints, %sevens : vector<4xi32>
  vector.print %prod : vector<4xi32>
  %max = vector.reduction <maxsi>, %prod : vector<4xi32> into i32
  vector.print %max : i32
  vector.print str "done\n"
  memref.dealloc %buffer : memref<6xf32>
  return
}
