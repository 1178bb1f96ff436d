//! The parse driver: reads a source file into IR.
//!
//! Ops, blocks and regions are stitched together here; every token-level
//! piece (SSA names, types, attributes, generic-op parts) is parsed by a pest
//! rule invoked at the current byte offset. Custom op syntax is delegated to
//! the op's registered hook or declarative format through [`OpParser`].

use std::sync::Arc;

use pest::iterators::Pair;
use pest::Parser as _;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use crate::attributes::Attribute;
use crate::body::{BlockId, Ir, OpId, OperationState, RegionId, Value};
use crate::context::{Context, FileId};
use crate::diagnostics::Diagnostic;
use crate::dialect::{OpDefinition, Traits};
use crate::location::Location;
use crate::types::Type;

use super::build::{AliasLookup, BuildError, Builder};
use super::cursor::{OpParser, UnresolvedOperand};

#[derive(pest_derive::Parser)]
#[grammar = "syntax/grammar.pest"]
pub(crate) struct Grammar;

/// Deepest bracket nesting accepted. Upstream mlir-opt crashes at about
/// 5,000 nested regions; we stop earlier, with a diagnostic.
pub const MAX_NESTING: usize = 1000;

pub type ParseResult<T> = Result<T, Diagnostic>;

/// Values a name stands for (`%x:2` binds two), and where it was defined.
struct Definition {
    values: SmallVec<[Value; 1]>,
    location: Location,
}

/// The names visible in one region.
#[derive(Default)]
struct RegionScope<'s> {
    values: FxHashMap<&'s str, Definition>,
    blocks: FxHashMap<&'s str, BlockRef>,
}

struct BlockRef {
    block: BlockId,
    defined: bool,
    location: Location,
}

/// A forward reference: `(name, result number)`.
type ForwardKey<'s> = (&'s str, u32);

/// Uses of names not defined yet, per isolated scope.
#[derive(Default)]
struct ForwardRefs<'s> {
    /// `(name, result number)` -> placeholder value and where it was used.
    placeholders: FxHashMap<ForwardKey<'s>, (Value, Location)>,
}

pub(crate) struct Parser<'s> {
    pub(crate) ir: Ir,
    src: &'s str,
    file: FileId,
    pub(crate) pos: usize,
    /// Offset of the slice the last pest rule ran on: pest spans are
    /// relative to it.
    base: usize,
    type_aliases: FxHashMap<&'s str, Type>,
    attr_aliases: FxHashMap<&'s str, Attribute>,
    scopes: Vec<RegionScope<'s>>,
    /// One entry per isolated scope; `isolation_starts[i]` is the index in
    /// `scopes` where it begins.
    forward: Vec<ForwardRefs<'s>>,
    isolation_starts: Vec<usize>,
    /// Names of the ops whose regions are being parsed, innermost last.
    pub(crate) enclosing_ops: Vec<Arc<OpDefinition>>,
    /// Custom op names already resolved, with the enclosing op's default
    /// dialect they were resolved under.
    resolved_names: FxHashMap<(&'s str, Option<&'static str>), Arc<OpDefinition>>,
}

impl AliasLookup for Parser<'_> {
    fn type_alias(&self, name: &str) -> Option<Type> {
        self.type_aliases.get(name).copied()
    }
    fn attr_alias(&self, name: &str) -> Option<Attribute> {
        self.attr_aliases.get(name).copied()
    }
}

/// Parses a whole source file into a module. Top-level ops that are not a
/// single `builtin.module` are wrapped in an implicit one.
pub fn parse_source(ctx: &Arc<Context>, file: FileId) -> Result<(Ir, OpId), Diagnostic> {
    let text = ctx.source_file(file).text.clone();
    if let Some(diag) = check_nesting(&text, file) {
        return Err(diag);
    }
    let mut parser = Parser::new(Ir::new(ctx.clone()), &text, file);
    let ops = parser.parse_top_level()?;
    let module = parser.wrap_in_module(ops);
    Ok((parser.ir, module))
}

/// Rejects bracket nesting deeper than [`MAX_NESTING`] before any
/// recursive parsing starts, so no input can exhaust the stack.
fn check_nesting(text: &str, file: FileId) -> Option<Diagnostic> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' | b'<' => {
                depth += 1;
                if depth > MAX_NESTING {
                    let location = Location::Source { file, start: i as u32, end: i as u32 + 1 };
                    return Some(Diagnostic::error(
                        location,
                        format!("nesting is deeper than the limit of {MAX_NESTING} levels"),
                    ));
                }
            }
            b')' | b']' | b'}' | b'>' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Words for grammar rules in diagnostics ("expected type").
fn describe(rule: Rule) -> &'static str {
    match rule {
        Rule::r#type | Rule::type_eoi | Rule::function_type | Rule::type_list_parens | Rule::function_results => "type",
        Rule::attribute | Rule::attribute_eoi | Rule::typed_suffix => "attribute value",
        Rule::dictionary_attr => "attribute dictionary",
        Rule::value_use | Rule::value_id => "SSA value",
        Rule::generic_operands => "operand list",
        Rule::caret_id | Rule::successor => "block name",
        Rule::successor_list => "successor list",
        Rule::symbol_ref_id | Rule::symbol_ref_attr => "symbol name",
        Rule::string_literal => "string literal",
        Rule::integer_literal | Rule::decimal => "integer",
        Rule::block_label => "block label",
        Rule::block_arg => "block argument",
        Rule::op_result_list | Rule::op_result => "SSA result list",
        Rule::op_name => "operation name",
        Rule::trailing_location | Rule::location | Rule::location_attr => "location",
        Rule::affine_map | Rule::affine_expr => "affine expression",
        Rule::bare_id => "identifier",
        Rule::alias_definition => "alias definition",
        _ => "valid syntax",
    }
}

impl<'s> Parser<'s> {
    pub(crate) fn new(ir: Ir, src: &'s str, file: FileId) -> Self {
        Parser {
            ir,
            src,
            file,
            pos: 0,
            base: 0,
            type_aliases: FxHashMap::default(),
            attr_aliases: FxHashMap::default(),
            scopes: Vec::new(),
            forward: Vec::new(),
            isolation_starts: Vec::new(),
            enclosing_ops: Vec::new(),
            resolved_names: FxHashMap::default(),
        }
    }

    pub(crate) fn ctx(&self) -> &Context {
        self.ir.ctx()
    }

    /// The text being parsed.
    pub(crate) fn src(&self) -> &'s str {
        self.src
    }

    // ---- positions and diagnostics ----

    pub(crate) fn loc(&self, start: usize, end: usize) -> Location {
        Location::Source { file: self.file, start: start as u32, end: end as u32 }
    }

    /// The location of a span of a pair returned by the last [`Parser::rule`].
    pub(crate) fn span_loc(&self, span: pest::Span<'_>) -> Location {
        self.loc(self.base + span.start(), self.base + span.end())
    }

    pub(crate) fn here(&self) -> Location {
        let end = self.src[self.pos..].chars().next().map_or(self.pos, |c| self.pos + c.len_utf8());
        self.loc(self.pos, end)
    }

    pub(crate) fn error_here(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.here(), message)
    }

    // ---- trivia and punctuation ----

    pub(crate) fn skip_trivia(&mut self) {
        let bytes = self.src.as_bytes();
        loop {
            while self.pos < bytes.len() && bytes[self.pos].is_ascii_whitespace() {
                self.pos += 1;
            }
            if bytes[self.pos..].starts_with(b"//") {
                while self.pos < bytes.len() && bytes[self.pos] != b'\n' {
                    self.pos += 1;
                }
            } else {
                return;
            }
        }
    }

    pub(crate) fn at_end(&mut self) -> bool {
        self.skip_trivia();
        self.pos >= self.src.len()
    }

    pub(crate) fn peek_str(&mut self, s: &str) -> bool {
        self.skip_trivia();
        self.src[self.pos..].starts_with(s)
    }

    pub(crate) fn peek_char(&mut self) -> Option<char> {
        self.skip_trivia();
        self.src[self.pos..].chars().next()
    }

    /// Consumes punctuation `p` if it comes next.
    pub(crate) fn eat(&mut self, p: &str) -> bool {
        if self.peek_str(p) {
            self.pos += p.len();
            true
        } else {
            false
        }
    }

    pub(crate) fn expect(&mut self, p: &str) -> ParseResult<()> {
        if self.eat(p) {
            Ok(())
        } else {
            Err(self.error_here(format!("expected '{p}'")))
        }
    }

    /// Consumes the keyword `kw` if it comes next as a whole word.
    pub(crate) fn eat_keyword(&mut self, kw: &str) -> bool {
        if self.peek_str(kw) {
            let after = self.src[self.pos + kw.len()..].chars().next();
            if !after.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.')) {
                self.pos += kw.len();
                return true;
            }
        }
        false
    }

    // ---- pest rules ----

    /// Parses `rule` at the current offset and moves past it.
    pub(crate) fn rule(&mut self, rule: Rule) -> ParseResult<Pair<'s, Rule>> {
        self.skip_trivia();
        let rest: &'s str = &self.src[self.pos..];
        match Grammar::parse(rule, rest) {
            Ok(mut pairs) => {
                let pair = pairs.next().expect("pest returns the parsed rule");
                let base = self.pos;
                self.pos = base + pair.as_span().end();
                self.base = base;
                Ok(pair)
            }
            Err(e) => Err(self.pest_error(rule, e)),
        }
    }

    fn pest_error(&self, requested: Rule, e: pest::error::Error<Rule>) -> Diagnostic {
        let offset = match e.location {
            pest::error::InputLocation::Pos(p) => p,
            pest::error::InputLocation::Span((s, _)) => s,
        };
        let what = match &e.variant {
            pest::error::ErrorVariant::ParsingError { positives, .. } => {
                positives.iter().map(|r| describe(*r)).find(|w| *w != "valid syntax").unwrap_or(describe(requested))
            }
            pest::error::ErrorVariant::CustomError { message } if message.contains("call limit") => {
                return Diagnostic::error(self.loc(self.pos + offset, self.pos + offset), "input is nested too deeply to parse");
            }
            pest::error::ErrorVariant::CustomError { .. } => describe(requested),
        };
        let start = self.pos + offset;
        let end = self.src[start..].chars().next().map_or(start, |c| start + c.len_utf8());
        let found = if start >= self.src.len() { "end of file".to_string() } else { String::new() };
        let message = if found.is_empty() { format!("expected {what}") } else { format!("expected {what}, found {found}") };
        Diagnostic::error(self.loc(start, end), message)
    }

    pub(crate) fn builder(&self) -> Builder<'_> {
        Builder { ctx: self.ir.ctx(), aliases: self }
    }

    pub(crate) fn build_error(&self, e: BuildError) -> Diagnostic {
        Diagnostic::error(self.loc(self.base + e.start, self.base + e.end.max(e.start)), e.message)
    }

    pub(crate) fn parse_type(&mut self) -> ParseResult<Type> {
        self.skip_trivia();
        if let Some((data, end)) = super::fast_path::scalar_type(self.src, self.pos) {
            self.pos = end;
            return Ok(self.ctx().intern_type(data));
        }
        let pair = self.rule(Rule::r#type)?;
        self.builder().type_(pair).map_err(|e| self.build_error(e))
    }

    pub(crate) fn parse_attribute(&mut self) -> ParseResult<Attribute> {
        let pair = self.rule(Rule::attribute)?;
        self.builder().attribute(pair).map_err(|e| self.build_error(e))
    }

    /// `{a = 1, b}` if present.
    pub(crate) fn parse_optional_attr_dict(&mut self) -> ParseResult<Vec<crate::attributes::NamedAttribute>> {
        if !self.peek_str("{") {
            return Ok(Vec::new());
        }
        let pair = self.rule(Rule::dictionary_attr)?;
        self.builder().dictionary(pair).map_err(|e| self.build_error(e))
    }

    /// `loc(...)` after an op or argument, if present.
    pub(crate) fn parse_optional_trailing_location(&mut self) -> ParseResult<Option<Location>> {
        if !self.peek_str("loc(") && !self.peek_str("loc (") {
            return Ok(None);
        }
        let pair = self.rule(Rule::trailing_location)?;
        let inner = pair.into_inner().next().expect("grammar");
        let data = self.builder().location_data(inner).map_err(|e| self.build_error(e))?;
        let attr = self.ctx().intern_attr(crate::attributes::AttrData::Location(data));
        Ok(Some(Location::Attr(attr)))
    }

    // ---- top level ----

    fn parse_top_level(&mut self) -> ParseResult<Vec<OpId>> {
        self.push_scope(true);
        let mut ops = Vec::new();
        while !self.at_end() {
            match self.peek_char() {
                Some('#') | Some('!') => self.parse_alias_definition()?,
                _ => ops.push(self.parse_operation()?),
            }
        }
        self.pop_scope()?;
        Ok(ops)
    }

    fn parse_alias_definition(&mut self) -> ParseResult<()> {
        let pair = self.rule(Rule::alias_definition)?;
        let id = pair.into_inner().next().expect("grammar");
        let name = &id.as_str()[1..];
        if id.as_rule() == Rule::attr_alias {
            if self.attr_aliases.contains_key(name) {
                return Err(Diagnostic::error(
                    self.span_loc(id.as_span()),
                    format!("redefinition of attribute alias id '{name}'"),
                ));
            }
            let attr = self.parse_attribute()?;
            self.attr_aliases.insert(name, attr);
        } else {
            if self.type_aliases.contains_key(name) {
                return Err(Diagnostic::error(self.span_loc(id.as_span()), format!("redefinition of type alias id '{name}'")));
            }
            let ty = self.parse_type()?;
            self.type_aliases.insert(name, ty);
        }
        Ok(())
    }

    fn wrap_in_module(&mut self, ops: Vec<OpId>) -> OpId {
        let module_name = self.ctx().op_name("builtin.module");
        if let [single] = ops[..] {
            if self.ir.op(single).name == module_name {
                return single;
            }
        }
        let region = self.ir.create_region(None);
        let block = self.ir.create_block(&[], Location::Unknown);
        self.ir.push_block(region, block);
        for op in ops {
            self.ir.append_op(block, op);
        }
        let mut state = OperationState::new(module_name, self.loc(0, 0));
        state.regions.push(region);
        self.ir.create_op(state)
    }

    // ---- scopes ----

    pub(crate) fn push_scope(&mut self, isolated: bool) {
        if isolated {
            self.isolation_starts.push(self.scopes.len());
            self.forward.push(ForwardRefs::default());
        }
        self.scopes.push(RegionScope::default());
    }

    /// Closes a region scope: its blocks must all be defined, and when it
    /// closes an isolated scope, all forward references must be resolved.
    pub(crate) fn pop_scope(&mut self) -> ParseResult<()> {
        let scope = self.scopes.pop().expect("balanced scopes");
        if let Some(undefined) = scope.blocks.values().filter(|b| !b.defined).min_by_key(|b| loc_key(b.location)) {
            return Err(Diagnostic::error(undefined.location, "reference to an undefined block"));
        }
        if self.isolation_starts.last() == Some(&self.scopes.len()) {
            self.isolation_starts.pop();
            let refs = self.forward.pop().expect("balanced isolation");
            if let Some(((name, _), (_, location))) = refs.placeholders.iter().min_by_key(|(_, (_, l))| loc_key(*l)) {
                return Err(Diagnostic::error(*location, format!("use of undeclared SSA value name '{name}'")));
            }
        }
        Ok(())
    }

    /// The innermost visible definition of `name`. Like upstream, names
    /// above an isolated region are found too; the verifier then reports
    /// the isolation violation with a better message than "undeclared".
    fn lookup_value(&self, name: &str) -> Option<&Definition> {
        self.scopes.iter().rev().find_map(|s| s.values.get(name))
    }

    /// The value for a use `%name#number` of type `ty`: its definition if
    /// seen, a placeholder to be replaced later otherwise.
    pub(crate) fn resolve_use(&mut self, operand: &UnresolvedOperand<'s>, ty: Type) -> ParseResult<Value> {
        let name = operand.name;
        // A definition seen already, or a placeholder from an earlier use.
        let known = match self.lookup_value(name) {
            Some(def) => match def.values.get(operand.number as usize) {
                Some(&v) => Some((v, def.location)),
                None => return Err(Diagnostic::error(operand.location, "reference to invalid result number")),
            },
            None => self.forward.last().and_then(|f| f.placeholders.get(&(name, operand.number))).copied(),
        };
        if let Some((v, prior)) = known {
            let actual = self.ir.value_type(v);
            if actual != ty {
                let ctx = self.ctx();
                let message = format!(
                    "use of value '{name}' expects different type than prior uses: '{}' vs '{}'",
                    ctx.print_type(ty),
                    ctx.print_type(actual)
                );
                return Err(Diagnostic::error(operand.location, message).with_note(prior, "prior use here"));
            }
            return Ok(v);
        }
        let key = (name, operand.number);
        let placeholder_name = self.ctx().op_name("builtin.unresolved_forward_reference");
        let mut state = OperationState::new(placeholder_name, operand.location);
        state.result_types.push(ty);
        let op = self.ir.create_op(state);
        let v = self.ir.result(op, 0);
        self.forward.last_mut().expect("an isolated scope is open").placeholders.insert(key, (v, operand.location));
        Ok(v)
    }

    /// Binds `name` to `values` in the innermost scope, replacing pending
    /// forward references to it.
    pub(crate) fn define_values(&mut self, name: &'s str, values: SmallVec<[Value; 1]>, location: Location) -> ParseResult<()> {
        if let Some(prev) = self.scopes.last().and_then(|s| s.values.get(name)) {
            return Err(Diagnostic::error(location, format!("redefinition of SSA value '{name}'"))
                .with_note(prev.location, "previously defined here"));
        }
        if let Some(refs) = self.forward.last_mut() {
            let pending: Vec<(ForwardKey<'s>, (Value, Location))> =
                refs.placeholders.iter().filter(|((n, _), _)| *n == name).map(|(k, v)| (*k, *v)).collect();
            for (key, (placeholder, use_loc)) in pending {
                refs.placeholders.remove(&key);
                let Some(&real) = values.get(key.1 as usize) else {
                    return Err(Diagnostic::error(use_loc, "reference to invalid result number"));
                };
                let (expected, actual) = (self.ir.value_type(placeholder), self.ir.value_type(real));
                if expected != actual {
                    let ctx = self.ir.ctx();
                    return Err(Diagnostic::error(
                        location,
                        format!("definition of SSA value '{name}#{}' has type '{}'", key.1, ctx.print_type(actual)),
                    )
                    .with_note(use_loc, format!("previously used here with type '{}'", ctx.print_type(expected))));
                }
                let placeholder_op = self.ir.defining_op(placeholder).expect("placeholders are op results");
                self.ir.replace_all_uses(placeholder, real);
                self.ir.erase_op(placeholder_op);
            }
        }
        self.scopes.last_mut().expect("a scope is open").values.insert(name, Definition { values, location });
        Ok(())
    }

    /// The block named `name` in the current region, created on first mention.
    pub(crate) fn block_ref(&mut self, name: &'s str, location: Location) -> BlockId {
        if let Some(b) = self.scopes.last().and_then(|s| s.blocks.get(name)) {
            return b.block;
        }
        let block = self.ir.create_block(&[], Location::Unknown);
        self.scopes.last_mut().expect("a scope is open").blocks.insert(name, BlockRef { block, defined: false, location });
        block
    }

    // ---- operations ----

    /// Parses one operation (generic or custom form) with its result names.
    pub(crate) fn parse_operation(&mut self) -> ParseResult<OpId> {
        self.skip_trivia();
        let start = self.pos;
        let mut result_names: Vec<(&'s str, u32, Location)> = Vec::new();
        if self.peek_char() == Some('%') {
            let src: &'s str = self.src;
            if let Some((results, end)) = super::fast_path::result_list(src, self.pos) {
                for (name_start, name_end, count) in results {
                    result_names.push((&src[name_start..name_end], count, self.loc(name_start, name_end)));
                }
                self.pos = end;
            } else {
                self.parse_result_list_with_grammar(&mut result_names)?;
            }
        }
        let declared: u32 = result_names.iter().map(|r| r.1).sum();
        self.skip_trivia();
        let name_start = self.pos;
        let src: &'s str = self.src;
        let op = if let Some(end) = super::fast_path::bare_id_end(src, self.pos) {
            self.pos = end;
            self.parse_custom_op(&src[name_start..end], name_start, declared as usize)?
        } else {
            self.parse_named_generic_op(name_start)?
        };
        if let Some(location) = self.parse_optional_trailing_location()? {
            self.ir.op_mut(op).location = location;
        }

        let actual = self.ir.results(op).len() as u32;
        if !result_names.is_empty() && declared != actual {
            let message = if actual == 0 {
                "cannot name an operation with no results".to_string()
            } else {
                format!("operation defines {actual} results but was provided {declared} to bind")
            };
            return Err(Diagnostic::error(self.loc(start, name_start), message));
        }
        let mut next = 0usize;
        for (name, count, location) in result_names {
            let values: SmallVec<[Value; 1]> = self.ir.results(op)[next..next + count as usize].iter().copied().collect();
            next += count as usize;
            self.define_values(name, values, location)?;
        }
        Ok(op)
    }

    /// `%a, %b:2 =` through the grammar (for layouts the fast path does not
    /// take, and for its error messages).
    fn parse_result_list_with_grammar(&mut self, result_names: &mut Vec<(&'s str, u32, Location)>) -> ParseResult<()> {
        let pair = self.rule(Rule::op_result_list)?;
        for result in pair.into_inner() {
            let span = result.as_span();
            let location = self.span_loc(span);
            let mut inner = result.into_inner();
            let name = inner.next().expect("grammar").as_str();
            let count = match inner.next() {
                Some(n) => match n.as_str().parse::<u32>() {
                    Ok(c) if c > 0 => c,
                    _ => return Err(Diagnostic::error(location, "expected named operation to have at least 1 result")),
                },
                None => 1,
            };
            result_names.push((name, count, location));
        }
        Ok(())
    }

    /// `"name"(...)`: the generic form, after the op's results.
    fn parse_named_generic_op(&mut self, name_start: usize) -> ParseResult<OpId> {
        let pair = self.rule(Rule::op_name)?;
        let token = pair.into_inner().next().expect("grammar");
        if token.as_rule() != Rule::string_literal {
            return Err(Diagnostic::error(self.loc(name_start, self.pos), "expected operation name"));
        }
        let name =
            super::build::unescape_string(token.as_str()).map_err(|m| Diagnostic::error(self.loc(name_start, self.pos), m))?;
        self.parse_generic_op(&name, name_start)
    }

    /// The definition for a custom-form op name: exact, then in the default
    /// dialect of the enclosing op (`builtin` at top level), then a legacy
    /// alias (`addi`, `br`): `constant` inside `func.func` is `func.constant`.
    fn resolve_custom_name(&self, name: &str) -> Option<Arc<OpDefinition>> {
        let ctx = self.ctx();
        let find = |n: &str| ctx.existing_symbol(n).and_then(|_| ctx.op_definition(ctx.op_name(n)).cloned());
        if let Some(def) = find(name) {
            return Some(def);
        }
        let default = match self.enclosing_ops.last() {
            Some(d) => d.default_dialect,
            None => Some("builtin"),
        };
        if let Some(def) = default.and_then(|d| find(&format!("{d}.{name}"))) {
            return Some(def);
        }
        ctx.dialects().iter().find_map(|dialect| {
            let (_, target) = dialect.aliases.iter().find(|(alias, _)| *alias == name)?;
            find(target)
        })
    }

    fn parse_custom_op(&mut self, name: &'s str, name_start: usize, bound_results: usize) -> ParseResult<OpId> {
        let key = (name, self.enclosing_ops.last().map_or(Some("builtin"), |d| d.default_dialect));
        let resolved = match self.resolved_names.get(&key) {
            Some(def) => Some(def.clone()),
            None => self.resolve_custom_name(name),
        };
        if let Some(def) = &resolved {
            self.resolved_names.insert(key, def.clone());
        }
        let Some(def) = resolved else {
            let location = self.loc(name_start, name_start + name.len());
            let known_dialect = name.split_once('.').is_some_and(|(d, _)| self.ctx().dialect(d).is_some());
            let message = if name.contains('.') && !known_dialect && !self.ctx().allow_unregistered {
                format!("custom op '{name}' is unknown (dialect is not registered; use the generic form with --allow-unregistered-dialect)")
            } else {
                format!("custom op '{name}' is unknown")
            };
            return Err(Diagnostic::error(location, message));
        };
        if !def.has_custom_syntax() {
            return Err(Diagnostic::error(
                self.loc(name_start, name_start + name.len()),
                format!("operation '{}' has no custom assembly form; use the generic form", def.name),
            ));
        }
        let op_name = self.ctx().op_name(def.name);
        // Like upstream, an op is located at its name, not at its results.
        let location = self.loc(name_start, self.pos);
        let mut cursor = OpParser::new(self, OperationState::new(op_name, location), def.clone(), name, bound_results);
        match def.parse {
            Some(hook) => hook(&mut cursor)?,
            None => {
                let format = def.assembly_format().expect("checked by has_custom_syntax");
                format.parse(&mut cursor)?;
            }
        }
        let mut state = cursor.finish();
        def.add_default_attributes(self.ir.ctx(), &mut state.attributes);
        Ok(self.ir.create_op(state))
    }

    /// `"name"(%a)[^bb] <{props}> ({...}) {attrs} : (types) -> types`
    fn parse_generic_op(&mut self, name: &str, name_start: usize) -> ParseResult<OpId> {
        let ctx = self.ir.ctx_arc().clone();
        let op_name = ctx.op_name(name);
        let definition = ctx.op_definition(op_name).cloned();
        if definition.is_none() && !ctx.allow_unregistered {
            let dialect = name.split_once('.').map_or(name, |(d, _)| d);
            let message = if ctx.dialect(dialect).is_some() {
                format!("operation '{name}' is not registered in dialect '{dialect}'")
            } else {
                format!("operation being parsed with an unregistered dialect '{dialect}'. If this is intended, please use --allow-unregistered-dialect")
            };
            return Err(Diagnostic::error(self.loc(name_start, self.pos), message));
        }
        let mut state = OperationState::new(op_name, self.loc(name_start, self.pos));

        let operands_pair = self.rule(Rule::generic_operands)?;
        let operands: Vec<UnresolvedOperand<'s>> =
            operands_pair.into_inner().map(|p| self.unresolved(p)).collect::<ParseResult<_>>()?;

        if self.peek_str("[") {
            let list = self.rule(Rule::successor_list)?;
            for succ in list.into_inner() {
                let (block, args) = self.successor(succ)?;
                if !args.is_empty() {
                    return Err(Diagnostic::error(
                        self.here(),
                        "successor operands are not allowed in the generic form; use operandSegmentSizes-style operands",
                    ));
                }
                state.successors.push(block);
            }
        }
        if self.peek_str("<{") || self.peek_str("<") && self.src[self.pos + 1..].trim_start().starts_with('{') {
            self.expect("<")?;
            let props = self.rule(Rule::dictionary_attr)?;
            let entries = self.builder().dictionary(props).map_err(|e| self.build_error(e))?;
            self.expect(">")?;
            match &definition {
                Some(_) => state.attributes.extend(entries),
                None => state.properties = Some(Attribute::dictionary(&ctx, entries)),
            }
        }
        if self.peek_str("(") {
            self.expect("(")?;
            if let Some(def) = &definition {
                self.enclosing_ops.push(def.clone());
            }
            let isolated = definition.as_ref().is_some_and(|d| d.traits.contains(Traits::ISOLATED_FROM_ABOVE));
            loop {
                let region = self.parse_region_body(&[], isolated)?;
                state.regions.push(region);
                if !self.eat(",") {
                    break;
                }
            }
            if definition.is_some() {
                self.enclosing_ops.pop();
            }
            self.expect(")")?;
        }
        let attrs = self.parse_optional_attr_dict()?;
        for a in attrs {
            if state.attributes.iter().any(|e| e.name == a.name) {
                return Err(self.error_here(format!("duplicate attribute '{}'", ctx.str(a.name))));
            }
            state.attributes.push(a);
        }
        self.expect(":")?;
        let type_start = self.pos;
        let ty = self.parse_type()?;
        let Some((inputs, results)) = ty.function_parts(&ctx) else {
            return Err(Diagnostic::error(self.loc(type_start, self.pos), "expected function type"));
        };
        if inputs.len() != operands.len() {
            return Err(Diagnostic::error(
                self.loc(type_start, self.pos),
                format!(
                    "expected {} operand type{} but had {}",
                    operands.len(),
                    if operands.len() == 1 { "" } else { "s" },
                    inputs.len()
                ),
            ));
        }
        for (u, &t) in operands.iter().zip(inputs) {
            let v = self.resolve_use(u, t)?;
            state.operands.push(v);
        }
        state.result_types = results.to_vec();
        if let Some(def) = &definition {
            def.add_default_attributes(&ctx, &mut state.attributes);
        }
        Ok(self.ir.create_op(state))
    }

    /// A value use at the current position, read without pest when it is
    /// well formed.
    pub(crate) fn parse_value_use(&mut self) -> ParseResult<UnresolvedOperand<'s>> {
        self.skip_trivia();
        if let Some((name_end, number, end)) = super::fast_path::value_use(self.src, self.pos) {
            let src: &'s str = self.src;
            let operand = UnresolvedOperand { name: &src[self.pos..name_end], number, location: self.loc(self.pos, end) };
            self.pos = end;
            return Ok(operand);
        }
        let pair = self.rule(Rule::value_use)?;
        self.unresolved(pair)
    }

    pub(crate) fn unresolved(&self, pair: Pair<'s, Rule>) -> ParseResult<UnresolvedOperand<'s>> {
        let span = pair.as_span();
        let location = self.span_loc(span);
        let mut inner = pair.into_inner();
        let name = inner.next().expect("grammar").as_str();
        let number = match inner.next() {
            Some(n) => n.as_str().parse::<u32>().map_err(|_| Diagnostic::error(location, "invalid SSA value result number"))?,
            None => 0,
        };
        Ok(UnresolvedOperand { name, number, location })
    }

    /// `^bb1` or `^bb1(%a, %b : i32, i32)`: the block and its resolved operands.
    pub(crate) fn successor(&mut self, pair: Pair<'s, Rule>) -> ParseResult<(BlockId, Vec<Value>)> {
        let mut inner = pair.into_inner();
        let label = inner.next().expect("grammar");
        let span = label.as_span();
        let block = self.block_ref(label.as_str(), self.span_loc(span));
        let mut uses = Vec::new();
        let mut types = Vec::new();
        for p in inner {
            if p.as_rule() == Rule::value_use {
                uses.push(self.unresolved(p)?);
            } else {
                let span = p.as_span();
                let ty = self.builder().type_(p).map_err(|e| self.build_error(e))?;
                types.push((ty, span.start()));
            }
        }
        if uses.len() != types.len() {
            return Err(Diagnostic::error(self.span_loc(span), format!("expected {} types to match operand list", uses.len())));
        }
        let mut values = Vec::new();
        for (u, (t, _)) in uses.iter().zip(types) {
            values.push(self.resolve_use(u, t)?);
        }
        Ok((block, values))
    }

    // ---- regions and blocks ----

    /// `{ ops... ^bb1(...): ops... }`. `entry_arguments` are values already
    /// named by the op's custom syntax (e.g. function arguments), which
    /// become the entry block's arguments.
    pub(crate) fn parse_region_body(
        &mut self,
        entry_arguments: &[super::cursor::Argument<'s>],
        isolated: bool,
    ) -> ParseResult<RegionId> {
        self.expect("{")?;
        let region = self.ir.create_region(None);
        self.push_scope(isolated);
        let result = self.parse_blocks(region, entry_arguments);
        let closed = self.pop_scope();
        result?;
        closed?;
        Ok(region)
    }

    fn parse_blocks(&mut self, region: RegionId, entry_arguments: &[super::cursor::Argument<'s>]) -> ParseResult<()> {
        // The entry block is implicit unless the region starts with a label.
        let mut current = None;
        if !entry_arguments.is_empty() || !(self.peek_str("^") || self.peek_str("}")) {
            let block = self.ir.create_block(&[], Location::Unknown);
            for arg in entry_arguments {
                let v = self.ir.add_block_argument(block, arg.ty, arg.location);
                self.define_values(arg.name.name, SmallVec::from_elem(v, 1), arg.name.location)?;
            }
            self.ir.push_block(region, block);
            current = Some(block);
        }
        if !entry_arguments.is_empty() && self.peek_str("^") && self.ir.first_op(current.expect("created")).is_none() {
            return Err(self.error_here("invalid block name in region with named arguments"));
        }
        loop {
            if self.eat("}") {
                return Ok(());
            }
            if self.at_end() {
                return Err(self.error_here("expected '}' to end the region"));
            }
            if self.peek_str("^") {
                current = Some(self.parse_block_label(region)?);
                continue;
            }
            let op = self.parse_operation()?;
            let block = current.expect("an implicit entry block exists before any op");
            self.ir.append_op(block, op);
        }
    }

    fn parse_block_label(&mut self, region: RegionId) -> ParseResult<BlockId> {
        let pair = self.rule(Rule::block_label)?;
        let mut inner = pair.into_inner();
        let label = inner.next().expect("grammar");
        let span = label.as_span();
        let location = self.span_loc(span);
        let name = label.as_str();
        let block = self.block_ref(name, location);
        let entry = self.scopes.last_mut().expect("scope").blocks.get_mut(name).expect("just referenced");
        if entry.defined {
            return Err(Diagnostic::error(location, format!("redefinition of block '{name}'"))
                .with_note(entry.location, "previously defined here"));
        }
        entry.defined = true;
        entry.location = location;
        for arg in inner {
            let span = arg.as_span();
            let mut parts = arg.into_inner();
            let id = parts.next().expect("grammar");
            let ty = self.builder().type_(parts.next().expect("grammar")).map_err(|e| self.build_error(e))?;
            let mut arg_loc = self.span_loc(span);
            if let Some(l) = parts.next() {
                let data =
                    self.builder().location_data(l.into_inner().next().expect("grammar")).map_err(|e| self.build_error(e))?;
                arg_loc = Location::Attr(self.ctx().intern_attr(crate::attributes::AttrData::Location(data)));
            }
            let v = self.ir.add_block_argument(block, ty, arg_loc);
            let id_span = id.as_span();
            self.define_values(id.as_str(), SmallVec::from_elem(v, 1), self.span_loc(id_span))?;
        }
        self.ir.push_block(region, block);
        Ok(block)
    }
}

/// Orders locations by position, for reporting the first of several problems.
fn loc_key(l: Location) -> u32 {
    match l {
        Location::Source { start, .. } => start,
        _ => u32::MAX,
    }
}
