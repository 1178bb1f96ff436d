#!/usr/bin/env bash
# Set-up, build, and run ml-opt on the example: the seed program of the MLIR
# papers, in their legacy syntax, printed back as today's MLIR.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cargo build -q -p ml-opt
echo "== examples/seed.mlir"
cat examples/seed.mlir
echo "== ml-opt examples/seed.mlir"
target/debug/ml-opt examples/seed.mlir
