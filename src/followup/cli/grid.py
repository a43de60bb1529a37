"""The grid that every table is laid out in (`status`, `list`, `show`, `agenda`...).

Rich's own `Table` measures, pads and wraps every cell; this one lays rows out once,
and writes plain lines for output that is not a terminal without importing
`rich.text` (or `rich.console`) at all: only a terminal's output is styled.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple, TypeAlias

from rich.cells import cell_len, set_cell_size

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions
    from rich.segment import Segment
    from rich.text import Text


class Column(NamedTuple):
    """A column of a `Grid`: its header, alignment, whether it may be cut to fit
    (`shrink`: free text), whether its cells wrap onto more lines instead, never cut
    (`wrap`: names, people), and whether it may be left out (`optional`: the higher,
    the sooner)."""

    header: str
    justify: str = "left"
    shrink: bool = False
    optional: int = 0
    wrap: bool = False


class Alt(NamedTuple):
    """A cell with a shorter form, used when the table is too wide for the long one
    (`email` for "Thank-you email")."""

    full: Cell
    short: Cell


#: A grid cell: plain text, (text, style), or a styled `Text`.
Cell: TypeAlias = "str | tuple[str, str] | Text"


class Whole(NamedTuple):
    """A cell never cut nor wrapped to fit: its column gets no narrower than it (a
    closed interview's `closed (no-response)` in a column of long names). With `keep`,
    only its first `keep` cells are held whole on the first line (a due time before a
    reason that may wrap)."""

    cell: Cell
    keep: int | None = None


def _plain(cell: Cell) -> str:
    if isinstance(cell, str):
        return cell
    return cell[0] if isinstance(cell, tuple) else cell.plain


def _fit(text: str, width: int) -> str:
    """`text` cut to `width` cells with an ellipsis (wide characters count double)."""
    if width_of(text) <= width:
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


#: A word, as lines break: up to a space, or up to and with a hyphen inside a word
#: ("Beckenbauer-" then "Łukasiewicz").
_WORD = re.compile(r"\S+?(?:-+(?=[^\s-])|(?=\s)|$)")


def width_of(text: str) -> int:
    """How many cells `text` takes on a terminal: Rich's `cell_len`, quicker for
    printable ASCII (one cell a character): a status of 400 rows measures thousands of
    cells."""
    return len(text) if text.isascii() and text.isprintable() else cell_len(text)


@functools.lru_cache(maxsize=4096)  # a company or a person is on many rows
def longest_word(text: str) -> int:
    """The width in cells of the widest word of `text` (as `wrap_spans` breaks it)."""
    return max((width_of(m.group()) for m in _WORD.finditer(text)), default=0)


@functools.lru_cache(maxsize=4096)
def wrap_spans(text: str, width: int) -> tuple[tuple[int, int], ...]:
    """Where `text` breaks into lines of at most `width` cells: (start, end) offsets,
    between words or after a hyphen; a word wider than a line is folded (every
    character kept, none replaced by an ellipsis)."""
    width = max(width, 1)
    spans: list[tuple[int, int]] = []
    start = end = -1
    for match in _WORD.finditer(text):
        a, b = match.span()
        if start >= 0 and width_of(text[start:b]) <= width:
            end = b
            continue
        if start >= 0:
            spans.append((start, end))
        while width_of(text[a:b]) > width:  # fold: as many characters as fit, one at least
            cut, used = a, 0
            while cut < b and (used + cell_len(text[cut]) <= width or cut == a):
                used += cell_len(text[cut])
                cut += 1
            spans.append((a, cut))
            a = cut
        start, end = a, b
    if start >= 0:
        spans.append((start, end))
    return tuple(spans) or ((0, 0),)


def _wrap(cell: Cell, width: int) -> list[Cell]:
    """`cell` in lines of at most `width` cells (`wrap_spans`), keeping its styles."""
    spans = wrap_spans(_plain(cell), width)
    if isinstance(cell, str):
        return [cell[a:b] for a, b in spans]
    if isinstance(cell, tuple):
        return [(cell[0][a:b], cell[1]) for a, b in spans]
    return [cell[a:b] for a, b in spans]


class Grid:
    """A plain table: each column as wide as its widest cell, two spaces apart.

    Rich's Table measures, pads and wraps every cell, about 0.4 ms a row; `status`
    on a busy job search lists hundreds of rows, so this lays rows out once: as
    lines of `Text` for a terminal, as plain strings otherwise: one layout
    (`_rows`) and thin emitters. Cells are never read as markup; they hold no tabs
    (user text goes in through `clean`, which shows one as `\\t`).

    With no width (a pipe or a file, COLUMNS unset), every row is one line, however
    long. To fit a width, in this order: cells with a shorter form (`Alt`) take it;
    `shrink` columns are cut with an ellipsis and `wrap` columns wrap, the widest
    first, so that they share the loss, down to COMFORTABLE cells (a `wrap` column
    to its widest word, if wider); `optional` columns are left out (the highest
    first) when that is not enough; then `shrink` columns are cut down to NARROWEST
    and `wrap` columns wrap down to their widest word; last, the columns move one
    space apart, and words are folded. A column never gets narrower than its `Whole`
    cells.
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
            (width_of(_plain(c.full)), width_of(_plain(c.short)))
            if isinstance(c, Alt)
            else (width_of(_plain(c)),) * 2
            for c in row
        ]
        for i, cell in enumerate(cells):
            if isinstance(cell, Whole):
                held = sizes[i][0] if cell.keep is None else min(cell.keep, sizes[i][0])
                self.floors[i] = max(self.floors[i], held)
        self.rows.append(row)
        self.sizes.append(sizes)

    def _words(self, short: bool) -> list[int]:
        """For each `wrap` column, its widest word (0 for the other columns)."""
        words = [0] * len(self.columns)
        for i, column in enumerate(self.columns):
            if not column.wrap:
                continue
            for row in self.rows:
                cell = row[i]
                if isinstance(cell, Alt):
                    cell = cell.short if short else cell.full
                words[i] = max(words[i], longest_word(_plain(cell)))
        return words

    def _layout(self, max_width: int | None) -> tuple[dict[int, int], bool, int]:
        """Column index -> width, for the columns that are shown; whether the short
        forms are used; and the gap between columns (one space rather than a word
        folded)."""
        headers = [width_of(c.header) for c in self.columns]

        def natural(form: int) -> list[int]:
            widths = list(headers)
            for sizes in self.sizes:
                widths = [max(w, size[form]) for w, size in zip(widths, sizes, strict=True)]
            return widths

        short, gap = False, self.GAP
        widths = dict(enumerate(natural(0)))
        if max_width is None:
            return widths, short, gap

        def excess() -> int:
            return _line_width(widths, gap) - max_width

        if excess() <= 0:
            return widths, short, gap
        if any(isinstance(c, Alt) for row in self.rows for c in row):
            short = True
            widths = dict(enumerate(natural(1)))
        fitting = [i for i, c in enumerate(self.columns) if c.shrink or c.wrap]
        words = self._words(short) if any(c.wrap for c in self.columns) else []

        def floor(i: int, stage: int) -> int:
            """How narrow column i may get: 0 comfortable, 1 narrowest, 2 words folded."""
            least = self.floors[i]
            if self.columns[i].wrap and stage < 2:
                least = max(least, words[i])
            return max(least, self.COMFORTABLE if stage == 0 else self.NARROWEST)

        def slack(stage: int) -> int:
            return sum(max(0, widths[i] - floor(i, stage)) for i in fitting if i in widths)

        optional = sorted(
            (i for i, c in enumerate(self.columns) if c.optional),
            key=lambda i: self.columns[i].optional,
        )
        while excess() > slack(0) and optional:
            del widths[optional.pop()]
        for stage in (0, 1, 2):
            if stage == 2 and excess() > 0:
                gap = 1
            over = excess()
            while over > 0:
                wide = [i for i in fitting if i in widths and widths[i] > floor(i, stage)]
                if not wide:
                    break
                widths[max(wide, key=lambda i: widths[i])] -= 1
                over -= 1
        return widths, short, gap

    def _rows(
        self, max_width: int | None, layout: tuple[dict[int, int], bool, int] | None = None
    ) -> Iterator[list[list[Cell]]]:
        """The one layout: each row (the header first) as its lines, each line as cells
        and padding; a `wrap` cell too wide for its column goes on over more lines."""
        widths, short, spaces = layout or self._layout(max_width)
        form = 1 if short else 0
        gap = " " * spaces
        header: tuple[Cell, ...] = tuple((c.header, "bold") for c in self.columns)
        header_sizes = [(width_of(c.header),) * 2 for c in self.columns]
        right = [c.justify == "right" for c in self.columns]
        for row, sizes in zip([header, *self.rows], [header_sizes, *self.sizes], strict=True):
            stacks: list[list[tuple[Cell, int]]] = []
            height = 1
            for i, width in widths.items():
                cell, size = row[i], sizes[i][form]
                if isinstance(cell, Alt):
                    cell = cell.short if short else cell.full
                if size <= width:
                    stacks.append([(cell, size)])
                elif self.columns[i].wrap and row is not header:
                    stacks.append([(c, width_of(_plain(c))) for c in _wrap(cell, width)])
                    height = max(height, len(stacks[-1]))
                else:
                    cut = _cut(cell, width)
                    stacks.append([(cut, width_of(_plain(cut)))])
            lines: list[list[Cell]] = []
            for n in range(height):
                pieces: list[Cell] = []
                for (i, width), stack in zip(widths.items(), stacks, strict=True):
                    if pieces:
                        pieces.append(gap)
                    cell, size = stack[n] if n < len(stack) else ("", 0)
                    pad = " " * (width - size)
                    pieces.extend((pad, cell) if right[i] else (cell, pad))
                lines.append(pieces)
            yield lines

    def _pieces(
        self, max_width: int | None, layout: tuple[dict[int, int], bool, int] | None = None
    ) -> Iterator[list[Cell]]:
        for lines in self._rows(max_width, layout):
            yield from lines

    def plain_lines(self, max_width: int | None) -> Iterator[str]:
        """The lines as plain strings, fitted to `max_width` cells (None: no limit)."""
        for pieces in self._pieces(max_width):
            line = "".join(map(_plain, pieces)).rstrip()
            yield line if max_width is None else _fit(line, max_width)

    def lines(self, max_width: int) -> Iterator[Text]:
        """The lines as styled `Text`, fitted to `max_width` cells."""
        for pieces in self._pieces(max_width):
            yield self._styled(pieces, max_width)

    def row_lines(self, max_width: int | None) -> list[list[Text]]:
        """Each row's lines (the header's first) as styled `Text`: a row may take
        several lines when a cell wraps."""
        return [[self._styled(p, max_width) for p in lines] for lines in self._rows(max_width)]

    @staticmethod
    def _styled(pieces: list[Cell], max_width: int | None) -> Text:
        from rich.text import Text  # styled output only

        line = Text.assemble(*pieces, no_wrap=True, overflow="ellipsis", end="\n")
        line.rstrip()
        if max_width is not None:
            line.truncate(max_width, overflow="ellipsis")
        return line

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[Text | Segment]:
        """For a terminal: when every line fits (the usual case), each piece as a
        Segment, which Rich writes as it is (a line as `Text` is measured, divided and
        cropped again: 40 ms for a status of 400 rows); else the lines as `Text`."""
        from rich.control import strip_control_codes
        from rich.segment import Segment

        layout = widths, _, gap = self._layout(options.max_width)
        if _line_width(widths, gap) > options.max_width:
            for pieces in self._pieces(options.max_width, layout):
                yield self._styled(pieces, options.max_width)
            return
        newline = Segment.line()
        for lines in self._rows(options.max_width, layout):
            for pieces in lines:
                # Control codes out, as Text takes them out, then the line's end trimmed.
                pieces = [
                    strip_control_codes(p)
                    if isinstance(p, str)
                    else ((strip_control_codes(p[0]), p[1]) if isinstance(p, tuple) else p)
                    for p in pieces
                ]
                for piece in _rstripped(pieces):
                    if isinstance(piece, str):
                        yield Segment(piece)
                    elif isinstance(piece, tuple):
                        yield Segment(piece[0], console.get_style(piece[1]) if piece[1] else None)
                    elif piece.spans:  # Text: its own style comes with its spans
                        yield from piece.render(console)
                    else:
                        yield Segment(piece.plain, console.get_style(piece.style) or None)
                yield newline


def _line_width(widths: dict[int, int], gap: int) -> int:
    """The width of a line of these columns, `gap` cells apart."""
    return sum(widths.values()) + gap * (len(widths) - 1)


def _rstripped(pieces: list[Cell]) -> list[Cell]:
    """A line's pieces without the white space at its end, as `Text.rstrip` leaves it."""
    while pieces:
        text = _plain(pieces[-1])
        kept = text.rstrip()
        if kept:
            if kept != text:
                last = pieces[-1]
                pieces[-1] = (
                    kept
                    if isinstance(last, str)
                    else ((kept, last[1]) if isinstance(last, tuple) else last[: len(kept)])
                )
            break
        pieces.pop()
    return pieces
