//! `random-graphs [--seeds A..B | --seed N] [--upstream-every K] [--out DIR]
//! [--print]`: checks the cases of the seeds (see the crate doc), in
//! parallel, and lists the failures.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use random_graphs::{check_seed, generate, Runner, Upstream};

const USAGE: &str = "usage: random-graphs [--seeds A..B | --seed N] [--upstream-every K] [--out DIR] [--jobs J] [--print]
  --seeds A..B        check seeds A to B-1 (default 0..200)
  --seed N            check seed N only
  --upstream-every K  compare every K-th baseline with mlir-opt-22/mlir-runner-22 (0: never; default 10)
  --out DIR           where failing programs are written (default target/random-graphs)
  --jobs J            seeds checked at once (default: the number of CPUs)
  --print             print the program of each seed instead of checking it";

struct Options {
    seeds: std::ops::Range<u64>,
    upstream_every: u64,
    out: PathBuf,
    jobs: usize,
    print: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut o = Options { seeds: 0..200, upstream_every: 10, out: PathBuf::from("target/random-graphs"), jobs, print: false };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{arg} needs a value"));
        let number = |s: &str| s.parse::<u64>().map_err(|_| format!("not a number: '{s}'"));
        match arg.as_str() {
            "--seeds" => {
                let v = value()?;
                let (a, b) = v.split_once("..").ok_or_else(|| format!("--seeds expects A..B, got '{v}'"))?;
                o.seeds = number(a)?..number(b)?;
            }
            "--seed" => {
                let n = number(value()?)?;
                o.seeds = n..n + 1;
            }
            "--upstream-every" => o.upstream_every = number(value()?)?,
            "--out" => o.out = PathBuf::from(value()?),
            "--jobs" => o.jobs = number(value()?)?.max(1) as usize,
            "--print" => o.print = true,
            "--help" | "-h" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument '{other}'\n{USAGE}")),
        }
    }
    Ok(o)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse(&args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if options.print {
        for seed in options.seeds {
            print!("{}", generate(seed).text);
        }
        return ExitCode::SUCCESS;
    }
    let upstream = match (options.upstream_every, Upstream::find()) {
        (0, _) => None,
        (_, Ok(u)) => Some(u),
        (_, Err(why)) => {
            eprintln!("not comparing with upstream: {why}");
            None
        }
    };
    let start = Instant::now();
    let next = AtomicU64::new(options.seeds.start);
    let (runs, upstream_runs) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..options.jobs {
            scope.spawn(|| {
                let runner = Runner::new();
                loop {
                    let seed = next.fetch_add(1, Ordering::Relaxed);
                    if seed >= options.seeds.end {
                        break;
                    }
                    let up = upstream.as_ref().filter(|_| seed.is_multiple_of(options.upstream_every.max(1)));
                    let report = check_seed(&runner, seed, &options.out, up);
                    runs.fetch_add(report.compared + 1, Ordering::Relaxed);
                    if report.upstream_checked {
                        upstream_runs.fetch_add(1, Ordering::Relaxed);
                    }
                    for f in report.failures {
                        eprintln!("FAILED {f}");
                        if let Ok(mut all) = failures.lock() {
                            all.push(f);
                        }
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap_or_default();
    let seeds = options.seeds.end.saturating_sub(options.seeds.start);
    println!(
        "{seeds} graphs, {} runs (baselines included), {} baselines compared with upstream, {} failures, {:.1} s",
        runs.load(Ordering::Relaxed),
        upstream_runs.load(Ordering::Relaxed),
        failures.len(),
        start.elapsed().as_secs_f64()
    );
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
