"""`followup list`: list open interviews with their progress and next due step."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from followup.cli.commands import command
from followup.cli.environment import env
from followup.cli.options import JsonOpt
from followup.cli.result import Result


@command("list")
def list_(
    all_: Annotated[bool, typer.Option("--all", "-a", help="Also list closed interviews.")] = False,
    as_json: JsonOpt = False,
) -> Result:
    """Example: followup list --all"""
    from followup.core.shapes import interview_json

    e = env()
    if all_:
        interviews = e.store.read_all()
    else:
        interviews = sorted(e.store.read_open().interviews, key=lambda iv: iv.id)
    result = Result(lambda: [interview_json(iv, e.now) for iv in interviews])
    if not interviews:
        return result.hint(
            "No interviews yet. Record one with `followup add COMPANY`."
            if all_
            else "No open interviews. `followup list --all` shows closed ones; "
            "`followup add` records one."
        )
    return result.show(lambda: _interviews_table(interviews, e.now))


def _interviews_table(interviews, now: datetime):
    from followup.cli.views import interviews_table

    return interviews_table(interviews, now)
