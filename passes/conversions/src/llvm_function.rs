//! Declaring the external functions that lowered code calls (`malloc`,
//! `free`, libm's `erff`, runtime functions): an `llvm.func` declaration at
//! the start of the enclosing module, added once.

use dialect_llvm as llvm;
use ir::rewrite::PatternRewriter;
use ir::{Attribute, Location, OpId, Type};

/// The module body around `op`, and its first op (where declarations go).
fn module_start(r: &PatternRewriter<'_>, op: OpId) -> Option<OpId> {
    let module = r.ir().enclosing_symbol_table(op)?;
    let body = r.ir().entry_block(*r.ir().regions(module).first()?)?;
    r.ir().first_op(body)
}

/// Declares `name(params) -> result` in the module around `op` unless a
/// symbol of that name exists; `None` when there is no module.
pub fn declare(r: &mut PatternRewriter<'_>, op: OpId, name: &str, params: &[Type], result: Type) -> Option<()> {
    if r.ir().lookup_symbol(op, name).is_some() {
        return Some(());
    }
    let first = module_start(r, op)?;
    let ctx = r.ctx();
    let function_type = llvm::types::function(ctx, result, params.to_vec(), false);
    let attributes = [("sym_name", Attribute::string(ctx, name)), ("function_type", Attribute::type_attr(ctx, function_type))];
    r.build_before::<llvm::FuncOp>(first, Location::Unknown, &[], &[], &attributes)?;
    Some(())
}

/// Declares `name(params) -> result` right before the function around
/// `op` (where upstream's GPU lowerings put the library functions they
/// call, `__nv_expf`) unless a symbol of that name exists.
pub fn declare_before_function(r: &mut PatternRewriter<'_>, op: OpId, name: &str, params: &[Type], result: Type) -> Option<()> {
    if r.ir().lookup_symbol(op, name).is_some() {
        return Some(());
    }
    let table = r.ir().enclosing_symbol_table(op)?;
    let function = std::iter::successors(Some(op), |&o| r.ir().parent_op(o)).find(|&o| r.ir().parent_op(o) == Some(table))?;
    let ctx = r.ctx();
    let function_type = llvm::types::function(ctx, result, params.to_vec(), false);
    let attributes = [("sym_name", Attribute::string(ctx, name)), ("function_type", Attribute::type_attr(ctx, function_type))];
    r.build_before::<llvm::FuncOp>(function, Location::Unknown, &[], &[], &attributes)?;
    Some(())
}

/// A private constant global holding `text` and a NUL, named `base` or
/// `base_N` (the first name free); returns its name and array type.
pub fn string_constant(r: &mut PatternRewriter<'_>, op: OpId, base: &str, text: &str) -> Option<(String, Type)> {
    let name = (0..)
        .map(|i| if i == 0 { base.to_string() } else { format!("{base}_{}", i - 1) })
        .find(|n| r.ir().lookup_symbol(op, n).is_none())?;
    let first = module_start(r, op)?;
    let ctx = r.ctx();
    let i8t = Type::integer(ctx, 8);
    let mut bytes: Vec<Attribute> = text.bytes().map(|b| Attribute::integer(ctx, b as i128, i8t)).collect();
    bytes.push(Attribute::integer(ctx, 0, i8t));
    let tensor = Type::ranked_tensor(ctx, vec![bytes.len() as i64], i8t);
    let array = llvm::types::array(ctx, bytes.len() as u64, i8t);
    let value =
        ctx.intern_attr(ir::AttrData::DenseElements { ty: tensor, elements: ir::attributes::DenseElements::Elements(bytes) });
    let attributes = [
        ("sym_name", Attribute::string(ctx, &name)),
        ("global_type", Attribute::type_attr(ctx, array)),
        ("linkage", llvm::attrs::linkage_attr(ctx, "private")),
        ("constant", Attribute::unit(ctx)),
        ("value", value),
        ("addr_space", Attribute::integer(ctx, 0, Type::integer(ctx, 32))),
    ];
    r.build_before::<llvm::GlobalOp>(first, Location::Unknown, &[], &[], &attributes)?;
    Some((name, array))
}
