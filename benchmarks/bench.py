"""Benchmark followup's start-up and hot paths against the stack's floor.

Run:  .venv/bin/python benchmarks/bench.py [--runs 15] [--baseline OTHER/bin/followup]

It builds three stores through `followup import` (the JSON export format): 50 open
interviews with two interviewers each, plus 0, 500 and 5,000 closed ones. Then it
times whole processes, alternating each command with its baseline in the same loop
(these machines are noisy, so only ratios measured side by side mean anything), and
prints the median of the per-round ratios, of the wall time and of the CPU time (user +
system, which other work on a busy machine disturbs less). Output goes to /dev/null, so
followup writes plain text, as into a pipe; the "styled" line makes it style its output as
for a terminal (FORCE_COLOR), which also loads rich.text and rich.console. With
--baseline, another install of followup (an older commit, in its own virtual environment
with the same packages) builds its own store and runs the same commands beside this one:
"no slower than before", measured side by side. Nothing here asserts: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

BIN = Path(sys.executable).parent
FOLLOWUP = str(BIN / "followup")
PYTHON = sys.executable
NOW = datetime(2026, 11, 26, 10, tzinfo=UTC)

FLOOR = """\
import typer, rich.table, platformdirs
from pydantic import BaseModel


class Floor(BaseModel):
    id: int
    company: str
"""

#: The floor above, run as a Typer command with status's arguments that does nothing:
#: what Typer itself costs to run one command (since 0.29, each parameter that is not a
#: flag is converted by a pydantic TypeAdapter, built when the command runs). Not the
#: issue's floor: a second line, to tell Typer's share of the gap from followup's own.
TYPER_FLOOR = (
    FLOOR
    + """
from typing import Annotated, Optional

app = typer.Typer()


@app.command()
def status(
    interview: Annotated[Optional[str], typer.Argument()] = None,
    all_: Annotated[bool, typer.Option("--all")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    pass


app()
"""
)

KINDS = (("email", 24), ("linkedin", 48), ("card", 48))


def noop_script(folder: Path) -> Path:
    """An installed console script that returns at once: the floor for `followup prompt`.

    It is followup's own launcher, as pip wrote it (the same interpreter, `import re`
    and all), importing the followup package but calling a `main` that does nothing:
    what any command of this package pays before its own code runs.
    """
    launcher = Path(FOLLOWUP).read_text()
    call = "from followup.__main__ import main"
    if call not in launcher:
        raise SystemExit(f"{FOLLOWUP} is not the launcher this benchmark knows")
    script = folder / "followup-noop"
    script.write_text(launcher.replace(call, "import followup\n\ndef main():\n    return 0\n"))
    script.chmod(0o755)
    return script


def interview(number: int, at: datetime, closed: bool) -> dict:
    people = [
        {"name": f"Person {number}a", "email": f"a{number}@example.com"},
        {"name": f"Person {number}b", "email": None},
    ]
    steps = [
        {
            "step": kind,
            "who": p["name"],
            "due": (at + timedelta(hours=h)).isoformat(),
            "status": "done" if closed else "pending",
            "done_at": (at + timedelta(hours=2)).isoformat() if closed else None,
        }
        for kind, h in KINDS
        for p in people
    ]
    steps.append(
        {"step": "phone", "who": None, "due": at.isoformat(), "status": "pending", "done_at": None}
    )
    return {
        "id": number,
        "company": f"Company {number}",
        "role": "Data Analyst",
        "at": at.isoformat(),
        "interviewers": people,
        "notes": "Talked about dashboards and SQL.",
        "closed": closed,
        "outcome": "rejected" if closed else None,
        "steps": steps,
    }


def export_file(folder: Path, closed: int, open_: int = 50) -> Path:
    interviews = [
        interview(n + 1, NOW - timedelta(days=400) + timedelta(hours=n), True)
        for n in range(closed)
    ]
    interviews += [
        interview(closed + n + 1, NOW - timedelta(hours=3 * n), False) for n in range(open_)
    ]
    path = folder / f"export-{closed}.json"
    path.write_text(json.dumps({"format": "followup", "version": 1, "interviews": interviews}))
    return path


def env_for(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(FOLLOWUP_HOME=str(home), FOLLOWUP_NOW=NOW.isoformat(), NO_COLOR="1", COLUMNS="120")
    return env


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (KiB) and CPU seconds (user + system) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def compare(label, cmd, base, env, runs, *, after=None, base_env=None, base_after=None) -> dict:
    """Alternate `cmd` and `base` `runs` times; the median of per-round ratios (`after`
    and `base_after` run after each, untimed: an undo)."""
    ratios, times, bases, cpu_ratios = [], [], [], []
    for _ in range(runs):
        b, _, b_cpu = run(base, base_env or env)
        t, _, t_cpu = run(cmd, env)
        if after:
            run(after, env)
        if base_after:
            run(base_after, base_env or env)
        ratios.append(t / b)
        cpu_ratios.append(t_cpu / b_cpu if b_cpu else float("nan"))
        times.append(t)
        bases.append(b)
    result = {
        "label": label,
        "ratio": statistics.median(ratios),
        "cpu_ratio": statistics.median(cpu_ratios),
        "ms": 1000 * statistics.median(times),
        "base_ms": 1000 * statistics.median(bases),
    }
    print(
        f"{label:<58} {result['ms']:7.1f} ms  vs {result['base_ms']:7.1f} ms  "
        f"ratio {result['ratio']:.3f}  cpu {result['cpu_ratio']:.3f}",
        flush=True,
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="rounds per comparison (default 15)")
    parser.add_argument("--keep", action="store_true", help="keep the generated stores")
    parser.add_argument(
        "--baseline",
        metavar="FOLLOWUP",
        help="another install's followup executable, to compare status, add and done with",
    )
    args = parser.parse_args()

    # Byte-code as an installed package has it: PYTHONDONTWRITEBYTECODE (set on some
    # machines) would otherwise make every run compile followup's sources again.
    import compileall

    import followup

    compileall.compile_dir(Path(followup.__file__).parent, quiet=1)
    work = Path(tempfile.mkdtemp(prefix="followup-bench-"))
    floor = work / "floor.py"
    floor.write_text(FLOOR)
    typer_floor = work / "typer_floor.py"
    typer_floor.write_text(TYPER_FLOOR)
    homes: dict[int, Path] = {}
    for closed in (0, 500, 5000):
        home = work / f"home-{closed}"
        source = export_file(work, closed)
        t0 = time.perf_counter()
        subprocess.run(
            [FOLLOWUP, "import", str(source)],
            env=env_for(home),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        print(
            f"built store: 50 open + {closed} closed via import in "
            f"{time.perf_counter() - t0:.2f} s",
            flush=True,
        )
        homes[closed] = home

    small, mid, large = (env_for(homes[n]) for n in (0, 500, 5000))
    noop_cmd = [str(noop_script(work))]
    floor_cmd = [PYTHON, str(floor)]
    typer_cmd = [PYTHON, "-c", "import typer"]
    runs = args.runs
    print(f"\n{runs} alternating rounds each; median of per-round ratios\n")
    results = [
        compare(
            "status, 50 open + 5,000 closed / floor", [FOLLOWUP, "status"], floor_cmd, large, runs
        ),
        compare(
            "status, 50 open + 5,000 closed / a Typer command doing nothing",
            [FOLLOWUP, "status"],
            [PYTHON, str(typer_floor)],
            large,
            runs,
        ),
        compare(
            "status --json, 50 open + 5,000 closed / floor",
            [FOLLOWUP, "status", "--json"],
            floor_cmd,
            large,
            runs,
        ),
        compare(
            "status styled, as in a terminal (FORCE_COLOR) / floor",
            [FOLLOWUP, "status"],
            floor_cmd,
            {**{k: v for k, v in large.items() if k != "NO_COLOR"}, "FORCE_COLOR": "1"},
            runs,
        ),
        compare(
            "status, 50 open + 5,000 closed / 50 open alone",
            [FOLLOWUP, "status"],
            [FOLLOWUP, "status"],
            large,
            runs,
            base_env=small,
        ),
        compare(
            "status, 50 open + 500 closed / 50 open alone",
            [FOLLOWUP, "status"],
            [FOLLOWUP, "status"],
            mid,
            runs,
            base_env=small,
        ),
        compare(
            "add on 50 open + 5,000 closed / floor",
            [FOLLOWUP, "add", "Bench Co", "--with", "A B <a@b.io>"],
            floor_cmd,
            large,
            runs,
            after=[FOLLOWUP, "undo"],
        ),
        compare(
            "done on 50 open + 5,000 closed / floor",
            [FOLLOWUP, "done", "5050", "email"],
            floor_cmd,
            large,
            runs,
            after=[FOLLOWUP, "undo"],
        ),
        compare("--help / python -c 'import typer'", [FOLLOWUP, "--help"], typer_cmd, large, runs),
        compare(
            "prompt (installed command) / no-op console script",
            [FOLLOWUP, "prompt"],
            noop_cmd,
            {k: v for k, v in large.items() if k != "FOLLOWUP_NOW"},  # as a shell runs it
            runs,
        ),
    ]
    completion = dict(
        large, _FOLLOWUP_COMPLETE="complete_bash", COMP_WORDS="followup done ", COMP_CWORD="2"
    )
    results.append(
        compare(
            "completion of interview numbers / python -c 'import typer'",
            [FOLLOWUP],
            typer_cmd,
            completion,
            runs,
        )
    )
    completion_cmds = dict(
        large, _FOLLOWUP_COMPLETE="complete_bash", COMP_WORDS="followup st", COMP_CWORD="1"
    )
    results.append(
        compare(
            "completion of command names / python -c 'import typer'",
            [FOLLOWUP],
            typer_cmd,
            completion_cmds,
            runs,
        )
    )

    if args.baseline:
        results += against_baseline(args.baseline, work, large, runs)

    peaks = [run([FOLLOWUP, "status"], large)[1] for _ in range(5)]
    print(f"\npeak memory of status on 50 open + 5,000 closed: {max(peaks) / 1024:.1f} MiB")

    task = shutil.which("task")
    if task:
        taskdata = work / "taskdata"
        taskdata.mkdir()
        taskrc = work / "taskrc"
        taskrc.write_text(f"data.location={taskdata}\nconfirmation=off\nverbose=nothing\n")
        tenv = dict(small, TASKRC=str(taskrc), TASKDATA=str(taskdata))
        doc = json.loads(export_file(work, 0).read_text())
        tasks = [
            {
                "description": f"{s['step']} {s['who'] or ''} {iv['company']}",
                "status": "pending",
                "entry": "20261126T100000Z",
                "due": s["due"][:19].replace("-", "").replace(":", "") + "Z",
            }
            for iv in doc["interviews"]
            for s in iv["steps"]
        ]
        subprocess.run(
            [task, "import"],
            input=json.dumps(tasks),
            text=True,
            env=tenv,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        compare(
            "followup status / task list (same 350 steps, Taskwarrior)",
            [FOLLOWUP, "status"],
            [task, "list"],
            small,
            runs,
            base_env=tenv,
        )
    else:
        print("(Taskwarrior's `task` is not installed: apt-get install taskwarrior to compare)")

    if not args.keep:
        shutil.rmtree(work)
    else:
        print(f"stores kept in {work}")


def against_baseline(other: str, work: Path, large: dict[str, str], runs: int) -> list[dict]:
    """status, add and done of this install against `other` install's, each on a store of
    50 open + 5,000 closed interviews that its own `import` built."""
    home = work / "home-baseline"
    subprocess.run(
        [other, "import", str(work / "export-5000.json")],
        env=env_for(home),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    theirs = env_for(home)
    print(f"\nagainst {other} (its own store, built the same way)\n")
    add = ["add", "Bench Co", "--with", "A B <a@b.io>"]
    return [
        compare("status: this / baseline", [FOLLOWUP, "status"], [other, "status"], large, runs,
                base_env=theirs),
        compare("add: this / baseline", [FOLLOWUP, *add], [other, *add], large, runs,
                base_env=theirs, after=[FOLLOWUP, "undo"], base_after=[other, "undo"]),
        compare("done: this / baseline", [FOLLOWUP, "done", "5050", "email"],
                [other, "done", "5050", "email"], large, runs, base_env=theirs,
                after=[FOLLOWUP, "undo"], base_after=[other, "undo"]),
    ]  # fmt: skip


if __name__ == "__main__":
    main()
