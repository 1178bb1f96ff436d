// RUN: not ml-opt %s --tile 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not ml-opt %s --tile="sizes=4,x" 2>&1 | FileCheck %s --check-prefix=NOT-INT
// RUN: not ml-opt %s --tile="sizes=4,-1" 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// RUN: not ml-opt %s --tile="sizes=4 loop=while" 2>&1 | FileCheck %s --check-prefix=LOOP
// RUN: not ml-opt %s --tile="sizes=4 interchange=1,1" 2>&1 | FileCheck %s --check-prefix=TWICE
// RUN: not ml-opt %s --tile="size=4" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not ml-opt %s --tile-and-fuse="sizes=4 loop=parallel" 2>&1 | FileCheck %s --check-prefix=FUSE-LOOP
// RUN: ml-opt %s --tile="sizes=4 interchange=0,2" --remarks=tile 2>&1 >/dev/null | FileCheck %s --check-prefix=RANGE
// RUN: ml-opt %s --tile="sizes=0,0" --remarks=tile 2>&1 >/dev/null | FileCheck %s --check-prefix=ZERO

// Bad options are reported before anything runs; options that do not fit
// an op leave it untiled with a remark.

// MISSING: ml-opt: invalid options for pass 'tile': option 'sizes' is required (one tile size per loop, 0 to leave a loop untiled)
// NOT-INT: ml-opt: invalid options for pass 'tile': option 'sizes' expects a list of integers, got '4,x'
// NEGATIVE: ml-opt: invalid options for pass 'tile': option 'sizes' expects non-negative tile sizes, got -1
// LOOP: ml-opt: invalid options for pass 'tile': option 'loop' expects 'for' or 'forall', got 'while'
// TWICE: ml-opt: invalid options for pass 'tile': option 'interchange' names a loop twice: [1, 1]
// UNKNOWN: ml-opt: invalid options for pass 'tile': no such option 'size'; options are: sizes, interchange, loop
// FUSE-LOOP: ml-opt: invalid options for pass 'tile-and-fuse': option 'loop' expects 'for' or 'forall', got 'parallel'
// RANGE: tile-invalid.mlir:[[# @LINE + 3]]:8: remark: 'linalg.exp' not tiled: interchange [0, 2] names loop 2, the op has 2 loops
// ZERO: tile-invalid.mlir:[[# @LINE + 2]]:8: remark: 'linalg.exp' not tiled: nothing to tile: every tile size is 0
func.func @f(%x: tensor<16x10xf32>, %o: tensor<16x10xf32>) -> tensor<16x10xf32> {
  %0 = linalg.exp ins(%x : tensor<16x10xf32>) outs(%o : tensor<16x10xf32>) -> tensor<16x10xf32>
  return %0 : tensor<16x10xf32>
}
