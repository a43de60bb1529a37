"""Store health: `followup doctor`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from followup.cli import app as cli
from followup.cli.app import (
    JsonOpt,
    command,
    env,
    say,
)


@command()
def doctor(
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Make the repairs without asking.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Check your data folder and repair what is wrong, with your consent.

    It checks that every file reads, that undo and the backup work, and that only
    you can read your data. It lists each problem with the repair it would make;
    in a terminal it asks first, elsewhere it repairs only with --yes. A broken
    file is moved to quarantine/, never deleted. Exit 1 while problems remain.

    Example: followup doctor --yes
    """
    from followup.storage import doctor as health

    e = env()
    exam = health.examine(e.store, e.now)
    fixable = [p for p in exam.problems if p.repair]
    done: list[str] = []
    if fixable and not as_json:
        _print_examination(exam)
    if fixable and not yes:
        if as_json or not cli.is_terminal():
            if not as_json:
                say("Nothing was changed: run `followup doctor --yes` to make these repairs.")
        elif not typer.confirm(f"Make {len(fixable)} repair(s)?", err=True):
            say("Nothing was changed.")
        else:
            yes = True
    if fixable and yes:
        done = health.repair(e.store, e.now, [p.text for p in exam.problems])
        for line in done:
            say(f"did: {line}")
        exam = health.examine(e.store, e.now)
    if as_json:
        from followup.core.shapes import print_json

        print_json(
            {
                "folder": str(exam.root),
                "healthy": exam.healthy,
                "checks": exam.checks,
                "problems": [{"problem": p.text, "repair": p.repair} for p in exam.problems],
                "repaired": done,
            }
        )
    elif done or not fixable:
        _print_examination(exam)
    if not exam.healthy:
        raise typer.Exit(1)


def _print_examination(exam: Any) -> None:
    from rich.text import Text

    from followup.cli.render import user

    lines = [Text.assemble(("ok       ", "green"), user(c)) for c in exam.checks]
    for p in exam.problems:
        lines.append(Text.assemble(("PROBLEM  ", "bold red"), user(p.text)))
        if p.repair:
            lines.append(Text.assemble("         repair: ", user(p.repair)))
    if exam.healthy:
        lines.append(Text("Your data is healthy.", style="green"))
    from followup.cli.render import out

    console = out()
    for line in lines:
        console.print(line, soft_wrap=True)
