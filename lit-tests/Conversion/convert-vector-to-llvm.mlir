// RUN: ml-opt %s --split-input-file --convert-vector-to-llvm | FileCheck %s
// RUN: ml-opt %s --split-input-file --convert-vector-to-llvm='reassociate-fp-reductions=1 force-32bit-vector-indices=0' | FileCheck %s --check-prefix=OPTS

// Vector ops on fixed-size 1-D vectors become llvm dialect ops; the CHECK
// lines are what mlir-opt-22 --convert-vector-to-llvm prints (up to the
// placement of constants, which upstream's folding hoists).

// CHECK-LABEL: func.func @broadcast
// CHECK-SAME: (%[[X:.*]]: f32, %[[ONE:.*]]: vector<1xf32>, %[[V:.*]]: vector<4xf32>)
// CHECK-NEXT: %[[P:.*]] = llvm.mlir.poison : vector<4xf32>
// CHECK-NEXT: %[[Z:.*]] = llvm.mlir.constant(0 : i32) : i32
// CHECK-NEXT: %[[I:.*]] = llvm.insertelement %[[X]], %[[P]][%[[Z]] : i32] : vector<4xf32>
// CHECK-NEXT: %[[S:.*]] = llvm.shufflevector %[[I]], %[[P]] [0, 0, 0, 0] : vector<4xf32>
// CHECK-NEXT: %[[C0:.*]] = llvm.mlir.constant(0 : i64) : i64
// CHECK-NEXT: %[[E:.*]] = llvm.extractelement %[[ONE]][%[[C0]] : i64] : vector<1xf32>
// CHECK: %[[I2:.*]] = llvm.insertelement %[[E]], %{{.*}} : vector<4xf32>
// CHECK-NEXT: %[[S2:.*]] = llvm.shufflevector %[[I2]], %{{.*}} [0, 0, 0, 0] : vector<4xf32>
// CHECK-NEXT: return %[[S]], %[[S2]], %[[V]]
func.func @broadcast(%x: f32, %one: vector<1xf32>, %v: vector<4xf32>) -> (vector<4xf32>, vector<4xf32>, vector<4xf32>) {
  %0 = vector.broadcast %x : f32 to vector<4xf32>
  %1 = vector.broadcast %one : vector<1xf32> to vector<4xf32>
  %2 = vector.broadcast %v : vector<4xf32> to vector<4xf32>
  return %0, %1, %2 : vector<4xf32>, vector<4xf32>, vector<4xf32>
}

// -----

// CHECK-LABEL: func.func @elements
// CHECK-SAME: (%[[V:.*]]: vector<4xf32>, %[[X:.*]]: f32, %[[I:.*]]: index)
// CHECK-NEXT: %[[C2:.*]] = llvm.mlir.constant(2 : i64) : i64
// CHECK-NEXT: %[[E:.*]] = llvm.extractelement %[[V]][%[[C2]] : i64] : vector<4xf32>
// CHECK-NEXT: %[[C1:.*]] = llvm.mlir.constant(1 : i64) : i64
// CHECK-NEXT: %[[INS:.*]] = llvm.insertelement %[[X]], %[[V]][%[[C1]] : i64] : vector<4xf32>
// CHECK-NEXT: %[[IDX:.*]] = builtin.unrealized_conversion_cast %[[I]] : index to i64
// CHECK-NEXT: %[[D:.*]] = llvm.extractelement %[[V]][%[[IDX]] : i64] : vector<4xf32>
// CHECK-NEXT: %[[DI:.*]] = llvm.insertelement %[[X]], %[[V]][%[[IDX]] : i64] : vector<4xf32>
// CHECK-NEXT: %[[P:.*]] = llvm.mlir.poison : vector<2xf32>
// CHECK-NEXT: %[[K0:.*]] = llvm.mlir.constant(0 : i64) : i64
// CHECK-NEXT: %[[F0:.*]] = llvm.insertelement %[[X]], %[[P]][%[[K0]] : i64] : vector<2xf32>
// CHECK-NEXT: %[[K1:.*]] = llvm.mlir.constant(1 : i64) : i64
// CHECK-NEXT: %[[F1:.*]] = llvm.insertelement %[[E]], %[[F0]][%[[K1]] : i64] : vector<2xf32>
// CHECK-NEXT: %[[B:.*]] = llvm.bitcast %[[V]] : vector<4xf32> to vector<4xi32>
// CHECK-NEXT: return %[[E]], %[[INS]], %[[D]], %[[DI]], %[[F1]], %[[B]]
func.func @elements(%v: vector<4xf32>, %x: f32, %i: index) -> (f32, vector<4xf32>, f32, vector<4xf32>, vector<2xf32>, vector<4xi32>) {
  %0 = vector.extract %v[2] : f32 from vector<4xf32>
  %1 = vector.insert %x, %v [1] : f32 into vector<4xf32>
  %2 = vector.extract %v[%i] : f32 from vector<4xf32>
  %3 = vector.insert %x, %v [%i] : f32 into vector<4xf32>
  %4 = vector.from_elements %x, %0 : vector<2xf32>
  %5 = vector.bitcast %v : vector<4xf32> to vector<4xi32>
  return %0, %1, %2, %3, %4, %5 : f32, vector<4xf32>, f32, vector<4xf32>, vector<2xf32>, vector<4xi32>
}

// -----

// Constant vectors stay arith constants (convert-arith-to-llvm lowers
// them); a mask compares the bound with the lane indices, as i32 unless
// force-32bit-vector-indices=0.
// CHECK-LABEL: func.func @masks
// CHECK-SAME: (%[[N:.*]]: index)
// CHECK-NEXT: %[[STEP:.*]] = arith.constant dense<[0, 1, 2, 3]> : vector<4xindex>
// CHECK-NEXT: %[[CM:.*]] = arith.constant dense<[true, true, false, false]> : vector<4xi1>
// CHECK-NEXT: %[[L:.*]] = arith.constant dense<[0, 1, 2, 3]> : vector<4xi32>
// CHECK-NEXT: %[[B:.*]] = arith.index_cast %[[N]] : index to i32
// CHECK-NEXT: %[[P:.*]] = llvm.mlir.poison : vector<4xi32>
// CHECK-NEXT: %[[Z:.*]] = llvm.mlir.constant(0 : i32) : i32
// CHECK-NEXT: %[[I:.*]] = llvm.insertelement %[[B]], %[[P]][%[[Z]] : i32] : vector<4xi32>
// CHECK-NEXT: %[[S:.*]] = llvm.shufflevector %[[I]], %[[P]] [0, 0, 0, 0] : vector<4xi32>
// CHECK-NEXT: %[[M:.*]] = arith.cmpi sgt, %[[S]], %[[L]] : vector<4xi32>
// CHECK-NEXT: return %[[STEP]], %[[CM]], %[[M]]
// OPTS-LABEL: func.func @masks
// OPTS: arith.constant dense<[0, 1, 2, 3]> : vector<4xi64>
// OPTS: arith.index_cast %{{.*}} : index to i64
func.func @masks(%n: index) -> (vector<4xindex>, vector<4xi1>, vector<4xi1>) {
  %0 = vector.step : vector<4xindex>
  %1 = vector.constant_mask [2] : vector<4xi1>
  %2 = vector.create_mask %n : vector<4xi1>
  return %0, %1, %2 : vector<4xindex>, vector<4xi1>, vector<4xi1>
}

// -----

// CHECK-LABEL: func.func @arithmetic
// CHECK-SAME: (%[[A:.*]]: vector<4xf32>, %[[B:.*]]: vector<4xf32>, %[[C:.*]]: vector<4xf32>, %[[S:.*]]: f32)
// CHECK-NEXT: %[[FMA:.*]] = llvm.intr.fmuladd(%[[A]], %[[B]], %[[C]]) : (vector<4xf32>, vector<4xf32>, vector<4xf32>) -> vector<4xf32>
// CHECK: %[[SPLAT:.*]] = llvm.shufflevector
// CHECK-NEXT: %[[AXPY:.*]] = llvm.intr.fmuladd(%[[A]], %[[SPLAT]], %[[C]])
// CHECK: %[[SPLAT2:.*]] = llvm.shufflevector
// CHECK-NEXT: %[[MUL:.*]] = arith.mulf %[[A]], %[[SPLAT2]] : vector<4xf32>
// CHECK-NEXT: return %[[FMA]], %[[AXPY]], %[[MUL]]
func.func @arithmetic(%a: vector<4xf32>, %b: vector<4xf32>, %c: vector<4xf32>, %s: f32) -> (vector<4xf32>, vector<4xf32>, vector<4xf32>) {
  %0 = vector.fma %a, %b, %c : vector<4xf32>
  %1 = vector.outerproduct %a, %s, %c : vector<4xf32>, f32
  %2 = vector.outerproduct %a, %s : vector<4xf32>, f32
  return %0, %1, %2 : vector<4xf32>, vector<4xf32>, vector<4xf32>
}

// -----

// Float sums and products start from the accumulator or the neutral
// element; other reductions are combined with the accumulator afterwards.
// CHECK-LABEL: func.func @reductions
// CHECK-SAME: (%[[V:.*]]: vector<4xf32>, %[[ACC:.*]]: f32, %[[I:.*]]: vector<4xi32>, %[[IACC:.*]]: i32)
// CHECK-NEXT: %[[ZERO:.*]] = llvm.mlir.constant(0.000000e+00 : f32) : f32
// CHECK-NEXT: %[[SUM:.*]] = "llvm.intr.vector.reduce.fadd"(%[[ZERO]], %[[V]]) <{fastmathFlags = #llvm.fastmath<none>}> : (f32, vector<4xf32>) -> f32
// CHECK-NEXT: %[[ONE:.*]] = llvm.mlir.constant(1.000000e+00 : f32) : f32
// CHECK-NEXT: %[[PROD:.*]] = "llvm.intr.vector.reduce.fmul"(%[[ONE]], %[[V]]) <{fastmathFlags = #llvm.fastmath<none>}> : (f32, vector<4xf32>) -> f32
// CHECK-NEXT: %[[SUMACC:.*]] = "llvm.intr.vector.reduce.fadd"(%[[ACC]], %[[V]]) <{fastmathFlags = #llvm.fastmath<reassoc>}> : (f32, vector<4xf32>) -> f32
// CHECK-NEXT: %[[MAX:.*]] = llvm.intr.vector.reduce.fmax(%[[V]]) : (vector<4xf32>) -> f32
// CHECK-NEXT: %[[MAXACC:.*]] = llvm.intr.maxnum(%[[MAX]], %[[ACC]]) : (f32, f32) -> f32
// CHECK-NEXT: %[[MIN:.*]] = llvm.intr.vector.reduce.fminimum(%[[V]]) : (vector<4xf32>) -> f32
// CHECK-NEXT: %[[MINACC:.*]] = llvm.intr.minimum(%[[MIN]], %[[ACC]]) : (f32, f32) -> f32
// CHECK-NEXT: %[[ADD:.*]] = "llvm.intr.vector.reduce.add"(%[[I]]) : (vector<4xi32>) -> i32
// CHECK-NEXT: %[[ADDACC:.*]] = llvm.add %[[IACC]], %[[ADD]] : i32
// CHECK-NEXT: %[[UMIN:.*]] = "llvm.intr.vector.reduce.umin"(%[[I]]) : (vector<4xi32>) -> i32
// CHECK-NEXT: %[[LE:.*]] = llvm.icmp "ule" %[[IACC]], %[[UMIN]] : i32
// CHECK-NEXT: %[[UMINACC:.*]] = llvm.select %[[LE]], %[[IACC]], %[[UMIN]] : i1, i32
// CHECK-NEXT: %[[SMAX:.*]] = "llvm.intr.vector.reduce.smax"(%[[I]]) : (vector<4xi32>) -> i32
// CHECK-NEXT: return %[[SUM]], %[[PROD]], %[[SUMACC]], %[[MAXACC]], %[[MINACC]], %[[ADDACC]], %[[UMINACC]], %[[SMAX]]
// OPTS-LABEL: func.func @reductions
// OPTS: "llvm.intr.vector.reduce.fadd"(%{{.*}}, %{{.*}}) <{fastmathFlags = #llvm.fastmath<reassoc>}>
// OPTS: "llvm.intr.vector.reduce.fmul"(%{{.*}}, %{{.*}}) <{fastmathFlags = #llvm.fastmath<reassoc>}>
func.func @reductions(%v: vector<4xf32>, %acc: f32, %i: vector<4xi32>, %iacc: i32) -> (f32, f32, f32, f32, f32, i32, i32, i32) {
  %0 = vector.reduction <add>, %v : vector<4xf32> into f32
  %1 = vector.reduction <mul>, %v : vector<4xf32> into f32
  %2 = vector.reduction <add>, %v, %acc fastmath<reassoc> : vector<4xf32> into f32
  %3 = vector.reduction <maxnumf>, %v, %acc : vector<4xf32> into f32
  %4 = vector.reduction <minimumf>, %v, %acc : vector<4xf32> into f32
  %5 = vector.reduction <add>, %i, %iacc : vector<4xi32> into i32
  %6 = vector.reduction <minui>, %i, %iacc : vector<4xi32> into i32
  %7 = vector.reduction <maxsi>, %i : vector<4xi32> into i32
  return %0, %1, %2, %3, %4, %5, %6, %7 : f32, f32, f32, f32, f32, i32, i32, i32
}

// -----

// Loads and stores address the first element without no-wrap flags and
// are aligned as the element type.
// CHECK-LABEL: func.func @load_store
// CHECK-SAME: (%[[M:.*]]: memref<?x?xf32>, %[[I:.*]]: index, %[[J:.*]]: index, %{{.*}}: memref<4x8xf64>)
// CHECK-DAG: %[[D:.*]] = builtin.unrealized_conversion_cast %[[M]] : memref<?x?xf32> to !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK-DAG: %[[II:.*]] = builtin.unrealized_conversion_cast %[[I]] : index to i64
// CHECK-DAG: %[[JJ:.*]] = builtin.unrealized_conversion_cast %[[J]] : index to i64
// CHECK: %[[BASE:.*]] = llvm.extractvalue %[[D]][1]
// CHECK-NEXT: %[[STRIDE:.*]] = llvm.extractvalue %[[D]][4, 0]
// CHECK-NEXT: %[[ROW:.*]] = llvm.mul %[[II]], %[[STRIDE]] : i64
// CHECK-NEXT: %[[OFF:.*]] = llvm.add %[[ROW]], %[[JJ]] : i64
// CHECK-NEXT: %[[PTR:.*]] = llvm.getelementptr %[[BASE]][%[[OFF]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: %[[V:.*]] = llvm.load %[[PTR]] {alignment = 4 : i64} : !llvm.ptr -> vector<8xf32>
// CHECK: llvm.store %[[V]], %{{.*}} {alignment = 4 : i64, nontemporal} : vector<8xf32>, !llvm.ptr
// CHECK: %[[SPTR:.*]] = llvm.getelementptr %{{.*}} : (!llvm.ptr, i64) -> !llvm.ptr, f64
// CHECK-NEXT: llvm.load %[[SPTR]] {alignment = 8 : i64} : !llvm.ptr -> vector<4xf64>
func.func @load_store(%m: memref<?x?xf32>, %i: index, %j: index, %s: memref<4x8xf64>) -> (vector<8xf32>, vector<4xf64>) {
  %0 = vector.load %m[%i, %j] : memref<?x?xf32>, vector<8xf32>
  vector.store %0, %m[%j, %i] {nontemporal = true} : memref<?x?xf32>, vector<8xf32>
  %1 = vector.load %s[%i, %j] : memref<4x8xf64>, vector<4xf64>
  return %0, %1 : vector<8xf32>, vector<4xf64>
}

// -----

// CHECK-LABEL: func.func @masked
// CHECK-SAME: (%[[M:.*]]: memref<?xf32>, %[[I:.*]]: index, %[[MASK:.*]]: vector<4xi1>, %[[PASS:.*]]: vector<4xf32>)
// CHECK: %[[P:.*]] = llvm.getelementptr
// CHECK-NEXT: %[[L:.*]] = llvm.intr.masked.load %[[P]], %[[MASK]], %[[PASS]] {alignment = 4 : i32} : (!llvm.ptr, vector<4xi1>, vector<4xf32>) -> vector<4xf32>
// CHECK: %[[Q:.*]] = llvm.getelementptr
// CHECK-NEXT: llvm.intr.masked.store %[[L]], %[[Q]], %[[MASK]] {alignment = 4 : i32} : vector<4xf32>, vector<4xi1> into !llvm.ptr
func.func @masked(%m: memref<?xf32>, %i: index, %mask: vector<4xi1>, %pass: vector<4xf32>) -> vector<4xf32> {
  %0 = vector.maskedload %m[%i], %mask, %pass : memref<?xf32>, vector<4xi1>, vector<4xf32> into vector<4xf32>
  vector.maskedstore %m[%i], %mask, %0 : memref<?xf32>, vector<4xi1>, vector<4xf32>
  return %0 : vector<4xf32>
}

// -----

// In-bounds transfers are loads and stores; the others mask the lanes past
// the end of the innermost dimension and read the padding there.
// CHECK-LABEL: func.func @transfers
// CHECK-SAME: (%[[M:.*]]: memref<?x?xf32>, %[[I:.*]]: index, %[[J:.*]]: index)
// CHECK: %[[V:.*]] = llvm.load %{{.*}} {alignment = 4 : i64} : !llvm.ptr -> vector<8xf32>
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[DIM:.*]] = memref.dim %[[M]], %[[C1]] : memref<?x?xf32>
// CHECK-NEXT: %[[REST:.*]] = arith.subi %[[DIM]], %[[J]] : index
// CHECK-NEXT: %[[LANES:.*]] = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7]> : vector<8xi32>
// CHECK-NEXT: %[[B:.*]] = arith.index_cast %[[REST]] : index to i32
// CHECK: %[[BS:.*]] = llvm.shufflevector
// CHECK-NEXT: %[[MASK:.*]] = arith.cmpi sgt, %[[BS]], %[[LANES]] : vector<8xi32>
// CHECK-NEXT: %[[PAD:.*]] = arith.constant dense<0.000000e+00> : vector<8xf32>
// CHECK: %[[R:.*]] = llvm.intr.masked.load %{{.*}}, %[[MASK]], %[[PAD]] {alignment = 4 : i32}
// CHECK: llvm.store %[[V]], %{{.*}} {alignment = 4 : i64} : vector<8xf32>, !llvm.ptr
// CHECK: %[[WMASK:.*]] = arith.cmpi sgt
// CHECK: llvm.intr.masked.store %[[R]], %{{.*}}, %[[WMASK]] {alignment = 4 : i32}
func.func @transfers(%m: memref<?x?xf32>, %i: index, %j: index) -> vector<8xf32> {
  %pad = arith.constant 0.0 : f32
  %0 = vector.transfer_read %m[%i, %j], %pad {in_bounds = [true]} : memref<?x?xf32>, vector<8xf32>
  %1 = vector.transfer_read %m[%i, %j], %pad : memref<?x?xf32>, vector<8xf32>
  vector.transfer_write %0, %m[%j, %i] {in_bounds = [true]} : vector<8xf32>, memref<?x?xf32>
  vector.transfer_write %1, %m[%j, %i] : vector<8xf32>, memref<?x?xf32>
  return %1 : vector<8xf32>
}

// -----

// A transfer's own mask is and-ed with the bounds; a static size is a constant.
// CHECK-LABEL: func.func @masked_transfer
// CHECK-SAME: (%[[M:.*]]: memref<8xf32>, %[[I:.*]]: index, %[[MASK:.*]]: vector<4xi1>, %[[PAD:.*]]: f32)
// CHECK: %[[C8:.*]] = arith.constant 8 : index
// CHECK-NEXT: arith.subi %[[C8]], %[[I]] : index
// CHECK: %[[BOUNDS:.*]] = arith.cmpi sgt
// CHECK-NEXT: %[[BOTH:.*]] = arith.andi %[[BOUNDS]], %[[MASK]] : vector<4xi1>
// CHECK: llvm.insertelement %[[PAD]]
// CHECK: llvm.intr.masked.load %{{.*}}, %[[BOTH]], %{{.*}} {alignment = 4 : i32}
func.func @masked_transfer(%m: memref<8xf32>, %i: index, %mask: vector<4xi1>, %pad: f32) -> vector<4xf32> {
  %0 = vector.transfer_read %m[%i], %pad, %mask : memref<8xf32>, vector<4xf32>
  return %0 : vector<4xf32>
}

// -----

// Printing calls the runtime: one function per element type, then the
// punctuation; a vector is printed element by element between parentheses.
// CHECK-LABEL: module
// CHECK-DAG: llvm.func @printString(!llvm.ptr)
// CHECK-DAG: llvm.mlir.global private constant @vector_print_str(dense<[104, 105, 10, 0]> : tensor<4xi8>) {addr_space = 0 : i32} : !llvm.array<4 x i8>
// CHECK-DAG: llvm.func @printF32(f32)
// CHECK-DAG: llvm.func @printF64(f64)
// CHECK-DAG: llvm.func @printF16(i16)
// CHECK-DAG: llvm.func @printI64(i64)
// CHECK-DAG: llvm.func @printU64(i64)
// CHECK-DAG: llvm.func @printNewline()
// CHECK-DAG: llvm.func @printComma()
// CHECK-DAG: llvm.func @printOpen()
// CHECK-DAG: llvm.func @printClose()
// CHECK-LABEL: func.func @print
// CHECK-SAME: (%[[X:.*]]: f32, %[[D:.*]]: f64, %[[H:.*]]: f16, %[[B:.*]]: i1, %[[I:.*]]: i32, %[[K:.*]]: index, %[[V:.*]]: vector<2xi8>)
// CHECK-NEXT: llvm.call @printF32(%[[X]]) : (f32) -> ()
// CHECK-NEXT: llvm.call @printNewline() : () -> ()
// CHECK-NEXT: llvm.call @printF64(%[[D]]) : (f64) -> ()
// CHECK-NEXT: llvm.call @printComma() : () -> ()
// CHECK-NEXT: %[[HB:.*]] = llvm.bitcast %[[H]] : f16 to i16
// CHECK-NEXT: llvm.call @printF16(%[[HB]]) : (i16) -> ()
// CHECK-NEXT: %[[BW:.*]] = arith.extui %[[B]] : i1 to i64
// CHECK-NEXT: llvm.call @printI64(%[[BW]]) : (i64) -> ()
// CHECK-NEXT: llvm.call @printNewline() : () -> ()
// CHECK-NEXT: %[[IW:.*]] = arith.extsi %[[I]] : i32 to i64
// CHECK-NEXT: llvm.call @printI64(%[[IW]]) : (i64) -> ()
// CHECK-NEXT: llvm.call @printNewline() : () -> ()
// CHECK-NEXT: %[[KK:.*]] = builtin.unrealized_conversion_cast %[[K]] : index to i64
// CHECK-NEXT: llvm.call @printU64(%[[KK]]) : (i64) -> ()
// CHECK-NEXT: llvm.call @printNewline() : () -> ()
// CHECK-NEXT: llvm.call @printOpen() : () -> ()
// CHECK-NEXT: %[[C0:.*]] = llvm.mlir.constant(0 : i64) : i64
// CHECK-NEXT: %[[E0:.*]] = llvm.extractelement %[[V]][%[[C0]] : i64] : vector<2xi8>
// CHECK-NEXT: %[[W0:.*]] = arith.extsi %[[E0]] : i8 to i64
// CHECK-NEXT: llvm.call @printI64(%[[W0]]) : (i64) -> ()
// CHECK-NEXT: llvm.call @printComma() : () -> ()
// CHECK-NEXT: %[[C1:.*]] = llvm.mlir.constant(1 : i64) : i64
// CHECK-NEXT: %[[E1:.*]] = llvm.extractelement %[[V]][%[[C1]] : i64] : vector<2xi8>
// CHECK-NEXT: %[[W1:.*]] = arith.extsi %[[E1]] : i8 to i64
// CHECK-NEXT: llvm.call @printI64(%[[W1]]) : (i64) -> ()
// CHECK-NEXT: llvm.call @printClose() : () -> ()
// CHECK-NEXT: llvm.call @printNewline() : () -> ()
// CHECK-NEXT: llvm.call @printNewline() : () -> ()
// CHECK-NEXT: %[[S:.*]] = llvm.mlir.addressof @vector_print_str : !llvm.ptr
// CHECK-NEXT: %[[SP:.*]] = llvm.getelementptr %[[S]][0] : (!llvm.ptr) -> !llvm.ptr, !llvm.array<4 x i8>
// CHECK-NEXT: llvm.call @printString(%[[SP]]) : (!llvm.ptr) -> ()
// CHECK-NEXT: return
func.func @print(%x: f32, %d: f64, %h: f16, %b: i1, %i: i32, %k: index, %v: vector<2xi8>) {
  vector.print %x : f32
  vector.print %d : f64 punctuation <comma>
  vector.print %h : f16 punctuation <no_punctuation>
  vector.print %b : i1
  vector.print %i : i32
  vector.print %k : index
  vector.print %v : vector<2xi8>
  vector.print punctuation <newline>
  vector.print str "hi\n"
  return
}
