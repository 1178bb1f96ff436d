// RUN: ml-opt %s --convert-cf-to-llvm | FileCheck %s

// Branches become llvm branches and the blocks they reach get converted
// argument types; an assert branches to a block that prints and aborts.

// CHECK: llvm.mlir.global private constant @assert_msg(dense<[111, 111, 112, 115, 0]> : tensor<5xi8>) {addr_space = 0 : i32} : !llvm.array<5 x i8>
// CHECK-DAG: llvm.func @puts(!llvm.ptr)
// CHECK-DAG: llvm.func @abort()
// CHECK-LABEL: func.func @loop
func.func @loop(%n: index, %m: memref<4xf32>) -> index {
  %c0 = arith.constant 0 : index
  // CHECK: llvm.br ^bb1(%{{.*}}, %{{.*}} : i64, !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>)
  cf.br ^bb1(%c0, %m : index, memref<4xf32>)
// CHECK: ^bb1(%[[I:.*]]: i64, %[[M:.*]]: !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>):
^bb1(%i: index, %b: memref<4xf32>):
  %c = arith.cmpi slt, %i, %n : index
  // CHECK: llvm.cond_br %{{.*}}, ^bb2, ^bb4
  cf.cond_br %c, ^bb2, ^bb3
^bb2:
  // CHECK: llvm.cond_br %{{.*}}, ^bb3, ^bb5
  cf.assert %c, "oops"
  %c1 = arith.constant 1 : index
  %j = arith.addi %i, %c1 : index
  cf.br ^bb1(%j, %b : index, memref<4xf32>)
^bb3:
  return %i : index
// CHECK: ^bb5:
// CHECK-NEXT: %[[MSG:.*]] = llvm.mlir.addressof @assert_msg : !llvm.ptr
// CHECK-NEXT: %[[START:.*]] = llvm.getelementptr %[[MSG]][0] : (!llvm.ptr) -> !llvm.ptr, !llvm.array<5 x i8>
// CHECK-NEXT: llvm.call @puts(%[[START]]) : (!llvm.ptr) -> ()
// CHECK-NEXT: llvm.call @abort() : () -> ()
// CHECK-NEXT: llvm.unreachable
}

// CHECK-LABEL: func.func @switch
func.func @switch(%flag: i32, %x: f32) -> f32 {
  // CHECK: llvm.switch %arg0 : i32, ^bb1(%arg1 : f32) [
  // CHECK-NEXT: 1: ^bb2,
  // CHECK-NEXT: 7: ^bb1(%arg1 : f32)
  // CHECK-NEXT: ]
  cf.switch %flag : i32, [
    default: ^bb1(%x : f32),
    1: ^bb2,
    7: ^bb1(%x : f32)
  ]
^bb1(%y: f32):
  return %y : f32
^bb2:
  return %x : f32
}
