// RUN: ml-opt %s --convert-func-to-llvm | FileCheck %s

// Memrefs are passed as their descriptor's fields; several results come
// back in one struct; `llvm.emit_c_interface` adds `_mlir_ciface_`
// wrappers (and turns a declaration into a call through one).

// CHECK-LABEL: llvm.func private @printMemrefF32(%arg0: i64, %arg1: !llvm.ptr) attributes {llvm.emit_c_interface, sym_visibility = "private"} {
// CHECK-NEXT: %[[P:.*]] = llvm.mlir.poison : !llvm.struct<(i64, ptr)>
// CHECK-NEXT: %[[R:.*]] = llvm.insertvalue %arg0, %[[P]][0] : !llvm.struct<(i64, ptr)>
// CHECK-NEXT: %[[D:.*]] = llvm.insertvalue %arg1, %[[R]][1] : !llvm.struct<(i64, ptr)>
// CHECK-NEXT: %[[ONE:.*]] = llvm.mlir.constant(1 : index) : i64
// CHECK-NEXT: %[[SLOT:.*]] = llvm.alloca %[[ONE]] x !llvm.struct<(i64, ptr)> : (i64) -> !llvm.ptr
// CHECK-NEXT: llvm.store %[[D]], %[[SLOT]] : !llvm.struct<(i64, ptr)>, !llvm.ptr
// CHECK-NEXT: llvm.call @_mlir_ciface_printMemrefF32(%[[SLOT]]) : (!llvm.ptr) -> ()
// CHECK-NEXT: llvm.return
// CHECK: llvm.func @_mlir_ciface_printMemrefF32(!llvm.ptr) attributes {llvm.emit_c_interface, sym_visibility = "private"}
func.func private @printMemrefF32(memref<*xf32>) attributes {llvm.emit_c_interface}

// CHECK-LABEL: llvm.func @twice(%arg0: !llvm.ptr, %arg1: !llvm.ptr, %arg2: i64, %arg3: i64, %arg4: i64, %arg5: i64) -> !llvm.struct<(struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>, i64)> attributes {llvm.emit_c_interface} {
// CHECK: %[[DESC:.*]] = llvm.insertvalue %arg4, %{{.*}}[4, 0] : !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
// CHECK: %[[PAIR:.*]] = llvm.insertvalue %[[DESC]], %{{.*}}[0]
// CHECK: %[[BOTH:.*]] = llvm.insertvalue %arg5, %[[PAIR]][1]
// CHECK: llvm.return %[[BOTH]]
// CHECK-LABEL: llvm.func @_mlir_ciface_twice(%arg0: !llvm.ptr, %arg1: !llvm.ptr, %arg2: i64) attributes {llvm.emit_c_interface} {
// CHECK-NEXT: %[[LOADED:.*]] = llvm.load %arg1 : !llvm.ptr -> !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
// CHECK: %[[RES:.*]] = llvm.call @twice(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %arg2)
// CHECK-NEXT: llvm.store %[[RES]], %arg0
// CHECK-NEXT: llvm.return
func.func @twice(%a: memref<?xf32>, %n: index) -> (memref<?xf32>, index) attributes {llvm.emit_c_interface} {
  return %a, %n : memref<?xf32>, index
}

// CHECK-LABEL: llvm.func @helper(%arg0: f32) -> f32 attributes {sym_visibility = "private"} {
func.func private @helper(%x: f32) -> f32 {
  return %x : f32
}

// CHECK-LABEL: llvm.func @caller(%arg0: !llvm.ptr, %arg1: !llvm.ptr, %arg2: i64, %arg3: i64, %arg4: i64, %arg5: f32) -> f32 {
func.func @caller(%m: memref<?xf32>, %x: f32) -> f32 {
  // CHECK: %[[H:.*]] = llvm.call @helper(%arg5) : (f32) -> f32
  %r = call @helper(%x) : (f32) -> f32
  // CHECK: %[[PAIR:.*]] = llvm.call @twice(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (!llvm.ptr, !llvm.ptr, i64, i64, i64, i64) -> !llvm.struct<(struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>, i64)>
  // CHECK-NEXT: llvm.extractvalue %[[PAIR]][0]
  // CHECK-NEXT: llvm.extractvalue %[[PAIR]][1]
  %c = arith.constant 3 : index
  %m2, %n = call @twice(%m, %c) : (memref<?xf32>, index) -> (memref<?xf32>, index)
  // CHECK: llvm.return %[[H]] : f32
  return %r : f32
}
