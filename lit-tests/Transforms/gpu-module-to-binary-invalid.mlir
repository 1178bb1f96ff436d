// RUN: ml-opt %s --split-input-file --verify-diagnostics --gpu-module-to-binary

// A module without targets cannot be compiled.
// expected-note@+1 {{pass 'gpu-module-to-binary' failed}}
module attributes {gpu.container_module} {
  // expected-error@+1 {{the module has no target attributes}}
  gpu.module @untargeted {
  }
}

// -----

// A target no serializer is registered for (upstream would need ROCm).
// expected-note@+1 {{pass 'gpu-module-to-binary' failed}}
module attributes {gpu.container_module} {
  // expected-error@+1 {{no serializer is registered for the target '#rocdl.target<chip = "gfx90a">'}}
  gpu.module @amd [#rocdl.target<chip = "gfx90a">] {
  }
}
