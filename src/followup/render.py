"""Human output with Rich. User text always goes in as `Text`, never as markup."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.console import Console
from rich.table import Table
from rich.text import Text

from followup.checklist import is_overdue, next_due, progress
from followup.kinds import BY_NAME
from followup.models import Interview, Step
from followup.present import clean
from followup.when import overdue_by, relative, to_local


def out() -> Console:
    """The console for results (stdout)."""
    return Console(highlight=False, emoji=False)


def err() -> Console:
    """The console for messages (stderr)."""
    return Console(stderr=True, highlight=False, emoji=False)


def user(text: str, style: str = "") -> Text:
    """User-typed text, shown as typed: never markup, no raw control characters."""
    return Text(clean(text), style=style)


def message(text: str | Text, style: str = "") -> None:
    """A message line on stderr. Plain strings here are ours, never user text."""
    err().print(text if isinstance(text, Text) else Text(text, style=style))


def when(moment: datetime, now: datetime) -> str:
    """'Wed 25 Nov 14:00' in local time (the year too when it is not this year's)."""
    local = to_local(moment)
    fmt = "%a %d %b %H:%M" if local.year == to_local(now).year else "%a %d %b %Y %H:%M"
    return local.strftime(fmt)


def due_text(step: Step, now: datetime) -> Text:
    """How a step's due time reads: '2 d overdue' (red), 'in 5 h', or its finish."""
    if step.status == "pending":
        if is_overdue(step, now):
            return Text(overdue_by(step.due, now), style="bold red")
        return Text(relative(step.due, now))
    stamp = step.done_at or step.due
    return Text(
        f"{step.status} {relative(stamp, now)}", style="green" if step.status == "done" else "dim"
    )


def step_label(step: Step) -> str:
    return BY_NAME[step.step].label


def status_table(rows: Sequence[tuple[Interview, Step]], now: datetime) -> Table:
    """The `status` table: one row per step, overdue rows marked."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("", width=1)
    table.add_column("#", justify="right")
    table.add_column("Company")
    table.add_column("Step")
    table.add_column("Who")
    table.add_column("Due")
    table.add_column("When", style="dim")
    for iv, s in rows:
        late = is_overdue(s, now)
        table.add_row(
            Text("!", style="bold red") if late else Text(""),
            str(iv.id),
            user(iv.company),
            Text(step_label(s), style="dim" if s.status != "pending" else ""),
            user(s.who or "-"),
            due_text(s, now),
            when(s.due, now),
        )
    return table


def checklist_table(iv: Interview, now: datetime) -> Table:
    """One interview's steps with their state."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("", width=1)
    table.add_column("Step")
    table.add_column("Who")
    table.add_column("Due")
    table.add_column("State")
    for s in iv.steps:
        mark = {"done": Text("✓", style="green"), "skipped": Text("-", style="dim")}.get(
            s.status, Text("!", style="bold red") if is_overdue(s, now) else Text("·")
        )
        if s.status == "pending":
            state = due_text(s, now)
        else:
            state = due_text(s, now)
            if s.reason:
                state.append(" (")
                state.append(clean(s.reason))
                state.append(")")
        table.add_row(mark, step_label(s), user(s.who or "-"), when(s.due, now), state)
    return table


def interview_detail(iv: Interview, now: datetime) -> list[Text | Table]:
    """`show`: the interview's details, then its checklist and progress."""
    title = Text(f"#{iv.id} ", style="bold")
    title.append(clean(iv.company), style="bold")
    if iv.role:
        title.append(" - ")
        title.append(clean(iv.role))
    lines: list[Text | Table] = [title]

    def field(name: str, value: Text | str) -> None:
        line = Text(f"{name:<10}", style="dim")
        line.append(value if isinstance(value, Text) else Text(value))
        lines.append(line)

    field("When", f"{when(iv.at, now)} ({relative(iv.at, now)})")
    people = Text(", ").join(user(str(p)) for p in iv.interviewers) if iv.interviewers else "-"
    field("With", people)
    if iv.closed:
        field("Status", f"closed ({iv.outcome or 'no outcome given'})")
    else:
        field("Status", "open")
    done, total = progress(iv)
    field("Progress", f"{done}/{total} done")
    if iv.notes:
        field("Notes", user(iv.notes))
    lines.append(Text(""))
    lines.append(checklist_table(iv, now))
    return lines


def interviews_table(interviews: Sequence[Interview], now: datetime) -> Table:
    """`list`: one row per interview with progress and the next due step."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("Company")
    table.add_column("Role")
    table.add_column("When")
    table.add_column("Progress", justify="right")
    table.add_column("Next")
    for iv in interviews:
        done, total = progress(iv)
        upcoming = next_due(iv)
        if iv.closed:
            nxt = Text(f"closed ({iv.outcome})" if iv.outcome else "closed", style="dim")
        elif upcoming is None:
            nxt = Text("all done", style="green")
        else:
            nxt = Text(step_label(upcoming))
            if upcoming.who:
                nxt.append(" · ")
                nxt.append(clean(upcoming.who))
            nxt.append(" · ")
            nxt.append_text(due_text(upcoming, now))
        table.add_row(
            str(iv.id),
            user(iv.company),
            user(iv.role or "-"),
            when(iv.at, now),
            f"{done}/{total}",
            nxt,
        )
    return table
