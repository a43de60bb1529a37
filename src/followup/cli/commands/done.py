"""`followup done`: tick steps off."""

from __future__ import annotations

from followup.cli.commands import command
from followup.cli.marking import mark
from followup.cli.options import InterviewArg, JsonOpt, StepsArg, WhoListOpt
from followup.cli.result import Result


@command()
def done(
    interview: InterviewArg,
    steps: StepsArg,
    who: WhoListOpt = None,
    as_json: JsonOpt = False,
) -> Result:
    """Example: followup done acme email linkedin --who jane"""
    return mark(interview, steps, who, "done", None)
