"""What interviews look like for people: the list and checklist tables, an
interview's details, the season's figures. Laid out by `grid.Grid` (the status table
and the words for steps and due times are in `steps`); user text always goes in as
`Text` or plain cells, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.text import Text

from followup.cli.grid import Alt, Cell, Column, Grid, Whole
from followup.cli.render import styled, user
from followup.cli.steps import days_left, due_cell, local_time, step_cell, step_label, time_columns
from followup.core.checklist import is_overdue, next_due, progress, unanswered_checkins
from followup.core.distance import relative
from followup.core.kinds import AFTER_CLOSE
from followup.core.lookup import application_roots
from followup.core.models import Interview, Step
from followup.core.text import clean
from followup.core.zones import to_local


def due_text(step: Step, now: datetime) -> Text:
    """`due_cell` as styled text."""
    text, style = due_cell(step, now)
    return Text(text, style=style)


def checklist_table(iv: Interview, now: datetime) -> Grid:
    """One interview's steps with their state."""
    table = Grid(
        Column(""),
        Column("Step"),
        Column("Who", wrap=True),
        Column("Due", optional=time_columns(styled())[1]),
        Column("State", wrap=True),
    )
    for s in iv.steps:
        # A closed interview is past caring, but for its reply and decision.
        late = is_overdue(s, now) and (not iv.closed or s.step in AFTER_CLOSE)
        mark = {"done": Text("✓", style="green"), "skipped": Text("-", style="dim")}.get(
            s.status, Text("!", style="bold red") if late else Text("·")
        )
        if iv.closed and s.status == "pending" and s.step not in AFTER_CLOSE:
            state = Text("not done", style="dim")
        else:
            state = due_text(s, now)
        held = state.cell_len  # the due time stays whole on the first line; a reason may wrap
        if s.reason:
            state.append(f" ({clean(s.reason)})")
        if s.snoozed_from is not None and s.status == "pending":
            was = to_local(s.snoozed_from).strftime("%a %d %b")
            state.append(f" (snoozed from {was})", style="dim")
        table.add_row(
            mark, step_cell(s), user(s.who or "-"), local_time(s.due, now), Whole(state, held)
        )
    return table


def interview_detail(iv: Interview, now: datetime) -> list[Text | Grid]:
    """`show`: the interview's details, then its checklist and progress."""
    title = Text(f"#{iv.id} ", style="bold")
    title.append(clean(iv.company), style="bold")
    if iv.role:
        title.append(" - ")
        title.append(clean(iv.role))
    lines: list[Text | Grid] = [title]

    def field(name: str, value: Text | str) -> None:
        line = Text(f"{name:<10}", style="dim")
        line.append(value if isinstance(value, Text) else Text(value))
        lines.append(line)

    field("When", f"{local_time(iv.at, now)} ({relative(iv.at, now)})")
    people = Text(", ").join(user(str(p)) for p in iv.interviewers) if iv.interviewers else "-"
    field("With", people)
    if iv.closed:
        field("Status", f"closed ({iv.outcome or 'no outcome given'})")
    else:
        field("Status", "open")
    if iv.round > 1:
        field("Round", f"{iv.round}" + (f" (after #{iv.previous})" if iv.previous else ""))
    if iv.decision is not None:
        field("Decision", f"{local_time(iv.decision, now)} ({relative(iv.decision, now)})")
    if iv.replied_at is not None:
        field("Reply", f"replied {local_time(iv.replied_at, now)}")
    if iv.deadline is not None:
        left = days_left(iv.deadline, now) if iv.deadline >= now else relative(iv.deadline, now)
        field("Deadline", f"{local_time(iv.deadline, now)} ({left})")
    done, total = progress(iv)
    field("Progress", f"{done}/{total} done")
    for index, topic in enumerate(iv.topics):
        line = user(topic.text)
        if topic.who:
            line = user(topic.who) + Text(": ") + line
        field("Topics" if index == 0 else "", line)
    if iv.notes:
        first, *rest = iv.notes.split("\n")
        field("Notes", user(first) + Text(" (private)", style="dim") if not rest else user(first))
        lines.extend(Text(" " * 10) + user(line) for line in rest)
    unanswered = unanswered_checkins(iv)
    if unanswered:
        times = "check-in" if unanswered == 1 else "check-ins"
        field(
            "Reply",
            Text(
                f"no reply after {unanswered} {times}: followup close {iv.id} "
                "--outcome no-response",
                style="yellow",
            ),
        )
    lines.append(Text(""))
    lines.append(checklist_table(iv, now))
    return lines


def interviews_table(interviews: Sequence[Interview], now: datetime) -> Grid:
    """`list`: one row per interview with progress, and its next step and when it is due."""
    relative_optional, absolute_optional = time_columns(styled())
    table = Grid(
        Column("#", "right"),
        Column("Company", wrap=True),
        Column("Role", shrink=True, optional=3),
        Column("When", optional=2),
        Column("Progress", "right"),
        Column("Next", wrap=True),
        Column("Due", optional=relative_optional),
        Column("On", optional=absolute_optional),
    )
    shown_before: set[int] = set()
    for iv in grouped_by_application(interviews):
        done, total = progress(iv)
        upcoming = next_due(iv)
        due: Cell = ""
        on: Cell = ""
        unanswered = unanswered_checkins(iv)
        if iv.closed:
            ended = f"closed ({iv.outcome})" if iv.outcome else "closed"
            nxt: Cell | Alt | Whole = Whole(Text(ended, style="dim"))  # never "closed (no-re…"
        elif unanswered:
            times = "check-in" if unanswered == 1 else "check-ins"
            nxt = Alt(
                Text(f"no reply after {unanswered} {times}: close it?", style="yellow"),
                Text("no reply: close it?", style="yellow"),
            )
        elif upcoming is None:
            nxt = Text("all done", style="green")
        else:
            label, name = Text(step_label(upcoming)), Text(upcoming.step)
            if upcoming.who:
                for text in (label, name):
                    text.append(" · ")
                    text.append(clean(upcoming.who))
            nxt = Alt(label, name)
            due = due_text(upcoming, now)
            on = (local_time(upcoming.due, now), "dim")
        company = user(iv.company)
        if iv.previous is not None and iv.previous in shown_before:
            company = Text(f"└ round {iv.round}", style="dim")
        elif iv.round > 1:
            company.append(f" (round {iv.round})", style="dim")
        shown_before.add(iv.id)
        table.add_row(
            str(iv.id),
            company,
            user(iv.role or "-"),
            local_time(iv.at, now),
            f"{done}/{total}",
            nxt,
            due,
            on,
        )
    return table


def grouped_by_application(interviews: Sequence[Interview]) -> list[Interview]:
    """Interviews in number order, each application's later rounds right after its first."""
    roots = application_roots(interviews)
    return sorted(interviews, key=lambda iv: (roots[iv.id], iv.round, iv.id))


def drafts_section(commands: Sequence[str]) -> list[Text]:
    """`show`: the commands that print this interview's drafts (already made safe);
    nothing when there are none."""
    if not commands:
        return []
    return [Text(""), Text("Drafts", style="bold"), *(Text(f"  {c}") for c in commands)]


#: The widest bar of `stats`, in characters; a bar is drawn with these two, which
#: survive a pipe, a file and NO_COLOR.
BAR, FULL, EMPTY = 30, "#", "."


def _bar(part: int, whole: int, cells: int) -> Text:
    """`part` of `whole` as a bar `cells` wide: '#' for the part, '.' for the rest."""
    filled = round(cells * part / whole) if whole else 0
    if part and not filled:
        filled = 1  # one is not none
    bar = Text(FULL * filled, style="cyan")
    bar.append(EMPTY * (cells - filled), style="dim")
    return bar


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def season_lines(season, width: int) -> list[Text]:
    """`stats` for people: the season as lines of at most `width` cells (from 40 up).
    `season` is a `features.stats.Season`."""
    from followup.features.stats import OUTCOME_KEYS

    label = 13  # "  no-response"
    days = [f"{d:.1f}" for d in season.reply_days]
    number = max(4, *(len(str(n)) for n in (season.applications, season.interviews)))
    number = max(number, *(len(d) for d in days)) if days else number
    after = len(" 100% of round 9")  # the longest note after a bar
    cells = max(5, min(BAR, width - label - number - 2 - after))

    def row(name: str, count: str, bar: Text | None = None, note: str = "") -> Text:
        line = Text(f"  {name:<{label - 2}}")
        line.append(f"{count:>{number}}  ")
        if bar is not None:
            line.append_text(bar)
            line.append(" ")
        line.append(note, style="dim")
        line.rstrip()
        return line

    def heading(text: str) -> Text:
        return Text(text, style="bold")

    apps = season.applications
    lines = [
        heading(
            f"{apps} application{'s' if apps != 1 else ''}, {season.interviews} interview "
            f"round{'s' if season.interviews != 1 else ''}"
        ),
        heading("How they ended"),
    ]
    for key in OUTCOME_KEYS:
        n = season.outcomes[key]
        lines.append(row(key, str(n), _bar(n, apps, cells), _percent(n, apps)))
    if season.unknown_outcome:
        n = season.unknown_outcome
        lines.append(row("not said", str(n), _bar(n, apps, cells), _percent(n, apps)))
    if len(season.reached) > 1:
        lines.append(heading("How far they got"))
        for index, n in enumerate(season.reached):
            before = season.reached[index - 1] if index else apps
            note = f"{_percent(n, before)} of round {index}" if index else ""
            lines.append(row(f"round {index + 1}", str(n), _bar(n, apps, cells), note))
    t = season.timeliness
    lines.append(heading("Done on time"))
    if t.counted:
        for kind, k in [("all steps", t), *season.by_step.items()]:
            bar = _bar(k.on_time, k.counted, cells)
            note = f"{k.on_time} of {k.counted}"
            lines.append(row(kind, _percent(k.on_time, k.counted), bar, note))
    else:
        lines.append(Text("  nothing done or due yet", style="dim"))
    lines.append(heading("Answers"))
    of = f"of {season.interviews} round{'s' if season.interviews != 1 else ''}"
    lines.append(row("answered", str(season.replied), note=of))
    if season.reply_days:
        median = f"{season.median_days_to_reply:.1f}"
        lines.append(row("median", median, note="days from the interview to the answer"))
        lines.append(row("fastest", f"{min(season.reply_days):.1f}", note="days"))
        lines.append(row("slowest", f"{max(season.reply_days):.1f}", note="days"))
    return lines
