//! The cursor that custom op syntax reads through: parse hooks and
//! declarative formats ask it for the next operand, type, attribute, keyword,
//! region or successor, and fill in the op being built.

use std::sync::Arc;

use crate::attributes::{Attribute, NamedAttribute};
use crate::body::{BlockId, OperationState, RegionId, Value};
use crate::context::Context;
use crate::diagnostics::Diagnostic;
use crate::dialect::{Arity, OpDefinition, Traits};
use crate::location::Location;
use crate::types::Type;

use super::parser::{ParseResult, Parser, Rule};

/// An operand as written (`%x#1`), before its type is known.
#[derive(Clone, Copy, Debug)]
pub struct UnresolvedOperand<'s> {
    pub name: &'s str,
    pub number: u32,
    pub location: Location,
}

/// A named region argument with its type (`%arg0: i32 {attrs} loc(...)`).
#[derive(Clone, Debug)]
pub struct Argument<'s> {
    pub name: UnresolvedOperand<'s>,
    pub ty: Type,
    pub attributes: Vec<NamedAttribute>,
    pub location: Location,
}

/// What a custom parser sees: the token stream at the op's position, and
/// the state of the op it is building.
pub struct OpParser<'p, 's> {
    parser: &'p mut Parser<'s>,
    /// The op under construction; hooks add operands, result types,
    /// attributes, regions and successors to it.
    pub state: OperationState,
    definition: Arc<OpDefinition>,
    spelling: &'s str,
    bound_results: usize,
}

impl<'p, 's> OpParser<'p, 's> {
    pub(crate) fn new(
        parser: &'p mut Parser<'s>,
        state: OperationState,
        definition: Arc<OpDefinition>,
        spelling: &'s str,
        bound_results: usize,
    ) -> Self {
        OpParser { parser, state, definition, spelling, bound_results }
    }

    /// The op name as written (`func` for the legacy spelling of `func.func`).
    pub fn spelling(&self) -> &'s str {
        self.spelling
    }

    /// How many results the text names before the op (`%a, %b:2 = ...`
    /// names 3), for syntax whose results depend on it (`gpu.wait async`).
    pub fn num_results(&self) -> usize {
        self.bound_results
    }

    /// Runs `f` and rewinds to where it started; returns what `f` said.
    pub fn lookahead(&mut self, f: impl FnOnce(&mut Self) -> bool) -> bool {
        let saved = self.parser.pos;
        let result = f(self);
        self.parser.pos = saved;
        result
    }

    pub(crate) fn finish(self) -> OperationState {
        self.state
    }

    pub fn ctx(&self) -> &Context {
        self.parser.ctx()
    }

    /// The IR being built, for hooks that create ops themselves (the
    /// implicit bodies of named linalg ops).
    pub fn ir(&mut self) -> &mut crate::Ir {
        &mut self.parser.ir
    }

    /// A shared handle on the context, for hooks that keep it across parse calls.
    pub fn context(&self) -> Arc<Context> {
        self.parser.ir.ctx_arc().clone()
    }

    /// The definition of the op being parsed.
    pub fn definition(&self) -> Arc<OpDefinition> {
        self.definition.clone()
    }

    /// Where the op starts.
    pub fn op_location(&self) -> Location {
        self.state.location
    }

    /// The location of the next token.
    pub fn current_location(&mut self) -> Location {
        self.parser.skip_trivia();
        self.parser.here()
    }

    /// An error at the next token.
    pub fn error(&mut self, message: impl Into<String>) -> Diagnostic {
        self.parser.skip_trivia();
        self.parser.error_here(message)
    }

    // ---- punctuation and keywords ----

    /// Whether `punct` comes next (without consuming it).
    pub fn peek(&mut self, punct: &str) -> bool {
        self.parser.peek_str(punct)
    }

    pub fn parse_optional_punct(&mut self, punct: &str) -> bool {
        self.parser.eat(punct)
    }

    pub fn expect_punct(&mut self, punct: &str) -> ParseResult<()> {
        self.parser.expect(punct)
    }

    pub fn parse_optional_keyword(&mut self, keyword: &str) -> bool {
        self.parser.eat_keyword(keyword)
    }

    /// Whether `keyword` comes next as a whole word (without consuming it).
    pub fn peek_keyword(&mut self, keyword: &str) -> bool {
        let saved = self.parser.pos;
        let found = self.parser.eat_keyword(keyword);
        self.parser.pos = saved;
        found
    }

    pub fn expect_keyword(&mut self, keyword: &str) -> ParseResult<()> {
        if self.parser.eat_keyword(keyword) {
            Ok(())
        } else {
            Err(self.error(format!("expected '{keyword}'")))
        }
    }

    /// Any bare identifier, if one comes next.
    pub fn parse_optional_identifier(&mut self) -> Option<&'s str> {
        self.parser.skip_trivia();
        let start = self.parser.pos;
        let end = super::fast_path::bare_id_end(self.parser.src(), start)?;
        self.parser.pos = end;
        Some(&self.parser.src()[start..end])
    }

    pub fn parse_identifier(&mut self) -> ParseResult<&'s str> {
        match self.parse_optional_identifier() {
            Some(id) => Ok(id),
            None => Err(self.error("expected identifier")),
        }
    }

    /// One of `keywords`, returned by index.
    pub fn parse_keyword_of(&mut self, keywords: &[&str], what: &str) -> ParseResult<usize> {
        let location = self.current_location();
        let word = self.parse_identifier()?;
        keywords
            .iter()
            .position(|k| *k == word)
            .ok_or_else(|| Diagnostic::error(location, format!("expected {what}, found '{word}'")))
    }

    pub fn parse_string(&mut self) -> ParseResult<String> {
        let pair = self.parser.rule(Rule::string_literal)?;
        let location = self.parser.span_loc(pair.as_span());
        super::build::unescape_string(pair.as_str()).map_err(|m| Diagnostic::error(location, m))
    }

    /// A decimal or hex integer literal, possibly negative.
    pub fn parse_integer(&mut self) -> ParseResult<i128> {
        let pair = self.parser.rule(Rule::integer_literal)?;
        let location = self.parser.span_loc(pair.as_span());
        super::build::parse_integer(pair.as_str()).ok_or_else(|| Diagnostic::error(location, "integer literal is out of range"))
    }

    /// `@name`.
    pub fn parse_symbol_name(&mut self) -> ParseResult<String> {
        let pair = self.parser.rule(Rule::symbol_ref_id)?;
        self.parser.builder().symbol_name(&pair).map_err(|e| self.parser.build_error(e))
    }

    pub fn parse_optional_symbol_name(&mut self) -> ParseResult<Option<String>> {
        if self.peek("@") {
            self.parse_symbol_name().map(Some)
        } else {
            Ok(None)
        }
    }

    // ---- operands ----

    pub fn parse_operand(&mut self) -> ParseResult<UnresolvedOperand<'s>> {
        self.parser.parse_value_use()
    }

    pub fn parse_optional_operand(&mut self) -> ParseResult<Option<UnresolvedOperand<'s>>> {
        if self.peek("%") {
            self.parse_operand().map(Some)
        } else {
            Ok(None)
        }
    }

    /// Zero or more comma-separated operands.
    pub fn parse_operand_list(&mut self) -> ParseResult<Vec<UnresolvedOperand<'s>>> {
        let mut list = Vec::new();
        if let Some(first) = self.parse_optional_operand()? {
            list.push(first);
            while self.peek(",") && self.parser_peek_after_comma('%') {
                self.expect_punct(",")?;
                list.push(self.parse_operand()?);
            }
        }
        Ok(list)
    }

    /// Whether a comma is followed by `c` (so lists don't swallow the comma
    /// that separates the next format element).
    fn parser_peek_after_comma(&mut self, c: char) -> bool {
        let saved = self.parser.pos;
        let result = self.parser.eat(",") && self.parser.peek_char() == Some(c);
        self.parser.pos = saved;
        result
    }

    pub fn resolve_operand(&mut self, operand: &UnresolvedOperand<'s>, ty: Type) -> ParseResult<Value> {
        self.parser.resolve_use(operand, ty)
    }

    /// Resolves operands against types, complaining when the counts differ.
    pub fn resolve_operands(
        &mut self,
        operands: &[UnresolvedOperand<'s>],
        types: &[Type],
        location: Location,
    ) -> ParseResult<Vec<Value>> {
        if operands.len() != types.len() {
            return Err(Diagnostic::error(
                location,
                format!("{} operands present, but expected {}", operands.len(), types.len()),
            ));
        }
        operands.iter().zip(types).map(|(o, &t)| self.resolve_operand(o, t)).collect()
    }

    // ---- types and attributes ----

    pub fn parse_type(&mut self) -> ParseResult<Type> {
        self.parser.parse_type()
    }

    pub fn parse_colon_type(&mut self) -> ParseResult<Type> {
        self.expect_punct(":")?;
        self.parse_type()
    }

    /// One or more comma-separated types.
    pub fn parse_type_list(&mut self) -> ParseResult<Vec<Type>> {
        let mut types = vec![self.parse_type()?];
        while self.parse_optional_punct(",") {
            types.push(self.parse_type()?);
        }
        Ok(types)
    }

    /// `(t1, t2)` or `()`.
    pub fn parse_paren_type_list(&mut self) -> ParseResult<Vec<Type>> {
        let pair = self.parser.rule(Rule::type_list_parens)?;
        self.parser.builder().type_list(pair).map_err(|e| self.parser.build_error(e))
    }

    /// Function results after `->`: one type, or a parenthesised list.
    pub fn parse_function_result_types(&mut self) -> ParseResult<Vec<Type>> {
        if self.peek("(") {
            // `(i32) -> i32` would be a function type: parse a full type and
            // split off a bare parenthesised list.
            let saved = self.parser.pos;
            let list = self.parse_paren_type_list()?;
            if self.peek("->") {
                self.parser.pos = saved;
                return Ok(vec![self.parse_type()?]);
            }
            return Ok(list);
        }
        Ok(vec![self.parse_type()?])
    }

    /// A bare affine map, `(d0, d1) -> (d1, d0)` (dimension names as written).
    pub fn parse_affine_map(&mut self) -> ParseResult<crate::affine::AffineMap> {
        let pair = self.parser.rule(Rule::affine_map)?;
        self.parser.builder().affine_map(pair).map_err(|e| self.parser.build_error(e))
    }

    pub fn parse_attribute(&mut self) -> ParseResult<Attribute> {
        self.parser.parse_attribute()
    }

    /// Whether an attribute (read by `hook`, or a plain one) starts here;
    /// nothing is consumed.
    pub fn peek_attribute_with(&mut self, hook: Option<crate::dialect::AttrParseFn>) -> bool {
        let saved = self.parser.pos;
        let found = match hook {
            Some(h) => h(self).is_ok(),
            None => self.parser.parse_attribute().is_ok(),
        };
        self.parser.pos = saved;
        found
    }

    /// Whether a type can start at the next token.
    pub fn peek_type_start(&mut self) -> bool {
        matches!(self.parser.peek_char(), Some(c) if c.is_ascii_alphabetic() || c == '!' || c == '(')
    }

    /// `{...}` into the op's attributes, if present; duplicates are errors.
    pub fn parse_optional_attr_dict(&mut self) -> ParseResult<()> {
        let location = self.current_location();
        let entries = self.parser.parse_optional_attr_dict()?;
        self.add_attributes(entries, location)
    }

    /// `attributes {...}` into the op's attributes, if present.
    pub fn parse_optional_attr_dict_with_keyword(&mut self) -> ParseResult<()> {
        if self.parse_optional_keyword("attributes") {
            let location = self.current_location();
            let entries = self.parser.parse_optional_attr_dict()?;
            return self.add_attributes(entries, location);
        }
        Ok(())
    }

    /// `{...}` entries, if a dictionary comes next (for argument and result attributes).
    pub fn parse_attr_dict_entries(&mut self) -> ParseResult<Vec<NamedAttribute>> {
        self.parser.parse_optional_attr_dict()
    }

    fn add_attributes(&mut self, entries: Vec<NamedAttribute>, location: Location) -> ParseResult<()> {
        for e in entries {
            if self.state.attributes.iter().any(|a| a.name == e.name) {
                let name = self.ctx().str(e.name).to_string();
                return Err(Diagnostic::error(location, format!("duplicate attribute '{name}'")));
            }
            self.state.attributes.push(e);
        }
        Ok(())
    }

    /// Adds an attribute to the op being built.
    pub fn add_attribute(&mut self, name: &str, value: Attribute) {
        let name = self.ctx().symbol(name);
        self.state.attributes.push(NamedAttribute { name, value });
    }

    // ---- regions, arguments and successors ----

    /// `%name : type {attrs} loc(...)` (the type is required).
    pub fn parse_argument(&mut self) -> ParseResult<Argument<'s>> {
        let name = self.parse_operand()?;
        self.expect_punct(":")?;
        let ty = self.parse_type()?;
        let attributes = self.parser.parse_optional_attr_dict()?;
        let location = self.parser.parse_optional_trailing_location()?.unwrap_or(name.location);
        Ok(Argument { name, ty, attributes, location })
    }

    /// `{ ... }` with `arguments` as the entry block's named arguments; the
    /// region is added to the op.
    pub fn parse_region(&mut self, arguments: &[Argument<'s>]) -> ParseResult<RegionId> {
        let isolated = self.definition.traits.contains(Traits::ISOLATED_FROM_ABOVE);
        self.parser.enclosing_ops.push(self.definition.clone());
        let region = self.parser.parse_region_body(arguments, isolated);
        self.parser.enclosing_ops.pop();
        let region = region?;
        self.state.regions.push(region);
        Ok(region)
    }

    /// Adds a region without blocks (a function declaration's body).
    pub fn add_empty_region(&mut self) -> RegionId {
        let region = self.parser.ir.create_region(None);
        self.state.regions.push(region);
        region
    }

    /// A region if one starts here.
    pub fn parse_optional_region(&mut self, arguments: &[Argument<'s>]) -> ParseResult<Option<RegionId>> {
        if self.peek("{") {
            self.parse_region(arguments).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Gives a single-block region its terminator when the text left it out
    /// (ops with an `implicit_terminator`), creating an empty block if needed.
    pub fn ensure_terminator(&mut self, region: RegionId, terminator: &str) {
        let block = self.ensure_block(region);
        let ir = &mut self.parser.ir;
        if ir.last_op(block).is_some_and(|op| ir.is_terminator(op)) {
            return;
        }
        let name = ir.ctx().op_name(terminator);
        let mut state = OperationState::new(name, self.state.location);
        // A terminator with regions (`scf.forall.in_parallel`) gets them empty.
        let region_count =
            ir.ctx().op_definition(name).map_or(0, |d| d.regions.iter().filter(|s| s.arity == Arity::Single).count());
        for _ in 0..region_count {
            let region = ir.create_region(None);
            let entry = ir.create_block(&[], Location::Unknown);
            ir.push_block(region, entry);
            state.regions.push(region);
        }
        let op = ir.create_op(state);
        ir.append_op(block, op);
    }

    /// Like [`OpParser::ensure_terminator`], but when the block holds exactly
    /// one op the added terminator passes on that op's results
    /// (`vector.mask { vector.transfer_read ... }` yields the value read).
    pub fn ensure_terminator_yielding_results(&mut self, region: RegionId, terminator: &str) {
        let block = self.ensure_block(region);
        let ir = &mut self.parser.ir;
        let last = ir.last_op(block);
        if last.is_some_and(|op| ir.is_terminator(op)) {
            return;
        }
        let mut state = OperationState::new(ir.ctx().op_name(terminator), self.state.location);
        if let Some(only) = last.filter(|&op| ir.first_op(block) == Some(op)) {
            state.operands = ir.results(only).to_vec();
        }
        let op = ir.create_op(state);
        ir.append_op(block, op);
    }

    /// The entry block of `region`, created empty if the text had none
    /// (`module {}` still has its one block).
    pub fn ensure_block(&mut self, region: RegionId) -> BlockId {
        let ir = &mut self.parser.ir;
        match ir.entry_block(region) {
            Some(b) => b,
            None => {
                let b = ir.create_block(&[], Location::Unknown);
                ir.push_block(region, b);
                b
            }
        }
    }

    /// `^bb1` (operands, if any, are parsed by [`OpParser::parse_successor_operands`]).
    pub fn parse_successor(&mut self) -> ParseResult<BlockId> {
        let pair = self.parser.rule(Rule::caret_id)?;
        let location = self.parser.span_loc(pair.as_span());
        Ok(self.parser.block_ref(pair.as_str(), location))
    }

    /// `(%a, %b : i32, i32)` after a successor, if present.
    pub fn parse_successor_operands(&mut self) -> ParseResult<Vec<Value>> {
        if !self.parse_optional_punct("(") {
            return Ok(Vec::new());
        }
        let location = self.current_location();
        let operands = self.parse_operand_list()?;
        self.expect_punct(":")?;
        let types = self.parse_type_list()?;
        self.expect_punct(")")?;
        self.resolve_operands(&operands, &types, location)
    }

    /// The type of a value already defined (for formats that infer types from operands).
    pub fn value_type(&self, v: Value) -> Type {
        self.parser.ir.value_type(v)
    }
}
