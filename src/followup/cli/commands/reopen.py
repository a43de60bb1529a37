"""`followup reopen`: put done or skipped steps back to pending; with no STEP, reopen a closed
interview."""

from __future__ import annotations

from typing import Annotated

import typer

from followup.cli.commands import command
from followup.cli.environment import env
from followup.cli.marking import mark
from followup.cli.options import InterviewArg, JsonOpt, WhoListOpt, complete_step
from followup.cli.result import Result
from followup.errors import FollowupError, UsageProblem


@command()
def reopen(
    interview: InterviewArg,
    steps: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[STEP]...",
            help="Steps to put back to pending. None: reopen a closed interview.",
            autocompletion=complete_step,
            show_default=False,
        ),
    ] = None,
    who: WhoListOpt = None,
    as_json: JsonOpt = False,
) -> Result:
    """A closed interview may be named by its company when no open one matches. Reopening
    clears its outcome and keeps its steps as they were.

    Example: followup reopen 3 card --who raj

    Example: followup reopen umbrella
    """
    if steps:
        return mark(interview, steps, who, "pending", None)
    if who:
        raise UsageProblem("--who picks steps: name them, as in `followup reopen 3 card --who raj`")
    from followup.core.checklist import progress
    from followup.core.shapes import interview_json
    from followup.features import actions

    e = env()
    with e.store.change(e.now) as change:
        iv, changed = actions.reopen_interview(change, interview)
        if not changed:
            raise FollowupError(
                f"#{iv.id} {iv.company} is open: to put steps back to pending, name them, "
                f"as in `followup reopen {iv.id} email`"
            )
    finished, total = progress(iv)
    result = Result(lambda: interview_json(iv, e.now))
    result.show(f"Reopened #{iv.id} {iv.company}: {finished}/{total} follow-ups finished.")
    return result.hint(
        "`followup status` shows what is still to do; `followup undo` closes it again."
    )
