// RUN: ml-opt %s --split-input-file --verify-diagnostics --gpu-host-shared-buffers

// A stack buffer (here through a view) cannot reach a kernel.
// expected-note@+1 {{pass 'gpu-host-shared-buffers' failed}}
module attributes {gpu.container_module} {
  func.func @stack(%n: index) {
    %c1 = arith.constant 1 : index
    %a = memref.alloca() : memref<8xf32>
    %v = memref.subview %a[0] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1]>>
    // expected-error@+1 {{'gpu.launch_func' op kernel operand #0 is a stack buffer, which the device cannot reach}}
    gpu.launch_func @kernels::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%v : memref<4xf32, strided<[1]>>)
    return
  }
  gpu.module @kernels {
    gpu.func @k(%a: memref<4xf32, strided<[1]>>) kernel {
      gpu.return
    }
  }
}

// -----

// Nor can a mutable global: a copy would lose the kernel's writes.
// expected-note@+1 {{pass 'gpu-host-shared-buffers' failed}}
module attributes {gpu.container_module} {
  memref.global @state : memref<4xf32> = uninitialized
  func.func @mutable_global() {
    %c1 = arith.constant 1 : index
    %g = memref.get_global @state : memref<4xf32>
    // expected-error@+1 {{'gpu.launch_func' op kernel operand #0 is the mutable global @state, which the device cannot reach}}
    gpu.launch_func @kernels::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%g : memref<4xf32>)
    return
  }
  gpu.module @kernels {
    gpu.func @k(%a: memref<4xf32>) kernel {
      gpu.return
    }
  }
}

// -----

// gpu.alloc makes identity buffers only.
// expected-note@+1 {{pass 'gpu-host-shared-buffers' failed}}
module attributes {gpu.container_module} {
  func.func @strided(%n: index) {
    %c1 = arith.constant 1 : index
    // expected-error@+1 {{'memref.alloc' op cannot be placed in memory shared with the device: only buffers with the identity layout in the default memory space can}}
    %a = memref.alloc() : memref<4xf32, strided<[1], offset: 2>>
    gpu.launch_func @kernels::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%a : memref<4xf32, strided<[1], offset: 2>>)
    return
  }
  gpu.module @kernels {
    gpu.func @k(%a: memref<4xf32, strided<[1], offset: 2>>) kernel {
      gpu.return
    }
  }
}

// -----

// A constant's shared copy is freed at the return: it cannot be returned.
// expected-note@+1 {{pass 'gpu-host-shared-buffers' failed}}
module attributes {gpu.container_module} {
  memref.global "private" constant @table : memref<4xf32> = dense<1.0>
  func.func @returns_constant() -> memref<4xf32> {
    %c1 = arith.constant 1 : index
    // expected-error@+1 {{'memref.get_global' op reads a constant the function returns: its shared copy would be freed}}
    %t = memref.get_global @table : memref<4xf32>
    gpu.launch_func @kernels::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%t : memref<4xf32>)
    return %t : memref<4xf32>
  }
  gpu.module @kernels {
    gpu.func @k(%a: memref<4xf32>) kernel {
      gpu.return
    }
  }
}
