//! Ops that threads of a block, warp or cluster take part in together:
//! barriers, warp shuffles, votes and reductions, cluster arrival.
//!
//! ```mlir
//! nvvm.barrier0
//! %v = nvvm.shfl.sync bfly %mask, %x, %offset, %clamp : f32 -> f32
//! %vp = nvvm.shfl.sync up %mask, %x, %offset, %clamp {return_value_and_is_valid} : f32 -> !llvm.struct<(f32, i1)>
//! %b = nvvm.vote.sync ballot %mask, %p -> i32
//! %s = nvvm.redux.sync add %x, %mask : i32 -> i32
//! ```

use dialect_llvm::types::LlvmType;
use dialect_llvm::LLVM_TYPE;
use ir::constraints::{I1, UNIT_ATTR};
use ir::dialect::{AttrConstraint, TypeConstraint};
use ir::verifier::op_error;
use ir::{define_op, enum_attr_constraint, AttrData, Attribute, Diagnostic, Dialect, EnumAttr, Ir, OpId, Type};

/// How `nvvm.shfl.sync` picks the lane to read: `bfly` is xor.
pub const SHFL_KIND: EnumAttr =
    EnumAttr { dialect: "nvvm", mnemonic: "shfl_kind", what: "::mlir::NVVM::ShflKind", cases: &["bfly", "up", "down", "idx"] };

/// What `nvvm.vote.sync` computes.
pub const VOTE_SYNC_KIND: EnumAttr = EnumAttr {
    dialect: "nvvm",
    mnemonic: "vote_sync_kind",
    what: "::mlir::NVVM::VoteSyncKind",
    cases: &["any", "all", "ballot", "uni"],
};

/// What `nvvm.redux.sync` combines with.
pub const REDUX_KIND: EnumAttr = EnumAttr {
    dialect: "nvvm",
    mnemonic: "redux_kind",
    what: "::mlir::NVVM::ReduxKind",
    cases: &["add", "and", "max", "min", "or", "umax", "umin", "xor", "fmin", "fmax"],
};

enum_attr_constraint! {
    /// A `#nvvm<shfl_kind ...>`.
    SHFL_KIND_ATTR = SHFL_KIND, "NVVM shuffle kind";
    /// A `#nvvm<vote_sync_kind ...>`.
    VOTE_SYNC_KIND_ATTR = VOTE_SYNC_KIND, "NVVM vote sync kind";
    /// A `#nvvm<redux_kind ...>`.
    REDUX_KIND_ATTR = REDUX_KIND, "NVVM redux kind";
}

/// `i32`.
const I32: TypeConstraint = TypeConstraint {
    description: "32-bit signless integer",
    check: |ctx, t| t.is_signless_int_of_width(ctx, 32),
    buildable: Some(|ctx| Type::integer(ctx, 32)),
};

/// `i32` or `f32`: what a shuffle moves and a reduction combines.
const I32_OR_F32: TypeConstraint = TypeConstraint {
    description: "32-bit signless integer or 32-bit float",
    check: |ctx, t| t.is_signless_int_of_width(ctx, 32) || t == Type::f32(ctx),
    buildable: None,
};

/// A boolean, `false` unless set.
const FALSE_BY_DEFAULT: AttrConstraint = AttrConstraint {
    description: "bool attribute",
    check: |ctx, a| matches!(a.data(ctx), AttrData::Integer { ty, .. } if ty.is_signless_int_of_width(ctx, 1)),
    parse: None,
    print: None,
    default: Some(|ctx| Attribute::bool(ctx, false)),
};

define_op! {
    /// Waits until every thread of the block has reached it (`bar.sync 0`).
    pub struct Barrier0Op = "nvvm.barrier0" {
        format: "attr-dict",
    }
}

define_op! {
    /// Waits until the threads of the warp named in the mask have reached it.
    pub struct SyncWarpOp = "nvvm.bar.warp.sync" {
        operands: [mask: Single(I32)],
        format: "$mask attr-dict `:` type($mask)",
    }
}

define_op! {
    /// Reads a value from another lane of the warp; with `return_value_and_is_valid` also whether that lane exists.
    pub struct ShflOp = "nvvm.shfl.sync" {
        operands: [thread_mask: Single(I32), val: Single(I32_OR_F32), offset: Single(I32), mask_and_clamp: Single(I32)],
        results: [res: Single(LLVM_TYPE)],
        attributes: [kind: Required(SHFL_KIND_ATTR), return_value_and_is_valid: Optional(UNIT_ATTR)],
        traits: [PURE],
        format: "$kind $thread_mask `,` $val `,` $offset `,` $mask_and_clamp attr-dict `:` type($val) `->` type($res)",
        extra: {
            verify: Some(verify_shfl),
        },
    }
}

define_op! {
    /// Combines a predicate over the lanes of the warp named in the mask: any, all, uniform, or the ballot of them.
    pub struct VoteSyncOp = "nvvm.vote.sync" {
        operands: [mask: Single(I32), pred: Single(I1)],
        results: [res: Single(LLVM_TYPE)],
        attributes: [kind: Required(VOTE_SYNC_KIND_ATTR)],
        format: "$kind $mask `,` $pred attr-dict `->` type($res)",
        extra: {
            verify: Some(verify_vote),
        },
    }
}

define_op! {
    /// Reduces a value over the lanes of the warp named in the mask.
    pub struct ReduxOp = "nvvm.redux.sync" {
        operands: [val: Single(I32_OR_F32), mask_and_clamp: Single(I32)],
        results: [res: Single(LLVM_TYPE)],
        attributes: [kind: Required(REDUX_KIND_ATTR), abs: Optional(FALSE_BY_DEFAULT), nan: Optional(FALSE_BY_DEFAULT)],
        format: "$kind $val `,` $mask_and_clamp attr-dict `:` type($val) `->` type($res)",
        extra: {
            verify: Some(verify_redux),
        },
    }
}

define_op! {
    /// Signals that the thread has arrived at the cluster barrier.
    pub struct ClusterArriveOp = "nvvm.cluster.arrive" {
        attributes: [aligned: Optional(UNIT_ATTR)],
        format: "attr-dict",
    }
}

define_op! {
    /// Signals arrival at the cluster barrier, without ordering memory.
    pub struct ClusterArriveRelaxedOp = "nvvm.cluster.arrive.relaxed" {
        attributes: [aligned: Optional(UNIT_ATTR)],
        format: "attr-dict",
    }
}

define_op! {
    /// Waits until every thread of the cluster has arrived at the cluster barrier.
    pub struct ClusterWaitOp = "nvvm.cluster.wait" {
        attributes: [aligned: Optional(UNIT_ATTR)],
        format: "attr-dict",
    }
}

pub(crate) fn register(dialect: Dialect) -> Dialect {
    dialect
        .with_op::<Barrier0Op>()
        .with_op::<SyncWarpOp>()
        .with_op::<ShflOp>()
        .with_op::<VoteSyncOp>()
        .with_op::<ReduxOp>()
        .with_op::<ClusterArriveOp>()
        .with_op::<ClusterArriveRelaxedOp>()
        .with_op::<ClusterWaitOp>()
}

/// The result is the value's type, or with `return_value_and_is_valid`
/// the struct of it and an `i1`.
fn verify_shfl(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let shfl = ShflOp(op);
    let value = ir.value_type(shfl.val(ir));
    let result = ir.value_type(shfl.res(ir));
    let show = |t: Type| ctx.print_type(t);
    if shfl.return_value_and_is_valid(ir).is_none() {
        if result != value {
            return Err(op_error(
                ir,
                op,
                format!("expected return type to be of type '{}' but got '{}' instead", show(value), show(result)),
            ));
        }
        return Ok(());
    }
    let Some(LlvmType::Struct { body: Some(fields), .. }) = LlvmType::of(ctx, result) else {
        return Err(op_error(ir, op, "expected return type to be a two-element struct"));
    };
    let [first, second] = fields.as_slice() else {
        return Err(op_error(ir, op, "expected return type to be a two-element struct"));
    };
    if *first != value {
        return Err(op_error(
            ir,
            op,
            format!(
                "expected first element in the returned struct to be of type '{}' but got '{}' instead",
                show(value),
                show(*first)
            ),
        ));
    }
    if !second.is_signless_int_of_width(ctx, 1) {
        return Err(op_error(
            ir,
            op,
            format!("expected second element in the returned struct to be of type 'i1' but got '{}' instead", show(*second)),
        ));
    }
    Ok(())
}

/// `ballot` gives the `i32` mask of lanes, the others an `i1`.
fn verify_vote(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let vote = VoteSyncOp(op);
    let kind = vote.kind(ir).and_then(|k| VOTE_SYNC_KIND.case(ctx, k));
    let result = ir.value_type(vote.res(ir));
    match kind {
        Some("ballot") if !result.is_signless_int_of_width(ctx, 32) => Err(op_error(ir, op, "vote.sync 'ballot' returns an i32")),
        Some("any" | "all" | "uni") if !result.is_signless_int_of_width(ctx, 1) => {
            Err(op_error(ir, op, "vote.sync 'any', 'all' and 'uni' returns an i1"))
        }
        _ => Ok(()),
    }
}

/// `fmin` and `fmax` reduce `f32`, the other kinds `i32`.
fn verify_redux(ir: &Ir, op: OpId) -> Result<(), Diagnostic> {
    let ctx = ir.ctx();
    let redux = ReduxOp(op);
    let Some(kind) = redux.kind(ir).and_then(|k| REDUX_KIND.case(ctx, k)) else { return Ok(()) };
    let value = ir.value_type(redux.val(ir));
    let (expected, name) =
        if matches!(kind, "fmin" | "fmax") { (Type::f32(ctx), "f32") } else { (Type::integer(ctx, 32), "i32") };
    if value != expected {
        return Err(op_error(
            ir,
            op,
            format!("'{kind}' redux kind unsupported with '{}' type. Only supported type is '{name}'.", ctx.print_type(value)),
        ));
    }
    Ok(())
}
