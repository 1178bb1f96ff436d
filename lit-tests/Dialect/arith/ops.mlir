// RUN: ml-opt %s | FileCheck %s
// RUN: ml-opt %s | ml-opt | FileCheck %s
// RUN: ml-opt %s --mlir-print-op-generic | ml-opt | FileCheck %s

// Every arith op and syntax variant; the CHECK lines are what upstream
// mlir-opt 22 prints for this input.

// CHECK-LABEL: func.func @ops(%arg0: i32, %arg1: i32, %arg2: f32, %arg3: f32, %arg4: vector<4xf32>, %arg5: index, %arg6: tensor<4xi64>, %arg7: i1, %arg8: vector<4xi1>) {
// CHECK-NEXT: %0 = arith.addi %arg0, %arg1 : i32
// CHECK-NEXT: %1 = arith.addi %arg0, %arg1 overflow<nsw, nuw> : i32
// CHECK-NEXT: %2 = arith.subi %arg0, %arg1 : i32
// CHECK-NEXT: %3 = arith.muli %arg0, %arg1 overflow<nsw> : i32
// CHECK-NEXT: %4 = arith.divsi %arg0, %arg1 : i32
// CHECK-NEXT: %5 = arith.divui %arg0, %arg1 : i32
// CHECK-NEXT: %6 = arith.ceildivsi %arg0, %arg1 : i32
// CHECK-NEXT: %7 = arith.ceildivui %arg0, %arg1 : i32
// CHECK-NEXT: %8 = arith.floordivsi %arg0, %arg1 : i32
// CHECK-NEXT: %9 = arith.remsi %arg0, %arg1 : i32
// CHECK-NEXT: %10 = arith.remui %arg0, %arg1 : i32
// CHECK-NEXT: %11 = arith.andi %arg0, %arg1 : i32
// CHECK-NEXT: %12 = arith.ori %arg0, %arg1 : i32
// CHECK-NEXT: %13 = arith.xori %arg0, %arg1 : i32
// CHECK-NEXT: %14 = arith.shli %arg0, %arg1 : i32
// CHECK-NEXT: %15 = arith.shrsi %arg0, %arg1 : i32
// CHECK-NEXT: %16 = arith.shrui %arg0, %arg1 : i32
// CHECK-NEXT: %17 = arith.maxsi %arg0, %arg1 : i32
// CHECK-NEXT: %18 = arith.maxui %arg0, %arg1 : i32
// CHECK-NEXT: %19 = arith.minsi %arg0, %arg1 : i32
// CHECK-NEXT: %20 = arith.minui %arg0, %arg1 : i32
// CHECK-NEXT: %21 = arith.addf %arg2, %arg3 : f32
// CHECK-NEXT: %22 = arith.subf %arg2, %arg3 fastmath<fast> : f32
// CHECK-NEXT: %23 = arith.mulf %arg4, %arg4 fastmath<nnan,ninf> : vector<4xf32>
// CHECK-NEXT: %24 = arith.divf %arg2, %arg3 : f32
// CHECK-NEXT: %25 = arith.remf %arg2, %arg3 : f32
// CHECK-NEXT: %26 = arith.maximumf %arg2, %arg3 : f32
// CHECK-NEXT: %27 = arith.minimumf %arg2, %arg3 : f32
// CHECK-NEXT: %28 = arith.maxnumf %arg2, %arg3 : f32
// CHECK-NEXT: %29 = arith.minnumf %arg2, %arg3 : f32
// CHECK-NEXT: %30 = arith.negf %arg2 : f32
// CHECK-NEXT: %31 = arith.cmpi slt, %arg0, %arg1 : i32
// CHECK-NEXT: %32 = arith.cmpi eq, %arg6, %arg6 : tensor<4xi64>
// CHECK-NEXT: %33 = arith.cmpf olt, %arg2, %arg3 : f32
// CHECK-NEXT: %34 = arith.cmpf une, %arg4, %arg4 fastmath<fast> : vector<4xf32>
// CHECK-NEXT: %35 = arith.select %arg7, %arg0, %arg1 : i32
// CHECK-NEXT: %36 = arith.select %arg8, %arg4, %arg4 : vector<4xi1>, vector<4xf32>
// CHECK-NEXT: %37 = arith.extsi %arg0 : i32 to i64
// CHECK-NEXT: %38 = arith.extui %arg0 : i32 to i64
// CHECK-NEXT: %39 = arith.trunci %arg0 : i32 to i8
// CHECK-NEXT: %40 = arith.extf %arg2 : f32 to f64
// CHECK-NEXT: %41 = arith.truncf %arg2 : f32 to f16
// CHECK-NEXT: %42 = arith.sitofp %arg0 : i32 to f32
// CHECK-NEXT: %43 = arith.uitofp %arg0 : i32 to f32
// CHECK-NEXT: %44 = arith.fptosi %arg2 : f32 to i32
// CHECK-NEXT: %45 = arith.fptoui %arg2 : f32 to i32
// CHECK-NEXT: %46 = arith.index_cast %arg5 : index to i32
// CHECK-NEXT: %47 = arith.index_castui %arg0 : i32 to index
// CHECK-NEXT: %48 = arith.bitcast %arg2 : f32 to i32
// CHECK-NEXT: %49 = arith.addi %arg5, %arg5 : index
// CHECK-NEXT: %c42_i32 = arith.constant 42 : i32
// CHECK-NEXT: %c-1_i64 = arith.constant -1 : i64
// CHECK-NEXT: %c0 = arith.constant 0 : index
// CHECK-NEXT: %true = arith.constant true
// CHECK-NEXT: %false = arith.constant false
// CHECK-NEXT: %cst = arith.constant 1.500000e+00 : f32
// CHECK-NEXT: %cst_0 = arith.constant dense<[1, 2, 3, 4]> : tensor<4xi64>
// CHECK-NEXT: %cst_1 = arith.constant dense<0.000000e+00> : vector<4xf32>
// CHECK-NEXT: %c42_i32_2 = arith.constant 42 : i32
// CHECK-NEXT: %c7_i8 = arith.constant {foo} 7 : i8
// CHECK-NEXT: return
func.func @ops(%a: i32, %b: i32, %x: f32, %y: f32, %v: vector<4xf32>, %i: index, %t: tensor<4xi64>, %c: i1, %m: vector<4xi1>) {
  %0 = arith.addi %a, %b : i32
  %1 = arith.addi %a, %b overflow<nsw, nuw> : i32
  %2 = arith.subi %a, %b : i32
  %3 = arith.muli %a, %b overflow<nsw> : i32
  %4 = arith.divsi %a, %b : i32
  %5 = arith.divui %a, %b : i32
  %6 = arith.ceildivsi %a, %b : i32
  %7 = arith.ceildivui %a, %b : i32
  %8 = arith.floordivsi %a, %b : i32
  %9 = arith.remsi %a, %b : i32
  %10 = arith.remui %a, %b : i32
  %11 = arith.andi %a, %b : i32
  %12 = arith.ori %a, %b : i32
  %13 = arith.xori %a, %b : i32
  %14 = arith.shli %a, %b : i32
  %15 = arith.shrsi %a, %b : i32
  %16 = arith.shrui %a, %b : i32
  %17 = arith.maxsi %a, %b : i32
  %18 = arith.maxui %a, %b : i32
  %19 = arith.minsi %a, %b : i32
  %20 = arith.minui %a, %b : i32
  %21 = arith.addf %x, %y : f32
  %22 = arith.subf %x, %y fastmath<fast> : f32
  %23 = arith.mulf %v, %v fastmath<nnan, ninf> : vector<4xf32>
  %24 = arith.divf %x, %y : f32
  %25 = arith.remf %x, %y : f32
  %26 = arith.maximumf %x, %y : f32
  %27 = arith.minimumf %x, %y : f32
  %28 = arith.maxnumf %x, %y : f32
  %29 = arith.minnumf %x, %y : f32
  %30 = arith.negf %x : f32
  %31 = arith.cmpi slt, %a, %b : i32
  %32 = arith.cmpi eq, %t, %t : tensor<4xi64>
  %33 = arith.cmpf olt, %x, %y : f32
  %34 = arith.cmpf une, %v, %v fastmath<fast> : vector<4xf32>
  %35 = arith.select %c, %a, %b : i32
  %36 = arith.select %m, %v, %v : vector<4xi1>, vector<4xf32>
  %37 = arith.extsi %a : i32 to i64
  %38 = arith.extui %a : i32 to i64
  %39 = arith.trunci %a : i32 to i8
  %40 = arith.extf %x : f32 to f64
  %41 = arith.truncf %x : f32 to f16
  %42 = arith.sitofp %a : i32 to f32
  %43 = arith.uitofp %a : i32 to f32
  %44 = arith.fptosi %x : f32 to i32
  %45 = arith.fptoui %x : f32 to i32
  %46 = arith.index_cast %i : index to i32
  %47 = arith.index_castui %a : i32 to index
  %48 = arith.bitcast %x : f32 to i32
  %49 = arith.addi %i, %i : index
  %k = arith.constant 42 : i32
  %c2 = arith.constant -1 : i64
  %c3 = arith.constant 0 : index
  %c4 = arith.constant true
  %c5 = arith.constant false
  %c6 = arith.constant 1.5 : f32
  %c7 = arith.constant dense<[1, 2, 3, 4]> : tensor<4xi64>
  %c8 = arith.constant dense<0.0> : vector<4xf32>
  %c9 = arith.constant 42 : i32
  %c10 = arith.constant {foo} 7 : i8
  return
}

// Ops with two results name each result, as upstream does.
// CHECK-LABEL: func.func @extended(%arg0: i32, %arg1: vector<4xi8>) {
// CHECK-NEXT: %low, %high = arith.mulsi_extended %arg0, %arg0 : i32
// CHECK-NEXT: %low_0, %high_1 = arith.mului_extended %arg1, %arg1 : vector<4xi8>
// CHECK-NEXT: %sum, %overflow = arith.addui_extended %arg0, %arg0 : i32, i1
// CHECK-NEXT: %sum_2, %overflow_3 = arith.addui_extended %arg1, %arg1 : vector<4xi8>, vector<4xi1>
// CHECK-NEXT: return
func.func @extended(%a: i32, %v: vector<4xi8>) {
  %l, %h = arith.mulsi_extended %a, %a : i32
  %l2:2 = arith.mului_extended %v, %v : vector<4xi8>
  %s, %c = arith.addui_extended %a, %a : i32, i1
  %s2, %c2 = arith.addui_extended %v, %v : vector<4xi8>, vector<4xi1>
  return
}

// Fast-math and overflow flags print in canonical order, once each; all
// fast-math flags are `fast`, none is left out.
// CHECK-LABEL: func.func @canonical_flags(
// CHECK-NEXT:    arith.addf %arg0, %arg0 fastmath<reassoc,nnan> : f32
// CHECK-NEXT:    arith.addf %arg0, %arg0 fastmath<fast> : f32
// CHECK-NEXT:    arith.mulf %arg0, %arg0 fastmath<fast> : f32
// CHECK-NEXT:    arith.addf %arg0, %arg0 : f32
// CHECK-NEXT:    arith.addi %arg1, %arg1 overflow<nsw, nuw> : i32
func.func @canonical_flags(%a: f32, %i: i32) {
  %0 = arith.addf %a, %a fastmath<nnan,reassoc,nnan> : f32
  %1 = arith.addf %a, %a fastmath<fast,nnan> : f32
  %2 = arith.mulf %a, %a fastmath<reassoc,nnan,ninf,nsz,arcp,contract,afn> : f32
  %3 = arith.addf %a, %a fastmath<none> : f32
  %4 = arith.addi %i, %i overflow<nuw,nsw> : i32
  return
}

// A 128-bit signless constant may be written in the unsigned range; it
// keeps its bits (2^128 - 1 is -1).
// CHECK-LABEL: func.func @wide_constant(
// CHECK-NEXT:    arith.constant -1 : i128
func.func @wide_constant() -> i128 {
  %c = arith.constant 340282366920938463463374607431768211455 : i128
  return %c : i128
}
