#!/usr/bin/env bash
# Installs what the build and the tests need on Debian 12 (as root), once:
# LLVM/MLIR 22 (melior, the reference mlir-opt-22, lit, FileCheck), the
# libraries MLIR links against, and NVIDIA's ptxas and libdevice (the PyPI
# wheel nvidia-cuda-nvcc-cu12, in a virtual environment under target/, when
# no CUDA toolkit or wheel has them). Fast when everything is already there.
set -euo pipefail

packages=(
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools libclang-22-dev clang-22
  libpolly-22-dev libzstd-dev libz3-dev libxml2-dev zlib1g-dev python3 python3-venv
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

# ptxas (the PTX tests assemble every PTX they make) and libdevice.
repo="$(cd "$(dirname "$0")/.." && pwd)"
venv="$repo/target/nvidia-venv"
nvidia_tools_found() {
  if [ -x /usr/local/cuda/bin/ptxas ] && [ -f /usr/local/cuda/nvvm/libdevice/libdevice.10.bc ]; then return 0; fi
  if ls "$venv"/lib/python3*/site-packages/nvidia/cuda_nvcc/bin/ptxas >/dev/null 2>&1; then return 0; fi
  python3 - <<'PY' 2>/dev/null
import os, sys
import nvidia.cuda_nvcc as m  # a namespace package: __path__, not __file__
root = list(m.__path__)[0]
sys.exit(0 if os.path.exists(os.path.join(root, "bin", "ptxas")) and os.path.exists(os.path.join(root, "nvvm", "libdevice", "libdevice.10.bc")) else 1)
PY
}
if ! nvidia_tools_found; then
  echo "setup: installing ptxas and libdevice (PyPI nvidia-cuda-nvcc-cu12) into $venv"
  mkdir -p "$repo/target"
  { python3 -m venv "$venv" && "$venv/bin/pip" install -q nvidia-cuda-nvcc-cu12; } >/tmp/ml-setup-pip.log 2>&1 \
    || { tail -30 /tmp/ml-setup-pip.log >&2; exit 1; }
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found; install Rust (stable) first" >&2
  exit 1
fi
echo "setup: ready (LLVM $(/usr/lib/llvm-22/bin/llvm-config --version), $(cargo --version))"
