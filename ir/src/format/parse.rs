//! Parsing an op's custom form by walking its compiled format.

use crate::attributes::Attribute;
use crate::body::{BlockId, RegionId};
use crate::diagnostics::Diagnostic;
use crate::dialect::{Arity, Traits};
use crate::syntax::{OpParser, ParseResult, UnresolvedOperand};
use crate::types::Type;

use super::{AssemblyFormat, Element, TypeTarget};

/// What the format elements have read so far, per declared group. Custom
/// directives fill it too.
#[derive(Default)]
pub struct ParsedValues<'s> {
    pub operands: Vec<Option<Vec<UnresolvedOperand<'s>>>>,
    pub all_operands: Option<Vec<UnresolvedOperand<'s>>>,
    pub operand_types: Vec<Option<Vec<Type>>>,
    pub result_types: Vec<Option<Vec<Type>>>,
    pub all_operand_types: Option<Vec<Type>>,
    pub all_result_types: Option<Vec<Type>>,
    pub regions: Vec<Vec<RegionId>>,
    pub successors: Vec<Vec<BlockId>>,
}

impl<'s> ParsedValues<'s> {
    /// Records types for a `type(...)` target.
    pub fn set_types(&mut self, target: TypeTarget, types: Vec<Type>) {
        match target {
            TypeTarget::Operand(i) => self.operand_types[i] = Some(types),
            TypeTarget::Result(i) => self.result_types[i] = Some(types),
            TypeTarget::AllOperands => self.all_operand_types = Some(types),
            TypeTarget::AllResults => self.all_result_types = Some(types),
        }
    }
}

impl AssemblyFormat {
    /// Parses the op's custom form (after its name) into `p.state`.
    pub fn parse(&self, p: &mut OpParser<'_, '_>) -> ParseResult<()> {
        let def = p.definition();
        let mut values = ParsedValues {
            operands: vec![None; def.operands.len()],
            operand_types: vec![None; def.operands.len()],
            result_types: vec![None; def.results.len()],
            regions: vec![Vec::new(); def.regions.len()],
            successors: vec![Vec::new(); def.successors.len()],
            ..Default::default()
        };
        parse_elements(&self.elements, p, &mut values)?;
        finish(p, values)
    }
}

fn parse_elements<'s>(elements: &[Element], p: &mut OpParser<'_, 's>, values: &mut ParsedValues<'s>) -> ParseResult<()> {
    for e in elements {
        parse_element(e, p, values)?;
    }
    Ok(())
}

fn is_keyword(literal: &str) -> bool {
    literal.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
}

fn parse_element<'s>(e: &Element, p: &mut OpParser<'_, 's>, values: &mut ParsedValues<'s>) -> ParseResult<()> {
    match e {
        Element::Literal(l) if is_keyword(l) => p.expect_keyword(l),
        Element::Literal(l) => p.expect_punct(l),
        Element::Whitespace(_) => Ok(()),
        Element::Operand(i) => {
            let arity = p.definition().operands[*i].arity;
            let list = match arity {
                Arity::Single => vec![p.parse_operand()?],
                Arity::Optional => p.parse_optional_operand()?.into_iter().collect(),
                Arity::Variadic => p.parse_operand_list()?,
            };
            values.operands[*i] = Some(list);
            Ok(())
        }
        Element::AllOperands => {
            values.all_operands = Some(p.parse_operand_list()?);
            Ok(())
        }
        Element::Attribute(i) => {
            let spec = p.definition().attributes[*i];
            let attr = match spec.constraint.parse {
                Some(hook) => hook(p)?,
                None => p.parse_attribute()?,
            };
            p.add_attribute(spec.name, attr);
            Ok(())
        }
        Element::UnitAttribute(i) => {
            let spec = p.definition().attributes[*i];
            let unit = Attribute::unit(p.ctx());
            p.add_attribute(spec.name, unit);
            Ok(())
        }
        Element::Region(i) => {
            let arity = p.definition().regions[*i].arity;
            if arity == Arity::Single {
                let r = p.parse_region(&[])?;
                values.regions[*i].push(r);
            } else {
                while let Some(r) = p.parse_optional_region(&[])? {
                    values.regions[*i].push(r);
                    if !p.parse_optional_punct(",") {
                        break;
                    }
                }
            }
            Ok(())
        }
        Element::AllRegions => {
            while let Some(r) = p.parse_optional_region(&[])? {
                values.regions.last_mut().ok_or_else(|| p.error("op declares no regions"))?.push(r);
                if !p.parse_optional_punct(",") {
                    break;
                }
            }
            Ok(())
        }
        Element::Successor(i) => {
            let b = p.parse_successor()?;
            values.successors[*i].push(b);
            Ok(())
        }
        Element::AllSuccessors => {
            if p.peek("^") {
                loop {
                    let b = p.parse_successor()?;
                    values.successors.last_mut().ok_or_else(|| p.error("op declares no successors"))?.push(b);
                    if !p.parse_optional_punct(",") {
                        break;
                    }
                }
            }
            Ok(())
        }
        Element::Type(target) => {
            let types = parse_types_for(*target, p, values)?;
            values.set_types(*target, types);
            Ok(())
        }
        Element::FunctionalType(inputs, outputs) => {
            let location = p.current_location();
            let ty = p.parse_type()?;
            let Some((ins, outs)) = ty.function_parts(p.ctx()).map(|(a, b)| (a.to_vec(), b.to_vec())) else {
                return Err(Diagnostic::error(location, "expected function type"));
            };
            values.set_types(*inputs, ins);
            values.set_types(*outputs, outs);
            Ok(())
        }
        Element::AttrDict { with_keyword } => {
            if *with_keyword {
                p.parse_optional_attr_dict_with_keyword()
            } else {
                p.parse_optional_attr_dict()
            }
        }
        Element::Optional(group) => {
            if group_is_present(group, p)? {
                parse_elements(&group.then, p, values)
            } else {
                no_results_in(&group.then, &p.definition(), values);
                parse_elements(&group.otherwise, p, values)
            }
        }
        Element::Custom(call) => (call.directive.parse)(p, &call.args),
    }
}

/// An absent optional group that would have given the types of a
/// variadic or optional result group (`` (`->` type($results)^)? ``)
/// means that group has no results.
fn no_results_in(elements: &[Element], def: &crate::dialect::OpDefinition, values: &mut ParsedValues<'_>) {
    for e in elements {
        match e {
            Element::Type(TypeTarget::Result(i)) if def.results[*i].arity != Arity::Single => {
                values.result_types[*i].get_or_insert_with(Vec::new);
            }
            Element::Optional(group) => {
                no_results_in(&group.then, def, values);
                no_results_in(&group.otherwise, def, values);
            }
            _ => {}
        }
    }
}

/// Decides an optional group from its first element, consuming a leading
/// literal if present.
fn group_is_present(group: &super::OptionalGroup, p: &mut OpParser<'_, '_>) -> ParseResult<bool> {
    // Spacing elements decide nothing; the first real element does.
    Ok(match group.then.iter().find(|e| !matches!(e, Element::Whitespace(_))) {
        Some(Element::Literal(l)) if is_keyword(l) => p.peek_keyword(l),
        Some(Element::Literal(l)) => p.peek(l),
        Some(Element::Operand(_)) => p.peek("%"),
        Some(Element::Region(_)) => p.peek("{"),
        Some(Element::Successor(_)) => p.peek("^"),
        Some(Element::Attribute(i)) => {
            let hook = p.definition().attributes[*i].constraint.parse;
            p.peek_attribute_with(hook)
        }
        _ => true,
    })
}

/// Types for a `type(...)` directive: one per operand already parsed for
/// operand groups; an optional comma-separated list for results.
fn parse_types_for(target: TypeTarget, p: &mut OpParser<'_, '_>, values: &ParsedValues<'_>) -> ParseResult<Vec<Type>> {
    let def = p.definition();
    let (count, arity) = match target {
        TypeTarget::Operand(i) => (values.operands[i].as_ref().map(|o| o.len()), def.operands[i].arity),
        TypeTarget::AllOperands => (values.all_operands.as_ref().map(|o| o.len()), Arity::Variadic),
        TypeTarget::Result(i) => (None, def.results[i].arity),
        TypeTarget::AllResults => (None, Arity::Variadic),
    };
    match (arity, count) {
        (Arity::Single, _) => Ok(vec![p.parse_type()?]),
        (_, Some(n)) => {
            let mut types = Vec::with_capacity(n);
            for k in 0..n {
                if k > 0 {
                    p.expect_punct(",")?;
                }
                types.push(p.parse_type()?);
            }
            Ok(types)
        }
        (_, None) => {
            let mut types = Vec::new();
            if p.peek_type_start() {
                types.push(p.parse_type()?);
                while p.parse_optional_punct(",") {
                    types.push(p.parse_type()?);
                }
            }
            Ok(types)
        }
    }
}

/// Resolves types that the text left implicit, then the operands, and puts
/// regions and successors in declared order.
fn finish<'s>(p: &mut OpParser<'_, 's>, values: ParsedValues<'s>) -> ParseResult<()> {
    let def = p.definition();
    let traits = def.traits;
    let location = p.op_location();
    let ctx = p.ctx();

    // Operands, per group.
    let groups: Vec<Vec<UnresolvedOperand<'s>>> = match &values.all_operands {
        Some(all) => vec![all.clone()],
        None => values.operands.iter().map(|o| o.clone().unwrap_or_default()).collect(),
    };
    let total: usize = groups.iter().map(|g| g.len()).sum();
    let mut operand_types: Vec<Option<Vec<Type>>> = match &values.all_operand_types {
        Some(all) if all.len() != total => {
            return Err(Diagnostic::error(location, format!("{total} operands present, but expected {}", all.len())));
        }
        Some(all) if values.all_operands.is_some() => vec![Some(all.clone())],
        Some(all) => split_by_counts(all, &groups),
        None => values.operand_types.clone(),
    };
    let mut result_types: Vec<Option<Vec<Type>>> = match &values.all_result_types {
        Some(all) => {
            if def.results.len() <= 1 {
                vec![Some(all.clone()); def.results.len().max(1)]
            } else {
                return Err(Diagnostic::error(location, "type(results) with several result groups is not supported"));
            }
        }
        None => values.result_types.clone(),
    };
    if def.results.is_empty() {
        result_types.clear();
    }

    let known_operand_type = |types: &[Option<Vec<Type>>]| types.iter().flatten().flatten().next().copied();
    let known_result_type = |types: &[Option<Vec<Type>>]| types.iter().flatten().flatten().next().copied();

    if traits.contains(Traits::SAME_TYPE_OPERANDS) {
        if let Some(ty) = known_operand_type(&operand_types) {
            for (i, t) in operand_types.iter_mut().enumerate() {
                if t.is_none() {
                    *t = Some(vec![ty; groups[i].len()]);
                }
            }
        }
    }

    // Operands of a single possible type (`index`, `i1`) need none written.
    for (i, t) in operand_types.iter_mut().enumerate() {
        if t.is_none() && values.all_operands.is_none() {
            if let Some(build) = def.operands.get(i).and_then(|spec| spec.constraint.buildable) {
                *t = Some(vec![build(ctx); groups[i].len()]);
            }
        }
    }

    // Results from operands (or an inference hook).
    if result_types.iter().any(|r| r.is_none()) {
        let inferred = if let Some(infer) = def.infer_result_types {
            let flat: Option<Vec<Type>> = operand_types
                .iter()
                .zip(&groups)
                .map(|(t, g)| t.clone().or_else(|| g.is_empty().then(Vec::new)))
                .collect::<Option<Vec<_>>>()
                .map(|v| v.concat());
            flat.and_then(|f| infer(ctx, &f, &p.state.attributes))
        } else if traits.contains(Traits::SAME_OPERANDS_AND_RESULT_TYPE) {
            known_operand_type(&operand_types).map(|t| vec![t; def.results.len()])
        } else {
            None
        };
        match inferred {
            Some(types) if types.len() == result_types.len() || def.results.len() == 1 => {
                if def.results.len() == 1 {
                    result_types = vec![Some(types)];
                } else {
                    result_types = types.into_iter().map(|t| Some(vec![t])).collect();
                }
            }
            _ => return Err(Diagnostic::error(location, format!("could not infer the result types of '{}'", def.name))),
        }
    }
    // Operands from results or from each other.
    for (i, t) in operand_types.iter_mut().enumerate() {
        if t.is_some() {
            continue;
        }
        let n = groups[i].len();
        let from_result =
            traits.contains(Traits::SAME_OPERANDS_AND_RESULT_TYPE).then(|| known_result_type(&result_types)).flatten();
        if let Some(ty) = from_result {
            *t = Some(vec![ty; n]);
        } else if n == 0 {
            *t = Some(Vec::new());
        }
    }
    let mut sizes = Vec::new();
    for (group, types) in groups.iter().zip(&operand_types) {
        let Some(types) = types else {
            return Err(Diagnostic::error(location, format!("could not infer the operand types of '{}'", def.name)));
        };
        let resolved = p.resolve_operands(group, types, group.first().map_or(location, |o| o.location))?;
        sizes.push(resolved.len() as i32);
        p.state.operands.extend(resolved);
    }
    let def = p.definition();
    if values.all_operands.is_none() && def.operands.iter().filter(|s| s.arity != Arity::Single).count() > 1 {
        let attr = Attribute::dense_i32_array(p.ctx(), &sizes);
        p.add_attribute("operandSegmentSizes", attr);
    }
    p.state.result_types = result_types.into_iter().flatten().flatten().collect();
    if !values.regions.iter().all(|r| r.is_empty()) {
        p.state.regions = values.regions.into_iter().flatten().collect();
    }
    p.state.successors = values.successors.into_iter().flatten().collect();
    if traits.contains(Traits::SINGLE_BLOCK | Traits::NO_TERMINATOR) {
        for r in p.state.regions.clone() {
            p.ensure_block(r);
        }
    }
    if let Some(terminator) = p.definition().implicit_terminator {
        for r in p.state.regions.clone() {
            p.ensure_terminator(r, terminator);
        }
    }
    Ok(())
}

/// Splits one type list over operand groups by their sizes (the total was checked).
fn split_by_counts(all: &[Type], groups: &[Vec<UnresolvedOperand<'_>>]) -> Vec<Option<Vec<Type>>> {
    let mut rest = all;
    groups
        .iter()
        .map(|g| {
            let n = g.len().min(rest.len());
            let (head, tail) = rest.split_at(n);
            rest = tail;
            Some(head.to_vec())
        })
        .collect()
}
