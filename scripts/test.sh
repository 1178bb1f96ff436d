#!/usr/bin/env bash
# The whole test suite: set-up, build, then every test of the workspace.
# The lit suite runs inside it (tools/ml-opt/tests/lit.rs: one test per file),
# as do snapshot, property, round-trip and upstream-conformance tests.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
# The PTX tests assemble with ptxas (setup installs it): missing, they fail.
export ML_REQUIRE_PTXAS=1
cargo fmt --all -- --check
cargo build --workspace --all-targets
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --no-fail-fast
else
  cargo test --workspace --no-fail-fast
fi
