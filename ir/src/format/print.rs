//! Printing an op's custom form by walking its compiled format, with
//! MLIR's spacing rules between elements.

use crate::body::OpId;
use crate::op::{segment, SegmentKind};
use crate::syntax::OpPrinter;
use crate::types::Type;

use super::{Anchor, AssemblyFormat, Element, TypeTarget};

/// Spacing state between elements, as in upstream's generated printers.
struct Spacing {
    /// A space is due before the next element.
    emit_space: bool,
    /// The last thing printed was punctuation.
    last_was_punctuation: bool,
}

impl AssemblyFormat {
    /// Prints the op's custom form after its name.
    pub fn print(&self, p: &mut OpPrinter<'_>, op: OpId) {
        let mut spacing = Spacing { emit_space: true, last_was_punctuation: false };
        self.print_elements(&self.elements, p, op, &mut spacing);
    }

    fn print_elements(&self, elements: &[Element], p: &mut OpPrinter<'_>, op: OpId, s: &mut Spacing) {
        for e in elements {
            self.print_element(e, p, op, s);
        }
    }

    fn print_element(&self, e: &Element, p: &mut OpPrinter<'_>, op: OpId, s: &mut Spacing) {
        match e {
            Element::Literal(l) => print_literal(l, p, s),
            Element::Whitespace(w) => {
                if w == "\\n" {
                    p.newline();
                } else {
                    p.write(w);
                }
                s.emit_space = false;
                s.last_was_punctuation = true;
            }
            Element::AttrDict { with_keyword } => {
                let elided: Vec<&str> =
                    self.printed_attributes.iter().copied().chain(["operandSegmentSizes", "resultSegmentSizes"]).collect();
                if *with_keyword {
                    p.print_optional_attr_dict_with_keyword(op, &elided);
                } else {
                    p.print_optional_attr_dict(op, &elided);
                }
                s.emit_space = true;
                s.last_was_punctuation = false;
            }
            // Implied by the group around it.
            Element::UnitAttribute(_) => {}
            Element::Optional(group) => {
                let branch = if anchor_present(group.anchor, p, op) { &group.then } else { &group.otherwise };
                self.print_elements(branch, p, op, s);
            }
            _ => {
                if s.emit_space || !s.last_was_punctuation {
                    p.write(" ");
                }
                print_variable(e, p, op);
                s.emit_space = true;
                s.last_was_punctuation = false;
            }
        }
    }
}

/// Whether MLIR puts a space before this literal.
fn space_before(value: &str, last_was_punctuation: bool) -> bool {
    if value.chars().count() != 1 && value != "->" {
        return true;
    }
    let first = value.chars().next().unwrap_or(' ');
    if last_was_punctuation {
        !">)}],".contains(first)
    } else {
        !"<>(){}[],".contains(first)
    }
}

fn print_literal(value: &str, p: &mut OpPrinter<'_>, s: &mut Spacing) {
    if s.emit_space && space_before(value, s.last_was_punctuation) {
        p.write(" ");
    }
    p.write(value);
    let first = value.chars().next().unwrap_or(' ');
    s.emit_space = value.chars().count() != 1 || !"<({[".contains(first);
    s.last_was_punctuation = first != '_' && !first.is_ascii_alphabetic();
}

fn operand_group<'a>(p: &OpPrinter<'a>, op: OpId, group: usize) -> &'a [crate::body::Value] {
    let ir = p.ir;
    let def = ir.ctx().op_definition(ir.op(op).name).expect("formats belong to registered ops");
    &ir.operands(op)[segment(ir, op, SegmentKind::Operands, def.operands, group)]
}

fn target_types(target: TypeTarget, p: &OpPrinter<'_>, op: OpId) -> Vec<Type> {
    let ir = p.ir;
    let def = ir.ctx().op_definition(ir.op(op).name).expect("formats belong to registered ops");
    let values = match target {
        TypeTarget::Operand(i) => operand_group(p, op, i).to_vec(),
        TypeTarget::Result(i) => ir.results(op)[segment(ir, op, SegmentKind::Results, def.results, i)].to_vec(),
        TypeTarget::AllOperands => ir.operands(op).to_vec(),
        TypeTarget::AllResults => ir.results(op).to_vec(),
    };
    values.iter().map(|&v| ir.value_type(v)).collect()
}

fn anchor_present(anchor: Anchor, p: &OpPrinter<'_>, op: OpId) -> bool {
    let ir = p.ir;
    let def = ir.ctx().op_definition(ir.op(op).name).expect("formats belong to registered ops");
    match anchor {
        Anchor::Operand(i) => !operand_group(p, op, i).is_empty(),
        Anchor::Attribute(i) => {
            let spec = def.attributes[i];
            let default = spec.constraint.default.map(|d| d(ir.ctx()));
            ir.attr(op, spec.name).is_some_and(|a| Some(a) != default)
        }
        Anchor::Region(i) => ir.regions(op).get(i).is_some_and(|&r| !ir.region_blocks(r).is_empty()),
        Anchor::Successor(i) => ir.successors(op).get(i).is_some(),
        Anchor::Type(t) => !target_types(t, p, op).is_empty(),
        Anchor::Custom => true,
    }
}

fn print_variable(e: &Element, p: &mut OpPrinter<'_>, op: OpId) {
    let ir = p.ir;
    let def = ir.ctx().op_definition(ir.op(op).name).expect("formats belong to registered ops").clone();
    match e {
        Element::Operand(i) => {
            let values = operand_group(p, op, *i).to_vec();
            p.print_operands(&values);
        }
        Element::AllOperands => p.print_operands(ir.operands(op)),
        Element::Attribute(i) => {
            let spec = def.attributes[*i];
            if let Some(attr) = ir.attr(op, spec.name) {
                match spec.constraint.print {
                    Some(hook) => hook(p, attr),
                    None => p.print_attribute(attr),
                }
            }
        }
        Element::UnitAttribute(_) => {}
        Element::Region(i) => {
            if let Some(&r) = ir.regions(op).get(*i) {
                let print_terminators = def.implicit_terminator.is_none();
                p.print_region(r, true, print_terminators);
            }
        }
        Element::AllRegions => {
            let print_terminators = def.implicit_terminator.is_none();
            for (k, &r) in ir.regions(op).iter().enumerate() {
                if k > 0 {
                    p.write(", ");
                }
                p.print_region(r, true, print_terminators);
            }
        }
        Element::Successor(i) => {
            if let Some(&b) = ir.successors(op).get(*i) {
                p.print_successor(b);
            }
        }
        Element::AllSuccessors => {
            for (k, &b) in ir.successors(op).iter().enumerate() {
                if k > 0 {
                    p.write(", ");
                }
                p.print_successor(b);
            }
        }
        Element::Type(t) => {
            let types = target_types(*t, p, op);
            p.print_types(&types);
        }
        Element::FunctionalType(inputs, outputs) => {
            let ins = target_types(*inputs, p, op);
            let outs = target_types(*outputs, p, op);
            p.write("(");
            p.print_types(&ins);
            p.write(") -> ");
            p.print_function_results(&outs);
        }
        Element::Custom(call) => (call.directive.print)(p, op, &call.args),
        Element::Literal(_) | Element::Whitespace(_) | Element::AttrDict { .. } | Element::Optional(_) => {
            unreachable!("handled by print_element")
        }
    }
}
