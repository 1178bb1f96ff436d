//! Showing diagnostics the way mlir-opt does: a first line
//! `file:line:col: error: message`, then the source line with the span
//! underlined (drawn by codespan-reporting), then each note the same way.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Color, ColorSpec, NoColor, WriteColor};
use codespan_reporting::term::{self, Chars, Config};

use crate::attributes::AttrData;
use crate::context::{Context, FileId};
use crate::location::{Location, LocationData};

use super::{Diagnostic, Severity};

/// Writes `diag` and its notes to `out` (coloured if `out` supports it).
pub fn render(ctx: &Context, diag: &Diagnostic, out: &mut dyn WriteColor) -> std::io::Result<()> {
    render_one(ctx, diag, out)?;
    for note in &diag.notes {
        render(ctx, note, out)?;
    }
    Ok(())
}

/// The uncoloured text of `diag` and its notes.
pub fn render_to_string(ctx: &Context, diag: &Diagnostic) -> String {
    let mut out = NoColor::new(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = render(ctx, diag, &mut out);
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}

fn severity_color(severity: Severity) -> Color {
    match severity {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Remark => Color::Blue,
        Severity::Note => Color::Cyan,
    }
}

fn render_one(ctx: &Context, diag: &Diagnostic, out: &mut dyn WriteColor) -> std::io::Result<()> {
    match diag.location.file_line_col(ctx) {
        Some((file, line, col)) => write!(out, "{file}:{line}:{col}: ")?,
        None => write!(out, "<unknown>:0: ")?,
    }
    out.set_color(ColorSpec::new().set_fg(Some(severity_color(diag.severity))).set_bold(true))?;
    write!(out, "{}:", diag.severity.word())?;
    out.reset()?;
    writeln!(out, " {}", diag.message)?;
    if let Some((file, start, end)) = source_span(ctx, diag.location) {
        snippet(ctx, file, start, end, diag.severity, out)?;
    }
    Ok(())
}

/// The loaded file and byte span a location points into, if any.
fn source_span(ctx: &Context, location: Location) -> Option<(FileId, usize, usize)> {
    match location {
        Location::Unknown => None,
        Location::Source { file, start, end } => Some((file, start as usize, end as usize)),
        Location::Attr(attr) => match attr.data(ctx) {
            AttrData::Location(LocationData::FileLineCol { file, line, col }) => {
                let id = ctx.find_source_file(ctx.str(*file))?;
                let source = ctx.source_file(id);
                let first = source.first_line;
                let line_start = source.line_start(line.checked_sub(first + 1)? as usize)? as usize;
                let start = line_start + col.saturating_sub(1) as usize;
                Some((id, start, start))
            }
            _ => None,
        },
    }
}

/// Longest source line shown whole; longer ones are cut to a window around the span.
const MAX_SHOWN_LINE: usize = 160;

/// The source line under the header with the span underlined. Only the line
/// of the span is handed to codespan, behind as many empty lines as precede
/// it in the original file, so the gutter shows the original line number;
/// a very long line is cut to a window around the span.
fn snippet(
    ctx: &Context,
    file: FileId,
    start: usize,
    end: usize,
    severity: Severity,
    out: &mut dyn WriteColor,
) -> std::io::Result<()> {
    let source = ctx.source_file(file);
    let text: &str = &source.text;
    let boundary = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = boundary(start);
    let end = boundary(end.max(start));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let (mut shown_start, mut shown_end) = (line_start, line_end);
    let (mut prefix, mut suffix) = ("", "");
    if line_end - line_start > MAX_SHOWN_LINE {
        shown_start = boundary(start.saturating_sub(MAX_SHOWN_LINE / 2).max(line_start));
        shown_end = boundary((start + MAX_SHOWN_LINE / 2).min(line_end));
        if shown_start > line_start {
            prefix = "...";
        }
        if shown_end < line_end {
            suffix = "...";
        }
    }
    let lines_before = source.first_line as usize + text[..line_start].matches('\n').count();
    let shown = format!("{}{prefix}{}{suffix}", "\n".repeat(lines_before), &text[shown_start..shown_end]);
    let offset = lines_before + prefix.len();
    let span = (start - shown_start + offset)..(end.min(shown_end) - shown_start + offset);
    let files = SimpleFile::new(source.name.as_str(), shown.as_str());
    let severity = match severity {
        Severity::Error => codespan_reporting::diagnostic::Severity::Error,
        Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
        Severity::Remark => codespan_reporting::diagnostic::Severity::Help,
        Severity::Note => codespan_reporting::diagnostic::Severity::Note,
    };
    let report = Report::new(severity).with_labels(vec![Label::primary((), span)]);
    let config = Config { chars: Chars::ascii(), ..Config::default() };
    // codespan's own header repeats ours: keep only the snippet lines.
    let mut buffer = codespan_reporting::term::termcolor::Buffer::ansi();
    if !out.supports_color() {
        buffer = codespan_reporting::term::termcolor::Buffer::no_color();
    }
    term::emit(&mut buffer, &config, &files, &report).map_err(std::io::Error::other)?;
    let rendered = String::from_utf8_lossy(buffer.as_slice()).into_owned();
    for line in rendered.lines().skip(2) {
        // Gutter-only lines carry nothing; colour codes aside, they are a bare `|`.
        let visible: String = strip_ansi(line);
        if visible.trim().is_empty() || visible.trim() == "|" {
            continue;
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `line` without ANSI colour sequences.
fn strip_ansi(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::SourceFile;

    fn ctx_with(text: &str, first_line: u32) -> (Context, FileId) {
        let ctx = Context::new();
        let id = ctx.add_source_file(SourceFile::new("t.mlir", text.into(), first_line));
        (ctx, id)
    }

    #[test]
    fn header_then_snippet_with_caret() {
        let (ctx, file) = ctx_with("func.func @f() {\n  %x = bad\n}\n", 0);
        let diag = Diagnostic::error(Location::Source { file, start: 24, end: 27 }, "expected type");
        let text = render_to_string(&ctx, &diag);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "t.mlir:2:8: error: expected type");
        assert!(lines.iter().any(|l| l.contains("2 |   %x = bad")), "{text}");
        assert!(lines.iter().any(|l| l.contains("^^^")), "{text}");
    }

    #[test]
    fn notes_follow_and_split_chunks_keep_line_numbers() {
        let (ctx, file) = ctx_with("a\nbb\n", 10);
        let diag = Diagnostic::error(Location::Source { file, start: 2, end: 4 }, "bad")
            .with_note(Location::Source { file, start: 0, end: 1 }, "see here");
        let text = render_to_string(&ctx, &diag);
        assert!(text.starts_with("t.mlir:12:1: error: bad\n"), "{text}");
        assert!(text.contains("12 | bb"), "{text}");
        assert!(text.contains("t.mlir:11:1: note: see here\n"), "{text}");
    }

    #[test]
    fn unknown_locations_and_spans_past_the_end() {
        let (ctx, file) = ctx_with("ab", 0);
        assert_eq!(render_to_string(&ctx, &Diagnostic::error(Location::Unknown, "lost")), "<unknown>:0: error: lost\n");
        let text = render_to_string(&ctx, &Diagnostic::error(Location::Source { file, start: 2, end: 9 }, "eof"));
        assert!(text.starts_with("t.mlir:1:3: error: eof"), "{text}");
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let line = format!("{}HERE{}", "a".repeat(5000), "b".repeat(5000));
        let (ctx, file) = ctx_with(&line, 0);
        let text = render_to_string(&ctx, &Diagnostic::error(Location::Source { file, start: 5000, end: 5004 }, "deep"));
        assert!(text.starts_with("t.mlir:1:5001: error: deep\n"), "{text}");
        assert!(text.lines().all(|l| l.len() < 200), "{text}");
        assert!(text.contains("...aaaa") && text.contains("HERE") && text.contains("bbb..."), "{text}");
        assert!(text.contains("^^^^"), "{text}");
    }

    #[test]
    fn columns_count_characters() {
        let (ctx, file) = ctx_with("\"é\" x", 0);
        let text = render_to_string(&ctx, &Diagnostic::error(Location::Source { file, start: 5, end: 6 }, "here"));
        assert!(text.starts_with("t.mlir:1:5: error: here"), "{text}");
    }
}
