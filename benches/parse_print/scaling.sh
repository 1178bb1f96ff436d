#!/usr/bin/env bash
# Thread scaling of ml-opt's parallel pass execution: the same nested
# pipeline on one and on two worker threads, on the generated module.
# Usage: benches/parse_print/scaling.sh [MB]
set -euo pipefail
cd "$(dirname "$0")/../.."

megabytes="${1:-50}"
input="benches/out/parse_print_${megabytes}mb.mlir"
mkdir -p benches/out
[ -f "$input" ] || python3 benches/parse_print/gen.py "$input" "$megabytes"
cargo build -q --release -p ml-opt
pipeline='builtin.module(func.func(canonicalize,cse))'

best() {
  local best=""
  for _ in 1 2 3; do
    local start end seconds
    start=$(date +%s.%N)
    env RAYON_NUM_THREADS="$1" target/release/ml-opt "$input" --pass-pipeline="$pipeline" -o /dev/null
    end=$(date +%s.%N)
    seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
    if [ -z "$best" ] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; fi
  done
  echo "$best"
}

one=$(best 1)
two=$(best 2)
awk -v one="$one" -v two="$two" -v p="$pipeline" 'BEGIN {
  printf "pipeline: %s\n", p
  printf "1 thread : %6.2f s\n2 threads: %6.2f s\nspeed-up : %.2f (parse and print stay serial)\n", one, two, one / two
}'
