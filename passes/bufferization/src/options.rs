//! The options of one-shot bufferization, as upstream spells them.

use ir::pass::{OptionInfo, PassOptions};

/// Which layout the buffers of function arguments get
/// (`function-boundary-type-conversion`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum LayoutPolicy {
    /// `memref<4x8xf32, strided<[?, ?], offset: ?>>`: any view may be passed.
    #[default]
    FullyDynamicLayoutMap,
    /// `memref<4x8xf32>`: callers copy views into contiguous buffers.
    IdentityLayoutMap,
    /// Arguments as `fully-dynamic-layout-map`; results take the layout of
    /// the buffers returned (which is what every policy does for results).
    InferLayoutMap,
}

impl LayoutPolicy {
    fn parse(text: &str) -> Result<LayoutPolicy, String> {
        match text {
            "fully-dynamic-layout-map" => Ok(LayoutPolicy::FullyDynamicLayoutMap),
            "identity-layout-map" => Ok(LayoutPolicy::IdentityLayoutMap),
            "infer-layout-map" => Ok(LayoutPolicy::InferLayoutMap),
            other => Err(format!(
                "invalid function-boundary-type-conversion '{other}': expected fully-dynamic-layout-map, identity-layout-map or infer-layout-map"
            )),
        }
    }
}

/// What `--one-shot-bufferize` is asked to do.
#[derive(Clone, Copy, Debug, Default)]
pub struct OneShotOptions {
    /// Bufferize function signatures, calls and returns too; otherwise
    /// functions keep their tensor signatures (`to_buffer`/`to_tensor` at
    /// the boundary) and their arguments are never written.
    pub bufferize_function_boundaries: bool,
    pub function_boundary_type_conversion: LayoutPolicy,
}

pub const OPTIONS: &[OptionInfo] = &[
    OptionInfo {
        name: "bufferize-function-boundaries",
        description: "Bufferize function signatures, calls and returns",
        default: "false",
    },
    OptionInfo {
        name: "function-boundary-type-conversion",
        description: "Layout of function argument buffers: fully-dynamic-layout-map, identity-layout-map or infer-layout-map",
        default: "fully-dynamic-layout-map",
    },
];

impl OneShotOptions {
    pub fn from_pass_options(options: &PassOptions) -> Result<OneShotOptions, String> {
        Ok(OneShotOptions {
            bufferize_function_boundaries: options.get_bool("bufferize-function-boundaries")?,
            function_boundary_type_conversion: LayoutPolicy::parse(options.get("function-boundary-type-conversion"))?,
        })
    }
}
