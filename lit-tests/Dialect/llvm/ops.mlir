// RUN: ml-opt %s | FileCheck %s
// RUN: ml-opt %s | ml-opt | FileCheck %s
// RUN: ml-opt %s --mlir-print-op-generic | ml-opt | FileCheck %s

// The llvm dialect: globals (values, strings, initializer regions),
// declarations and definitions (linkage, variadic), every arithmetic,
// comparison and cast op with their flags, aggregates, memory ops, calls
// (direct, indirect, variadic), branches and switches, intrinsics in custom
// and generic form. The CHECK lines are what upstream mlir-opt 22 prints.

// CHECK: llvm.mlir.global internal constant @cst(dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>) {addr_space = 0 : i32} : !llvm.array<2 x f32>
llvm.mlir.global internal constant @cst(dense<[1.0, 2.0]> : tensor<2xf32>) {addr_space = 0 : i32} : !llvm.array<2 x f32>
// CHECK: llvm.mlir.global private constant @str("hello\00") {addr_space = 0 : i32}
llvm.mlir.global private constant @str("hello\00") {addr_space = 0 : i32} : !llvm.array<6 x i8>
// CHECK: llvm.mlir.global external @ext() {addr_space = 0 : i32} : i32
llvm.mlir.global external @ext() : i32
// CHECK-LABEL: llvm.func @malloc(i64) -> !llvm.ptr
llvm.func @malloc(i64) -> !llvm.ptr
// CHECK-LABEL: llvm.func @printf(!llvm.ptr, ...) -> i32
llvm.func @printf(!llvm.ptr, ...) -> i32
// CHECK-LABEL: llvm.func @free(!llvm.ptr)
llvm.func @free(!llvm.ptr)
// CHECK-LABEL: llvm.func internal @f(%arg0: i32, %arg1: f32, %arg2: !llvm.ptr, %arg3: vector<4xf32>) -> i32 attributes {llvm.emit_c_interface} {
// CHECK-NEXT: %0 = llvm.mlir.constant(42 : i32) : i32
// CHECK-NEXT: %1 = llvm.mlir.constant(1.500000e+00 : f32) : f32
// CHECK-NEXT: %2 = llvm.mlir.undef : !llvm.struct<(i32, f32)>
// CHECK-NEXT: %3 = llvm.mlir.zero : !llvm.ptr
// CHECK-NEXT: %4 = llvm.add %arg0, %0 : i32
// CHECK-NEXT: %5 = llvm.sub %4, %0 overflow<nsw> : i32
// CHECK-NEXT: %6 = llvm.mul %4, %5 : i32
// CHECK-NEXT: %7 = llvm.sdiv %4, %5 : i32
// CHECK-NEXT: %8 = llvm.udiv %4, %5 : i32
// CHECK-NEXT: %9 = llvm.srem %4, %5 : i32
// CHECK-NEXT: %10 = llvm.and %4, %5 : i32
// CHECK-NEXT: %11 = llvm.or %4, %5 : i32
// CHECK-NEXT: %12 = llvm.xor %4, %5 : i32
// CHECK-NEXT: %13 = llvm.shl %4, %5 : i32
// CHECK-NEXT: %14 = llvm.lshr %4, %5 : i32
// CHECK-NEXT: %15 = llvm.ashr %4, %5 : i32
// CHECK-NEXT: %16 = llvm.fadd %arg1, %1 : f32
// CHECK-NEXT: %17 = llvm.fsub %arg1, %1 {fastmathFlags = #llvm.fastmath<fast>} : f32
// CHECK-NEXT: %18 = llvm.fmul %arg1, %1 : f32
// CHECK-NEXT: %19 = llvm.fdiv %arg1, %1 : f32
// CHECK-NEXT: %20 = llvm.frem %arg1, %1 : f32
// CHECK-NEXT: %21 = llvm.fneg %arg1 : f32
// CHECK-NEXT: %22 = llvm.icmp "eq" %4, %5 : i32
// CHECK-NEXT: %23 = llvm.fcmp "olt" %arg1, %1 : f32
// CHECK-NEXT: %24 = llvm.select %22, %4, %5 : i1, i32
// CHECK-NEXT: %25 = llvm.sext %4 : i32 to i64
// CHECK-NEXT: %26 = llvm.zext %4 : i32 to i64
// CHECK-NEXT: %27 = llvm.trunc %25 : i64 to i16
// CHECK-NEXT: %28 = llvm.sitofp %4 : i32 to f64
// CHECK-NEXT: %29 = llvm.uitofp %4 : i32 to f32
// CHECK-NEXT: %30 = llvm.fptosi %arg1 : f32 to i32
// CHECK-NEXT: %31 = llvm.fptoui %arg1 : f32 to i32
// CHECK-NEXT: %32 = llvm.fpext %arg1 : f32 to f64
// CHECK-NEXT: %33 = llvm.fptrunc %32 : f64 to f32
// CHECK-NEXT: %34 = llvm.bitcast %arg1 : f32 to i32
// CHECK-NEXT: %35 = llvm.ptrtoint %arg2 : !llvm.ptr to i64
// CHECK-NEXT: %36 = llvm.inttoptr %35 : i64 to !llvm.ptr
// CHECK-NEXT: %37 = llvm.insertvalue %4, %2[0] : !llvm.struct<(i32, f32)>
// CHECK-NEXT: %38 = llvm.extractvalue %37[0] : !llvm.struct<(i32, f32)>
// CHECK-NEXT: %39 = llvm.insertelement %arg1, %arg3[%4 : i32] : vector<4xf32>
// CHECK-NEXT: %40 = llvm.extractelement %arg3[%4 : i32] : vector<4xf32>
// CHECK-NEXT: %41 = llvm.shufflevector %arg3, %arg3 [0, 1, 2, 3] : vector<4xf32>
// CHECK-NEXT: %42 = llvm.alloca %0 x f32 {alignment = 4 : i64} : (i32) -> !llvm.ptr
// CHECK-NEXT: %43 = llvm.getelementptr %arg2[%4] : (!llvm.ptr, i32) -> !llvm.ptr, f32
// CHECK-NEXT: %44 = llvm.getelementptr inbounds %arg2[0, 1] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(i32, f32)>
// CHECK-NEXT: %45 = llvm.load %43 : !llvm.ptr -> f32
// CHECK-NEXT: %46 = llvm.load %43 {alignment = 4 : i64} : !llvm.ptr -> f32
// CHECK-NEXT: llvm.store %45, %43 : f32, !llvm.ptr
// CHECK-NEXT: %47 = llvm.mlir.addressof @cst : !llvm.ptr
// CHECK-NEXT: %48 = llvm.call @malloc(%25) : (i64) -> !llvm.ptr
// CHECK-NEXT: llvm.call @free(%48) : (!llvm.ptr) -> ()
// CHECK-NEXT: %49 = llvm.call @printf(%47, %4) vararg(!llvm.func<i32 (ptr, ...)>) : (!llvm.ptr, i32) -> i32
// CHECK-NEXT: %50 = llvm.intr.exp(%arg1) : (f32) -> f32
// CHECK-NEXT: %51 = llvm.intr.fma(%arg1, %arg1, %arg1) : (f32, f32, f32) -> f32
// CHECK-NEXT: %52 = llvm.intr.maxnum(%arg1, %1) : (f32, f32) -> f32
// CHECK-NEXT: "llvm.intr.memcpy"(%arg2, %36, %25) <{isVolatile = false}> : (!llvm.ptr, !llvm.ptr, i64) -> ()
// CHECK-NEXT: llvm.cond_br %22, ^bb1(%4 : i32), ^bb2
// CHECK-NEXT: ^bb1(%53: i32):  // pred: ^bb0
// CHECK-NEXT: llvm.br ^bb2
// CHECK-NEXT: ^bb2:  // 2 preds: ^bb0, ^bb1
// CHECK-NEXT: llvm.switch %4 : i32, ^bb3 [
// CHECK-NEXT: 1: ^bb3,
// CHECK-NEXT: 2: ^bb3
// CHECK-NEXT: ]
// CHECK-NEXT: ^bb3:  // 3 preds: ^bb2, ^bb2, ^bb2
// CHECK-NEXT: llvm.return %4 : i32
// CHECK-NEXT: }
llvm.func internal @f(%arg0: i32, %arg1: f32, %p: !llvm.ptr, %v: vector<4xf32>) -> i32 attributes {llvm.emit_c_interface} {
  %c = llvm.mlir.constant(42 : i32) : i32
  %c2 = llvm.mlir.constant(1.5 : f32) : f32
  %u = llvm.mlir.undef : !llvm.struct<(i32, f32)>
  %z = llvm.mlir.zero : !llvm.ptr
  %a = llvm.add %arg0, %c : i32
  %b = llvm.sub %a, %c overflow<nsw> : i32
  %m = llvm.mul %a, %b : i32
  %d = llvm.sdiv %a, %b : i32
  %e = llvm.udiv %a, %b : i32
  %r = llvm.srem %a, %b : i32
  %an = llvm.and %a, %b : i32
  %o = llvm.or %a, %b : i32
  %x = llvm.xor %a, %b : i32
  %s = llvm.shl %a, %b : i32
  %s2 = llvm.lshr %a, %b : i32
  %s3 = llvm.ashr %a, %b : i32
  %fa = llvm.fadd %arg1, %c2 : f32
  %fs = llvm.fsub %arg1, %c2 {fastmathFlags = #llvm.fastmath<fast>} : f32
  %fm = llvm.fmul %arg1, %c2 : f32
  %fd = llvm.fdiv %arg1, %c2 : f32
  %fr = llvm.frem %arg1, %c2 : f32
  %fn = llvm.fneg %arg1 : f32
  %ic = llvm.icmp "eq" %a, %b : i32
  %fc = llvm.fcmp "olt" %arg1, %c2 : f32
  %sel = llvm.select %ic, %a, %b : i1, i32
  %se = llvm.sext %a : i32 to i64
  %ze = llvm.zext %a : i32 to i64
  %tr = llvm.trunc %se : i64 to i16
  %si = llvm.sitofp %a : i32 to f64
  %ui = llvm.uitofp %a : i32 to f32
  %fi = llvm.fptosi %arg1 : f32 to i32
  %fu = llvm.fptoui %arg1 : f32 to i32
  %fe = llvm.fpext %arg1 : f32 to f64
  %ft = llvm.fptrunc %fe : f64 to f32
  %bc = llvm.bitcast %arg1 : f32 to i32
  %pi = llvm.ptrtoint %p : !llvm.ptr to i64
  %ip = llvm.inttoptr %pi : i64 to !llvm.ptr
  %iv = llvm.insertvalue %a, %u[0] : !llvm.struct<(i32, f32)>
  %ev = llvm.extractvalue %iv[0] : !llvm.struct<(i32, f32)>
  %ie = llvm.insertelement %arg1, %v[%a : i32] : vector<4xf32>
  %ee = llvm.extractelement %v[%a : i32] : vector<4xf32>
  %sv = llvm.shufflevector %v, %v [0, 1, 2, 3] : vector<4xf32>
  %al = llvm.alloca %c x f32 {alignment = 4 : i64} : (i32) -> !llvm.ptr
  %g = llvm.getelementptr %p[%a] : (!llvm.ptr, i32) -> !llvm.ptr, f32
  %g2 = llvm.getelementptr inbounds %p[0, 1] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(i32, f32)>
  %l = llvm.load %g : !llvm.ptr -> f32
  %l2 = llvm.load %g {alignment = 4 : i64} : !llvm.ptr -> f32
  llvm.store %l, %g : f32, !llvm.ptr
  %ad = llvm.mlir.addressof @cst : !llvm.ptr
  %call = llvm.call @malloc(%se) : (i64) -> !llvm.ptr
  llvm.call @free(%call) : (!llvm.ptr) -> ()
  %pf = llvm.call @printf(%ad, %a) vararg(!llvm.func<i32 (ptr, ...)>) : (!llvm.ptr, i32) -> i32
  %ex = llvm.intr.exp(%arg1) : (f32) -> f32
  %fma = llvm.intr.fma(%arg1, %arg1, %arg1) : (f32, f32, f32) -> f32
  %mx = llvm.intr.maxnum(%arg1, %c2) : (f32, f32) -> f32
  "llvm.intr.memcpy"(%p, %ip, %se) <{isVolatile = false}> : (!llvm.ptr, !llvm.ptr, i64) -> ()
  llvm.cond_br %ic, ^bb1(%a : i32), ^bb2
^bb1(%y: i32):
  llvm.br ^bb2
^bb2:
  llvm.switch %a : i32, ^bb3 [
    1: ^bb3,
    2: ^bb3
  ]
^bb3:
  llvm.return %a : i32
}
// CHECK-LABEL: llvm.func @unr() {
// CHECK-NEXT: llvm.unreachable
// CHECK-NEXT: }
llvm.func @unr() {
  llvm.unreachable
}

// CHECK-LABEL: llvm.func @flags(%arg0: f32, %arg1: !llvm.ptr, %arg2: i64) {
// CHECK-NEXT: %0 = llvm.fcmp "_false" %arg0, %arg0 : f32
// CHECK-NEXT: %1 = llvm.fcmp "_true" %arg0, %arg0 : f32
// CHECK-NEXT: %2 = llvm.getelementptr nusw %arg1[%arg2] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: %3 = llvm.getelementptr nuw %arg1[%arg2] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: %4 = llvm.getelementptr inbounds|nuw %arg1[%arg2] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: %5 = llvm.getelementptr nusw|nuw %arg1[%arg2] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: %6 = llvm.add %arg2, %arg2 overflow<nsw, nuw> : i64
// CHECK-NEXT: %7 = llvm.fadd %arg0, %arg0 {fastmathFlags = #llvm.fastmath<nnan, ninf>} : f32
// CHECK-NEXT: %8 = llvm.fadd %arg0, %arg0 : f32
// CHECK-NEXT: llvm.return
// CHECK-NEXT: }
llvm.func @flags(%a: f32, %p: !llvm.ptr, %i: i64) {
  %0 = llvm.fcmp "_false" %a, %a : f32
  %1 = llvm.fcmp "_true" %a, %a : f32
  %2 = llvm.getelementptr nusw %p[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %3 = llvm.getelementptr nuw %p[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %4 = llvm.getelementptr inbounds|nuw %p[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %5 = llvm.getelementptr nusw|nuw %p[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %6 = llvm.add %i, %i overflow<nsw, nuw> : i64
  %7 = llvm.fadd %a, %a {fastmathFlags = #llvm.fastmath<nnan, ninf>} : f32
  %8 = llvm.fadd %a, %a {fastmathFlags = #llvm.fastmath<none>} : f32
  llvm.return
}

// CHECK: llvm.mlir.global internal @init() {addr_space = 0 : i32} : i32 {
// CHECK-NEXT: %0 = llvm.mlir.constant(1 : i32) : i32
// CHECK-NEXT: llvm.return %0 : i32
// CHECK-NEXT: }
llvm.mlir.global internal @init() : i32 {
  %c = llvm.mlir.constant(1 : i32) : i32
  llvm.return %c : i32
}
// CHECK: llvm.mlir.global private @z(0 : i64) {addr_space = 0 : i32, alignment = 8 : i64} : i64
llvm.mlir.global private @z(0 : i64) {addr_space = 0 : i32, alignment = 8 : i64} : i64
// CHECK-LABEL: llvm.func @calls(%arg0: i32) {
// CHECK-NEXT: llvm.switch %arg0 : i32, ^bb1 [
// CHECK-NEXT: ]
// CHECK-NEXT: ^bb1:  // pred: ^bb0
// CHECK-NEXT: %0 = llvm.mlir.addressof @init : !llvm.ptr
// CHECK-NEXT: %1 = llvm.mlir.addressof @calls : !llvm.ptr
// CHECK-NEXT: llvm.call %1(%arg0) : !llvm.ptr, (i32) -> ()
// CHECK-NEXT: llvm.return
// CHECK-NEXT: }
llvm.func @calls(%a: i32) {
  llvm.switch %a : i32, ^bb1 [
  ]
^bb1:
  %p = llvm.mlir.addressof @init : !llvm.ptr
  %fp = llvm.mlir.addressof @calls : !llvm.ptr
  llvm.call %fp(%a) : !llvm.ptr, (i32) -> ()
  llvm.return
}
// CHECK-LABEL: llvm.func extern_weak @w() -> f32
llvm.func extern_weak @w() -> f32

// CHECK-LABEL: llvm.func @intrinsics(%arg0: i32, %arg1: f32, %arg2: !llvm.ptr, %arg3: i64, %arg4: vector<4xf32>, %arg5: i8, %arg6: vector<4xi32>) {
// CHECK-NEXT: %0 = "llvm.intr.ctlz"(%arg0) <{is_zero_poison = false}> : (i32) -> i32
// CHECK-NEXT: %1 = "llvm.intr.abs"(%arg0) <{is_int_min_poison = false}> : (i32) -> i32
// CHECK-NEXT: %2 = llvm.intr.smax(%arg0, %arg0) : (i32, i32) -> i32
// CHECK-NEXT: %3 = llvm.intr.powi(%arg1, %arg0) : (f32, i32) -> f32
// CHECK-NEXT: %4 = llvm.intr.ctpop(%arg0) : (i32) -> i32
// CHECK-NEXT: "llvm.intr.memset"(%arg2, %arg5, %arg3) <{isVolatile = false}> : (!llvm.ptr, i8, i64) -> ()
// CHECK-NEXT: %5 = "llvm.intr.vector.reduce.fadd"(%arg1, %arg4) <{fastmathFlags = #llvm.fastmath<none>}> : (f32, vector<4xf32>) -> f32
// CHECK-NEXT: %6 = "llvm.intr.vector.reduce.add"(%arg6) : (vector<4xi32>) -> i32
// CHECK-NEXT: %7 = llvm.intr.fmuladd(%arg1, %arg1, %arg1) : (f32, f32, f32) -> f32
// CHECK-NEXT: %8 = llvm.intr.stacksave : !llvm.ptr
// CHECK-NEXT: llvm.intr.stackrestore %8 : !llvm.ptr
// CHECK-NEXT: llvm.return
// CHECK-NEXT: }
llvm.func @intrinsics(%a: i32, %x: f32, %p: !llvm.ptr, %n: i64, %v: vector<4xf32>, %b: i8, %v2: vector<4xi32>) {
  %0 = "llvm.intr.ctlz"(%a) <{is_zero_poison = false}> : (i32) -> i32
  %1 = "llvm.intr.abs"(%a) <{is_int_min_poison = false}> : (i32) -> i32
  %2 = llvm.intr.smax(%a, %a) : (i32, i32) -> i32
  %3 = llvm.intr.powi(%x, %a) : (f32, i32) -> f32
  %4 = llvm.intr.ctpop(%a) : (i32) -> i32
  "llvm.intr.memset"(%p, %b, %n) <{isVolatile = false}> : (!llvm.ptr, i8, i64) -> ()
  %5 = "llvm.intr.vector.reduce.fadd"(%x, %v) : (f32, vector<4xf32>) -> f32
  %6 = "llvm.intr.vector.reduce.add"(%v2) : (vector<4xi32>) -> i32
  %7 = llvm.intr.fmuladd(%x, %x, %x) : (f32, f32, f32) -> f32
  %8 = llvm.intr.stacksave : !llvm.ptr
  llvm.intr.stackrestore %8 : !llvm.ptr
  llvm.return
}

// CHECK-LABEL: llvm.func @masked_memory(%arg0: !llvm.ptr, %arg1: vector<8xi1>, %arg2: vector<8xf32>) {
// CHECK-NEXT: %0 = llvm.intr.masked.load %arg0, %arg1, %arg2 {alignment = 4 : i32} : (!llvm.ptr, vector<8xi1>, vector<8xf32>) -> vector<8xf32>
// CHECK-NEXT: %1 = llvm.intr.masked.load %arg0, %arg1 {alignment = 4 : i32} : (!llvm.ptr, vector<8xi1>) -> vector<8xf32>
// CHECK-NEXT: llvm.intr.masked.store %0, %arg0, %arg1 {alignment = 4 : i32} : vector<8xf32>, vector<8xi1> into !llvm.ptr
llvm.func @masked_memory(%p: !llvm.ptr, %m: vector<8xi1>, %v: vector<8xf32>) {
  %0 = llvm.intr.masked.load %p, %m, %v {alignment = 4 : i32} : (!llvm.ptr, vector<8xi1>, vector<8xf32>) -> vector<8xf32>
  %1 = llvm.intr.masked.load %p, %m {alignment = 4 : i32} : (!llvm.ptr, vector<8xi1>) -> vector<8xf32>
  llvm.intr.masked.store %0, %p, %m {alignment = 4 : i32} : vector<8xf32>, vector<8xi1> into !llvm.ptr
  llvm.return
}

// Keywords before a function's name (linkage, visibility, unnamed_addr,
// calling convention) and a call's callee (calling convention, tail call
// kind), and branch weights; defaults are left out.
// CHECK-LABEL: llvm.func internal hidden local_unnamed_addr fastcc @keywords(%arg0: i1, %arg1: i32) -> i32 {
// CHECK-NEXT:    %0 = llvm.call fastcc tail @keywords(%arg0, %arg1) : (i1, i32) -> i32
// CHECK-NEXT:    %1 = llvm.call musttail @keywords(%arg0, %0) : (i1, i32) -> i32
// CHECK-NEXT:    llvm.cond_br %arg0 weights([3, 7]), ^bb1, ^bb2
// CHECK:       llvm.func protected unnamed_addr @plain()
llvm.func internal hidden local_unnamed_addr fastcc @keywords(%c: i1, %a: i32) -> i32 {
  %0 = llvm.call fastcc tail @keywords(%c, %a) : (i1, i32) -> i32
  %1 = llvm.call ccc musttail @keywords(%c, %0) : (i1, i32) -> i32
  llvm.cond_br %c weights([3, 7]), ^bb1, ^bb2
^bb1:
  llvm.return %0 : i32
^bb2:
  llvm.return %1 : i32
}
llvm.func protected unnamed_addr ccc @plain()

// Atomic read-modify-write and compare-and-exchange, with their flags,
// sync scopes and orderings.
// CHECK-LABEL: llvm.func @atomics(%arg0: !llvm.ptr, %arg1: i32, %arg2: f32) {
// CHECK-NEXT:    %0 = llvm.atomicrmw _xor %arg0, %arg1 seq_cst : !llvm.ptr, i32
// CHECK-NEXT:    %1 = llvm.atomicrmw volatile fminimum %arg0, %arg2 syncscope("agent") monotonic {alignment = 4 : i64} : !llvm.ptr, f32
// CHECK-NEXT:    %2 = llvm.cmpxchg %arg0, %arg1, %0 acq_rel monotonic : !llvm.ptr, i32
// CHECK-NEXT:    %3 = llvm.cmpxchg weak volatile %arg0, %arg1, %0 syncscope("agent") acquire acquire {alignment = 4 : i64} : !llvm.ptr, i32
// CHECK-NEXT:    %4 = llvm.extractvalue %3[1] : !llvm.struct<(i32, i1)>
llvm.func @atomics(%p: !llvm.ptr, %x: i32, %f: f32) {
  %0 = llvm.atomicrmw _xor %p, %x seq_cst : !llvm.ptr, i32
  %1 = llvm.atomicrmw volatile fminimum %p, %f syncscope("agent") monotonic {alignment = 4 : i64} : !llvm.ptr, f32
  %2 = llvm.cmpxchg %p, %x, %0 acq_rel monotonic : !llvm.ptr, i32
  %3 = llvm.cmpxchg weak volatile %p, %x, %0 syncscope("agent") acquire acquire {alignment = 4 : i64} : !llvm.ptr, i32
  %4 = llvm.extractvalue %3[1] : !llvm.struct<(i32, i1)>
  llvm.return
}

// Loads and stores in a sync scope, with !invariant.group.
// CHECK-LABEL: llvm.func @scoped_accesses(
// CHECK-NEXT:    %0 = llvm.load volatile %arg0 atomic syncscope("singlethread") monotonic invariant_group {alignment = 4 : i64} : !llvm.ptr -> i32
// CHECK-NEXT:    llvm.store %0, %arg0 atomic syncscope("agent") release invariant_group {alignment = 4 : i64} : i32, !llvm.ptr
// CHECK-NEXT:    %1 = llvm.load %arg0 invariant invariant_group : !llvm.ptr -> i32
llvm.func @scoped_accesses(%p: !llvm.ptr) {
  %0 = llvm.load volatile %p atomic syncscope("singlethread") monotonic invariant_group {alignment = 4 : i64} : !llvm.ptr -> i32
  llvm.store %0, %p atomic syncscope("agent") release invariant_group {alignment = 4 : i64} : i32, !llvm.ptr
  %1 = llvm.load %p invariant invariant_group : !llvm.ptr -> i32
  llvm.return
}

// A parenthesized result type; alignment 0 means none and is left out.
// CHECK-LABEL: llvm.func @alloca_forms(
// CHECK-NEXT:    %0 = llvm.alloca %arg0 x i32 : (i64) -> !llvm.ptr
llvm.func @alloca_forms(%n: i64) {
  %0 = llvm.alloca %n x i32 {alignment = 0 : i64} : (i64) -> (!llvm.ptr)
  llvm.return
}

// Globals with visibility, thread_local and unnamed_addr keywords.
// CHECK: llvm.mlir.global internal hidden thread_local unnamed_addr constant @tls_global(-1 : i32) {addr_space = 0 : i32} : i32
// CHECK: llvm.mlir.global private local_unnamed_addr @local_global(0 : i32) {addr_space = 0 : i32} : i32
llvm.mlir.global internal hidden thread_local unnamed_addr constant @tls_global(-1 : i32) {addr_space = 0 : i32} : i32
llvm.mlir.global private local_unnamed_addr @local_global(0 : i32) : i32
