//! `gpu.func`: a function of device code, a kernel when marked `kernel`
//! (the host can launch it), with its memory attributions; `gpu.return`
//! ends it.
//!
//! ```mlir
//! gpu.func @kernel(%x: memref<?xf32>) workgroup(%tile : memref<32xf32, #gpu.address_space<workgroup>>) kernel attributes {known_block_size = array<i32: 32, 1, 1>} {
//!   gpu.return
//! }
//! gpu.func @helper(%a: f32) -> f32 {
//!   gpu.return %a : f32
//! }
//! ```

use ir::constraints::{ANY_TYPE, DICTIONARY_ARRAY_ATTR, FUNCTION_TYPE_ATTR};
use ir::dialect::AttrConstraint;
use ir::syntax::{Argument, OpParser, OpPrinter, ParseResult};
use ir::types::TypeData;
use ir::verifier::op_error;
use ir::{define_op, AttrData, Attribute, Diagnostic, Ir, NamedAttribute, OpId, OpType, Type, Value};

use crate::attributions::{parse_attributions, print_attributions, verify_attributions, workgroup_count, WORKGROUP_COUNT_ATTR};
use crate::module::GpuModuleOp;

/// The unit attribute that marks a `gpu.func` (or another function) as a kernel.
pub const KERNEL_ATTR: &str = "gpu.kernel";

/// `array<i32: x, y, z>`: a launch size known in advance.
const DIM_SIZES_ATTR: AttrConstraint = AttrConstraint {
    description: "i32 dense array attribute with 3 elements (if present)",
    check: |ctx, a| matches!(a.data(ctx), AttrData::DenseArray { element, values } if element.is_signless_int_of_width(ctx, 32) && values.len() == 3),
    parse: None,
    print: None,
    default: None,
};

define_op! {
    /// A function of device code; a kernel, which the host can launch, when marked `kernel`.
    pub struct GpuFuncOp = "gpu.func" {
        attributes: [
            function_type: Required(FUNCTION_TYPE_ATTR),
            arg_attrs: Optional(DICTIONARY_ARRAY_ATTR),
            res_attrs: Optional(DICTIONARY_ARRAY_ATTR),
            workgroup_attrib_attrs: Optional(DICTIONARY_ARRAY_ATTR),
            private_attrib_attrs: Optional(DICTIONARY_ARRAY_ATTR),
            known_block_size: Optional(DIM_SIZES_ATTR),
            known_grid_size: Optional(DIM_SIZES_ATTR),
            known_cluster_size: Optional(DIM_SIZES_ATTR),
        ],
        regions: [body: Single],
        traits: [ISOLATED_FROM_ABOVE, SYMBOL],
        extra: {
            parse: Some(parse_gpu_func),
            print: Some(print_gpu_func),
            verify: Some(verify_gpu_func),
        },
    }
}

define_op! {
    /// Returns control and values from a `gpu.func`.
    pub struct ReturnOp = "gpu.return" {
        operands: [operands: Variadic(ANY_TYPE)],
        traits: [TERMINATOR, PURE, RETURN_LIKE],
        format: "attr-dict ($operands^ `:` type($operands))?",
        extra: {
            verify: Some(verify_return),
        },
    }
}

/// The attributes the custom form prints in its own places.
const PRINTED_ELSEWHERE: [&str; 8] = [
    "sym_name",
    "function_type",
    "arg_attrs",
    "res_attrs",
    "workgroup_attrib_attrs",
    "private_attrib_attrs",
    WORKGROUP_COUNT_ATTR,
    KERNEL_ATTR,
];

impl GpuFuncOp {
    /// `(inputs, results)` of the signature.
    pub fn signature(self, ir: &Ir) -> (Vec<Type>, Vec<Type>) {
        let ctx = ir.ctx();
        self.function_type(ir)
            .and_then(|a| a.as_type(ctx))
            .and_then(|t| t.function_parts(ctx).map(|(i, r)| (i.to_vec(), r.to_vec())))
            .unwrap_or_default()
    }

    /// Whether it is marked `kernel`.
    pub fn is_kernel(self, ir: &Ir) -> bool {
        ir.attr(self.0, KERNEL_ATTR).is_some()
    }

    /// The entry block's arguments, split into the function's arguments and
    /// its workgroup and private attributions.
    pub fn arguments(self, ir: &Ir) -> Option<(&[Value], &[Value], &[Value])> {
        let entry = ir.entry_block(*ir.regions(self.0).first()?)?;
        let args = ir.block_arguments(entry);
        let inputs = self.signature(ir).0.len();
        let workgroup = workgroup_count(ir, self.0).ok()?;
        if args.len() < inputs + workgroup {
            return None;
        }
        let (inputs, rest) = args.split_at(inputs);
        let (workgroup, private) = rest.split_at(workgroup);
        Some((inputs, workgroup, private))
    }
}

/// An array of dictionaries, or nothing when all are empty.
fn dictionary_array(p: &OpParser<'_, '_>, dictionaries: Vec<Vec<NamedAttribute>>) -> Option<Attribute> {
    if dictionaries.iter().all(|d| d.is_empty()) {
        return None;
    }
    let ctx = p.ctx();
    Some(Attribute::array(ctx, dictionaries.into_iter().map(|d| Attribute::dictionary(ctx, d)).collect()))
}

/// `@name(%a: t {attrs}, ...) -> results workgroup(...) private(...) kernel attributes {...} { body }`
fn parse_gpu_func(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let ctx = p.context();
    let name = p.parse_symbol_name()?;
    p.add_attribute("sym_name", Attribute::string(&ctx, &name));

    let signature_location = p.current_location();
    p.expect_punct("(")?;
    let mut arguments: Vec<Argument<'_>> = Vec::new();
    if !p.parse_optional_punct(")") {
        loop {
            if !p.peek("%") {
                return Err(Diagnostic::error(signature_location, "gpu.func requires named arguments"));
            }
            arguments.push(p.parse_argument()?);
            if !p.parse_optional_punct(",") {
                break;
            }
        }
        p.expect_punct(")")?;
    }
    let (results, result_attrs) = parse_results(p)?;
    let inputs: Vec<Type> = arguments.iter().map(|a| a.ty).collect();
    let input_count = inputs.len();
    p.add_attribute("function_type", Attribute::type_attr(&ctx, Type::function(&ctx, inputs, results)));
    let argument_attrs = arguments.iter().map(|a| a.attributes.clone()).collect();
    if let Some(a) = dictionary_array(p, argument_attrs) {
        p.add_attribute("arg_attrs", a);
    }
    if let Some(a) = dictionary_array(p, result_attrs) {
        p.add_attribute("res_attrs", a);
    }

    let workgroup = parse_attributions(p, "workgroup", &mut arguments)?;
    let workgroup_count = arguments.len() - input_count;
    p.add_attribute(WORKGROUP_COUNT_ATTR, Attribute::integer(&ctx, workgroup_count as i128, Type::integer(&ctx, 64)));
    if let Some(a) = dictionary_array(p, workgroup) {
        p.add_attribute("workgroup_attrib_attrs", a);
    }
    let private = parse_attributions(p, "private", &mut arguments)?;
    if let Some(a) = dictionary_array(p, private) {
        p.add_attribute("private_attrib_attrs", a);
    }
    if p.parse_optional_keyword("kernel") {
        p.add_attribute(KERNEL_ATTR, Attribute::unit(&ctx));
    }
    p.parse_optional_attr_dict_with_keyword()?;
    p.parse_region(&arguments)?;
    Ok(())
}

/// `-> t`, `-> (t {attrs}, ...)` or nothing: the result types and their attributes.
fn parse_results(p: &mut OpParser<'_, '_>) -> ParseResult<(Vec<Type>, Vec<Vec<NamedAttribute>>)> {
    let (mut types, mut attrs) = (Vec::new(), Vec::new());
    if !p.parse_optional_punct("->") {
        return Ok((types, attrs));
    }
    let function_type_result = p.lookahead(|p| p.parse_paren_type_list().is_ok() && p.peek("->"));
    if !p.peek("(") || function_type_result {
        return Ok((vec![p.parse_type()?], vec![Vec::new()]));
    }
    p.expect_punct("(")?;
    if !p.parse_optional_punct(")") {
        loop {
            types.push(p.parse_type()?);
            attrs.push(p.parse_attr_dict_entries()?);
            if !p.parse_optional_punct(",") {
                break;
            }
        }
        p.expect_punct(")")?;
    }
    Ok((types, attrs))
}

/// The `i`th dictionary of an array attribute, unless empty.
fn dictionary_at(ir: &Ir, array: Option<Attribute>, i: usize) -> Option<Attribute> {
    let ctx = ir.ctx();
    array
        .and_then(|a| a.as_array(ctx).and_then(|items| items.get(i).copied()))
        .filter(|d| matches!(d.data(ctx), AttrData::Dictionary(e) if !e.is_empty()))
}

fn print_gpu_func(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let func = GpuFuncOp(op);
    let (inputs, results) = func.signature(ir);
    p.write(" ");
    p.print_symbol_name(ir.symbol_name(op).unwrap_or(""));
    p.write("(");
    let arguments = func.arguments(ir);
    for (i, &ty) in inputs.iter().enumerate() {
        if i > 0 {
            p.write(", ");
        }
        match arguments {
            Some((args, _, _)) => p.print_argument(args[i]),
            None => p.print_type(ty),
        }
        if let Some(d) = dictionary_at(ir, func.arg_attrs(ir), i) {
            p.write(" ");
            p.print_attribute(d);
        }
    }
    p.write(")");
    print_results(p, &results, func.res_attrs(ir));
    if let Some((_, workgroup, private)) = arguments {
        print_attributions(p, "workgroup", workgroup, func.workgroup_attrib_attrs(ir));
        print_attributions(p, "private", private, func.private_attrib_attrs(ir));
    }
    if func.is_kernel(ir) {
        p.write(" kernel");
    }
    p.print_optional_attr_dict_with_keyword(op, &PRINTED_ELSEWHERE);
    p.write(" ");
    p.print_region(ir.regions(op)[0], false, true);
}

/// ` -> t`, or ` -> (t {attrs}, u)` when there are several, attributes, or a function type.
fn print_results(p: &mut OpPrinter<'_>, results: &[Type], attrs: Option<Attribute>) {
    let ir = p.ir;
    if results.is_empty() {
        return;
    }
    p.write(" -> ");
    let any_attrs = (0..results.len()).any(|i| dictionary_at(ir, attrs, i).is_some());
    let parenthesised = results.len() > 1 || any_attrs || matches!(results[0].data(ir.ctx()), TypeData::Function { .. });
    if parenthesised {
        p.write("(");
    }
    for (i, &ty) in results.iter().enumerate() {
        if i > 0 {
            p.write(", ");
        }
        p.print_type(ty);
        if let Some(d) = dictionary_at(ir, attrs, i) {
            p.write(" ");
            p.print_attribute(d);
        }
    }
    if parenthesised {
        p.write(")");
    }
}

/// In a `gpu.module`; argument and result attributes match the signature;
/// kernels return nothing; the body's arguments are the function's, then
/// the attributions, each in its memory.
fn verify_gpu_func(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let func = GpuFuncOp(op);
    if !ir.parent_op(op).is_some_and(|parent| ir.isa::<GpuModuleOp>(parent)) {
        return Err(op_error(ir, op, format!("expects parent op '{}'", GpuModuleOp::NAME)));
    }
    let (inputs, results) = func.signature(ir);
    for (attrs, count, what, plural) in
        [(func.arg_attrs(ir), inputs.len(), "argument", "arguments"), (func.res_attrs(ir), results.len(), "result", "results")]
    {
        let Some(dictionaries) = attrs.and_then(|a| a.as_array(ctx)) else { continue };
        if dictionaries.len() != count {
            return Err(op_error(
                ir,
                op,
                format!(
                    "expects {what} attribute array to have the same number of elements as the number of function {plural}, got {}, but expected {count}",
                    dictionaries.len()
                ),
            ));
        }
        let plain = dictionaries.iter().any(|d| match d.data(ctx) {
            AttrData::Dictionary(entries) => entries.iter().any(|e| !ctx.str(e.name).contains('.')),
            _ => false,
        });
        if plain {
            return Err(op_error(ir, op, format!("{plural} may only have dialect attributes")));
        }
    }
    if func.is_kernel(ir) && !results.is_empty() {
        return Err(op_error(ir, op, "expected void return type for kernel function"));
    }
    let Some(entry) = ir.entry_block(ir.regions(op)[0]) else {
        return Err(op_error(ir, op, "expected body with at least one block"));
    };
    let workgroup = workgroup_count(ir, op)?;
    let args = ir.block_arguments(entry);
    if args.len() < inputs.len() + workgroup {
        return Err(op_error(ir, op, format!("expected at least {} arguments to body region", inputs.len() + workgroup)));
    }
    for (i, (&arg, &expected)) in args.iter().zip(&inputs).enumerate() {
        let actual = ir.value_type(arg);
        if actual != expected {
            return Err(op_error(
                ir,
                op,
                format!(
                    "expected body region argument #{i} to be of type '{}', got '{}'",
                    ctx.print_type(expected),
                    ctx.print_type(actual)
                ),
            ));
        }
    }
    let (_, workgroup_args, private_args) = func.arguments(ir).expect("counts checked above");
    verify_attributions(ir, op, workgroup_args, "workgroup")?;
    verify_attributions(ir, op, private_args, "private")
}

/// As many operands as the function has results, of the same types.
fn verify_return(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let Some(func) = ir.parent_op(op).and_then(|p| ir.dyn_cast::<GpuFuncOp>(p)) else {
        return Err(op_error(ir, op, format!("expects parent op '{}'", GpuFuncOp::NAME)));
    };
    let (_, results) = func.signature(ir);
    let operands = ReturnOp(op).operands(ir);
    if operands.len() != results.len() {
        return Err(op_error(ir, op, format!("expected {} result operands", results.len()))
            .with_note(ir.op(func.op()).location, "return type declared here"));
    }
    for (i, (&v, &expected)) in operands.iter().zip(&results).enumerate() {
        let actual = ir.value_type(v);
        if actual != expected {
            return Err(op_error(ir, op, format!("unexpected type `'{}'' for operand #{i}", ctx.print_type(actual))));
        }
    }
    Ok(())
}
