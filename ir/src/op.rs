//! Typed op handles and the `define_op!` macro that declares an op once:
//! its operands, results, attributes, regions, successors, traits, summary
//! and assembly format. From that one definition come typed accessors
//! (`addi.lhs(&ir)`), the constraint verifier, parsing and printing, and the
//! dialect reference.

use std::ops::Range;

use crate::body::{Ir, OpId};
use crate::dialect::{Arity, OpDefinition, ValueSpec};

/// A Rust type that stands for one registered op.
pub trait OpType: Copy + Sized {
    /// Full op name, `dialect.mnemonic`.
    const NAME: &'static str;
    /// The op's definition, registered with its dialect.
    fn definition() -> OpDefinition;
    /// Wraps a handle without checking its name; prefer [`Ir::dyn_cast`].
    fn from_op_unchecked(op: OpId) -> Self;
    fn op(self) -> OpId;
}

/// An error from [`Ir::build`]: the op's dialect is not registered, or the
/// groups do not match its declaration.
#[derive(Debug, PartialEq, Eq)]
pub struct BuildError(pub String);

impl Ir {
    /// Creates a detached `T` from one slice of values per declared operand
    /// group, its result types and attributes. Segment sizes, default-valued
    /// attributes and the declared regions (empty) are filled in from the
    /// op's definition; the result is checked by the verifier like any op.
    ///
    /// ```ignore
    /// let add = ir.build::<AddIOp>(loc, &[&[a], &[b]], &[i32], &[])?;
    /// ```
    pub fn build<T: OpType>(
        &mut self,
        location: crate::Location,
        operand_groups: &[&[crate::Value]],
        result_types: &[crate::Type],
        attributes: &[(&str, crate::Attribute)],
    ) -> Result<T, BuildError> {
        self.build_with_successors::<T>(location, operand_groups, &[], result_types, attributes)
    }

    /// Like [`Ir::build`], for ops with successors (branches): `successors`
    /// in declaration order, checked against the declared groups.
    ///
    /// ```ignore
    /// let br = ir.build_with_successors::<BranchOp>(loc, &[&[x]], &[dest], &[], &[])?;
    /// ```
    pub fn build_with_successors<T: OpType>(
        &mut self,
        location: crate::Location,
        operand_groups: &[&[crate::Value]],
        successors: &[crate::BlockId],
        result_types: &[crate::Type],
        attributes: &[(&str, crate::Attribute)],
    ) -> Result<T, BuildError> {
        let ctx = self.ctx_arc().clone();
        let name = ctx.op_name(T::NAME);
        let def = ctx.op_definition(name).cloned().ok_or_else(|| BuildError(format!("'{}' is not registered", T::NAME)))?;
        if operand_groups.len() != def.operands.len() {
            return Err(BuildError(format!(
                "'{}' declares {} operand groups, {} were given",
                T::NAME,
                def.operands.len(),
                operand_groups.len()
            )));
        }
        let mut state = crate::OperationState::new(name, location);
        state.successors = successors.to_vec();
        for (spec, group) in def.operands.iter().zip(operand_groups) {
            let fits = match spec.arity {
                Arity::Single => group.len() == 1,
                Arity::Optional => group.len() <= 1,
                Arity::Variadic => true,
            };
            if !fits {
                return Err(BuildError(format!(
                    "operand group '{}' of '{}' cannot hold {} values",
                    spec.name,
                    T::NAME,
                    group.len()
                )));
            }
            state.operands.extend_from_slice(group);
        }
        let single = def.successors.iter().filter(|s| s.arity == Arity::Single).count();
        let variable = def.successors.len() - single;
        if successors.len() < single || (variable == 0 && successors.len() != single) {
            return Err(BuildError(format!(
                "'{}' declares {} successors, {} were given",
                T::NAME,
                def.successors.len(),
                successors.len()
            )));
        }
        state.successors = successors.to_vec();
        state.result_types = result_types.to_vec();
        for (attr_name, value) in attributes {
            state.add_attribute(ctx.symbol(attr_name), *value);
        }
        if def.operands.iter().filter(|s| s.arity != Arity::Single).count() > 1
            && !def.traits.contains(crate::dialect::Traits::SAME_VARIADIC_OPERAND_SIZE)
        {
            let sizes: Vec<i32> = operand_groups.iter().map(|g| g.len() as i32).collect();
            state.add_attribute(ctx.symbol(SegmentKind::Operands.sizes_attr()), crate::Attribute::dense_i32_array(&ctx, &sizes));
        }
        def.add_default_attributes(&ctx, &mut state.attributes);
        for spec in def.regions {
            if spec.arity == Arity::Single {
                let region = self.create_region(None);
                state.regions.push(region);
            }
        }
        Ok(T::from_op_unchecked(self.create_op(state)))
    }

    /// Whether `op` is a `T`.
    pub fn isa<T: OpType>(&self, op: OpId) -> bool {
        self.op_name_str(op) == T::NAME
    }

    /// `op` as a `T`, if it is one.
    pub fn dyn_cast<T: OpType>(&self, op: OpId) -> Option<T> {
        self.isa::<T>(op).then(|| T::from_op_unchecked(op))
    }
}

/// Which list a segment is taken from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SegmentKind {
    Operands,
    Results,
}

impl SegmentKind {
    /// The attribute that holds segment sizes when several groups are variable.
    pub fn sizes_attr(self) -> &'static str {
        match self {
            SegmentKind::Operands => "operandSegmentSizes",
            SegmentKind::Results => "resultSegmentSizes",
        }
    }
}

/// The sizes of each declared group of `specs` for an op with `total`
/// values, or an error saying why they cannot be determined.
pub fn segment_sizes(ir: &Ir, op: OpId, kind: SegmentKind, specs: &[ValueSpec], total: usize) -> Result<Vec<usize>, String> {
    let variable = specs.iter().filter(|s| s.arity != Arity::Single).count();
    if variable <= 1 {
        let fixed = specs.len() - variable;
        if total < fixed || (variable == 0 && total != fixed) {
            let what = if kind == SegmentKind::Operands { "operands" } else { "results" };
            let expected = if variable == 0 { format!("{fixed}") } else { format!("at least {fixed}") };
            return Err(format!("expected {expected} {what}, but found {total}"));
        }
        let rest = total - fixed;
        if rest > 1 && specs.iter().any(|s| s.arity == Arity::Optional) {
            let what = if kind == SegmentKind::Operands { "operands" } else { "results" };
            return Err(format!("expected at most {} {what}, but found {total}", fixed + 1));
        }
        return Ok(specs.iter().map(|s| if s.arity == Arity::Single { 1 } else { rest }).collect());
    }
    if kind == SegmentKind::Operands && ir.has_trait(op, crate::dialect::Traits::SAME_VARIADIC_OPERAND_SIZE) {
        let fixed = specs.len() - variable;
        if total < fixed || !(total - fixed).is_multiple_of(variable) {
            return Err(format!(
                "expected the {variable} variadic operand groups to have the same size, but found {total} operands"
            ));
        }
        let each = (total - fixed) / variable;
        return Ok(specs.iter().map(|s| if s.arity == Arity::Single { 1 } else { each }).collect());
    }
    let attr = kind.sizes_attr();
    let sizes = ir
        .attr(op, attr)
        .and_then(|a| a.as_dense_int_array(ir.ctx()))
        .ok_or_else(|| format!("requires dense i32 array attribute '{attr}'"))?;
    if sizes.len() != specs.len() || sizes.iter().any(|&s| s < 0) {
        return Err(format!("'{attr}' attribute for specifying {} segments must have {} elements", kind_word(kind), specs.len()));
    }
    let sum: i128 = sizes.iter().sum();
    if sum != total as i128 {
        return Err(format!(
            "{} count ({total}) does not match with the total size ({sum}) specified in attribute '{attr}'",
            kind_word(kind)
        ));
    }
    Ok(sizes.into_iter().map(|s| s as usize).collect())
}

fn kind_word(kind: SegmentKind) -> &'static str {
    match kind {
        SegmentKind::Operands => "operand",
        SegmentKind::Results => "result",
    }
}

/// The positions of declared group `group` in the op's operands or results;
/// empty when the op is malformed (the verifier reports that).
pub fn segment(ir: &Ir, op: OpId, kind: SegmentKind, specs: &[ValueSpec], group: usize) -> Range<usize> {
    let total = match kind {
        SegmentKind::Operands => ir.operands(op).len(),
        SegmentKind::Results => ir.results(op).len(),
    };
    match segment_sizes(ir, op, kind, specs, total) {
        Ok(sizes) => {
            let start: usize = sizes[..group].iter().sum();
            start..start + sizes[group]
        }
        Err(_) => 0..0,
    }
}

/// Index of `name` in `specs`, at compile time.
pub const fn spec_index(specs: &[ValueSpec], name: &str) -> usize {
    let mut i = 0;
    while i < specs.len() {
        if str_eq(specs[i].name, name) {
            return i;
        }
        i += 1;
    }
    panic!("no such operand or result group")
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A declared name without the `r#` of a raw identifier (`r#type` is `type`).
pub const fn strip_raw(name: &'static str) -> &'static str {
    let bytes = name.as_bytes();
    if bytes.len() > 2 && bytes[0] == b'r' && bytes[1] == b'#' {
        let (_, rest) = bytes.split_at(2);
        if let Ok(rest) = core::str::from_utf8(rest) {
            return rest;
        }
    }
    name
}

/// The first line of an op's doc comment: its summary.
pub fn first_doc_line(lines: &[&'static str]) -> &'static str {
    lines.iter().map(|l| l.trim()).find(|l| !l.is_empty()).unwrap_or("")
}

/// Declares an op: a `Copy` handle type with typed accessors, and its
/// [`OpDefinition`]. Sections must come in this order; all are optional.
///
/// ```ignore
/// define_op! {
///     /// Integer addition.
///     pub struct AddIOp = "arith.addi" {
///         operands: [lhs: Single(SIGNLESS_INT_LIKE), rhs: Single(SIGNLESS_INT_LIKE)],
///         results: [result: Single(SIGNLESS_INT_LIKE)],
///         traits: [PURE, COMMUTATIVE, SAME_OPERANDS_AND_RESULT_TYPE],
///         format: "$lhs `,` $rhs attr-dict `:` type($result)",
///     }
/// }
/// ```
/// Memory effects name the group they act on (`effects: [Read(memref)]`),
/// or none for memory in general (`effects: [Write]`).
/// Further `OpDefinition` fields (`verify`, `parse`, `print`,
/// `infer_result_types`, `name_results`, `custom_directives`,
/// `implicit_terminator`, `default_dialect`) go in a last section
/// `extra: { field: value, ... },`.
#[macro_export]
macro_rules! define_op {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $ty:ident = $name:literal {
            $(operands: [$($oname:ident : $oarity:ident($oc:expr)),* $(,)?],)?
            $(results: [$($rname:ident : $rarity:ident($rc:expr)),* $(,)?],)?
            $(attributes: [$($aname:ident : $aopt:ident($ac:expr)),* $(,)?],)?
            $(regions: [$($gname:ident : $garity:ident),* $(,)?],)?
            $(successors: [$($sname:ident : $sarity:ident),* $(,)?],)?
            $(traits: [$($trait:ident),* $(,)?],)?
            $(effects: [$($ekind:ident $(($etarget:ident))?),* $(,)?],)?
            $(format: $format:literal,)?
            $(extra: { $($field:ident : $value:expr),* $(,)? },)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        $vis struct $ty(pub $crate::OpId);

        #[allow(non_snake_case, dead_code)]
        impl $ty {
            pub const OPERANDS: &'static [$crate::dialect::ValueSpec] = &[$($(
                $crate::dialect::ValueSpec {
                    name: $crate::op::strip_raw(stringify!($oname)),
                    arity: $crate::dialect::Arity::$oarity,
                    constraint: $oc,
                }
            ),*)?];
            pub const RESULTS: &'static [$crate::dialect::ValueSpec] = &[$($(
                $crate::dialect::ValueSpec {
                    name: $crate::op::strip_raw(stringify!($rname)),
                    arity: $crate::dialect::Arity::$rarity,
                    constraint: $rc,
                }
            ),*)?];
            pub const ATTRIBUTES: &'static [$crate::dialect::AttrSpec] = &[$($(
                $crate::dialect::AttrSpec {
                    name: $crate::op::strip_raw(stringify!($aname)),
                    optional: $crate::__attr_optional!($aopt),
                    constraint: $ac,
                }
            ),*)?];
            pub const REGIONS: &'static [$crate::dialect::PartSpec] = &[$($(
                $crate::dialect::PartSpec { name: $crate::op::strip_raw(stringify!($gname)), arity: $crate::dialect::Arity::$garity }
            ),*)?];
            pub const EFFECTS: Option<&'static [$crate::effects::EffectSpec]> =
                $crate::__optional_effects!($([$($ekind $(($etarget))?),*])?);
            pub const SUCCESSORS: &'static [$crate::dialect::PartSpec] = &[$($(
                $crate::dialect::PartSpec { name: $crate::op::strip_raw(stringify!($sname)), arity: $crate::dialect::Arity::$sarity }
            ),*)?];

            $($(
                pub fn $oname<'a>(self, ir: &'a $crate::Ir) -> $crate::__group_type!('a, $oarity) {
                    const GROUP: usize = $crate::op::spec_index($ty::OPERANDS, $crate::op::strip_raw(stringify!($oname)));
                    let range = $crate::op::segment(ir, self.0, $crate::op::SegmentKind::Operands, Self::OPERANDS, GROUP);
                    $crate::__group_get!($oarity, &ir.operands(self.0)[range])
                }
            )*)?
            $($(
                pub fn $rname<'a>(self, ir: &'a $crate::Ir) -> $crate::__group_type!('a, $rarity) {
                    const GROUP: usize = $crate::op::spec_index($ty::RESULTS, $crate::op::strip_raw(stringify!($rname)));
                    let range = $crate::op::segment(ir, self.0, $crate::op::SegmentKind::Results, Self::RESULTS, GROUP);
                    $crate::__group_get!($rarity, &ir.results(self.0)[range])
                }
            )*)?
            $($(
                pub fn $aname(self, ir: &$crate::Ir) -> Option<$crate::Attribute> {
                    ir.attr(self.0, $crate::op::strip_raw(stringify!($aname)))
                }
            )*)?
        }

        impl $crate::op::OpType for $ty {
            const NAME: &'static str = $name;
            fn definition() -> $crate::dialect::OpDefinition {
                $crate::dialect::OpDefinition {
                    name: $name,
                    summary: $crate::op::first_doc_line(&[$($doc),*]),
                    traits: $crate::dialect::Traits::NONE $($(.union($crate::dialect::Traits::$trait))*)?,
                    operands: Self::OPERANDS,
                    results: Self::RESULTS,
                    attributes: Self::ATTRIBUTES,
                    regions: Self::REGIONS,
                    successors: Self::SUCCESSORS,
                    format: $crate::__optional_format!($($format)?),
                    effects: Self::EFFECTS,
                    $($($field: $value,)*)?
                    ..Default::default()
                }
            }
            fn from_op_unchecked(op: $crate::OpId) -> Self {
                $ty(op)
            }
            fn op(self) -> $crate::OpId {
                self.0
            }
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __group_type {
    ($a:lifetime, Single) => { $crate::Value };
    ($a:lifetime, Optional) => { Option<$crate::Value> };
    ($a:lifetime, Variadic) => { &$a [$crate::Value] };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __group_get {
    (Single, $slice:expr) => {
        $slice.first().copied().expect("verified op has this operand or result")
    };
    (Optional, $slice:expr) => {
        $slice.first().copied()
    };
    (Variadic, $slice:expr) => {
        $slice
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __attr_optional {
    (Required) => {
        false
    };
    (Optional) => {
        true
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __optional_effects {
    () => {
        None
    };
    ([$($kind:ident $(($target:ident))?),*]) => {
        Some(&[$($crate::effects::EffectSpec {
            kind: $crate::effects::EffectKind::$kind,
            on: $crate::__effect_target!($($target)?),
        }),*])
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __effect_target {
    () => {
        None
    };
    ($target:ident) => {
        Some($crate::op::strip_raw(stringify!($target)))
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __optional_format {
    () => {
        None
    };
    ($f:literal) => {
        Some($f)
    };
}
