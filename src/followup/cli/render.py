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

from followup.core.checklist import is_overdue, next_due, progress
from followup.core.kinds import BY_NAME
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
    """A column of a `Grid`: its header, alignment, and whether it may be cut to fit."""

    header: str
    justify: str = "left"
    shrink: bool = False
    optional: bool = False


#: A grid cell: plain text, (text, style), or a styled `Text`.
Cell = str | tuple[str, str] | Text


def _plain(cell: Cell) -> str:
    if isinstance(cell, str):
        return cell
    return cell.plain if isinstance(cell, Text) else cell[0]


def _fit(text: str, width: int) -> str:
    """`text` cut to `width` cells with an ellipsis (wide characters count double)."""
    return text if cell_len(text) <= width else set_cell_size(text, width - 1) + "…"


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
    (`_pieces`) and two thin emitters. To fit the width, `optional` columns are
    left out, then `shrink` ones are cut with an ellipsis. Cells are never read as
    markup.
    """

    GAP = 2

    def __init__(self, *columns: Column) -> None:
        self.columns = columns
        self.rows: list[tuple[Cell, ...]] = []
        self.sizes: list[list[int]] = []  # cell widths, measured once

    def add_row(self, *cells: Cell) -> None:
        self.rows.append(cells)
        self.sizes.append([cell_len(_plain(c)) for c in cells])

    def _layout(self, max_width: int) -> dict[int, int]:
        """Column index -> width, for the columns that are shown."""
        natural = [cell_len(c.header) for c in self.columns]
        for sizes in self.sizes:
            natural = [max(pair) for pair in zip(natural, sizes, strict=True)]
        shown = list(range(len(self.columns)))

        def excess() -> int:
            return sum(natural[i] for i in shown) + self.GAP * (len(shown) - 1) - max_width

        # Leave out optional columns before cutting anyone's name short.
        optional = [i for i in shown if self.columns[i].optional]
        while excess() > 0 and optional:
            shown.remove(optional.pop())
        widths = {i: natural[i] for i in shown}
        over = excess()
        shrinkable = [i for i in shown if self.columns[i].shrink]
        while over > 0 and shrinkable:
            widest = max(shrinkable, key=lambda i: widths[i])
            if widths[widest] <= 8:
                break
            cut = min(over, widths[widest] - 8)
            widths[widest] -= cut
            over -= cut
        return widths

    def _pieces(self, max_width: int) -> Iterator[list[Cell]]:
        """The one layout: each line (the header first) as cells, cut to fit, and padding."""
        widths = self._layout(max_width)
        gap = " " * self.GAP
        header: tuple[Cell, ...] = tuple((c.header, "bold") for c in self.columns)
        header_sizes = [cell_len(c.header) for c in self.columns]
        for row, sizes in zip([header, *self.rows], [header_sizes, *self.sizes], strict=True):
            pieces: list[Cell] = []
            for i, width in widths.items():
                if pieces:
                    pieces.append(gap)
                cell, size = row[i], sizes[i]
                if size > width:
                    cell, size = _cut(cell, width), width
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


def status_table(rows: Sequence[tuple[Interview, Step]], now: datetime) -> Grid:
    """The `status` table: one row per step, overdue rows marked with `!`."""
    table = Grid(
        Column(""),
        Column("#", "right"),
        Column("Company", shrink=True),
        Column("Step", shrink=True),
        Column("Who", shrink=True),
        Column("Due"),
        Column("When", optional=True),
    )
    for iv, s in rows:
        table.add_row(
            ("!", "bold red") if is_overdue(s, now) else "",
            str(iv.id),
            clean(iv.company),
            (step_label(s), "dim" if s.status != "pending" else ""),
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
        Column("Due", optional=True),
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
        table.add_row(mark, step_label(s), user(s.who or "-"), local_time(s.due, now), state)
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
    done, total = progress(iv)
    field("Progress", f"{done}/{total} done")
    if iv.notes:
        first, *rest = iv.notes.split("\n")
        field("Notes", user(first))
        lines.extend(Text(" " * 10) + user(line) for line in rest)
    lines.append(Text(""))
    lines.append(checklist_table(iv, now))
    return lines


def interviews_table(interviews: Sequence[Interview], now: datetime) -> Grid:
    """`list`: one row per interview with progress and the next due step."""
    table = Grid(
        Column("#", "right"),
        Column("Company", shrink=True),
        Column("Role", shrink=True),
        Column("When", optional=True),
        Column("Progress", "right"),
        Column("Next", shrink=True),
    )
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
            local_time(iv.at, now),
            f"{done}/{total}",
            nxt,
        )
    return table


def drafts_section(commands: Sequence[str]) -> list[Text]:
    """`show`: the commands that print this interview's drafts (already made safe);
    nothing when there are none."""
    if not commands:
        return []
    return [Text(""), Text("Drafts", style="bold"), *(Text(f"  {c}") for c in commands)]
