// RUN: ml-translate --mlir-to-llvmir %s | FileCheck %s

// Constants of every kind, undef/poison/zero, and element access of
// structs, arrays and vectors. The CHECK lines are what mlir-translate-22
// --mlir-to-llvmir emits. Constants are LLVM constants, not instructions:
// they show up where they are used.

// CHECK-LABEL: define void @constants(ptr %0)
llvm.func @constants(%p: !llvm.ptr) {
  %i = llvm.mlir.constant(-7 : i32) : i32
  %b = llvm.mlir.constant(true) : i1
  %w = llvm.mlir.constant(18446744073709551615 : i128) : i128
  %h = llvm.mlir.constant(1.5 : f16) : f16
  %f = llvm.mlir.constant(2.5 : f32) : f32
  %d = llvm.mlir.constant(-0.125 : f64) : f64
  %v = llvm.mlir.constant(dense<[1, 2, 3, 4]> : vector<4xi32>) : vector<4xi32>
  %s = llvm.mlir.constant(dense<1.0> : vector<2xf64>) : vector<2xf64>
  %a = llvm.mlir.constant(dense<[[1, 2], [3, 4]]> : tensor<2x2xi16>) : !llvm.array<2 x array<2 x i16>>
  %z = llvm.mlir.zero : !llvm.struct<(i32, ptr)>
  %u = llvm.mlir.undef : vector<2xf32>
  %q = llvm.mlir.poison : i64
  %n = llvm.mlir.zero : !llvm.ptr
  // CHECK-NEXT: store i32 -7, ptr %0, align 4
  llvm.store %i, %p : i32, !llvm.ptr
  // CHECK-NEXT: store i1 true, ptr %0, align 1
  llvm.store %b, %p : i1, !llvm.ptr
  // CHECK-NEXT: store i128 18446744073709551615, ptr %0, align 4
  llvm.store %w, %p : i128, !llvm.ptr
  // CHECK-NEXT: store half 0xH3E00, ptr %0, align 2
  llvm.store %h, %p : f16, !llvm.ptr
  // CHECK-NEXT: store float 2.500000e+00, ptr %0, align 4
  llvm.store %f, %p : f32, !llvm.ptr
  // CHECK-NEXT: store double -1.250000e-01, ptr %0, align 8
  llvm.store %d, %p : f64, !llvm.ptr
  // CHECK-NEXT: store <4 x i32> <i32 1, i32 2, i32 3, i32 4>, ptr %0, align 16
  llvm.store %v, %p : vector<4xi32>, !llvm.ptr
  // CHECK-NEXT: store <2 x double> splat (double 1.000000e+00), ptr %0, align 16
  llvm.store %s, %p : vector<2xf64>, !llvm.ptr
  // CHECK-NEXT: store [2 x [2 x i16]] {{\[}}[2 x i16] [i16 1, i16 2], [2 x i16] [i16 3, i16 4]], ptr %0, align 2
  llvm.store %a, %p : !llvm.array<2 x array<2 x i16>>, !llvm.ptr
  // CHECK-NEXT: store { i32, ptr } zeroinitializer, ptr %0, align 8
  llvm.store %z, %p : !llvm.struct<(i32, ptr)>, !llvm.ptr
  // CHECK-NEXT: store <2 x float> undef, ptr %0, align 8
  llvm.store %u, %p : vector<2xf32>, !llvm.ptr
  // CHECK-NEXT: store i64 poison, ptr %0, align 4
  llvm.store %q, %p : i64, !llvm.ptr
  // CHECK-NEXT: store ptr null, ptr %0, align 8
  llvm.store %n, %p : !llvm.ptr, !llvm.ptr
  // CHECK-NEXT: ret void
  llvm.return
}

// CHECK-LABEL: define { ptr, ptr, i64, [2 x i64], [2 x i64] } @descriptor(ptr %0, i64 %1, i64 %2)
llvm.func @descriptor(%p: !llvm.ptr, %n: i64, %m: i64) -> !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> {
  %0 = llvm.mlir.poison : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  // CHECK-NEXT: %[[D0:.*]] = insertvalue { ptr, ptr, i64, [2 x i64], [2 x i64] } poison, ptr %0, 0
  %1 = llvm.insertvalue %p, %0[0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  // CHECK-NEXT: %[[D1:.*]] = insertvalue { ptr, ptr, i64, [2 x i64], [2 x i64] } %[[D0]], i64 %1, 3, 0
  %2 = llvm.insertvalue %n, %1[3, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  // CHECK-NEXT: %[[D2:.*]] = insertvalue { ptr, ptr, i64, [2 x i64], [2 x i64] } %[[D1]], i64 %2, 4, 1
  %3 = llvm.insertvalue %m, %2[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  // CHECK-NEXT: %[[E:.*]] = extractvalue { ptr, ptr, i64, [2 x i64], [2 x i64] } %[[D2]], 3, 0
  %4 = llvm.extractvalue %3[3, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  // CHECK-NEXT: %[[D3:.*]] = insertvalue { ptr, ptr, i64, [2 x i64], [2 x i64] } %[[D2]], i64 %[[E]], 2
  %5 = llvm.insertvalue %4, %3[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  // CHECK-NEXT: ret { ptr, ptr, i64, [2 x i64], [2 x i64] } %[[D3]]
  llvm.return %5 : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
}

// CHECK-LABEL: define <4 x float> @vectors(<4 x float> %0, float %1, i32 %2)
llvm.func @vectors(%v: vector<4xf32>, %x: f32, %i: i32) -> vector<4xf32> {
  // CHECK-NEXT: %[[I:.*]] = insertelement <4 x float> %0, float %1, i32 %2
  %0 = llvm.insertelement %x, %v[%i : i32] : vector<4xf32>
  // CHECK-NEXT: %[[E:.*]] = extractelement <4 x float> %[[I]], i32 %2
  %1 = llvm.extractelement %0[%i : i32] : vector<4xf32>
  // CHECK-NEXT: %[[S:.*]] = shufflevector <4 x float> %[[I]], <4 x float> %0, <4 x i32> <i32 3, i32 poison, i32 1, i32 4>
  %2 = llvm.shufflevector %0, %v [3, -1, 1, 4] : vector<4xf32>
  // CHECK-NEXT: %[[F:.*]] = fadd <4 x float> %[[S]], %[[S]]
  %3 = llvm.fadd %2, %2 : vector<4xf32>
  // CHECK-NEXT: ret <4 x float> %[[F]]
  llvm.return %3 : vector<4xf32>
}

// CHECK-LABEL: define <2 x i64> @narrowing(<4 x i64> %0)
llvm.func @narrowing(%v: vector<4xi64>) -> vector<2xi64> {
  // CHECK-NEXT: %[[S:.*]] = shufflevector <4 x i64> %0, <4 x i64> %0, <2 x i32> <i32 0, i32 2>
  %0 = llvm.shufflevector %v, %v [0, 2] : vector<4xi64>
  // CHECK-NEXT: ret <2 x i64> %[[S]]
  llvm.return %0 : vector<2xi64>
}
