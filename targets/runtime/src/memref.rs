//! Memref descriptors and the functions upstream's `RunnerUtils.cpp` and
//! `CRunnerUtils.cpp` define on them: `printMemref*`, `printMemrefShape*`,
//! `verifyMemRef*` and `memrefCopy`.
//!
//! # ABI
//! A ranked memref of rank `N` is the descriptor
//! `{T *allocated, T *aligned, i64 offset, i64 sizes[N], i64 strides[N]}`.
//! An unranked memref is `{i64 rank, void *descriptor}`.
//!
//! Each function exists in the two forms upstream's lowering calls:
//! - `printMemrefF32(i64 rank, ptr descriptor)`: the unranked memref passed
//!   as its two fields, which is what `--convert-func-to-llvm` emits for
//!   `call @printMemrefF32(%u) : (memref<*xf32>) -> ()` (on x86-64 and
//!   AArch64 this is also the struct passed by value);
//! - `_mlir_ciface_printMemrefF32(ptr to {i64, ptr})`: what the wrapper
//!   emitted for a declaration with `llvm.emit_c_interface` calls.
//!
//! Ranked forms (`_mlir_ciface_printMemref2dF32(ptr to descriptor)`) print
//! `Memref ` instead of `Unranked Memref `.
//!
//! # Output
//! Byte for byte upstream's (the layout is described at `print_memref`). One deviation: upstream
//! reads (and prints) one element of a dimension of size 0, out of bounds;
//! here such a dimension prints as `[]`.

use std::ffi::c_void;

use crate::format::{push_g, push_i64, push_ptr, push_u64};
use crate::stdout::{flush_c, write_stderr, write_stdout};
use crate::symbols::Symbol;

/// An unranked memref: `{i64 rank, void *descriptor}`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct UnrankedMemRef {
    pub rank: i64,
    pub descriptor: *mut c_void,
}

/// A memref element type the runtime prints and compares.
pub trait Element: Copy {
    /// Appends the element as `std::ostream << value` prints it.
    fn push(self, out: &mut Vec<u8>);
    /// Upstream's `MemRefDataVerifier::verifyElem`: equal for integers,
    /// relative error below epsilon for floats.
    fn close_to(self, expected: Self) -> bool;
}

macro_rules! integer_element {
    ($($t:ty => $push:expr),* $(,)?) => {$(
        impl Element for $t {
            fn push(self, out: &mut Vec<u8>) {
                $push(out, self)
            }
            fn close_to(self, expected: Self) -> bool {
                self == expected
            }
        }
    )*};
}

integer_element! {
    // `std::ostream << int8_t` prints the byte as a character.
    i8 => |out: &mut Vec<u8>, v: i8| out.push(v as u8),
    i16 => |out: &mut Vec<u8>, v: i16| push_i64(out, i64::from(v)),
    i32 => |out: &mut Vec<u8>, v: i32| push_i64(out, i64::from(v)),
    i64 => push_i64,
    // `index` is printed as `uint64_t`.
    u64 => push_u64,
}

/// Upstream's `verifyRelErrorSmallerThan`.
fn rel_error_below(actual: f64, expected: f64, epsilon: f64) -> bool {
    actual.is_finite() && expected.is_finite() && (actual - expected).abs() <= epsilon * expected.abs()
}

impl Element for f32 {
    fn push(self, out: &mut Vec<u8>) {
        push_g(out, f64::from(self));
    }
    fn close_to(self, expected: Self) -> bool {
        // Computed in f32, as upstream.
        self.is_finite() && expected.is_finite() && (self - expected).abs() <= 1e-6f32 * expected.abs()
    }
}

impl Element for f64 {
    fn push(self, out: &mut Vec<u8>) {
        push_g(out, self);
    }
    fn close_to(self, expected: Self) -> bool {
        rel_error_below(self, expected, 1e-12)
    }
}

/// A memref of any rank read from its descriptor (upstream's
/// `DynamicMemRefType`).
struct View<'a, T> {
    rank: i64,
    data: *const T,
    offset: i64,
    sizes: &'a [i64],
    strides: &'a [i64],
}

/// Ranks above this are taken as a corrupt descriptor (upstream would
/// recurse until the stack overflows).
const MAX_RANK: i64 = 1 << 16;

impl<'a, T> View<'a, T> {
    /// Reads a ranked descriptor of rank `rank`.
    ///
    /// # Safety
    /// `desc` points to a live descriptor of that rank.
    unsafe fn ranked(rank: i64, desc: *const c_void) -> Option<Self> {
        if desc.is_null() || !(0..=MAX_RANK).contains(&rank) {
            write_stderr(b"ml-runtime: invalid memref descriptor\n");
            return None;
        }
        let n = rank as usize;
        let words = desc.cast::<i64>();
        // SAFETY: the layout documented in the module doc; the caller
        // promises `3 + 2 * rank` words.
        unsafe {
            let data = *desc.cast::<*const T>().add(1);
            Some(View {
                rank,
                data,
                offset: *words.add(2),
                sizes: std::slice::from_raw_parts(words.add(3), n),
                strides: std::slice::from_raw_parts(words.add(3 + n), n),
            })
        }
    }

    /// # Safety
    /// `m` is null or points to an unranked memref whose descriptor is live.
    unsafe fn unranked(m: *const UnrankedMemRef) -> Option<Self> {
        if m.is_null() {
            write_stderr(b"ml-runtime: null memref\n");
            return None;
        }
        // SAFETY: forwarded from the caller.
        unsafe { Self::ranked((*m).rank, (*m).descriptor) }
    }

    /// The element at linear `index` (offset included).
    ///
    /// # Safety
    /// `index` is inside the buffer.
    unsafe fn at(&self, index: i64) -> T {
        // SAFETY: forwarded from the caller.
        unsafe { self.data.wrapping_offset(index as isize).read() }
    }

    /// Upstream's `printMemRefMetaData`.
    fn push_metadata(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"base@ = ");
        push_ptr(out, self.data.cast());
        out.extend_from_slice(b" rank = ");
        push_i64(out, self.rank);
        out.extend_from_slice(b" offset = ");
        push_i64(out, self.offset);
        let list = |out: &mut Vec<u8>, values: &[i64]| {
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(b", ");
                }
                push_i64(out, *v);
            }
        };
        out.extend_from_slice(b" sizes = [");
        list(out, self.sizes);
        out.extend_from_slice(b"] strides = [");
        list(out, self.strides);
        out.push(b']');
    }
}

fn push_spaces(out: &mut Vec<u8>, count: i64) {
    for _ in 0..count {
        out.push(b' ');
    }
}

impl<T: Element> View<'_, T> {
    /// Upstream's `MemRefDataPrinter::print`: `dim` dimensions remain, the
    /// first of them being `sizes[0]` here.
    ///
    /// # Safety
    /// The view describes live memory.
    unsafe fn push_data(&self, out: &mut Vec<u8>, dim: i64, offset: i64, sizes: &[i64], strides: &[i64]) {
        let (Some(&size), Some(&stride)) = (sizes.first(), strides.first()) else {
            // SAFETY: dim == 0: the element at `offset`.
            unsafe { self.at(offset) }.push(out);
            return;
        };
        if size <= 0 {
            // Deviation: upstream prints one out-of-bounds element here.
            out.extend_from_slice(b"[]");
            return;
        }
        let (inner_sizes, inner_strides) = (&sizes[1..], &strides[1..]);
        let indent = self.rank - dim + 1;
        let at = |i: i64| offset.wrapping_add(i.wrapping_mul(stride));
        // First.
        out.push(b'[');
        // SAFETY: index 0 of a non-empty dimension.
        unsafe { self.push_data(out, dim - 1, offset, inner_sizes, inner_strides) };
        if size == 1 {
            out.push(b']');
            return;
        }
        out.extend_from_slice(b", ");
        if dim > 1 {
            out.push(b'\n');
        }
        // Middle.
        for i in 1..size - 1 {
            push_spaces(out, indent);
            // SAFETY: 0 < i < size.
            unsafe { self.push_data(out, dim - 1, at(i), inner_sizes, inner_strides) };
            out.extend_from_slice(b", ");
            if dim > 1 {
                out.push(b'\n');
            }
        }
        // Last.
        push_spaces(out, indent);
        // SAFETY: size - 1 is in bounds.
        unsafe { self.push_data(out, dim - 1, at(size - 1), inner_sizes, inner_strides) };
        out.push(b']');
    }

    /// Upstream's `MemRefDataVerifier::verify`: counts the elements that
    /// differ, printing the first ten to `err`.
    ///
    /// # Safety
    /// Both views describe live memory of the same shape.
    unsafe fn count_mismatches(
        &self,
        expected: &Self,
        err: &mut Vec<u8>,
        offset: i64,
        sizes: &[i64],
        strides: &[i64],
        printed: &mut i64,
    ) -> i64 {
        const PRINT_LIMIT: i64 = 10;
        let (Some(&size), Some(&stride)) = (sizes.first(), strides.first()) else {
            // SAFETY: an element inside both buffers.
            let (a, e) = unsafe { (self.at(offset), expected.at(offset)) };
            if a.close_to(e) {
                return 0;
            }
            if *printed < PRINT_LIMIT {
                a.push(err);
                err.extend_from_slice(b" != ");
                e.push(err);
                err.extend_from_slice(b" offset = ");
                push_i64(err, offset);
                err.push(b'\n');
                *printed += 1;
            }
            return 1;
        };
        let mut errors = 0i64;
        for i in 0..size {
            let at = offset.wrapping_add(i.wrapping_mul(stride));
            // SAFETY: 0 <= i < size.
            errors =
                errors.wrapping_add(unsafe { self.count_mismatches(expected, err, at, &sizes[1..], &strides[1..], printed) });
        }
        errors
    }
}

/// Upstream's `impl::printMemRef`: `prefix` (`"Unranked Memref "` or
/// `"Memref "`), the metadata, `" data = "`, a newline, the nested
/// elements, a newline. Flushes twice, where upstream's `std::endl` does.
///
/// Elements of a dimension are separated by `", "`; rows of an outer
/// dimension by `", \n"` and indented by one space per enclosing level;
/// each element after the first of a row is preceded by `rank - dim + 1`
/// spaces (so `[1,   2]` in a 2-D memref).
///
/// # Safety
/// `rank` and `desc` describe a live memref of `T`.
unsafe fn print_memref<T: Element>(prefix: &str, rank: i64, desc: *const c_void) {
    // SAFETY: forwarded from the caller.
    let Some((header, data)) = (unsafe { render::<T>(prefix, rank, desc) }) else {
        return;
    };
    write_stdout(&header);
    flush_c();
    write_stdout(&data);
    flush_c();
}

/// What [`print_memref`] prints: the line up to `data = ` and its newline,
/// then the elements and the final newline.
///
/// # Safety
/// As for [`print_memref`].
unsafe fn render<T: Element>(prefix: &str, rank: i64, desc: *const c_void) -> Option<(Vec<u8>, Vec<u8>)> {
    // SAFETY: forwarded from the caller.
    let view = unsafe { View::<T>::ranked(rank, desc) }?;
    let mut header = prefix.as_bytes().to_vec();
    view.push_metadata(&mut header);
    header.extend_from_slice(b" data = \n");
    let mut data = Vec::with_capacity(256);
    if view.rank == 0 {
        data.push(b'[');
    }
    // SAFETY: forwarded from the caller.
    unsafe { view.push_data(&mut data, view.rank, view.offset, view.sizes, view.strides) };
    if view.rank == 0 {
        data.push(b']');
    }
    data.push(b'\n');
    Some((header, data))
}

/// # Safety
/// `m` is null or a live unranked memref of `T`.
unsafe fn print_unranked<T: Element>(m: *const UnrankedMemRef) {
    if m.is_null() {
        write_stderr(b"ml-runtime: null memref\n");
        return;
    }
    // SAFETY: forwarded from the caller.
    unsafe { print_memref::<T>("Unranked Memref ", (*m).rank, (*m).descriptor) }
}

/// Upstream's `_mlir_ciface_printMemrefShape*`: the metadata and a newline.
///
/// # Safety
/// `m` is null or a live unranked memref.
unsafe fn print_shape<T>(m: *const UnrankedMemRef) {
    // SAFETY: forwarded from the caller.
    let Some(view) = (unsafe { View::<T>::unranked(m) }) else {
        return;
    };
    let mut out = b"Unranked Memref ".to_vec();
    view.push_metadata(&mut out);
    out.push(b'\n');
    write_stdout(&out);
}

/// Upstream's `impl::verifyMemRef`: the number of elements that differ, or
/// -1 (after printing both shapes to stderr) when the shapes differ.
/// Deviation: the elements are read from the aligned pointer plus offset
/// (upstream reads from the allocated pointer, which is wrong when the two
/// differ).
///
/// # Safety
/// Both are null or live unranked memrefs of `T`.
unsafe fn verify<T: Element>(actual: *const UnrankedMemRef, expected: *const UnrankedMemRef) -> i64 {
    // SAFETY: forwarded from the caller.
    let (Some(a), Some(e)) = (unsafe { View::<T>::unranked(actual) }, unsafe { View::<T>::unranked(expected) }) else {
        return -1;
    };
    let mut err = Vec::new();
    for i in 0..a.sizes.len() {
        let same = e.rank == a.rank
            && a.offset == e.offset
            && e.sizes.get(i) == Some(&a.sizes[i])
            && e.strides.get(i) == Some(&a.strides[i]);
        if !same {
            a.push_metadata(&mut err);
            e.push_metadata(&mut err);
            write_stderr(&err);
            return -1;
        }
    }
    let mut printed = 0;
    // SAFETY: same shapes, live memory.
    let errors = unsafe { a.count_mismatches(&e, &mut err, a.offset, a.sizes, a.strides, &mut printed) };
    write_stderr(&err);
    errors
}

/// Defines, for each element type, the unranked entry points in both forms
/// (in a module named by the row) and lists them in `UNRANKED_SYMBOLS`.
macro_rules! unranked_entry_points {
    ($($t:ty => $m:ident: $print:literal, $ciface_print:literal, $shape:literal, $verify:literal, $ciface_verify:literal;)*) => {
        $(
            mod $m {
                use super::*;

                /// `printMemref<T>(i64 rank, ptr descriptor)`.
                ///
                /// # Safety
                /// A live memref of the element type.
                #[export_name = $print]
                pub unsafe extern "C" fn print(rank: i64, descriptor: *mut c_void) {
                    let m = UnrankedMemRef { rank, descriptor };
                    // SAFETY: forwarded from the caller.
                    unsafe { print_unranked::<$t>(&m) }
                }

                /// `_mlir_ciface_printMemref<T>(ptr to unranked memref)`.
                ///
                /// # Safety
                /// Null or a live unranked memref of the element type.
                #[export_name = $ciface_print]
                pub unsafe extern "C" fn ciface_print(m: *const UnrankedMemRef) {
                    // SAFETY: forwarded from the caller.
                    unsafe { print_unranked::<$t>(m) }
                }

                /// `_mlir_ciface_printMemrefShape<T>(ptr to unranked memref)`.
                ///
                /// # Safety
                /// Null or a live unranked memref.
                #[export_name = $shape]
                pub unsafe extern "C" fn shape(m: *const UnrankedMemRef) {
                    // SAFETY: forwarded from the caller.
                    unsafe { print_shape::<$t>(m) }
                }

                /// `verifyMemRef<T>(i64 rank, ptr actual, ptr expected)`.
                ///
                /// # Safety
                /// Two live memrefs of the element type and that rank.
                #[export_name = $verify]
                pub unsafe extern "C" fn verify(rank: i64, actual: *mut c_void, expected: *mut c_void) -> i64 {
                    let a = UnrankedMemRef { rank, descriptor: actual };
                    let e = UnrankedMemRef { rank, descriptor: expected };
                    // SAFETY: forwarded from the caller.
                    unsafe { super::verify::<$t>(&a, &e) }
                }

                /// `_mlir_ciface_verifyMemRef<T>(ptr actual, ptr expected)`.
                ///
                /// # Safety
                /// Null or live unranked memrefs of the element type.
                #[export_name = $ciface_verify]
                pub unsafe extern "C" fn ciface_verify(a: *const UnrankedMemRef, e: *const UnrankedMemRef) -> i64 {
                    // SAFETY: forwarded from the caller.
                    unsafe { super::verify::<$t>(a, e) }
                }
            }
        )*

        pub(crate) static UNRANKED_SYMBOLS: &[Symbol] = &[$(
            Symbol::new($print, $m::print as *const ()),
            Symbol::new($ciface_print, $m::ciface_print as *const ()),
            Symbol::new($shape, $m::shape as *const ()),
            Symbol::new($verify, $m::verify as *const ()),
            Symbol::new($ciface_verify, $m::ciface_verify as *const ()),
        )*];
    };
}

unranked_entry_points! {
    i8 => i8_fns: "printMemrefI8", "_mlir_ciface_printMemrefI8", "_mlir_ciface_printMemrefShapeI8",
        "verifyMemRefI8", "_mlir_ciface_verifyMemRefI8";
    i16 => i16_fns: "printMemrefI16", "_mlir_ciface_printMemrefI16", "_mlir_ciface_printMemrefShapeI16",
        "verifyMemRefI16", "_mlir_ciface_verifyMemRefI16";
    i32 => i32_fns: "printMemrefI32", "_mlir_ciface_printMemrefI32", "_mlir_ciface_printMemrefShapeI32",
        "verifyMemRefI32", "_mlir_ciface_verifyMemRefI32";
    i64 => i64_fns: "printMemrefI64", "_mlir_ciface_printMemrefI64", "_mlir_ciface_printMemrefShapeI64",
        "verifyMemRefI64", "_mlir_ciface_verifyMemRefI64";
    f32 => f32_fns: "printMemrefF32", "_mlir_ciface_printMemrefF32", "_mlir_ciface_printMemrefShapeF32",
        "verifyMemRefF32", "_mlir_ciface_verifyMemRefF32";
    f64 => f64_fns: "printMemrefF64", "_mlir_ciface_printMemrefF64", "_mlir_ciface_printMemrefShapeF64",
        "verifyMemRefF64", "_mlir_ciface_verifyMemRefF64";
    u64 => index_fns: "printMemrefInd", "_mlir_ciface_printMemrefInd", "_mlir_ciface_printMemrefShapeInd",
        "verifyMemRefInd", "_mlir_ciface_verifyMemRefInd";
}

/// Defines the ranked `_mlir_ciface_printMemref<N>d<T>(ptr to descriptor)`
/// and lists them in `RANKED_SYMBOLS`.
macro_rules! ranked_entry_points {
    ($($t:ty, $rank:literal => $f:ident: $name:literal;)*) => {
        $(
            /// # Safety
            /// A live ranked descriptor of that rank and element type.
            #[export_name = $name]
            unsafe extern "C" fn $f(descriptor: *const c_void) {
                // SAFETY: forwarded from the caller.
                unsafe { print_memref::<$t>("Memref ", $rank, descriptor) }
            }
        )*

        pub(crate) static RANKED_SYMBOLS: &[Symbol] = &[$(Symbol::new($name, $f as *const ())),*];
    };
}

ranked_entry_points! {
    f32, 0 => print_0d_f32: "_mlir_ciface_printMemref0dF32";
    f32, 1 => print_1d_f32: "_mlir_ciface_printMemref1dF32";
    f32, 2 => print_2d_f32: "_mlir_ciface_printMemref2dF32";
    f32, 3 => print_3d_f32: "_mlir_ciface_printMemref3dF32";
    f32, 4 => print_4d_f32: "_mlir_ciface_printMemref4dF32";
    i8, 1 => print_1d_i8: "_mlir_ciface_printMemref1dI8";
    i32, 1 => print_1d_i32: "_mlir_ciface_printMemref1dI32";
    i64, 1 => print_1d_i64: "_mlir_ciface_printMemref1dI64";
    f64, 1 => print_1d_f64: "_mlir_ciface_printMemref1dF64";
    u64, 1 => print_1d_index: "_mlir_ciface_printMemref1dInd";
}

/// `memrefCopy(i64 elemSize, ptr src, ptr dst)`: copies the elements of one
/// unranked memref into another of the same shape, whatever the strides
/// (what `--finalize-memref-to-llvm` calls for a non-contiguous
/// `memref.copy`).
///
/// # Safety
/// Live unranked memrefs of the same shape, with `elem_size`-byte elements.
#[export_name = "memrefCopy"]
pub unsafe extern "C" fn memref_copy(elem_size: i64, src: *const UnrankedMemRef, dst: *const UnrankedMemRef) {
    // SAFETY: forwarded from the caller.
    let (Some(s), Some(d)) = (unsafe { View::<u8>::unranked(src) }, unsafe { View::<u8>::unranked(dst) }) else {
        return;
    };
    if d.sizes.len() != s.sizes.len() {
        write_stderr(b"ml-runtime: memrefCopy between memrefs of different ranks\n");
        return;
    }
    if s.sizes.contains(&0) || elem_size <= 0 {
        return;
    }
    let size = elem_size as usize;
    let src_base = s.data.wrapping_offset((s.offset.wrapping_mul(elem_size)) as isize);
    let dst_base = d.data.wrapping_offset((d.offset.wrapping_mul(elem_size)) as isize) as *mut u8;
    let rank = s.sizes.len();
    let mut index = vec![0i64; rank];
    let (mut read, mut write) = (0i64, 0i64);
    loop {
        // SAFETY: inside both buffers by the caller's promise; `copy`
        // tolerates overlap.
        unsafe { std::ptr::copy(src_base.wrapping_offset(read as isize), dst_base.wrapping_offset(write as isize), size) };
        // Advance the innermost index, carrying outwards.
        let mut axis = rank;
        loop {
            if axis == 0 {
                return;
            }
            axis -= 1;
            index[axis] += 1;
            read = read.wrapping_add(s.strides[axis].wrapping_mul(elem_size));
            write = write.wrapping_add(d.strides[axis].wrapping_mul(elem_size));
            if index[axis] != s.sizes[axis] {
                break;
            }
            index[axis] = 0;
            read = read.wrapping_sub(s.sizes[axis].wrapping_mul(s.strides[axis]).wrapping_mul(elem_size));
            write = write.wrapping_sub(d.sizes[axis].wrapping_mul(d.strides[axis]).wrapping_mul(elem_size));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders a memref of rank `N` over `data` (addresses masked).
    fn render_f32<const N: usize>(data: &[f32], offset: i64, sizes: [i64; N], strides: [i64; N]) -> String {
        #[repr(C)]
        struct Desc<const N: usize> {
            allocated: *const f32,
            aligned: *const f32,
            offset: i64,
            sizes: [i64; N],
            strides: [i64; N],
        }
        let desc = Desc { allocated: data.as_ptr(), aligned: data.as_ptr(), offset, sizes, strides };
        // SAFETY: a live descriptor of rank N over `data`.
        let (header, body) = unsafe { render::<f32>("Memref ", N as i64, (&desc as *const Desc<N>).cast()) }.unwrap();
        let header = String::from_utf8(header).unwrap();
        let masked = header.replace(&format!("{:#x}", data.as_ptr() as usize), "0x<addr>");
        masked + &String::from_utf8(body).unwrap()
    }

    #[test]
    fn renders_like_upstream() {
        let data = [1.0, 2.5, -3.0, 4.0, 5.0, 6.0];
        assert_eq!(
            render_f32(&data, 0, [2, 3], [3, 1]),
            "Memref base@ = 0x<addr> rank = 2 offset = 0 sizes = [2, 3] strides = [3, 1] data = \n[[1,   2.5,   -3], \n [4,   5,   6]]\n"
        );
        assert_eq!(
            render_f32(&data, 5, [], []),
            "Memref base@ = 0x<addr> rank = 0 offset = 5 sizes = [] strides = [] data = \n[6]\n"
        );
    }

    #[test]
    fn empty_dimensions_print_as_empty_brackets() {
        // Upstream reads one element out of bounds here instead.
        let data = [7.0];
        assert!(render_f32(&data, 0, [0], [1]).ends_with("data = \n[]\n"));
        assert!(render_f32(&data, 0, [2, 0, 3], [0, 3, 1]).ends_with("data = \n[[], \n []]\n"));
    }

    #[test]
    fn corrupt_descriptors_print_nothing() {
        // SAFETY: rejected before any read.
        assert!(unsafe { render::<f32>("", -1, std::ptr::null()) }.is_none());
        // SAFETY: as above.
        assert!(unsafe { render::<f32>("", 1 << 20, std::ptr::null()) }.is_none());
    }

    #[test]
    fn memref_copy_follows_both_strides() {
        #[repr(C)]
        struct Desc {
            allocated: *const f32,
            aligned: *const f32,
            offset: i64,
            sizes: [i64; 2],
            strides: [i64; 2],
        }
        let src: Vec<f32> = (0..16).map(|i| i as f32).collect();
        let mut dst = [0f32; 6];
        // The 2x3 window at (1, 1) of a 4x4 buffer, into a 3x2 transposed layout.
        let s = Desc { allocated: src.as_ptr(), aligned: src.as_ptr(), offset: 5, sizes: [2, 3], strides: [4, 1] };
        let d = Desc { allocated: dst.as_ptr(), aligned: dst.as_mut_ptr(), offset: 0, sizes: [2, 3], strides: [1, 2] };
        let su = UnrankedMemRef { rank: 2, descriptor: (&s as *const Desc).cast_mut().cast() };
        let du = UnrankedMemRef { rank: 2, descriptor: (&d as *const Desc).cast_mut().cast() };
        // SAFETY: live descriptors of the same shape over live buffers.
        unsafe { memref_copy(4, &su, &du) };
        assert_eq!(dst, [5.0, 9.0, 6.0, 10.0, 7.0, 11.0]);
    }
}
