//! What a memref descriptor holds, as values: its base buffer, offset,
//! sizes and strides (`memref.extract_strided_metadata`), its aligned
//! pointer (`memref.extract_aligned_pointer_as_index`) and its rank
//! (`memref.rank`); and `memref.assume_alignment`, which records an
//! alignment promise about the pointer.
//!
//! ```mlir
//! %base, %offset, %sizes:2, %strides:2 = memref.extract_strided_metadata %m : memref<?x4xf32> -> memref<f32>, index, index, index, index, index
//! %p = memref.extract_aligned_pointer_as_index %m : memref<?x4xf32> -> index
//! %r = memref.rank %u : memref<*xf32>
//! %a = memref.assume_alignment %m, 16 : memref<?x4xf32>
//! ```

use ir::constraints::INDEX;
use ir::dialect::{AttrConstraint, TypeConstraint};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::types::TypeData;
use ir::verifier::op_error;
use ir::{define_op, AttrData, Attribute, Context, Diagnostic, Ir, OpId, Type, Value};

use crate::{layout, quoted, ANY_MEMREF, RANKED_MEMREF, STRIDED_MEMREF};

/// The base buffer of a descriptor: a strided memref of rank 0.
const STRIDED_MEMREF_RANK_0: TypeConstraint = TypeConstraint {
    description: "strided memref of any type values of rank 0",
    check: |ctx, t| layout::is_strided(ctx, t) && t.shape(ctx).is_some_and(|s| s.is_empty()),
    buildable: None,
};

/// A positive `i32`, written as a bare integer.
const POSITIVE_I32_ATTR: AttrConstraint = AttrConstraint {
    description: "32-bit signless integer attribute whose value is positive",
    check: |ctx, a| matches!(a.data(ctx), AttrData::Integer { value, ty } if ty.is_signless_int_of_width(ctx, 32) && *value > 0),
    parse: Some(parse_i32_attr),
    print: Some(|p, a| p.print_attribute_without_type(a)),
    default: None,
};

define_op! {
    /// The base buffer, offset, sizes and strides of a strided memref.
    pub struct ExtractStridedMetadataOp = "memref.extract_strided_metadata" {
        operands: [source: Single(STRIDED_MEMREF)],
        results: [base_buffer: Single(STRIDED_MEMREF_RANK_0), offset: Single(INDEX), sizes_and_strides: Variadic(INDEX)],
        traits: [PURE],
        extra: {
            parse: Some(parse_extract_strided_metadata),
            print: Some(print_extract_strided_metadata),
            verify: Some(verify_extract_strided_metadata),
            name_results: Some(name_metadata),
        },
    }
}

define_op! {
    /// The aligned pointer of a memref's buffer, as an index.
    pub struct ExtractAlignedPointerAsIndexOp = "memref.extract_aligned_pointer_as_index" {
        operands: [source: Single(ANY_MEMREF)],
        results: [aligned_pointer: Single(INDEX)],
        traits: [PURE],
        format: "$source `:` type($source) `->` type($aligned_pointer) attr-dict",
        extra: {
            name_results: Some(|_, _| vec![Some("intptr".to_string())]),
        },
    }
}

define_op! {
    /// The rank of a memref, ranked or not.
    pub struct RankOp = "memref.rank" {
        operands: [memref: Single(ANY_MEMREF)],
        results: [result: Single(INDEX)],
        traits: [PURE],
        format: "$memref attr-dict `:` type($memref)",
        extra: {
            infer_result_types: Some(|ctx, _, _| Some(vec![Type::index(ctx)])),
        },
    }
}

define_op! {
    /// The same memref, with the promise that its buffer is aligned to the given bytes.
    pub struct AssumeAlignmentOp = "memref.assume_alignment" {
        operands: [memref: Single(RANKED_MEMREF)],
        results: [result: Single(RANKED_MEMREF)],
        attributes: [alignment: Required(POSITIVE_I32_ATTR)],
        traits: [PURE, SAME_OPERANDS_AND_RESULT_TYPE],
        format: "$memref `,` $alignment attr-dict `:` type($memref)",
        extra: {
            verify: Some(|ir, op| {
                let alignment = AssumeAlignmentOp(op).alignment(ir).and_then(|a| a.as_integer(ir.ctx())).unwrap_or(1);
                if alignment > 0 && (alignment as u128).is_power_of_two() {
                    Ok(())
                } else {
                    Err(op_error(ir, op, "alignment must be power of 2"))
                }
            }),
            name_results: Some(|_, _| vec![Some("assume_align".to_string())]),
        },
    }
}

impl ExtractStridedMetadataOp {
    /// One size per dimension of the source.
    pub fn sizes(self, ir: &Ir) -> &[Value] {
        let all = self.sizes_and_strides(ir);
        &all[..all.len() / 2]
    }

    /// One stride per dimension of the source.
    pub fn strides(self, ir: &Ir) -> &[Value] {
        let all = self.sizes_and_strides(ir);
        &all[all.len() / 2..]
    }
}

fn parse_i32_attr(p: &mut OpParser<'_, '_>) -> ParseResult<Attribute> {
    let location = p.current_location();
    let value = p.parse_integer()?;
    if i32::try_from(value).is_err() {
        return Err(Diagnostic::error(location, "integer constant out of range for attribute"));
    }
    let i32t = Type::integer(p.ctx(), 32);
    Ok(Attribute::integer(p.ctx(), value, i32t))
}

/// The result types for a source type: a rank-0 memref of its element type
/// in its memory space, then an index for the offset and each size and stride.
fn metadata_types(ctx: &Context, source: Type) -> Option<Vec<Type>> {
    let TypeData::MemRef { shape, element, memory_space, .. } = source.data(ctx) else { return None };
    let base = Type::memref_with(ctx, Vec::new(), *element, None, *memory_space);
    Some([base].into_iter().chain(std::iter::repeat_n(Type::index(ctx), 1 + 2 * shape.len())).collect())
}

/// `%source : type -> types attr-dict`.
fn parse_extract_strided_metadata(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let source = p.parse_operand()?;
    p.expect_punct(":")?;
    let source_type = p.parse_type()?;
    p.expect_punct("->")?;
    p.state.result_types = p.parse_type_list()?;
    p.parse_optional_attr_dict()?;
    let source = p.resolve_operand(&source, source_type)?;
    p.state.operands.push(source);
    Ok(())
}

fn print_extract_strided_metadata(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let Some(&source) = ir.operands(op).first() else { return };
    let types: Vec<Type> = ir.results(op).iter().map(|&r| ir.value_type(r)).collect();
    p.write(" ");
    p.print_operand(source);
    p.write(" : ");
    p.print_type(ir.value_type(source));
    p.write(" -> ");
    p.print_types(&types);
    p.print_optional_attr_dict(op, &[]);
}

/// `%base_buffer, %offset, %sizes:N, %strides:N`.
fn name_metadata(ir: &Ir, op: OpId) -> Vec<Option<String>> {
    let rank = ir.results(op).len().saturating_sub(2) / 2;
    let mut names = vec![Some("base_buffer".to_string()), Some("offset".to_string())];
    for pack in ["sizes", "strides"] {
        if rank > 0 {
            names.push(Some(pack.to_string()));
            names.extend(std::iter::repeat_n(None, rank - 1));
        }
    }
    names
}

/// The results are those that the source type implies.
fn verify_extract_strided_metadata(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let source = ir.value_type(ir.operands(op)[0]);
    let actual: Vec<Type> = ir.results(op).iter().map(|&r| ir.value_type(r)).collect();
    let Some(inferred) = metadata_types(ctx, source) else { return Ok(()) };
    if inferred != actual {
        let list = |types: &[Type]| types.iter().map(|&t| quoted(ctx, t)).collect::<Vec<_>>().join(", ");
        return Err(op_error(
            ir,
            op,
            format!("inferred type(s) {} are incompatible with return type(s) of operation {}", list(&inferred), list(&actual)),
        ));
    }
    Ok(())
}
