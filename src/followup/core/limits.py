"""The span of times followup accepts anywhere: typed, imported, stored, and "now" itself.

Before 1970 is surely a mistyped year; far years would overflow the arithmetic of time
zones (9999-12-31 in Tokyo is past the last date Python has). Tiny on purpose: the
models check every stored time against it on every read.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)
#: How far ahead of now an interview may be: further is surely a mistyped year.
AHEAD = timedelta(days=366)
#: The most days `agenda` shows: a year.
AGENDA_DAYS = 366


def out_of_range(moment: datetime) -> str | None:
    """Why `moment` (aware) is outside EARLIEST..LATEST, or None when it is inside."""
    if moment < EARLIEST:
        return f"{moment.date().isoformat()} is before 1970"
    if moment >= LATEST:
        return f"{moment.date().isoformat()} is after the year {LATEST.year - 1}"
    return None
