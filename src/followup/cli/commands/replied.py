"""`followup replied`: record that the company replied: its pending check-ins are skipped
("they replied")."""

from __future__ import annotations

from typing import Annotated

import typer

from followup.cli.commands import command
from followup.cli.environment import env
from followup.cli.options import InterviewArg, JsonOpt
from followup.cli.pictures import replied_line
from followup.cli.result import Result


@command()
def replied(
    interview: InterviewArg,
    on: Annotated[
        str,
        typer.Option(
            "--on",
            help="When their reply came: 'today 11:00', yesterday, ISO 8601 (not later than now).",
        ),
    ] = "now",
    note: Annotated[
        str | None,
        typer.Option(
            "--note", help="What they said, added to the private notes, dated.", show_default=False
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> Result:
    """`followup undo` brings the check-ins back. When they decided, close it instead (or as
    well): `followup close INTERVIEW --outcome offer|rejected`.

    Example: followup replied acme --on "yesterday 4pm" --note "second round next week"
    """
    from followup.core.shapes import interview_json
    from followup.core.when import parse_when
    from followup.features import replies

    e = env()
    moment = parse_when(on, e.now)
    with e.store.change(e.now) as change:
        done = replies.record_reply(change, interview, moment, e.now, note=note)
    iv = done.interview
    result = Result(lambda: interview_json(iv, e.now))
    for notice in change.notices:
        result.note(notice)
    result.show(f"#{iv.id} {iv.company}: {replied_line(iv, e.now)}.")
    if done.skipped:
        result.say(
            f"Skipped {len(done.skipped)} pending check-in(s) (they replied); "
            "`followup undo` brings them back."
        )
    if not iv.closed:
        result.hint(
            f"When they decide: `followup close {iv.id} --outcome offer|rejected`; "
            f"a next round: `followup next {iv.id} --at WHEN`."
        )
    return result
