"""The date policy of the command line: how the times a user types are read and checked.

An interview's WHEN (`--at`), a decision (`--decision`), a deadline (`close
--deadline`) and a snooze are read here, each with its checks for what is surely a
typo, its questions at a terminal and its notes on stderr.
"""

from __future__ import annotations

import re
import sys
from datetime import datetime, time

import typer

from followup.cli import environment
from followup.cli.settings import rules
from followup.core.limits import AHEAD
from followup.errors import FollowupError

#: An interview time further back than this is asked about (or needs --yes).
LONG_AGO = 366  # days


def parse_when(text: str, now: datetime, *, yes: bool = False, future: bool = False) -> datetime:
    """A WHEN the user typed for an interview, checked for what is surely a typo.

    More than a year ahead, or before 1970: refused. More than a year ago: asked in
    a terminal, else refused unless `yes` (--yes). A local time that a daylight-saving
    change skips or repeats, or the year taken for a date typed without one, is said
    on stderr. `future`: read forward (a round still to come), as `--decision` is.
    """
    from followup.core.when import parse_interview_time

    notes: list[str] = []
    moment = parse_interview_time(text, now, notes=notes, future=future)
    far = long_ago(text, moment, now)
    if far and not yes:
        if not environment.is_terminal():
            raise FollowupError(
                f"{far}: if that is right, add --yes (there is no terminal to ask in); "
                "else give the right time"
            )
        if not typer.confirm(f"{far}. Is that right?", default=False):
            sys.stderr.write("Nothing was recorded: give the right time with --at.\n")
            raise typer.Exit(1)
    environment.notes.extend(f"Note: {note}." for note in notes)
    return moment


def long_ago(text: str, moment: datetime, now: datetime) -> str | None:
    """ "'1999-01-01' is Fri 01 Jan 1999, 27 years ago" when `moment` is more than
    LONG_AGO days before now (a typo, or old history), else None."""
    days = (now - moment).days
    if days <= LONG_AGO:
        return None
    from followup.core.text import quoted

    ago = f"{days // 365} years" if days >= 730 else f"{days // 30} months"
    return f"{quoted(text)} is {moment.astimezone().strftime('%a %d %b %Y')}, {ago} ago"


def parse_decision(text: str, now: datetime) -> datetime | str:
    """A --decision value: a moment (forward phrases read forward), or `CLEAR` for none."""
    from followup.core.when import parse_decision as parse
    from followup.features.actions import CLEAR

    if text.strip().lower() in ("none", "clear", "-", "unknown", "not said", ""):
        return CLEAR
    notes: list[str] = []
    moment = _within_a_year(
        parse(text, now, holidays=rules().holidays, notes=notes), text, now, "--decision"
    )
    environment.notes.extend(f"Note: {note}." for note in notes)
    return moment


#: A deadline typed as a date alone is the end of that day, local.
END_OF_DAY = time(23, 59)


#: Nine o'clock typed as a time (`9am`, `09:00`, `9h`): a date alone reads as 09:00 too.
_NINE = re.compile(r"(?<!\d)0?9(?::00|\.00|h\b|\s*a\.?m\b)", re.IGNORECASE)


def forward(text: str, now: datetime, option: str) -> datetime:
    """A time to come, as `--decision` reads it: `friday`, `in 3 days`, `december 4`
    (the coming one), a date with no time being 09:00."""
    from followup.cli.settings import rules
    from followup.core.when import parse_decision

    return _within_a_year(parse_decision(text, now, holidays=rules().holidays), text, now, option)


def _within_a_year(moment: datetime, text: str, now: datetime, option: str) -> datetime:
    """`moment`, unless it is more than a year after `now` (a typo in the year, surely):
    the refusal names the day in the local zone, as it was typed."""
    from followup.core.text import quoted
    from followup.core.zones import to_local

    if moment - now > AHEAD:
        raise FollowupError(
            f"{option} {quoted(text)} is {to_local(moment).date().isoformat()}, more than a year "
            "from now: check the date"
        )
    return moment


def parse_deadline(text: str, now: datetime) -> datetime:
    """`close --deadline WHEN`: read forward; a date without a time is 23:59 local that
    day (the offer may be answered all day); not in the past."""
    from followup.core.when import DEFAULT_TIME, localize, to_local

    moment = forward(text, now, "--deadline")
    local = to_local(moment)
    if local.time() == DEFAULT_TIME and not _NINE.search(text):
        moment = localize(datetime.combine(local.date(), END_OF_DAY)).astimezone(moment.tzinfo)
        moment = _within_a_year(moment, text, now, "--deadline")  # 23:59 may pass the year
    if moment <= now:
        raise FollowupError(
            f"--deadline {text!r} has passed ({to_local(moment):%Y-%m-%d %H:%M}): give the "
            "day and time the offer must be answered by"
        )
    return moment
