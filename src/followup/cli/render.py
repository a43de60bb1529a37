"""Human output with Rich. User text always goes in as `Text`, never as markup.

`rich.console` is imported only when the output is styled (a terminal, or
FORCE_COLOR): piped output is laid out the same way and written as plain text,
which saves `status` the console's import and rendering.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from followup.core.checklist import is_overdue, next_due, progress, unanswered_checkins
from followup.core.kinds import BY_NAME
from followup.core.lookup import application_roots
from followup.core.models import Interview, Step
from followup.core.text import clean
from followup.core.when import overdue_by, relative, to_local

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions


def out() -> Console:
    """The console for results (stdout)."""
    from rich.console import Console

    return Console(highlight=False, emoji=False)


def err() -> Console:
    """The console for messages (stderr)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, emoji=False)


def styled(stream: Any = None) -> bool:
    """Whether `stream` (stdout) gets styles: a terminal, or colour forced, as Rich decides."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    if os.environ.get("TTY_COMPATIBLE") == "0":
        return False
    try:
        return (stream or sys.stdout).isatty()
    except (AttributeError, ValueError):
        return False


def plain_width() -> int:
    """The width Rich would use for output that is not a terminal: COLUMNS, else 80."""
    try:
        return max(int(os.environ.get("COLUMNS", "")), 1)
    except ValueError:
        return 80


class Unwrapped(NamedTuple):
    """A line that the terminal wraps, not Rich: a long path stays whole, to copy."""

    text: Text


def show(*items: Any) -> None:
    """Print results on stdout: str (plain text, never markup), `Text`, `Unwrapped`, `Grid`."""
    if styled():
        console = out()
        for item in items:
            if isinstance(item, Unwrapped):
                console.print(item.text, soft_wrap=True)
            else:
                console.print(Text(clean(item)) if isinstance(item, str) else item)
        return
    width = plain_width()
    parts: list[str] = []
    for item in items:
        if isinstance(item, str):
            text = clean(item)
            if cell_len(text) > width:  # wrap at spaces, as Rich would
                import textwrap

                text = textwrap.fill(text, width, break_long_words=False, break_on_hyphens=False)
            parts.append(text + "\n")
        elif isinstance(item, Text | Unwrapped):
            parts.append((item.text if isinstance(item, Unwrapped) else item).plain + "\n")
        elif isinstance(item, Grid):
            parts.extend(line + "\n" for line in item.plain_lines(width))
        else:  # any other Rich renderable
            from rich.console import Console

            sys.stdout.write("".join(parts))
            parts.clear()
            Console(highlight=False, emoji=False).print(item)
    sys.stdout.write("".join(parts))


def user(text: str, style: str = "") -> Text:
    """User-typed text, shown as typed: never markup, no raw control characters."""
    return Text(clean(text), style=style)


def message(text: str | Text, style: str = "") -> None:
    """A message line on stderr, styled when stderr is a terminal. Never markup."""
    line = text if isinstance(text, Text) else Text(text, style=style)
    if styled(sys.stderr):
        err().print(line)
    else:
        sys.stderr.write(line.plain + "\n")


class Column(NamedTuple):
    """A column of a `Grid`: its header, alignment, whether it may be cut to fit
    (`shrink`), and whether it may be left out (`optional`: the higher, the sooner)."""

    header: str
    justify: str = "left"
    shrink: bool = False
    optional: int = 0


class Alt(NamedTuple):
    """A cell with a shorter form, used when the table is too wide for the long one
    (`email` for "Thank-you email")."""

    full: Cell
    short: Cell


#: A grid cell: plain text, (text, style), or a styled `Text`.
Cell = str | tuple[str, str] | Text


def _plain(cell: Cell) -> str:
    if isinstance(cell, str):
        return cell
    return cell.plain if isinstance(cell, Text) else cell[0]


def _fit(text: str, width: int) -> str:
    """`text` cut to `width` cells with an ellipsis (wide characters count double)."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"  # "International…", not "… …"


def _cut(cell: Cell, width: int) -> Cell:
    """`cell` cut to `width` cells with an ellipsis, keeping its styles."""
    if isinstance(cell, str):
        return _fit(cell, width)
    if isinstance(cell, tuple):
        return _fit(cell[0], width), cell[1]
    cut = cell.copy()
    cut.truncate(width, overflow="ellipsis")
    return cut


class Grid:
    """A plain table: each column as wide as its widest cell, two spaces apart.

    Rich's Table measures, pads and wraps every cell, about 0.4 ms a row; `status`
    on a busy job search lists hundreds of rows, so this lays rows out once: as
    lines of `Text` for a terminal, as plain strings otherwise: one layout
    (`_pieces`) and two thin emitters. Cells are never read as markup.

    To fit the width, in this order: cells with a shorter form (`Alt`) take it;
    `shrink` columns are cut with an ellipsis, the widest first, so that they share
    the loss, down to COMFORTABLE cells; `optional` columns are left out (the highest
    first) when that is not enough; then `shrink` columns are cut down to NARROWEST.
    """

    GAP = 2
    #: Names are cut down to this many cells before a column is left out...
    COMFORTABLE = 12
    #: ...and to this many, at most, after.
    NARROWEST = 6

    def __init__(self, *columns: Column) -> None:
        self.columns = columns
        self.rows: list[tuple[Cell | Alt, ...]] = []
        self.sizes: list[list[tuple[int, int]]] = []  # (full, short) widths, measured once

    def add_row(self, *cells: Cell | Alt) -> None:
        self.rows.append(cells)
        self.sizes.append(
            [
                (cell_len(_plain(c.full)), cell_len(_plain(c.short)))
                if isinstance(c, Alt)
                else (cell_len(_plain(c)),) * 2
                for c in cells
            ]
        )

    def _layout(self, max_width: int) -> tuple[dict[int, int], bool]:
        """Column index -> width, for the columns that are shown; and whether the
        short forms are used."""
        headers = [cell_len(c.header) for c in self.columns]

        def natural(form: int) -> list[int]:
            widths = list(headers)
            for sizes in self.sizes:
                widths = [max(w, size[form]) for w, size in zip(widths, sizes, strict=True)]
            return widths

        short = False
        widths = dict(enumerate(natural(0)))

        def excess() -> int:
            return sum(widths.values()) + self.GAP * (len(widths) - 1) - max_width

        if excess() > 0 and any(isinstance(c, Alt) for row in self.rows for c in row):
            short = True
            widths = dict(enumerate(natural(1)))
        shrinkable = [i for i, c in enumerate(self.columns) if c.shrink]

        def slack(floor: int) -> int:
            return sum(max(0, widths[i] - floor) for i in shrinkable if i in widths)

        optional = sorted(
            (i for i, c in enumerate(self.columns) if c.optional),
            key=lambda i: self.columns[i].optional,
        )
        while excess() > slack(self.COMFORTABLE) and optional:
            del widths[optional.pop()]
        for floor in (self.COMFORTABLE, self.NARROWEST):
            over = excess()
            while over > 0:
                wide = [i for i in shrinkable if i in widths and widths[i] > floor]
                if not wide:
                    break
                widths[max(wide, key=lambda i: widths[i])] -= 1
                over -= 1
        return widths, short

    def _pieces(self, max_width: int) -> Iterator[list[Cell]]:
        """The one layout: each line (the header first) as cells, cut to fit, and padding."""
        widths, short = self._layout(max_width)
        form = 1 if short else 0
        gap = " " * self.GAP
        header: tuple[Cell, ...] = tuple((c.header, "bold") for c in self.columns)
        header_sizes = [(cell_len(c.header),) * 2 for c in self.columns]
        for row, sizes in zip([header, *self.rows], [header_sizes, *self.sizes], strict=True):
            pieces: list[Cell] = []
            for i, width in widths.items():
                if pieces:
                    pieces.append(gap)
                cell, size = row[i], sizes[i][form]
                if isinstance(cell, Alt):
                    cell = cell.short if short else cell.full
                if size > width:
                    cell = _cut(cell, width)
                    size = cell_len(_plain(cell))
                pad = " " * (width - size)
                right = self.columns[i].justify == "right"
                pieces.extend((pad, cell) if right else (cell, pad))
            yield pieces

    def plain_lines(self, max_width: int) -> Iterator[str]:
        """The lines as plain strings, fitted to `max_width` cells."""
        for pieces in self._pieces(max_width):
            yield _fit("".join(map(_plain, pieces)).rstrip(), max_width)

    def lines(self, max_width: int) -> Iterator[Text]:
        """The lines as styled `Text`, fitted to `max_width` cells."""
        for pieces in self._pieces(max_width):
            line = Text.assemble(*pieces, no_wrap=True, overflow="ellipsis", end="\n")
            line.rstrip()
            line.truncate(max_width, overflow="ellipsis")
            yield line

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        yield from self.lines(options.max_width)


def local_time(moment: datetime, now: datetime) -> str:
    """'Wed 25 Nov 14:00' in local time (the year too when it is not this year's)."""
    local = to_local(moment)
    fmt = "%a %d %b %H:%M" if local.year == to_local(now).year else "%a %d %b %Y %H:%M"
    return local.strftime(fmt)


def due_cell(step: Step, now: datetime) -> tuple[str, str]:
    """How a step's due time reads, and its style: '2 d overdue', 'in 5 h', 'done 2 h ago'."""
    if step.status == "pending":
        if is_overdue(step, now):
            return overdue_by(step.due, now), "bold red"
        return relative(step.due, now), ""
    ago = relative(step.done_at or step.due, now)
    ago = "just now" if ago == "now" else ago
    return f"{step.status} {ago}", "green" if step.status == "done" else "dim"


def due_text(step: Step, now: datetime) -> Text:
    """`due_cell` as styled text."""
    text, style = due_cell(step, now)
    return Text(text, style=style)


def step_label(step: Step) -> str:
    return BY_NAME[step.step].label


def _times(terminal: bool) -> tuple[int, int]:
    """How optional the relative and the absolute due time are: in a terminal the
    relative one is read now and the absolute may go; in a pipe (a file read tomorrow,
    when "in 4 h" means nothing) the absolute one stays."""
    return (0, 1) if terminal else (1, 0)


def step_cell(step: Step, style: str = "") -> Alt:
    """A step's label, or its STEP word (`email`) when the table is narrow."""
    return Alt((step_label(step), style), (step.step, style))


def status_table(rows: Sequence[tuple[Interview, Step]], now: datetime) -> Grid:
    """The `status` table: one row per step, overdue rows marked with `!`."""
    relative_optional, absolute_optional = _times(styled())
    table = Grid(
        Column(""),
        Column("#", "right"),
        Column("Company", shrink=True),
        Column("Step"),
        Column("Who", shrink=True),
        Column("Due", optional=relative_optional),
        Column("When", optional=absolute_optional),
    )
    for iv, s in rows:
        table.add_row(
            ("!", "bold red") if is_overdue(s, now) else "",
            str(iv.id),
            clean(iv.company),
            step_cell(s, "dim" if s.status != "pending" else ""),
            clean(s.who or "-"),
            due_cell(s, now),
            (local_time(s.due, now), "dim"),
        )
    return table


def checklist_table(iv: Interview, now: datetime) -> Grid:
    """One interview's steps with their state."""
    table = Grid(
        Column(""),
        Column("Step"),
        Column("Who", shrink=True),
        Column("Due", optional=_times(styled())[1]),
        Column("State"),
    )
    for s in iv.steps:
        late = is_overdue(s, now) and not iv.closed  # a closed interview is past caring
        mark = {"done": Text("✓", style="green"), "skipped": Text("-", style="dim")}.get(
            s.status, Text("!", style="bold red") if late else Text("·")
        )
        if iv.closed and s.status == "pending":
            state = Text("not done", style="dim")
        else:
            state = due_text(s, now)
        if s.reason:
            state.append(f" ({clean(s.reason)})")
        table.add_row(mark, step_cell(s), user(s.who or "-"), local_time(s.due, now), state)
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
    relative_optional, absolute_optional = _times(styled())
    table = Grid(
        Column("#", "right"),
        Column("Company", shrink=True),
        Column("Role", shrink=True, optional=3),
        Column("When", optional=2),
        Column("Progress", "right"),
        Column("Next", shrink=True),
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
            nxt: Cell | Alt = Text(ended, style="dim")
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
