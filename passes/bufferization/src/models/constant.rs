//! Bufferization of tensor constants: the value goes into a read-only
//! `memref.global`, which `memref.get_global` reads (upstream's form).
//! Writing into a constant's buffer is never in place.
//!
//! ```mlir
//! %c = arith.constant dense<1.0> : tensor<2x8xf32>
//! // becomes
//! memref.global "private" constant @__constant_2x8xf32 : memref<2x8xf32> = dense<1.000000e+00> {alignment = 64 : i64}
//! %0 = memref.get_global @__constant_2x8xf32 : memref<2x8xf32>
//! ```

use ir::rewrite::InsertPoint;
use ir::verifier::op_error;
use ir::{Diagnostic, OpId};

use crate::analysis::AnalysisState;
use crate::bufferizable::{Access, Bufferizable};
use crate::bufferizer::Bufferizer;

pub struct ConstantModel;

impl Bufferizable for ConstantModel {
    fn access(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> Access {
        Access::NONE
    }

    fn is_writable(&self, _: &AnalysisState<'_>, _: OpId, _: usize) -> bool {
        false
    }

    fn bufferize(&self, b: &mut Bufferizer<'_, '_>, op: OpId) -> Result<(), Diagnostic> {
        let ir = b.ir();
        let (result, location) = (ir.result(op, 0), ir.op(op).location);
        let Some(value) = ir.attr(op, "value") else { return Err(op_error(ir, op, "requires attribute 'value'")) };
        let ty = ir.value_type(result);
        let buffer = b.constant_buffer(InsertPoint::Before(op), location, value, ty)?;
        b.set_buffer(result, buffer);
        b.erase(op);
        Ok(())
    }
}
