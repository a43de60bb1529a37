"""Mutation scores per module, from the results `mutmut run` left in mutants/.

    python benchmarks/mutation_scores.py            # the table (docs/mutation.md)
    python benchmarks/mutation_scores.py --survivors # and the names of the survivors

A mutant counts as killed when a fast test failed on it, or timed out (mutmut's own
rule); "not run" are mutants of a run that was interrupted or limited to some names.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

KILLED = {1: "killed", 3: "killed", 36: "killed", 24: "killed", -24: "killed", 152: "killed",
          255: "killed", 0: "survived", 5: "no tests", 33: "no tests", None: "not run"}  # fmt: skip


def main() -> None:
    root = Path("mutants")
    metas = sorted(root.rglob("*.py.meta"))
    if not metas:
        sys.exit("no results in mutants/: run `mutmut run` first (docs/mutation.md)")
    print(
        f"{'module':<32} {'killed':>7} {'survived':>8} {'no tests':>8} {'not run':>7} {'score':>13}"
    )
    survivors = []
    for meta in metas:
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        counts = Counter(KILLED.get(code, "other") for code in codes.values())
        survivors += sorted(name for name, code in codes.items() if code == 0)
        tried = len(codes) - counts["not run"]
        score = (
            f"{counts['killed']}/{tried} {100 * counts['killed'] / tried:3.0f}%" if tried else "-"
        )
        name = str(meta.relative_to(root / "src")).removesuffix(".meta")
        print(
            f"{name:<32} {counts['killed']:>7} {counts['survived']:>8} {counts['no tests']:>8} "
            f"{counts['not run']:>7} {score:>13}"
        )
    if "--survivors" in sys.argv:
        print("\n".join(["", *survivors]))


if __name__ == "__main__":
    main()
