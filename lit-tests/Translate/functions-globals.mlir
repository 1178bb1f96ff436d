// RUN: ml-translate --mlir-to-llvmir %s | FileCheck %s

// Globals (values, strings, dense arrays, initializer regions, linkage,
// alignment, address spaces), function declarations and definitions
// (linkage, variadic, parameter attributes, passthrough attributes) and
// calls (direct, indirect, variadic). The CHECK lines are what
// mlir-translate-22 --mlir-to-llvmir emits.

// CHECK: @counter = internal global i64 0, align 8
llvm.mlir.global internal @counter(0 : i64) {addr_space = 0 : i32, alignment = 8 : i64} : i64
// CHECK: @message = private constant [6 x i8] c"hello\00"
llvm.mlir.global private constant @message("hello\00") {addr_space = 0 : i32}
// CHECK: @weights = internal constant [3 x float] [float 1.000000e+00, float 2.000000e+00, float 3.000000e+00]
llvm.mlir.global internal constant @weights(dense<[1.0, 2.0, 3.0]> : tensor<3xf32>) {addr_space = 0 : i32} : !llvm.array<3 x f32>
// CHECK: @external = external global i32
llvm.mlir.global external @external() {addr_space = 0 : i32} : i32
// CHECK: @uninitialized = internal global i32 undef
llvm.mlir.global internal @uninitialized() {addr_space = 0 : i32} : i32
// CHECK: @shared = weak addrspace(3) global float 0.000000e+00
llvm.mlir.global weak @shared(0.0 : f32) {addr_space = 3 : i32} : f32
// CHECK: @pair = internal global { i32, ptr } { i32 7, ptr @counter }
llvm.mlir.global internal @pair() {addr_space = 0 : i32} : !llvm.struct<(i32, ptr)> {
  %0 = llvm.mlir.undef : !llvm.struct<(i32, ptr)>
  %1 = llvm.mlir.constant(7 : i32) : i32
  %2 = llvm.insertvalue %1, %0[0] : !llvm.struct<(i32, ptr)>
  %3 = llvm.mlir.addressof @counter : !llvm.ptr
  %4 = llvm.insertvalue %3, %2[1] : !llvm.struct<(i32, ptr)>
  llvm.return %4 : !llvm.struct<(i32, ptr)>
}
// CHECK: @callback = linkonce_odr global ptr @callee
llvm.mlir.global linkonce_odr @callback() {addr_space = 0 : i32} : !llvm.ptr {
  %0 = llvm.mlir.addressof @callee : !llvm.ptr
  llvm.return %0 : !llvm.ptr
}

// CHECK: declare ptr @malloc(i64)
llvm.func @malloc(i64) -> !llvm.ptr
// CHECK: declare i32 @printf(ptr, ...)
llvm.func @printf(!llvm.ptr, ...) -> i32
// CHECK: declare extern_weak void @maybe()
llvm.func extern_weak @maybe()

// CHECK-LABEL: define i32 @callee(i32 %0)
llvm.func @callee(%a: i32) -> i32 {
  llvm.return %a : i32
}

// llvm.emit_c_interface is an ordinary attribute here: the C wrapper is
// made by the lowering to llvm.
// CHECK-LABEL: define internal void @calls(ptr %0, i32 %1)
llvm.func internal @calls(%fp: !llvm.ptr, %a: i32) attributes {llvm.emit_c_interface} {
  %n = llvm.mlir.constant(16 : i64) : i64
  // CHECK-NEXT: %[[M:.*]] = call ptr @malloc(i64 16)
  %m = llvm.call @malloc(%n) : (i64) -> !llvm.ptr
  // CHECK-NEXT: call i32 @callee(i32 %1)
  %0 = llvm.call @callee(%a) : (i32) -> i32
  // CHECK-NEXT: call i32 %0(i32 %1)
  %1 = llvm.call %fp(%a) : !llvm.ptr, (i32) -> i32
  // CHECK-NEXT: call void %0()
  llvm.call %fp() : !llvm.ptr, () -> ()
  %s = llvm.mlir.addressof @message : !llvm.ptr
  // CHECK-NEXT: call i32 (ptr, ...) @printf(ptr @message, i32 %1, double 1.000000e+00)
  %one = llvm.mlir.constant(1.0 : f64) : f64
  %2 = llvm.call @printf(%s, %a, %one) vararg(!llvm.func<i32 (ptr, ...)>) : (!llvm.ptr, i32, f64) -> i32
  // CHECK-NEXT: call i32 (ptr, ...) %0(ptr @message)
  %3 = llvm.call %fp(%s) vararg(!llvm.func<i32 (ptr, ...)>) : !llvm.ptr, (!llvm.ptr) -> i32
  // CHECK-NEXT: call void @maybe()
  llvm.call @maybe() : () -> ()
  // CHECK-NEXT: %[[C:.*]] = load i64, ptr @counter, align 4
  %c = llvm.mlir.addressof @counter : !llvm.ptr
  %v = llvm.load %c : !llvm.ptr -> i64
  // CHECK-NEXT: store i64 %[[C]], ptr %[[M]], align 4
  llvm.store %v, %m {alignment = 4 : i64} : i64, !llvm.ptr
  // CHECK-NEXT: ret void
  llvm.return
}

// CHECK: ; Function Attrs: nounwind
// CHECK-NEXT: define noundef i32 @attributes(ptr noalias nonnull align 16 %0, ptr byval(i64) %1, i32 signext %2) #[[ATTRS:[0-9]+]]
llvm.func @attributes(%p: !llvm.ptr {llvm.align = 16 : i64, llvm.noalias, llvm.nonnull}, %q: !llvm.ptr {llvm.byval = i64}, %i: i32 {llvm.signext}) -> (i32 {llvm.noundef}) attributes {passthrough = ["nounwind", ["frame-pointer", "all"]]} {
  llvm.return %i : i32
}

// Calling conventions, visibility and unnamed_addr written as keywords;
// the tail call kind of a call.
// CHECK:       define internal hidden fastcc i32 @fast(i32 %0) local_unnamed_addr
// CHECK:         %2 = tail call fastcc i32 @fast(i32 %0)
llvm.func internal hidden local_unnamed_addr fastcc @fast(%a: i32) -> i32 {
  %0 = llvm.call fastcc tail @fast(%a) : (i32) -> i32
  llvm.return %0 : i32
}

// CHECK: attributes #[[ATTRS]] = { nounwind "frame-pointer"="all" }
