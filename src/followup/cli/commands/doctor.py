"""`followup doctor`: check your data folder and repair what is wrong, with your consent."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from followup.cli import environment
from followup.cli.commands import command
from followup.cli.environment import env
from followup.cli.options import JsonOpt
from followup.cli.result import Result, emit


@command()
def doctor(
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Make the repairs without asking.")
    ] = False,
    as_json: JsonOpt = False,
) -> Result:
    """It checks that every file reads, that undo and the backup work, and that only
    you can read your data. It lists each problem with the repair it would make;
    in a terminal it asks first, elsewhere it repairs only with --yes. A broken
    file is moved to quarantine/, never deleted. Exit 1 while problems remain.
    Temporary files and folders left by followup processes killed mid-write are
    removed at once, and named.

    Example: followup doctor --yes
    """
    from followup.storage import doctor as health
    from followup.storage.locations import config_dir

    e = env()
    folders = health.remove_dead_temp_folders(e.store, config_dir())  # first: whole
    cleaned = health.remove_dead_temps(e.store, config_dir())
    exam = health.examine(e.store, e.now)
    fixable = [p for p in exam.problems if p.repair]
    done: list[str] = []
    result = Result(lambda: _exam_json(exam, done, cleaned + folders))
    for kind, removed in (("file", cleaned), ("folder", folders)):
        if removed:
            names = ", ".join(str(p) for p in removed)
            result.note(
                f"did: removed {len(removed)} temporary {kind}(s) left by followup processes "
                f"that are gone: {names}"
            )
    if fixable:
        result.show(_examination(exam))
    if fixable and not yes:
        if as_json or not environment.is_terminal():  # no one to ask
            result.hint("Nothing was changed: run `followup doctor --yes` to make these repairs.")
        else:
            emit(result)  # the problems, before the question
            if typer.confirm(f"Make {len(fixable)} repair(s)?", err=True):
                yes = True
            else:
                result.say("Nothing was changed.")
    if fixable and yes:
        done = health.repair(e.store, e.now, [p.text for p in exam.problems])
        for line in done:
            result.note(f"did: {line}")
        exam = health.examine(e.store, e.now)
    if done or not fixable:
        result.show(_examination(exam))
    result.exit_code = 0 if exam.healthy else 1
    return result


def _exam_json(exam: Any, done: list[str], cleaned: list[Any]) -> dict[str, Any]:
    return {
        "folder": str(exam.root),
        "healthy": exam.healthy,
        "checks": exam.checks,
        "problems": [{"problem": p.text, "repair": p.repair} for p in exam.problems],
        "repaired": done,
        "removed_temps": [str(p) for p in cleaned],
    }


def _examination(exam: Any) -> Any:
    """The lines of an examination, built when shown; long lines are never wrapped."""

    def lines() -> list[Any]:
        from rich.text import Text

        from followup.cli.render import Unwrapped, user

        shown = [Text.assemble(("ok       ", "green"), user(c)) for c in exam.checks]
        for p in exam.problems:
            shown.append(Text.assemble(("PROBLEM  ", "bold red"), user(p.text)))
            if p.repair:
                shown.append(Text.assemble("         repair: ", user(p.repair)))
        if exam.healthy:
            shown.append(Text("Your data is healthy.", style="green"))
        return [Unwrapped(line) for line in shown]

    return lines
