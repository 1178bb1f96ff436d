//! The runtime functions on the CUDA driver API (cudarc's raw bindings,
//! loaded at run time), as upstream's `CudaRuntimeWrappers.cpp` does them:
//! the primary context of device 0, made current on each call; module
//! loading from memory (PTX, which the driver compiles, or a cubin);
//! launches with `cuLaunchKernel`; streams; memory with `cuMemAlloc`
//! (`cuMemAllocManaged` when host-shared) and `cuMemcpyAsync` /
//! `cuMemsetD*Async` on the given stream.

use std::ffi::{c_char, c_void, CStr};
use std::sync::OnceLock;

use cudarc::driver::sys::{self, CUcontext, CUdeviceptr, CUfunction, CUmodule, CUresult, CUstream};

use crate::{Device, Symbol};

/// The CUDA error's name (`CUDA_ERROR_NO_DEVICE`).
fn error_name(result: CUresult) -> String {
    let mut name: *const c_char = std::ptr::null();
    // SAFETY: the driver is loaded (a result came from it); it writes a
    // static string or leaves the pointer null.
    unsafe { sys::cuGetErrorName(result, &mut name) };
    if name.is_null() {
        format!("{result:?}")
    } else {
        // SAFETY: a NUL-terminated static string.
        unsafe { CStr::from_ptr(name) }.to_string_lossy().into_owned()
    }
}

fn checked(result: CUresult, call: &str) -> Result<(), String> {
    if result == CUresult::CUDA_SUCCESS {
        Ok(())
    } else {
        Err(format!("{call} failed: {}", error_name(result)))
    }
}

/// Ends the program: a runtime call failed (upstream prints and goes on,
/// with a null handle the next call trips on).
fn fail(message: &str) -> ! {
    eprintln!("ml-gpu-runtime: error: {message}");
    std::process::exit(1)
}

fn check(result: CUresult, call: &str) {
    if let Err(message) = checked(result, call) {
        fail(&message);
    }
}

/// Device 0's name and chip, after `cuInit`.
pub(crate) fn device() -> Result<Device, String> {
    // SAFETY: the library is present (the caller checked); each call gets
    // valid out-pointers.
    unsafe {
        checked(sys::cuInit(0), "cuInit")?;
        let mut count = 0;
        checked(sys::cuDeviceGetCount(&mut count), "cuDeviceGetCount")?;
        if count == 0 {
            return Err("no CUDA device".into());
        }
        let mut device = 0;
        checked(sys::cuDeviceGet(&mut device, 0), "cuDeviceGet")?;
        let mut name = [0 as c_char; 256];
        checked(sys::cuDeviceGetName(name.as_mut_ptr(), name.len() as i32, device), "cuDeviceGetName")?;
        let (mut major, mut minor) = (0, 0);
        let attribute = |value: &mut i32, which| sys::cuDeviceGetAttribute(value, which, device);
        checked(
            attribute(&mut major, sys::CUdevice_attribute::CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
            "cuDeviceGetAttribute",
        )?;
        checked(
            attribute(&mut minor, sys::CUdevice_attribute::CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
            "cuDeviceGetAttribute",
        )?;
        let name = CStr::from_ptr(name.as_ptr()).to_string_lossy().into_owned();
        Ok(Device { name, chip: format!("sm_{major}{minor}") })
    }
}

/// The primary context of device 0, made once.
struct Context(CUcontext);
// SAFETY: a driver handle, valid on any thread once retained.
unsafe impl Send for Context {}
// SAFETY: as above.
unsafe impl Sync for Context {}

/// Makes the primary context current on this thread (first creating it).
fn enter() {
    static CONTEXT: OnceLock<Result<Context, String>> = OnceLock::new();
    let context = CONTEXT.get_or_init(|| {
        // SAFETY: `is_culib_present` guards the lazy loader, which panics
        // without the library; the calls get valid out-pointers.
        unsafe {
            if !sys::is_culib_present() {
                return Err("libcuda.so not found".into());
            }
            checked(sys::cuInit(0), "cuInit")?;
            let mut device = 0;
            checked(sys::cuDeviceGet(&mut device, 0), "cuDeviceGet")?;
            let mut context = std::ptr::null_mut();
            checked(sys::cuDevicePrimaryCtxRetain(&mut context, device), "cuDevicePrimaryCtxRetain")?;
            Ok(Context(context))
        }
    });
    match context {
        // SAFETY: a retained context.
        Ok(context) => check(unsafe { sys::cuCtxSetCurrent(context.0) }, "cuCtxSetCurrent"),
        Err(message) => fail(message),
    }
}

extern "C" fn module_load(data: *const c_void, _size: usize) -> CUmodule {
    enter();
    let mut module = std::ptr::null_mut();
    // SAFETY: `data` is the embedded PTX (NUL-terminated) or cubin.
    check(unsafe { sys::cuModuleLoadData(&mut module, data) }, "cuModuleLoadData");
    module
}

extern "C" fn module_unload(module: CUmodule) {
    enter();
    // SAFETY: a module `module_load` made.
    check(unsafe { sys::cuModuleUnload(module) }, "cuModuleUnload");
}

extern "C" fn module_get_function(module: CUmodule, name: *const c_char) -> CUfunction {
    enter();
    let mut function = std::ptr::null_mut();
    // SAFETY: a loaded module and the kernel's NUL-terminated name.
    check(unsafe { sys::cuModuleGetFunction(&mut function, module, name) }, "cuModuleGetFunction");
    function
}

/// Kernels may use at most this much dynamic shared memory unless they say
/// they want more.
const DEFAULT_SHARED_MEMORY: i32 = 48 * 1024;

#[allow(clippy::too_many_arguments)]
extern "C" fn launch_kernel(
    function: CUfunction,
    grid_x: isize,
    grid_y: isize,
    grid_z: isize,
    block_x: isize,
    block_y: isize,
    block_z: isize,
    shared_memory: i32,
    stream: CUstream,
    params: *mut *mut c_void,
    extra: *mut *mut c_void,
    _count: usize,
) {
    enter();
    let dimension = |d: isize| u32::try_from(d).unwrap_or_else(|_| fail(&format!("launch size {d} is out of range")));
    // SAFETY: a function of a loaded module, its packed arguments.
    unsafe {
        if shared_memory > DEFAULT_SHARED_MEMORY {
            let attribute = sys::CUfunction_attribute::CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES;
            check(sys::cuFuncSetAttribute(function, attribute, shared_memory), "cuFuncSetAttribute");
        }
        check(
            sys::cuLaunchKernel(
                function,
                dimension(grid_x),
                dimension(grid_y),
                dimension(grid_z),
                dimension(block_x),
                dimension(block_y),
                dimension(block_z),
                shared_memory.max(0) as u32,
                stream,
                params,
                extra,
            ),
            "cuLaunchKernel",
        );
    }
}

extern "C" fn stream_create() -> CUstream {
    enter();
    let mut stream = std::ptr::null_mut();
    // SAFETY: an out-pointer.
    check(unsafe { sys::cuStreamCreate(&mut stream, sys::CUstream_flags::CU_STREAM_NON_BLOCKING as u32) }, "cuStreamCreate");
    stream
}

extern "C" fn stream_destroy(stream: CUstream) {
    enter();
    // SAFETY: a stream `stream_create` made.
    check(unsafe { sys::cuStreamDestroy_v2(stream) }, "cuStreamDestroy");
}

extern "C" fn stream_synchronize(stream: CUstream) {
    enter();
    // SAFETY: a stream, or null for the default stream.
    check(unsafe { sys::cuStreamSynchronize(stream) }, "cuStreamSynchronize");
}

extern "C" fn mem_alloc(bytes: u64, _stream: CUstream, host_shared: u8) -> *mut c_void {
    enter();
    if bytes == 0 {
        return std::ptr::null_mut();
    }
    let mut pointer: CUdeviceptr = 0;
    // SAFETY: an out-pointer and a size.
    unsafe {
        if host_shared != 0 {
            let flags = sys::CUmemAttach_flags::CU_MEM_ATTACH_GLOBAL as u32;
            check(sys::cuMemAllocManaged(&mut pointer, bytes as usize, flags), "cuMemAllocManaged");
        } else {
            check(sys::cuMemAlloc_v2(&mut pointer, bytes as usize), "cuMemAlloc");
        }
    }
    pointer as *mut c_void
}

extern "C" fn mem_free(pointer: *mut c_void, _stream: CUstream) {
    enter();
    if pointer.is_null() {
        return;
    }
    // SAFETY: memory `mem_alloc` returned.
    check(unsafe { sys::cuMemFree_v2(pointer as CUdeviceptr) }, "cuMemFree");
}

extern "C" fn memcpy(dst: *mut c_void, src: *mut c_void, bytes: usize, stream: CUstream) {
    enter();
    // SAFETY: host or device addresses (unified addressing) of `bytes` bytes.
    check(unsafe { sys::cuMemcpyAsync(dst as CUdeviceptr, src as CUdeviceptr, bytes, stream) }, "cuMemcpyAsync");
}

extern "C" fn memset32(dst: *mut c_void, value: u32, count: usize, stream: CUstream) {
    enter();
    // SAFETY: device memory of `count` 32-bit elements.
    check(unsafe { sys::cuMemsetD32Async(dst as CUdeviceptr, value, count, stream) }, "cuMemsetD32Async");
}

extern "C" fn memset16(dst: *mut c_void, value: u16, count: usize, stream: CUstream) {
    enter();
    // SAFETY: device memory of `count` 16-bit elements.
    check(unsafe { sys::cuMemsetD16Async(dst as CUdeviceptr, value, count, stream) }, "cuMemsetD16Async");
}

pub(crate) static SYMBOLS: &[Symbol] = &[
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
