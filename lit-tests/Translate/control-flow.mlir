// RUN: ml-translate --mlir-to-llvmir %s | FileCheck %s

// Branches, switches and returns; block arguments become phi nodes, one
// per argument in order, with an incoming value per predecessor edge in
// upstream's order. The CHECK lines are what mlir-translate-22
// --mlir-to-llvmir emits.

// A counted loop: the header's phis take the latch's values first.
// CHECK-LABEL: define i64 @loop(i64 %0)
llvm.func @loop(%n: i64) -> i64 {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  // CHECK-NEXT: br label %[[HEAD:[0-9]+]]
  llvm.br ^head(%c0, %c0 : i64, i64)
// CHECK: [[HEAD]]:
// CHECK-NEXT: %[[I:[0-9]+]] = phi i64 [ %[[NEXT:[0-9]+]], %[[BODY:[0-9]+]] ], [ 0, %1 ]
// CHECK-NEXT: %[[ACC:[0-9]+]] = phi i64 [ %[[SUM:[0-9]+]], %[[BODY]] ], [ 0, %1 ]
// CHECK-NEXT: %[[C:[0-9]+]] = icmp slt i64 %[[I]], %0
// CHECK-NEXT: br i1 %[[C]], label %[[BODY]], label %[[EXIT:[0-9]+]]
^head(%i: i64, %acc: i64):
  %cond = llvm.icmp "slt" %i, %n : i64
  llvm.cond_br %cond, ^body, ^exit
// CHECK: [[BODY]]:
// CHECK-NEXT: %[[SUM]] = add i64 %[[ACC]], %[[I]]
// CHECK-NEXT: %[[NEXT]] = add i64 %[[I]], 1
// CHECK-NEXT: br label %[[HEAD]]
^body:
  %sum = llvm.add %acc, %i : i64
  %next = llvm.add %i, %c1 : i64
  llvm.br ^head(%next, %sum : i64, i64)
// CHECK: [[EXIT]]:
// CHECK-NEXT: ret i64 %[[ACC]]
^exit:
  llvm.return %acc : i64
}

// Branch weights become !prof metadata.
// CHECK-LABEL: define i32 @switches(i32 %0, i32 %1)
llvm.func @switches(%v: i32, %a: i32) -> i32 {
  // CHECK-NEXT: switch i32 %0, label %[[DEFAULT:[0-9]+]] [
  // CHECK-NEXT:   i32 1, label %[[ONE:[0-9]+]]
  // CHECK-NEXT:   i32 -5, label %[[JOIN:[0-9]+]]
  // CHECK-NEXT: ], !prof ![[$W:[0-9]+]]
  llvm.switch %v : i32, ^default [
    1: ^one,
    -5: ^join(%a : i32)
  ] {branch_weights = array<i32: 5, 3, 1>}
// CHECK: [[DEFAULT]]:
// CHECK-NEXT: br label %[[JOIN]]
^default:
  llvm.br ^join(%v : i32)
// CHECK: [[ONE]]:
// CHECK-NEXT: br label %[[JOIN]]
^one:
  %c = llvm.mlir.constant(7 : i32) : i32
  llvm.br ^join(%c : i32)
// CHECK: [[JOIN]]:
// CHECK-NEXT: %[[X:[0-9]+]] = phi i32 [ 7, %[[ONE]] ], [ %0, %[[DEFAULT]] ], [ %1, %2 ]
// CHECK-NEXT: ret i32 %[[X]]
^join(%x: i32):
  llvm.return %x : i32
}

// A block with arguments reached twice from one terminator gets a
// forwarding block for the second edge, as upstream's export does.
// CHECK-LABEL: define i32 @repeated_successor(i1 %0, i32 %1, i32 %2)
llvm.func @repeated_successor(%c: i1, %a: i32, %b: i32) -> i32 {
  // CHECK-NEXT: br i1 %0, label %[[JOIN:[0-9]+]], label %[[FORWARD:[0-9]+]]
  llvm.cond_br %c, ^join(%a : i32), ^join(%b : i32)
// CHECK: [[JOIN]]:
// CHECK-NEXT: %[[X:[0-9]+]] = phi i32 [ %[[F:[0-9]+]], %[[FORWARD]] ], [ %1, %3 ]
// CHECK-NEXT: ret i32 %[[X]]
^join(%x: i32):
  llvm.return %x : i32
// CHECK: [[FORWARD]]:
// CHECK-NEXT: %[[F]] = phi i32 [ %2, %3 ]
// CHECK-NEXT: br label %[[JOIN]]
}

// CHECK-LABEL: define void @no_return()
// CHECK-NEXT: unreachable
llvm.func @no_return() {
  llvm.unreachable
}

// Blocks are translated in dominance order, so a value defined in a block
// that comes later in the text is ready where it is used.
// CHECK-LABEL: define i32 @dominance_order(i32 %0)
llvm.func @dominance_order(%a: i32) -> i32 {
  // CHECK-NEXT: br label %[[DEF:[0-9]+]]
  llvm.br ^def
// CHECK: [[USE:[0-9]+]]:
// CHECK-NEXT: ret i32 %[[V:[0-9]+]]
^use:
  llvm.return %v : i32
// CHECK: [[DEF]]:
// CHECK-NEXT: %[[V]] = mul i32 %0, %0
// CHECK-NEXT: br label %[[USE]]
^def:
  %v = llvm.mul %a, %a : i32
  llvm.br ^use
}

// CHECK-LABEL: define i32 @weighted(i1 %0)
// CHECK-NEXT:    br i1 %0, label %{{[0-9]+}}, label %{{[0-9]+}}, !prof ![[$CW:[0-9]+]]
llvm.func @weighted(%c: i1) -> i32 {
  llvm.cond_br %c weights([9, 1]), ^yes, ^no
^yes:
  %one = llvm.mlir.constant(1 : i32) : i32
  llvm.return %one : i32
^no:
  %zero = llvm.mlir.constant(0 : i32) : i32
  llvm.return %zero : i32
}

// CHECK: ![[$W]] = !{!"branch_weights", i32 5, i32 3, i32 1}
// CHECK: ![[$CW]] = !{!"branch_weights", i32 9, i32 1}
