//! `cf.switch`: a multi-way branch on an integer.
//!
//! ```mlir
//! cf.switch %flag : i32, [
//!   default: ^bb1(%a : i32),
//!   42: ^bb2,
//!   43: ^bb3(%b : i32)
//! ]
//! ```

use ir::constraints::{ANY_ATTR, ANY_TYPE, SIGNLESS_INTEGER_LIKE};
use ir::switch_cases::{self, CaseTable};
use ir::syntax::{OpParser, OpPrinter, ParseResult};
use ir::{define_op, OpId};

define_op! {
    /// Jumps to the block of the matching case value, or to the default block.
    pub struct SwitchOp = "cf.switch" {
        operands: [flag: Single(SIGNLESS_INTEGER_LIKE), defaultOperands: Variadic(ANY_TYPE), caseOperands: Variadic(ANY_TYPE)],
        attributes: [case_values: Optional(ANY_ATTR), case_operand_segments: Required(ANY_ATTR)],
        successors: [defaultDestination: Single, caseDestinations: Variadic],
        traits: [TERMINATOR, PURE],
        extra: {
            parse: Some(parse_switch),
            print: Some(print_switch),
            verify: Some(switch_cases::verify_cases),
        },
    }
}

fn parse_switch(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let flag = p.parse_operand()?;
    p.expect_punct(":")?;
    let flag_type = p.parse_type()?;
    let flag = p.resolve_operand(&flag, flag_type)?;
    p.expect_punct(",")?;
    p.expect_punct("[")?;
    p.expect_keyword("default")?;
    p.expect_punct(":")?;
    let default = switch_cases::parse_destination(p)?;
    let mut cases = CaseTable::default();
    while p.parse_optional_punct(",") {
        cases.parse_case(p, flag_type)?;
    }
    p.expect_punct("]")?;
    p.parse_optional_attr_dict()?;
    cases.add_to(p, flag, default);
    Ok(())
}

fn print_switch(p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let switch = SwitchOp(op);
    let flag = switch.flag(ir);
    p.write(" ");
    p.print_operand(flag);
    p.write(" : ");
    p.print_type(ir.value_type(flag));
    p.write(", [");
    p.increase_indent();
    p.newline();
    p.write("default: ");
    p.print_successor_and_operands(ir.successors(op)[0], switch.defaultOperands(ir));
    switch_cases::print_cases(p, op, ",");
    p.decrease_indent();
    if ir.successors(op).len() > 1 {
        p.newline();
    }
    p.write("]");
    p.print_optional_attr_dict(op, &switch_cases::CASE_ATTRIBUTES);
}
