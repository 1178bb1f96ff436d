//! Dialects and op definitions: the data that tells the core what an op
//! looks like (operands, results, attributes, regions, successors), which
//! traits it has, how it is checked, parsed and printed.
//!
//! Ops are declared once with [`define_op!`](crate::define_op); a dialect is a
//! list of such definitions registered into a [`Context`] at run time, so a
//! crate outside this workspace can add its own.

use std::sync::{Arc, OnceLock};

use crate::attributes::Attribute;
use crate::body::{Ir, OpId};
use crate::context::Context;
use crate::diagnostics::Diagnostic;
use crate::format::AssemblyFormat;
use crate::syntax::{OpParser, OpPrinter};
use crate::types::Type;

/// Op traits, as a bit set.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Traits(u32);

impl Traits {
    pub const NONE: Traits = Traits(0);
    /// Ends a block.
    pub const TERMINATOR: Traits = Traits(1 << 0);
    /// Regions may not use values defined outside the op.
    pub const ISOLATED_FROM_ABOVE: Traits = Traits(1 << 1);
    /// Its region defines a symbol table (`builtin.module`).
    pub const SYMBOL_TABLE: Traits = Traits(1 << 2);
    /// It defines a symbol through its `sym_name` attribute.
    pub const SYMBOL: Traits = Traits(1 << 3);
    /// No side effects: may be removed when unused, moved and deduplicated.
    pub const PURE: Traits = Traits(1 << 4);
    /// All operands and results have one type.
    pub const SAME_OPERANDS_AND_RESULT_TYPE: Traits = Traits(1 << 5);
    /// All operands have one type.
    pub const SAME_TYPE_OPERANDS: Traits = Traits(1 << 6);
    /// Operands may be swapped.
    pub const COMMUTATIVE: Traits = Traits(1 << 7);
    /// Regions are graph regions (no dominance requirement, no terminator needed).
    pub const GRAPH_REGION: Traits = Traits(1 << 8);
    /// Each region has at most one block.
    pub const SINGLE_BLOCK: Traits = Traits(1 << 9);
    /// Its regions may have no terminator (`builtin.module`).
    pub const NO_TERMINATOR: Traits = Traits(1 << 10);
    /// Elementwise on scalars, vectors or tensors.
    pub const ELEMENTWISE: Traits = Traits(1 << 11);
    /// Returns control to the parent op (`func.return`, `scf.yield`).
    pub const RETURN_LIKE: Traits = Traits(1 << 13);
    /// A constant: foldable to its value attribute.
    pub const CONSTANT_LIKE: Traits = Traits(1 << 14);
    /// A terminator that jumps to its one successor, passing all its
    /// operands as the block's arguments (`cf.br`).
    pub const UNCONDITIONAL_BRANCH: Traits = Traits(1 << 15);
    /// A loop: its regions run repeatedly, so code that does not change
    /// between iterations may move out (`scf.for`, `scf.parallel`).
    pub const LOOP_LIKE: Traits = Traits(1 << 16);
    /// Its memory effects are its own plus those of the ops in its regions
    /// (`scf.for`, `linalg.generic`).
    pub const RECURSIVE_MEMORY_EFFECTS: Traits = Traits(1 << 17);

    pub const fn union(self, other: Traits) -> Traits {
        Traits(self.0 | other.0)
    }
    pub const fn contains(self, other: Traits) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for Traits {
    type Output = Traits;
    fn bitor(self, rhs: Traits) -> Traits {
        self.union(rhs)
    }
}

/// A predicate on types, with the words used in diagnostics. A constraint
/// that admits exactly one type (`i1`, `index`) is buildable: custom syntax
/// may leave that type out.
#[derive(Clone, Copy)]
pub struct TypeConstraint {
    pub description: &'static str,
    pub check: fn(&Context, Type) -> bool,
    pub buildable: Option<fn(&Context) -> Type>,
}

/// A predicate on attributes, with the words used in diagnostics, and
/// optionally how the attribute is spelled in custom syntax (a keyword for
/// an enum, `@name` for a symbol name, a bare integer for `I64Attr`).
#[derive(Clone, Copy)]
pub struct AttrConstraint {
    pub description: &'static str,
    pub check: fn(&Context, Attribute) -> bool,
    pub parse: Option<AttrParseFn>,
    pub print: Option<AttrPrintFn>,
    /// The value an absent attribute stands for; such attributes are always
    /// materialised (as upstream does for default-valued properties) and
    /// left out of custom syntax when they hold the default.
    pub default: Option<fn(&Context) -> Attribute>,
}

pub type AttrParseFn = fn(&mut OpParser<'_, '_>) -> Result<Attribute, Diagnostic>;
pub type AttrPrintFn = fn(&mut OpPrinter<'_>, Attribute);

/// How many values a declared operand or result group holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Arity {
    Single,
    Optional,
    Variadic,
}

/// A named operand or result group.
#[derive(Clone, Copy)]
pub struct ValueSpec {
    pub name: &'static str,
    pub arity: Arity,
    pub constraint: TypeConstraint,
}

/// A named inherent attribute.
#[derive(Clone, Copy)]
pub struct AttrSpec {
    pub name: &'static str,
    pub optional: bool,
    pub constraint: AttrConstraint,
}

/// A named region or successor (`Variadic` arity allowed for both).
#[derive(Clone, Copy)]
pub struct PartSpec {
    pub name: &'static str,
    pub arity: Arity,
}

pub type VerifyFn = fn(&Ir, OpId) -> Result<(), Diagnostic>;
pub type ParseFn = fn(&mut OpParser<'_, '_>) -> Result<(), Diagnostic>;
pub type PrintFn = fn(&mut OpPrinter<'_>, OpId);
/// Results computed from constant operands (`None` where unknown).
pub type FoldFn = fn(&Ir, OpId, &[Option<Attribute>]) -> Option<Vec<crate::rewrite::FoldResult>>;
/// Adds an op's canonicalization patterns.
pub type CanonicalizeFn = fn(&mut Vec<Box<dyn crate::rewrite::RewritePattern>>);
/// Creates a detached constant op holding `value` of type `ty`.
pub type MaterializeConstantFn = fn(&mut Ir, Attribute, Type, crate::Location) -> Option<OpId>;
/// Result types that follow from operands and attributes (e.g. `i1` for comparisons).
pub type InferTypesFn = fn(&Context, &[Type], &[crate::attributes::NamedAttribute]) -> Option<Vec<Type>>;
/// Suggested SSA names for an op's results (`%c0`, `%cst`).
pub type NameResultsFn = fn(&Ir, OpId) -> Vec<Option<String>>;
/// Suggested names for the entry block arguments of the op's region
/// number `region` (`%in`, `%out` in `linalg.generic`).
pub type NameRegionArgumentsFn = fn(&Ir, OpId, usize) -> Vec<Option<String>>;

/// Parse and print hooks of a `custom<Name>(...)` directive in an assembly format.
#[derive(Clone, Copy)]
pub struct CustomDirective {
    pub name: &'static str,
    pub parse: fn(&mut OpParser<'_, '_>, &[crate::format::DirectiveArg]) -> Result<(), Diagnostic>,
    pub print: fn(&mut OpPrinter<'_>, OpId, &[crate::format::DirectiveArg]),
}

/// Everything the core knows about one op.
pub struct OpDefinition {
    /// Full name, `dialect.mnemonic`.
    pub name: &'static str,
    /// One line: what the op does.
    pub summary: &'static str,
    pub traits: Traits,
    pub operands: &'static [ValueSpec],
    pub results: &'static [ValueSpec],
    pub attributes: &'static [AttrSpec],
    pub regions: &'static [PartSpec],
    pub successors: &'static [PartSpec],
    /// Declarative assembly format, MLIR style; `None` means generic form
    /// unless `parse`/`print` hooks are given.
    pub format: Option<&'static str>,
    pub custom_directives: &'static [CustomDirective],
    /// Attributes that the custom form writes out in full rather than
    /// through an alias (`memref.transpose` prints its permutation as a bare
    /// affine map), so that they get no `#map` alias there.
    pub unaliased_attributes: &'static [&'static str],
    pub parse: Option<ParseFn>,
    pub print: Option<PrintFn>,
    /// Checks beyond the declared constraints.
    pub verify: Option<VerifyFn>,
    /// Declared memory effects (`None`: unknown, unless `Pure`); see [`crate::effects`].
    pub effects: Option<&'static [crate::effects::EffectSpec]>,
    /// Computes the effects where they depend on the op's types.
    pub effects_of: Option<crate::effects::EffectsFn>,
    pub infer_result_types: Option<InferTypesFn>,
    pub name_results: Option<NameResultsFn>,
    pub name_region_arguments: Option<NameRegionArgumentsFn>,
    /// Folds the op when some operands are constants.
    pub fold: Option<FoldFn>,
    /// The op's canonicalization patterns.
    pub canonicalize: Option<CanonicalizeFn>,
    /// Terminator added to single-block regions whose text leaves it out
    /// (`scf.yield` for `scf.if` without results).
    pub implicit_terminator: Option<&'static str>,
    /// Dialect whose prefix may be left out for ops directly inside this
    /// op's regions (`func` for `func.func`: `return` means `func.return`).
    pub default_dialect: Option<&'static str>,
    /// The compiled `format` (filled on first use; public only so that
    /// `define_op!` can default it from other crates).
    #[doc(hidden)]
    pub compiled_format: OnceLock<Result<AssemblyFormat, String>>,
}

impl OpDefinition {
    /// The dialect prefix of the op name.
    pub fn dialect_name(&self) -> &'static str {
        self.name.split_once('.').map_or(self.name, |(d, _)| d)
    }

    /// The compiled assembly format, if the op declares one. An invalid
    /// format string is a bug in the dialect: it is reported by
    /// [`Dialect::check_formats`] (run by the test suite) and makes the op
    /// print generically.
    pub fn assembly_format(&self) -> Option<&AssemblyFormat> {
        let text = self.format?;
        self.compiled_format.get_or_init(|| AssemblyFormat::compile(text, self)).as_ref().ok()
    }

    /// Adds the default value of every default-valued attribute that
    /// `attributes` lacks.
    pub fn add_default_attributes(&self, ctx: &Context, attributes: &mut Vec<crate::attributes::NamedAttribute>) {
        for spec in self.attributes {
            if let Some(default) = spec.constraint.default {
                let name = ctx.symbol(spec.name);
                if !attributes.iter().any(|a| a.name == name) {
                    attributes.push(crate::attributes::NamedAttribute { name, value: default(ctx) });
                }
            }
        }
    }

    pub fn has_custom_syntax(&self) -> bool {
        self.parse.is_some() || self.assembly_format().is_some()
    }
}

/// A default for the fields most definitions leave empty; used by `define_op!`.
impl Default for OpDefinition {
    fn default() -> Self {
        OpDefinition {
            name: "",
            summary: "",
            traits: Traits::NONE,
            operands: &[],
            results: &[],
            attributes: &[],
            regions: &[],
            successors: &[],
            format: None,
            custom_directives: &[],
            unaliased_attributes: &[],
            parse: None,
            print: None,
            verify: None,
            effects: None,
            effects_of: None,
            infer_result_types: None,
            name_results: None,
            name_region_arguments: None,
            fold: None,
            canonicalize: None,
            implicit_terminator: None,
            default_dialect: None,
            compiled_format: OnceLock::new(),
        }
    }
}

/// A named collection of ops, registered into a context as a unit.
pub struct Dialect {
    pub name: &'static str,
    pub summary: &'static str,
    pub ops: Vec<Arc<OpDefinition>>,
    /// Old spellings accepted on input: `("addi", "arith.addi")`.
    pub aliases: &'static [(&'static str, &'static str)],
    /// Makes constant ops for folded values of this dialect's ops.
    pub materialize_constant: Option<MaterializeConstantFn>,
    /// The interfaces its ops implement.
    pub interfaces: Vec<crate::interface::InterfaceImpl>,
}

impl Dialect {
    pub fn new(name: &'static str, summary: &'static str) -> Self {
        Dialect { name, summary, ops: Vec::new(), aliases: &[], materialize_constant: None, interfaces: Vec::new() }
    }

    /// Adds the op declared by the typed op struct `T`.
    pub fn with_op<T: crate::op::OpType>(mut self) -> Self {
        self.ops.push(Arc::new(T::definition()));
        self
    }

    /// Makes the op named `op` implement the interface `I`.
    pub fn with_interface<I: ?Sized + Sync + 'static>(mut self, op: &'static str, implementation: &'static I) -> Self {
        self.interfaces.push(crate::interface::InterfaceImpl::new(op, implementation));
        self
    }

    pub fn with_constant_materializer(mut self, materialize: MaterializeConstantFn) -> Self {
        self.materialize_constant = Some(materialize);
        self
    }

    pub fn with_aliases(mut self, aliases: &'static [(&'static str, &'static str)]) -> Self {
        self.aliases = aliases;
        self
    }

    /// Compiles every op's assembly format; the errors name the op.
    pub fn check_formats(&self) -> Vec<String> {
        self.ops
            .iter()
            .filter_map(|def| {
                let text = def.format?;
                AssemblyFormat::compile(text, def).err().map(|e| format!("{}: {e}", def.name))
            })
            .collect()
    }
}
