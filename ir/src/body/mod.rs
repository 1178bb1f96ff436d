//! The IR arena: operations, blocks, regions and values of one module.
//!
//! Entities are small `Copy` handles into vectors owned by [`Ir`]; erasing an
//! entity leaves a tombstone. Every value keeps its use list, so
//! replace-all-uses is cheap, and the ops of a block form a doubly linked list,
//! so insertion and removal anywhere are O(1).

mod block;
mod clone;
mod operation;
mod transplant;
mod value;
mod walk;

pub use clone::IrMapping;

use std::sync::Arc;

pub use block::{BlockData, RegionData};
pub use operation::{Operation, OperationState};
pub use value::{Use, ValueData, ValueDef};
pub use walk::WalkOrder;

use crate::context::Context;

/// Handle of an operation.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct OpId(pub(crate) u32);

/// Handle of a block.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct BlockId(pub(crate) u32);

/// Handle of a region.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct RegionId(pub(crate) u32);

/// Handle of an SSA value: an op result or a block argument.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Value(pub(crate) u32);

impl OpId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
impl BlockId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
impl Value {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Owner of all IR entities of a module, tied to the context that uniques
/// their types and attributes.
pub struct Ir {
    ctx: Arc<Context>,
    ops: Vec<Operation>,
    blocks: Vec<BlockData>,
    regions: Vec<RegionData>,
    values: Vec<ValueData>,
}

impl Ir {
    pub fn new(ctx: Arc<Context>) -> Self {
        Ir { ctx, ops: Vec::new(), blocks: Vec::new(), regions: Vec::new(), values: Vec::new() }
    }

    pub fn ctx(&self) -> &Context {
        &self.ctx
    }

    pub fn ctx_arc(&self) -> &Arc<Context> {
        &self.ctx
    }

    /// Number of op slots ever created (live or erased): a bound for side tables.
    pub fn op_capacity(&self) -> usize {
        self.ops.len()
    }

    /// Number of value slots ever created: a bound for side tables.
    pub fn value_capacity(&self) -> usize {
        self.values.len()
    }

    /// Number of block slots ever created: a bound for side tables.
    pub fn block_capacity(&self) -> usize {
        self.blocks.len()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::location::SourceFile;

    /// Parses generic-form text with unregistered ops.
    fn parse(text: &str) -> (Ir, OpId) {
        let mut ctx = Context::new();
        ctx.allow_unregistered = true;
        let ctx = Arc::new(ctx);
        let file = ctx.add_source_file(SourceFile::new("t.mlir", text.into(), 0));
        crate::syntax::parse_source(&ctx, file).unwrap_or_else(|d| panic!("{}", d.message))
    }

    fn print(ir: &Ir, root: OpId) -> String {
        crate::syntax::print_op(ir, root, Default::default())
    }

    const TEXT: &str = r#"
        %a = "t.def"() : () -> i32
        %b = "t.def"() : () -> i32
        "t.region"() ({
        ^bb0(%x: i32):
          "t.use"(%x, %a) : (i32, i32) -> ()
        }) : () -> ()
        "t.use"(%a, %a) : (i32, i32) -> ()
    "#;

    fn top_ops(ir: &Ir, module: OpId) -> Vec<OpId> {
        let block = ir.entry_block(ir.regions(module)[0]).expect("module block");
        ir.block_ops(block).collect()
    }

    #[test]
    fn replace_all_uses_moves_every_use() {
        let (mut ir, module) = parse(TEXT);
        let ops = top_ops(&ir, module);
        let (a, b) = (ir.result(ops[0], 0), ir.result(ops[1], 0));
        assert_eq!(ir.uses(a).len(), 3);
        ir.replace_all_uses(a, b);
        assert!(!ir.has_uses(a));
        assert_eq!(ir.uses(b).len(), 3);
        assert!(print(&ir, module).contains(r#""t.use"(%1, %1)"#));
    }

    #[test]
    fn clone_copies_regions_and_remaps_block_arguments() {
        let (mut ir, module) = parse(TEXT);
        let ops = top_ops(&ir, module);
        let mut mapping = IrMapping::default();
        let copy = ir.clone_op(ops[2], &mut mapping);
        ir.insert_op_after(ops[2], copy);
        let text = print(&ir, module);
        assert_eq!(text.matches(r#""t.region"()"#).count(), 2, "{text}");
        // The copy's body uses its own block argument and the shared %a.
        let body = ir.entry_block(ir.regions(copy)[0]).expect("copied block");
        let inner = ir.first_op(body).expect("copied use");
        assert_eq!(ir.operands(inner)[0], ir.block_arguments(body)[0]);
        assert_eq!(ir.operands(inner)[1], ir.result(ops[0], 0));
        assert_eq!(ir.uses(ir.result(ops[0], 0)).len(), 4);
    }

    #[test]
    fn erase_drops_uses_of_nested_ops_and_detach_moves() {
        let (mut ir, module) = parse(TEXT);
        let ops = top_ops(&ir, module);
        let a = ir.result(ops[0], 0);
        ir.erase_op(ops[2]);
        assert!(ir.is_erased(ops[2]));
        assert_eq!(ir.uses(a).len(), 2);
        // Move the last op to the front.
        ir.detach_op(ops[3]);
        ir.insert_op_before(ops[0], ops[3]);
        assert_eq!(top_ops(&ir, module), vec![ops[3], ops[0], ops[1]]);
        assert_eq!(ir.op_parent_block(ops[3]), ir.op_parent_block(ops[0]));
    }
}
