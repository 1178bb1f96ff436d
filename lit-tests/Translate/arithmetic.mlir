// RUN: ml-translate --mlir-to-llvmir %s | FileCheck %s

// Integer and float arithmetic with their flags, comparisons, select and
// casts. The CHECK lines are what mlir-translate-22 --mlir-to-llvmir emits.

// CHECK-LABEL: define i32 @integer(i32 %0, i32 %1)
llvm.func @integer(%a: i32, %b: i32) -> i32 {
  // CHECK-NEXT: %[[ADD:.*]] = add i32 %0, %1
  %0 = llvm.add %a, %b : i32
  // CHECK-NEXT: %[[SUB:.*]] = sub nsw i32 %[[ADD]], %1
  %1 = llvm.sub %0, %b overflow<nsw> : i32
  // CHECK-NEXT: %[[MUL:.*]] = mul nuw i32 %[[SUB]], %0
  %2 = llvm.mul %1, %a overflow<nuw> : i32
  // CHECK-NEXT: %[[SHL:.*]] = shl nuw nsw i32 %[[MUL]], %1
  %3 = llvm.shl %2, %b overflow<nsw, nuw> : i32
  // CHECK-NEXT: %[[SDIV:.*]] = sdiv exact i32 %[[SHL]], %1
  %4 = llvm.sdiv exact %3, %b : i32
  // CHECK-NEXT: %[[UDIV:.*]] = udiv i32 %[[SDIV]], %1
  %5 = llvm.udiv %4, %b : i32
  // CHECK-NEXT: %[[SREM:.*]] = srem i32 %[[UDIV]], %1
  %6 = llvm.srem %5, %b : i32
  // CHECK-NEXT: %[[UREM:.*]] = urem i32 %[[SREM]], %1
  %7 = llvm.urem %6, %b : i32
  // CHECK-NEXT: %[[AND:.*]] = and i32 %[[UREM]], %1
  %8 = llvm.and %7, %b : i32
  // CHECK-NEXT: %[[OR:.*]] = or i32 %[[AND]], %1
  %9 = llvm.or %8, %b : i32
  // CHECK-NEXT: %[[XOR:.*]] = xor i32 %[[OR]], %1
  %10 = llvm.xor %9, %b : i32
  // CHECK-NEXT: %[[LSHR:.*]] = lshr exact i32 %[[XOR]], %1
  %11 = llvm.lshr exact %10, %b : i32
  // CHECK-NEXT: %[[ASHR:.*]] = ashr i32 %[[LSHR]], %1
  %12 = llvm.ashr %11, %b : i32
  // CHECK-NEXT: ret i32 %[[ASHR]]
  llvm.return %12 : i32
}

// Operations on constants fold, as LLVM's builder does for upstream.
// CHECK-LABEL: define i64 @folded()
// CHECK-NEXT: ret i64 42
llvm.func @folded() -> i64 {
  %0 = llvm.mlir.constant(40 : i64) : i64
  %1 = llvm.mlir.constant(2 : i64) : i64
  %2 = llvm.add %0, %1 overflow<nsw> : i64
  llvm.return %2 : i64
}

// CHECK-LABEL: define <4 x i32> @vectors(<4 x i32> %0, <4 x float> %1)
llvm.func @vectors(%a: vector<4xi32>, %x: vector<4xf32>) -> vector<4xi32> {
  // CHECK-NEXT: %[[V:.*]] = add <4 x i32> %0, %0
  %0 = llvm.add %a, %a : vector<4xi32>
  // CHECK-NEXT: fmul fast <4 x float> %1, %1
  %1 = llvm.fmul %x, %x {fastmathFlags = #llvm.fastmath<fast>} : vector<4xf32>
  // CHECK-NEXT: icmp slt <4 x i32> %[[V]], %0
  %2 = llvm.icmp "slt" %0, %a : vector<4xi32>
  // CHECK-NEXT: ret <4 x i32> %[[V]]
  llvm.return %0 : vector<4xi32>
}

// CHECK-LABEL: define double @floats(double %0, double %1)
llvm.func @floats(%x: f64, %y: f64) -> f64 {
  // CHECK-NEXT: %[[A:.*]] = fadd double %0, %1
  %0 = llvm.fadd %x, %y : f64
  // CHECK-NEXT: %[[S:.*]] = fsub nnan ninf double %[[A]], %1
  %1 = llvm.fsub %0, %y {fastmathFlags = #llvm.fastmath<nnan, ninf>} : f64
  // CHECK-NEXT: %[[M:.*]] = fmul reassoc nsz arcp contract afn double %[[S]], %1
  %2 = llvm.fmul %1, %y {fastmathFlags = #llvm.fastmath<nsz, arcp, contract, afn, reassoc>} : f64
  // CHECK-NEXT: %[[D:.*]] = fdiv double %[[M]], %1
  %3 = llvm.fdiv %2, %y : f64
  // CHECK-NEXT: %[[R:.*]] = frem double %[[D]], %1
  %4 = llvm.frem %3, %y : f64
  // CHECK-NEXT: %[[N:.*]] = fneg fast double %[[R]]
  %5 = llvm.fneg %4 {fastmathFlags = #llvm.fastmath<fast>} : f64
  // CHECK-NEXT: ret double %[[N]]
  llvm.return %5 : f64
}

// CHECK-LABEL: define void @comparisons(i64 %0, i64 %1, float %2, ptr %3)
llvm.func @comparisons(%a: i64, %b: i64, %x: f32, %p: !llvm.ptr) {
  // CHECK-NEXT: icmp eq i64 %0, %1
  // CHECK-NEXT: icmp ne i64 %0, %1
  // CHECK-NEXT: icmp slt i64 %0, %1
  // CHECK-NEXT: icmp sle i64 %0, %1
  // CHECK-NEXT: icmp sgt i64 %0, %1
  // CHECK-NEXT: icmp sge i64 %0, %1
  // CHECK-NEXT: icmp ult i64 %0, %1
  // CHECK-NEXT: icmp ule i64 %0, %1
  // CHECK-NEXT: icmp ugt i64 %0, %1
  // CHECK-NEXT: icmp uge i64 %0, %1
  // CHECK-NEXT: icmp eq ptr %3, %3
  %0 = llvm.icmp "eq" %a, %b : i64
  %1 = llvm.icmp "ne" %a, %b : i64
  %2 = llvm.icmp "slt" %a, %b : i64
  %3 = llvm.icmp "sle" %a, %b : i64
  %4 = llvm.icmp "sgt" %a, %b : i64
  %5 = llvm.icmp "sge" %a, %b : i64
  %6 = llvm.icmp "ult" %a, %b : i64
  %7 = llvm.icmp "ule" %a, %b : i64
  %8 = llvm.icmp "ugt" %a, %b : i64
  %9 = llvm.icmp "uge" %a, %b : i64
  %10 = llvm.icmp "eq" %p, %p : !llvm.ptr
  // CHECK-NEXT: fcmp false float %2, %2
  // CHECK-NEXT: fcmp oeq float %2, %2
  // CHECK-NEXT: fcmp ogt float %2, %2
  // CHECK-NEXT: fcmp oge float %2, %2
  // CHECK-NEXT: fcmp olt float %2, %2
  // CHECK-NEXT: fcmp ole float %2, %2
  // CHECK-NEXT: fcmp one float %2, %2
  // CHECK-NEXT: fcmp ord float %2, %2
  // CHECK-NEXT: fcmp ueq float %2, %2
  // CHECK-NEXT: fcmp ugt float %2, %2
  // CHECK-NEXT: fcmp uge float %2, %2
  // CHECK-NEXT: fcmp ult float %2, %2
  // CHECK-NEXT: fcmp ule float %2, %2
  // CHECK-NEXT: fcmp une float %2, %2
  // CHECK-NEXT: fcmp uno float %2, %2
  // CHECK-NEXT: fcmp true float %2, %2
  // CHECK-NEXT: fcmp nnan olt float %2, %2
  %11 = llvm.fcmp "_false" %x, %x : f32
  %12 = llvm.fcmp "oeq" %x, %x : f32
  %13 = llvm.fcmp "ogt" %x, %x : f32
  %14 = llvm.fcmp "oge" %x, %x : f32
  %15 = llvm.fcmp "olt" %x, %x : f32
  %16 = llvm.fcmp "ole" %x, %x : f32
  %17 = llvm.fcmp "one" %x, %x : f32
  %18 = llvm.fcmp "ord" %x, %x : f32
  %19 = llvm.fcmp "ueq" %x, %x : f32
  %20 = llvm.fcmp "ugt" %x, %x : f32
  %21 = llvm.fcmp "uge" %x, %x : f32
  %22 = llvm.fcmp "ult" %x, %x : f32
  %23 = llvm.fcmp "ule" %x, %x : f32
  %24 = llvm.fcmp "une" %x, %x : f32
  %25 = llvm.fcmp "uno" %x, %x : f32
  %26 = llvm.fcmp "_true" %x, %x : f32
  %27 = llvm.fcmp "olt" %x, %x {fastmathFlags = #llvm.fastmath<nnan>} : f32
  // CHECK-NEXT: select i1 %{{.*}}, i64 %0, i64 %1
  %28 = llvm.select %0, %a, %b : i1, i64
  // CHECK-NEXT: select nnan i1 %{{.*}}, float %2, float %2
  %29 = llvm.select %2, %x, %x {fastmathFlags = #llvm.fastmath<nnan>} : i1, f32
  // CHECK-NEXT: ret void
  llvm.return
}

// CHECK-LABEL: define void @casts(i32 %0, float %1, ptr %2, i64 %3)
llvm.func @casts(%a: i32, %x: f32, %p: !llvm.ptr, %n: i64) {
  // CHECK-NEXT: sext i32 %0 to i64
  %0 = llvm.sext %a : i32 to i64
  // CHECK-NEXT: zext i32 %0 to i64
  %1 = llvm.zext %a : i32 to i64
  // CHECK-NEXT: zext nneg i32 %0 to i64
  %2 = llvm.zext nneg %a : i32 to i64
  // CHECK-NEXT: trunc i64 %3 to i16
  %3 = llvm.trunc %n : i64 to i16
  // CHECK-NEXT: trunc nuw nsw i64 %3 to i8
  %4 = llvm.trunc %n overflow<nsw, nuw> : i64 to i8
  // CHECK-NEXT: sitofp i32 %0 to double
  %5 = llvm.sitofp %a : i32 to f64
  // CHECK-NEXT: uitofp nneg i32 %0 to half
  %6 = llvm.uitofp nneg %a : i32 to f16
  // CHECK-NEXT: fptosi float %1 to i32
  %7 = llvm.fptosi %x : f32 to i32
  // CHECK-NEXT: fptoui float %1 to i64
  %8 = llvm.fptoui %x : f32 to i64
  // CHECK-NEXT: fpext float %1 to double
  %9 = llvm.fpext %x : f32 to f64
  // CHECK-NEXT: fptrunc float %1 to bfloat
  %10 = llvm.fptrunc %x : f32 to bf16
  // CHECK-NEXT: bitcast float %1 to i32
  %11 = llvm.bitcast %x : f32 to i32
  // CHECK-NEXT: %[[I:.*]] = ptrtoint ptr %2 to i64
  %12 = llvm.ptrtoint %p : !llvm.ptr to i64
  // CHECK-NEXT: inttoptr i64 %[[I]] to ptr
  %13 = llvm.inttoptr %12 : i64 to !llvm.ptr
  // CHECK-NEXT: addrspacecast ptr %2 to ptr addrspace(1)
  %14 = llvm.addrspacecast %p : !llvm.ptr to !llvm.ptr<1>
  // CHECK-NEXT: ret void
  llvm.return
}
