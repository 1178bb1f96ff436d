//! The producer-consumer graph of the structured ops of one block: a node
//! per structured op, an edge from a producer to each consumer operand
//! that reads one of its results. Fusion walks it consumers-last, and
//! keeps it in step as fused ops replace consumers; tiling can walk it to
//! pick the producers to fuse into a tiled loop.

use dialect_linalg::Structured;
use ir::{BlockId, Ir, OpId};
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction;
use rustc_hash::FxHashMap;

/// Which result of the producer feeds which operand of the consumer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FusionEdge {
    pub result: usize,
    pub operand: usize,
}

/// Structured ops of a block and who reads whose results.
#[derive(Default)]
pub struct FusionGraph {
    graph: StableDiGraph<OpId, FusionEdge>,
    nodes: FxHashMap<OpId, NodeIndex>,
}

impl FusionGraph {
    /// The graph of the structured ops directly in `block`.
    pub fn build(ir: &Ir, block: BlockId) -> FusionGraph {
        let mut graph = FusionGraph::default();
        for op in ir.block_ops(block).filter(|&op| Structured::of(ir, op).is_some()) {
            graph.add(ir, op);
        }
        graph
    }

    /// Adds `op` and the edges from the nodes its operands come from.
    fn add(&mut self, ir: &Ir, op: OpId) {
        let node = self.graph.add_node(op);
        self.nodes.insert(op, node);
        self.connect_producers(ir, op, node);
    }

    fn connect_producers(&mut self, ir: &Ir, op: OpId, node: NodeIndex) {
        for (operand, &value) in ir.operands(op).iter().enumerate() {
            let Some(producer) = ir.defining_op(value) else { continue };
            let Some(&from) = self.nodes.get(&producer) else { continue };
            let result = ir.results(producer).iter().position(|&r| r == value).unwrap_or(0);
            self.graph.add_edge(from, node, FusionEdge { result, operand });
        }
    }

    pub fn contains(&self, op: OpId) -> bool {
        self.nodes.contains_key(&op)
    }

    /// Every op, producers before their consumers (the block's order, which
    /// SSA makes a topological order).
    pub fn topological_order(&self) -> Vec<OpId> {
        let mut nodes: Vec<NodeIndex> = self.graph.node_indices().collect();
        nodes.sort();
        nodes.into_iter().map(|n| self.graph[n]).collect()
    }

    /// The producers `op` reads, by operand.
    pub fn producers(&self, op: OpId) -> Vec<(OpId, FusionEdge)> {
        let Some(&node) = self.nodes.get(&op) else { return Vec::new() };
        let mut producers: Vec<(OpId, FusionEdge)> =
            self.graph.edges_directed(node, Direction::Incoming).map(|e| (self.graph[e.source()], *e.weight())).collect();
        producers.sort_by_key(|(_, e)| e.operand);
        producers
    }

    /// The consumers that read `op`'s results.
    pub fn consumers(&self, op: OpId) -> Vec<(OpId, FusionEdge)> {
        let Some(&node) = self.nodes.get(&op) else { return Vec::new() };
        let mut consumers: Vec<(OpId, FusionEdge)> =
            self.graph.edges_directed(node, Direction::Outgoing).map(|e| (self.graph[e.target()], *e.weight())).collect();
        consumers.sort_by_key(|&(c, e)| (self.nodes[&c], e.operand));
        consumers
    }

    /// Every edge as `(producer, consumer, edge)`, by consumer then operand.
    pub fn edges(&self) -> Vec<(OpId, OpId, FusionEdge)> {
        let mut edges: Vec<(NodeIndex, OpId, OpId, FusionEdge)> = (&self.graph)
            .edge_references()
            .map(|e| (e.target(), self.graph[e.source()], self.graph[e.target()], *e.weight()))
            .collect();
        edges.sort_by_key(|&(target, _, _, e)| (target, e.operand));
        edges.into_iter().map(|(_, p, c, e)| (p, c, e)).collect()
    }

    /// `new` (a fused op) takes the place of `old`: the same consumers (it
    /// has `old`'s results), producers read from its own operands.
    pub fn replace(&mut self, ir: &Ir, old: OpId, new: OpId) {
        let Some(node) = self.nodes.remove(&old) else { return };
        self.graph[node] = new;
        self.nodes.insert(new, node);
        let incoming: Vec<_> = self.graph.edges_directed(node, Direction::Incoming).map(|e| e.id()).collect();
        for edge in incoming {
            self.graph.remove_edge(edge);
        }
        self.connect_producers(ir, new, node);
    }

    /// Drops `op` (erased) and its edges.
    pub fn remove(&mut self, op: OpId) {
        if let Some(node) = self.nodes.remove(&op) {
            self.graph.remove_node(node);
        }
    }

    /// The graph in Graphviz form, nodes named by op and line: for looking
    /// at what fusion sees.
    pub fn to_dot(&self, ir: &Ir) -> String {
        let ctx = ir.ctx();
        let mut out = String::from("digraph fusion {\n");
        for node in self.graph.node_indices() {
            let op = self.graph[node];
            let line = ir.op(op).location.file_line_col(ctx).map_or(String::new(), |(_, l, _)| format!(" (line {l})"));
            out.push_str(&format!("  n{} [label=\"{}{line}\"];\n", node.index(), ir.op_name_str(op)));
        }
        for e in (&self.graph).edge_references() {
            out.push_str(&format!(
                "  n{} -> n{} [label=\"#{} -> #{}\"];\n",
                e.source().index(),
                e.target().index(),
                e.weight().result,
                e.weight().operand
            ));
        }
        out.push_str("}\n");
        out
    }
}
