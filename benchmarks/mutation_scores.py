"""Mutation scores per module, from the results `mutmut run` left in mutants/.

    python benchmarks/mutation_scores.py              # the table, as text
    python benchmarks/mutation_scores.py --markdown   # the table of docs/mutation.md
    python benchmarks/mutation_scores.py --survivors  # and the survivors not argued equivalent

A mutant counts as killed when a fast test failed on it, or timed out (mutmut's own
rule); "not run" are mutants of a run that was interrupted or limited to some names.
A survivor is "equivalent" when docs/mutation.md names it (`followup.MODULE.x_...`)
in a line that argues why no test can notice it; the score is the killed mutants out
of those tried, less the equivalent ones.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

KILLED = {1: "killed", 3: "killed", 36: "killed", 24: "killed", -24: "killed", 152: "killed",
          255: "killed", 0: "survived", 5: "no tests", 33: "no tests", None: "not run"}  # fmt: skip
DOC = Path(__file__).resolve().parent.parent / "docs" / "mutation.md"
NAME = re.compile(r"`(followup\.[\w.ǁ]+__mutmut_\d+)`")


def equivalents(doc: Path = DOC) -> set[str]:
    """The mutants that docs/mutation.md argues equivalent, by name."""
    return set(NAME.findall(doc.read_text(encoding="utf-8"))) if doc.exists() else set()


def scores(root: Path, argued: set[str]) -> tuple[list[dict], list[str]]:
    """Per module: its counts; and the survivors not argued equivalent."""
    rows, survivors = [], []
    for meta in sorted(root.rglob("*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        counts = Counter(KILLED.get(code, "other") for code in codes.values())
        alive = sorted(name for name, code in codes.items() if code == 0)
        equivalent = sum(name in argued for name in alive)
        survivors += [name for name in alive if name not in argued]
        tried = len(codes) - counts["not run"]
        rows.append(
            {
                "module": str(meta.relative_to(root / "src" / "followup")).removesuffix(".meta"),
                "mutants": len(codes),
                "killed": counts["killed"],
                "survived": counts["survived"] - equivalent,
                "equivalent": equivalent,
                "no tests": counts["no tests"],
                "not run": counts["not run"],
                "tried": tried,
            }
        )
    return rows, survivors


def score(row: dict) -> str:
    judged = row["tried"] - row["equivalent"]
    return f"{100 * row['killed'] / judged:.0f}%" if judged else "-"


def main() -> None:
    root = Path("mutants")
    if not list(root.rglob("*.py.meta")):
        sys.exit("no results in mutants/: run `mutmut run` first (docs/mutation.md)")
    rows, survivors = scores(root, equivalents())
    total = {key: sum(r[key] for r in rows) for key in rows[0] if key != "module"}
    rows.append({"module": "all", **total})
    if "--markdown" in sys.argv:
        print("| module | mutants | killed | survived | equivalent | no tests | not run | score |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for r in rows:
            print(
                f"| {r['module']} | {r['mutants']:,} | {r['killed']:,} | {r['survived']} | "
                f"{r['equivalent']} | {r['no tests']} | {r['not run']:,} | {score(r)} |"
            )
    else:
        print(
            f"{'module':<28} {'mutants':>7} {'killed':>7} {'survived':>8} {'equiv.':>6} "
            f"{'no tests':>8} {'not run':>7} {'score':>6}"
        )
        for r in rows:
            print(
                f"{r['module']:<28} {r['mutants']:>7} {r['killed']:>7} {r['survived']:>8} "
                f"{r['equivalent']:>6} {r['no tests']:>8} {r['not run']:>7} {score(r):>6}"
            )
    if "--survivors" in sys.argv:
        print("\n".join(["", *survivors]))


if __name__ == "__main__":
    main()
