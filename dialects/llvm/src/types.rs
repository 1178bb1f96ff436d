//! The llvm dialect's types: `!llvm.ptr` (with an address space),
//! `!llvm.void`, `!llvm.array<4 x f32>`, `!llvm.struct<(ptr, i64)>` (packed,
//! named or opaque), `!llvm.func<i32 (ptr, ...)>`, and the token, label and
//! metadata types. Builtin integers, floats and vectors are LLVM types too.
//!
//! The core keeps dialect types as their spelling; [`LlvmType`] reads that
//! spelling into a structure and writes it back in upstream's canonical
//! form, so passes build and inspect LLVM types without string matching.

use ir::types::{FloatKind, TypeData};
use ir::{Context, Type};

/// The structure of an llvm dialect type.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum LlvmType {
    /// An opaque pointer in an address space (0 by default).
    Ptr(u32),
    Void,
    Array(u64, Type),
    /// A literal (unnamed) or identified struct; `body` is `None` for an opaque one.
    Struct {
        name: Option<String>,
        packed: bool,
        body: Option<Vec<Type>>,
    },
    Func {
        result: Type,
        params: Vec<Type>,
        vararg: bool,
    },
    Token,
    Label,
    Metadata,
}

impl LlvmType {
    /// `ty` as an llvm dialect type, if it is one (and well formed).
    pub fn of(ctx: &Context, ty: Type) -> Option<LlvmType> {
        match ty.data(ctx) {
            TypeData::Dialect { dialect, body } if ctx.str(*dialect) == "llvm" => {
                let mut cursor = Cursor { ctx, text: body, pos: 0 };
                let parsed = cursor.llvm_type_body()?;
                cursor.skip_space();
                (cursor.pos == body.len()).then_some(parsed)
            }
            _ => None,
        }
    }

    /// The uniqued type, spelled canonically.
    pub fn to_type(&self, ctx: &Context) -> Type {
        ctx.intern_type(TypeData::Dialect { dialect: ctx.symbol("llvm"), body: self.body_text(ctx).into() })
    }

    /// The spelling after `!llvm.`.
    fn body_text(&self, ctx: &Context) -> String {
        let list = |types: &[Type]| types.iter().map(|&t| nested_text(ctx, t)).collect::<Vec<_>>().join(", ");
        match self {
            LlvmType::Ptr(0) => "ptr".to_string(),
            LlvmType::Ptr(space) => format!("ptr<{space}>"),
            LlvmType::Void => "void".to_string(),
            LlvmType::Array(n, element) => format!("array<{n} x {}>", nested_text(ctx, *element)),
            LlvmType::Struct { name, packed, body } => {
                let mut parts = Vec::new();
                if let Some(name) = name {
                    parts.push(format!("{name:?}"));
                }
                let fields = match body {
                    Some(fields) => format!("{}({})", if *packed { "packed " } else { "" }, list(fields)),
                    None => "opaque".to_string(),
                };
                parts.push(fields);
                format!("struct<{}>", parts.join(", "))
            }
            LlvmType::Func { result, params, vararg } => {
                let mut params = list(params);
                if *vararg {
                    params = if params.is_empty() { "...".to_string() } else { format!("{params}, ...") };
                }
                format!("func<{} ({params})>", nested_text(ctx, *result))
            }
            LlvmType::Token => "token".to_string(),
            LlvmType::Label => "label".to_string(),
            LlvmType::Metadata => "metadata".to_string(),
        }
    }
}

/// A type inside an llvm type: llvm types without their `!llvm.` prefix.
fn nested_text(ctx: &Context, ty: Type) -> String {
    match LlvmType::of(ctx, ty) {
        Some(llvm) => llvm.body_text(ctx),
        None => ctx.print_type(ty),
    }
}

/// `!llvm.ptr`.
pub fn ptr(ctx: &Context) -> Type {
    LlvmType::Ptr(0).to_type(ctx)
}

/// `!llvm.void`.
pub fn void(ctx: &Context) -> Type {
    LlvmType::Void.to_type(ctx)
}

/// `!llvm.array<n x element>`.
pub fn array(ctx: &Context, n: u64, element: Type) -> Type {
    LlvmType::Array(n, element).to_type(ctx)
}

/// `!llvm.struct<(fields...)>`.
pub fn literal_struct(ctx: &Context, fields: Vec<Type>) -> Type {
    LlvmType::Struct { name: None, packed: false, body: Some(fields) }.to_type(ctx)
}

/// `!llvm.func<result (params)>`.
pub fn function(ctx: &Context, result: Type, params: Vec<Type>, vararg: bool) -> Type {
    LlvmType::Func { result, params, vararg }.to_type(ctx)
}

/// Whether `ty` can be an LLVM value: integers, floats, vectors of them
/// and of pointers, and llvm dialect types.
pub fn is_llvm_compatible(ctx: &Context, ty: Type) -> bool {
    match ty.data(ctx) {
        TypeData::Integer { signedness: ir::types::Signedness::Signless, .. } | TypeData::Float(_) => true,
        TypeData::Vector { element, .. } => is_llvm_compatible(ctx, *element),
        TypeData::Dialect { .. } => LlvmType::of(ctx, ty).is_some(),
        _ => false,
    }
}

/// Whether `ty` is `!llvm.ptr` in some address space.
pub fn is_pointer(ctx: &Context, ty: Type) -> bool {
    matches!(LlvmType::of(ctx, ty), Some(LlvmType::Ptr(_)))
}

/// Reads a type spelling inside an llvm type.
struct Cursor<'a> {
    ctx: &'a Context,
    text: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn skip_space(&mut self) {
        let trimmed = self.rest().trim_start();
        self.pos = self.text.len() - trimmed.len();
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_space();
        if self.rest().starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, token: &str) -> Option<()> {
        self.eat(token).then_some(())
    }

    /// A word of letters, digits and `_`.
    fn word(&mut self) -> Option<&str> {
        self.skip_space();
        let len = self.rest().find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(self.rest().len());
        let start = self.pos;
        self.pos += len;
        (len > 0).then(|| &self.text[start..start + len])
    }

    fn number(&mut self) -> Option<u64> {
        self.skip_space();
        let len = self.rest().find(|c: char| !c.is_ascii_digit()).unwrap_or(self.rest().len());
        let value = self.rest()[..len].parse().ok()?;
        self.pos += len;
        Some(value)
    }

    /// The body of an llvm type (after `!llvm.`).
    fn llvm_type_body(&mut self) -> Option<LlvmType> {
        let word = self.word()?.to_string();
        Some(match word.as_str() {
            "ptr" => {
                let space = if self.eat("<") {
                    let n = self.number()? as u32;
                    self.expect(">")?;
                    n
                } else {
                    0
                };
                LlvmType::Ptr(space)
            }
            "void" => LlvmType::Void,
            "token" => LlvmType::Token,
            "label" => LlvmType::Label,
            "metadata" => LlvmType::Metadata,
            "array" => {
                self.expect("<")?;
                let n = self.number()?;
                self.expect("x")?;
                let element = self.nested_type()?;
                self.expect(">")?;
                LlvmType::Array(n, element)
            }
            "struct" => self.struct_body()?,
            "func" => {
                self.expect("<")?;
                let result = self.nested_type()?;
                self.expect("(")?;
                let mut params = Vec::new();
                let mut vararg = false;
                if !self.eat(")") {
                    loop {
                        if self.eat("...") {
                            vararg = true;
                        } else {
                            params.push(self.nested_type()?);
                        }
                        if !self.eat(",") {
                            break;
                        }
                    }
                    self.expect(")")?;
                }
                self.expect(">")?;
                LlvmType::Func { result, params, vararg }
            }
            _ => return None,
        })
    }

    /// `<("name",)? (packed)? (types) | opaque>`.
    fn struct_body(&mut self) -> Option<LlvmType> {
        self.expect("<")?;
        let mut name = None;
        self.skip_space();
        if self.rest().starts_with('"') {
            let end = self.rest()[1..].find('"')? + 1;
            name = Some(self.rest()[1..end].to_string());
            self.pos += end + 1;
            if self.eat(">") {
                return Some(LlvmType::Struct { name, packed: false, body: None });
            }
            self.expect(",")?;
        }
        if self.eat("opaque") {
            self.expect(">")?;
            return Some(LlvmType::Struct { name, packed: false, body: None });
        }
        let packed = self.eat("packed");
        self.expect("(")?;
        let mut fields = Vec::new();
        if !self.eat(")") {
            loop {
                fields.push(self.nested_type()?);
                if !self.eat(",") {
                    break;
                }
            }
            self.expect(")")?;
        }
        self.expect(">")?;
        Some(LlvmType::Struct { name, packed, body: Some(fields) })
    }

    /// A type inside an llvm type: a builtin integer, float or vector, or
    /// an llvm type with or without its `!llvm.` prefix.
    fn nested_type(&mut self) -> Option<Type> {
        self.eat("!llvm.");
        self.skip_space();
        let save = self.pos;
        let word = self.word()?.to_string();
        if let Some(width) = word.strip_prefix('i').and_then(|w| w.parse::<u32>().ok()) {
            return Some(Type::integer(self.ctx, width));
        }
        if let Some(kind) = FloatKind::from_keyword(&word) {
            return Some(Type::float(self.ctx, kind));
        }
        if word == "vector" {
            return self.vector();
        }
        self.pos = save;
        Some(self.llvm_type_body()?.to_type(self.ctx))
    }

    /// `<4xf32>`, `<[4]xf32>`, `<2x4xi8>` after `vector`.
    fn vector(&mut self) -> Option<Type> {
        self.expect("<")?;
        let mut shape = Vec::new();
        let mut scalable = Vec::new();
        loop {
            self.skip_space();
            let is_scalable = self.eat("[");
            let Some(n) = self.number() else { break };
            if is_scalable {
                self.expect("]")?;
            }
            shape.push(n as i64);
            scalable.push(is_scalable);
            self.expect("x")?;
        }
        let element = self.nested_type()?;
        self.expect(">")?;
        Some(self.ctx.intern_type(TypeData::Vector { shape, scalable, element }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn llvm(ctx: &Context, body: &str) -> Type {
        ctx.intern_type(TypeData::Dialect { dialect: ctx.symbol("llvm"), body: body.into() })
    }

    #[test]
    fn reads_and_writes_the_canonical_form() {
        let ctx = Context::new();
        for body in [
            "ptr",
            "ptr<3>",
            "void",
            "array<4 x f32>",
            "struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>",
            "struct<packed (i8, i32)>",
            "struct<\"node\", (i32, ptr)>",
            "struct<\"handle\", opaque>",
            "func<i32 (ptr, ...)>",
            "func<void ()>",
            "array<2 x vector<4xf32>>",
        ] {
            let parsed = LlvmType::of(&ctx, llvm(&ctx, body)).unwrap_or_else(|| panic!("{body} parses"));
            assert_eq!(parsed.to_type(&ctx), llvm(&ctx, body), "{body} prints back");
        }
    }

    #[test]
    fn normalises_spacing_and_prefixes() {
        let ctx = Context::new();
        let parsed = LlvmType::of(&ctx, llvm(&ctx, "struct<( !llvm.ptr,i64 )>")).expect("parses");
        assert_eq!(parsed.to_type(&ctx), llvm(&ctx, "struct<(ptr, i64)>"));
    }

    #[test]
    fn rejects_what_is_not_an_llvm_type() {
        let ctx = Context::new();
        for body in ["pointer", "array<4 f32>", "struct<(i32", "ptr<x>", "func<i32>"] {
            assert!(LlvmType::of(&ctx, llvm(&ctx, body)).is_none(), "{body} is rejected");
        }
    }
}
