//! Bufferization of structured ops (every linalg op, through the
//! [`Structured`] view): inputs are read, each output is the buffer the
//! op writes its result into.
//!
//! ```mlir
//! %r = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x16xf32>) outs(%c : tensor<4x16xf32>) -> tensor<4x16xf32>
//! // becomes (in place)
//! linalg.matmul ins(%A, %B : memref<4x8xf32>, memref<8x16xf32>) outs(%C : memref<4x16xf32>)
//! ```
//!
//! An output is read only when the body uses its element (`linalg.matmul`
//! accumulates, `linalg.add` does not), so an out-of-place output whose
//! element is unused gets a new buffer without a copy.

use dialect_linalg::{IteratorType, Structured};
use ir::{Diagnostic, OpId};

use crate::analysis::AnalysisState;
use crate::bufferizable::{Access, Bufferizable};
use crate::bufferizer::Bufferizer;

pub struct StructuredOpModel;

impl Bufferizable for StructuredOpModel {
    fn access(&self, state: &AnalysisState<'_>, op: OpId, operand: usize) -> Access {
        let Some(s) = Structured::of(state.ir, op) else { return Access::READ_WRITE };
        let inputs = s.inputs().len();
        if operand < inputs {
            return Access::READ;
        }
        let element_used = s
            .block()
            .and_then(|block| state.ir.block_arguments(block).get(operand).copied())
            .is_none_or(|argument| state.ir.has_uses(argument));
        Access { read: element_used, write: true }
    }

    fn aliases(&self, state: &AnalysisState<'_>, op: OpId, operand: usize) -> Vec<ir::Value> {
        let Some(s) = Structured::of(state.ir, op) else { return Vec::new() };
        let inputs = s.inputs().len();
        operand.checked_sub(inputs).and_then(|output| state.ir.results(op).get(output).copied()).into_iter().collect()
    }

    /// Same indexing for the input and the output, a permutation of the
    /// loops, and only parallel loops: iteration `i` alone reads and then
    /// writes element `i`.
    fn reads_before_overwriting(&self, state: &AnalysisState<'_>, op: OpId, read: usize, written: usize) -> bool {
        let Some(s) = Structured::of(state.ir, op) else { return false };
        let maps = s.indexing_maps();
        let (Some(r), Some(w)) = (maps.get(read), maps.get(written)) else { return false };
        r == w && w.is_permutation() && s.iterator_types().iter().all(|&t| t == IteratorType::Parallel)
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let Some(s) = Structured::of(ir, op) else { return Err(ir::verifier::op_error(ir, op, "is not a structured op")) };
        let inputs = s.inputs().len();
        let operands = ir.operands(op).to_vec();
        let mut buffers = Vec::with_capacity(operands.len());
        for (i, &v) in operands.iter().enumerate() {
            let is_tensor = b.is_tensor(v);
            buffers.push(match (is_tensor, i < inputs) {
                (false, _) => v,
                (true, true) => b.buffer(v)?,
                (true, false) => b.operand_buffer(op, i)?,
            });
        }
        b.recreate_on_buffers(op, buffers.clone());
        let results = b.ir().results(op).to_vec();
        for (k, result) in results.into_iter().enumerate() {
            b.set_buffer(result, buffers[inputs + k]);
        }
        Ok(())
    }
}
