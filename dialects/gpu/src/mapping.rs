//! How loops map onto the GPU's grid. An `scf.parallel` carries a
//! `mapping` array with one `#gpu.loop_dim_map` per dimension (what
//! `gpu-map-parallel-loops` writes and `convert-parallel-loops-to-gpu`
//! reads); an `scf.forall` carries one `#gpu.block<x>`, `#gpu.thread<y>`
//! (or warp, warpgroup, lane) per dimension.
//!
//! ```mlir
//! scf.parallel (%i) = (%c0) to (%n) step (%c1) {
//!   scf.reduce
//! } {mapping = [#gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
//! scf.forall (%i, %j) in (8, 4) {
//! } {mapping = [#gpu.block<x>, #gpu.block<y>]}
//! ```
//!
//! The attributes are the dialect's opaque ones; `map` and `bound` are
//! kept as text, and only the identity `(d0) -> (d0)` (all that the mapping
//! pass writes) is recognised.

use ir::{AttrData, Attribute, Context};

/// The attribute of a loop that says how its dimensions map.
pub const MAPPING_ATTR: &str = "mapping";

/// What one dimension of an `scf.parallel` runs on.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Processor {
    BlockX,
    BlockY,
    BlockZ,
    ThreadX,
    ThreadY,
    ThreadZ,
    /// A sequential loop inside the kernel.
    Sequential,
}

impl Processor {
    /// In upstream's order.
    pub const ALL: [Processor; 7] = [
        Processor::BlockX,
        Processor::BlockY,
        Processor::BlockZ,
        Processor::ThreadX,
        Processor::ThreadY,
        Processor::ThreadZ,
        Processor::Sequential,
    ];

    /// The keyword of `processor = ...`.
    pub fn name(self) -> &'static str {
        match self {
            Processor::BlockX => "block_x",
            Processor::BlockY => "block_y",
            Processor::BlockZ => "block_z",
            Processor::ThreadX => "thread_x",
            Processor::ThreadY => "thread_y",
            Processor::ThreadZ => "thread_z",
            Processor::Sequential => "sequential",
        }
    }

    pub fn from_name(name: &str) -> Option<Processor> {
        Processor::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The block id of dimension `dim` (0 is x), sequential past z.
    pub fn block(dim: usize) -> Processor {
        [Processor::BlockX, Processor::BlockY, Processor::BlockZ].get(dim).copied().unwrap_or(Processor::Sequential)
    }

    /// The thread id of dimension `dim` (0 is x), sequential past z.
    pub fn thread(dim: usize) -> Processor {
        [Processor::ThreadX, Processor::ThreadY, Processor::ThreadZ].get(dim).copied().unwrap_or(Processor::Sequential)
    }

    /// Which `gpu.launch` body argument holds this processor's id (block
    /// ids are 0 to 2, thread ids 3 to 5); `None` when sequential. The
    /// matching size is six arguments later, and operand of the launch.
    pub fn launch_argument(self) -> Option<usize> {
        Processor::ALL[..6].iter().position(|&p| p == self)
    }
}

/// One `#gpu.loop_dim_map` read back.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct LoopDimMapping {
    pub processor: Processor,
    /// Whether `map` and `bound` are both the identity.
    pub identity: bool,
}

const IDENTITY: &str = "(d0) -> (d0)";

/// `#gpu.loop_dim_map<processor = p, map = (d0) -> (d0), bound = (d0) -> (d0)>`.
pub fn loop_dim_map(ctx: &Context, processor: Processor) -> Attribute {
    let body = format!("loop_dim_map<processor = {}, map = {IDENTITY}, bound = {IDENTITY}>", processor.name());
    ctx.intern_attr(AttrData::Dialect { dialect: ctx.symbol("gpu"), body: body.into() })
}

/// The body of `#gpu.<mnemonic><...>`, inside the brackets.
fn gpu_attr_inner<'a>(ctx: &'a Context, attr: Attribute, mnemonic: &str) -> Option<&'a str> {
    let AttrData::Dialect { dialect, body } = attr.data(ctx) else { return None };
    if ctx.str(*dialect) != "gpu" {
        return None;
    }
    body.strip_prefix(mnemonic)?.trim_start().strip_prefix('<')?.strip_suffix('>')
}

/// The `key = value` parameters of an attribute body, split at the commas
/// outside brackets.
fn parameters(inner: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    fn push<'a>(out: &mut Vec<(&'a str, &'a str)>, piece: &'a str) {
        if let Some((k, v)) = piece.split_once('=') {
            out.push((k.trim(), v.trim()));
        }
    }
    for (i, c) in inner.char_indices() {
        match c {
            '(' | '[' | '{' | '<' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            // `->` does not close anything.
            '>' if !inner[..i].ends_with('-') => depth -= 1,
            ',' if depth == 0 => {
                push(&mut out, &inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    push(&mut out, &inner[start..]);
    out
}

/// A `#gpu.loop_dim_map` read back; `None` for any other attribute.
pub fn parse_loop_dim_map(ctx: &Context, attr: Attribute) -> Option<LoopDimMapping> {
    let inner = gpu_attr_inner(ctx, attr, "loop_dim_map")?;
    let params = parameters(inner);
    let get = |key: &str| params.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let processor = Processor::from_name(get("processor")?)?;
    let is_identity = |text: Option<&str>| {
        text.is_some_and(|t| t.split_whitespace().collect::<String>() == IDENTITY.split_whitespace().collect::<String>())
    };
    Some(LoopDimMapping { processor, identity: is_identity(get("map")) && is_identity(get("bound")) })
}

/// What the dimensions of an `scf.forall` are distributed over.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum MappingLevel {
    Block,
    Warpgroup,
    Warp,
    Thread,
    Lane,
}

impl MappingLevel {
    const ALL: [(MappingLevel, &'static str); 5] = [
        (MappingLevel::Block, "block"),
        (MappingLevel::Warpgroup, "warpgroup"),
        (MappingLevel::Warp, "warp"),
        (MappingLevel::Thread, "thread"),
        (MappingLevel::Lane, "lane"),
    ];

    pub fn name(self) -> &'static str {
        MappingLevel::ALL.iter().find(|(l, _)| *l == self).map_or("", |(_, n)| n)
    }
}

/// One dimension of an `scf.forall` mapping: `#gpu.thread<y>` is
/// `(Thread, Some(1))`; the linear ids (`#gpu.thread<linear_dim_0>`) have
/// no dimension.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ForallMapping {
    pub level: MappingLevel,
    /// 0, 1 or 2 for `x`, `y`, `z`; `None` for a linear id.
    pub dim: Option<usize>,
}

/// `#gpu.<level><dim>`.
pub fn forall_mapping(ctx: &Context, level: MappingLevel, dim: usize) -> Attribute {
    let body = format!("{}<{}>", level.name(), ["x", "y", "z"].get(dim).copied().unwrap_or("x"));
    ctx.intern_attr(AttrData::Dialect { dialect: ctx.symbol("gpu"), body: body.into() })
}

/// A `#gpu.block<x>` (or thread, warp, ...) read back; `None` for any
/// other attribute.
pub fn parse_forall_mapping(ctx: &Context, attr: Attribute) -> Option<ForallMapping> {
    MappingLevel::ALL.iter().find_map(|&(level, name)| {
        let inner = gpu_attr_inner(ctx, attr, name)?.trim();
        let dim = match inner {
            "x" => Some(0),
            "y" => Some(1),
            "z" => Some(2),
            linear if linear.strip_prefix("linear_dim_").is_some_and(|n| n.parse::<u32>().is_ok()) => None,
            _ => return None,
        };
        Some(ForallMapping { level, dim })
    })
}
