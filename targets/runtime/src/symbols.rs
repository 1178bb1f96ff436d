//! The table of the runtime's C-ABI functions by symbol name, for a JIT to
//! resolve a module's declarations without any `dlopen`.

use crate::{alloc, memref, print};

/// A runtime function: its C symbol name and address.
#[derive(Clone, Copy, Debug)]
pub struct Symbol {
    /// The C symbol, as upstream names it (`printMemrefF32`).
    pub name: &'static str,
    address: *const (),
}

// SAFETY: the address of a function, never dereferenced as data.
unsafe impl Sync for Symbol {}
// SAFETY: as above.
unsafe impl Send for Symbol {}

impl Symbol {
    pub(crate) const fn new(name: &'static str, address: *const ()) -> Self {
        Symbol { name, address }
    }

    /// The function's address.
    pub fn address(&self) -> usize {
        self.address as usize
    }
}

static SCALAR_SYMBOLS: &[Symbol] = &[
    Symbol::new("printI64", print::print_i64 as *const ()),
    Symbol::new("printU64", print::print_u64 as *const ()),
    Symbol::new("printF32", print::print_f32 as *const ()),
    Symbol::new("printF64", print::print_f64 as *const ()),
    Symbol::new("printF16", print::print_f16 as *const ()),
    Symbol::new("printBF16", print::print_bf16 as *const ()),
    Symbol::new("printString", print::print_string as *const ()),
    Symbol::new("printCString", print::print_c_string as *const ()),
    Symbol::new("printOpen", print::print_open as *const ()),
    Symbol::new("printClose", print::print_close as *const ()),
    Symbol::new("printComma", print::print_comma as *const ()),
    Symbol::new("printNewline", print::print_newline as *const ()),
    Symbol::new("printFlops", print::print_flops as *const ()),
    Symbol::new("rtclock", print::rtclock as *const ()),
    Symbol::new("_mlir_ciface_nanoTime", print::nano_time as *const ()),
    Symbol::new("memrefCopy", memref::memref_copy as *const ()),
];

/// Every function of the runtime under its upstream name: printing,
/// timing, `memrefCopy`, and the counted allocation functions with
/// upstream's names (`_mlir_memref_to_llvm_alloc`, `mlirAlloc`, ...).
/// Not the libc-named allocation interposers: see
/// [`crate::alloc::libc_interposers`].
pub fn runtime_symbols() -> impl Iterator<Item = &'static Symbol> {
    SCALAR_SYMBOLS.iter().chain(memref::UNRANKED_SYMBOLS).chain(memref::RANKED_SYMBOLS).chain(alloc::ALLOC_SYMBOLS)
}

/// The address of the runtime function named `name`.
pub fn lookup(name: &str) -> Option<usize> {
    runtime_symbols().find(|s| s.name == name).map(Symbol::address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_resolve() {
        let mut names: Vec<_> = runtime_symbols().map(|s| s.name).collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
        assert_eq!(lookup("printMemrefF32"), Some(memref_f32_address()));
        assert!(lookup("malloc").is_none());
    }

    fn memref_f32_address() -> usize {
        runtime_symbols().find(|s| s.name == "printMemrefF32").unwrap().address()
    }
}
