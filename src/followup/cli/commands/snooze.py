"""`followup snooze`: put a pending step off until a later time; show marks it snoozed."""

from __future__ import annotations

from typing import Annotated

import typer

from followup.cli.commands import command
from followup.cli.dates import forward
from followup.cli.environment import env
from followup.cli.options import InterviewArg, JsonOpt, WhoOpt, complete_step
from followup.cli.result import Result


@command()
def snooze(
    interview: InterviewArg,
    step: Annotated[
        str,
        typer.Argument(
            metavar="STEP",
            help="The step to put off: email, linkedin, card, phone, checkin, reply, decide.",
            autocompletion=complete_step,
            show_default=False,
        ),
    ],
    until: Annotated[
        str,
        typer.Option(
            "--until",
            help="Its new due time, later than now: 'monday 9am', 'in 3 days', 2026-12-04.",
            show_default=False,
        ),
    ],
    who: WhoOpt = None,
    as_json: JsonOpt = False,
) -> Result:
    """Without --who, every interviewer's pending step of that kind moves. A snoozed step
    keeps its new time when the interview's time or decision date changes;
    `followup undo` puts it back.

    Example: followup snooze acme card --who jane --until "monday 9am"
    """
    from followup.cli.steps import local_time
    from followup.core.kinds import BY_NAME
    from followup.core.shapes import step_json
    from followup.features import replies

    e = env()
    moment = forward(until, e.now, "--until")
    with e.store.change(e.now) as change:
        iv, moved = replies.snooze_step(change, interview, step, moment, e.now, who=who)
    result = Result(lambda: [step_json(iv, s, e.now) for s in moved])
    for notice in change.notices:
        result.note(notice)
    for s in moved:
        whom = f" · {s.who}" if s.who else ""
        assert s.snoozed_from is not None
        result.show(
            f"snoozed: {BY_NAME[s.step].label}{whom} (#{iv.id} {iv.company}) until "
            f"{local_time(s.due, e.now)} (was due {local_time(s.snoozed_from, e.now)})"
        )
    return result.hint("`followup undo` puts it back.")
