//! Counted allocation, for the leak check of executed programs.
//!
//! Every block handed out here carries a 16-byte header just before the
//! returned pointer (its size, and a tag made of a magic number, the
//! block's address and its alignment), and updates process-wide atomic
//! counters: live allocations and bytes, totals, peak live bytes. No lock is
//! taken, so a forked child (see ml-jit's isolated runs) can allocate freely.
//!
//! The counted functions are reachable under three sets of names:
//! - upstream's generic allocation functions, which
//!   `--finalize-memref-to-llvm="use-generic-functions=1"` calls:
//!   `_mlir_memref_to_llvm_alloc(i64)`, `_mlir_memref_to_llvm_aligned_alloc(i64 align, i64 size)`,
//!   `_mlir_memref_to_llvm_free(ptr)`;
//! - upstream's runner helpers `mlirAlloc`, `mlirAlignedAlloc`, `mlirFree`,
//!   `mlirAlignedFree`;
//! - the libc names `malloc`, `calloc`, `realloc`, `aligned_alloc`,
//!   `posix_memalign` and `free`, listed by [`libc_interposers`]: the JIT
//!   maps the JIT-compiled module's references to these names onto the
//!   counted functions (only that module's references: the rest of the
//!   process keeps libc's allocator). The Rust symbols are named
//!   `ml_runtime_malloc`, ... so nothing else is interposed.
//!
//! `free` of a pointer without a valid header (memory that libc allocated
//! for the program, e.g. through `strdup`) is passed on to libc's `free` and
//! counted in [`AllocStats::foreign_frees`]. Passing a counted block to libc
//! code that frees it is not supported.
//!
//! Read the counters with [`stats`]; [`begin_run`] and [`AllocStats::since`]
//! give the figures of one run (ml-jit returns them with each run's
//! outcome). A tool reports them on stderr, one line, when the user asks
//! with `ML_RUNTIME_ALLOC_STATS=1` ([`report_requested`]) or the tool's own
//! flag, e.g. `ml-runtime: 1 allocations (24 bytes) still live, ...` (the
//! `Display` of [`AllocStats`]); a leak check fails when
//! [`AllocStats::leaked`]. Figures are exact for a run in a forked child; a
//! run in-process also sees counted allocations of other threads.

use std::ffi::{c_int, c_void};
use std::fmt;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering::Relaxed};

use crate::symbols::Symbol;

/// The environment variable that asks tools to report allocation counts
/// when a program ends.
pub const REPORT_ENV: &str = "ML_RUNTIME_ALLOC_STATS";

/// Bytes of header before each block; glibc always allows reading the 16
/// bytes before a heap pointer (its own chunk header), which is what makes
/// the check of a foreign pointer safe.
const HEADER: usize = 16;
/// The smallest alignment of a block (the header's own size).
const MIN_ALIGN: usize = HEADER;
const MAGIC: u64 = 0x6d6c_2d72_756e_7400; // "ml-runt\0"

#[repr(C)]
struct Header {
    size: u64,
    tag: u64,
}

fn tag_for(user: *mut u8, align_log2: u32) -> u64 {
    (MAGIC ^ ((user as u64) << 4)) & !0xff | u64::from(align_log2)
}

static LIVE_ALLOCATIONS: AtomicI64 = AtomicI64::new(0);
static LIVE_BYTES: AtomicI64 = AtomicI64::new(0);
static PEAK_BYTES: AtomicI64 = AtomicI64::new(0);
static TOTAL_ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static TOTAL_BYTES: AtomicU64 = AtomicU64::new(0);
static FOREIGN_FREES: AtomicU64 = AtomicU64::new(0);

/// A snapshot of the allocation counters (or, from [`AllocStats::since`],
/// the figures of one run).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AllocStats {
    /// Blocks allocated and not freed.
    pub live_allocations: i64,
    /// Bytes in those blocks (as requested, headers and padding excluded).
    pub live_bytes: i64,
    /// The most bytes live at once.
    pub peak_bytes: i64,
    /// Blocks allocated (a `realloc` counts as one).
    pub total_allocations: u64,
    /// Bytes allocated.
    pub total_bytes: u64,
    /// `free` calls on memory the counted allocator did not hand out.
    pub foreign_frees: u64,
}

impl AllocStats {
    /// The figures between `start` (from [`begin_run`]) and `self`: blocks
    /// still live are the run's leaks, the peak is above the starting level.
    pub fn since(&self, start: &AllocStats) -> AllocStats {
        AllocStats {
            live_allocations: self.live_allocations - start.live_allocations,
            live_bytes: self.live_bytes - start.live_bytes,
            peak_bytes: self.peak_bytes - start.live_bytes,
            total_allocations: self.total_allocations - start.total_allocations,
            total_bytes: self.total_bytes - start.total_bytes,
            foreign_frees: self.foreign_frees - start.foreign_frees,
        }
    }

    /// Whether some blocks were not freed.
    pub fn leaked(&self) -> bool {
        self.live_allocations != 0
    }
}

impl fmt::Display for AllocStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} allocations ({} bytes) still live, {} allocations ({} bytes) in total, peak {} bytes",
            self.live_allocations, self.live_bytes, self.total_allocations, self.total_bytes, self.peak_bytes
        )?;
        if self.foreign_frees != 0 {
            write!(f, ", {} frees of memory not allocated here", self.foreign_frees)?;
        }
        Ok(())
    }
}

/// The counters now.
pub fn stats() -> AllocStats {
    AllocStats {
        live_allocations: LIVE_ALLOCATIONS.load(Relaxed),
        live_bytes: LIVE_BYTES.load(Relaxed),
        peak_bytes: PEAK_BYTES.load(Relaxed),
        total_allocations: TOTAL_ALLOCATIONS.load(Relaxed),
        total_bytes: TOTAL_BYTES.load(Relaxed),
        foreign_frees: FOREIGN_FREES.load(Relaxed),
    }
}

/// Starts measuring a run: resets the peak to the current live bytes and
/// returns the counters, to be given to [`AllocStats::since`] at the end.
/// Runs in the same process at the same time mix their figures.
pub fn begin_run() -> AllocStats {
    PEAK_BYTES.store(LIVE_BYTES.load(Relaxed), Relaxed);
    stats()
}

/// Whether `ML_RUNTIME_ALLOC_STATS` is set to something other than `0` or
/// the empty string.
pub fn report_requested() -> bool {
    std::env::var_os(REPORT_ENV).is_some_and(|v| !v.is_empty() && v != "0")
}

fn count_alloc(size: u64) {
    LIVE_ALLOCATIONS.fetch_add(1, Relaxed);
    let live = LIVE_BYTES.fetch_add(size as i64, Relaxed) + size as i64;
    PEAK_BYTES.fetch_max(live, Relaxed);
    TOTAL_ALLOCATIONS.fetch_add(1, Relaxed);
    TOTAL_BYTES.fetch_add(size, Relaxed);
}

fn count_free(size: u64) {
    LIVE_ALLOCATIONS.fetch_sub(1, Relaxed);
    LIVE_BYTES.fetch_sub(size as i64, Relaxed);
}

/// Allocates `size` bytes aligned to `align` (a power of two, at least
/// [`MIN_ALIGN`]), with a header.
fn alloc_block(size: usize, align: usize) -> *mut c_void {
    debug_assert!(align.is_power_of_two() && align >= MIN_ALIGN);
    let Some(total) = size.checked_add(align) else {
        return std::ptr::null_mut();
    };
    // SAFETY: plain libc allocation; malloc's blocks are 16-aligned.
    let raw = unsafe {
        if align == MIN_ALIGN {
            libc::malloc(total)
        } else {
            let mut out = std::ptr::null_mut();
            if libc::posix_memalign(&mut out, align, total) != 0 {
                out = std::ptr::null_mut();
            }
            out
        }
    };
    if raw.is_null() {
        return raw;
    }
    // SAFETY: `raw` has `align >= HEADER` bytes before the user block.
    unsafe {
        let user = raw.cast::<u8>().add(align);
        user.cast::<Header>().sub(1).write(Header { size: size as u64, tag: tag_for(user, align.trailing_zeros()) });
        count_alloc(size as u64);
        user.cast()
    }
}

/// The header of `ptr` if the counted allocator handed it out.
///
/// # Safety
/// `ptr` is non-null and came from some allocator whose blocks have 16
/// readable bytes before them (glibc's do).
unsafe fn header_of(ptr: *mut c_void) -> Option<(u64, usize)> {
    // SAFETY: the caller's promise.
    let header = unsafe { ptr.cast::<Header>().sub(1).read() };
    let align_log2 = (header.tag & 0xff) as u32;
    if align_log2 < MIN_ALIGN.trailing_zeros() || align_log2 >= usize::BITS || header.tag != tag_for(ptr.cast(), align_log2) {
        return None;
    }
    Some((header.size, 1usize << align_log2))
}

/// `malloc` for JIT-compiled code.
#[export_name = "ml_runtime_malloc"]
pub extern "C" fn malloc(size: usize) -> *mut c_void {
    alloc_block(size, MIN_ALIGN)
}

/// `calloc` for JIT-compiled code.
#[export_name = "ml_runtime_calloc"]
pub extern "C" fn calloc(count: usize, size: usize) -> *mut c_void {
    let Some(bytes) = count.checked_mul(size) else {
        return std::ptr::null_mut();
    };
    let ptr = alloc_block(bytes, MIN_ALIGN);
    if !ptr.is_null() {
        // SAFETY: a fresh block of `bytes` bytes.
        unsafe { ptr.cast::<u8>().write_bytes(0, bytes) };
    }
    ptr
}

/// `aligned_alloc` for JIT-compiled code: null unless `align` is a power of
/// two.
#[export_name = "ml_runtime_aligned_alloc"]
pub extern "C" fn aligned_alloc(align: usize, size: usize) -> *mut c_void {
    if !align.is_power_of_two() {
        return std::ptr::null_mut();
    }
    alloc_block(size, align.max(MIN_ALIGN))
}

/// `posix_memalign` for JIT-compiled code.
///
/// # Safety
/// `out` is a valid pointer to a pointer.
#[export_name = "ml_runtime_posix_memalign"]
pub unsafe extern "C" fn posix_memalign(out: *mut *mut c_void, align: usize, size: usize) -> c_int {
    if !align.is_power_of_two() || !align.is_multiple_of(std::mem::size_of::<*mut c_void>()) {
        return libc::EINVAL;
    }
    let ptr = alloc_block(size, align.max(MIN_ALIGN));
    if ptr.is_null() {
        return libc::ENOMEM;
    }
    // SAFETY: the caller's promise.
    unsafe { out.write(ptr) };
    0
}

/// `free` for JIT-compiled code.
///
/// # Safety
/// `ptr` is null, a live block of this allocator, or a live block of libc's.
#[export_name = "ml_runtime_free"]
pub unsafe extern "C" fn free(ptr: *mut c_void) {
    if ptr.is_null() {
        return;
    }
    // SAFETY: the caller's promise.
    match unsafe { header_of(ptr) } {
        Some((size, align)) => {
            count_free(size);
            // SAFETY: our block: clear the tag so a stale copy cannot match,
            // then free the raw allocation `align` bytes before.
            unsafe {
                ptr.cast::<Header>().sub(1).write(Header { size: 0, tag: 0 });
                libc::free(ptr.cast::<u8>().sub(align).cast());
            }
        }
        None => {
            FOREIGN_FREES.fetch_add(1, Relaxed);
            // SAFETY: the caller's promise: a libc block.
            unsafe { libc::free(ptr) };
        }
    }
}

/// `realloc` for JIT-compiled code.
///
/// # Safety
/// As for [`free`].
#[export_name = "ml_runtime_realloc"]
pub unsafe extern "C" fn realloc(ptr: *mut c_void, size: usize) -> *mut c_void {
    if ptr.is_null() {
        return malloc(size);
    }
    if size == 0 {
        // glibc's behaviour: free and return null.
        // SAFETY: forwarded from the caller.
        unsafe { free(ptr) };
        return std::ptr::null_mut();
    }
    // SAFETY: the caller's promise.
    let Some((old, _)) = (unsafe { header_of(ptr) }) else {
        // Memory from libc stays libc's.
        // SAFETY: the caller's promise: a libc block.
        return unsafe { libc::realloc(ptr, size) };
    };
    let new = malloc(size);
    if !new.is_null() {
        // SAFETY: both blocks hold at least `min(old, size)` bytes.
        unsafe {
            std::ptr::copy_nonoverlapping(ptr.cast::<u8>(), new.cast::<u8>(), size.min(old as usize));
            free(ptr);
        }
    }
    new
}

/// `_mlir_memref_to_llvm_alloc(i64 size)`.
#[export_name = "_mlir_memref_to_llvm_alloc"]
pub extern "C" fn memref_alloc(size: u64) -> *mut c_void {
    usize::try_from(size).map_or(std::ptr::null_mut(), |size| malloc(size))
}

/// `_mlir_memref_to_llvm_aligned_alloc(i64 align, i64 size)`.
#[export_name = "_mlir_memref_to_llvm_aligned_alloc"]
pub extern "C" fn memref_aligned_alloc(align: u64, size: u64) -> *mut c_void {
    match (usize::try_from(align), usize::try_from(size)) {
        (Ok(align), Ok(size)) => aligned_alloc(align, size),
        _ => std::ptr::null_mut(),
    }
}

/// `_mlir_memref_to_llvm_free(ptr)`.
///
/// # Safety
/// As for [`free`].
#[export_name = "_mlir_memref_to_llvm_free"]
pub unsafe extern "C" fn memref_free(ptr: *mut c_void) {
    // SAFETY: forwarded from the caller.
    unsafe { free(ptr) }
}

/// `mlirAlloc(u64 size)`.
#[export_name = "mlirAlloc"]
pub extern "C" fn mlir_alloc(size: u64) -> *mut c_void {
    memref_alloc(size)
}

/// `mlirAlignedAlloc(u64 align, u64 size)`.
#[export_name = "mlirAlignedAlloc"]
pub extern "C" fn mlir_aligned_alloc(align: u64, size: u64) -> *mut c_void {
    memref_aligned_alloc(align, size)
}

/// `mlirFree(ptr)`.
///
/// # Safety
/// As for [`free`].
#[export_name = "mlirFree"]
pub unsafe extern "C" fn mlir_free(ptr: *mut c_void) {
    // SAFETY: forwarded from the caller.
    unsafe { free(ptr) }
}

/// `mlirAlignedFree(ptr)`.
///
/// # Safety
/// As for [`free`].
#[export_name = "mlirAlignedFree"]
pub unsafe extern "C" fn mlir_aligned_free(ptr: *mut c_void) {
    // SAFETY: forwarded from the caller.
    unsafe { free(ptr) }
}

pub(crate) static ALLOC_SYMBOLS: &[Symbol] = &[
    Symbol::new("_mlir_memref_to_llvm_alloc", memref_alloc as *const ()),
    Symbol::new("_mlir_memref_to_llvm_aligned_alloc", memref_aligned_alloc as *const ()),
    Symbol::new("_mlir_memref_to_llvm_free", memref_free as *const ()),
    Symbol::new("mlirAlloc", mlir_alloc as *const ()),
    Symbol::new("mlirAlignedAlloc", mlir_aligned_alloc as *const ()),
    Symbol::new("mlirFree", mlir_free as *const ()),
    Symbol::new("mlirAlignedFree", mlir_aligned_free as *const ()),
];

static LIBC_INTERPOSERS: &[Symbol] = &[
    Symbol::new("malloc", malloc as *const ()),
    Symbol::new("calloc", calloc as *const ()),
    Symbol::new("realloc", realloc as *const ()),
    Symbol::new("aligned_alloc", aligned_alloc as *const ()),
    Symbol::new("posix_memalign", posix_memalign as *const ()),
    Symbol::new("free", free as *const ()),
];

/// The counted replacements of libc's allocation functions, under libc's
/// names, for a JIT to map a module's references onto.
pub fn libc_interposers() -> &'static [Symbol] {
    LIBC_INTERPOSERS
}

#[cfg(test)]
mod tests {
    use super::*;

    // One test, so that no other test of this binary allocates through the
    // counted functions at the same time.
    #[test]
    fn counts_blocks_and_tells_foreign_ones_apart() {
        let start = begin_run();
        let a = malloc(24);
        let b = aligned_alloc(64, 100);
        assert_eq!(b as usize % 64, 0);
        let c = calloc(4, 8);
        // SAFETY: blocks just allocated.
        unsafe {
            assert!((0..32).all(|i| *c.cast::<u8>().add(i) == 0));
            a.cast::<u8>().write_bytes(7, 24);
        }
        // SAFETY: `a` is live; realloc keeps its bytes.
        let a = unsafe { realloc(a, 1000) };
        // SAFETY: as above.
        unsafe { assert_eq!(*a.cast::<u8>().add(23), 7) };
        let mid = stats().since(&start);
        assert_eq!(mid.live_allocations, 3);
        assert_eq!(mid.live_bytes, 1000 + 100 + 32);
        assert_eq!(mid.total_allocations, 4);
        // SAFETY: live blocks of ours, then one of libc's.
        unsafe {
            free(a);
            free(b);
            free(c);
            free(libc::malloc(10));
            free(std::ptr::null_mut());
        }
        let end = stats().since(&start);
        assert!(!end.leaked(), "{end}");
        assert_eq!(end.live_bytes, 0);
        assert_eq!(end.peak_bytes, 24 + 100 + 32 + 1000);
        assert_eq!(end.foreign_frees, 1);
        assert_eq!(
            end.to_string(),
            "0 allocations (0 bytes) still live, 4 allocations (1156 bytes) in total, peak 1156 bytes, \
             1 frees of memory not allocated here"
        );
    }
}
