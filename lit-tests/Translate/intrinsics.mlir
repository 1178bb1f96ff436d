// RUN: ml-translate --mlir-to-llvmir %s | FileCheck %s

// llvm.intr.* ops are calls to LLVM intrinsics instantiated for their
// types; immediate flags are trailing i1 arguments. The CHECK lines are
// what mlir-translate-22 --mlir-to-llvmir emits.

// CHECK-LABEL: define void @float_math(float %0, <4 x float> %1, double %2, i32 %3)
llvm.func @float_math(%x: f32, %v: vector<4xf32>, %d: f64, %i: i32) {
  // CHECK-NEXT: call float @llvm.fabs.f32(float %0)
  // CHECK-NEXT: call float @llvm.ceil.f32(float %0)
  // CHECK-NEXT: call float @llvm.floor.f32(float %0)
  // CHECK-NEXT: call <4 x float> @llvm.sqrt.v4f32(<4 x float> %1)
  // CHECK-NEXT: call fast float @llvm.exp.f32(float %0)
  // CHECK-NEXT: call float @llvm.exp2.f32(float %0)
  // CHECK-NEXT: call double @llvm.log.f64(double %2)
  // CHECK-NEXT: call float @llvm.log2.f32(float %0)
  // CHECK-NEXT: call float @llvm.log10.f32(float %0)
  // CHECK-NEXT: call float @llvm.sin.f32(float %0)
  // CHECK-NEXT: call float @llvm.cos.f32(float %0)
  // CHECK-NEXT: call float @llvm.tan.f32(float %0)
  // CHECK-NEXT: call float @llvm.tanh.f32(float %0)
  // CHECK-NEXT: call float @llvm.round.f32(float %0)
  // CHECK-NEXT: call float @llvm.roundeven.f32(float %0)
  // CHECK-NEXT: call float @llvm.trunc.f32(float %0)
  // CHECK-NEXT: call float @llvm.rint.f32(float %0)
  // CHECK-NEXT: call float @llvm.nearbyint.f32(float %0)
  // CHECK-NEXT: call float @llvm.pow.f32(float %0, float %0)
  // CHECK-NEXT: call float @llvm.powi.f32.i32(float %0, i32 %3)
  // CHECK-NEXT: call float @llvm.maxnum.f32(float %0, float %0)
  // CHECK-NEXT: call float @llvm.minnum.f32(float %0, float %0)
  // CHECK-NEXT: call float @llvm.maximum.f32(float %0, float %0)
  // CHECK-NEXT: call float @llvm.minimum.f32(float %0, float %0)
  // CHECK-NEXT: call float @llvm.copysign.f32(float %0, float %0)
  // CHECK-NEXT: call <4 x float> @llvm.fma.v4f32(<4 x float> %1, <4 x float> %1, <4 x float> %1)
  // CHECK-NEXT: call float @llvm.fmuladd.f32(float %0, float %0, float %0)
  %0 = llvm.intr.fabs(%x) : (f32) -> f32
  %1 = llvm.intr.ceil(%x) : (f32) -> f32
  %2 = llvm.intr.floor(%x) : (f32) -> f32
  %3 = llvm.intr.sqrt(%v) : (vector<4xf32>) -> vector<4xf32>
  %4 = llvm.intr.exp(%x) {fastmathFlags = #llvm.fastmath<fast>} : (f32) -> f32
  %5 = llvm.intr.exp2(%x) : (f32) -> f32
  %6 = llvm.intr.log(%d) : (f64) -> f64
  %7 = llvm.intr.log2(%x) : (f32) -> f32
  %8 = llvm.intr.log10(%x) : (f32) -> f32
  %9 = llvm.intr.sin(%x) : (f32) -> f32
  %10 = llvm.intr.cos(%x) : (f32) -> f32
  %11 = llvm.intr.tan(%x) : (f32) -> f32
  %12 = llvm.intr.tanh(%x) : (f32) -> f32
  %13 = llvm.intr.round(%x) : (f32) -> f32
  %14 = llvm.intr.roundeven(%x) : (f32) -> f32
  %15 = llvm.intr.trunc(%x) : (f32) -> f32
  %16 = llvm.intr.rint(%x) : (f32) -> f32
  %17 = llvm.intr.nearbyint(%x) : (f32) -> f32
  %18 = llvm.intr.pow(%x, %x) : (f32, f32) -> f32
  %19 = llvm.intr.powi(%x, %i) : (f32, i32) -> f32
  %20 = llvm.intr.maxnum(%x, %x) : (f32, f32) -> f32
  %21 = llvm.intr.minnum(%x, %x) : (f32, f32) -> f32
  %22 = llvm.intr.maximum(%x, %x) : (f32, f32) -> f32
  %23 = llvm.intr.minimum(%x, %x) : (f32, f32) -> f32
  %24 = llvm.intr.copysign(%x, %x) : (f32, f32) -> f32
  %25 = llvm.intr.fma(%v, %v, %v) : (vector<4xf32>, vector<4xf32>, vector<4xf32>) -> vector<4xf32>
  %26 = llvm.intr.fmuladd(%x, %x, %x) : (f32, f32, f32) -> f32
  // CHECK-NEXT: ret void
  llvm.return
}

// CHECK-LABEL: define void @integer_math(i32 %0, i64 %1)
llvm.func @integer_math(%a: i32, %b: i64) {
  // CHECK-NEXT: call i32 @llvm.ctpop.i32(i32 %0)
  // CHECK-NEXT: call i32 @llvm.bitreverse.i32(i32 %0)
  // CHECK-NEXT: call i64 @llvm.bswap.i64(i64 %1)
  // CHECK-NEXT: call i32 @llvm.smax.i32(i32 %0, i32 %0)
  // CHECK-NEXT: call i32 @llvm.smin.i32(i32 %0, i32 %0)
  // CHECK-NEXT: call i32 @llvm.umax.i32(i32 %0, i32 %0)
  // CHECK-NEXT: call i32 @llvm.umin.i32(i32 %0, i32 %0)
  // CHECK-NEXT: call i32 @llvm.ctlz.i32(i32 %0, i1 true)
  // CHECK-NEXT: call i64 @llvm.cttz.i64(i64 %1, i1 false)
  // CHECK-NEXT: call i32 @llvm.abs.i32(i32 %0, i1 true)
  %0 = llvm.intr.ctpop(%a) : (i32) -> i32
  %1 = llvm.intr.bitreverse(%a) : (i32) -> i32
  %2 = llvm.intr.bswap(%b) : (i64) -> i64
  %3 = llvm.intr.smax(%a, %a) : (i32, i32) -> i32
  %4 = llvm.intr.smin(%a, %a) : (i32, i32) -> i32
  %5 = llvm.intr.umax(%a, %a) : (i32, i32) -> i32
  %6 = llvm.intr.umin(%a, %a) : (i32, i32) -> i32
  %7 = "llvm.intr.ctlz"(%a) <{is_zero_poison = true}> : (i32) -> i32
  %8 = "llvm.intr.cttz"(%b) <{is_zero_poison = false}> : (i64) -> i64
  %9 = "llvm.intr.abs"(%a) <{is_int_min_poison = true}> : (i32) -> i32
  // CHECK-NEXT: ret void
  llvm.return
}

// CHECK-LABEL: define void @reductions(<4 x float> %0, <8 x i16> %1, float %2)
llvm.func @reductions(%v: vector<4xf32>, %w: vector<8xi16>, %x: f32) {
  // CHECK-NEXT: call float @llvm.vector.reduce.fadd.v4f32(float %2, <4 x float> %0)
  // CHECK-NEXT: call reassoc float @llvm.vector.reduce.fmul.v4f32(float %2, <4 x float> %0)
  // CHECK-NEXT: call float @llvm.vector.reduce.fmax.v4f32(<4 x float> %0)
  // CHECK-NEXT: call float @llvm.vector.reduce.fmin.v4f32(<4 x float> %0)
  // CHECK-NEXT: call float @llvm.vector.reduce.fmaximum.v4f32(<4 x float> %0)
  // CHECK-NEXT: call float @llvm.vector.reduce.fminimum.v4f32(<4 x float> %0)
  // CHECK-NEXT: call i16 @llvm.vector.reduce.add.v8i16(<8 x i16> %1)
  // CHECK-NEXT: call i16 @llvm.vector.reduce.mul.v8i16(<8 x i16> %1)
  // CHECK-NEXT: call i16 @llvm.vector.reduce.and.v8i16(<8 x i16> %1)
  // CHECK-NEXT: call i16 @llvm.vector.reduce.or.v8i16(<8 x i16> %1)
  // CHECK-NEXT: call i16 @llvm.vector.reduce.xor.v8i16(<8 x i16> %1)
  // CHECK-NEXT: call i16 @llvm.vector.reduce.smax.v8i16(<8 x i16> %1)
  // CHECK-NEXT: call i16 @llvm.vector.reduce.smin.v8i16(<8 x i16> %1)
  // CHECK-NEXT: call i16 @llvm.vector.reduce.umax.v8i16(<8 x i16> %1)
  // CHECK-NEXT: call i16 @llvm.vector.reduce.umin.v8i16(<8 x i16> %1)
  %0 = "llvm.intr.vector.reduce.fadd"(%x, %v) : (f32, vector<4xf32>) -> f32
  %1 = "llvm.intr.vector.reduce.fmul"(%x, %v) <{fastmathFlags = #llvm.fastmath<reassoc>}> : (f32, vector<4xf32>) -> f32
  %2 = llvm.intr.vector.reduce.fmax(%v) : (vector<4xf32>) -> f32
  %3 = llvm.intr.vector.reduce.fmin(%v) : (vector<4xf32>) -> f32
  %4 = llvm.intr.vector.reduce.fmaximum(%v) : (vector<4xf32>) -> f32
  %5 = llvm.intr.vector.reduce.fminimum(%v) : (vector<4xf32>) -> f32
  %6 = "llvm.intr.vector.reduce.add"(%w) : (vector<8xi16>) -> i16
  %7 = "llvm.intr.vector.reduce.mul"(%w) : (vector<8xi16>) -> i16
  %8 = "llvm.intr.vector.reduce.and"(%w) : (vector<8xi16>) -> i16
  %9 = "llvm.intr.vector.reduce.or"(%w) : (vector<8xi16>) -> i16
  %10 = "llvm.intr.vector.reduce.xor"(%w) : (vector<8xi16>) -> i16
  %11 = "llvm.intr.vector.reduce.smax"(%w) : (vector<8xi16>) -> i16
  %12 = "llvm.intr.vector.reduce.smin"(%w) : (vector<8xi16>) -> i16
  %13 = "llvm.intr.vector.reduce.umax"(%w) : (vector<8xi16>) -> i16
  %14 = "llvm.intr.vector.reduce.umin"(%w) : (vector<8xi16>) -> i16
  // CHECK-NEXT: ret void
  llvm.return
}

// CHECK-LABEL: define void @memory(ptr %0, ptr %1, i64 %2, i8 %3)
llvm.func @memory(%dst: !llvm.ptr, %src: !llvm.ptr, %n: i64, %b: i8) {
  // CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr %0, ptr %1, i64 %2, i1 false)
  "llvm.intr.memcpy"(%dst, %src, %n) <{isVolatile = false}> : (!llvm.ptr, !llvm.ptr, i64) -> ()
  // CHECK-NEXT: call void @llvm.memmove.p0.p0.i64(ptr %0, ptr %1, i64 %2, i1 true)
  "llvm.intr.memmove"(%dst, %src, %n) <{isVolatile = true}> : (!llvm.ptr, !llvm.ptr, i64) -> ()
  // CHECK-NEXT: call void @llvm.memset.p0.i64(ptr %0, i8 %3, i64 %2, i1 false)
  "llvm.intr.memset"(%dst, %b, %n) <{isVolatile = false}> : (!llvm.ptr, i8, i64) -> ()
  // CHECK-NEXT: %[[S:.*]] = call ptr @llvm.stacksave.p0()
  %s = llvm.intr.stacksave : !llvm.ptr
  // CHECK-NEXT: call void @llvm.stackrestore.p0(ptr %[[S]])
  llvm.intr.stackrestore %s : !llvm.ptr
  // CHECK-NEXT: ret void
  llvm.return
}

// Masked loads and stores take their alignment as the pointer's `align`;
// a load without pass-through vector passes poison.
// CHECK-LABEL: define <4 x float> @masked(ptr %0, <4 x i1> %1, <4 x float> %2)
llvm.func @masked(%p: !llvm.ptr, %m: vector<4xi1>, %v: vector<4xf32>) -> vector<4xf32> {
  // CHECK-NEXT: %[[L:.*]] = call <4 x float> @llvm.masked.load.v4f32.p0(ptr align 4 %0, <4 x i1> %1, <4 x float> %2)
  %0 = llvm.intr.masked.load %p, %m, %v {alignment = 4 : i32} : (!llvm.ptr, vector<4xi1>, vector<4xf32>) -> vector<4xf32>
  // CHECK-NEXT: %[[P:.*]] = call <4 x float> @llvm.masked.load.v4f32.p0(ptr align 16 %0, <4 x i1> %1, <4 x float> poison)
  %1 = llvm.intr.masked.load %p, %m {alignment = 16 : i32} : (!llvm.ptr, vector<4xi1>) -> vector<4xf32>
  // CHECK-NEXT: call void @llvm.masked.store.v4f32.p0(<4 x float> %[[L]], ptr align 4 %0, <4 x i1> %1)
  llvm.intr.masked.store %0, %p, %m {alignment = 4 : i32} : vector<4xf32>, vector<4xi1> into !llvm.ptr
  // CHECK-NEXT: ret <4 x float> %[[P]]
  llvm.return %1 : vector<4xf32>
}

// The intrinsics are declared once each, with LLVM's own attributes.
// CHECK: declare float @llvm.fabs.f32(float) #{{[0-9]+}}
// CHECK: declare void @llvm.memcpy.p0.p0.i64(ptr noalias writeonly captures(none), ptr noalias readonly captures(none), i64, i1 immarg) #{{[0-9]+}}
