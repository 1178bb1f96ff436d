#!/usr/bin/env bash
# Parse + verify + (passes) + print throughput of ml-opt against upstream
# mlir-opt-22 on the same generated module, in one run.
# Usage: benches/parse_print/run.sh [MB] [PASS FLAGS...]
#   e.g. benches/parse_print/run.sh 50 --canonicalize --cse
set -euo pipefail
cd "$(dirname "$0")/../.."

megabytes="${1:-50}"
shift || true
passes=("$@")
out=benches/out
mkdir -p "$out"
input="$out/parse_print_${megabytes}mb.mlir"
[ -f "$input" ] || python3 benches/parse_print/gen.py "$input" "$megabytes"
bytes=$(stat -c %s "$input")

cargo build -q --release -p ml-opt
upstream=$(command -v mlir-opt-22 || echo /usr/lib/llvm-22/bin/mlir-opt)

# Runs a command 3 times; prints the best wall seconds and its peak RSS in KB.
measure() {
  local best="" best_rss="" stats
  stats=$(mktemp)
  for _ in 1 2 3; do
    local report
    /usr/bin/time -f '%e %M' -o "$stats" "$@" ${passes[@]+"${passes[@]}"} -o /dev/null >/dev/null 2>&1
    report=$(tail -1 "$stats")
    local seconds=${report% *} rss=${report#* }
    if [ -z "$best" ] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; best_rss=$rss; fi
  done
  rm -f "$stats"
  echo "$best $best_rss"
}

target/release/ml-opt "$input" ${passes[@]+"${passes[@]}"} -o /dev/null || { echo "ml-opt failed on $input" >&2; exit 1; }
"$upstream" "$input" ${passes[@]+"${passes[@]}"} -o /dev/null || { echo "mlir-opt-22 failed on $input" >&2; exit 1; }

read -r ours_s ours_kb < <(measure target/release/ml-opt "$input")
read -r up_s up_kb < <(measure "$upstream" "$input")

awk -v p="${passes[*]:-none}" -v b="$bytes" -v os="$ours_s" -v ok="$ours_kb" -v us="$up_s" -v uk="$up_kb" 'BEGIN {
  mb = b / 1048576
  printf "input: %.1f MB, passes: %s\n", mb, p
  printf "ml-opt      : %6.2f s  %7.1f MB/s  peak %7.1f MB\n", os, mb / os, ok / 1024
  printf "mlir-opt-22 : %6.2f s  %7.1f MB/s  peak %7.1f MB\n", us, mb / us, uk / 1024
  printf "throughput ratio ml-opt / mlir-opt-22: %.2f (above 1 means we are faster)\n", us / os
  printf "peak memory ratio ml-opt / mlir-opt-22: %.2f\n", ok / uk
}'
