//! Conversions between LLVM types: integer widths, integers and floats,
//! float widths, pointers and integers, and bitcasts. One line per op.
//!
//! ```mlir
//! %w = llvm.sext %a : i32 to i64
//! %z = llvm.zext nneg %a : i32 to i64
//! %f = llvm.sitofp %a : i32 to f32
//! %p = llvm.inttoptr %i : i64 to !llvm.ptr
//! ```

use ir::constraints::UNIT_ATTR;
use ir::{define_op, Dialect};

use crate::attrs::OVERFLOW_FLAGS;
use crate::LLVM_TYPE;

/// Declares one cast; `nneg` and `overflow` casts take flags.
macro_rules! cast_op {
    (plain, $doc:literal, $ty:ident, $name:literal) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [arg: Single(LLVM_TYPE)],
                results: [res: Single(LLVM_TYPE)],
                traits: [PURE],
                format: "$arg attr-dict `:` type($arg) `to` type($res)",
            }
        }
    };
    (nneg, $doc:literal, $ty:ident, $name:literal) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [arg: Single(LLVM_TYPE)],
                results: [res: Single(LLVM_TYPE)],
                attributes: [nonNeg: Optional(UNIT_ATTR)],
                traits: [PURE],
                format: "(`nneg` $nonNeg^)? $arg attr-dict `:` type($arg) `to` type($res)",
            }
        }
    };
    (overflow, $doc:literal, $ty:ident, $name:literal) => {
        define_op! {
            #[doc = $doc]
            pub struct $ty = $name {
                operands: [arg: Single(LLVM_TYPE)],
                results: [res: Single(LLVM_TYPE)],
                attributes: [overflowFlags: Optional(OVERFLOW_FLAGS)],
                traits: [PURE],
                format: "$arg (`overflow` `` $overflowFlags^)? attr-dict `:` type($arg) `to` type($res)",
            }
        }
    };
}

macro_rules! cast_ops {
    ($($shape:ident $ty:ident = $name:literal, $doc:literal;)*) => {
        $(cast_op!($shape, $doc, $ty, $name);)*

        pub(crate) fn register(dialect: Dialect) -> Dialect {
            dialect $(.with_op::<$ty>())*
        }
    };
}

cast_ops! {
    plain SExtOp = "llvm.sext", "Sign-extends an integer to a wider one.";
    nneg ZExtOp = "llvm.zext", "Zero-extends an integer to a wider one.";
    overflow TruncOp = "llvm.trunc", "Truncates an integer to a narrower one.";
    plain SIToFPOp = "llvm.sitofp", "Converts a signed integer to a float.";
    nneg UIToFPOp = "llvm.uitofp", "Converts an unsigned integer to a float.";
    plain FPToSIOp = "llvm.fptosi", "Converts a float to a signed integer, rounding toward zero.";
    plain FPToUIOp = "llvm.fptoui", "Converts a float to an unsigned integer, rounding toward zero.";
    plain FPExtOp = "llvm.fpext", "Extends a float to a wider float type.";
    plain FPTruncOp = "llvm.fptrunc", "Rounds a float to a narrower float type.";
    plain BitcastOp = "llvm.bitcast", "Reinterprets the bits of a value as another type of the same size.";
    plain PtrToIntOp = "llvm.ptrtoint", "The address of a pointer as an integer.";
    plain IntToPtrOp = "llvm.inttoptr", "A pointer to the address an integer holds.";
    plain AddrSpaceCastOp = "llvm.addrspacecast", "A pointer in another address space.";
}
