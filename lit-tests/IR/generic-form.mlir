// RUN: ml-opt %s --allow-unregistered-dialect | FileCheck %s
// RUN: ml-opt %s --allow-unregistered-dialect --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: ml-opt %s --allow-unregistered-dialect --mlir-print-op-generic | ml-opt --allow-unregistered-dialect | FileCheck %s

// Regions, blocks, successors, result groups, properties and forward
// references in the generic form, numbered the way upstream numbers them.

// CHECK-LABEL: func.func @cfg
// CHECK: %[[R:.*]]:2 = "test.multi"(%arg0) <{prop = 1 : i32}> : (i32) -> (i32, f32)
// CHECK: "test.br"()[^bb1] : () -> ()
// CHECK: ^bb1:
// CHECK: "test.cond_br"()[^bb2, ^bb1] : () -> ()
// CHECK: ^bb2:
// CHECK: return %[[R]]#0 : i32
// GENERIC: "func.func"() <{function_type = (i32) -> i32, sym_name = "cfg"}> ({
// In generic form one counter runs through the module, as upstream numbers it.
// GENERIC: ^bb0(%[[ARG:arg[0-9]+]]: i32):
// GENERIC: %[[M:[0-9]+]]:2 = "test.multi"(%[[ARG]])
// GENERIC: "func.return"(%[[M]]#0) : (i32) -> ()
func.func @cfg(%a: i32) -> i32 {
  %r:2 = "test.multi"(%a) <{prop = 1 : i32}> : (i32) -> (i32, f32)
  "test.br"()[^next] : () -> ()
^next:
  "test.cond_br"()[^exit, ^next] : () -> ()
^exit:
  return %r#0 : i32
}

// Nested regions continue the numbering; sibling regions reuse it.
// CHECK-LABEL: func.func @nested
// CHECK: %[[A:.*]] = "test.a"() : () -> i32
// CHECK: %[[B:.*]] = "test.region"() ({
// CHECK-NEXT: ^bb0(%arg1: i32):
// CHECK-NEXT: %[[C:.*]] = "test.inner"(%arg1, %[[A]]) : (i32, i32) -> i32
// CHECK-NEXT: "test.yield"(%[[C]]) : (i32) -> ()
// CHECK-NEXT: }, {
// CHECK-NEXT: ^bb0(%arg1: i32):
// CHECK-NEXT: "test.yield"(%arg1) : (i32) -> ()
// CHECK-NEXT: }) : () -> i32
// CHECK: "test.use"(%[[B]]) : (i32) -> ()
func.func @nested(%x: i32) {
  %a = "test.a"() : () -> i32
  %b = "test.region"() ({
  ^bb0(%i: i32):
    %c = "test.inner"(%i, %a) : (i32, i32) -> i32
    "test.yield"(%c) : (i32) -> ()
  }, {
  ^bb0(%j: i32):
    "test.yield"(%j) : (i32) -> ()
  }) : () -> i32
  "test.use"(%b) : (i32) -> ()
  return
}

// A use before its definition is fine in a graph region.
// CHECK-LABEL: "test.graph"
// CHECK: "test.use"(%[[V:.*]]) : (i32) -> ()
// CHECK: %[[V]] = "test.def"() : () -> i32
"test.graph"() ({
  "test.use"(%v) : (i32) -> ()
  %v = "test.def"() : () -> i32
}) : () -> ()

// CHECK-LABEL: func.func @empty_region
// CHECK: "test.op"() ({
// CHECK-NEXT: }) : () -> ()
func.func @empty_region() {
  "test.op"() ({}) : () -> ()
  return
}
