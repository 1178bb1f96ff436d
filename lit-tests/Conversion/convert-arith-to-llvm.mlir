// RUN: ml-opt %s --split-input-file --convert-arith-to-llvm | FileCheck %s

// CHECK-LABEL: func.func @integers
func.func @integers(%a: i32, %b: i32) -> i32 {
  // CHECK: %[[C:.*]] = llvm.mlir.constant(3 : i32) : i32
  %c = arith.constant 3 : i32
  // CHECK-NEXT: %[[ADD:.*]] = llvm.add %arg0, %arg1 overflow<nsw> : i32
  %0 = arith.addi %a, %b overflow<nsw> : i32
  // CHECK-NEXT: llvm.mul %[[ADD]], %[[C]] : i32
  %1 = arith.muli %0, %c : i32
  // CHECK-NEXT: llvm.sdiv
  %2 = arith.divsi %1, %b : i32
  // CHECK-NEXT: llvm.urem
  %3 = arith.remui %2, %b : i32
  // CHECK-NEXT: llvm.intr.smax(%{{.*}}, %{{.*}}) : (i32, i32) -> i32
  %4 = arith.maxsi %3, %b : i32
  // CHECK-NEXT: %[[CMP:.*]] = llvm.icmp "slt" %{{.*}}, %arg1 : i32
  %5 = arith.cmpi slt, %4, %b : i32
  // CHECK-NEXT: llvm.select %[[CMP]], %{{.*}}, %arg1 : i1, i32
  %6 = arith.select %5, %4, %b : i32
  // CHECK-NEXT: llvm.sext %{{.*}} : i32 to i64
  %7 = arith.extsi %6 : i32 to i64
  // CHECK-NEXT: llvm.trunc %{{.*}} : i64 to i32
  %8 = arith.trunci %7 : i64 to i32
  return %8 : i32
}

// -----

// CHECK-LABEL: func.func @floats
func.func @floats(%x: f32, %y: f32, %v: vector<4xf32>) -> f64 {
  // CHECK: llvm.fadd %arg0, %arg1 {fastmathFlags = #llvm.fastmath<fast>} : f32
  %0 = arith.addf %x, %y fastmath<fast> : f32
  // CHECK-NEXT: llvm.intr.maximum(%{{.*}}, %arg1) : (f32, f32) -> f32
  %1 = arith.maximumf %0, %y : f32
  // CHECK-NEXT: llvm.fneg %{{.*}} : f32
  %2 = arith.negf %1 : f32
  // CHECK-NEXT: llvm.fcmp "olt" %{{.*}}, %arg1 : f32
  %3 = arith.cmpf olt, %2, %y : f32
  // CHECK-NEXT: llvm.mlir.constant(dense<2.000000e+00> : vector<4xf32>) : vector<4xf32>
  %c = arith.constant dense<2.0> : vector<4xf32>
  // CHECK-NEXT: llvm.fmul %arg2, %{{.*}} : vector<4xf32>
  %4 = arith.mulf %v, %c : vector<4xf32>
  // CHECK-NEXT: llvm.fpext %{{.*}} : f32 to f64
  %5 = arith.extf %2 : f32 to f64
  return %5 : f64
}

// -----

// Index values become i64; equal widths need no cast.
// CHECK-LABEL: func.func @index
func.func @index(%i: index, %a: i64, %b: i32) -> index {
  // CHECK: %[[C:.*]] = llvm.mlir.constant(7 : index) : i64
  // CHECK: %[[I:.*]] = builtin.unrealized_conversion_cast %arg0 : index to i64
  %c = arith.constant 7 : index
  // CHECK: %[[SUM:.*]] = llvm.add %[[I]], %[[C]] : i64
  %0 = arith.addi %i, %c : index
  // CHECK-NOT: llvm.sext %arg1
  %1 = arith.index_cast %a : i64 to index
  // CHECK: llvm.zext %arg2 : i32 to i64
  %2 = arith.index_castui %b : i32 to index
  // CHECK: llvm.mlir.constant(dense<[1, 2]> : vector<2xi64>) : vector<2xi64>
  %3 = arith.constant dense<[1, 2]> : vector<2xindex>
  return %0 : index
}

// -----

// Rounding divisions expand into a division and a correction.
// CHECK-LABEL: func.func @rounding
func.func @rounding(%a: i32, %b: i32) -> i32 {
  // CHECK: %[[Q:.*]] = llvm.sdiv %arg0, %arg1 : i32
  // CHECK: %[[P:.*]] = llvm.mul %[[Q]], %arg1 : i32
  // CHECK: %[[INEXACT:.*]] = llvm.icmp "ne" %arg0, %[[P]] : i32
  // CHECK: llvm.icmp "eq"
  // CHECK: %[[UP:.*]] = llvm.add %[[Q]], %{{.*}} : i32
  // CHECK: llvm.select %{{.*}}, %[[UP]], %[[Q]] : i1, i32
  %0 = arith.ceildivsi %a, %b : i32
  // CHECK: llvm.icmp "ne" %{{.*}}, %{{.*}} : i1
  // CHECK: llvm.mlir.constant(-1 : i32) : i32
  %1 = arith.floordivsi %0, %b : i32
  return %1 : i32
}
