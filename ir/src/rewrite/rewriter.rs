//! The rewriter patterns edit the IR through, so that the driver learns
//! about every change and revisits what it affects.

use crate::attributes::NamedAttribute;
use crate::body::{BlockId, Ir, IrMapping, OpId, OperationState, RegionId, Value};
use crate::context::Context;
use crate::location::Location;
use crate::op::{BuildError, OpType};
use crate::types::Type;

/// Where the rewriter puts an op it creates or moves.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum InsertPoint {
    /// Right before this op.
    Before(OpId),
    /// At the end of this block.
    End(BlockId),
}

/// Edits to the IR, recorded for the driver: ops created, changed or whose
/// operands changed are revisited; erased ops are dropped from its worklist.
pub struct PatternRewriter<'a> {
    pub(crate) ir: &'a mut Ir,
    /// Ops to (re)visit.
    pub(crate) touched: Vec<OpId>,
    pub(crate) changed: bool,
}

impl<'a> PatternRewriter<'a> {
    /// A rewriter over `ir`. Drivers make their own; a library function
    /// that takes a rewriter can be called on a fresh one outside any driver.
    pub fn new(ir: &'a mut Ir) -> Self {
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

    /// Places a detached op (and what is nested in it) at `at`.
    pub fn insert(&mut self, at: InsertPoint, op: OpId) {
        match at {
            InsertPoint::Before(anchor) => self.ir.insert_op_before(anchor, op),
            InsertPoint::End(block) => self.ir.append_op(block, op),
        }
        self.touched.push(op);
        self.changed = true;
    }

    /// Places a copy of `op` (and what is nested in it) at `at`, its
    /// operands looked up in `mapping`, which then maps `op`'s results to
    /// the copy's (upstream's `RewriterBase::clone`).
    pub fn clone_op(&mut self, op: OpId, mapping: &mut IrMapping, at: InsertPoint) -> OpId {
        let copy = self.ir.clone_op(op, mapping);
        self.insert(at, copy);
        copy
    }

    /// Builds a `T` at `at` (see [`Ir::build`]).
    pub fn build<T: OpType>(
        &mut self,
        at: InsertPoint,
        location: Location,
        operand_groups: &[&[Value]],
        result_types: &[Type],
        attributes: &[(&str, crate::Attribute)],
    ) -> Result<T, BuildError> {
        self.build_with_successors::<T>(at, location, operand_groups, &[], result_types, attributes)
    }

    /// Builds a `T` with successors at `at` (see [`Ir::build_with_successors`]).
    pub fn build_with_successors<T: OpType>(
        &mut self,
        at: InsertPoint,
        location: Location,
        operand_groups: &[&[Value]],
        successors: &[BlockId],
        result_types: &[Type],
        attributes: &[(&str, crate::Attribute)],
    ) -> Result<T, BuildError> {
        let op = self.ir.build_with_successors::<T>(location, operand_groups, successors, result_types, attributes)?;
        self.insert(at, op.op());
        Ok(op)
    }

    /// A new block with arguments of `argument_types`, placed right before
    /// `before` in its region.
    pub fn create_block_before(&mut self, before: BlockId, argument_types: &[Type], location: Location) -> BlockId {
        let region = self.ir.block_parent(before).expect("the block is in a region");
        let position = self.ir.region_blocks(region).iter().position(|&b| b == before).expect("block in its region");
        let block = self.ir.create_block(argument_types, location);
        self.ir.insert_block(region, position, block);
        self.changed = true;
        block
    }

    /// A new block with arguments of `argument_types` at the end of `region`.
    pub fn create_block_at_end(&mut self, region: RegionId, argument_types: &[Type], location: Location) -> BlockId {
        let block = self.ir.create_block(argument_types, location);
        self.ir.push_block(region, block);
        self.changed = true;
        block
    }

    /// Adds an argument of type `ty` to `block`.
    pub fn add_block_argument(&mut self, block: BlockId, ty: Type, location: Location) -> Value {
        self.changed = true;
        self.ir.add_block_argument(block, ty, location)
    }

    /// Moves every block of `region` into the region of `before`, in order,
    /// right before it; `region` is left empty.
    pub fn inline_region_before(&mut self, region: RegionId, before: BlockId) {
        let blocks = self.ir.region_blocks(region).to_vec();
        let dest = self.ir.block_parent(before).expect("the block is in a region");
        for block in blocks {
            self.ir.remove_block(block);
            let position = self.ir.region_blocks(dest).iter().position(|&b| b == before).expect("block in its region");
            self.ir.insert_block(dest, position, block);
            self.touched.extend(self.ir.block_ops(block));
        }
        self.changed = true;
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
    pub fn inline_block_before(&mut self, block: BlockId, anchor: OpId, arguments: &[Value]) -> Vec<Value> {
        self.inline_block(block, InsertPoint::Before(anchor), arguments)
    }

    /// Like [`PatternRewriter::inline_block_before`], with the ops going to `at`.
    pub fn inline_block(&mut self, block: BlockId, at: InsertPoint, arguments: &[Value]) -> Vec<Value> {
        for (arg, &value) in self.ir.block_arguments(block).to_vec().into_iter().zip(arguments) {
            self.replace_all_uses(arg, value);
        }
        let terminator = self.ir.terminator(block);
        let ops: Vec<OpId> = self.ir.block_ops(block).filter(|&o| Some(o) != terminator).collect();
        for op in ops {
            self.ir.detach_op(op);
            self.insert(at, op);
        }
        let yielded = terminator.map(|t| self.ir.operands(t).to_vec()).unwrap_or_default();
        if let Some(t) = terminator {
            self.ir.erase_op(t);
        }
        self.changed = true;
        yielded
    }

    /// Splits `op`'s block before `op` (see [`Ir::split_block`]); returns the new block.
    pub fn split_block(&mut self, op: OpId) -> BlockId {
        self.changed = true;
        self.touched.push(op);
        self.ir.split_block(op)
    }

    /// [`PatternRewriter::build`] right before `anchor`, `None` when the
    /// groups do not fit the op's declaration (the shorthand conversion
    /// patterns use, which fail to match rather than report).
    pub fn build_before<T: crate::OpType>(
        &mut self,
        anchor: OpId,
        location: Location,
        operand_groups: &[&[Value]],
        result_types: &[Type],
        attributes: &[(&str, crate::Attribute)],
    ) -> Option<T> {
        self.build::<T>(InsertPoint::Before(anchor), location, operand_groups, result_types, attributes).ok()
    }

    /// [`PatternRewriter::build_with_successors`] right before `anchor`, `None` on a mismatch.
    pub fn build_branch_before<T: crate::OpType>(
        &mut self,
        anchor: OpId,
        location: Location,
        operand_groups: &[&[Value]],
        successors: &[crate::body::BlockId],
        attributes: &[(&str, crate::Attribute)],
    ) -> Option<T> {
        self.build_with_successors::<T>(InsertPoint::Before(anchor), location, operand_groups, successors, &[], attributes).ok()
    }

    /// Moves every block of `from` to the end of `to` (an op's region being
    /// replaced by a new op's).
    pub fn inline_region_at_end(&mut self, from: crate::body::RegionId, to: crate::body::RegionId) {
        for block in self.ir.region_blocks(from).to_vec() {
            self.ir.remove_block(block);
            self.ir.push_block(to, block);
        }
        self.changed = true;
    }

    /// [`PatternRewriter::build`] at the end of `block`, `None` on a mismatch.
    pub fn build_at_end<T: crate::OpType>(
        &mut self,
        block: crate::body::BlockId,
        location: Location,
        operand_groups: &[&[Value]],
        result_types: &[Type],
        attributes: &[(&str, crate::Attribute)],
    ) -> Option<T> {
        self.build::<T>(InsertPoint::End(block), location, operand_groups, result_types, attributes).ok()
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
