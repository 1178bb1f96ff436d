//! The dialect reference: Markdown generated from op definitions, so the
//! documentation of every op is its declaration.

use std::fmt::Write;

use crate::dialect::{Arity, Dialect, OpDefinition, Traits};

const TRAIT_NAMES: [(Traits, &str); 19] = [
    (Traits::TERMINATOR, "Terminator"),
    (Traits::ISOLATED_FROM_ABOVE, "IsolatedFromAbove"),
    (Traits::SYMBOL_TABLE, "SymbolTable"),
    (Traits::SYMBOL, "Symbol"),
    (Traits::PURE, "Pure"),
    (Traits::SAME_OPERANDS_AND_RESULT_TYPE, "SameOperandsAndResultType"),
    (Traits::SAME_TYPE_OPERANDS, "SameTypeOperands"),
    (Traits::COMMUTATIVE, "Commutative"),
    (Traits::GRAPH_REGION, "GraphRegion"),
    (Traits::SINGLE_BLOCK, "SingleBlock"),
    (Traits::NO_TERMINATOR, "NoTerminator"),
    (Traits::ELEMENTWISE, "Elementwise"),
    (Traits::RETURN_LIKE, "ReturnLike"),
    (Traits::CONSTANT_LIKE, "ConstantLike"),
    (Traits::UNCONDITIONAL_BRANCH, "UnconditionalBranch"),
    (Traits::LOOP_LIKE, "LoopLike"),
    (Traits::RECURSIVE_MEMORY_EFFECTS, "RecursiveMemoryEffects"),
    (Traits::PARALLEL_COMBINING, "ParallelCombining"),
    (Traits::SAME_VARIADIC_OPERAND_SIZE, "SameVariadicOperandSize"),
];

fn arity_suffix(arity: Arity) -> &'static str {
    match arity {
        Arity::Single => "",
        Arity::Optional => " (optional)",
        Arity::Variadic => " (variadic)",
    }
}

/// The Markdown reference of a dialect: one section per op, sorted by name.
pub fn dialect_reference(dialect: &Dialect) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# The `{}` dialect\n", dialect.name);
    let _ = writeln!(out, "{}\n", dialect.summary);
    let _ = writeln!(out, "Generated from the op definitions; do not edit by hand.\n");
    let mut ops: Vec<&OpDefinition> = dialect.ops.iter().map(|o| o.as_ref()).collect();
    ops.sort_by_key(|o| o.name);
    for op in ops {
        op_section(&mut out, dialect, op);
    }
    if !dialect.aliases.is_empty() {
        let _ = writeln!(out, "## Accepted legacy spellings\n");
        for (old, new) in dialect.aliases {
            let _ = writeln!(out, "- `{old}` means `{new}`");
        }
        out.push('\n');
    }
    out
}

fn op_section(out: &mut String, dialect: &Dialect, op: &OpDefinition) {
    let _ = writeln!(out, "## `{}`\n", op.name);
    let _ = writeln!(out, "{}\n", op.summary);
    match (op.format, op.parse.is_some() || op.print.is_some()) {
        (Some(format), _) => {
            let _ = writeln!(out, "Syntax: `{} {}`\n", op.name, format.replace('`', "'"));
        }
        (None, true) => {
            let _ = writeln!(out, "Syntax: custom (hand-written parser and printer).\n");
        }
        (None, false) => {
            let _ = writeln!(out, "Syntax: generic form only.\n");
        }
    }
    let traits: Vec<&str> = TRAIT_NAMES.iter().filter(|(t, _)| op.traits.contains(*t)).map(|(_, n)| *n).collect();
    if !traits.is_empty() {
        let _ = writeln!(out, "Traits: {}\n", traits.join(", "));
    }
    if let Some(effects) = effects_line(op) {
        let _ = writeln!(out, "Effects: {effects}\n");
    }
    let interfaces: Vec<&str> = dialect.interfaces.iter().filter(|i| i.op == op.name).map(|i| i.interface).collect();
    if !interfaces.is_empty() {
        let _ = writeln!(out, "Interfaces: {}\n", interfaces.join(", "));
    }
    let mut rows = Vec::new();
    for s in op.operands {
        rows.push(format!("| operand | `{}`{} | {} |", s.name, arity_suffix(s.arity), s.constraint.description));
    }
    for s in op.results {
        rows.push(format!("| result | `{}`{} | {} |", s.name, arity_suffix(s.arity), s.constraint.description));
    }
    for s in op.attributes {
        let optional = if s.optional { " (optional)" } else { "" };
        rows.push(format!("| attribute | `{}`{optional} | {} |", s.name, s.constraint.description));
    }
    for s in op.regions {
        rows.push(format!("| region | `{}`{} | |", s.name, arity_suffix(s.arity)));
    }
    for s in op.successors {
        rows.push(format!("| successor | `{}`{} | |", s.name, arity_suffix(s.arity)));
    }
    if !rows.is_empty() {
        let _ = writeln!(out, "| kind | name | constraint |\n| --- | --- | --- |");
        for r in rows {
            let _ = writeln!(out, "{r}");
        }
        out.push('\n');
    }
}

/// `MemRead on `memref`, MemWrite`, or how the effects are found.
fn effects_line(op: &OpDefinition) -> Option<String> {
    if op.effects_of.is_some() {
        return Some("computed from the op's types".to_string());
    }
    let effects = op.effects?;
    if effects.is_empty() {
        return Some("none".to_string());
    }
    let described: Vec<String> = effects
        .iter()
        .map(|e| match e.on {
            Some(group) => format!("{} on `{group}`", e.kind.ods_name()),
            None => e.kind.ods_name().to_string(),
        })
        .collect();
    Some(described.join(", "))
}
