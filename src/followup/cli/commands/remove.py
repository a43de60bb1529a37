"""`followup remove`: delete an interview and its follow-ups."""

from __future__ import annotations

from typing import Annotated

import typer

from followup.cli import environment
from followup.cli.commands import command
from followup.cli.environment import env
from followup.cli.options import InterviewArg
from followup.cli.result import Result
from followup.errors import FollowupError


@command()
def remove(
    interview: InterviewArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> Result:
    """Example: followup remove 3 --yes"""
    from followup.core.lookup import describe, find_interview
    from followup.core.text import clean
    from followup.features import actions

    e = env()
    if not yes:
        doc = e.store.read_open()
        target = find_interview(
            interview, doc.interviews, e.store.closed_ids(doc), lambda: e.store.read_closed(doc)
        )
        if not environment.is_terminal():
            raise FollowupError(
                f"not removing {describe(target)} without confirmation: add --yes "
                "(no terminal to ask in)"
            )
        if not typer.confirm(
            f"Remove {clean(describe(target))} and its {len(target.steps)} follow-ups?"
        ):
            return Result().say("Nothing removed.")
        interview = str(target.id)
    with e.store.change(e.now) as change:
        iv = actions.interview_named(change, interview)
        actions.remove_interview(change, iv)
    return Result().show(f"Removed {describe(iv)}.").hint("`followup undo` brings it back.")
