//! The verifier: checks that IR is well formed before and after every pass.
//!
//! Per op: the constraints declared in its definition (counts, types,
//! attributes, regions, successors), its traits, and its own verifier.
//! Structurally: terminators end blocks, successors stay in their region,
//! values dominate their uses (in regions that are not graph regions),
//! isolated regions use no value from outside, symbols are unique.
//! The walk is iterative and stops at the first error, as mlir-opt does.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::body::{BlockId, Ir, OpId, RegionId, Value, ValueDef};
use crate::diagnostics::Diagnostic;
use crate::dialect::{Arity, OpDefinition, Traits};
use crate::op::{segment_sizes, SegmentKind};

/// Verifies `root` and everything nested in it.
pub fn verify(ir: &Ir, root: OpId) -> Result<(), Diagnostic> {
    let mut v =
        Verifier { ir, position: vec![0; ir.op_capacity()], numbered: FxHashSet::default(), dominators: FxHashMap::default() };
    for op in ir.walk_collect(root, crate::body::WalkOrder::PreOrder) {
        v.verify_op(op)?;
    }
    Ok(())
}

/// An error at `op` in MLIR's wording: `'name' op message`.
pub fn op_error(ir: &Ir, op: OpId, message: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(ir.op(op).location, format!("'{}' op {message}", ir.op_name_str(op)))
}

/// Checks that the values passed to successor `index` match its block
/// arguments in number and type, in upstream's words.
pub fn verify_successor_operands(ir: &Ir, op: OpId, index: usize, operands: &[crate::Value]) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let Some(&block) = ir.successors(op).get(index) else {
        return Ok(());
    };
    let arguments = ir.block_arguments(block);
    if arguments.len() != operands.len() {
        return Err(op_error(
            ir,
            op,
            format!("branch has {} operands for successor #{index}, but target block has {}", operands.len(), arguments.len()),
        ));
    }
    for (i, (&v, &a)) in operands.iter().zip(arguments).enumerate() {
        let (given, expected) = (ir.value_type(v), ir.value_type(a));
        if given != expected {
            return Err(op_error(
                ir,
                op,
                format!(
                    "type mismatch for bb argument #{i} of successor #{index}: '{}' vs '{}'",
                    ctx.print_type(given),
                    ctx.print_type(expected)
                ),
            ));
        }
    }
    Ok(())
}

struct Verifier<'a> {
    ir: &'a Ir,
    /// Position of each op in its block, filled per block on first need.
    position: Vec<u32>,
    numbered: FxHashSet<BlockId>,
    /// Immediate dominators per multi-block region (`None` for unreachable blocks).
    dominators: FxHashMap<RegionId, FxHashMap<BlockId, Option<BlockId>>>,
}

impl Verifier<'_> {
    fn verify_op(&mut self, op: OpId) -> Result<(), Diagnostic> {
        let ir = self.ir;
        let definition = ir.ctx().op_definition(ir.op(op).name).cloned();
        if let Some(def) = &definition {
            self.verify_declared(op, def)?;
            self.verify_traits(op, def)?;
            if let Some(hook) = def.verify {
                hook(ir, op)?;
            }
        }
        self.verify_regions(op, definition.as_deref())?;
        self.verify_operand_dominance(op)
    }

    /// Counts, types and attributes declared by the definition.
    fn verify_declared(&self, op: OpId, def: &OpDefinition) -> Result<(), Diagnostic> {
        let ir = self.ir;
        let ctx = ir.ctx();
        for (kind, specs, values, word) in [
            (SegmentKind::Operands, def.operands, ir.operands(op), "operand"),
            (SegmentKind::Results, def.results, ir.results(op), "result"),
        ] {
            let sizes = segment_sizes(ir, op, kind, specs, values.len()).map_err(|m| op_error(ir, op, m))?;
            let mut index = 0;
            for (spec, size) in specs.iter().zip(sizes) {
                for &v in &values[index..index + size] {
                    let ty = ir.value_type(v);
                    if !(spec.constraint.check)(ctx, ty) {
                        return Err(op_error(
                            ir,
                            op,
                            format!("{word} #{index} must be {}, but got '{}'", spec.constraint.description, ctx.print_type(ty)),
                        ));
                    }
                    index += 1;
                }
            }
        }
        for spec in def.attributes {
            match ir.attr(op, spec.name) {
                None if !spec.optional => return Err(op_error(ir, op, format!("requires attribute '{}'", spec.name))),
                Some(a) if !(spec.constraint.check)(ctx, a) => {
                    return Err(op_error(
                        ir,
                        op,
                        format!("attribute '{}' failed to satisfy constraint: {}", spec.name, spec.constraint.description),
                    ))
                }
                _ => {}
            }
        }
        check_part_count(ir, op, "region", def.regions.iter().map(|s| s.arity), ir.regions(op).len())?;
        check_part_count(ir, op, "successor", def.successors.iter().map(|s| s.arity), ir.successors(op).len())
    }

    fn verify_traits(&self, op: OpId, def: &OpDefinition) -> Result<(), Diagnostic> {
        let ir = self.ir;
        let traits = def.traits;
        let types: Vec<_> = ir.operands(op).iter().map(|&v| ir.value_type(v)).collect();
        if traits.contains(Traits::SAME_TYPE_OPERANDS) && types.windows(2).any(|w| w[0] != w[1]) {
            return Err(op_error(ir, op, "requires all operands to have the same type"));
        }
        if traits.contains(Traits::SAME_OPERANDS_AND_RESULT_TYPE) {
            let all = types.iter().copied().chain(ir.results(op).iter().map(|&v| ir.value_type(v)));
            let all: Vec<_> = all.collect();
            if all.windows(2).any(|w| w[0] != w[1]) {
                return Err(op_error(ir, op, "requires the same type for all operands and results"));
            }
        }
        if traits.contains(Traits::TERMINATOR) {
            if let Some(block) = ir.op_parent_block(op) {
                if ir.last_op(block) != Some(op) {
                    return Err(op_error(ir, op, "must be the last operation in the parent block"));
                }
            }
        }
        if traits.contains(Traits::SYMBOL) && ir.symbol_name(op).is_none() {
            return Err(op_error(ir, op, "requires string attribute 'sym_name'"));
        }
        if traits.contains(Traits::SYMBOL) && ir.symbol_name(op).is_some() {
            if let Some(parent) = ir.parent_op(op) {
                if !ir.has_trait(parent, Traits::SYMBOL_TABLE) {
                    return Err(op_error(ir, op, "symbol's parent must have the SymbolTable trait"));
                }
            }
        }
        if traits.contains(Traits::SINGLE_BLOCK) {
            for &r in ir.regions(op) {
                if ir.region_blocks(r).len() > 1 {
                    return Err(op_error(ir, op, "expects region to have 0 or 1 blocks"));
                }
            }
        }
        if traits.contains(Traits::SYMBOL_TABLE) {
            self.verify_unique_symbols(op)?;
        }
        Ok(())
    }

    fn verify_unique_symbols(&self, op: OpId) -> Result<(), Diagnostic> {
        let ir = self.ir;
        let mut seen: FxHashMap<&str, OpId> = FxHashMap::default();
        for &r in ir.regions(op) {
            for &b in ir.region_blocks(r) {
                for child in ir.block_ops(b) {
                    if let Some(name) = ir.symbol_name(child) {
                        if let Some(&prev) = seen.get(name) {
                            return Err(Diagnostic::error(
                                ir.op(child).location,
                                format!("redefinition of symbol named '{name}'"),
                            )
                            .with_note(ir.op(prev).location, "see existing symbol definition here"));
                        }
                        seen.insert(name, child);
                    }
                }
            }
        }
        Ok(())
    }

    /// Terminators and successors of the blocks in `op`'s regions.
    fn verify_regions(&mut self, op: OpId, def: Option<&OpDefinition>) -> Result<(), Diagnostic> {
        let ir = self.ir;
        // Regions of unregistered ops may hold anything.
        let Some(def) = def else { return Ok(()) };
        let needs_terminator = !def.traits.contains(Traits::NO_TERMINATOR) && !def.traits.contains(Traits::GRAPH_REGION);
        for &r in ir.regions(op) {
            for &b in ir.region_blocks(r) {
                let last = ir.last_op(b);
                if needs_terminator {
                    match last {
                        None => return Err(op_error(ir, op, "empty block: expect at least a terminator")),
                        Some(l) if ir.ctx().op_definition(ir.op(l).name).is_some() && !ir.is_terminator(l) => {
                            return Err(Diagnostic::error(
                                ir.op(l).location,
                                format!("block with no terminator, has '{}'", ir.op_name_str(l)),
                            ));
                        }
                        _ => {}
                    }
                }
                for child in ir.block_ops(b) {
                    for &s in ir.successors(child) {
                        if ir.block_parent(s) != Some(r) {
                            return Err(op_error(ir, child, "reference to block defined in another region"));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Every operand is defined where it may be used.
    fn verify_operand_dominance(&mut self, op: OpId) -> Result<(), Diagnostic> {
        let ir = self.ir;
        for (index, &v) in ir.operands(op).iter().enumerate() {
            if let Err(message) = self.check_use(v, op) {
                let def_loc = match ir.value_def(v) {
                    ValueDef::Result { op: d, .. } => ir.op(d).location,
                    ValueDef::BlockArgument { block, index } => ir.block_argument_location(block, index as usize),
                };
                let diag = match message {
                    UseError::Isolated(isolating) => op_error(ir, op, "using value defined outside the region")
                        .with_note(ir.op(isolating).location, "required by region isolation constraints"),
                    UseError::NotDominating => op_error(ir, op, format!("operand #{index} does not dominate this use"))
                        .with_note(def_loc, "operand defined here"),
                };
                return Err(diag);
            }
        }
        Ok(())
    }

    fn check_use(&mut self, v: Value, user: OpId) -> Result<(), UseError> {
        let ir = self.ir;
        let Some(def_block) = ir.value_parent_block(v) else {
            return Err(UseError::NotDominating);
        };
        let Some(def_region) = ir.block_parent(def_block) else {
            return Err(UseError::NotDominating);
        };
        // Climb from the user to the op that sits in the defining region.
        let mut current = user;
        loop {
            let Some(block) = ir.op_parent_block(current) else {
                return Err(UseError::NotDominating);
            };
            let region = ir.block_parent(block).ok_or(UseError::NotDominating)?;
            if region == def_region {
                return self.dominates_in_region(v, def_block, current, block);
            }
            let parent = ir.region_parent(region).ok_or(UseError::NotDominating)?;
            if ir.has_trait(parent, Traits::ISOLATED_FROM_ABOVE) {
                return Err(UseError::Isolated(parent));
            }
            current = parent;
        }
    }

    /// Whether `v` (defined in `def_block`) dominates op `at` in block `at_block`, same region.
    fn dominates_in_region(&mut self, v: Value, def_block: BlockId, at: OpId, at_block: BlockId) -> Result<(), UseError> {
        let ir = self.ir;
        let region = ir.block_parent(at_block).expect("blocks in regions");
        if is_graph_region(ir, region) {
            return Ok(());
        }
        if def_block == at_block {
            return match ir.value_def(v) {
                ValueDef::BlockArgument { .. } => Ok(()),
                ValueDef::Result { op: def_op, .. } => {
                    self.number_block(at_block);
                    if def_op != at && self.position[def_op.index()] < self.position[at.index()] {
                        Ok(())
                    } else {
                        Err(UseError::NotDominating)
                    }
                }
            };
        }
        let idoms = self.dominators.entry(region).or_insert_with(|| crate::analysis::dominance_of_region(ir, region));
        // Uses in unreachable blocks are not checked, as upstream.
        if !idoms.contains_key(&at_block) {
            return Ok(());
        }
        let mut b = at_block;
        while let Some(Some(parent)) = idoms.get(&b) {
            if *parent == def_block {
                return Ok(());
            }
            b = *parent;
        }
        Err(UseError::NotDominating)
    }

    fn number_block(&mut self, block: BlockId) {
        let ir = self.ir;
        if !self.numbered.insert(block) {
            return;
        }
        for (i, op) in ir.block_ops(block).enumerate() {
            self.position[op.index()] = i as u32;
        }
    }
}

enum UseError {
    NotDominating,
    /// The use crosses the region of this isolated-from-above op.
    Isolated(OpId),
}

fn check_part_count(ir: &Ir, op: OpId, word: &str, arities: impl Iterator<Item = Arity>, found: usize) -> Result<(), Diagnostic> {
    let arities: Vec<Arity> = arities.collect();
    let fixed = arities.iter().filter(|a| **a == Arity::Single).count();
    let variable = arities.len() > fixed;
    if found < fixed || (!variable && found != fixed) {
        let expected = if variable { format!("at least {fixed}") } else { fixed.to_string() };
        return Err(op_error(
            ir,
            op,
            format!("requires {expected} {word}{} but found {found}", if fixed == 1 && !variable { "" } else { "s" }),
        ));
    }
    Ok(())
}

/// Regions where values need not dominate their uses: those of ops marked
/// as graph regions, and of unregistered ops.
fn is_graph_region(ir: &Ir, region: RegionId) -> bool {
    match ir.region_parent(region) {
        Some(p) => ir.has_trait(p, Traits::GRAPH_REGION) || ir.ctx().op_definition(ir.op(p).name).is_none(),
        None => true,
    }
}
