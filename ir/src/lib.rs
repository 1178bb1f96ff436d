//! The core of the framework: everything a dialect, pass or tool builds on.
//!
//! - [`Context`]: uniqued types, attributes and op names; registered dialects.
//! - [`Ir`]: the arena of operations, blocks, regions and values of a module.
//! - [`dialect`] and [`define_op!`]: how ops are declared and registered.
//! - [`syntax`]: MLIR text in (pest) and out.
//! - [`verifier`]: structural and op-specific checks.
//! - [`diagnostics`]: located errors and how tools show them.

pub mod affine;
pub mod analysis;
pub mod attributes;
pub mod body;
pub mod constraints;
pub mod context;
pub mod diagnostics;
pub mod dialect;
pub mod effects;
pub mod enum_attr;
pub mod float;
pub mod format;
pub mod function_like;
pub mod interface;
pub mod location;
pub mod mixed_list;
pub mod op;
pub mod pass;
pub mod reference;
pub mod rewrite;
pub mod shape;
pub mod split_input;
pub mod switch_cases;
pub mod symbol_table;
pub mod syntax;
pub mod types;
pub mod verifier;

pub use attributes::{AttrData, Attribute, NamedAttribute};
pub use body::{BlockId, Ir, IrMapping, OpId, OperationState, RegionId, Value};
pub use context::{Context, FileId, OpName, Symbol};
pub use diagnostics::{Diagnostic, Severity};
pub use dialect::{Dialect, OpDefinition, Traits};
pub use enum_attr::EnumAttr;
pub use location::{Location, SourceFile};
pub use op::OpType;
pub use types::{Type, TypeData};
