//! Turns pest parse trees of types, attributes, affine maps and locations
//! into uniqued context objects, resolving aliases and checking literal
//! ranges on the way.

use pest::iterators::Pair;

use crate::affine::{AffineBinaryKind, AffineExpr, AffineMap};
use crate::attributes::{AttrData, Attribute, DenseElements, NamedAttribute};
use crate::context::Context;
use crate::location::LocationData;
use crate::types::{FloatKind, Signedness, Type, TypeData, DYNAMIC};

use super::parser::Rule;

/// A failure while building, at a byte span relative to the parsed slice.
pub struct BuildError {
    pub start: usize,
    pub end: usize,
    pub message: String,
}

type Result<T> = std::result::Result<T, BuildError>;

fn error<T>(pair: &Pair<Rule>, message: impl Into<String>) -> Result<T> {
    let span = pair.as_span();
    Err(BuildError { start: span.start(), end: span.end(), message: message.into() })
}

/// Alias tables visible to the builder.
pub trait AliasLookup {
    fn type_alias(&self, name: &str) -> Option<Type>;
    fn attr_alias(&self, name: &str) -> Option<Attribute>;
}

pub struct Builder<'a> {
    pub ctx: &'a Context,
    pub aliases: &'a dyn AliasLookup,
}

/// The unescaped contents of a string literal (without quotes).
pub fn unescape_string(literal: &str) -> std::result::Result<String, String> {
    let body = &literal[1..literal.len() - 1];
    let mut out = Vec::with_capacity(body.len());
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied();
        match next {
            Some(b'\\') => out.push(b'\\'),
            Some(b'"') => out.push(b'"'),
            Some(b'n') => out.push(b'\n'),
            Some(b't') => out.push(b'\t'),
            Some(h) if h.is_ascii_hexdigit() => {
                let hex = body.get(i + 1..i + 3).ok_or("invalid escape in string literal")?;
                let byte = u8::from_str_radix(hex, 16).map_err(|_| "invalid escape in string literal")?;
                out.push(byte);
                i += 3;
                continue;
            }
            _ => return Err("unknown escape in string literal".into()),
        }
        i += 2;
    }
    // Escapes may spell arbitrary bytes; keep them lossless only when valid.
    String::from_utf8(out).map_err(|_| "string literal is not valid UTF-8 after unescaping".into())
}

impl<'a> Builder<'a> {
    // ---- types ----

    pub fn type_(&self, pair: Pair<Rule>) -> Result<Type> {
        let ctx = self.ctx;
        let mut pair = pair;
        while matches!(pair.as_rule(), Rule::r#type | Rule::type_attr) {
            pair = pair.into_inner().next().expect("grammar: a type has one child");
        }
        let data = match pair.as_rule() {
            Rule::integer_type => {
                let s = pair.as_str();
                let (signedness, digits) = if let Some(d) = s.strip_prefix("si") {
                    (Signedness::Signed, d)
                } else if let Some(d) = s.strip_prefix("ui") {
                    (Signedness::Unsigned, d)
                } else {
                    (Signedness::Signless, &s[1..])
                };
                let width: u32 = match digits.parse() {
                    Ok(w) if w <= 16_777_215 => w,
                    _ => return error(&pair, "invalid integer width"),
                };
                TypeData::Integer { width, signedness }
            }
            Rule::index_type => TypeData::Index,
            Rule::float_type => TypeData::Float(FloatKind::from_keyword(pair.as_str()).expect("grammar lists float kinds")),
            Rule::none_type => TypeData::None,
            Rule::complex_type => {
                let inner = self.type_(pair.into_inner().next().expect("grammar"))?;
                TypeData::Complex(inner)
            }
            Rule::tuple_type => TypeData::Tuple(pair.into_inner().map(|p| self.type_(p)).collect::<Result<_>>()?),
            Rule::function_type => {
                let mut inner = pair.into_inner();
                let inputs = self.type_list(inner.next().expect("grammar"))?;
                let results_pair = inner.next().expect("grammar").into_inner().next().expect("grammar");
                let results = if results_pair.as_rule() == Rule::type_list_parens {
                    self.type_list(results_pair)?
                } else {
                    vec![self.type_(results_pair)?]
                };
                TypeData::Function { inputs, results }
            }
            Rule::vector_type => {
                let mut inner = pair.clone().into_inner();
                let (shape, scalable) = self.dimensions(inner.next().expect("grammar"))?;
                if shape.contains(&DYNAMIC) {
                    return error(&pair, "expected static shape");
                }
                // `vector<f32>` is a 0-D vector; sizes must be positive.
                if let Some(&size) = shape.iter().find(|&&d| d <= 0) {
                    return error(&pair, format!("vector types must have positive constant sizes but got {size}"));
                }
                let element = self.type_(inner.next().expect("grammar"))?;
                TypeData::Vector { shape, scalable, element }
            }
            Rule::tensor_type => {
                let mut inner = pair.into_inner();
                let first = inner.next().expect("grammar");
                if first.as_rule() == Rule::unranked {
                    TypeData::UnrankedTensor { element: self.type_(inner.next().expect("grammar"))? }
                } else {
                    let (shape, scalable) = self.dimensions(first.clone())?;
                    if scalable.iter().any(|&s| s) {
                        return error(&first, "scalable dimensions are only allowed in vectors");
                    }
                    let element = self.type_(inner.next().expect("grammar"))?;
                    let encoding = inner.next().map(|p| self.attribute(p)).transpose()?;
                    TypeData::RankedTensor { shape, element, encoding }
                }
            }
            Rule::memref_type => {
                let mut inner = pair.into_inner();
                let first = inner.next().expect("grammar");
                if first.as_rule() == Rule::unranked {
                    let element = self.type_(inner.next().expect("grammar"))?;
                    let memory_space = inner.next().map(|p| self.attribute(p)).transpose()?;
                    return Ok(Type::unranked_memref(ctx, element, memory_space));
                } else {
                    let (shape, scalable) = self.dimensions(first.clone())?;
                    if scalable.iter().any(|&s| s) {
                        return error(&first, "scalable dimensions are only allowed in vectors");
                    }
                    let element = self.type_(inner.next().expect("grammar"))?;
                    let mut layout = None;
                    let mut memory_space = None;
                    for p in inner {
                        let attr = self.attribute(p)?;
                        // A layout is an affine map or strided layout; anything else is the memory space.
                        let is_layout = layout.is_none()
                            && memory_space.is_none()
                            && matches!(attr.data(ctx), AttrData::AffineMap(_) | AttrData::StridedLayout { .. });
                        if is_layout {
                            layout = Some(attr);
                        } else {
                            memory_space = Some(attr);
                        }
                    }
                    return Ok(Type::memref_with(ctx, shape, element, layout, memory_space));
                }
            }
            Rule::dialect_type => {
                let mut inner = pair.into_inner();
                let dialect = ctx.symbol(inner.next().expect("grammar").as_str());
                let body = inner.next().expect("grammar").as_str();
                TypeData::Dialect { dialect, body: body.into() }
            }
            Rule::type_alias => {
                let name = &pair.as_str()[1..];
                return match self.aliases.type_alias(name) {
                    Some(t) => Ok(t),
                    None => error(&pair, format!("undefined symbol alias id '{name}'")),
                };
            }
            _ => return error(&pair, "expected a type"),
        };
        Ok(ctx.intern_type(data))
    }

    pub fn type_list(&self, pair: Pair<Rule>) -> Result<Vec<Type>> {
        pair.into_inner().map(|p| self.type_(p)).collect()
    }

    fn dimensions(&self, pair: Pair<Rule>) -> Result<(Vec<i64>, Vec<bool>)> {
        let mut shape = Vec::new();
        let mut scalable = Vec::new();
        for d in pair.into_inner() {
            let (text, is_scalable) = match d.as_rule() {
                Rule::scalable_dim => (d.clone().into_inner().next().expect("grammar").as_str(), true),
                _ => (d.as_str(), false),
            };
            if text == "?" {
                shape.push(DYNAMIC);
            } else {
                match text.parse::<i64>() {
                    Ok(n) if n >= 0 => shape.push(n),
                    _ => return error(&d, "dimension size is too large"),
                }
            }
            scalable.push(is_scalable);
        }
        Ok((shape, scalable))
    }

    // ---- attributes ----

    pub fn attribute(&self, pair: Pair<Rule>) -> Result<Attribute> {
        let ctx = self.ctx;
        let pair = if pair.as_rule() == Rule::attribute { pair.into_inner().next().expect("grammar") } else { pair };
        let data = match pair.as_rule() {
            Rule::bool_attr => return Ok(Attribute::bool(ctx, pair.as_str() == "true")),
            Rule::unit_attr => AttrData::Unit,
            Rule::integer_attr | Rule::float_attr => {
                let mut inner = pair.clone().into_inner();
                let literal = inner.next().expect("grammar");
                let ty = match inner.next() {
                    Some(suffix) => self.type_(suffix.into_inner().next().expect("grammar"))?,
                    None if pair.as_rule() == Rule::integer_attr => Type::integer(ctx, 64),
                    None => Type::f64(ctx),
                };
                return self.number(&literal, ty);
            }
            Rule::string_attr => {
                let literal = pair.clone().into_inner().next().expect("grammar");
                match unescape_string(literal.as_str()) {
                    Ok(s) => AttrData::String(s.into()),
                    Err(m) => return error(&literal, m),
                }
            }
            Rule::array_attr => AttrData::Array(pair.into_inner().map(|p| self.attribute(p)).collect::<Result<_>>()?),
            Rule::dictionary_attr => return self.dictionary(pair).map(|entries| Attribute::dictionary(ctx, entries)),
            Rule::symbol_ref_attr => {
                let mut names = Vec::new();
                for p in pair.clone().into_inner() {
                    names.push(self.symbol_name(&p)?);
                }
                let root = names.remove(0);
                AttrData::SymbolRef { root: ctx.symbol(&root), nested: names.iter().map(|n| ctx.symbol(n)).collect() }
            }
            Rule::dense_attr => return self.dense(pair),
            Rule::dense_array_attr => {
                let mut inner = pair.into_inner();
                let element = self.type_(inner.next().expect("grammar"))?;
                let values = inner
                    .map(|p| {
                        let scalar = p.into_inner().next().expect("grammar");
                        self.scalar(&scalar, element)
                    })
                    .collect::<Result<_>>()?;
                AttrData::DenseArray { element, values }
            }
            Rule::affine_map_attr => AttrData::AffineMap(self.affine_map(pair.into_inner().next().expect("grammar"))?),
            Rule::strided_attr => {
                let mut strides = Vec::new();
                let mut offset = 0;
                let children: Vec<_> = pair.into_inner().collect();
                for (i, c) in children.iter().enumerate() {
                    let value = self.strided_value(c)?;
                    // The grammar places the offset last, after `offset:`.
                    if i == children.len() - 1 && self.offset_follows(c) {
                        offset = value;
                    } else {
                        strides.push(value);
                    }
                }
                AttrData::StridedLayout { offset, strides }
            }
            Rule::location_attr => AttrData::Location(self.location_data(pair.into_inner().next().expect("grammar"))?),
            Rule::dialect_attr => {
                let mut inner = pair.into_inner();
                let dialect = ctx.symbol(inner.next().expect("grammar").as_str());
                let body = inner.next().expect("grammar").as_str();
                AttrData::Dialect { dialect, body: body.into() }
            }
            Rule::attr_alias => {
                let name = &pair.as_str()[1..];
                return match self.aliases.attr_alias(name) {
                    Some(a) => Ok(a),
                    None => error(&pair, format!("undefined symbol alias id '{name}'")),
                };
            }
            Rule::type_attr => AttrData::Type(self.type_(pair)?),
            _ => return error(&pair, "expected attribute value"),
        };
        Ok(ctx.intern_attr(data))
    }

    /// Whether a strided dimension is the offset: the text before it ends with `offset:`.
    fn offset_follows(&self, pair: &Pair<Rule>) -> bool {
        let before = &pair.get_input()[..pair.as_span().start()];
        before.trim_end().strip_suffix(':').is_some_and(|b| b.trim_end().ends_with("offset"))
    }

    fn strided_value(&self, pair: &Pair<Rule>) -> Result<i64> {
        let text = pair.as_str();
        if text == "?" {
            return Ok(DYNAMIC);
        }
        match text.parse::<i64>() {
            Ok(v) => Ok(v),
            Err(_) => error(pair, "stride or offset is out of range"),
        }
    }

    pub fn symbol_name(&self, pair: &Pair<Rule>) -> Result<String> {
        let text = &pair.as_str()[1..];
        if text.starts_with('"') {
            unescape_string(text).or_else(|m| error(pair, m))
        } else {
            Ok(text.to_string())
        }
    }

    pub fn dictionary(&self, pair: Pair<Rule>) -> Result<Vec<NamedAttribute>> {
        let ctx = self.ctx;
        let mut entries: Vec<NamedAttribute> = Vec::new();
        for entry in pair.into_inner() {
            let mut inner = entry.into_inner();
            let name_pair = inner.next().expect("grammar");
            let name_tok = name_pair.clone().into_inner().next().expect("grammar");
            let name = if name_tok.as_rule() == Rule::string_literal {
                unescape_string(name_tok.as_str()).or_else(|m| error(&name_tok, m))?
            } else {
                name_tok.as_str().to_string()
            };
            if name.is_empty() {
                return error(&name_pair, "expected valid attribute name");
            }
            let value = match inner.next() {
                Some(v) => self.attribute(v)?,
                None => Attribute::unit(ctx),
            };
            let sym = ctx.symbol(&name);
            if entries.iter().any(|e| e.name == sym) {
                return error(&name_pair, format!("duplicate key '{name}' in dictionary attribute"));
            }
            entries.push(NamedAttribute { name: sym, value });
        }
        Ok(entries)
    }

    /// An integer or float literal of type `ty` (hex integers spell the bits of floats).
    fn number(&self, literal: &Pair<Rule>, ty: Type) -> Result<Attribute> {
        self.scalar(literal, ty)
    }

    /// A scalar literal (integer, float, bool) converted to an attribute of `ty`.
    pub fn scalar(&self, literal: &Pair<Rule>, ty: Type) -> Result<Attribute> {
        let ctx = self.ctx;
        let text = literal.as_str();
        match ty.data(ctx) {
            TypeData::Integer { width, signedness } => {
                if text == "true" || text == "false" {
                    if *width != 1 {
                        return error(literal, "expected integer literal");
                    }
                    return Ok(Attribute::integer(ctx, (text == "true") as i128, ty));
                }
                // A 128-bit signless or unsigned literal may use the whole
                // unsigned range; it is kept as the same bits.
                let wide = (*width == 128 && *signedness != Signedness::Signed)
                    .then(|| parse_unsigned(text).map(|bits| bits as i128))
                    .flatten();
                let value = parse_integer(text).or(wide).ok_or(()).or_else(|_| {
                    if text.contains('.') {
                        error(literal, "floating point value not valid for specified type")
                    } else {
                        error(literal, "integer constant out of range for attribute")
                    }
                })?;
                let value = fit_integer(value, *width, *signedness)
                    .ok_or(())
                    .or_else(|_| error(literal, "integer constant out of range for attribute"))?;
                Ok(Attribute::integer(ctx, value, ty))
            }
            TypeData::Index => {
                let value = parse_integer(text)
                    .filter(|v| i64::try_from(*v).is_ok())
                    .ok_or(())
                    .or_else(|_| error(literal, "integer constant out of range for attribute"))?;
                Ok(Attribute::integer(ctx, value, ty))
            }
            TypeData::Float(kind) => {
                if let Some(hex) = text.strip_prefix("0x") {
                    let bits = u128::from_str_radix(hex, 16).ok().filter(|b| kind.width() >= 128 || *b >> kind.width() == 0);
                    let Some(bits) = bits else {
                        return error(literal, "hexadecimal float constant out of range for type");
                    };
                    let value = crate::float::from_bits(*kind, bits)
                        .ok_or(())
                        .or_else(|_| error(literal, "hexadecimal float literal not supported for this type"))?;
                    return Ok(Attribute::float(ctx, value, ty));
                }
                if text == "true" || text == "false" {
                    return error(literal, "expected floating point literal");
                }
                match text.parse::<f64>() {
                    Ok(v) => Ok(Attribute::float(ctx, crate::float::round_to(*kind, v), ty)),
                    Err(_) => error(literal, "invalid floating point literal"),
                }
            }
            _ => error(literal, "expected integer or floating point type for this literal"),
        }
    }

    fn dense(&self, pair: Pair<Rule>) -> Result<Attribute> {
        let ctx = self.ctx;
        let whole = pair.clone();
        let mut inner: Vec<Pair<Rule>> = pair.into_inner().collect();
        let ty_pair = inner.pop().expect("grammar: dense has a type");
        let ty = self.type_(ty_pair.clone())?;
        let (Some(element), Some(shape)) = (ty.shaped_element(ctx), ty.shape(ctx).map(|s| s.to_vec())) else {
            return error(&ty_pair, "elements literal type must be a static shaped type");
        };
        if shape.contains(&DYNAMIC) {
            return error(&ty_pair, "elements literal type must have static shape");
        }
        let count: i128 = shape.iter().map(|&d| d as i128).product();
        let elements = match inner.pop() {
            None => {
                if count != 0 {
                    return error(&whole, format!("parsed zero elements, but type ({}) expected at least 1", ctx.print_type(ty)));
                }
                DenseElements::Elements(Vec::new())
            }
            Some(p) if p.as_rule() == Rule::string_literal => {
                let hex = &p.as_str()[1..p.as_str().len() - 1];
                match self.decode_hex_elements(hex, element, count) {
                    Some(values) if values.windows(2).all(|w| w[0] == w[1]) && !values.is_empty() => {
                        DenseElements::Splat(values[0])
                    }
                    Some(values) => DenseElements::Elements(values),
                    None => DenseElements::Hex(hex.into()),
                }
            }
            Some(literal) => {
                let mut dims = Vec::new();
                let mut flat = Vec::new();
                self.dense_literal(literal.clone(), element, 0, &mut dims, &mut flat)?;
                // One value for every element is stored as a splat, as upstream does.
                if dims.is_empty() || flat.windows(2).all(|w| w[0] == w[1]) && !flat.is_empty() {
                    DenseElements::Splat(flat[0])
                } else {
                    if dims != shape {
                        let got = dims.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ");
                        let want = shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ");
                        return error(
                            &literal,
                            format!("inferred shape of elements literal ([{got}]) does not match type ([{want}])"),
                        );
                    }
                    DenseElements::Elements(flat)
                }
            }
        };
        Ok(ctx.intern_attr(AttrData::DenseElements { ty, elements }))
    }

    /// The elements spelled by `dense<"0x...">`: little-endian values of the
    /// element type, one per element or a single splat value. `None` when
    /// the element type is not a byte-sized integer or a float we compute
    /// with (the hex text is then kept as written).
    fn decode_hex_elements(&self, hex: &str, element: Type, count: i128) -> Option<Vec<Attribute>> {
        let ctx = self.ctx;
        let digits = hex.strip_prefix("0x")?;
        let bytes: Vec<u8> =
            (0..digits.len() / 2).map(|i| u8::from_str_radix(digits.get(2 * i..2 * i + 2)?, 16).ok()).collect::<Option<_>>()?;
        let (width, float) = match element.data(ctx) {
            TypeData::Integer { width, .. } if *width % 8 == 0 && *width <= 64 => (*width as usize / 8, None),
            TypeData::Float(kind) if crate::float::from_bits(*kind, 0).is_some() => (kind.width() as usize / 8, Some(*kind)),
            _ => return None,
        };
        if !bytes.len().is_multiple_of(width) || (bytes.len() / width) as i128 != count && bytes.len() != width {
            return None;
        }
        let values = bytes
            .chunks(width)
            .map(|chunk| {
                let bits = chunk.iter().rev().fold(0u128, |acc, &b| (acc << 8) | b as u128);
                match float {
                    Some(kind) => Attribute::float(ctx, crate::float::from_bits(kind, bits).unwrap_or(0.0), element),
                    None => {
                        let signless = match element.data(ctx) {
                            TypeData::Integer { signedness, .. } => *signedness,
                            _ => Signedness::Signless,
                        };
                        let value = fit_integer(bits as i128, width as u32 * 8, signless).unwrap_or(bits as i128);
                        Attribute::integer(ctx, value, element)
                    }
                }
            })
            .collect();
        Some(values)
    }

    /// Flattens a nested literal, recording its shape in `dims`.
    fn dense_literal(
        &self,
        pair: Pair<Rule>,
        element: Type,
        depth: usize,
        dims: &mut Vec<i64>,
        flat: &mut Vec<Attribute>,
    ) -> Result<()> {
        let children: Vec<Pair<Rule>> = pair.clone().into_inner().collect();
        if children.len() == 1 && children[0].as_rule() == Rule::dense_scalar {
            if depth < dims.len() {
                return error(&pair, "tensor literal is invalid; ranks are not consistent between elements");
            }
            let scalar = children[0].clone().into_inner().next().expect("grammar");
            if scalar.as_rule() == Rule::complex_literal {
                return error(&scalar, "complex dense literals are not supported yet");
            }
            flat.push(self.scalar(&scalar, element)?);
            return Ok(());
        }
        // A nested list: the first list at each depth fixes that dimension.
        if depth == dims.len() {
            dims.push(children.len() as i64);
        } else if dims[depth] != children.len() as i64 {
            return error(&pair, "tensor literal is invalid; ranks are not consistent between elements");
        }
        for c in children {
            self.dense_literal(c, element, depth + 1, dims, flat)?;
        }
        Ok(())
    }

    // ---- affine maps ----

    pub fn affine_map(&self, pair: Pair<Rule>) -> Result<AffineMap> {
        let mut inner = pair.into_inner();
        let dims: Vec<String> = inner.next().expect("grammar").into_inner().map(|p| p.as_str().to_string()).collect();
        let mut symbols = Vec::new();
        let mut results = Vec::new();
        for p in inner {
            match p.as_rule() {
                Rule::affine_symbols => symbols = p.into_inner().map(|s| s.as_str().to_string()).collect(),
                _ => results.push(self.affine_expr(p, &dims, &symbols)?),
            }
        }
        Ok(AffineMap { num_dims: dims.len() as u32, num_symbols: symbols.len() as u32, results })
    }

    fn affine_expr(&self, pair: Pair<Rule>, dims: &[String], symbols: &[String]) -> Result<AffineExpr> {
        match pair.as_rule() {
            Rule::affine_expr => {
                let mut inner = pair.into_inner();
                let mut acc = self.affine_expr(inner.next().expect("grammar"), dims, symbols)?;
                while let Some(op) = inner.next() {
                    let rhs = self.affine_expr(inner.next().expect("grammar"), dims, symbols)?;
                    acc = if op.as_str() == "+" { AffineExpr::sum(acc, rhs) } else { AffineExpr::difference(acc, rhs) };
                }
                Ok(acc)
            }
            Rule::affine_term => {
                let mut inner = pair.into_inner();
                let mut acc = self.affine_expr(inner.next().expect("grammar"), dims, symbols)?;
                while let Some(op) = inner.next() {
                    let rhs_pair = inner.next().expect("grammar");
                    let rhs = self.affine_expr(rhs_pair.clone(), dims, symbols)?;
                    acc = match op.as_str() {
                        "*" => {
                            if !acc.is_symbolic_or_constant() && !rhs.is_symbolic_or_constant() {
                                return error(&rhs_pair, "non-affine expression: at least one of the multiply operands has to be either a constant or symbolic");
                            }
                            AffineExpr::product(acc, rhs)
                        }
                        word => {
                            if !rhs.is_symbolic_or_constant() {
                                return error(
                                    &rhs_pair,
                                    format!(
                                        "non-affine expression: right operand of {word} has to be either a constant or symbolic"
                                    ),
                                );
                            }
                            let kind = match word {
                                "mod" => AffineBinaryKind::Mod,
                                "floordiv" => AffineBinaryKind::FloorDiv,
                                _ => AffineBinaryKind::CeilDiv,
                            };
                            AffineExpr::div_like(kind, acc, rhs)
                        }
                    };
                }
                Ok(acc)
            }
            Rule::affine_unary => {
                let mut inner = pair.into_inner();
                let first = inner.next().expect("grammar");
                if first.as_rule() == Rule::affine_neg {
                    let operand = self.affine_expr(inner.next().expect("grammar"), dims, symbols)?;
                    Ok(AffineExpr::product(operand, AffineExpr::Constant(-1)))
                } else {
                    self.affine_expr(first, dims, symbols)
                }
            }
            Rule::affine_atom => {
                let child = pair.into_inner().next().expect("grammar");
                match child.as_rule() {
                    Rule::decimal => match child.as_str().parse::<i64>() {
                        Ok(v) => Ok(AffineExpr::Constant(v)),
                        Err(_) => error(&child, "constant too large for index"),
                    },
                    Rule::affine_dim_id => {
                        let name = child.as_str();
                        if let Some(i) = dims.iter().position(|d| d == name) {
                            Ok(AffineExpr::Dim(i as u32))
                        } else if let Some(i) = symbols.iter().position(|s| s == name) {
                            Ok(AffineExpr::Symbol(i as u32))
                        } else {
                            error(&child, format!("use of undeclared identifier '{name}'"))
                        }
                    }
                    _ => self.affine_expr(child, dims, symbols),
                }
            }
            _ => error(&pair, "expected affine expression"),
        }
    }

    // ---- locations ----

    pub fn location_data(&self, pair: Pair<Rule>) -> Result<LocationData> {
        let ctx = self.ctx;
        let pair = if pair.as_rule() == Rule::location { pair.into_inner().next().expect("grammar") } else { pair };
        let loc_attr = |p: Pair<Rule>| -> Result<Attribute> {
            let d = self.location_data(p)?;
            Ok(ctx.intern_attr(AttrData::Location(d)))
        };
        Ok(match pair.as_rule() {
            Rule::unknown_loc => LocationData::Unknown,
            Rule::file_loc => {
                let mut inner = pair.clone().into_inner();
                let file = unescape_string(inner.next().expect("grammar").as_str()).or_else(|m| error(&pair, m))?;
                let mut num = || -> Result<u32> {
                    let p = inner.next().expect("grammar");
                    p.as_str().parse().or_else(|_| error(&p, "expected integer line or column number"))
                };
                let line = num()?;
                let col = num()?;
                LocationData::FileLineCol { file: ctx.symbol(&file), line, col }
            }
            Rule::name_loc => {
                let mut inner = pair.clone().into_inner();
                let name = unescape_string(inner.next().expect("grammar").as_str()).or_else(|m| error(&pair, m))?;
                let child = inner.next().map(loc_attr).transpose()?;
                LocationData::Name { name: ctx.symbol(&name), child }
            }
            Rule::fused_loc => {
                let mut metadata = None;
                let mut locations = Vec::new();
                for p in pair.into_inner() {
                    if p.as_rule() == Rule::attribute {
                        metadata = Some(self.attribute(p)?);
                    } else {
                        locations.push(loc_attr(p)?);
                    }
                }
                LocationData::Fused { locations, metadata }
            }
            Rule::callsite_loc => {
                let mut inner = pair.into_inner();
                let callee = loc_attr(inner.next().expect("grammar"))?;
                let caller = loc_attr(inner.next().expect("grammar"))?;
                LocationData::CallSite { callee, caller }
            }
            Rule::attr_alias => {
                let attr = self.attribute(pair.clone())?;
                match attr.data(ctx) {
                    AttrData::Location(d) => d.clone(),
                    _ => return error(&pair, "expected location attribute"),
                }
            }
            _ => return error(&pair, "expected location"),
        })
    }
}

/// Parses a decimal or `0x` hex integer literal with optional minus sign.
/// A non-negative decimal or `0x` literal as up to 128 bits.
fn parse_unsigned(text: &str) -> Option<u128> {
    match text.strip_prefix("0x") {
        Some(hex) => u128::from_str_radix(hex, 16).ok(),
        None => text.parse::<u128>().ok(),
    }
}

pub fn parse_integer(text: &str) -> Option<i128> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let magnitude = match digits.strip_prefix("0x") {
        Some(hex) => u128::from_str_radix(hex, 16).ok()?,
        None => digits.parse::<u128>().ok()?,
    };
    if negative {
        if magnitude > i128::MAX as u128 + 1 {
            return None;
        }
        Some((magnitude as i128).wrapping_neg())
    } else {
        i128::try_from(magnitude).ok()
    }
}

/// Checks that `value` fits in an integer of `width` bits and returns it
/// sign-extended (signless/signed) or zero-extended (unsigned). Signless
/// integers accept both the signed and unsigned range, as MLIR does.
pub fn fit_integer(value: i128, width: u32, signedness: Signedness) -> Option<i128> {
    if width == 0 {
        return (value == 0).then_some(0);
    }
    if width >= 128 {
        return (width == 128 || signedness != Signedness::Unsigned || value >= 0).then_some(value);
    }
    let min_signed = -(1i128 << (width - 1));
    let max_signed = (1i128 << (width - 1)) - 1;
    let max_unsigned = (1i128 << width) - 1;
    match signedness {
        Signedness::Signed => (min_signed..=max_signed).contains(&value).then_some(value),
        Signedness::Unsigned => (0..=max_unsigned).contains(&value).then_some(value),
        Signedness::Signless => {
            if (min_signed..=max_signed).contains(&value) {
                Some(value)
            } else if (0..=max_unsigned).contains(&value) {
                // Reinterpret as the signed value with the same bits.
                Some(value - (1i128 << width))
            } else {
                None
            }
        }
    }
}

/// An integer attribute of `ty` holding `value`, if the value fits the type
/// (as a literal of that type would be checked).
pub fn integer_of_type(ctx: &Context, value: i128, ty: Type) -> Option<Attribute> {
    let fitted = match ty.data(ctx) {
        TypeData::Integer { width, signedness } => fit_integer(value, *width, *signedness)?,
        TypeData::Index => i64::try_from(value).ok()? as i128,
        _ => return None,
    };
    Some(Attribute::integer(ctx, fitted, ty))
}
