//! Random linalg graphs on tensors, and the evidence that our transforms
//! keep their meaning: each graph is run untransformed (the baseline) and
//! after `--fuse`, `--tile` (random sizes, 0 and larger than the
//! dimensions included, random interchanges, `loop=for` and
//! `loop=forall`), `--tile-and-fuse`, and `--fuse` then `--tile-and-fuse`,
//! every time followed by `--one-shot-bufferize=bufferize-function-boundaries
//! --buffer-deallocation --lower-to-llvm` and a JIT run (ml-jit, `-O0`, in
//! a forked child with its stdout captured). The printed results must be
//! identical to the baseline's and nothing may leak; some baselines are
//! also compared with upstream's pipeline (`mlir-opt-22`, `mlir-runner-22`).
//!
//! - [`generate`]`(seed)`: the program of a seed ([`rng`] is SplitMix64, so
//!   a seed means the same program everywhere). Kinds, by `seed % 5`:
//!   elementwise chains (named `linalg.add/sub/mul/max/min`, `linalg.map`,
//!   `linalg.negf/abs`, `linalg.transpose`, `linalg.broadcast`, fills,
//!   generics with broadcast and transposed maps), matmul + bias + relu,
//!   a two-layer MLP, `linalg.conv_2d_nhwc_hwcf` (strides and dilations 1
//!   or 2) + bias + relu, and reductions (`linalg.reduce` or generics, rows
//!   or columns, sum or max) followed by elementwise ops. Sizes 1..13;
//!   about a third of the graphs take `tensor<?x..>` arguments, cast from
//!   static tensors in `@main`.
//! - Inputs are made in `@main` from `linalg.index`:
//!   `((sum c_k i_k + offset) mod p) * 0.25 - 1.0`; with add, sub, mul,
//!   max and min only, every result is an exact dyadic number, so even a
//!   reassociated reduction would compare exactly. Each result is printed
//!   with `printMemrefF32` and its bits with `printMemrefI32`, and the
//!   output is compared as text (addresses masked): no tolerance.
//! - [`check_seed`]: the case of a seed, all its transforms; a failure
//!   names the seed, the transform, the program (written out) and the
//!   `ml-opt ... | ml-run ...` command that reproduces it.
//!
//! `cargo nextest run -p random-graphs` runs the CI seeds (the `semantics`
//! test); `cargo run --release -p random-graphs -- --seeds 0..1000` runs
//! more (`--help` for the options).

pub mod emit;
pub mod graphs;
pub mod rng;
pub mod run;
pub mod transforms;

pub use graphs::{generate, Case, Kind};
pub use run::{check_seed, command_line, mask_addresses, CaseReport, Execution, Failure, Runner, Upstream};
pub use transforms::{transforms, Transform};
