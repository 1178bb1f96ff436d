// RUN: ml-opt %s --split-input-file --tile="sizes=32,40,16 loop=forall" | FileCheck %s
// RUN: ml-opt %s --split-input-file --tile="sizes=32,40,16 loop=forall" | %mlir_opt --split-input-file > %t
// RUN: ml-opt %s --split-input-file --tile="sizes=32,40,16 loop=forall" --remarks=tile 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK

// loop=forall: one scf.forall over the tiled parallel loops, counting
// tiles (offset = index * size), each thread inserting its result tile
// with tensor.parallel_insert_slice, as upstream's tile_using_forall. The
// matmul's k loop is a reduction and stays whole: threads would race on
// the same output tile (upstream tiles it anyway, with a "not thread safe"
// warning); a remark says so.

// REMARK: remark: tiled 'linalg.matmul' with sizes [32, 40, 0] into one scf.forall over 2 loops; reduction loop #2 not tiled: scf.forall tiles parallel loops only

// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[A:.*]]: tensor<128x64xf32>, %[[B:.*]]: tensor<64x96xf32>, %[[C:.*]]: tensor<128x96xf32>)
// CHECK-DAG: %[[C32:.*]] = arith.constant 32 : index
// CHECK-DAG: %[[C40:.*]] = arith.constant 40 : index
// CHECK-DAG: %[[C96:.*]] = arith.constant 96 : index
// CHECK: %[[R:.*]] = scf.forall (%[[I:.*]], %[[J:.*]]) in (4, 3) shared_outs(%[[O:.*]] = %[[C]]) -> (tensor<128x96xf32>) {
// CHECK-NEXT: %[[OI:.*]] = arith.muli %[[I]], %[[C32]] : index
// CHECK-NEXT: %[[OJ:.*]] = arith.muli %[[J]], %[[C40]] : index
// CHECK-NEXT: %[[LEFT:.*]] = arith.subi %[[C96]], %[[OJ]] : index
// CHECK-NEXT: %[[TJ:.*]] = arith.minsi %[[C40]], %[[LEFT]] : index
// CHECK-NEXT: %[[SA:.*]] = tensor.extract_slice %[[A]][%[[OI]], 0] [32, 64] [1, 1] : tensor<128x64xf32> to tensor<32x64xf32>
// CHECK-NEXT: %[[SB:.*]] = tensor.extract_slice %[[B]][0, %[[OJ]]] [64, %[[TJ]]] [1, 1] : tensor<64x96xf32> to tensor<64x?xf32>
// CHECK-NEXT: %[[SC:.*]] = tensor.extract_slice %[[O]][%[[OI]], %[[OJ]]] [32, %[[TJ]]] [1, 1] : tensor<128x96xf32> to tensor<32x?xf32>
// CHECK-NEXT: %[[M:.*]] = linalg.matmul ins(%[[SA]], %[[SB]] : tensor<32x64xf32>, tensor<64x?xf32>) outs(%[[SC]] : tensor<32x?xf32>) -> tensor<32x?xf32>
// CHECK-NEXT: scf.forall.in_parallel {
// CHECK-NEXT: tensor.parallel_insert_slice %[[M]] into %[[O]][%[[OI]], %[[OJ]]] [32, %[[TJ]]] [1, 1] : tensor<32x?xf32> into tensor<128x96xf32>
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: return %[[R]] : tensor<128x96xf32>
func.func @matmul(%a: tensor<128x64xf32>, %b: tensor<64x96xf32>, %c: tensor<128x96xf32>) -> tensor<128x96xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<128x64xf32>, tensor<64x96xf32>) outs(%c : tensor<128x96xf32>) -> tensor<128x96xf32>
  return %0 : tensor<128x96xf32>
}

// -----

// Dynamic sizes: the number of tiles is ceildiv(size, tile).

// REMARK: remark: tiled 'linalg.generic' with sizes [32, 40, 16] into one scf.forall over 3 loops

// CHECK-LABEL: func.func @dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x?x?xf32>, %[[O:.*]]: tensor<?x?x?xf32>)
// CHECK: %[[N0:.*]] = tensor.dim %[[X]], %{{.*}}
// CHECK: %[[N1:.*]] = tensor.dim %[[X]], %{{.*}}
// CHECK: %[[N2:.*]] = tensor.dim %[[X]], %{{.*}}
// CHECK: %[[T0:.*]] = arith.ceildivsi %[[N0]], %[[C32:.*]] : index
// CHECK: %[[T1:.*]] = arith.ceildivsi %[[N1]], %[[C40:.*]] : index
// CHECK: %[[T2:.*]] = arith.ceildivsi %[[N2]], %[[C16:.*]] : index
// CHECK-NEXT: scf.forall (%[[I:.*]], %[[J:.*]], %[[K:.*]]) in (%[[T0]], %[[T1]], %[[T2]]) shared_outs(%[[S:.*]] = %[[O]]) -> (tensor<?x?x?xf32>) {
// CHECK-NEXT: %[[OI:.*]] = arith.muli %[[I]], %[[C32]] : index
// CHECK-NEXT: %[[OJ:.*]] = arith.muli %[[J]], %[[C40]] : index
// CHECK-NEXT: %[[OK:.*]] = arith.muli %[[K]], %[[C16]] : index
// CHECK-NEXT: %[[LI:.*]] = arith.subi %[[N0]], %[[OI]] : index
// CHECK-NEXT: %[[TI:.*]] = arith.minsi %[[C32]], %[[LI]] : index
// CHECK: tensor.parallel_insert_slice %{{.*}} into %[[S]][%[[OI]], %[[OJ]], %[[OK]]] [%[[TI]], %{{.*}}, %{{.*}}] [1, 1, 1]
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @dynamic(%x: tensor<?x?x?xf32>, %o: tensor<?x?x?xf32>) -> tensor<?x?x?xf32> {
  %0 = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x : tensor<?x?x?xf32>) outs(%o : tensor<?x?x?xf32>) {
  ^bb0(%a: f32, %b: f32):
    %e = math.exp %a : f32
    linalg.yield %e : f32
  } -> tensor<?x?x?xf32>
  return %0 : tensor<?x?x?xf32>
}

// -----

// On buffers: an scf.forall without shared outputs; 16 is one whole tile.

// REMARK: remark: tiled 'linalg.fill' with sizes [32, 40, 16] into one scf.forall over 3 loops

// CHECK-LABEL: func.func @buffers
// CHECK: scf.forall (%[[I:.*]], %[[J:.*]], %[[K:.*]]) in (2, 2, 1) {
// CHECK-NEXT: %[[OI:.*]] = arith.muli %[[I]], %{{.*}} : index
// CHECK-NEXT: %[[OJ:.*]] = arith.muli %[[J]], %{{.*}} : index
// CHECK-NEXT: %[[OK:.*]] = arith.muli %[[K]], %{{.*}} : index
// CHECK-NEXT: %[[S:.*]] = memref.subview %arg0[%[[OI]], %[[OJ]], %[[OK]]] [32, 40, 16] [1, 1, 1] : memref<64x80x16xf32> to memref<32x40x16xf32, strided<[1280, 16, 1], offset: ?>>
// CHECK-NEXT: linalg.fill ins(%arg1 : f32) outs(%[[S]] : memref<32x40x16xf32, strided<[1280, 16, 1], offset: ?>>)
// CHECK-NEXT: }
func.func @buffers(%m: memref<64x80x16xf32>, %v: f32) {
  linalg.fill ins(%v : f32) outs(%m : memref<64x80x16xf32>)
  return
}
