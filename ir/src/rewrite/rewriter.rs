//! The rewriter patterns edit the IR through, so that the driver learns
//! about every change and revisits what it affects.

use crate::attributes::NamedAttribute;
use crate::body::{Ir, OpId, OperationState, Value};
use crate::context::Context;
use crate::location::Location;
use crate::types::Type;

/// Edits to the IR, recorded for the driver: ops created, changed or whose
/// operands changed are revisited; erased ops are dropped from its worklist.
pub struct PatternRewriter<'a> {
    pub(crate) ir: &'a mut Ir,
    /// Ops to (re)visit.
    pub(crate) touched: Vec<OpId>,
    pub(crate) changed: bool,
}

impl<'a> PatternRewriter<'a> {
    pub(crate) fn new(ir: &'a mut Ir) -> Self {
        PatternRewriter { ir, touched: Vec::new(), changed: false }
    }

    /// Read access to the IR, to match before rewriting.
    pub fn ir(&self) -> &Ir {
        self.ir
    }

    /// The IR itself, for helpers that edit it directly (type
    /// materializations, block signature conversion); the ops they touch
    /// are not revisited by a greedy driver.
    pub fn ir_mut(&mut self) -> &mut Ir {
        self.changed = true;
        self.ir
    }

    pub fn ctx(&self) -> &Context {
        self.ir.ctx()
    }

    /// Creates an op right before `anchor`.
    pub fn create_before(&mut self, anchor: OpId, state: OperationState) -> OpId {
        let op = self.ir.create_op(state);
        self.ir.insert_op_before(anchor, op);
        self.touched.push(op);
        self.changed = true;
        op
    }

    /// Creates an op named `name` before `anchor` with the given parts.
    pub fn create_op(
        &mut self,
        anchor: OpId,
        name: &str,
        location: Location,
        operands: &[Value],
        result_types: &[Type],
        attributes: &[(&str, crate::Attribute)],
    ) -> OpId {
        let ctx = self.ir.ctx();
        let mut state = OperationState::new(ctx.op_name(name), location);
        state.operands = operands.to_vec();
        state.result_types = result_types.to_vec();
        state.attributes = attributes.iter().map(|(n, v)| NamedAttribute { name: ctx.symbol(n), value: *v }).collect();
        if let Some(def) = ctx.op_definition(state.name) {
            def.add_default_attributes(ctx, &mut state.attributes);
        }
        self.create_before(anchor, state)
    }

    /// Replaces every use of `op`'s results by `values` and erases `op`.
    pub fn replace_op(&mut self, op: OpId, values: &[Value]) {
        let results = self.ir.results(op).to_vec();
        for (&old, &new) in results.iter().zip(values) {
            self.replace_all_uses(old, new);
        }
        self.erase_op(op);
    }

    /// Makes every use of `from` a use of `to`; the users are revisited.
    pub fn replace_all_uses(&mut self, from: Value, to: Value) {
        self.touched.extend(self.ir.uses(from).iter().map(|u| u.op));
        if let Some(def) = self.ir.defining_op(to) {
            self.touched.push(def);
        }
        self.ir.replace_all_uses(from, to);
        self.changed = true;
    }

    /// Erases `op` (and what is nested in it); the producers of its
    /// operands are revisited, they may have become dead.
    pub fn erase_op(&mut self, op: OpId) {
        self.touched.extend(self.ir.operands(op).iter().filter_map(|&v| self.ir.defining_op(v)));
        self.ir.erase_op(op);
        self.changed = true;
    }

    /// Moves the ops of `block` before `anchor`, with `arguments` in place of
    /// the block's arguments, except its terminator, whose operands are
    /// returned (the values the block yields); the terminator is erased.
    pub fn inline_block_before(&mut self, block: crate::body::BlockId, anchor: OpId, arguments: &[Value]) -> Vec<Value> {
        for (arg, &value) in self.ir.block_arguments(block).to_vec().into_iter().zip(arguments) {
            self.replace_all_uses(arg, value);
        }
        let terminator = self.ir.terminator(block);
        let ops: Vec<OpId> = self.ir.block_ops(block).filter(|&o| Some(o) != terminator).collect();
        for op in ops {
            self.ir.detach_op(op);
            self.ir.insert_op_before(anchor, op);
            self.touched.push(op);
        }
        let yielded = terminator.map(|t| self.ir.operands(t).to_vec()).unwrap_or_default();
        if let Some(t) = terminator {
            self.ir.erase_op(t);
        }
        self.changed = true;
        yielded
    }

    /// Splits `op`'s block before `op` (see [`Ir::split_block`]); returns the new block.
    pub fn split_block(&mut self, op: OpId) -> crate::body::BlockId {
        self.changed = true;
        self.touched.push(op);
        self.ir.split_block(op)
    }

    /// Builds a `T` (see [`Ir::build`]) right before `anchor`; `None` when
    /// the groups do not fit its declaration or its dialect is missing.
    pub fn build_before<T: crate::OpType>(
        &mut self,
        anchor: OpId,
        location: Location,
        operand_groups: &[&[Value]],
        result_types: &[Type],
        attributes: &[(&str, crate::Attribute)],
    ) -> Option<T> {
        let op = self.ir.build::<T>(location, operand_groups, result_types, attributes).ok()?;
        self.ir.insert_op_before(anchor, op.op());
        self.touched.push(op.op());
        self.changed = true;
        Some(op)
    }

    /// [`PatternRewriter::build_before`] for ops with successors (branches).
    pub fn build_branch_before<T: crate::OpType>(
        &mut self,
        anchor: OpId,
        location: Location,
        operand_groups: &[&[Value]],
        successors: &[crate::body::BlockId],
        attributes: &[(&str, crate::Attribute)],
    ) -> Option<T> {
        let op = self.ir.build_with_successors::<T>(location, operand_groups, &[], successors, attributes).ok()?;
        self.ir.insert_op_before(anchor, op.op());
        self.touched.push(op.op());
        self.changed = true;
        Some(op)
    }

    /// Moves every block of `from` to the end of `to` (an op's region being
    /// replaced by a new op's).
    pub fn inline_region(&mut self, from: crate::body::RegionId, to: crate::body::RegionId) {
        for block in self.ir.region_blocks(from).to_vec() {
            self.ir.remove_block(block);
            self.ir.push_block(to, block);
        }
        self.changed = true;
    }

    /// A new block with arguments of `types`, last in `region`.
    pub fn create_block_at_end(
        &mut self,
        region: crate::body::RegionId,
        types: &[Type],
        location: Location,
    ) -> crate::body::BlockId {
        let block = self.ir.create_block(types, location);
        self.ir.push_block(region, block);
        self.changed = true;
        block
    }

    /// Builds a `T` at the end of `block`.
    pub fn build_at_end<T: crate::OpType>(
        &mut self,
        block: crate::body::BlockId,
        location: Location,
        operand_groups: &[&[Value]],
        result_types: &[Type],
        attributes: &[(&str, crate::Attribute)],
    ) -> Option<T> {
        let op = self.ir.build::<T>(location, operand_groups, result_types, attributes).ok()?;
        self.ir.append_op(block, op.op());
        self.touched.push(op.op());
        self.changed = true;
        Some(op)
    }

    /// A new block with arguments of `types`, first in `region`.
    pub fn create_block_at_start(
        &mut self,
        region: crate::body::RegionId,
        types: &[Type],
        location: Location,
    ) -> crate::body::BlockId {
        let block = self.ir.create_block(types, location);
        self.ir.insert_block(region, 0, block);
        self.changed = true;
        block
    }

    /// Moves the ops of `block` to the end of `dest`, with `arguments` in
    /// place of its arguments, and removes `block` (merging a block into its
    /// only predecessor, or an old entry block into a new one).
    pub fn merge_block_into(&mut self, block: crate::body::BlockId, dest: crate::body::BlockId, arguments: &[Value]) {
        for (arg, &value) in self.ir.block_arguments(block).to_vec().into_iter().zip(arguments) {
            self.replace_all_uses(arg, value);
        }
        for op in self.ir.block_ops(block).collect::<Vec<_>>() {
            self.ir.detach_op(op);
            self.ir.append_op(dest, op);
            self.touched.push(op);
        }
        self.ir.remove_block(block);
        self.changed = true;
    }

    /// Gives block argument or result `value` another type (its users are
    /// revisited).
    pub fn set_value_type(&mut self, value: Value, ty: Type) {
        self.touched.extend(self.ir.uses(value).iter().map(|u| u.op));
        self.ir.set_value_type(value, ty);
        self.changed = true;
    }

    /// Changes `op` in place through `edit`; the op is revisited.
    pub fn modify_in_place(&mut self, op: OpId, edit: impl FnOnce(&mut Ir)) {
        edit(self.ir);
        self.touched.push(op);
        self.changed = true;
    }
}
