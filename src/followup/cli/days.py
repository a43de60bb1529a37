"""`followup agenda` for people: a small calendar of the days ahead, then the steps.

The calendar is drawn like `cal` (weeks from Monday), one cell per day, marked by
urgency: `!` on today when steps are overdue, `*` on a day with steps due. It is
28 columns wide; the list below fits 80 columns (or a narrower terminal), wrapping long
names onto more lines rather than cutting them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from rich.text import Text

from followup.cli.grid import Column, Grid
from followup.cli.render import Unwrapped
from followup.cli.steps import step_cell
from followup.core.distance import overdue_by, relative
from followup.core.models import Interview, Step
from followup.core.text import clean
from followup.core.zones import to_local
from followup.features.agenda import Agenda

#: The calendar shows at most this many weeks; the list below has every day.
MAX_WEEKS = 6
_WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def calendar(result: Agenda) -> list[Text]:
    """The picture: a title, the weekday header, one line per week, a legend."""
    first, last = result.days[0].day, result.days[-1].day
    start = first - timedelta(days=first.weekday())
    end = min(last, start + timedelta(weeks=MAX_WEEKS) - timedelta(days=1))
    counts = {d.day: len(d.rows) for d in result.days}
    lines = [Text(" " + _title(first, end), style="bold")]
    lines.append(Text(" " + "  ".join(_WEEKDAYS), style="dim"))
    day = start
    while day <= end:
        line = Text()
        for _ in range(7):
            line.append_text(_cell(day, first, end, counts, result))
            day += timedelta(days=1)
        line.rstrip()
        lines.append(line)
    legend = Text(" ")
    if result.overdue:
        legend.append(f"! {len(result.overdue)} overdue", style="bold red")
        legend.append("   ")
    due = sum(counts.values())
    legend.append(f"* {due} due" if due else "nothing due", style="yellow" if due else "dim")
    legend.append(f"   today {first.strftime('%a %d %b')}", style="dim")
    if end < last:
        legend.append(f"   (first {MAX_WEEKS} weeks)", style="dim")
    lines.append(legend)
    return lines


def _title(first: date, last: date) -> str:
    if (first.year, first.month) == (last.year, last.month):
        return first.strftime("%B %Y")
    if first.year == last.year:
        return f"{first.strftime('%B')} - {last.strftime('%B %Y')}"
    return f"{first.strftime('%B %Y')} - {last.strftime('%B %Y')}"


def _cell(day: date, first: date, last: date, counts: dict[date, int], result: Agenda) -> Text:
    if not first <= day <= last:
        return Text("    ")
    late = day == first and result.overdue
    mark = "!" if late else "*" if counts.get(day) else " "
    style = "bold red" if late else ("bold yellow" if day == first else "yellow")
    if not counts.get(day) and not late:
        style = "dim"
    cell = Text(" ")
    cell.append(f"{day.day:>2}", style=style + (" reverse" if day == first else ""))
    cell.append(mark, style=style)
    return cell


def day_heading(day: date, today: date, count: int) -> Text:
    """`Today, Thu 26 Nov (2)`, `Tomorrow, ...`, `Sat 28 Nov: nothing due`."""
    name = day.strftime("%a %d %b" if day.year == today.year else "%a %d %b %Y")
    if day == today:
        name = f"Today, {name}"
    elif day == today + timedelta(days=1):
        name = f"Tomorrow, {name}"
    if not count:
        return Text(f"{name}: nothing due", style="dim")
    return Text(f"{name} ({count})", style="bold")


def _names(iv: Interview, step: Step) -> tuple[str, str]:
    return clean(iv.company), clean(step.who or "-")


def listing(result: Agenda, now: datetime, width: int | None) -> list[Text | Unwrapped]:
    """The steps under their headings, overdue first, as lines fitted to `width` (None:
    one line a step, however long); a long name wraps, so a step may take more lines."""
    grid = Grid(
        Column(""),
        Column("#", "right"),
        Column("Company", wrap=True),
        Column("Step"),
        Column("Who", wrap=True),
        Column("Due"),
    )
    for iv, s in result.overdue:
        company, who = _names(iv, s)
        late = (overdue_by(s.due, now), "bold red")
        grid.add_row("", str(iv.id), company, step_cell(s), who, late)
    for d in result.days:
        for iv, s in d.rows:
            at = to_local(s.due).strftime("%H:%M")
            when = f"{at} ({relative(s.due, now)})" if d.day == result.today else at
            company, who = _names(iv, s)
            grid.add_row("", str(iv.id), company, step_cell(s), who, when)
    rows: list[list[Text | Unwrapped]] = [
        [line if width else Unwrapped(line) for line in lines]  # no width: never wrapped
        for lines in grid.row_lines(width)[1:]  # one layout for every section
    ]
    out: list[Text | Unwrapped] = []
    if result.overdue:
        out.append(Text(f"Overdue ({len(result.overdue)})", style="bold red"))
        out.extend(line for row in rows[: len(result.overdue)] for line in row)
        rows = rows[len(result.overdue) :]
    empty: list[date] = []  # a run of days with nothing due reads as one line
    for d in result.days:
        if not d.rows:
            empty.append(d.day)
            continue
        out.extend(_nothing(empty, result.today))
        empty = []
        out.append(day_heading(d.day, result.today, len(d.rows)))
        out.extend(line for row in rows[: len(d.rows)] for line in row)
        rows = rows[len(d.rows) :]
    out.extend(_nothing(empty, result.today))
    return out


def _nothing(days: list[date], today: date) -> list[Text]:
    if len(days) <= 1:
        return [day_heading(d, today, 0) for d in days]
    fmt = "%a %d %b" if days[-1].year == today.year else "%a %d %b %Y"
    span = f"{days[0].strftime(fmt)} to {days[-1].strftime(fmt)}"
    return [Text(f"{span}: nothing due", style="dim")]
