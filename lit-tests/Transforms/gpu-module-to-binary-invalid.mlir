// RUN: ml-opt %s --split-input-file --verify-diagnostics --gpu-module-to-binary

// A module without targets cannot be compiled.
// expected-note@+1 {{pass 'gpu-module-to-binary' failed}}
module attributes {gpu.container_module} {
  // expected-error@+1 {{the module has no target attributes}}
  gpu.module @untargeted {
  }
}

// -----

// A target the NVPTX backend cannot read.
// expected-note@+1 {{pass 'gpu-module-to-binary' failed}}
module attributes {gpu.container_module} {
  // expected-error@+1 {{The optimization level must be a number between 0 and 3.}}
  gpu.module @bad [#nvvm.target<O = 4>] {
  }
}
