// RUN: ml-opt %s --finalize-memref-to-llvm | FileCheck %s

// CHECK-DAG: llvm.func @malloc(i64) -> !llvm.ptr
// CHECK-DAG: llvm.func @free(!llvm.ptr)
// CHECK-DAG: llvm.func @memrefCopy(i64, !llvm.ptr, !llvm.ptr)
// CHECK-DAG: llvm.mlir.global private constant @cst(dense<1.000000e+00> : tensor<4xf32>) {addr_space = 0 : i32} : !llvm.array<4 x f32>
memref.global "private" constant @cst : memref<4xf32> = dense<1.0>

// CHECK-LABEL: func.func @buffers
func.func @buffers(%n: index, %i: index) -> f32 {
  // Size: 4 * %n elements of f32, from a GEP on null.
  // CHECK: %[[N:.*]] = builtin.unrealized_conversion_cast %arg0 : index to i64
  // CHECK: %[[FOUR:.*]] = llvm.mlir.constant(4 : index) : i64
  // CHECK: %[[COUNT:.*]] = llvm.mul %[[FOUR]], %[[N]] : i64
  // CHECK: %[[NULL:.*]] = llvm.mlir.zero : !llvm.ptr
  // CHECK: %[[END:.*]] = llvm.getelementptr %[[NULL]][%[[COUNT]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  // CHECK: %[[BYTES:.*]] = llvm.ptrtoint %[[END]] : !llvm.ptr to i64
  // CHECK: %[[MEM:.*]] = llvm.call @malloc(%[[BYTES]]) : (i64) -> !llvm.ptr
  %a = memref.alloc(%n) : memref<?x4xf32>
  // Aligned: over-allocate and round the pointer up.
  // CHECK: llvm.add %{{.*}}, %{{.*}} : i64
  // CHECK: llvm.call @malloc
  // CHECK: llvm.urem
  // CHECK: llvm.inttoptr
  %b = memref.alloc() {alignment = 64 : i64} : memref<8xf32>
  // CHECK: llvm.alloca %{{.*}} x f32 : (i64) -> !llvm.ptr
  %s = memref.alloca() : memref<4xf32>
  // Element [%i, %i] of a row-major ?x4 buffer: aligned + %i * 4 + %i.
  // CHECK: %[[I:.*]] = builtin.unrealized_conversion_cast %arg1 : index to i64
  // CHECK: %[[BASE:.*]] = llvm.extractvalue %{{.*}}[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  // CHECK: %[[ROW:.*]] = llvm.mul %[[I]], %{{.*}} overflow<nsw, nuw> : i64
  // CHECK: %[[LINEAR:.*]] = llvm.add %[[ROW]], %[[I]] overflow<nsw, nuw> : i64
  // CHECK: %[[ADDR:.*]] = llvm.getelementptr inbounds|nuw %[[BASE]][%[[LINEAR]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  // CHECK: %[[X:.*]] = llvm.load %[[ADDR]] : !llvm.ptr -> f32
  %x = memref.load %a[%i, %i] : memref<?x4xf32>
  // CHECK: llvm.store %[[X]], %{{.*}} : f32, !llvm.ptr
  memref.store %x, %b[%i] : memref<8xf32>
  // To an unranked memref: the descriptor goes on the stack.
  // CHECK: %[[SLOT:.*]] = llvm.alloca %{{.*}} x !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)> : (i64) -> !llvm.ptr
  // CHECK: llvm.store %{{.*}}, %[[SLOT]]
  // CHECK: llvm.insertvalue %{{.*}}, %{{.*}}[1] : !llvm.struct<(i64, ptr)>
  %u = memref.cast %b : memref<8xf32> to memref<*xf32>
  // CHECK: llvm.mlir.addressof @cst : !llvm.ptr
  // CHECK: llvm.mlir.constant(3735928559 : index) : i64
  %g = memref.get_global @cst : memref<4xf32>
  // CHECK: "llvm.intr.memcpy"(%{{.*}}, %{{.*}}, %{{.*}}) <{isVolatile = false}> : (!llvm.ptr, !llvm.ptr, i64) -> ()
  memref.copy %g, %s : memref<4xf32> to memref<4xf32>
  // CHECK: %[[ALLOCATED:.*]] = llvm.extractvalue %{{.*}}[0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  // CHECK-NEXT: llvm.call @free(%[[ALLOCATED]]) : (!llvm.ptr) -> ()
  memref.dealloc %a : memref<?x4xf32>
  return %x : f32
}

// CHECK-LABEL: func.func @dims
func.func @dims(%m: memref<?x4xf32>, %k: index) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // Dynamic size: from the descriptor.
  // CHECK: llvm.extractvalue %{{.*}}[3, 0]
  %d0 = memref.dim %m, %c0 : memref<?x4xf32>
  // Static size: a constant.
  // CHECK: llvm.mlir.constant(4 : index) : i64
  %d1 = memref.dim %m, %c1 : memref<?x4xf32>
  // Unknown index: the sizes go on the stack and are indexed.
  // CHECK: llvm.alloca %{{.*}} x !llvm.array<2 x i64>
  // CHECK: llvm.getelementptr %{{.*}}[0, %{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, !llvm.array<2 x i64>
  %dk = memref.dim %m, %k : memref<?x4xf32>
  return %dk : index
}

// A copy from a strided view calls the runtime with the element size and
// both descriptors as unranked memrefs on the stack, as upstream does.
// CHECK-LABEL: func.func @strided_copy
// CHECK: %[[SAVED:.*]] = llvm.intr.stacksave : !llvm.ptr
// CHECK: %[[RANK:.*]] = llvm.mlir.constant(2 : i64) : i64
// CHECK: %[[SRC:.*]] = llvm.alloca %{{.*}} x !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> : (i64) -> !llvm.ptr
// CHECK: llvm.insertvalue %[[RANK]], %{{.*}}[0] : !llvm.struct<(i64, ptr)>
// CHECK: llvm.insertvalue %[[SRC]], %{{.*}}[1] : !llvm.struct<(i64, ptr)>
// CHECK: %[[UNRANKED_SRC:.*]] = llvm.alloca %{{.*}} x !llvm.struct<(i64, ptr)> : (i64) -> !llvm.ptr
// CHECK: %[[UNRANKED_DST:.*]] = llvm.alloca %{{.*}} x !llvm.struct<(i64, ptr)> : (i64) -> !llvm.ptr
// CHECK: %[[NULL:.*]] = llvm.mlir.zero : !llvm.ptr
// CHECK-NEXT: %[[NEXT:.*]] = llvm.getelementptr %[[NULL]][1] : (!llvm.ptr) -> !llvm.ptr, f32
// CHECK-NEXT: %[[SIZE:.*]] = llvm.ptrtoint %[[NEXT]] : !llvm.ptr to i64
// CHECK-NEXT: llvm.call @memrefCopy(%[[SIZE]], %[[UNRANKED_SRC]], %[[UNRANKED_DST]]) : (i64, !llvm.ptr, !llvm.ptr) -> ()
// CHECK-NEXT: llvm.intr.stackrestore %[[SAVED]] : !llvm.ptr
func.func @strided_copy(%a: memref<7x3xf32, strided<[?, ?], offset: ?>>, %b: memref<7x3xf32>) {
  memref.copy %a, %b : memref<7x3xf32, strided<[?, ?], offset: ?>> to memref<7x3xf32>
  return
}

// memref.atomic_rmw: llvm.atomicrmw on the element's address, acq_rel.
// CHECK-LABEL: func.func @atomics(
// CHECK:         %[[P:.*]] = llvm.getelementptr inbounds|nuw %{{.*}}[%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT:    llvm.atomicrmw fadd %[[P]], %arg2 acq_rel : !llvm.ptr, f32
// CHECK:         llvm.atomicrmw fmaximum %{{.*}}, %arg2 acq_rel : !llvm.ptr, f32
// CHECK:         llvm.atomicrmw umin %{{.*}}, %arg4 acq_rel : !llvm.ptr, i32
// CHECK:         llvm.atomicrmw xchg %{{.*}}, %arg4 acq_rel : !llvm.ptr, i32
func.func @atomics(%m: memref<8xf32>, %i: index, %v: f32, %mi: memref<8xi32>, %vi: i32) -> (f32, f32, i32, i32) {
  %a = memref.atomic_rmw addf %v, %m[%i] : (f32, memref<8xf32>) -> f32
  %b = memref.atomic_rmw maximumf %v, %m[%i] : (f32, memref<8xf32>) -> f32
  %c = memref.atomic_rmw minu %vi, %mi[%i] : (i32, memref<8xi32>) -> i32
  %d = memref.atomic_rmw assign %vi, %mi[%i] : (i32, memref<8xi32>) -> i32
  return %a, %b, %c, %d : f32, f32, i32, i32
}
