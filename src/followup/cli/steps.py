"""Steps in a table: a step's label and its due time in words, and the `status` table.

Every cell here is plain (a string, or a string and its style), so `status` into a
pipe never imports `rich.text`; `views` builds the styled views on these.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from followup.cli.grid import Alt, Column, Grid
from followup.cli.render import styled
from followup.core.checklist import is_overdue
from followup.core.distance import overdue_by, relative
from followup.core.kinds import BY_NAME
from followup.core.models import Interview, Step
from followup.core.text import clean
from followup.core.zones import to_local


def local_time(moment: datetime, now: datetime) -> str:
    """'Wed 25 Nov 14:00' in local time (the year too when it is not this year's)."""
    return _local_time(moment, to_local(now).year)


def _local_time(moment: datetime, this_year: int) -> str:
    local = to_local(moment)
    fmt = "%a %d %b %H:%M" if local.year == this_year else "%a %d %b %Y %H:%M"
    return local.strftime(fmt)


def due_cell(step: Step, now: datetime) -> tuple[str, str]:
    """How a step's due time reads, and its style: '2 d overdue', 'in 5 h', 'done 2 h ago';
    a decision to make by a deadline: the calendar days left ('3 days left', 'today')."""
    if step.status == "pending":
        if is_overdue(step, now):
            return overdue_by(step.due, now), "bold red"
        if step.step == "decide":
            return days_left(step.due, now), "yellow"
        return relative(step.due, now), ""
    ago = relative(step.done_at or step.due, now)
    ago = "just now" if ago == "now" else ago
    return f"{step.status} {ago}", "green" if step.status == "done" else "dim"


def days_left(due: datetime, now: datetime) -> str:
    """'3 days left', '1 day left', 'today': calendar days from now to `due`, local."""
    days = (to_local(due).date() - to_local(now).date()).days
    if days <= 0:
        return "today"
    return f"{days} day{'s' if days > 1 else ''} left"


def step_label(step: Step) -> str:
    return BY_NAME[step.step].label


def time_columns(terminal: bool) -> tuple[int, int]:
    """How optional the relative and the absolute due time are: in a terminal the
    relative one is read now and the absolute may go; in a pipe (a file read tomorrow,
    when "in 4 h" means nothing) the absolute one stays."""
    return (0, 1) if terminal else (1, 0)


def step_cell(step: Step, style: str = "") -> Alt:
    """A step's label, or its STEP word (`email`) when the table is narrow."""
    return Alt((step_label(step), style), (step.step, style))


def status_table(rows: Sequence[tuple[Interview, Step]], now: datetime) -> Grid:
    """The `status` table: one row per step, overdue rows marked with `!`."""
    relative_optional, absolute_optional = time_columns(styled())
    table = Grid(
        Column(""),
        Column("#", "right"),
        Column("Company", wrap=True),
        Column("Step"),
        Column("Who", wrap=True),
        Column("Due", optional=relative_optional),
        Column("When", optional=absolute_optional),
    )
    # Hundreds of rows share a few interviews and due times: each is worded once.
    this_year = to_local(now).year
    companies: dict[int, str] = {}
    times: dict[datetime, str] = {}
    for iv, s in rows:
        company = companies.get(iv.id)
        if company is None:
            company = companies[iv.id] = clean(iv.company)
        when = times.get(s.due)
        if when is None:
            when = times[s.due] = _local_time(s.due, this_year)
        table.add_row(
            ("!", "bold red") if is_overdue(s, now) else "",
            str(iv.id),
            company,
            step_cell(s, "dim" if s.status != "pending" else ""),
            clean(s.who or "-"),
            due_cell(s, now),
            (when, "dim"),
        )
    return table
