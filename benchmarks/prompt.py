"""Benchmark `followup prompt` (it runs on every shell prompt) against its floor.

Run:  .venv/bin/python benchmarks/prompt.py [--runs 30]

It builds a store of 50 open and 5,000 closed interviews through `followup import`,
then alternates `followup prompt` with an installed console script that returns at
once (followup's own launcher calling a no-op: the floor of any installed command),
and the prompt module alone with `python -c pass` (these machines are noisy: only
ratios measured side by side mean anything), and prints the median of the per-round
ratios. The target is at most 1.15 times the no-op script. Nothing here asserts: it
prints figures.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench import FOLLOWUP, PYTHON, compare, env_for, export_file, noop_script

TARGET = 1.15


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="rounds per comparison (default 30)")
    args = parser.parse_args()

    import compileall

    import followup

    compileall.compile_dir(Path(followup.__file__).parent, quiet=1)
    work = Path(tempfile.mkdtemp(prefix="followup-bench-prompt-"))
    try:
        home = work / "home"
        t0 = time.perf_counter()
        subprocess.run(
            [FOLLOWUP, "import", str(export_file(work, 5000))],
            env=env_for(home),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        print(f"built store: 50 open + 5,000 closed in {time.perf_counter() - t0:.2f} s")
        # As a shell runs it: no FOLLOWUP_NOW (a pinned time is for demos and tests).
        env = {k: v for k, v in env_for(home).items() if k != "FOLLOWUP_NOW"}
        shown = subprocess.run([FOLLOWUP, "prompt"], env=env, capture_output=True, text=True)
        print(f"followup prompt prints: {shown.stdout.strip()!r} (exit {shown.returncode})")
        print(f"\n{args.runs} alternating rounds each; median of per-round ratios\n")
        pass_cmd = [PYTHON, "-c", "pass"]
        module = compare(
            "prompt module alone / python -c pass",
            [PYTHON, "-c", "from followup.prompt import main; main()"],
            pass_cmd,
            env,
            args.runs,
        )
        if shown.returncode != 0:
            print(f"\n{FOLLOWUP} has no prompt command yet: only the module was measured")
            return
        command = compare(
            "followup prompt / no-op console script",
            [FOLLOWUP, "prompt"],
            [str(noop_script(work))],
            env,
            args.runs,
        )
        ratio = command["ratio"]
        verdict = "within" if ratio <= TARGET else "OVER"
        print(f"followup prompt: {ratio:.2f}x the no-op script ({verdict} the {TARGET}x target)")
        print(f"the prompt module alone: {module['ratio']:.2f}x python -c pass")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
