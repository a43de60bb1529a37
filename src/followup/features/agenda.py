"""The days ahead: pending steps of open interviews, overdue first, then day by day.

Days are local dates, from today; a step that is overdue is listed under overdue
only, whatever its day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from followup.core.checklist import agenda, is_overdue
from followup.core.limits import AGENDA_DAYS
from followup.core.models import Interview, Step
from followup.core.zones import to_local

Row = tuple[Interview, Step]
#: The longest agenda: a year.
MAX_DAYS = AGENDA_DAYS


@dataclass
class Day:
    """One local date and the steps due on it."""

    day: date
    rows: list[Row] = field(default_factory=list)


@dataclass
class Agenda:
    """Overdue steps, then `days` from today; `later` counts steps due after the last
    day, the last of them on `last_later`."""

    today: date
    overdue: list[Row]
    days: list[Day]
    later: int = 0
    last_later: date | None = None


def days_ahead(interviews: Iterable[Interview], now: datetime, days: int) -> Agenda:
    """The agenda for `days` local dates from today (1 to MAX_DAYS)."""
    today = to_local(now).date()
    result = Agenda(today, [], [Day(today + timedelta(days=i)) for i in range(days)])
    by_date = {d.day: d for d in result.days}
    for iv, s in agenda(interviews, now):
        if is_overdue(s, now):
            result.overdue.append((iv, s))
            continue
        local = to_local(s.due).date()
        day = by_date.get(local)
        if day is not None:
            day.rows.append((iv, s))
        else:
            result.later += 1
            result.last_later = max(local, result.last_later or local)
    return result


def agenda_json(result: Agenda, now: datetime) -> dict[str, Any]:
    """`{"overdue": [steps], "days": [{"date": "YYYY-MM-DD", "steps": [steps]}, ...]}`."""
    from followup.core.shapes import step_json

    return {
        "overdue": [step_json(iv, s, now) for iv, s in result.overdue],
        "days": [
            {"date": d.day.isoformat(), "steps": [step_json(iv, s, now) for iv, s in d.rows]}
            for d in result.days
        ],
    }
