"""Benchmark refusing a time that is far too long: a 50 KB WHEN and a 40 KB CSV cell.

Run:  .venv/bin/python benchmarks/parse.py [--runs 20]

Both must be refused in under 50 ms (the target): a WHEN over 200 characters is
refused before any reading. Before that cap, `"1 " * 25_000` took 43 s (the day phrase
was tried at every word count, and dateparser's cost grows faster than the text) and
a 40 KB cell in the `at` column 8 s. It prints the median and the slowest of the runs,
in-process (what the rule costs), then one whole `followup` process of each, next to
`followup --version`, for scale. Nothing here asserts: it prints figures.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench import FOLLOWUP, NOW, env_for

TARGET_MS = 50.0
WHEN = "1 " * 25_000  # 50,000 characters
CELL = "1 " * 20_000  # 40,000 characters


def timed(action, runs: int) -> tuple[float, float, str]:
    """(median ms, slowest ms, the message) of `runs` calls of `action`, which must raise."""
    from followup.errors import FollowupError

    spans, message = [], ""
    for _ in range(runs):
        started = time.perf_counter()
        try:
            action()
        except FollowupError as exc:
            message = str(exc)
        else:
            raise SystemExit("not refused: the rule is gone")
        spans.append((time.perf_counter() - started) * 1000)
    return statistics.median(spans), max(spans), message


def process_ms(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs per figure (default 20)")
    args = parser.parse_args()

    from followup.core.when import parse_when
    from followup.features.csv_import import read_csv

    now = NOW
    sheet = f"company,at\nAcme,{CELL}\n".encode()
    figures = {
        f"a {len(WHEN):,}-character WHEN": timed(lambda: parse_when(WHEN, now, UTC), args.runs),
        f"a {len(CELL):,}-character csv cell": timed(
            lambda: read_csv(sheet, "in.csv", now, UTC), args.runs
        ),
    }
    print(f"in-process, {args.runs} runs each (target: under {TARGET_MS:.0f} ms)\n")
    for label, (median, slowest, message) in figures.items():
        verdict = "within" if slowest < TARGET_MS else "OVER"
        print(f"refusing {label}: median {median:.3f} ms, slowest {slowest:.3f} ms ({verdict})")
        print(f"  says: {message[:110]}...")
    work = Path(tempfile.mkdtemp(prefix="followup-bench-parse-"))
    try:
        env = env_for(work / "home")
        csv_file = work / "in.csv"
        csv_file.write_bytes(sheet)
        base = process_ms([FOLLOWUP, "--version"], env)
        when = process_ms([FOLLOWUP, "add", "Acme", "--at", WHEN], env)
        cell = process_ms([FOLLOWUP, "import", str(csv_file)], env)
        print(
            f"\nwhole processes, once each: followup --version {base:.0f} ms; "
            f"add --at (50 KB) {when:.0f} ms; import (40 KB cell) {cell:.0f} ms"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
