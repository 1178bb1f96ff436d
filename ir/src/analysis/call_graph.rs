//! The call graph: which symbols (functions) call which, from every op that
//! names a `callee`. Built on petgraph, so graph algorithms come for free.

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use rustc_hash::FxHashMap;

use crate::body::{Ir, OpId};
use crate::dialect::Traits;

/// Callers and callees among the symbols under an op.
pub struct CallGraph {
    graph: DiGraph<OpId, ()>,
    nodes: FxHashMap<OpId, NodeIndex>,
}

impl super::Analysis for CallGraph {
    fn compute(ir: &Ir, root: OpId) -> Self {
        let mut graph = DiGraph::new();
        let mut nodes = FxHashMap::default();
        ir.walk(root, |op| {
            if ir.has_trait(op, Traits::SYMBOL) && ir.symbol_name(op).is_some() {
                nodes.insert(op, graph.add_node(op));
            }
        });
        let ctx = ir.ctx();
        ir.walk(root, |op| {
            let Some(callee) = ir.attr(op, "callee").and_then(|c| c.as_flat_symbol_ref(ctx)) else { return };
            let caller = std::iter::successors(ir.parent_op(op), |&p| ir.parent_op(p)).find(|p| nodes.contains_key(p));
            let target = ir.lookup_symbol(op, ctx.str(callee));
            if let (Some(caller), Some(target)) = (caller, target) {
                if let (Some(&from), Some(&to)) = (nodes.get(&caller), nodes.get(&target)) {
                    graph.add_edge(from, to, ());
                }
            }
        });
        CallGraph { graph, nodes }
    }
}

impl CallGraph {
    /// The symbols `op` calls, each once, in order of first call.
    pub fn callees(&self, op: OpId) -> Vec<OpId> {
        self.neighbors(op, petgraph::Direction::Outgoing)
    }

    /// The symbols that call `op`, each once.
    pub fn callers(&self, op: OpId) -> Vec<OpId> {
        self.neighbors(op, petgraph::Direction::Incoming)
    }

    fn neighbors(&self, op: OpId, direction: petgraph::Direction) -> Vec<OpId> {
        let Some(&node) = self.nodes.get(&op) else { return Vec::new() };
        let mut out: Vec<OpId> = Vec::new();
        // petgraph lists the newest edge first.
        for n in self.graph.neighbors_directed(node, direction).collect::<Vec<_>>().into_iter().rev() {
            if !out.contains(&self.graph[n]) {
                out.push(self.graph[n]);
            }
        }
        out
    }

    /// Whether `op` can reach itself through calls.
    pub fn is_recursive(&self, op: OpId) -> bool {
        let Some(&node) = self.nodes.get(&op) else { return false };
        if self.graph.contains_edge(node, node) {
            return true;
        }
        tarjan_scc(&self.graph).iter().any(|component| component.len() > 1 && component.contains(&node))
    }

    /// The graph in Graphviz DOT form, nodes labelled by symbol name.
    pub fn to_dot(&self, ir: &Ir) -> String {
        let mut out = String::from("digraph calls {\n");
        for node in self.graph.node_indices() {
            let name = ir.symbol_name(self.graph[node]).unwrap_or("?");
            out.push_str(&format!("  n{} [label=\"@{}\"];\n", node.index(), name.replace('"', "\\\"")));
        }
        for edge in self.graph.edge_indices() {
            if let Some((a, b)) = self.graph.edge_endpoints(edge) {
                out.push_str(&format!("  n{} -> n{};\n", a.index(), b.index()));
            }
        }
        out.push_str("}\n");
        out
    }
}
