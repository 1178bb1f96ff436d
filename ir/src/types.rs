//! Builtin types: integers, index, floats, shaped types (vector, tensor,
//! memref), function, tuple, complex, none, and opaque dialect types.
//!
//! A [`Type`] is an index into the context's uniquing table, so comparing two
//! types is comparing two integers.

use crate::attributes::Attribute;
use crate::context::{Context, Symbol};

/// A uniqued type.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Type(pub(crate) u32);

/// The size of a dynamic dimension (`?`), as in MLIR's `ShapedType::kDynamic`.
pub const DYNAMIC: i64 = i64::MIN;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Signedness {
    Signless,
    Signed,
    Unsigned,
}

/// The floating-point formats MLIR names as builtin types.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum FloatKind {
    F16,
    BF16,
    F32,
    F64,
    F80,
    F128,
    TF32,
    F4E2M1FN,
    F6E2M3FN,
    F6E3M2FN,
    F8E5M2,
    F8E4M3,
    F8E4M3FN,
    F8E5M2FNUZ,
    F8E4M3FNUZ,
    F8E4M3B11FNUZ,
    F8E3M4,
    F8E8M0FNU,
}

impl FloatKind {
    pub const ALL: [FloatKind; 18] = [
        FloatKind::F16,
        FloatKind::BF16,
        FloatKind::F32,
        FloatKind::F64,
        FloatKind::F80,
        FloatKind::F128,
        FloatKind::TF32,
        FloatKind::F4E2M1FN,
        FloatKind::F6E2M3FN,
        FloatKind::F6E3M2FN,
        FloatKind::F8E5M2,
        FloatKind::F8E4M3,
        FloatKind::F8E4M3FN,
        FloatKind::F8E5M2FNUZ,
        FloatKind::F8E4M3FNUZ,
        FloatKind::F8E4M3B11FNUZ,
        FloatKind::F8E3M4,
        FloatKind::F8E8M0FNU,
    ];

    /// The keyword MLIR spells this type with.
    pub fn keyword(self) -> &'static str {
        match self {
            FloatKind::F16 => "f16",
            FloatKind::BF16 => "bf16",
            FloatKind::F32 => "f32",
            FloatKind::F64 => "f64",
            FloatKind::F80 => "f80",
            FloatKind::F128 => "f128",
            FloatKind::TF32 => "tf32",
            FloatKind::F4E2M1FN => "f4E2M1FN",
            FloatKind::F6E2M3FN => "f6E2M3FN",
            FloatKind::F6E3M2FN => "f6E3M2FN",
            FloatKind::F8E5M2 => "f8E5M2",
            FloatKind::F8E4M3 => "f8E4M3",
            FloatKind::F8E4M3FN => "f8E4M3FN",
            FloatKind::F8E5M2FNUZ => "f8E5M2FNUZ",
            FloatKind::F8E4M3FNUZ => "f8E4M3FNUZ",
            FloatKind::F8E4M3B11FNUZ => "f8E4M3B11FNUZ",
            FloatKind::F8E3M4 => "f8E3M4",
            FloatKind::F8E8M0FNU => "f8E8M0FNU",
        }
    }

    pub fn from_keyword(word: &str) -> Option<FloatKind> {
        FloatKind::ALL.into_iter().find(|k| k.keyword() == word)
    }

    /// Storage width in bits.
    pub fn width(self) -> u32 {
        match self {
            FloatKind::F16 | FloatKind::BF16 => 16,
            FloatKind::F32 | FloatKind::TF32 => 32,
            FloatKind::F64 => 64,
            FloatKind::F80 => 80,
            FloatKind::F128 => 128,
            FloatKind::F4E2M1FN => 4,
            FloatKind::F6E2M3FN | FloatKind::F6E3M2FN => 6,
            _ => 8,
        }
    }
}

/// The structure of a type. Build one and intern it with [`Context::intern_type`],
/// or use the constructors on [`Type`].
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum TypeData {
    Integer {
        width: u32,
        signedness: Signedness,
    },
    Index,
    Float(FloatKind),
    None,
    Complex(Type),
    Tuple(Vec<Type>),
    Function {
        inputs: Vec<Type>,
        results: Vec<Type>,
    },
    /// `vector<4x[8]xf32>`: `scalable[i]` marks a `[n]` dimension.
    Vector {
        shape: Vec<i64>,
        scalable: Vec<bool>,
        element: Type,
    },
    RankedTensor {
        shape: Vec<i64>,
        element: Type,
        encoding: Option<Attribute>,
    },
    UnrankedTensor {
        element: Type,
    },
    MemRef {
        shape: Vec<i64>,
        element: Type,
        layout: Option<Attribute>,
        memory_space: Option<Attribute>,
    },
    UnrankedMemRef {
        element: Type,
        memory_space: Option<Attribute>,
    },
    /// A type of a dialect, kept as its spelling after `!dialect.`:
    /// `!llvm.ptr<1>` is dialect `llvm`, body `ptr<1>`.
    Dialect {
        dialect: Symbol,
        body: Box<str>,
    },
}

impl Type {
    pub fn integer(ctx: &Context, width: u32) -> Type {
        ctx.intern_type(TypeData::Integer { width, signedness: Signedness::Signless })
    }
    pub fn index(ctx: &Context) -> Type {
        ctx.intern_type(TypeData::Index)
    }
    pub fn float(ctx: &Context, kind: FloatKind) -> Type {
        ctx.intern_type(TypeData::Float(kind))
    }
    pub fn f32(ctx: &Context) -> Type {
        Type::float(ctx, FloatKind::F32)
    }
    pub fn f64(ctx: &Context) -> Type {
        Type::float(ctx, FloatKind::F64)
    }
    pub fn none(ctx: &Context) -> Type {
        ctx.intern_type(TypeData::None)
    }
    pub fn function(ctx: &Context, inputs: Vec<Type>, results: Vec<Type>) -> Type {
        ctx.intern_type(TypeData::Function { inputs, results })
    }
    pub fn ranked_tensor(ctx: &Context, shape: Vec<i64>, element: Type) -> Type {
        ctx.intern_type(TypeData::RankedTensor { shape, element, encoding: None })
    }
    pub fn memref(ctx: &Context, shape: Vec<i64>, element: Type) -> Type {
        ctx.intern_type(TypeData::MemRef { shape, element, layout: None, memory_space: None })
    }
    /// A ranked memref in upstream's canonical form: an identity affine map
    /// layout is no layout, and memory space `0` is the default space.
    pub fn memref_with(
        ctx: &Context,
        shape: Vec<i64>,
        element: Type,
        layout: Option<Attribute>,
        memory_space: Option<Attribute>,
    ) -> Type {
        let identity = |l: &Attribute| match l.data(ctx) {
            crate::attributes::AttrData::AffineMap(map) => *map == crate::affine::AffineMap::identity(shape.len() as u32),
            _ => false,
        };
        let layout = layout.filter(|l| !identity(l));
        let memory_space = memory_space.filter(|m| m.as_integer(ctx) != Some(0));
        ctx.intern_type(TypeData::MemRef { shape, element, layout, memory_space })
    }
    /// `memref<*xT>`, with memory space `0` as the default space.
    pub fn unranked_memref(ctx: &Context, element: Type, memory_space: Option<Attribute>) -> Type {
        let memory_space = memory_space.filter(|m| m.as_integer(ctx) != Some(0));
        ctx.intern_type(TypeData::UnrankedMemRef { element, memory_space })
    }

    pub fn data(self, ctx: &Context) -> &TypeData {
        ctx.type_data(self)
    }

    pub fn is_integer(self, ctx: &Context) -> bool {
        matches!(self.data(ctx), TypeData::Integer { .. })
    }
    pub fn is_signless_integer(self, ctx: &Context) -> bool {
        matches!(self.data(ctx), TypeData::Integer { signedness: Signedness::Signless, .. })
    }
    /// Signless integer of exactly this width.
    pub fn is_signless_int_of_width(self, ctx: &Context, w: u32) -> bool {
        matches!(self.data(ctx), TypeData::Integer { signedness: Signedness::Signless, width } if *width == w)
    }
    pub fn is_index(self, ctx: &Context) -> bool {
        matches!(self.data(ctx), TypeData::Index)
    }
    pub fn is_float(self, ctx: &Context) -> bool {
        matches!(self.data(ctx), TypeData::Float(_))
    }
    /// Signless integer or index: the types integer arithmetic works on.
    pub fn is_signless_int_or_index(self, ctx: &Context) -> bool {
        self.is_signless_integer(ctx) || self.is_index(ctx)
    }

    /// Integer width (index counts as 64 for folding purposes).
    pub fn int_width(self, ctx: &Context) -> Option<u32> {
        match self.data(ctx) {
            TypeData::Integer { width, .. } => Some(*width),
            TypeData::Index => Some(64),
            _ => None,
        }
    }

    /// Bits of an integer or float type (not of `index`, whose width depends on the target).
    pub fn bit_width(self, ctx: &Context) -> Option<u32> {
        match self.data(ctx) {
            TypeData::Integer { width, .. } => Some(*width),
            TypeData::Float(kind) => Some(kind.width()),
            _ => None,
        }
    }

    pub fn function_parts(self, ctx: &Context) -> Option<(&[Type], &[Type])> {
        match self.data(ctx) {
            TypeData::Function { inputs, results } => Some((inputs, results)),
            _ => None,
        }
    }

    /// Element type of a vector, tensor or memref; the type itself otherwise.
    pub fn element_type_or_self(self, ctx: &Context) -> Type {
        self.shaped_element(ctx).unwrap_or(self)
    }

    /// Element type of a shaped type (vector, tensor, memref).
    pub fn shaped_element(self, ctx: &Context) -> Option<Type> {
        match self.data(ctx) {
            TypeData::Vector { element, .. }
            | TypeData::RankedTensor { element, .. }
            | TypeData::UnrankedTensor { element }
            | TypeData::MemRef { element, .. }
            | TypeData::UnrankedMemRef { element, .. } => Some(*element),
            _ => None,
        }
    }

    /// Shape of a ranked shaped type.
    pub fn shape(self, ctx: &Context) -> Option<&[i64]> {
        match self.data(ctx) {
            TypeData::Vector { shape, .. } | TypeData::RankedTensor { shape, .. } | TypeData::MemRef { shape, .. } => Some(shape),
            _ => None,
        }
    }

    pub fn is_vector(self, ctx: &Context) -> bool {
        matches!(self.data(ctx), TypeData::Vector { .. })
    }
    pub fn is_tensor(self, ctx: &Context) -> bool {
        matches!(self.data(ctx), TypeData::RankedTensor { .. } | TypeData::UnrankedTensor { .. })
    }
    pub fn is_memref(self, ctx: &Context) -> bool {
        matches!(self.data(ctx), TypeData::MemRef { .. } | TypeData::UnrankedMemRef { .. })
    }

    /// The same kind of shaped container with another element type; the
    /// element type itself for scalars. Used for `i1`-like results of
    /// comparisons on vectors and tensors.
    pub fn with_element(self, ctx: &Context, element: Type) -> Type {
        let data = match self.data(ctx).clone() {
            TypeData::Vector { shape, scalable, .. } => TypeData::Vector { shape, scalable, element },
            TypeData::RankedTensor { shape, encoding, .. } => TypeData::RankedTensor { shape, element, encoding },
            TypeData::UnrankedTensor { .. } => TypeData::UnrankedTensor { element },
            _ => return element,
        };
        ctx.intern_type(data)
    }
}
