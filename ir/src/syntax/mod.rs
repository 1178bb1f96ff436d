//! MLIR text in and out: the pest grammar and parse driver, the cursor that
//! custom op syntax reads through, and the printer.

mod build;
mod cursor;
mod fast_path;
mod parser;
mod print_attr;
mod printer;

pub use build::integer_of_type;
pub use cursor::{Argument, OpParser, UnresolvedOperand};
pub use parser::{parse_source, ParseResult, MAX_NESTING};
pub use print_attr::{is_bare_identifier, AttrWriter};
pub use printer::{print_op, OpPrinter, PrintOptions};
