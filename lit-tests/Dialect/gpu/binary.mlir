// RUN: ml-opt %s | FileCheck %s
// RUN: ml-opt %s | ml-opt | FileCheck %s
// RUN: ml-opt %s | %mlir_opt > /dev/null
// RUN: ml-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// A compiled module: objects of every format, escapes kept as written.
// CHECK: gpu.binary @ptx [#gpu.object<#nvvm.target<chip = "sm_90">, assembly = "//\0A.version 8.0\0A\09.reg .b32 %r<9>;\0A">]
// CHECK: gpu.binary @several [#gpu.object<#nvvm.target, offload = "IR">, #gpu.object<#nvvm.target<chip = "sm_80">, properties = {O = 2 : i32}, bin = "\7FELF">, #gpu.object<#nvvm.target, "FATBIN">]
// CHECK: gpu.binary @selected <#gpu.select_object<1 : i64>> [
// GENERIC: "gpu.binary"() <{objects = [#gpu.object<#nvvm.target<chip = "sm_90">, assembly = "//\0A.version 8.0\0A\09.reg .b32 %r<9>;\0A">], sym_name = "ptx"}> : () -> ()
module attributes {gpu.container_module} {
  gpu.binary @ptx [#gpu.object<#nvvm.target<chip = "sm_90">, assembly = "//\0A.version 8.0\0A\09.reg .b32 %r<9>;\0A">]
  gpu.binary @several [#gpu.object<#nvvm.target, offload = "IR">, #gpu.object<#nvvm.target<chip = "sm_80">, properties = {O = 2 : i32}, bin = "\7FELF">, #gpu.object<#nvvm.target, "FATBIN">]
  gpu.binary @selected <#gpu.select_object<1 : i64>> [#gpu.object<#nvvm.target, "A">, #gpu.object<#nvvm.target, "B">]
}
