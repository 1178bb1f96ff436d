// RUN: ml-opt %s --buffer-deallocation | FileCheck %s

// A temporary is freed right after its last use, views included.
// CHECK-LABEL: func.func @temporary(
// CHECK: %[[T:.*]] = memref.alloc() : memref<8xf32>
// CHECK: %[[V:.*]] = memref.subview %[[T]][2] [4] [1]
// CHECK-NEXT: %[[X:.*]] = memref.load %[[V]]
// CHECK-NEXT: memref.dealloc %[[T]] : memref<8xf32>
// CHECK-NEXT: return %[[X]] : f32
func.func @temporary(%x: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %t = memref.alloc() : memref<8xf32>
  linalg.fill ins(%x : f32) outs(%t : memref<8xf32>)
  %v = memref.subview %t[2] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1], offset: 2>>
  %r = memref.load %v[%c0] : memref<4xf32, strided<[1], offset: 2>>
  return %r : f32
}

// One buffer per iteration: freed at the end of the body. The loop-carried
// buffer lives until after the loop's last use.
// CHECK-LABEL: func.func @loops(
// CHECK: %[[ACC:.*]] = memref.alloc() : memref<4xf32>
// CHECK: %[[R:.*]] = scf.for {{.*}} iter_args(%[[A:.*]] = %[[ACC]]) -> (memref<4xf32>) {
// CHECK-NEXT: %[[TMP:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT: linalg.add ins(%[[A]], %arg0 : {{.*}}) outs(%[[TMP]] : memref<4xf32>)
// CHECK-NEXT: memref.copy %[[TMP]], %[[A]]
// CHECK-NEXT: memref.dealloc %[[TMP]] : memref<4xf32>
// CHECK-NEXT: scf.yield %[[A]]
// CHECK: %[[X:.*]] = memref.load %[[R]]
// CHECK-NEXT: memref.dealloc %[[ACC]] : memref<4xf32>
func.func @loops(%b: memref<4xf32>, %n: index) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %acc = memref.alloc() : memref<4xf32>
  memref.copy %b, %acc : memref<4xf32> to memref<4xf32>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%a = %acc) -> (memref<4xf32>) {
    %tmp = memref.alloc() : memref<4xf32>
    linalg.add ins(%a, %b : memref<4xf32>, memref<4xf32>) outs(%tmp : memref<4xf32>)
    memref.copy %tmp, %a : memref<4xf32> to memref<4xf32>
    scf.yield %a : memref<4xf32>
  }
  %x = memref.load %r[%c0] : memref<4xf32>
  return %x : f32
}

// A returned buffer belongs to the caller, which frees it after its last
// use; a returned argument does not.
// CHECK-LABEL: func.func @make(
// CHECK-NOT: memref.dealloc
// CHECK: return
// CHECK-LABEL: func.func @pass_through(
// CHECK-NOT: memref.dealloc
// CHECK: return
// CHECK-LABEL: func.func @user(
// CHECK: %[[M:.*]] = call @make(
// CHECK-NEXT: %[[P:.*]] = call @pass_through(%[[M]])
// CHECK-NEXT: %[[X:.*]] = memref.load %[[P]]
// CHECK-NEXT: memref.dealloc %[[M]] : memref<4xf32>
// CHECK-NOT: memref.dealloc
func.func @make(%x: f32) -> memref<4xf32> {
  %m = memref.alloc() : memref<4xf32>
  linalg.fill ins(%x : f32) outs(%m : memref<4xf32>)
  return %m : memref<4xf32>
}
func.func @pass_through(%m: memref<4xf32>) -> memref<4xf32> {
  return %m : memref<4xf32>
}
func.func @user(%x: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %m = call @make(%x) : (f32) -> memref<4xf32>
  %p = call @pass_through(%m) : (memref<4xf32>) -> memref<4xf32>
  %r = memref.load %p[%c0] : memref<4xf32>
  return %r : f32
}

// A branch yielding a buffer it does not own, where the other yields a
// new one, yields a copy; the branch's result is then owned and freed.
// CHECK-LABEL: func.func @branches(
// CHECK: %[[R:.*]] = scf.if %arg0 -> (memref<4xf32>) {
// CHECK-NEXT: %[[COPY:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT: memref.copy %arg1, %[[COPY]]
// CHECK-NEXT: scf.yield %[[COPY]]
// CHECK: } else {
// CHECK-NEXT: %[[NEW:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NOT: memref.dealloc
// CHECK: scf.yield %[[NEW]]
// CHECK: memref.load %[[R]]
// CHECK-NEXT: memref.dealloc %[[R]] : memref<4xf32>
func.func @branches(%c: i1, %a: memref<4xf32>, %x: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %r = scf.if %c -> (memref<4xf32>) {
    scf.yield %a : memref<4xf32>
  } else {
    %n = memref.alloc() : memref<4xf32>
    linalg.fill ins(%x : f32) outs(%n : memref<4xf32>)
    scf.yield %n : memref<4xf32>
  }
  %v = memref.load %r[%c0] : memref<4xf32>
  return %v : f32
}

// One buffer returned twice: the caller would free it twice, so the
// second result is a copy.
// CHECK-LABEL: func.func @twice(
// CHECK: %[[M:.*]] = memref.alloc() : memref<4xf32>
// CHECK: %[[COPY:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT: memref.copy %[[M]], %[[COPY]]
// CHECK-NEXT: return %[[M]], %[[COPY]]
func.func @twice(%x: f32) -> (memref<4xf32>, memref<4xf32>) {
  %m = memref.alloc() : memref<4xf32>
  linalg.fill ins(%x : f32) outs(%m : memref<4xf32>)
  return %m, %m : memref<4xf32>, memref<4xf32>
}

// Buffers the program frees itself (a memref.dealloc written by hand, a
// gpu.dealloc of host-shared memory) are left to it: no second free.
// CHECK-LABEL: func.func @freed_by_hand(
// CHECK:         %[[A:.*]] = memref.alloc()
// CHECK:         %[[G:.*]] = gpu.alloc host_shared ()
// CHECK:         memref.dealloc %[[A]]
// CHECK-NEXT:    gpu.dealloc %[[G]]
// CHECK-NEXT:    return
func.func @freed_by_hand() -> f32 {
  %c0 = arith.constant 0 : index
  %a = memref.alloc() : memref<4xf32>
  %g = gpu.alloc host_shared () : memref<4xf32>
  %x = memref.load %a[%c0] : memref<4xf32>
  %y = memref.load %g[%c0] : memref<4xf32>
  %s = arith.addf %x, %y : f32
  memref.dealloc %a : memref<4xf32>
  gpu.dealloc %g : memref<4xf32>
  return %s : f32
}
