// RUN: ml-opt %s | FileCheck %s
// RUN: ml-opt %s --mlir-print-op-generic | ml-opt | FileCheck %s

// What upstream lowering produces for a matmul followed by an exp, from
// linalg on tensors (mlir-opt-22 --one-shot-bufferize --convert-linalg-to-loops
// --convert-scf-to-cf --finalize-memref-to-llvm ... --reconcile-unrealized-casts):
// we read and print it as upstream does.

// CHECK: module {
// CHECK-LABEL: llvm.func @matmul(%arg0: !llvm.ptr, %arg1: !llvm.ptr, %arg2: i64, %arg3: i64, %arg4: i64, %arg5: i64, %arg6: i64, %arg7: !llvm.ptr, %arg8: !llvm.ptr, %arg9: i64, %arg10: i64, %arg11: i64, %arg12: i64, %arg13: i64, %arg14: !llvm.ptr, %arg15: !llvm.ptr, %arg16: i64, %arg17: i64, %arg18: i64, %arg19: i64, %arg20: i64) -> !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> {
// CHECK-NEXT: %0 = llvm.mlir.poison : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %1 = llvm.insertvalue %arg7, %0[0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %2 = llvm.insertvalue %arg8, %1[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %3 = llvm.insertvalue %arg9, %2[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %4 = llvm.insertvalue %arg10, %3[3, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %5 = llvm.insertvalue %arg12, %4[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %6 = llvm.insertvalue %arg11, %5[3, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %7 = llvm.insertvalue %arg13, %6[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %8 = llvm.mlir.poison : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %9 = llvm.insertvalue %arg0, %8[0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %10 = llvm.insertvalue %arg1, %9[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %11 = llvm.insertvalue %arg2, %10[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %12 = llvm.insertvalue %arg3, %11[3, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %13 = llvm.insertvalue %arg5, %12[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %14 = llvm.insertvalue %arg4, %13[3, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %15 = llvm.insertvalue %arg6, %14[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %16 = llvm.mlir.poison : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %17 = llvm.insertvalue %arg14, %16[0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %18 = llvm.insertvalue %arg15, %17[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %19 = llvm.insertvalue %arg16, %18[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %20 = llvm.insertvalue %arg17, %19[3, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %21 = llvm.insertvalue %arg19, %20[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %22 = llvm.insertvalue %arg18, %21[3, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %23 = llvm.insertvalue %arg20, %22[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %24 = llvm.mlir.constant(0 : index) : i64
// CHECK-NEXT: %25 = llvm.mlir.constant(4 : index) : i64
// CHECK-NEXT: %26 = llvm.mlir.constant(1 : index) : i64
// CHECK-NEXT: %27 = llvm.mlir.constant(16 : index) : i64
// CHECK-NEXT: %28 = llvm.mlir.constant(8 : index) : i64
// CHECK-NEXT: llvm.br ^bb1(%24 : i64)
// CHECK-NEXT: ^bb1(%29: i64):  // 2 preds: ^bb0, ^bb8
// CHECK-NEXT: %30 = llvm.icmp "slt" %29, %25 : i64
// CHECK-NEXT: llvm.cond_br %30, ^bb2, ^bb9
// CHECK-NEXT: ^bb2:  // pred: ^bb1
// CHECK-NEXT: llvm.br ^bb3(%24 : i64)
// CHECK-NEXT: ^bb3(%31: i64):  // 2 preds: ^bb2, ^bb7
// CHECK-NEXT: %32 = llvm.icmp "slt" %31, %27 : i64
// CHECK-NEXT: llvm.cond_br %32, ^bb4, ^bb8
// CHECK-NEXT: ^bb4:  // pred: ^bb3
// CHECK-NEXT: llvm.br ^bb5(%24 : i64)
// CHECK-NEXT: ^bb5(%33: i64):  // 2 preds: ^bb4, ^bb6
// CHECK-NEXT: %34 = llvm.icmp "slt" %33, %28 : i64
// CHECK-NEXT: llvm.cond_br %34, ^bb6, ^bb7
// CHECK-NEXT: ^bb6:  // pred: ^bb5
// CHECK-NEXT: %35 = llvm.extractvalue %15[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %36 = llvm.extractvalue %15[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %37 = llvm.getelementptr %35[%36] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: %38 = llvm.extractvalue %15[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %39 = llvm.mul %29, %38 overflow<nsw, nuw> : i64
// CHECK-NEXT: %40 = llvm.extractvalue %15[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %41 = llvm.mul %33, %40 overflow<nsw, nuw> : i64
// CHECK-NEXT: %42 = llvm.add %39, %41 overflow<nsw, nuw> : i64
// CHECK-NEXT: %43 = llvm.getelementptr inbounds|nuw %37[%42] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: %44 = llvm.load %43 : !llvm.ptr -> f32
// CHECK-NEXT: %45 = llvm.extractvalue %7[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %46 = llvm.extractvalue %7[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %47 = llvm.getelementptr %45[%46] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: %48 = llvm.extractvalue %7[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %49 = llvm.mul %33, %48 overflow<nsw, nuw> : i64
// CHECK-NEXT: %50 = llvm.extractvalue %7[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %51 = llvm.mul %31, %50 overflow<nsw, nuw> : i64
// CHECK-NEXT: %52 = llvm.add %49, %51 overflow<nsw, nuw> : i64
// CHECK-NEXT: %53 = llvm.getelementptr inbounds|nuw %47[%52] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: %54 = llvm.load %53 : !llvm.ptr -> f32
// CHECK-NEXT: %55 = llvm.extractvalue %23[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %56 = llvm.extractvalue %23[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %57 = llvm.getelementptr %55[%56] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: %58 = llvm.extractvalue %23[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %59 = llvm.mul %29, %58 overflow<nsw, nuw> : i64
// CHECK-NEXT: %60 = llvm.extractvalue %23[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %61 = llvm.mul %31, %60 overflow<nsw, nuw> : i64
// CHECK-NEXT: %62 = llvm.add %59, %61 overflow<nsw, nuw> : i64
// CHECK-NEXT: %63 = llvm.getelementptr inbounds|nuw %57[%62] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: %64 = llvm.load %63 : !llvm.ptr -> f32
// CHECK-NEXT: %65 = llvm.fmul %44, %54 : f32
// CHECK-NEXT: %66 = llvm.fadd %64, %65 : f32
// CHECK-NEXT: %67 = llvm.extractvalue %23[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %68 = llvm.extractvalue %23[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %69 = llvm.getelementptr %67[%68] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: %70 = llvm.extractvalue %23[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %71 = llvm.mul %29, %70 overflow<nsw, nuw> : i64
// CHECK-NEXT: %72 = llvm.extractvalue %23[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %73 = llvm.mul %31, %72 overflow<nsw, nuw> : i64
// CHECK-NEXT: %74 = llvm.add %71, %73 overflow<nsw, nuw> : i64
// CHECK-NEXT: %75 = llvm.getelementptr inbounds|nuw %69[%74] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: llvm.store %66, %75 : f32, !llvm.ptr
// CHECK-NEXT: %76 = llvm.add %33, %26 : i64
// CHECK-NEXT: llvm.br ^bb5(%76 : i64)
// CHECK-NEXT: ^bb7:  // pred: ^bb5
// CHECK-NEXT: %77 = llvm.add %31, %26 : i64
// CHECK-NEXT: llvm.br ^bb3(%77 : i64)
// CHECK-NEXT: ^bb8:  // pred: ^bb3
// CHECK-NEXT: %78 = llvm.add %29, %26 : i64
// CHECK-NEXT: llvm.br ^bb1(%78 : i64)
// CHECK-NEXT: ^bb9:  // pred: ^bb1
// CHECK-NEXT: llvm.br ^bb10(%24 : i64)
// CHECK-NEXT: ^bb10(%79: i64):  // 2 preds: ^bb9, ^bb14
// CHECK-NEXT: %80 = llvm.icmp "slt" %79, %25 : i64
// CHECK-NEXT: llvm.cond_br %80, ^bb11, ^bb15
// CHECK-NEXT: ^bb11:  // pred: ^bb10
// CHECK-NEXT: llvm.br ^bb12(%24 : i64)
// CHECK-NEXT: ^bb12(%81: i64):  // 2 preds: ^bb11, ^bb13
// CHECK-NEXT: %82 = llvm.icmp "slt" %81, %27 : i64
// CHECK-NEXT: llvm.cond_br %82, ^bb13, ^bb14
// CHECK-NEXT: ^bb13:  // pred: ^bb12
// CHECK-NEXT: %83 = llvm.extractvalue %23[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %84 = llvm.extractvalue %23[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %85 = llvm.getelementptr %83[%84] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: %86 = llvm.extractvalue %23[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %87 = llvm.mul %79, %86 overflow<nsw, nuw> : i64
// CHECK-NEXT: %88 = llvm.extractvalue %23[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %89 = llvm.mul %81, %88 overflow<nsw, nuw> : i64
// CHECK-NEXT: %90 = llvm.add %87, %89 overflow<nsw, nuw> : i64
// CHECK-NEXT: %91 = llvm.getelementptr inbounds|nuw %85[%90] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: %92 = llvm.load %91 : !llvm.ptr -> f32
// CHECK-NEXT: %93 = llvm.intr.exp(%92) : (f32) -> f32
// CHECK-NEXT: %94 = llvm.extractvalue %23[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %95 = llvm.extractvalue %23[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %96 = llvm.getelementptr %94[%95] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: %97 = llvm.extractvalue %23[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %98 = llvm.mul %79, %97 overflow<nsw, nuw> : i64
// CHECK-NEXT: %99 = llvm.extractvalue %23[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: %100 = llvm.mul %81, %99 overflow<nsw, nuw> : i64
// CHECK-NEXT: %101 = llvm.add %98, %100 overflow<nsw, nuw> : i64
// CHECK-NEXT: %102 = llvm.getelementptr inbounds|nuw %96[%101] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: llvm.store %93, %102 : f32, !llvm.ptr
// CHECK-NEXT: %103 = llvm.add %81, %26 : i64
// CHECK-NEXT: llvm.br ^bb12(%103 : i64)
// CHECK-NEXT: ^bb14:  // pred: ^bb12
// CHECK-NEXT: %104 = llvm.add %79, %26 : i64
// CHECK-NEXT: llvm.br ^bb10(%104 : i64)
// CHECK-NEXT: ^bb15:  // pred: ^bb10
// CHECK-NEXT: llvm.return %23 : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-NEXT: }
llvm.func @matmul(%arg0: !llvm.ptr, %arg1: !llvm.ptr, %arg2: i64, %arg3: i64, %arg4: i64, %arg5: i64, %arg6: i64, %arg7: !llvm.ptr, %arg8: !llvm.ptr, %arg9: i64, %arg10: i64, %arg11: i64, %arg12: i64, %arg13: i64, %arg14: !llvm.ptr, %arg15: !llvm.ptr, %arg16: i64, %arg17: i64, %arg18: i64, %arg19: i64, %arg20: i64) -> !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> {
  %0 = llvm.mlir.poison : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  %1 = llvm.insertvalue %arg7, %0[0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %2 = llvm.insertvalue %arg8, %1[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %3 = llvm.insertvalue %arg9, %2[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %4 = llvm.insertvalue %arg10, %3[3, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %5 = llvm.insertvalue %arg12, %4[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %6 = llvm.insertvalue %arg11, %5[3, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %7 = llvm.insertvalue %arg13, %6[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %8 = llvm.mlir.poison : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  %9 = llvm.insertvalue %arg0, %8[0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %10 = llvm.insertvalue %arg1, %9[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %11 = llvm.insertvalue %arg2, %10[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %12 = llvm.insertvalue %arg3, %11[3, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %13 = llvm.insertvalue %arg5, %12[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %14 = llvm.insertvalue %arg4, %13[3, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %15 = llvm.insertvalue %arg6, %14[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %16 = llvm.mlir.poison : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
  %17 = llvm.insertvalue %arg14, %16[0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %18 = llvm.insertvalue %arg15, %17[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %19 = llvm.insertvalue %arg16, %18[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %20 = llvm.insertvalue %arg17, %19[3, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %21 = llvm.insertvalue %arg19, %20[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %22 = llvm.insertvalue %arg18, %21[3, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %23 = llvm.insertvalue %arg20, %22[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %24 = llvm.mlir.constant(0 : index) : i64
  %25 = llvm.mlir.constant(4 : index) : i64
  %26 = llvm.mlir.constant(1 : index) : i64
  %27 = llvm.mlir.constant(16 : index) : i64
  %28 = llvm.mlir.constant(8 : index) : i64
  llvm.br ^bb1(%24 : i64)
^bb1(%29: i64):  // 2 preds: ^bb0, ^bb8
  %30 = llvm.icmp "slt" %29, %25 : i64
  llvm.cond_br %30, ^bb2, ^bb9
^bb2:  // pred: ^bb1
  llvm.br ^bb3(%24 : i64)
^bb3(%31: i64):  // 2 preds: ^bb2, ^bb7
  %32 = llvm.icmp "slt" %31, %27 : i64
  llvm.cond_br %32, ^bb4, ^bb8
^bb4:  // pred: ^bb3
  llvm.br ^bb5(%24 : i64)
^bb5(%33: i64):  // 2 preds: ^bb4, ^bb6
  %34 = llvm.icmp "slt" %33, %28 : i64
  llvm.cond_br %34, ^bb6, ^bb7
^bb6:  // pred: ^bb5
  %35 = llvm.extractvalue %15[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %36 = llvm.extractvalue %15[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %37 = llvm.getelementptr %35[%36] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %38 = llvm.extractvalue %15[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %39 = llvm.mul %29, %38 overflow<nsw, nuw> : i64
  %40 = llvm.extractvalue %15[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %41 = llvm.mul %33, %40 overflow<nsw, nuw> : i64
  %42 = llvm.add %39, %41 overflow<nsw, nuw> : i64
  %43 = llvm.getelementptr inbounds|nuw %37[%42] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %44 = llvm.load %43 : !llvm.ptr -> f32
  %45 = llvm.extractvalue %7[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %46 = llvm.extractvalue %7[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %47 = llvm.getelementptr %45[%46] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %48 = llvm.extractvalue %7[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %49 = llvm.mul %33, %48 overflow<nsw, nuw> : i64
  %50 = llvm.extractvalue %7[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %51 = llvm.mul %31, %50 overflow<nsw, nuw> : i64
  %52 = llvm.add %49, %51 overflow<nsw, nuw> : i64
  %53 = llvm.getelementptr inbounds|nuw %47[%52] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %54 = llvm.load %53 : !llvm.ptr -> f32
  %55 = llvm.extractvalue %23[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %56 = llvm.extractvalue %23[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %57 = llvm.getelementptr %55[%56] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %58 = llvm.extractvalue %23[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %59 = llvm.mul %29, %58 overflow<nsw, nuw> : i64
  %60 = llvm.extractvalue %23[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %61 = llvm.mul %31, %60 overflow<nsw, nuw> : i64
  %62 = llvm.add %59, %61 overflow<nsw, nuw> : i64
  %63 = llvm.getelementptr inbounds|nuw %57[%62] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %64 = llvm.load %63 : !llvm.ptr -> f32
  %65 = llvm.fmul %44, %54 : f32
  %66 = llvm.fadd %64, %65 : f32
  %67 = llvm.extractvalue %23[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %68 = llvm.extractvalue %23[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %69 = llvm.getelementptr %67[%68] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %70 = llvm.extractvalue %23[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %71 = llvm.mul %29, %70 overflow<nsw, nuw> : i64
  %72 = llvm.extractvalue %23[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %73 = llvm.mul %31, %72 overflow<nsw, nuw> : i64
  %74 = llvm.add %71, %73 overflow<nsw, nuw> : i64
  %75 = llvm.getelementptr inbounds|nuw %69[%74] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  llvm.store %66, %75 : f32, !llvm.ptr
  %76 = llvm.add %33, %26 : i64
  llvm.br ^bb5(%76 : i64)
^bb7:  // pred: ^bb5
  %77 = llvm.add %31, %26 : i64
  llvm.br ^bb3(%77 : i64)
^bb8:  // pred: ^bb3
  %78 = llvm.add %29, %26 : i64
  llvm.br ^bb1(%78 : i64)
^bb9:  // pred: ^bb1
  llvm.br ^bb10(%24 : i64)
^bb10(%79: i64):  // 2 preds: ^bb9, ^bb14
  %80 = llvm.icmp "slt" %79, %25 : i64
  llvm.cond_br %80, ^bb11, ^bb15
^bb11:  // pred: ^bb10
  llvm.br ^bb12(%24 : i64)
^bb12(%81: i64):  // 2 preds: ^bb11, ^bb13
  %82 = llvm.icmp "slt" %81, %27 : i64
  llvm.cond_br %82, ^bb13, ^bb14
^bb13:  // pred: ^bb12
  %83 = llvm.extractvalue %23[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %84 = llvm.extractvalue %23[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %85 = llvm.getelementptr %83[%84] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %86 = llvm.extractvalue %23[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %87 = llvm.mul %79, %86 overflow<nsw, nuw> : i64
  %88 = llvm.extractvalue %23[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %89 = llvm.mul %81, %88 overflow<nsw, nuw> : i64
  %90 = llvm.add %87, %89 overflow<nsw, nuw> : i64
  %91 = llvm.getelementptr inbounds|nuw %85[%90] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %92 = llvm.load %91 : !llvm.ptr -> f32
  %93 = llvm.intr.exp(%92) : (f32) -> f32
  %94 = llvm.extractvalue %23[1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %95 = llvm.extractvalue %23[2] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %96 = llvm.getelementptr %94[%95] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %97 = llvm.extractvalue %23[4, 0] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %98 = llvm.mul %79, %97 overflow<nsw, nuw> : i64
  %99 = llvm.extractvalue %23[4, 1] : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)> 
  %100 = llvm.mul %81, %99 overflow<nsw, nuw> : i64
  %101 = llvm.add %98, %100 overflow<nsw, nuw> : i64
  %102 = llvm.getelementptr inbounds|nuw %96[%101] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  llvm.store %93, %102 : f32, !llvm.ptr
  %103 = llvm.add %81, %26 : i64
  llvm.br ^bb12(%103 : i64)
^bb14:  // pred: ^bb12
  %104 = llvm.add %79, %26 : i64
  llvm.br ^bb10(%104 : i64)
^bb15:  // pred: ^bb10
  llvm.return %23 : !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
}
