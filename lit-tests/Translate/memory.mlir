// RUN: ml-translate --mlir-to-llvmir %s | FileCheck %s

// Stack allocation, loads and stores with their properties, and
// getelementptr with no-wrap flags and constant or dynamic indices. The
// CHECK lines are what mlir-translate-22 --mlir-to-llvmir emits.

// CHECK-LABEL: define void @allocas(i64 %0)
llvm.func @allocas(%n: i64) {
  %c1 = llvm.mlir.constant(1 : i32) : i32
  // CHECK-NEXT: alloca float, align 4
  %0 = llvm.alloca %c1 x f32 {alignment = 4 : i64} : (i32) -> !llvm.ptr
  // CHECK-NEXT: alloca { i32, [4 x i8] }, i64 %0, align 16
  %1 = llvm.alloca %n x !llvm.struct<(i32, array<4 x i8>)> {alignment = 16 : i64} : (i64) -> !llvm.ptr
  // CHECK-NEXT: alloca i64, i64 %0, align 8
  %2 = llvm.alloca %n x i64 : (i64) -> !llvm.ptr
  // CHECK-NEXT: ret void
  llvm.return
}

// CHECK-LABEL: define void @loads_and_stores(ptr %0, i32 %1)
llvm.func @loads_and_stores(%p: !llvm.ptr, %v: i32) {
  // CHECK-NEXT: %[[A:.*]] = load i32, ptr %0, align 4
  %0 = llvm.load %p : !llvm.ptr -> i32
  // CHECK-NEXT: load i32, ptr %0, align 16
  %1 = llvm.load %p {alignment = 16 : i64} : !llvm.ptr -> i32
  // CHECK-NEXT: load volatile i32, ptr %0, align 4
  %2 = llvm.load volatile %p : !llvm.ptr -> i32
  // CHECK-NEXT: load atomic i32, ptr %0 acquire, align 4
  %3 = llvm.load %p atomic acquire {alignment = 4 : i64} : !llvm.ptr -> i32
  // CHECK-NEXT: load i32, ptr %0, align 4, !nontemporal ![[$ONE:[0-9]+]]
  %4 = llvm.load %p {nontemporal} : !llvm.ptr -> i32
  // CHECK-NEXT: load i32, ptr %0, align 4, !invariant.load ![[$EMPTY:[0-9]+]]
  %5 = llvm.load %p invariant : !llvm.ptr -> i32
  // CHECK-NEXT: load <4 x float>, ptr %0, align 16
  %6 = llvm.load %p : !llvm.ptr -> vector<4xf32>
  // CHECK-NEXT: store i32 %[[A]], ptr %0, align 4
  llvm.store %0, %p : i32, !llvm.ptr
  // CHECK-NEXT: store volatile i32 %1, ptr %0, align 8
  llvm.store volatile %v, %p {alignment = 8 : i64} : i32, !llvm.ptr
  // CHECK-NEXT: store atomic i32 %1, ptr %0 seq_cst, align 4
  llvm.store %v, %p atomic seq_cst {alignment = 4 : i64} : i32, !llvm.ptr
  // CHECK-NEXT: store i32 %1, ptr %0, align 4, !nontemporal ![[$ONE]]
  llvm.store %v, %p {nontemporal} : i32, !llvm.ptr
  // CHECK-NEXT: ret void
  llvm.return
}

// CHECK-LABEL: define ptr @geps(ptr %0, i64 %1, i32 %2)
llvm.func @geps(%p: !llvm.ptr, %i: i64, %j: i32) -> !llvm.ptr {
  // CHECK-NEXT: %[[G0:.*]] = getelementptr float, ptr %0, i64 %1
  %0 = llvm.getelementptr %p[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  // CHECK-NEXT: %[[G1:.*]] = getelementptr inbounds { i32, [4 x float] }, ptr %[[G0]], i64 %1, i32 1, i32 %2
  %1 = llvm.getelementptr inbounds %0[%i, 1, %j] : (!llvm.ptr, i64, i32) -> !llvm.ptr, !llvm.struct<(i32, array<4 x f32>)>
  // CHECK-NEXT: %[[G2:.*]] = getelementptr inbounds nuw float, ptr %[[G1]], i64 %1
  %2 = llvm.getelementptr inbounds|nuw %1[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  // CHECK-NEXT: %[[G3:.*]] = getelementptr nusw i8, ptr %[[G2]], i32 -8
  %3 = llvm.getelementptr nusw %2[-8] : (!llvm.ptr) -> !llvm.ptr, i8
  // CHECK-NEXT: %[[G4:.*]] = getelementptr nuw [8 x i32], ptr %[[G3]], i32 0, i32 3
  %4 = llvm.getelementptr nuw %3[0, 3] : (!llvm.ptr) -> !llvm.ptr, !llvm.array<8 x i32>
  // CHECK-NEXT: ret ptr %[[G4]]
  llvm.return %4 : !llvm.ptr
}

// A GEP of a global with constant indices is a constant expression
// (upstream's builder also folds it to a byte offset, `(i8, ptr @table,
// i64 8)`: the same address).
llvm.mlir.global internal @table(dense<0> : tensor<8xi32>) {addr_space = 0 : i32} : !llvm.array<8 x i32>
// CHECK-LABEL: define i32 @constant_gep()
llvm.func @constant_gep() -> i32 {
  %0 = llvm.mlir.addressof @table : !llvm.ptr
  %1 = llvm.getelementptr inbounds %0[0, 2] : (!llvm.ptr) -> !llvm.ptr, !llvm.array<8 x i32>
  // CHECK-NEXT: %[[L:.*]] = load i32, ptr getelementptr inbounds {{.*}}@table{{.*}}, align 4
  %2 = llvm.load %1 : !llvm.ptr -> i32
  // CHECK-NEXT: ret i32 %[[L]]
  llvm.return %2 : i32
}

// Atomics keep their operation, flags, sync scope, orderings and alignment.
// CHECK-LABEL: define void @atomics(ptr %0, i32 %1, float %2)
// CHECK-NEXT:    %4 = atomicrmw add ptr %0, i32 %1 seq_cst, align 4
// CHECK-NEXT:    %5 = atomicrmw volatile fadd ptr %0, float %2 syncscope("agent") monotonic, align 8
// CHECK-NEXT:    %6 = cmpxchg ptr %0, i32 %1, i32 %4 acq_rel monotonic, align 4
// CHECK-NEXT:    %7 = cmpxchg weak volatile ptr %0, i32 %1, i32 %4 syncscope("agent") acquire acquire, align 4
llvm.func @atomics(%p: !llvm.ptr, %x: i32, %f: f32) {
  %0 = llvm.atomicrmw add %p, %x seq_cst : !llvm.ptr, i32
  %1 = llvm.atomicrmw volatile fadd %p, %f syncscope("agent") monotonic {alignment = 8 : i64} : !llvm.ptr, f32
  %2 = llvm.cmpxchg %p, %x, %0 acq_rel monotonic : !llvm.ptr, i32
  %3 = llvm.cmpxchg weak volatile %p, %x, %0 syncscope("agent") acquire acquire : !llvm.ptr, i32
  llvm.return
}

// Sync scopes of atomic loads and stores, and !invariant.group.
// CHECK-LABEL: define void @scoped_accesses(ptr %0)
// CHECK-NEXT:    %2 = load atomic volatile i32, ptr %0 syncscope("singlethread") monotonic, align 4, !invariant.group ![[$EMPTY]]
// CHECK-NEXT:    store atomic i32 %2, ptr %0 syncscope("agent") release, align 4, !invariant.group ![[$EMPTY]]
llvm.func @scoped_accesses(%p: !llvm.ptr) {
  %0 = llvm.load volatile %p atomic syncscope("singlethread") monotonic invariant_group {alignment = 4 : i64} : !llvm.ptr -> i32
  llvm.store %0, %p atomic syncscope("agent") release invariant_group {alignment = 4 : i64} : i32, !llvm.ptr
  llvm.return
}

// CHECK-DAG: ![[$ONE]] = !{i32 1}
// CHECK-DAG: ![[$EMPTY]] = !{}
