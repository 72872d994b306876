#!/usr/bin/env python3
"""Prints the gzip size of the built app's wasm, JavaScript and CSS (what a
browser downloads on the first visit) and fails above the budget. Given the
wasm as rustc wrote it (with its names), also prints its biggest items by
twiggy, so that growth has a name.

Usage: size-report.py DIST [NAMED_WASM]"""

import gzip
import pathlib
import shutil
import subprocess
import sys

# How many of the biggest items to name.
TOP = 15

# The app shell of the foundation issue fitted in 250 kB (244.5 kB). With
# every CRM card, My activities, the pool, the org chart, tasks and the
# notification centre it was about 620 kB (with Leptos' erase_components);
# pipelines, custom fields, robots and their configuration pages brought it
# to about 800 kB. This budget keeps the next features from growing it
# unnoticed. Measured on 2026-11-30 (845 kB): reading records through JSON
# instead of serde-wasm-bindgen made the wasm 110 kB larger, and opt-level
# "s" 170 kB larger; what is left is spread thin (reactive closures,
# components, per-type serde), so the 650 kB target needs fewer generic
# instantiations rather than one cut. The biggest items are listed below.
BUDGET_BYTES = 850_000


def main() -> int:
    dist = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
    files = sorted(p for p in dist.iterdir() if p.suffix in (".wasm", ".js", ".css") and p.name != "sw.js")
    if not any(p.suffix == ".wasm" for p in files):
        print(f"size-report: no wasm in {dist}; build first", file=sys.stderr)
        return 1
    total = 0
    for path in files:
        raw = path.read_bytes()
        packed = len(gzip.compress(raw, compresslevel=9))
        total += packed
        print(f"{path.name:40} {len(raw) / 1000:8.1f} kB raw {packed / 1000:8.1f} kB gzip")
    if len(sys.argv) > 2:
        top_items(pathlib.Path(sys.argv[2]))
    verdict = "within" if total <= BUDGET_BYTES else "OVER"
    print(f"{'total':40} {'':17} {total / 1000:8.1f} kB gzip ({verdict} the {BUDGET_BYTES / 1000:.0f} kB budget)")
    return 0 if total <= BUDGET_BYTES else 1


def top_items(wasm: pathlib.Path) -> None:
    """The biggest items of `wasm` by twiggy (before wasm-opt: the same
    functions, with their names)."""
    if not wasm.is_file() or shutil.which("twiggy") is None:
        print(f"size-report: no twiggy or no {wasm}: biggest items not listed", file=sys.stderr)
        return
    listed = subprocess.run(
        ["twiggy", "top", "-n", str(TOP + 10), str(wasm)], capture_output=True, text=True, check=False
    )
    if listed.returncode != 0:
        print(f"size-report: twiggy failed: {listed.stderr.strip()}", file=sys.stderr)
        return
    # The names and wasm-bindgen's own sections are not in the shipped wasm.
    skipped = ('"function names"', "custom section", "...", "Σ")
    rows = [line for line in listed.stdout.splitlines()[2:] if not line.split("┊")[-1].strip().startswith(skipped)]
    print(f"biggest items of {wasm.name} before wasm-opt (twiggy top; names and custom sections left out):")
    for row in rows[:TOP]:
        print(row[:160])


if __name__ == "__main__":
    sys.exit(main())
