//! Declarative assembly formats, as in MLIR's ODS:
//! `$lhs `,` $rhs attr-dict `:` type($result)`.
//!
//! A format string is compiled once per op into [`AssemblyFormat`], a list
//! of elements that drives both parsing ([`parse`]) and printing ([`print`]),
//! so the two can never disagree.

mod compile;
mod parse;
mod print;

use crate::dialect::CustomDirective;

/// What a `type(...)` directive or functional-type side refers to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TypeTarget {
    Operand(usize),
    Result(usize),
    AllOperands,
    AllResults,
}

/// An argument passed to a `custom<Name>(...)` directive.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DirectiveArg {
    Operand(usize),
    Result(usize),
    Attribute(usize),
    Region(usize),
    Successor(usize),
    Type(TypeTarget),
    AttrDict,
}

#[derive(Clone, Debug)]
pub(crate) enum Element {
    /// A keyword or punctuation: `` `to` ``, `` `,` ``.
    Literal(String),
    /// `` ` ` `` or ``` `` ```: spacing control, printing only.
    Whitespace(String),
    Operand(usize),
    /// `operands`: every operand, comma-separated.
    AllOperands,
    Attribute(usize),
    /// A unit attribute inside an optional group that starts with a
    /// literal: the group's presence is the attribute, nothing is written.
    UnitAttribute(usize),
    Region(usize),
    AllRegions,
    Successor(usize),
    AllSuccessors,
    Type(TypeTarget),
    FunctionalType(TypeTarget, TypeTarget),
    AttrDict {
        with_keyword: bool,
    },
    Optional(OptionalGroup),
    Custom(CustomCall),
}

#[derive(Clone, Debug)]
pub(crate) struct OptionalGroup {
    pub then: Vec<Element>,
    pub otherwise: Vec<Element>,
    /// The element whose presence decides which branch is printed.
    pub anchor: Anchor,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Anchor {
    Operand(usize),
    Attribute(usize),
    Region(usize),
    Successor(usize),
    Type(TypeTarget),
    Custom,
}

#[derive(Clone)]
pub(crate) struct CustomCall {
    pub directive: CustomDirective,
    pub args: Vec<DirectiveArg>,
}

impl std::fmt::Debug for CustomCall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "custom<{}>({:?})", self.directive.name, self.args)
    }
}

/// A compiled assembly format.
#[derive(Clone, Debug)]
pub struct AssemblyFormat {
    pub(crate) elements: Vec<Element>,
    /// Attribute names the format prints itself, elided from `attr-dict`.
    pub(crate) printed_attributes: Vec<&'static str>,
}
