//! Memory effects and masking of vector ops on real IR: transfers touch
//! memory only when they work on memrefs, `vector.mask` has the effects of
//! the op it wraps, and each maskable op says which mask it takes.

use std::sync::Arc;

use dialect_vector::Maskable;
use ir::effects::EffectKind;
use ir::{Ir, OpId};

const IR: &str = r#"
func.func @f(%m: memref<?x?xf32>, %t: tensor<?x?xf32>, %i: index, %f: f32, %v: vector<4x8xf32>, %mask: vector<8x4xi1>) {
  %0 = vector.transfer_read %m[%i, %i], %f : memref<?x?xf32>, vector<4x8xf32>
  %1 = vector.transfer_read %t[%i, %i], %f : tensor<?x?xf32>, vector<4x8xf32>
  vector.transfer_write %v, %m[%i, %i] : vector<4x8xf32>, memref<?x?xf32>
  %2 = vector.transfer_write %v, %t[%i, %i] : vector<4x8xf32>, tensor<?x?xf32>
  %3 = vector.mask %mask { vector.transfer_read %m[%i, %i], %f {permutation_map = affine_map<(d0, d1) -> (d1, d0)>} : memref<?x?xf32>, vector<4x8xf32> } : vector<8x4xi1> -> vector<4x8xf32>
  %4 = vector.load %m[%i, %i] : memref<?x?xf32>, vector<8xf32>
  %5 = vector.broadcast %f : f32 to vector<4xf32>
  vector.print %5 : vector<4xf32>
  return
}
"#;

fn parse(text: &str) -> (Ir, Vec<OpId>) {
    let ctx = ir::Context::new();
    for dialect in [dialect_builtin::dialect(), dialect_func::dialect(), dialect_vector::dialect()] {
        ctx.register_dialect(dialect);
    }
    let ctx = Arc::new(ctx);
    let file = ctx.add_source_file(ir::SourceFile::new("t.mlir", text.into(), 0));
    let (ir, module) = ir::syntax::parse_source(&ctx, file).unwrap_or_else(|d| panic!("{}", d.message));
    ir::verifier::verify(&ir, module).unwrap_or_else(|d| panic!("{}", d.message));
    let module_body = ir.entry_block(ir.regions(module)[0]).expect("module block");
    let func = ir.first_op(module_body).expect("one function");
    let body = ir.entry_block(ir.regions(func)[0]).expect("function body");
    let ops = ir.block_ops(body).collect();
    (ir, ops)
}

/// The kinds of `op`'s effects, and whether each names the op's operand `base`.
fn effects(ir: &Ir, op: OpId, base: usize) -> Vec<(EffectKind, bool)> {
    let effects = ir.memory_effects(op).expect("vector ops declare their effects");
    effects.iter().map(|e| (e.kind, e.value == ir.operands(op).get(base).copied())).collect()
}

#[test]
fn transfers_touch_memrefs_only() {
    let (ir, ops) = parse(IR);
    assert_eq!(effects(&ir, ops[0], 0), vec![(EffectKind::Read, true)]);
    assert_eq!(effects(&ir, ops[1], 0), vec![]);
    assert_eq!(effects(&ir, ops[2], 1), vec![(EffectKind::Write, true)]);
    assert_eq!(effects(&ir, ops[3], 1), vec![]);
    assert!(ir.is_trivially_dead(ops[1]) && ir.is_trivially_dead(ops[3]));
    assert!(!ir.is_trivially_dead(ops[2]));
}

#[test]
fn mask_has_the_effects_of_the_masked_op() {
    let (ir, ops) = parse(IR);
    let kinds: Vec<EffectKind> = ir.memory_effects(ops[4]).expect("known").iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![EffectKind::Read]);
}

#[test]
fn loads_read_pure_ops_have_none_and_print_writes() {
    let (ir, ops) = parse(IR);
    assert_eq!(effects(&ir, ops[5], 0), vec![(EffectKind::Read, true)]);
    assert!(ir.is_memory_effect_free(ops[6]));
    let print = ir.memory_effects(ops[7]).expect("known");
    assert_eq!(print.len(), 1);
    assert_eq!((print[0].kind, print[0].value), (EffectKind::Write, None));
}

#[test]
fn a_transposed_read_takes_a_mask_over_the_source_dimensions() {
    let (ir, ops) = parse(IR);
    let region = ir.regions(ops[4])[0];
    let read = ir.first_op(ir.entry_block(region).expect("block")).expect("masked op");
    let maskable = ir.interface::<dyn Maskable>(read).expect("transfers are maskable");
    let expected = maskable.expected_mask_type(&ir, read).expect("well-formed transfer");
    assert_eq!(ir.ctx().print_type(expected), "vector<8x4xi1>");
    assert!(maskable.supports_passthru(&ir, read));
    assert!(ir.interface::<dyn Maskable>(ops[6]).is_none());
}
