//! Symbols: ops that define a name (`sym_name`) inside the region of a
//! symbol-table op such as `builtin.module`, and lookups of `@name` uses.

use crate::body::{Ir, OpId};
use crate::dialect::Traits;

impl Ir {
    /// The `sym_name` of a symbol op.
    pub fn symbol_name(&self, op: OpId) -> Option<&str> {
        self.attr(op, "sym_name").and_then(|a| a.as_string(self.ctx()))
    }

    /// The nearest symbol-table op enclosing `op` (not `op` itself).
    pub fn enclosing_symbol_table(&self, op: OpId) -> Option<OpId> {
        let mut current = self.parent_op(op);
        while let Some(p) = current {
            if self.has_trait(p, Traits::SYMBOL_TABLE) {
                return Some(p);
            }
            current = self.parent_op(p);
        }
        None
    }

    /// The op named `name` directly in the symbol table `table`.
    pub fn lookup_symbol_in(&self, table: OpId, name: &str) -> Option<OpId> {
        let region = *self.regions(table).first()?;
        let block = self.entry_block(region)?;
        self.block_ops(block).find(|&op| self.symbol_name(op) == Some(name))
    }

    /// Resolves `@name` as seen from `from`: the nearest enclosing symbol
    /// table that defines it.
    pub fn lookup_symbol(&self, from: OpId, name: &str) -> Option<OpId> {
        let mut table = self.enclosing_symbol_table(from);
        while let Some(t) = table {
            if let Some(found) = self.lookup_symbol_in(t, name) {
                return Some(found);
            }
            table = self.enclosing_symbol_table(t);
        }
        None
    }
}
