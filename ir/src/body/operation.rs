//! Operations: creation, placement in blocks, attributes and erasure.

use smallvec::SmallVec;

use crate::attributes::{Attribute, NamedAttribute};
use crate::context::{OpName, Symbol};
use crate::dialect::Traits;
use crate::location::Location;
use crate::types::Type;

use super::{BlockId, Ir, OpId, RegionId, Use, Value, ValueDef};

/// An operation in the arena. Structural fields are read through [`Ir`].
pub struct Operation {
    pub name: OpName,
    pub location: Location,
    pub(crate) operands: SmallVec<[Value; 3]>,
    pub(crate) results: SmallVec<[Value; 1]>,
    pub(crate) successors: SmallVec<[BlockId; 2]>,
    pub(crate) regions: SmallVec<[RegionId; 1]>,
    /// Inherent and discardable attributes, in insertion order.
    pub attributes: Vec<NamedAttribute>,
    /// `<{...}>` of an unregistered op (registered ops keep inherent
    /// attributes in `attributes`).
    pub properties: Option<Attribute>,
    pub(crate) parent: Option<BlockId>,
    pub(crate) prev: Option<OpId>,
    pub(crate) next: Option<OpId>,
    pub(crate) erased: bool,
}

/// Everything needed to create an op, gathered before creation.
#[derive(Clone)]
pub struct OperationState {
    pub name: OpName,
    pub location: Location,
    pub operands: Vec<Value>,
    pub result_types: Vec<Type>,
    pub attributes: Vec<NamedAttribute>,
    pub properties: Option<Attribute>,
    pub successors: Vec<BlockId>,
    /// Regions that become the op's, in order (created empty with [`Ir::create_region`]).
    pub regions: Vec<RegionId>,
}

impl OperationState {
    pub fn new(name: OpName, location: Location) -> Self {
        OperationState {
            name,
            location,
            operands: Vec::new(),
            result_types: Vec::new(),
            attributes: Vec::new(),
            properties: None,
            successors: Vec::new(),
            regions: Vec::new(),
        }
    }

    pub fn add_attribute(&mut self, name: Symbol, value: Attribute) {
        self.attributes.push(NamedAttribute { name, value });
    }
}

impl Ir {
    /// Creates a detached op from `state`; place it with [`Ir::append_op`] or
    /// [`Ir::insert_op_before`].
    pub fn create_op(&mut self, state: OperationState) -> OpId {
        let op = OpId(self.ops.len() as u32);
        self.ops.push(Operation {
            name: state.name,
            location: state.location,
            operands: SmallVec::new(),
            results: SmallVec::new(),
            successors: state.successors.into(),
            regions: state.regions.iter().copied().collect(),
            attributes: state.attributes,
            properties: state.properties,
            parent: None,
            prev: None,
            next: None,
            erased: false,
        });
        for (index, &v) in state.operands.iter().enumerate() {
            self.add_use(v, Use { op, index: index as u32 });
        }
        self.ops[op.index()].operands = state.operands.into();
        for (index, ty) in state.result_types.into_iter().enumerate() {
            let v = self.new_value(ty, ValueDef::Result { op, index: index as u32 });
            self.ops[op.index()].results.push(v);
        }
        for r in state.regions {
            self.regions[r.0 as usize].parent = Some(op);
        }
        op
    }

    pub fn op(&self, op: OpId) -> &Operation {
        &self.ops[op.index()]
    }

    pub fn op_mut(&mut self, op: OpId) -> &mut Operation {
        &mut self.ops[op.index()]
    }

    pub fn op_name_str(&self, op: OpId) -> &str {
        self.ctx().op_name_str(self.op(op).name)
    }

    pub fn operands(&self, op: OpId) -> &[Value] {
        &self.ops[op.index()].operands
    }

    pub fn results(&self, op: OpId) -> &[Value] {
        &self.ops[op.index()].results
    }

    pub fn result(&self, op: OpId, index: usize) -> Value {
        self.ops[op.index()].results[index]
    }

    pub fn successors(&self, op: OpId) -> &[BlockId] {
        &self.ops[op.index()].successors
    }

    pub fn regions(&self, op: OpId) -> &[RegionId] {
        &self.ops[op.index()].regions
    }

    pub fn op_parent_block(&self, op: OpId) -> Option<BlockId> {
        self.ops[op.index()].parent
    }

    /// The op that holds the region holding `op`.
    pub fn parent_op(&self, op: OpId) -> Option<OpId> {
        self.op_parent_block(op).and_then(|b| self.block_parent_op(b))
    }

    pub fn next_op(&self, op: OpId) -> Option<OpId> {
        self.ops[op.index()].next
    }

    pub fn prev_op(&self, op: OpId) -> Option<OpId> {
        self.ops[op.index()].prev
    }

    pub fn is_erased(&self, op: OpId) -> bool {
        self.ops[op.index()].erased
    }

    /// The traits of a registered op; none for unregistered ops.
    pub fn traits(&self, op: OpId) -> Traits {
        self.ctx().op_definition(self.op(op).name).map_or(Traits::NONE, |d| d.traits)
    }

    pub fn has_trait(&self, op: OpId, t: Traits) -> bool {
        self.traits(op).contains(t)
    }

    pub fn is_terminator(&self, op: OpId) -> bool {
        self.has_trait(op, Traits::TERMINATOR)
    }

    // ---- attributes ----

    pub fn attr(&self, op: OpId, name: &str) -> Option<Attribute> {
        let sym = self.ctx().existing_symbol(name)?;
        self.attr_by_symbol(op, sym)
    }

    pub fn attr_by_symbol(&self, op: OpId, name: Symbol) -> Option<Attribute> {
        self.op(op).attributes.iter().find(|a| a.name == name).map(|a| a.value)
    }

    /// Sets (or replaces) an attribute.
    pub fn set_attr(&mut self, op: OpId, name: &str, value: Attribute) {
        let name = self.ctx().symbol(name);
        let attrs = &mut self.ops[op.index()].attributes;
        match attrs.iter_mut().find(|a| a.name == name) {
            Some(entry) => entry.value = value,
            None => attrs.push(NamedAttribute { name, value }),
        }
    }

    pub fn remove_attr(&mut self, op: OpId, name: &str) -> Option<Attribute> {
        let sym = self.ctx().existing_symbol(name)?;
        let attrs = &mut self.ops[op.index()].attributes;
        let pos = attrs.iter().position(|a| a.name == sym)?;
        Some(attrs.remove(pos).value)
    }

    // ---- placement ----

    /// Appends a detached op at the end of `block`.
    pub fn append_op(&mut self, block: BlockId, op: OpId) {
        let last = self.blocks[block.index()].last;
        self.link(op, block, last, None);
    }

    /// Inserts a detached op right before `before`.
    pub fn insert_op_before(&mut self, before: OpId, op: OpId) {
        let block = self.ops[before.index()].parent.expect("anchor op is in a block");
        let prev = self.ops[before.index()].prev;
        self.link(op, block, prev, Some(before));
    }

    /// Inserts a detached op right after `after`.
    pub fn insert_op_after(&mut self, after: OpId, op: OpId) {
        let block = self.ops[after.index()].parent.expect("anchor op is in a block");
        let next = self.ops[after.index()].next;
        self.link(op, block, Some(after), next);
    }

    fn link(&mut self, op: OpId, block: BlockId, prev: Option<OpId>, next: Option<OpId>) {
        debug_assert!(self.ops[op.index()].parent.is_none(), "op is already in a block");
        let data = &mut self.ops[op.index()];
        data.parent = Some(block);
        data.prev = prev;
        data.next = next;
        match prev {
            Some(p) => self.ops[p.index()].next = Some(op),
            None => self.blocks[block.index()].first = Some(op),
        }
        match next {
            Some(n) => self.ops[n.index()].prev = Some(op),
            None => self.blocks[block.index()].last = Some(op),
        }
    }

    /// Takes an op out of its block, keeping it alive (to move it elsewhere).
    pub fn detach_op(&mut self, op: OpId) {
        let Some(block) = self.ops[op.index()].parent else {
            return;
        };
        let (prev, next) = (self.ops[op.index()].prev, self.ops[op.index()].next);
        match prev {
            Some(p) => self.ops[p.index()].next = next,
            None => self.blocks[block.index()].first = next,
        }
        match next {
            Some(n) => self.ops[n.index()].prev = prev,
            None => self.blocks[block.index()].last = prev,
        }
        let data = &mut self.ops[op.index()];
        data.parent = None;
        data.prev = None;
        data.next = None;
    }

    /// Erases an op and everything nested in it. Its results must be unused
    /// (outside of the erased ops themselves).
    pub fn erase_op(&mut self, op: OpId) {
        self.detach_op(op);
        // Iterative post-order so that deep nesting cannot overflow the stack.
        let nested: Vec<OpId> = self.walk_collect(op, super::WalkOrder::PostOrder);
        for o in nested {
            let operands = std::mem::take(&mut self.ops[o.index()].operands);
            for (index, v) in operands.into_iter().enumerate() {
                self.remove_use(v, Use { op: o, index: index as u32 });
            }
            self.ops[o.index()].erased = true;
        }
    }
}
