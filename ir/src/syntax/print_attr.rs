//! The textual form of types and attributes, as upstream MLIR prints them.

use std::cell::RefCell;
use std::fmt::Write;

use rustc_hash::FxHashMap;

use crate::attributes::{AttrData, Attribute, DenseElements};
use crate::context::Context;
use crate::location::LocationData;
use crate::types::{Signedness, Type, TypeData, DYNAMIC};

/// Attributes printed through an alias (`#map`), by the name to print.
pub type AttrAliases = FxHashMap<Attribute, String>;

/// Whether `name` can be printed without quotes as a bare identifier.
pub fn is_bare_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.'))
}

/// Whether `name` can follow `@` without quotes.
fn is_symbol_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || matches!(c, '_' | '$' | '.' | '-'))
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.' | '-'))
}

/// A string literal with MLIR's escapes.
pub fn quote(out: &mut String, s: &str) {
    out.push('"');
    for b in s.bytes() {
        match b {
            b'"' => out.push_str("\\22"),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\0A"),
            b'\t' => out.push_str("\\09"),
            0x20..=0x7e => out.push(b as char),
            // Like LLVM's printEscapedString: every other byte as two hex digits.
            _ => {
                let _ = write!(out, "\\{b:02X}");
            }
        }
    }
    out.push('"');
}

pub fn write_symbol_name(out: &mut String, name: &str) {
    out.push('@');
    if is_symbol_identifier(name) {
        out.push_str(name);
    } else {
        quote(out, name);
    }
}

pub struct AttrWriter<'a> {
    pub ctx: &'a Context,
    pub aliases: Option<&'a AttrAliases>,
    /// Collects, in order of first printing, the affine maps that get an
    /// alias (the printer's dry run, which finds what is really printed).
    pub printed_maps: Option<&'a RefCell<Vec<Attribute>>>,
}

impl AttrWriter<'_> {
    pub fn type_(&self, out: &mut String, ty: Type) {
        let ctx = self.ctx;
        match ty.data(ctx) {
            TypeData::Integer { width, signedness } => {
                let prefix = match signedness {
                    Signedness::Signless => "i",
                    Signedness::Signed => "si",
                    Signedness::Unsigned => "ui",
                };
                let _ = write!(out, "{prefix}{width}");
            }
            TypeData::Index => out.push_str("index"),
            TypeData::Float(kind) => out.push_str(kind.keyword()),
            TypeData::None => out.push_str("none"),
            TypeData::Complex(t) => {
                out.push_str("complex<");
                self.type_(out, *t);
                out.push('>');
            }
            TypeData::Tuple(items) => {
                out.push_str("tuple<");
                self.type_list(out, items);
                out.push('>');
            }
            TypeData::Function { inputs, results } => {
                out.push('(');
                self.type_list(out, inputs);
                out.push_str(") -> ");
                self.function_results(out, results);
            }
            TypeData::Vector { shape, scalable, element } => {
                out.push_str("vector<");
                for (d, s) in shape.iter().zip(scalable) {
                    if *s {
                        let _ = write!(out, "[{d}]x");
                    } else {
                        let _ = write!(out, "{d}x");
                    }
                }
                self.type_(out, *element);
                out.push('>');
            }
            TypeData::RankedTensor { shape, element, encoding } => {
                out.push_str("tensor<");
                write_shape(out, shape);
                self.type_(out, *element);
                if let Some(e) = encoding {
                    out.push_str(", ");
                    self.attr(out, *e);
                }
                out.push('>');
            }
            TypeData::UnrankedTensor { element } => {
                out.push_str("tensor<*x");
                self.type_(out, *element);
                out.push('>');
            }
            TypeData::MemRef { shape, element, layout, memory_space } => {
                out.push_str("memref<");
                write_shape(out, shape);
                self.type_(out, *element);
                if let Some(l) = layout {
                    out.push_str(", ");
                    self.attr(out, *l);
                }
                if let Some(m) = memory_space {
                    out.push_str(", ");
                    self.memory_space(out, *m);
                }
                out.push('>');
            }
            TypeData::UnrankedMemRef { element, memory_space } => {
                out.push_str("memref<*x");
                self.type_(out, *element);
                if let Some(m) = memory_space {
                    out.push_str(", ");
                    self.memory_space(out, *m);
                }
                out.push('>');
            }
            TypeData::Dialect { dialect, body } => {
                out.push('!');
                out.push_str(ctx.str(*dialect));
                if !body.starts_with('<') {
                    out.push('.');
                }
                out.push_str(body);
            }
        }
    }

    /// A memory space: integer spaces are written without their `i64` type.
    fn memory_space(&self, out: &mut String, space: Attribute) {
        match space.data(self.ctx) {
            AttrData::Integer { value, ty } if ty.is_signless_int_of_width(self.ctx, 64) => {
                let _ = write!(out, "{value}");
            }
            _ => self.attr(out, space),
        }
    }

    /// Results of a function type: a lone non-function type without parentheses.
    pub fn function_results(&self, out: &mut String, results: &[Type]) {
        if results.len() == 1 && !matches!(results[0].data(self.ctx), TypeData::Function { .. }) {
            self.type_(out, results[0]);
        } else {
            out.push('(');
            self.type_list(out, results);
            out.push(')');
        }
    }

    pub fn type_list(&self, out: &mut String, types: &[Type]) {
        for (i, t) in types.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.type_(out, *t);
        }
    }

    /// An attribute; `elide_type` drops the `: type` of a typed attribute
    /// (used where the type is implied, e.g. elements of dense literals).
    pub fn attr(&self, out: &mut String, attr: Attribute) {
        if let Some(alias) = self.aliases.and_then(|a| a.get(&attr)) {
            out.push('#');
            out.push_str(alias);
            return;
        }
        let ctx = self.ctx;
        if let (Some(maps), AttrData::AffineMap(_)) = (self.printed_maps, attr.data(ctx)) {
            let mut maps = maps.borrow_mut();
            if !maps.contains(&attr) {
                maps.push(attr);
            }
        }
        match attr.data(ctx) {
            AttrData::Unit => out.push_str("unit"),
            AttrData::Integer { ty, .. } if ty.is_signless_int_of_width(ctx, 1) => self.scalar(out, attr),
            AttrData::Integer { ty, .. } | AttrData::Float { ty, .. } => {
                self.scalar(out, attr);
                out.push_str(" : ");
                self.type_(out, *ty);
            }
            AttrData::String(s) => quote(out, s),
            AttrData::Array(items) => {
                out.push('[');
                for (i, a) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.array_element(out, *a);
                }
                out.push(']');
            }
            AttrData::Dictionary(entries) => {
                out.push('{');
                for (i, e) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.named(out, e.name, e.value);
                }
                out.push('}');
            }
            AttrData::Type(t) => self.type_(out, *t),
            AttrData::SymbolRef { root, nested } => {
                write_symbol_name(out, ctx.str(*root));
                for n in nested {
                    out.push_str("::");
                    write_symbol_name(out, ctx.str(*n));
                }
            }
            AttrData::DenseElements { ty, elements } => {
                out.push_str("dense<");
                match elements {
                    DenseElements::Splat(v) => self.scalar(out, *v),
                    DenseElements::Hex(h) => {
                        out.push('"');
                        out.push_str(h);
                        out.push('"');
                    }
                    DenseElements::Elements(items) if items.is_empty() => {}
                    DenseElements::Elements(items) => {
                        let shape = ty.shape(ctx).unwrap_or(&[]).to_vec();
                        self.nested_elements(out, &shape, items);
                    }
                }
                out.push_str("> : ");
                self.type_(out, *ty);
            }
            AttrData::DenseArray { element, values } => {
                out.push_str("array<");
                self.type_(out, *element);
                if !values.is_empty() {
                    out.push_str(": ");
                    for (i, v) in values.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        self.scalar(out, *v);
                    }
                }
                out.push('>');
            }
            AttrData::AffineMap(map) => {
                let _ = write!(out, "affine_map<{map}>");
            }
            AttrData::StridedLayout { offset, strides } => {
                out.push_str("strided<[");
                for (i, s) in strides.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_dim_or_dynamic(out, *s);
                }
                out.push(']');
                if *offset != 0 {
                    out.push_str(", offset: ");
                    write_dim_or_dynamic(out, *offset);
                }
                out.push('>');
            }
            AttrData::Location(data) => {
                out.push_str("loc(");
                self.location(out, data);
                out.push(')');
            }
            AttrData::Dialect { dialect, body } => {
                out.push('#');
                out.push_str(ctx.str(*dialect));
                if !body.starts_with('<') {
                    out.push('.');
                }
                out.push_str(body);
            }
        }
    }

    /// An array element: like upstream, `i64` integers and `f64` floats
    /// leave out their type there (their type is the default one).
    fn array_element(&self, out: &mut String, attr: Attribute) {
        let ctx = self.ctx;
        let default_typed = match attr.data(ctx) {
            AttrData::Integer { ty, .. } => ty.is_signless_int_of_width(ctx, 64),
            AttrData::Float { ty, .. } => {
                matches!(ty.data(ctx), TypeData::Float(crate::types::FloatKind::F64))
            }
            _ => false,
        };
        let aliased = self.aliases.is_some_and(|a| a.contains_key(&attr));
        if default_typed && !aliased {
            self.scalar(out, attr);
        } else {
            self.attr(out, attr);
        }
    }

    /// `name = value`, or just `name` for a unit attribute.
    pub fn named(&self, out: &mut String, name: crate::context::Symbol, value: Attribute) {
        let name = self.ctx.str(name);
        if is_bare_identifier(name) {
            out.push_str(name);
        } else {
            quote(out, name);
        }
        if !matches!(value.data(self.ctx), AttrData::Unit) {
            out.push_str(" = ");
            self.attr(out, value);
        }
    }

    /// The value of an integer, float or bool attribute without its type.
    pub fn scalar(&self, out: &mut String, attr: Attribute) {
        let ctx = self.ctx;
        match attr.data(ctx) {
            AttrData::Integer { value, ty } => match ty.data(ctx) {
                TypeData::Integer { width: 1, signedness: Signedness::Signless } => {
                    out.push_str(if *value != 0 { "true" } else { "false" })
                }
                TypeData::Integer { width, signedness: Signedness::Unsigned } if *width < 128 => {
                    let _ = write!(out, "{}", (*value as u128) & ((1u128 << width) - 1));
                }
                _ => {
                    let _ = write!(out, "{value}");
                }
            },
            AttrData::Float { bits, ty } => {
                let kind = match ty.data(ctx) {
                    TypeData::Float(k) => *k,
                    _ => crate::types::FloatKind::F64,
                };
                out.push_str(&crate::float::format(kind, f64::from_bits(*bits)));
            }
            _ => self.attr(out, attr),
        }
    }

    fn nested_elements(&self, out: &mut String, shape: &[i64], items: &[Attribute]) {
        if shape.is_empty() {
            if let Some(v) = items.first() {
                self.scalar(out, *v);
            }
            return;
        }
        out.push('[');
        let inner: usize = shape[1..].iter().map(|&d| d.max(0) as usize).product();
        for i in 0..shape[0].max(0) as usize {
            if i > 0 {
                out.push_str(", ");
            }
            let start = (i * inner).min(items.len());
            let end = ((i + 1) * inner).min(items.len());
            self.nested_elements(out, &shape[1..], &items[start..end]);
        }
        out.push(']');
    }

    pub fn location(&self, out: &mut String, data: &LocationData) {
        let ctx = self.ctx;
        let inner = |out: &mut String, a: Attribute| match a.data(ctx) {
            AttrData::Location(d) => self.location(out, d),
            _ => self.attr(out, a),
        };
        match data {
            LocationData::Unknown => out.push_str("unknown"),
            LocationData::FileLineCol { file, line, col } => {
                quote(out, ctx.str(*file));
                let _ = write!(out, ":{line}:{col}");
            }
            LocationData::Name { name, child } => {
                quote(out, ctx.str(*name));
                if let Some(c) = child {
                    out.push('(');
                    inner(out, *c);
                    out.push(')');
                }
            }
            LocationData::Fused { locations, metadata } => {
                out.push_str("fused");
                if let Some(m) = metadata {
                    out.push('<');
                    self.attr(out, *m);
                    out.push('>');
                }
                out.push('[');
                for (i, l) in locations.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    inner(out, *l);
                }
                out.push(']');
            }
            LocationData::CallSite { callee, caller } => {
                out.push_str("callsite(");
                inner(out, *callee);
                out.push_str(" at ");
                inner(out, *caller);
                out.push(')');
            }
        }
    }
}

fn write_shape(out: &mut String, shape: &[i64]) {
    for &d in shape {
        write_dim_or_dynamic(out, d);
        out.push('x');
    }
}

fn write_dim_or_dynamic(out: &mut String, d: i64) {
    if d == DYNAMIC {
        out.push('?');
    } else {
        let _ = write!(out, "{d}");
    }
}

impl Context {
    /// The text of a type, without aliases.
    pub fn print_type(&self, ty: Type) -> String {
        let mut out = String::new();
        AttrWriter { ctx: self, aliases: None, printed_maps: None }.type_(&mut out, ty);
        out
    }

    /// The text of an attribute, without aliases.
    pub fn print_attr(&self, attr: Attribute) -> String {
        let mut out = String::new();
        AttrWriter { ctx: self, aliases: None, printed_maps: None }.attr(&mut out, attr);
        out
    }
}
