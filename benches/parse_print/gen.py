#!/usr/bin/env python3
"""Writes a large MLIR module for the parse/verify/print benchmark.

Usage: gen.py OUT.mlir [MEGABYTES]   (default 50)

The module holds many small functions with long arith chains (integer and
float), constants, comparisons and selects, control flow through cf blocks
with arguments, and nested modules, all in upstream MLIR 22 syntax.
"""
import random
import sys


def function(out, index, rng):
    out.append(f"  func.func @f{index}(%a: i32, %b: i32, %x: f32, %y: f32) -> (i32, f32) {{\n")
    out.append(f"    %c1 = arith.constant {rng.randint(1, 1000)} : i32\n")
    out.append(f"    %cf = arith.constant {rng.random():.6f} : f32\n")
    ints, floats = ["%a", "%b", "%c1"], ["%x", "%y", "%cf"]
    for i in range(rng.randint(20, 60)):
        kind = rng.random()
        if kind < 0.45:
            op = rng.choice(["addi", "subi", "muli", "andi", "ori", "xori", "maxsi", "minui"])
            out.append(f"    %i{i} = arith.{op} {rng.choice(ints)}, {rng.choice(ints)} : i32\n")
            ints.append(f"%i{i}")
        elif kind < 0.85:
            op = rng.choice(["addf", "subf", "mulf", "divf", "maximumf"])
            out.append(f"    %f{i} = arith.{op} {rng.choice(floats)}, {rng.choice(floats)} : f32\n")
            floats.append(f"%f{i}")
        else:
            out.append(f"    %p{i} = arith.cmpi slt, {rng.choice(ints)}, {rng.choice(ints)} : i32\n")
            out.append(f"    %s{i} = arith.select %p{i}, {rng.choice(ints)}, {rng.choice(ints)} : i32\n")
            ints.append(f"%s{i}")
    out.append(f"    %cond = arith.cmpi sgt, {ints[-1]}, %a : i32\n")
    out.append(f"    cf.cond_br %cond, ^bb1({ints[-1]} : i32), ^bb2({floats[-1]} : f32)\n")
    out.append("  ^bb1(%r: i32):\n")
    out.append(f"    %r2 = arith.addi %r, %a : i32\n")
    out.append(f"    cf.br ^bb3(%r2, {floats[-1]} : i32, f32)\n")
    out.append("  ^bb2(%g: f32):\n")
    out.append(f"    cf.br ^bb3(%b, %g : i32, f32)\n")
    out.append("  ^bb3(%ri: i32, %rf: f32):\n")
    out.append("    return %ri, %rf : i32, f32\n")
    out.append("  }\n")


def main():
    path = sys.argv[1]
    megabytes = float(sys.argv[2]) if len(sys.argv) > 2 else 50.0
    target = int(megabytes * 1024 * 1024)
    rng = random.Random(42)
    size = 0
    index = 0
    with open(path, "w") as f:
        f.write("module {\n")
        while size < target:
            chunk = []
            # Every 50th group sits in a nested module, for region nesting.
            nested = index % 50 == 0
            if nested:
                chunk.append(f"  module @m{index} {{\n")
            for _ in range(10):
                function(chunk, index, rng)
                index += 1
            if nested:
                chunk.append("  }\n")
            text = "".join(chunk)
            f.write(text)
            size += len(text)
        f.write("}\n")


if __name__ == "__main__":
    main()
