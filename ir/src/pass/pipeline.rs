//! MLIR's textual pipeline syntax:
//! `builtin.module(func.func(canonicalize{max-iterations=5},cse),symbol-dce)`.
//! An element with parentheses nests a pipeline on ops of that name; one
//! without is a pass, with its options in braces.

use super::manager::PipelineError;

/// One element of a textual pipeline.
#[derive(Clone, Debug, PartialEq)]
pub enum PipelineElement {
    Pass { name: String, options: String, offset: usize },
    Nested { op: String, elements: Vec<PipelineElement>, offset: usize },
}

/// Parses a textual pipeline into elements (their names are not resolved yet).
pub fn parse_pipeline(text: &str) -> Result<Vec<PipelineElement>, PipelineError> {
    let mut p = Cursor { text, pos: 0 };
    let elements = p.elements()?;
    p.skip_space();
    if p.pos < text.len() {
        return Err(p.error("expected ',' or the end of the pipeline"));
    }
    Ok(elements)
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn error(&self, message: impl Into<String>) -> PipelineError {
        PipelineError { offset: self.pos, message: message.into() }
    }

    fn skip_space(&mut self) {
        self.pos += self.text[self.pos..].len() - self.text[self.pos..].trim_start().len();
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_space();
        if self.text[self.pos..].starts_with(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Zero or more comma-separated elements (empty before a `)`).
    fn elements(&mut self) -> Result<Vec<PipelineElement>, PipelineError> {
        let mut out = Vec::new();
        self.skip_space();
        if self.pos == self.text.len() || self.text[self.pos..].starts_with(')') {
            return Ok(out);
        }
        loop {
            out.push(self.element()?);
            if !self.eat(',') {
                return Ok(out);
            }
        }
    }

    fn element(&mut self) -> Result<PipelineElement, PipelineError> {
        self.skip_space();
        let offset = self.pos;
        let len = self.text[self.pos..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))
            .unwrap_or(self.text.len() - self.pos);
        if len == 0 {
            return Err(self.error("expected a pass or an op name"));
        }
        let name = self.text[self.pos..self.pos + len].to_string();
        self.pos += len;
        let mut options = String::new();
        if self.eat('{') {
            let start = self.pos;
            let mut depth = 1;
            while depth > 0 {
                match self.text[self.pos..].chars().next() {
                    None => return Err(PipelineError { offset: start - 1, message: "unterminated '{' in pass options".into() }),
                    Some('{') => depth += 1,
                    Some('}') => depth -= 1,
                    _ => {}
                }
                self.pos += self.text[self.pos..].chars().next().map_or(1, char::len_utf8);
            }
            options = self.text[start..self.pos - 1].to_string();
        }
        if self.eat('(') {
            if !options.is_empty() {
                return Err(PipelineError { offset, message: format!("'{name}' nests a pipeline and takes no options") });
            }
            let elements = self.elements()?;
            if !self.eat(')') {
                return Err(self.error("expected ')' to end the nested pipeline"));
            }
            return Ok(PipelineElement::Nested { op: name, elements, offset });
        }
        Ok(PipelineElement::Pass { name, options, offset })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_and_options() {
        let parsed =
            parse_pipeline("builtin.module(func.func(canonicalize{max-iterations=5 x={a b}},cse), symbol-dce)").expect("valid");
        let expected = vec![PipelineElement::Nested {
            op: "builtin.module".into(),
            offset: 0,
            elements: vec![
                PipelineElement::Nested {
                    op: "func.func".into(),
                    offset: 15,
                    elements: vec![
                        PipelineElement::Pass {
                            name: "canonicalize".into(),
                            options: "max-iterations=5 x={a b}".into(),
                            offset: 25,
                        },
                        PipelineElement::Pass { name: "cse".into(), options: String::new(), offset: 64 },
                    ],
                },
                PipelineElement::Pass { name: "symbol-dce".into(), options: String::new(), offset: 70 },
            ],
        }];
        assert_eq!(parsed, expected);
    }

    #[test]
    fn malformed_pipelines_point_at_the_problem() {
        assert_eq!(
            parse_pipeline("a(b").unwrap_err(),
            PipelineError { offset: 3, message: "expected ')' to end the nested pipeline".into() }
        );
        assert_eq!(parse_pipeline("a{x=1").unwrap_err().offset, 1);
        assert_eq!(
            parse_pipeline("a,,b").unwrap_err(),
            PipelineError { offset: 2, message: "expected a pass or an op name".into() }
        );
        assert_eq!(parse_pipeline("a) b").unwrap_err().offset, 1);
        assert_eq!(parse_pipeline("").expect("empty is fine"), vec![]);
    }
}
