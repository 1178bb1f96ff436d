// RUN: ml-opt %s --split-input-file --convert-gpu-to-nvvm | FileCheck %s
// RUN: %mlir_opt %s --split-input-file --convert-gpu-to-nvvm | FileCheck %s

// Upstream mlir-opt 22 gives the same output (second RUN line), except
// that with several memref arguments it rebuilds their descriptors in
// reverse order of first use, where we go in argument order (the CHECK
// lines of the last case leave the descriptors out).

// A kernel: memref arguments as descriptor fields, ids as special
// registers, a workgroup attribution in shared memory (a global), a private
// one on the stack, barrier, shuffle, libdevice math; the module's
// func.func gets a C wrapper.
// CHECK-LABEL: gpu.module @kernels {
// CHECK-NEXT:    llvm.mlir.global internal @__wg_kernel_0() {addr_space = 3 : i32} : !llvm.array<32 x f32>
// CHECK-NEXT:    llvm.func @__nv_expf(f32) -> f32
// CHECK-NEXT:    llvm.func @kernel(%[[ALLOC:.*]]: !llvm.ptr, %[[ALIGNED:.*]]: !llvm.ptr, %[[OFF:.*]]: i64, %[[SIZE:.*]]: i64, %[[STRIDE:.*]]: i64, %[[F:.*]]: f32) attributes {gpu.kernel, nvvm.kernel} {
// CHECK-NEXT:      %[[P:.*]] = llvm.mlir.poison : !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
// CHECK-NEXT:      %[[D0:.*]] = llvm.insertvalue %[[ALLOC]], %[[P]][0]
// CHECK-NEXT:      %[[D1:.*]] = llvm.insertvalue %[[ALIGNED]], %[[D0]][1]
// CHECK:           %[[A:.*]] = llvm.insertvalue %[[STRIDE]], %{{.*}}[4, 0]
// CHECK-NEXT:      %[[WG:.*]] = llvm.mlir.addressof @__wg_kernel_0 : !llvm.ptr<3>
// CHECK-NEXT:      %[[WGSTART:.*]] = llvm.getelementptr %[[WG]][0, 0] : (!llvm.ptr<3>) -> !llvm.ptr<3>, !llvm.array<32 x f32>
// CHECK-NEXT:      llvm.mlir.poison : !llvm.struct<(ptr<3>, ptr<3>, i64, array<1 x i64>, array<1 x i64>)>
// CHECK:           %[[SHARED:.*]] = llvm.insertvalue %{{.*}}[4, 0] : !llvm.struct<(ptr<3>, ptr<3>, i64, array<1 x i64>, array<1 x i64>)>
// CHECK-NEXT:      %[[FOUR:.*]] = llvm.mlir.constant(4 : i64) : i64
// CHECK-NEXT:      %[[SLOT:.*]] = llvm.alloca %[[FOUR]] x f32 : (i64) -> !llvm.ptr
// CHECK:           %[[SCRATCH:.*]] = llvm.insertvalue %{{.*}}[4, 0] : !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
// CHECK-NEXT:      %[[W32:.*]] = llvm.mlir.constant(32 : i32) : i32
// CHECK-NEXT:      %[[O1:.*]] = llvm.mlir.constant(1 : i32) : i32
// CHECK-NEXT:      %[[TID:.*]] = nvvm.read.ptx.sreg.tid.x : i32
// CHECK-NEXT:      %[[TX:.*]] = llvm.sext %[[TID]] : i32 to i64
// CHECK-NEXT:      %[[CTAID:.*]] = nvvm.read.ptx.sreg.ctaid.x : i32
// CHECK-NEXT:      %[[BX:.*]] = llvm.sext %[[CTAID]] : i32 to i64
// CHECK-NEXT:      %[[I:.*]] = llvm.add %[[TX]], %[[BX]] : i64
// CHECK:           %[[X:.*]] = llvm.load
// CHECK-NEXT:      %[[E:.*]] = llvm.call @__nv_expf(%[[X]]) : (f32) -> f32
// CHECK-NEXT:      %[[SBASE:.*]] = llvm.extractvalue %[[SHARED]][1]
// CHECK-NEXT:      %[[SADDR:.*]] = llvm.getelementptr inbounds|nuw %[[SBASE]][%[[TX]]] : (!llvm.ptr<3>, i64) -> !llvm.ptr<3>, f32
// CHECK-NEXT:      llvm.store %[[E]], %[[SADDR]] : f32, !llvm.ptr<3>
// CHECK-NEXT:      llvm.extractvalue %[[SCRATCH]][1]
// CHECK:           nvvm.barrier0
// CHECK-NEXT:      %[[ONE:.*]] = llvm.mlir.constant(1 : i32) : i32
// CHECK-NEXT:      %[[ALL:.*]] = llvm.mlir.constant(-1 : i32) : i32
// CHECK-NEXT:      %[[WARP:.*]] = llvm.mlir.constant(32 : i32) : i32
// CHECK-NEXT:      %[[INACTIVE:.*]] = llvm.sub %[[WARP]], %[[W32]] : i32
// CHECK-NEXT:      %[[MASK:.*]] = llvm.lshr %[[ALL]], %[[INACTIVE]] : i32
// CHECK-NEXT:      %[[CLAMP:.*]] = llvm.sub %[[W32]], %[[ONE]] : i32
// CHECK-NEXT:      nvvm.shfl.sync bfly %[[MASK]], %[[E]], %[[O1]], %[[CLAMP]] : f32 -> f32
// CHECK:           llvm.return
// CHECK:         llvm.func @__nv_sqrtf(f32) -> f32
// CHECK-NEXT:    llvm.func @helper(%[[H:.*]]: f32) -> f32 attributes {llvm.emit_c_interface} {
// CHECK-NEXT:      %[[R:.*]] = llvm.call @__nv_sqrtf(%[[H]]) : (f32) -> f32
// CHECK-NEXT:      llvm.return %[[R]] : f32
// CHECK:         llvm.func @_mlir_ciface_helper(
gpu.module @kernels {
  gpu.func @kernel(%a: memref<?xf32>, %f: f32) workgroup(%shared : memref<32xf32, #gpu.address_space<workgroup>>) private(%scratch : memref<4xf32, #gpu.address_space<private>>) kernel {
    %tx = gpu.thread_id x
    %bx = gpu.block_id x
    %i = arith.addi %tx, %bx : index
    %x = memref.load %a[%i] : memref<?xf32>
    %e = math.exp %x : f32
    memref.store %e, %shared[%tx] : memref<32xf32, #gpu.address_space<workgroup>>
    memref.store %e, %scratch[%tx] : memref<4xf32, #gpu.address_space<private>>
    gpu.barrier
    %c1 = arith.constant 1 : i32
    %c32 = arith.constant 32 : i32
    %v, %valid = gpu.shuffle xor %e, %c1, %c32 : f32
    memref.store %v, %a[%i] : memref<?xf32>
    gpu.return
  }
  func.func @helper(%x: f32) -> f32 {
    %y = math.sqrt %x : f32
    return %y : f32
  }
}

// -----

// Known sizes give the registers ranges and the kernel nvvm.maxntid; an
// upper bound wins; a used validity bit makes the shuffle return a struct;
// global memory is address space 1; branches become llvm branches; a
// device function returns a value.
// CHECK-LABEL: gpu.module @known {
// CHECK-NEXT:    llvm.func @kernel(%{{.*}}: !llvm.ptr<1>, %{{.*}}: !llvm.ptr<1>, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %[[N:.*]]: i64, %[[F:.*]]: f32) attributes {gpu.kernel, gpu.known_block_size = array<i32: 128, 1, 1>, gpu.known_grid_size = array<i32: 16, 2, 1>, nvvm.kernel, nvvm.maxntid = array<i32: 128, 1, 1>} {
// CHECK:           nvvm.read.ptx.sreg.tid.x range <i32, 0, 128> : i32
// CHECK:           nvvm.read.ptx.sreg.tid.y range <i32, 0, 4> : i32
// CHECK:           nvvm.read.ptx.sreg.ctaid.y range <i32, 0, 2> : i32
// CHECK:           nvvm.read.ptx.sreg.ntid.x range <i32, 1, 129> : i32
// CHECK:           nvvm.read.ptx.sreg.nctaid.z range <i32, 1, 2> : i32
// CHECK:           nvvm.read.ptx.sreg.laneid range <i32, 0, 32> : i32
// CHECK:           %[[INACTIVE:.*]] = llvm.sub
// CHECK-NEXT:      %[[MASK:.*]] = llvm.lshr %{{.*}}, %[[INACTIVE]] : i32
// CHECK-NEXT:      %[[SH:.*]] = nvvm.shfl.sync up %[[MASK]], %[[F]], %{{.*}}, %[[INACTIVE]] {return_value_and_is_valid} : f32 -> !llvm.struct<(f32, i1)>
// CHECK-NEXT:      %[[V:.*]] = llvm.extractvalue %[[SH]][0] : !llvm.struct<(f32, i1)>
// CHECK-NEXT:      %[[OK:.*]] = llvm.extractvalue %[[SH]][1] : !llvm.struct<(f32, i1)>
// CHECK:           %[[P:.*]] = llvm.icmp "slt" %{{.*}}, %[[N]] : i64
// CHECK-NEXT:      llvm.cond_br %[[P]], ^bb1, ^bb2
// CHECK:         ^bb1:
// CHECK-NEXT:      llvm.select %[[OK]], %[[V]], %[[F]] : i1, f32
// CHECK:           llvm.getelementptr inbounds|nuw %{{.*}}[%{{.*}}] : (!llvm.ptr<1>, i64) -> !llvm.ptr<1>, f32
// CHECK:           llvm.br ^bb2
// CHECK:         llvm.func @__nv_exp(f64) -> f64
// CHECK-NEXT:    llvm.func @__nv_rsqrt(f64) -> f64
// CHECK-NEXT:    llvm.func @device(%[[X:.*]]: f64) -> f64 {
// CHECK-NEXT:      %[[E:.*]] = llvm.call @__nv_exp(%[[X]]) : (f64) -> f64
// CHECK-NEXT:      %[[R:.*]] = llvm.call @__nv_rsqrt(%[[E]]) : (f64) -> f64
// CHECK-NEXT:      llvm.return %[[R]] : f64
gpu.module @known {
  gpu.func @kernel(%a: memref<16xf32, #gpu.address_space<global>>, %n: index, %f: f32) kernel attributes {known_block_size = array<i32: 128, 1, 1>, known_grid_size = array<i32: 16, 2, 1>} {
    %tx = gpu.thread_id x
    %ty = gpu.thread_id y upper_bound 4
    %by = gpu.block_id y
    %bd = gpu.block_dim x
    %gd = gpu.grid_dim z
    %lane = gpu.lane_id
    %c1 = arith.constant 1 : i32
    %c32 = arith.constant 32 : i32
    %v, %ok = gpu.shuffle up %f, %c1, %c32 : f32
    %s1 = arith.addi %tx, %ty : index
    %s2 = arith.addi %s1, %by : index
    %s3 = arith.addi %s2, %bd : index
    %s4 = arith.addi %s3, %gd : index
    %s5 = arith.addi %s4, %lane : index
    %p = arith.cmpi slt, %s5, %n : index
    cf.cond_br %p, ^bb1, ^bb2
  ^bb1:
    %z = arith.select %ok, %v, %f : f32
    memref.store %z, %a[%s5] : memref<16xf32, #gpu.address_space<global>>
    cf.br ^bb2
  ^bb2:
    gpu.return
  }
  gpu.func @device(%x: f64) -> f64 {
    %e = math.exp %x : f64
    %r = math.rsqrt %e : f64
    gpu.return %r : f64
  }
}

// -----

// gpu.global_id is block id times block size plus thread id; cluster ids
// and sizes; a 64-bit shuffle is two 32-bit ones; the faster libdevice
// functions under afn, f16 through f32, vectors element by element.
// CHECK-LABEL: gpu.module @more {
// CHECK-NEXT:    llvm.func @__nv_fast_expf(f32) -> f32
// CHECK-NEXT:    llvm.func @__nv_expf(f32) -> f32
// CHECK-NEXT:    llvm.func @__nv_fmodf(f32, f32) -> f32
// CHECK-NEXT:    llvm.func @kernel(%{{.*}}, %[[D:.*]]: f64, %[[O:.*]]: i32, %[[W:.*]]: i32, %[[H:.*]]: f16, %[[X:.*]]: f32, %[[VEC:.*]]: vector<2xf32>, {{.*}}) attributes {gpu.kernel, gpu.known_cluster_size = array<i32: 2, 1, 1>, nvvm.cluster_dim = array<i32: 2, 1, 1>, nvvm.kernel} {
// CHECK:           %[[C32:.*]] = llvm.mlir.constant(32 : i64) : i64
// CHECK:           %[[CTAID:.*]] = nvvm.read.ptx.sreg.ctaid.x : i32
// CHECK-NEXT:      %[[BX:.*]] = llvm.sext %[[CTAID]] : i32 to i64
// CHECK-NEXT:      %[[NTID:.*]] = nvvm.read.ptx.sreg.ntid.x : i32
// CHECK-NEXT:      %[[BD:.*]] = llvm.sext %[[NTID]] : i32 to i64
// CHECK-NEXT:      %[[OFFSET:.*]] = llvm.mul %[[BX]], %[[BD]] : i64
// CHECK-NEXT:      %[[TID:.*]] = nvvm.read.ptx.sreg.tid.x : i32
// CHECK-NEXT:      %[[TX:.*]] = llvm.sext %[[TID]] : i32 to i64
// CHECK-NEXT:      llvm.add %[[TX]], %[[OFFSET]] : i64
// CHECK-NEXT:      nvvm.read.ptx.sreg.clusterid.x : i32
// CHECK-NEXT:      llvm.sext
// CHECK-NEXT:      nvvm.read.ptx.sreg.cluster.ctaid.y range <i32, 0, 1> : i32
// CHECK-NEXT:      llvm.sext
// CHECK-NEXT:      nvvm.read.ptx.sreg.cluster.nctaid.x range <i32, 1, 3> : i32
// CHECK:           %[[BITS:.*]] = llvm.bitcast %[[D]] : f64 to i64
// CHECK-NEXT:      %[[LO:.*]] = llvm.trunc %[[BITS]] : i64 to i32
// CHECK-NEXT:      %[[SHIFTED:.*]] = llvm.lshr %[[BITS]], %[[C32]] : i64
// CHECK-NEXT:      %[[HI:.*]] = llvm.trunc %[[SHIFTED]] : i64 to i32
// CHECK:           %[[LOSH:.*]] = nvvm.shfl.sync down %{{.*}}, %[[LO]], %[[O]], %{{.*}} : i32 -> i32
// CHECK:           %[[HISH:.*]] = nvvm.shfl.sync down %{{.*}}, %[[HI]], %[[O]], %{{.*}} : i32 -> i32
// CHECK-NEXT:      %[[LO64:.*]] = llvm.zext %[[LOSH]] : i32 to i64
// CHECK-NEXT:      %[[HI64:.*]] = llvm.zext %[[HISH]] : i32 to i64
// CHECK-NEXT:      %[[HIGH:.*]] = llvm.shl %[[HI64]], %[[C32]] : i64
// CHECK-NEXT:      %[[JOINED:.*]] = llvm.or %[[HIGH]], %[[LO64]] : i64
// CHECK-NEXT:      %[[SHUFFLED:.*]] = llvm.bitcast %[[JOINED]] : i64 to f64
// CHECK-NEXT:      %[[FAST:.*]] = llvm.call @__nv_fast_expf(%[[X]]) : (f32) -> f32
// CHECK-NEXT:      %[[WIDE:.*]] = llvm.fpext %[[H]] : f16 to f32
// CHECK-NEXT:      %[[HEXP:.*]] = llvm.call @__nv_expf(%[[WIDE]]) : (f32) -> f32
// CHECK-NEXT:      %[[HALF:.*]] = llvm.fptrunc %[[HEXP]] : f32 to f16
// CHECK-NEXT:      %[[PV:.*]] = llvm.mlir.poison : vector<2xf32>
// CHECK-NEXT:      %[[I0:.*]] = llvm.mlir.constant(0 : i64) : i64
// CHECK-NEXT:      %[[E0:.*]] = llvm.extractelement %[[VEC]][%[[I0]] : i64] : vector<2xf32>
// CHECK-NEXT:      %[[R0:.*]] = llvm.call @__nv_expf(%[[E0]]) : (f32) -> f32
// CHECK-NEXT:      %[[V0:.*]] = llvm.insertelement %[[R0]], %[[PV]][%[[I0]] : i64] : vector<2xf32>
// CHECK-NEXT:      %[[I1:.*]] = llvm.mlir.constant(1 : i64) : i64
// CHECK-NEXT:      %[[E1:.*]] = llvm.extractelement %[[VEC]][%[[I1]] : i64] : vector<2xf32>
// CHECK-NEXT:      %[[R1:.*]] = llvm.call @__nv_expf(%[[E1]]) : (f32) -> f32
// CHECK-NEXT:      %[[V1:.*]] = llvm.insertelement %[[R1]], %[[V0]][%[[I1]] : i64] : vector<2xf32>
// CHECK-NEXT:      %[[REM:.*]] = llvm.call @__nv_fmodf(%[[X]], %[[FAST]]) : (f32, f32) -> f32
// CHECK:           llvm.store %[[SHUFFLED]], %{{.*}} : f64, !llvm.ptr
// CHECK:           llvm.store %[[FAST]], %{{.*}} : f32, !llvm.ptr
// CHECK:           llvm.store %[[REM]], %{{.*}} : f32, !llvm.ptr
// CHECK:           llvm.store %[[HALF]], %{{.*}} : f16, !llvm.ptr
// CHECK:           llvm.store %[[V1]], %{{.*}} : vector<2xf32>, !llvm.ptr
gpu.module @more {
  gpu.func @kernel(%out: memref<4xindex>, %d: f64, %o: i32, %w: i32, %h: f16, %x: f32, %vec: vector<2xf32>, %fo: memref<2xf32>, %do: memref<f64>, %ho: memref<f16>, %vo: memref<vector<2xf32>>) kernel attributes {known_cluster_size = array<i32: 2, 1, 1>} {
    %gid = gpu.global_id x
    %cid = gpu.cluster_id x
    %cbid = gpu.cluster_block_id y
    %cdb = gpu.cluster_dim_blocks x
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    memref.store %gid, %out[%c0] : memref<4xindex>
    %s = arith.addi %cid, %cbid : index
    %t = arith.addi %s, %cdb : index
    memref.store %t, %out[%c1] : memref<4xindex>
    %v, %ok = gpu.shuffle down %d, %o, %w : f64
    %fast = math.exp %x fastmath<afn> : f32
    %half = math.exp %h : f16
    %vexp = math.exp %vec : vector<2xf32>
    %rem = arith.remf %x, %fast : f32
    memref.store %v, %do[] : memref<f64>
    memref.store %fast, %fo[%c0] : memref<2xf32>
    memref.store %rem, %fo[%c1] : memref<2xf32>
    memref.store %half, %ho[] : memref<f16>
    memref.store %vexp, %vo[] : memref<vector<2xf32>>
    gpu.return
  }
}

// -----

// cf.assert calls __assertfail with the message, the file, the line and
// the function when the condition is false.
// CHECK-LABEL: gpu.module @asserts {
// CHECK-NEXT:    llvm.mlir.global internal constant @assert_func_0("(unknown)\00") {addr_space = 0 : i32}
// CHECK-NEXT:    llvm.mlir.global internal constant @assert_file_0("{{.*}}convert-gpu-to-nvvm.mlir\00") {addr_space = 0 : i32}
// CHECK-NEXT:    llvm.mlir.global internal constant @assert_message_0("n must be positive\00") {addr_space = 0 : i32}
// CHECK-NEXT:    llvm.func @__assertfail(!llvm.ptr, !llvm.ptr, i32, !llvm.ptr, i64) attributes {passthrough = ["noreturn"]}
// CHECK-NEXT:    llvm.func @kernel(%[[OK:.*]]: i1) attributes {gpu.kernel, nvvm.kernel} {
// CHECK-NEXT:      llvm.cond_br %[[OK]], ^bb2, ^bb1
// CHECK-NEXT:    ^bb1:
// CHECK-NEXT:      %[[M:.*]] = llvm.mlir.addressof @assert_message_0 : !llvm.ptr
// CHECK-NEXT:      %[[MS:.*]] = llvm.getelementptr %[[M]][0, 0] : (!llvm.ptr) -> !llvm.ptr, !llvm.array<19 x i8>
// CHECK-NEXT:      %[[F:.*]] = llvm.mlir.addressof @assert_file_0 : !llvm.ptr
// CHECK-NEXT:      %[[FS:.*]] = llvm.getelementptr %[[F]][0, 0]
// CHECK-NEXT:      %[[N:.*]] = llvm.mlir.addressof @assert_func_0 : !llvm.ptr
// CHECK-NEXT:      %[[NS:.*]] = llvm.getelementptr %[[N]][0, 0] : (!llvm.ptr) -> !llvm.ptr, !llvm.array<10 x i8>
// CHECK-NEXT:      %[[LINE:.*]] = llvm.mlir.constant({{[0-9]+}} : i32) : i32
// CHECK-NEXT:      %[[ONE:.*]] = llvm.mlir.constant(1 : i64) : i64
// CHECK-NEXT:      llvm.call @__assertfail(%[[MS]], %[[FS]], %[[LINE]], %[[NS]], %[[ONE]]) : (!llvm.ptr, !llvm.ptr, i32, !llvm.ptr, i64) -> ()
// CHECK-NEXT:      llvm.br ^bb2
// CHECK-NEXT:    ^bb2:
// CHECK-NEXT:      llvm.return
gpu.module @asserts {
  gpu.func @kernel(%ok: i1) kernel {
    cf.assert %ok, "n must be positive"
    gpu.return
  }
}
