//! Dialect conversion: rewrites every op a [`ConversionTarget`] calls
//! illegal with [`ConversionPattern`]s that see their operands already
//! converted by a [`TypeConverter`]. Where converted and unconverted values
//! meet, casts (`builtin.unrealized_conversion_cast` by default) bridge
//! them; a later pass reconciles the casts that cancel out.
//!
//! Full conversion fails on any op not known to be legal; partial
//! conversion only on ops marked illegal. The failure names the op:
//! `failed to legalize operation 'x.y'` (with `that was explicitly marked
//! illegal` when the target says so), at its location, with a note from
//! each pattern that can say why it did not apply.
//!
//! Ops that patterns create are legalized too, as upstream does: after a
//! sweep over the ops, any still illegal op (one a pattern made) is
//! converted in a further sweep.

use rustc_hash::FxHashMap;

use crate::body::{BlockId, Ir, OpId, OperationState, Use, Value, WalkOrder};
use crate::context::Context;
use crate::diagnostics::Diagnostic;
use crate::location::Location;
use crate::types::Type;

use super::PatternRewriter;

/// Decides the legality of one op.
pub type LegalityFn = fn(&Ir, OpId) -> bool;

/// Which ops may remain after conversion.
#[derive(Default)]
pub struct ConversionTarget {
    legal_dialects: Vec<String>,
    illegal_dialects: Vec<String>,
    legal_ops: Vec<String>,
    illegal_ops: Vec<String>,
    /// Ops legal only when the function says so (`func.func` once its
    /// signature is converted).
    dynamic: Vec<(String, LegalityFn)>,
}

impl ConversionTarget {
    pub fn legal_dialect(mut self, dialect: &str) -> Self {
        self.legal_dialects.push(dialect.to_string());
        self
    }
    pub fn illegal_dialect(mut self, dialect: &str) -> Self {
        self.illegal_dialects.push(dialect.to_string());
        self
    }
    pub fn legal_op(mut self, name: &str) -> Self {
        self.legal_ops.push(name.to_string());
        self
    }
    pub fn illegal_op(mut self, name: &str) -> Self {
        self.illegal_ops.push(name.to_string());
        self
    }
    pub fn dynamically_legal_op(mut self, name: &str, is_legal: LegalityFn) -> Self {
        self.dynamic.push((name.to_string(), is_legal));
        self
    }

    /// `Some(true)` legal, `Some(false)` illegal, `None` unknown. Op rules
    /// win over dialect rules.
    pub fn legality(&self, ir: &Ir, op: OpId) -> Option<bool> {
        let name = ir.op_name_str(op);
        if let Some((_, check)) = self.dynamic.iter().find(|(n, _)| n == name) {
            return Some(check(ir, op));
        }
        if self.legal_ops.iter().any(|n| n == name) {
            return Some(true);
        }
        if self.illegal_ops.iter().any(|n| n == name) {
            return Some(false);
        }
        let dialect = name.split_once('.').map_or(name, |(d, _)| d);
        if self.legal_dialects.iter().any(|d| d == dialect) {
            return Some(true);
        }
        if self.illegal_dialects.iter().any(|d| d == dialect) {
            return Some(false);
        }
        None
    }
}

/// A type conversion rule: `None` if it does not apply to the type.
pub type TypeRule = Box<dyn Fn(&Context, Type) -> Option<Type> + Send + Sync>;

/// Makes a value of type `to` from `input` before `anchor` (a cast).
pub type Materialization = fn(&mut Ir, OpId, Value, Type, Location) -> Value;

/// How types map to the target's types, and how to bridge the two.
pub struct TypeConverter {
    rules: Vec<TypeRule>,
    /// Old-typed value to new type (for a converted op's operands).
    pub target_materialization: Materialization,
    /// New-typed value back to the old type (for unconverted users).
    pub source_materialization: Materialization,
}

impl Default for TypeConverter {
    fn default() -> Self {
        TypeConverter { rules: Vec::new(), target_materialization: unrealized_cast, source_materialization: unrealized_cast }
    }
}

impl TypeConverter {
    /// Adds a rule; rules added later are tried first, as upstream does.
    pub fn add_rule(&mut self, rule: impl Fn(&Context, Type) -> Option<Type> + Send + Sync + 'static) {
        self.rules.push(Box::new(rule));
    }

    /// The converted type; types no rule handles are kept as they are.
    pub fn convert(&self, ctx: &Context, ty: Type) -> Type {
        self.rules.iter().rev().find_map(|rule| rule(ctx, ty)).unwrap_or(ty)
    }

    pub fn is_legal(&self, ctx: &Context, ty: Type) -> bool {
        self.convert(ctx, ty) == ty
    }
}

/// `builtin.unrealized_conversion_cast %input : A to B`, before `anchor`.
pub fn unrealized_cast(ir: &mut Ir, anchor: OpId, input: Value, to: Type, location: Location) -> Value {
    let mut state = OperationState::new(ir.ctx().op_name("builtin.unrealized_conversion_cast"), location);
    state.operands.push(input);
    state.result_types.push(to);
    let cast = ir.create_op(state);
    ir.insert_op_before(anchor, cast);
    ir.result(cast, 0)
}

/// A rewrite of one illegal op, given its operands converted.
pub trait ConversionPattern: Send + Sync {
    fn root(&self) -> &'static str;
    /// Builds the replacement of `op` (new ops go before it, through
    /// `rewriter`) from `operands`, its operands in the converted types,
    /// and returns the values that replace its results; the driver erases
    /// `op` and bridges types for users not converted yet. Returns `None`,
    /// without changing anything, when it does not apply.
    fn match_and_rewrite(
        &self,
        op: OpId,
        operands: &[Value],
        converter: &TypeConverter,
        rewriter: &mut PatternRewriter<'_>,
    ) -> Option<Vec<Value>>;

    /// Why the pattern does not apply to `op`, as a note on the failure
    /// to legalize it; `None` when there is nothing to say.
    fn failure_note(&self, _ir: &Ir, _op: OpId) -> Option<String> {
        None
    }
}

/// Sweeps after which ops that patterns keep creating are reported.
const MAX_SWEEPS: usize = 64;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ConversionMode {
    /// Every op must end up legal.
    Full,
    /// Only ops marked illegal must be converted.
    Partial,
}

/// Converts the ops nested in `root` (`root` itself is left alone).
pub fn apply_conversion(
    ir: &mut Ir,
    root: OpId,
    target: &ConversionTarget,
    converter: &TypeConverter,
    patterns: &[Box<dyn ConversionPattern>],
    mode: ConversionMode,
) -> Result<(), Diagnostic> {
    // Values already cast to their converted type, reused by later users.
    let mut casts: FxHashMap<Value, Value> = FxHashMap::default();
    for sweep in 0.. {
        let mut converted = 0;
        let ops = ir.walk_collect(root, WalkOrder::PreOrder);
        for op in ops.into_iter().skip(1) {
            if ir.is_erased(op) || ir.op_parent_block(op).is_none() {
                continue;
            }
            let legality = target.legality(ir, op);
            let must_convert = match mode {
                ConversionMode::Full => legality != Some(true),
                ConversionMode::Partial => legality == Some(false),
            };
            if !must_convert {
                continue;
            }
            let name = ir.op_name_str(op).to_string();
            let operands = convert_operands(ir, op, converter, &mut casts);
            let mut rewriter = PatternRewriter::new(ir);
            let replacement = if sweep < MAX_SWEEPS {
                patterns
                    .iter()
                    .filter(|p| p.root() == name)
                    .find_map(|p| p.match_and_rewrite(op, &operands, converter, &mut rewriter))
            } else {
                None
            };
            let Some(values) = replacement else {
                return Err(legalization_failure(ir, op, legality, patterns));
            };
            replace_bridging_types(ir, op, &values, converter);
            converted += 1;
        }
        if converted == 0 {
            break;
        }
    }
    erase_dead_casts(ir, root);
    Ok(())
}

/// `failed to legalize operation 'x.y'` at `op`, with the patterns' notes.
fn legalization_failure(ir: &Ir, op: OpId, legality: Option<bool>, patterns: &[Box<dyn ConversionPattern>]) -> Diagnostic {
    let name = ir.op_name_str(op);
    let location = ir.op(op).location;
    let why = if legality == Some(false) { " that was explicitly marked illegal" } else { "" };
    let mut diagnostic = Diagnostic::error(location, format!("failed to legalize operation '{name}'{why}"));
    for note in patterns.iter().filter(|p| p.root() == name).filter_map(|p| p.failure_note(ir, op)) {
        diagnostic = diagnostic.with_note(location, note);
    }
    diagnostic
}

/// The operands of `op` in converted types: through a cast back from a
/// converted value when there is one, through a new cast otherwise.
fn convert_operands(ir: &mut Ir, op: OpId, converter: &TypeConverter, casts: &mut FxHashMap<Value, Value>) -> Vec<Value> {
    let location = ir.op(op).location;
    let mut out = Vec::new();
    for v in ir.operands(op).to_vec() {
        let new_ty = converter.convert(ir.ctx(), ir.value_type(v));
        if new_ty == ir.value_type(v) {
            out.push(v);
            continue;
        }
        let bridged = ir
            .defining_op(v)
            .filter(|&d| ir.op_name_str(d) == CAST && ir.operands(d).len() == 1)
            .map(|d| ir.operands(d)[0])
            .filter(|&input| ir.value_type(input) == new_ty);
        let reused =
            casts.get(&v).copied().filter(|&c| ir.defining_op(c).is_none_or(|d| !ir.is_erased(d)) && dominates_use(ir, c, op));
        out.push(match (bridged, reused) {
            (Some(input), _) => input,
            (None, Some(cast)) => cast,
            (None, None) => {
                let cast = (converter.target_materialization)(ir, op, v, new_ty, location);
                casts.insert(v, cast);
                cast
            }
        });
    }
    out
}

/// Gives the arguments of `block` their converted types; their users, not
/// converted yet, see the old types through a source materialization at the
/// start of the block (later conversions look through it).
pub fn convert_block_arguments(ir: &mut Ir, block: BlockId, converter: &TypeConverter) {
    let Some(first) = ir.first_op(block) else { return };
    for (index, arg) in ir.block_arguments(block).to_vec().into_iter().enumerate() {
        let old = ir.value_type(arg);
        let new = converter.convert(ir.ctx(), old);
        if new == old {
            continue;
        }
        let uses: Vec<Use> = ir.uses(arg).to_vec();
        ir.set_value_type(arg, new);
        let location = ir.block_argument_location(block, index);
        let back = (converter.source_materialization)(ir, first, arg, old, location);
        for u in uses {
            ir.set_operand(u.op, u.index as usize, back);
        }
    }
}

/// Replaces `op`'s results with `values`; where a type changed, users get a
/// cast back to the old type (later conversions look through it), and
/// `op` is erased.
fn replace_bridging_types(ir: &mut Ir, op: OpId, values: &[Value], converter: &TypeConverter) {
    let location = ir.op(op).location;
    for (old, &new) in ir.results(op).to_vec().into_iter().zip(values) {
        let old_ty = ir.value_type(old);
        let value =
            if ir.value_type(new) == old_ty { new } else { (converter.source_materialization)(ir, op, new, old_ty, location) };
        ir.replace_all_uses(old, value);
    }
    ir.erase_op(op);
}

/// Whether `value` (a cast made for an earlier op) may be used by `user`:
/// defined earlier in the same block. Casts are reused only there.
fn dominates_use(ir: &Ir, value: Value, user: OpId) -> bool {
    let Some(def) = ir.defining_op(value) else { return true };
    if ir.op_parent_block(def) != ir.op_parent_block(user) {
        return false;
    }
    std::iter::successors(Some(def), |&o| ir.next_op(o)).any(|o| o == user)
}

const CAST: &str = "builtin.unrealized_conversion_cast";

/// Casts nobody uses any more (every user was converted).
fn erase_dead_casts(ir: &mut Ir, root: OpId) {
    loop {
        let dead: Vec<OpId> = ir
            .walk_collect(root, WalkOrder::PostOrder)
            .into_iter()
            .filter(|&o| !ir.is_erased(o) && ir.op_name_str(o) == CAST && ir.results(o).iter().all(|&r| !ir.has_uses(r)))
            .collect();
        if dead.is_empty() {
            return;
        }
        for o in dead {
            ir.erase_op(o);
        }
    }
}
