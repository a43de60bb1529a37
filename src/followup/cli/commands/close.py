"""`followup close`: close an interview: it leaves status and list, and stays in list --all and
show."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

import typer

from followup.cli.commands import command
from followup.cli.environment import env
from followup.cli.options import InterviewArg
from followup.cli.result import Result
from followup.errors import UsageProblem


class OutcomeChoice(StrEnum):
    offer = "offer"
    rejected = "rejected"
    withdrawn = "withdrawn"
    no_response = "no-response"


@command()
def close(
    interview: InterviewArg,
    outcome: Annotated[
        OutcomeChoice | None,
        typer.Option(
            "--outcome", "-o", case_sensitive=False, help="How it ended.", show_default=False
        ),
    ] = None,
    deadline: Annotated[
        str | None,
        typer.Option(
            "--deadline",
            help="With --outcome offer: when the offer must be answered by ('friday 5pm', "
            "2026-12-04; a date alone means 23:59 that day). Adds a decide step due then.",
            show_default=False,
        ),
    ] = None,
) -> Result:
    """An offer or a rejection adds a reply step (due `due.reply` after now, 1 business
    day by default), which status lists until it is done; an offer with --deadline also
    adds a decide step, due at the deadline.

    Example: followup close acme --outcome offer --deadline "december 4"
    """
    from followup.cli.settings import rules
    from followup.features import actions

    e = env()
    answer_by = None
    if deadline is not None:
        if outcome is None or outcome.value != "offer":
            raise UsageProblem(
                "--deadline is when an offer must be answered by: give it with --outcome "
                'offer, as in `followup close acme --outcome offer --deadline "friday 5pm"`'
            )
        from followup.cli.dates import parse_deadline

        answer_by = parse_deadline(deadline, e.now)
    with e.store.change(e.now) as change:
        iv, changed, before = actions.close_interview(
            change,
            interview,
            e.now,
            outcome.value if outcome else None,
            deadline=answer_by,
            rules=rules(),
        )
    name = f"#{iv.id} {iv.company}"
    outcome_said = f" ({iv.outcome})." if iv.outcome else "."
    if not changed:
        return Result().say(f"{name} was already closed{outcome_said}")
    result = Result()
    if change.summary.startswith("set the deadline"):
        result.show(f"{name} is closed ({iv.outcome}); its deadline is set.")
    elif before is not None or change.summary.startswith("changed the outcome"):
        earlier = f" from {before}" if before else ""
        result.show(f"Changed the outcome of {name}{earlier} to {iv.outcome}.")
        result.hint("It was closed already; `followup undo` puts the earlier outcome back.")
    else:
        result.show(f"Closed {name}{outcome_said}").hint(
            "`followup list --all` still shows it; `followup undo` reopens it."
        )
    for notice in change.notices:
        result.say(notice)
    if iv.outcome == "offer":
        result.hint(
            f"Reply within 24 hours: thank them, and ask for the written offer and the time "
            f"you have to decide. `followup draft {iv.id} reply` writes it."
        )
    elif iv.outcome == "rejected":
        result.hint(
            f"A short thank-you within a day or two keeps the door open: "
            f"`followup draft {iv.id} reply` writes it."
        )
    result.say(lambda: _answer_lines(iv, e.now))
    return result


def _answer_lines(iv, now: datetime) -> list[str]:
    """'Reply due Fri 27 Nov 10:00; `followup done 3 reply` once sent.': one line per
    pending reply or decide step, with the year it took when it is not this one."""
    from followup.cli.steps import local_time
    from followup.core.kinds import AFTER_CLOSE

    lines = []
    for s in iv.steps:
        if s.step in AFTER_CLOSE and s.status == "pending":
            what = "Reply due" if s.step == "reply" else "Decide on the offer by"
            then = "once sent" if s.step == "reply" else "once you have answered"
            lines.append(
                f"{what} {local_time(s.due, now)}; `followup done {iv.id} {s.step}` {then}."
            )
    return lines
