//! Builtin attributes: the compile-time constants that ops carry (integers,
//! floats, strings, arrays, dictionaries, types, symbol references, dense
//! elements, affine maps, locations), plus opaque dialect attributes.
//!
//! Like types, attributes are uniqued in the context: an [`Attribute`] is an
//! index, equality is an integer compare.

use crate::affine::AffineMap;
use crate::context::{Context, Symbol};
use crate::location::LocationData;
use crate::types::Type;

/// A uniqued attribute.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Attribute(pub(crate) u32);

/// A `name = value` entry of an attribute dictionary.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct NamedAttribute {
    pub name: Symbol,
    pub value: Attribute,
}

/// Contents of a `dense<...>` elements attribute.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum DenseElements {
    /// One value for every element: `dense<1.0>`.
    Splat(Attribute),
    /// Every element in row-major order, each an integer/float/bool attribute.
    Elements(Vec<Attribute>),
    /// The raw hex form `dense<"0xDEADBEEF">`, kept as written.
    Hex(Box<str>),
}

/// The structure of an attribute.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum AttrData {
    Unit,
    /// An integer of an integer or index type; the value is kept
    /// sign-extended to 128 bits (wider integer types are rejected by the parser).
    Integer {
        value: i128,
        ty: Type,
    },
    /// A float of a float type, kept as the bits of an `f64`.
    Float {
        bits: u64,
        ty: Type,
    },
    String(Box<str>),
    Array(Vec<Attribute>),
    /// Entries sorted by name, as MLIR keeps them.
    Dictionary(Vec<NamedAttribute>),
    Type(Type),
    /// `@root::@nested::@leaf`.
    SymbolRef {
        root: Symbol,
        nested: Vec<Symbol>,
    },
    DenseElements {
        ty: Type,
        elements: DenseElements,
    },
    /// `array<i64: 1, 2>`: integer or float scalars of `element` type.
    DenseArray {
        element: Type,
        values: Vec<Attribute>,
    },
    AffineMap(AffineMap),
    StridedLayout {
        offset: i64,
        strides: Vec<i64>,
    },
    Location(LocationData),
    /// An attribute of a dialect, kept as its spelling after `#dialect.`:
    /// `#arith.fastmath<fast>` is dialect `arith`, body `fastmath<fast>`.
    Dialect {
        dialect: Symbol,
        body: Box<str>,
    },
}

impl Attribute {
    pub fn data(self, ctx: &Context) -> &AttrData {
        ctx.attr_data(self)
    }

    pub fn unit(ctx: &Context) -> Attribute {
        ctx.intern_attr(AttrData::Unit)
    }
    pub fn bool(ctx: &Context, value: bool) -> Attribute {
        // Like upstream's BoolAttr: an `i1` integer.
        Attribute::integer(ctx, value as i128, Type::integer(ctx, 1))
    }
    pub fn integer(ctx: &Context, value: i128, ty: Type) -> Attribute {
        ctx.intern_attr(AttrData::Integer { value, ty })
    }
    pub fn float(ctx: &Context, value: f64, ty: Type) -> Attribute {
        ctx.intern_attr(AttrData::Float { bits: value.to_bits(), ty })
    }
    pub fn string(ctx: &Context, value: &str) -> Attribute {
        ctx.intern_attr(AttrData::String(value.into()))
    }
    pub fn type_attr(ctx: &Context, ty: Type) -> Attribute {
        ctx.intern_attr(AttrData::Type(ty))
    }
    pub fn array(ctx: &Context, items: Vec<Attribute>) -> Attribute {
        ctx.intern_attr(AttrData::Array(items))
    }
    pub fn symbol_ref(ctx: &Context, root: &str) -> Attribute {
        ctx.intern_attr(AttrData::SymbolRef { root: ctx.symbol(root), nested: Vec::new() })
    }
    /// A dictionary; entries are sorted by name here.
    pub fn dictionary(ctx: &Context, mut entries: Vec<NamedAttribute>) -> Attribute {
        entries.sort_by(|a, b| ctx.str(a.name).cmp(ctx.str(b.name)));
        ctx.intern_attr(AttrData::Dictionary(entries))
    }
    /// `array<i32: ...>` of 32-bit integers (e.g. `operandSegmentSizes`).
    pub fn dense_i32_array(ctx: &Context, values: &[i32]) -> Attribute {
        let i32t = Type::integer(ctx, 32);
        let values = values.iter().map(|&v| Attribute::integer(ctx, v as i128, i32t)).collect();
        ctx.intern_attr(AttrData::DenseArray { element: i32t, values })
    }

    pub fn as_integer(self, ctx: &Context) -> Option<i128> {
        match self.data(ctx) {
            AttrData::Integer { value, .. } => Some(*value),
            _ => None,
        }
    }
    pub fn as_float(self, ctx: &Context) -> Option<f64> {
        match self.data(ctx) {
            AttrData::Float { bits, .. } => Some(f64::from_bits(*bits)),
            _ => None,
        }
    }
    pub fn as_string(self, ctx: &Context) -> Option<&str> {
        match self.data(ctx) {
            AttrData::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_type(self, ctx: &Context) -> Option<Type> {
        match self.data(ctx) {
            AttrData::Type(t) => Some(*t),
            _ => None,
        }
    }
    pub fn as_array(self, ctx: &Context) -> Option<&[Attribute]> {
        match self.data(ctx) {
            AttrData::Array(a) => Some(a),
            _ => None,
        }
    }
    /// Integer values of an `array<iN: ...>`.
    pub fn as_dense_int_array(self, ctx: &Context) -> Option<Vec<i128>> {
        match self.data(ctx) {
            AttrData::DenseArray { values, .. } => values.iter().map(|v| v.as_integer(ctx)).collect(),
            _ => None,
        }
    }
    /// The root of a flat symbol reference `@name`.
    pub fn as_flat_symbol_ref(self, ctx: &Context) -> Option<Symbol> {
        match self.data(ctx) {
            AttrData::SymbolRef { root, nested } if nested.is_empty() => Some(*root),
            _ => None,
        }
    }

    /// The type of a typed attribute (integer, float, dense elements).
    pub fn typed_attr_type(self, ctx: &Context) -> Option<Type> {
        match self.data(ctx) {
            AttrData::Integer { ty, .. } | AttrData::Float { ty, .. } | AttrData::DenseElements { ty, .. } => Some(*ty),
            _ => None,
        }
    }
}
