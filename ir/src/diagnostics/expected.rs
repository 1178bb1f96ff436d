//! `--verify-diagnostics`: the `// expected-error@+1 {{message}}` comments
//! of a source file, and the check of emitted diagnostics against them, in
//! mlir-opt's syntax and wording.
//!
//! A comment is `expected-(error|warning|remark|note)(-re)?`, an optional
//! designator `@+N`, `@-N`, `@above`, `@below` or `@unknown`, and the message
//! in `{{...}}`: a substring of the emitted message, or with `-re`, a
//! pattern whose `{{...}}` parts are regular expressions.

use regex::Regex;

use crate::context::{Context, FileId};
use crate::location::Location;

use super::{Diagnostic, Severity};

/// Where an expected diagnostic must appear.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Target {
    Line(u32),
    Unknown,
}

struct Expected {
    severity: Severity,
    target: Target,
    matcher: Matcher,
    text: String,
    /// The comment itself, for "was not produced".
    location: Location,
}

enum Matcher {
    Substring(String),
    Pattern(Regex),
}

impl Matcher {
    fn matches(&self, message: &str) -> bool {
        match self {
            Matcher::Substring(s) => message.contains(s.as_str()),
            Matcher::Pattern(r) => r.is_match(message),
        }
    }
}

/// The expectations of one source file (or split chunk).
pub struct ExpectedDiagnostics {
    file: FileId,
    entries: Vec<Expected>,
}

const SEVERITIES: [(&str, Severity); 4] =
    [("error", Severity::Error), ("warning", Severity::Warning), ("remark", Severity::Remark), ("note", Severity::Note)];

impl ExpectedDiagnostics {
    /// Reads the `expected-*` comments of `file`; malformed ones are errors
    /// at their location.
    pub fn parse(ctx: &Context, file: FileId) -> Result<Self, Vec<Diagnostic>> {
        let source = ctx.source_file(file);
        let text = source.text.clone();
        let mut entries: Vec<Expected> = Vec::new();
        let mut errors = Vec::new();
        // Expectations written `@below` wait for the next line without one.
        let mut pending_below: Vec<usize> = Vec::new();
        let mut last_plain_line = None;
        let mut offset = 0usize;
        for (index, line) in text.split_inclusive('\n').enumerate() {
            let line_no = source.first_line + index as u32 + 1;
            let line_start = offset;
            offset += line.len();
            let Some(at) = line.find("expected-") else {
                for i in pending_below.drain(..) {
                    entries[i].target = Target::Line(line_no);
                }
                last_plain_line = Some(line_no);
                continue;
            };
            let start = line_start + at;
            let location = Location::Source { file, start: start as u32, end: (line_start + line.trim_end().len()) as u32 };
            match parse_comment(&line[at + "expected-".len()..]) {
                Ok(None) => {
                    last_plain_line = Some(line_no);
                }
                Ok(Some((severity, designator, is_regex, message))) => {
                    let target = match designator {
                        Designator::Here => Target::Line(line_no),
                        Designator::Offset(n) => match line_no.checked_add_signed(n) {
                            Some(l) if l > 0 => Target::Line(l),
                            _ => {
                                errors.push(Diagnostic::error(location, "expected diagnostic line is out of the file"));
                                continue;
                            }
                        },
                        Designator::Above => match last_plain_line {
                            Some(l) => Target::Line(l),
                            None => {
                                errors.push(Diagnostic::error(location, "no line above this expected diagnostic"));
                                continue;
                            }
                        },
                        Designator::Below => {
                            pending_below.push(entries.len());
                            Target::Line(0)
                        }
                        Designator::Unknown => Target::Unknown,
                    };
                    let matcher = if is_regex {
                        match Regex::new(&regex_of(&message)) {
                            Ok(r) => Matcher::Pattern(r),
                            Err(e) => {
                                errors.push(Diagnostic::error(location, format!("invalid regex in expected diagnostic: {e}")));
                                continue;
                            }
                        }
                    } else {
                        Matcher::Substring(message.clone())
                    };
                    entries.push(Expected { severity, target, matcher, text: message, location });
                }
                Err(message) => errors.push(Diagnostic::error(location, message)),
            }
        }
        for i in pending_below {
            errors.push(Diagnostic::error(entries[i].location, "no line below this expected diagnostic"));
        }
        if errors.is_empty() {
            Ok(ExpectedDiagnostics { file, entries })
        } else {
            Err(errors)
        }
    }

    /// Compares emitted diagnostics (notes included) with the expectations;
    /// returns the failures, empty when everything matched.
    pub fn check(&self, ctx: &Context, emitted: &[Diagnostic]) -> Vec<Diagnostic> {
        let mut used = vec![false; self.entries.len()];
        let mut failures = Vec::new();
        let mut flat = Vec::new();
        for d in emitted {
            flat.push(d);
            flat.extend(d.notes.iter());
        }
        for d in flat {
            let target = self.target_of(ctx, d.location);
            let found = self.entries.iter().enumerate().position(|(i, e)| {
                !used[i] && e.severity == d.severity && Some(e.target) == target && e.matcher.matches(&d.message)
            });
            match found {
                Some(i) => used[i] = true,
                None => failures.push(Diagnostic::error(d.location, format!("unexpected {}: {}", d.severity.word(), d.message))),
            }
        }
        for (e, used) in self.entries.iter().zip(used) {
            if !used {
                failures.push(Diagnostic::error(
                    e.location,
                    format!("expected {} \"{}\" was not produced", e.severity.word(), e.text),
                ));
            }
        }
        failures
    }

    /// The line a diagnostic is at, in this file's numbering.
    fn target_of(&self, ctx: &Context, location: Location) -> Option<Target> {
        match location {
            Location::Unknown => Some(Target::Unknown),
            Location::Source { file, .. } if file != self.file => None,
            _ => match location.file_line_col(ctx) {
                Some((name, line, _)) if name == ctx.source_file(self.file).name => Some(Target::Line(line)),
                Some(_) => None,
                None => Some(Target::Unknown),
            },
        }
    }
}

enum Designator {
    Here,
    Offset(i32),
    Above,
    Below,
    Unknown,
}

/// Parses what follows `expected-`; `Ok(None)` when it is not a severity
/// word (just text that happens to contain "expected-").
fn parse_comment(rest: &str) -> Result<Option<(Severity, Designator, bool, String)>, String> {
    let Some((word, severity)) = SEVERITIES.iter().find(|(w, _)| rest.starts_with(w)) else {
        return Ok(None);
    };
    let mut rest = &rest[word.len()..];
    let is_regex = rest.starts_with("-re");
    if is_regex {
        rest = &rest[3..];
    }
    let mut designator = Designator::Here;
    if let Some(d) = rest.strip_prefix('@') {
        let end = d.find(|c: char| c.is_whitespace() || c == '{').unwrap_or(d.len());
        let word = &d[..end];
        designator = match word {
            "above" => Designator::Above,
            "below" => Designator::Below,
            "unknown" => Designator::Unknown,
            _ => {
                let n: i32 = word.parse().map_err(|_| format!("invalid designator '@{word}' in expected diagnostic"))?;
                if !word.starts_with(['+', '-']) {
                    return Err(format!("invalid designator '@{word}' in expected diagnostic"));
                }
                Designator::Offset(n)
            }
        };
        rest = &d[end..];
    }
    let rest = rest.trim_start();
    let (Some(open), Some(close)) = (rest.find("{{"), rest.rfind("}}")) else {
        return Err("expected '{{' and '}}' around the expected diagnostic message".into());
    };
    if open != 0 || close < open + 2 {
        return Err("expected '{{' and '}}' around the expected diagnostic message".into());
    }
    Ok(Some((*severity, designator, is_regex, rest[2..close].to_string())))
}

/// A `-re` message as a regex: literal text, except `{{...}}` parts.
fn regex_of(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(open) = rest.find("{{") {
        out.push_str(&regex::escape(&rest[..open]));
        let after = &rest[open + 2..];
        match after.find("}}") {
            Some(close) => {
                out.push('(');
                out.push_str(&after[..close]);
                out.push(')');
                rest = &after[close + 2..];
            }
            None => {
                out.push_str(&regex::escape(&rest[open..]));
                rest = "";
            }
        }
    }
    out.push_str(&regex::escape(rest));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::SourceFile;

    fn setup(text: &str) -> (Context, FileId) {
        let ctx = Context::new();
        let id = ctx.add_source_file(SourceFile::new("t.mlir", text.into(), 0));
        (ctx, id)
    }

    fn at_line(ctx: &Context, file: FileId, line: usize) -> Location {
        let start = ctx.source_file(file).line_start(line - 1).expect("line exists");
        Location::Source { file, start, end: start + 1 }
    }

    #[test]
    fn designators_resolve_to_lines() {
        let text = "// expected-error@+1 {{one}}\nA\n// expected-error@-1 {{two}}\nB\n// expected-error@above {{three}}\n// expected-note@below {{four}}\n// expected-warning@below {{five}}\nC\nD // expected-remark {{six}}\n// expected-error@unknown {{seven}}\n";
        let (ctx, file) = setup(text);
        let expected = ExpectedDiagnostics::parse(&ctx, file).unwrap_or_else(|_| panic!("well formed"));
        let emitted = vec![
            Diagnostic::error(at_line(&ctx, file, 2), "one"),
            Diagnostic::error(at_line(&ctx, file, 2), "xx two xx"),
            Diagnostic::error(at_line(&ctx, file, 4), "three"),
            Diagnostic::new(Severity::Note, at_line(&ctx, file, 8), "four"),
            Diagnostic::warning(at_line(&ctx, file, 8), "five"),
            Diagnostic::remark(at_line(&ctx, file, 9), "six"),
            Diagnostic::error(Location::Unknown, "seven"),
        ];
        let failures = expected.check(&ctx, &emitted);
        assert!(failures.is_empty(), "{:?}", failures.iter().map(|f| &f.message).collect::<Vec<_>>());
    }

    #[test]
    fn missing_and_unexpected_are_reported_once_each() {
        let (ctx, file) = setup("// expected-error@+1 {{wanted}}\nX\n");
        let expected = ExpectedDiagnostics::parse(&ctx, file).unwrap_or_else(|_| panic!("well formed"));
        let emitted = vec![Diagnostic::error(at_line(&ctx, file, 2), "other").with_note(at_line(&ctx, file, 1), "context")];
        let messages: Vec<String> = expected.check(&ctx, &emitted).into_iter().map(|d| d.message).collect();
        assert_eq!(
            messages,
            vec!["unexpected error: other", "unexpected note: context", "expected error \"wanted\" was not produced"]
        );
    }

    #[test]
    fn each_expectation_is_used_once() {
        let (ctx, file) = setup("X // expected-error {{dup}}\n");
        let expected = ExpectedDiagnostics::parse(&ctx, file).unwrap_or_else(|_| panic!("well formed"));
        let loc = at_line(&ctx, file, 1);
        let failures = expected.check(&ctx, &[Diagnostic::error(loc, "dup"), Diagnostic::error(loc, "dup")]);
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].message, "unexpected error: dup");
    }

    #[test]
    fn regex_parts_and_malformed_comments() {
        let (ctx, file) = setup("X // expected-error-re {{value {{[0-9]+}} is bad}}\n");
        let expected = ExpectedDiagnostics::parse(&ctx, file).unwrap_or_else(|_| panic!("well formed"));
        assert!(expected.check(&ctx, &[Diagnostic::error(at_line(&ctx, file, 1), "value 42 is bad")]).is_empty());
        let (ctx, file) = setup("// expected-error@x {{m}}\n// expected-error no braces\n");
        let errors = ExpectedDiagnostics::parse(&ctx, file).err().expect("malformed");
        assert_eq!(errors.len(), 2);
    }
}
