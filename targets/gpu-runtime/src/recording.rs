//! A stand-in for the CUDA runtime, for tests on machines without a GPU:
//! the same C functions, which record what they were asked ([`Call`])
//! instead of driving a device. "Device" memory is host memory (`malloc`),
//! copies and fills really happen, so a host program runs to its end;
//! kernels do not run. A launch records the kernel's name, its sizes and
//! the bytes of each argument, read while the caller's argument buffer is
//! live: as many bytes as lie between one argument's address and the
//! next's (the fields of one struct), 4 for the last.
//!
//! ```ignore
//! let jit_options = JitOptions { extra_symbols: recording::symbols().iter().map(...).collect(), .. };
//! // ... run the program ...
//! let calls = recording::take();
//! ```

use std::ffi::{c_char, c_void, CStr};
use std::sync::Mutex;

use crate::Symbol;

/// One runtime call.
#[derive(Clone, Debug, PartialEq)]
pub enum Call {
    /// The object loaded (PTX without its NUL) and the size passed.
    ModuleLoad {
        object: Vec<u8>,
        size: usize,
    },
    ModuleUnload,
    GetFunction {
        name: String,
    },
    Launch {
        kernel: String,
        grid: [i64; 3],
        block: [i64; 3],
        shared_memory: i32,
        stream: usize,
        arguments: Vec<Vec<u8>>,
        count: usize,
    },
    StreamCreate,
    StreamDestroy,
    StreamSynchronize {
        stream: usize,
    },
    /// The host memory that stands in for the device's.
    Alloc {
        bytes: u64,
        host_shared: bool,
        address: usize,
    },
    Free,
    Memcpy {
        bytes: usize,
    },
    Memset {
        element_bits: u32,
        value: u32,
        count: usize,
    },
}

static CALLS: Mutex<Vec<Call>> = Mutex::new(Vec::new());
/// Kernel names by the fake handle `mgpuModuleGetFunction` returned (its index + 1).
static FUNCTIONS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn record(call: Call) {
    CALLS.lock().unwrap_or_else(|e| e.into_inner()).push(call);
}

/// The calls recorded so far, in order, and a fresh start.
pub fn take() -> Vec<Call> {
    std::mem::take(&mut *CALLS.lock().unwrap_or_else(|e| e.into_inner()))
}

/// A handle that is not null and not dereferenced.
fn handle(n: usize) -> *mut c_void {
    (n * 16) as *mut c_void
}

extern "C" fn module_load(data: *const c_void, size: usize) -> *mut c_void {
    let object = if data.is_null() {
        Vec::new()
    } else {
        // SAFETY: the lowering passes the embedded object, NUL-terminated PTX.
        unsafe { CStr::from_ptr(data.cast()) }.to_bytes().to_vec()
    };
    record(Call::ModuleLoad { object, size });
    handle(1)
}

extern "C" fn module_unload(_module: *mut c_void) {
    record(Call::ModuleUnload);
}

extern "C" fn module_get_function(_module: *mut c_void, name: *const c_char) -> *mut c_void {
    // SAFETY: the lowering passes the kernel's NUL-terminated name.
    let name = if name.is_null() { String::new() } else { unsafe { CStr::from_ptr(name) }.to_string_lossy().into_owned() };
    record(Call::GetFunction { name: name.clone() });
    let mut functions = FUNCTIONS.lock().unwrap_or_else(|e| e.into_inner());
    functions.push(name);
    handle(functions.len())
}

#[allow(clippy::too_many_arguments)]
extern "C" fn launch_kernel(
    function: *mut c_void,
    grid_x: i64,
    grid_y: i64,
    grid_z: i64,
    block_x: i64,
    block_y: i64,
    block_z: i64,
    shared_memory: i32,
    stream: *mut c_void,
    params: *mut *mut c_void,
    _extra: *mut *mut c_void,
    count: usize,
) {
    let kernel = FUNCTIONS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get((function as usize / 16).wrapping_sub(1))
        .cloned()
        .unwrap_or_default();
    let mut arguments = Vec::with_capacity(count);
    if !params.is_null() {
        // SAFETY: `params` holds `count` pointers into the caller's live
        // argument struct; each field is read up to the next one.
        unsafe {
            let addresses: Vec<usize> = (0..count).map(|i| *params.add(i) as usize).collect();
            for (i, &address) in addresses.iter().enumerate() {
                let size = addresses.get(i + 1).map_or(4, |next| next.saturating_sub(address).clamp(1, 16));
                arguments.push(std::slice::from_raw_parts(address as *const u8, size).to_vec());
            }
        }
    }
    record(Call::Launch {
        kernel,
        grid: [grid_x, grid_y, grid_z],
        block: [block_x, block_y, block_z],
        shared_memory,
        stream: stream as usize,
        arguments,
        count,
    });
}

extern "C" fn stream_create() -> *mut c_void {
    record(Call::StreamCreate);
    handle(7)
}

extern "C" fn stream_destroy(_stream: *mut c_void) {
    record(Call::StreamDestroy);
}

extern "C" fn stream_synchronize(stream: *mut c_void) {
    record(Call::StreamSynchronize { stream: stream as usize });
}

extern "C" fn mem_alloc(bytes: u64, _stream: *mut c_void, host_shared: u8) -> *mut c_void {
    // SAFETY: plain allocation, freed by `mem_free`.
    let memory = unsafe { libc::malloc(bytes.max(1) as usize) };
    record(Call::Alloc { bytes, host_shared: host_shared != 0, address: memory as usize });
    memory
}

extern "C" fn mem_free(pointer: *mut c_void, _stream: *mut c_void) {
    record(Call::Free);
    // SAFETY: memory `mem_alloc` returned (or null).
    unsafe { libc::free(pointer) }
}

extern "C" fn memcpy(dst: *mut c_void, src: *mut c_void, bytes: usize, _stream: *mut c_void) {
    record(Call::Memcpy { bytes });
    // SAFETY: the lowering passes two buffers of at least `bytes` bytes.
    unsafe { std::ptr::copy(src.cast::<u8>(), dst.cast::<u8>(), bytes) }
}

extern "C" fn memset32(dst: *mut c_void, value: u32, count: usize, _stream: *mut c_void) {
    record(Call::Memset { element_bits: 32, value, count });
    // SAFETY: a buffer of `count` 32-bit elements.
    unsafe { std::slice::from_raw_parts_mut(dst.cast::<u32>(), count).fill(value) }
}

extern "C" fn memset16(dst: *mut c_void, value: u16, count: usize, _stream: *mut c_void) {
    record(Call::Memset { element_bits: 16, value: u32::from(value), count });
    // SAFETY: a buffer of `count` 16-bit elements.
    unsafe { std::slice::from_raw_parts_mut(dst.cast::<u16>(), count).fill(value) }
}

static SYMBOLS: &[Symbol] = &[
    Symbol::new("mgpuModuleLoad", module_load as *const ()),
    Symbol::new("mgpuModuleUnload", module_unload as *const ()),
    Symbol::new("mgpuModuleGetFunction", module_get_function as *const ()),
    Symbol::new("mgpuLaunchKernel", launch_kernel as *const ()),
    Symbol::new("mgpuStreamCreate", stream_create as *const ()),
    Symbol::new("mgpuStreamDestroy", stream_destroy as *const ()),
    Symbol::new("mgpuStreamSynchronize", stream_synchronize as *const ()),
    Symbol::new("mgpuMemAlloc", mem_alloc as *const ()),
    Symbol::new("mgpuMemFree", mem_free as *const ()),
    Symbol::new("mgpuMemcpy", memcpy as *const ()),
    Symbol::new("mgpuMemset32", memset32 as *const ()),
    Symbol::new("mgpuMemset16", memset16 as *const ()),
];

/// The recording implementation of every runtime function.
pub fn symbols() -> &'static [Symbol] {
    SYMBOLS
}
