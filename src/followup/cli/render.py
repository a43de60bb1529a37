"""Human output with Rich. User text always goes in as `Text`, never as markup.

`rich.console` is imported only when the output is styled (a terminal, or
FORCE_COLOR): piped output is laid out the same way and written as plain text,
which saves `status` the console's import and rendering.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from followup.core.text import clean

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
            parts.append(_wrapped(clean(item), width, fold=False) + "\n")
        elif isinstance(item, Text):
            parts.append(_wrapped(item.plain, width, fold=True) + "\n")
        elif isinstance(item, Unwrapped):  # a line the terminal wraps, or a pipe keeps whole
            parts.append(item.text.plain + "\n")
        elif isinstance(item, Grid):
            parts.extend(line + "\n" for line in item.plain_lines(width))
        else:  # any other Rich renderable
            from rich.console import Console

            sys.stdout.write("".join(parts))
            parts.clear()
            Console(highlight=False, emoji=False).print(item)
    sys.stdout.write("".join(parts))


def _wrapped(text: str, width: int, *, fold: bool) -> str:
    """`text` wrapped at spaces to `width` cells, line by line, as Rich wraps it in a
    terminal (`fold`: a word longer than a line is cut, as Rich folds it)."""
    if all(cell_len(line) <= width for line in text.split("\n")):
        return text
    import textwrap

    return "\n".join(
        textwrap.fill(line, width, break_long_words=fold, break_on_hyphens=False) or line
        for line in text.split("\n")
    )


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


class Whole(NamedTuple):
    """A cell never cut to fit: its column shrinks no narrower than it (a closed
    interview's `closed (no-response)` in a column of long names)."""

    cell: Cell


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
    A column never shrinks below its `Whole` cells.
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
        self.floors = [0] * len(columns)  # the widest `Whole` cell of each column

    def add_row(self, *cells: Cell | Alt | Whole) -> None:
        row = tuple(c.cell if isinstance(c, Whole) else c for c in cells)
        sizes = [
            (cell_len(_plain(c.full)), cell_len(_plain(c.short)))
            if isinstance(c, Alt)
            else (cell_len(_plain(c)),) * 2
            for c in row
        ]
        for i, cell in enumerate(cells):
            if isinstance(cell, Whole):
                self.floors[i] = max(self.floors[i], sizes[i][0])
        self.rows.append(row)
        self.sizes.append(sizes)

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
            return sum(
                max(0, widths[i] - max(floor, self.floors[i])) for i in shrinkable if i in widths
            )

        optional = sorted(
            (i for i, c in enumerate(self.columns) if c.optional),
            key=lambda i: self.columns[i].optional,
        )
        while excess() > slack(self.COMFORTABLE) and optional:
            del widths[optional.pop()]
        for floor in (self.COMFORTABLE, self.NARROWEST):
            over = excess()
            while over > 0:
                wide = [
                    i for i in shrinkable if i in widths and widths[i] > max(floor, self.floors[i])
                ]
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
