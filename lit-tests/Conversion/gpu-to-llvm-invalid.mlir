// RUN: ml-opt %s --split-input-file --verify-diagnostics --gpu-to-llvm

// The kernels must be compiled first: gpu-to-llvm embeds gpu.binary ops.
// expected-note@+1 {{pass 'gpu-to-llvm' failed}}
module attributes {gpu.container_module} {
  func.func @host() {
    %c1 = arith.constant 1 : index
    // expected-error@+2 {{failed to legalize operation 'gpu.launch_func' that was explicitly marked illegal}}
    // expected-note@+1 {{the kernel's module 'kernels' must be a gpu.binary first: run gpu-module-to-binary before gpu-to-llvm}}
    gpu.launch_func @kernels::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
    return
  }
  gpu.module @kernels {
    llvm.func @k() attributes {gpu.kernel, nvvm.kernel} {
      llvm.return
    }
  }
}

// -----

// Two dependencies would need events.
// expected-note@+1 {{pass 'gpu-to-llvm' failed}}
module attributes {gpu.container_module} {
  func.func @join() {
    %a = gpu.wait async
    %b = gpu.wait async
    // expected-error@+2 {{failed to legalize operation 'gpu.wait' that was explicitly marked illegal}}
    // expected-note@+1 {{'gpu.wait async' joins at most one stream here (no events)}}
    %c = gpu.wait async [%a, %b]
    gpu.wait [%c]
    return
  }
}
