//! Device memory: `gpu.alloc` (optionally shared with the host),
//! `gpu.dealloc`, and copies and fills with `gpu.memcpy` and `gpu.memset`.
//! Each can run asynchronously after its token dependencies.
//!
//! ```mlir
//! %buffer, %t1 = gpu.alloc async [%t0] (%n) : memref<?xf32>
//! %t2 = gpu.memcpy async [%t1] %buffer, %host : memref<?xf32>, memref<?xf32>
//! %t3 = gpu.memset async [%t2] %buffer, %zero : memref<?xf32>, f32
//! %t4 = gpu.dealloc async [%t3] %buffer : memref<?xf32>
//! ```

use ir::constraints::{ANY_TYPE, INDEX};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::types::TypeData;
use ir::verifier::op_error;
use ir::{define_op, Attribute, Diagnostic, Ir, OpId, Type, Value};

use crate::async_token::{AsyncDependencies, ASYNC_TOKEN};
use crate::{ANY_MEMREF, UNIT_FLAG};

define_op! {
    /// Allocates a buffer in device memory, or in memory shared with the host (`host_shared`).
    pub struct AllocOp = "gpu.alloc" {
        operands: [asyncDependencies: Variadic(ASYNC_TOKEN), dynamicSizes: Variadic(INDEX), symbolOperands: Variadic(INDEX)],
        results: [memref: Single(ANY_MEMREF), asyncToken: Optional(ASYNC_TOKEN)],
        attributes: [hostShared: Optional(UNIT_FLAG)],
        effects: [Allocate(memref)],
        extra: {
            parse: Some(parse_alloc),
            print: Some(print_alloc),
            verify: Some(verify_alloc),
            name_results: Some(|ir, op| {
                let names = [Some("memref".to_string()), Some("asyncToken".to_string())];
                names[..ir.results(op).len().min(2)].to_vec()
            }),
        },
    }
}

define_op! {
    /// Frees a buffer made by `gpu.alloc`.
    pub struct DeallocOp = "gpu.dealloc" {
        operands: [asyncDependencies: Variadic(ASYNC_TOKEN), memref: Single(ANY_MEMREF)],
        results: [asyncToken: Optional(ASYNC_TOKEN)],
        effects: [Free(memref)],
        extra: {
            parse: Some(parse_dealloc),
            print: Some(print_dealloc),
        },
    }
}

define_op! {
    /// Copies every element of one buffer into another of the same shape (host or device).
    pub struct MemcpyOp = "gpu.memcpy" {
        operands: [asyncDependencies: Variadic(ASYNC_TOKEN), dst: Single(ANY_MEMREF), src: Single(ANY_MEMREF)],
        results: [asyncToken: Optional(ASYNC_TOKEN)],
        effects: [Write(dst), Read(src)],
        extra: {
            parse: Some(parse_transfer),
            print: Some(print_transfer),
            verify: Some(verify_memcpy),
        },
    }
}

define_op! {
    /// Sets every element of a buffer to one value.
    pub struct MemsetOp = "gpu.memset" {
        operands: [asyncDependencies: Variadic(ASYNC_TOKEN), dst: Single(ANY_MEMREF), value: Single(ANY_TYPE)],
        results: [asyncToken: Optional(ASYNC_TOKEN)],
        effects: [Write(dst)],
        extra: {
            parse: Some(parse_transfer),
            print: Some(print_transfer),
            verify: Some(verify_memset),
        },
    }
}

/// `async [%t] host_shared (%sizes)[%symbols] attr-dict : memref-type`
fn parse_alloc(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    let token = AsyncDependencies::parse(p)?.resolve(p)?;
    let dependency_count = p.state.operands.len();
    if p.parse_optional_keyword("host_shared") {
        p.add_attribute("hostShared", Attribute::unit(&ctx));
    }
    p.expect_punct("(")?;
    let sizes_location = p.current_location();
    let sizes = p.parse_operand_list()?;
    p.expect_punct(")")?;
    let mut symbols = Vec::new();
    let symbols_location = p.current_location();
    if p.parse_optional_punct("[") {
        symbols = p.parse_operand_list()?;
        p.expect_punct("]")?;
    }
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let memref = p.parse_type()?;
    let index = Type::index(&ctx);
    let sizes = p.resolve_operands(&sizes, &vec![index; sizes.len()], sizes_location)?;
    let symbols = p.resolve_operands(&symbols, &vec![index; symbols.len()], symbols_location)?;
    let segments = [dependency_count as i32, sizes.len() as i32, symbols.len() as i32];
    p.state.operands.extend(sizes);
    p.state.operands.extend(symbols);
    p.add_attribute("operandSegmentSizes", Attribute::dense_i32_array(&ctx, &segments));
    p.state.result_types.push(memref);
    p.state.result_types.extend(token);
    Ok(())
}

fn print_alloc(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let alloc = AllocOp(op);
    AsyncDependencies::print(p, alloc.asyncToken(ir), alloc.asyncDependencies(ir));
    if alloc.hostShared(ir).is_some() {
        p.write(" host_shared");
    }
    p.write(" (");
    p.print_operands(alloc.dynamicSizes(ir));
    p.write(")");
    let symbols = alloc.symbolOperands(ir);
    if !symbols.is_empty() {
        p.write("[");
        p.print_operands(symbols);
        p.write("]");
    }
    p.print_optional_attr_dict(op, &["hostShared", "operandSegmentSizes"]);
    p.write(" : ");
    p.print_type(ir.value_type(alloc.memref(ir)));
}

/// One size per dynamic dimension; one symbol per symbol of the layout.
fn verify_alloc(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let alloc = AllocOp(op);
    let TypeData::MemRef { shape, layout, .. } = ir.value_type(alloc.memref(ir)).data(ctx) else { return Ok(()) };
    let dynamic = ir::shape::dynamic_count(shape);
    let sizes = alloc.dynamicSizes(ir).len();
    if sizes != dynamic {
        return Err(op_error(ir, op, format!("incorrect number of dynamic sizes, has {sizes}, expected {dynamic}")));
    }
    if alloc.symbolOperands(ir).len() != ir::shape::layout_symbol_count(ctx, *layout) {
        return Err(op_error(ir, op, "symbol operand count does not equal memref symbol count"));
    }
    Ok(())
}

/// `async [%t] %memref attr-dict : memref-type`
fn parse_dealloc(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let token = AsyncDependencies::parse(p)?.resolve(p)?;
    let memref = p.parse_operand()?;
    p.parse_optional_attr_dict()?;
    let ty = p.parse_colon_type()?;
    let memref = p.resolve_operand(&memref, ty)?;
    p.state.operands.push(memref);
    p.state.result_types.extend(token);
    Ok(())
}

fn print_dealloc(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let dealloc = DeallocOp(op);
    AsyncDependencies::print(p, dealloc.asyncToken(ir), dealloc.asyncDependencies(ir));
    p.write(" ");
    p.print_operand(dealloc.memref(ir));
    p.print_optional_attr_dict(op, &[]);
    p.write(" : ");
    p.print_type(ir.value_type(dealloc.memref(ir)));
}

/// `async [%t] %dst, %source : dst-type, source-type attr-dict`, the shape
/// of `gpu.memcpy` and `gpu.memset`.
fn parse_transfer(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let token = AsyncDependencies::parse(p)?.resolve(p)?;
    let dst = p.parse_operand()?;
    p.expect_punct(",")?;
    let source = p.parse_operand()?;
    let dst_type = p.parse_colon_type()?;
    p.expect_punct(",")?;
    let source_type = p.parse_type()?;
    p.parse_optional_attr_dict()?;
    let operands = [p.resolve_operand(&dst, dst_type)?, p.resolve_operand(&source, source_type)?];
    p.state.operands.extend(operands);
    p.state.result_types.extend(token);
    Ok(())
}

fn print_transfer(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let (dependencies, operands) = transfer_operands(ir, op);
    let token = ir.results(op).first().copied();
    AsyncDependencies::print(p, token, dependencies);
    p.write(" ");
    p.print_operands(operands);
    p.write(" : ");
    let types: Vec<Type> = operands.iter().map(|&v| ir.value_type(v)).collect();
    p.print_types(&types);
    p.print_optional_attr_dict(op, &[]);
}

/// The dependencies and the two data operands of a copy or fill.
fn transfer_operands(ir: &Ir, op: OpId) -> (&[Value], &[Value]) {
    let operands = ir.operands(op);
    operands.split_at(operands.len().saturating_sub(2))
}

fn verify_memcpy(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let copy = MemcpyOp(op);
    let (dst, src) = (ir.value_type(copy.dst(ir)), ir.value_type(copy.src(ir)));
    if dst.element_type_or_self(ctx) != src.element_type_or_self(ctx) {
        return Err(op_error(ir, op, "arguments have incompatible element type"));
    }
    if let (Some(a), Some(b)) = (dst.shape(ctx), src.shape(ctx)) {
        if !ir::shape::compatible(a, b) {
            return Err(op_error(ir, op, "arguments have incompatible shape"));
        }
    }
    Ok(())
}

fn verify_memset(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let fill = MemsetOp(op);
    if ir.value_type(fill.dst(ir)).element_type_or_self(ctx) != ir.value_type(fill.value(ir)).element_type_or_self(ctx) {
        return Err(op_error(ir, op, "failed to verify that all of {dst, value} have same element type"));
    }
    Ok(())
}
