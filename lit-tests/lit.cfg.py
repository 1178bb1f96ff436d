# lit configuration for the ml tools. Run from the repository root:
#   /usr/lib/llvm-22/bin/lit -sv lit-tests --param tools_dir=target/debug
import os

import lit.formats

config.name = "ml"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir"]
config.excludes = ["Inputs", "lit.cfg.py", "README.md"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = lit_config.params.get(
    "exec_root", os.path.join(config.test_source_root, "..", "target", "lit")
)

repo = os.path.abspath(os.path.join(config.test_source_root, ".."))
tools_dir = os.path.abspath(lit_config.params.get("tools_dir", os.path.join(repo, "target", "debug")))
llvm_bin_dir = lit_config.params.get("llvm_bin_dir", "/usr/lib/llvm-22/bin")

# Our tools first, then FileCheck, not and mlir-opt from LLVM 22.
config.environment["PATH"] = os.pathsep.join([tools_dir, llvm_bin_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
config.environment["FILECHECK_OPTS"] = "-enable-var-scope --allow-unused-prefixes=false"
# Diagnostics must be plain text in tests.
config.environment["NO_COLOR"] = "1"
config.substitutions.append(("%mlir_opt", os.path.join(llvm_bin_dir, "mlir-opt")))
