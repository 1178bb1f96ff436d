//! Semantic preservation on random graphs: one trial per seed, each running
//! the graph's baseline and its five transforms (see the crate doc) and
//! comparing what they print; every tenth baseline is also compared with
//! upstream's (skipped, with a message on stderr, without mlir-opt-22 and
//! mlir-runner-22). A failure prints the seed, the transform, where the
//! program was written and the command that reproduces it.
//!
//! `RANDOM_GRAPHS_SEEDS=A..B` checks other seeds.

use std::path::PathBuf;
use std::sync::OnceLock;

use libtest_mimic::{Arguments, Failed, Trial};
use random_graphs::{check_seed, generate, Runner, Upstream};

/// The seeds CI checks.
const SEEDS: std::ops::Range<u64> = 0..200;

/// Every how many seeds a baseline is compared with upstream.
const UPSTREAM_EVERY: u64 = 10;

fn seeds() -> std::ops::Range<u64> {
    let Ok(text) = std::env::var("RANDOM_GRAPHS_SEEDS") else { return SEEDS };
    let parsed = text.split_once("..").and_then(|(a, b)| Some(a.trim().parse().ok()?..b.trim().parse().ok()?));
    parsed.unwrap_or_else(|| {
        eprintln!("RANDOM_GRAPHS_SEEDS: expected A..B, got '{text}'; checking {SEEDS:?}");
        SEEDS
    })
}

fn upstream() -> Option<&'static Upstream> {
    static UPSTREAM: OnceLock<Option<Upstream>> = OnceLock::new();
    UPSTREAM
        .get_or_init(|| match Upstream::find() {
            Ok(u) => Some(u),
            Err(why) => {
                eprintln!("skipping the comparison with upstream: {why}");
                None
            }
        })
        .as_ref()
}

fn check(seed: u64) -> Result<(), Failed> {
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("random-graphs");
    let up = if seed.is_multiple_of(UPSTREAM_EVERY) { upstream() } else { None };
    let report = check_seed(&Runner::new(), seed, &out_dir, up);
    if report.failures.is_empty() {
        return Ok(());
    }
    let text: Vec<String> = report.failures.iter().map(|f| f.to_string()).collect();
    Err(format!("{} of {} runs failed:\n{}", report.failures.len(), report.compared + 1, text.join("\n")).into())
}

fn main() -> std::process::ExitCode {
    let args = Arguments::from_args();
    let trials = seeds()
        .map(|seed| {
            let kind = generate(seed).kind.name();
            Trial::test(format!("seed_{seed:04}_{kind}"), move || check(seed))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit_code()
}
