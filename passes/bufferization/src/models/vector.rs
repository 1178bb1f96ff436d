//! Bufferization of vector transfers on tensors: `vector.transfer_read`
//! reads the tensor's buffer; `vector.transfer_write` writes into its
//! destination's buffer (the rest of it is kept) and has no result on
//! buffers. What the vectorizer produces on tensors thus bufferizes like the
//! linalg ops it came from.

use dialect_vector::TransferReadOp;
use ir::{Diagnostic, OpId, Value};

use crate::analysis::AnalysisState;
use crate::bufferizable::{Access, Bufferizable};
use crate::bufferizer::Bufferizer;

pub struct TransferReadModel;

impl Bufferizable for TransferReadModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::READ
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let base = TransferReadOp(op).base(b.ir());
        let buffer = b.buffer(base)?;
        b.rewriter.modify_in_place(op, |ir| ir.set_operand(op, 0, buffer));
        Ok(())
    }
}

pub struct TransferWriteModel;

impl Bufferizable for TransferWriteModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, operand: usize) -> Access {
        if operand == 1 {
            Access::READ_WRITE // the elements not written are kept
        } else {
            Access::READ
        }
    }

    fn aliases(&self, state: &AnalysisState<'_>, op: OpId, operand: usize) -> Vec<Value> {
        if operand == 1 {
            state.ir.results(op).to_vec()
        } else {
            Vec::new()
        }
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let result = b.ir().results(op).first().copied();
        let buffer = b.operand_buffer(op, 1)?;
        let mut operands = b.ir().operands(op).to_vec();
        operands[1] = buffer;
        b.recreate_on_buffers(op, operands);
        if let Some(result) = result {
            b.set_buffer(result, buffer);
        }
        Ok(())
    }
}
