"""`followup skip`: mark steps skipped: not needed for this interview."""

from __future__ import annotations

from typing import Annotated

import typer

from followup.cli.commands import command
from followup.cli.marking import mark
from followup.cli.options import InterviewArg, JsonOpt, StepsArg, WhoListOpt
from followup.cli.result import Result


@command()
def skip(
    interview: InterviewArg,
    steps: StepsArg,
    who: WhoListOpt = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why it is not needed.", show_default=False)
    ] = None,
    as_json: JsonOpt = False,
) -> Result:
    """Example: followup skip 3 card --reason "remote interview, no address" """
    return mark(interview, steps, who, "skipped", reason)
