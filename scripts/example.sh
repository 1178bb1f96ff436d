#!/usr/bin/env bash
# Set-up, build, and run the main job on an example: a two-layer perceptron
# written in linalg on tensors is fused, tiled, bufferized, lowered to the
# llvm dialect and JIT-run, printing its result (and checking that every
# buffer was freed).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cargo build -q -p ml-opt -p ml-run
passes=(--fuse --tile-and-fuse=sizes=2,2
        --one-shot-bufferize=bufferize-function-boundaries --buffer-deallocation
        --lower-to-llvm)
echo "== ml-opt examples/mlp.mlir ${passes[*]} | ml-run -e main --entry-point-result=void --check-leaks"
target/debug/ml-opt examples/mlp.mlir "${passes[@]}" \
  | target/debug/ml-run -e main --entry-point-result=void --check-leaks
echo
echo "== the same program after tiling and bufferization, before lowering:"
target/debug/ml-opt examples/mlp.mlir --fuse --tile-and-fuse=sizes=2,2 \
  --one-shot-bufferize=bufferize-function-boundaries --buffer-deallocation
