// RUN: ml-opt %s --split-input-file --verify-diagnostics

// ---- custom syntax ----

func.func @unnamed_async_token() {
  // expected-error@+1 {{needs to be named when marked 'async'}}
  gpu.wait async
  return
}

// -----

func.func @token_without_async() {
  // expected-error@+1 {{cannot name an operation with no results}}
  %t = gpu.wait
  return
}

// -----

func.func @async_alloc_names_one_result() {
  // expected-error@+1 {{operation defines 2 results but was provided 1 to bind}}
  %m = gpu.alloc async () : memref<4xf32>
  return
}

// -----

func.func @unknown_dimension() {
  // expected-error@+1 {{expected dimension to be one of: x, y, z}}
  %t = gpu.thread_id w
  return
}

// -----

func.func @unknown_shuffle_mode(%x: f32, %i: i32) {
  // expected-error@+1 {{expected shuffle mode to be one of: xor, up, down, idx}}
  %a, %b = gpu.shuffle rotate %x, %i, %i : f32
  return
}

// -----

func.func @unknown_reduction(%x: i32) {
  // expected-error@+1 {{invalid op kind}}
  %a = gpu.all_reduce sum %x {} : (i32) -> i32
  return
}

// -----

gpu.module @m {
  // expected-error@+1 {{gpu.func requires named arguments}}
  gpu.func @k(f32) {
    gpu.return
  }
}

// -----

func.func @launch_without_threads(%n: index) {
  // expected-error@+1 {{expected 'threads'}}
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %n, %gy = %n, %gz = %n) {
    gpu.terminator
  }
  return
}

// -----

func.func @launch_with_two_ids(%n: index) {
  // expected-error@+1 {{expected ','}}
  gpu.launch blocks(%bx, %by) in (%gx = %n, %gy = %n, %gz = %n) threads(%tx, %ty, %tz) in (%sx = %n, %sy = %n, %sz = %n) {
    gpu.terminator
  }
  return
}

// -----

func.func @launch_attribution_attributes(%n: index) {
  // expected-error@+1 {{attributions of 'gpu.launch' take no attributes}}
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %n, %gy = %n, %gz = %n) threads(%tx, %ty, %tz) in (%sx = %n, %sy = %n, %sz = %n) workgroup(%w : memref<4xf32, #gpu.address_space<workgroup>> {my.align = 4}) {
    gpu.terminator
  }
  return
}

// -----

func.func @launch_module_not_a_symbol(%n: index) {
  // expected-error@+1 {{expected a symbol reference}}
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %n, %gy = %n, %gz = %n) threads(%tx, %ty, %tz) in (%sx = %n, %sy = %n, %sz = %n) module("m") {
    gpu.terminator
  }
  return
}

// -----

module attributes {gpu.container_module} {
  func.func @launch_func_kernel_not_a_symbol(%n: index) {
    // expected-error@+1 {{expected a symbol reference to the kernel}}
    gpu.launch_func "kernel" blocks in (%n, %n, %n) threads in (%n, %n, %n)
    return
  }
}

// ---- ids ----

// -----

func.func @bad_dimension() {
  // expected-error@+1 {{'gpu.thread_id' op attribute 'dimension' failed to satisfy constraint: a dimension, either 'x', 'y', or 'z'}}
  %t = "gpu.thread_id"() <{dimension = 1 : i32}> : () -> index
  return
}

// -----

func.func @missing_dimension() {
  // expected-error@+1 {{'gpu.block_id' op requires attribute 'dimension'}}
  %t = "gpu.block_id"() : () -> index
  return
}

// -----

func.func @id_not_index() {
  // expected-error@+1 {{'gpu.grid_dim' op result #0 must be index, but got 'i32'}}
  %t = "gpu.grid_dim"() <{dimension = #gpu<dim z>}> : () -> i32
  return
}

// ---- async tokens ----

// -----

func.func @token_of_wrong_type() {
  // expected-error@+1 {{'gpu.wait' op result #0 must be async token type, but got 'f32'}}
  %t = "gpu.wait"() : () -> f32
  return
}

// -----

func.func @dependency_of_wrong_type(%a: memref<4xf32>, %x: f32) {
  // expected-error@+1 {{'gpu.memcpy' op operand #0 must be async token type, but got 'f32'}}
  "gpu.memcpy"(%x, %a, %a) : (f32, memref<4xf32>, memref<4xf32>) -> ()
  return
}

// ---- gpu.launch ----

// -----

func.func @launch_too_few_arguments(%n: index) {
  // expected-error@+1 {{'gpu.launch' op unexpected number of region arguments: expected at least 12 (12 index ids and sizes of blocks and threads, then 0 workgroup attributions), found 1}}
  "gpu.launch"(%n, %n, %n, %n, %n, %n) <{operandSegmentSizes = array<i32: 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0>}> ({
  ^bb0(%x: index):
    "gpu.terminator"() : () -> ()
  }) : (index, index, index, index, index, index) -> ()
  return
}

// -----

func.func @launch_missing_cluster_arguments(%n: index) {
  // expected-error@+1 {{'gpu.launch' op unexpected number of region arguments: expected at least 19 (18 index ids and sizes of clusters, blocks and threads, then 1 workgroup attributions), found 13}}
  "gpu.launch"(%n, %n, %n, %n, %n, %n, %n, %n, %n) <{operandSegmentSizes = array<i32: 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0>}> ({
  ^bb0(%a0: index, %a1: index, %a2: index, %a3: index, %a4: index, %a5: index, %a6: index, %a7: index, %a8: index, %a9: index, %a10: index, %a11: index, %w: memref<4xf32, #gpu.address_space<workgroup>>):
    "gpu.terminator"() : () -> ()
  }) {workgroup_attributions = 1 : i64} : (index, index, index, index, index, index, index, index, index) -> ()
  return
}

// -----

func.func @launch_argument_not_index(%n: index) {
  // expected-error@+1 {{'gpu.launch' op region argument #7 (grid size y) must be of type 'index', but got 'i32'}}
  "gpu.launch"(%n, %n, %n, %n, %n, %n) <{operandSegmentSizes = array<i32: 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0>}> ({
  ^bb0(%a0: index, %a1: index, %a2: index, %a3: index, %a4: index, %a5: index, %a6: index, %a7: i32, %a8: index, %a9: index, %a10: index, %a11: index):
    "gpu.terminator"() : () -> ()
  }) : (index, index, index, index, index, index) -> ()
  return
}

// -----

func.func @launch_empty_body(%n: index) {
  // expected-error@+1 {{'gpu.launch' op expected a body region with an entry block}}
  "gpu.launch"(%n, %n, %n, %n, %n, %n) <{operandSegmentSizes = array<i32: 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0>}> ({
  }) : (index, index, index, index, index, index) -> ()
  return
}

// -----

func.func @launch_partial_clusters(%n: index) {
  // expected-error@+1 {{'gpu.launch' op cluster size must be all present}}
  "gpu.launch"(%n, %n, %n, %n, %n, %n, %n) <{operandSegmentSizes = array<i32: 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0>}> ({
  ^bb0(%a0: index, %a1: index, %a2: index, %a3: index, %a4: index, %a5: index, %a6: index, %a7: index, %a8: index, %a9: index, %a10: index, %a11: index):
    "gpu.terminator"() : () -> ()
  }) : (index, index, index, index, index, index, index) -> ()
  return
}

// -----

func.func @launch_bad_workgroup_count(%n: index) {
  // expected-error@+1 {{'gpu.launch' op requires attribute 'workgroup_attributions' to be a non-negative integer}}
  "gpu.launch"(%n, %n, %n, %n, %n, %n) <{operandSegmentSizes = array<i32: 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0>}> ({
  ^bb0(%a0: index, %a1: index, %a2: index, %a3: index, %a4: index, %a5: index, %a6: index, %a7: index, %a8: index, %a9: index, %a10: index, %a11: index):
    "gpu.terminator"() : () -> ()
  }) {workgroup_attributions = "one"} : (index, index, index, index, index, index) -> ()
  return
}

// -----

func.func @launch_shared_memory_size_type(%n: index) {
  // expected-error@+1 {{'gpu.launch' op operand #6 must be 32-bit signless integer, but got 'index'}}
  "gpu.launch"(%n, %n, %n, %n, %n, %n, %n) <{operandSegmentSizes = array<i32: 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1>}> ({
  ^bb0(%a0: index, %a1: index, %a2: index, %a3: index, %a4: index, %a5: index, %a6: index, %a7: index, %a8: index, %a9: index, %a10: index, %a11: index):
    "gpu.terminator"() : () -> ()
  }) : (index, index, index, index, index, index, index) -> ()
  return
}

// -----

func.func @launch_workgroup_in_private_memory(%n: index) {
  // expected-error@+1 {{'gpu.launch' op expected memory space workgroup in attribution}}
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %n, %gy = %n, %gz = %n) threads(%tx, %ty, %tz) in (%sx = %n, %sy = %n, %sz = %n) workgroup(%w : memref<4xf32, #gpu.address_space<private>>) {
    gpu.terminator
  }
  return
}

// -----

func.func @launch_private_in_workgroup_memory(%n: index) {
  // expected-error@+1 {{'gpu.launch' op expected memory space private in attribution}}
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %n, %gy = %n, %gz = %n) threads(%tx, %ty, %tz) in (%sx = %n, %sy = %n, %sz = %n) private(%p : memref<4xf32, #gpu.address_space<workgroup>>) {
    gpu.terminator
  }
  return
}

// -----

func.func @launch_attribution_not_memref(%n: index) {
  // expected-error@+1 {{'gpu.launch' op expected memref type in attribution}}
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %n, %gy = %n, %gz = %n) threads(%tx, %ty, %tz) in (%sx = %n, %sy = %n, %sz = %n) workgroup(%w : f32) {
    gpu.terminator
  }
  return
}

// -----

func.func @launch_wrong_terminator(%n: index) {
  // expected-note@+1 {{in 'gpu.launch' body region}}
  gpu.launch blocks(%bx, %by, %bz) in (%gx = %n, %gy = %n, %gz = %n) threads(%tx, %ty, %tz) in (%sx = %n, %sy = %n, %sz = %n) {
    // expected-error@+1 {{expected 'gpu.terminator' or a terminator with successors}}
    gpu.yield
  }
  return
}

// -----

func.func @terminator_outside_launch() {
  // expected-error@+1 {{'gpu.terminator' op expects parent op 'gpu.launch'}}
  gpu.terminator
}

// ---- gpu.launch_func ----

// -----

module {
  func.func @launch_func_outside_container(%n: index) {
    // expected-error@+1 {{'gpu.launch_func' op expected the closest surrounding module to have the 'gpu.container_module' attribute}}
    gpu.launch_func @m::@k blocks in (%n, %n, %n) threads in (%n, %n, %n)
    return
  }
}

// -----

module attributes {gpu.container_module} {
  func.func @undefined_container(%n: index) {
    // expected-error@+1 {{'gpu.launch_func' op kernel container 'm' is undefined}}
    gpu.launch_func @m::@k blocks in (%n, %n, %n) threads in (%n, %n, %n)
    return
  }
}

// -----

module attributes {gpu.container_module} {
  func.func @m(%n: index) {
    // expected-error@+1 {{'gpu.launch_func' op kernel module 'm' is undefined}}
    gpu.launch_func @m::@k blocks in (%n, %n, %n) threads in (%n, %n, %n)
    return
  }
}

// -----

module attributes {gpu.container_module} {
  gpu.module @m {
  }
  func.func @undefined_kernel(%n: index) {
    // expected-error@+1 {{'gpu.launch_func' op kernel function '@m::@k' is undefined}}
    gpu.launch_func @m::@k blocks in (%n, %n, %n) threads in (%n, %n, %n)
    return
  }
}

// -----

module attributes {gpu.container_module} {
  gpu.module @m {
    // expected-note@+1 {{see the kernel definition here}}
    gpu.module @k {
    }
  }
  func.func @kernel_not_a_function(%n: index) {
    // expected-error@+1 {{'gpu.launch_func' op referenced kernel '@m::@k' is not a function}}
    gpu.launch_func @m::@k blocks in (%n, %n, %n) threads in (%n, %n, %n)
    return
  }
}

// -----

module attributes {gpu.container_module} {
  gpu.module @m {
    gpu.func @k() {
      gpu.return
    }
  }
  func.func @not_a_kernel(%n: index) {
    // expected-error@+1 {{'gpu.launch_func' op kernel function is missing the 'gpu.kernel' attribute}}
    gpu.launch_func @m::@k blocks in (%n, %n, %n) threads in (%n, %n, %n)
    return
  }
}

// -----

module attributes {gpu.container_module} {
  gpu.module @m {
    gpu.func @k(%a: f32) kernel {
      gpu.return
    }
  }
  func.func @too_few_kernel_operands(%n: index) {
    // expected-error@+1 {{'gpu.launch_func' op got 0 kernel operands but expected 1}}
    gpu.launch_func @m::@k blocks in (%n, %n, %n) threads in (%n, %n, %n)
    return
  }
}

// -----

module attributes {gpu.container_module} {
  gpu.module @m {
    gpu.func @k(%a: f32) kernel {
      gpu.return
    }
  }
  func.func @kernel_operand_type(%n: index, %i: i32) {
    // expected-error@+1 {{'gpu.launch_func' op type of function argument 0 does not match}}
    gpu.launch_func @m::@k blocks in (%n, %n, %n) threads in (%n, %n, %n) args(%i : i32)
    return
  }
}

// -----

module attributes {gpu.container_module} {
  gpu.module @m {
    gpu.func @k() kernel {
      gpu.return
    }
  }
  func.func @nested_launch_is_checked(%n: index, %b: i1) {
    scf.if %b {
      // expected-error@+1 {{'gpu.launch_func' op kernel function '@m::@missing' is undefined}}
      gpu.launch_func @m::@missing blocks in (%n, %n, %n) threads in (%n, %n, %n)
    }
    return
  }
}

// -----

module attributes {gpu.container_module} {
  func.func @sizes_of_different_types(%n: index, %i: i32) {
    // expected-error@+1 {{'gpu.launch_func' op failed to verify that all of {gridSizeX, gridSizeY, gridSizeZ, blockSizeX, blockSizeY, blockSizeZ} have same type}}
    "gpu.launch_func"(%n, %n, %i, %n, %n, %n) <{kernel = @m::@k, operandSegmentSizes = array<i32: 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0>}> : (index, index, i32, index, index, index) -> ()
    return
  }
}

// -----

module attributes {gpu.container_module} {
  gpu.module @m {
    gpu.func @k() kernel {
      gpu.return
    }
  }
  func.func @cluster_sizes_of_different_types(%n: index, %i: i32) {
    // expected-error@+1 {{'gpu.launch_func' op expects types of the cluster dimensions must be the same}}
    "gpu.launch_func"(%n, %n, %n, %n, %n, %n, %n, %i, %n) <{kernel = @m::@k, operandSegmentSizes = array<i32: 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0>}> : (index, index, index, index, index, index, index, i32, index) -> ()
    return
  }
}

// -----

module attributes {gpu.container_module} {
  func.func @partial_cluster_sizes(%n: index) {
    // expected-error@+1 {{'gpu.launch_func' op cluster size must be all present}}
    "gpu.launch_func"(%n, %n, %n, %n, %n, %n, %n) <{kernel = @m::@k, operandSegmentSizes = array<i32: 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0>}> : (index, index, index, index, index, index, index) -> ()
    return
  }
}

// -----

module attributes {gpu.container_module} {
  func.func @size_of_wrong_type(%x: f32) {
    // expected-error@+1 {{'gpu.launch_func' op operand #0 must be index or 32-bit signless integer or 64-bit signless integer, but got 'f32'}}
    gpu.launch_func @m::@k blocks in (%x, %x, %x) threads in (%x, %x, %x) : f32
    return
  }
}

// ---- gpu.func and gpu.return ----

// -----

// expected-error@+1 {{'gpu.func' op expects parent op 'gpu.module'}}
gpu.func @outside_module() {
  gpu.return
}

// -----

gpu.module @m {
  // expected-error@+1 {{'gpu.func' op expected void return type for kernel function}}
  gpu.func @k() -> f32 kernel {
    %c = arith.constant 1.0 : f32
    gpu.return %c : f32
  }
}

// -----

gpu.module @m {
  // expected-error@+1 {{'gpu.func' op expected at least 4 arguments to body region}}
  "gpu.func"() <{function_type = (f32) -> ()}> ({
  ^bb0(%a: f32):
    "gpu.return"() : () -> ()
  }) {sym_name = "k", workgroup_attributions = 3 : i64} : () -> ()
}

// -----

gpu.module @m {
  // expected-error@+1 {{'gpu.func' op expected body region argument #0 to be of type 'f32', got 'i32'}}
  "gpu.func"() <{function_type = (f32) -> ()}> ({
  ^bb0(%a: i32):
    "gpu.return"() : () -> ()
  }) {sym_name = "k"} : () -> ()
}

// -----

gpu.module @m {
  // expected-error@+1 {{'gpu.func' op expected body with at least one block}}
  "gpu.func"() <{function_type = (f32) -> ()}> ({
  }) {sym_name = "k"} : () -> ()
}

// -----

gpu.module @m {
  // expected-error@+1 {{'gpu.func' op requires string attribute 'sym_name'}}
  "gpu.func"() <{function_type = () -> ()}> ({
    "gpu.return"() : () -> ()
  }) : () -> ()
}

// -----

gpu.module @m {
  // expected-error@+1 {{'gpu.func' op attribute 'known_block_size' failed to satisfy constraint: i32 dense array attribute with 3 elements (if present)}}
  gpu.func @k() kernel attributes {known_block_size = array<i32: 32, 1>} {
    gpu.return
  }
}

// -----

gpu.module @m {
  // expected-error@+1 {{'gpu.func' op expects argument attribute array to have the same number of elements as the number of function arguments, got 2, but expected 1}}
  "gpu.func"() <{function_type = (f32) -> (), arg_attrs = [{}, {}]}> ({
  ^bb0(%a: f32):
    "gpu.return"() : () -> ()
  }) {sym_name = "k"} : () -> ()
}

// -----

gpu.module @m {
  // expected-error@+1 {{'gpu.func' op expects result attribute array to have the same number of elements as the number of function results, got 0, but expected 1}}
  "gpu.func"() <{function_type = () -> f32, res_attrs = []}> ({
    %c = arith.constant 1.0 : f32
    "gpu.return"(%c) : (f32) -> ()
  }) {sym_name = "k"} : () -> ()
}

// -----

gpu.module @m {
  // expected-error@+1 {{'gpu.func' op arguments may only have dialect attributes}}
  gpu.func @k(%a: f32 {noalias}) {
    gpu.return
  }
}

// -----

gpu.module @m {
  // expected-error@+1 {{'gpu.func' op expected memory space workgroup in attribution}}
  gpu.func @k() workgroup(%w : memref<4xf32, #gpu.address_space<private>>) {
    gpu.return
  }
}

// -----

gpu.module @m {
  // expected-error@+1 {{'gpu.func' op expected memory space private in attribution}}
  gpu.func @k() private(%p : memref<4xf32, #gpu.address_space<workgroup>>) {
    gpu.return
  }
}

// -----

gpu.module @m {
  // expected-error@+1 {{'gpu.func' op expected memref type in attribution}}
  gpu.func @k() private(%p : f32) {
    gpu.return
  }
}

// -----

func.func @return_outside_gpu_func() {
  // expected-error@+1 {{'gpu.return' op expects parent op 'gpu.func'}}
  gpu.return
}

// -----

gpu.module @m {
  // expected-note@+1 {{return type declared here}}
  gpu.func @k() -> f32 {
    // expected-error@+1 {{'gpu.return' op expected 1 result operands}}
    gpu.return
  }
}

// -----

gpu.module @m {
  gpu.func @k() -> f32 {
    %c = arith.constant 1 : i32
    // expected-error@+1 {{'gpu.return' op unexpected type `'i32'' for operand #0}}
    gpu.return %c : i32
  }
}

// ---- gpu.module ----

// -----

// expected-error@+1 {{'gpu.module' op attribute 'targets' failed to satisfy constraint: array of GPU target attributes with at least 1 elements}}
gpu.module @m [] {
}

// ---- shuffles and reductions ----

// -----

func.func @shuffle_result_type(%x: f32, %i: i32) {
  // expected-error@+1 {{'gpu.shuffle' op failed to verify that all of {value, shuffleResult} have same type}}
  %a, %b = "gpu.shuffle"(%x, %i, %i) <{mode = #gpu<shuffle_mode xor>}> : (f32, i32, i32) -> (i32, i1)
  return
}

// -----

func.func @shuffle_index(%x: index, %i: i32) {
  // expected-error@+1 {{'gpu.shuffle' op operand #0 must be Integer or Float or fixed-length vector of Integer or Float values of ranks 1, but got 'index'}}
  %a, %b = gpu.shuffle xor %x, %i, %i : index
  return
}

// -----

func.func @shuffle_offset_type(%x: f32, %i: i64) {
  // expected-error@+1 {{'gpu.shuffle' op operand #1 must be 32-bit signless integer, but got 'i64'}}
  %a, %b = "gpu.shuffle"(%x, %i, %i) <{mode = #gpu<shuffle_mode up>}> : (f32, i64, i64) -> (f32, i1)
  return
}

// -----

func.func @all_reduce_neither(%x: f32) {
  // expected-error@+1 {{expected either an op attribute or a non-empty body}}
  %a = gpu.all_reduce %x {} : (f32) -> f32
  return
}

// -----

func.func @all_reduce_both(%x: f32) {
  // expected-error@+1 {{expected either an op attribute or a non-empty body}}
  %a = gpu.all_reduce add %x {
  ^bb0(%lhs: f32, %rhs: f32):
    gpu.yield %lhs : f32
  } : (f32) -> f32
  return
}

// -----

func.func @all_reduce_one_argument(%x: f32) {
  // expected-error@+1 {{expected two region arguments}}
  %a = gpu.all_reduce %x {
  ^bb0(%lhs: f32):
    gpu.yield %lhs : f32
  } : (f32) -> f32
  return
}

// -----

func.func @all_reduce_argument_type(%x: f32) {
  // expected-error@+1 {{incorrect region argument type}}
  %a = gpu.all_reduce %x {
  ^bb0(%lhs: f32, %rhs: i32):
    gpu.yield %lhs : f32
  } : (f32) -> f32
  return
}

// -----

func.func @all_reduce_two_yielded(%x: f32) {
  // expected-error@+1 {{expected one gpu.yield operand}}
  %a = gpu.all_reduce %x {
  ^bb0(%lhs: f32, %rhs: f32):
    gpu.yield %lhs, %rhs : f32, f32
  } : (f32) -> f32
  return
}

// -----

func.func @all_reduce_yield_type(%x: f32) {
  // expected-error@+1 {{incorrect gpu.yield type}}
  %a = gpu.all_reduce %x {
  ^bb0(%lhs: f32, %rhs: f32):
    %c = arith.constant 1 : i32
    gpu.yield %c : i32
  } : (f32) -> f32
  return
}

// -----

func.func @all_reduce_without_yield(%x: f32) {
  // expected-error@+1 {{expected gpu.yield op in region}}
  %a = gpu.all_reduce %x {
  ^bb0(%lhs: f32, %rhs: f32):
    gpu.barrier
    cf.br ^bb1
  ^bb1:
    gpu.terminator
  } : (f32) -> f32
  return
}

// -----

func.func @all_reduce_and_of_floats(%x: f32) {
  // expected-error@+1 {{`and` reduction operation is not compatible with type 'f32'}}
  %a = gpu.all_reduce and %x {} : (f32) -> f32
  return
}

// -----

func.func @all_reduce_maxnumf_of_integers(%x: i32) {
  // expected-error@+1 {{`maxnumf` reduction operation is not compatible with type 'i32'}}
  %a = gpu.all_reduce maxnumf %x {} : (i32) -> i32
  return
}

// -----

func.func @all_reduce_uses_outer_value(%x: f32) {
  // expected-note@+1 {{required by region isolation constraints}}
  %a = gpu.all_reduce %x {
  ^bb0(%lhs: f32, %rhs: f32):
    // expected-error@+1 {{'gpu.yield' op using value defined outside the region}}
    gpu.yield %x : f32
  } : (f32) -> f32
  return
}

// -----

func.func @subgroup_reduce_xor_of_floats(%x: f32) {
  // expected-error@+1 {{`xor` reduction operation is not compatible with type 'f32'}}
  %a = gpu.subgroup_reduce xor %x : (f32) -> f32
  return
}

// -----

func.func @subgroup_reduce_scalable(%x: vector<[4]xf32>) {
  // expected-error@+1 {{'gpu.subgroup_reduce' op operand #0 must be Integer or Float or fixed-length vector of Integer or Float values of ranks 1, but got 'vector<[4]xf32>'}}
  %a = gpu.subgroup_reduce add %x : (vector<[4]xf32>) -> vector<[4]xf32>
  return
}

// -----

func.func @subgroup_reduce_2d(%x: vector<2x4xf32>) {
  // expected-error@+1 {{'gpu.subgroup_reduce' op operand #0 must be Integer or Float or fixed-length vector of Integer or Float values of ranks 1, but got 'vector<2x4xf32>'}}
  %a = gpu.subgroup_reduce add %x : (vector<2x4xf32>) -> vector<2x4xf32>
  return
}

// -----

func.func @subgroup_reduce_cluster_size(%x: f32) {
  // expected-error@+1 {{'gpu.subgroup_reduce' op cluster size 3 is not a power of two}}
  %a = gpu.subgroup_reduce add %x cluster(size = 3) : (f32) -> f32
  return
}

// -----

func.func @subgroup_reduce_cluster_stride(%x: f32) {
  // expected-error@+1 {{'gpu.subgroup_reduce' op cluster stride 3 is not a power of two}}
  %a = gpu.subgroup_reduce add %x cluster(size = 4, stride = 3) : (f32) -> f32
  return
}

// -----

func.func @subgroup_reduce_stride_without_size(%x: f32) {
  // expected-error@+1 {{'gpu.subgroup_reduce' op cluster stride can only be specified if cluster size is specified}}
  %a = "gpu.subgroup_reduce"(%x) <{op = #gpu<all_reduce_op add>, cluster_stride = 2 : i32}> : (f32) -> f32
  return
}

// -----

func.func @subgroup_reduce_result_type(%x: f32) {
  // expected-error@+1 {{'gpu.subgroup_reduce' op requires the same type for all operands and results}}
  %a = gpu.subgroup_reduce add %x : (f32) -> f16
  return
}

// ---- memory ----

// -----

func.func @memcpy_element_types(%a: memref<4xf32>, %b: memref<4xi32>) {
  // expected-error@+1 {{'gpu.memcpy' op arguments have incompatible element type}}
  gpu.memcpy %a, %b : memref<4xf32>, memref<4xi32>
  return
}

// -----

func.func @memcpy_shapes(%a: memref<4xf32>, %b: memref<5xf32>) {
  // expected-error@+1 {{'gpu.memcpy' op arguments have incompatible shape}}
  gpu.memcpy %a, %b : memref<4xf32>, memref<5xf32>
  return
}

// -----

func.func @memset_element_type(%a: memref<4xf32>, %v: i32) {
  // expected-error@+1 {{'gpu.memset' op failed to verify that all of {dst, value} have same element type}}
  gpu.memset %a, %v : memref<4xf32>, i32
  return
}

// -----

func.func @alloc_missing_size() {
  // expected-error@+1 {{'gpu.alloc' op incorrect number of dynamic sizes, has 0, expected 1}}
  %m = gpu.alloc () : memref<?xf32>
  return
}

// -----

func.func @alloc_symbols(%n: index) {
  // expected-error@+1 {{'gpu.alloc' op symbol operand count does not equal memref symbol count}}
  %m = gpu.alloc (%n)[%n] : memref<?xf32>
  return
}

// -----

func.func @alloc_of_tensor() {
  // expected-error@+1 {{'gpu.alloc' op result #0 must be memref of any type values, but got 'tensor<4xf32>'}}
  %m = "gpu.alloc"() <{operandSegmentSizes = array<i32: 0, 0, 0>}> : () -> tensor<4xf32>
  return
}

// -----

func.func @printf_of_vector(%v: vector<2xf32>) {
  // expected-error@+1 {{'gpu.printf' op operand #0 must be integer or index or floating-point, but got 'vector<2xf32>'}}
  gpu.printf "%f", %v : vector<2xf32>
  return
}
