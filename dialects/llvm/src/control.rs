//! Control flow inside an `llvm.func`: branches, multi-way switches,
//! `llvm.return` and `llvm.unreachable`.
//!
//! ```mlir
//! llvm.br ^bb1(%x : i64)
//! llvm.cond_br %c, ^bb1, ^bb2(%y : i32)
//! llvm.switch %v : i32, ^bb3 [
//!   1: ^bb4,
//!   2: ^bb5(%y : i32)
//! ]
//! ```

use ir::constraints::{ANY_ATTR, I1};
use ir::switch_cases::{self, CaseTable};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::verifier::{op_error, verify_successor_operands};
use ir::{define_op, Diagnostic, Dialect, Ir, OpId};

use crate::attrs::BRANCH_WEIGHTS;
use crate::{LLVM_INT_LIKE, LLVM_TYPE};

define_op! {
    /// Jumps to a block, passing values to its arguments.
    pub struct BrOp = "llvm.br" {
        operands: [destOperands: Variadic(LLVM_TYPE)],
        successors: [dest: Single],
        traits: [TERMINATOR, PURE, UNCONDITIONAL_BRANCH],
        format: "$dest (`(` $destOperands^ `:` type($destOperands) `)`)? attr-dict",
        extra: {
            verify: Some(|ir, op| verify_successor_operands(ir, op, 0, ir.operands(op))),
        },
    }
}

define_op! {
    /// Jumps to one of two blocks depending on an `i1`.
    pub struct CondBrOp = "llvm.cond_br" {
        operands: [condition: Single(I1), trueDestOperands: Variadic(LLVM_TYPE), falseDestOperands: Variadic(LLVM_TYPE)],
        attributes: [branch_weights: Optional(BRANCH_WEIGHTS)],
        successors: [trueDest: Single, falseDest: Single],
        traits: [TERMINATOR, PURE],
        format: "$condition (`weights` `(` $branch_weights^ `)`)? `,` $trueDest (`(` $trueDestOperands^ `:` type($trueDestOperands) `)`)? `,` $falseDest (`(` $falseDestOperands^ `:` type($falseDestOperands) `)`)? attr-dict",
        extra: {
            verify: Some(verify_cond_br),
        },
    }
}

define_op! {
    /// Jumps to the block of the matching case value, or to the default block.
    pub struct SwitchOp = "llvm.switch" {
        operands: [value: Single(LLVM_INT_LIKE), defaultOperands: Variadic(LLVM_TYPE), caseOperands: Variadic(LLVM_TYPE)],
        attributes: [case_values: Optional(ANY_ATTR), case_operand_segments: Required(ANY_ATTR), branch_weights: Optional(ANY_ATTR)],
        successors: [defaultDestination: Single, caseDestinations: Variadic],
        traits: [TERMINATOR, PURE],
        extra: {
            parse: Some(parse_switch),
            print: Some(print_switch),
            verify: Some(switch_cases::verify_cases),
        },
    }
}

define_op! {
    /// Returns from the function, with its result if it has one.
    pub struct ReturnOp = "llvm.return" {
        operands: [arg: Optional(LLVM_TYPE)],
        traits: [TERMINATOR, PURE, RETURN_LIKE],
        format: "attr-dict ($arg^ `:` type($arg))?",
        extra: {
            verify: Some(verify_return),
        },
    }
}

define_op! {
    /// Marks a point that execution never reaches.
    pub struct UnreachableOp = "llvm.unreachable" {
        traits: [TERMINATOR],
        format: "attr-dict",
    }
}

pub(crate) fn register(dialect: Dialect) -> Dialect {
    dialect.with_op::<BrOp>().with_op::<CondBrOp>().with_op::<SwitchOp>().with_op::<ReturnOp>().with_op::<UnreachableOp>()
}

fn verify_cond_br(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let branch = CondBrOp(op);
    verify_successor_operands(ir, op, 0, branch.trueDestOperands(ir))?;
    verify_successor_operands(ir, op, 1, branch.falseDestOperands(ir))
}

/// `%v : type, ^default(args) [ value: ^bb(args), ... ]`.
fn parse_switch(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let value = p.parse_operand()?;
    p.expect_punct(":")?;
    let value_type = p.parse_type()?;
    let value = p.resolve_operand(&value, value_type)?;
    p.expect_punct(",")?;
    let default = switch_cases::parse_destination(p)?;
    let mut cases = CaseTable::default();
    p.expect_punct("[")?;
    if !p.parse_optional_punct("]") {
        loop {
            cases.parse_case(p, value_type)?;
            if !p.parse_optional_punct(",") {
                break;
            }
        }
        p.expect_punct("]")?;
    }
    p.parse_optional_attr_dict()?;
    cases.add_to(p, value, default);
    Ok(())
}

fn print_switch(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let switch = SwitchOp(op);
    let value = switch.value(ir);
    p.write(" ");
    p.print_operand(value);
    p.write(" : ");
    p.print_type(ir.value_type(value));
    p.write(", ");
    p.print_successor_and_operands(ir.successors(op)[0], switch.defaultOperands(ir));
    p.write(" [");
    p.increase_indent();
    switch_cases::print_cases(p, op, "");
    p.decrease_indent();
    // Upstream closes the list on its own line, even when it is empty.
    p.newline();
    p.write("]");
    p.print_optional_attr_dict(op, &switch_cases::CASE_ATTRIBUTES);
}

/// Returns what the enclosing function's type says.
fn verify_return(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let Some(func) = ir.parent_op(op).and_then(|f| ir.dyn_cast::<crate::FuncOp>(f)) else { return Ok(()) };
    let Some(crate::types::LlvmType::Func { result, .. }) = func.function_type_of(ir) else { return Ok(()) };
    let returns_void = crate::types::LlvmType::of(ctx, result) == Some(crate::types::LlvmType::Void);
    match ir.operands(op).first() {
        None if !returns_void => Err(op_error(ir, op, "expected 1 operand")),
        Some(_) if returns_void => Err(op_error(ir, op, "expected no operands")),
        Some(&v) if ir.value_type(v) != result => Err(op_error(
            ir,
            op,
            format!(
                "mismatching result types: '{}' returned, '{}' expected",
                ctx.print_type(ir.value_type(v)),
                ctx.print_type(result)
            ),
        )),
        _ => Ok(()),
    }
}
