// RUN: ml-opt %s --split-input-file --convert-gpu-to-nvvm --verify-diagnostics

// gpu ops without an NVVM lowering fail where they are; the failing pass
// is named in a note at the gpu.module. Upstream fails on the same ops (on
// the f16 shuffle when it verifies the nvvm.shfl.sync it made of it).

// expected-note@+1 {{pass 'convert-gpu-to-nvvm' failed}}
gpu.module @subgroup_size {
  func.func @f() -> index {
    // expected-error@+1 {{failed to legalize operation 'gpu.subgroup_size' that was explicitly marked illegal}}
    %n = gpu.subgroup_size : index
    return %n : index
  }
}

// -----

// expected-note@+1 {{pass 'convert-gpu-to-nvvm' failed}}
gpu.module @half_shuffle {
  func.func @f(%x: f16, %o: i32, %w: i32) -> f16 {
    // expected-error@+2 {{failed to legalize operation 'gpu.shuffle' that was explicitly marked illegal}}
    // expected-note@+1 {{only 'i32' and 'f32' values can be shuffled, not 'f16'}}
    %v, %ok = gpu.shuffle xor %x, %o, %w : f16
    return %v : f16
  }
}

// -----

// expected-note@+1 {{pass 'convert-gpu-to-nvvm' failed}}
gpu.module @all_reduce {
  gpu.func @kernel(%x: f32, %out: memref<f32>) kernel {
    // expected-error@+1 {{failed to legalize operation 'gpu.all_reduce' that was explicitly marked illegal}}
    %sum = gpu.all_reduce add %x {} : (f32) -> f32
    memref.store %sum, %out[] : memref<f32>
    gpu.return
  }
}
