"""`followup agenda`: the days ahead, day by day from today: what is overdue first, then each
day's follow-ups."""

from __future__ import annotations

from typing import Annotated

import typer

from followup.cli.commands import command
from followup.cli.environment import env
from followup.cli.options import JsonOpt
from followup.cli.result import Result
from followup.core.limits import AGENDA_DAYS as MAX_DAYS  # light: --help needs no models


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
) -> Result:
    """Example: followup agenda --days 14"""
    from followup.features.agenda import agenda_json, days_ahead

    e = env()
    doc = e.store.read_open()
    ahead = days_ahead([*doc.interviews, *doc.awaiting], e.now, days)
    result = Result(lambda: agenda_json(ahead, e.now))
    result.show(lambda: _picture(ahead, e.now))
    if ahead.later and ahead.last_later:
        more = min((ahead.last_later - ahead.today).days + 1, MAX_DAYS)
        result.hint(f"{ahead.later} more due later: `followup agenda --days {more}` shows them.")
    elif not ahead.overdue and not any(d.rows for d in ahead.days):
        result.say("Nothing due in these days.")
    return result


def _picture(ahead, now):
    """The calendar (in a terminal only) and the list, at most 80 columns wide (piped with
    COLUMNS unset: one line a step)."""
    from rich.text import Text

    from followup.cli import days as view
    from followup.cli.render import out, styled, table_width

    terminal = styled()
    limit = out().width if terminal else table_width()  # a pipe without COLUMNS: none
    width = None if limit is None else min(limit, 80)
    parts: list[Text] = [*view.calendar(ahead), Text("")] if terminal else []
    return parts + view.listing(ahead, now, width)
