//! The transforms a graph is run through: none (the baseline), `fuse`,
//! `tile` and `tile-and-fuse` with random sizes, interchanges and loop
//! kinds, and `fuse` then `tile-and-fuse`; each followed by the same
//! lowering ([`LOWERING`]).

use crate::graphs::Case;
use crate::rng::Rng;

/// The passes after every transform, as `ml-opt` flags: bufferize (with
/// function boundaries), free the buffers, lower to the llvm dialect.
pub const LOWERING: &[(&str, &str)] =
    &[("one-shot-bufferize", "bufferize-function-boundaries"), ("buffer-deallocation", ""), ("lower-to-llvm", "")];

/// One pass with its options, as `--name=options` would give it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub pass: &'static str,
    pub options: String,
}

impl Step {
    /// The `ml-opt` flag, quoted for a shell when the options have spaces.
    pub fn flag(&self) -> String {
        match (self.options.is_empty(), self.options.contains(' ')) {
            (true, _) => format!("--{}", self.pass),
            (false, false) => format!("--{}={}", self.pass, self.options),
            (false, true) => format!("--{}=\"{}\"", self.pass, self.options),
        }
    }
}

/// Passes run before the lowering; none for the baseline.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Transform {
    pub steps: Vec<Step>,
}

impl Transform {
    pub fn is_baseline(&self) -> bool {
        self.steps.is_empty()
    }

    /// `baseline`, or the flags (`--fuse --tile-and-fuse=sizes=3,5`).
    pub fn label(&self) -> String {
        if self.steps.is_empty() {
            return "baseline".to_string();
        }
        self.flags()
    }

    /// The transform's flags, space separated (empty for the baseline).
    pub fn flags(&self) -> String {
        self.steps.iter().map(Step::flag).collect::<Vec<_>>().join(" ")
    }

    /// Every pass, the lowering included.
    pub fn pipeline(&self) -> Vec<(String, String)> {
        self.steps
            .iter()
            .map(|s| (s.pass.to_string(), s.options.clone()))
            .chain(LOWERING.iter().map(|&(p, o)| (p.to_string(), o.to_string())))
            .collect()
    }
}

/// The lowering as `ml-opt` flags.
pub fn lowering_flags() -> String {
    LOWERING.iter().map(|&(pass, options)| Step { pass, options: options.to_string() }.flag()).collect::<Vec<_>>().join(" ")
}

/// Tile options: 1 to `max_loops` sizes (at most 4), each 0 (untiled), 1
/// to 14, or larger than any dimension; sometimes an interchange; the loop
/// kind.
fn tile_options(rng: &mut Rng, max_loops: usize, forall: bool) -> String {
    let count = rng.range(1, max_loops.clamp(1, 4));
    let sizes: Vec<String> = (0..count)
        .map(|_| {
            let size = match rng.below(10) {
                0 | 1 => 0,
                2 => *rng.pick(&[16, 32, 100]),
                _ => rng.range(1, 14),
            };
            size.to_string()
        })
        .collect();
    let mut options = format!("sizes={}", sizes.join(","));
    if count > 1 && rng.chance(50) {
        let perm: Vec<String> = rng.permutation(count).iter().map(|p| p.to_string()).collect();
        options.push_str(&format!(" interchange={}", perm.join(",")));
    }
    if forall {
        options.push_str(" loop=forall");
    }
    options
}

/// Fuse options: sometimes duplicating multi-use producers, sometimes
/// fusing into contractions even where that recomputes the producer.
fn fuse_options(rng: &mut Rng) -> String {
    let multi_use = rng.chance(30).then_some("allow-multi-use");
    let contractions = rng.chance(40).then_some("fuse-into-contractions=true");
    [multi_use, contractions].into_iter().flatten().collect::<Vec<_>>().join(" ")
}

/// The transforms of a case: the baseline first, then `fuse`, `tile` with
/// `scf.for` and with `scf.forall`, `tile-and-fuse`, and `fuse` then
/// `tile-and-fuse`, options drawn from the seed.
pub fn transforms(case: &Case) -> Vec<Transform> {
    let mut rng = Rng::stream(case.seed, 2);
    let step = |pass: &'static str, options: String| Step { pass, options };
    let loops = case.max_loops;
    let tile_and_fuse_forall = rng.chance(30);
    let fused_forall = rng.chance(30);
    vec![
        Transform::default(),
        Transform { steps: vec![step("fuse", fuse_options(&mut rng))] },
        Transform { steps: vec![step("tile", tile_options(&mut rng, loops, false))] },
        Transform { steps: vec![step("tile", tile_options(&mut rng, loops, true))] },
        Transform { steps: vec![step("tile-and-fuse", tile_options(&mut rng, loops, tile_and_fuse_forall))] },
        Transform {
            steps: vec![step("fuse", fuse_options(&mut rng)), step("tile-and-fuse", tile_options(&mut rng, loops, fused_forall))],
        },
    ]
}
