//! `gpu.binary`: a `gpu.module` compiled, one `#gpu.object` per target
//! (what `gpu-module-to-binary` makes), and how device code gets compiled:
//! the [`TargetSerializer`] interface a target attribute's dialect
//! implements (upstream's `TargetAttrInterface::serializeToObject`).
//!
//! ```mlir
//! gpu.binary @kernels [#gpu.object<#nvvm.target<chip = "sm_80">, assembly = "//\0A.version 7.0\0A...">]
//! ```
//!
//! The core keeps dialect attributes as text, so [`ObjectAttr`] builds and
//! reads `#gpu.object` the way upstream prints it: the target, optional
//! `properties`, and the object as an escaped string after its format
//! keyword (`offload`, `assembly`, `bin`; none for a fatbin).

use ir::constraints::SYMBOL_NAME_ATTR;
use ir::dialect::AttrConstraint;
use ir::{define_op, AttrData, Attribute, Context, Diagnostic, Ir, OpId};

/// `[#gpu.object<...>, ...]`: at least one object.
const OBJECTS_ATTR: AttrConstraint = AttrConstraint {
    description: "an array of GPU object attributes with at least 1 elements",
    check: |ctx, a| a.as_array(ctx).is_some_and(|objects| !objects.is_empty() && objects.iter().all(|&o| is_object(ctx, o))),
    parse: None,
    print: None,
    default: None,
};

fn is_object(ctx: &Context, a: Attribute) -> bool {
    matches!(a.data(ctx), AttrData::Dialect { dialect, body } if ctx.str(*dialect) == "gpu" && body.starts_with("object<"))
}

/// How the host embeds the binary (`#gpu.select_object<...>`).
const OFFLOADING_HANDLER_ATTR: AttrConstraint = AttrConstraint {
    description: "any attribute with the `OffloadingTranslationAttrTrait` trait.",
    check: |ctx, a| matches!(a.data(ctx), AttrData::Dialect { .. }),
    parse: None,
    print: None,
    default: None,
};

define_op! {
    /// Compiled device code: one object per target, and how the host embeds one of them.
    pub struct BinaryOp = "gpu.binary" {
        attributes: [
            sym_name: Required(SYMBOL_NAME_ATTR),
            offloadingHandler: Optional(OFFLOADING_HANDLER_ATTR),
            objects: Required(OBJECTS_ATTR),
        ],
        traits: [SYMBOL],
        format: "$sym_name (` ` `<` $offloadingHandler^ `>`)? attr-dict $objects",
    }
}

impl BinaryOp {
    /// The object the offloading handler selects (`#gpu.select_object<N>`;
    /// the first one without a handler).
    pub fn selected_object(self, ir: &Ir) -> Result<ObjectAttr, Diagnostic> {
        let ctx = ir.ctx();
        let location = ir.op(self.0).location;
        let objects = self.objects(ir).and_then(|a| a.as_array(ctx)).unwrap_or(&[]);
        let index = match self.offloadingHandler(ir).map(|a| a.data(ctx)) {
            Some(AttrData::Dialect { body, .. }) if body.as_ref() == "select_object" => 0,
            Some(AttrData::Dialect { body, .. }) => body
                .strip_prefix("select_object<")
                .and_then(|b| b.strip_suffix('>'))
                .and_then(|b| b.split(':').next().unwrap_or(b).trim().parse::<usize>().ok())
                .ok_or_else(|| Diagnostic::error(location, "only '#gpu.select_object' with an object index is supported"))?,
            _ => 0,
        };
        let object =
            objects.get(index).ok_or_else(|| Diagnostic::error(location, format!("the binary has no object #{index}")))?;
        ObjectAttr::of(ctx, *object).ok_or_else(|| Diagnostic::error(location, "cannot read the binary's object"))
    }
}

/// What an object holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectFormat {
    /// LLVM IR of the device code (upstream: bitcode), `offload = "..."`.
    Offload,
    /// Target assembly (PTX), `assembly = "..."`.
    Assembly,
    /// A binary for one chip (cubin), `bin = "..."`.
    Binary,
    /// A fat binary, written without a keyword.
    Fatbin,
}

impl ObjectFormat {
    /// The option values of `gpu-module-to-binary`'s `format`, as upstream spells them.
    pub fn from_option(text: &str) -> Option<ObjectFormat> {
        Some(match text {
            "offloading" | "llvm" | "offload" => ObjectFormat::Offload,
            "assembly" | "isa" => ObjectFormat::Assembly,
            "binary" | "bin" => ObjectFormat::Binary,
            "fatbinary" | "fatbin" => ObjectFormat::Fatbin,
            _ => return None,
        })
    }

    fn keyword(self) -> Option<&'static str> {
        match self {
            ObjectFormat::Offload => Some("offload"),
            ObjectFormat::Assembly => Some("assembly"),
            ObjectFormat::Binary => Some("bin"),
            ObjectFormat::Fatbin => None,
        }
    }
}

/// The parts of a `#gpu.object`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectAttr {
    /// The target attribute, as written (`#nvvm.target<chip = "sm_80">`).
    pub target: String,
    /// `properties = {...}`, as written.
    pub properties: Option<String>,
    pub format: ObjectFormat,
    pub object: Vec<u8>,
}

impl ObjectAttr {
    /// The attribute, in upstream's printed form.
    pub fn attr(&self, ctx: &Context) -> Attribute {
        let mut body = format!("object<{}", self.target);
        if let Some(properties) = &self.properties {
            body.push_str(&format!(", properties = {properties}"));
        }
        body.push_str(", ");
        if let Some(keyword) = self.format.keyword() {
            body.push_str(&format!("{keyword} = "));
        }
        body.push_str(&escape(&self.object));
        body.push('>');
        ctx.intern_attr(AttrData::Dialect { dialect: ctx.symbol("gpu"), body: body.into() })
    }

    /// The parts of `attr`, if it is a `#gpu.object` that reads.
    pub fn of(ctx: &Context, attr: Attribute) -> Option<ObjectAttr> {
        let AttrData::Dialect { dialect, body } = attr.data(ctx) else { return None };
        if ctx.str(*dialect) != "gpu" {
            return None;
        }
        let inner = body.strip_prefix("object<")?.strip_suffix('>')?;
        let parts = split_top_level(inner);
        let (target, rest) = parts.split_first()?;
        let mut properties = None;
        let mut object = None;
        for part in rest {
            if let Some(p) = part.strip_prefix("properties").map(str::trim_start).and_then(|p| p.strip_prefix('=')) {
                properties = Some(p.trim().to_string());
                continue;
            }
            let (format, text) = match part.split_once('=') {
                Some((keyword, text)) if !keyword.trim_start().starts_with('"') => {
                    let format = match keyword.trim() {
                        "offload" => ObjectFormat::Offload,
                        "assembly" => ObjectFormat::Assembly,
                        "bin" => ObjectFormat::Binary,
                        "fatbin" => ObjectFormat::Fatbin,
                        _ => return None,
                    };
                    (format, text.trim())
                }
                _ => (ObjectFormat::Fatbin, part.trim()),
            };
            object = Some((format, unescape(text)?));
        }
        let (format, object) = object?;
        Some(ObjectAttr { target: target.to_string(), properties, format, object })
    }
}

/// What a serializer is asked for, from `gpu-module-to-binary`'s options.
#[derive(Clone, Debug)]
pub struct SerializeOptions {
    pub format: ObjectFormat,
    /// Extra bitcode libraries to link (`l=a.bc,b.bc`).
    pub link: Vec<String>,
    /// Options for the target's tools (`opts="..."`).
    pub tool_options: String,
    /// Where the target's toolkit lives (`toolkit=/usr/local/cuda`).
    pub toolkit: String,
}

/// Compiles a `gpu.module` for one of its targets; implemented by the
/// target attribute's dialect (`#nvvm.target` by the NVPTX backend) and
/// attached under the dialect's namespace with
/// [`attach_target_serializer`].
pub trait TargetSerializer: Sync {
    /// The object for `target`, a target attribute of `module`.
    fn serialize(&self, ir: &Ir, module: OpId, target: Attribute, options: &SerializeOptions) -> Result<Vec<u8>, Diagnostic>;
}

/// Makes `serializer` compile for the target attributes of `dialect`.
pub fn attach_target_serializer(ctx: &Context, dialect: &'static str, serializer: &'static dyn TargetSerializer) {
    ctx.attach_interface::<dyn TargetSerializer>(dialect, serializer);
}

/// The serializer of `target`'s dialect, if one is attached.
pub fn target_serializer(ctx: &Context, target: Attribute) -> Option<&'static dyn TargetSerializer> {
    let AttrData::Dialect { dialect, .. } = target.data(ctx) else { return None };
    ctx.interface::<dyn TargetSerializer>(ctx.op_name(ctx.str(*dialect)))
}

/// `"text"` as MLIR prints strings: printable ASCII as it is but `"` and
/// `\`, every other byte as `\XX`.
pub fn escape(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('"');
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\22"),
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\{b:02X}")),
        }
    }
    out.push('"');
    out
}

/// The bytes of a string literal with MLIR's escapes.
pub fn unescape(text: &str) -> Option<Vec<u8>> {
    let inner = text.trim().strip_prefix('"')?.strip_suffix('"')?.as_bytes();
    let mut out = Vec::with_capacity(inner.len());
    let mut i = 0;
    while i < inner.len() {
        if inner[i] != b'\\' {
            out.push(inner[i]);
            i += 1;
            continue;
        }
        match *inner.get(i + 1)? {
            c @ (b'\\' | b'"') => {
                out.push(c);
                i += 2;
            }
            b'n' => {
                out.push(b'\n');
                i += 2;
            }
            b't' => {
                out.push(b'\t');
                i += 2;
            }
            _ => {
                let hex = std::str::from_utf8(inner.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
        }
    }
    Some(out)
}

/// The comma-separated items of `text` outside brackets and strings.
fn split_top_level(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut in_string, mut escaped, mut start) = (0i32, false, false, 0);
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '<' | '[' | '{' | '(' if !in_string => depth += 1,
            '>' | ']' | '}' | ')' if !in_string => depth -= 1,
            ',' if !in_string && depth == 0 => {
                items.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(text[start..].trim());
    items.retain(|s| !s.is_empty());
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_read_back_as_written() {
        let ctx = Context::new();
        let object = ObjectAttr {
            target: "#nvvm.target<chip = \"sm_80\", link = [\"a,b\"]>".into(),
            properties: Some("{O = 2 : i32}".into()),
            format: ObjectFormat::Assembly,
            object: b"//\n.version 7.0\n\t.reg .b32 %r<9>; \"q\" \\ \x00\xff".to_vec(),
        };
        let attr = object.attr(&ctx);
        assert!(ctx
            .print_attr(attr)
            .contains("assembly = \"//\\0A.version 7.0\\0A\\09.reg .b32 %r<9>; \\22q\\22 \\\\ \\00\\FF\""));
        assert_eq!(ObjectAttr::of(&ctx, attr), Some(object.clone()));
        let fatbin = ObjectAttr { format: ObjectFormat::Fatbin, properties: None, ..object };
        assert_eq!(ObjectAttr::of(&ctx, fatbin.attr(&ctx)), Some(fatbin));
    }
}
