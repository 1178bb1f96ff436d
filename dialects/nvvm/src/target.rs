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
