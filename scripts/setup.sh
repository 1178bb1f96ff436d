#!/usr/bin/env bash
# Installs what the build and the tests need on Debian 12 (as root), once:
# LLVM/MLIR 22 (melior, the reference mlir-opt-22, lit, FileCheck) and the
# libraries MLIR links against. Fast when everything is already there.
set -euo pipefail

packages=(
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools libclang-22-dev clang-22
  libpolly-22-dev libzstd-dev libz3-dev libxml2-dev zlib1g-dev python3
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: run as root (apt-get install needs it)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/tmp/ml-setup-apt.log 2>&1 || { cat /tmp/ml-setup-apt.log >&2; exit 1; }
  apt-get install -y -q "${missing[@]}" >>/tmp/ml-setup-apt.log 2>&1 || { tail -30 /tmp/ml-setup-apt.log >&2; exit 1; }
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found; install Rust (stable) first" >&2
  exit 1
fi
echo "setup: ready (LLVM $(/usr/lib/llvm-22/bin/llvm-config --version), $(cargo --version))"
