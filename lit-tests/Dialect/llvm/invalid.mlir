// RUN: ml-opt %s --split-input-file --verify-diagnostics

llvm.func @insert_position(%s: !llvm.struct<(i32, f32)>, %x: i32) {
  // expected-error@+1 {{expected an LLVM struct or array type with an element at the position}}
  %0 = llvm.insertvalue %x, %s[2] : !llvm.struct<(i32, f32)>
  llvm.return
}

// -----

llvm.func @extract_type(%s: !llvm.struct<(i32, f32)>) {
  // expected-error@+1 {{'llvm.extractvalue' op result type does not match the element at the position}}
  %0 = "llvm.extractvalue"(%s) <{position = array<i64: 0>}> : (!llvm.struct<(i32, f32)>) -> f32
  llvm.return
}

// -----

llvm.func @return_type(%x: i32) -> f32 {
  // expected-error@+1 {{'llvm.return' op mismatching result types: 'i32' returned, 'f32' expected}}
  llvm.return %x : i32
}

// -----

llvm.func @return_void(%x: i32) {
  // expected-error@+1 {{'llvm.return' op expected no operands}}
  llvm.return %x : i32
}

// -----

// expected-error@+1 {{'llvm.func' op external functions must have 'external' or 'extern_weak' linkage}}
llvm.func internal @declared()

// -----

llvm.func @caller() {
  // expected-error@+1 {{'llvm.call' op 'nowhere' does not reference a valid LLVM function}}
  llvm.call @nowhere() : () -> ()
  llvm.return
}

// -----

llvm.func @callee(i32) -> i32
llvm.func @caller(%x: i64) {
  // expected-error@+1 {{'llvm.call' op operand types do not match the signature of 'callee'}}
  %0 = llvm.call @callee(%x) : (i64) -> i32
  llvm.return
}

// -----

llvm.func @gep(%p: !llvm.ptr, %i: i64) {
  // expected-error@+1 {{'llvm.getelementptr' op expected as many dynamic indices as specified in 'rawConstantIndices'}}
  %0 = "llvm.getelementptr"(%p, %i) <{elem_type = f32, rawConstantIndices = array<i32: 0>}> : (!llvm.ptr, i64) -> !llvm.ptr
  llvm.return
}

// -----

llvm.func @gep_index(%p: !llvm.ptr) {
  // expected-error@+1 {{constant GEP index must fit in 32 bits}}
  %0 = llvm.getelementptr %p[4294967296] : (!llvm.ptr) -> !llvm.ptr, f32
  llvm.return
}

// -----

llvm.func @predicate(%a: i32) {
  // expected-error@+1 {{expected one of [eq, ne, slt, sle, sgt, sge, ult, ule, ugt, uge], found "lt"}}
  %0 = llvm.icmp "lt" %a, %a : i32
  llvm.return
}

// -----

llvm.func @load_from_int(%a: i64) {
  // expected-error@+1 {{'llvm.load' op operand #0 must be LLVM pointer type, but got 'i64'}}
  %0 = llvm.load %a : i64 -> f32
  llvm.return
}

// -----

llvm.func @select_types(%c: i1, %a: i32, %b: i64) {
  // expected-error@+1 {{'llvm.select' op failed to verify that all of {trueValue, falseValue, res} have same type}}
  %0 = "llvm.select"(%c, %a, %b) : (i1, i32, i64) -> i32
  llvm.return
}

// -----

// expected-error@+1 {{'llvm.mlir.global' op cannot have both a value and an initializer region}}
llvm.mlir.global internal @both(1 : i32) : i32 {
  %c = llvm.mlir.constant(1 : i32) : i32
  llvm.return %c : i32
}

// -----

llvm.func @address() {
  // expected-error@+1 {{'llvm.mlir.addressof' op must reference a global defined by 'llvm.mlir.global' or 'llvm.func'}}
  %0 = llvm.mlir.addressof @missing : !llvm.ptr
  llvm.return
}

// -----

func.func @index_is_not_llvm(%a: index) {
  // expected-error@+1 {{'llvm.add' op operand #0 must be signless integer or LLVM dialect-compatible vector of signless integer, but got 'index'}}
  %0 = llvm.add %a, %a : index
  return
}

// -----

// expected-error@+1 {{expected an LLVM-compatible type, found 'index'}}
llvm.func @index_argument(%a: index)

// -----

func.func @bad_struct(%s: !llvm.struct<(i32, tensor<4xf32>)>) {
  // expected-error@+1 {{'llvm.extractvalue' op operand #0 must be LLVM dialect-compatible type, but got '!llvm.struct<(i32, tensor<4xf32>)>'}}
  %0 = "llvm.extractvalue"(%s) <{position = array<i64: 0>}> : (!llvm.struct<(i32, tensor<4xf32>)>) -> i32
  return
}

// -----

llvm.func @switch_cases(%v: i32) {
  // expected-error@+1 {{'llvm.switch' op number of case values (1) should match number of case destinations (2)}}
  "llvm.switch"(%v)[^bb1, ^bb1, ^bb1] <{case_operand_segments = array<i32: 0, 0>, case_values = dense<[1]> : vector<1xi32>, operandSegmentSizes = array<i32: 1, 0, 0>}> : (i32) -> ()
^bb1:
  llvm.return
}

// -----

llvm.func @branch_operands(%v: i32) {
  // expected-error@+1 {{'llvm.br' op branch has 1 operands for successor #0, but target block has 0}}
  llvm.br ^bb1(%v : i32)
^bb1:
  llvm.return
}

// -----

llvm.func @atomic_float_op_on_integer(%p: !llvm.ptr, %x: i32) {
  // expected-error@+1 {{'llvm.atomicrmw' op expected LLVM IR floating point type}}
  %0 = llvm.atomicrmw fadd %p, %x monotonic : !llvm.ptr, i32
  llvm.return
}

// -----

llvm.func @atomic_integer_op_on_float(%p: !llvm.ptr, %x: f32) {
  // expected-error@+1 {{'llvm.atomicrmw' op expected LLVM IR integer type}}
  %0 = llvm.atomicrmw add %p, %x monotonic : !llvm.ptr, f32
  llvm.return
}

// -----

llvm.func @atomic_unordered(%p: !llvm.ptr, %x: i32) {
  // expected-error@+1 {{'llvm.atomicrmw' op expected at least 'monotonic' ordering}}
  %0 = llvm.atomicrmw add %p, %x unordered : !llvm.ptr, i32
  llvm.return
}

// -----

llvm.func @cmpxchg_failure_release(%p: !llvm.ptr, %x: i32) {
  // expected-error@+1 {{'llvm.cmpxchg' op failure ordering cannot be 'release' or 'acq_rel'}}
  %0 = llvm.cmpxchg %p, %x, %x acq_rel release : !llvm.ptr, i32
  llvm.return
}

// -----

llvm.func @cmpxchg_unordered(%p: !llvm.ptr, %x: i32) {
  // expected-error@+1 {{'llvm.cmpxchg' op ordering must be at least 'monotonic'}}
  %0 = llvm.cmpxchg %p, %x, %x unordered monotonic : !llvm.ptr, i32
  llvm.return
}
