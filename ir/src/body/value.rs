//! SSA values, their definitions and use lists.

use crate::types::Type;

use super::{BlockId, Ir, OpId, Value};

/// Where a value is defined.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ValueDef {
    Result { op: OpId, index: u32 },
    BlockArgument { block: BlockId, index: u32 },
}

/// One use of a value: operand `index` of `op`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Use {
    pub op: OpId,
    pub index: u32,
}

pub struct ValueData {
    pub(crate) ty: Type,
    pub(crate) def: ValueDef,
    pub(crate) uses: Vec<Use>,
}

impl Ir {
    pub(crate) fn new_value(&mut self, ty: Type, def: ValueDef) -> Value {
        self.values.push(ValueData { ty, def, uses: Vec::new() });
        Value(self.values.len() as u32 - 1)
    }

    pub fn value_type(&self, v: Value) -> Type {
        self.values[v.index()].ty
    }

    pub fn set_value_type(&mut self, v: Value, ty: Type) {
        self.values[v.index()].ty = ty;
    }

    pub fn value_def(&self, v: Value) -> ValueDef {
        self.values[v.index()].def
    }

    /// The op that defines `v`, if it is an op result.
    pub fn defining_op(&self, v: Value) -> Option<OpId> {
        match self.value_def(v) {
            ValueDef::Result { op, .. } => Some(op),
            ValueDef::BlockArgument { .. } => None,
        }
    }

    /// The block `v` is defined in (its op's block, or its own block).
    pub fn value_parent_block(&self, v: Value) -> Option<BlockId> {
        match self.value_def(v) {
            ValueDef::Result { op, .. } => self.op(op).parent,
            ValueDef::BlockArgument { block, .. } => Some(block),
        }
    }

    pub fn uses(&self, v: Value) -> &[Use] {
        &self.values[v.index()].uses
    }

    pub fn has_uses(&self, v: Value) -> bool {
        !self.values[v.index()].uses.is_empty()
    }

    pub(crate) fn add_use(&mut self, v: Value, u: Use) {
        self.values[v.index()].uses.push(u);
    }

    pub(crate) fn remove_use(&mut self, v: Value, u: Use) {
        let uses = &mut self.values[v.index()].uses;
        if let Some(pos) = uses.iter().position(|x| *x == u) {
            uses.swap_remove(pos);
        }
    }

    /// Sets operand `index` of `op` to `v`, keeping use lists right.
    pub fn set_operand(&mut self, op: OpId, index: usize, v: Value) {
        let old = self.ops[op.index()].operands[index];
        let u = Use { op, index: index as u32 };
        self.remove_use(old, u);
        self.ops[op.index()].operands[index] = v;
        self.add_use(v, u);
    }

    /// Replaces all operands of `op`, keeping use lists right.
    pub fn set_operands(&mut self, op: OpId, operands: Vec<Value>) {
        let old = std::mem::take(&mut self.ops[op.index()].operands);
        for (index, v) in old.into_iter().enumerate() {
            self.remove_use(v, Use { op, index: index as u32 });
        }
        for (index, &v) in operands.iter().enumerate() {
            self.add_use(v, Use { op, index: index as u32 });
        }
        self.ops[op.index()].operands = operands.into();
    }

    /// Makes every use of `from` a use of `to`.
    pub fn replace_all_uses(&mut self, from: Value, to: Value) {
        if from == to {
            return;
        }
        let uses = std::mem::take(&mut self.values[from.index()].uses);
        for u in &uses {
            self.ops[u.op.index()].operands[u.index as usize] = to;
        }
        self.values[to.index()].uses.extend(uses);
    }
}
