//! `#nvvm.target<...>`: what a `gpu.module` is compiled for (optimisation
//! level, triple, chip, PTX features, flags, libraries to link). Written
//! the way upstream prints it: parameters in declaration order, defaults
//! left out, so `#nvvm.target<chip = "sm_50">` is `#nvvm.target`.
//!
//! ```mlir
//! gpu.module @kernels [#nvvm.target<O = 3, chip = "sm_80", features = "+ptx80">] {
//! }
//! ```
//!
//! The core keeps dialect attributes as text, so this is how passes build
//! and read the attribute; text that is not in the printed form is kept as
//! written.

use ir::{AttrData, Attribute, Context};

/// The parameters of `#nvvm.target`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NvvmTarget {
    /// `O`: the optimisation level, 0 to 3.
    pub opt_level: u32,
    pub triple: String,
    pub chip: String,
    pub features: String,
    /// `flags = {...}`, as printed.
    pub flags: Option<String>,
    /// `link = ["a.bc", ...]`.
    pub link: Vec<String>,
    pub verify_target: bool,
}

impl Default for NvvmTarget {
    /// Upstream's defaults.
    fn default() -> Self {
        NvvmTarget {
            opt_level: 2,
            triple: "nvptx64-nvidia-cuda".into(),
            chip: "sm_50".into(),
            features: String::new(),
            flags: None,
            link: Vec::new(),
            verify_target: true,
        }
    }
}

/// `"text"` with quotes and backslashes escaped.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\22"))
}

impl NvvmTarget {
    /// A target for `chip` with the other parameters at their defaults.
    pub fn for_chip(chip: &str) -> NvvmTarget {
        NvvmTarget { chip: chip.to_string(), ..NvvmTarget::default() }
    }

    /// Why upstream would reject it.
    pub fn check(&self) -> Result<(), String> {
        if self.opt_level > 3 {
            return Err("The optimization level must be a number between 0 and 3.".into());
        }
        if self.triple.is_empty() {
            return Err("The target triple cannot be empty.".into());
        }
        if self.chip.is_empty() {
            return Err("The target chip cannot be empty.".into());
        }
        Ok(())
    }

    /// The attribute, in upstream's printed form.
    pub fn attr(&self, ctx: &Context) -> Attribute {
        let defaults = NvvmTarget::default();
        let mut params = Vec::new();
        if self.opt_level != defaults.opt_level {
            params.push(format!("O = {}", self.opt_level));
        }
        if self.triple != defaults.triple {
            params.push(format!("triple = {}", quoted(&self.triple)));
        }
        if self.chip != defaults.chip {
            params.push(format!("chip = {}", quoted(&self.chip)));
        }
        if self.features != defaults.features {
            params.push(format!("features = {}", quoted(&self.features)));
        }
        if let Some(flags) = &self.flags {
            params.push(format!("flags = {flags}"));
        }
        if !self.link.is_empty() {
            let items: Vec<String> = self.link.iter().map(|l| quoted(l)).collect();
            params.push(format!("link = [{}]", items.join(", ")));
        }
        if !self.verify_target {
            params.push("verifyTarget = false".into());
        }
        let body = if params.is_empty() { "target".to_string() } else { format!("target<{}>", params.join(", ")) };
        ctx.intern_attr(AttrData::Dialect { dialect: ctx.symbol("nvvm"), body: body.into() })
    }

    /// The parameters of a `#nvvm.target` attribute (defaults for those it
    /// leaves out); `None` for another attribute or a parameter that does
    /// not read.
    pub fn of(ctx: &Context, attr: Attribute) -> Option<NvvmTarget> {
        let AttrData::Dialect { dialect, body } = attr.data(ctx) else { return None };
        if ctx.str(*dialect) != "nvvm" {
            return None;
        }
        let mut target = NvvmTarget::default();
        let params = body.strip_prefix("target")?;
        let params = params.trim();
        if params.is_empty() {
            return Some(target);
        }
        let params = params.strip_prefix('<')?.strip_suffix('>')?;
        for param in split_top_level(params) {
            let (key, value) = param.split_once('=')?;
            let value = value.trim();
            match key.trim() {
                "O" => target.opt_level = value.parse().ok()?,
                "triple" => target.triple = unquote(value)?,
                "chip" => target.chip = unquote(value)?,
                "features" => target.features = unquote(value)?,
                "flags" => target.flags = Some(value.to_string()),
                "link" => {
                    let items = value.strip_prefix('[')?.strip_suffix(']')?;
                    target.link = split_top_level(items).map(unquote).collect::<Option<_>>()?;
                }
                "verifyTarget" => target.verify_target = value == "true",
                _ => return None,
            }
        }
        Some(target)
    }

    /// The chip of a `#nvvm.target` attribute (`sm_50` when it says none).
    pub fn chip_of(ctx: &Context, attr: Attribute) -> Option<String> {
        let AttrData::Dialect { dialect, body } = attr.data(ctx) else { return None };
        if ctx.str(*dialect) != "nvvm" || !body.starts_with("target") {
            return None;
        }
        let Some(start) = body.find("chip = \"") else { return Some(NvvmTarget::default().chip) };
        let rest = &body[start + "chip = \"".len()..];
        Some(rest[..rest.find('"')?].to_string())
    }
}

/// The comma-separated items of `text` that are not inside brackets or strings.
fn split_top_level(text: &str) -> impl Iterator<Item = &str> {
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
                items.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&text[start..]);
    items.into_iter().map(str::trim).filter(|s| !s.is_empty())
}

/// The text of a string literal, with `\\` and `\XX` escapes read.
fn unquote(text: &str) -> Option<String> {
    let inner = text.trim().strip_prefix('"')?.strip_suffix('"')?;
    let bytes = inner.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            let next = *bytes.get(i + 1)?;
            if next == b'\\' || next == b'"' {
                out.push(next);
                i += 2;
                continue;
            }
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_prints() {
        let ctx = Context::new();
        let target = NvvmTarget {
            opt_level: 3,
            chip: "sm_90".into(),
            features: "+ptx80".into(),
            link: vec!["a.bc".into(), "b \"c\".bc".into()],
            ..NvvmTarget::default()
        };
        assert_eq!(NvvmTarget::of(&ctx, target.attr(&ctx)), Some(target));
        assert_eq!(NvvmTarget::of(&ctx, NvvmTarget::default().attr(&ctx)), Some(NvvmTarget::default()));
    }
}
