//! Compiling a format string into elements, checking every `$name` against
//! the op's declared operands, results, attributes, regions and successors.

use crate::dialect::OpDefinition;

use super::{Anchor, AssemblyFormat, CustomCall, DirectiveArg, Element, OptionalGroup, TypeTarget};

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Variable(String),
    Literal(String),
    Ident(String),
    Punct(char),
}

fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '`' => {
                let end = text[i + 1..].find('`').ok_or("unterminated literal")?;
                tokens.push(Token::Literal(text[i + 1..i + 1 + end].to_string()));
                for _ in 0..=end {
                    chars.next();
                }
            }
            '$' => {
                let mut name = String::new();
                while let Some(&(_, c)) = chars.peek() {
                    if c.is_ascii_alphanumeric() || c == '_' {
                        name.push(c);
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(Token::Variable(name));
            }
            c if c.is_ascii_alphabetic() => {
                let mut name = c.to_string();
                while let Some(&(_, c)) = chars.peek() {
                    if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                        name.push(c);
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(Token::Ident(name));
            }
            '(' | ')' | '?' | '^' | ':' | ',' | '<' | '>' => tokens.push(Token::Punct(c)),
            other => return Err(format!("unexpected character '{other}' in format")),
        }
    }
    Ok(tokens)
}

struct Compiler<'a> {
    tokens: Vec<Token>,
    pos: usize,
    def: &'a OpDefinition,
    printed_attributes: Vec<&'static str>,
}

impl AssemblyFormat {
    /// Compiles `text` for the op `def`.
    pub fn compile(text: &str, def: &OpDefinition) -> Result<AssemblyFormat, String> {
        let mut c = Compiler { tokens: tokenize(text)?, pos: 0, def, printed_attributes: Vec::new() };
        let elements = c.elements(false)?;
        if c.pos != c.tokens.len() {
            return Err(format!("unexpected {:?} in format", c.tokens[c.pos]));
        }
        Ok(AssemblyFormat { elements, printed_attributes: c.printed_attributes })
    }
}

impl Compiler<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Result<Token, String> {
        let t = self.tokens.get(self.pos).cloned().ok_or("unexpected end of format")?;
        self.pos += 1;
        Ok(t)
    }

    fn expect(&mut self, p: char) -> Result<(), String> {
        match self.next()? {
            Token::Punct(c) if c == p => Ok(()),
            other => Err(format!("expected '{p}', found {other:?}")),
        }
    }

    /// Elements until the end, or until `)` inside a group.
    fn elements(&mut self, in_group: bool) -> Result<Vec<Element>, String> {
        let mut out = Vec::new();
        while let Some(t) = self.peek() {
            if in_group && *t == Token::Punct(')') {
                break;
            }
            out.push(self.element()?);
        }
        Ok(out)
    }

    fn element(&mut self) -> Result<Element, String> {
        match self.next()? {
            Token::Literal(l) if l.is_empty() || l.chars().all(|c| c == ' ') || l == "\\n" => Ok(Element::Whitespace(l)),
            Token::Literal(l) => Ok(Element::Literal(l)),
            Token::Variable(name) => self.variable(&name),
            Token::Punct('(') => self.optional_group(),
            Token::Ident(word) => self.directive(&word),
            other => Err(format!("unexpected {other:?} in format")),
        }
    }

    fn variable(&mut self, name: &str) -> Result<Element, String> {
        let def = self.def;
        if let Some(i) = def.operands.iter().position(|s| s.name == name) {
            return Ok(Element::Operand(i));
        }
        if let Some(i) = def.attributes.iter().position(|s| s.name == name) {
            self.printed_attributes.push(def.attributes[i].name);
            return Ok(Element::Attribute(i));
        }
        if let Some(i) = def.regions.iter().position(|s| s.name == name) {
            return Ok(Element::Region(i));
        }
        if let Some(i) = def.successors.iter().position(|s| s.name == name) {
            return Ok(Element::Successor(i));
        }
        Err(format!("'${name}' is not an operand, attribute, region or successor of the op"))
    }

    fn type_target(&mut self) -> Result<TypeTarget, String> {
        match self.next()? {
            Token::Variable(name) => {
                let def = self.def;
                if let Some(i) = def.operands.iter().position(|s| s.name == name) {
                    Ok(TypeTarget::Operand(i))
                } else if let Some(i) = def.results.iter().position(|s| s.name == name) {
                    Ok(TypeTarget::Result(i))
                } else {
                    Err(format!("'${name}' in a type directive is not an operand or result"))
                }
            }
            Token::Ident(w) if w == "operands" => Ok(TypeTarget::AllOperands),
            Token::Ident(w) if w == "results" => Ok(TypeTarget::AllResults),
            other => Err(format!("expected a type directive argument, found {other:?}")),
        }
    }

    fn directive(&mut self, word: &str) -> Result<Element, String> {
        match word {
            "attr-dict" => Ok(Element::AttrDict { with_keyword: false }),
            "attr-dict-with-keyword" => Ok(Element::AttrDict { with_keyword: true }),
            "operands" => Ok(Element::AllOperands),
            "regions" => Ok(Element::AllRegions),
            "successors" => Ok(Element::AllSuccessors),
            "type" => {
                self.expect('(')?;
                let t = self.type_target()?;
                self.expect(')')?;
                Ok(Element::Type(t))
            }
            "functional-type" => {
                self.expect('(')?;
                let inputs = self.type_target()?;
                self.expect(',')?;
                let outputs = self.type_target()?;
                self.expect(')')?;
                Ok(Element::FunctionalType(inputs, outputs))
            }
            "custom" => {
                self.expect('<')?;
                let name = match self.next()? {
                    Token::Ident(n) => n,
                    other => return Err(format!("expected directive name, found {other:?}")),
                };
                self.expect('>')?;
                let directive = *self
                    .def
                    .custom_directives
                    .iter()
                    .find(|d| d.name == name)
                    .ok_or_else(|| format!("custom directive '{name}' is not declared by the op"))?;
                self.expect('(')?;
                let mut args = Vec::new();
                while self.peek() != Some(&Token::Punct(')')) {
                    args.push(self.directive_arg()?);
                    if self.peek() == Some(&Token::Punct(',')) {
                        self.pos += 1;
                    }
                }
                self.expect(')')?;
                Ok(Element::Custom(CustomCall { directive, args }))
            }
            other => Err(format!("unknown directive '{other}'")),
        }
    }

    fn directive_arg(&mut self) -> Result<DirectiveArg, String> {
        match self.peek().cloned() {
            Some(Token::Ident(w)) if w == "type" => {
                self.pos += 1;
                self.expect('(')?;
                let t = self.type_target()?;
                self.expect(')')?;
                Ok(DirectiveArg::Type(t))
            }
            Some(Token::Ident(w)) if w == "attr-dict" => {
                self.pos += 1;
                Ok(DirectiveArg::AttrDict)
            }
            _ => match self.element()? {
                Element::Operand(i) => Ok(DirectiveArg::Operand(i)),
                Element::Attribute(i) => Ok(DirectiveArg::Attribute(i)),
                Element::Region(i) => Ok(DirectiveArg::Region(i)),
                Element::Successor(i) => Ok(DirectiveArg::Successor(i)),
                other => Err(format!("{other:?} cannot be passed to a custom directive")),
            },
        }
    }

    /// `( ... )?` or `( ... ) : ( ... )?`, with one element marked `^`.
    fn optional_group(&mut self) -> Result<Element, String> {
        let mut anchor = None;
        let mut then = Vec::new();
        while self.peek() != Some(&Token::Punct(')')) {
            if self.peek().is_none() {
                return Err("unterminated optional group".into());
            }
            let e = self.element()?;
            if self.peek() == Some(&Token::Punct('^')) {
                self.pos += 1;
                anchor = Some(match &e {
                    Element::Operand(i) => Anchor::Operand(*i),
                    Element::Attribute(i) => Anchor::Attribute(*i),
                    Element::Region(i) => Anchor::Region(*i),
                    Element::Successor(i) => Anchor::Successor(*i),
                    Element::Type(t) => Anchor::Type(*t),
                    Element::Custom(_) => Anchor::Custom,
                    other => return Err(format!("{other:?} cannot anchor an optional group")),
                });
            }
            then.push(e);
        }
        self.expect(')')?;
        let mut otherwise = Vec::new();
        if self.peek() == Some(&Token::Punct(':')) {
            self.pos += 1;
            self.expect('(')?;
            otherwise = self.elements(true)?;
            self.expect(')')?;
        }
        self.expect('?')?;
        let anchor = anchor.ok_or("optional group has no anchor ('^')")?;
        // As upstream: a unit attribute in a group that a literal opens is
        // implied by the group and neither parsed nor printed.
        if matches!(then.iter().find(|e| !matches!(e, Element::Whitespace(_))), Some(Element::Literal(_))) {
            for e in then.iter_mut() {
                if let Element::Attribute(i) = *e {
                    if crate::constraints::is_unit_attr(&self.def.attributes[i].constraint) {
                        *e = Element::UnitAttribute(i);
                    }
                }
            }
        }
        if !matches!(
            then.iter().find(|e| !matches!(e, Element::Whitespace(_))),
            Some(
                Element::Literal(_)
                    | Element::Operand(_)
                    | Element::Attribute(_)
                    | Element::Region(_)
                    | Element::Successor(_)
                    | Element::Custom(_)
            )
        ) {
            return Err("the first element of an optional group must be a literal, variable or custom directive".into());
        }
        Ok(Element::Optional(OptionalGroup { then, otherwise, anchor }))
    }
}
