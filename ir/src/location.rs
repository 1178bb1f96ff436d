//! Source locations: where an op came from, for diagnostics and
//! `--mlir-print-debuginfo`.
//!
//! A parsed op points at its span in a loaded [`SourceFile`]; locations
//! written in the text as `loc(...)` are location attributes.

use crate::attributes::Attribute;
use crate::context::{Context, FileId, Symbol};

/// Where an op or value came from.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Location {
    #[default]
    Unknown,
    /// A byte span in a loaded source file.
    Source { file: FileId, start: u32, end: u32 },
    /// A `loc(...)` attribute (file:line:col, name, fused or call site).
    Attr(Attribute),
}

/// The location forms MLIR writes as `loc(...)`.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum LocationData {
    Unknown,
    FileLineCol { file: Symbol, line: u32, col: u32 },
    Name { name: Symbol, child: Option<Attribute> },
    Fused { locations: Vec<Attribute>, metadata: Option<Attribute> },
    CallSite { callee: Attribute, caller: Attribute },
}

/// A file (or a chunk of one, with `--split-input-file`) that locations point into.
pub struct SourceFile {
    pub name: String,
    pub text: std::sync::Arc<str>,
    /// Byte offsets where each line starts.
    line_starts: Vec<u32>,
    /// Lines before this chunk in the original file (0 unless split).
    pub first_line: u32,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: std::sync::Arc<str>, first_line: u32) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i as u32 + 1));
        SourceFile { name: name.into(), text, line_starts, first_line }
    }

    /// 1-based line and column of a byte offset, counting columns in characters.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line] as usize;
        let end = (offset as usize).min(self.text.len());
        let col = self.text.get(start..end).map_or(end - start, |s| s.chars().count());
        (line as u32 + 1 + self.first_line, col as u32 + 1)
    }

    /// Byte offset where 0-based line `line` of this chunk starts.
    pub fn line_start(&self, line: usize) -> Option<u32> {
        self.line_starts.get(line).copied()
    }
}

impl Location {
    /// `(file name, line, column)` of this location, when it has one.
    pub fn file_line_col(self, ctx: &Context) -> Option<(String, u32, u32)> {
        match self {
            Location::Unknown => None,
            Location::Source { file, start, .. } => {
                let f = ctx.source_file(file);
                let (line, col) = f.line_col(start);
                Some((f.name.clone(), line, col))
            }
            Location::Attr(attr) => match attr.data(ctx) {
                crate::attributes::AttrData::Location(data) => data.file_line_col(ctx),
                _ => None,
            },
        }
    }
}

impl LocationData {
    fn file_line_col(&self, ctx: &Context) -> Option<(String, u32, u32)> {
        let inner = |a: Attribute| Location::Attr(a).file_line_col(ctx);
        match self {
            LocationData::Unknown => None,
            LocationData::FileLineCol { file, line, col } => Some((ctx.str(*file).to_string(), *line, *col)),
            LocationData::Name { child, .. } => child.and_then(inner),
            LocationData::Fused { locations, .. } => locations.iter().find_map(|&l| inner(l)),
            LocationData::CallSite { callee, .. } => inner(*callee),
        }
    }
}
