//! Iterative walks over nested ops: deep nesting never overflows the stack.

use super::{Ir, OpId};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum WalkOrder {
    /// An op before the ops nested in it.
    PreOrder,
    /// The ops nested in an op before the op itself.
    PostOrder,
}

impl Ir {
    /// `root` and every op nested in it, in the given order.
    pub fn walk_collect(&self, root: OpId, order: WalkOrder) -> Vec<OpId> {
        let mut out = Vec::new();
        // (op, children pushed yet?)
        let mut stack = vec![(root, false)];
        while let Some((op, expanded)) = stack.pop() {
            if expanded {
                out.push(op);
                continue;
            }
            if order == WalkOrder::PreOrder {
                out.push(op);
            } else {
                stack.push((op, true));
            }
            // Push children in reverse so that they come out in order.
            let mut children: Vec<OpId> = Vec::new();
            for &r in self.regions(op) {
                for &b in self.region_blocks(r) {
                    children.extend(self.block_ops(b));
                }
            }
            stack.extend(children.into_iter().rev().map(|c| (c, false)));
        }
        out
    }

    /// Calls `f` on `root` and every nested op, parents first.
    pub fn walk(&self, root: OpId, mut f: impl FnMut(OpId)) {
        for op in self.walk_collect(root, WalkOrder::PreOrder) {
            f(op);
        }
    }

    /// Whether `op` is `ancestor` or nested (at any depth) inside it.
    pub fn is_ancestor(&self, ancestor: OpId, mut op: OpId) -> bool {
        loop {
            if op == ancestor {
                return true;
            }
            match self.parent_op(op) {
                Some(p) => op = p,
                None => return false,
            }
        }
    }
}
