"""The days ahead at a glance: agenda."""

from __future__ import annotations

from typing import Annotated

import typer

from followup.cli.app import JsonOpt, command, emit, env, say
from followup.features.agenda import MAX_DAYS


@command()
def agenda(
    days: Annotated[
        int,
        typer.Option(
            "--days",
            "-d",
            metavar="N",
            min=1,
            max=MAX_DAYS,
            help="How many days from today, today included.",
        ),
    ] = 7,
    as_json: JsonOpt = False,
) -> None:
    """The days ahead, day by day from today: what is overdue first, then each day's
    follow-ups. In a terminal it opens with a small calendar marked by urgency.

    Example: followup agenda --days 14
    """
    from followup.features.agenda import agenda_json, days_ahead

    e = env()
    result = days_ahead(e.store.read_open().interviews, e.now, days)
    if as_json:
        from followup.core.shapes import print_json

        print_json(agenda_json(result, e.now))
        return
    from rich.text import Text

    from followup.cli import days as view
    from followup.cli.render import out, plain_width, styled

    terminal = styled()
    width = min(out().width if terminal else plain_width(), 80)
    parts: list[Text] = []
    if terminal:
        parts += [*view.calendar(result), Text("")]
    parts += view.listing(result, e.now, width)
    emit(*parts)
    if result.later and result.last_later:
        more = min((result.last_later - result.today).days + 1, MAX_DAYS)
        say(f"{result.later} more due later: `followup agenda --days {more}` shows them.")
    elif not result.overdue and not any(d.rows for d in result.days):
        say("Nothing due in these days.")
