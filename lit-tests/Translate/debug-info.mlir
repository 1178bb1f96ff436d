// RUN: ml-translate --mlir-to-llvmir -g %s | FileCheck %s

// With -g, each function gets a subprogram and each instruction the
// line and column of the op it comes from (line tables only).

// CHECK: define i32 @square(i32 %0) !dbg ![[$SP:[0-9]+]]
llvm.func @square(%a: i32) -> i32 {
  // CHECK-NEXT: %[[M:.*]] = mul i32 %0, %0, !dbg ![[$MUL:[0-9]+]]
  %0 = llvm.mul %a, %a : i32
  // CHECK-NEXT: ret i32 %[[M]], !dbg ![[$RET:[0-9]+]]
  llvm.return %0 : i32
}

// CHECK: !llvm.dbg.cu = !{![[CU:[0-9]+]]}
// CHECK-DAG: ![[CU]] = distinct !DICompileUnit(language: DW_LANG_C, file: ![[FILE:[0-9]+]], producer: "ml-translate", isOptimized: false, runtimeVersion: 0, emissionKind: LineTablesOnly
// CHECK-DAG: ![[FILE]] = !DIFile(filename: "debug-info.mlir", directory: "{{.*}}Translate")
// CHECK-DAG: ![[$SP]] = distinct !DISubprogram(name: "square", linkageName: "square", scope: ![[FILE]], file: ![[FILE]], line: 7,
// CHECK-DAG: ![[$MUL]] = !DILocation(line: 9, column: 8, scope: ![[$SP]])
// CHECK-DAG: ![[$RET]] = !DILocation(line: 11, column: 3, scope: ![[$SP]])
