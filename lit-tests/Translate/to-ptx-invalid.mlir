// RUN: not ml-translate %s --split-input-file --to-ptx 2>&1 | FileCheck %s
// RUN: not ml-translate %s --mlir-to-llvmir --to-ptx 2>&1 | FileCheck %s --check-prefix=BOTH

// RUN: not ml-translate %s --split-input-file --to-ptx --sm=gfx90a 2>&1 | FileCheck %s --check-prefix=CHIP

// BOTH: ml-translate: give one translation: --mlir-to-llvmir or --to-ptx

// CHECK: [[@LINE+1]]:1: error: no 'gpu.module' to compile to PTX
module {
}

// -----

// An op with no translation is reported where it is.
// CHIP: [[@LINE+2]]:3: error: 'gfx90a' is not an NVIDIA chip (sm_80, sm_90, ...)
module attributes {gpu.container_module} {
  gpu.module @kernels {
    llvm.func @k() attributes {gpu.kernel, nvvm.kernel} {
      // CHECK: [[@LINE+1]]:7: error: cannot be translated to LLVM IR: 'gpu.barrier'
      gpu.barrier
      llvm.return
    }
  }
}
