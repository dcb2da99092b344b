#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Draws a capDL snapshot (docs/capdl-snapshot.md).

  capdl_view.py INPUT [-o DIR] [--format svg,png] [--dot-only] [--summary]

INPUT is a snapshot, any capDL file in the subset the reader knows, or a
console log holding one between the marker lines. Writes one .dot file per
view into DIR and renders each with Graphviz's dot. A malformed input is
refused with its line number, and the exit status is 1.
"""
import argparse
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from capdl import reader, render  # noqa: E402  (after the path is set)


def main():
    parser = argparse.ArgumentParser(description="Draw a capDL snapshot with Graphviz.")
    parser.add_argument("input", help="snapshot, capDL file or console log")
    parser.add_argument("-o", "--output", default=".", help="directory for the pictures")
    parser.add_argument("--format", default="svg,png", help="comma-separated dot formats")
    parser.add_argument("--dot-only", action="store_true", help="write .dot files, render none")
    parser.add_argument("--summary", action="store_true", help="print what the snapshot holds")
    args = parser.parse_args()
    try:
        spec = reader.parse_file(args.input)
    except reader.SpecError as error:
        print(f"{args.input}: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"capdl_view: {error}", file=sys.stderr)
        return 1
    if args.summary:
        kinds = {}
        for obj in spec.objects.values():
            kinds[obj.type] = kinds.get(obj.type, 0) + 1
        print(", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) +
              f"; {sum(len(s) for s in spec.caps.values())} caps; {len(spec.cdt)} derivations")
    os.makedirs(args.output, exist_ok=True)
    for name, text in render.all_views(spec).items():
        path = os.path.join(args.output, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        for fmt in [] if args.dot_only else args.format.split(","):
            out = path[:-len(".dot")] + "." + fmt
            done = subprocess.run(["dot", f"-T{fmt}", "-o", out, path], check=False)
            if done.returncode != 0:
                print(f"capdl_view: dot failed on {path}", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
